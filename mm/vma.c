/*
 * mm/vma.c - the VMA set of an mm: an address-ordered list for walking, a
 * red-black tree for finding, and a one-entry cache in front of the tree.
 * Every change goes through insert_vm_struct/vma_unlink, which keep the
 * list, the tree, map_count and total_vm in step.
 */
#include "lib/errno.h"
#include "lib/printk.h"
#include "mm/filemap.h"
#include "mm/slab.h"
#include "mm/vma.h"

static struct kmem_cache *vm_area_cachep;

struct vm_area_struct *vm_area_alloc(struct mm_struct *mm)
{
	struct vm_area_struct *vma;

	if (!vm_area_cachep) {
		vm_area_cachep =
			kmem_cache_create("vm_area_struct", sizeof(*vma), 0);
		if (!vm_area_cachep)
			return NULL;
	}
	vma = kmem_cache_alloc(vm_area_cachep, __GFP_ZERO);
	if (vma)
		vma->vm_mm = mm;
	return vma;
}

void vm_area_free(struct vm_area_struct *vma)
{
	kmem_cache_free(vm_area_cachep, vma);
}

static unsigned long vma_pages(const struct vm_area_struct *vma)
{
	return (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
}

struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma = mm->mmap_cache, *found = NULL;
	struct rb_node *node;

	if (vma && vma->vm_start <= addr && addr < vma->vm_end)
		return vma;
	for (node = mm->mm_rb.rb_node; node;) {
		vma = rb_entry(node, struct vm_area_struct, vm_rb);
		if (vma->vm_end > addr) {
			found = vma;
			if (vma->vm_start <= addr)
				break;
			node = node->rb_left;
		} else {
			node = node->rb_right;
		}
	}
	if (found)
		mm->mmap_cache = found;
	return found;
}

struct vm_area_struct *find_vma_prev(struct mm_struct *mm, unsigned long addr,
				     struct vm_area_struct **pprev)
{
	struct vm_area_struct *vma = find_vma(mm, addr), *last;

	if (vma) {
		*pprev = vma->vm_prev;
		return vma;
	}
	for (last = mm->mmap; last && last->vm_next; last = last->vm_next)
		;
	*pprev = last;
	return NULL;
}

struct vm_area_struct *find_vma_intersection(struct mm_struct *mm,
					     unsigned long start,
					     unsigned long end)
{
	struct vm_area_struct *vma = find_vma(mm, start);

	return vma && vma->vm_start < end ? vma : NULL;
}

int insert_vm_struct(struct mm_struct *mm, struct vm_area_struct *vma)
{
	struct rb_node **link = &mm->mm_rb.rb_node, *parent = NULL;
	struct vm_area_struct *prev = NULL, *next;

	/* Walk down to the leaf where vma belongs, remembering the VMA just
	 * below it: that is its list predecessor. */
	while (*link) {
		struct vm_area_struct *v =
			rb_entry(*link, struct vm_area_struct, vm_rb);

		parent = *link;
		if (vma->vm_end <= v->vm_start) {
			link = &parent->rb_left;
		} else if (vma->vm_start >= v->vm_end) {
			prev = v;
			link = &parent->rb_right;
		} else {
			return -EINVAL; /* overlap */
		}
	}
	rb_link_node(&vma->vm_rb, parent, link);
	rb_insert_color(&vma->vm_rb, &mm->mm_rb);

	next = prev ? prev->vm_next : mm->mmap;
	vma->vm_prev = prev;
	vma->vm_next = next;
	if (prev)
		prev->vm_next = vma;
	else
		mm->mmap = vma;
	if (next)
		next->vm_prev = vma;
	vma->vm_mm = mm;
	mm->map_count++;
	mm->total_vm += vma_pages(vma);
	return 0;
}

void vma_unlink(struct mm_struct *mm, struct vm_area_struct *vma)
{
	rb_erase(&vma->vm_rb, &mm->mm_rb);
	if (vma->vm_prev)
		vma->vm_prev->vm_next = vma->vm_next;
	else
		mm->mmap = vma->vm_next;
	if (vma->vm_next)
		vma->vm_next->vm_prev = vma->vm_prev;
	if (mm->mmap_cache == vma)
		mm->mmap_cache = NULL;
	mm->map_count--;
	mm->total_vm -= vma_pages(vma);
}

