/*
 * tests/model_vma.c - the VMA set against a model of the address space
 * (model_vma.h).
 *
 * The code under test is the kernel's own mm/vma.c over lib/rbtree.c. The
 * model is the address space as an array of pages, each unmapped or mapped
 * with its VMA's first page, flags, protection, file and file page; after
 * every step the mm is read back page by page through find_vma() and
 * compared with it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* libc's versions, for the model's own use; taken before the renaming. */
static int (*const libc_snprintf)(char *, size_t, const char *, ...) = snprintf;
static void *(*const libc_memset)(void *, int, size_t) = memset;
static int (*const libc_memcmp)(const void *, const void *, size_t) = memcmp;

#include "tests/host_names.h"
#include "tests/host_console.h"
#include "tests/model_vma.h"
#include "lib/errno.h"

struct file files[2];
struct kmem_cache fake_cache;
unsigned int nr_creates;
static void *live[MAX_LIVE];
unsigned int nr_live;
bool fail_alloc;
struct mm_struct mm;
struct snapshot snap_before;
static struct snapshot snap_after;

struct kmem_cache *kmem_cache_create(const char *name, unsigned int size,
				     unsigned int align)
{
	check(nr_creates == 0, "kmem_cache_create(\"%s\") called again", name);
	nr_creates++;
	fake_cache.name = name;
	fake_cache.object_size = fake_cache.size = size;
	fake_cache.align = align;
	return &fake_cache;
}

void *kmem_cache_alloc(struct kmem_cache *cache, gfp_t gfp)
{
	void *obj;

	check(cache == &fake_cache, "kmem_cache_alloc from an unknown cache");
	if (fail_alloc) {
		fail_alloc = false;
		return NULL;
	}
	check(nr_live < MAX_LIVE, "more than %d live objects", MAX_LIVE);
	obj = malloc(cache->object_size);
	check(obj, "out of memory");
	libc_memset(obj, gfp & __GFP_ZERO ? 0 : 0xa5, cache->object_size);
	live[nr_live++] = obj;
	return obj;
}

void kmem_cache_free(struct kmem_cache *cache, void *obj)
{
	check(cache == &fake_cache, "kmem_cache_free to an unknown cache");
	for (unsigned int i = 0; i < nr_live; i++) {
		if (live[i] == obj) {
			live[i] = live[--nr_live];
			free(obj);
			return;
		}
	}
	model_fail("kmem_cache_free(%p): not a live object", obj);
}

void reset_mm(void)
{
	while (nr_live)
		free(live[--nr_live]);
	libc_memset(&mm, 0, sizeof(mm));
	mm.mm_rb = RB_ROOT;
	libc_memset(files, 0, sizeof(files));
	fail_alloc = false;
	console_clear();
}

struct vm_area_struct *new_vma_prot(unsigned long start, unsigned long end,
				    unsigned long flags, unsigned long prot,
				    struct file *file, unsigned long pgoff)
{
	struct vm_area_struct *vma = vm_area_alloc(&mm);

	check(vma, "vm_area_alloc failed");
	vma->vm_start = start;
	vma->vm_end = end;
	vma->vm_flags = flags;
	vma->vm_page_prot = prot;
	vma->vm_file = file;
	vma->vm_pgoff = pgoff;
	return vma;
}

struct vm_area_struct *new_vma(unsigned long start, unsigned long end,
			       unsigned long flags, struct file *file,
			       unsigned long pgoff)
{
	return new_vma_prot(start, end, flags, prot_of(flags), file, pgoff);
}

void unmap(struct vm_area_struct *vma)
{
	vma_unlink(&mm, vma);
	vm_area_free(vma);
}

bool cache_is_live(void)
{
	unsigned int n = 0;

	if (!mm.mmap_cache)
		return true;
	for (struct vm_area_struct *v = mm.mmap; v && n++ < MAX_LIVE;
	     v = v->vm_next)
		if (v == mm.mmap_cache)
			return true;
	return false;
}

void take_snapshot(struct snapshot *s)
{
	struct rb_node *node = rb_first(&mm.mm_rb);
	unsigned int n = 0;

	libc_memset(s, 0, sizeof(*s));
	s->mm = mm;
	for (struct vm_area_struct *v = mm.mmap; v; v = v->vm_next, n++) {
		check(n < MAX_SNAP, "too many VMAs for a snapshot");
		s->vma[n] = v;
		s->copy[n] = *v;
		s->inorder[n] = node;
		node = node ? rb_next(node) : NULL;
	}
	s->n = n;
}

