#!/usr/bin/env bash
# Fetches the official Vert.x event-bus bridge client (@vertx/eventbus-bridge-client.js) and the
# SockJS client it runs on, from the npm registry with npm, for the test proving Parley's bridge
# speaks the standard protocol. Only the test uses them; the app ships its own client.
set -euo pipefail
target="$1"
if [[ -f "$target/vertx-eventbus.js" && -f "$target/sockjs.min.js" ]]; then
  exit 0
fi
if ! command -v npm >/dev/null; then
  if [[ "$(id -u)" == "0" ]] && command -v apt-get >/dev/null; then
    echo "Installing npm for the official bridge client test"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq npm >/dev/null
  else
    echo "npm is missing: install it (apt-get install npm) to fetch @vertx/eventbus-bridge-client.js" >&2
    exit 1
  fi
fi
work="$target/packs"
mkdir -p "$work"
(cd "$work" && npm pack --silent @vertx/eventbus-bridge-client.js@1.0.0 sockjs-client@1.6.1 >/dev/null)
for pack in "$work"/*.tgz; do
  tar -xzf "$pack" -C "$work" --transform "s|^package|$(basename "$pack" .tgz)|"
done
cp "$work"/vertx-eventbus-bridge-client.js-*/vertx-eventbus.js "$target/vertx-eventbus.js"
cp "$work"/sockjs-client-*/dist/sockjs.min.js "$target/sockjs.min.js"
