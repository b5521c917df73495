/*
 * tests/test_page_alloc.c - mm/page_alloc.c, the buddy allocator, on the host.
 *
 * The allocator under test is the kernel's own mm/page_alloc.c, built by
 * tests/host.mk; only its surroundings are fakes: mem_map is a calloc'd
 * array, panic() jumps back into a test that expected it, and
 * page_address() and clear_highpage() stand in for mm/highmem.c.
 *
 * The allocator is checked against a reference model (struct model) after
 * every step: check_free_lists() reads the free lists as a debugger would
 * and holds them, frame by frame, against what the model says is free.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

/* libc's versions, for the test's own use; taken before the renaming. */
static int (*const libc_vsnprintf)(char *, size_t, const char *,
				   va_list) = vsnprintf;
static int (*const libc_snprintf)(char *, size_t, const char *, ...) = snprintf;
static void *(*const libc_memset)(void *, int, size_t) = memset;
static void *(*const libc_memcpy)(void *, const void *, size_t) = memcpy;
static int (*const libc_memcmp)(const void *, const void *, size_t) = memcmp;

#include "tests/host_names.h"
#include "arch/panic.h"
#include "lib/kallsyms.h"
#include "lib/printk.h"
#include "lib/seq_buf.h"
#include "mm/gfp.h"
#include "mm/highmem.h"

/* fail_msg() unless cond: an invariant, with the frame that broke it. */
#define check(cond, ...)                       \
	do {                                   \
		if (!(cond))                   \
			fail_msg(__VA_ARGS__); \
	} while (0)

/* A machine: free_area_init()'s zone limits, then RAM ranges [start, end)
 * handed to __free_pages_memory() in this order, up to one with end 0. */
#define NR_RAM_MAX 6

struct layout {
	unsigned long max_dma, max_low, max;
	unsigned long ram[NR_RAM_MAX][2];
};

/*
 * A PC-like map: pfn 0 (the real-mode IVT) and the 640 KiB - 1 MiB hole
 * reserved, a one-frame hole, a range across both zone boundaries, Normal
 * ending at 8192 + 37 (not a multiple of MAX_ORDER_NR_PAGES, so the frames
 * on either side of it are buddies in different zones), a hole in highmem
 * and highmem ending before max.
 */
static const struct layout pc_layout = {
	.max_dma = MAX_DMA_PFN,
	.max_low = 8192 + 37,
	.max = 12300,
	.ram = { { 1, 159 }, { 256, 3000 }, { 3001, 10000 }, { 10007, 12293 } },
};

/* Small enough to write its /proc/buddyinfo by hand. */
static const struct layout small_layout = {
	.max_dma = 16,
	.max_low = 2048 + 3,
	.max = 3000,
	.ram = { { 1, 16 }, { 16, 2051 }, { 2051, 3000 } },
};

/* No highmem at all. */
static const struct layout lowmem_layout = {
	.max_dma = 16,
	.max_low = 64,
	.max = 64,
	.ram = { { 1, 64 } },
};

/* 64 frames with contents (frame_data), for __GFP_ZERO. */
static const struct layout tiny_layout = {
	.max_dma = 16,
	.max_low = 32,
	.max = 64,
	.ram = { { 1, 64 } },
};

static enum zone_type layout_zone(const struct layout *l, unsigned long pfn)
{
	if (pfn < l->max_dma)
		return ZONE_DMA;
	return pfn < l->max_low ? ZONE_NORMAL : ZONE_HIGHMEM;
}

static unsigned long layout_zone_start(const struct layout *l, enum zone_type z)
{
	const unsigned long start[] = { 0, l->max_dma, l->max_low };

	return start[z];
}

static unsigned long layout_zone_end(const struct layout *l, enum zone_type z)
{
	const unsigned long end[] = { l->max_dma, l->max_low, l->max };

	return end[z];
}

/*
 * The reference model: the allocator's state in the plainest form that
 * answers the tests' questions. A frame is managed if a RAM range of the
 * layout handed it over, and live while it is in a block alloc_pages()
 * returned that has not been freed; every managed frame that is not live
 * must be in exactly one block on its zone's free lists. Zones come from
 * the layout, never from the allocator.
 */
struct block {
	struct page *page;
	unsigned int order;
};

struct model {
	const struct layout *layout;
	unsigned long nr_frames;
	bool *managed;
	bool *live;
	unsigned long managed_pages[MAX_NR_ZONES];
	unsigned long nr_free[MAX_NR_ZONES]; /* managed and not live */
	struct block *blocks; /* the live blocks, in no order */
	size_t nr_blocks;
	unsigned char *scratch; /* check_free_lists()'s per-frame map */
};

/* What the free lists hold: for each frame, FREE_TAIL inside a free
 * block, order + 1 at its head, 0 if on no list; and the counters. */
#define FREE_TAIL 0x80

struct free_state {
	unsigned char *frame;
	unsigned long nr_free[MAX_NR_ZONES][MAX_ORDER];
	unsigned long free_pages[MAX_NR_ZONES];
};

static struct model model;
static struct free_state boot_state;

/*
 * mm/highmem.h, faked. page_address() gives the direct-map address the
 * kernel would (lowmem only), so that __get_free_pages() and free_pages()
 * can be checked to round-trip; it is never dereferenced. Contents live in
 * frame_data, when a test sets it up; clear_highpage() zeroes them and
 * counts its calls per frame.
 */
static unsigned char *frame_data;
static unsigned int *clear_count;
static unsigned long nr_clears;

void *page_address(const struct page *page)
{
	unsigned long pfn = page_to_pfn(page);

	return pfn < max_low_pfn ? __va(pfn << PAGE_SHIFT) : NULL;
}