void expect_unchanged(const struct snapshot *before, const char *what)
{
	take_snapshot(&snap_after);
	check(libc_memcmp(&before->mm, &snap_after.mm, sizeof(mm)) == 0,
	      "%s changed the mm_struct", what);
	check(before->n == snap_after.n, "%s: %u VMAs, were %u", what,
	      snap_after.n, before->n);
	for (unsigned int i = 0; i < before->n; i++) {
		check(before->vma[i] == snap_after.vma[i] &&
			      libc_memcmp(&before->copy[i], &snap_after.copy[i],
					  sizeof(struct vm_area_struct)) == 0,
		      "%s changed VMA %u (%#lx-%#lx)", what, i,
		      before->copy[i].vm_start, before->copy[i].vm_end);
		check(before->inorder[i] == snap_after.inorder[i],
		      "%s changed the tree at %u", what, i);
	}
}

/* The model. */

struct mpage {
	bool mapped;
	unsigned int start; /* the first page of its VMA */
	unsigned long flags, prot;
	struct file *file;
	unsigned long pgoff; /* the file page mapped here (file VMAs) */
};

static struct mpage model[NPAGES];
/* What find_vma_prev() must overwrite. */
static struct vm_area_struct fake_vma_poison;
static unsigned int step_now;
static char op_now[96];
/* check_model()'s own choices (xorshift64*): it leaves rnd() to the
 * operations, so that a fuzzer's input bytes are all operations. */
static u64 probe_rng = 1;

