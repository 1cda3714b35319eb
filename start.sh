#!/usr/bin/env bash
# Start Confer for a try-out: builds the server if needed, then runs it on the embedded H2
# database in ./data with demo organisations and people (their sign-in details are printed).
# Extra arguments are passed to the server, e.g. ./start.sh --port=9090
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
source ./scripts/java-home.sh

jar=server/target/confer.jar
if [[ ! -f "$jar" ]] || [[ -n "$(find server/src web/src web/public web/index.html web/package.json web/package-lock.json web/vite.config.ts web/pom.xml bench/src bench/pom.xml pom.xml server/pom.xml docs/api -newer "$jar" -type f -print -quit 2>/dev/null)" ]]; then
  echo "Building Confer (first start or sources changed) ..."
  ./mvnw -q -B -DskipTests package
fi
exec "$JAVA_HOME/bin/java" -jar "$jar" --demo "$@"
