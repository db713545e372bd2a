# netstat for routers. `make` builds ./netstat for this machine (static,
# musl); `make TARGET=mips` etc. cross-build; `make size` builds all six;
# `make check` runs every test. See README.md.

.DEFAULT_GOAL := all
TARGETS := x86_64 mips mipsel armhf armel aarch64
TARGET ?= host
TOOLCHAINS ?= $(CURDIR)/.toolchains
CONFIG ?=
BUILD := build/$(TARGET)$(if $(CONFIG),-$(notdir $(CONFIG)))

SRCS := $(wildcard applet/*.c)
HDRS := $(wildcard include/*.h) $(wildcard applet/*.h)

WARN := -Wall -Wextra -Werror -Wshadow -Wpointer-arith -Wstrict-prototypes -Wdeclaration-after-statement \
	-Wmissing-prototypes -Wno-missing-field-initializers
# -flto: the whole program in one unit (1-2% smaller on every target);
# NETSTAT_OWN_MEM: applet/mem.c's memcpy, memmove, memset and strcspn;
# NETSTAT_OWN_START: applet/seam.c's start in place of musl's.
# -fno-pie: Debian's cross compilers make position-independent code by
# default, which a static binary does not need (1-4 KB on x86_64, aarch64
# and ARM); -fno-expensive-optimizations -fno-ipa-modref: 0.3-0.6 KB
# smaller, no slower on the benchmarks' tables.
SIZE_CFLAGS := -Os -flto -flto-partition=one -DNETSTAT_OWN_MEM -DNETSTAT_OWN_START=1 -ffunction-sections -fdata-sections -fno-asynchronous-unwind-tables \
	-fno-unwind-tables -fno-stack-protector -fno-ident -fomit-frame-pointer -fno-pie \
	-fno-expensive-optimizations -fno-ipa-modref -fno-move-loop-invariants -fno-shrink-wrap \
	-fipa-pta -fno-tree-tail-merge -fno-tree-loop-im
# common-page-size=64 lets the data segment follow the text in the file
# instead of starting on a fresh 4 KB page (saves 1-2 KB of padding).
SIZE_LDFLAGS := -static -Wl,--gc-sections -s -Wl,-z,noseparate-code -Wl,--build-id=none \
	-Wl,-z,norelro -Wl,-z,max-page-size=4096 -Wl,-z,common-page-size=64 -Wl,--no-warn-mismatch

# Feature switches from a BusyBox-style config file: CONFIG_X=y or
# "# CONFIG_X is not set"; every FEATURE_NETSTAT_* not named is on.
ifneq ($(CONFIG),)
CONFIG_DEFS := $(shell sed -n -e 's/^CONFIG_\(FEATURE_NETSTAT_[A-Z0-9_]*\)=y/-DENABLE_\1=1/p' \
	-e 's/^\# CONFIG_\(FEATURE_NETSTAT_[A-Z0-9_]*\) is not set/-DENABLE_\1=0/p' $(CONFIG))
endif

ifeq ($(TARGET),host)
  # musl built by tests/toolchains.sh if there is one, else Debian's musl-gcc
  MUSL_GCC := $(wildcard $(TOOLCHAINS)/x86_64/bin/musl-gcc)
  ifeq ($(MUSL_GCC),)
    MUSL_GCC := musl-gcc
  endif
  CC_TARGET := $(MUSL_GCC)
  OUT := $(if $(CONFIG),$(BUILD)/netstat,netstat)
else
  CC_TARGET := $(TOOLCHAINS)/$(TARGET)/bin/musl-gcc
  OUT := $(BUILD)/netstat
endif
# MIPS16e and Thumb halve code size; the 24Kc of ath79 and ramips has
# MIPS16e (OpenWrt builds packages this way), ARMv5TE has Thumb. A static
# binary needs no PIC: without abicalls MIPS code loses its GOT loads.
ARCH_CFLAGS_mips := -msoft-float -march=24kc -mips16 -minterlink-mips16 -fno-pic -mno-abicalls
ARCH_CFLAGS_mipsel := -msoft-float -march=24kc -mips16 -minterlink-mips16 -fno-pic -mno-abicalls
ARCH_CFLAGS_armel := -march=armv5te -mthumb -mthumb-interwork
ARCH_CFLAGS_armhf := -mthumb
# adr instead of adrp+add: the whole image is far below the tiny model's 1 MB;
# the constants of the one LTO unit in one section: 0.2 KB less padding
# (on the other targets the same or larger)
ARCH_CFLAGS_aarch64 := -mcmodel=tiny -fno-data-sections
ARCH_CFLAGS := $(ARCH_CFLAGS_$(TARGET))

# musl's own start file alone: gcc's crtbegin/crtend (frame_dummy, TM
# clones, .eh_frame) and the empty _init/_fini of crti/crtn serve C++
# and exceptions, not a static C program (-600 bytes on aarch64). It sits
# beside the specs file the musl-gcc wrapper names.
MUSL_CRT1 = $(dir $(shell sed -n 's/.*-specs "\([^"]*\)".*/\1/p' $$(command -v $(CC_TARGET))))crt1.o
START_LDFLAGS = -nostartfiles $(MUSL_CRT1)

CFLAGS_ALL = -std=c11 -D_GNU_SOURCE -Iinclude -Ibuild/gen $(WARN) $(SIZE_CFLAGS) $(ARCH_CFLAGS) $(CONFIG_DEFS) $(EXTRA_CFLAGS)

# Usage text from the //usage: blocks, as BusyBox collects them.
build/gen/usage.h: $(SRCS)
	@mkdir -p $(dir $@)
	sed -n 's|^//usage:||p' $(SRCS) | awk 'NR > 1 { print prev ($$0 ~ /^#define/ ? "" : " \\") } { prev = $$0 } END { print prev }' >$@

.PHONY: all size check check-host fuzz bench clean toolchains sanitize kconfig busybox busybox-size system bench-guest

# Config.in and Kbuild are generated from the //config: and //kbuild:
# blocks of applet/*.c; tests/scripts/kconfig.sh fails when they drift.
kconfig:
	tests/gen-kconfig.sh

# Our applet inside Debian's BusyBox tree, for x86_64 and mips (cached
# in .toolchains/busybox); busybox-size compares it with BusyBox's netstat.
busybox:
	@for t in x86_64 mips; do tests/busybox/build.sh $$t || exit 1; done

busybox-size:
	@tests/busybox/sizes.sh

all: $(OUT)

# As OpenWrt's sstrip: what follows the last loaded byte (the section
# headers, their names, .comment) is not needed to run the program; the
# file ends there and the ELF header stops pointing at it (1.1 KB on
# 64-bit targets, 0.8 KB on 32-bit; zero bytes, so either byte order).
SSTRIP = end=$$(readelf -lW $@ | sed -n 's/^ *LOAD *\(0x[0-9a-f]*\) *0x[0-9a-f]* *0x[0-9a-f]* *\(0x[0-9a-f]*\).*/\1 \2/p' | \
		while read off size; do echo $$((off + size)); done | sort -n | tail -n 1) && \
	class=$$(od -An -tu1 -j4 -N1 $@ | tr -d ' ') && \
	if [ "$$class" = 2 ]; then shoff=40 shnum=60; else shoff=32 shnum=48; fi && \
	truncate -s "$$end" $@ && \
	head -c $$((class * 4)) /dev/zero | dd of=$@ bs=1 seek=$$shoff conv=notrunc 2>/dev/null && \
	head -c 4 /dev/zero | dd of=$@ bs=1 seek=$$shnum conv=notrunc 2>/dev/null

$(OUT): $(SRCS) $(HDRS) Makefile $(CONFIG) build/gen/usage.h
	@mkdir -p $(dir $(OUT))
	$(CC_TARGET) $(CFLAGS_ALL) -o $@ $(START_LDFLAGS) $(SRCS) $(SIZE_LDFLAGS)
	@$(SSTRIP)

# The ASan+UBSan build for the test suite (glibc, clang or gcc).
build/sanitize/netstat: $(SRCS) $(HDRS) Makefile build/gen/usage.h
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -D_GNU_SOURCE -Iinclude -Ibuild/gen $(WARN) -O1 -g -fno-omit-frame-pointer \
		-fsanitize=address,undefined -fno-sanitize-recover=all -o $@ $(SRCS)
sanitize: build/sanitize/netstat

# Both compilers must build the sources warning-free.
build/clang/netstat: $(SRCS) $(HDRS) Makefile build/gen/usage.h
	@mkdir -p $(dir $@)
	clang -std=c11 -D_GNU_SOURCE -Iinclude -Ibuild/gen $(WARN) -O2 -o $@ $(SRCS)

toolchains:
	tests/toolchains.sh

size:
	@tests/size.sh $(TARGETS)

check: all
	@tests/check.sh

fuzz:
	@FUZZ_RUNS=$(FUZZ_RUNS) tests/fuzz/run.sh $(FUZZ_SECONDS)

# Real kernels under qemu-system (tests/system/run.sh): our netstat and
# net-tools in the same guest, compared byte for byte. GUESTS= picks some.
# Then the guest benchmark at a small size, once a command: its peers must
# be in the guest and print our rows (make bench-guest: full size).
system:
	@tests/system/run.sh $(GUESTS)
	@case " $(or $(GUESTS),mipsel) " in *" mipsel "*) BENCH_RUNS=1 tests/bench/guest.sh mipsel 3000 ;; esac

# The benchmarks in one run: sockets (run.sh), conntrack (conntrack.sh),
# and the same views on a target CPU (guest.sh, a make system guest).
bench: all
	@s=0; tests/bench/run.sh || s=1; tests/bench/conntrack.sh || s=1; \
		tests/bench/guest.sh || s=1; exit $$s

bench-guest:
	@tests/bench/guest.sh

clean:
	rm -rf build netstat
