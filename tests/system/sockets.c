/* The sockets of the `make system` scenario, opened in a guest kernel:
 * TCP listening, established and TIME_WAIT over IPv4 and IPv6, UDP bound
 * and connected, UDP-Lite, raw, unix stream/dgram/seqpacket (a path with
 * a space, an abstract name), SCTP endpoints and an association, and
 * IPv4/IPv6 multicast joins on an interface. It prints one line per thing
 * it could not open (a kernel without SCTP, say), then "sockets: ready",
 * and waits to be killed.
 *
 *   sockets IFNAME IPV4-ADDR IPV6-ADDR
 *   sockets serve tcp|udp ADDR PORT      a listener that answers (NAT flows)
 *   sockets flow tcp|udp ADDR PORT       a client that sends and holds on
 *   sockets as UID CMD ARGS...           CMD as user and group UID, no
 *                                        other groups (BusyBox's setpriv
 *                                        has no --reuid)
 *
 * Static musl, built per target by tests/system/run.sh; test-only code. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <netinet/icmp6.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <stddef.h>
#include <string.h>
#include <sys/socket.h>
#include <grp.h>
#include <sys/un.h>
#include <unistd.h>

/* <linux/icmp.h>, which the musl toolchains do not have */
#define ICMP_FILTER 1
struct icmp_filter {
	unsigned data;
};

#ifndef IPPROTO_UDPLITE
#define IPPROTO_UDPLITE 136
#endif
#ifndef IPPROTO_SCTP
#define IPPROTO_SCTP 132
#endif

static int failures;

static void fail(const char *what)
{
	printf("sockets: %s: %s\n", what, strerror(errno));
	failures++;
}

static socklen_t addr_of(int family, const char *ip, int port, struct sockaddr_storage *ss)
{
	memset(ss, 0, sizeof(*ss));
	if (!ip)
		ip = family == AF_INET ? "0.0.0.0" : "::";
	if (family == AF_INET) {
		struct sockaddr_in *sin = (struct sockaddr_in *)ss;
		sin->sin_family = AF_INET;
		sin->sin_port = htons(port);
		inet_pton(AF_INET, ip, &sin->sin_addr);
		return sizeof(*sin);
	} else {
		struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)ss;
		sin6->sin6_family = AF_INET6;
		sin6->sin6_port = htons(port);
		inet_pton(AF_INET6, ip, &sin6->sin6_addr);
		return sizeof(*sin6);
	}
}

static int open_bound(int family, int type, int proto, const char *ip, int port, const char *what)
{
	struct sockaddr_storage ss;
	socklen_t len = addr_of(family, ip, port, &ss);
	int one = 1, fd = socket(family, type, proto);

	if (fd < 0) {
		fail(what);
		return -1;
	}
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (family == AF_INET6)
		setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof(one));
	if (port >= 0 && bind(fd, (struct sockaddr *)&ss, len) < 0) {
		fail(what);
		close(fd);
		return -1;
	}
	return fd;
}

static int connect_to(int fd, int family, const char *ip, int port, const char *what)
{
	struct sockaddr_storage ss;
	socklen_t len = addr_of(family, ip, port, &ss);

	if (connect(fd, (struct sockaddr *)&ss, len) < 0) {
		fail(what);
		return -1;
	}
	return 0;
}

/* listening, one established pair, and one connection closed by the
 * client first, which leaves the client's end in TIME_WAIT */
static void stream_set(int family, int proto, const char *ip, int port, const char *what)
{
	int lfd = open_bound(family, SOCK_STREAM, proto, ip, port, what);
	int c1, c2, a;

	if (lfd < 0 || listen(lfd, 8) < 0)
		return;
	c1 = open_bound(family, SOCK_STREAM, proto, ip, -1, what);
	if (c1 < 0 || connect_to(c1, family, ip, port, what) < 0)
		return;
	if (accept(lfd, NULL, NULL) < 0)
		fail(what);
	if (proto == IPPROTO_SCTP)
		return;
	c2 = open_bound(family, SOCK_STREAM, proto, ip, -1, what);
	if (c2 < 0 || connect_to(c2, family, ip, port, what) < 0)
		return;
	a = accept(lfd, NULL, NULL);
	close(c2);
	if (a >= 0) {
		usleep(100000);
		close(a);
	}
}

