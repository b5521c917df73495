/*
 * tests/test_vma.c - mm/vma.c, the VMA set of an mm, on the host.
 *
 * The code under test is the kernel's own mm/vma.c, over lib/rbtree.c, built
 * by tests/host.mk. Its one dependency, the slab allocator, is faked here:
 * every VMA is its own malloc() block, so that ASan sees a VMA used after
 * vm_area_free() or freed twice, and a registry of the live ones lets a test
 * count them (a merge that forgets to free is a leak the test names, not
 * only one LeakSanitizer reports at exit). printk goes to a captured console,
 * where validate_mm()'s complaints are read back.
 *
 * The random tests hold the VMA set against a model, the address space as
 * an array of pages, each unmapped or mapped with its VMA's first page,
 * flags, protection, file and file page; after every step the mm is read
 * back page by page through find_vma() and compared with it.
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
static int (*const libc_snprintf)(char *, size_t, const char *, ...) = snprintf;
static void *(*const libc_memset)(void *, int, size_t) = memset;
static int (*const libc_strcmp)(const char *, const char *) = strcmp;
static int (*const libc_memcmp)(const void *, const void *, size_t) = memcmp;

#include "tests/host_names.h"
#include "lib/errno.h"
#include "lib/kallsyms.h"
#include "lib/printk.h"
#include "mm/filemap.h"
#include "mm/slab.h"
#include "mm/vma.h"

/* fail_msg() unless cond. */
#define check(cond, ...)                       \
	do {                                   \
		if (!(cond))                   \
			fail_msg(__VA_ARGS__); \
	} while (0)

/* The address space of the tests: pages from where i386 ELF text starts. */
#define BASE 0x08000000UL
#define P(n) (BASE + (unsigned long)(n)*PAGE_SIZE)
#define NPAGES 256

/* The usual kinds of mapping, and PTE bits to go with them. */
#define RW (VM_READ | VM_WRITE | VM_MAYREAD | VM_MAYWRITE)
#define RO (VM_READ | VM_MAYREAD)
#define RX (VM_READ | VM_EXEC | VM_MAYREAD | VM_MAYEXEC)

static unsigned long prot_of(unsigned long flags)
{
	return flags & VM_WRITE ? 0x7 : 0x5; /* present, user, rw if writable */
}

/* Two files; only their f_count is ever looked at. */
static struct file files[2];
#define FILE_A (&files[0])
#define FILE_B (&files[1])

/* lib/vsprintf.c's %pS table, which printk links in: no kernel text here. */
const struct kallsym kallsyms[] = { { 0, "" } };
const unsigned int kallsyms_num = 0;
const unsigned long kallsyms_text_end = 0;

/* printk's only console. */
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

static void console_clear(void)
{
	console_len = 0;
	console_text[0] = '\0';
}

/*
 * mm/slab.h, faked: one cache (vm_area_alloc() makes it once), objects from
 * malloc() filled with 0xa5 unless __GFP_ZERO, and the registry of the live
 * ones. fail_alloc makes the next kmem_cache_alloc() fail.
 */
#define MAX_LIVE 1024

static struct kmem_cache fake_cache;
static unsigned int nr_creates;
static void *live[MAX_LIVE];
static unsigned int nr_live;
static bool fail_alloc;

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
	assert_non_null(obj);
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
	fail_msg("kmem_cache_free(%p): not a live object", obj);
}

/* The mm under test; reset before every test. */
static struct mm_struct mm;

/* Free every object still live, whatever state the mm is in. */
static void free_all_objects(void)
{
	while (nr_live)
		free(live[--nr_live]);
}

static void reset_mm(void)
{
	free_all_objects();
	libc_memset(&mm, 0, sizeof(mm));
	mm.mm_rb = RB_ROOT;
	libc_memset(files, 0, sizeof(files));
	fail_alloc = false;
	console_clear();
}

static int setup(void **state)
{
	(void)state;
	reset_mm();
	return 0;
}

/*
 * Every VMA still allocated must be one the mm holds: a VMA dropped from
 * the list without vm_area_free() is a leak. Tests that leave the mm
 * deliberately broken reset it themselves.
 */
static int teardown(void **state)
{
	unsigned int n = 0;
	int ret = 0;

	(void)state;
	for (struct vm_area_struct *v = mm.mmap; v && n <= MAX_LIVE;
	     v = v->vm_next)
		n++;
	if (n != nr_live) {
		print_error("%u VMAs allocated, %u in the mm\n", nr_live, n);
		ret = -1;
	}
	reset_mm();
	return ret;
}

static int reset_teardown(void **state)
{
	(void)state;
	reset_mm();
	return 0;
}

static struct vm_area_struct *
new_vma_prot(unsigned long start, unsigned long end, unsigned long flags,
	     unsigned long prot, struct file *file, unsigned long pgoff)
{
	struct vm_area_struct *vma = vm_area_alloc(&mm);

	assert_non_null(vma);
	vma->vm_start = start;
	vma->vm_end = end;
	vma->vm_flags = flags;
	vma->vm_page_prot = prot;
	vma->vm_file = file;
	vma->vm_pgoff = pgoff;
	return vma;
}

static struct vm_area_struct *new_vma(unsigned long start, unsigned long end,
				      unsigned long flags, struct file *file,
				      unsigned long pgoff)
{
	return new_vma_prot(start, end, flags, prot_of(flags), file, pgoff);
}

/* A new VMA, inserted. */
static struct vm_area_struct *map(unsigned long start, unsigned long end,
				  unsigned long flags, struct file *file,
				  unsigned long pgoff)
{
	struct vm_area_struct *vma = new_vma(start, end, flags, file, pgoff);

	assert_int_equal(insert_vm_struct(&mm, vma), 0);
	return vma;
}

static struct vm_area_struct *map_anon(unsigned long start, unsigned long end,
				       unsigned long flags)
{
	return map(start, end, flags, NULL, start >> PAGE_SHIFT);
}

/* Unlink and free, as munmap of a whole VMA would. */
static void unmap(struct vm_area_struct *vma)
{
	vma_unlink(&mm, vma);
	vm_area_free(vma);
}

/* validate_mm() passes and prints nothing. */
static void expect_valid(void)
{
	int ret;

	console_clear();
	ret = validate_mm(&mm);
	check(ret == 0, "validate_mm: %d: %s", ret, console_text);
	check(console_len == 0, "validate_mm printed: %s", console_text);
}

/*
 * validate_mm() fails and prints one complaint: `what`, about the VMA
 * [start, end) with flags (if start < end or flags), else about the mm.
 */
