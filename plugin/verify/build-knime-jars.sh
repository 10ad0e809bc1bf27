#!/usr/bin/env bash
# Builds the KNIME Analytics Platform 5.6 core bundles that plugin/src compiles and runs against, from KNIME's
# public sources, into a folder laid out like an installation's plugins/ folder (one directory per KNIME bundle
# with its META-INF/MANIFEST.MF, plugin.xml and the jars of its Bundle-ClassPath; the third-party bundles as
# jars). Only for machines without a KNIME installation: a KNIME user points plugin/verify/run.sh at the
# plugins/ folder of the installation instead.
#
# usage: build-knime-jars.sh SOURCES OUT [TAG]
#   SOURCES  a folder holding bare git clones (or work trees) of knime/knime-shared, knime-core, knime-core-table,
#            knime-filehandling-core, knime-core-ui and knime-base, named knime+<repo>/repo (the layout of
#            /work/.mirror) or <repo> (a plain clone's directory name)
#   OUT      where to build (outside the repository); OUT/plugins is what run.sh takes
#   TAG      the git tag or branch to build, analytics-platform/5.6.0 by default
#
# Third-party bundles come from Maven Central (thirdparty-pom.xml), not from KNIME's p2 site. KNIME's XMLBeans
# schema jars are Git LFS files in KNIME's repositories, so they are regenerated here from KNIME's .xsd files
# with XMLBeans' own schema compiler (scomp). Nothing built here belongs in the FieldVAE repository.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
src_root=${1:?usage: build-knime-jars.sh SOURCES OUT [TAG]}
out=$(mkdir -p "${2:?usage: build-knime-jars.sh SOURCES OUT [TAG]}" && cd "$2" && pwd)
tag=${3:-analytics-platform/5.6.0}
case "$out/" in "$(cd "$here/../.." && pwd)/"*) echo "OUT must be outside the repository" >&2; exit 2;; esac

sources=$out/src
third=$out/thirdparty
plugins=$out/plugins
work=$out/work
mkdir -p "$sources" "$third" "$plugins" "$work"

# repo_git NAME: the git directory of knime/NAME under SOURCES
repo_git() {
  for candidate in "$src_root/knime+$1/repo" "$src_root/$1/.git" "$src_root/$1"; do
    if git --git-dir="$candidate" rev-parse --verify -q "$tag^{commit}" >/dev/null 2>&1; then
      echo "$candidate"; return
    fi
  done
  echo "no clone of knime/$1 with $tag under $src_root" >&2; exit 2
}

# extract REPO BUNDLE...: the bundles' folders at TAG (only those paths: KNIME's test folders hold LFS files)
extract() {
  local repo=$1; shift
  local git_dir; git_dir=$(repo_git "$repo")
  mkdir -p "$sources/$repo"
  git --git-dir="$git_dir" archive "$tag" "$@" | tar -x -C "$sources/$repo"
}

echo "== sources of $tag"
rm -rf "$sources"; mkdir -p "$sources"
# REUSE=1 keeps the bundles of an earlier run (delete OUT/plugins to rebuild them)
extract knime-shared org.knime.core.util org.knime.shared.workflow.def org.knime.shared.workflow.storage
extract knime-core-table org.knime.core.table
extract knime-core org.knime.core org.knime.core.pmml org.knime.core.workbench org.knime.slf4j.binding
extract knime-filehandling-core org.knime.filehandling.core
extract knime-core-ui org.knime.core.ui
if [ -z "${SKIP_BASE:-}" ]; then extract knime-base org.knime.base; fi

echo "== third-party bundles from Maven Central"
if [ ! "$third/.complete" -nt "$here/thirdparty-pom.xml" ]; then
  mvn -B -q -f "$here/thirdparty-pom.xml" dependency:copy-dependencies -DexcludeTransitive=true \
      -DoutputDirectory="$third"
  touch "$third/.complete"
