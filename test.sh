#!/usr/bin/env bash
# Run every test: unit, integration (H2 always; PostgreSQL when reachable, mandatory when
# CI=true) and packaging. Prints Maven Surefire's summary.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
source ./scripts/java-home.sh

# Browser tests drive Debian's Chromium (never a downloaded browser). Install it when we can;
# without it they are skipped locally and fail under CI=true.
# The colour-emoji font makes screenshots show emoji as people see them.
if { [[ ! -x /usr/bin/chromium ]] || ! dpkg -s fonts-noto-color-emoji >/dev/null 2>&1; } \
    && [[ "$(id -u)" == "0" ]] && command -v apt-get >/dev/null; then
  echo "Installing Chromium and its emoji font for the browser tests ..."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-color-emoji >/dev/null
fi
exec ./mvnw -B verify "$@"
