/* Feature switches. Inside BusyBox its autoconf.h defines these from
 * Config.in; standalone, the Makefile passes -D flags from CONFIG, and
 * anything not set is on. A disabled feature is a constant-zero
 * condition, so the compiler drops the code behind it. */
#ifndef NETSTAT_CONFIG_H
#define NETSTAT_CONFIG_H

#ifndef ENABLE_FEATURE_NETSTAT_IPV6
#define ENABLE_FEATURE_NETSTAT_IPV6 1
#endif
#ifndef ENABLE_FEATURE_NETSTAT_PRG
#define ENABLE_FEATURE_NETSTAT_PRG 1
#endif
#ifndef ENABLE_FEATURE_NETSTAT_UNIX
#define ENABLE_FEATURE_NETSTAT_UNIX 1
#endif
#ifndef ENABLE_FEATURE_NETSTAT_ROUTE
#define ENABLE_FEATURE_NETSTAT_ROUTE 1
#endif
#ifndef ENABLE_FEATURE_NETSTAT_IFACE
#define ENABLE_FEATURE_NETSTAT_IFACE 1
#endif
#ifndef ENABLE_FEATURE_NETSTAT_STATS
#define ENABLE_FEATURE_NETSTAT_STATS 1
#endif
#ifndef ENABLE_FEATURE_NETSTAT_GROUPS
#define ENABLE_FEATURE_NETSTAT_GROUPS 1
#endif
#ifndef ENABLE_FEATURE_NETSTAT_CONNTRACK
#define ENABLE_FEATURE_NETSTAT_CONNTRACK 1
#endif
#ifndef ENABLE_FEATURE_NETSTAT_CONNTRACK_NETLINK
#define ENABLE_FEATURE_NETSTAT_CONNTRACK_NETLINK ENABLE_FEATURE_NETSTAT_CONNTRACK
#endif
#ifndef ENABLE_FEATURE_NETSTAT_RESOLVE
#define ENABLE_FEATURE_NETSTAT_RESOLVE 1
#endif
#ifndef ENABLE_FEATURE_NETSTAT_DNS
#define ENABLE_FEATURE_NETSTAT_DNS ENABLE_FEATURE_NETSTAT_RESOLVE
#endif
#ifndef ENABLE_FEATURE_NETSTAT_JSON
#define ENABLE_FEATURE_NETSTAT_JSON 1
#endif
#ifndef ENABLE_FEATURE_NETSTAT_WIDE
#define ENABLE_FEATURE_NETSTAT_WIDE 1
#endif
#ifndef ENABLE_FEATURE_NETSTAT_CLASSIC
#define ENABLE_FEATURE_NETSTAT_CLASSIC 1
#endif
#ifndef ENABLE_FEATURE_NETSTAT_LONG_OPTIONS
#define ENABLE_FEATURE_NETSTAT_LONG_OPTIONS 1
#endif
#ifndef ENABLE_FEATURE_NETSTAT_USAGE
#define ENABLE_FEATURE_NETSTAT_USAGE 1
#endif
#ifndef ENABLE_FEATURE_NETSTAT_SCTP
#define ENABLE_FEATURE_NETSTAT_SCTP 1
#endif

/* IF_FEATURE_NETSTAT_X(...) keeps its arguments when X is on (the
 * //usage: text uses them); BusyBox's autoconf.h defines its own. */
