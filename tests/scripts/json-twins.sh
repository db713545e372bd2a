#!/bin/sh
# The --json twin of every case: the same fixture and arguments with -j
# give one strict JSON document holding the rows and values the text (-W)
# shows, with the same status and stderr (tests/jsoncheck.py). On the
# native builds (the sanitizer's among them) and big-endian mips; the other
# emulated targets run the same code as these.
set -u
case ${RUNNER:-} in
valgrind* | qemu-mipsel* | qemu-arm* | qemu-aarch64*)
	echo "json-twins: run on host, sanitize, clang and mips"
	exit 0 ;;
esac
python3 tests/jsoncheck.py "$NETSTAT" tests/cases/*