void clear_highpage(struct page *page)
{
	unsigned long pfn = page_to_pfn(page);

	check(page >= mem_map && pfn < model.nr_frames,
	      "clear_highpage of a page outside mem_map");
	clear_count[pfn]++;
	nr_clears++;
	if (frame_data)
		libc_memset(frame_data + pfn * PAGE_SIZE, 0, PAGE_SIZE);
}

/* lib/vsprintf.c's %pS table, which printk links in: no kernel text here. */
const struct kallsym kallsyms[] = { { 0, "" } };
const unsigned int kallsyms_num = 0;
const unsigned long kallsyms_text_end = 0;

/* printk's only console: what dump_page() printed before a panic. */
static char console_text[8192];
static size_t console_len;

static void capture_write(const char *s, size_t len)
{
	size_t room = sizeof(console_text) - 1 - console_len;
	size_t n = len < room ? len : room;

	for (size_t i = 0; i < n; i++)
		console_text[console_len++] = s[i];
	console_text[console_len] = '\0';
}

static struct console capture_console = { .name = "test",
					  .write = capture_write };

/* panic() returns to the EXPECT_PANIC() that armed panic_jmp, or fails. */
static jmp_buf *panic_jmp;
static bool panicked;
static char panic_msg[256];

void panic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	libc_vsnprintf(panic_msg, sizeof(panic_msg), fmt, ap);
	va_end(ap);
	panicked = true;
	if (panic_jmp)
		longjmp(*panic_jmp, 1);
	fail_msg("unexpected panic: %s\n%s", panic_msg, console_text);
	abort(); /* fail_msg() does not return; this says so to the compiler */
}

