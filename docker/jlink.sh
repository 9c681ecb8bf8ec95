#!/usr/bin/env bash
# Builds a minimal Java runtime for one Spring Boot fat jar: jdeps finds the JDK modules the
# application and its libraries use, jlink links exactly those (plus the ones jdeps cannot see).
# Runs the same way on a plain host and in docker/Dockerfile.
#
#   docker/jlink.sh APP.jar OUTPUT_DIR
#
# APP.jar     a Spring Boot executable jar (services/<svc>/target/<svc>-service.jar)
# OUTPUT_DIR  the runtime to create (must not exist); OUTPUT_DIR/bin/java runs the service
#
# Environment:
#   JAVA_HOME            JDK (21 or newer) whose jdeps/jlink are used and whose modules are linked;
#                        when unset, the newest Temurin JDK under /usr/lib/jvm, then jlink on PATH
#   JLINK_EXTRA_MODULES  comma-separated modules to add, e.g. jdk.jdwp.agent for a debuggable dev image
#   JLINK_CACHE_DIR      a directory of runtimes already linked, one per JDK and module list: a service whose
#                        modules match one gets a copy of it instead of a new link (the services mostly need
#                        the same modules; .ci/run verifies them all with one cache). Unset: always link.
#
# Prints the module list, the runtime size and the application (extracted) size.
set -euo pipefail

