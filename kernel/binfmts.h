/*
 * kernel/binfmts.h - what exec's two halves share (Linux's
 * include/linux/binfmts.h): exec.c puts the strings on the new stack,
 * binfmt_elf.c loads the program around them.
 */
#ifndef KERNEL_BINFMTS_H
#define KERNEL_BINFMTS_H

struct initrd_file;
struct mm_struct;

/*
 * Linux's struct linux_binprm, as much as exec needs here: the new address
 * space, whose stack takes the strings as they are copied in, from the top
 * down, and what is known of them.
 */
struct linux_binprm {
	struct mm_struct *mm;
	unsigned long p; /* the lowest byte of the strings so far */
	unsigned long argmin; /* p may not go below: bprm_stack_limits() */
	unsigned long exec; /* the file name's copy, for AT_EXECFN */
	int argc, envc;
	const char *filename;
};

/*
 * Load the ELF program in file into bprm->mm, whose stack holds the
 * strings already, and start it: -ENOEXEC if it is no program of ours,
 * -ENOMEM. On success the task runs it (begin_new_exec()), never the old
 * program again.
 */
int load_elf_binary(struct linux_binprm *bprm, struct initrd_file *file);
/* The point of no return: bprm->mm becomes the current task's, which
 * forgets its old program (its memory, TLS, FPU state, signal handlers). */
void begin_new_exec(struct linux_binprm *bprm);

#endif
