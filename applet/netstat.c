/* netstat for routers: options and dispatch.
 *
 * Reads the files under /proc/net (or $PROC_ROOT/net) line by line with fixed
 * buffers and prints what net-tools 2.10 prints for the same files. */
//config:config NETSTAT
//config:	bool "netstat (routers) (37 kb)"
//config:	default y
//config:	help
//config:	netstat prints information about the Linux networking subsystem:
//config:	sockets, routes, interfaces, statistics, multicast groups and
//config:	NAT connections, byte for byte as net-tools 2.10 prints them.
//config:	It reads /proc with fixed buffers and uses no stdio.
//config:	A switch whose feature is configured out is an unknown option.
//config:
//config:config FEATURE_NETSTAT_IPV6
//config:	bool "Enable IPv6 sockets, routes and groups"
//config:	default y
//config:	depends on NETSTAT && FEATURE_IPV6
//config:	help
//config:	Read the IPv6 tables (/proc/net/tcp6 and friends) and accept -6
//config:	and -A inet6. Without it only IPv4 is shown.
//config:
//config:config FEATURE_NETSTAT_WIDE
//config:	bool "Enable wide output"
//config:	default y
//config:	depends on NETSTAT
//config:	help
//config:	Add support for -W: addresses are never shortened to fit their
//config:	columns. Useful when displaying IPv6 addresses.
//config:
//config:config FEATURE_NETSTAT_PRG
//config:	bool "Enable PID/Program name output"
//config:	default y
//config:	depends on NETSTAT
//config:	help
//config:	Add support for -p to print the PID and program name of each
//config:	socket (scans /proc/PID/fd).
//config:
//config:config FEATURE_NETSTAT_UNIX
//config:	bool "Enable Unix domain sockets"
//config:	default y
//config:	depends on NETSTAT
//config:	help
//config:	List Unix domain sockets (-x, -A unix, and by default).
//config:
//config:config FEATURE_NETSTAT_ROUTE
//config:	bool "Enable routing tables"
//config:	default y
//config:	depends on NETSTAT
//config:	help
//config:	Add support for -r (and -C, -F) to print the kernel routing
//config:	tables, as route(8) does.
//config:
//config:config FEATURE_NETSTAT_IFACE
//config:	bool "Enable interface table"
//config:	default n
//config:	depends on NETSTAT
//config:	help
//config:	Add support for -i and -I=IFACE: per-interface packet counters.
//config:
//config:config FEATURE_NETSTAT_STATS
//config:	bool "Enable protocol statistics"
//config:	default n
//config:	depends on NETSTAT
//config:	help
//config:	Add support for -s: IP, ICMP, TCP and UDP counters from
//config:	/proc/net/snmp, netstat and snmp6.
//config:
//config:config FEATURE_NETSTAT_GROUPS
//config:	bool "Enable multicast group memberships"
//config:	default n
//config:	depends on NETSTAT
//config:	help
//config:	Add support for -g: IPv4 and IPv6 multicast group memberships.
//config:
//config:config FEATURE_NETSTAT_CONNTRACK
//config:	bool "Enable NAT connections"
//config:	default n
//config:	depends on NETSTAT
//config:	help
//config:	Add support for -M: masqueraded (NAT) connections from conntrack.
//config:
//config:config FEATURE_NETSTAT_CONNTRACK_NETLINK
//config:	bool "Read conntrack over netlink when /proc has no table"
//config:	default n
//config:	depends on NETSTAT && FEATURE_NETSTAT_CONNTRACK
//config:	help
//config:	On kernels built without CONFIG_NF_CONNTRACK_PROCFS there is no
//config:	/proc/net/nf_conntrack; -M then asks the kernel for the same
//config:	table with a ctnetlink dump and prints the same rows.
//config:
//config:config FEATURE_NETSTAT_DIAG
//config:	bool "Enable router diagnostics (--summary, --changes, --conntrack)"
//config:	default n
//config:	depends on NETSTAT
//config:	help
//config:	Add -O (--summary): sockets per protocol and family, TCP by
//config:	state, orphans and memory, as ss -s; -D (--changes): with -s or
//config:	-i and an interval, the counters that moved since the last
//config:	round and their rate, as nstat; and with conntrack (-M),
//config:	-K (--conntrack): how full the table is, its per-CPU drop and
//config:	insert counters summed, entries per protocol and state, and
//config:	the LAN hosts that hold the most.
//config:
//config:config FEATURE_NETSTAT_JSON
//config:	bool "Enable JSON output"
//config:	default n
//config:	depends on NETSTAT
//config:	help
//config:	Add support for -j (--json): every view prints one JSON document
//config:	(JSON Lines with -c) for scripts, with typed values and names
//config:	only as extra keys. README documents the keys. About 5.8 KB
//config:	on mips.
//config:
//config:config FEATURE_NETSTAT_RESOLVE
//config:	bool "Enable host, service and user names"
//config:	default y
//config:	depends on NETSTAT
//config:	help
//config:	Look addresses, ports and user ids up in /etc/hosts,
//config:	/etc/networks, /etc/services, /etc/protocols and /etc/passwd.
//config:	Without it every listing is numeric, as with -n.
//config:
//config:config FEATURE_NETSTAT_DNS
//config:	bool "Enable reverse DNS"
//config:	default n
//config:	depends on NETSTAT && FEATURE_NETSTAT_RESOLVE
//config:	help
//config:	Ask the nameservers of /etc/resolv.conf for the names of the
//config:	addresses /etc/hosts does not name (PTR queries over UDP, many
//config:	at once, at most 2 seconds of waiting a run). About 3 KB.
//config:
//config:config FEATURE_NETSTAT_CLASSIC
//config:	bool "Enable classic (Windows) netstat switches"
//config:	default n
//config:	depends on NETSTAT
//config:	help
//config:	Accept the switches of classic netstat where Linux can honour
//config:	them: protocol words (tcp, udpv6, icmp...), -b -f -q -E, a
//config:	trailing interval, and "/?" or "help".
//config:
//config:config FEATURE_NETSTAT_LONG_OPTIONS
//config:	bool "Enable long options"
//config:	default y
//config:	depends on NETSTAT && LONG_OPTS
//config:	help
//config:	Accept net-tools' long options (--tcp, --numeric, --inet6...).
//config:
//config:config FEATURE_NETSTAT_USAGE
//config:	bool "Enable usage text"
//config:	default y
//config:	depends on NETSTAT && SHOW_USAGE
//config:	help
//config:	Print a summary of the switches for -h and after a usage error.
//config:	Without it the error message and exit status stay the same.
//config:
//config:config FEATURE_NETSTAT_SCTP
//config:	bool "Enable SCTP endpoints and associations"
//config:	default n
//config:	depends on NETSTAT
//config:	help
//config:	Add support for -S: SCTP endpoints and associations from
//config:	/proc/net/sctp.

