/* The run's state: G, and the memory a feature keeps until exit, mapped
 * when it first runs so that no large array sits in .bss (in a BusyBox
 * every applet would map it). The first mapping holds small state (the
 * open table's path, a message) and after it the output buffer, 15 KB,
 * so that a big listing leaves in few writes: a page is touched only
 * when output reaches it. */
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "netstat.h"

struct netstat_globals G;

enum { SMALL_AREA = 1024, SMALL_MAX = 1024 };

static char *first_pages, *small_next, *small_end;

/* The system call itself: musl's mmap() wrapper costs more than this
 * file needs of it. 32-bit ABIs name it mmap2 (the offset, 0, in pages).
 * Out of memory ends the run. */
static void *map_pages(size_t size)
{
#ifdef SYS_mmap2
#define MMAP_CALL SYS_mmap2
#else
#define MMAP_CALL SYS_mmap
#endif
#if NETSTAT_OWN_START
	void *p = (void *)__syscall_ret((unsigned long)__syscall_cp(MMAP_CALL, 0,
		(long)size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
#else
	void *p = (void *)syscall(MMAP_CALL, 0, size, PROT_READ | PROT_WRITE,
				  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
#endif

	if (p == MAP_FAILED) {
		static const char oom[] = "netstat: Cannot allocate memory\n";
		(void)!write(2, oom, sizeof(oom) - 1);
		_exit(1);
	}
	return p;
}

char *output_buffer(void)
{
	if (!first_pages) {
		first_pages = map_pages(SMALL_AREA + OUT_BUF);
		small_next = first_pages;
		small_end = small_next + SMALL_AREA;
	}
	return first_pages + SMALL_AREA;
}

void *state_alloc(size_t size)
{
	void *p;

	if (size > SMALL_MAX)
		return map_pages(size);
	size = (size + 15) & ~(size_t)15;
	output_buffer();
	if (size > (size_t)(small_end - small_next)) {
		small_next = map_pages(SMALL_AREA);
		small_end = small_next + SMALL_AREA;
	}
	p = small_next;
	small_next += size;
	return p;
}

//kbuild:lib-$(CONFIG_NETSTAT) += state.o
