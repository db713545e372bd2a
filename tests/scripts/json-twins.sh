#!/bin/sh
# The --json twin of every case: the same fixture and arguments with -j
# give one strict JSON document, valid against include/netstat.schema.json,
# holding what jc --netstat reads from the text (-W) and what the fixture's
# statistics files hold, with the same status and stderr
# (tests/jsoncheck.py). On the
# native builds (the sanitizer's among them) and big-endian mips; the other
# emulated targets run the same code as these.
# builds: host sanitize clang mips
set -u
# Debian's python3 has jc and jsonschema (tests/toolchains.sh installs them)
WORK=$WORK BIG_ENDIAN=${BIG_ENDIAN:-0} MIPSEL=${MIPSEL:-0} /usr/bin/python3 tests/jsoncheck.py "$NETSTAT" tests/cases/*