//applet:IF_NETSTAT(APPLET(netstat, BB_DIR_BIN, BB_SUID_DROP))

//usage:#define netstat_trivial_usage
//usage:       "[-"IF_FEATURE_NETSTAT_ROUTE("r")"al] [-tuw"IF_FEATURE_NETSTAT_UNIX("x")"U"IF_FEATURE_NETSTAT_SCTP("S")"]"
//usage:       " [-en"IF_FEATURE_NETSTAT_WIDE("W")IF_FEATURE_NETSTAT_PRG("p")IF_FEATURE_NETSTAT_CLASSIC("b")"oc"IF_FEATURE_NETSTAT_JSON("j")"]"
//usage:       " [-4"IF_FEATURE_NETSTAT_IPV6("6")"] [-A FAMILY]"IF_FEATURE_NETSTAT_CLASSIC(" [PROTO] [INTERVAL]")
//usage:	IF_FEATURE_NETSTAT_ROUTE("\n       netstat -r [-enCF46]")
//usage:	IF_FEATURE_NETSTAT_IFACE("\n       netstat -i [-ae] [-I=IFACE]")
//usage:	IF_FEATURE_NETSTAT_GROUPS("\n       netstat -g [-n]")
//usage:	IF_FEATURE_NETSTAT_STATS("\n       netstat -s [-tuwU"IF_FEATURE_NETSTAT_SCTP("S")"6]"IF_FEATURE_NETSTAT_CLASSIC(" [PROTO]"))
//usage:	IF_FEATURE_NETSTAT_CONNTRACK("\n       netstat -M [-enW46]")
//usage:	IF_FEATURE_NETSTAT_CLASSIC("\n       netstat -E")
//usage:	IF_FEATURE_NETSTAT_DIAG("\n       netstat -O"IF_FEATURE_NETSTAT_CONNTRACK("|-K")IF_FEATURE_NETSTAT_STATS("|-sD")IF_FEATURE_NETSTAT_IFACE("|-iD")" [-c N]")
//usage:#define netstat_full_usage "\n\n"
//usage:       "Display networking information\n"
//usage:	IF_FEATURE_NETSTAT_ROUTE(
//usage:     "\n	-r,--route	Routing table (-C cache, -F FIB)"
//usage:	)
//usage:	IF_FEATURE_NETSTAT_IFACE(
//usage:     "\n	-i,--interfaces	Interface table; -I=IFACE one interface"
//usage:	)
//usage:	IF_FEATURE_NETSTAT_GROUPS(
//usage:     "\n	-g,--groups	Multicast group memberships"
//usage:	)
//usage:	IF_FEATURE_NETSTAT_STATS(
//usage:     "\n	-s,--statistics	Protocol statistics"
//usage:	)
//usage:	IF_FEATURE_NETSTAT_CONNTRACK(
//usage:     "\n	-M,--masquerade	NAT connections from conntrack"
//usage:	)
//usage:	IF_FEATURE_NETSTAT_CLASSIC(
//usage:     "\n	-E,--ethernet	Interface totals (classic netstat -e)"
//usage:	)
//usage:	IF_FEATURE_NETSTAT_DIAG(
//usage:     "\n	-O,--summary	Socket totals, TCP by state (as ss -s)"
//usage:     "\n	-D,--changes	Only what moved each round (with -s or -i)"
//usage:	IF_FEATURE_NETSTAT_CONNTRACK(
//usage:     "\n	-K,--conntrack	Conntrack fill, drops, top hosts"
//usage:	)
//usage:	)
//usage:     "\n	-a,--all	All sockets"
//usage:     "\n	-l,--listening	Listening sockets only"
//usage:	IF_FEATURE_NETSTAT_CLASSIC(
//usage:     "\n	-q		Listening and bound sockets (as -a)"
//usage:	)
//usage:     "\n	-t,--tcp -u,--udp -U,--udplite -w,--raw"
//usage:	IF_FEATURE_NETSTAT_UNIX(" -x,--unix")
//usage:	IF_FEATURE_NETSTAT_SCTP(" -S,--sctp")
//usage:     "\n	-4,--inet"IF_FEATURE_NETSTAT_IPV6(" -6,--inet6")
//usage:       " -A,--protocol=FAMILY (inet"IF_FEATURE_NETSTAT_IPV6(", inet6")IF_FEATURE_NETSTAT_UNIX(", unix")")"
//usage:     "\n	-n,--numeric	No names; one kind: --numeric-hosts,"
//usage:     "\n			--numeric-ports, --numeric-users"
//usage:	IF_FEATURE_NETSTAT_CLASSIC(
//usage:     "\n	-f		Foreign addresses resolved, never shortened"
//usage:	)
//usage:     "\n	-e,--extend	User and inode (-ee more)"
//usage:	IF_FEATURE_NETSTAT_WIDE(
//usage:     "\n	-W,--wide	Don't truncate addresses"
//usage:	)
//usage:	IF_FEATURE_NETSTAT_PRG(
//usage:     "\n	-p,--programs	PID/Program name"IF_FEATURE_NETSTAT_CLASSIC(" (-b the same)")
//usage:	)
//usage:     "\n	-o,--timers	Timers"
//usage:	IF_FEATURE_NETSTAT_JSON(
//usage:     "\n	-j,--json	JSON output (JSON Lines with -c)"
//usage:	)
//usage:     "\n	-c,--continuous	Repeat every second, or every N (-cN"IF_FEATURE_NETSTAT_CLASSIC(", trailing N")"),"
//usage:     "\n			N from 1 to 86400"
//usage:     "\n	-v,--verbose	Say which tables the kernel lacks"
//usage:     "\n	-V,--version	Version and the build's features"
//usage:	IF_FEATURE_NETSTAT_CLASSIC(
//usage:     "\n	PROTO		tcp udp tcpv6 udpv6 raw rawv6 udplite;"
//usage:     "\n			with -s: ip ipv6 icmp icmpv6 tcp tcpv6 udp udpv6"
//usage:     "\n	/?, help	This text"
//usage:	)


