#!/bin/sh
# Build and run the libFuzzer targets (clang, -fsanitize=fuzzer,address,undefined).
#
#   tests/fuzz/run.sh [SECONDS] [TARGET...]
#
# SECONDS per target (default 60; make check runs a smoke of 5; 0 for no
# limit). FUZZ_RUNS=N stops each target after N executions instead (the
# 10-million campaign: FUZZ_RUNS=10000000 tests/fuzz/run.sh 0). Seeds come
# from the fixtures; the corpus grows in build/fuzz/corpus-<target> (git-
# ignored). Binaries, objects and logs go to FUZZ_BUILD (default build/fuzz;
# give two concurrent campaigns their own). Prints one line per target:
# executions, and any finding. Exit status 1 if any target crashed, leaked
# or tripped a sanitizer.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 2
secs=${1:-60}
[ $# -gt 0 ] && shift
targets=${*:-$(sed -n 's/^#if defined(FUZZ_TARGET_\([a-z0-9_]*\))$/\1/p; s/^#elif defined(FUZZ_TARGET_\([a-z0-9_]*\))$/\1/p' tests/fuzz/driver.c | awk '!seen[$0]++')}
out=${FUZZ_BUILD:-build/fuzz}
mkdir -p "$out" build/fuzz
make -s build/gen/usage.h
rc=0
# the seed files of each target: which fixture files feed it
seeds_for() {
	case $1 in
	inet) ls tests/fixtures/*/net/tcp tests/fixtures/*/net/tcp6 ;;
	inet6) ls tests/fixtures/*/net/udp6 tests/fixtures/*/net/udp ;;
	raw) ls tests/fixtures/*/net/raw tests/fixtures/*/net/raw6 ;;
	sctp) ls tests/fixtures/*/net/sctp/eps tests/fixtures/*/net/sctp/assocs ;;
	stats) ls tests/fixtures/*/net/snmp tests/fixtures/*/net/netstat tests/fixtures/*/net/sctp/snmp ;;
	conntrack) ls tests/fixtures/*/net/nf_conntrack tests/fixtures/*/net/ip_conntrack ;;
	hosts|networks|passwd|services|protocols) ls tests/etc/"$1" tests/resolve/*"$1"* /etc/"$1" ;;
	resolvconf) ls tests/etc/resolv.conf tests/resolve/*resolv* ;;
	dns) ls tests/fuzz/seeds/dns-* ;;
	ctnetlink) ls tests/fuzz/seeds/ctnetlink-* ;;
	route) ls tests/fixtures/*/net/route tests/fixtures/*/net/rt_cache ;;
	igmp) ls tests/fixtures/*/net/igmp tests/fixtures/*/net/igmp6 ;;
	*) ls tests/fixtures/*/net/"$1" tests/fixtures/*/net/"$1"6 ;;
	esac 2>/dev/null
}
cflags="-g -O${FUZZ_OPT:-2} -std=c11 -D_GNU_SOURCE -Iinclude -Ibuild/gen -DNETSTAT_FUZZING=1
	-fno-sanitize-recover=all"
# the applet once (two at a time), then the driver per target
mkdir -p "$out/obj"
# objects made with other flags are made again
echo "$cflags" | cmp -s - "$out/obj/cflags" || { rm -f "$out"/obj/*.o; echo "$cflags" >"$out/obj/cflags"; }
export cflags out
if ! ls applet/*.c | xargs -P 2 -I{} sh -c 'o=$out/obj/$(basename {} .c).o;
	[ "$o" -nt {} ] && [ -z "$(find include -newer "$o")" ] && exit 0
	clang $cflags -fsanitize=fuzzer-no-link,address,undefined \
		-fsanitize-coverage-ignorelist=tests/fuzz/coverage-ignore.txt -c -o "$o" {}' 2>"$out/build.log"; then
	echo "fuzz: applet build failed"; cat "$out/build.log"; exit 1
fi
for t in $targets; do
	bin=$out/fuzz-$t
	# the dns and ctnetlink targets include resolv.c and ctnetlink.c
	objs=$(ls "$out"/obj/*.o)
	[ "$t" = dns ] && objs=$(echo "$objs" | grep -v '/resolv\.o$')
	[ "$t" = ctnetlink ] && objs=$(echo "$objs" | grep -v '/ctnetlink\.o$')
	# shellcheck disable=SC2086
	clang $cflags -DFUZZ_TARGET_$t -fsanitize=fuzzer,address,undefined \
		-o "$bin" tests/fuzz/driver.c $objs 2>"$out/build-$t.log" ||
		{ echo "$t: build failed"; cat "$out/build-$t.log"; rc=1; continue; }
	corpus=build/fuzz/corpus-$t
	mkdir -p "$corpus"
	# a seed is a switch byte followed by a fixture file (a DNS seed has
	# a switch byte of its own, replaced here: its low bit asks for an
	# IPv6 name, bit 3 (h, i) makes the whole packet the seed's)
	i=0
	for f in $(seeds_for "$t") $(ls tests/fuzz/regressions/"$t"-* 2>/dev/null); do
		[ -f "$f" ] || continue
		switches="a 1 g b"
		case $t:$f in dns:*whole*) switches="h i" ;; esac
		for sw in $switches; do
			i=$((i + 1))
			if [ "$t" = dns ]; then
				{ printf '%s' "$sw"; tail -c +2 "$f"; } >"$corpus/seed-$i-$sw"
			else
				{ printf '%s' "$sw"; head -c 4000 "$f"; } >"$corpus/seed-$i-$sw"
			fi
		done
	done
	runs=
	[ -n "${FUZZ_RUNS:-}" ] && runs=-runs=$FUZZ_RUNS
	# shellcheck disable=SC2086
	"$bin" -max_total_time="$secs" $runs -max_len=${FUZZ_MAX_LEN:-2048} -timeout=10 -rss_limit_mb=1024 \
		-print_final_stats=1 "$corpus" >"$out/run-$t.log" 2>&1
	status=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/run-$t.log" | tail -n 1)
	if [ $status = 0 ]; then
		echo "$t: ${execs:-?} executions, no findings"
	else
		echo "$t: FINDING after ${execs:-?} executions (status $status), see $out/run-$t.log"
		grep -E 'ERROR|SUMMARY|runtime error' "$out/run-$t.log" | head -5
		rc=1
	fi
done
exit $rc
