#!/usr/bin/env bash
# Runs StoreCheck against a DevStore started for the run (not part of the tests or CI; takes about 4 minutes).
#   build/storecheck-devstore.sh [store port] [DevStore emulator port] [StoreCheck emulator port]
# Defaults: 5210, 5212, 5211. Extra StoreCheck options go in STORECHECK_ARGS (e.g. "--screenshots out").
set -euo pipefail
cd "$(dirname "$0")/.."
STORE_PORT="${1:-5210}"; DEVSTORE_EMULATOR_PORT="${2:-5212}"; EMULATOR_PORT="${3:-5211}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

dotnet build build/DevStore -c Release -nologo -v quiet
dotnet build build/StoreCheck -c Release -nologo -v quiet

log="$(mktemp)"
DevStore__Urls="http://127.0.0.1:$STORE_PORT" OpnEmulator__Urls="http://127.0.0.1:$DEVSTORE_EMULATOR_PORT" \
    dotnet build/DevStore/bin/Release/net10.0/DevStore.dll > "$log" 2>&1 &
store_pid=$!
trap 'kill "$store_pid" 2>/dev/null || true; wait "$store_pid" 2>/dev/null || true; rm -f "$log"' EXIT

for _ in $(seq 1 60); do
    curl -s -o /dev/null "http://127.0.0.1:$STORE_PORT/" && break
    kill -0 "$store_pid" 2>/dev/null || { cat "$log"; exit 1; }
    sleep 1
done

# shellcheck disable=SC2086
dotnet build/StoreCheck/bin/Release/net10.0/StoreCheck.dll --store "http://127.0.0.1:$STORE_PORT/" \
    --admin-email admin@devstore.local --admin-password unused --emulator-url "http://127.0.0.1:$EMULATOR_PORT" ${STORECHECK_ARGS:-}