static void expect_invalid(const char *what, unsigned long start,
			   unsigned long end, unsigned long flags)
{
	char want[160];
	const char *line;
	int ret;

	if (start || end || flags)
		libc_snprintf(want, sizeof(want),
			      "validate_mm: vma %08lx-%08lx flags %#lx: %s\n",
			      start, end, flags, what);
	else
		libc_snprintf(want, sizeof(want), "validate_mm: %s\n", what);
	console_clear();
	ret = validate_mm(&mm);
	check(ret == -EINVAL, "validate_mm returned %d, want -EINVAL (%s)", ret,
	      what);
	line = strstr(console_text, "validate_mm:");
	check(line && libc_strcmp(line, want) == 0,
	      "validate_mm printed \"%s\", want \"%s\"", console_text, want);
}

/* The cache is empty or holds a VMA on the list (never a freed one; the
 * pointer is only compared, never followed). */
static bool cache_is_live(void)
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

static void expect_vma(const struct vm_area_struct *vma, unsigned long start,
		       unsigned long end, unsigned long flags,
		       struct file *file, unsigned long pgoff)
{
	assert_non_null(vma);
	check(vma->vm_start == start && vma->vm_end == end,
	      "vma %#lx-%#lx, want %#lx-%#lx", vma->vm_start, vma->vm_end,
	      start, end);
	check(vma->vm_flags == flags && vma->vm_page_prot == prot_of(flags),
	      "vma %#lx-%#lx: flags %#lx prot %#lx, want %#lx %#lx",
	      vma->vm_start, vma->vm_end, vma->vm_flags, vma->vm_page_prot,
	      flags, prot_of(flags));
	check(vma->vm_file == file, "vma %#lx-%#lx: wrong file", vma->vm_start,
	      vma->vm_end);
	check(!file || vma->vm_pgoff == pgoff,
	      "vma %#lx-%#lx: pgoff %lu, want %lu", vma->vm_start, vma->vm_end,
	      vma->vm_pgoff, pgoff);
	check(vma->vm_mm == &mm, "vma %#lx-%#lx: wrong vm_mm", vma->vm_start,
	      vma->vm_end);
}

/* The list is exactly want[0..n), and the tree walks the same way. */
static void expect_list(struct vm_area_struct *const *want, unsigned int n)
{
	struct vm_area_struct *v = mm.mmap, *prev = NULL;
	struct rb_node *node = rb_first(&mm.mm_rb);

	for (unsigned int i = 0; i < n; i++, prev = v, v = v->vm_next) {
		check(v == want[i],
		      "list entry %u is %#lx-%#lx, want %#lx-%#lx", i,
		      v ? v->vm_start : 0, v ? v->vm_end : 0, want[i]->vm_start,
		      want[i]->vm_end);
		check(v->vm_prev == prev, "list entry %u: vm_prev wrong", i);
		check(node && rb_entry(node, struct vm_area_struct, vm_rb) == v,
		      "tree entry %u is not the list's", i);
		node = rb_next(node);
	}
	check(!v, "the list is longer than %u", n);
	check(!node, "the tree is longer than %u", n);
	check(mm.map_count == (int)n, "map_count %d, want %u", mm.map_count, n);
}

static unsigned int subtree_height(const struct rb_node *node)
{
	unsigned int l, r;

	if (!node)
		return 0;
	l = subtree_height(node->rb_left);
	r = subtree_height(node->rb_right);
	return 1 + (l > r ? l : r);
}

/* A red-black tree of n nodes is at most 2 log2(n + 1) high: the tree is
 * rebalanced, not a list in disguise. */
static void expect_balanced(unsigned int n)
{
	unsigned int h = subtree_height(mm.mm_rb.rb_node), log2 = 0;

	while ((2u << log2) <= n + 1)
		log2++;
	check(h <= 2 * (log2 + 1), "tree of %u VMAs is %u high", n, h);
}

/*
 * A snapshot of the whole VMA set: every VMA's contents (links, tree node
 * and all) in list order, the tree's order, and the mm's fields.
 */
#define MAX_SNAP (NPAGES + 1)

struct snapshot {
	struct mm_struct mm;
	unsigned int n;
	struct vm_area_struct *vma[MAX_SNAP];
	struct vm_area_struct copy[MAX_SNAP];
	struct rb_node *inorder[MAX_SNAP];
};

static struct snapshot snap_before, snap_after;

static void take_snapshot(struct snapshot *s)
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

static void expect_unchanged(const struct snapshot *before, const char *what)
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

/* xorshift64*: the same sequence on every host, from a nonzero seed. */
static u64 rng;

static unsigned long rnd(unsigned long n)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return (unsigned long)((rng * 0x2545f4914f6cdd1dULL) >> 32) % n;
}

/* 0. vm_area_alloc. */

static void test_vm_area_alloc_is_zeroed_and_owned(void **state)
{
	struct vm_area_struct *vma, zero;

	(void)state;
	vma = vm_area_alloc(&mm);
	assert_non_null(vma);
	assert_int_equal(nr_creates, 1);
	assert_int_equal(fake_cache.object_size, sizeof(*vma));
	assert_int_equal(nr_live, 1);
	libc_memset(&zero, 0, sizeof(zero));
	zero.vm_mm = &mm;
	check(libc_memcmp(vma, &zero, sizeof(zero)) == 0,
	      "vm_area_alloc: not zeroed");
	vm_area_free(vma);
	assert_int_equal(nr_live, 0);

	fail_alloc = true;
	assert_null(vm_area_alloc(&mm));
	assert_int_equal(nr_creates, 1);
}

/* 1. find_vma, find_vma_prev, find_vma_intersection. */

static void test_find_vma_on_empty_mm(void **state)
{
	struct vm_area_struct poison, *prev = &poison;

	(void)state;
	assert_null(find_vma(&mm, 0));
	assert_null(find_vma(&mm, BASE));
	assert_null(find_vma(&mm, ~0UL));
	assert_null(find_vma_prev(&mm, BASE, &prev));
	assert_null(prev);
	assert_null(find_vma_intersection(&mm, 0, ~0UL));
	assert_null(mm.mmap_cache);
	expect_valid();
}

/* a [1, 3), b [5, 6), c [8, 10), in pages from BASE. */
static struct vm_area_struct *va, *vb, *vc;

static void map_abc(void)
{
	vc = map_anon(P(8), P(10), RW);
	va = map_anon(P(1), P(3), RW);
	vb = map_anon(P(5), P(6), RO);
	mm.mmap_cache = NULL;
}

/* The cache states the lookups are tried from: empty, a, b, c. */
#define NR_CACHES 4

static struct vm_area_struct *abc_cache(unsigned int c)
{
	struct vm_area_struct *const caches[NR_CACHES] = { NULL, va, vb, vc };

	return caches[c];
}

