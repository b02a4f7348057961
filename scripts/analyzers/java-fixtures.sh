#!/usr/bin/env bash
# Builds the Java archive fixtures of src/analyzers/java/__fixtures__ with the real `zip` tool
# (Info-ZIP) from the META-INF trees in the shared pkgdb fixtures. Rerun after changing it:
#   bash scripts/analyzers/java-fixtures.sh
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
fixtures=${VIGIA_FIXTURES:-$repo/../shared/fixtures}
meta=$fixtures/pkgdb/java/jar-metadata
out=$repo/src/analyzers/java/__fixtures__
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
rm -f "$out"/*.jar "$out"/*.war "$out"/*.ear

# zip -X: no extra attributes; fixed mtimes so reruns give the same bytes.
mkzip() { (cd "$1" && find . -exec touch -h -d '2024-01-01 00:00:00Z' {} + && zip -q -X -r "${@:3}" "$2" .); }

# 1. One jar per pkgdb META-INF tree, with a class file beside it so that it looks like a jar.
for dir in "$meta"/*/; do
  name=$(basename "$dir")
  mkdir -p "$work/$name/com/example"
  cp -r "$dir/META-INF" "$work/$name/"
  printf '\xca\xfe\xba\xbe' >"$work/$name/com/example/Main.class"
  mkzip "$work/$name" "$out/$name.jar"
done

# 2. A war holding two of them under WEB-INF/lib, and an ear holding the war and a jar under lib/.
mkdir -p "$work/war/WEB-INF/lib" "$work/ear/lib"
cp "$out/opensaml-core-3.4.6.jar" "$out/jackson-core-2.15.2.jar" "$work/war/WEB-INF/lib/"
printf '<web-app/>\n' >"$work/war/WEB-INF/web.xml"
mkzip "$work/war" "$out/webapp.war"
cp "$out/webapp.war" "$work/ear/webapp.war"
cp "$out/jenkins-gradle-plugin-2.11.jar" "$work/ear/lib/"
mkzip "$work/ear" "$out/enterprise.ear"

# 3. A Spring-Boot-style fat jar: nested jars stored uncompressed (-0), archive forced to Zip64
#    (-fz), and a launch script prepended without fixing the offsets (as `cat` does).
mkdir -p "$work/boot/BOOT-INF/lib"
cp "$out/api-all-2.0.0.jar" "$out/spring-instrumentation-4.3.0-1.0.jar" "$work/boot/BOOT-INF/lib/"
mkzip "$work/boot" "$work/boot.jar" -0 -fz
{ printf '#!/bin/sh\nexec java -jar "$0" "$@"\n'; cat "$work/boot.jar"; } >"$out/launcher-zip64.jar"

# 4. A jar with no metadata at all: only the file name tells (commons-widget-1.4.2.jar).
mkdir -p "$work/bare/org/widget"
printf '\xca\xfe\xba\xbe' >"$work/bare/org/widget/W.class"
mkzip "$work/bare" "$out/commons-widget-1.4.2.jar"

# 5. A small zip bomb: a 64 MiB run of zeros named like a nested jar deflates to ~64 KiB.
mkdir -p "$work/bomb"
head -c $((64 * 1024 * 1024)) /dev/zero >"$work/bomb/inner.jar"
mkzip "$work/bomb" "$out/bomb.jar" -9

ls -l "$out"
