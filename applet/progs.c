/* Not built yet: no program names. */
#include "netstat.h"

void prog_map_clear(void) { }
const char *prog_name(uint64_t inode) { (void)inode; return "-"; }

//kbuild:lib-$(CONFIG_NETSTAT) += progs.o
