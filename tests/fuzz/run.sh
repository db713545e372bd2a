#!/bin/sh
# Build and run the libFuzzer targets (clang, -fsanitize=fuzzer,address,undefined).
#
#   tests/fuzz/run.sh [SECONDS] [TARGET...]    fuzz each target
#   tests/fuzz/run.sh --replay [NAME...]       replay the saved inputs
#   tests/fuzz/run.sh --targets                list the targets
#
# SECONDS per target (default 60; make check runs a smoke of 3; 0 for no
# limit). FUZZ_RUNS=N stops each target after N executions instead (the
# campaign: FUZZ_RUNS=10000000 tests/fuzz/run.sh 0 TARGET...). Seeds come
# from the fixtures, each behind a switch byte, and the saved inputs of
# tests/fuzz/regressions as they are; the corpus grows in
# build/fuzz/corpus-<target> (git-ignored). Binaries, objects, logs and
# libFuzzer's artifacts (build/fuzz/artifacts/<target>-crash-<sha1> and
# the like) go to FUZZ_BUILD (default build/fuzz; give two concurrent
# campaigns their own). FUZZ_CFLAGS adds compiler flags: the 32-bit
# targets' byte loops for hex digits run on this machine with
# FUZZ_CFLAGS="-DNETSTAT_HEX_BY_WORD=0 -DNETSTAT_HEX_CHECK_BY_WORD=0"
# (include/netstat.h). Prints one line per target: executions, seconds,
# and any finding; the same as a Markdown table appended to
# FUZZ_BUILD/figures.md, one a run (tests/README.md, "Fuzzing"). Exit status 1 if any target crashed,
# leaked or tripped a sanitizer.
#
# --replay: every input of tests/fuzz/regressions/INDEX (or the NAMEs)
# byte for byte through each of its targets, once; each run must be
# clean and its messages (the driver's FUZZ_MESSAGES_FD=2) must contain
# the entry's `reaches` line. Exit status 1 on any failure, also for a
# file without an entry or an entry without a file.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 2
all_targets=$(sed -n 's/^#if defined(FUZZ_TARGET_\([a-z0-9_]*\))$/\1/p; s/^#elif defined(FUZZ_TARGET_\([a-z0-9_]*\))$/\1/p' \
	tests/fuzz/driver.c | awk '!seen[$0]++')
regs=tests/fuzz/regressions
out=${FUZZ_BUILD:-build/fuzz}

# INDEX as lines: name, targets, reaches (tab-separated)
index() {
	awk 'BEGIN { RS = ""; FS = "\n" }
	/^#/ { next }
	{
		name = targets = reaches = ""; key = ""
		for (i = 1; i <= NF; i++) {
			line = $i
			if (line ~ /^[a-z]+: /) {
				key = substr(line, 1, index(line, ":") - 1)
				val = substr(line, index(line, ":") + 2)
				if (key == "name") name = val
				else if (key == "target") targets = val
				else if (key == "reaches") reaches = val
			}
		}
		if (name != "") printf "%s\t%s\t%s\n", name, targets, reaches
	}' "$regs/INDEX"
}

