/* Multicast group memberships (-g): /proc/net/igmp and /proc/net/igmp6. */
#include <string.h>

#include "netstat.h"

static void print_group(const char *device, uint64_t users, const uint8_t *addr,
			int family)
{
	char name[NAME_HOST_MAX], text[IP6_FMT];
	int found = 0;

	text[family == 6 ? fmt_ip6(text, addr) : fmt_ip4(text, addr)] = 0;
	if (!opt_has(OPT_n_host))
		found = host_lookup(name, sizeof(name), addr, family);
	row_begin();
	out_fmt("%{iface}-15s %{refcnt}-6d %s\n%{group}=s", device,
		(int)(uint32_t)users, found > 0 ? name : text, text);
	if (!opt_has(OPT_n_host))
		json_name("group_name", found, name);
	row_end(0);
}

/* igmp has a line per device ("1\tlo        :     1      V3") followed
 * by a tab-indented line per group; ctx keeps the device name. */
static const char *igmp_row(const char *p, size_t len, void *ctx)
{
	char *device = ctx, word[17];
	uint32_t addr;
	uint64_t users, reporter;

	(void)len;
	if (*p != '\t') {
		p = scan_fields(p, "uw*", &users, device);
		device[strcspn(device, ":")] = 0;
		return p;
	}
	p = scan_fields(p, "Auwu", &addr, &users, word, &reporter);
	if (!p && !*device)
		p = "group before any device";
	if (!p)
		print_group(device, users, (const uint8_t *)&addr, 4);
	return p;
}

/* igmp6: "1    lo              ff020000000000000000000000000001     1 ..." */
static const char *igmp6_row(const char *p, size_t len, void *ctx)
{
	char device[17];
	uint8_t addr[16];
	uint64_t index, users;
	uint32_t flags;
	int32_t delay;

	(void)len, (void)ctx;
	p = scan_fields(p, "uwBuAd", &index, device, addr, &users, &flags, &delay);
	if (!p)
		print_group(device, users, addr, 6);
	return p;
}

int show_groups(void)
{
	char device[17] = "";

	if (!json_mode())
		out_str("IPv6/IPv4 Group Memberships\n"
			"Interface       RefCnt Group\n"
			"--------------- ------ ---------------------\n");
	table_begin("groups");
	/* A kernel without IPv6 has no igmp6: that is silence. */
	if ((G.families & FAMILY_INET) &&
	    proc_table("net/igmp", 1, igmp_row, device) < 0 &&
	    !G.no_protocol_given) {
		no_support("AF INET", "igmp");
		G.exit_status = 1;
	}
	if (ENABLE_FEATURE_NETSTAT_IPV6 && (G.families & FAMILY_INET6))
		proc_table("net/igmp6", 0, igmp6_row, 0);
	table_end();
	return G.exit_status;
}

//kbuild:lib-$(CONFIG_NETSTAT) += groups.o
