/*
 * tests/test_page_alloc.c - mm/page_alloc.c, the buddy allocator, on the host.
 *
 * The allocator under test is the kernel's own mm/page_alloc.c, built by
 * tests/host.mk, on the fake machine of tests/model_buddy.c; panic() here
 * jumps back into a test that expected it.
 *
 * The allocator is checked against model_buddy.c's reference model (struct
 * model) after every step: check_free_lists() reads the free lists as a
 * debugger would and holds them, frame by frame, against what the model
 * says is free. tests/fuzz/fuzz_buddy.c drives the same model with
 * libFuzzer's inputs.
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

#include "tests/host_names.h"
#include "tests/host_console.h"
#include "tests/model_buddy.h"
#include "arch/panic.h"
#include "lib/printk.h"
#include "lib/seq_buf.h"
#include "mm/highmem.h"

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
		console_clear();                                          \
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

static int teardown(void **state)
{
	(void)state;
	free_machine();
	return 0;
}

/*
 * Allocate and free at random, checking every step against the model; in
 * turns of 500 steps the odds favour allocating (down to exhaustion, where
 * NULL must be right) or freeing (so that large blocks form again).
 */
static void run_random_sequence(u64 seed, unsigned int steps)
{
	struct model *m = &model;

	rnd_seed(seed);
	boot_and_check(&pc_layout);
	for (unsigned int step = 0; step < steps; step++) {
		unsigned long alloc_percent = (step / 500) % 2 ? 30 : 75;

		if (m->nr_blocks && rnd(100) >= alloc_percent)
			free_block(m, rnd(m->nr_blocks), (enum free_how)rnd(2));
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
	rnd_seed(7);
	boot_and_check(&pc_layout);
	alloc_frames_until_null(&model, GFP_HIGHUSER);
	check_free_lists(&model, NULL);
	free_all_shuffled(&model);
	expect_boot_state(&model);
}

static void test_gfp_kernel_never_gets_highmem(void **state)
{
	(void)state;
	rnd_seed(8);
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
	rnd_seed(9);
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
	rnd_seed(10);
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
	console_capture_start();
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
