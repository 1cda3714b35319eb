#!/usr/bin/env bash
# Run every test: unit, integration (H2 always; PostgreSQL when reachable, mandatory when
# CI=true) and packaging. Prints Maven Surefire's summary.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
source ./scripts/java-home.sh
exec ./mvnw -B verify "$@"
