#!/usr/bin/env bash
# Builds ScaleBridge Studio installers with jpackage (JDK 17+): an app image and a Linux .deb, both with a bundled
# Java runtime (jlink'd by jpackage) and the JavaFX jars from the shaded jar. Run from the repository root:
#   installer/build-linux.sh            # app image + .deb into target/installer/
#   installer/build-linux.sh --image    # app image only (no dpkg-deb/fakeroot needed)
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION=$(sed -n 's:.*<version>\([0-9][0-9.]*\).*SNAPSHOT</version>.*:\1:p' pom.xml | head -1)
VERSION=${VERSION:-0.1.0}
OUT=target/installer
if [ ! -f target/scalebridge.jar ] || [ "${REBUILD:-0}" = 1 ]; then mvn -B -q -DskipTests package; fi
rm -rf "$OUT/input" "$OUT/ScaleBridgeStudio" "$OUT"/*.deb
mkdir -p "$OUT/input"
cp target/scalebridge.jar "$OUT/input/"
# the sample projects ship inside the image (lib/app/samples); the launcher points scalebridge.home at them
cp -r samples "$OUT/input/samples"
rm -rf "$OUT/input/samples/mnfepba-project/runs/"*-out "$OUT/input/samples/mnfepba_p2d/out_"*
COMMON=(--name ScaleBridgeStudio --app-version "$VERSION" --vendor "ScaleBridge"
        --description "ScaleBridge Studio: atoms-to-electrode simulation studio"
        --input "$OUT/input" --main-jar scalebridge.jar --main-class org.scalebridge.cli.Main
        --arguments studio --java-options "-Xmx4g" --java-options '-Dscalebridge.home=$APPDIR' 
        --add-modules java.base,java.desktop,java.logging,java.naming,java.prefs,java.scripting,java.sql,java.xml,jdk.unsupported,jdk.jfr,java.management
        --icon installer/scalebridge.png --dest "$OUT")
jpackage --type app-image "${COMMON[@]}"
echo "app image: $OUT/ScaleBridgeStudio"
if [ "${1:-}" != "--image" ]; then
  # our desktop entry (menu name, categories, %f) replaces jpackage's default: --resource-dir <launcher>.desktop
  mkdir -p "$OUT/resources"
  cp installer/scalebridge-studio.desktop "$OUT/resources/ScaleBridgeStudio.desktop"
  # maintainer scripts that tolerate a machine without a desktop menu system (jpackage's fail the install there)
  cp installer/deb-postinst "$OUT/resources/postinst"
  cp installer/deb-prerm "$OUT/resources/prerm"
  # jpackage installs into <install-dir>/<package name>: /opt/scalebridge-studio
  jpackage --type deb "${COMMON[@]}" --install-dir /opt --resource-dir "$OUT/resources" \
      --linux-package-name scalebridge-studio --linux-shortcut --linux-menu-group "Science" \
      --linux-app-category science
  ls -l "$OUT"/*.deb
fi
du -sh "$OUT/ScaleBridgeStudio"
