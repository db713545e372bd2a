#!/bin/sh
# make check: every case against every build, plus the scripted tests.
#
#   tests/check.sh [BUILD...]      BUILD: host sanitize clang mips mipsel armhf armel aarch64
#                                         bb-x86_64 bb-mips
#
# bb-<target>: our applet inside Debian's BusyBox tree (tests/busybox/
# build.sh), run as `busybox netstat ...` on the cases and on the scripts
# marked `# busybox-too` (with BUSYBOX=1).
#
# A case is a directory under tests/cases: `args` (shell words), `proc` (a
# link to the fixture that stands in for /proc), `expected.stdout`,
# `expected.stderr`, `expected.status` (from net-tools 2.10, written by
# tests/regen.sh), and where we deliberately differ `ours.stdout`,
# `ours.stderr` or `ours.status` with the reason in `why`. Optional: `user`
# (run as that user), `stdin`.
#
# Everything runs inside a private mount and network namespace with
# tests/etc bind-mounted over /etc, so names resolve the same way
# everywhere. That needs root; under CI=true a skip is a failure.
#
# For a quick loop while working: CHECK_CASES='stats-*' runs only the cases
# that match (and no scripts); CHECK_SCRIPTS='fuzz* live-nat' only those
# scripts.
#
# A script says in its header (a line of its own, before the code) where
# it applies; elsewhere it is not run, and each build's summary counts it
# as "not run here by declaration":
#   # native-only    not under a runner (qemu, valgrind) nor the sanitizer
#   # host-only      the host build only (one run is enough: it checks
#                    files, builds its own binaries, or needs a static
#                    native binary)
#   # builds: B...   only these builds
#   # busybox-too    also the BusyBox builds (bb-*), with BUSYBOX=1
#   # timeout: S     seconds it may take natively (default 300)
# Every script runs under timeout(1), with its process group, and the
# limit times the build's slowdown (sanitize 2, qemu 4, valgrind 6): one
# that hangs is killed and is a failure. Exit status 0 is a pass, 77 a
# skip (it could not run here: a failure under CI=true), anything else a
# failure. Scripts get NATIVE=1 when the binary runs natively and without
# the sanitizer, for the few timed assertions that only hold there.
# CHECK_SCRIPT_TIMEOUT=S overrides every limit. Each script's output is
# kept in build/check/<build>/logs/<script>.log, its time in
# build/check/times.txt.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2

if [ -z "${NETSTAT_SANDBOX:-}" ]; then
	if [ "$(id -u)" != 0 ] || ! command -v unshare >/dev/null; then
		echo "SKIP: the test suite needs root for its private namespaces"
		[ "${CI:-}" = true ] && { echo "0 passed, 1 failed"; exit 1; }
		exit 0
	fi
	exec unshare --mount --propagation private --net -- env NETSTAT_SANDBOX=1 \
		sh -c 'for f in hosts services protocols passwd group networks nsswitch.conf resolv.conf; do
			[ -e /etc/$f ] || : > /etc/$f
			mount --bind "tests/etc/$f" "/etc/$f"
		done
		ip link set lo up 2>/dev/null
		exec "$0" "$@"' "$0" "$@"
fi

builds=${*:-${CHECK_BUILDS:-host sanitize clang valgrind mips mipsel armhf armel aarch64 bb-x86_64 bb-mips}}
pass=0 fail=0 skip=0
work=$top/build/check
rm -rf "$work"
mkdir -p "$work"

note_fail() { fail=$((fail + 1)); echo "FAIL: $*"; }
note_skip() {
	skip=$((skip + 1)); echo "SKIP: $*"
	[ "${CI:-}" = true ] && fail=$((fail + 1))
}

