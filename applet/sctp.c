/* Not built yet: prints nothing. */
#include "netstat.h"

void show_sctp(void) { }

//kbuild:lib-$(CONFIG_NETSTAT) += sctp.o
