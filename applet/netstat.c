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
//usage:	IF_FEATURE_NETSTAT_STATS("\n       netstat -s [-tuwU6]"IF_FEATURE_NETSTAT_CLASSIC(" [PROTO]"))
//usage:	IF_FEATURE_NETSTAT_CONNTRACK("\n       netstat -M [-enW46]")
//usage:	IF_FEATURE_NETSTAT_CLASSIC("\n       netstat -E")
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
//usage:     "\n	-n,--numeric	No names (--numeric-hosts, -ports, -users)"
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
//usage:     "\n	-c,--continuous	Repeat every second, or every N (-cN"IF_FEATURE_NETSTAT_CLASSIC(", trailing N")")"
//usage:     "\n	-v,--verbose	Say which tables the kernel lacks"
//usage:     "\n	-V,--version	Version"
//usage:	IF_FEATURE_NETSTAT_CLASSIC(
//usage:     "\n	PROTO		tcp udp tcpv6 udpv6 raw rawv6 udplite;"
//usage:     "\n			with -s: ip ipv6 icmp icmpv6 tcp tcpv6 udp udpv6"
//usage:     "\n	/?, help	This text"
//usage:	)


//kbuild:lib-$(CONFIG_NETSTAT) += netstat.o io.o fmt.o names.o inet.o

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "netstat.h"

struct netstat_globals G;

/* The table asked for; at most one of these may be given. */
enum { MODE_SOCKETS, MODE_ROUTE, MODE_IFACE, MODE_STATS, MODE_MASQ };
static unsigned mode_count, mode, groups, ethernet_summary;

static _Noreturn void bad_option(const char *a, const char *b, const char *c)
{
	out_flush();
	raw_err("netstat: ");
	raw_err(a);
	raw_err(b);
	raw_err(c);
	raw_err("\n");
	usage_exit(3);
}

/* Address family names for -A and their long options. */
static const struct family_name {
	char name[10];
	uint8_t family;
	char what[10];		/* "AF IPX" etc. for families we lack */
} family_names[] = {
	{ "inet", FAMILY_INET, "" },
	{ "inet6", FAMILY_INET6, "" },
	{ "unix", FAMILY_UNIX, "" },
	{ "ipx", FAMILY_OTHER, "IPX" },
	{ "ax25", FAMILY_OTHER, "AX25" },
	{ "netrom", FAMILY_OTHER, "NETROM" },
	{ "x25", FAMILY_OTHER, "X25" },
	{ "rose", FAMILY_OTHER, "ROSE" },
	{ "ddp", FAMILY_OTHER, "APPLETALK" },
	{ "econet", FAMILY_OTHER, "ECONET" },
	{ "ash", FAMILY_OTHER, "ASH" },
	{ "bluetooth", FAMILY_OTHER, "BLUETOOTH" },
};
static const char *missing_family;

/* The names as net-tools joins them (-s says which it cannot show); -r
 * lists the routing tables in the order the families were named. */
static void note_family(unsigned family, const char *name)
{
	size_t used = strlen(G.family_list), n = strlen(name);

	if (family == FAMILY_INET6 && !(G.families & FAMILY_INET))
		G.inet6_first = 1;
	G.families |= family;
	if (used + n + 2 > sizeof(G.family_list))
		return;
	if (used)
		G.family_list[used++] = ',';
	memcpy(G.family_list + used, name, n + 1);
}

static void add_families(const char *list)
{
	char word[32];
	const char *p = list;

	while (*p) {
		size_t n = strcspn(p, ",");
		unsigned i;
		if (n >= sizeof(word))
			n = sizeof(word) - 1;
		memcpy(word, p, n);
		word[n] = 0;
		p += n + (p[n] == ',');
		for (i = 0; i < sizeof(family_names) / sizeof(family_names[0]); i++)
			if (str_eq(word, family_names[i].name))
				break;
		if (i == sizeof(family_names) / sizeof(family_names[0]) ||
		    (!ENABLE_FEATURE_NETSTAT_IPV6 &&
		     family_names[i].family == FAMILY_INET6) ||
		    (!ENABLE_FEATURE_NETSTAT_UNIX &&
		     family_names[i].family == FAMILY_UNIX)) {
			out_flush();
			raw_err("Unknown address family `");
			raw_err(word);
			raw_err("'.\n");
			_exit(1);
		}
		note_family(family_names[i].family, family_names[i].name);
		if (family_names[i].family == FAMILY_OTHER)
			missing_family = family_names[i].what;
	}
}

