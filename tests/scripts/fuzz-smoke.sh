#!/bin/sh
# host-only: a short run of every libFuzzer target (make fuzz runs long);
# the targets are built by clang from the sources, whatever the build.
# timeout: 600
set -u
command -v clang >/dev/null || { echo "clang is not installed"; exit 77; }
tests/fuzz/run.sh "${FUZZ_SMOKE_SECONDS:-3}"
