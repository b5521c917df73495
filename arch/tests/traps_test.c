/*
 * arch/tests/traps_test.c - exceptions reach their handler with the right
 * vector, error code and CR2, and execution can resume after them.
 */
#include "arch/cpu.h"
#include "arch/page.h"
#include "arch/tests/trap_probe.h"
#include "arch/traps.h"
#include "lib/kunit.h"

/* An address in user space that nothing maps (the boot map is kernel-only). */
#define UNMAPPED_USER_ADDR 0x00400000UL
/* Where the loader put the kernel: identity-mapped only until boot.asm's jump. */
#define KERNEL_LOAD_PHYS 0x00100000UL
/* A user-half PDE slot the boot map leaves empty, for the reserved-bit test. */
#define SPARE_PDE_ADDR 0x40000000UL
/* SDM vol. 3A, table 4-4: a 4 MiB PDE's bit 21 is reserved; bits 0, 1, 7 P, RW, PS. */
#define PDE_4M_PRESENT_RW 0x83UL
#define PDE_4M_RESERVED_BIT (1UL << 21)

/* The page directory in use: boot.asm's, or the one mm/ switched to. */
static unsigned long *current_pgd(void)
{
	return __va(read_cr3() & PAGE_MASK);
}

static void read_of_unmapped_address_is_page_fault(struct kunit *test)
{
	struct trap_record seen;

	probe_read(UNMAPPED_USER_ADDR, X86_TRAP_PF, &seen);
	KUNIT_ASSERT_EQ(test, seen.count, 1);
	KUNIT_EXPECT_EQ(test, seen.trapno, X86_TRAP_PF);
	KUNIT_EXPECT_EQ(test, seen.cr2, UNMAPPED_USER_ADDR);
	/* Not present, read, supervisor mode: no error-code bit set. */
	KUNIT_EXPECT_EQ(test, seen.error_code, 0);
	KUNIT_EXPECT_EQ(test, seen.ip, seen.expected_ip);
}

static void write_of_unmapped_address_sets_write_bit(struct kunit *test)
{
	struct trap_record seen;

	probe_write(UNMAPPED_USER_ADDR + 8, X86_TRAP_PF, &seen);
	KUNIT_ASSERT_EQ(test, seen.count, 1);
	KUNIT_EXPECT_EQ(test, seen.cr2, UNMAPPED_USER_ADDR + 8);
	KUNIT_EXPECT_EQ(test, seen.error_code, X86_PF_WRITE);
	KUNIT_EXPECT_EQ(test, seen.ip, seen.expected_ip);
}

static void low_identity_mapping_is_gone_after_boot(struct kunit *test)
{
	struct trap_record seen;

	/* The kernel's own first page, where boot.asm ran before the jump. */
	probe_read(KERNEL_LOAD_PHYS, X86_TRAP_PF, &seen);
	KUNIT_ASSERT_EQ(test, seen.count, 1);
	KUNIT_EXPECT_EQ(test, seen.cr2, KERNEL_LOAD_PHYS);
	KUNIT_EXPECT_EQ(test, seen.error_code, 0);
	KUNIT_EXPECT_EQ(test, current_pgd()[0], 0);
	/* ... while the same memory is there through the direct map. */
	KUNIT_EXPECT_EQ(
		test, *(volatile unsigned long *)__va(KERNEL_LOAD_PHYS),
		*(volatile unsigned long *)(PAGE_OFFSET + KERNEL_LOAD_PHYS));
}

static void reserved_bit_in_pde_is_reported(struct kunit *test)
{
	unsigned long *pde = &current_pgd()[SPARE_PDE_ADDR >> PGDIR_SHIFT];
	struct trap_record seen;

	KUNIT_ASSERT_EQ(test, *pde, 0);
	*pde = PDE_4M_PRESENT_RW | PDE_4M_RESERVED_BIT;
	invlpg(SPARE_PDE_ADDR);
	probe_read(SPARE_PDE_ADDR, X86_TRAP_PF, &seen);
	*pde = 0;
	invlpg(SPARE_PDE_ADDR);
	KUNIT_ASSERT_EQ(test, seen.count, 1);
	KUNIT_EXPECT_EQ(test, seen.cr2, SPARE_PDE_ADDR);
	/*
	 * SDM vol. 3A, 4.7: RSVD can be set only together with P, so hardware
	 * reports 0x9; QEMU 7.2's TCG reports 0x8. Check what both agree on.
	 */
	KUNIT_EXPECT_TRUE(test, seen.error_code & X86_PF_RSVD);
	KUNIT_EXPECT_FALSE(test, seen.error_code & (X86_PF_WRITE | X86_PF_USER |
						    X86_PF_INSTR));
}

static void division_by_zero_is_divide_error(struct kunit *test)
{
	struct trap_record seen;

	probe_divide(0, &seen);
	KUNIT_ASSERT_EQ(test, seen.count, 1);
	KUNIT_EXPECT_EQ(test, seen.trapno, X86_TRAP_DE);
	KUNIT_EXPECT_EQ(test, seen.error_code, 0);
	/* A fault: the saved ip is the divl itself, not the next one. */
	KUNIT_EXPECT_EQ(test, seen.ip, seen.expected_ip);
	/* A non-zero divisor raises nothing. */
	probe_divide(1, &seen);
	KUNIT_EXPECT_EQ(test, seen.count, 0);
}

static void ud2_is_invalid_opcode(struct kunit *test)
{
	struct trap_record seen;

	probe_ud2(&seen);
	KUNIT_ASSERT_EQ(test, seen.count, 1);
	KUNIT_EXPECT_EQ(test, seen.trapno, X86_TRAP_UD);
	KUNIT_EXPECT_EQ(test, seen.ip, seen.expected_ip);
}

static void paging_and_write_protect_are_on(struct kunit *test)
{
	KUNIT_EXPECT_TRUE(test, read_cr0() & X86_CR0_PG);
	KUNIT_EXPECT_TRUE(test, read_cr0() & X86_CR0_WP);
	KUNIT_EXPECT_TRUE(test, read_cr4() & X86_CR4_PSE);
	/* The kernel half maps the kernel: the PDE of PAGE_OFFSET is present. */
	KUNIT_EXPECT_TRUE(test, current_pgd()[PAGE_OFFSET >> PGDIR_SHIFT] & 1);
}

static void trap_names_follow_the_sdm(struct kunit *test)
{
	KUNIT_EXPECT_STREQ(test, trap_name(X86_TRAP_PF), "page fault");
	KUNIT_EXPECT_STREQ(test, trap_name(X86_TRAP_DE), "divide error");
	KUNIT_EXPECT_STREQ(test, trap_name(X86_TRAP_GP), "general protection");
	KUNIT_EXPECT_STREQ(test, trap_name(IA32_SYSCALL_VECTOR), "system call");
}

static struct kunit_case traps_test_cases[] = {
	KUNIT_CASE(read_of_unmapped_address_is_page_fault),
	KUNIT_CASE(write_of_unmapped_address_sets_write_bit),
	KUNIT_CASE(low_identity_mapping_is_gone_after_boot),
	KUNIT_CASE(reserved_bit_in_pde_is_reported),
	KUNIT_CASE(division_by_zero_is_divide_error),
	KUNIT_CASE(ud2_is_invalid_opcode),
	KUNIT_CASE(paging_and_write_protect_are_on),
	KUNIT_CASE(trap_names_follow_the_sdm),
	{}
};

static struct kunit_suite traps_test_suite = {
	.name = "traps",
	.test_cases = traps_test_cases,
};
kunit_test_suite(traps_test_suite);