/* Long options, packed: each name, a NUL, the short option it stands for
 * and how it takes an argument: 0 not, 1 required, 2 optional, 3 a family
 * name (the option is the argument of -A). */
static const char long_options[] =
	"version\0V0"
	"interfaces\0i2"
	"help\0h0"
	"route\0r0"
	"masquerade\0M0"
	"protocol\0A1"
	"tcp\0t0"
	"sctp\0S0"
	"udp\0u0"
	"udplite\0U0"
	"raw\0w0"
	"unix\0x0"
	"listening\0l0"
	"all\0a0"
	"timers\0o0"
	"continuous\0c2"
	"extend\0e0"
	"programs\0p0"
	"program\0p0"
	"verbose\0v0"
	"statistics\0s0"
	"wide\0W0"
	"json\0j0"
	"numeric\0n0"
	"numeric-hosts\0!0"
	"numeric-ports\0@0"
	"numeric-users\0#0"
	"symbolic\0N0"
	"cache\0C0"
	"fib\0F0"
	"groups\0g0"
	"context\0Z0"
	"ethernet\0E0"
	"inet\0A3"
	"inet6\0A3"
	"ipx\0A3"
	"ax25\0A3"
	"netrom\0A3"
	"x25\0A3"
	"rose\0A3"
	"ddp\0A3"
	"econet\0A3"
	"ash\0A3"
	"bluetooth\0A3";

static const char *iface_name;	/* -I=IFACE */

static unsigned parse_interval(const char *s)
{
	uint64_t v;
	const char *p = s;

	if (!scan_dec(&p, &v) || *p || v == 0 || v > 86400)
		return 0;
	return (unsigned)v;
}

static void set_mode(unsigned m)
{
	if (mode != m)
		mode_count++;
	mode = m;
}

/* A switch whose feature is configured out is an unknown option, as in
 * BusyBox; every term is constant zero when its feature is on. */
static int option_configured_out(int c)
{
	return (!ENABLE_FEATURE_NETSTAT_IPV6 && c == '6') ||
	       (!ENABLE_FEATURE_NETSTAT_PRG && (c == 'p' || c == 'b')) ||
	       (!ENABLE_FEATURE_NETSTAT_UNIX && c == 'x') ||
	       (!ENABLE_FEATURE_NETSTAT_ROUTE && (c == 'r' || c == 'C' || c == 'F')) ||
	       (!ENABLE_FEATURE_NETSTAT_IFACE && (c == 'i' || c == 'I')) ||
	       (!ENABLE_FEATURE_NETSTAT_STATS && c == 's') ||
	       (!ENABLE_FEATURE_NETSTAT_GROUPS && c == 'g') ||
	       (!ENABLE_FEATURE_NETSTAT_CONNTRACK && c == 'M') ||
	       (!ENABLE_FEATURE_NETSTAT_WIDE && c == 'W') ||
	       (!ENABLE_FEATURE_NETSTAT_JSON && c == 'j') ||
	       (!ENABLE_FEATURE_NETSTAT_SCTP && c == 'S');
}

static _Noreturn void invalid_option(int c)
{
	char s[2] = { (char)c, 0 };
	bad_option("invalid option -- '", s, "'");
}

/* Switches that only set a bit: option bits, then socket kinds. */
static const char opt_letters[] = "aln!@#NWjopvCF";
static const uint16_t opt_bits[] = {
	OPT_a, OPT_l, OPT_n_host | OPT_n_port | OPT_n_user, OPT_n_host,
	OPT_n_port, OPT_n_user, OPT_N, OPT_W, OPT_json | OPT_W, OPT_o,
	OPT_p, OPT_v, OPT_C, OPT_F,
};
static const char sock_letters[] = "tuUwS";
static const uint8_t sock_bits[] = {
	WANT_TCP, WANT_UDP, WANT_UDPLITE, WANT_RAW, WANT_SCTP,
};

