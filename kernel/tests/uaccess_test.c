/*
 * kernel/tests/uaccess_test.c - user copies from kernel mode: a demand-zero
 * fault taken inside copy_to_user, the page tables it leaves behind, and
 * bad pointers answered with a short copy (-EFAULT) instead of an oops.
 */
#include "arch/uaccess.h"
#include "kernel/sched.h"
#include "lib/errno.h"
#include "lib/kunit.h"
#include "mm/gfp.h"
#include "mm/memory.h"
#include "mm/mmap.h"
#include "mm/slab.h"
#include "mm/vma.h"

#define TEST_ADDR 0x10000000UL /* an anonymous read/write VMA */
#define TEST_LEN (4 * PAGE_SIZE)
#define HOLE_ADDR 0x20000000UL /* nothing mapped */
#define RO_ADDR 0x30000000UL /* a read-only VMA */

static struct mm_struct *test_mm;

/* Run the case in a throw-away address space, as if it were a process. */
static bool enter_test_mm(struct kunit *test)
{
	test_mm = mm_alloc();
	if (!test_mm ||
	    mmap_region(test_mm, NULL, TEST_ADDR, TEST_LEN, VM_READ | VM_WRITE,
			0) ||
	    mmap_region(test_mm, NULL, RO_ADDR, PAGE_SIZE, VM_READ, 0)) {
		kunit_fail(test, __FILE__, __LINE__, "no memory for the mm");
		return false;
	}
	current->mm = test_mm;
	switch_mm(test_mm);
	return true;
}

static void leave_test_mm(void)
{
	current->mm = NULL;
	write_cr3(__pa(swapper_pg_dir));
	mmput(test_mm);
}

static unsigned long free_frames(void)
{
	return nr_free_pages() + slab_empty_pages();
}

static void copy_to_user_demand_faults_a_zeroed_page(struct kunit *test)
{
	char out[64] = "written from the kernel", back[64] = { 0 };
	unsigned long before = free_frames();
	pte_t *ptep;

	if (!enter_test_mm(test))
		return;
	KUNIT_EXPECT_NULL(test, pte_offset(test_mm, TEST_ADDR));
	KUNIT_EXPECT_EQ(test, copy_to_user((void *)TEST_ADDR, out, sizeof(out)),
			0);
	KUNIT_EXPECT_EQ(test, test_mm->stat.zero_fill, 1);
	KUNIT_EXPECT_EQ(test, test_mm->rss, 1);
	ptep = pte_offset(test_mm, TEST_ADDR);
	KUNIT_ASSERT_NOT_NULL(test, ptep);
	KUNIT_EXPECT_TRUE(test, pte_present(*ptep));
	KUNIT_EXPECT_TRUE(test, *ptep & _PAGE_USER);
	KUNIT_EXPECT_TRUE(test, *ptep & _PAGE_RW);
	/* The rest of the page reads as zero, and back what was written. */
	KUNIT_EXPECT_EQ(
		test, copy_from_user(back, (void *)TEST_ADDR, sizeof(back)), 0);
	KUNIT_EXPECT_STREQ(test, back, out);
	KUNIT_EXPECT_EQ(test,
			copy_from_user(back, (void *)(TEST_ADDR + 100), 8), 0);
	KUNIT_EXPECT_EQ(test, back[0] | back[7], 0);
	/* Unmapping clears the PTE and frees the emptied page table. */
	KUNIT_EXPECT_EQ(test, do_munmap(test_mm, TEST_ADDR, TEST_LEN), 0);
	KUNIT_EXPECT_NULL(test, pte_offset(test_mm, TEST_ADDR));
	KUNIT_EXPECT_EQ(test, test_mm->rss, 0);
	KUNIT_EXPECT_EQ(test, validate_mm(test_mm), 0);
	leave_test_mm();
	KUNIT_EXPECT_EQ(test, free_frames(), before);
}

static void bad_pointers_give_efault_not_an_oops(struct kunit *test)
{
	char buf[16] = "x";

	if (!enter_test_mm(test))
		return;
	/* Nothing mapped there: the fault cannot be resolved, the fixup
	 * ends the copy with every byte not copied. */
	KUNIT_EXPECT_EQ(test, copy_to_user((void *)HOLE_ADDR, buf, 16), 16);
	KUNIT_EXPECT_EQ(test, copy_from_user(buf, (void *)HOLE_ADDR, 16), 16);
	/* Read-only memory cannot be written. */
	KUNIT_EXPECT_EQ(test, copy_to_user((void *)RO_ADDR, buf, 16), 16);
	KUNIT_EXPECT_EQ(test, copy_from_user(buf, (void *)RO_ADDR, 16), 0);
	/* The kernel half and NULL are refused. */
	KUNIT_EXPECT_EQ(test, copy_from_user(buf, (void *)PAGE_OFFSET, 16), 16);
	KUNIT_EXPECT_EQ(test, copy_to_user(NULL, buf, 16), 16);
	KUNIT_EXPECT_EQ(test, copy_to_user((void *)(PAGE_OFFSET - 8), buf, 16),
			16);
	KUNIT_EXPECT_EQ(test, strncpy_from_user(buf, (char *)HOLE_ADDR, 16),
			-EFAULT);
	KUNIT_EXPECT_EQ(test, strncpy_from_user(buf, (char *)PAGE_OFFSET, 16),
			-EFAULT);
	/* A copy that runs off the end of a VMA stops there. */
	KUNIT_EXPECT_EQ(
		test, copy_to_user((void *)(TEST_ADDR + TEST_LEN - 4), buf, 16),
		12);
	leave_test_mm();
}

