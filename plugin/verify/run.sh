#!/usr/bin/env bash
# Verifies the FieldVAE KNIME bundle against a KNIME Analytics Platform 5.6+ plugins/ folder (see README.md):
#   1. compiles plugin/src and plugin/src-plain with the Eclipse compiler, each KNIME bundle's Export-Package
#      applied as access rules (forbidden outside the exports, discouraged for x-internal);
#   2. runs the headless checks (plugin/verify/src) with the real KNIME classes inside Equinox (EquinoxLauncher: the
#      plugins folder, the FieldVAE bundle, its native fragment and the checks as its fragment): every node's
#      configure and execute through KNIME's WorkflowManager on small data, the port objects' round trip, the
#      learner's resume from its internals, and every example workflow loaded, then built at a tiny size and executed.
#
# usage: [EXAMPLES=generate] plugin/verify/run.sh PLUGINS_FOLDER [compile]
#   EXAMPLES=generate  first rewrite example-workflows/*/knime/<name>/ (ExampleWorkflows: the small specs' workflows);
#                      EXAMPLES=generate-only or run-only: only the example workflows, not the node-by-node checks
#   PLUGINS_FOLDER  e.g. ~/knime_5.6.0/plugins, or OUT/plugins of build-knime-jars.sh
#   compile         stop after step 1
# Work files go to $VERIFY_WORK (default: a fresh temporary folder). Needs JDK 17 and Maven (the Eclipse compiler
# and the engine's libraries come from Maven Central, or from ~/.m2 when cached).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
plugins=$(cd "${1:?usage: run.sh PLUGINS_FOLDER [compile]}" && pwd)
stop_after=${2:-all}
work=${VERIFY_WORK:-$(mktemp -d -t fieldvae-knime-verify.XXXXXX)}
mkdir -p "$work"
ecj_version=3.40.0
sep=:; case "$(uname -s)" in MINGW*|MSYS*|CYGWIN*) sep=';';; esac
mvn_offline=${MVN_OFFLINE:-}   # MVN_OFFLINE=-o when ~/.m2 holds everything

echo "== work folder $work"
echo "== the Eclipse compiler and the engine's libraries"
mvn -B -q $mvn_offline dependency:copy -Dartifact=org.eclipse.jdt:ecj:$ecj_version -DoutputDirectory="$work/tools"
mvn -B -q $mvn_offline -f "$repo/pom.xml" -pl core -am package -DskipTests
rm -rf "$work/lib"; mkdir -p "$work/lib"
# as plugin/lib/fetch-jars does for the update site: the engine and its run-time libraries, versions stripped
# (the natives go to the platform fragments: kept apart in natives/, used only for the headless run)
mvn -B -q $mvn_offline -f "$repo/core/pom.xml" dependency:copy-dependencies -DincludeScope=runtime -Dmdep.stripVersion=true \
    -DexcludeArtifactIds=slf4j-api -DexcludeClassifiers="$(sed -n 's|.*<native.classifiers>\(.*\)</native.classifiers>.*|\1|p' "$repo/pom.xml")" \
    -DoutputDirectory="$work/lib"
rm -rf "$work/natives"
mvn -B -q $mvn_offline -f "$repo/core/pom.xml" dependency:copy-dependencies -DincludeScope=runtime \
    -Dmdep.stripVersion=true -DincludeArtifactIds=javacpp,openblas,nd4j-native,nd4j-native-preset \
    -DoutputDirectory="$work/natives"
cp "$repo"/core/target/fieldvae-core-*[0-9T].jar "$work/lib/fieldvae-core.jar"

echo "== the harness's bundle reader"
rm -rf "$work/tools/classes"; mkdir -p "$work/tools/classes"
javac --release 17 -d "$work/tools/classes" "$here"/src/org/fieldvae/knime/verify/{ManifestClause,Bundle,BundleFolder,AccessRules,Classpaths}.java
classpaths() { java -cp "$work/tools/classes" org.fieldvae.knime.verify.Classpaths "$@"; }

echo "== Bundle-ClassPath of plugin/META-INF/MANIFEST.MF against the engine's libraries"
missing=0
for entry in $(sed -n '/^Bundle-ClassPath:/,/^[A-Z][A-Za-z-]*:/p' "$repo/plugin/META-INF/MANIFEST.MF" \
               | grep -o 'lib/[A-Za-z0-9._-]*\.jar'); do
  if [ ! -f "$work/$entry" ]; then echo "   not built: $entry"; missing=$((missing + 1)); fi
