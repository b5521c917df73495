/* user/lib/syscall.c - the system-call wrappers, errno and the break. */
#include "syscall.h"
#include "ulib.h"

int errno;
char **environ;

long syscall_ret(long ret)
{
	if ((unsigned long)ret >= -4095UL) {
		errno = (int)-ret;
		return -1;
	}
	return ret;
}

ssize_t read(int fd, void *buf, size_t count)
{
	return syscall_ret(syscall3(__NR_read, fd, (long)buf, (long)count));
}

ssize_t write(int fd, const void *buf, size_t count)
{
	return syscall_ret(syscall3(__NR_write, fd, (long)buf, (long)count));
}

ssize_t writev(int fd, const struct iovec *iov, int iovcnt)
{
	return syscall_ret(syscall3(__NR_writev, fd, (long)iov, iovcnt));
}

pid_t getpid(void)
{
	return (pid_t)syscall0(__NR_getpid);
}

void _exit(int status)
{
	syscall1(__NR_exit_group, status);
	__builtin_trap(); /* exit_group does not return */
}

void exit(int status)
{
	_exit(status);
}

void abort(void)
{
	syscall2(__NR_kill, syscall0(__NR_getpid), SIGABRT);
	/* Where kill is missing: the status a shell gives a SIGABRT death. */
	_exit(128 + SIGABRT);
}

/*
 * Linux's brk system call never fails as such: it returns the new break, or
 * the old one when it cannot move it (so brk(0) asks for the current break).
 * The last answer is kept so that sbrk needs one call, not two.
 */
static unsigned long cur_brk;

int brk(void *addr)
{
	cur_brk = (unsigned long)syscall1(__NR_brk, (long)addr);
	if (cur_brk != (unsigned long)addr) {
		errno = ENOMEM;
		return -1;
	}
	return 0;
}

void *sbrk(intptr_t increment)
{
	unsigned long old;

	if (!cur_brk)
		cur_brk = (unsigned long)syscall1(__NR_brk, 0);
	old = cur_brk;
	if (increment > 0 ? old + increment < old : old + increment > old) {
		errno = ENOMEM;
		return (void *)-1;
	}
	if (increment && brk((void *)(old + increment)) < 0)
		return (void *)-1;
	return (void *)old;
}
