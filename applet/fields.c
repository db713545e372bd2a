/* Rows of fields. A view names each field of a row once; the same calls
 * print a text column (space-separated, padded to its width) or, with
 * --json, a member of a JSON object. One JSON document per round:
 *   {"inet":[{"proto":"tcp",...},...],"unix":[...]}
 * Text-only and JSON-only fields cover what the two forms show apart
 * ("host:port" cut to a column against separate address and port). */
#include <string.h>

#include "netstat.h"

//kbuild:lib-$(CONFIG_NETSTAT) += fields.o

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
	json_tables = 0;
	out_char('{');
}

void json_end(void)
{
	out_str("}\n");
}

void table_begin(const char *key)
{
	if (!opt_has(OPT_json))
		return;
	json_comma(&json_tables);
	out_char('"');
	out_str(key);
	out_str("\":[");
	json_rows = 0;
}

static uint8_t json_objects;

/* "key":{ at the top of the document, and "name":{ objects inside it
 * whose members are json_member's (statistics by section). */
void json_top_object(const char *key)
{
	json_comma(&json_tables);
	out_char('"');
	out_str(key);
	out_str("\":{");
	json_objects = 0;
}

void json_object(const char *name, size_t n)
{
	json_comma(&json_objects);
	json_string(name, n);
	out_str(":{");
	json_members = 0;
}

void table_end(void)
{
	if (opt_has(OPT_json))
		out_char(']');
}

void field_json_str(const char *key, const char *s, size_t n)
{
	if (!opt_has(OPT_json))
		return;
	json_key(key);
	if (s)
		json_string(s, n);
	else
		out_str("null");
}

void field_json_name(const char *key, const char *name, const char *number)
{
	if (str_eq(name, number))
		name = 0;
	field_json_str(key, name, name ? strlen(name) : 0);
}

static uint8_t json_items;

void field_json_list(const char *key)
{
	if (!opt_has(OPT_json))
		return;
	json_key(key);
	out_char('[');
	json_items = 0;
}

void json_list_item(const char *s, size_t n)
{
	if (!opt_has(OPT_json))
		return;
	json_comma(&json_items);
	json_string(s, n);
}

void json_list_end(void)
{
	if (opt_has(OPT_json))
		out_char(']');
}

void field_json_u64(const char *key, uint64_t v)
{
	if (!opt_has(OPT_json))
		return;
	json_key(key);
	out_u64(v);
}

void field_json_i64(const char *key, int64_t v)
{
	char b[U64_FMT + 1];

	if (!opt_has(OPT_json))
		return;
	json_key(key);
	out_mem(b, fmt_i64(b, v));
}
#endif

static uint8_t text_columns;

void print_fields(const char *keys, const struct field *f,
		  const union field_value *v, unsigned n, uint32_t shown)
{
	char b[U64_FMT + 1];
	unsigned i;

	for (i = 0; i < n; i++, f++, v++) {
		const char *s = b;
		size_t len;
		int width = f->width;
		if (!(shown >> i & 1)) {
			if (f->type & FIELD_KEY)
				keys += strlen(keys) + 1;
			continue;
		}
		switch (f->type & 3) {
		case FIELD_STR:
			s = v->s;
			len = s ? strlen(s) : 0;
			break;
		case FIELD_U64:
			len = fmt_u64(b, v->u);
			break;
		default:
			len = fmt_i64(b, v->i);
		}
#if ENABLE_FEATURE_NETSTAT_JSON
		if (opt_has(OPT_json)) {
			if (f->type & FIELD_KEY) {
				json_key(keys);
				if (!s)
					out_str("null");
				else if ((f->type & 3) == FIELD_STR)
					json_string(s, len);
				else
					out_mem(b, len);
			}
		} else
#endif
		if (width) {
			unsigned w = (unsigned)(width < 0 ? -width : width);
			if (text_columns++)
				out_char(' ');
			if (width < 0 && len < w)
				out_spaces(w - (unsigned)len);
			out_mem(s, len);
			if (width > 0 && len < w)
				out_spaces(w - (unsigned)len);
		}
		if (f->type & FIELD_KEY)
			keys += strlen(keys) + 1;
	}
}

void row_begin(void)
{
	text_columns = 0;
	if (ENABLE_FEATURE_NETSTAT_JSON && opt_has(OPT_json)) {
		json_comma(&json_rows);
		out_char('{');
		json_members = 0;
	}
}

void row_end(int newline)
{
	if (ENABLE_FEATURE_NETSTAT_JSON && opt_has(OPT_json))
		out_char('}');
	else if (newline)
		out_char('\n');
}

void field_text(const char *s, size_t n, int width)
{
	unsigned w = (unsigned)(width < 0 ? -width : width);

	if (ENABLE_FEATURE_NETSTAT_JSON && opt_has(OPT_json))
		return;
	if (text_columns++)
		out_char(' ');
	if (width < 0 && n < w)
		out_spaces(w - (unsigned)n);
	out_mem(s, n);
	if (width > 0 && n < w)
		out_spaces(w - (unsigned)n);
}

void field_str(const char *key, const char *s, int width)
{
	size_t n = strlen(s);

	field_json_str(key, s, n);
	field_text(s, n, width);
}

void field_u64(const char *key, uint64_t v, int width)
{
	char b[U64_FMT];

	field_json_u64(key, v);
	field_text(b, fmt_u64(b, v), width);
}
