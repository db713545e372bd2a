#!/bin/sh
# host-only: builds its own binaries (one set is enough)
# timeout: 900
# Feature toggles: every ENABLE_FEATURE_NETSTAT_* of include/netstat_config.h
# switched off one at a time, then all off (tests/configs/minimal.config)
# and the Config.in defaults (tests/configs/default.config). Each build
# must be warning-free (-Werror) and link; then every case runs against it
# and against the all-on build, and either
#   - the switch of the missing feature is refused: exit status 3 and
#     "invalid option -- 'X'" or "unrecognized option '--X'" (or, for
#     -A with a family configured out, "Unknown address family"), or
#   - the output is byte for byte the all-on build's, given what the
#     feature-off build stands for:
#       IPV6      a kernel without IPv6: the fixture minus net/*6, net/*ipv6*,
#                 and no message about those files
#       SCTP      a kernel without SCTP: the fixture minus net/sctp*, and no
#                 message that names sctp
#       RESOLVE   no name files: /etc/hosts, services, ... empty
#       UNIX      the "Active UNIX domain sockets" part left out
#       USAGE     the usage text left out (first stderr line and status kept)
#       CLASSIC   classic words are ignored, as net-tools ignores them:
#                 cases with such words are skipped
set -u
fail() { echo "FAIL: $*"; failed=1; }
failed=0
top=$PWD
[ "$(id -u)" = 0 ] || { echo "needs root (check.sh's namespace)"; exit 77; }

w=$WORK/toggles
rm -rf "$w"
mkdir -p "$w/cfg" "$w/fx"
full=$NETSTAT

switches=$(sed -n 's/^#define ENABLE_\(FEATURE_NETSTAT_[A-Z0-9_]*\) .*/\1/p' include/netstat_config.h)
[ -n "$switches" ] || { echo "FAIL: no switches"; exit 1; }

# config name -> switches it turns off
configs=
for s in $switches; do
	name=no-${s#FEATURE_NETSTAT_}
	echo "# CONFIG_$s is not set" >"$w/cfg/$name"
	configs="$configs $name"
done
cp tests/configs/minimal.config "$w/cfg/minimal"
cp tests/configs/default.config "$w/cfg/default"
configs="$configs minimal default"

off_in() { sed -n 's/^# CONFIG_FEATURE_NETSTAT_\([A-Z0-9_]*\) is not set/\1/p' "$w/cfg/$1"; }

# a twin of fixture $1 without what $off configures out, in $twin
fixture_without() {
	tag=
	case $off in *" IPV6 "*) tag=${tag}6 ;; esac
	case $off in *" SCTP "*) tag=${tag}s ;; esac
	twin=$1
	[ -n "$tag" ] || return 0
	twin=$w/fx/$tag$(echo "$1" | sed 's|/|_|g')
	if [ ! -d "$twin" ]; then
		cp -a "$1" "$twin"
		case $tag in *6*) rm -rf "$twin"/net/*6 "$twin"/net/*ipv6* ;; esac
		case $tag in *s*) rm -rf "$twin"/net/sctp* ;; esac
	fi
}

# run BIN on case DIR's fixture FX, output in OUT.{stdout,stderr,status};
# PRE is a command prefix (for the name-less /etc). Variables r_*.
run() {
	r_bin=$1 r_dir=$2 r_fx=$3 r_out=$4 r_pre=$5
	r_args=$(cat "$r_dir/args")
	(cd "$w" && eval "PROC_ROOT='$r_fx' $r_pre '$r_bin' $r_args") </dev/null \
		>"$r_out.stdout" 2>"$r_out.raw"
	echo $? >"$r_out.status"
	sed "s|$r_fx|/proc|g; s|^$r_bin: |netstat: |" "$r_out.raw" >"$r_out.stderr"
}

no_names="unshare --mount sh -c 'for f in hosts services protocols networks passwd; do mount --bind /dev/null /etc/\$f; done; exec \"\$0\" \"\$@\"'"

builds=0 runs=0
for cfg in $configs; do
	bin=$top/build/host-$cfg/netstat
	if ! make -s CONFIG="$w/cfg/$cfg" >"$w/$cfg.log" 2>&1; then
		fail "$cfg: build failed or warned"; sed -n 1,20p "$w/$cfg.log"; continue
	fi
	[ -s "$w/$cfg.log" ] && { fail "$cfg: build output"; cat "$w/$cfg.log"; }
	builds=$((builds + 1))
	off=" $(off_in "$cfg" | tr '\n' ' ')"
	# -V says which features this build has
	want="features:"
	for f in $switches; do
		f=${f#FEATURE_NETSTAT_}
		case $off in *" $f "*) want="$want -$f" ;; *) want="$want +$f" ;; esac
	done
	# (DNS needs RESOLVE, CONNTRACK_NETLINK CONNTRACK: Config.in's depends)
	case $off in *" RESOLVE "*) want=$(echo "$want" | sed 's/+DNS/-DNS/') ;; esac
	case $off in *" CONNTRACK "*) want=$(echo "$want" | sed 's/+CONNTRACK_NETLINK/-CONNTRACK_NETLINK/') ;; esac
	got=$("$bin" -V | sed -n 2p)
	[ "$got" = "$want" ] || fail "$cfg: -V says '$got', want '$want'"
	for dir in tests/cases/*/; do
		dir=${dir%/}
		[ -f "$dir/args" ] || continue
		name=${dir##*/}
		args=$(cat "$dir/args")
		fx=$(cd "$dir/proc" && pwd -P)
		case $off in *" CLASSIC "*)
			# a word that is not an option or its argument
			if echo " $args " | sed 's/ -A [^ ]*//g; s/ -[^ ]*//g' | grep -q '[^ ]'; then
				continue
			fi ;;
		esac
		run "$bin" "$dir" "$fx" "$w/off" ""
		runs=$((runs + 1))
		status=$(cat "$w/off.status")
		first=$(head -n 1 "$w/off.stderr")
		if [ "$status" = 3 ]; then
			case $first in
			"netstat: invalid option -- '"?"'" | "netstat: unrecognized option '--"*)
				[ -s "$w/off.stdout" ] && fail "$cfg $name: refused but printed"
				continue ;;
			esac
		fi
		if [ "$status" = 1 ] && [ "$first" = "Unknown address family \`inet6'." ] &&
		   case $off in *" IPV6 "*) true ;; *) false ;; esac; then
			continue
		fi
		if [ "$status" = 1 ] && [ "$first" = "Unknown address family \`unix'." ] &&
		   case $off in *" UNIX "*) true ;; *) false ;; esac; then
			continue
		fi
		# what the all-on build prints in the same situation
		pre=
		fixture_without "$fx"
		ref_fx=$twin
		case $off in *" RESOLVE "*) pre=$no_names ;; esac
		run "$full" "$dir" "$ref_fx" "$w/ref" "$pre"
		sed -i "s|$ref_fx|/proc|g" "$w/ref.stderr"
		case $off in *" IPV6 "*)
			sed -i '\|/proc/net/[a-z_/]*6: |d' "$w/ref.stderr" ;;
		esac
		case $off in *" SCTP "*) sed -i '/sctp/d' "$w/ref.stderr" ;; esac
		case $off in *" UNIX "*)
			sed -i '/^Active UNIX domain sockets/,$d' "$w/ref.stdout" ;;
		esac
		case $off in *" USAGE "*)
			if [ "$(cat "$w/ref.status")" = 3 ]; then
				head -n 1 "$w/ref.stderr" >"$w/ref.s" && mv "$w/ref.s" "$w/ref.stderr"
			fi
			case " $args " in *" -h "* | *" --help "*) : >"$w/ref.stdout" ;; esac ;;
		esac
		for f in stdout stderr status; do
			if ! cmp -s "$w/ref.$f" "$w/off.$f"; then
				fail "$cfg $name: $f differs from the all-on build"
				diff "$w/ref.$f" "$w/off.$f" | head -n 6
			fi
		done
	done