static void dgram_set(int family, int proto, const char *ip, int port, const char *what)
{
	int fd = open_bound(family, SOCK_DGRAM, proto, ip, port, what);
	int c = open_bound(family, SOCK_DGRAM, proto, ip, -1, what);

	if (fd >= 0 && c >= 0)
		connect_to(c, family, ip, port, what);
}

static void unix_socket(int type, const char *path, int abstract, int do_listen)
{
	struct sockaddr_un sun;
	socklen_t len;
	int fd = socket(AF_UNIX, type, 0);

	if (fd < 0) {
		fail(path);
		return;
	}
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if (abstract) {
		memcpy(sun.sun_path + 1, path, strlen(path));
		len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + strlen(path));
	} else {
		unlink(path);
		strcpy(sun.sun_path, path);
		len = sizeof(sun);
	}
	if (bind(fd, (struct sockaddr *)&sun, len) < 0) {
		fail(path);
		return;
	}
	if (do_listen && listen(fd, 4) < 0) {
		fail(path);
		return;
	}
	if (do_listen && !abstract) {
		int c = socket(AF_UNIX, type, 0);
		if (c < 0 || connect(c, (struct sockaddr *)&sun, len) < 0)
			fail(path);
		else if (accept(fd, NULL, NULL) < 0)
			fail(path);
	}
}

/* ICMP and ICMPv6 raw sockets that take in nothing: the lookups of the
 * views send ICMP errors about, and a growing Recv-Q would make two runs
 * differ */
static void raw_sockets(void)
{
	struct icmp_filter f4 = { ~0u };
	struct icmp6_filter f6;
	int fd = open_bound(AF_INET, SOCK_RAW, IPPROTO_ICMP, "0.0.0.0", -1, "raw icmp");

	if (fd >= 0 && setsockopt(fd, SOL_RAW, ICMP_FILTER, &f4, sizeof(f4)) < 0)
		fail("ICMP_FILTER");
	fd = open_bound(AF_INET6, SOCK_RAW, IPPROTO_ICMPV6, "::", -1, "raw6 icmpv6");
	ICMP6_FILTER_SETBLOCKALL(&f6);
	if (fd >= 0 && setsockopt(fd, IPPROTO_ICMPV6, ICMP6_FILTER, &f6, sizeof(f6)) < 0)
		fail("ICMP6_FILTER");
}

static void join_groups(const char *ifname)
{
	unsigned idx = if_nametoindex(ifname);
	struct ip_mreqn mr;
	struct ipv6_mreq m6;
	int fd4 = socket(AF_INET, SOCK_DGRAM, 0);
	int fd6 = socket(AF_INET6, SOCK_DGRAM, 0);

	memset(&mr, 0, sizeof(mr));
	inet_pton(AF_INET, "239.1.2.3", &mr.imr_multiaddr);
	mr.imr_ifindex = (int)idx;
	if (fd4 < 0 || setsockopt(fd4, IPPROTO_IP, IP_ADD_MEMBERSHIP, &mr, sizeof(mr)) < 0)
		fail("IP_ADD_MEMBERSHIP");
	memset(&m6, 0, sizeof(m6));
	inet_pton(AF_INET6, "ff15::1234", &m6.ipv6mr_multiaddr);
	m6.ipv6mr_interface = idx;
	if (fd6 < 0 || setsockopt(fd6, IPPROTO_IPV6, IPV6_JOIN_GROUP, &m6, sizeof(m6)) < 0)
		fail("IPV6_JOIN_GROUP");
}

/* The NAT scenario's ends, in the LAN and WAN namespaces: TCP accepts
 * and keeps its connections; UDP answers each datagram (so the flow is
 * replied). The client sends one message (UDP: the flow stays unreplied
 * when nothing answers) and holds on. */
