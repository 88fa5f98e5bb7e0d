#!/usr/bin/env bash
# Makes sure HAProxy (Debian's haproxy package) is present for the local cluster and its test.
# Installs it when missing and running as root; otherwise fails with what to do, so CI never
# silently skips the load-balancer test.
set -euo pipefail

if command -v haproxy >/dev/null; then
  exit 0
fi
if [[ "$(id -u)" != "0" ]]; then
  echo "HAProxy is missing and this is not root. Install it first: sudo apt-get install -y haproxy" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null; then
  echo "HAProxy is missing and there is no apt-get here: install haproxy (2.6 or newer)." >&2
  exit 1
fi
echo "Installing haproxy for the local cluster"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends haproxy >/dev/null
# The package starts a system-wide HAProxy on port 80 where systemd runs; the cluster runs its own.
if command -v systemctl >/dev/null && systemctl is-active --quiet haproxy 2>/dev/null; then
  systemctl stop haproxy || true
fi
haproxy -v | head -1