usage() {
  sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

[ $# -eq 2 ] || usage
jar=$1
out=$2
[ -f "$jar" ] || { echo "jlink.sh: no such jar: $jar" >&2; exit 2; }
[ ! -e "$out" ] || { echo "jlink.sh: output already exists: $out" >&2; exit 2; }

# Modules the application needs at run time that static analysis does not find:
#   jdk.management  com.sun.management MXBeans (Micrometer's GC, CPU and memory metrics look them up reflectively)
#   jdk.crypto.ec   elliptic-curve TLS/JWT algorithms in older JDKs (empty in 22+, kept for a JDK 21 build)
RUNTIME_EXTRA_MODULES=jdk.crypto.ec,jdk.management

if [ -z "${JAVA_HOME:-}" ]; then
  # shellcheck disable=SC2012  # JDK directory names: no spaces or newlines; sort -V picks the newest
  for candidate in $(ls -d /usr/lib/jvm/temurin-*-jdk* 2>/dev/null | sort -V -r); do
    if [ -x "$candidate/bin/jlink" ]; then JAVA_HOME=$candidate; break; fi
  done
fi
if [ -z "${JAVA_HOME:-}" ] && command -v jlink >/dev/null 2>&1; then
  JAVA_HOME=$(dirname "$(dirname "$(readlink -f "$(command -v jlink)")")")
fi
for tool in java jdeps jlink; do
  [ -x "${JAVA_HOME:-}/bin/$tool" ] || { echo "jlink.sh: no $tool in JAVA_HOME=${JAVA_HOME:-} (need a JDK)" >&2; exit 2; }
done
feature=$("$JAVA_HOME/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p')
if [ -z "$feature" ] || [ "$feature" -lt 21 ]; then
  echo "jlink.sh: JDK $JAVA_HOME is version ${feature:-unknown}; need 21 or newer" >&2
  exit 2
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/jlink.XXXXXX")
trap 'rm -rf "$work"' EXIT

# Plain (non-layered) extraction: DIR/<app>.jar plus DIR/lib/*.jar, the layout jdeps needs.
"$JAVA_HOME/bin/java" -Djarmode=tools -jar "$jar" extract --destination "$work/app" >/dev/null
app_jar=$(find "$work/app" -maxdepth 1 -name '*.jar' | head -n 1)
[ -n "$app_jar" ] || { echo "jlink.sh: extraction of $jar produced no application jar" >&2; exit 1; }

modules=$("$JAVA_HOME/bin/jdeps" --ignore-missing-deps --print-module-deps --multi-release 21 --recursive \
  --class-path "$work/app/lib/*" "$app_jar")
modules="$modules,$RUNTIME_EXTRA_MODULES"
if [ -n "${JLINK_EXTRA_MODULES:-}" ]; then
  modules="$modules,$JLINK_EXTRA_MODULES"
fi
modules=$(tr ',' '\n' <<<"$modules" | sed '/^$/d' | sort -u | paste -sd, -)
echo "jlink.sh: modules $modules"

# java.desktop is always linked (java.beans, which Spring's bean introspection uses, lives in it), and with it
# about 5.6 MB of native libraries for AWT, Java 2D, fonts, images and sound. A service whose code never reaches
# those packages (jdeps, from the application jar through every library it uses) gets a runtime without them;
# one that does (the ingestion service: PDFBox) keeps them. Loading one of them afterwards would fail with an
# UnsatisfiedLinkError, which is why the check is not a list of services.
package_deps=$("$JAVA_HOME/bin/jdeps" --ignore-missing-deps --multi-release 21 --recursive -verbose:package \
  --class-path "$work/app/lib/*" "$app_jar") || { echo "jlink.sh: jdeps -verbose:package failed" >&2; exit 1; }
awt_natives=drop
if grep -qE -- '-> (java\.awt|java\.applet|javax\.imageio|javax\.print|javax\.sound|javax\.swing)' <<<"$package_deps"; then
  awt_natives=keep
fi
echo "jlink.sh: AWT native libraries: $awt_natives"

link() { # output directory
  # --generate-cds-archive: the runtime gets a default CDS archive (lib/server/classes*.jsa), which
  # speeds up every JVM start on it, the image's health check included.
  "$JAVA_HOME/bin/jlink" --strip-debug --no-man-pages --no-header-files --compress=zip-6 \
    --generate-cds-archive --add-modules "$modules" --output "$1" >"$work/jlink.log" 2>&1 ||
    { cat "$work/jlink.log" >&2; echo "jlink.sh: jlink failed" >&2; exit 1; }
  # The no-compressed-oops archive only serves heaps of 32 GB and more; not worth 15 MB in a service image.
  rm -f "$1/lib/server/classes_nocoops.jsa"
  if [ "$awt_natives" = drop ]; then
    (cd "$1/lib" && rm -f libawt.so libawt_headless.so libawt_xawt.so libfontmanager.so libfreetype.so \
      libjavajpeg.so libjawt.so libjsound.so liblcms.so libmlib_image.so libsplashscreen.so \
      psfont.properties.ja psfontj2d.properties)
  fi
  # The JDK's native libraries carry their symbol tables (libjvm.so alone 4.3 of its 29 MB): removing them
  # saves about 6 MB per image. A crash log then shows the JVM's own native frames as addresses (Java frames
  # keep their names). Skipped where binutils' strip is missing; the size estimate shows the difference.
  if command -v strip >/dev/null 2>&1; then
    find "$1/lib" -name '*.so' -exec strip --strip-unneeded {} +
  else
    echo "jlink.sh: no strip (binutils) on PATH, native libraries keep their symbols" >&2
  fi
}

if [ -n "${JLINK_CACHE_DIR:-}" ]; then
  key=$({ readlink -f "$JAVA_HOME"; "$JAVA_HOME/bin/java" -version 2>&1; echo "$modules $awt_natives"; command -v strip; } |
    sha256sum | cut -c1-16)
  cached="$JLINK_CACHE_DIR/$key"
  if [ -d "$cached" ]; then
    echo "jlink.sh: same JDK and modules as $cached, copied"
  else
    mkdir -p "$JLINK_CACHE_DIR"
    link "$work/runtime"
    # A rename is atomic: a concurrent run links its own and one of the two is kept.
    mv -T "$work/runtime" "$cached" 2>/dev/null || true
  fi
  cp -a "$cached" "$out"
else
  link "$out"
fi

mb() { du -sm "$1" | cut -f1; }
echo "jlink.sh: runtime $(mb "$out") MB ($out), application $(mb "$work/app") MB (extracted $(basename "$jar"))"