/* Applies one option letter; arg is its argument when it takes one. */
static void apply_option(int c, const char *arg)
{
	const char *p;

	if (option_configured_out(c))
		invalid_option(c);
	if ((p = strchr(opt_letters, c))) {
		G.opts |= opt_bits[p - opt_letters];
		return;
	}
	if ((p = strchr(sock_letters, c))) {
		G.socks |= sock_bits[p - sock_letters];
		return;
	}
	switch (c) {
	case 'd': break;
	case 'e': G.extend++; break;
	case 'c':
		G.opts |= OPT_c;
		if (arg && !(G.interval = parse_interval(arg)))
			bad_option("invalid interval '", arg, "'");
		break;
	case 'x': add_families("unix"); break;
	case '4': add_families("inet"); break;
	case '6': add_families("inet6"); break;
	case 'A': add_families(arg); break;
	case 'r': set_mode(MODE_ROUTE); break;
	case 's': set_mode(MODE_STATS); break;
	case 'M': set_mode(MODE_MASQ); break;
	case 'i':
		set_mode(MODE_IFACE);
		if (arg)
			iface_name = arg;
		break;
	case 'I':
		set_mode(MODE_IFACE);
		iface_name = arg;
		break;
	case 'g': groups = 1; break;
	case 'V':
		out_str("netstat (routers) 1.0\n");
		out_flush();
		_exit(0);
	case 'h':
		usage_exit(0);
	case 'Z':
		out_flush();
		raw_err("SELinux is not enabled on this machine.\n");
		_exit(1);
	default:
		if (ENABLE_FEATURE_NETSTAT_CLASSIC) {
			if (c == 'b') { G.opts |= OPT_p; break; }
			if (c == 'f') { G.opts |= OPT_f; break; }
			if (c == 'q') { G.opts |= OPT_a; break; }
			if (c == 'E') { ethernet_summary = 1; break; }
		}
		invalid_option(c);
	}
}

static void parse_long(char *a, char **argv, int *i)
{
	char *eq = strchr(a, '=');
	size_t n = eq ? (size_t)(eq - a) : strlen(a);
	const char *o = 0, *k;
	unsigned matches = 0;
	int letter, arg;

	if (!ENABLE_FEATURE_NETSTAT_LONG_OPTIONS) {
		if (eq)
			*eq = 0;
		bad_option("unrecognized option '--", a, "'");
	}
	for (k = long_options; *k; k += strlen(k) + 3) {
		if (strncmp(k, a, n))
			continue;
		if (k[n] == 0) {
			o = k;
			matches = 1;
			break;
		}
		if (!o || o[strlen(o) + 1] != k[strlen(k) + 1])
			matches++;
		o = k;
	}
	letter = o ? o[strlen(o) + 1] : 0;
	if (!o || option_configured_out(letter)) {
		if (eq)
			*eq = 0;
		bad_option("unrecognized option '--", a, "'");
	}
	if (matches > 1) {
		if (eq)
			*eq = 0;
		bad_option("option '--", a, "' is ambiguous");
	}
	arg = o[strlen(o) + 2] - '0';
	if (arg == 3) {
		if (eq)
			bad_option("option '--", o, "' doesn't allow an argument");
		add_families(o);
		return;
	}
	if (eq && !arg)
		bad_option("option '--", o, "' doesn't allow an argument");
	if (!eq && arg == 1) {
		if (!argv[*i + 1])
			bad_option("option '--", o, "' requires an argument");
		eq = argv[++*i] - 1;
	}
	apply_option(letter, eq ? eq + 1 : 0);
}

static const char short_with_arg[] = "AI";