done
for jar in "$work"/lib/*.jar; do
  grep -q "lib/$(basename "$jar")" "$repo/plugin/META-INF/MANIFEST.MF" || { echo "   not in Bundle-ClassPath: lib/$(basename "$jar")"; missing=$((missing + 1)); }
done

echo "== ecj with the KNIME bundles' access rules"
classes=$work/plugin-classes
rm -rf "$classes"; mkdir -p "$classes"
compile_cp=$(classpaths ecj "$plugins" "$repo/plugin/META-INF/MANIFEST.MF" | paste -sd "$sep" -)
compile_cp=$compile_cp$sep$(ls "$work"/lib/*.jar | paste -sd "$sep" -)
find "$repo/plugin/src" "$repo/plugin/src-plain" -name '*.java' >"$work/plugin-sources.txt"
set +e
java -jar "$work/tools/ecj-$ecj_version.jar" -17 -proc:none -encoding UTF-8 -err:+forbidden -warn:+discouraged \
     -d "$classes" -cp "$compile_cp" @"$work/plugin-sources.txt" >"$work/ecj.log" 2>&1
ecj_rc=$?
set -e
(cd "$repo/plugin/src" && find . -type f ! -name '*.java' -exec cp --parents {} "$classes/" \;)
cp "$repo/plugin/plugin.xml" "$classes/plugin.xml"
errors=$(grep -c '^[0-9]*\. ERROR in' "$work/ecj.log" || true)
forbidden=$(grep -A3 '^[0-9]*\. ERROR in' "$work/ecj.log" | grep -c 'Access restriction' || true)
discouraged=$(grep -A3 '^[0-9]*\. WARNING in' "$work/ecj.log" | grep -c 'Discouraged access' || true)
warnings=$(grep -c '^[0-9]*\. WARNING in' "$work/ecj.log" || true)
echo "   $(wc -l <"$work/plugin-sources.txt") source files: $errors errors ($forbidden forbidden accesses),"\
     "$warnings warnings ($discouraged discouraged accesses: x-internal packages); log $work/ecj.log"
if [ "$ecj_rc" -ne 0 ] || [ "$errors" -ne 0 ]; then
  grep -A4 '^[0-9]*\. ERROR in' "$work/ecj.log" | head -40
  echo "SUMMARY compile: FAILED ($errors errors)"; exit 1
fi
echo "SUMMARY compile: ok ($errors errors, $forbidden forbidden, $discouraged discouraged; $missing Bundle-ClassPath mismatches)"
[ "$stop_after" = compile ] && exit 0
[ "$missing" -eq 0 ] || { echo "SUMMARY: Bundle-ClassPath does not match the engine's libraries"; exit 1; }

echo "== the headless checks, inside Equinox"
# KNIME's core classes need the OSGi framework, so the checks run as KNIME runs: the FieldVAE bundle laid out as
# the update site ships it (its classes, plugin.xml, icons, lib/), the native fragment of this platform, and the
# checks as a fragment of the FieldVAE bundle (they see its node factories and KNIME's classes as it does), all
# installed into Equinox beside the plugins folder's bundles (EquinoxLauncher)
bundles=$work/bundles
rm -rf "$bundles"; mkdir -p "$bundles"
fieldvae=$bundles/org.fieldvae.knime
mkdir -p "$fieldvae/META-INF" "$fieldvae/lib"
cp -r "$classes/." "$fieldvae/"
cp "$repo/plugin/META-INF/MANIFEST.MF" "$fieldvae/META-INF/"
cp -r "$repo/plugin/icons" "$fieldvae/"
cp "$work"/lib/*.jar "$fieldvae/lib/"
natives=()
for fragment in "$repo"/plugin/fragments/org.fieldvae.knime.natives.*; do
  dest=$bundles/$(basename "$fragment")
  for entry in $(sed -n '/^Bundle-ClassPath:/,/^[A-Z][A-Za-z-]*:/p' "$fragment/META-INF/MANIFEST.MF" \
                 | grep -o 'lib/[A-Za-z0-9._-]*\.jar'); do
    if [ -f "$work/natives/$(basename "$entry")" ]; then
      mkdir -p "$dest/lib" "$dest/META-INF"; cp "$work/natives/$(basename "$entry")" "$dest/$entry"
    fi
  done
  if [ -d "$dest" ]; then cp "$fragment/META-INF/MANIFEST.MF" "$dest/META-INF/"; natives+=("$dest"); fi
done
checks=$bundles/org.fieldvae.knime.verify
mkdir -p "$checks/META-INF"
cat >"$checks/META-INF/MANIFEST.MF" <<MF
Manifest-Version: 1.0
Bundle-ManifestVersion: 2
Bundle-SymbolicName: org.fieldvae.knime.verify
Bundle-Version: 0.1.0
Fragment-Host: org.fieldvae.knime
Require-Bundle: org.knime.base
MF
runtime_cp=$(classpaths runtime "$plugins" "$repo/plugin/META-INF/MANIFEST.MF" | paste -sd "$sep" -)
# the example workflows are built with KNIME's Table Creator, loop, GroupBy and plot nodes from org.knime.base
base_jar=$( { ls -d "$plugins"/org.knime.base_*/knime-base.jar "$plugins"/org.knime.base_*.jar 2>/dev/null || true; } | sort -V | tail -1)
[ -n "$base_jar" ] || { echo "SUMMARY headless: no org.knime.base in $plugins (build-knime-jars.sh without SKIP_BASE)"; exit 1; }
javac --release 17 -nowarn -d "$checks" \
      -cp "$classes$sep$(ls "$work"/lib/*.jar | paste -sd "$sep" -)$sep$runtime_cp$sep$base_jar" \
      "$here"/src/org/fieldvae/knime/verify/{HeadlessChecks,NodeChain,ExampleWorkflows,CommandLineTrials}.java
osgi_jar=$(ls -d "$plugins"/org.eclipse.osgi[_-][0-9]*.jar | sort -V | tail -1)
javac --release 17 -d "$work/tools/classes" -cp "$work/tools/classes$sep$osgi_jar" \
      "$here"/src/org/fieldvae/knime/verify/EquinoxLauncher.java
java -Xmx4g -Djava.awt.headless=true -Dfieldvae.examples="${EXAMPLES:-run}" -Dfieldvae.examples.debug="${EXAMPLES_DEBUG:-false}" -cp "$work/tools/classes$sep$osgi_jar" org.fieldvae.knime.verify.EquinoxLauncher \
     "$plugins" "$repo" "$work" "$fieldvae" "${natives[@]}" "$checks"
