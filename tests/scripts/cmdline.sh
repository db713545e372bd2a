#!/bin/sh
# The command-line contract: for each command line below, our stdout,
# stderr and exit status equal net-tools 2.10's on the same fixture
# (tests/replay.sh runs net-tools with the fixture as its /proc). The
# lines cover option spelling as glibc's getopt_long reads it (prefixes,
# ambiguity, "=value", arguments in the next word, "--"), every address
# family name net-tools knows (-A, --inet …, --ip, --tcpip, -2, --l2cap),
# repeated and combined switches. Usage text after a usage error is ours
# (README): only the first stderr line is compared when the status is 3.
# Command lines whose meaning we change on purpose (README, "Differences
# from net-tools": -V, -M, -I, -cN, classic words and intervals, -r for
# IPX, AppleTalk, AX.25, NET/ROM, ROSE and X.25) and the
# help forms (usage.sh) are not here; their cases say why.
# busybox-too
set -u
fail=0
# a capture of a real kernel's /proc/net (every table), and its twin in
# the ABI of the build's kernel (tests/bswap.py) for ours
nt_fx=$PWD/tests/fixtures/system-aarch64
etc=$PWD/tests/etc
w=$WORK/cmdline
mkdir -p "$w"
fx=$nt_fx
abi=
[ "${BIG_ENDIAN:-0}" = 1 ] && abi=mips
[ "${MIPSEL:-0}" = 1 ] && abi=mipsel
if [ -n "$abi" ]; then
	fx=$w/twin
	rm -rf "$fx"
	python3 tests/bswap.py --to $abi "$nt_fx" "$fx" || exit 1
fi
n=0
while IFS= read -r args; do
	case $args in ''|'#'*) continue ;; esac
	n=$((n + 1))
	# shellcheck disable=SC2086
	eval "timeout 10 tests/replay.sh '$nt_fx' '$etc' netstat $args" >"$w/nt.out" 2>"$w/nt.err" </dev/null
	nt=$?
	# shellcheck disable=SC2086
	eval "PROC_ROOT='$fx' timeout 20 $RUNNER '$NETSTAT' $args" >"$w/our.out" 2>"$w/our.err.raw" </dev/null
	ours=$?
	# getopt's messages begin with argv[0] (checked below)
	sed "s|$fx|/proc|g; s|^$NETSTAT: |netstat: |" "$w/our.err.raw" >"$w/our.err"
	if [ $nt = 3 ]; then
		head -n 1 "$w/nt.err" >"$w/nt.err1"; mv "$w/nt.err1" "$w/nt.err"
		# inside BusyBox a banner comes before the usage text
		grep -v '^BusyBox v.* multi-call binary\.$' "$w/our.err" | head -n 1 >"$w/our.err1"
		mv "$w/our.err1" "$w/our.err"
		case $(cat "$w/nt.err") in "usage: netstat "*)
			grep -q '^Usage: netstat ' "$w/our.err" && cp "$w/nt.err" "$w/our.err" ;;
		esac
	fi
	# README: net-tools cuts a unix path at its first space, we do not
	sed -E 's|^(unix .* )(/[^ ]*) .*$|\1\2|' "$w/our.out" >"$w/our.cut"
	mv "$w/our.cut" "$w/our.out"
	bad=
	[ $ours = $nt ] || bad="status $ours, net-tools $nt"
	cmp -s "$w/nt.out" "$w/our.out" || bad="$bad stdout"
	cmp -s "$w/nt.err" "$w/our.err" || bad="$bad stderr"
	if [ -n "$bad" ]; then
		echo "FAIL: netstat $args: $bad"
		diff "$w/nt.err" "$w/our.err" | head -5
		diff "$w/nt.out" "$w/our.out" | head -5
		fail=1
	fi
done <<'EOF2'
-A ''
--protocol=
-A inet,
-A ,inet
-A inet,,unix
-A inet,inet6 -tn
-A ip -tn
-A ip6 -tn
-A tcpip -tn
-A appletalk
-A ddp
-A econet
-A ash
-A ax25
-A x25
-A netrom
-A rose
-A ipx
-A bluetooth
-A ec
-A unix,bogus
-A inet6,unix -n
--ax25
--x25
--ip -tn
--ipx
--appletalk
--netrom
--inet -n
--inet6 -n
--ddp
--rose
--unix -n
--bluetooth
--l2cap
--rfcomm
-2
-2 -tn
-2 -f
--ip6
--tcpip=1
--a
--e -tn
--c
--in
--i
--num
--num=3
--pro=inet
--foo=bar
--tcp=1
--prog -tn
--prot
--protocol inet -n
--protocol=inet6 -n
--numeric-h -t
--numeric-p -t
--numeric-u -te
--x
--r
--s -t
--st
--l -n
--li -n
--v -tn
--verb
--w -n
--wi -tn
--ver
--ve
--t -n
--u -n
--ud -n
--udp -n
--udpl -an
--ro -n
--rou
--g -n
--gro -n
--cach -r
--fi -rn
--sy -rn
--con
--cont
--ext -tn
--time -tn
--context
-tn -d
-dtn
-Z
-tZ
-Q
-tuk
-A
-tA
-At
-At inet
-- -t
-tn -
-tn foo
-ri
-rs
-rM
-iM
-sM
-si
-r -i -s
-rg -n
-gr -n
-g -t -n
-i -t
-r -t -n
-s -t
-ee -tn
-eee -tn
-rn -4
-rn -6
-rn -A inet6,inet
-rn -A inet,inet6
-r -A unix
-rn -x
-s -A unix
-s -6 -t
-s -x
-tn -v
-v -n
-4 -n
-6 -n
-46 -n
-x -n
-xa -n
-Aunix -n
-t -u -w -U -S -an
-S -an
-Sl -n
-A ipx,x25
-A x25,ipx
-A ipx -c
-A ddp -s
-A bluetooth -s
-2 -s
-A inet,ddp -s
-A bluetooth -rn
-A econet -rn
-A ash -rn
-rn -A inet,unix
-rn -A unix,inet
-A ddp -i
-rn -2
EOF2
echo "$n command lines"

# getopt's messages name the program as it was invoked, as net-tools'
# glibc does; BusyBox runs the applet as "netstat" whatever the path
if [ "${BUSYBOX:-0}" = 0 ]; then
	mkdir -p "$w/ours" "$w/nt"
	ln -sf "$NETSTAT" "$w/ours/my-netstat"
	ln -sf "$(command -v netstat)" "$w/nt/my-netstat"
	"$w/nt/my-netstat" -Q 2>&1 | head -n 1 | sed "s|^$w/nt/|DIR/|" >"$w/nt.name"
	$RUNNER "$w/ours/my-netstat" -Q 2>&1 | head -n 1 | sed "s|^$w/ours/|DIR/|" >"$w/our.name"
	grep -qx "DIR/my-netstat: invalid option -- 'Q'" "$w/nt.name" ||
		{ echo "FAIL: net-tools printed $(cat "$w/nt.name")"; fail=1; }
	cmp -s "$w/nt.name" "$w/our.name" ||
		{ echo "FAIL: argv[0]: $(cat "$w/our.name"), net-tools $(cat "$w/nt.name")"; fail=1; }
fi
exit $fail