//kbuild:lib-$(CONFIG_NETSTAT) += netstat.o

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "netstat.h"

/* What the command line asked for, beyond G. */
static struct {
	const char *name;	/* argv[0], as getopt's messages name us */
	unsigned views;		/* VIEW_* bits */
	unsigned view_count;	/* -r -i -s -M, each time given */
	unsigned groups;	/* -g */
	unsigned others;	/* OTHER_*: families we cannot show */
	unsigned words;		/* classic protocol words or an interval */
} cmd;

/* The views other than the socket listing. */
enum {
	VIEW_ROUTE = 1, VIEW_IFACE = 2, VIEW_STATS = 4, VIEW_MASQ = 8,
	VIEW_ETHERNET = 16, VIEW_SUMMARY = 32, VIEW_CONNTRACK = 64,
};

/* Families net-tools knows and we cannot show, in the order net-tools
 * tries them; the first one asked for ends the listing. */
enum { OTHER_IPX = 1, OTHER_AX25 = 2, OTHER_X25 = 4, OTHER_NETROM = 8,
       OTHER_ROSE = 16, OTHER_BLUETOOTH = 32 };
static const char other_names[] = "AF IPX\0AF AX25\0AF X25\0AF NETROM\0AF ROSE\0";

/* getopt's message, then the usage text; exit status 3. */
static _Noreturn void bad_option(const char *a, const char *b, const char *c,
				  const char *d)
{
	err_text(cmd.name, ": ", a);
	err_text(b, c, d);
	err_text("\n", "", "");
	usage_exit(3);
}

/* -A's names, as net-tools' aliases: each the family it means ("ip" is
 * inet), the name -s and -r know it by, and what we show of it. */
#define NETSTAT_FAMILIES(X)						\
	X(ax25, "ax25", 0, OTHER_AX25) X(ip, "inet", FAMILY_INET, 0)	\
	X(ip6, "inet6", FAMILY_INET6, 0) X(ipx, "ipx", 0, OTHER_IPX)	\
	X(rose, "rose", 0, OTHER_ROSE) X(appletalk, "ddp", 0, 0)	\
	X(netrom, "netrom", 0, OTHER_NETROM) X(inet, "inet", FAMILY_INET, 0) \
	X(inet6, "inet6", FAMILY_INET6, 0) X(ddp, "ddp", 0, 0)		\
	X(unix, "unix", FAMILY_UNIX, 0) X(tcpip, "inet", FAMILY_INET, 0) \
	X(econet, "ec", 0, 0) X(x25, "x25", 0, OTHER_X25)		\
	X(ash, "ash", 0, 0) X(bluetooth, "bluetooth", 0, OTHER_BLUETOOTH)
/* alias, then the name -s and -r know it by */
#define FAMILY_NAMES(alias, name, family, other) #alias "\0" name "\0"
#define FAMILY_BITS(alias, name, family, other) { family, other },
static const char family_names[] = NETSTAT_FAMILIES(FAMILY_NAMES);
static const struct { uint8_t family, other; } family_bits[] = {
	NETSTAT_FAMILIES(FAMILY_BITS)
};

/* The names as net-tools joins them (-s says which it cannot show); -r
 * lists the routing tables in the order the families were named. */