static void test_find_vma_is_the_first_vma_ending_above(void **state)
{
	const struct {
		unsigned long addr;
		struct vm_area_struct **want;
	} cases[] = {
		{ 0, &va },	   { P(1) - 1, &va }, { P(1), &va },
		{ P(2) + 5, &va }, { P(3) - 1, &va }, { P(3), &vb },
		{ P(5) - 1, &vb }, { P(5), &vb },     { P(6) - 1, &vb },
		{ P(6), &vc },	   { P(8), &vc },     { P(10) - 1, &vc },
		{ P(10), NULL },   { P(200), NULL },  { ~0UL, NULL },
	};

	(void)state;
	map_abc();
	/* From every cache state, each lookup gives the same answer. */
	for (unsigned int c = 0; c < NR_CACHES; c++) {
		for (unsigned int i = 0; i < ARRAY_SIZE(cases); i++) {
			struct vm_area_struct *want =
				cases[i].want ? *cases[i].want : NULL;
			struct vm_area_struct *got;

			mm.mmap_cache = abc_cache(c);
			got = find_vma(&mm, cases[i].addr);
			check(got == want,
			      "find_vma(%#lx) with cache %u: %#lx-%#lx, want %#lx-%#lx",
			      cases[i].addr, c, got ? got->vm_start : 0,
			      got ? got->vm_end : 0, want ? want->vm_start : 0,
			      want ? want->vm_end : 0);
			check(cache_is_live(), "find_vma(%#lx): stale cache",
			      cases[i].addr);
		}
	}
	expect_valid();
}

static void test_find_vma_uses_and_fills_the_cache(void **state)
{
	struct vm_area_struct ghost;

	(void)state;
	map_abc();
	assert_ptr_equal(find_vma(&mm, P(5)), vb);
	assert_ptr_equal(mm.mmap_cache, vb);
	assert_ptr_equal(find_vma(&mm, P(9)), vc);
	assert_ptr_equal(mm.mmap_cache, vc);

	/* A lookup inside the cached VMA is answered from the cache alone:
	 * a VMA the tree does not know about proves it. */
	ghost = *va;
	mm.mmap_cache = &ghost;
	assert_ptr_equal(find_vma(&mm, P(2)), &ghost);
	assert_ptr_equal(find_vma(&mm, P(1)), &ghost);
	/* ... and only then: outside it, the tree answers. */
	assert_ptr_equal(find_vma(&mm, P(3) - 1), &ghost);
	assert_ptr_equal(find_vma(&mm, P(3)), vb);
	mm.mmap_cache = &ghost;
	assert_ptr_equal(find_vma(&mm, P(1) - 1), va);
	mm.mmap_cache = NULL;
	expect_valid();
}

static void test_find_vma_cache_is_not_stale_after_unlink(void **state)
{
	(void)state;
	map_abc();
	assert_ptr_equal(find_vma(&mm, P(5)), vb);
	vma_unlink(&mm, vb);
	check(mm.mmap_cache != vb, "the cache holds an unlinked VMA");
	assert_ptr_equal(find_vma(&mm, P(5)), vc);
	vm_area_free(vb);
	expect_valid();
}

static void test_find_vma_cache_is_not_stale_after_split(void **state)
{
	struct vm_area_struct *upper, *lower;

	(void)state;
	map_abc();
	assert_ptr_equal(find_vma(&mm, P(2)), va);
	assert_int_equal(split_vma(&mm, va, P(2), 0), 0);
	assert_true(cache_is_live());
	upper = find_vma(&mm, P(2));
	assert_ptr_not_equal(upper, va);
	assert_ptr_equal(find_vma(&mm, P(1)), va);
	expect_vma(upper, P(2), P(3), RW, NULL, 0);
	expect_vma(va, P(1), P(2), RW, NULL, 0);

	assert_ptr_equal(find_vma(&mm, P(9)), vc);
	assert_int_equal(split_vma(&mm, vc, P(9), 1), 0);
	assert_true(cache_is_live());
	lower = find_vma(&mm, P(8));
	assert_ptr_not_equal(lower, vc);
	assert_ptr_equal(find_vma(&mm, P(9)), vc);
	expect_vma(lower, P(8), P(9), RW, NULL, 0);
	expect_vma(vc, P(9), P(10), RW, NULL, 0);
	expect_valid();
}

static void test_find_vma_cache_is_not_stale_after_merge(void **state)
{
	struct vm_area_struct *a, *b, *c;

	(void)state;
	a = map_anon(P(20), P(21), RW);
	b = map_anon(P(21), P(22), RW);
	c = map_anon(P(22), P(24), RW);
	assert_ptr_equal(find_vma(&mm, P(21)), b);
	assert_ptr_equal(vma_merge(&mm, a), a); /* frees b */
	check(cache_is_live(), "the cache holds a merged-away VMA");
	assert_ptr_equal(find_vma(&mm, P(21)), a);

	assert_ptr_equal(find_vma(&mm, P(23)), c);
	assert_ptr_equal(vma_merge(&mm, a), a); /* frees c */
	check(cache_is_live(), "the cache holds a merged-away VMA");
	assert_ptr_equal(find_vma(&mm, P(23)), a);
	expect_vma(a, P(20), P(24), RW, NULL, 0);
	assert_int_equal(nr_live, 1);
	expect_valid();
}

static void test_find_vma_prev(void **state)
{
	const struct {
		unsigned long addr;
		struct vm_area_struct **want, **prev;
	} cases[] = {
		{ 0, &va, NULL },	 { P(2), &va, NULL },
		{ P(3) - 1, &va, NULL }, { P(3), &vb, &va },
		{ P(5), &vb, &va },	 { P(6) - 1, &vb, &va },
		{ P(7), &vc, &vb },	 { P(10) - 1, &vc, &vb },
		{ P(10), NULL, &vc },	 { ~0UL, NULL, &vc },
	};

	(void)state;
	map_abc();
	for (unsigned int c = 0; c < NR_CACHES; c++) {
		for (unsigned int i = 0; i < ARRAY_SIZE(cases); i++) {
			struct vm_area_struct poison, *prev = &poison, *got;
			struct vm_area_struct *want =
				cases[i].want ? *cases[i].want : NULL;
			struct vm_area_struct *want_prev =
				cases[i].prev ? *cases[i].prev : NULL;

			mm.mmap_cache = abc_cache(c);
			got = find_vma_prev(&mm, cases[i].addr, &prev);
			check(got == want, "find_vma_prev(%#lx): wrong VMA",
			      cases[i].addr);
			check(prev == want_prev,
			      "find_vma_prev(%#lx) cache %u: prev %#lx-%#lx, want %#lx-%#lx",
			      cases[i].addr, c,
			      prev && prev != &poison ? prev->vm_start : 0,
			      prev && prev != &poison ? prev->vm_end : 0,
			      want_prev ? want_prev->vm_start : 0,
			      want_prev ? want_prev->vm_end : 0);
		}
	}
	expect_valid();
}

