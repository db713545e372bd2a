/* The JSON writer behind -j: one document a round, tables of rows,
 *   {"inet":[{"proto":"tcp",...},...],"unix":[...],"statistics":{...}}
 * whose members come from out_fmt's %{key} conversions (io.c), so that a
 * view's format strings describe its text columns and its JSON at once. */
#include <string.h>

#include "netstat.h"

//kbuild:lib-$(CONFIG_NETSTAT) += json.o

#if ENABLE_FEATURE_NETSTAT_JSON
static uint8_t json_tables, json_rows, json_members;

/* A comma before every member, row or table but the first. */
static void json_comma(uint8_t *seen)
{
	if (*seen)
		out_char(',');
	*seen = 1;
}

/* The length of the valid UTF-8 sequence at s (n bytes left), 0 if the
 * bytes there are not one: overlong forms, surrogates and code points
 * past U+10FFFF are not. */
static unsigned utf8_length(const unsigned char *s, size_t n)
{
	unsigned c = s[0], len, i, lo = 0x80, hi = 0xbf;

	if (c < 0xc2 || c > 0xf4)
		return 0;
	len = c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
	if (c == 0xe0)
		lo = 0xa0;
	else if (c == 0xed)
		hi = 0x9f;
	else if (c == 0xf0)
		lo = 0x90;
	else if (c == 0xf4)
		hi = 0x8f;
	if (n < len || s[1] < lo || s[1] > hi)
		return 0;
	for (i = 2; i < len; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	return len;
}

/* A JSON string of n bytes: quote, backslash and control bytes escaped,
 * valid UTF-8 kept, any other byte read as Latin-1 (\u00XX). */
static void json_string(const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)s;

	out_char('"');
	while (n) {
		unsigned c = *p, len = 1;
		if (c == '"' || c == '\\') {
			out_char('\\');
			out_char((char)c);
		} else if (c >= 0x20 && c < 0x7f) {
			out_char((char)c);
		} else if (c >= 0x80 && (len = utf8_length(p, n)) != 0) {
			out_mem((const char *)p, len);
		} else {
			char e[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15] };
			out_mem(e, 6);
			len = 1;
		}
		p += len;
		n -= len;
	}
	out_char('"');
}

static void json_key_n(const char *key, size_t n)
{
	json_comma(&json_members);
	json_string(key, n);
	out_char(':');
}

static void json_key(const char *key)
{
	json_key_n(key, strlen(key));
}

void json_member(const char *key, size_t key_len, const char *s, const char *number)
{
	if (!opt_has(OPT_json))
		return;
	json_key_n(key, key_len);
	if (number)
		out_str(number);
	else if (s)
		json_string(s, strlen(s));
	else
		out_str("null");
}

void json_begin(void)
{
	if (!opt_has(OPT_json))
		return;
	/* the version of include/netstat.schema.json this writes */
	out_str("{\"schema\":1");
	json_tables = 1;
}

void json_text(const char *key, const char *s, size_t n)
{
	if (!opt_has(OPT_json))
		return;
	json_key(key);
	if (n)
		json_string(s, n);
	else
		out_str("null");
}

void json_name(const char *key, int found, const char *name)
{
	if (found >= 0)
		json_member(key, strlen(key), found ? name : 0, 0);
}

void json_number_or_null(const char *key, uint64_t v, const char *present)
{
	char num[U64_FMT + 1];

	num[fmt_u64(num, v)] = 0;
	json_member(key, strlen(key), 0, present ? num : "null");
}

void json_end(void)
{
	if (opt_has(OPT_json))
		out_str("}\n");
}

/* "key":[ or "key":{ at the top of the document. */
static void json_top(const char *key, char open)
{
	json_comma(&json_tables);
	out_char('"');
	out_str(key);
	out_str("\":");
	out_char(open);
}

void table_begin(const char *key)
{
	if (!opt_has(OPT_json))
		return;
	json_top(key, '[');
	json_rows = 0;
}

/* "key":{ at the top of the document; its members are json_member's or
 * json_object's, json_top_end closes it. */
void json_top_object(const char *key)
{
	if (!opt_has(OPT_json))
		return;
	json_top(key, '{');
	json_members = 0;
}

void json_top_end(void)
{
	if (opt_has(OPT_json))
		out_char('}');
}

/* "name":{ as a member of a row or object; json_object_end closes it. */
void json_object(const char *name, size_t n)
{
	if (!opt_has(OPT_json))
		return;
	json_key_n(name, n);
	out_char('{');
	json_members = 0;
}

void json_object_end(void)
{
	if (!opt_has(OPT_json))
		return;
	out_char('}');
	json_members = 1;
}

void table_end(void)
{
	if (opt_has(OPT_json))
		out_char(']');
}

/* "key":[ in a row; the items are strings (json_list_item) or objects
 * (row_begin, row_end), which share the rows' commas. */
void field_json_list(const char *key)
{
	if (!opt_has(OPT_json))
		return;
	json_key(key);
	out_char('[');
	json_rows = 0;
}

void json_list_item(const char *s, size_t n)
{
	if (!opt_has(OPT_json))
		return;
	json_comma(&json_rows);
	json_string(s, n);
}

/* After the list, the row it is in goes on. */
void json_list_end(void)
{
	if (!opt_has(OPT_json))
		return;
	out_char(']');
	json_rows = json_members = 1;
}

void row_begin(void)
{
	if (opt_has(OPT_json)) {
		json_comma(&json_rows);
		out_char('{');
		json_members = 0;
	}
}

void row_end(int newline)
{
	if (opt_has(OPT_json))
		out_char('}');
	else if (newline)
		out_char('\n');
}
#endif
