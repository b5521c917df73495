/*
 * tests/model_buddy.c - the buddy allocator against its reference model
 * (model_buddy.h).
 *
 * The allocator is the kernel's own mm/page_alloc.c; only its surroundings
 * are fakes: mem_map is a calloc'd array and page_address() and
 * clear_highpage() stand in for mm/highmem.c. check_free_lists() reads the
 * free lists as a debugger would and holds them, frame by frame, against
 * what the model says is free.
 */
#include <stdlib.h>
#include <string.h>

/* libc's versions, for the model's own use; taken before the renaming. */
static void *(*const libc_memset)(void *, int, size_t) = memset;
static void *(*const libc_memcpy)(void *, const void *, size_t) = memcpy;
static int (*const libc_memcmp)(const void *, const void *, size_t) = memcmp;

#include "tests/host_names.h"
#include "tests/model_buddy.h"
#include "mm/highmem.h"

/*
 * A PC-like map: pfn 0 (the real-mode IVT) and the 640 KiB - 1 MiB hole
 * reserved, a one-frame hole, a range across both zone boundaries, Normal
 * ending at 8192 + 37 (not a multiple of MAX_ORDER_NR_PAGES, so the frames
 * on either side of it are buddies in different zones), a hole in highmem
 * and highmem ending before max.
 */
const struct layout pc_layout = {
	.max_dma = MAX_DMA_PFN,
	.max_low = 8192 + 37,
	.max = 12300,
	.ram = { { 1, 159 }, { 256, 3000 }, { 3001, 10000 }, { 10007, 12293 } },
};

const struct layout small_layout = {
	.max_dma = 16,
	.max_low = 2048 + 3,
	.max = 3000,
	.ram = { { 1, 16 }, { 16, 2051 }, { 2051, 3000 } },
};

const struct layout lowmem_layout = {
	.max_dma = 16,
	.max_low = 64,
	.max = 64,
	.ram = { { 1, 64 } },
};

const struct layout tiny_layout = {
	.max_dma = 16,
	.max_low = 32,
	.max = 64,
	.ram = { { 1, 64 } },
};

struct model model;
struct free_state boot_state;
unsigned char *frame_data;
unsigned int *clear_count;
unsigned long nr_clears;

enum zone_type layout_zone(const struct layout *l, unsigned long pfn)
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

/*
 * The machine's arrays are kept from one machine to the next while they are
 * big enough (the fuzz target boots thousands of machines: fresh memory
 * each time costs more than the boot); capacity is their size in frames.
 */
static unsigned long capacity;

/* Everything but boot_state, which a test may hold a second boot to. */
static void free_mem_map_and_model(void)
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
	capacity = 0;
}

void free_machine(void)
{
	free_mem_map_and_model();
	free(boot_state.frame);
	boot_state.frame = NULL;
}

static void alloc_machine(unsigned long n)
{
	struct model *m = &model;

	free_mem_map_and_model();
	mem_map = malloc(n * sizeof(struct page));
	clear_count = malloc(n * sizeof(*clear_count));
	m->managed = malloc(n * sizeof(bool));
	m->live = malloc(n * sizeof(bool));
	m->blocks = malloc(n * sizeof(struct block));
	m->scratch = malloc(n);
	check(mem_map && clear_count && m->managed && m->live && m->blocks &&
		      m->scratch,
	      "out of memory for a machine of %lu frames", n);
	capacity = n;
}

void init_machine(const struct layout *l)
{
	struct model *m = &model;
	unsigned long n = l->max;

	free(frame_data);
	frame_data = NULL;
	if (n > capacity)
		alloc_machine(n);
	/* free_area_init() fills mem_map[0, n); the rest starts empty. */
	libc_memset(clear_count, 0, n * sizeof(*clear_count));
	libc_memset(m->managed, 0, n * sizeof(bool));
	libc_memset(m->live, 0, n * sizeof(bool));
	libc_memset(m->managed_pages, 0, sizeof(m->managed_pages));
	libc_memset(m->nr_free, 0, sizeof(m->nr_free));
	m->nr_blocks = 0;
	m->layout = l;
	m->nr_frames = n;
	nr_clears = 0;
	max_low_pfn = l->max_low;
	max_pfn = l->max;
	free_area_init(l->max_dma, l->max_low, l->max);
}