static void test_find_vma_intersection(void **state)
{
	const struct {
		unsigned long start, end;
		struct vm_area_struct **want;
	} cases[] = {
		{ 0, P(1), NULL },	   { 0, P(1) + 1, &va },
		{ P(1), P(3), &va },	   { P(2), P(2) + 1, &va },
		{ P(3) - 1, P(5), &va },   { P(3), P(5), NULL },
		{ P(3), P(5) + 1, &vb },   { P(2), P(9), &va },
		{ P(6), P(8), NULL },	   { P(4), P(100), &vb },
		{ P(9), P(100), &vc },	   { P(10), P(20), NULL },
		{ P(10) - 1, P(10), &vc },
	};

	(void)state;
	map_abc();
	for (unsigned int c = 0; c < NR_CACHES; c++) {
		for (unsigned int i = 0; i < ARRAY_SIZE(cases); i++) {
			struct vm_area_struct *want =
				cases[i].want ? *cases[i].want : NULL;

			mm.mmap_cache = abc_cache(c);
			check(find_vma_intersection(&mm, cases[i].start,
						    cases[i].end) == want,
			      "find_vma_intersection(%#lx, %#lx) cache %u",
			      cases[i].start, cases[i].end, c);
		}
	}
	expect_valid();
}

/* 2. insert_vm_struct and vma_unlink. */

/* 48 VMAs of 1, 2 or 3 pages, every third touching the next. */
#define NSORT 48

static unsigned long sort_start(unsigned int i)
{
	return P(3 * i);
}

static unsigned long sort_end(unsigned int i)
{
	return P(3 * i + 1 + i % 3);
}

static void insert_and_unlink_in_order_of(u64 seed)
{
	struct vm_area_struct *vmas[NSORT], *sorted[NSORT], *present[NSORT];
	unsigned int order[NSORT], n = 0;
	unsigned long pages = 0;

	rng = seed;
	for (unsigned int i = 0; i < NSORT; i++)
		order[i] = i;
	for (unsigned int i = NSORT - 1; i > 0; i--) {
		unsigned int j = (unsigned int)rnd(i + 1), t = order[i];

		order[i] = order[j];
		order[j] = t;
	}
	for (unsigned int k = 0; k < NSORT; k++) {
		unsigned int i = order[k];

		vmas[i] = new_vma(sort_start(i), sort_end(i), RW, NULL, 0);
		assert_int_equal(insert_vm_struct(&mm, vmas[i]), 0);
		pages += (sort_end(i) - sort_start(i)) >> PAGE_SHIFT;
		/* What is in, in address order. */
		n = 0;
		for (unsigned int j = 0; j < NSORT; j++)
			for (unsigned int l = 0; l <= k; l++)
				if (order[l] == j)
					sorted[n++] = vmas[j];
		expect_list(sorted, n);
		assert_int_equal(mm.total_vm, pages);
		expect_valid();
	}
	for (unsigned int i = 0; i < NSORT; i++)
		assert_ptr_equal(find_vma(&mm, sort_start(i)), vmas[i]);

	/* Unlink in another random order. */
	for (unsigned int i = 0; i < NSORT; i++)
		present[i] = vmas[i];
	for (unsigned int left = NSORT; left > 0; left--) {
		unsigned int j = (unsigned int)rnd(left);
		struct vm_area_struct *v = present[j];

		present[j] = present[left - 1];
		pages -= (v->vm_end - v->vm_start) >> PAGE_SHIFT;
		unmap(v);
		n = 0;
		for (unsigned int i = 0; i < NSORT; i++)
			for (unsigned int l = 0; l < left - 1; l++)
				if (present[l] == vmas[i])
					sorted[n++] = vmas[i];
		expect_list(sorted, n);
		assert_int_equal(mm.total_vm, pages);
		expect_valid();
	}
	assert_null(mm.mmap);
	assert_true(RB_EMPTY_ROOT(&mm.mm_rb));
	assert_int_equal(mm.map_count, 0);
	assert_int_equal(mm.total_vm, 0);
}

static void
test_insert_in_random_orders_keeps_list_and_tree_sorted(void **state)
{
	(void)state;
	for (u64 seed = 1; seed <= 8; seed++)
		insert_and_unlink_in_order_of(seed * 0x9e3779b97f4a7c15ULL);
	/* And in address order, and the reverse: still balanced. */
	for (unsigned int i = 0; i < NSORT; i++)
		map_anon(sort_start(i), sort_end(i), RW);
	expect_valid();
	expect_balanced(NSORT);
	while (mm.mmap)
		unmap(mm.mmap);
	for (unsigned int i = NSORT; i-- > 0;)
		map_anon(sort_start(i), sort_end(i), RW);
	expect_valid();
	expect_balanced(NSORT);
	assert_int_equal(mm.map_count, NSORT);
}

static void test_insert_counts_vmas_and_pages(void **state)
{
	struct vm_area_struct *a, *b;

	(void)state;
	a = map_anon(P(0), P(1), RW);
	assert_int_equal(mm.map_count, 1);
	assert_int_equal(mm.total_vm, 1);
	b = map_anon(P(10), P(14), RW);
	map_anon(P(20), P(36), RO);
	assert_int_equal(mm.map_count, 3);
	assert_int_equal(mm.total_vm, 21);
	assert_ptr_equal(b->vm_mm, &mm);
	unmap(b);
	assert_int_equal(mm.map_count, 2);
	assert_int_equal(mm.total_vm, 17);
	unmap(a);
	assert_int_equal(mm.map_count, 1);
	assert_int_equal(mm.total_vm, 16);
	expect_valid();
}

static void test_overlapping_insert_is_refused_and_changes_nothing(void **state)
{
	const unsigned long bad[][2] = {
		{ P(4), P(8) },	  { P(5), P(6) },   { P(4), P(5) },
		{ P(7), P(8) },	  { P(2), P(5) },   { P(7), P(9) },
		{ P(3), P(9) },	  { P(6), P(14) },  { P(0), P(20) },
		{ P(15), P(16) }, { P(15), P(17) }, { P(11), P(13) },
	};
	struct vm_area_struct *a, *b, *fill;

	(void)state;
	a = map_anon(P(4), P(8), RW);
	b = map(P(12), P(16), RW, FILE_A, 0);
	find_vma(&mm, P(13));
	for (unsigned int i = 0; i < ARRAY_SIZE(bad); i++) {
		struct vm_area_struct *v =
			new_vma(bad[i][0], bad[i][1], RW, NULL, 0);
		char what[64];
		int ret;

		libc_snprintf(what, sizeof(what), "insert of %#lx-%#lx",
			      bad[i][0], bad[i][1]);
		take_snapshot(&snap_before);
		ret = insert_vm_struct(&mm, v);
		check(ret == -EINVAL, "%s returned %d", what, ret);
		expect_unchanged(&snap_before, what);
		vm_area_free(v);
	}
	expect_valid();

	/* Touching is not overlapping: the gaps fill exactly. */
	fill = map_anon(P(8), P(12), RW);
	map_anon(P(3), P(4), RW);
	map_anon(P(16), P(17), RW);
	{
		struct vm_area_struct *want[] = { find_vma(&mm, P(3)), a, fill,
						  b, find_vma(&mm, P(16)) };

		expect_list(want, ARRAY_SIZE(want));
	}
	assert_int_equal(mm.total_vm, 14);
	expect_valid();
}

/* 3. split_vma. */

