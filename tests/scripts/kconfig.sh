#!/bin/sh
# host-only: checks files, not a binary
# Build metadata: the committed Config.in and Kbuild are what
# tests/gen-kconfig.sh makes from the //config: and //kbuild: blocks of
# applet/*.c; every feature switch of include/netstat_config.h has a
# config entry with a help text and vice versa; every source file has
# its //kbuild: object; tests/configs/default.config holds Config.in's
# defaults.
set -u
fail() { echo "FAIL: $*"; exit 1; }

tests/gen-kconfig.sh --check || fail "Config.in or Kbuild drifted from applet/*.c"

switches=$(sed -n 's/^#define ENABLE_\(FEATURE_NETSTAT_[A-Z0-9_]*\) .*/\1/p' include/netstat_config.h | sort)
entries=$(sed -n 's/^config \(FEATURE_NETSTAT_[A-Z0-9_]*\)$/\1/p' Config.in | sort)
[ -n "$switches" ] || fail "no switches found in include/netstat_config.h"
[ "$switches" = "$entries" ] || fail "switches and Config.in differ: $(echo "$switches" "$entries" | tr ' ' '\n' | sort | uniq -u | tr '\n' ' ')"

# each entry: a prompt, a default, a dependency on NETSTAT, a help text
awk '/^config /{ if (name != "") check(); name = $2; p = d = dep = h = 0; next }
	/^\tbool "/ { p = 1 } /^\tdefault / { d = 1 } /^\tdepends on NETSTAT/ { dep = 1 } /^\thelp/ { h = 1 }
	function check() { if (!p || !d || !h || (name != "NETSTAT" && !dep)) { print name; bad = 1 } }
	END { check(); exit bad }' Config.in >"$WORK/kconfig.bad" ||
	fail "entries lacking a prompt, default, 'depends on NETSTAT' or help: $(cat "$WORK/kconfig.bad")"

for c in applet/*.c; do
	obj=$(basename "$c" .c).o
	# (built with the applet, or only with one of its features)
	grep -Eq "^lib-\\\$\\(CONFIG_(NETSTAT|FEATURE_NETSTAT_[A-Z0-9_]+)\\) \\+=.* $obj( |\$)" Kbuild ||
		fail "$c has no //kbuild: object $obj"
done
grep -q '^//applet:IF_NETSTAT(APPLET(netstat, ' applet/*.c || fail "no //applet: line"
grep -q '^//usage:#define netstat_trivial_usage' applet/*.c || fail "no //usage: block"

# default.config: the Config.in defaults, one line per switch
for s in $switches; do
	def=$(awk -v n="$s" '$0 == "config " n { f = 1; next } /^config / { f = 0 } f && /^\tdefault / { print $2; exit }' Config.in)
	if [ "$def" = y ]; then want="CONFIG_$s=y"; else want="# CONFIG_$s is not set"; fi
	grep -qx "$want" tests/configs/default.config || fail "default.config: want '$want'"
	grep -qx "CONFIG_$s=y" tests/configs/full.config || fail "full.config lacks CONFIG_$s=y"
	grep -qx "# CONFIG_$s is not set" tests/configs/minimal.config || fail "minimal.config has $s on"
done
echo ok
