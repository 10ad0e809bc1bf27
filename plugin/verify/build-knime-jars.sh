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
  rm -f "$third"/*.jar   # a version the pom no longer names must not stay beside the new one
  mvn -B -q -f "$here/thirdparty-pom.xml" dependency:copy-dependencies -DexcludeTransitive=true \
      -DoutputDirectory="$third"
  touch "$third/.complete"
fi
# KNIME's bundles require some libraries in more than one version (Guava 19 for org.knime.core.table and .ui, 33 for
# org.knime.core); a pom holds one version of each artifact, so the older ones come one by one
for artifact in com.google.guava:guava:19.0; do
  [ -f "$third/$(echo "$artifact" | cut -d: -f2)-$(echo "$artifact" | cut -d: -f3).jar" ] \
    || mvn -B -q dependency:copy -Dartifact="$artifact" -DoutputDirectory="$third"
done
find "$plugins" -maxdepth 1 -name '*.jar' -delete   # the jars there are all copies from $third
cp "$third"/*.jar "$plugins/"
rm -f "$plugins"/ecj-*.jar

# alias KNIME_NAME JAR_PREFIX...: KNIME's p2 site carries some libraries as bundles named differently from (or not
# at all in) the Maven Central jars, or with other headers; such jars get a folder bundle with KNIME's name and the
# first jar's version that exports all their packages, each with the version of its jar, and imports whatever their
# classes use (DynamicImport-Package: a plain jar does not say; $ALIAS_IMPORTS replaces that header when set)
alias_bundle() {
  local name=$1; shift
  local version dest entries="" exports="" prefix jar
  version=$(jar_version "$(ls "$third/$1"-[0-9]*.jar | head -1)" "$1")
  dest=$plugins/${name}_$version
  rm -rf "$plugins/${name}"_*; mkdir -p "$dest/META-INF" "$dest/lib"
  for prefix in "$@"; do
    jar=$(ls "$third/$prefix"-[0-9]*.jar | head -1)
    cp "$jar" "$dest/lib/"
    entries="$entries,lib/$(basename "$jar")"
    exports="$exports,$(unzip -Z1 "$jar" | { grep '^[^M].*/[^/]*\.class$' || true; } | sed 's|/[^/]*$||' | sort -u \
                        | tr / . | sed "s/\$/;version=$(jar_version "$jar" "$prefix")/" | paste -sd, -)"
  done
  exports=$(echo "$exports" | tr -s ,)
  {
    echo "Manifest-Version: 1.0"; echo "Bundle-ManifestVersion: 2"
    header "Bundle-SymbolicName: $name"; echo "Bundle-Version: $version"
    header "Bundle-ClassPath: ${entries#,}"; header "Export-Package: ${exports#,}"
    header "${ALIAS_IMPORTS:-DynamicImport-Package: *}"
  } >"$dest/META-INF/MANIFEST.MF"
}
# jar_version JAR PREFIX: the OSGi version (up to three numbers) in a Maven jar's file name
jar_version() { basename "$1" .jar | sed "s/^$2-//" | grep -o '^[0-9]*\(\.[0-9]*\)\{0,2\}'; }
# replace_with_alias KNIME_NAME JAR_PREFIX...: as alias_bundle, and the jars themselves leave the plugins folder: their
# own manifests' headers keep them (and the bundles wired to them) from resolving in OSGi
replace_with_alias() {
  alias_bundle "$@"
  shift
  for prefix in "$@"; do rm -f "$plugins/$prefix"-[0-9]*.jar; done
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
alias_bundle javax.activation jakarta.activation
# for the headless checks in OSGi (run.sh): parsson and its API in one bundle (two exporters of jakarta.json break
# org.knime.core's uses constraints); e4's CSS engine (org.eclipse.ui.workbench needs it to resolve) requires
# org.apache.batik.css [1.9.1,2) and imports the SAC API org.w3c.css.sac 1.3, and Batik's jars on Maven Central have no
# OSGi headers; commons-jxpath 1.3's manifest imports the servlet, JSP, BeanUtils and JDOM APIs it uses only
# optionally; the HTML sanitizer's exports use Guava 30 while org.knime.core.ui, which requires it, requires Guava 19
replace_with_alias org.eclipse.parsson.jakarta.json parsson jakarta.json-api
alias_bundle org.apache.batik.css batik-css batik-util batik-i18n batik-constants batik-shared-resources \
    xmlgraphics-commons xml-apis-ext
replace_with_alias org.apache.commons.jxpath commons-jxpath
replace_with_alias com.googlecode.owasp-java-html-sanitizer owasp-java-html-sanitizer
# org.knime.base requires these under KNIME's names (JAMA has no OSGi headers)
replace_with_alias gov.nist.math.jama jama
replace_with_alias com.fifesoft.rsyntaxtextarea rsyntaxtextarea
replace_with_alias jakarta.xml.bind jakarta.xml.bind-api
# log4j 1 (reload4j) loads KNIME's appender and layout by name: org.knime.core registers as its buddy (a dynamic
# import would find the package org.knime.core.util in the bundle of that name, without the appender)
ALIAS_IMPORTS="Eclipse-BuddyPolicy: registered" replace_with_alias org.apache.log4j reload4j
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
# resources beside the sources are copied; JAR_NAME "." means the classes sit at the bundle folder's root; $FIRST_CP
# goes before the class path (where a bundle requires a library in another version than the bundles before it)
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
       -cp "$extra${FIRST_CP:-}$bundle_cp$third_cp" @"$list" >"$work/ecj-$(basename "$bundle").log" 2>&1 \
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
if [ -z "${SKIP_BASE:-}" ] && [ ! -f "$work/schemas/org.knime.base.jar" ]; then
  # the missing value handlers' settings schema (org.knime.base's lib/schemas.jar)
  mapfile -t base_xsd < <(find "$sources/knime-base/org.knime.base/src" -name '*.xsd')
  scomp base "$work/schemas/org.knime.base.jar" "${base_xsd[@]}"
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
  # org.knime.base requires Guava 33, which must come before the 19 that the class path also holds
  FIRST_CP=$(ls "$third"/guava-33*.jar): build knime-base/org.knime.base knime-base.jar src src-deprecated
fi

# org.knime.workbench.repository (knime-workbench, the node repository's user interface, not built here) declares the
# extension points where bundles register node factories; org.knime.core reads them (NodeFactoryProvider) to find a
# node's factory when it loads a workflow, and the registry drops extensions to undeclared points. Headless, their
# declarations are all that is needed: a folder bundle with only a plugin.xml
stub=$plugins/org.knime.workbench.repository_${tag##*/}.declarations
rm -rf "$stub"; mkdir -p "$stub/META-INF"
printf '%s\n' "Manifest-Version: 1.0" "Bundle-ManifestVersion: 2" \
    "Bundle-SymbolicName: org.knime.workbench.repository;singleton:=true" "Bundle-Version: ${tag##*/}.declarations" \
    >"$stub/META-INF/MANIFEST.MF"
{
  echo '<?xml version="1.0" encoding="UTF-8"?>'; echo '<?eclipse version="3.4"?>'; echo '<plugin>'
  for point in nodes nodesets categories categorysets registeredFileExtensions; do
    echo "   <extension-point id=\"$point\" name=\"$point\"/>"
  done
  echo '</plugin>'
} >"$stub/plugin.xml"

echo "built $(ls "$plugins" | wc -l) bundles into $plugins"