static int nat_end(int serve, const char *proto, const char *ip, int port)
{
	int family = strchr(ip, ':') ? AF_INET6 : AF_INET;
	int udp = !strcmp(proto, "udp"), fd, c;
	char buf[64];
	struct sockaddr_storage from;
	socklen_t len;
	ssize_t n;

	fd = open_bound(family, udp ? SOCK_DGRAM : SOCK_STREAM, 0, serve ? ip : NULL, serve ? port : -1, proto);
	if (fd < 0)
		return 1;
	if (!serve) {
		if (connect_to(fd, family, ip, port, proto) < 0)
			return 1;
		if (write(fd, "netstat\n", 8) != 8)
			fail("write");
		printf("sockets: flow ready\n");
		for (;;)
			pause();
	}
	if (!udp && listen(fd, 8) < 0) {
		fail("listen");
		return 1;
	}
	printf("sockets: serving\n");
	for (;;) {
		if (udp) {
			len = sizeof(from);
			n = recvfrom(fd, buf, sizeof(buf), 0, (struct sockaddr *)&from, &len);
			if (n > 0)
				sendto(fd, buf, (size_t)n, 0, (struct sockaddr *)&from, len);
		} else if ((c = accept(fd, NULL, NULL)) < 0) {
			fail("accept");
			return 1;
		}
	}
}

int main(int argc, char **argv)
{
	int sctp_ok;

	/* a whole line a write: helpers share one O_APPEND log, and an
	 * unbuffered printf may write a line in pieces that interleave */
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc > 3 && !strcmp(argv[1], "as")) {
		unsigned id = (unsigned)atoi(argv[2]);
		if (setgroups(0, NULL) < 0 || setgid(id) < 0 || setuid(id) < 0) {
			perror("sockets as");
			return 126;
		}
		execvp(argv[3], argv + 3);
		perror(argv[3]);
		return 127;
	}
	if (argc == 5 && (!strcmp(argv[1], "serve") || !strcmp(argv[1], "flow")))
		return nat_end(argv[1][0] == 's', argv[2], argv[3], atoi(argv[4]));
	if (argc != 4) {
		fputs("usage: sockets IFNAME IPV4-ADDR IPV6-ADDR\n", stderr);
		return 2;
	}
	stream_set(AF_INET, 0, "127.0.0.1", 7001, "tcp 127.0.0.1");
	stream_set(AF_INET, 0, argv[2], 7002, "tcp veth");
	stream_set(AF_INET6, 0, "::1", 7001, "tcp6 ::1");
	stream_set(AF_INET6, 0, argv[3], 7002, "tcp6 veth");
	{
		int fd = open_bound(AF_INET, SOCK_STREAM, 0, "0.0.0.0", 7080, "tcp any listen");
		if (fd >= 0)
			listen(fd, 4);
		fd = open_bound(AF_INET6, SOCK_STREAM, 0, "::", 7080, "tcp6 any listen");
		if (fd >= 0)
			listen(fd, 4);
	}
	dgram_set(AF_INET, 0, "127.0.0.1", 5301, "udp");
	dgram_set(AF_INET6, 0, "::1", 5301, "udp6");
	open_bound(AF_INET, SOCK_DGRAM, 0, "0.0.0.0", 5302, "udp any");
	dgram_set(AF_INET, IPPROTO_UDPLITE, "127.0.0.1", 5303, "udplite");
	dgram_set(AF_INET6, IPPROTO_UDPLITE, "::1", 5303, "udplite6");
	raw_sockets();
	unix_socket(SOCK_STREAM, "/tmp/netstat test.sock", 0, 1);
	unix_socket(SOCK_DGRAM, "/tmp/dgram.sock", 0, 0);
	unix_socket(SOCK_SEQPACKET, "/tmp/seqpacket.sock", 0, 1);
	unix_socket(SOCK_STREAM, "netstat-abstract", 1, 1);
	join_groups(argv[1]);

	sctp_ok = socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP);
	if (sctp_ok >= 0) {
		close(sctp_ok);
		stream_set(AF_INET, IPPROTO_SCTP, "127.0.0.1", 7010, "sctp");
		stream_set(AF_INET6, IPPROTO_SCTP, "::1", 7011, "sctp6");
		{
			int fd = open_bound(AF_INET, SOCK_SEQPACKET, IPPROTO_SCTP, "0.0.0.0", 7012, "sctp seqpacket");
			if (fd >= 0)
				listen(fd, 4);
		}
	} else {
		fail("sctp");
	}
	printf("sockets: ready (%d not opened)\n", failures);
	for (;;)
		pause();
}
