/* user/lib/dirent.c - getdents64, and opendir/readdir/closedir over it. */
#include "syscall.h"
#include "ulib.h"

/* The layout the kernel writes (include/linux/dirent.h): d_name at 19. */
_Static_assert(offsetof(struct dirent, d_reclen) == 16, "d_reclen");
_Static_assert(offsetof(struct dirent, d_type) == 18, "d_type");
_Static_assert(offsetof(struct dirent, d_name) == 19, "d_name");

/* Room for one getdents64 call: many entries, and the longest name. */
#define DIR_BUF_SIZE 4096

/*
 * An open directory: its fd, and the records of the last getdents64 call,
 * handed out one by one (pos) until they run out (len), when the next call
 * is made.
 */
struct dir_stream {
	int fd;
	size_t pos, len;
	char buf[DIR_BUF_SIZE];
};

ssize_t getdents64(int fd, void *buf, size_t count)
{
	return syscall_ret(
		syscall3(__NR_getdents64, fd, (long)buf, (long)count));
}

DIR *opendir(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY);
	DIR *dir;

	if (fd < 0)
		return NULL;
	dir = malloc(sizeof(*dir));
	if (!dir) {
		close(fd);
		errno = ENOMEM;
		return NULL;
	}
	dir->fd = fd;
	dir->pos = dir->len = 0;
	return dir;
}

struct dirent *readdir(DIR *dir)
{
	struct dirent *d;
	ssize_t n;

	if (dir->pos >= dir->len) {
		n = getdents64(dir->fd, dir->buf, sizeof(dir->buf));
		if (n <= 0)
			return NULL; /* the end (0), or an error (errno) */
		dir->pos = 0;
		dir->len = (size_t)n;
	}
	d = (struct dirent *)(dir->buf + dir->pos);
	dir->pos += d->d_reclen;
	return d;
}

int closedir(DIR *dir)
{
	int ret = close(dir->fd);

	free(dir);
	return ret;
}

int dirfd(DIR *dir)
{
	return dir->fd;
}