static void parse_short(char *a, char **argv, int *i)
{
	for (; *a; a++) {
		int c = (unsigned char)*a;
		if (strchr(short_with_arg, c)) {
			char *arg = a[1] ? a + 1 : argv[*i + 1];
			if (!arg) {
				char s[2] = { (char)c, 0 };
				bad_option("option requires an argument -- '", s, "'");
			}
			if (!a[1])
				++*i;
			if (c == 'I' && *arg == '=')
				arg++;
			apply_option(c, arg);
			return;
		}
		/* -c takes a number only when digits follow in the word. */
		if (c == 'c' && a[1] >= '0' && a[1] <= '9') {
			apply_option(c, a + 1);
			return;
		}
		apply_option(c, 0);
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

/* A word that is not an option: a protocol, an interval, or help. */
static int classic_word(const char *w)
{
	unsigned i, n;

	if (str_eq(w, "/?") || str_case_eq(w, "help"))
		usage_exit(0);
	if ((n = parse_interval(w))) {
		G.opts |= OPT_c;
		G.interval = n;
		return 1;
	}
	for (i = 0; i < sizeof(protocol_words) / sizeof(protocol_words[0]); i++) {
		if (!str_case_eq(w, protocol_words[i].word))
			continue;
		G.classic_files |= protocol_words[i].files;
		G.classic_stats |= protocol_words[i].stats;
		return 1;
	}
	return 0;
}

static void parse_args(char **argv)
{
	int i, options_done = 0;

	for (i = 1; argv[i]; i++) {
		char *a = argv[i];
		if (!options_done && a[0] == '-' && a[1]) {
			if (a[1] == '-') {
				if (!a[2])
					options_done = 1;
				else
					parse_long(a + 2, argv, &i);
			} else {
				parse_short(a + 1, argv, &i);
			}
		} else if (ENABLE_FEATURE_NETSTAT_CLASSIC) {
			/* net-tools ignores stray words; so do we, but for
			 * the classic ones. */
			(void)classic_word(a);
		}
	}
}

/* -c: SIGINT and SIGTERM stay blocked while a round prints and are taken
 * by the wait between rounds, so Ctrl-C ends the listing after a whole
 * round, with no handler (sigaction and nanosleep cost 2 KB on mips).
 * The kernel's sigset: _NSIG - 1 bits, signal n is bit n - 1. */
static const unsigned long stop_signals[_NSIG / 8 / sizeof(long)] = {
	1ul << (SIGINT - 1) | 1ul << (SIGTERM - 1)
};

/* Sleeps G.interval seconds between rounds; 0 when Ctrl-C ended it.
 * NETSTAT_ROUND_MS (ignored when set-id) shortens the wait for tests. */
static int next_round(void)
{
	struct { long sec, nsec; } ts;	/* rt_sigtimedwait's own timespec */
	const char *ms = G.secure ? 0 : getenv("NETSTAT_ROUND_MS");
	uint64_t v;
	long got;

	out_flush();
	ts.sec = G.interval ? G.interval : 1;
	ts.nsec = 0;
	if (ms && scan_dec(&ms, &v) && v < 1000) {
		ts.sec = 0;
		ts.nsec = (long)v * 1000000;
	}
	do
		got = syscall(SYS_rt_sigtimedwait, stop_signals, 0, &ts,
			      sizeof(stop_signals));
	while (got < 0 && errno == EINTR);
	if (got < 0)
		return errno == EAGAIN;	/* the wait ran out: next round */
	/* Take the other one too if both came (timeout(1) signals the
	 * process group as well): none is left pending at exit. */
	ts.sec = ts.nsec = 0;
	while (syscall(SYS_rt_sigtimedwait, stop_signals, 0, &ts,
		       sizeof(stop_signals)) > 0)
		;
	return 0;
}

/* The families net-tools also lists with -v; we have none of them. */
static const char other_families[] = "IPX\0AX25\0X25\0NETROM\0ROSE\0";

static void say_no_support(const char *family)
{
	raw_err("netstat: no support for `AF ");
	raw_err(family);
	raw_err("' on this system.\n");
	if (G.socks)
		G.exit_status = 1;
}

static int show_sockets(void)
{
	const char *p;
	unsigned fam = G.families;
	int inet_asked = (fam & (FAMILY_INET | FAMILY_INET6)) != 0;

	/* As net-tools: -4/-6 alone mean every Internet protocol, a
	 * protocol alone means both families, nothing means everything. */
	if ((inet_asked || G.classic_files) && !(G.socks & WANT_INET)) {
		G.socks |= WANT_INET;
		G.no_protocol_given = !G.classic_files;
	}
	if ((!G.socks || (G.socks & WANT_INET) || groups) && !inet_asked)
		G.families |= FAMILY_INET | FAMILY_INET6;
	if (fam & FAMILY_UNIX)
		G.socks |= WANT_UNIX;
	if (groups)
		G.socks |= WANT_GROUPS;
	if (missing_family)
		G.socks |= WANT_OTHER;
	for (;;) {
		if (json_mode())
			json_begin();
		/* net-tools reads the processes before either table. */
		if (!G.socks || (G.socks & WANT_INET)) {
			if (ENABLE_FEATURE_NETSTAT_PRG && opt_has(OPT_p))
				prog_map_load();
			show_inet();
		}
		if (ENABLE_FEATURE_NETSTAT_GROUPS && groups)
			show_groups();
		if (ENABLE_FEATURE_NETSTAT_UNIX &&
		    (!G.socks || (G.socks & WANT_UNIX))) {
			if (ENABLE_FEATURE_NETSTAT_PRG && opt_has(OPT_p))
				prog_map_load();
			/* a missing unix table ends the listing, as in net-tools */
			if (show_unix()) {
				if (json_mode())
					json_end();
				break;
			}
		}
		if (missing_family)
			say_no_support(missing_family);
		else if (opt_has(OPT_v) && !G.socks)
			for (p = other_families; *p; p += strlen(p) + 1)
				say_no_support(p);
		if (json_mode())
			json_end();
		if (!opt_has(OPT_c) || !next_round())
			break;
		if (ENABLE_FEATURE_NETSTAT_PRG)
			prog_map_clear();
	}
	return G.exit_status;
}

static int repeat(int (*show)(void))
{
	for (;;) {
		int rc;
		if (json_mode())
			json_begin();
		rc = show();
		if (json_mode())
			json_end();
		if (rc || !opt_has(OPT_c) || !next_round())
			return rc;
	}
}

int netstat_main(int argc, char **argv)
{
	const char *root = getenv("PROC_ROOT");
	int rc;

	(void)argc;
	/* Environment input is not trusted when running set-id. */
	G.secure = getauxval(AT_SECURE) != 0;
	if (!root || !*root || G.secure)
		root = "/proc";
	G.proc_root = root;
	parse_args(argv);
	if (mode_count > 1)
		usage_exit(3);
	if (opt_has(OPT_c))
		syscall(SYS_rt_sigprocmask, SIG_BLOCK, stop_signals, 0,
			sizeof(stop_signals));
	switch (mode) {
	case MODE_ROUTE:
		rc = ENABLE_FEATURE_NETSTAT_ROUTE ? repeat(show_routes) : 1;
		break;
	case MODE_IFACE:
		G.iface_name = iface_name;
		rc = ENABLE_FEATURE_NETSTAT_IFACE ? repeat(show_interfaces) : 1;
		break;
	case MODE_STATS:
		rc = ENABLE_FEATURE_NETSTAT_STATS ? repeat(show_statistics) : 1;
		break;
	case MODE_MASQ:
		rc = ENABLE_FEATURE_NETSTAT_CONNTRACK ? repeat(show_conntrack) : 1;
		break;
	default:
		if (ENABLE_FEATURE_NETSTAT_CLASSIC && ethernet_summary)
			rc = repeat(show_ethernet_summary);
		else
			rc = show_sockets();
	}
	out_flush();
	return rc ? rc : G.exit_status;
}

/* BusyBox calls netstat_main; so does the fuzz driver */
#if !defined(NETSTAT_IN_BUSYBOX) && !NETSTAT_FUZZING
int main(int argc, char **argv)
{
	return netstat_main(argc, argv);
}
#endif