/* Run stmt, which must panic; the allocator is left as the panic left it. */
#define EXPECT_PANIC(stmt)                                                \
	do {                                                              \
		jmp_buf jb;                                               \
		panicked = false;                                         \
		console_len = 0;                                          \
		console_text[0] = '\0';                                   \
		panic_jmp = &jb;                                          \
		if (setjmp(jb) == 0) {                                    \
			stmt;                                             \
		}                                                         \
		panic_jmp = NULL;                                         \
		check(panicked, "no panic from %s", #stmt);               \
		check(strstr(panic_msg, "kernel BUG at ") == panic_msg && \
			      strstr(panic_msg, "page_alloc.c:"),         \
		      "panic message: %s", panic_msg);                    \
	} while (0)

/* After EXPECT_PANIC(): dump_page() named this frame as the culprit. */
static void expect_dumped(unsigned long pfn)
{
	char want[64];

	libc_snprintf(want, sizeof(want), "pfn:%#lx ", pfn);
	check(strstr(console_text, want) &&
		      strstr(console_text, "VM_BUG_ON_PAGE"),
	      "dump_page did not name %s:\n%s", want, console_text);
}

static void free_machine(void)
{
	free(mem_map);
	free(model.managed);
	free(model.live);
	free(model.blocks);
	free(model.scratch);
	free(clear_count);
	free(frame_data);
	mem_map = NULL;
	frame_data = NULL;
	clear_count = NULL;
	libc_memset(&model, 0, sizeof(model));
}

static int teardown(void **state)
{
	(void)state;
	free_machine();
	free(boot_state.frame);
	boot_state.frame = NULL;
	return 0;
}

/* A fresh mem_map with every frame reserved, as mm_init() leaves it just
 * before memblock hands RAM over. */
static void init_machine(const struct layout *l)
{
	struct model *m = &model;

	free_machine();
	nr_clears = 0;
	mem_map = calloc(l->max, sizeof(struct page));
	clear_count = calloc(l->max, sizeof(*clear_count));
	m->layout = l;
	m->nr_frames = l->max;
	m->managed = calloc(l->max, sizeof(bool));
	m->live = calloc(l->max, sizeof(bool));
	m->blocks = calloc(l->max, sizeof(struct block));
	m->scratch = calloc(l->max, 1);
	assert_true(mem_map && clear_count && m->managed && m->live &&
		    m->blocks && m->scratch);
	max_low_pfn = l->max_low;
	max_pfn = l->max;
	free_area_init(l->max_dma, l->max_low, l->max);
}

static void model_hand_over(struct model *m, unsigned long start,
			    unsigned long end)
{
	for (unsigned long pfn = start; pfn < end; pfn++) {
		enum zone_type z = layout_zone(m->layout, pfn);

		m->managed[pfn] = true;
		m->managed_pages[z]++;
		m->nr_free[z]++;
	}
}

/* Boot: hand every RAM range of the layout over, in the layout's order. */
static void boot(const struct layout *l)
{
	init_machine(l);
	for (int r = 0; r < NR_RAM_MAX && l->ram[r][1]; r++) {
		unsigned long start = l->ram[r][0], end = l->ram[r][1];

		assert_int_equal(__free_pages_memory(start, end), end - start);
		model_hand_over(&model, start, end);
	}
	/* mm_init() counts each zone's RAM frames (here: all handed over). */
	for (int z = 0; z < MAX_NR_ZONES; z++)
		zones[z].present_pages = model.managed_pages[z];
}

static bool model_frame_free(const struct model *m, unsigned long pfn)
{
	return m->managed[pfn] && !m->live[pfn];
}

/*
 * Does zone z have 2^order free frames, aligned to their size, in the
 * model? As free buddies are always merged, this is exactly when the
 * allocator must have a free block of that order or larger in z.
 */
static bool model_has_free_block(const struct model *m, enum zone_type z,
				 unsigned int order)
{
	unsigned long size = 1UL << order;
	unsigned long end = layout_zone_end(m->layout, z);

	for (unsigned long pfn =
		     ALIGN_UP(layout_zone_start(m->layout, z), size);
	     pfn + size <= end; pfn += size) {
		unsigned long i = 0;

		while (i < size && model_frame_free(m, pfn + i))
			i++;
		if (i == size)
			return true;
	}
	return false;
}

static unsigned long page_flags(const struct page *page)
{
	return page->flags & ((1UL << __NR_PAGEFLAGS) - 1);
}

/* Check one free list entry and mark its frames in m->scratch. */
static void check_free_block(const struct model *m, enum zone_type z,
			     unsigned int order, const struct page *page)
{
	const struct layout *l = m->layout;
	unsigned long pfn, size = 1UL << order;

	check(page >= mem_map && page < mem_map + m->nr_frames,
	      "zone %d order %u: a list entry outside mem_map", z, order);
	pfn = page_to_pfn(page);
	check(PageBuddy(page) && page->private == order,
	      "pfn %lu on the order-%u list: buddy %d, order %lu", pfn, order,
	      PageBuddy(page), page->private);
	check(page_zonenum(page) == z, "pfn %lu of zone %d on zone %d's list",
	      pfn, page_zonenum(page), z);
	check(IS_ALIGNED(pfn, size), "free block %lu of order %u not aligned",
	      pfn, order);
	check(pfn >= layout_zone_start(l, z) &&
		      pfn + size <= layout_zone_end(l, z),
	      "free block %lu of order %u outside zone %d", pfn, order, z);
	for (unsigned long i = 0; i < size; i++) {
		check(page_flags(page + i) == (i ? 0 : 1UL << PG_buddy),
		      "free pfn %lu has flags %#lx", pfn + i,
		      page_flags(page + i));
		check(!m->scratch[pfn + i],
		      "pfn %lu in two free blocks (order %u at %lu)", pfn + i,
		      order, pfn);
		check(model_frame_free(m, pfn + i),
		      "pfn %lu is free (order %u at %lu) but %s", pfn + i,
		      order, pfn, m->managed[pfn + i] ? "live" : "not RAM");
		m->scratch[pfn + i] = FREE_TAIL;
	}
	m->scratch[pfn] = (unsigned char)(order + 1);
}

/*
 * Read every free list and hold it against the model: each entry is the
 * head of an aligned block of its list's order inside its zone, made of
 * managed frames that are not live and in no other block; nr_free and
 * free_pages count what is there and every free frame of the model is
 * found; no two free buddies of one zone are left unmerged; holes are still
 * reserved. Copies what it read into fs, if given.
 */
static void check_free_lists(struct model *m, struct free_state *fs)
{
	const struct layout *l = m->layout;
	unsigned long nr_blocks = 0, nr_buddy = 0;

	libc_memset(m->scratch, 0, m->nr_frames);
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		struct zone *zone = &zones[z];
		unsigned long frames = 0;

		check(zone->zone_start_pfn == layout_zone_start(l, z) &&
			      zone_end_pfn(zone) == layout_zone_end(l, z),
		      "zone %s spans [%lu, %lu)", zone->name,
		      zone->zone_start_pfn, zone_end_pfn(zone));
		check(zone->managed_pages == m->managed_pages[z],
		      "zone %s manages %lu frames, not %lu", zone->name,
		      zone->managed_pages, m->managed_pages[z]);
		for (unsigned int o = 0; o < MAX_ORDER; o++) {
			struct list_head *list = &zone->free_area[o].free_list;
			unsigned long n = 0;

			for (struct list_head *pos = list->next; pos != list;
			     pos = pos->next) {
				check(pos->next->prev == pos,
				      "zone %s order %u: list broken",
				      zone->name, o);
				check(++n <= m->nr_frames,
				      "zone %s order %u: list has no end",
				      zone->name, o);
				check_free_block(m, (enum zone_type)z, o,
						 list_entry(pos, struct page,
							    lru));
				frames += 1UL << o;
			}
			check(n == zone->free_area[o].nr_free,
			      "zone %s order %u: nr_free %lu, on the list %lu",
			      zone->name, o, zone->free_area[o].nr_free, n);
			nr_blocks += n;
			if (fs)
				fs->nr_free[z][o] = n;
		}
		check(frames == zone->free_pages && frames == m->nr_free[z],
		      "zone %s: free_pages %lu, on the lists %lu, model %lu",
		      zone->name, zone->free_pages, frames, m->nr_free[z]);
		if (fs)
			fs->free_pages[z] = frames;
	}
	for (unsigned long pfn = 0; pfn < m->nr_frames; pfn++) {
		const struct page *page = pfn_to_page(pfn);
		unsigned int o = m->scratch[pfn] - 1u;
		unsigned long buddy;

		nr_buddy += PageBuddy(page);
		if (!m->managed[pfn])
			check(PageReserved(page) && page_count(page) == 1,
			      "hole pfn %lu is no longer reserved", pfn);
		if (m->scratch[pfn] == 0 || m->scratch[pfn] == FREE_TAIL ||
		    o == MAX_ORDER - 1)
			continue;
		buddy = pfn ^ (1UL << o);
		check(!(buddy < m->nr_frames && m->scratch[buddy] == o + 1 &&
			layout_zone(l, buddy) == layout_zone(l, pfn)),
		      "free buddies %lu and %lu of order %u not merged", pfn,
		      buddy, o);
	}
	check(nr_buddy == nr_blocks, "%lu frames PG_buddy, %lu free blocks",
	      nr_buddy, nr_blocks);
	assert_int_equal(nr_free_pages(), m->nr_free[ZONE_DMA] +
						  m->nr_free[ZONE_NORMAL] +
						  m->nr_free[ZONE_HIGHMEM]);
	if (fs)
		libc_memcpy(fs->frame, m->scratch, m->nr_frames);
}

/* Boot, check the handover and keep the free lists it made in boot_state. */
static void boot_and_check(const struct layout *l)
{
	boot(l);
	free(boot_state.frame);
	boot_state.frame = calloc(l->max, 1);
	assert_non_null(boot_state.frame);
	check_free_lists(&model, &boot_state);
}

