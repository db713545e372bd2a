/* out_fmt: a view's row described once, as text columns or as JSON
 * members (the conversions that carry a %{key}), so that the text and
 * the JSON of a row cannot drift apart. */
#include <stdarg.h>
#include <string.h>

#include "netstat.h"

void out_fmt(const char *fmt, ...)
{
	va_list ap;
	char num[U64_FMT + 2];
	int json = json_mode();

	va_start(ap, fmt);
	while (*fmt) {
		unsigned width = 0, len, shown, i, key_len = 0;
		int left = 0, json_only = 0, v = 0;
		const char *s = num, *number = num, *key = 0;
		const void *p = 0;
		char c;

		for (len = 0; fmt[len] && fmt[len] != '%'; len++)
			;
		if (!json)
			out_mem(fmt, len);
		fmt += len;
		if (!*fmt++)
			break;
		if (*fmt == '%') {	/* %%: a percent sign */
			if (!json)
				out_char('%');
			fmt++;
			continue;
		}
		if (*fmt == '{') {
			key = ++fmt;
			while (*fmt != '}')
				fmt++;
			key_len = (unsigned)(fmt++ - key);
		}
		if (*fmt == '=')
			json_only = 1, fmt++;
		if (*fmt == '-')
			left = 1, fmt++;
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + (unsigned)(*fmt++ - '0');
		/* one va_arg for the pointers, one for the ints (each costs
		 * dozens of bytes where va_list is a structure, as on aarch64) */
		c = *fmt++;
		if (c == 'd' || c == 'b' || c == 'x')
			v = va_arg(ap, int);
		else
			p = va_arg(ap, const void *);
		if (c == 's') {
			s = p;
			number = 0;
		} else if (c == 'N') {	/* a number's text; NULL: null, "-" */
			s = number = p;
			if (!p && !json)
				s = "-";
		} else if (c == 'b') {	/* JSON true or false */
			s = number = v ? "true" : "false";
		} else if (c == 'd') {
			num[fmt_i64(num, v)] = 0;
		} else if (c == 'u') {
			num[fmt_u64(num, *(const uint64_t *)p)] = 0;
		} else if (c == 'I') {
			num[fmt_ip4(num, p)] = 0;
			number = 0;
		} else {	/* x, text only */
			unsigned x = (unsigned)v;
			char *e = num + sizeof(num) - 1;
			*e = 0;
			do
				*--e = "0123456789abcdef"[x & 15];
			while (x >>= 4);
			s = e;
		}
		if (json) {
			if (key)
				json_member(key, key_len, s, number);
			continue;
		}
		if (json_only)
			continue;
		len = shown = (unsigned)strlen(s);
		/* Names come from /proc and /etc: control bytes show as \ooo. */
		for (i = 0; i < len; i++)
			if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
				shown += 3;
		width = width > shown ? width - shown : 0;
		if (!left)
			out_spaces(width);
		out_escaped(s, len);
		if (left)
			out_spaces(width);
	}
	va_end(ap);
}

//kbuild:lib-$(CONFIG_NETSTAT) += row.o
