/* user/lib/syscall.h - Linux i386 system-call numbers and int $0x80 stubs. */
#ifndef USER_SYSCALL_H
#define USER_SYSCALL_H

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
#define __NR_getppid 64
#define __NR_mmap 90
#define __NR_munmap 91
#define __NR_wait4 114
#define __NR_clone 120
#define __NR_mprotect 125
#define __NR_writev 146
#define __NR_sched_yield 158
#define __NR_nanosleep 162
#define __NR_mremap 163
#define __NR_vfork 190
#define __NR_mmap2 192
#define __NR_fstat64 197
#define __NR_setuid32 213
#define __NR_mincore 218
#define __NR_madvise 219
#define __NR_getdents64 220
#define __NR_exit_group 252
#define __NR_clock_gettime 265
#define __NR_fstatat64 300

/*
 * The raw calls: number in eax, arguments in ebx, ecx, edx, esi, edi, ebp,
 * result in eax, -errno on failure. They return what the kernel returned.
 *
 * ebx is named directly: gcc since 5 and clang save and restore the PIC
 * register themselves when a "b" operand needs it under -fPIC. ebp cannot be
 * an operand (it may be the frame pointer), so syscall6() pushes the sixth
 * argument before it changes any register, saves ebp, and loads ebp from the
 * pushed copy: the operand's address is computed from the original esp/ebp.
 */
static inline long syscall0(long n)
{
	long ret;

	__asm__ volatile("int $0x80" : "=a"(ret) : "a"(n) : "memory");
	return ret;
}

static inline long syscall1(long n, long a1)
{
	long ret;

	__asm__ volatile("int $0x80" : "=a"(ret) : "a"(n), "b"(a1) : "memory");
	return ret;
}

static inline long syscall2(long n, long a1, long a2)
{
	long ret;

	__asm__ volatile("int $0x80"
			 : "=a"(ret)
			 : "a"(n), "b"(a1), "c"(a2)
			 : "memory");
	return ret;
}

static inline long syscall3(long n, long a1, long a2, long a3)
{
	long ret;

	__asm__ volatile("int $0x80"
			 : "=a"(ret)
			 : "a"(n), "b"(a1), "c"(a2), "d"(a3)
			 : "memory");
	return ret;
}

static inline long syscall4(long n, long a1, long a2, long a3, long a4)
{
	long ret;

	__asm__ volatile("int $0x80"
			 : "=a"(ret)
			 : "a"(n), "b"(a1), "c"(a2), "d"(a3), "S"(a4)
			 : "memory");
	return ret;
}

static inline long syscall5(long n, long a1, long a2, long a3, long a4, long a5)
{
	long ret;

	__asm__ volatile("int $0x80"
			 : "=a"(ret)
			 : "a"(n), "b"(a1), "c"(a2), "d"(a3), "S"(a4), "D"(a5)
			 : "memory");
	return ret;
}

static inline long syscall6(long n, long a1, long a2, long a3, long a4, long a5,
			    long a6)
{
	long ret;

	__asm__ volatile("pushl %7\n\t"
			 "pushl %%ebp\n\t"
			 "movl 4(%%esp), %%ebp\n\t"
			 "int $0x80\n\t"
			 "popl %%ebp\n\t"
			 "addl $4, %%esp"
			 : "=a"(ret)
			 : "a"(n), "b"(a1), "c"(a2), "d"(a3), "S"(a4), "D"(a5),
			   "g"(a6)
			 : "memory");
	return ret;
}

/* The libc convention: a raw result in [-4095, -1] sets errno and gives -1. */
long syscall_ret(long ret);

#endif