#define mcheck(cond, fmt, ...)                                                 \
	do {                                                                   \
		if (!(cond))                                                   \
			model_fail("step %u after %s: " fmt, step_now, op_now, \
				   ##__VA_ARGS__);                             \
	} while (0)

static unsigned long probe(unsigned long n)
{
	probe_rng ^= probe_rng >> 12;
	probe_rng ^= probe_rng << 25;
	probe_rng ^= probe_rng >> 27;
	return (unsigned long)((probe_rng * 0x2545f4914f6cdd1dULL) >> 32) % n;
}

/* Pages a and b are both mapped, by one VMA. */
static bool same_vma(unsigned int a, unsigned int b)
{
	return model[a].mapped && model[b].mapped &&
	       model[a].start == model[b].start;
}

/* The end of the VMA holding mapped page p. */
static unsigned int model_end(unsigned int p)
{
	unsigned int q = p + 1;

	while (q < NPAGES && same_vma(p, q))
		q++;
	return q;
}

/* May the VMA ending with page a and the one starting at a + 1 merge? */
static bool model_can_merge(unsigned int a)
{
	const struct mpage *x = &model[a], *y = &model[a + 1];

	return x->mapped && y->mapped && !same_vma(a, a + 1) &&
	       x->flags == y->flags && x->prot == y->prot &&
	       x->file == y->file && (!x->file || x->pgoff + 1 == y->pgoff);
}

/* Join the VMA ending at page a with the one after it. */
static void model_join(unsigned int a)
{
	unsigned int end = model_end(a + 1);

	for (unsigned int q = a + 1; q < end; q++)
		model[q].start = model[a].start;
}

/* The VMA holding page q starts at q from now on (a split at q). */
static void model_cut(unsigned int q)
{
	if (q == 0 || q >= NPAGES || !same_vma(q - 1, q))
		return;
	for (unsigned int i = q, end = model_end(q); i < end; i++)
		model[i].start = q;
}

/* The VMAs themselves may merge (the model's rule, on the real VMAs). */
static bool mergeable(const struct vm_area_struct *a,
		      const struct vm_area_struct *b)
{
	return a->vm_end == b->vm_start && a->vm_flags == b->vm_flags &&
	       a->vm_page_prot == b->vm_page_prot && a->vm_file == b->vm_file &&
	       (!a->vm_file ||
		a->vm_pgoff + ((a->vm_end - a->vm_start) >> PAGE_SHIFT) ==
			b->vm_pgoff);
}

static unsigned int page_of(unsigned long addr)
{
	return (unsigned int)((addr - BASE) >> PAGE_SHIFT);
}

/* v is the VMA the model has at mapped page q (by its range: VMAs do
 * not overlap, which validate_mm() checks). */
static bool is_model_vma(const struct vm_area_struct *v, unsigned int q)
{
	return v && v->vm_start == P(model[q].start) &&
	       v->vm_end == P(model_end(q));
}

/* The first mapped page in [from, to), or NPAGES. */
static unsigned int first_mapped(unsigned int from, unsigned int to)
{
	for (unsigned int q = from; q < to && q < NPAGES; q++)
		if (model[q].mapped)
			return q;
	return NPAGES;
}

/* find_vma_prev() at addr (at or above BASE) and find_vma_intersection()
 * of pages [s, s + len), against the model. */
static void check_lookups(unsigned long addr, unsigned int s, unsigned int len)
{
	struct vm_area_struct *v, *prev = &fake_vma_poison;
	unsigned int q = first_mapped(page_of(addr), NPAGES), lim;

	v = find_vma_prev(&mm, addr, &prev);
	mcheck(q == NPAGES ? !v : is_model_vma(v, q),
	       "find_vma_prev(%#lx): wrong VMA", addr);
	mcheck(v == find_vma(&mm, addr), "find_vma_prev(%#lx): not find_vma",
	       addr);
	lim = q == NPAGES ? NPAGES : model[q].start;
	while (lim > 0 && !model[lim - 1].mapped)
		lim--;
	mcheck(lim == 0 ? !prev : is_model_vma(prev, lim - 1),
	       "find_vma_prev(%#lx): wrong prev", addr);

	q = first_mapped(s, s + len);
	v = find_vma_intersection(&mm, P(s), P(s + len));
	mcheck(q == NPAGES ? !v : is_model_vma(v, q),
	       "find_vma_intersection(page %u, +%u)", s, len);
}

static bool rb_red(const struct rb_node *node)
{
	return node && (node->__rb_parent_color & 1) == RB_RED;
}

/*
 * The red-black rules below node, the child of parent (validate_mm() checks
 * that the tree's order is the list's): parent links, no red child of a red
 * node, equal black heights. Returns the black height, NULL links one.
 */
static int check_rb_rules(const struct rb_node *node,
			  const struct rb_node *parent)
{
	unsigned long start;
	int left, right;

	if (!node)
		return 1;
	start = rb_entry(node, struct vm_area_struct, vm_rb)->vm_start;
	mcheck(rb_parent(node) == parent, "tree: VMA %#lx: wrong parent link",
	       start);
	mcheck(!(rb_red(parent) && rb_red(node)),
	       "tree: VMA %#lx: a red child of a red node", start);
	left = check_rb_rules(node->rb_left, node);
	right = check_rb_rules(node->rb_right, node);
	mcheck(left == right, "tree: VMA %#lx: black heights %d left, %d right",
	       start, left, right);
	return left + !rb_red(node);
}

/* Each file has one reference per VMA that maps it (as Linux's f_count
 * counts fds and VMAs; the tests' files have no fd). */
static void check_file_refs(void)
{
	for (unsigned int f = 0; f < ARRAY_SIZE(files); f++) {
		int n = 0;

		for (unsigned int p = 0; p < NPAGES; p++)
			n += model[p].mapped && model[p].start == p &&
			     model[p].file == &files[f];
		mcheck(files[f].f_count == n, "file %c: f_count %d, %d VMAs",
		       'A' + f, files[f].f_count, n);
	}
}

/* find_vma() at the first, the last or a random byte of every page must
 * give the VMA holding the page or, in a gap, the one above it. */
static void check_find_vma_everywhere(void)
{
	static struct vm_area_struct *got[NPAGES + 1];
	unsigned int next = NPAGES, end = NPAGES;

	got[NPAGES] = NULL;
	for (unsigned int p = NPAGES; p-- > 0;) {
		const struct mpage *m;
		struct vm_area_struct *v;
		unsigned long addr;

		if (model[p].mapped) {
			if (p + 1 == NPAGES || !same_vma(p, p + 1))
				end = p + 1; /* model_end(p), from above */
			next = p;
		}
		addr = P(p) + (p % 3 == 0 ? 0 :
			       p % 3 == 1 ? PAGE_SIZE - 1 :
					    probe(PAGE_SIZE));
		v = got[p] = find_vma(&mm, addr);
		if (next == NPAGES) {
			mcheck(!v, "find_vma(%#lx) is %#lx-%#lx, want NULL",
			       addr, v->vm_start, v->vm_end);
			continue;
		}
		m = &model[next];
		mcheck(v, "find_vma(%#lx) is NULL, want the VMA at page %u",
		       addr, m->start);
		mcheck(v->vm_start == P(m->start) && v->vm_end == P(end),
		       "find_vma(%#lx) is %#lx-%#lx, want %#lx-%#lx", addr,
		       v->vm_start, v->vm_end, P(m->start), P(end));
		mcheck(v->vm_flags == m->flags && v->vm_page_prot == m->prot &&
			       v->vm_file == m->file && v->vm_mm == &mm,
		       "VMA %#lx-%#lx: flags %#lx prot %#lx, want %#lx %#lx",
		       v->vm_start, v->vm_end, v->vm_flags, v->vm_page_prot,
		       m->flags, m->prot);
		mcheck(!m->file || v->vm_pgoff + (next - m->start) == m->pgoff,
		       "VMA %#lx-%#lx: pgoff %lu, page %u wants %lu",
		       v->vm_start, v->vm_end, v->vm_pgoff, next, m->pgoff);
		mcheck(next != p || p + 1 == NPAGES || !same_vma(p, p + 1) ||
			       got[p + 1] == v,
		       "pages %u and %u: two VMAs for one", p, p + 1);
		mcheck(next == p || got[next] == v,
		       "find_vma in the gap at page %u: not the VMA above", p);
	}
	mcheck(find_vma(&mm, 0) == got[0], "find_vma(0) is not the first VMA");
	mcheck(!find_vma(&mm, P(NPAGES)), "a VMA above the address space");
}

void check_model(void)
{
	unsigned int nvmas = 0, pages = 0, n = 0;
	struct vm_area_struct *v;
	int ret;

	console_clear();
	ret = validate_mm(&mm);
	mcheck(ret == 0 && console_len == 0, "validate_mm: %d %s", ret,
	       console_text);
	mcheck(nr_live == (unsigned int)mm.map_count,
	       "%u VMAs allocated, map_count %d", nr_live, mm.map_count);
	mcheck(cache_is_live(), "mmap_cache is stale");
	for (unsigned int p = 0; p < NPAGES; p++) {
		pages += model[p].mapped;
		nvmas += model[p].mapped && (p == 0 || !same_vma(p - 1, p));
	}
	mcheck(mm.map_count == (int)nvmas, "map_count %d, model %u",
	       mm.map_count, nvmas);
	mcheck(mm.total_vm == pages, "total_vm %lu, model %u", mm.total_vm,
	       pages);
	mcheck(!rb_red(mm.mm_rb.rb_node), "tree: the root is red");
	check_rb_rules(mm.mm_rb.rb_node, NULL);
	check_file_refs();
	check_find_vma_everywhere();
	for (v = mm.mmap; v && n <= nvmas; v = v->vm_next, n++)
		mcheck(find_vma(&mm, v->vm_start) == v,
		       "VMA %#lx-%#lx on the list, not found", v->vm_start,
		       v->vm_end);
	mcheck(n == nvmas, "%u VMAs on the list, model %u", n, nvmas);
	check_lookups(P(probe(NPAGES + 1)) + probe(PAGE_SIZE),
		      (unsigned int)probe(NPAGES), 1 + (unsigned int)probe(8));
}

/* A random page mapped or not as asked, or NPAGES if there is none. */
static unsigned int random_page(bool mapped)
{
	unsigned int p = (unsigned int)rnd(NPAGES);

	for (unsigned int i = 0; i < NPAGES; i++, p = (p + 1) % NPAGES)
		if (model[p].mapped == mapped)
			return p;
	return NPAGES;
}

/* What a new VMA at page s is: flags, prot and file chosen so that
 * neighbours often agree, and file offsets mostly follow the address
 * (contiguous across VMAs). */
struct attrs {
	unsigned long flags, prot;
	struct file *file;
	unsigned long pgoff;
};

static struct attrs random_attrs(unsigned int s)
{
	struct attrs a;

	a.flags = rnd(4) ? RW : RO;
	a.prot = rnd(8) ? prot_of(a.flags) : prot_of(a.flags) | 0x100;
	a.file = rnd(2) ? NULL : rnd(2) ? FILE_A : FILE_B;
	a.pgoff = rnd(4) ? s + 1000 + (a.file == FILE_B) * 7 : rnd(512);
	return a;
}

/* Insert [s, e), which is free, as a VMA with attributes a: the VMA, and
 * the model's pages. Each VMA of a file holds a reference to it. */
static struct vm_area_struct *insert_range(unsigned int s, unsigned int e,
					   const struct attrs *a)
{
	struct vm_area_struct *v =
		new_vma_prot(P(s), P(e), a->flags, a->prot, a->file, a->pgoff);
	int ret = insert_vm_struct(&mm, v);

	mcheck(ret == 0, "insert returned %d", ret);
	if (a->file)
		get_file(a->file);
	for (unsigned int q = s; q < e; q++)
		model[q] = (struct mpage){ true,    s,	     a->flags,
					   a->prot, a->file, a->pgoff + q - s };
	return v;
}

/* munmap of a whole VMA (Linux's remove_vma drops its file reference). */
static void remove_vma(struct vm_area_struct *v)
{
	if (v->vm_file)
		fput(v->vm_file);
	unmap(v);
}

/* An insert over a random mapped page, which must be refused. */
static void op_insert_overlapping(void)
{
	unsigned int p = random_page(true), s, e, top;
	struct vm_area_struct *v;
	int ret;

	if (p == NPAGES)
		return;
	s = p - (unsigned int)rnd((p < 4 ? p : 4) + 1);
	top = NPAGES - p - 1;
	e = p + 1 + (unsigned int)rnd((top < 4 ? top : 4) + 1);

	libc_snprintf(op_now, sizeof(op_now), "overlapping insert %u-%u", s, e);
	v = new_vma(P(s), P(e), RW, NULL, s);
	take_snapshot(&snap_before);
	ret = insert_vm_struct(&mm, v);
	mcheck(ret == -EINVAL, "insert returned %d", ret);
	expect_unchanged(&snap_before, op_now);
	vm_area_free(v);
}

/* Insert a VMA over free pages around a random free page, often reaching
 * to a neighbour. */
static void op_insert(void)
{
	unsigned int p = random_page(false), lo, hi, s, e;
	struct attrs a;

	if (p == NPAGES)
		return;
	for (lo = p; lo > 0 && !model[lo - 1].mapped; lo--)
		;
	for (hi = p + 1; hi < NPAGES && !model[hi].mapped; hi++)
		;
	s = p - (unsigned int)rnd((p - lo < 8 ? p - lo : 8) + 1);
	if (p - lo <= 8 && rnd(2))
		s = lo;
	e = p + 1 + (unsigned int)rnd((hi - p - 1 < 8 ? hi - p - 1 : 8) + 1);
	if (hi - p <= 9 && rnd(2))
		e = hi;
	a = random_attrs(s);
	libc_snprintf(op_now, sizeof(op_now),
		      "insert %u-%u flags %#lx prot %#lx file %c pgoff %lu", s,
		      e, a.flags, a.prot,
		      a.file == FILE_A ? 'A' :
		      a.file == FILE_B ? 'B' :
					 '-',
		      a.pgoff);
	insert_range(s, e, &a);
}

static void op_remove(void)
{
	unsigned int p = random_page(true), s, e;
	struct vm_area_struct *v;

	if (p == NPAGES)
		return;
	s = model[p].start;
	e = model_end(p);
	libc_snprintf(op_now, sizeof(op_now), "remove %u-%u", s, e);
	v = find_vma(&mm, P(p));
	mcheck(v && v->vm_start == P(s), "no VMA at page %u", p);
	remove_vma(v);
	for (unsigned int q = s; q < e; q++)
		model[q].mapped = false;
}

static void op_split(void)
{
	unsigned int p = random_page(true), s, e, q, below;
	struct vm_area_struct *v, *lower, *upper;
	int ret;

	if (p == NPAGES)
		return;
	s = model[p].start;
	e = model_end(p);
	if (e - s < 2)
		return;
	q = s + 1 + (unsigned int)rnd(e - s - 1);
	below = (unsigned int)rnd(2);
	libc_snprintf(op_now, sizeof(op_now), "split %u-%u at %u new_below %u",
		      s, e, q, below);
	v = find_vma(&mm, P(p));
	ret = split_vma(&mm, v, P(q), (int)below);
	mcheck(ret == 0, "split_vma returned %d", ret);
	lower = find_vma(&mm, P(q - 1));
	upper = find_vma(&mm, P(q));
	mcheck(lower != upper && (below ? upper : lower) == v,
	       "the VMA split is not the %s part", below ? "upper" : "lower");
	model_cut(q);
}

/* vma_merge() of the VMA at mapped page p, and the same on the model: it
 * absorbs the next VMA, then is absorbed by the previous one, where they
 * may merge. */
static struct vm_area_struct *merge_at(unsigned int p)
{
	unsigned int s = model[p].start, e = model_end(p), ns = s, ne = e;
	struct vm_area_struct *v = find_vma(&mm, P(p)), *want = v, *got;

	if (e < NPAGES && model_can_merge(e - 1)) {
		ne = model_end(e);
		model_join(e - 1);
	}
	if (s > 0 && model_can_merge(s - 1)) {
		ns = model[s - 1].start;
		want = find_vma(&mm, P(s - 1));
		model_join(s - 1);
	}
	got = vma_merge(&mm, v);
	mcheck(got == want, "vma_merge returned the wrong VMA");
	mcheck(got->vm_start == P(ns) && got->vm_end == P(ne),
	       "vma_merge gave %#lx-%#lx, want %#lx-%#lx", got->vm_start,
	       got->vm_end, P(ns), P(ne));
	return got;
}

static void op_merge(void)
{
	unsigned int p = random_page(true);

	if (p == NPAGES)
		return;
	libc_snprintf(op_now, sizeof(op_now), "merge of %u-%u", model[p].start,
		      model_end(p));
	merge_at(p);
}

/* A page range [s, e) somewhere, up to 16 pages. */
static void random_range(unsigned int *s, unsigned int *e)
{
	*s = (unsigned int)rnd(NPAGES);
	*e = *s + 1 + (unsigned int)rnd(NPAGES - *s < 16 ? NPAGES - *s : 16);
}

/*
 * Unmap pages [s, e) as mm/mmap.c's do_munmap does: split the VMA that
 * straddles s (it keeps the part below), split the one that straddles e
 * (the new VMA is the part below e), then remove every VMA in between.
 */
static void munmap_range(unsigned int s, unsigned int e)
{
	struct vm_area_struct *v = find_vma(&mm, P(s)), *next;
	int ret;

	if (v && v->vm_start < P(s) && v->vm_end > P(s)) {
		ret = split_vma(&mm, v, P(s), 0);
		mcheck(ret == 0, "split_vma at the start returned %d", ret);
	}
	v = find_vma(&mm, P(e));
	if (v && v->vm_start < P(e)) {
		ret = split_vma(&mm, v, P(e), 1);
		mcheck(ret == 0, "split_vma at the end returned %d", ret);
	}
	for (v = find_vma(&mm, P(s)); v && v->vm_start < P(e); v = next) {
		next = v->vm_next;
		mcheck(v->vm_start >= P(s) && v->vm_end <= P(e),
		       "VMA %#lx-%#lx left across the range", v->vm_start,
		       v->vm_end);
		remove_vma(v);
	}
	model_cut(s);
	model_cut(e);
	for (unsigned int q = s; q < e; q++)
		model[q].mapped = false;
}

static void op_munmap(void)
{
	unsigned int s, e;

	random_range(&s, &e);
	libc_snprintf(op_now, sizeof(op_now), "munmap %u-%u", s, e);
	munmap_range(s, e);
}

/* New flags and prot on [s, e) inside one VMA, as mm/mprotect.c does it:
 * split off what is outside the range, change the rest, merge. */
static void op_mprotect(void)
{
	static const unsigned long kinds[] = { RW, RO, RX };
	unsigned int p = random_page(true), vs, ve, s, e;
	unsigned long flags, prot;
	struct vm_area_struct *v;
	int ret;

	if (p == NPAGES)
		return;
	vs = model[p].start;
	ve = model_end(p);
	s = vs + (unsigned int)rnd(p - vs + 1);
	e = p + 1 + (unsigned int)rnd(ve - p);
	flags = kinds[rnd(ARRAY_SIZE(kinds))];
	prot = rnd(8) ? prot_of(flags) : prot_of(flags) | 0x100;
	libc_snprintf(op_now, sizeof(op_now),
		      "mprotect %u-%u of %u-%u to %#lx prot %#lx", s, e, vs, ve,
		      flags, prot);
	v = find_vma(&mm, P(p));
	if (s > vs) {
		ret = split_vma(&mm, v, P(s), 0);
		mcheck(ret == 0, "split_vma at the start returned %d", ret);
		v = find_vma(&mm, P(s));
	}
	if (e < ve) {
		ret = split_vma(&mm, v, P(e), 0);
		mcheck(ret == 0, "split_vma at the end returned %d", ret);
	}
	mcheck(v->vm_start == P(s) && v->vm_end == P(e),
	       "mprotect's VMA is %#lx-%#lx", v->vm_start, v->vm_end);
	v->vm_flags = flags;
	v->vm_page_prot = prot;
	model_cut(s);
	model_cut(e);
	for (unsigned int q = s; q < e; q++) {
		model[q].flags = flags;
		model[q].prot = prot;
	}
	merge_at(s);
}

/* mmap(MAP_FIXED) of [s, e): whatever was there goes, a new VMA comes,
 * and it merges with its neighbours where it may. */
static void op_mmap_fixed(void)
{
	unsigned int s, e;
	struct attrs a;

	random_range(&s, &e);
	a = random_attrs(s);
	libc_snprintf(op_now, sizeof(op_now),
		      "mmap fixed %u-%u flags %#lx prot %#lx pgoff %lu", s, e,
		      a.flags, a.prot, a.pgoff);
	munmap_range(s, e);
	insert_range(s, e, &a);
	merge_at(s);
}

static void op_find(void)
{
	unsigned long addr = P(rnd(NPAGES + 1)) + rnd(PAGE_SIZE);
	unsigned int s = (unsigned int)rnd(NPAGES);
	unsigned int len = 1 + (unsigned int)rnd(NPAGES - s);

	libc_snprintf(op_now, sizeof(op_now), "lookups at %#lx, %u+%u", addr, s,
		      len);
	check_lookups(addr, s, len);
}

void model_reset(void)
{
	reset_mm();
	libc_memset(model, 0, sizeof(model));
	step_now = 0;
	probe_rng = 1;
	libc_snprintf(op_now, sizeof(op_now), "nothing");
}

void model_step(enum vma_op op)
{
	static void (*const ops[NR_VMA_OPS])(void) = {
		[OP_INSERT] = op_insert,
		[OP_INSERT_OVERLAPPING] = op_insert_overlapping,
		[OP_REMOVE] = op_remove,
		[OP_SPLIT] = op_split,
		[OP_MERGE] = op_merge,
		[OP_MUNMAP] = op_munmap,
		[OP_MPROTECT] = op_mprotect,
		[OP_MMAP_FIXED] = op_mmap_fixed,
		[OP_FIND] = op_find,
	};

	ops[op]();
	check_model();
	step_now++;
}

void model_finish(void)
{
	libc_snprintf(op_now, sizeof(op_now), "merging everything");
	for (struct vm_area_struct *v = mm.mmap; v; v = v->vm_next)
		v = vma_merge(&mm, v);
	for (unsigned int a = 0; a + 1 < NPAGES; a++)
		if (model_can_merge(a))
			model_join(a);
	check_model();
	for (struct vm_area_struct *v = mm.mmap; v && v->vm_next;
	     v = v->vm_next)
		mcheck(!mergeable(v, v->vm_next),
		       "%#lx-%#lx and %#lx-%#lx could still merge", v->vm_start,
		       v->vm_end, v->vm_next->vm_start, v->vm_next->vm_end);
	while (mm.mmap) {
		unsigned int s = page_of(mm.mmap->vm_start);

		libc_snprintf(op_now, sizeof(op_now), "remove %u-%u", s,
			      model_end(s));
		remove_vma(mm.mmap);
		for (unsigned int q = s, e = model_end(s); q < e; q++)
			model[q].mapped = false;
		check_model();
	}
}
