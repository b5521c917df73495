/* kernel/exec.h - replacing a task's program with an ELF file. */
#ifndef KERNEL_EXEC_H
#define KERNEL_EXEC_H

/*
 * Load the static ELF program at filename into a new address space with
 * argv and envp (kernel strings) on its stack, Linux i386's execve layout,
 * and make it the current task's, with its user registers set to start it.
 * The old address space is released only once the new one is complete, so
 * on failure (-ENOENT, -ENOEXEC, -ENOMEM, -E2BIG) the task is unchanged.
 */
int kernel_execve(const char *filename, const char *const argv[],
		  const char *const envp[]);
/* execve(2): the same with the path, argv and envp in user memory, whose
 * errors come in Linux's order (-EFAULT, -E2BIG, then the file's). */
long sys_execve(unsigned long upath, unsigned long uargv, unsigned long uenvp,
		unsigned long a4, unsigned long a5, unsigned long a6);

#endif