# binary and runner prefix for a build
setup_build() {
	runner= bin= be=0 mipsel=0 asan= slow=1
	case $1 in
	host) bin=$top/netstat ;;
	sanitize) bin=$top/build/sanitize/netstat asan=1 slow=2 ;;
	clang) bin=$top/build/clang/netstat ;;
	mips) bin=$top/build/mips/netstat runner="qemu-mips-static -cpu 24Kc" be=1 slow=4 ;;
	mipsel) bin=$top/build/mipsel/netstat runner="qemu-mipsel-static -cpu 24Kc" mipsel=1 slow=4 ;;
	armhf) bin=$top/build/armhf/netstat runner="qemu-arm-static -cpu cortex-a7" slow=4 ;;
	armel) bin=$top/build/armel/netstat runner="qemu-arm-static -cpu arm926" slow=4 ;;
	aarch64) bin=$top/build/aarch64/netstat runner="qemu-aarch64-static" slow=4 ;;
	x86_64) bin=$top/build/x86_64/netstat ;;
	# memcheck of the suite: our own code, under valgrind, case by case
	valgrind) bin=$top/netstat runner="valgrind -q --error-exitcode=99" slow=6 ;;
	bb-x86_64|bb-mips) setup_busybox "${1#bb-}"; return ;;
	*) echo "unknown build $1"; return 1 ;;
	esac
	if [ -n "$runner" ] && ! command -v "${runner%% *}" >/dev/null; then
		note_skip "$1: ${runner%% *} is not installed (tests/toolchains.sh)"
		return 1
	fi
	case $1 in
	host|valgrind) make -s all >/dev/null ;;
	sanitize) make -s build/sanitize/netstat >/dev/null ;;
	clang) make -s build/clang/netstat >/dev/null ;;
	*) [ -x ".toolchains/$1/bin/musl-gcc" ] || {
		note_skip "$1: no toolchain (run tests/toolchains.sh)"; return 1; }
	   make -s TARGET="$1" >/dev/null ;;
	esac || { note_fail "$1: build failed"; return 1; }
}

# BusyBox with our applet: the binary is the applet name, the runner
# (qemu and) busybox
setup_busybox() {
	bb=$(tests/busybox/build.sh "$1" 2>"$work/bb-$1.log")
	case $? in
	0) ;;
	77) note_skip "bb-$1: $(tail -n 1 "$work/bb-$1.log")"; return 1 ;;
	*) note_fail "bb-$1: BusyBox build failed"; cat "$work/bb-$1.log"; return 1 ;;
	esac
	bin=netstat runner=$bb
	if [ "$1" = mips ]; then
		command -v qemu-mips-static >/dev/null ||
			{ note_skip "bb-mips: qemu-mips-static is not installed"; return 1; }
		runner="qemu-mips-static -cpu 24Kc $bb" be=1 slow=4
	fi
}

# applies SCRIPT BUILD: whether the script's header lets it run on BUILD
applies() {
	head=$(sed -n '1,/^[^#]/p' "$1")
	case $2 in bb-*)
		echo "$head" | grep -q '^# busybox-too' || return 1 ;;
	esac
	if echo "$head" | grep -q '^# host-only'; then
		[ "$2" = host ] || return 1
	fi
	if echo "$head" | grep -q '^# builds: '; then
		echo "$head" | sed -n 's/^# builds: //p' | tr ' ' '\n' | grep -qx "$2" || return 1
	fi
	if [ -n "$runner$asan" ] && echo "$head" | grep -q '^# native-only'; then
		return 1
	fi
	return 0
}

# fixture path for a case under this build: a fixture is used as it is
# when it was written for the build's kernel ABI (x86 unless its .kernel
# says mips or mipsel, as the captures of real MIPS kernels do), else
# through its twin (tests/bswap.py: byte order, MIPS socket type numbers)
fixture_for() {
	fx=$(cd "$1/proc" && pwd -P)
	abi=x86
	[ "$be" = 1 ] && abi=mips
	[ "$mipsel" = 1 ] && abi=mipsel
	fx_abi=x86
	[ -f "$fx/.kernel" ] && fx_abi=$(cat "$fx/.kernel")
	if [ "$abi" != "$fx_abi" ]; then
		twin=$(echo "$fx" | sed "s|^$top/||; s|/|_|g")
		if [ ! -d "$work/$abi/$twin" ]; then
			mkdir -p "$work/$abi"
			python3 tests/bswap.py --to $abi "$fx" "$work/$abi/$twin"
		fi
		fx=$work/$abi/$twin
	fi
}

