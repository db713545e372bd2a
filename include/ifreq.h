/* The interface ioctls of iface.c, in a file of their own so that the
 * socket and <net/if.h> declarations stay out of the table code. */
#ifndef NETSTAT_IFREQ_H
#define NETSTAT_IFREQ_H

#include <stdint.h>

#include "netstat_config.h"

/* What the ioctls tell about one interface. */
struct iface_state {
	int flags, mtu, txqlen, type;	/* txqlen -1: unknown */
	uint8_t hwaddr[8];
	int has_ip;
	uint8_t addr[4], dstaddr[4], broadaddr[4], netmask[4];
};

/* Opens the socket for the queries; -1 with errno set. */
int ifreq_open(void);
/* Flags, hardware address and type, MTU, queue length and the IPv4
 * addresses of the named interface; -1 with errno set when the flags
 * cannot be read (no such interface). */
int ifreq_state(const char *name, struct iface_state *s);
/* Calls add for each name SIOCGIFCONF lists (interfaces with IPv4
 * addresses, aliases included). */
void ifreq_names(void (*add)(const char *name));

#endif