static void note_family(unsigned i, const char *name)
{
	size_t used = strlen(G.family_list), n = strlen(name);

	G.families |= family_bits[i].family;
	cmd.others |= family_bits[i].other;
	if (used + n + 2 > sizeof(G.family_list))
		return;
	if (used)
		G.family_list[used++] = ',';
	memcpy(G.family_list + used, name, n + 1);
}

/* A comma-separated list; an unknown name, an empty one too, ends the
 * run as in net-tools. */
static void add_families(const char *list)
{
	char word[32];
	const char *p = list, *name;
	size_t n;
	unsigned i;

	do {
		n = strcspn(p, ",");
		copy_word(word, sizeof(word), p, n);
		p += n;
		for (i = 0, name = family_names; i < ARRAY_SIZE(family_bits) &&
		     !str_eq(word, name); i++)
			name += strlen(name) + 1, name += strlen(name) + 1;
		if (i == ARRAY_SIZE(family_bits) ||
		    (!ENABLE_FEATURE_NETSTAT_IPV6 &&
		     family_bits[i].family == FAMILY_INET6) ||
		    (!ENABLE_FEATURE_NETSTAT_UNIX &&
		     family_bits[i].family == FAMILY_UNIX)) {
			err_text("Unknown address family `", word, "'.\n");
			_exit(1);
		}
		note_family(i, name + strlen(name) + 1);
	} while (*p++ == ',');
}

/* ---- the option table ---- */

/* How a switch takes an argument. OPTIONAL: only as --name=VALUE (and
 * -c's digits, -cN). */
enum { ARG_NONE, ARG_REQUIRED, ARG_OPTIONAL };

/* Whose switch it is: net-tools' long names decide what an abbreviation
 * means; ours stand for one only when no net-tools name starts with it,
 * so that every net-tools command line keeps its meaning. */
enum { NT, OURS };

/* What a switch does with its value. */
enum {
	DO_OPT,		/* sets the OPT_* bits */
	DO_SOCK,	/* lists the tables of the WANT_* bits */
	DO_FAMILY,	/* the family its long name names (-A: its argument) */
	DO_VIEW,	/* a VIEW_* instead of the socket listing */
	DO_IFACE,	/* -I=IFACE: the -i table of one interface */
	DO_GROUPS,	/* -g: multicast groups in the listing */
	DO_EXTEND,	/* -e, counted */
	DO_INTERVAL,	/* -c */
	DO_BLUETOOTH,	/* -2, --l2cap, --rfcomm: a family we lack */
	DO_VERSION, DO_HELP, DO_SELINUX,
	DO_NOTHING,	/* -d: net-tools' debug flag, which changes no output */
};

/* Every switch, one row: short letter (0: none), long name ("": none),
 * argument, whose, action, value. The long names stand in net-tools'
 * order, which decides what an abbreviation means (glibc takes the first
 * that matches, and lists those that do something else as ambiguous). A
 * switch whose feature is configured out has no row: it is an unknown
 * option, as in BusyBox. */
