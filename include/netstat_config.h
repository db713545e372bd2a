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
#ifndef ENABLE_FEATURE_NETSTAT_RESOLVE
#define ENABLE_FEATURE_NETSTAT_RESOLVE 1
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
#endif

#endif