case ${1:-} in
--targets) echo "$all_targets"; exit 0 ;;
--replay) mode=replay; shift ;;
*) mode=fuzz
   secs=${1:-60}
   [ $# -gt 0 ] && shift ;;
esac

mkdir -p "$out" "$out/artifacts" build/fuzz
make -s build/gen/usage.h
cflags="-g -O${FUZZ_OPT:-2} -std=c11 -D_GNU_SOURCE -Iinclude -Ibuild/gen -DNETSTAT_FUZZING=1
	-fno-sanitize-recover=all ${FUZZ_CFLAGS:-}"
# the applet once (two at a time), then the driver per target
mkdir -p "$out/obj"
# objects made with other flags are made again; those of a source file
# that is gone are removed (they would be linked in)
echo "$cflags" | cmp -s - "$out/obj/cflags" || { rm -f "$out"/obj/*.o; echo "$cflags" >"$out/obj/cflags"; }
for o in "$out"/obj/*.o; do
	[ -f "$o" ] && [ ! -f "applet/$(basename "$o" .o).c" ] && rm -f "$o"
done
export cflags out
if ! ls applet/*.c | xargs -P 2 -I{} sh -c 'o=$out/obj/$(basename {} .c).o;
	[ "$o" -nt {} ] && [ -z "$(find include -newer "$o")" ] && exit 0
	clang $cflags -fsanitize=fuzzer-no-link,address,undefined \
		-fsanitize-coverage-ignorelist=tests/fuzz/coverage-ignore.txt -c -o "$o" {}' 2>"$out/build.log"; then
	echo "fuzz: applet build failed"; cat "$out/build.log"; exit 1
fi

# build TARGET: $out/fuzz-TARGET
build() {
	case " $(echo $all_targets) " in *" $1 "*) ;; *) echo "$1: no such target"; return 1 ;; esac
	# the dns and ctnetlink targets include resolv.c and ctnetlink.c
	objs=$(ls "$out"/obj/*.o)
	[ "$1" = dns ] && objs=$(echo "$objs" | grep -v '/resolv\.o$')
	[ "$1" = ctnetlink ] && objs=$(echo "$objs" | grep -v '/ctnetlink\.o$')
	# shellcheck disable=SC2086
	clang $cflags -DFUZZ_TARGET_$1 -fsanitize=fuzzer,address,undefined \
		-o "$out/fuzz-$1" tests/fuzz/driver.c $objs 2>"$out/build-$1.log" ||
		{ echo "$1: build failed"; cat "$out/build-$1.log"; return 1; }
}

rc=0
if [ $mode = replay ]; then
	index >"$out/index.txt"
	# every file has an entry, every entry a file
	for f in "$regs"/*; do
		n=${f##*/}
		[ "$n" = INDEX ] && continue
		cut -f1 "$out/index.txt" | grep -qxF "$n" ||
			{ echo "replay: $n has no entry in $regs/INDEX"; rc=1; }
	done
	built=
	replays=0
	while IFS='	' read -r name targets reaches; do
		if [ $# -gt 0 ]; then
			case " $* " in *" $name "*) ;; *) continue ;; esac
		fi
		[ -f "$regs/$name" ] || { echo "replay: $name: in INDEX, no such file"; rc=1; continue; }
		[ -n "$targets" ] || { echo "replay: $name: no target"; rc=1; continue; }
		[ -n "$reaches" ] || { echo "replay: $name: no reaches line"; rc=1; continue; }
		for t in $targets; do
			case " $built " in *" $t "*) ;; *)
				build "$t" || { rc=1; continue; }
				built="$built $t" ;;
			esac
			log=$out/replay-$name-$t.log
			# a file argument: libFuzzer runs it once, as it is
			FUZZ_MESSAGES_FD=2 "$out/fuzz-$t" -artifact_prefix="$out/artifacts/replay-$t-" \
				"$regs/$name" >"$log" 2>&1
			status=$?
			replays=$((replays + 1))
			if [ $status != 0 ]; then
				echo "replay: $name through $t: status $status, see $log"
				grep -E 'ERROR|SUMMARY|runtime error|invalid JSON' "$log" | head -5
				rc=1
			elif ! grep -qF -- "$reaches" "$log"; then
				echo "replay: $name through $t: no \"$reaches\" among its messages:"
				grep -v -e '^INFO' -e '^Running' -e '^Executed' -e '^\*\*\*' "$log" | sort -u | head -5
				rc=1
			else
				echo "replay: $name through $t: clean, reaches \"$reaches\""
			fi
		done
	done <"$out/index.txt"
	echo "replay: $replays runs of $(wc -l <"$out/index.txt") saved inputs"
	[ $replays -gt 0 ] || rc=1
	exit $rc
fi

