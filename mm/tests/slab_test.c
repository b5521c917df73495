/*
 * mm/tests/slab_test.c - slab objects are distinct, aligned, packed many to
 * a page, reused after free, and shrinking gives every empty page back.
 */
#include "lib/kunit.h"
#include "lib/printk.h"
#include "mm/gfp.h"
#include "mm/slab.h"

#define OBJ_SIZE 48
#define OBJ_ALIGN 16
#define SLABS 3 /* fill this many pages of objects */
#define MAX_OBJS (SLABS * (PAGE_SIZE / OBJ_SIZE))

static void *objs[MAX_OBJS];

/* Free frames, counting empty slab pages as free (DESIGN.md's baseline). */
static unsigned long free_frames(void)
{
	return nr_free_pages() + slab_empty_pages();
}

static void objects_are_distinct_aligned_and_packed(struct kunit *test)
{
	unsigned long before = free_frames();
	struct kmem_cache *c =
		kmem_cache_create("test_48", OBJ_SIZE, OBJ_ALIGN);
	unsigned int n;

	KUNIT_ASSERT_NOT_NULL(test, c);
	/* 48 is a multiple of 16: 85 objects fit in a 4096-byte page. */
	KUNIT_EXPECT_EQ(test, c->objects, PAGE_SIZE / OBJ_SIZE);
	n = SLABS * c->objects;
	for (unsigned int i = 0; i < n; i++) {
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, objs[i]);
		KUNIT_EXPECT_EQ(test, (unsigned long)objs[i] % OBJ_ALIGN, 0);
		memset(objs[i], (int)i,
		       OBJ_SIZE); /* overlap would show below */
	}
	KUNIT_EXPECT_EQ(test, c->nr_slabs, SLABS);
	KUNIT_EXPECT_EQ(test, c->active_objs, n);
	for (unsigned int i = 0; i < n; i++) {
		const unsigned char *p = objs[i];

		for (unsigned int b = 0; b < OBJ_SIZE; b++)
			if (p[b] != (unsigned char)i)
				KUNIT_EXPECT_EQ(test, p[b], (unsigned char)i);
	}
	for (unsigned int i = 0; i < n; i++)
		kmem_cache_free(c, objs[i]);
	KUNIT_EXPECT_EQ(test, c->active_objs, 0);
	KUNIT_EXPECT_EQ(test, kmem_cache_shrink(c), SLABS);
	KUNIT_EXPECT_EQ(test, c->nr_slabs, 0);
	kmem_cache_destroy(c);
	KUNIT_EXPECT_EQ(test, free_frames(), before);
}

static void freed_object_is_reused(struct kunit *test)
{
	struct kmem_cache *c = kmem_cache_create("test_reuse", 100, 0);
	void *a, *b, *again;

	KUNIT_ASSERT_NOT_NULL(test, c);
	a = kmem_cache_alloc(c, GFP_KERNEL);
	b = kmem_cache_alloc(c, GFP_KERNEL);
	KUNIT_ASSERT_TRUE(test, a && b && a != b);
	kmem_cache_free(c, a);
	again = kmem_cache_alloc(c, GFP_KERNEL);
	KUNIT_EXPECT_TRUE(test, again == a);
	kmem_cache_free(c, again);
	kmem_cache_free(c, b);
	kmem_cache_destroy(c);
}

static void kmalloc_uses_the_smallest_class(struct kunit *test)
{
	static const unsigned int sizes[] = { 1, 8, 9, 64, 65, 96, 97, 2048 };
	static const unsigned int want[] = { 8, 8, 16, 64, 96, 96, 128, 2048 };

	for (unsigned int i = 0; i < ARRAY_SIZE(sizes); i++) {
		void *p = kmalloc(sizes[i], GFP_KERNEL);
		struct page *page;

		KUNIT_ASSERT_NOT_NULL(test, p);
		page = virt_to_page(p);
		KUNIT_EXPECT_TRUE(test, PageSlab(page));
		KUNIT_EXPECT_EQ(test, page->slab_cache->size, want[i]);
		kfree(p);
	}
	KUNIT_EXPECT_TRUE(test, kmalloc(0, GFP_KERNEL) == ZERO_SIZE_PTR);
	kfree(ZERO_SIZE_PTR);
	kfree(NULL);
}

static void big_kmalloc_takes_whole_pages(struct kunit *test)
{
	unsigned long before = nr_free_pages();
	char *p = kmalloc(3 * PAGE_SIZE, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_EXPECT_FALSE(test, PageSlab(virt_to_page(p)));
	/* Three pages round up to an order-2 block. */
	KUNIT_EXPECT_EQ(test, nr_free_pages(), before - 4);
	memset(p, 1, 3 * PAGE_SIZE);
	kfree(p);
	KUNIT_EXPECT_EQ(test, nr_free_pages(), before);
}

static void kzalloc_zeroes(struct kunit *test)
{
	unsigned char *p = kmalloc(200, GFP_KERNEL);
	unsigned int nonzero = 0;

	KUNIT_ASSERT_NOT_NULL(test, p);
	memset(p, 0xff, 200);
	kfree(p);
	p = kzalloc(200, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, p);
	for (unsigned int i = 0; i < 200; i++)
		nonzero += p[i] != 0;
	KUNIT_EXPECT_EQ(test, nonzero, 0);
	kfree(p);
}

static void slabinfo_lists_the_cache(struct kunit *test)
{
	static char buf[4096];
	struct kmem_cache *c = kmem_cache_create("test_info", 32, 0);
	void *a = kmem_cache_alloc(c, GFP_KERNEL);
	struct seq_buf s;
	char want[80];
	const char *line;

	seq_buf_init(&s, buf, sizeof(buf));
	slabinfo_show(&s);
	KUNIT_EXPECT_EQ(test, strncmp(buf, "slabinfo - version: 2.1\n", 24), 0);
	/* name, active_objs 1, num_objs 128, objsize 32, objperslab 128, 1 page */
	snprintf(want, sizeof(want), "%-17s %6u %6u %6u %4u %4d :", "test_info",
		 1u, 128u, 32u, 128u, 1);
	line = buf;
	while (line && strncmp(line, want, strlen(want)) != 0) {
		line = strchr(line, '\n');
		if (line)
			line++;
	}
	KUNIT_EXPECT_NOT_NULL(test, line);
	kmem_cache_free(c, a);
	kmem_cache_destroy(c);
}

static struct kunit_case slab_test_cases[] = {
	KUNIT_CASE(objects_are_distinct_aligned_and_packed),
	KUNIT_CASE(freed_object_is_reused),
	KUNIT_CASE(kmalloc_uses_the_smallest_class),
	KUNIT_CASE(big_kmalloc_takes_whole_pages),
	KUNIT_CASE(kzalloc_zeroes),
	KUNIT_CASE(slabinfo_lists_the_cache),
	{}
};

static struct kunit_suite slab_test_suite = {
	.name = "slab",
	.test_cases = slab_test_cases,
};
kunit_test_suite(slab_test_suite);