/* The free lists are the ones boot made, block for block. */
static void expect_boot_state(struct model *m)
{
	struct free_state now = { .frame = calloc(m->nr_frames, 1) };

	assert_non_null(now.frame);
	check_free_lists(m, &now);
	for (unsigned long pfn = 0; pfn < m->nr_frames; pfn++)
		if (now.frame[pfn] != boot_state.frame[pfn]) {
			free(now.frame);
			fail_msg("pfn %lu: free-map %#x, after boot %#x", pfn,
				 now.frame[pfn], boot_state.frame[pfn]);
		}
	free(now.frame);
	assert_int_equal(libc_memcmp(now.nr_free, boot_state.nr_free,
				     sizeof(now.nr_free)),
			 0);
	assert_int_equal(libc_memcmp(now.free_pages, boot_state.free_pages,
				     sizeof(now.free_pages)),
			 0);
}

/* The zones gfp may use, preferred first (mm/gfp.h's promise). */
static int allowed_zones(gfp_t gfp, enum zone_type zs[MAX_NR_ZONES])
{
	int n = 0;

	if (gfp & __GFP_HIGHMEM)
		zs[n++] = ZONE_HIGHMEM;
	if (!(gfp & __GFP_DMA))
		zs[n++] = ZONE_NORMAL;
	zs[n++] = ZONE_DMA;
	return n;
}

/*
 * Check what alloc_pages(gfp, order) returned against the model and record
 * it as live: NULL only if no zone gfp allows has a free block of that
 * order; otherwise an aligned block of free frames, from the first zone in
 * gfp's preference that had one.
 */
static void model_alloc(struct model *m, gfp_t gfp, unsigned int order,
			struct page *page)
{
	const struct layout *l = m->layout;
	unsigned long pfn, size = 1UL << order;
	enum zone_type zs[MAX_NR_ZONES], z;
	int n = allowed_zones(gfp, zs), i;

	if (!page) {
		for (i = 0; i < n; i++)
			check(!model_has_free_block(m, zs[i], order),
			      "alloc_pages(%#x, %u) is NULL, zone %d has a block",
			      gfp, order, zs[i]);
		return;
	}
	check(page >= mem_map && page < mem_map + m->nr_frames,
	      "alloc_pages(%#x, %u) returned a page outside mem_map", gfp,
	      order);
	pfn = page_to_pfn(page);
	z = layout_zone(l, pfn);
	check(IS_ALIGNED(pfn, size), "order-%u block at %lu not aligned", order,
	      pfn);
	for (i = 0; i < n && zs[i] != z; i++)
		check(!model_has_free_block(m, zs[i], order),
		      "alloc_pages(%#x, %u) from zone %d, zone %d had a block",
		      gfp, order, z, zs[i]);
	check(i < n, "alloc_pages(%#x, %u) from zone %d", gfp, order, z);
	check(pfn + size <= layout_zone_end(l, z),
	      "order-%u block at %lu crosses the end of zone %d", order, pfn,
	      z);
	for (unsigned long f = pfn; f < pfn + size; f++) {
		check(m->managed[f], "pfn %lu handed out but not RAM", f);
		check(!m->live[f], "pfn %lu handed out twice", f);
		check(page_flags(pfn_to_page(f)) == 0,
		      "pfn %lu handed out with flags %#lx", f,
		      page_flags(pfn_to_page(f)));
		m->live[f] = true;
	}
	check(page_count(page) == 1 && page->_mapcount == -1,
	      "new block %lu: count %d mapcount %d", pfn, page_count(page),
	      page->_mapcount);
	m->nr_free[z] -= size;
	m->blocks[m->nr_blocks++] = (struct block){ page, order };
}

/* The live block i was freed. */
static void model_free(struct model *m, size_t i)
{
	struct block b = m->blocks[i];
	unsigned long pfn = page_to_pfn(b.page);

	for (unsigned long f = pfn; f < pfn + (1UL << b.order); f++)
		m->live[f] = false;
	m->nr_free[layout_zone(m->layout, pfn)] += 1UL << b.order;
	m->blocks[i] = m->blocks[--m->nr_blocks];
}

/* xorshift64*: the same sequence on every host, from a nonzero seed. */
static u64 rng;

static unsigned long rnd(unsigned long n)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return (unsigned long)((rng * 0x2545f4914f6cdd1dULL) >> 32) % n;
}

static void free_block(struct model *m, size_t i, bool by_put_page)
{
	struct page *page = m->blocks[i].page;

	if (by_put_page && m->blocks[i].order == 0) {
		get_page(page);
		put_page(page); /* the other reference is left */
		assert_int_equal(page_count(page), 1);
		put_page(page);
	} else {
		__free_pages(page, m->blocks[i].order);
	}
	model_free(m, i);
}

static void free_all_shuffled(struct model *m)
{
	while (m->nr_blocks)
		free_block(m, rnd(m->nr_blocks), rnd(2));
}

static void random_alloc(struct model *m)
{
	static const gfp_t gfps[] = {
		GFP_KERNEL,
		GFP_DMA,
		GFP_HIGHUSER,
		GFP_KERNEL | __GFP_ZERO,
		GFP_HIGHUSER | __GFP_ZERO,
	};
	gfp_t gfp = gfps[rnd(ARRAY_SIZE(gfps))];
	/* Half of any order, half small: a full machine still has those. */
	unsigned int order = (unsigned int)(rnd(2) ? rnd(MAX_ORDER) : rnd(4));
	unsigned long clears = nr_clears;
	struct page *page = alloc_pages(gfp, order);

	model_alloc(m, gfp, order, page);
	assert_int_equal(nr_clears - clears,
			 page && (gfp & __GFP_ZERO) ? 1UL << order : 0);
}

/*
 * Allocate and free at random, checking every step against the model; in
 * turns of 500 steps the odds favour allocating (down to exhaustion, where
 * NULL must be right) or freeing (so that large blocks form again).
 */