fi
cp "$third"/*.jar "$plugins/"
rm -f "$plugins"/ecj-*.jar

# alias KNIME_NAME JAR_PREFIX...: KNIME's p2 site carries some libraries as bundles named differently from (or not
# at all in) the Maven Central jars; such a jar gets a folder bundle with KNIME's name that exports all its packages
alias_bundle() {
  local name=$1; shift
  local dest=$plugins/${name}_0.0.0.mavencentral entries="" exports prefix jar
  rm -rf "$dest"; mkdir -p "$dest/META-INF" "$dest/lib"
  for prefix in "$@"; do
    jar=$(ls "$third/$prefix"-[0-9]*.jar | head -1)
    cp "$jar" "$dest/lib/"
    entries="$entries,lib/$(basename "$jar")"
  done
  exports=$(for jar in "$dest"/lib/*.jar; do unzip -Z1 "$jar"; done | grep '\.class$' | grep / | grep -v '^META-INF' \
            | sed 's|/[^/]*$||' | sort -u | tr / . | paste -sd, -)
  {
    echo "Manifest-Version: 1.0"; echo "Bundle-ManifestVersion: 2"
    header "Bundle-SymbolicName: $name"; echo "Bundle-Version: 0.0.0.mavencentral"
    header "Bundle-ClassPath: ${entries#,}"; header "Export-Package: $exports"
  } >"$dest/META-INF/MANIFEST.MF"
}
# header LINE: one manifest header, wrapped at 70 bytes with continuation lines starting with a space
header() { echo "$1" | fold -w 70 | sed '2,$s/^/ /'; }
alias_bundle org.apache.xmlbeans xmlbeans
alias_bundle org.apache.commons.httpclient commons-httpclient
alias_bundle org.apache.httpcomponents.httpclient httpclient
alias_bundle org.apache.httpcomponents.httpcore httpcore
alias_bundle org.apache.httpcomponents.core5.httpcore5 httpcore5
alias_bundle com.toedter.jcalendar jcalendar
alias_bundle net.sf.trove4j trove4j
alias_bundle com.github.briandilley.jsonrpc4j jsonrpc4j
alias_bundle org.apache.commons.codec commons-codec
alias_bundle org.apache.commons.logging commons-logging
alias_bundle org.eclipse.parsson.jakarta.json parsson jakarta.json-api
alias_bundle javax.activation javax.activation
rm -f "$plugins"/ecj-*.jar
ecj=$(ls "$third"/ecj-*.jar)
third_cp=$(ls "$third"/*.jar | grep -v /ecj- | tr '\n' ':')

# scomp NAME OUTJAR FILE...: XMLBeans' schema compiler over KNIME's .xsd (and .xsdconfig) files
scomp() {
  local name=$1 jar=$2; shift 2
  mkdir -p "$(dirname "$jar")"
  java -cp "$third_cp" org.apache.xmlbeans.impl.tool.SchemaCompiler -quiet -name "$name" -partialMethods ALL \
       -out "$jar" "$@" >"$work/scomp-$name.log" 2>&1 || true
  [ -s "$jar" ] || { cat "$work/scomp-$name.log" >&2; exit 1; }
}

# bundle_dir BUNDLE_PATH: the output directory of a bundle, named symbolic-name_version as in an installation
bundle_dir() {
  local mf=$1/META-INF/MANIFEST.MF
  local name version
  name=$(sed -n 's/^Bundle-SymbolicName: *\([^;[:space:]]*\).*/\1/p' "$mf")
  version=$(sed -n 's/^Bundle-Version: *\([^[:space:]]*\).*/\1/p' "$mf" | sed 's/qualifier$/src/')
  echo "$plugins/${name}_${version}"
}