#define NETSTAT_OPTIONS(X)						\
	X(0, "ax25", NONE, NT, FAMILY, 0)				\
	X(0, "x25", NONE, NT, FAMILY, 0)				\
	X(0, "ip", NONE, NT, FAMILY, 0)					\
	X(0, "ipx", NONE, NT, FAMILY, 0)				\
	X(0, "appletalk", NONE, NT, FAMILY, 0)				\
	X(0, "netrom", NONE, NT, FAMILY, 0)				\
	X('4', "inet", NONE, NT, FAMILY, 0)				\
	IF_FEATURE_NETSTAT_IPV6(X('6', "inet6", NONE, NT, FAMILY, 0))	\
	X(0, "ddp", NONE, NT, FAMILY, 0)				\
	X(0, "rose", NONE, NT, FAMILY, 0)				\
	IF_FEATURE_NETSTAT_UNIX(X('x', "unix", NONE, NT, FAMILY, 0))	\
	X(0, "bluetooth", NONE, NT, FAMILY, 0)				\
	X(0, "tcpip", NONE, NT, FAMILY, 0)				\
	X('V', "version", NONE, NT, VERSION, 0)				\
	IF_FEATURE_NETSTAT_IFACE(X('i', "interfaces", OPTIONAL, NT, VIEW, VIEW_IFACE)) \
	X('h', "help", NONE, NT, HELP, 0)				\
	IF_FEATURE_NETSTAT_ROUTE(X('r', "route", NONE, NT, VIEW, VIEW_ROUTE)) \
	IF_FEATURE_NETSTAT_CONNTRACK(X('M', "masquerade", NONE, NT, VIEW, VIEW_MASQ)) \
	X('A', "protocol", REQUIRED, NT, FAMILY, 0)			\
	X('t', "tcp", NONE, NT, SOCK, WANT_TCP)				\
	IF_FEATURE_NETSTAT_SCTP(X('S', "sctp", NONE, NT, SOCK, WANT_SCTP)) \
	X('u', "udp", NONE, NT, SOCK, WANT_UDP)				\
	X('U', "udplite", NONE, NT, SOCK, WANT_UDPLITE)			\
	X('w', "raw", NONE, NT, SOCK, WANT_RAW)				\
	/* net-tools has unix twice: the second shows in its ambiguity \
	 * messages only */						\
	IF_FEATURE_NETSTAT_UNIX(X('x', "unix", NONE, NT, FAMILY, 1))	\
	X('2', "l2cap", NONE, NT, BLUETOOTH, 0)				\
	/* net-tools' -f is rfcomm; classic netstat's -f (below) wins */ \
	X(ENABLE_FEATURE_NETSTAT_CLASSIC ? 0 : 'f', "rfcomm", NONE, NT, BLUETOOTH, 0) \
	X('l', "listening", NONE, NT, OPT, OPT_l)			\
	X('a', "all", NONE, NT, OPT, OPT_a)				\
	X('o', "timers", NONE, NT, OPT, OPT_o)				\
	X('c', "continuous", OPTIONAL, NT, INTERVAL, 0)			\
	X('e', "extend", NONE, NT, EXTEND, 0)				\
	IF_FEATURE_NETSTAT_PRG(X('p', "programs", NONE, NT, OPT, OPT_p)) \
	X('v', "verbose", NONE, NT, OPT, OPT_v)				\
	IF_FEATURE_NETSTAT_STATS(X('s', "statistics", NONE, NT, VIEW, VIEW_STATS)) \
	IF_FEATURE_NETSTAT_WIDE(X('W', "wide", NONE, NT, OPT, OPT_W))	\
	X('n', "numeric", NONE, NT, OPT, OPT_n_host | OPT_n_port | OPT_n_user) \
	X(0, "numeric-hosts", NONE, NT, OPT, OPT_n_host)		\
	X(0, "numeric-ports", NONE, NT, OPT, OPT_n_port)		\
	X(0, "numeric-users", NONE, NT, OPT, OPT_n_user)		\
	X('N', "symbolic", NONE, NT, OPT, OPT_N)			\
	IF_FEATURE_NETSTAT_ROUTE(X('C', "cache", NONE, NT, OPT, OPT_C))	\
	IF_FEATURE_NETSTAT_ROUTE(X('F', "fib", NONE, NT, OPT, OPT_F))	\
	IF_FEATURE_NETSTAT_GROUPS(X('g', "groups", NONE, NT, GROUPS, 0)) \
	X('Z', "context", NONE, NT, SELINUX, 0)				\
	X('d', "", NONE, NT, NOTHING, 0)				\
	/* JSON cuts nothing: it is -W too */				\
	IF_FEATURE_NETSTAT_JSON(X('j', "json", NONE, OURS, OPT, OPT_json | OPT_W)) \
	IF_FEATURE_NETSTAT_IFACE(X('I', "", REQUIRED, OURS, IFACE, 0))	\
	IF_FEATURE_NETSTAT_DIAG(X('O', "summary", NONE, OURS, VIEW, VIEW_SUMMARY) \
		X('D', "changes", NONE, OURS, OPT, OPT_changes | OPT_c)	\
		IF_FEATURE_NETSTAT_CONNTRACK(X('K', "conntrack", NONE, OURS, VIEW, VIEW_CONNTRACK))) \
	IF_FEATURE_NETSTAT_CLASSIC(					\
		X('E', "ethernet", NONE, OURS, VIEW, VIEW_ETHERNET)	\
		IF_FEATURE_NETSTAT_PRG(X('b', "", NONE, OURS, OPT, OPT_p)) \
		X('f', "", NONE, OURS, OPT, OPT_f)			\
		X('q', "", NONE, OURS, OPT, OPT_a))

struct option_row {
	uint16_t value;
	char letter;
	uint8_t arg : 2, ours : 1, action : 4;
};

