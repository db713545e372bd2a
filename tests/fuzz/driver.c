/* libFuzzer driver: one binary per target (-DFUZZ_TARGET_<name>). The
 * first input byte picks switches (-a -l -n -W -e -o -p and the family);
 * the rest is the content of the file the target's parser reads, served
 * from memory by the fuzz build of the line reader. Everything the table
 * prints goes to /dev/null; sanitizer reports stay on stderr. */
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "netstat.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void pick_switches(uint8_t b)
{
	static const unsigned bits[] = { OPT_a, OPT_l, OPT_n_host | OPT_n_port,
					 OPT_W, OPT_o, OPT_p, OPT_f };
	unsigned i;

	memset(&G, 0, sizeof(G));
	G.proc_root = "/fuzz";
	for (i = 0; i < sizeof(bits) / sizeof(bits[0]); i++)
		if (b & (1u << i))
			G.opts |= bits[i];
	G.extend = b >> 7;
	G.families = (b & 0x80) ? FAMILY_INET6 : FAMILY_INET | FAMILY_INET6;
	G.opts |= OPT_n_user;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	int fd = open("/dev/null", O_WRONLY);

	(void)argc;
	(void)argv;
	dup2(fd, 1);
	close(fd);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!size)
		return 0;
	pick_switches(data[0]);
	memset(fuzz_files, 0, sizeof(fuzz_files));
	fuzz_files[0].data = data + 1;
	fuzz_files[0].size = size - 1;
#if defined(FUZZ_TARGET_inet)
	fuzz_files[0].suffix = "/net/tcp";
	G.socks = SOCK_TCP;
	show_inet();
#elif defined(FUZZ_TARGET_inet6)
	fuzz_files[0].suffix = "/net/udp6";
	G.socks = SOCK_UDP;
	show_inet();
#elif defined(FUZZ_TARGET_raw)
	fuzz_files[0].suffix = "/net/raw";
	G.socks = SOCK_RAW;
	show_inet();
#elif defined(FUZZ_TARGET_sctp)
	fuzz_files[0].suffix = "/net/sctp/eps";
	fuzz_files[1].suffix = "/net/sctp/assocs";
	fuzz_files[1].data = data + 1;
	fuzz_files[1].size = size - 1;
	G.socks = SOCK_SCTP;
	show_inet();
#else
#error "no FUZZ_TARGET_<name> given"
#endif
	out_flush();
	return 0;
}
