/* Messages on stderr: "netstat: WHAT", the file and line of a bad line,
 * an errno's text, a table the kernel lacks. Each is one write() after
 * what stdout holds; anything reported makes the exit status 1. */
#include <stdarg.h>
#include <string.h>

#include "netstat.h"

void no_support(const char *what, const char *proto)
{
	err_text("netstat: no support for `", what, proto ? " (" : "");
	err_text(proto ? proto : "", proto ? ")" : "", "' on this system.\n");
}

/* Messages are assembled whole and written with one write(), after
 * stdout is flushed so that a terminal shows both in order. */
static void msg_list(const char *first, va_list ap)
{
	char buf[1024];
	size_t n;
	const char *s;

	memcpy(buf, "netstat: ", 9);
	n = 9;
	for (s = first; s; s = va_arg(ap, const char *)) {
		size_t l = strlen(s);
		if (l > sizeof(buf) - 3 - n)
			l = sizeof(buf) - 3 - n;
		memcpy(buf + n, s, l);
		n += l;
	}
	buf[n++] = '\n';
	buf[n] = 0;
	err_text(buf, "", "");
}

void msg(const char *first, ...)
{
	va_list ap;
	va_start(ap, first);
	msg_list(first, ap);
	va_end(ap);
}

void msg_line(const char *path, unsigned line, const char *what)
{
	char num[U64_FMT];

	G.exit_status = 1;
	num[fmt_u64(num, line)] = 0;
	msg(path, ": line ", num, ": ", what, (char *)0);
}

void msg_errno(const char *path, int err)
{
	G.exit_status = 1;
	msg(path, ": ", error_text(err), (char *)0);
}

//kbuild:lib-$(CONFIG_NETSTAT) += msg.o
