/* kernel/exec.h - replacing a task's program with an ELF file. */
#ifndef KERNEL_EXEC_H
#define KERNEL_EXEC_H

/*
 * Load the static ELF program at path into a new address space with argv
 * and envp (kernel strings) on its stack, Linux i386's execve layout, and
 * make it the current task's, with its user registers set to start it. The
 * old address space is released only once the new one is complete, so on
 * failure (-ENOENT, -ENOEXEC, -ENOMEM, -E2BIG) the task is unchanged.
 */
int kernel_execve(const char *path, const char *const argv[],
		  const char *const envp[]);

#endif
