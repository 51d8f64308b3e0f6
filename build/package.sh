#!/usr/bin/env bash
# Builds the plugin in Release and writes dist/Nop.Plugin.Payments.Kma.<version>.zip (version from plugin.json),
# the layout nopCommerce's "Upload plugin or theme" accepts. The packager validates the zip and fails loudly.
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

dotnet build Nop.Plugin.Payments.Kma/Nop.Plugin.Payments.Kma.csproj -c Release -nologo -v quiet
dotnet run --project build/Packager -c Release -- package Nop.Plugin.Payments.Kma/bin/Release dist
