/*
 * tools/peer/sys.h - the Linux i386 system calls of the peer's /init.
 *
 * /init is built without a libc: a static libc would make start-up system
 * calls of its own (set_thread_area, set_tid_address, ...) and pull in far
 * more code than a loop of fork, execve and wait needs. The numbers are those
 * of Linux's arch/x86/entry/syscalls/syscall_32.tbl, and the convention is the
 * one docs/DESIGN.md gives: int $0x80, number in eax, arguments in ebx, ecx,
 * edx, esi and edi, result or -errno in eax.
 */
#ifndef PEER_SYS_H
#define PEER_SYS_H

#define __NR_exit 1
#define __NR_fork 2
#define __NR_read 3
#define __NR_write 4
#define __NR_open 5
#define __NR_close 6
#define __NR_waitpid 7
#define __NR_execve 11
#define __NR_mount 21
#define __NR_pause 29
#define __NR_mkdir 39
#define __NR_reboot 88
#define __NR_ioperm 101
#define __NR_uname 122 /* sys_newuname: struct new_utsname */

#define EINTR 4
#define O_RDONLY 0

/* <linux/reboot.h>: both magic numbers must match or reboot() fails. */
#define LINUX_REBOOT_MAGIC1 0xfee1dead
#define LINUX_REBOOT_MAGIC2 672274793
#define LINUX_REBOOT_CMD_POWER_OFF 0x4321fedc

struct new_utsname {
	char sysname[65];
	char nodename[65];
	char release[65];
	char version[65];
	char machine[65];
	char domainname[65];
};

/*
 * One entry point for every call: /init makes a few dozen calls in all, so
 * passing zeros for the unused argument registers costs nothing. "memory"
 * because the kernel reads and writes the buffers the arguments point to.
 */
static inline long syscall5(long nr, long a1, long a2, long a3, long a4,
			    long a5)
{
	long ret;

	__asm__ volatile("int $0x80"
			 : "=a"(ret)
			 : "a"(nr), "b"(a1), "c"(a2), "d"(a3), "S"(a4), "D"(a5)
			 : "memory");
	return ret;
}

static inline long sys_read(int fd, void *buf, unsigned long len)
{
	return syscall5(__NR_read, fd, (long)buf, (long)len, 0, 0);
}

static inline long sys_write(int fd, const void *buf, unsigned long len)
{
	return syscall5(__NR_write, fd, (long)buf, (long)len, 0, 0);
}

static inline long sys_open(const char *path, int flags)
{
	return syscall5(__NR_open, (long)path, flags, 0, 0, 0);
}

static inline long sys_close(int fd)
{
	return syscall5(__NR_close, fd, 0, 0, 0, 0);
}

static inline long sys_fork(void)
{
	return syscall5(__NR_fork, 0, 0, 0, 0, 0);
}

static inline long sys_execve(const char *path, char *const argv[],
			      char *const envp[])
{
	return syscall5(__NR_execve, (long)path, (long)argv, (long)envp, 0, 0);
}

static inline long sys_waitpid(long pid, int *status, int options)
{
	return syscall5(__NR_waitpid, pid, (long)status, options, 0, 0);
}

static inline void __attribute__((noreturn)) sys_exit(int code)
{
	/* The loop only tells the compiler that exit does not return. */
	for (;;)
		syscall5(__NR_exit, code, 0, 0, 0, 0);
}

static inline long sys_mkdir(const char *path, int mode)
{
	return syscall5(__NR_mkdir, (long)path, mode, 0, 0, 0);
}

static inline long sys_mount(const char *source, const char *target,
			     const char *fstype)
{
	/* no mount flags and no options: the defaults suit a throwaway VM */
	return syscall5(__NR_mount, (long)source, (long)target, (long)fstype, 0,
			0);
}

static inline long sys_uname(struct new_utsname *name)
{
	return syscall5(__NR_uname, (long)name, 0, 0, 0, 0);
}

static inline long sys_reboot(unsigned long cmd)
{
	return syscall5(__NR_reboot, (long)LINUX_REBOOT_MAGIC1,
			LINUX_REBOOT_MAGIC2, (long)cmd, 0, 0);
}

static inline long sys_ioperm(unsigned long from, unsigned long num, int on)
{
	return syscall5(__NR_ioperm, (long)from, (long)num, on, 0, 0);
}

static inline long sys_pause(void)
{
	return syscall5(__NR_pause, 0, 0, 0, 0, 0);
}

#endif /* PEER_SYS_H */
