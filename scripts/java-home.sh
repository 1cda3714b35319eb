# Sourced by start.sh and test.sh: make JAVA_HOME point at a JDK 25 or newer.
# Keeps a suitable JAVA_HOME; otherwise looks under /usr/lib/jvm (Debian/Ubuntu layout).
java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'
}
if [[ -z "${JAVA_HOME:-}" || ! -x "$JAVA_HOME/bin/java" || "$(java_major "$JAVA_HOME")" -lt 25 ]]; then
  found=""
  for candidate in /usr/lib/jvm/*; do
    if [[ -x "$candidate/bin/javac" ]] && [[ "$(java_major "$candidate")" -ge 25 ]]; then
      found="$candidate"
      break
    fi
  done
  if [[ -z "$found" ]]; then
    echo "Confer needs a JDK 25 or newer: set JAVA_HOME to one (none found under /usr/lib/jvm)." >&2
    exit 1
  fi
  export JAVA_HOME="$found"
fi
export PATH="$JAVA_HOME/bin:$PATH"