static void run_random_sequence(u64 seed, unsigned int steps)
{
	struct model *m = &model;

	rng = seed;
	boot_and_check(&pc_layout);
	for (unsigned int step = 0; step < steps; step++) {
		unsigned long alloc_percent = (step / 500) % 2 ? 30 : 75;

		if (m->nr_blocks && rnd(100) >= alloc_percent)
			free_block(m, rnd(m->nr_blocks), rnd(2));
		else
			random_alloc(m);
		check_free_lists(m, NULL);
	}
	free_all_shuffled(m);
	expect_boot_state(m);
}

/* 1. Boot handover. */

static void test_boot_hands_over_ram_as_maximal_aligned_blocks(void **state)
{
	(void)state;
	boot_and_check(&pc_layout);
	/* The blocks either side of the Normal/HighMem boundary stay apart. */
	assert_int_equal(boot_state.frame[8228], 0 + 1);
	assert_int_equal(boot_state.frame[8229], 0 + 1);
	/* DMA: the two order-10 blocks inside [256, 3000) and [3001, 4096). */
	assert_int_equal(boot_state.nr_free[ZONE_DMA][MAX_ORDER - 1], 2);
	assert_int_equal(boot_state.frame[1024], MAX_ORDER);
	assert_int_equal(boot_state.frame[3072], MAX_ORDER);
	assert_int_equal(boot_state.frame[3000], 0);
	assert_true(PageReserved(pfn_to_page(0)));
}

static void test_boot_handover_order_does_not_matter(void **state)
{
	const struct layout *l = &pc_layout;

	(void)state;
	boot_and_check(l);
	/* Again, range by range from the top, each frame on its own, downward. */
	init_machine(l);
	for (int r = NR_RAM_MAX - 1; r >= 0; r--) {
		for (unsigned long pfn = l->ram[r][1]; pfn > l->ram[r][0];
		     pfn--)
			assert_int_equal(__free_pages_memory(pfn - 1, pfn), 1);
		model_hand_over(&model, l->ram[r][0], l->ram[r][1]);
	}
	expect_boot_state(&model);
}

/* 2. Random sequences against the model. */

static void test_random_sequence_seed_1(void **state)
{
	(void)state;
	run_random_sequence(1, 5000);
}

static void test_random_sequence_seed_2(void **state)
{
	(void)state;
	run_random_sequence(2, 5000);
}

static void test_random_sequence_seed_3(void **state)
{
	(void)state;
	run_random_sequence(0x9e3779b97f4a7c15ULL, 5000);
}

static void test_random_sequence_seed_4(void **state)
{
	(void)state;
	run_random_sequence(0xdeadbeefULL, 5000);
}

static void test_random_sequence_seed_5(void **state)
{
	(void)state;
	run_random_sequence(20240601, 5000);
}

/* 3. Zone fallback. */

/* Allocate single frames with gfp until NULL, checking that each comes
 * from the first of gfp's zones that still has a free frame. */
static void alloc_frames_until_null(struct model *m, gfp_t gfp)
{
	enum zone_type zs[MAX_NR_ZONES];
	int n = allowed_zones(gfp, zs);
	struct page *page;

	while ((page = alloc_page(gfp)) != NULL) {
		enum zone_type z = layout_zone(m->layout, page_to_pfn(page));
		int i = 0;

		for (; i < n && zs[i] != z; i++)
			check(m->nr_free[zs[i]] == 0,
			      "frame from zone %d while zone %d has %lu free",
			      z, zs[i], m->nr_free[zs[i]]);
		check(i < n, "gfp %#x got a frame of zone %d", gfp, z);
		check(!m->live[page_to_pfn(page)], "pfn %lu handed out twice",
		      page_to_pfn(page));
		m->live[page_to_pfn(page)] = true;
		m->nr_free[z]--;
		m->blocks[m->nr_blocks++] = (struct block){ page, 0 };
	}
	for (int i = 0; i < n; i++)
		assert_int_equal(m->nr_free[zs[i]], 0);
}

static void test_highuser_takes_highmem_then_normal_then_dma(void **state)
{
	(void)state;
	rng = 7;
	boot_and_check(&pc_layout);
	alloc_frames_until_null(&model, GFP_HIGHUSER);
	check_free_lists(&model, NULL);
	free_all_shuffled(&model);
	expect_boot_state(&model);
}

static void test_gfp_kernel_never_gets_highmem(void **state)
{
	(void)state;
	rng = 8;
	boot_and_check(&pc_layout);
	alloc_frames_until_null(&model, GFP_KERNEL);
	assert_int_equal(zones[ZONE_HIGHMEM].free_pages,
			 model.managed_pages[ZONE_HIGHMEM]);
	check_free_lists(&model, NULL);
	free_all_shuffled(&model);
	expect_boot_state(&model);
}

static void
test_gfp_dma_stays_below_16m_and_fails_when_dma_is_empty(void **state)
{
	struct page *page;

	(void)state;
	rng = 9;
	boot_and_check(&pc_layout);
	alloc_frames_until_null(&model, GFP_DMA);
	for (size_t i = 0; i < model.nr_blocks; i++)
		assert_true(page_to_pfn(model.blocks[i].page) < (16UL << 20) >>
			    PAGE_SHIFT);
	assert_int_equal(model.nr_blocks, model.managed_pages[ZONE_DMA]);
	assert_int_equal(zones[ZONE_NORMAL].free_pages,
			 model.managed_pages[ZONE_NORMAL]);
	assert_null(alloc_pages(GFP_DMA, 0));
	assert_null(alloc_pages(GFP_DMA | __GFP_ZERO, 0));
	/* Normal does have frames. */
	page = alloc_page(GFP_KERNEL);
	assert_int_equal(layout_zone(&pc_layout, page_to_pfn(page)),
			 ZONE_NORMAL);
	__free_page(page);
	check_free_lists(&model, NULL);
	free_all_shuffled(&model);
	expect_boot_state(&model);
}

