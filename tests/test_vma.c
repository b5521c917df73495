/*
 * tests/test_vma.c - mm/vma.c, the VMA set of an mm, on the host.
 *
 * The code under test is the kernel's own mm/vma.c, over lib/rbtree.c, built
 * by tests/host.mk, with tests/model_vma.c's fake slab: every VMA is its own
 * malloc() block, and a registry of the live ones lets a test count them.
 * printk goes to a captured console (tests/host_console.c), where
 * validate_mm()'s complaints are read back.
 *
 * The random tests hold the VMA set against model_vma.c's model of the
 * address space, page by page; tests/fuzz/fuzz_vma.c drives the same model
 * with libFuzzer's inputs.
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
#include "tests/host_console.h"
#include "tests/model_vma.h"
#include "lib/errno.h"

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

	rnd_seed(seed);
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

/*
 * Random steps, each checked against the model; in turns of 300 steps the
 * odds favour inserting (the space fills up, inserts land in small holes
 * between neighbours) or removing (room for long VMAs again). Then merge
 * everything that can merge, and empty the mm a VMA at a time.
 */
static void run_random_sequence(u64 seed, unsigned int steps)
{
	model_reset();
	rnd_seed(seed);
	for (unsigned int step = 0; step < steps; step++) {
		unsigned long ins = (step / 300) % 2 ? 15 : 40;
		unsigned long r = rnd(100);

		if (r < ins)
			model_step(OP_INSERT);
		else if (r < ins + 5)
			model_step(OP_INSERT_OVERLAPPING);
		else if (r < 60)
			model_step(OP_REMOVE);
		else if (r < 80)
			model_step(OP_SPLIT);
		else
			model_step(OP_MERGE);
	}
	model_finish();
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
	console_capture_start();
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