targets=${*:-$all_targets}
# the seed files of each target: which fixture files feed it
seeds_for() {
	case $1 in
	inet) ls tests/fixtures/*/net/tcp tests/fixtures/*/net/tcp6 ;;
	inet6) ls tests/fixtures/*/net/udp6 tests/fixtures/*/net/udp ;;
	raw) ls tests/fixtures/*/net/raw tests/fixtures/*/net/raw6 ;;
	sctp) ls tests/fixtures/*/net/sctp/eps tests/fixtures/*/net/sctp/assocs ;;
	stats) ls tests/fixtures/*/net/snmp tests/fixtures/*/net/netstat tests/fixtures/*/net/sctp/snmp ;;
	conntrack) ls tests/fixtures/*/net/nf_conntrack tests/fixtures/*/net/ip_conntrack ;;
	ctstat) ls tests/fixtures/*/net/stat/nf_conntrack ;;
	hosts|networks|passwd|services|protocols) ls tests/etc/"$1" tests/resolve/*"$1"* /etc/"$1" ;;
	resolvconf) ls tests/etc/resolv.conf tests/resolve/*resolv* ;;
	dns) ls tests/fuzz/seeds/dns-* ;;
	ctnetlink) ls tests/fuzz/seeds/ctnetlink-* ;;
	route) ls tests/fixtures/*/net/route tests/fixtures/*/net/rt_cache ;;
	igmp) ls tests/fixtures/*/net/igmp tests/fixtures/*/net/igmp6 ;;
	*) ls tests/fixtures/*/net/"$1" tests/fixtures/*/net/"$1"6 ;;
	esac 2>/dev/null
}
figures=$out/figures.md
{
	limit="$secs s a target"
	[ "$secs" = 0 ] && limit="no time limit"
	echo "$(date -u +%Y-%m-%d), commit $(git rev-parse --short HEAD 2>/dev/null || echo ?)," \
		"${FUZZ_RUNS:+FUZZ_RUNS=$FUZZ_RUNS, }$limit"
	echo
	echo "| target | executions | seconds | corpus | findings |"
	echo "|---|---:|---:|---:|---|"
} >>"$figures"
total=0
for t in $targets; do
	build "$t" || { rc=1; continue; }
	bin=$out/fuzz-$t
	corpus=build/fuzz/corpus-$t
	mkdir -p "$corpus"
	# a seed is a switch byte followed by a fixture file (a DNS seed has
	# a switch byte of its own, replaced here: its low bit asks for an
	# IPv6 name, bit 3 (h, i) makes the whole packet the seed's)
	i=0
	for f in $(seeds_for "$t"); do
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
	# the saved inputs of this target, as they are: they have their
	# switch byte
	index | while IFS='	' read -r name ts _; do
		case " $ts " in *" $t "*) cp "$regs/$name" "$corpus/regression-$name" ;; esac
	done
	runs=
	[ -n "${FUZZ_RUNS:-}" ] && runs=-runs=$FUZZ_RUNS
	start=$(date +%s)
	# shellcheck disable=SC2086
	"$bin" -max_total_time="$secs" $runs -max_len=${FUZZ_MAX_LEN:-2048} -timeout=10 -rss_limit_mb=1024 \
		-artifact_prefix="$out/artifacts/$t-" -print_final_stats=1 "$corpus" >"$out/run-$t.log" 2>&1
	status=$?
	took=$(($(date +%s) - start))
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/run-$t.log" | tail -n 1)
	total=$((total + ${execs:-0}))
	size=$(ls "$corpus" | wc -l)
	if [ $status = 0 ]; then
		echo "$t: ${execs:-?} executions in $took s, no findings"
		echo "| $t | ${execs:-?} | $took | $size | none |" >>"$figures"
	else
		echo "$t: FINDING after ${execs:-?} executions (status $status), see $out/run-$t.log"
		grep -E 'ERROR|SUMMARY|runtime error|invalid JSON|Test unit written' "$out/run-$t.log" | head -5
		echo "| $t | ${execs:-?} | $took | $size | status $status: see run-$t.log |" >>"$figures"
		rc=1
	fi
done
echo "fuzz: $total executions in all; figures in $figures"
exit $rc
