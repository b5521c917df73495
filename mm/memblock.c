/* mm/memblock.c - RAM and reserved ranges, and allocation before the buddy allocator. */
#include "arch/bug.h"
#include "arch/page.h"
#include "lib/printk.h"
#include "lib/string.h"
#include "mm/memblock.h"
#include "mm/mmzone.h"

struct memblock memblock = {
	.memory = { .name = "memory" },
	.reserved = { .name = "reserved" },
};

static u64 region_end(const struct memblock_region *r)
{
	return r->base + r->size;
}

/* Insert keeping the array sorted, then merge overlapping and touching
 * neighbours, so that every walk below sees disjoint sorted ranges. */
static void memblock_add_range(struct memblock_type *type, u64 base, u64 size)
{
	unsigned int i, out = 0;

	if (!size)
		return;
	if (type->cnt == INIT_MEMBLOCK_REGIONS)
		panic("memblock: too many %s regions", type->name);
	for (i = type->cnt; i > 0 && type->regions[i - 1].base > base; i--)
		type->regions[i] = type->regions[i - 1];
	type->regions[i].base = base;
	type->regions[i].size = size;
	type->cnt++;
	for (i = 1; i < type->cnt; i++) {
		struct memblock_region *last = &type->regions[out];
		struct memblock_region *r = &type->regions[i];

		if (r->base <= region_end(last)) {
			if (region_end(r) > region_end(last))
				last->size = region_end(r) - last->base;
		} else {
			type->regions[++out] = *r;
		}
	}
	type->cnt = out + 1;
}

void memblock_add(u64 base, u64 size)
{
	memblock_add_range(&memblock.memory, base, size);
}

void memblock_reserve(u64 base, u64 size)
{
	memblock_add_range(&memblock.reserved, base, size);
}

/* The first reserved region overlapping [base, end), or NULL. */
static const struct memblock_region *reserved_overlap(u64 base, u64 end)
{
	for (unsigned int i = 0; i < memblock.reserved.cnt; i++) {
		const struct memblock_region *r = &memblock.reserved.regions[i];

		if (r->base < end && base < region_end(r))
			return r;
	}
	return NULL;
}

/* Top-down, as Linux: the early tables stay out of ZONE_DMA when possible. */
void *memblock_alloc(size_t size, size_t align)
{
	for (unsigned int i = memblock.memory.cnt; i > 0; i--) {
		const struct memblock_region *m =
			&memblock.memory.regions[i - 1];
		u64 end = min(region_end(m), memblock.current_limit);

		while (end > m->base && end - m->base >= size) {
			u64 base = ALIGN_DOWN(end - size, (u64)align);
			const struct memblock_region *r;

			if (base < m->base)
				break;
			r = reserved_overlap(base, base + size);
			if (!r) {
				memblock_reserve(base, size);
				memset(__va(base), 0, size);
				return __va(base);
			}
			end = r->base; /* try below the region in the way */
		}
	}
	return NULL;
}

unsigned long memblock_ram_pages(unsigned long start_pfn, unsigned long end_pfn)
{
	unsigned long pages = 0;

	for (unsigned int i = 0; i < memblock.memory.cnt; i++) {
		const struct memblock_region *m = &memblock.memory.regions[i];
		unsigned long s =
			(unsigned long)(ALIGN_UP(m->base, (u64)PAGE_SIZE) >>
					PAGE_SHIFT);
		unsigned long e = (unsigned long)(region_end(m) >> PAGE_SHIFT);

		s = max(s, start_pfn);
		e = min(e, end_pfn);
		if (e > s)
			pages += e - s;
	}
	return pages;
}

/* Free the whole pages of [base, end) that lie below max_pfn. */
static unsigned long free_range(u64 base, u64 end)
{
	unsigned long s =
		(unsigned long)(ALIGN_UP(base, (u64)PAGE_SIZE) >> PAGE_SHIFT);
	unsigned long e = (unsigned long)min(end >> PAGE_SHIFT, (u64)max_pfn);

	return e > s ? __free_pages_memory(s, e) : 0;
}

unsigned long memblock_free_all(void)
{
	unsigned long freed = 0;

	/* Walk RAM minus reserved: both lists are sorted and disjoint. */
	for (unsigned int i = 0; i < memblock.memory.cnt; i++) {
		const struct memblock_region *m = &memblock.memory.regions[i];
		u64 cursor = m->base;

		for (unsigned int j = 0; j < memblock.reserved.cnt; j++) {
			const struct memblock_region *r =
				&memblock.reserved.regions[j];

			if (region_end(r) <= cursor || r->base >= region_end(m))
				continue;
			if (r->base > cursor)
				freed += free_range(cursor, r->base);
			cursor = max(cursor, region_end(r));
		}
		if (cursor < region_end(m))
			freed += free_range(cursor, region_end(m));
	}
	return freed;
}
