#!/bin/sh
# native-only: a short run of every libFuzzer target (make fuzz runs long).
# Runs once, for the host build; the other builds skip it.
set -u
[ -z "$RUNNER" ] && [ "$(basename "$NETSTAT")" = netstat ] && [ "$NETSTAT" = "$PWD/netstat" ] || { echo "host build only: not applicable"; exit 0; }
command -v clang >/dev/null || { echo "clang is not installed"; exit 77; }
tests/fuzz/run.sh "${FUZZ_SMOKE_SECONDS:-3}"
