/* What the two builds do differently. Inside BusyBox, libbb's and libgcc's
 * versions are in the binary already; standalone, our own small ones keep
 * printf, the usage machinery and 64-bit library division out. */
#include <errno.h>
#include <fcntl.h>
#include <sys/auxv.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "netstat.h"

#if NETSTAT_IN_BUSYBOX

/* libbb's, declared as libbb.h declares them (libbb.h itself needs a
 * configured BusyBox tree, which tests/busybox/dropin.sh has not). */
extern uint8_t xfunc_error_retval;
extern const char *applet_name;
_Noreturn void bb_show_usage(void);

int run_is_secure(void)
{
	return getauxval(AT_SECURE) != 0;
}

/* Every BusyBox applet names itself so in its messages. */
const char *program_name(char **argv)
{
	(void)argv;
	return applet_name;
}

/* BusyBox prints the //usage: text as it does for every applet (on
 * stderr, after its banner), so the text is stored once. */
_Noreturn void usage_exit(int status)
{
	out_flush();
	if (!ENABLE_FEATURE_NETSTAT_USAGE)
		_exit(status);
	xfunc_error_retval = (uint8_t)status;
	bb_show_usage();
}

#else

#if NETSTAT_OWN_START
/* The start of the standalone size build, in place of musl's: its crt1.o
 * calls __libc_start_main with main. musl's sets up thread-local storage
 * (its errno lives there), the auxiliary vector, stdio and atexit, 1.5 KB
 * that a single-threaded program writing with write() does not use. What
 * of it we need is here: environ, errno in a plain variable, and for a
 * set-id run (AT_SECURE) stdin, stdout and stderr opened on /dev/null
 * when they are closed, as musl does, so that no file we open takes
 * their place. */
int __libc_start_main(int (*main_fn)(int, char **, char **), int argc, char **argv);
int *___errno_location(void);
static int errno_value, secure;

/* errno: ours through <errno.h>, musl's own code through the other. */
int *__errno_location(void)
{
	return &errno_value;
}

int *___errno_location(void)
{
	return &errno_value;
}

int __libc_start_main(int (*main_fn)(int, char **, char **), int argc, char **argv)
{
	char **envp = argv + argc + 1;
	const size_t *aux;
	int fd;

	environ = envp;
	while (*envp)
		envp++;
	for (aux = (const size_t *)(envp + 1); *aux; aux += 2)
		if (aux[0] == AT_SECURE)
			secure = aux[1] != 0;
	for (fd = 0; secure && fd < 3; fd++)
		if (sys_call(SYS_fcntl, fd, F_GETFD, 0, 0) < 0 &&
		    open_file("/dev/null", O_RDWR) != fd)
			_exit(127);
	_exit(main_fn(argc, argv, environ));
}

int run_is_secure(void)
{
	return secure;
}

long sys_call4(long n, long a, long b, long c, long d)
{
	return __syscall_ret((unsigned long)__syscall_cp(n, a, b, c, d, 0, 0));
}

/* musl's close() also serves its asynchronous I/O, which we never use. */
int close(int fd)
{
	return (int)sys_call(SYS_close, fd, 0, 0, 0);
}
#else
int run_is_secure(void)
{
	return getauxval(AT_SECURE) != 0;
}
#endif

/* The //usage: lines of the sources, collected by the build (BusyBox's way). */
#include "usage.h"
#define USAGE_TEXT "Usage: netstat " netstat_trivial_usage netstat_full_usage "\n"

/* As glibc's getopt, net-tools names itself as invoked. */
const char *program_name(char **argv)
{
	return argv[0] ? argv[0] : "netstat";
}

#if NETSTAT_ALL_FEATURES && !defined(NETSTAT_USAGE_PLAIN)
/* The same text packed (tests/usage/usage_pack.py): a byte of 0x80 and
 * over stands for a pair of symbols. */
#include "usage_packed.h"
_Static_assert(sizeof(USAGE_TEXT) - 1 == USAGE_PLAIN_LEN,
	       "include/usage_packed.h is stale: run tests/usage/usage_pack.py");

static char *unpack_symbol(char *out, unsigned c)
{
	if (c < 0x80) {
		*out = (char)c;
		return out + 1;
	}
	c = 2 * (c - 0x80);
	return unpack_symbol(unpack_symbol(out, usage_pairs[c]), usage_pairs[c + 1]);
}

static const char *usage(char *buf)
{
	char *end = buf;
	unsigned i;

	for (i = 0; i < sizeof(usage_packed); i++)
		end = unpack_symbol(end, usage_packed[i]);
	*end = 0;
	return buf;
}
#else
static const char *usage(char *buf)
{
	(void)buf;
	return USAGE_TEXT;
}
#endif

_Noreturn void usage_exit(int status)
{
	char buf[sizeof(USAGE_TEXT)];

	if (ENABLE_FEATURE_NETSTAT_USAGE && status)
		err_text(usage(buf), "", "");
	else if (ENABLE_FEATURE_NETSTAT_USAGE)
		out_str(usage(buf));
	out_flush();
	_exit(status);
}

#endif

//kbuild:lib-$(CONFIG_NETSTAT) += seam.o
