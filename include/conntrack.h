/* The conntrack table's rows, as conntrack.c prints them: filled from a
 * /proc/net/nf_conntrack line (conntrack.c) or a ctnetlink message
 * (ctnetlink.c, when the kernel has no such file). */
#ifndef NETSTAT_CONNTRACK_H
#define NETSTAT_CONNTRACK_H

#include "netstat.h"

struct ct_end {
	uint8_t addr[16];
	unsigned port;		/* or the ICMP id */
};

struct ct_tuple {
	struct ct_end src, dst;
	uint64_t packets, bytes;
	int counted;		/* packets= and bytes= were there */
};

struct conntrack {
	int v6;
	char proto[12];
	char state[16];
	int64_t expires;	/* -1: none (offloaded) */
	unsigned flags;		/* CT_* */
	struct ct_tuple dir[2];	/* original, reply */
};

enum { CT_UNREPLIED = 1, CT_ASSURED = 2, CT_PORTS = 4 };

/* A row of -M (conntrack.c). */
void print_conntrack(const struct conntrack *c);

/* The table of the families asked for (-4, -6): begin() once it is
 * open, row() for each connection. 1 when it was walked, 0 when the
 * kernel refused the ctnetlink dump, -1 when there is no table: both
 * said on stderr. */
int conntrack_walk(void (*begin)(void), void (*row)(const struct conntrack *c));

/* The table over ctnetlink (ctnetlink.c): begin() when the kernel
 * answers, then row() for each connection of the families (FAMILY_*)
 * wanted. 1 when the dump ran, 0 when the kernel refused it (no rows, an
 * error said), -1 when the kernel has no ctnetlink either. */
int ctnetlink_dump(unsigned families, void (*begin)(void),
		   void (*row)(const struct conntrack *c));

#endif