static void test_gfp_dma_large_block_does_not_fall_back(void **state)
{
	struct page *a, *b;

	(void)state;
	boot_and_check(&pc_layout);
	/* DMA holds two blocks of MAX_ORDER - 1, Normal several. */
	a = alloc_pages(GFP_DMA, MAX_ORDER - 1);
	b = alloc_pages(GFP_DMA, MAX_ORDER - 1);
	assert_true(a && b);
	assert_int_equal(page_zonenum(a), ZONE_DMA);
	assert_int_equal(page_zonenum(b), ZONE_DMA);
	assert_null(alloc_pages(GFP_DMA, MAX_ORDER - 1));
	assert_int_not_equal(
		zones[ZONE_NORMAL].free_area[MAX_ORDER - 1].nr_free, 0);
	__free_pages(a, MAX_ORDER - 1);
	__free_pages(b, MAX_ORDER - 1);
	expect_boot_state(&model);
}

/* 4. Exhaustion. */

static void test_every_frame_once_then_null_then_all_back(void **state)
{
	unsigned long total;

	(void)state;
	rng = 10;
	boot_and_check(&pc_layout);
	total = nr_free_pages();
	alloc_frames_until_null(&model, GFP_HIGHUSER);
	assert_int_equal(model.nr_blocks, total);
	assert_int_equal(nr_free_pages(), 0);
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		assert_int_equal(zones[z].free_pages, 0);
		for (unsigned int o = 0; o < MAX_ORDER; o++)
			assert_int_equal(zones[z].free_area[o].nr_free, 0);
	}
	for (unsigned int o = 0; o < MAX_ORDER; o++) {
		assert_null(alloc_pages(GFP_HIGHUSER, o));
		assert_null(alloc_pages(GFP_KERNEL, o));
		assert_null(alloc_pages(GFP_DMA, o));
	}
	assert_int_equal(__get_free_pages(GFP_KERNEL, 0), 0);
	free_all_shuffled(&model);
	assert_int_equal(nr_free_pages(), total);
	expect_boot_state(&model);
}

static void test_order_max_order_is_null(void **state)
{
	(void)state;
	boot_and_check(&pc_layout);
	assert_null(alloc_pages(GFP_HIGHUSER, MAX_ORDER));
	assert_null(alloc_pages(GFP_KERNEL, MAX_ORDER + 5));
	expect_boot_state(&model);
}

/* 5. Errors caught by the allocator's own checks. */

/* An order-0 frame at an odd pfn, and whatever else it took to get one. */
static struct page *alloc_odd_frame(struct model *m)
{
	struct page *page;

	while ((page = alloc_page(GFP_KERNEL)) != NULL) {
		model_alloc(m, GFP_KERNEL, 0, page);
		if (page_to_pfn(page) & 1)
			return page;
	}
	fail_msg("no odd frame");
	return NULL;
}

static void test_double_free_panics(void **state)
{
	struct page *page;

	(void)state;
	boot_and_check(&pc_layout);
	page = alloc_pages(GFP_KERNEL, 2);
	__free_pages(page, 2);
	EXPECT_PANIC(__free_pages(page, 2));
	expect_dumped(page_to_pfn(page));
}

static void test_double_free_of_single_frame_panics(void **state)
{
	struct page *page;

	(void)state;
	boot_and_check(&pc_layout);
	page = alloc_odd_frame(&model); /* its buddy is free: it merges */
	__free_page(page);
	EXPECT_PANIC(__free_page(page));
	expect_dumped(page_to_pfn(page));
}

static void test_put_page_of_free_frame_panics(void **state)
{
	struct page *page;

	(void)state;
	boot_and_check(&pc_layout);
	page = alloc_page(GFP_HIGHUSER);
	put_page(page);
	EXPECT_PANIC(put_page(page));
	expect_dumped(page_to_pfn(page));
}

static void test_freeing_reserved_frames_panics(void **state)
{
	(void)state;
	boot_and_check(&pc_layout);
	EXPECT_PANIC(__free_page(pfn_to_page(0)));
	expect_dumped(0);
	EXPECT_PANIC(__free_page(pfn_to_page(3000)));
	expect_dumped(3000);
	EXPECT_PANIC(put_page(pfn_to_page(200)));
	expect_dumped(200);
}

static void test_misaligned_free_panics(void **state)
{
	struct page *page;

	(void)state;
	boot_and_check(&pc_layout);
	page = alloc_odd_frame(&model);
	EXPECT_PANIC(__free_pages(page, 1));
	expect_dumped(page_to_pfn(page));
}

/* A block of MAX_ORDER - 1 aligned even to MAX_ORDER (and whatever else it
 * took to get one). */
static struct page *alloc_top_block_aligned_twice(void)
{
	struct page *page;

	do
		page = alloc_pages(GFP_KERNEL, MAX_ORDER - 1);
	while (page && !IS_ALIGNED(page_to_pfn(page), 2 * MAX_ORDER_NR_PAGES));
	assert_non_null(page);
	return page;
}

static void test_free_of_order_max_order_panics(void **state)
{
	struct page *page;

	(void)state;
	boot_and_check(&pc_layout);
	page = alloc_top_block_aligned_twice(); /* only the order is wrong */
	EXPECT_PANIC(__free_pages(page, MAX_ORDER));
	expect_dumped(page_to_pfn(page));
}

/* An order far past MAX_ORDER is caught before it is used in a shift. */
static void test_free_of_huge_order_panics_without_undefined_shift(void **state)
{
	struct page *page;

	(void)state;
	boot_and_check(&pc_layout);
	page = alloc_page(GFP_KERNEL);
	assert_non_null(page);
	EXPECT_PANIC(__free_pages(page, 64));
	expect_dumped(page_to_pfn(page));
}