static void strncpy_from_user_stops_at_the_nul(struct kunit *test)
{
	char buf[16];

	if (!enter_test_mm(test))
		return;
	KUNIT_ASSERT_EQ(test, copy_to_user((void *)TEST_ADDR, "abc", 4), 0);
	KUNIT_EXPECT_EQ(test, strncpy_from_user(buf, (char *)TEST_ADDR, 16), 3);
	KUNIT_EXPECT_STREQ(test, buf, "abc");
	KUNIT_EXPECT_EQ(test, strncpy_from_user(buf, (char *)TEST_ADDR, 2), 2);
	leave_test_mm();
}

/* A string in the last user page that runs into the kernel half has no
 * end a user could have written: -EFAULT, as in Linux, not a string of
 * the bytes before the border. */
static void strncpy_from_user_stops_at_the_kernel_half(struct kunit *test)
{
	unsigned long last = PAGE_OFFSET - PAGE_SIZE;
	char buf[16];

	if (!enter_test_mm(test))
		return;
	KUNIT_ASSERT_EQ(test,
			mmap_region(test_mm, NULL, last, PAGE_SIZE,
				    VM_READ | VM_WRITE, 0),
			0);
	KUNIT_ASSERT_EQ(test,
			copy_to_user((void *)(PAGE_OFFSET - 4), "abcd", 4), 0);
	KUNIT_EXPECT_EQ(test,
			strncpy_from_user(buf, (char *)(PAGE_OFFSET - 4), 16),
			-EFAULT);
	/* The caller asked for no more than there is: that is not a fault. */
	KUNIT_EXPECT_EQ(
		test, strncpy_from_user(buf, (char *)(PAGE_OFFSET - 4), 4), 4);
	KUNIT_ASSERT_EQ(test, copy_to_user((void *)(PAGE_OFFSET - 2), "", 1),
			0);
	KUNIT_EXPECT_EQ(
		test, strncpy_from_user(buf, (char *)(PAGE_OFFSET - 4), 16), 2);
	leave_test_mm();
}

/* Another mm's memory is reached through its page tables, whose kernel
 * half is the kernel's own: access_remote_vm must stop at TASK_SIZE. */
static void access_remote_vm_refuses_the_kernel_half(struct kunit *test)
{
	unsigned long word = 0x5a5a5a5a;
	unsigned long before = *(unsigned long *)PAGE_OFFSET;

	if (!enter_test_mm(test))
		return;
	KUNIT_EXPECT_EQ(test,
			access_remote_vm(test_mm, PAGE_OFFSET, &word,
					 sizeof(word), true),
			0);
	/* From the last user page, only the bytes below the border. */
	KUNIT_ASSERT_EQ(test,
			mmap_region(test_mm, NULL, PAGE_OFFSET - PAGE_SIZE,
				    PAGE_SIZE, VM_READ | VM_WRITE, 0),
			0);
	KUNIT_EXPECT_EQ(test,
			access_remote_vm(test_mm, PAGE_OFFSET - 2, &word,
					 sizeof(word), true),
			2);
	KUNIT_EXPECT_EQ(test, *(unsigned long *)PAGE_OFFSET, before);
	KUNIT_EXPECT_EQ(test,
			access_remote_vm(test_mm, TEST_ADDR, &word,
					 sizeof(word), true),
			sizeof(word));
	leave_test_mm();
}

/* put_user_32 stores a whole word or, when its last bytes would fault,
 * nothing at all: copy_to_user would have written the first ones. */
static void put_user_32_writes_all_or_nothing(struct kunit *test)
{
	unsigned long end = TEST_ADDR + TEST_LEN, word = 0;

	if (!enter_test_mm(test))
		return;
	KUNIT_ASSERT_EQ(test, copy_to_user((void *)(end - 4), "abcd", 4), 0);
	KUNIT_EXPECT_EQ(test, put_user_32(0x01020304, (void *)(end - 2)),
			-EFAULT);
	KUNIT_EXPECT_EQ(test, copy_from_user(&word, (void *)(end - 4), 4), 0);
	KUNIT_EXPECT_EQ(test, word, 0x64636261); /* "abcd", untouched */
	KUNIT_EXPECT_EQ(test, put_user_32(0x01020304, (void *)(end - 4)), 0);
	KUNIT_EXPECT_EQ(test, copy_from_user(&word, (void *)(end - 4), 4), 0);
	KUNIT_EXPECT_EQ(test, word, 0x01020304);
	KUNIT_EXPECT_EQ(test, put_user_32(0, (void *)RO_ADDR), -EFAULT);
	KUNIT_EXPECT_EQ(test, put_user_32(0, (void *)(PAGE_OFFSET - 2)),
			-EFAULT);
	leave_test_mm();
}

static struct kunit_case uaccess_test_cases[] = {
	KUNIT_CASE(copy_to_user_demand_faults_a_zeroed_page),
	KUNIT_CASE(bad_pointers_give_efault_not_an_oops),
	KUNIT_CASE(strncpy_from_user_stops_at_the_nul),
	KUNIT_CASE(strncpy_from_user_stops_at_the_kernel_half),
	KUNIT_CASE(access_remote_vm_refuses_the_kernel_half),
	KUNIT_CASE(put_user_32_writes_all_or_nothing),
	{}
};

static struct kunit_suite uaccess_test_suite = {
	.name = "uaccess",
	.test_cases = uaccess_test_cases,
};
kunit_test_suite(uaccess_test_suite);
