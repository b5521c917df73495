/*
 * kernel/fault_trace.h - what happened at each page fault, for students:
 * a ring of the last FAULT_RING_SIZE faults (always kept, read by GDB's
 * `kfaults` and `kexplain`), and one printed line per fault while tracing
 * is on (`trace=faults` on the command line, or /proc/sys/vm/trace_faults
 * at run time). Linux's nearest equivalent is the exceptions:page_fault_user
 * tracepoint; this one also says how the fault was resolved.
 */
#ifndef KERNEL_FAULT_TRACE_H
#define KERNEL_FAULT_TRACE_H

#include "mm/memory.h"

/* One fault, as the kernel saw and resolved it. */
struct fault_record {
	unsigned long seq; /* 1 for the first fault since boot */
	int pid;
	char comm[16]; /* TASK_COMM_LEN */
	unsigned long address; /* CR2 */
	unsigned long error_code; /* the CPU's (X86_PF_* bits) */
	unsigned long ip; /* where the access was made */
	/* The VMA that covered (or was grown to cover) address; all 0 if none. */
	unsigned long vm_start, vm_end, vm_flags;
	enum fault_resolution resolution; /* mm/memory.h */
	bool stack_grew; /* the stack VMA was extended down first */
	unsigned long pfn; /* the frame mapped at address afterwards, or 0 */
};

/* Power of two: the slot of fault seq is (seq - 1) % FAULT_RING_SIZE. */
#define FAULT_RING_SIZE 64

/* The last FAULT_RING_SIZE faults; fault_ring_seq is the newest's seq. */
extern struct fault_record fault_ring[FAULT_RING_SIZE];
extern unsigned long fault_ring_seq;
/* Print a line per fault? 0 or 1; set by trace=faults, or at run time. */
extern int trace_faults;

/* Short names of the resolutions ("zero-fill", "COW copy", ...). */
extern const char *const fault_resolution_names[NR_FAULT_RESOLUTIONS];

/* Read trace= from the command line. */
void fault_trace_init(void);
/* The ring slot for the fault just handled, its seq set: fill in the rest
 * and pass it to fault_trace_commit() (filled in place: this runs on every
 * fault, so no copies). */
struct fault_record *fault_trace_next(void);
/* The record is complete: print it when tracing. */
void fault_trace_commit(const struct fault_record *rec);

#endif
