#!/usr/bin/env bash
# The network namespace the media tests run in (docs/contributing.md, "Media tests").
# Janus skips loopback interfaces and Chromium ignores loopback ICE candidates, so media needs a
# real interface; this one exists only inside the namespace, so nothing gathered on it can reach
# the outside. Usage: scripts/media-netns.sh up|down|status   (needs root; idempotent)
set -euo pipefail
NS=${CONFER_MEDIA_NETNS:-confer-media}

exists() { ip netns list 2>/dev/null | awk '{print $1}' | grep -qx "$NS"; }

case "${1:-}" in
  up)
    if ! exists; then
      ip netns add "$NS"
    fi
    ip -n "$NS" link set lo up
    if ! ip -n "$NS" link show cm0 >/dev/null 2>&1; then
      # veth, not dummy: some kernels have no dummy driver. Both ends must be up, or cm0 is not
      # RUNNING and Janus skips it.
      ip -n "$NS" link add cm0 type veth peer name cm1
    fi
    ip -n "$NS" addr replace 10.99.0.1/24 dev cm0
    ip -n "$NS" link set cm1 up
    ip -n "$NS" link set cm0 up
    ip netns exec "$NS" sysctl -q -w net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
    ;;
  down)
    if exists; then
      ip netns del "$NS"
    fi
    ;;
  status)
    if exists && ip -n "$NS" addr show cm0 2>/dev/null | grep -q 10.99.0.1; then
      echo "$NS: up (cm0 10.99.0.1)"
    else
      echo "$NS: down"
      exit 1
    fi
    ;;
  *)
    echo "usage: $0 up|down|status" >&2
    exit 2
    ;;
esac
