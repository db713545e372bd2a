#!/bin/sh
# make system: boot real Linux kernels under qemu-system (TCG) with an
# initramfs, run tests/system/scenario.sh inside, and compare our netstat
# with net-tools 2.10 run in the same guest at the same moment: stdout,
# stderr and exit status, byte for byte.
#
#   tests/system/run.sh [GUEST...]     GUEST: mips mipsel armhf aarch64 (default: all)
#   SYSTEM_SHELL=1 tests/system/run.sh GUEST   a shell in the guest instead
#   SYSTEM_CAPTURE=1 ...               also copy each guest's /proc/net into
#                                      tests/fixtures/system-GUEST
#   SYSTEM_BENCH=FIXTURE ...           time instead of compare: tests/system/bench.sh
#                                      on FIXTURE (tests/bench/guest.sh runs this)
#
# Everything is cached under .toolchains/system (git-ignored): Debian's
# kernels, BusyBox and net-tools for mipsel, armhf and arm64, and for
# big-endian mips a kernel, BusyBox and net-tools built from Debian's
# sources. Each guest's results stay in build/system/GUEST.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 2
tc=${TOOLCHAIN_DIR:-$top/.toolchains}
sys=$tc/system
work=$top/build/system
guests=${*:-mips mipsel armhf aarch64}
say() { echo "system: $*" >&2; }
die() { say "$*"; exit 1; }
mkdir -p "$sys" "$work"

# ---- host packages and foreign architectures (idempotent) ----
tests/system/prepare.sh || die "prepare.sh failed"

deb_arch() {
	case $1 in
	mipsel) echo mipsel ;; armhf) echo armhf ;; aarch64) echo arm64 ;; *) echo "" ;;
	esac
}
kernel_pkg() {
	case $1 in
	mipsel) echo linux-image-4kc-malta ;; armhf) echo linux-image-armmp ;;
	arm64) echo linux-image-arm64 ;;
	esac
}

# PACKAGE...:ARCH and what they depend on, one name a line (the closure
# apt resolves, without recommends); SKIP, a grep -e list, leaves some out
closure() {
	c_arch=$1 c_skip=$2; shift 2
	apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts \
		--no-breaks --no-replaces --no-enhances --no-pre-depends \
		$(for p; do echo "$p:$c_arch"; done) 2>/dev/null |
		grep -v '^ ' | grep ":$c_arch\$" | grep -v $c_skip | sort -u
}

# Debian's packages for one architecture, with what they depend on
guest_pkgs="net-tools busybox-static nftables"
fetch_debs() {
	arch=$1 dir=$sys/debs-$arch
	[ "$(cat "$dir/.done" 2>/dev/null)" = "$guest_pkgs" ] && return 0
	rm -rf "$dir"; mkdir -p "$dir"
	meta=$(kernel_pkg "$arch")
	image=$(apt-cache depends "$meta:$arch" | sed -n 's/^  Depends: \(linux-image-[^:]*\).*/\1/p' | head -n 1)
	[ -n "$image" ] || { say "no kernel package behind $meta:$arch"; return 1; }
	pkgs=$(closure "$arch" "-e ^$" $guest_pkgs)
	(cd "$dir" && apt-get download -q $pkgs "$image:$arch" >/dev/null 2>&1) ||
		{ say "apt-get download for $arch failed"; return 1; }
	echo "$guest_pkgs" >"$dir/.done"
}

# ss for the benchmark: iproute2 and the libraries it links, without
# debconf and what only its maintainer scripts use
bench_pkgs="iproute2"
fetch_bench_debs() {
	arch=$1 dir=$sys/bench-debs-$arch
	[ "$(cat "$dir/.done" 2>/dev/null)" = "$bench_pkgs" ] && return 0
	rm -rf "$dir"; mkdir -p "$dir"
	pkgs=$(closure "$arch" "-e ^debconf -e ^perl -e ^cdebconf -e ^libcap2-bin" $bench_pkgs)
	(cd "$dir" && apt-get download -q $pkgs >/dev/null 2>&1) ||
		{ say "apt-get download of $bench_pkgs for $arch failed"; return 1; }
	echo "$bench_pkgs" >"$dir/.done"
}