#define NETSTAT_IF_(on) NETSTAT_IF_##on
#define NETSTAT_IF(on) NETSTAT_IF_(on)
#define NETSTAT_IF_1(...) __VA_ARGS__
#define NETSTAT_IF_0(...)
#define NETSTAT_IF_NOT_(on) NETSTAT_IF_NOT_##on
#define NETSTAT_IF_NOT(on) NETSTAT_IF_NOT_(on)
#define NETSTAT_IF_NOT_1(...)
#define NETSTAT_IF_NOT_0(...) __VA_ARGS__
#ifndef IF_FEATURE_NETSTAT_IPV6
#define IF_FEATURE_NETSTAT_IPV6(...) NETSTAT_IF(ENABLE_FEATURE_NETSTAT_IPV6)(__VA_ARGS__)
#define IF_FEATURE_NETSTAT_PRG(...) NETSTAT_IF(ENABLE_FEATURE_NETSTAT_PRG)(__VA_ARGS__)
#define IF_FEATURE_NETSTAT_UNIX(...) NETSTAT_IF(ENABLE_FEATURE_NETSTAT_UNIX)(__VA_ARGS__)
#define IF_FEATURE_NETSTAT_ROUTE(...) NETSTAT_IF(ENABLE_FEATURE_NETSTAT_ROUTE)(__VA_ARGS__)
#define IF_FEATURE_NETSTAT_IFACE(...) NETSTAT_IF(ENABLE_FEATURE_NETSTAT_IFACE)(__VA_ARGS__)
#define IF_FEATURE_NETSTAT_STATS(...) NETSTAT_IF(ENABLE_FEATURE_NETSTAT_STATS)(__VA_ARGS__)
#define IF_FEATURE_NETSTAT_GROUPS(...) NETSTAT_IF(ENABLE_FEATURE_NETSTAT_GROUPS)(__VA_ARGS__)
#define IF_FEATURE_NETSTAT_CONNTRACK(...) NETSTAT_IF(ENABLE_FEATURE_NETSTAT_CONNTRACK)(__VA_ARGS__)
#define IF_FEATURE_NETSTAT_CONNTRACK_NETLINK(...) NETSTAT_IF(ENABLE_FEATURE_NETSTAT_CONNTRACK_NETLINK)(__VA_ARGS__)
#define IF_FEATURE_NETSTAT_JSON(...) NETSTAT_IF(ENABLE_FEATURE_NETSTAT_JSON)(__VA_ARGS__)
#define IF_FEATURE_NETSTAT_RESOLVE(...) NETSTAT_IF(ENABLE_FEATURE_NETSTAT_RESOLVE)(__VA_ARGS__)
#define IF_FEATURE_NETSTAT_DNS(...) NETSTAT_IF(ENABLE_FEATURE_NETSTAT_DNS)(__VA_ARGS__)
#define IF_FEATURE_NETSTAT_WIDE(...) NETSTAT_IF(ENABLE_FEATURE_NETSTAT_WIDE)(__VA_ARGS__)
#define IF_FEATURE_NETSTAT_CLASSIC(...) NETSTAT_IF(ENABLE_FEATURE_NETSTAT_CLASSIC)(__VA_ARGS__)
#define IF_FEATURE_NETSTAT_LONG_OPTIONS(...) NETSTAT_IF(ENABLE_FEATURE_NETSTAT_LONG_OPTIONS)(__VA_ARGS__)
#define IF_FEATURE_NETSTAT_USAGE(...) NETSTAT_IF(ENABLE_FEATURE_NETSTAT_USAGE)(__VA_ARGS__)
#define IF_FEATURE_NETSTAT_SCTP(...) NETSTAT_IF(ENABLE_FEATURE_NETSTAT_SCTP)(__VA_ARGS__)
#endif

/* The size build's own start in place of musl's (seam.c). */
#ifndef NETSTAT_OWN_START
#define NETSTAT_OWN_START 0
#endif

/* Inside BusyBox (tests/busybox/dropin.sh defines it as 1). */
#ifndef NETSTAT_IN_BUSYBOX
#define NETSTAT_IN_BUSYBOX 0
#endif

#define IF_NETSTAT_IN_BUSYBOX(...) NETSTAT_IF(NETSTAT_IN_BUSYBOX)(__VA_ARGS__)

/* The kernel's struct sigaction starts with the handler, but on MIPS
 * with the flags. */
#ifdef __mips__
#define MIPS_SIGACTION 1
#else
#define MIPS_SIGACTION 0
#endif

/* Fuzz builds (tests/fuzz) read every file from the fuzzer's input. */
#ifndef NETSTAT_FUZZING
#define NETSTAT_FUZZING 0
#endif
#if NETSTAT_FUZZING
#include <stddef.h>
enum { FUZZ_FILES = 4 };
struct fuzz_file {
	const char *suffix;		/* a path ending in this is served */
	const unsigned char *data;
	size_t size;
};
extern struct fuzz_file fuzz_files[FUZZ_FILES];
/* where messages for stderr go (stderr is the sanitizers') */
extern int fuzz_err_fd;
void names_reset(void);
void dns_reset(void);
#endif

#endif
