/*
 * mm/highmem.c - kmap and kmap_atomic: temporary kernel mappings of frames
 * above the direct map.
 *
 * kmap() uses the pkmap window, LAST_PKMAP page-table entries at PKMAP_BASE.
 * pkmap_count[nr] says what slot nr is doing:
 *	0	free, and not in any TLB
 *	1	no longer used, but still mapped (maybe cached in the TLB)
 *	n > 1	in use by n - 1 kmap()s
 * Unmapping is lazy: kunmap() only counts down to 1. When the search for a
 * free slot wraps around, flush_all_zero_pkmaps() clears every slot at 1
 * and flushes their TLB entries at once, instead of one invlpg per kunmap.
 *
 * kmap_atomic() uses KM_MAX_IDX fixmap slots as a stack: no counting, no
 * search, so it is cheap and may be used anywhere, provided mappings are
 * released in reverse order.
 */
#include "arch/bug.h"
#include "arch/cpu.h"
#include "lib/printk.h"
#include "mm/highmem.h"
#include "mm/pgtable.h"

/* The page_address() hash for kmapped highmem frames (Linux's
 * page_address_htable): 2^PA_HASH_ORDER buckets of slot lists. */
#define PA_HASH_ORDER 7
#define GOLDEN_RATIO_32 0x61C88647U /* Linux's include/linux/hash.h */

struct page_address_map {
	struct page *page;
	struct list_head list;
};

static int pkmap_count[LAST_PKMAP];
static unsigned int last_pkmap_nr;
static pte_t *pkmap_page_table;
static struct page_address_map page_address_maps[LAST_PKMAP];
static struct list_head page_address_htable[1 << PA_HASH_ORDER];
static int kmap_atomic_idx = -1;

static struct list_head *page_slot(const struct page *page)
{
	u32 h = (u32)page_to_pfn(page) * GOLDEN_RATIO_32;

	return &page_address_htable[h >> (32 - PA_HASH_ORDER)];
}

void *page_address(const struct page *page)
{
	struct page_address_map *pam;

	if (!PageHighMem(page))
		return __va(page_to_pfn(page) << PAGE_SHIFT);
	list_for_each_entry(pam, page_slot(page), list)
		if (pam->page == page)
			return (void *)PKMAP_ADDR(pam - page_address_maps);
	return NULL;
}

void kmap_init(void)
{
	pkmap_page_table = pte_offset_kernel(PKMAP_BASE);
	for (unsigned int i = 0; i < ARRAY_SIZE(page_address_htable); i++)
		INIT_LIST_HEAD(&page_address_htable[i]);
}

static void flush_all_zero_pkmaps(void)
{
	for (unsigned int nr = 0; nr < LAST_PKMAP; nr++) {
		if (pkmap_count[nr] != 1)
			continue;
		pkmap_count[nr] = 0;
		pkmap_page_table[nr] = 0;
		list_del(&page_address_maps[nr].list);
		page_address_maps[nr].page = NULL;
		invlpg(PKMAP_ADDR(nr));
	}
}

static unsigned long map_new_virtual(struct page *page)
{
	for (unsigned int count = LAST_PKMAP; count > 0; count--) {
		last_pkmap_nr = (last_pkmap_nr + 1) % LAST_PKMAP;
		if (last_pkmap_nr == 0)
			flush_all_zero_pkmaps();
		if (pkmap_count[last_pkmap_nr] == 0)
			break;
	}
	/* Linux sleeps here until a kunmap(); with nobody else to run, a
	 * full window can only be a missing kunmap(). */
	if (pkmap_count[last_pkmap_nr] != 0)
		panic("kmap: all %d pkmap slots are in use (a kunmap() is missing?)",
		      LAST_PKMAP);
	pkmap_page_table[last_pkmap_nr] =
		mk_pte(page_to_pfn(page), PAGE_KERNEL);
	pkmap_count[last_pkmap_nr] = 1;
	page_address_maps[last_pkmap_nr].page = page;
	list_add(&page_address_maps[last_pkmap_nr].list, page_slot(page));
	return PKMAP_ADDR(last_pkmap_nr);
}

void *kmap(struct page *page)
{
	unsigned long vaddr;

	if (!PageHighMem(page))
		return page_address(page);
	vaddr = (unsigned long)page_address(page);
	if (!vaddr)
		vaddr = map_new_virtual(page);
	pkmap_count[PKMAP_NR(vaddr)]++;
	return (void *)vaddr;
}

void kunmap(struct page *page)
{
	unsigned long vaddr;

	if (!PageHighMem(page))
		return;
	vaddr = (unsigned long)page_address(page);
	BUG_ON(!vaddr); /* not kmapped */
	BUG_ON(pkmap_count[PKMAP_NR(vaddr)] < 2); /* more kunmaps than kmaps */
	pkmap_count[PKMAP_NR(vaddr)]--;
}

unsigned int kmap_pkmap_in_use(void)
{
	unsigned int n = 0;

	for (unsigned int nr = 0; nr < LAST_PKMAP; nr++)
		n += pkmap_count[nr] > 1;
	return n;
}

int kmap_atomic_depth(void)
{
	return kmap_atomic_idx + 1;
}

void *kmap_atomic(struct page *page)
{
	unsigned long vaddr;

	if (!PageHighMem(page))
		return page_address(page);
	BUG_ON(kmap_atomic_idx + 1 >= KM_MAX_IDX);
	kmap_atomic_idx++;
	vaddr = __fix_to_virt(FIX_KMAP_BEGIN + kmap_atomic_idx);
	/* The slot was cleared and flushed by kunmap_atomic(). */
	*pte_offset_kernel(vaddr) = mk_pte(page_to_pfn(page), PAGE_KERNEL);
	return (void *)vaddr;
}

void kunmap_atomic(void *addr)
{
	unsigned long vaddr = (unsigned long)addr & PAGE_MASK;

	if (vaddr < FIXADDR_START || vaddr >= FIXADDR_TOP)
		return; /* lowmem: kmap_atomic() returned the direct map */
	/* Strictly nested: only the most recent slot may be released. */
	BUG_ON(kmap_atomic_idx < 0 ||
	       vaddr != __fix_to_virt(FIX_KMAP_BEGIN + kmap_atomic_idx));
	*pte_offset_kernel(vaddr) = 0;
	invlpg(vaddr);
	kmap_atomic_idx--;
}

void clear_highpage(struct page *page)
{
	void *kaddr = kmap_atomic(page);

	clear_page(kaddr);
	kunmap_atomic(kaddr);
}

void copy_highpage(struct page *to, struct page *from)
{
	void *vfrom = kmap_atomic(from);
	void *vto = kmap_atomic(to);

	copy_page(vto, vfrom);
	kunmap_atomic(vto);
	kunmap_atomic(vfrom);
}
