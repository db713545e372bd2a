#!/bin/sh
# host-only: the targets are built by clang from the sources.
# timeout: 600
# Every saved fuzz input (tests/fuzz/regressions, listed in its INDEX)
# replayed byte for byte through each of its own targets: clean runs (no
# sanitizer report, JSON the driver's checker accepts), and each still
# reaches what it was saved for (the INDEX entry's `reaches` line among
# the messages). Byte for byte: no switch byte is put in front, the file
# has its own.
set -u
command -v clang >/dev/null || { echo "clang is not installed"; exit 77; }
tests/fuzz/run.sh --replay
