/* The interface ioctls net-tools uses for -i (see include/ifreq.h). */
#include <errno.h>
#include <net/if.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "ifreq.h"
#include "netstat.h"

static int ioctl_fd = -1;

int ifreq_open(void)
{
	if (ioctl_fd < 0)
		ioctl_fd = (int)sys_call(SYS_socket, AF_INET,
					SOCK_DGRAM | SOCK_CLOEXEC, 0, 0);
	return ioctl_fd;
}

static int get(unsigned long request, const char *name, struct ifreq *ifr)
{
	memset(ifr, 0, sizeof(*ifr));
	memcpy(ifr->ifr_name, name, strlen(name));
	ifr->ifr_addr.sa_family = AF_INET;
	/* The raw system call: these requests need none of the C library's
	 * 64-bit time conversions, which cost a kilobyte on 32-bit MIPS. */
	return (int)sys_call(SYS_ioctl, ioctl_fd, request, ifr, 0);
}

static void get_ip4(unsigned long request, const char *name, uint8_t *out)
{
	struct ifreq ifr;

	if (get(request, name, &ifr) == 0)
		memcpy(out, &((struct sockaddr_in *)(void *)&ifr.ifr_addr)->sin_addr, 4);
}

int ifreq_state(const char *name, struct iface_state *s)
{
	struct ifreq ifr;

	memset(s, 0, sizeof(*s));
	if (get(SIOCGIFFLAGS, name, &ifr) < 0)
		return -1;
	s->flags = (int16_t)ifr.ifr_flags;
	if (get(SIOCGIFHWADDR, name, &ifr) == 0)
		memcpy(s->hwaddr, ifr.ifr_hwaddr.sa_data, 8);
	s->type = ifr.ifr_hwaddr.sa_family;
	if (get(SIOCGIFMTU, name, &ifr) == 0)
		s->mtu = ifr.ifr_mtu;
	s->txqlen = get(SIOCGIFTXQLEN, name, &ifr) == 0 ? ifr.ifr_qlen : -1;
	if (get(SIOCGIFADDR, name, &ifr) == 0) {
		s->has_ip = 1;
		memcpy(s->addr, &((struct sockaddr_in *)(void *)&ifr.ifr_addr)->sin_addr, 4);
		get_ip4(SIOCGIFDSTADDR, name, s->dstaddr);
		get_ip4(SIOCGIFBRDADDR, name, s->broadaddr);
		get_ip4(SIOCGIFNETMASK, name, s->netmask);
	}
	return 0;
}

void ifreq_names(void (*add)(const char *name))
{
	struct ifreq reqs[64];
	struct ifconf ifc;
	unsigned i;

	ifc.ifc_len = sizeof(reqs);
	ifc.ifc_req = reqs;
	if (sys_call(SYS_ioctl, ioctl_fd, SIOCGIFCONF, &ifc, 0) < 0)
		return;
	for (i = 0; i < ifc.ifc_len / sizeof(reqs[0]); i++) {
		char name[IFNAMSIZ];
		memcpy(name, reqs[i].ifr_name, IFNAMSIZ - 1);
		name[IFNAMSIZ - 1] = 0;
		add(name);
	}
}

//kbuild:lib-$(CONFIG_NETSTAT) += ifreq.o