# the kernel package unpacked once: vmlinuz, config, modules
unpack_kernel() {
	arch=$1 dir=$sys/kernel-$arch
	[ -f "$dir/.done" ] && return 0
	rm -rf "$dir"; mkdir -p "$dir"
	dpkg-deb -x "$(ls "$sys/debs-$arch"/linux-image-*.deb | head -n 1)" "$dir" || return 1
	depmod -b "$dir" "$(ls "$dir/lib/modules" | head -n 1)" || return 1
	touch "$dir/.done"
}

# net-tools 2.10 for big-endian mips: Debian's source with Debian's
# patches and config (SELinux off), static glibc (the kernel emulates the
# FPU for its hard-float code, as on an FPU-less 24Kc)
build_nettools_mips() {
	out=$sys/net-tools-mips/netstat
	[ -x "$out" ] && return 0
	d=$sys/net-tools-src
	if [ ! -f "$d/.done" ]; then
		rm -rf "$d"; mkdir -p "$d"
		DEBIAN_PATCHES=1 tests/apt-source.sh net-tools "$d" || return 1
		[ -f "$d"/net-tools-2.10/debian/config.h ] || return 1
		touch "$d/.done"
	fi
	(cd "$d/net-tools-2.10" &&
		sed 's/HAVE_SELINUX 1/HAVE_SELINUX 0/' debian/config.h >config.h &&
		sed 's/HAVE_SELINUX=1/HAVE_SELINUX=0/' debian/config.make >config.make &&
		make clean >/dev/null 2>&1; make CC="mips-linux-gnu-gcc -static" \
			COPTS="-D_GNU_SOURCE -O2" netstat >build.log 2>&1) ||
		{ tail -n 20 "$d/net-tools-2.10/build.log" >&2; return 1; }
	mkdir -p "${out%/*}"
	mips-linux-gnu-strip -o "$out" "$d/net-tools-2.10/netstat"
}

# the initramfs of one guest
make_initramfs() {
	g=$1 root=$work/$g/root
	rm -rf "$root"; mkdir -p "$root"/bin "$root"/sbin "$root"/usr/bin "$root"/usr/sbin \
		"$root"/etc "$root"/proc "$root"/sys "$root"/dev "$root"/tmp "$root"/ours "$root"/out
	arch=$(deb_arch "$g")
	if [ -n "$arch" ]; then
		for deb in "$sys/debs-$arch"/*.deb; do
			case ${deb##*/} in linux-image-*) continue ;; esac
			dpkg-deb -x "$deb" "$root"
		done
		# the scenario's modules and what they need, in load order
		kdir=$sys/kernel-$arch
		kver=$(ls "$kdir/lib/modules" | head -n 1)
		: >"$root/etc/modules.order"
		for m in crc32c_generic libcrc32c veth bridge tun dummy sctp sctp_diag inet_diag tcp_diag \
			udp_diag raw_diag nf_conntrack nf_nat nf_tables nft_chain_nat nft_ct nft_nat nft_masq \
			nf_conntrack_netlink ip6_tables; do
			modprobe -d "$kdir" -S "$kver" --show-depends "$m" 2>/dev/null |
				sed -n 's|^insmod \([^ ]*\)\(.*\)$|\1\2|p'
		done | awk '!seen[$1]++' | while read -r ko args; do
			rel=${ko#$kdir}
			mkdir -p "$root${rel%/*}"
			cp "$ko" "$root$rel"
			echo "$rel${args:+ $args}" >>"$root/etc/modules.order"
		done
		echo "EXPECT_ORDER=little" >"$root/etc/guest.env"
		echo "BUSYBOX_OURS=0" >>"$root/etc/guest.env"
	else
		cp "$bb_mips" "$root/bin/busybox"
		cp "$sys/net-tools-mips/netstat" "$root/bin/netstat"
		# The applet links, made here, relative (an absolute one would
		# point into this machine until the guest boots), never over a
		# file: net-tools is /bin/netstat, `busybox netstat` is ours.
		qemu-mips-static -cpu 24Kc "$bb_mips" --list-full | while read -r l; do
			[ -e "$root/$l" ] || [ -L "$root/$l" ] && continue
			case $l in */*/*) up=../../ ;; */*) up=../ ;; *) up= ;; esac
			ln -s "${up}bin/busybox" "$root/$l"
		done
		echo "EXPECT_ORDER=big" >"$root/etc/guest.env"
		echo "BUSYBOX_OURS=1" >>"$root/etc/guest.env"
	fi
	case $g in mips|mipsel) abi=$g ;; *) abi=x86 ;; esac
	if [ -n "${SYSTEM_BENCH:-}" ]; then
		for deb in "$sys/bench-debs-$arch"/*.deb; do dpkg-deb -x "$deb" "$root"; done
		mkdir -p "$root/bench"
		python3 tests/bswap.py --to $abi "$SYSTEM_BENCH" "$root/bench/proc" || return 1
		cp tests/system/bench.sh "$root/bench.sh"
		cp "$work/$g/cputime" "$root/cputime"
		echo "BENCH=1" >>"$root/etc/guest.env"
	fi
	# the case suite, its fixtures in this guest's kernel ABI
	cp -a tests/cases "$root/cases"
	mkdir -p "$root/fixtures"
	for fx in tests/fixtures/*/; do
		fx=${fx%/}
		python3 tests/bswap.py --to $abi "$fx" "$root/fixtures/${fx##*/}" || return 1
	done
	cp tests/system/cases.sh "$root/cases.sh"
	cp build/$g/netstat "$root/ours/netstat"
	cp "$work/$g/sockets" "$root/sockets"
	cp "$work/$g/ctinsert" "$root/ctinsert"
	cp tests/system/init "$root/init"
	cp tests/system/scenario.sh "$root/scenario.sh"
	cp tests/system/nat.nft "$root/nat.nft"
	chmod +x "$root/init"
	for f in hosts services protocols networks passwd group nsswitch.conf; do
		cp "tests/etc/$f" "$root/etc/$f"
	done
	# no resolv.conf: lookups go to 127.0.0.1:53, where nothing answers
	(cd "$root" && find . | LC_ALL=C sort | cpio -o -H newc --quiet -R 0:0) |
		gzip -1 >"$work/$g/initrd.gz"
}

