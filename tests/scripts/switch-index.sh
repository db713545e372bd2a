#!/bin/sh
# host-only: checks files, not a binary
# tests/README.md's switch index is what tests/gen-switch-index.py makes
# from the option table and the cases and scripts: a switch, case or
# script added without regenerating it (--write) fails here.
set -u
python3 tests/gen-switch-index.py --check ||
	{ echo "FAIL: tests/README.md's switch index is stale: python3 tests/gen-switch-index.py --write"; exit 1; }
