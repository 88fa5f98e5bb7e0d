#!/usr/bin/env bash
# Makes sure headless Chromium and its matching driver are present for the browser tests
# (Debian's chromium and chromium-driver packages). Installs them when missing and running as
# root; otherwise fails with what to do, so CI never silently skips the browser tests.
set -euo pipefail

if [[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]]; then
  exit 0
fi
if [[ "$(id -u)" != "0" ]]; then
  echo "Chromium is missing (/usr/bin/chromium, /usr/bin/chromedriver) and this is not root." >&2
  echo "Install it first: sudo apt-get install -y chromium chromium-driver" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null; then
  echo "Chromium is missing and there is no apt-get here: install chromium and chromium-driver." >&2
  exit 1
fi
echo "Installing chromium, chromium-driver (and an emoji font for the screenshots) for the browser tests"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium chromium-driver fonts-noto-color-emoji >/dev/null
/usr/bin/chromium --version
