#!/bin/sh
# host-only: builds its own binaries with the recipes
# The Buildroot and OpenWrt recipes under tests/packaging/, as far as they
# can be tried without Buildroot or OpenWrt:
#   - the Kconfig parts parse (BusyBox's kconfig `conf`, from the BusyBox
#     tree tests/busybox/build.sh configures, built here when it is not
#     yet) and a package option comes out of an all-yes configuration;
#   - the .mk / Makefile recipes run under stand-in definitions of the
#     few framework macros they use (generic-package, BuildPackage, ...),
#     with the musl compiler as the target compiler; the installed binary
#     prints what ./netstat prints, and a CONFIG file switches features off;
#   - Buildroot's BusyBox mode: the post-patch hook runs dropin.sh.
set -u
top=$PWD
fail() { echo "FAIL: $*"; exit 1; }
w=$WORK/packaging
rm -rf "$w"
mkdir -p "$w"
cc=$(ls "$top"/.toolchains/x86_64/bin/musl-gcc 2>/dev/null || command -v musl-gcc) ||
	{ echo "no musl-gcc"; exit 77; }
fx=$top/tests/fixtures/router
PROC_ROOT=$fx "$NETSTAT" -tuwan >"$w/want" 2>&1

# a copy of the sources, as a package would get them
src=$w/src
mkdir -p "$src"
cp -a Makefile applet include "$src/"
mkdir -p "$src/tests" && cp -a tests/configs tests/busybox "$src/tests/"

# ---- Kconfig ----
# the tree bb-x86_64 of make check uses (cached in .toolchains/busybox)
bbbin=$(tests/busybox/build.sh x86_64 2>"$w/bb-build.log")
case $? in
0) ;;
77) echo "no BusyBox tree for its kconfig: $(tail -n 1 "$w/bb-build.log")"; exit 77 ;;
*) cat "$w/bb-build.log"; fail "tests/busybox/build.sh x86_64 failed" ;;
esac
conf=${bbbin%/busybox}/scripts/kconfig/conf
[ -x "$conf" ] || fail "no $conf after tests/busybox/build.sh"
{
	mkdir -p "$w/kc/package" "$w/kc/owrt"
	cp -a tests/packaging/buildroot/package/netstat-routers "$w/kc/package/"
	cat >"$w/kc/Config.in" <<'EOF'
mainmenu "recipes"
config BR2_USE_MMU
	bool
	default y
config BR2_PACKAGE_BUSYBOX
	bool "busybox"
config PACKAGE_netstat-routers
	bool "netstat-routers"
source package/netstat-routers/Config.in
source owrt/Config.in
EOF
	# OpenWrt's Package/<name>/config block, as OpenWrt collects it
	sed -n '/^define Package\/netstat-routers\/config/,/^endef/p' \
		tests/packaging/openwrt/netstat-routers/Makefile | sed '1d;$d' >"$w/kc/owrt/Config.in"
	(cd "$w/kc" && "$conf" -y Config.in) >"$w/kc/log" 2>&1 ||
		{ cat "$w/kc/log"; fail "Kconfig of the recipes does not parse"; }
	grep -q 'warning\|error' "$w/kc/log" && { cat "$w/kc/log"; fail "Kconfig warnings"; }
	# BusyBox's conf writes CONFIG_ before each name; Buildroot's does not
	grep -qx 'CONFIG_BR2_PACKAGE_NETSTAT_ROUTERS=y' "$w/kc/.config" || fail "no BR2_PACKAGE_NETSTAT_ROUTERS=y"
	grep -qx 'CONFIG_BR2_PACKAGE_NETSTAT_ROUTERS_BUSYBOX=y' "$w/kc/.config" || fail "no _BUSYBOX=y"
	grep -qx 'CONFIG_NETSTAT_ROUTERS_CONFIG=""' "$w/kc/.config" || fail "no NETSTAT_ROUTERS_CONFIG"
	echo "Kconfig of the recipes parsed by $conf"
}

