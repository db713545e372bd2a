/* Classic (Windows) netstat -e: interface totals, received and sent. */
#include "netstat.h"

//kbuild:lib-$(CONFIG_NETSTAT) += ethernet.o

/* /proc/net/dev columns, as dev_totals() returns them. */
enum { RX_BYTES, RX_PACKETS, RX_ERRS, RX_DROP, RX_MULTICAST = 7,
       TX_BYTES, TX_PACKETS, TX_ERRS, TX_DROP };

static void print_row(const char *label, uint64_t received, const uint64_t *sent)
{
	out_left(label, 20);
	out_char(' ');
	out_u64_right(received, 15);
	if (sent) {
		out_char(' ');
		out_u64_right(*sent, 15);
	}
	out_char('\n');
}

int show_ethernet_summary(void)
{
	uint64_t sum[16], v;

	if (!dev_totals(sum)) {
		msg(G.proc_root, "/net/dev: cannot be read", (char *)0);
		return 1;
	}
	if (json_mode()) {
		/* the sums of /proc/net/dev over every interface but lo */
		v = snmp_value("Ip", "InUnknownProtos");
		json_top_object("ethernet");
		out_fmt("%{rx_bytes}=u%{tx_bytes}=u%{rx_packets}=u%{tx_packets}=u"
			"%{rx_multicast}=u%{rx_dropped}=u%{tx_dropped}=u"
			"%{rx_errors}=u%{tx_errors}=u%{unknown_protocols}=u",
			&sum[RX_BYTES], &sum[TX_BYTES], &sum[RX_PACKETS],
			&sum[TX_PACKETS], &sum[RX_MULTICAST], &sum[RX_DROP],
			&sum[TX_DROP], &sum[RX_ERRS], &sum[TX_ERRS], &v);
		json_top_end();
		return 0;
	}
	out_str("Interface Statistics\n\n"
		"                            Received            Sent\n\n");
	print_row("Bytes", sum[RX_BYTES], &sum[TX_BYTES]);
	/* /proc/net/dev counts multicast only on receive */
	v = sum[TX_PACKETS];
	print_row("Unicast packets", sum[RX_PACKETS] - sum[RX_MULTICAST], &v);
	v = 0;
	print_row("Non-unicast packets", sum[RX_MULTICAST], &v);
	print_row("Discards", sum[RX_DROP], &sum[TX_DROP]);
	print_row("Errors", sum[RX_ERRS], &sum[TX_ERRS]);
	print_row("Unknown protocols", snmp_value("Ip", "InUnknownProtos"), 0);
	return 0;
}