void model_hand_over(struct model *m, unsigned long start, unsigned long end)
{
	for (unsigned long pfn = start; pfn < end; pfn++) {
		enum zone_type z = layout_zone(m->layout, pfn);

		m->managed[pfn] = true;
		m->managed_pages[z]++;
		m->nr_free[z]++;
	}
}

void boot_range(unsigned long start, unsigned long end)
{
	unsigned long got = __free_pages_memory(start, end);

	check(got == end - start, "__free_pages_memory(%lu, %lu) is %lu", start,
	      end, got);
	model_hand_over(&model, start, end);
}

void boot_done(void)
{
	for (int z = 0; z < MAX_NR_ZONES; z++)
		zones[z].present_pages = model.managed_pages[z];
}

void boot(const struct layout *l)
{
	init_machine(l);
	for (int r = 0; r < NR_RAM_MAX && l->ram[r][1]; r++)
		boot_range(l->ram[r][0], l->ram[r][1]);
	boot_done();
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

/* One zone's lists: each entry a good free block; nr_free counts them. */
static unsigned long check_zone_lists(struct model *m, int z,
				      struct free_state *fs)
{
	struct zone *zone = &zones[z];
	unsigned long frames = 0, nr_blocks = 0;

	for (unsigned int o = 0; o < MAX_ORDER; o++) {
		struct list_head *list = &zone->free_area[o].free_list;
		unsigned long n = 0;

		for (struct list_head *pos = list->next; pos != list;
		     pos = pos->next) {
			check(pos->next->prev == pos,
			      "zone %s order %u: list broken", zone->name, o);
			check(++n <= m->nr_frames,
			      "zone %s order %u: list has no end", zone->name,
			      o);
			check_free_block(m, (enum zone_type)z, o,
					 list_entry(pos, struct page, lru));
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
	return nr_blocks;
}

/*
 * Each entry of every free list is the head of an aligned block of its
 * list's order inside its zone, made of managed frames that are not live
 * and in no other block; nr_free and free_pages count what is there and
 * every free frame of the model is found; no two free buddies of one zone
 * are left unmerged; holes are still reserved.
 */
void check_free_lists(struct model *m, struct free_state *fs)
{
	const struct layout *l = m->layout;
	unsigned long nr_blocks = 0, nr_buddy = 0, free_sum = 0;

	libc_memset(m->scratch, 0, m->nr_frames);
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		struct zone *zone = &zones[z];

		check(zone->zone_start_pfn == layout_zone_start(l, z) &&
			      zone_end_pfn(zone) == layout_zone_end(l, z),
		      "zone %s spans [%lu, %lu)", zone->name,
		      zone->zone_start_pfn, zone_end_pfn(zone));
		check(zone->managed_pages == m->managed_pages[z],
		      "zone %s manages %lu frames, not %lu", zone->name,
		      zone->managed_pages, m->managed_pages[z]);
		nr_blocks += check_zone_lists(m, z, fs);
		free_sum += m->nr_free[z];
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
	check(nr_free_pages() == free_sum, "nr_free_pages() %lu, model %lu",
	      nr_free_pages(), free_sum);
	if (fs)
		libc_memcpy(fs->frame, m->scratch, m->nr_frames);
}

void save_boot_state(void)
{
	free(boot_state.frame);
	boot_state.frame = calloc(model.nr_frames, 1);
	check(boot_state.frame, "out of memory for the boot state");
	check_free_lists(&model, &boot_state);
}

void boot_and_check(const struct layout *l)
{
	boot(l);
	save_boot_state();
}

void expect_boot_state(struct model *m)
{
	struct free_state now = { .frame = calloc(m->nr_frames, 1) };

	check(now.frame, "out of memory for the free state");
	check_free_lists(m, &now);
	for (unsigned long pfn = 0; pfn < m->nr_frames; pfn++)
		if (now.frame[pfn] != boot_state.frame[pfn]) {
			free(now.frame);
			model_fail("pfn %lu: free-map %#x, after boot %#x", pfn,
				   now.frame[pfn], boot_state.frame[pfn]);
		}
	free(now.frame);
	check(libc_memcmp(now.nr_free, boot_state.nr_free,
			  sizeof(now.nr_free)) == 0,
	      "the free blocks per order are not boot's");
	check(libc_memcmp(now.free_pages, boot_state.free_pages,
			  sizeof(now.free_pages)) == 0,
	      "the free frames per zone are not boot's");
}

int allowed_zones(gfp_t gfp, enum zone_type zs[MAX_NR_ZONES])
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
 * NULL only if no zone gfp allows has a free block of that order;
 * otherwise an aligned block of free frames, from the first zone in gfp's
 * preference that had one.
 */
void model_alloc(struct model *m, gfp_t gfp, unsigned int order,
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

void model_free(struct model *m, size_t i)
{
	struct block b = m->blocks[i];
	unsigned long pfn = page_to_pfn(b.page);

	for (unsigned long f = pfn; f < pfn + (1UL << b.order); f++)
		m->live[f] = false;
	m->nr_free[layout_zone(m->layout, pfn)] += 1UL << b.order;
	m->blocks[i] = m->blocks[--m->nr_blocks];
}

void free_block(struct model *m, size_t i, enum free_how how)
{
	struct page *page = m->blocks[i].page;
	unsigned int order = m->blocks[i].order;

	if (how == FREE_PUT_PAGE && order == 0) {
		get_page(page);
		put_page(page); /* the other reference is left */
		check(page_count(page) == 1, "put_page of 2 left %d",
		      page_count(page));
		put_page(page);
	} else if (how == FREE_BY_ADDRESS && !PageHighMem(page)) {
		free_pages((unsigned long)page_address(page), order);
	} else {
		__free_pages(page, order);
	}
	model_free(m, i);
}

void free_all_shuffled(struct model *m)
{
	while (m->nr_blocks)
		free_block(m, rnd(m->nr_blocks), (enum free_how)rnd(2));
}

/* Kernel data, ISA DMA, user pages, and each of them zeroed or not. */
static const gfp_t gfps[] = {
	GFP_KERNEL,
	GFP_DMA,
	GFP_HIGHUSER,
	GFP_KERNEL | __GFP_ZERO,
	GFP_HIGHUSER | __GFP_ZERO,
};

/* Half of any order, half small: a full machine still has those. */
static unsigned int random_order(void)
{
	return (unsigned int)(rnd(2) ? rnd(MAX_ORDER) : rnd(4));
}

/* __GFP_ZERO cleared each frame of what came back, once; nothing else. */
static void expect_clears(gfp_t gfp, unsigned int order,
			  const struct page *page, unsigned long before)
{
	unsigned long want = page && (gfp & __GFP_ZERO) ? 1UL << order : 0;

	check(nr_clears - before == want,
	      "alloc(%#x, %u): %lu frames cleared, want %lu", gfp, order,
	      nr_clears - before, want);
}

void random_alloc(struct model *m)
{
	gfp_t gfp = gfps[rnd(ARRAY_SIZE(gfps))];
	unsigned int order = random_order();
	unsigned long clears = nr_clears;
	struct page *page = alloc_pages(gfp, order);

	model_alloc(m, gfp, order, page);
	expect_clears(gfp, order, page, clears);
}

void random_get_free_pages(struct model *m)
{
	static const gfp_t lowmem_gfps[] = { GFP_KERNEL, GFP_DMA,
					     GFP_KERNEL | __GFP_ZERO,
					     GFP_DMA | __GFP_ZERO };
	gfp_t gfp = lowmem_gfps[rnd(ARRAY_SIZE(lowmem_gfps))];
	unsigned int order = random_order();
	unsigned long clears = nr_clears, addr;
	struct page *page;

	if (gfp == (GFP_KERNEL | __GFP_ZERO) && order == 0)
		addr = get_zeroed_page(GFP_KERNEL);
	else
		addr = __get_free_pages(gfp, order);
	page = addr ? virt_to_page((void *)addr) : NULL;
	check(!addr || (addr >= PAGE_OFFSET && IS_ALIGNED(addr, PAGE_SIZE)),
	      "__get_free_pages(%#x, %u) is %#lx", gfp, order, addr);
	model_alloc(m, gfp, order, page);
	check(!page || page_address(page) == (void *)addr,
	      "__get_free_pages(%#x, %u): %#lx is not its page's address", gfp,
	      order, addr);
	expect_clears(gfp, order, page, clears);
}
