#!/bin/sh
# host-only: checks files, not a binary
# The packed statistics sentences (include/stats_table.h) are what
# tests/stats/stats_table.py makes of tests/stats/stats_table.txt.
set -u
python3 tests/stats/stats_table.py "$WORK/stats_table.h" || exit 1
cmp -s "$WORK/stats_table.h" include/stats_table.h || {
	echo "FAIL: include/stats_table.h is stale: run tests/stats/stats_table.py"
	diff "$WORK/stats_table.h" include/stats_table.h | head
	exit 1
}
echo ok