int __split_vma(struct mm_struct *mm, struct vm_area_struct *vma,
		unsigned long addr, int new_below)
{
	struct vm_area_struct *new;
	unsigned long start = vma->vm_start;

	new = vm_area_alloc(mm);
	if (!new)
		return -ENOMEM;
	*new = *vma;
	if (new->vm_file) /* each VMA holds its own reference (Linux's get_file) */
		get_file(new->vm_file);
	/* Shrink vma in place (unlink/relink keeps the counts right), then
	 * add the other part as a VMA of its own. */
	vma_unlink(mm, vma);
	if (new_below) {
		new->vm_end = addr;
		vma->vm_start = addr;
		vma->vm_pgoff += (addr - start) >> PAGE_SHIFT;
	} else {
		vma->vm_end = addr;
		new->vm_start = addr;
		new->vm_pgoff += (addr - start) >> PAGE_SHIFT;
	}
	insert_vm_struct(mm, vma);
	insert_vm_struct(mm, new);
	return 0;
}

int split_vma(struct mm_struct *mm, struct vm_area_struct *vma,
	      unsigned long addr, int new_below)
{
	/* Linux's vm.max_map_count: a split adds a VMA. */
	if (mm->map_count >= MAX_MAP_COUNT)
		return -ENOMEM;
	return __split_vma(mm, vma, addr, new_below);
}

/* Can b continue a (a ends where b starts) as one VMA? */
static bool can_merge(const struct vm_area_struct *a,
		      const struct vm_area_struct *b)
{
	return a->vm_end == b->vm_start && a->vm_flags == b->vm_flags &&
	       a->vm_page_prot == b->vm_page_prot && a->vm_file == b->vm_file &&
	       (!a->vm_file || a->vm_pgoff + vma_pages(a) == b->vm_pgoff);
}

/* a absorbs b, which is freed. */
static void merge_into(struct mm_struct *mm, struct vm_area_struct *a,
		       struct vm_area_struct *b)
{
	unsigned long end = b->vm_end;

	vma_unlink(mm, b);
	if (b->vm_file)
		fput(b->vm_file); /* b's reference goes with it */
	vm_area_free(b);
	vma_unlink(mm, a);
	a->vm_end = end;
	insert_vm_struct(mm, a);
}

struct vm_area_struct *vma_merge(struct mm_struct *mm,
				 struct vm_area_struct *vma)
{
	if (vma->vm_next && can_merge(vma, vma->vm_next))
		merge_into(mm, vma, vma->vm_next);
	if (vma->vm_prev && can_merge(vma->vm_prev, vma)) {
		struct vm_area_struct *prev = vma->vm_prev;

		merge_into(mm, prev, vma);
		vma = prev;
	}
	return vma;
}

static int vma_bug(const struct vm_area_struct *vma, const char *what)
{
	if (vma)
		pr_err("validate_mm: vma %08lx-%08lx flags %#lx: %s\n",
		       vma->vm_start, vma->vm_end, vma->vm_flags, what);
	else
		pr_err("validate_mm: %s\n", what);
	return -EINVAL;
}

int validate_mm(struct mm_struct *mm)
{
	const struct vm_area_struct *vma, *prev = NULL;
	struct rb_node *node = rb_first(&mm->mm_rb);
	unsigned long pages = 0;
	int count = 0;

	for (vma = mm->mmap; vma; prev = vma, vma = vma->vm_next, count++) {
		if (vma->vm_start >= vma->vm_end)
			return vma_bug(vma, "empty or inverted");
		if ((vma->vm_start | vma->vm_end) & ~PAGE_MASK)
			return vma_bug(vma, "not page aligned");
		if (vma->vm_prev != prev)
			return vma_bug(vma, "vm_prev is wrong");
		if (prev && prev->vm_end > vma->vm_start)
			return vma_bug(vma, "overlaps or is out of order");
		if (vma->vm_mm != mm)
			return vma_bug(vma, "belongs to another mm");
		if (!node ||
		    rb_entry(node, struct vm_area_struct, vm_rb) != vma)
			return vma_bug(vma, "list and tree disagree");
		node = rb_next(node);
		pages += vma_pages(vma);
	}
	if (node)
		return vma_bug(NULL, "the tree has more VMAs than the list");
	if (count != mm->map_count)
		return vma_bug(NULL, "map_count is wrong");
	if (pages != mm->total_vm)
		return vma_bug(NULL, "total_vm is wrong");
	/* Not through find_vma(), which would trust the cache itself. */
	if (mm->mmap_cache) {
		for (vma = mm->mmap; vma && vma != mm->mmap_cache;
		     vma = vma->vm_next)
			;
		if (!vma)
			return vma_bug(NULL, "mmap_cache is not in the list");
	}
	return 0;
}
