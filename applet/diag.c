/* What the router diagnostics share: lists of named numbers, and
 * --changes (-D): from the second round of -s -c or -i -c on, only what
 * moved since the round before, and its rate per second. The values of
 * the round before sit in a bounded table keyed by a hash of the
 * counter's name (and, for -i, the interface's), mapped when -D first
 * runs. */
#include <string.h>

#include "netstat.h"

//kbuild:lib-$(CONFIG_FEATURE_NETSTAT_DIAG) += diag.o

#if ENABLE_FEATURE_NETSTAT_DIAG
enum { SLOTS = 4096 };	/* -i: 256 interfaces x 8 counters; -s: ~500 */

static struct {
	unsigned used;
	unsigned round;
	int moved;	/* a counter moved this round */
	uint32_t key[SLOTS];	/* 0: free */
	uint64_t value[SLOTS];
} *prev;

static unsigned seconds(void)
{
	return G.interval ? G.interval : 1;
}

int changes_round(const char *what)
{
	uint64_t s = seconds();

	if (!opt_has(OPT_changes))
		return 0;
	if (!prev)
		prev = state_alloc(sizeof(*prev));
	if (!prev->round++)
		return 0;
	prev->moved = 0;
	json_top_object("changes");
	out_fmt("Changes in %{seconds}u s:\n", &s);
	json_object(what, strlen(what));
	return 1;
}

/* The counters of the kernel are unsigned long: on a 32-bit kernel they
 * wrap at 2^32, which a smaller value than before below 2^32 is taken
 * for; any other fall is a counter started over (an interface made
 * again): all of its value is new. */
uint64_t counter_change(uint32_t key, uint64_t value)
{
	unsigned i;
	uint64_t old;

	key |= 1;
	for (i = key % SLOTS; prev->key[i] && prev->key[i] != key; i = (i + 1) % SLOTS)
		;
	if (!prev->key[i]) {
		if (prev->used == SLOTS - 1)
			return 0;	/* full: a counter first seen is not watched */
		prev->used++;
		prev->key[i] = key;
		prev->value[i] = value;
		/* after the first round a counter new to the kernel's files
		 * (IcmpMsg's lines appear with their first message) was 0 */
		old = 0;
		if (prev->round == 1)
			return 0;
	} else {
		old = prev->value[i];
	}
	prev->value[i] = value;
	prev->moved |= value != old;
	if (value >= old)
		return value - old;
	if (old <= 0xffffffffu)
		return value + 0x100000000u - old;
	return value;
}

unsigned fmt_rate(char *buf, uint64_t change)
{
	unsigned s = seconds(), n, tenth;

	if (s == 1) {
		n = fmt_u64(buf, change);
	} else {
		/* (a change past 2^64 / 10 is not a kernel counter's) */
		n = fmt_u64(buf, div10(div_u32(change * 10, s), &tenth));
		buf[n++] = '.';
		buf[n++] = (char)('0' + tenth);
	}
	memcpy(buf + n, "/s", 3);
	return n + 2;
}

void changes_end(void)
{
	json_object_end();
	json_top_end();
	if (!prev->moved)
		out_fmt("    none\n");
}

void list_end(unsigned shown)
{
	json_object_end();
	out_fmt(shown ? "\n" : " none\n");
}

void list_item(unsigned *shown, const char *name, const uint64_t *v)
{
	json_number_or_null(name, *v, "");
	out_fmt(!*shown ? " %s %u" : *shown % 5 ? ", %s %u" : ",\n    %s %u", name, v);
	++*shown;
}
#endif