bundle_cp=""
# build REPO/BUNDLE JAR_NAME SRC_DIR... : the Eclipse compiler (as KNIME's Tycho build) over the bundle's sources against everything built before it;
# resources beside the sources are copied; JAR_NAME "." means the classes sit at the bundle folder's root
build() {
  local bundle=$sources/$1 jar_name=$2; shift 2
  local dest; dest=$(bundle_dir "$bundle")
  local classes=$work/classes/$(basename "$bundle")
  if [ -n "${REUSE:-}" ] && [ -f "$dest/.built" ]; then   # REUSE=1: keep bundles built by an earlier run
    bundle_cp=$bundle_cp$(sed -n 1p "$dest/.built")
    return 0
  fi
  rm -rf "$dest" "$classes"; mkdir -p "$dest" "$classes"
  local list=$work/$(basename "$bundle").sources
  : >"$list"
  for dir in "$@"; do
    [ -d "$bundle/$dir" ] || continue
    find "$bundle/$dir" -name '*.java' >>"$list"
    (cd "$bundle/$dir" && find . -type f ! -name '*.java' ! -name '*.xsd*' -exec cp --parents {} "$classes/" \;)
  done
  local extra="" schemas=$work/schemas/$(basename "$bundle").jar
  if [ -f "$schemas" ]; then
    mkdir -p "$dest/lib"; cp "$schemas" "$dest/lib/schemas.jar"; extra=$schemas:
  fi
  echo "   ecj $(wc -l <"$list") files of $(basename "$bundle")"
  java -Xmx3g -jar "$ecj" -17 -proc:none -nowarn -encoding UTF-8 -d "$classes" \
       -cp "$extra$bundle_cp$third_cp" @"$list" >"$work/ecj-$(basename "$bundle").log" 2>&1 \
    || { grep -A4 'ERROR in' "$work/ecj-$(basename "$bundle").log" | head -60 >&2; exit 1; }
  mkdir -p "$dest/META-INF"
  cp "$bundle/META-INF/MANIFEST.MF" "$dest/META-INF/"
  local before=$bundle_cp
  for f in plugin.xml schema; do [ -e "$bundle/$f" ] && cp -r "$bundle/$f" "$dest/"; done
  if [ "$jar_name" = "." ]; then
    cp -r "$classes/." "$dest/"
    bundle_cp=$bundle_cp$dest:
  else
    (cd "$classes" && jar cf "$dest/$jar_name" .)
    bundle_cp=$bundle_cp$dest/$jar_name:
  fi
  [ -f "$dest/lib/schemas.jar" ] && bundle_cp=$bundle_cp$dest/lib/schemas.jar:
  echo "${bundle_cp#"$before"}" >"$dest/.built"
  # libraries that KNIME's build fetches into the bundle's lib/ (Bundle-ClassPath), taken from Maven Central
  local entry
  for entry in $(sed -n '/^Bundle-ClassPath:/,/^[A-Z][A-Za-z-]*:/p' "$dest/META-INF/MANIFEST.MF" \
                 | grep -o 'lib/[A-Za-z0-9._-]*\.jar' | grep -v schemas.jar); do
    [ -f "$third/$(basename "$entry")" ] || { echo "missing $(basename "$entry") for $dest" >&2; exit 1; }
    mkdir -p "$dest/lib"; cp "$third/$(basename "$entry")" "$dest/$entry"
  done
  return 0
}

echo "== XMLBeans schema jars"
if [ -z "${REUSE:-}" ] || [ ! -d "$work/schemas" ]; then
core_util=$sources/knime-shared/org.knime.core.util
scomp metadata "$work/schemas/org.knime.core.util.jar" "$core_util"/src/main/schema/*.xsd
pmml=$sources/knime-core/org.knime.core.pmml
scomp pmml "$work/schemas/org.knime.core.pmml.jar" "$pmml"/src/main/xsd/pmml-4-2.xsd "$pmml"/src/main/xsd/*.xsdconfig
core=$sources/knime-core/org.knime.core
mapfile -t core_xsd < <(find "$core/src/eclipse" \( -name '*.xsd' -o -name '*.xsdconfig' \) ! -path '*/pmml/schemata/*')
scomp core "$work/schemas/org.knime.core.jar" "${core_xsd[@]}"
fi

echo "== KNIME bundles"
# org.knime.core.util's generated XMLBeans sources are in schemas.jar (scomp above), so only src/main/java
build knime-shared/org.knime.core.util . src/main/java src/main/resources
build knime-shared/org.knime.shared.workflow.def . src/main/java
build knime-shared/org.knime.shared.workflow.storage . src/main/java
build knime-core-table/org.knime.core.table . src/main/java
build knime-core/org.knime.core.workbench . src
build knime-core/org.knime.core.pmml knime-pmml.jar src/eclipse
build knime-core/org.knime.core knime-core.jar src/eclipse src-deprecated
build knime-core/org.knime.slf4j.binding . src
build knime-filehandling-core/org.knime.filehandling.core . src
build knime-core-ui/org.knime.core.ui knime-core-ui.jar src/eclipse
if [ -z "${SKIP_BASE:-}" ]; then
  build knime-base/org.knime.base knime-base.jar src src-deprecated
fi

echo "built $(ls "$plugins" | wc -l) bundles into $plugins"
