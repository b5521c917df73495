/*
 * arch/tests/traps_test.c - exceptions reach their handler with the right
 * vector, error code and CR2, and execution can resume after them.
 */
#include "arch/cpu.h"
#include "arch/page.h"
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

/* What the recording handler saw of the last exception. */
static struct {
	unsigned long trapno, error_code, cr2, ip;
	int count;
} seen;
/* Where the handler makes the interrupted code continue. */
static unsigned long resume_ip;

static void record_trap(struct pt_regs *regs)
{
	seen.trapno = regs->trapno;
	seen.error_code = regs->error_code;
	seen.cr2 = read_cr2();
	seen.ip = regs->ip;
	seen.count++;
	regs->ip = resume_ip;
}

/* Run probe() with vector's exceptions recorded instead of fatal. */
static void with_trap_recorded(unsigned int vector,
			       unsigned long (*probe)(unsigned long),
			       unsigned long arg, unsigned long *fault_ip)
{
	trap_handler_t old = set_trap_handler(vector, record_trap);

	seen.count = 0;
	*fault_ip = probe(arg);
	set_trap_handler(vector, old);
}

/* Each probe returns the address of its faulting instruction and sets
 * resume_ip to the instruction after it. */
static __attribute__((noinline)) unsigned long probe_read(unsigned long addr)
{
	unsigned long ip, v;

	__asm__ __volatile__("movl $2f, %[resume]\n\t"
			     "movl $1f, %[ip]\n"
			     "1:\tmovl (%[addr]), %[v]\n"
			     "2:"
			     : [ip] "=&r"(ip), [v] "=&r"(v),
			       [resume] "=m"(resume_ip)
			     : [addr] "r"(addr)
			     : "memory");
	return ip;
}

static __attribute__((noinline)) unsigned long probe_write(unsigned long addr)
{
	unsigned long ip;

	__asm__ __volatile__("movl $2f, %[resume]\n\t"
			     "movl $1f, %[ip]\n"
			     "1:\tmovl $0, (%[addr])\n"
			     "2:"
			     : [ip] "=&r"(ip), [resume] "=m"(resume_ip)
			     : [addr] "r"(addr)
			     : "memory");
	return ip;
}

static __attribute__((noinline)) unsigned long probe_divide(unsigned long n)
{
	unsigned long ip;

	__asm__ __volatile__("movl $2f, %[resume]\n\t"
			     "movl $1f, %[ip]\n\t"
			     "xorl %%edx, %%edx\n\t"
			     "movl $1, %%eax\n"
			     "1:\tdivl %[n]\n"
			     "2:"
			     : [ip] "=&r"(ip), [resume] "=m"(resume_ip)
			     : [n] "r"(n)
			     : "eax", "edx");
	return ip;
}

static __attribute__((noinline)) unsigned long probe_ud2(unsigned long unused)
{
	unsigned long ip;

	__asm__ __volatile__("movl $2f, %[resume]\n\t"
			     "movl $1f, %[ip]\n"
			     "1:\tud2\n"
			     "2:"
			     : [ip] "=&r"(ip), [resume] "=m"(resume_ip));
	return ip;
}

static void read_of_unmapped_address_is_page_fault(struct kunit *test)
{
	unsigned long ip;

	with_trap_recorded(X86_TRAP_PF, probe_read, UNMAPPED_USER_ADDR, &ip);
	KUNIT_ASSERT_EQ(test, seen.count, 1);
	KUNIT_EXPECT_EQ(test, seen.trapno, X86_TRAP_PF);
	KUNIT_EXPECT_EQ(test, seen.cr2, UNMAPPED_USER_ADDR);
	/* Not present, read, supervisor mode: no error-code bit set. */
	KUNIT_EXPECT_EQ(test, seen.error_code, 0);
	KUNIT_EXPECT_EQ(test, seen.ip, ip);
}