/* Freeing with too big an order would hand over a neighbour's live frame:
 * every tail frame is checked. */
static void test_free_with_too_big_an_order_panics(void **state)
{
	struct page *a, *b;

	(void)state;
	boot_and_check(&pc_layout);
	do { /* two live frames, the first at an even pfn */
		a = alloc_page(GFP_HIGHUSER);
		b = alloc_page(GFP_HIGHUSER);
		assert_true(a && b);
	} while (page_to_pfn(a) & 1 || b != a + 1);
	EXPECT_PANIC(__free_pages(a, 1));
	expect_dumped(page_to_pfn(b));
}

/* A stale pointer to a freed block, its count raised again by mistake. */
static void test_freeing_a_free_block_panics_whatever_its_count(void **state)
{
	struct page *page, *head;
	unsigned int order;

	(void)state;
	boot_and_check(&pc_layout);
	page = alloc_pages(GFP_KERNEL, 3);
	__free_pages(page, 3);
	head = pfn_to_page(page_to_pfn(page) & ~(MAX_ORDER_NR_PAGES - 1));
	assert_true(PageBuddy(head));
	order = (unsigned int)head->private;
	get_page(head);
	EXPECT_PANIC(__free_pages(head, order));
	expect_dumped(page_to_pfn(head));
}

static void test_freeing_a_tail_frame_panics(void **state)
{
	struct page *page;

	(void)state;
	boot_and_check(&pc_layout);
	page = alloc_pages(GFP_KERNEL, 3);
	EXPECT_PANIC(__free_pages(page + 4, 2));
	expect_dumped(page_to_pfn(page) + 4);
}

static void test_handing_over_a_frame_twice_panics(void **state)
{
	(void)state;
	boot_and_check(&pc_layout);
	EXPECT_PANIC(__free_pages_memory(3000, 3002));
	expect_dumped(3001);
}

static void test_get_free_pages_of_highmem_panics(void **state)
{
	(void)state;
	boot_and_check(&pc_layout);
	EXPECT_PANIC(__get_free_pages(GFP_HIGHUSER, 0));
	expect_boot_state(&model);
}

/* 6. /proc/buddyinfo. */

static void expect_buddyinfo(const char *want)
{
	char buf[1024];
	struct seq_buf s;

	seq_buf_init(&s, buf, sizeof(buf));
	buddyinfo_show(&s);
	assert_false(s.overflow);
	assert_string_equal(buf, want);
}

static void test_buddyinfo_is_linux_format(void **state)
{
	(void)state;
	boot_and_check(&small_layout);
	expect_buddyinfo(
		"Node 0, zone      DMA      1      1      1      1      0      0      0      0      0      0      0 \n"
		"Node 0, zone   Normal      1      1      0      0      1      1      1      1      1      1      1 \n"
		"Node 0, zone  HighMem      1      0      1      2      2      2      1      2      2      0      0 \n");
	/* DMA's single frame at 1 goes, HighMem's at 2051, and HighMem's
	 * order-2 block at 2052 is split: 2052 taken, 2054 left as order 1. */
	assert_int_equal(page_to_pfn(alloc_page(GFP_DMA)), 1);
	assert_int_equal(page_to_pfn(alloc_pages(GFP_HIGHUSER, 0)), 2051);
	assert_int_equal(page_to_pfn(alloc_pages(GFP_HIGHUSER, 1)), 2052);
	expect_buddyinfo(
		"Node 0, zone      DMA      0      1      1      1      0      0      0      0      0      0      0 \n"
		"Node 0, zone   Normal      1      1      0      0      1      1      1      1      1      1      1 \n"
		"Node 0, zone  HighMem      0      1      0      2      2      2      1      2      2      0      0 \n");
}

static void test_buddyinfo_skips_empty_zones(void **state)
{
	(void)state;
	boot_and_check(&lowmem_layout);
	expect_buddyinfo(
		"Node 0, zone      DMA      1      1      1      1      0      0      0      0      0      0      0 \n"
		"Node 0, zone   Normal      0      0      0      0      1      1      0      0      0      0      0 \n");
}

/* 7. get_order(), __GFP_ZERO and the address-based interface. */

static void test_get_order_is_the_smallest_fitting_order(void **state)
{
	(void)state;
	assert_int_equal(get_order(1), 0);
	assert_int_equal(get_order(PAGE_SIZE), 0);
	assert_int_equal(get_order(PAGE_SIZE + 1), 1);
	assert_int_equal(get_order(2 * PAGE_SIZE), 1);
	assert_int_equal(get_order(2 * PAGE_SIZE + 1), 2);
	assert_int_equal(get_order(3 * PAGE_SIZE), 2);
	assert_int_equal(get_order(MAX_ORDER_NR_PAGES * PAGE_SIZE),
			 MAX_ORDER - 1);
	assert_int_equal(get_order(MAX_ORDER_NR_PAGES * PAGE_SIZE + 1),
			 MAX_ORDER);
}

/* Frames [pfn, pfn + n) were each cleared exactly `times` times. */
static void expect_cleared(unsigned long pfn, unsigned long n,
			   unsigned int times)
{
	for (unsigned long f = pfn; f < pfn + n; f++)
		check(clear_count[f] == times, "pfn %lu cleared %u times", f,
		      clear_count[f]);
}

static bool frame_is(unsigned long pfn, unsigned char byte)
{
	for (unsigned long i = 0; i < PAGE_SIZE; i++)
		if (frame_data[pfn * PAGE_SIZE + i] != byte)
			return false;
	return true;
}