static void test_split_new_above(void **state)
{
	struct vm_area_struct *left, *vma, *right, *upper;

	(void)state;
	left = map_anon(P(0), P(2), RO);
	vma = map(P(10), P(20), RW, FILE_A, 100);
	right = map_anon(P(20), P(22), RW);
	assert_int_equal(split_vma(&mm, vma, P(13), 0), 0);
	upper = find_vma(&mm, P(13));
	assert_ptr_not_equal(upper, vma);
	expect_vma(vma, P(10), P(13), RW, FILE_A, 100);
	expect_vma(upper, P(13), P(20), RW, FILE_A, 103);
	{
		struct vm_area_struct *want[] = { left, vma, upper, right };

		expect_list(want, ARRAY_SIZE(want));
	}
	assert_int_equal(mm.total_vm, 14);
	assert_int_equal(nr_live, 4);
	expect_valid();
}

static void test_split_new_below(void **state)
{
	struct vm_area_struct *left, *vma, *right, *lower;

	(void)state;
	left = map_anon(P(0), P(2), RO);
	vma = map(P(10), P(20), RW, FILE_A, 100);
	right = map_anon(P(20), P(22), RW);
	assert_int_equal(split_vma(&mm, vma, P(13), 1), 0);
	lower = find_vma(&mm, P(12));
	assert_ptr_not_equal(lower, vma);
	expect_vma(lower, P(10), P(13), RW, FILE_A, 100);
	expect_vma(vma, P(13), P(20), RW, FILE_A, 103);
	{
		struct vm_area_struct *want[] = { left, lower, vma, right };

		expect_list(want, ARRAY_SIZE(want));
	}
	assert_int_equal(mm.total_vm, 14);
	assert_int_equal(nr_live, 4);
	expect_valid();
}

/* One page off either end, both ways, down to single pages. */
static void test_split_at_the_edges(void **state)
{
	struct vm_area_struct *vma;

	(void)state;
	vma = map(P(10), P(14), RX, FILE_B, 7);
	assert_int_equal(split_vma(&mm, vma, P(11), 0), 0); /* 10 | 11-14 */
	expect_vma(vma, P(10), P(11), RX, FILE_B, 7);
	expect_vma(find_vma(&mm, P(11)), P(11), P(14), RX, FILE_B, 8);
	vma = find_vma(&mm, P(11));
	assert_int_equal(split_vma(&mm, vma, P(13), 1), 0); /* 11-13 | 13 */
	expect_vma(vma, P(13), P(14), RX, FILE_B, 10);
	expect_vma(find_vma(&mm, P(11)), P(11), P(13), RX, FILE_B, 8);
	vma = find_vma(&mm, P(11));
	assert_int_equal(split_vma(&mm, vma, P(12), 1), 0); /* 11 | 12 */
	expect_vma(vma, P(12), P(13), RX, FILE_B, 9);
	expect_vma(find_vma(&mm, P(11)), P(11), P(12), RX, FILE_B, 8);
	assert_int_equal(mm.map_count, 4);
	assert_int_equal(mm.total_vm, 4);
	for (unsigned int i = 10; i < 14; i++)
		expect_vma(find_vma(&mm, P(i) + 100), P(i), P(i + 1), RX,
			   FILE_B, 7 + i - 10);
	expect_valid();
}

static void test_split_anonymous_keeps_flags(void **state)
{
	struct vm_area_struct *vma, *other;

	(void)state;
	vma = map_anon(P(0), P(8), RW | VM_GROWSDOWN);
	assert_int_equal(split_vma(&mm, vma, P(5), 0), 0);
	other = find_vma(&mm, P(5));
	expect_vma(vma, P(0), P(5), RW | VM_GROWSDOWN, NULL, 0);
	expect_vma(other, P(5), P(8), RW | VM_GROWSDOWN, NULL, 0);
	assert_int_equal(mm.map_count, 2);
	assert_int_equal(mm.total_vm, 8);
	expect_valid();
}

static void test_split_without_memory_changes_nothing(void **state)
{
	struct vm_area_struct *vma;

	(void)state;
	map_anon(P(0), P(2), RO);
	vma = map(P(10), P(20), RW, FILE_A, 100);
	find_vma(&mm, P(11));
	take_snapshot(&snap_before);
	fail_alloc = true;
	assert_int_equal(split_vma(&mm, vma, P(13), 0), -ENOMEM);
	expect_unchanged(&snap_before, "a failed split");
	fail_alloc = true;
	assert_int_equal(split_vma(&mm, vma, P(13), 1), -ENOMEM);
	expect_unchanged(&snap_before, "a failed split");
	expect_valid();
}

/* 4. vma_merge. */

static void test_merge_with_next(void **state)
{
	struct vm_area_struct *a;

	(void)state;
	a = map_anon(P(0), P(2), RW);
	map_anon(P(2), P(5), RW);
	assert_ptr_equal(vma_merge(&mm, a), a);
	expect_vma(a, P(0), P(5), RW, NULL, 0);
	expect_list(&a, 1);
	assert_int_equal(mm.total_vm, 5);
	assert_int_equal(nr_live, 1);
	assert_ptr_equal(find_vma(&mm, P(3)), a);
	expect_valid();
}

static void test_merge_with_prev_returns_prev(void **state)
{
	struct vm_area_struct *a, *b;

	(void)state;
	a = map_anon(P(0), P(2), RW);
	b = map_anon(P(2), P(5), RW);
	assert_ptr_equal(vma_merge(&mm, b), a);
	expect_vma(a, P(0), P(5), RW, NULL, 0);
	expect_list(&a, 1);
	assert_int_equal(mm.total_vm, 5);
	assert_int_equal(nr_live, 1);
	expect_valid();
}

static void test_merge_three_into_one(void **state)
{
	struct vm_area_struct *a, *b, *others[2];

	(void)state;
	others[0] = map_anon(P(0), P(1), RO); /* not touching a */
	a = map_anon(P(2), P(4), RW);
	b = map_anon(P(4), P(5), RW);
	map_anon(P(5), P(9), RW);
	others[1] = map_anon(P(9), P(10), RO); /* touching, other flags */
	assert_ptr_equal(vma_merge(&mm, b), a);
	expect_vma(a, P(2), P(9), RW, NULL, 0);
	{
		struct vm_area_struct *want[] = { others[0], a, others[1] };

		expect_list(want, ARRAY_SIZE(want));
	}
	assert_int_equal(mm.total_vm, 9);
	assert_int_equal(nr_live, 3);
	expect_valid();
}

/* vma_merge() of b between a and c, none of which may merge with b: b is
 * returned and nothing changes. */
static void expect_no_merge(struct vm_area_struct *b, const char *why)
{
	struct vm_area_struct *got;

	take_snapshot(&snap_before);
	got = vma_merge(&mm, b);
	check(got == b, "%s: vma_merge returned another VMA", why);
	expect_unchanged(&snap_before, why);
	expect_valid();
	reset_mm();
}

