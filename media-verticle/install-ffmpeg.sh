#!/usr/bin/env bash
# Makes sure Debian's ffmpeg is present: the media tests encode real WebP, MP4, MP3 and WebM
# samples with it. Installs it when missing and running as root; otherwise fails with what to
# do, so CI never silently skips those tests.
set -euo pipefail

if command -v ffmpeg >/dev/null; then
  exit 0
fi
if [[ "$(id -u)" != "0" ]]; then
  echo "ffmpeg is missing and this is not root. Install it first: sudo apt-get install -y ffmpeg" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null; then
  echo "ffmpeg is missing and there is no apt-get here: install ffmpeg." >&2
  exit 1
fi
echo "Installing ffmpeg for the media tests"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq ffmpeg >/dev/null
ffmpeg -hide_banner -version | head -1
