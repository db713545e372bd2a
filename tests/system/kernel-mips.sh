#!/bin/sh
# Builds the big-endian MIPS 24Kc Malta kernel for `make system`: Debian
# has no big-endian MIPS port, so it comes from Debian's Linux 6.1 source
# (linux-source-6.1) with Debian's mipsel Malta config switched to big
# endian and what the scenario needs built in (no modules to load).
#
#   tests/system/kernel-mips.sh CACHE MIPSEL_KERNEL_DEB
#
# Prints the path of vmlinux. Cached as CACHE/kernel-mips/vmlinux, keyed by
# this script's text and the source version: a warm run costs nothing.
set -eu
cache=$1 deb=$2
out=$cache/kernel-mips
say() { echo "kernel-mips.sh: $*" >&2; }

tarball=/usr/src/linux-source-6.1.tar.xz
[ -f "$tarball" ] || { say "no $tarball (apt-get install linux-source-6.1)"; exit 1; }
key=$( (cat "$0"; ls -l "$tarball"; basename "$deb") | sha256sum | cut -c1-16)
if [ -f "$out/vmlinux" ] && [ "$(cat "$out/key" 2>/dev/null)" = "$key" ]; then
	echo "$out/vmlinux"
	exit 0
fi

src=$cache/linux-source-6.1
if [ ! -f "$src/Makefile" ]; then
	say "unpacking $tarball"
	rm -rf "$src"
	tar -C "$cache" -xJf "$tarball"
fi

mkdir -p "$out"
tmp=$out/deb
rm -rf "$tmp"
dpkg-deb -x "$deb" "$tmp"
cp "$tmp"/boot/config-* "$src/.config"
rm -rf "$tmp"

# Big endian like ath79; built in: what the scenario uses. Signing, BTF
# and debug info off: they need keys and tools and only slow the build.
want_y="CPU_BIG_ENDIAN BLK_DEV_INITRD DEVTMPFS DEVTMPFS_MOUNT UNIX PACKET INET
IPV6 IP_MULTICAST IP_ADVANCED_ROUTER IP_MULTIPLE_TABLES IP_MROUTE IPV6_MROUTE
IPV6_MULTIPLE_TABLES INET_DIAG INET_TCP_DIAG INET_UDP_DIAG INET_RAW_DIAG
VETH BRIDGE TUN IP_SCTP CRYPTO_CRC32C LIBCRC32C NETFILTER NETFILTER_ADVANCED
NETFILTER_NETLINK NF_CONNTRACK NF_CONNTRACK_PROCFS NF_CT_NETLINK NF_NAT
NF_TABLES NF_TABLES_INET NF_TABLES_IPV4 NF_TABLES_IPV6 NFT_CT NFT_NAT NFT_MASQ
NF_NAT_MASQUERADE SERIAL_8250 SERIAL_8250_CONSOLE PROC_FS SYSFS"
# Off as well, to build faster: security modules, tracing, BPF, disks
# and framebuffers (the guest runs from its initramfs on a serial console).
want_n="CPU_LITTLE_ENDIAN MODULE_SIG DEBUG_INFO DEBUG_INFO_BTF
DEBUG_INFO_DWARF_TOOLCHAIN_DEFAULT DEBUG_INFO_DWARF4 DEBUG_INFO_DWARF5
SECURITY_SELINUX SECURITY_APPARMOR SECURITY_TOMOYO SECURITY_YAMA IMA EVM
INTEGRITY FTRACE KPROBES BPF_SYSCALL BPF_JIT SCSI ATA FB DRM VGA_CONSOLE
FRAMEBUFFER_CONSOLE MTD USB_SUPPORT SOUND INPUT_MOUSEDEV INPUT_KEYBOARD"
for o in $want_y $want_n; do
	sed -i -e "/^CONFIG_$o=/d" -e "/^# CONFIG_$o is not set/d" "$src/.config"
done
{
	for o in $want_y; do echo "CONFIG_$o=y"; done
	for o in $want_n; do echo "# CONFIG_$o is not set"; done
	echo "CONFIG_DEBUG_INFO_NONE=y"
	echo 'CONFIG_SYSTEM_TRUSTED_KEYS=""'
	echo 'CONFIG_SYSTEM_REVOCATION_KEYS=""'
	echo 'CONFIG_BUILD_SALT=""'
} >>"$src/.config"

mk() { make -C "$src" ARCH=mips CROSS_COMPILE=mips-linux-gnu- "$@"; }
mk olddefconfig >/dev/null
for o in $want_y; do
	grep -qx "CONFIG_$o=y" "$src/.config" || { say "CONFIG_$o did not stay =y"; exit 1; }
done
say "building vmlinux (about 20 minutes on 2 cores)"
log=$out/build.log
if ! mk -j"$(nproc)" vmlinux >"$log" 2>&1; then
	tail -n 30 "$log" >&2
	exit 1
fi
cp "$src/vmlinux" "$out/vmlinux"
mips-linux-gnu-strip "$out/vmlinux" 2>/dev/null || true
echo "$key" >"$out/key"
echo "$out/vmlinux"
