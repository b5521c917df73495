/* user/lib/file.c - open, close, lseek, the stat calls and read_file. */
#include "syscall.h"
#include "ulib.h"

/* The layout the kernel writes: checked here, where a mistake would hide. */
_Static_assert(sizeof(struct stat64) == 96, "i386 struct stat64 is 96 bytes");
_Static_assert(offsetof(struct stat64, __st_ino) == 12, "__st_ino");
_Static_assert(offsetof(struct stat64, st_mode) == 16, "st_mode");
_Static_assert(offsetof(struct stat64, st_rdev) == 32, "st_rdev");
_Static_assert(offsetof(struct stat64, st_size) == 44, "st_size");
_Static_assert(offsetof(struct stat64, st_blksize) == 52, "st_blksize");
_Static_assert(offsetof(struct stat64, st_blocks) == 56, "st_blocks");
_Static_assert(offsetof(struct stat64, st_atime) == 64, "st_atime");
_Static_assert(offsetof(struct stat64, st_ino) == 88, "st_ino");

/*
 * The mode is read only with O_CREAT, as in C libraries: a caller that
 * passes two arguments leaves nothing to read.
 */
int open(const char *path, int flags, ...)
{
	mode_t mode = 0;
	va_list ap;

	if (flags & O_CREAT) {
		va_start(ap, flags);
		mode = va_arg(ap, mode_t);
		va_end(ap);
	}
	return (int)syscall_ret(
		syscall3(__NR_open, (long)path, flags, (long)mode));
}

int close(int fd)
{
	return (int)syscall_ret(syscall1(__NR_close, fd));
}

off_t lseek(int fd, off_t offset, int whence)
{
	return (off_t)syscall_ret(syscall3(__NR_lseek, fd, offset, whence));
}

int fstat64(int fd, struct stat64 *st)
{
	return (int)syscall_ret(syscall2(__NR_fstat64, fd, (long)st));
}

int fstatat64(int dirfd, const char *path, struct stat64 *st, int flags)
{
	return (int)syscall_ret(
		syscall4(__NR_fstatat64, dirfd, (long)path, (long)st, flags));
}

/* i386 also has stat64 (195), but new ports have only fstatat: so does
 * this library. */
int stat64(const char *path, struct stat64 *st)
{
	return fstatat64(AT_FDCWD, path, st, 0);
}

/*
 * A /proc file has size 0 in fstat (its text is made when it is opened),
 * so the file is read until end of file, not for st_size bytes.
 */
ssize_t read_file(const char *path, char *buf, size_t size)
{
	size_t len = 0;
	ssize_t n = 0;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return -1;
	while (len + 1 < size) {
		n = read(fd, buf + len, size - 1 - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += (size_t)n;
	}
	close(fd); /* errno stays read's if read failed */
	buf[len] = '\0';
	return n < 0 ? -1 : (ssize_t)len;
}
