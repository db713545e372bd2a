/* Size probe for tests/bench/resolve-size.sh: one address and one port
 * named three ways, chosen by -DPROBE: 0 numeric only (the baseline),
 * 1 musl's getnameinfo and getservbyport, 2 our names.c and resolv.c. */
#include <string.h>
#include <unistd.h>

#include "netstat.h"

#if PROBE == 1
#include <arpa/inet.h>
#include <netdb.h>
#include <sys/socket.h>
#endif

struct netstat_globals G = { .proc_root = "/proc" };

int main(int argc, char **argv)
{
	uint8_t a[16] = { 10, 0, 0, 1 };
	char host[NAME_HOST_MAX], serv[64];
	unsigned port = (unsigned)argc * 22;

	(void)argv;
#if PROBE == 0
	host[fmt_ip4(host, a)] = 0;
	serv[fmt_u64(serv, port)] = 0;
#elif PROBE == 1
	{
		struct sockaddr_in sin = { .sin_family = AF_INET };
		struct servent *se;

		memcpy(&sin.sin_addr, a, 4);
		if (getnameinfo((struct sockaddr *)&sin, sizeof(sin), host,
				sizeof(host), 0, 0, 0))
			host[fmt_ip4(host, a)] = 0;
		se = getservbyport(htons((uint16_t)port), "tcp");
		if (se)
			memcpy(serv, se->s_name, strlen(se->s_name) + 1);
		else
			serv[fmt_u64(serv, port)] = 0;
	}
#else
	host_name(host, sizeof(host), a, 4, 0);
	service_name(serv, sizeof(serv), port, "tcp", 0);
#endif
	out_str(host);
	out_char(':');
	out_str(serv);
	out_char('\n');
	out_flush();
	return 0;
}
