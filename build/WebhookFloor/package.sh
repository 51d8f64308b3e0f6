#!/usr/bin/env bash
# Builds the benchmark-only floor plugin and writes dist/Misc.KmaWebhookFloor.zip (upload it only to a test store).
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet build build/WebhookFloor/Nop.Plugin.Misc.KmaWebhookFloor.csproj -c Release -nologo -v quiet
stage="$(mktemp -d)"; trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/Misc.KmaWebhookFloor" dist
cp build/WebhookFloor/bin/Release/Nop.Plugin.Misc.KmaWebhookFloor.dll build/WebhookFloor/plugin.json "$stage/Misc.KmaWebhookFloor/"
rm -f dist/Misc.KmaWebhookFloor.zip
(cd "$stage" && zip -qr "$OLDPWD/dist/Misc.KmaWebhookFloor.zip" Misc.KmaWebhookFloor)
echo "Wrote dist/Misc.KmaWebhookFloor.zip"
