/* What the two builds do differently. Inside BusyBox, libbb's and libgcc's
 * versions are in the binary already; standalone, our own small ones keep
 * printf, the usage machinery and 64-bit library division out. */
#include <unistd.h>

#include "netstat.h"

#if NETSTAT_IN_BUSYBOX

/* libbb's, declared as libbb.h declares them (libbb.h itself needs a
 * configured BusyBox tree, which tests/busybox/dropin.sh has not). */
extern uint8_t xfunc_error_retval;
extern const char *applet_name;
_Noreturn void bb_show_usage(void);

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

/* The //usage: lines of the sources, collected by the build (BusyBox's way). */
#include "usage.h"
static const char usage_text[] =
	"Usage: netstat " netstat_trivial_usage netstat_full_usage "\n";

/* As glibc's getopt, net-tools names itself as invoked. */
const char *program_name(char **argv)
{
	return argv[0] ? argv[0] : "netstat";
}

_Noreturn void usage_exit(int status)
{
	if (ENABLE_FEATURE_NETSTAT_USAGE && status)
		err_text(usage_text, "", "");
	else if (ENABLE_FEATURE_NETSTAT_USAGE)
		out_str(usage_text);
	out_flush();
	_exit(status);
}

#endif

//kbuild:lib-$(CONFIG_NETSTAT) += seam.o
