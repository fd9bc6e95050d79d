#!/usr/bin/env bash
# Builds a local base image for the DeepChrome tool images when no registry is reachable:
# Debian bookworm (mmdebstrap --variant=essential) + procps + the few libraries Java's
# headless AWT needs for charts, + a Java 17 runtime jlink'ed from the build machine's JDK
# (60 MB instead of the 240 MB openjdk-17-jre-headless pulls in; see containers/README.md).
# Laid out like eclipse-temurin (JAVA_HOME=/opt/java/openjdk), the Dockerfile's default base.
#
#   mkbase.sh ENGINE IMAGE        e.g. mkbase.sh podman localhost/deepchrome/base:0.1.0
# Environment: DEBIAN_MIRROR (default http://deb.debian.org/debian),
#              DEBIAN_SECURITY_MIRROR (default http://deb.debian.org/debian-security),
#              JAVA_HOME (the JDK whose jlink and jmods are used; default: the one javac belongs to).
set -euo pipefail
engine=${1:?usage: mkbase.sh podman|docker IMAGE}
image=${2:?usage: mkbase.sh podman|docker IMAGE}
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
security=${DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}
suite=bookworm

java_home=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}
if [ ! -x "$java_home/bin/jlink" ] || [ ! -d "$java_home/jmods" ]; then
  echo "mkbase: $java_home has no jlink/jmods; install a JDK 17 (openjdk-17-jdk-headless) or set JAVA_HOME" >&2
  exit 1
fi
java_version=$("$java_home/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
if [ "$java_version" != 17 ]; then
  echo "mkbase: $java_home is Java $java_version; the tools are built for Java 17" >&2
  exit 1
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/deepchrome-base.XXXXXX")
trap 'rm -rf "$work"' EXIT

# Modules the tools and their libraries use (java.desktop: XChart's headless rendering;
# jdk.unsupported: ND4J/JavaCPP's Unsafe; java.scripting: htsjdk's JEXL filters; java.sql,
# java.naming, java.management: logging and library glue), plus locale data for number formats.
modules=java.base,java.compiler,java.datatransfer,java.desktop,java.instrument,java.logging,\
java.management,java.naming,java.net.http,java.prefs,java.scripting,java.security.jgss,\
java.sql,java.xml,jdk.crypto.ec,jdk.localedata,jdk.management,jdk.unsupported,jdk.zipfs
echo "mkbase: jlink $java_home -> Java runtime"
"$java_home/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
  --compress=2 --generate-cds-archive --output "$work/openjdk"

# Shared libraries the jlink'ed runtime links against (headless fonts and images: freetype,
# fontconfig + a font, harfbuzz, lcms2, jpeg, png; libstdc++ for libjvm and ND4J).
packages=procps,usr-is-merged,passwd,libstdc++6,libfreetype6,libfontconfig1,fonts-dejavu-core,libharfbuzz0b,\
liblcms2-2,libjpeg62-turbo,libpng16-16
# bookworm's essential init-system-helpers pulls usrmerge and with it all of Perl (50 MB);
# the tree is merged-/usr already, so usr-is-merged stands in and those go again.
unwanted="usrmerge libfile-find-rule-perl libnumber-compare-perl libtext-glob-perl perl libperl5.36 perl-modules-5.36"
echo "mkbase: mmdebstrap $suite ($mirror) + $packages"
mmdebstrap --variant=essential --include="$packages" \
  --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-exclude=/usr/share/man/*' \
  --dpkgopt='path-exclude=/usr/share/locale/*' --dpkgopt='path-exclude=/usr/share/info/*' \
  --dpkgopt='force-unsafe-io' \
  --customize-hook="chroot \"\$1\" dpkg --purge $unwanted" \
  --customize-hook='mkdir -p "$1/opt/java"' \
  --customize-hook="copy-in $work/openjdk /opt/java" \
  --customize-hook='ln -sf /opt/java/openjdk/bin/java "$1/usr/bin/java"' \
  "$suite" "$work/rootfs.tar" \
  "deb $mirror $suite main" "deb $mirror $suite-updates main" "deb $security $suite-security main"

"$engine" import \
  --change 'ENV JAVA_HOME=/opt/java/openjdk' \
  --change 'ENV PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'ENV LANG=C.UTF-8' \
  --change 'CMD ["/bin/bash"]' \
  "$work/rootfs.tar" "$image" >/dev/null
echo "mkbase: $image"