qemu_cmd() {
	case $1 in
	mips) echo "qemu-system-mips -M malta -cpu 24Kc -m 256 -kernel $sys/kernel-mips/vmlinux" ;;
	mipsel) echo "qemu-system-mipsel -M malta -cpu 24Kc -m 256 -kernel $(ls $sys/kernel-mipsel/boot/vmlinuz-*)" ;;
	armhf) echo "qemu-system-arm -M virt -m 512 -kernel $(ls $sys/kernel-armhf/boot/vmlinuz-*)" ;;
	aarch64) echo "qemu-system-aarch64 -M virt -cpu cortex-a53 -m 512 -kernel $(ls $sys/kernel-arm64/boot/vmlinuz-*)" ;;
	esac
}
console_of() { case $1 in mips|mipsel) echo ttyS0 ;; *) echo ttyAMA0 ;; esac; }

# ---- build what the guests run ----
for g in $guests; do
	case $g in mips|mipsel|armhf|aarch64) ;; *) die "unknown guest $g" ;; esac
	arch=$(deb_arch "$g")
	if [ -n "$arch" ]; then
		fetch_debs "$arch" || die "fetching $arch packages failed"
		unpack_kernel "$arch" || die "unpacking the $arch kernel failed"
		[ -z "${SYSTEM_BENCH:-}" ] || fetch_bench_debs "$arch" || die "fetching $arch packages failed"
	else
		[ -z "${SYSTEM_BENCH:-}" ] || die "SYSTEM_BENCH: guest $g has no Debian packages (mipsel, armhf, aarch64)"
		fetch_debs mipsel || die "fetching mipsel packages failed"
		tests/system/kernel-mips.sh "$sys" "$(ls "$sys"/debs-mipsel/linux-image-*.deb | head -n 1)" >/dev/null ||
			die "building the big-endian kernel failed"
		build_nettools_mips || die "building net-tools for mips failed"
		bb_mips=$(BB_BASE=defconfig tests/busybox/build.sh mips ours) ||
			die "building BusyBox for mips failed"
	fi
	[ -x "$tc/$g/bin/musl-gcc" ] || tests/toolchains.sh "$g" || die "no toolchain for $g"
	make -s TARGET="$g" >/dev/null || die "building netstat for $g failed"
	mkdir -p "$work/$g"
	flags=
	case $g in mips|mipsel) flags=-msoft-float ;; esac
	"$tc/$g/bin/musl-gcc" -static -Os $flags -Wall -Wextra -Werror -o "$work/$g/sockets" \
		tests/system/sockets.c -Wl,--no-warn-mismatch || die "building the socket helper for $g failed"
	"$tc/$g/bin/musl-gcc" -static -Os $flags -Wall -Wextra -Werror -o "$work/$g/ctinsert" \
		tests/system/ctinsert.c -Wl,--no-warn-mismatch || die "building the conntrack helper for $g failed"
	"$tc/$g/bin/musl-gcc" -static -Os $flags -Wall -Wextra -Werror -o "$work/$g/cputime" \
		tests/system/cputime.c -Wl,--no-warn-mismatch || die "building the timer for $g failed"
