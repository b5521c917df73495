/*
 * tests/model_buddy.h - the buddy allocator (mm/page_alloc.c) on the host,
 * held against a reference model: a fake machine (mem_map, the zones of a
 * layout, mm/highmem.h's page_address and clear_highpage), the model of
 * which frames are free, and the operations that drive both.
 *
 * Shared by the unit tests (test_page_alloc.c) and the fuzz target
 * (fuzz/fuzz_buddy.c); model.h says what each of them provides.
 */
#ifndef TESTS_MODEL_BUDDY_H
#define TESTS_MODEL_BUDDY_H

#include "mm/gfp.h"
#include "tests/model.h"

/* A machine: free_area_init()'s zone limits, then RAM ranges [start, end)
 * handed to __free_pages_memory() in this order, up to one with end 0. */
#define NR_RAM_MAX 6

struct layout {
	unsigned long max_dma, max_low, max;
	unsigned long ram[NR_RAM_MAX][2];
};

/* A PC-like map with holes (model_buddy.c says which), 12300 frames. */
extern const struct layout pc_layout;
/* Small enough to write its /proc/buddyinfo by hand. */
extern const struct layout small_layout;
/* No highmem at all. */
extern const struct layout lowmem_layout;
/* 64 frames, all three zones. */
extern const struct layout tiny_layout;

enum zone_type layout_zone(const struct layout *l, unsigned long pfn);

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

extern struct model model;
/* The free lists as boot_and_check() (or save_boot_state()) found them. */
extern struct free_state boot_state;

/*
 * The fake mm/highmem.h. page_address() gives the direct-map address the
 * kernel would (lowmem only); it is never dereferenced. Frame contents
 * live in frame_data, when a test allocates it; clear_highpage() zeroes
 * them and counts its calls, per frame (clear_count) and in all (nr_clears).
 */
extern unsigned char *frame_data;
extern unsigned int *clear_count;
extern unsigned long nr_clears;

/* A fresh mem_map with every frame reserved, as mm_init() leaves it just
 * before memblock hands RAM over; the model empty; boot_state kept. */
void init_machine(const struct layout *l);
/* Free the machine, the model and boot_state (nothing is left allocated). */
void free_machine(void);
/* The model's side of a handover: frames [start, end) are free RAM. */
void model_hand_over(struct model *m, unsigned long start, unsigned long end);
/* Boot: hand [start, end) over, which must all be RAM of the layout. */
void boot_range(unsigned long start, unsigned long end);
/* Boot is over: mm_init() counts each zone's RAM frames. */
void boot_done(void);
/* Boot, handing every RAM range of the layout over in the layout's order. */
void boot(const struct layout *l);
/* Check the free lists and keep them in boot_state. */
void save_boot_state(void);
/* boot() and save_boot_state(). */
void boot_and_check(const struct layout *l);

/*
 * Read every free list and hold it against the model (model_fail() at the
 * first difference); copy what it read into fs, if given.
 */
void check_free_lists(struct model *m, struct free_state *fs);
/* The free lists are the ones boot made, block for block. */
void expect_boot_state(struct model *m);

/* The zones gfp may use, preferred first (mm/gfp.h's promise). */
int allowed_zones(gfp_t gfp, enum zone_type zs[MAX_NR_ZONES]);
/* Check what alloc_pages(gfp, order) returned and record it as live. */
void model_alloc(struct model *m, gfp_t gfp, unsigned int order,
		 struct page *page);
/* The live block i was freed. */
void model_free(struct model *m, size_t i);

/* The ways a block goes back, as free_block() takes them. */
enum free_how {
	FREE_PAGES, /* __free_pages(page, order) */
	FREE_PUT_PAGE, /* order 0: get_page, then put_page twice */
	FREE_BY_ADDRESS, /* lowmem: free_pages(page_address(page), order) */
	NR_FREE_HOW,
};

/* Free the live block i as `how` says (where it applies, else with
 * __free_pages), and tell the model. */
void free_block(struct model *m, size_t i, enum free_how how);
/* Free every live block, in an order rnd() picks. */
void free_all_shuffled(struct model *m);
/* alloc_pages() with a gfp and an order that rnd() picks, checked. */
void random_alloc(struct model *m);
/* __get_free_pages() (or get_zeroed_page()) of lowmem, picked by rnd(). */
void random_get_free_pages(struct model *m);

#endif
