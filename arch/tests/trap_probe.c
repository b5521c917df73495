/*
 * arch/tests/trap_probe.c - run one faulting instruction with a recording
 * handler on its vector. Each probe stores the address of its faulting
 * instruction and of the one after it; the handler records the exception
 * and makes the CPU resume after it.
 */
#include "arch/cpu.h"
#include "arch/tests/trap_probe.h"

static struct trap_record *record;
static unsigned long resume_ip;

static void record_trap(struct pt_regs *regs)
{
	record->trapno = regs->trapno;
	record->error_code = regs->error_code;
	record->cr2 = read_cr2();
	record->ip = regs->ip;
	record->count++;
	regs->ip = resume_ip;
}

static trap_handler_t begin(unsigned int vector, struct trap_record *rec)
{
	*rec = (struct trap_record){ 0 };
	record = rec;
	return set_trap_handler(vector, record_trap);
}

void probe_read(unsigned long addr, unsigned int vector,
		struct trap_record *rec)
{
	trap_handler_t old = begin(vector, rec);
	unsigned long v;

	__asm__ __volatile__("movl $2f, %[resume]\n\t"
			     "movl $1f, %[ip]\n"
			     "1:\tmovl (%[addr]), %[v]\n"
			     "2:"
			     : [ip] "=m"(rec->expected_ip), [v] "=&r"(v),
			       [resume] "=m"(resume_ip)
			     : [addr] "r"(addr)
			     : "memory");
	set_trap_handler(vector, old);
}

void probe_write(unsigned long addr, unsigned int vector,
		 struct trap_record *rec)
{
	trap_handler_t old = begin(vector, rec);

	__asm__ __volatile__(
		"movl $2f, %[resume]\n\t"
		"movl $1f, %[ip]\n"
		"1:\tmovl $0, (%[addr])\n"
		"2:"
		: [ip] "=m"(rec->expected_ip), [resume] "=m"(resume_ip)
		: [addr] "r"(addr)
		: "memory");
	set_trap_handler(vector, old);
}

void probe_divide(unsigned long divisor, struct trap_record *rec)
{
	trap_handler_t old = begin(X86_TRAP_DE, rec);

	__asm__ __volatile__(
		"movl $2f, %[resume]\n\t"
		"movl $1f, %[ip]\n\t"
		"xorl %%edx, %%edx\n\t"
		"movl $1, %%eax\n"
		"1:\tdivl %[n]\n"
		"2:"
		: [ip] "=m"(rec->expected_ip), [resume] "=m"(resume_ip)
		: [n] "r"(divisor)
		: "eax", "edx", "memory");
	set_trap_handler(X86_TRAP_DE, old);
}

void probe_ud2(struct trap_record *rec)
{
	trap_handler_t old = begin(X86_TRAP_UD, rec);

	__asm__ __volatile__(
		"movl $2f, %[resume]\n\t"
		"movl $1f, %[ip]\n"
		"1:\tud2\n"
		"2:"
		: [ip] "=m"(rec->expected_ip), [resume] "=m"(resume_ip)
		:
		: "memory");
	set_trap_handler(X86_TRAP_UD, old);
}
