#!/usr/bin/env bash
# Run every test: unit, integration (H2 always; PostgreSQL when reachable, mandatory when
# CI=true) and packaging. Prints Maven Surefire's summary.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
source ./scripts/java-home.sh

# Browser tests drive Debian's Chromium (never a downloaded browser); media tests (tag "media")
# need Janus and coturn and run in the confer-media network namespace (docs/contributing.md).
# clamd (Debian's clamav-daemon) serves the files tests' virus scanning (docs/files.md).
# Install what is missing when we can; without it they are skipped locally and fail under CI=true.
# The colour-emoji font makes screenshots show emoji as people see them.
if [[ "$(id -u)" == "0" ]] && command -v apt-get >/dev/null; then
  missing=()
  [[ -x /usr/bin/chromium ]] || missing+=(chromium)
  dpkg -s fonts-noto-color-emoji >/dev/null 2>&1 || missing+=(fonts-noto-color-emoji)
  command -v janus >/dev/null || missing+=(janus)
  command -v turnserver >/dev/null || missing+=(coturn)
  # The files tests scan with a clamd they start themselves, on a local EICAR-only signature file.
  [[ -x /usr/sbin/clamd ]] || missing+=(clamav-daemon)
  command -v haproxy >/dev/null || missing+=(haproxy)
  if (( ${#missing[@]} )); then
    echo "Installing ${missing[*]} for the browser and media tests ..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
  # The namespace outlives the run (harmless); up is idempotent.
  ./scripts/media-netns.sh up || echo "Could not create the confer-media network namespace: media tests will be skipped (fail under CI=true)." >&2
fi
exec ./mvnw -B verify "$@"