run_case() {
	dir=$1 build=$2
	name=${dir#tests/cases/}
	out=$work/$build/$name
	mkdir -p "$out"
	fixture_for "$dir"
	args=$(cat "$dir/args")
	as_user=
	[ -f "$dir/user" ] && as_user="setpriv --reuid=$(cat "$dir/user") --regid=$(cat "$dir/user") --clear-groups"
	stdin=/dev/null
	[ -f "$dir/stdin" ] && stdin=$dir/stdin
	# shellcheck disable=SC2086
	(cd "$out" && eval "PROC_ROOT='$fx' timeout 20 $as_user $runner '$bin' $args") \
		<"$stdin" >"$out/stdout" 2>"$out/stderr.raw"
	echo $? >"$out/status"
	# our messages name the files we opened; show them as /proc paths;
	# getopt's name us as invoked (argv[0]), net-tools as "netstat"
	sed "s|$fx|/proc|g; s|^$bin: |netstat: |" "$out/stderr.raw" >"$out/stderr"
	ok=1
	for s in stdout stderr status; do
		want=$dir/expected.$s
		[ -f "$dir/ours.$s" ] && want=$dir/ours.$s
		if ! cmp -s "$want" "$out/$s"; then
			ok=0
			echo "--- $name [$build] $s differs (want ${want#$top/})"
			diff "$want" "$out/$s" | head -20
		fi
	done
	if [ $ok = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
}

for build in $builds; do
	setup_build "$build" || continue
	before_fail=$fail before_pass=$pass
	for dir in tests/cases/${CHECK_CASES:-*}/; do
		dir=${dir%/}
		[ -f "$dir/args" ] || continue
		# not-on: builds the case does not apply to (first word of each line)
		# (a BusyBox build bb-ARCH counts as ARCH)
		[ -f "$dir/not-on" ] && cut -d' ' -f1 "$dir/not-on" | grep -qx "${build#bb-}" && continue
		run_case "$dir" "$build"
	done
	scripts=${CHECK_SCRIPTS:-*}
	[ -n "${CHECK_CASES:-}" ] && [ -z "${CHECK_SCRIPTS:-}" ] && scripts=none
	not_run=0
	mkdir -p "$work/$build/logs"
	# (the patterns are globbed under tests/scripts, not here)
	# shellcheck disable=SC2086
	for script in $(set -f; for p in $scripts; do set +f; ls tests/scripts/$p.sh 2>/dev/null; set -f; done); do
		[ -f "$script" ] || continue
		name=$(basename "$script" .sh)
		if ! applies "$script" "$build"; then
			not_run=$((not_run + 1))
			continue
		fi
		busybox=0
		case $build in bb-*) busybox=1 ;; esac
		native=0
		[ -z "$runner$asan" ] && native=1
		limit=$(sed -n '1,/^[^#]/s/^# timeout: \([0-9][0-9]*\).*/\1/p' "$script" | head -n 1)
		limit=$((${limit:-300} * slow))
		[ -n "${CHECK_SCRIPT_TIMEOUT:-}" ] && limit=$CHECK_SCRIPT_TIMEOUT
		log=$work/$build/logs/$name.log
		start=$(date +%s)
		NETSTAT="$bin" RUNNER="$runner" BUSYBOX=$busybox BIG_ENDIAN=$be MIPSEL=$mipsel NATIVE=$native \
			WORK="$work/$build" timeout -k 10 "$limit" sh "$script" </dev/null >"$log" 2>&1
		rc=$?
		took=$(($(date +%s) - start))
		echo "$build $name $took s, status $rc" >>"$work/times.txt"
		# (124 or 137 before the limit is the script's own status)
		[ $took -ge "$limit" ] && case $rc in 124|137) rc=timeout ;; esac
		case $rc in
		0) pass=$((pass + 1)) ;;
		77) note_skip "$build: $name.sh: $(tail -n 1 "$log")" ;;
		timeout)
			note_fail "$build: $name.sh: killed after $limit s (timeout), log ${log#$top/}"
			tail -n 20 "$log" ;;
		*)
			note_fail "$build: $name.sh (status $rc), log ${log#$top/}"
			tail -n 20 "$log" ;;
		esac
	done
	[ "$scripts" = none ] || echo "$build: $not_run scripts not run here by declaration"
	echo "$build: $((pass - before_pass)) passed, $((fail - before_fail)) failed"
done

echo "$pass passed, $fail failed, $skip skipped"
[ $fail = 0 ]