static void write_of_unmapped_address_sets_write_bit(struct kunit *test)
{
	unsigned long ip;

	with_trap_recorded(X86_TRAP_PF, probe_write, UNMAPPED_USER_ADDR + 8,
			   &ip);
	KUNIT_ASSERT_EQ(test, seen.count, 1);
	KUNIT_EXPECT_EQ(test, seen.cr2, UNMAPPED_USER_ADDR + 8);
	KUNIT_EXPECT_EQ(test, seen.error_code, X86_PF_WRITE);
	KUNIT_EXPECT_EQ(test, seen.ip, ip);
}

static void low_identity_mapping_is_gone_after_boot(struct kunit *test)
{
	unsigned long ip;

	/* The kernel's own first page, where boot.asm ran before the jump. */
	with_trap_recorded(X86_TRAP_PF, probe_read, KERNEL_LOAD_PHYS, &ip);
	KUNIT_ASSERT_EQ(test, seen.count, 1);
	KUNIT_EXPECT_EQ(test, seen.cr2, KERNEL_LOAD_PHYS);
	KUNIT_EXPECT_EQ(test, seen.error_code, 0);
	KUNIT_EXPECT_EQ(test, current_pgd()[0], 0);
	/* ... while the same memory is there through the direct map. */
	KUNIT_EXPECT_EQ(test, *(volatile unsigned long *)__va(KERNEL_LOAD_PHYS),
			*(volatile unsigned long *)(PAGE_OFFSET +
						    KERNEL_LOAD_PHYS));
}

static void reserved_bit_in_pde_is_reported(struct kunit *test)
{
	unsigned long *pde = &current_pgd()[SPARE_PDE_ADDR >> PGDIR_SHIFT];
	unsigned long ip;

	KUNIT_ASSERT_EQ(test, *pde, 0);
	*pde = PDE_4M_PRESENT_RW | PDE_4M_RESERVED_BIT;
	invlpg(SPARE_PDE_ADDR);
	with_trap_recorded(X86_TRAP_PF, probe_read, SPARE_PDE_ADDR, &ip);
	*pde = 0;
	invlpg(SPARE_PDE_ADDR);
	KUNIT_ASSERT_EQ(test, seen.count, 1);
	KUNIT_EXPECT_EQ(test, seen.cr2, SPARE_PDE_ADDR);
	/*
	 * SDM vol. 3A, 4.7: RSVD can be set only together with P, so hardware
	 * reports 0x9; QEMU 7.2's TCG reports 0x8. Check what both agree on.
	 */
	KUNIT_EXPECT_TRUE(test, seen.error_code & X86_PF_RSVD);
	KUNIT_EXPECT_FALSE(test, seen.error_code &
					 (X86_PF_WRITE | X86_PF_USER | X86_PF_INSTR));
}

static void division_by_zero_is_divide_error(struct kunit *test)
{
	unsigned long ip;

	with_trap_recorded(X86_TRAP_DE, probe_divide, 0, &ip);
	KUNIT_ASSERT_EQ(test, seen.count, 1);
	KUNIT_EXPECT_EQ(test, seen.trapno, X86_TRAP_DE);
	KUNIT_EXPECT_EQ(test, seen.error_code, 0);
	/* A fault: the saved ip is the divl itself, not the next one. */
	KUNIT_EXPECT_EQ(test, seen.ip, ip);
	/* A non-zero divisor raises nothing. */
	with_trap_recorded(X86_TRAP_DE, probe_divide, 1, &ip);
	KUNIT_EXPECT_EQ(test, seen.count, 0);
}

static void ud2_is_invalid_opcode(struct kunit *test)
{
	unsigned long ip;

	with_trap_recorded(X86_TRAP_UD, probe_ud2, 0, &ip);
	KUNIT_ASSERT_EQ(test, seen.count, 1);
	KUNIT_EXPECT_EQ(test, seen.trapno, X86_TRAP_UD);
	KUNIT_EXPECT_EQ(test, seen.ip, ip);
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
