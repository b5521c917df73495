/*
 * kernel/syscall.c - system calls with Linux i386's numbers and registers:
 * the number in eax, arguments in ebx, ecx, edx, esi, edi, ebp, the result
 * (or -errno) back in eax. An unknown number gets -ENOSYS and a log line.
 */
#include "arch/uaccess.h"
#include "kernel/exec.h"
#include "kernel/exit.h"
#include "kernel/fork.h"
#include "kernel/fs.h"
#include "kernel/mman.h"
#include "kernel/signal.h"
#include "kernel/sys.h"
#include "kernel/time.h"
#include "kernel/sched.h"
#include "kernel/vmcheck.h"
#include "kernel/syscall.h"
#include "lib/errno.h"
#include "lib/printk.h"
#include "mm/memory.h"
#include "mm/mmap.h"

/* Numbers from Linux's arch/x86/entry/syscalls/syscall_32.tbl. */
#define __NR_exit 1
#define __NR_fork 2
#define __NR_read 3
#define __NR_write 4
#define __NR_open 5
#define __NR_close 6
#define __NR_waitpid 7
#define __NR_execve 11
#define __NR_lseek 19
#define __NR_getpid 20
#define __NR_kill 37
#define __NR_brk 45
#define __NR_ioctl 54
#define __NR_getppid 64
#define __NR_mmap 90
#define __NR_munmap 91
#define __NR_wait4 114
#define __NR_clone 120
#define __NR_mprotect 125
#define __NR_writev 146
#define __NR_sched_yield 158
#define __NR_nanosleep 162
#define __NR_rt_sigaction 174
#define __NR_rt_sigprocmask 175
#define __NR_mremap 163
#define __NR_vfork 190
#define __NR_ugetrlimit 191
#define __NR_mmap2 192
#define __NR_fstat64 197
#define __NR_mincore 218
#define __NR_madvise 219
#define __NR_getdents64 220
#define __NR_set_thread_area 243
#define __NR_set_tid_address 258
#define __NR_fstatat64 300
#define __NR_exit_group 252
#define __NR_clock_gettime 265
#define NR_syscalls 450

/* clone() flags (Linux's include/uapi/linux/sched.h): the set glibc's
 * fork() passes, with the exit signal in the low byte. */
#define CSIGNAL 0x000000ff
#define CLONE_PARENT_SETTID 0x00100000
#define CLONE_CHILD_CLEARTID 0x00200000
#define CLONE_CHILD_SETTID 0x01000000
#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1

struct timespec {
	long tv_sec;
	long tv_nsec;
};

typedef long (*syscall_fn_t)(unsigned long, unsigned long, unsigned long,
			     unsigned long, unsigned long, unsigned long);

static long sys_exit(unsigned long code, unsigned long a2, unsigned long a3,
		     unsigned long a4, unsigned long a5, unsigned long a6)
{
	do_exit(W_EXITCODE(code, 0));
}

/* The pt_regs of the system call being served (for fork). */
static struct pt_regs *syscall_regs;

static long sys_fork(unsigned long a1, unsigned long a2, unsigned long a3,
		     unsigned long a4, unsigned long a5, unsigned long a6)
{
	return do_fork(syscall_regs);
}

static long sys_vfork(unsigned long a1, unsigned long a2, unsigned long a3,
		      unsigned long a4, unsigned long a5, unsigned long a6)
{
	return do_vfork(syscall_regs);
}

/* i386 clone(flags, newsp, parent_tidptr, tls, child_tidptr). */
static long sys_clone(unsigned long flags, unsigned long newsp,
		      unsigned long parent_tid, unsigned long tls,
		      unsigned long child_tid, unsigned long a6)
{
	unsigned long known = CSIGNAL | CLONE_PARENT_SETTID |
			      CLONE_CHILD_CLEARTID | CLONE_CHILD_SETTID;
	struct task_struct *child;
	long pid;

	/* Threads (CLONE_VM and friends) do not exist yet. */
	if ((flags & ~known) || (flags & CSIGNAL) != SIGCHLD || newsp)
		return -EINVAL;
	pid = do_fork(syscall_regs);
	if (pid < 0)
		return pid;
	child = find_task_by_pid((int)pid);
	if (flags & CLONE_PARENT_SETTID)
		copy_to_user((void *)parent_tid, &pid, sizeof(pid));
	if (flags & CLONE_CHILD_SETTID)
		access_remote_vm(child->mm, child_tid, &pid, sizeof(pid), true);
	if (flags & CLONE_CHILD_CLEARTID)
		child->clear_child_tid = child_tid;
	return pid;
}

static long sys_wait4(unsigned long pid, unsigned long ustatus,
		      unsigned long options, unsigned long rusage,
		      unsigned long a5, unsigned long a6)
{
	int status;
	long ret;

	/* rusage is not kept: a non-NULL pointer gets zeros from Linux only
	 * for fields it does not track either, so refuse to pretend. */
	if (rusage)
		return -EINVAL;
	ret = do_wait((int)pid, &status, (int)options);
	if (ret > 0 && ustatus &&
	    copy_to_user((void *)ustatus, &status, sizeof(status)))
		return -EFAULT;
	return ret;
}