static void test_merge_needs_same_flags_prot_and_touching(void **state)
{
	struct vm_area_struct *b;

	(void)state;
	map_anon(P(0), P(2), RO);
	b = map_anon(P(2), P(4), RW);
	map_anon(P(4), P(6), RX);
	expect_no_merge(b, "different flags");

	map_anon(P(0), P(2), RW);
	b = map_anon(P(2), P(4), RW | VM_SHARED);
	map_anon(P(4), P(6), RW);
	expect_no_merge(b, "VM_SHARED on one side");

	map(P(0), P(2), RW, NULL, 0)->vm_page_prot = 0x5;
	b = map_anon(P(2), P(4), RW);
	map(P(4), P(6), RW, NULL, 0)->vm_page_prot = 0x3;
	expect_no_merge(b, "different vm_page_prot");

	map_anon(P(0), P(2), RW);
	b = map_anon(P(3), P(4), RW);
	map_anon(P(5), P(6), RW);
	expect_no_merge(b, "a page apart");

	b = map_anon(P(3), P(4), RW);
	expect_no_merge(b, "alone");
}

static void
test_merge_of_file_vmas_needs_same_file_and_contiguous_pgoff(void **state)
{
	struct vm_area_struct *a, *b, *c;

	(void)state;
	/* Contiguous: file pages 10-11 and 12-13. */
	a = map(P(0), P(2), RW, FILE_A, 10);
	b = map(P(2), P(4), RW, FILE_A, 12);
	assert_ptr_equal(vma_merge(&mm, b), a);
	expect_vma(a, P(0), P(4), RW, FILE_A, 10);
	assert_int_equal(nr_live, 1);
	reset_mm();

	a = map(P(0), P(2), RW, FILE_A, 10);
	map(P(2), P(4), RW, FILE_A, 12);
	assert_ptr_equal(vma_merge(&mm, a), a);
	expect_vma(a, P(0), P(4), RW, FILE_A, 10);
	assert_int_equal(nr_live, 1);
	reset_mm();

	/* Three: pages 10-11, 12, 13-15. */
	a = map(P(0), P(2), RW, FILE_B, 10);
	b = map(P(2), P(3), RW, FILE_B, 12);
	map(P(3), P(6), RW, FILE_B, 13);
	assert_ptr_equal(vma_merge(&mm, b), a);
	expect_vma(a, P(0), P(6), RW, FILE_B, 10);
	assert_int_equal(nr_live, 1);
	expect_valid();
	reset_mm();

	/* Prev contiguous, next not: only prev. */
	a = map(P(0), P(2), RW, FILE_A, 10);
	b = map(P(2), P(4), RW, FILE_A, 12);
	c = map(P(4), P(6), RW, FILE_A, 20);
	assert_ptr_equal(vma_merge(&mm, b), a);
	expect_vma(a, P(0), P(4), RW, FILE_A, 10);
	expect_vma(c, P(4), P(6), RW, FILE_A, 20);
	assert_int_equal(nr_live, 2);
	expect_valid();
	reset_mm();

	/* Next contiguous, prev not: only next. */
	map(P(0), P(2), RW, FILE_A, 3);
	b = map(P(2), P(4), RW, FILE_A, 12);
	map(P(4), P(6), RW, FILE_A, 14);
	assert_ptr_equal(vma_merge(&mm, b), b);
	expect_vma(b, P(2), P(6), RW, FILE_A, 12);
	assert_int_equal(nr_live, 2);
	expect_valid();
	reset_mm();

	map(P(0), P(2), RW, FILE_A, 11); /* one page short of b */
	b = map(P(2), P(4), RW, FILE_A, 12);
	map(P(4), P(6), RW, FILE_A, 15); /* one page past */
	expect_no_merge(b, "file pages not contiguous");

	map(P(0), P(2), RW, FILE_A, 10);
	b = map(P(2), P(4), RW, FILE_B, 12);
	map(P(4), P(6), RW, FILE_A, 14);
	expect_no_merge(b, "another file");

	map(P(0), P(2), RW, FILE_A, 10);
	b = map(P(2), P(4), RW, NULL, 12);
	map(P(4), P(6), RW, FILE_A, 14);
	expect_no_merge(b, "anonymous between file VMAs");

	map(P(0), P(2), RW, NULL, 10);
	b = map(P(2), P(4), RW, FILE_A, 12);
	map(P(4), P(6), RW, NULL, 14);
	expect_no_merge(b, "file between anonymous VMAs");

	/* Backwards: b's pages come before a's in the file. */
	map(P(0), P(2), RW, FILE_A, 14);
	b = map(P(2), P(4), RW, FILE_A, 12);
	map(P(4), P(6), RW, FILE_A, 10);
	expect_no_merge(b, "file pages in reverse");
}

/*
 * Each VMA of a file holds one reference to it (f_count: "fds and VMAs
 * that refer to it"): mm/mmap.c takes one per VMA in do_mmap and dup_mm
 * and drops one per VMA in remove_vma. So a split, which makes a second
 * VMA of the file, takes one, and a merge, which frees one, drops one.
 */
static void test_split_and_merge_keep_one_file_reference_per_vma(void **state)
{
	struct vm_area_struct *vma;

	(void)state;
	vma = map(P(0), P(6), RW, FILE_A, 0);
	FILE_A->f_count = 2; /* the fd's and the VMA's */
	assert_int_equal(split_vma(&mm, vma, P(2), 0), 0);
	check(FILE_A->f_count == 3, "f_count %d after a split, want 3",
	      FILE_A->f_count);
	assert_ptr_equal(vma_merge(&mm, vma), vma);
	check(FILE_A->f_count == 2, "f_count %d after merging back, want 2",
	      FILE_A->f_count);

	/* [0, 1) [1, 2) [2, 6): munmap's two cuts, then all three merged. */
	assert_int_equal(split_vma(&mm, vma, P(2), 0), 0);
	assert_int_equal(split_vma(&mm, vma, P(1), 1), 0);
	check(FILE_A->f_count == 4, "f_count %d after two splits, want 4",
	      FILE_A->f_count);
	vma = vma_merge(&mm, vma);
	expect_vma(vma, P(0), P(6), RW, FILE_A, 0);
	check(FILE_A->f_count == 2, "f_count %d after merging three, want 2",
	      FILE_A->f_count);
	expect_valid();
}

/* 5. Random operations against a model of the address space. */

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
static u64 seed_now;
static unsigned int step_now;
static char op_now[96];