#define OPTION_ROW(letter, name, arg, whose, action, value) \
	{ value, letter, ARG_##arg, whose, DO_##action },
#define OPTION_NAME(letter, name, arg, whose, action, value) name "\0"
static const struct option_row option_rows[] = { NETSTAT_OPTIONS(OPTION_ROW) };
static const char option_names[] = NETSTAT_OPTIONS(OPTION_NAME);

static const char *option_name(const struct option_row *r)
{
	return nth_string(option_names, (unsigned)(r - option_rows));
}

static void set_interval(const char *s)
{
	uint64_t v;
	const char *p = s;

	if (!scan_dec(&p, &v) || *p || v == 0 || v > 86400)
		bad_option("invalid interval '", s, "'", "");
	G.interval = (unsigned)v;
	G.opts |= OPT_c;
}

/* The build's features, for -V: "features: +IPV6 -DNS ...", in the
 * order of netstat_config.h (tests/scripts/version.sh). */
#define FEATURE(f) NETSTAT_IF(ENABLE_FEATURE_NETSTAT_##f)(" +" #f) \
	NETSTAT_IF_NOT(ENABLE_FEATURE_NETSTAT_##f)(" -" #f)
static const char version_text[] =
	"netstat (routers) 1.0" IF_NETSTAT_IN_BUSYBOX(", BusyBox applet") "\nfeatures:"
	FEATURE(IPV6) FEATURE(PRG) FEATURE(UNIX) FEATURE(ROUTE) FEATURE(IFACE)
	FEATURE(STATS) FEATURE(GROUPS) FEATURE(CONNTRACK) FEATURE(CONNTRACK_NETLINK)
	FEATURE(RESOLVE) FEATURE(DNS) FEATURE(JSON) FEATURE(WIDE) FEATURE(CLASSIC)
	FEATURE(LONG_OPTIONS) FEATURE(USAGE) FEATURE(SCTP) FEATURE(DIAG) "\n";

/* Applies a switch; arg is its argument when it has one. */
static void apply_option(const struct option_row *r, const char *arg)
{
	switch (r->action) {
	case DO_OPT:
		G.opts |= r->value;
		break;
	case DO_SOCK:
		G.socks |= r->value;
		break;
	case DO_FAMILY:
		add_families(arg ? arg : option_name(r));
		break;
	case DO_IFACE:
		G.iface_name = arg + (*arg == '=');
		cmd.views |= VIEW_IFACE;
		break;
	case DO_VIEW:
		cmd.views |= r->value;
		cmd.view_count += r->value != VIEW_ETHERNET;
		if (arg)
			G.iface_name = arg;
		break;
	case DO_GROUPS:
		cmd.groups = 1;
		break;
	case DO_EXTEND:
		G.extend++;
		break;
	case DO_INTERVAL:
		G.opts |= OPT_c;
		if (arg)
			set_interval(arg);
		break;
	case DO_BLUETOOTH:
		cmd.others |= OTHER_BLUETOOTH;
		break;
	case DO_VERSION:
		out_str(version_text);
		out_flush();
		_exit(0);
	case DO_HELP:
		usage_exit(0);
	case DO_SELINUX:
		err_text("SELinux is not enabled on this machine.\n", "", "");
		_exit(1);
	}
}

/* --name[=value], abbreviated as glibc's getopt_long allows: the name
 * itself, else the first of net-tools' names it starts, else the first of
 * ours; the others it starts that do something else make it ambiguous. */
static void parse_long(const char *a, char **argv, int *i)
{
	const char *eq = strchr(a, '='), *n;
	size_t len = eq ? (size_t)(eq - a) : strlen(a), used = 0;
	const struct option_row *r, *first[2] = { 0, 0 };
	/* per row: 1 + whose, when it is a match that does something else */
	uint8_t clash[ARRAY_SIZE(option_rows)] = { 0 }, whose;
	char list[320];
	unsigned k;

	if (!ENABLE_FEATURE_NETSTAT_LONG_OPTIONS)
		bad_option("unrecognized option '--", a, "'", "");
	for (r = option_rows, n = option_names; r < option_rows + ARRAY_SIZE(option_rows);
	     r++, n += strlen(n) + 1) {
		if (!*n || strncmp(n, a, len))
			continue;
		if (!n[len]) {
			first[0] = r, first[1] = 0;
			memset(clash, 0, sizeof(clash));
			break;
		}
		whose = r->ours;
		if (!first[whose])
			first[whose] = r;
		/* glibc compares what they do; a family's name says which */
		else if (first[whose]->value != r->value || first[whose]->arg != r->arg ||
			 first[whose]->action != r->action)
			clash[first[whose] - option_rows] = clash[r - option_rows] = 1 + whose;
	}
	whose = !first[0];
	r = first[whose];
	if (!r)
		bad_option("unrecognized option '--", a, "'", "");
	for (k = 0; k < ARRAY_SIZE(option_rows); k++)
		if (clash[k] == 1 + whose) {
			n = option_name(&option_rows[k]);
			memcpy(list + used, " '--", 4);
			memcpy(list + used + 4, n, strlen(n));
			used += 5 + strlen(n);
			list[used - 1] = '\'';
		}
	if (used) {
		list[used] = 0;
		bad_option("option '--", a, "' is ambiguous; possibilities:", list);
	}
	n = option_name(r);
	if (eq && r->arg == ARG_NONE)
		bad_option("option '--", n, "' doesn't allow an argument", "");
	if (!eq && r->arg == ARG_REQUIRED) {
		if (!argv[*i + 1])
			bad_option("option '--", n, "' requires an argument", "");
		eq = argv[++*i] - 1;
	}
	apply_option(r, eq ? eq + 1 : 0);
}

/* -abc: letters, the last may take the rest of the word or the next. */
static void parse_short(const char *a, char **argv, int *i)
{
	const struct option_row *r;
	char letter[2] = "";

	for (; *a; a++) {
		for (r = option_rows; r < option_rows + ARRAY_SIZE(option_rows); r++)
			if (r->letter == *a)
				break;
		letter[0] = *a;
		if (r == option_rows + ARRAY_SIZE(option_rows))
			bad_option("invalid option -- '", letter, "'", "");
		if (r->arg == ARG_REQUIRED) {
			const char *arg = a[1] ? a + 1 : argv[*i + 1];
			if (!arg)
				bad_option("option requires an argument -- '", letter, "'", "");
			if (!a[1])
				++*i;
			apply_option(r, arg);
			return;
		}
		/* -c takes a number only when digits follow in the word */
		if (r->action == DO_INTERVAL && is_digit(a[1])) {
			apply_option(r, a + 1);
			return;
		}
		apply_option(r, 0);
	}
}

/* Classic protocol words: bits over the inet file table (tcp tcp6 udp
 * udp6 udplite udplite6 raw raw6), and the statistics they select. */
static const struct protocol_word {
	char word[8];
	uint8_t files;
	uint16_t stats;
} protocol_words[] = {
	{ "tcp", 0x01, STATS_TCP },	{ "tcpv6", 0x02, STATS_TCP6 },
	{ "udp", 0x04, STATS_UDP },	{ "udpv6", 0x08, STATS_UDP6 },
	{ "udplite", 0x30, STATS_UDPLITE }, { "raw", 0x40, 0 },
	{ "rawv6", 0x80, 0 },		{ "ip", 0, STATS_IP },
	{ "ipv6", 0, STATS_IP6 },	{ "icmp", 0, STATS_ICMP },
	{ "icmpv6", 0, STATS_ICMP6 },
};

/* A word that is not an option: a protocol, a number (the interval, 1
 * to 86400 seconds: any other number is a usage error, as for -cN), or
 * help. Any other word is ignored, as net-tools ignores them all. */
static void classic_word(const char *w)
{
	const char *d = w;
	unsigned i;

	if (str_eq(w, "/?") || str_case_eq(w, "help"))
		usage_exit(0);
	while (is_digit(*d))
		d++;
	if (!*d) {
		set_interval(w);
		cmd.words = 1;
		return;
	}
	for (i = 0; i < ARRAY_SIZE(protocol_words); i++) {
		if (!str_case_eq(w, protocol_words[i].word))
			continue;
		G.classic_files |= protocol_words[i].files;
		G.classic_stats |= protocol_words[i].stats;
		cmd.words = 1;
	}
}

static void parse_args(char **argv)
{
	int i, options_done = 0;

	for (i = 1; argv[i]; i++) {
		const char *a = argv[i];
		if (!options_done && a[0] == '-' && a[1]) {
			if (a[1] != '-')
				parse_short(a + 1, argv, &i);
			else if (a[2])
				parse_long(a + 2, argv, &i);
			else
				options_done = 1;
		} else if (ENABLE_FEATURE_NETSTAT_CLASSIC) {
			classic_word(a);
		}
	}
}

/* Two views, or -E with anything it cannot show, are usage errors: -r
 * -i -s -M as in net-tools (each counted), -E (ours) with a view, -g,
 * or anything that selects sockets. */
static void check_views(void)
{
	if (cmd.view_count > 1)
		usage_exit(3);
	/* -D watches the counters of -s or -i */
	if ((G.opts & OPT_changes) && !(cmd.views & (VIEW_STATS | VIEW_IFACE)))
		bad_option("-D shows the changes of -s or -i", "", "", "");
	if ((cmd.views & VIEW_ETHERNET) &&
	    (cmd.view_count || cmd.groups || G.socks || G.families ||
	     cmd.others || cmd.words))
		bad_option("-E shows interface totals only: ",
			   "no other view or socket selection", "", "");
}

/* -c: the stop signals stay blocked while a round prints and are taken
 * by the wait between rounds, so a listing ends after a whole round (a
 * whole JSON document) with no handler (sigaction and nanosleep cost
 * 2 KB on mips); then the signal is let through, and we die by it as
 * net-tools does, so that a script sees 130 or 143. A signal the
 * environment ignores (a background job's SIGINT) stays ignored.
 * The kernel's sigset: _NSIG - 1 bits, signal n is bit n - 1. */
static unsigned long stop_signals[_NSIG / 8 / sizeof(long)];

static int signal_ignored(int sig)
{
	/* the kernel's struct sigaction: the handler first, but for MIPS,
	 * whose flags (an int, padded to a long) come first */
	unsigned long action[8] = { 0 };

	sys_call(SYS_rt_sigaction, sig, 0, action, sizeof(stop_signals));
	return action[MIPS_SIGACTION ? 1 : 0] == (unsigned long)SIG_IGN;
}

static void block_stop_signals(void)
{
	if (!signal_ignored(SIGINT))
		stop_signals[0] |= 1ul << (SIGINT - 1);
	if (!signal_ignored(SIGTERM))
		stop_signals[0] |= 1ul << (SIGTERM - 1);
	sys_call(SYS_rt_sigprocmask, SIG_BLOCK, stop_signals, 0, sizeof(stop_signals));
}

/* Sleeps G.interval seconds between rounds; returns when it is time for
 * the next, dies by a stop signal. NETSTAT_ROUND_MS (ignored when
 * set-id) shortens the wait for tests. */
static void next_round(void)
{
	struct { long sec, nsec; } ts;	/* rt_sigtimedwait's own timespec */
	const char *ms = G.secure ? 0 : getenv("NETSTAT_ROUND_MS");
	uint64_t v;
	long sig;

	out_flush();
	ts.sec = G.interval ? G.interval : 1;
	ts.nsec = 0;
	if (ms && scan_dec(&ms, &v) && v < 1000) {
		ts.sec = 0;
		ts.nsec = (long)v * 1000000;
	}
	do
		sig = sys_call(SYS_rt_sigtimedwait, stop_signals, 0, &ts,
			      sizeof(stop_signals));
	while (sig < 0 && errno == EINTR);
	if (sig <= 0)
		return;	/* the wait ran out: the next round */
	sys_call(SYS_rt_sigprocmask, SIG_UNBLOCK, stop_signals, 0, sizeof(stop_signals));
	sys_call(SYS_kill, sys_call(SYS_getpid, 0, 0, 0, 0), sig, 0, 0);
	_exit(128 + (int)sig);
}

/* A family we cannot show: the first net-tools tries ends the listing
 * (status 1); with -v alone, each is named. */
static int say_no_support(void)
{
	const char *name = other_names;
	unsigned bit;

	for (bit = 1; bit < OTHER_BLUETOOTH; bit <<= 1, name += strlen(name) + 1) {
		if (cmd.others & bit) {
			no_support(name, 0);
			return 1;
		}
		if (opt_has(OPT_v) && !G.socks)
			no_support(name, 0);
	}
	if (!(cmd.others & OTHER_BLUETOOTH))
		return 0;
	err_text("netstat: feature `AF BLUETOOTH' not supported.\n",
		 "Please recompile `net-tools' with newer kernel source or full "
		 "configuration.\n", "");
	return 1;
}

/* The Internet table's protocols, in net-tools' order. */
static const struct internet_protocol {
	uint8_t want;		/* WANT_* */
	int (*show)(unsigned want);
} internet_protocols[] = {
	{ WANT_TCP, show_inet_protocol },
	IF_FEATURE_NETSTAT_SCTP({ WANT_SCTP, show_sctp },)
	{ WANT_UDP, show_inet_protocol },
	{ WANT_UDPLITE, show_inet_protocol },
	{ WANT_RAW, show_inet_protocol },
};

/* Non-zero when a table ended the listing. */
static int show_internet(void)
{
	unsigned want = G.socks ? G.socks : WANT_INET, i;
	int end = 0;

	print_internet_header();
	for (i = 0; i < ARRAY_SIZE(internet_protocols) && !end; i++)
		if (want & internet_protocols[i].want)
			end = internet_protocols[i].show(internet_protocols[i].want);
	table_end();
	return end;
}

static int show_sockets(void)
{
	unsigned fam = G.families;
	int inet_asked = (fam & (FAMILY_INET | FAMILY_INET6)) != 0;

	/* As net-tools: -4/-6 alone mean every Internet protocol, a
	 * protocol alone means both families, nothing means everything. */
	if ((inet_asked || G.classic_files) && !(G.socks & WANT_INET)) {
		G.socks |= WANT_INET;
		G.no_protocol_given = !G.classic_files;
	}
	if ((!G.socks || (G.socks & WANT_INET) || cmd.groups) && !inet_asked)
		G.families |= FAMILY_INET | FAMILY_INET6;
	if (fam & FAMILY_UNIX)
		G.socks |= WANT_UNIX;
	if (cmd.groups)
		G.socks |= WANT_GROUPS;
	if (cmd.others)
		G.socks |= WANT_OTHER;
	/* classic words narrow the switches: say so when nothing is left */
	if (G.classic_files && !inet_files_selected() &&
	    !(G.socks & (WANT_UNIX | WANT_GROUPS | WANT_OTHER)))
		bad_option("the protocol words and switches select no table", "", "", "");
	for (;;) {
		json_begin();
		/* net-tools reads the processes before either table. */
		if (!G.socks || (G.socks & WANT_INET)) {
			if (ENABLE_FEATURE_NETSTAT_PRG && opt_has(OPT_p))
				prog_map_load();
			if (show_internet()) {
				G.exit_status = 1;
				json_end();
				break;
			}
		}
		if (ENABLE_FEATURE_NETSTAT_GROUPS && cmd.groups)
			show_groups();
		if (ENABLE_FEATURE_NETSTAT_UNIX &&
		    (!G.socks || (G.socks & WANT_UNIX))) {
			if (ENABLE_FEATURE_NETSTAT_PRG && opt_has(OPT_p))
				prog_map_load();
			/* a missing unix table ends the listing, as in net-tools */
			if (show_unix()) {
				json_end();
				break;
			}
		}
		if (say_no_support()) {
			G.exit_status = 1;
			json_end();
			break;
		}
		json_end();
		if (!opt_has(OPT_c))
			break;
		next_round();
		if (ENABLE_FEATURE_NETSTAT_PRG)
			prog_map_clear();
	}
	return G.exit_status;
}

/* The views other than the socket listing, by the bit of VIEW_*; a
 * view's switch has no row when its feature is configured out. */
static int (*const views[])(void) = {
	IF_FEATURE_NETSTAT_ROUTE([0] = show_routes,)
	IF_FEATURE_NETSTAT_IFACE([1] = show_interfaces,)
	IF_FEATURE_NETSTAT_STATS([2] = show_statistics,)
	IF_FEATURE_NETSTAT_CONNTRACK([3] = show_conntrack,)
	IF_FEATURE_NETSTAT_CLASSIC([4] = show_ethernet_summary,)
	IF_FEATURE_NETSTAT_DIAG([5] = show_summary,)
	IF_FEATURE_NETSTAT_DIAG(IF_FEATURE_NETSTAT_CONNTRACK([6] = show_conntrack_pressure,))
};

/* A view other than the socket listing, every interval with -c: a
 * failed round (status 1, or 3 for -r -A unix) ends it. */
static int repeat(int (*show)(void))
{
	for (;;) {
		int rc;
		json_begin();
		rc = show();
		json_end();
		if (rc || !opt_has(OPT_c))
			return rc;
		next_round();
	}
}

int netstat_main(int argc, char **argv)
{
	const char *root = getenv("PROC_ROOT");
	unsigned v = 0;
	int rc;

	(void)argc;
	cmd.name = program_name(argv);
	/* Environment input is not trusted when running set-id. */
	G.secure = run_is_secure();
	if (!root || !*root || G.secure)
		root = "/proc";
	G.proc_root = root;
	parse_args(argv);
	check_views();
	if (opt_has(OPT_c))
		block_stop_signals();
	while (cmd.views >> v > 1)
		v++;
	rc = cmd.views ? repeat(views[v]) : show_sockets();
	out_flush();
	return rc ? rc : G.exit_status;
}

/* BusyBox calls netstat_main; so does the fuzz driver */
#if !NETSTAT_IN_BUSYBOX && !NETSTAT_FUZZING
int main(int argc, char **argv)
{
	return netstat_main(argc, argv);
}
#endif
