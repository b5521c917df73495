/*
 * tests/fuzz/fuzz_buddy.c - libFuzzer target: the buddy allocator
 * (mm/page_alloc.c) against the reference model of tests/model_buddy.c,
 * the one the unit tests use.
 *
 * An input is read through rnd() (tape.h: one byte for a choice of
 * up to 256, two little-endian bytes for more, zeros past the end):
 *
 *	the machine: 0 mini_pc_layout (below), 1 small_layout,
 *	2 lowmem_layout, 3 tiny_layout (model_buddy.c);
 *	for each RAM range of it, where to cut it in two for the handover
 *	to __free_pages_memory() (an offset into it) and whether the upper
 *	piece goes first;
 *	then operations until the input ends, each a byte (OP_*) and its
 *	parameters: OP_ALLOC a gfp and an order (random_alloc()), OP_FREE the
 *	index of a live block and how to free it (enum free_how),
 *	OP_GET_FREE_PAGES a lowmem gfp and an order
 *	(random_get_free_pages()).
 *
 * After every step the free lists are held against the model (aligned,
 * disjoint, merged, counted right), any difference aborts; at the end
 * every block is freed and the free lists must be those boot made. A
 * panic (a VM_BUG_ON_PAGE) is a crash too: the inputs only make valid
 * calls.
 */
#include <stddef.h>
#include <stdint.h>

#include "tests/fuzz/tape.h" /* system headers only: before the renaming */
#include "tests/host_names.h"
#include "tests/model_buddy.h"

enum buddy_op {
	OP_ALLOC,
	OP_FREE,
	OP_GET_FREE_PAGES,
	NR_BUDDY_OPS,
};

/*
 * model_buddy.c's pc_layout at a quarter of the size, as every step checks
 * every frame: pfn 0 and a BIOS-like hole reserved, RAM ranges across both
 * zone boundaries, neither boundary a multiple of MAX_ORDER_NR_PAGES (free
 * buddies on either side belong to different zones), a one-frame hole, a
 * hole in highmem, and highmem ending before max. Normal still holds one
 * aligned block of MAX_ORDER - 1.
 */
static const struct layout mini_pc_layout = {
	.max_dma = 512 + 3,
	.max_low = 2048 + 37,
	.max = 3300,
	.ram = { { 1, 159 }, { 256, 1000 }, { 1001, 2800 }, { 2807, 3293 } },
};

static const struct layout *const layouts[] = {
	&mini_pc_layout,
	&small_layout,
	&lowmem_layout,
	&tiny_layout,
};

/* Hand each RAM range over in two pieces, cut and ordered by the input:
 * the result must not depend on either. */
static void boot_in_pieces(const struct layout *l)
{
	init_machine(l);
	for (int r = 0; r < NR_RAM_MAX && l->ram[r][1]; r++) {
		unsigned long start = l->ram[r][0], end = l->ram[r][1];
		unsigned long cut = start + rnd(end - start + 1);

		if (rnd(2)) {
			boot_range(cut, end);
			boot_range(start, cut);
		} else {
			boot_range(start, cut);
			boot_range(cut, end);
		}
	}
	boot_done();
	save_boot_state();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct model *m = &model;

	tape_start(data, size);
	boot_in_pieces(layouts[rnd(ARRAY_SIZE(layouts))]);
	while (!tape_empty()) {
		switch ((enum buddy_op)rnd(NR_BUDDY_OPS)) {
		case OP_ALLOC:
			random_alloc(m);
			break;
		case OP_FREE:
			if (m->nr_blocks)
				free_block(m, rnd(m->nr_blocks),
					   (enum free_how)rnd(NR_FREE_HOW));
			break;
		default:
			random_get_free_pages(m);
			break;
		}
		check_free_lists(m, NULL);
	}
	free_all_shuffled(m);
	expect_boot_state(m);
	return 0; /* the machine's memory is kept for the next input */
}
