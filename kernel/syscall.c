/*
 * kernel/syscall.c - system calls with Linux i386's numbers and registers:
 * the number in eax, arguments in ebx, ecx, edx, esi, edi, ebp, the result
 * (or -errno) back in eax. An unknown number gets -ENOSYS and a log line.
 */
#include "arch/uaccess.h"
#include "kernel/exit.h"
#include "kernel/sched.h"
#include "kernel/syscall.h"
#include "lib/errno.h"
#include "lib/printk.h"
#include "mm/mmap.h"

/* Numbers from Linux's arch/x86/entry/syscalls/syscall_32.tbl. */
#define __NR_exit 1
#define __NR_write 4
#define __NR_getpid 20
#define __NR_brk 45
#define __NR_writev 146
#define __NR_exit_group 252
#define NR_syscalls 450

/* Linux's UIO_MAXIOV: the most iovecs one writev takes. */
#define UIO_MAXIOV 1024
#define STDOUT_FILENO 1
#define STDERR_FILENO 2
/* write() copies user bytes through a kernel buffer of this size. */
#define WRITE_CHUNK 256

struct iovec {
	void *iov_base;
	unsigned long iov_len;
};

typedef long (*syscall_fn_t)(unsigned long, unsigned long, unsigned long,
			     unsigned long, unsigned long, unsigned long);

/* Until files exist (a later step), fds 1 and 2 are the console. */
static long console_write_user(const char *buf, unsigned long count)
{
	char chunk[WRITE_CHUNK];
	unsigned long done = 0;

	while (done < count) {
		unsigned long n = min(count - done, (unsigned long)WRITE_CHUNK);

		if (copy_from_user(chunk, buf + done, n))
			return done ? (long)done : -EFAULT;
		console_write(chunk, n);
		done += n;
	}
	return (long)done;
}

static long sys_write(unsigned long fd, unsigned long buf, unsigned long count,
		      unsigned long a4, unsigned long a5, unsigned long a6)
{
	if (fd != STDOUT_FILENO && fd != STDERR_FILENO)
		return -EBADF;
	if ((long)count < 0)
		return -EINVAL;
	if (!access_ok((void *)buf, count))
		return -EFAULT;
	return console_write_user((const char *)buf, count);
}

static long sys_writev(unsigned long fd, unsigned long uvec, unsigned long vlen,
		       unsigned long a4, unsigned long a5, unsigned long a6)
{
	long total = 0;

	if (fd != STDOUT_FILENO && fd != STDERR_FILENO)
		return -EBADF;
	if (vlen > UIO_MAXIOV)
		return -EINVAL;
	for (unsigned long i = 0; i < vlen; i++) {
		struct iovec iov;
		long n;

		if (copy_from_user(&iov, (struct iovec *)uvec + i, sizeof(iov)))
			return -EFAULT;
		if ((long)iov.iov_len < 0 || total + (long)iov.iov_len < total)
			return -EINVAL;
		if (!iov.iov_len)
			continue;
		if (!access_ok(iov.iov_base, iov.iov_len))
			return total ? total : -EFAULT;
		n = console_write_user(iov.iov_base, iov.iov_len);
		if (n < 0)
			return total ? total : n;
		total += n;
	}
	return total;
}

static long sys_exit(unsigned long code, unsigned long a2, unsigned long a3,
		     unsigned long a4, unsigned long a5, unsigned long a6)
{
	do_exit(W_EXITCODE(code, 0));
}

static long sys_getpid(unsigned long a1, unsigned long a2, unsigned long a3,
		       unsigned long a4, unsigned long a5, unsigned long a6)
{
	return current->pid;
}

static long sys_brk(unsigned long brk, unsigned long a2, unsigned long a3,
		    unsigned long a4, unsigned long a5, unsigned long a6)
{
	return (long)do_brk(current->mm, brk);
}

static const syscall_fn_t sys_call_table[NR_syscalls] = {
	[__NR_exit] = sys_exit,
	[__NR_write] = sys_write,
	[__NR_getpid] = sys_getpid,
	[__NR_brk] = sys_brk,
	[__NR_writev] = sys_writev,
	/* One thread per process: exit_group is exit. */
	[__NR_exit_group] = sys_exit,
};

static void do_int80_syscall_32(struct pt_regs *regs)
{
	unsigned long nr = regs->ax;

	if (nr >= NR_syscalls || !sys_call_table[nr]) {
		printk(KERN_INFO "%s[%d]: unknown system call %lu: -ENOSYS\n",
		       current->comm, current->pid, nr);
		regs->ax = (unsigned long)-ENOSYS;
		return;
	}
	regs->ax = (unsigned long)sys_call_table[nr](
		regs->bx, regs->cx, regs->dx, regs->si, regs->di, regs->bp);
}

void syscall_init(void)
{
	set_trap_handler(IA32_SYSCALL_VECTOR, do_int80_syscall_32);
}