done

# the switches themselves
probe() {	# config, args, wanted status, wanted first stderr line
	p_bin=$top/build/host-$1/netstat
	[ -x "$p_bin" ] || { fail "$1: no build"; return; }
	# shellcheck disable=SC2086
	PROC_ROOT=$top/tests/fixtures/router "$p_bin" $2 >"$w/p.out" 2>"$w/p.raw" </dev/null
	st=$?
	sed "s|^$p_bin: |netstat: |" "$w/p.raw" >"$w/p.err"
	[ "$st" = "$3" ] || fail "$1 '$2': status $st, want $3"
	[ "$(head -n 1 "$w/p.err")" = "$4" ] || fail "$1 '$2': '$(head -n 1 "$w/p.err")', want '$4'"
}
inv() { probe "$1" "$2" 3 "netstat: invalid option -- '$3'"; }
inv no-IPV6 -6 6
probe no-IPV6 "-A inet6" 1 "Unknown address family \`inet6'."
inv no-PRG -tp p
inv no-UNIX -x x
probe no-UNIX "-A unix" 1 "Unknown address family \`unix'."
inv no-ROUTE -r r
probe no-ROUTE --route 3 "netstat: unrecognized option '--route'"
inv no-IFACE -i i
inv no-STATS -s s
inv no-GROUPS -g g
inv no-CONNTRACK -M M
inv no-WIDE -tW W
inv no-SCTP -S S
inv no-CLASSIC -q q
inv no-CLASSIC -E E
probe no-LONG_OPTIONS --tcp 3 "netstat: unrecognized option '--tcp'"
probe no-USAGE -h 0 ""
[ -s "$w/p.out" ] && fail "no-USAGE -h printed"
probe no-USAGE -k 3 "netstat: invalid option -- 'k'"
[ "$(wc -l <"$w/p.err")" = 1 ] || fail "no-USAGE -k: more than the message"
# and the usage text does not offer them
no_usage() {
	"$top/build/host-$1/netstat" -h 2>&1 | grep -q -- "$2" && fail "$1: usage text still offers '$2'"
	"$top/netstat" -h | grep -q -- "$2" || fail "all-on usage text lacks '$2'"
}
no_usage no-ROUTE "-r,"
no_usage no-IFACE "-i,"
no_usage no-GROUPS "-g,"
no_usage no-STATS "-s,"
no_usage no-CONNTRACK "-M,"
no_usage no-WIDE "-W,"
no_usage no-PRG "-p,"
no_usage no-UNIX "-x,"
no_usage no-SCTP "-S,"
no_usage no-IPV6 "-6,"
no_usage no-CLASSIC "-q"
no_usage no-CLASSIC "PROTO"
inv minimal -r r
probe minimal -tuwan 0 ""
grep -q '^Proto Recv-Q' "$w/p.out" || fail "minimal -tuwan: no socket table"

# sizes, for the record (the all-on build is $NETSTAT)
echo "all-on $(wc -c <"$full")"
for cfg in $configs; do
	b=$top/build/host-$cfg/netstat
	[ -x "$b" ] && echo "$cfg $(wc -c <"$b")"
done
echo "$builds builds, $runs case runs"
[ $failed = 0 ] && echo ok
exit $failed