# ---- Buildroot: generic-package stand-in ----
cat >"$w/br.mk" <<EOF
BR2_EXTERNAL_NETSTAT_ROUTERS_PATH := $top/tests/packaging/buildroot
BR2_PACKAGE_NETSTAT_ROUTERS := y
BR2_PACKAGE_NETSTAT_ROUTERS_BUSYBOX := \$(BUSYBOX_MODE)
BR2_PACKAGE_NETSTAT_ROUTERS_CONFIG := "\$(CFG)"
qstrip = \$(strip \$(subst ",,\$(1)))
TARGET_CC := $cc
HOSTCC := cc
TARGET_MAKE_ENV := PATH=\$(PATH)
INSTALL := install
TARGET_DIR := $w/br-target
NETSTAT_ROUTERS_DIR := $src
define generic-package
all: \$\$(NETSTAT_ROUTERS_DIR)/.stamp_installed
\$\$(NETSTAT_ROUTERS_DIR)/.stamp_built:
	\$\$(NETSTAT_ROUTERS_BUILD_CMDS)
	touch \$\$@
\$\$(NETSTAT_ROUTERS_DIR)/.stamp_installed: \$\$(NETSTAT_ROUTERS_DIR)/.stamp_built
	\$\$(NETSTAT_ROUTERS_INSTALL_TARGET_CMDS)
	touch \$\$@
hooks:
	\$\$(foreach h,\$\$(BUSYBOX_POST_PATCH_HOOKS),\$\$(\$\$(h)))
deps:
	@echo "\$\$(BUSYBOX_PATCH_DEPENDENCIES)"
endef
include $top/tests/packaging/buildroot/external.mk
EOF
make -s -f "$w/br.mk" >"$w/br.log" 2>&1 || { cat "$w/br.log"; fail "Buildroot recipe failed"; }
PROC_ROOT=$fx "$w/br-target/bin/netstat" -tuwan >"$w/got" 2>&1
cmp -s "$w/want" "$w/got" || fail "Buildroot-installed netstat prints something else"
rm -f "$src/.stamp_built" "$src/.stamp_installed" "$src/netstat"
make -s -f "$w/br.mk" CFG="$top/tests/configs/minimal.config" >"$w/br.log" 2>&1 ||
	{ cat "$w/br.log"; fail "Buildroot recipe with a CONFIG failed"; }
PROC_ROOT=$fx "$w/br-target/bin/netstat" -r >/dev/null 2>&1
[ $? = 3 ] || fail "Buildroot CONFIG=minimal.config: -r not refused"
[ "$(make -s -f "$w/br.mk" BUSYBOX_MODE=y deps)" = netstat-routers ] ||
	fail "BusyBox mode: no BUSYBOX_PATCH_DEPENDENCIES"
bb=$(ls -d "$top"/.toolchains/busybox/busybox-1.* 2>/dev/null | head -n 1)
[ -n "$bb" ] || fail "no BusyBox source in .toolchains/busybox (tests/busybox/build.sh fetch)"
{
	mkdir -p "$w/bbtree"
	cp -a "$bb/networking" "$bb/scripts" "$w/bbtree/"
	make -s -f "$w/br.mk" BUSYBOX_MODE=y BUSYBOX_DIR="$w/bbtree" hooks >"$w/bb.log" 2>&1 ||
		{ cat "$w/bb.log"; fail "BusyBox post-patch hook failed"; }
	[ -f "$w/bbtree/networking/netstat_busybox.h" ] && [ -f "$w/bbtree/networking/netstat.c.orig" ] ||
		fail "BusyBox post-patch hook did not drop the applet in"
}

# ---- OpenWrt: rules.mk and package.mk stand-ins ----
mkdir -p "$w/owrt/include" "$w/owrt/pkg" "$w/owrt-build"
cp -a "$src/." "$w/owrt-build/"
rm -f "$w/owrt-build/netstat"
cat >"$w/owrt/rules.mk" <<EOF
qstrip = \$(strip \$(subst ",,\$(1)))
TARGET_CC := $cc
TARGET_CFLAGS := -Os -pipe
INSTALL_DIR := install -d -m0755
INSTALL_BIN := install -m0755
CP := cp -fpR
EOF
cat >"$w/owrt/include/package.mk" <<EOF
PKG_BUILD_DIR := $w/owrt-build
define BuildPackage
all: \$(PKG_BUILD_DIR)/.built
	\$\$(call Package/\$(1)/install,$w/owrt-root)
\$(PKG_BUILD_DIR)/.built:
	\$\$(Build/Compile)
	touch \$\$@
endef
EOF
make -s -C tests/packaging/openwrt/netstat-routers TOPDIR="$w/owrt" \
	INCLUDE_DIR="$w/owrt/include" >"$w/owrt.log" 2>&1 ||
	{ cat "$w/owrt.log"; fail "OpenWrt recipe failed"; }
PROC_ROOT=$fx "$w/owrt-root/usr/bin/netstat" -tuwan >"$w/got" 2>&1
cmp -s "$w/want" "$w/got" || fail "OpenWrt-installed netstat prints something else"
echo ok