static long sys_waitpid(unsigned long pid, unsigned long ustatus,
			unsigned long options, unsigned long a4,
			unsigned long a5, unsigned long a6)
{
	return sys_wait4(pid, ustatus, options, 0, 0, 0);
}

static long sys_kill(unsigned long pid, unsigned long sig, unsigned long a3,
		     unsigned long a4, unsigned long a5, unsigned long a6)
{
	return do_kill((int)pid, (int)sig);
}

static long sys_getppid(unsigned long a1, unsigned long a2, unsigned long a3,
			unsigned long a4, unsigned long a5, unsigned long a6)
{
	return current->parent ? current->parent->pid : 0;
}

static long sys_sched_yield(unsigned long a1, unsigned long a2,
			    unsigned long a3, unsigned long a4,
			    unsigned long a5, unsigned long a6)
{
	schedule();
	return 0;
}

static long sys_nanosleep(unsigned long ureq, unsigned long urem,
			  unsigned long a3, unsigned long a4, unsigned long a5,
			  unsigned long a6)
{
	struct timespec ts;
	unsigned long ticks;

	if (copy_from_user(&ts, (void *)ureq, sizeof(ts)))
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= (long)NSEC_PER_SEC)
		return -EINVAL;
	/* Whole ticks, rounded up: never sleep less than asked. */
	ticks = (unsigned long)ts.tv_sec * HZ +
		(unsigned long)((ts.tv_nsec + (long)NSEC_PER_SEC / HZ - 1) /
				((long)NSEC_PER_SEC / HZ));
	if (!ticks)
		return 0;
	current->wakeup_jiffies = jiffies + ticks;
	while (current->wakeup_jiffies && !current->sigpending)
		schedule_sleep();
	if (current->sigpending) {
		long left = (long)(current->wakeup_jiffies - jiffies);

		current->wakeup_jiffies = 0;
		ts.tv_sec = left > 0 ? left / HZ : 0;
		ts.tv_nsec = left > 0 ? left % HZ * ((long)NSEC_PER_SEC / HZ) :
					0;
		if (urem)
			copy_to_user((void *)urem, &ts, sizeof(ts));
		return -EINTR;
	}
	return 0;
}

static long sys_clock_gettime(unsigned long clock, unsigned long utp,
			      unsigned long a3, unsigned long a4,
			      unsigned long a5, unsigned long a6)
{
	struct timespec ts;
	u64 ns;

	if (clock == CLOCK_REALTIME)
		ns = ktime_get_real_ns();
	else if (clock == CLOCK_MONOTONIC)
		ns = ktime_get_ns();
	else
		return -EINVAL; /* the other clocks are not kept */
	ts.tv_sec = (long)(ns / NSEC_PER_SEC);
	ts.tv_nsec = (long)(ns % NSEC_PER_SEC);
	return copy_to_user((void *)utp, &ts, sizeof(ts)) ? -EFAULT : 0;
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
	[__NR_fork] = sys_fork,
	[__NR_read] = sys_read,
	[__NR_write] = sys_write,
	[__NR_open] = sys_open,
	[__NR_close] = sys_close,
	[__NR_lseek] = sys_lseek,
	[__NR_waitpid] = sys_waitpid,
	[__NR_execve] = sys_execve,
	[__NR_getpid] = sys_getpid,
	[__NR_kill] = sys_kill,
	[__NR_brk] = sys_brk,
	[__NR_ioctl] = sys_ioctl,
	[__NR_getppid] = sys_getppid,
	[__NR_rt_sigaction] = sys_rt_sigaction,
	[__NR_rt_sigprocmask] = sys_rt_sigprocmask,
	[__NR_ugetrlimit] = sys_ugetrlimit,
	[__NR_set_thread_area] = sys_set_thread_area,
	[__NR_set_tid_address] = sys_set_tid_address,
	[__NR_fstatat64] = sys_fstatat64,
	[__NR_mmap] = sys_old_mmap,
	[__NR_munmap] = sys_munmap,
	[__NR_mprotect] = sys_mprotect,
	[__NR_mremap] = sys_mremap,
	[__NR_mmap2] = sys_mmap2,
	[__NR_mincore] = sys_mincore,
	[__NR_madvise] = sys_madvise,
	[__NR_getdents64] = sys_getdents64,
	[__NR_wait4] = sys_wait4,
	[__NR_clone] = sys_clone,
	[__NR_writev] = sys_writev,
	[__NR_sched_yield] = sys_sched_yield,
	[__NR_nanosleep] = sys_nanosleep,
	[__NR_vfork] = sys_vfork,
	[__NR_fstat64] = sys_fstat64,
	/* One thread per process: exit_group is exit. */
	[__NR_exit_group] = sys_exit,
	[__NR_clock_gettime] = sys_clock_gettime,
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
	syscall_regs = regs;
	regs->ax = (unsigned long)sys_call_table[nr](
		regs->bx, regs->cx, regs->dx, regs->si, regs->di, regs->bp);
	vmcheck_after("system call", nr);
}

void syscall_init(void)
{
	set_trap_handler(IA32_SYSCALL_VECTOR, do_int80_syscall_32);
}