done

# ---- boot each guest and compare ----
total_fail=0
report=$work/report.txt
rm -f "$work/details.txt"
printf '%-8s %-8s %-28s %-7s %-10s %s\n' guest arch kernel order identical notes >"$report"
for g in $guests; do
	make_initramfs "$g"
	cmd="$(qemu_cmd "$g") -initrd $work/$g/initrd.gz -nographic -no-reboot -vga none -nic none -display none"
	append="console=$(console_of "$g") quiet panic=-1"
	if [ "${SYSTEM_SHELL:-}" = 1 ]; then
		say "a shell in the $g guest (poweroff -f to leave)"
		# shellcheck disable=SC2086
		exec $cmd -serial mon:stdio -append "$append SYSTEM_SHELL=1"
	fi
	say "booting $g"
	log=$work/$g/console.log
	start=$(date +%s)
	# shellcheck disable=SC2086
	timeout 900 $cmd -serial stdio -monitor none -append "$append" </dev/null >"$log" 2>&1
	rc=$?
	say "$g: qemu exited $rc after $(($(date +%s) - start)) s"
	res=$work/$g/out
	rm -rf "$res"; mkdir -p "$res"
	if ! sed -n '/==NETSTAT-SYSTEM-BEGIN==/,/==NETSTAT-SYSTEM-END==/p' "$log" |
		sed '1d;$d' | tr -d '\r' | base64 -d 2>/dev/null | tar -C "$res" -xzf - 2>/dev/null; then
		say "$g: no results on the console; its last lines:"
		tail -n 30 "$log" >&2
		total_fail=$((total_fail + 1))
		printf '%-8s %-8s %-28s %-7s %-10s %s\n' "$g" - - - 0/0 "no results" >>"$report"
		continue
	fi
	if [ -n "${SYSTEM_BENCH:-}" ]; then
		[ -s "$res/bench/times.txt" ] || { say "$g: no benchmark results"; total_fail=$((total_fail + 1)); }
		continue
	fi
	python3 tests/system/compare.py "$g" "$res" >>"$report" || total_fail=$((total_fail + 1))
	if [ "${SYSTEM_CAPTURE:-}" = 1 ]; then
		fx=tests/fixtures/system-$g
		rm -rf "$fx"; mkdir -p "$fx"
		cp -r "$res/proc/net" "$fx/net"
		case $g in mips|mipsel) echo "$g" ;; *) echo x86 ;; esac >"$fx/.kernel"
		rm -f "$fx/net/nf_conntrack" "$fx/net/ip_conntrack"	# -M has no oracle
		tests/system/capture-cases.sh "$g" >/dev/null || die "capture-cases.sh $g failed"
		say "captured $fx and its cases tests/cases/system-$g-*"
	fi
done
cat "$report"
[ -s "$work/details.txt" ] && cat "$work/details.txt"
n=$(echo $guests | wc -w)
echo "system: $((n - total_fail)) passed, $total_fail failed"
[ $total_fail = 0 ]
