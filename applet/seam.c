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

uint64_t div10(uint64_t v, unsigned *rem)
{
	*rem = (unsigned)(v % 10);
	return v / 10;
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
	if (ENABLE_FEATURE_NETSTAT_USAGE)
		(status ? raw_err : out_str)(usage_text);
	out_flush();
	_exit(status);
}

/* v / 10 without a library division on 32-bit CPUs (Hacker's Delight
 * 10-4): shifts and adds give q within one of the quotient. */
uint64_t div10(uint64_t v, unsigned *rem)
{
	uint64_t q, r;

	/* Values that fit in a machine word (nearly all) divide natively:
	 * the compiler turns a constant divisor into a multiply. */
	if (sizeof(void *) == 8) {
		*rem = (unsigned)(v % 10);
		return v / 10;
	}
	if (v <= 0xffffffffu) {
		uint32_t w = (uint32_t)v;
		*rem = w % 10;
		return w / 10;
	}
	q = (v >> 1) + (v >> 2);
	q += q >> 4;
	q += q >> 8;
	q += q >> 16;
	q += q >> 32;
	q >>= 3;
	r = v - ((q << 3) + (q << 1));
	if (r > 9) {
		q++;
		r -= 10;
	}
	*rem = (unsigned)r;
	return q;
}

#endif

//kbuild:lib-$(CONFIG_NETSTAT) += seam.o
