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
		int left = 0, json_only = 0;
		const char *s = num, *number = num, *key = 0;

		for (len = 0; fmt[len] && fmt[len] != '%'; len++)
			;
		if (!json)
			out_mem(fmt, len);
		fmt += len;
		if (!*fmt++)
			break;
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
		switch (*fmt++) {
		case 's':
			s = va_arg(ap, const char *);
			number = 0;
			break;
		case 'N':	/* a number's text; NULL: null */
			s = number = va_arg(ap, const char *);
			break;
		case 'b':	/* int: JSON true or false */
			s = number = va_arg(ap, int) ? "true" : "false";
			break;
		case 'd':
			num[fmt_i64(num, va_arg(ap, int))] = 0;
			break;
		case 'u':
			num[fmt_u64(num, *va_arg(ap, const uint64_t *))] = 0;
			break;
		case 'I':
			num[fmt_ip4(num, va_arg(ap, const uint8_t *))] = 0;
			number = 0;
			break;
		default: {	/* x, text only */
			unsigned long v = va_arg(ap, unsigned long);
			char *e = num + sizeof(num) - 1;
			*e = 0;
			do
				*--e = "0123456789abcdef"[v & 15];
			while (v >>= 4);
			s = e;
		}
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