static void test_gfp_zero_clears_every_frame_of_the_block(void **state)
{
	struct page *page;
	unsigned long pfn;

	(void)state;
	boot_and_check(&tiny_layout);
	frame_data = malloc(tiny_layout.max * PAGE_SIZE);
	assert_non_null(frame_data);
	libc_memset(frame_data, 0xaa, tiny_layout.max * PAGE_SIZE);

	page = alloc_pages(GFP_HIGHUSER | __GFP_ZERO, 3);
	pfn = page_to_pfn(page);
	assert_int_equal(pfn, 32);
	assert_int_equal(nr_clears, 8);
	expect_cleared(0, 32, 0);
	expect_cleared(32, 8, 1);
	expect_cleared(40, 24, 0);
	for (unsigned long f = 0; f < tiny_layout.max; f++)
		check(frame_is(f, f >= 32 && f < 40 ? 0 : 0xaa),
		      "frame %lu has the wrong contents", f);
	__free_pages(page, 3);

	/* Without __GFP_ZERO nothing is cleared. */
	page = alloc_pages(GFP_KERNEL, 2);
	assert_int_equal(nr_clears, 8);
	__free_pages(page, 2);
	expect_boot_state(&model);
}

static void test_get_free_pages_round_trips_through_addresses(void **state)
{
	unsigned long addr, pfn, before;

	(void)state;
	boot_and_check(&tiny_layout);
	before = nr_free_pages();

	addr = __get_free_pages(GFP_KERNEL, 2);
	pfn = (addr - PAGE_OFFSET) >> PAGE_SHIFT;
	assert_true(addr >= PAGE_OFFSET && pfn < tiny_layout.max_low);
	assert_int_equal(addr & (4 * PAGE_SIZE - 1), 0);
	assert_ptr_equal(page_address(pfn_to_page(pfn)), (void *)addr);
	assert_int_equal(nr_free_pages(), before - 4);
	assert_int_equal(nr_clears, 0);
	free_pages(addr, 2);
	assert_int_equal(nr_free_pages(), before);

	addr = get_zeroed_page(GFP_KERNEL);
	pfn = (addr - PAGE_OFFSET) >> PAGE_SHIFT;
	assert_true(addr >= PAGE_OFFSET && pfn < tiny_layout.max_low);
	assert_int_equal(nr_clears, 1);
	expect_cleared(pfn, 1, 1);
	free_page(addr);
	free_pages(0, 3); /* does nothing */
	expect_boot_state(&model);
}

static void test_put_page_frees_on_the_last_reference(void **state)
{
	struct page *page;

	(void)state;
	boot_and_check(&tiny_layout);
	page = alloc_page(GFP_KERNEL);
	get_page(page);
	assert_int_equal(page_count(page), 2);
	put_page(page);
	assert_int_equal(page_count(page), 1);
	assert_int_equal(nr_free_pages(),
			 model.nr_free[ZONE_DMA] + model.nr_free[ZONE_NORMAL] +
				 model.nr_free[ZONE_HIGHMEM] - 1);
	put_page(page);
	expect_boot_state(&model);
}

static void test_free_page_list_frees_every_page_on_it(void **state)
{
	LIST_HEAD(list);

	(void)state;
	boot_and_check(&tiny_layout);
	for (int i = 0; i < 5; i++) {
		struct page *page =
			alloc_page(i % 2 ? GFP_KERNEL : GFP_HIGHUSER);

		list_add_tail(&page->lru, &list);
	}
	assert_int_equal(nr_free_pages(),
			 boot_state.free_pages[ZONE_DMA] +
				 boot_state.free_pages[ZONE_NORMAL] +
				 boot_state.free_pages[ZONE_HIGHMEM] - 5);
	free_page_list(&list);
	assert_true(list_empty(&list));
	expect_boot_state(&model);
}

static int group_setup(void **state)
{
	(void)state;
	register_console(&capture_console);
	return 0;
}

#define TEST(f) cmocka_unit_test_teardown(f, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_boot_hands_over_ram_as_maximal_aligned_blocks),
		TEST(test_boot_handover_order_does_not_matter),
		TEST(test_random_sequence_seed_1),
		TEST(test_random_sequence_seed_2),
		TEST(test_random_sequence_seed_3),
		TEST(test_random_sequence_seed_4),
		TEST(test_random_sequence_seed_5),
		TEST(test_highuser_takes_highmem_then_normal_then_dma),
		TEST(test_gfp_kernel_never_gets_highmem),
		TEST(test_gfp_dma_stays_below_16m_and_fails_when_dma_is_empty),
		TEST(test_gfp_dma_large_block_does_not_fall_back),
		TEST(test_every_frame_once_then_null_then_all_back),
		TEST(test_order_max_order_is_null),
		TEST(test_double_free_panics),
		TEST(test_double_free_of_single_frame_panics),
		TEST(test_put_page_of_free_frame_panics),
		TEST(test_freeing_reserved_frames_panics),
		TEST(test_misaligned_free_panics),
		TEST(test_free_of_order_max_order_panics),
		TEST(test_free_of_huge_order_panics_without_undefined_shift),
		TEST(test_free_with_too_big_an_order_panics),
		TEST(test_freeing_a_free_block_panics_whatever_its_count),
		TEST(test_freeing_a_tail_frame_panics),
		TEST(test_handing_over_a_frame_twice_panics),
		TEST(test_get_free_pages_of_highmem_panics),
		TEST(test_buddyinfo_is_linux_format),
		TEST(test_buddyinfo_skips_empty_zones),
		TEST(test_get_order_is_the_smallest_fitting_order),
		TEST(test_gfp_zero_clears_every_frame_of_the_block),
		TEST(test_get_free_pages_round_trips_through_addresses),
		TEST(test_put_page_frees_on_the_last_reference),
		TEST(test_free_page_list_frees_every_page_on_it),
	};

	return cmocka_run_group_tests(tests, group_setup, NULL);
}
