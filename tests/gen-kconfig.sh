#!/bin/sh
# Writes the top-level Config.in and Kbuild from the //config: and
# //kbuild: blocks of applet/*.c, the way BusyBox's
# scripts/gen_build_files.sh builds a directory's Config.in and Kbuild.
# The blocks in the sources are the one source of truth.
#
#   tests/gen-kconfig.sh          rewrite Config.in and Kbuild (make kconfig)
#   tests/gen-kconfig.sh --check  exit 1 and show the diff if they drift
set -u
export LC_ALL=C
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2

gen_config() {
	echo "# DO NOT EDIT. Generated from the //config: blocks of applet/*.c"
	echo "# by tests/gen-kconfig.sh (make kconfig)."
	echo
	sed -n 's@^//config:@@p' applet/*.c
}

# The objects are relative to the directory that holds the sources
# (applet/ here, networking/ after tests/busybox/dropin.sh).
gen_kbuild() {
	echo "# DO NOT EDIT. Generated from the //kbuild: lines of applet/*.c"
	echo "# by tests/gen-kconfig.sh (make kconfig). Objects are relative to"
	echo "# the directory of the sources."
	echo
	sed -n 's@^//kbuild:@@p' applet/*.c
}

rc=0
for f in Config.in Kbuild; do
	case $f in
	Config.in) gen_config >"$f.tmp" ;;
	Kbuild) gen_kbuild >"$f.tmp" ;;
	esac
	if [ "${1:-}" = --check ]; then
		if ! cmp -s "$f" "$f.tmp"; then
			echo "$f is out of date with applet/*.c (run make kconfig):"
			diff -u "$f" "$f.tmp" 2>&1 | head -40
			rc=1
		fi
		rm -f "$f.tmp"
	else
		mv "$f.tmp" "$f"
	fi
done
exit $rc
