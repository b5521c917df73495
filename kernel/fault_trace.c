/*
 * kernel/fault_trace.c - the page-fault ring and the trace line.
 *
 * Every fault the kernel handles for a user address ends here, resolved or
 * not: it is copied into a small ring (so that GDB can show the last ones
 * after the fact) and, while tracing is on, printed as one line:
 *
 *   fault: sh[2] addr 0804c010 ip 08048a31 error 6 (user write, not
 *   present) vma 0804c000-0806d000 rw-p -> zero-fill pfn 3ff01
 */
#include "arch/traps.h"
#include "kernel/cmdline.h"
#include "kernel/fault_trace.h"
#include "lib/printk.h"
#include "lib/string.h"
#include "mm/vma.h"

struct fault_record fault_ring[FAULT_RING_SIZE];
unsigned long fault_ring_seq;
int trace_faults;

const char *const fault_resolution_names[NR_FAULT_RESOLUTIONS] = {
	[FAULT_ZERO_FILL] = "zero-fill",   [FAULT_FILE_READ] = "file read-in",
	[FAULT_COW_COPY] = "COW copy",	   [FAULT_COW_REUSE] = "COW reuse",
	[FAULT_SPURIOUS] = "spurious",	   [FAULT_SIGSEGV] = "SIGSEGV",
	[FAULT_SIGBUS] = "SIGBUS",	   [FAULT_OOM] = "out of memory",
	[FAULT_FIXUP] = "-EFAULT (fixup)",
};

_Static_assert((FAULT_RING_SIZE & (FAULT_RING_SIZE - 1)) == 0,
	       "the ring's index is a mask");

void fault_trace_init(void)
{
	const char *what = cmdline_get("trace");

	if (what && strcmp(what, "faults") == 0)
		trace_faults = 1;
}

/* The error code in words: who, what kind of access, and why it faulted
 * (Intel SDM Vol. 3A, 4.7 "Page-Fault Exceptions"). */
static void print_error_code(unsigned long error)
{
	const char *access = error & X86_PF_INSTR ? "exec" :
			     error & X86_PF_WRITE ? "write" :
						    "read";

	printk(KERN_CONT " (%s %s, %s)",
	       error & X86_PF_USER ? "user" : "kernel", access,
	       error & X86_PF_PROT ? "protection" : "not present");
}

static void print_record(const struct fault_record *r)
{
	char perms[5];

	printk(KERN_INFO "fault: %s[%d] addr %08lx ip %08lx error %lx", r->comm,
	       r->pid, r->address, r->ip, r->error_code);
	print_error_code(r->error_code);
	vma_perms(r->vm_flags, perms);
	if (r->vm_end)
		printk(KERN_CONT " vma %08lx-%08lx %s", r->vm_start, r->vm_end,
		       perms);
	else
		printk(KERN_CONT " vma none");
	printk(KERN_CONT " -> %s%s", r->stack_grew ? "stack growth, " : "",
	       fault_resolution_names[r->resolution]);
	if (r->pfn)
		printk(KERN_CONT " pfn %lx", r->pfn);
	printk(KERN_CONT "\n");
}

struct fault_record *fault_trace_next(void)
{
	struct fault_record *slot =
		&fault_ring[fault_ring_seq & (FAULT_RING_SIZE - 1)];

	slot->seq = ++fault_ring_seq;
	return slot;
}

void fault_trace_commit(const struct fault_record *rec)
{
	if (trace_faults)
		print_record(rec);
}