#define mcheck(cond, fmt, ...)                                           \
	do {                                                             \
		if (!(cond))                                             \
			fail_msg("seed %#llx step %u after %s: " fmt,    \
				 (unsigned long long)seed_now, step_now, \
				 op_now, ##__VA_ARGS__);                 \
	} while (0)

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

/*
 * The whole mm against the model: validate_mm(), the counts, the cache, and
 * find_vma() at the first, the last or a random byte of every page, which
 * must give the VMA holding the page or, in a gap, the one above it; then find_vma_prev()
 * and find_vma_intersection() at one random place.
 */
static void check_model(void)
{
	static struct vm_area_struct *got[NPAGES + 1];
	unsigned int nvmas = 0, pages = 0, next = NPAGES, n = 0;
	struct vm_area_struct *v, *prev, *want;
	unsigned int s, len, lim;
	unsigned long addr;
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

	got[NPAGES] = NULL;
	for (unsigned int p = NPAGES; p-- > 0;) {
		const struct mpage *m;

		if (model[p].mapped)
			next = p;
		addr = P(p) + (p % 3 == 0 ? 0 :
			       p % 3 == 1 ? PAGE_SIZE - 1 :
					    rnd(PAGE_SIZE));
		v = got[p] = find_vma(&mm, addr);
		if (next == NPAGES) {
			mcheck(!v, "find_vma(%#lx) is %#lx-%#lx, want NULL",
			       addr, v->vm_start, v->vm_end);
			continue;
		}
		m = &model[next];
		mcheck(v, "find_vma(%#lx) is NULL, want the VMA at page %u",
		       addr, m->start);
		mcheck(v->vm_start == P(m->start) &&
			       v->vm_end == P(model_end(next)),
		       "find_vma(%#lx) is %#lx-%#lx, want %#lx-%#lx", addr,
		       v->vm_start, v->vm_end, P(m->start), P(model_end(next)));
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
	assert_ptr_equal(find_vma(&mm, 0), got[0]);
	assert_null(find_vma(&mm, P(NPAGES)));
	for (v = mm.mmap; v && n <= nvmas; v = v->vm_next, n++)
		mcheck(find_vma(&mm, v->vm_start) == v,
		       "VMA %#lx-%#lx on the list, not found", v->vm_start,
		       v->vm_end);
	mcheck(n == nvmas, "%u VMAs on the list, model %u", n, nvmas);

	addr = P(rnd(NPAGES + 1)) + rnd(PAGE_SIZE);
	prev = &fake_vma_poison;
	v = find_vma_prev(&mm, addr, &prev);
	mcheck(v == find_vma(&mm, addr), "find_vma_prev(%#lx): not find_vma",
	       addr);
	lim = v ? page_of(v->vm_start) : NPAGES;
	want = NULL;
	while (lim-- > 0)
		if (model[lim].mapped) {
			want = got[lim];
			break;
		}
	mcheck(prev == want, "find_vma_prev(%#lx): wrong prev", addr);

	s = (unsigned int)rnd(NPAGES);
	len = 1 + (unsigned int)rnd(8);
	want = NULL;
	for (unsigned int q = s; q < s + len && q < NPAGES; q++)
		if (model[q].mapped) {
			want = got[q];
			break;
		}
	mcheck(find_vma_intersection(&mm, P(s), P(s + len)) == want,
	       "find_vma_intersection(page %u, +%u)", s, len);
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

static unsigned int random_mapped_page(void)
{
	return random_page(true);
}

/* An insert over a random mapped page, which must be refused. */
static void op_insert_overlapping(void)
{
	unsigned int p = random_mapped_page(), s, e, top;
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

/*
 * Insert a VMA over free pages around a random free page, often reaching to a
 * neighbour; flags, prot and file chosen so that neighbours often agree,
 * and file offsets mostly follow the address (contiguous across VMAs).
 */
static void op_insert(void)
{
	unsigned int p = random_page(false), lo, hi, s, e;
	unsigned long flags, prot, pgoff;
	struct file *file;
	struct vm_area_struct *v;
	int ret;

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
	flags = rnd(4) ? RW : RO;
	prot = rnd(8) ? prot_of(flags) : prot_of(flags) | 0x100;
	file = rnd(2) ? NULL : rnd(2) ? FILE_A : FILE_B;
	pgoff = rnd(4) ? s + 1000 + (file == FILE_B) * 7 : rnd(512);

	libc_snprintf(op_now, sizeof(op_now),
		      "insert %u-%u flags %#lx prot %#lx file %c pgoff %lu", s,
		      e, flags, prot,
		      file == FILE_A ? 'A' :
		      file == FILE_B ? 'B' :
				       '-',
		      pgoff);
	v = new_vma_prot(P(s), P(e), flags, prot, file, pgoff);
	ret = insert_vm_struct(&mm, v);
	mcheck(ret == 0, "insert returned %d", ret);
	for (unsigned int q = s; q < e; q++)
		model[q] = (struct mpage){ true, s,    flags,
					   prot, file, pgoff + q - s };
}

/* munmap of a whole VMA. */
static void op_remove(void)
{
	unsigned int p = random_mapped_page(), s, e;
	struct vm_area_struct *v;

	if (p == NPAGES)
		return;
	s = model[p].start;
	e = model_end(p);
	libc_snprintf(op_now, sizeof(op_now), "remove %u-%u", s, e);
	v = find_vma(&mm, P(p));
	mcheck(v && v->vm_start == P(s), "no VMA at page %u", p);
	unmap(v);
	for (unsigned int q = s; q < e; q++)
		model[q].mapped = false;
}

static void op_split(void)
{
	unsigned int p = random_mapped_page(), s, e, q, below;
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
	for (unsigned int i = q; i < e; i++)
		model[i].start = q;
}

static void op_merge(void)
{
	unsigned int p = random_mapped_page(), s, e, ns, ne;
	struct vm_area_struct *v, *want, *got;

	if (p == NPAGES)
		return;
	s = ns = model[p].start;
	e = ne = model_end(p);
	libc_snprintf(op_now, sizeof(op_now), "merge of %u-%u", s, e);
	v = find_vma(&mm, P(p));
	want = v;
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
}

/* vma_merge() on every VMA, bottom up, and the same on the model. */
static void merge_everything(void)
{
	libc_snprintf(op_now, sizeof(op_now), "merging everything");
	for (struct vm_area_struct *v = mm.mmap; v; v = v->vm_next)
		v = vma_merge(&mm, v);
	for (unsigned int a = 0; a + 1 < NPAGES; a++)
		if (model_can_merge(a))
			model_join(a);
}

/*
 * Random steps, each checked against the model; in turns of 300 steps the
 * odds favour inserting (the space fills up, inserts land in small holes
 * between neighbours) or removing (room for long VMAs again). Then merge
 * everything that can merge, and empty the mm a VMA at a time.
 */
static void run_random_sequence(u64 seed, unsigned int steps)
{
	libc_memset(model, 0, sizeof(model));
	rng = seed_now = seed;
	libc_snprintf(op_now, sizeof(op_now), "nothing");
	for (step_now = 0; step_now < steps; step_now++) {
		unsigned long ins = (step_now / 300) % 2 ? 15 : 40;
		unsigned long r = rnd(100);

		if (r < ins)
			op_insert();
		else if (r < ins + 5)
			op_insert_overlapping();
		else if (r < 60)
			op_remove();
		else if (r < 80)
			op_split();
		else
			op_merge();
		check_model();
	}
	merge_everything();
	check_model();
	for (struct vm_area_struct *v = mm.mmap; v && v->vm_next;
	     v = v->vm_next)
		mcheck(!mergeable(v, v->vm_next),
		       "%#lx-%#lx and %#lx-%#lx could still merge", v->vm_start,
		       v->vm_end, v->vm_next->vm_start, v->vm_next->vm_end);
	while (mm.mmap) {
		op_remove();
		check_model();
	}
}

#define RANDOM_TEST(seed)                                     \
	static void test_random_sequence_##seed(void **state) \
	{                                                     \
		(void)state;                                  \
		run_random_sequence(seed, 5000);              \
	}
RANDOM_TEST(1)
RANDOM_TEST(2)
RANDOM_TEST(3)
RANDOM_TEST(4)
#undef RANDOM_TEST

/* 6. validate_mm catches each broken invariant and names it. */

/* a [0, 2) flags RW, b [4, 5) RO, c [6, 9) RX. */
static void map_three(void)
{
	reset_mm();
	va = map_anon(P(0), P(2), RW);
	vb = map_anon(P(4), P(5), RO);
	vc = map_anon(P(6), P(9), RX);
	expect_valid();
}

static void test_validate_mm_passes_a_good_mm(void **state)
{
	(void)state;
	expect_valid(); /* empty */
	map_three();
	find_vma(&mm, P(5));
	expect_valid();
}

static void test_validate_mm_catches_an_unsorted_list(void **state)
{
	(void)state;
	/* b and c trade ranges: the list (and the tree) go a, c's range,
	 * b's range. */
	map_three();
	vb->vm_start = P(6);
	vb->vm_end = P(9);
	vc->vm_start = P(4);
	vc->vm_end = P(5);
	expect_invalid("overlaps or is out of order", P(4), P(5), RX);

	map_three();
	vb->vm_end = P(7); /* into c */
	expect_invalid("overlaps or is out of order", P(6), P(9), RX);
	reset_mm();
}

static void test_validate_mm_catches_wrong_counts(void **state)
{
	(void)state;
	map_three();
	mm.map_count++;
	expect_invalid("map_count is wrong", 0, 0, 0);

	map_three();
	mm.map_count--;
	expect_invalid("map_count is wrong", 0, 0, 0);

	map_three();
	mm.total_vm--;
	expect_invalid("total_vm is wrong", 0, 0, 0);

	map_three();
	vb->vm_end = P(6); /* grown without telling total_vm */
	expect_invalid("total_vm is wrong", 0, 0, 0);
	reset_mm();
}

static void test_validate_mm_catches_list_and_tree_disagreeing(void **state)
{
	(void)state;
	map_three();
	rb_erase(&vb->vm_rb, &mm.mm_rb); /* on the list, not in the tree */
	expect_invalid("list and tree disagree", P(4), P(5), RO);

	map_three();
	rb_erase(&vc->vm_rb, &mm.mm_rb); /* the last */
	expect_invalid("list and tree disagree", P(6), P(9), RX);

	map_three();
	vb->vm_next = NULL; /* c: in the tree, not on the list */
	mm.map_count--;
	mm.total_vm -= 3;
	expect_invalid("the tree has more VMAs than the list", 0, 0, 0);
	reset_mm();
}

static void test_validate_mm_catches_bad_vmas(void **state)
{
	struct mm_struct other;

	(void)state;
	map_three();
	vb->vm_start += 0x10;
	expect_invalid("not page aligned", P(4) + 0x10, P(5), RO);

	map_three();
	vc->vm_end -= 1;
	expect_invalid("not page aligned", P(6), P(9) - 1, RX);

	map_three();
	vb->vm_end = vb->vm_start;
	expect_invalid("empty or inverted", P(4), P(4), RO);

	map_three();
	vc->vm_prev = va;
	expect_invalid("vm_prev is wrong", P(6), P(9), RX);

	map_three();
	vb->vm_mm = &other;
	expect_invalid("belongs to another mm", P(4), P(5), RO);
	reset_mm();
}

static void test_validate_mm_catches_a_stale_cache(void **state)
{
	(void)state;
	map_three();
	vma_unlink(&mm, vb); /* off the list, still allocated */
	mm.mmap_cache = vb;
	expect_invalid("mmap_cache is not in the list", 0, 0, 0);

	/* Freed: validate_mm() must compare the pointer, not follow it. */
	map_three();
	unmap(vb);
	mm.mmap_cache = vb;
	expect_invalid("mmap_cache is not in the list", 0, 0, 0);
	reset_mm();
}

#define TEST(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
/* Section 6 leaves the mm broken on purpose: no leak count after it. */
#define BROKEN_MM_TEST(f) \
	cmocka_unit_test_setup_teardown(f, setup, reset_teardown)

static int group_setup(void **state)
{
	(void)state;
	register_console(&capture_console);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_vm_area_alloc_is_zeroed_and_owned),
		TEST(test_find_vma_on_empty_mm),
		TEST(test_find_vma_is_the_first_vma_ending_above),
		TEST(test_find_vma_uses_and_fills_the_cache),
		TEST(test_find_vma_cache_is_not_stale_after_unlink),
		TEST(test_find_vma_cache_is_not_stale_after_split),
		TEST(test_find_vma_cache_is_not_stale_after_merge),
		TEST(test_find_vma_prev),
		TEST(test_find_vma_intersection),
		TEST(test_insert_in_random_orders_keeps_list_and_tree_sorted),
		TEST(test_insert_counts_vmas_and_pages),
		TEST(test_overlapping_insert_is_refused_and_changes_nothing),
		TEST(test_split_new_above),
		TEST(test_split_new_below),
		TEST(test_split_at_the_edges),
		TEST(test_split_anonymous_keeps_flags),
		TEST(test_split_without_memory_changes_nothing),
		TEST(test_merge_with_next),
		TEST(test_merge_with_prev_returns_prev),
		TEST(test_merge_three_into_one),
		TEST(test_merge_needs_same_flags_prot_and_touching),
		TEST(test_merge_of_file_vmas_needs_same_file_and_contiguous_pgoff),
		TEST(test_split_and_merge_keep_one_file_reference_per_vma),
		TEST(test_random_sequence_1),
		TEST(test_random_sequence_2),
		TEST(test_random_sequence_3),
		TEST(test_random_sequence_4),
		TEST(test_validate_mm_passes_a_good_mm),
		BROKEN_MM_TEST(test_validate_mm_catches_an_unsorted_list),
		BROKEN_MM_TEST(test_validate_mm_catches_wrong_counts),
		BROKEN_MM_TEST(
			test_validate_mm_catches_list_and_tree_disagreeing),
		BROKEN_MM_TEST(test_validate_mm_catches_bad_vmas),
		BROKEN_MM_TEST(test_validate_mm_catches_a_stale_cache),
	};

	return cmocka_run_group_tests(tests, group_setup, NULL);
}
