/* Multicast group memberships (-g): /proc/net/igmp and /proc/net/igmp6. */
#include <string.h>

#include "netstat.h"

static struct line_reader group_reader;

static void print_group(const char *device, uint64_t users, const uint8_t *addr,
			int family)
{
	char name[NAME_HOST_MAX];

	host_name(name, sizeof(name), addr, family, opt_has(OPT_n_host) != 0);
	out_left(device, 15);
	out_char(' ');
	out_int((int32_t)(uint32_t)users, -6);
	out_char(' ');
	out_str(name);
	out_char('\n');
}

/* igmp has a line per device ("1\tlo        :     1      V3") followed by
 * a tab-indented line per group. */
static const char *parse_igmp_line(const char *p, char *device, int *have_device,
				   uint8_t *addr, uint64_t *users)
{
	uint64_t v;
	const char *start;

	if (*p != '\t') {
		unsigned n = 0;
		if (!scan_dec(&p, &v) || *p++ != '\t')
			return "bad device line";
		while (n < 16 && p[n] && p[n] != ':' && !is_space((unsigned char)p[n]))
			n++;
		memcpy(device, p, n);
		device[n] = 0;
		*have_device = 1;
		return "";
	}
	skip_spaces(&p);
	start = p;
	if (!scan_hex(&p, &v, 8) || p - start != 8)
		return "bad group address";
	{
		uint32_t w = (uint32_t)v;
		memcpy(addr, &w, 4);
	}
	skip_spaces(&p);
	if (!scan_dec(&p, users))
		return "bad user count";
	if (!*have_device)
		return "group before any device";
	return 0;
}

/* igmp6: "1    lo              ff020000000000000000000000000001     1 ..." */
static const char *parse_igmp6_line(const char *p, char *device, uint8_t *addr,
				    uint64_t *users)
{
	uint64_t v;
	unsigned i, n = 0;

	skip_spaces(&p);
	if (!scan_dec(&p, &v))
		return "bad index";
	skip_spaces(&p);
	while (*p && !is_space((unsigned char)*p)) {
		if (n < 16)
			device[n++] = *p;
		p++;
	}
	device[n] = 0;
	skip_spaces(&p);
	for (i = 0; i < 16; i++) {
		const char *start = p;
		if (!scan_hex(&p, &v, 2) || p - start != 2)
			return "bad group address";
		addr[i] = (uint8_t)v;
	}
	skip_spaces(&p);
	if (!n || !scan_dec(&p, users))
		return "bad user count";
	return 0;
}

static void show_group_file(int v6)
{
	char path[PATH_BUF], *line, device[17];
	size_t len;
	enum line_result res;
	uint8_t addr[16];
	uint64_t users;
	const char *bad;
	int have_device = 0;

	if (reader_open_proc(&group_reader, v6 ? "net/igmp6" : "net/igmp", path) < 0) {
		/* A kernel without IPv6 has no igmp6: that is silence. */
		if (!v6 && !G.no_protocol_given) {
			raw_err("netstat: no support for `AF INET (igmp)' on this system.\n");
			G.exit_status = 1;
		}
		return;
	}
	while ((res = read_line(&group_reader, &line, &len)) != LINE_EOF) {
		if (res != LINE_OK || (!v6 && group_reader.line_no == 1))
			continue;
		if (strlen(line) != len) {
			msg_line(path, group_reader.line_no, "NUL byte in line");
			continue;
		}
		if (!*line)
			continue;
		bad = v6 ? parse_igmp6_line(line, device, addr, &users) :
			   parse_igmp_line(line, device, &have_device, addr, &users);
		if (bad && *bad) {
			msg_line(path, group_reader.line_no, bad);
			G.exit_status = 1;
		} else if (!bad) {
			print_group(device, users, addr, v6 ? 6 : 4);
		}
	}
	reader_close(&group_reader);
}

int show_groups(void)
{
	out_str("IPv6/IPv4 Group Memberships\n"
		"Interface       RefCnt Group\n"
		"--------------- ------ ---------------------\n");
	if (G.families & FAMILY_INET)
		show_group_file(0);
	if (ENABLE_FEATURE_NETSTAT_IPV6 && (G.families & FAMILY_INET6))
		show_group_file(1);
	return G.exit_status;
}

//kbuild:lib-$(CONFIG_NETSTAT) += groups.o
