/*
 * kernel/fs.c - file descriptors and the file system calls. Files are the
 * initrd's (read-only) and the console (kernel/tty.c); each open() makes
 * a struct file with its own position, shared by fork as in Unix.
 */
#include "arch/panic.h"
#include "arch/uaccess.h"
#include "kernel/fs.h"
#include "kernel/initrd.h"
#include "kernel/proc.h"
#include "kernel/sched.h"
#include "kernel/tty.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "mm/slab.h"

/* open() flags (Linux's include/uapi/asm-generic/fcntl.h). */
#define O_ACCMODE 00000003
#define O_RDONLY 00000000
#define O_CREAT 00000100
#define O_TRUNC 00001000
#define O_APPEND 00002000
#define O_DIRECTORY 00200000
/* lseek() whence. */
#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2
/* File types and the initrd's device (st_dev 0:2, like Linux's rootfs). */
#define S_IFMT 0170000
#define S_IFDIR 0040000
#define INITRD_DEV 2
#define STAT_BLKSIZE 4096
#define UIO_MAXIOV 1024

struct iovec {
	void *iov_base;
	unsigned long iov_len;
};

static struct kmem_cache *file_cachep;

struct file *fget(unsigned long fd)
{
	return fd < NR_OPEN ? current->files[fd] : NULL;
}

static void file_free(struct file *f)
{
	kmem_cache_free(file_cachep, f);
}

/* --- initrd files ------------------------------------------------------ */

static long initrd_file_read(struct file *f, char *ubuf, unsigned long count)
{
	const struct initrd_file *ifile = f->private_data;
	unsigned long done = 0;
	char chunk[256];

	while (done < count) {
		size_t n = initrd_read(ifile, (unsigned long)f->f_pos, chunk,
				       min(count - done, sizeof(chunk)));

		if (!n)
			break;
		if (copy_to_user(ubuf + done, chunk, n))
			return done ? (long)done : -EFAULT;
		f->f_pos += n;
		done += n;
	}
	return (long)done;
}

static void initrd_file_stat(struct file *f, struct stat64 *st)
{
	const struct initrd_file *ifile = f->private_data;

	st->st_dev = INITRD_DEV;
	st->st_ino = st->__st_ino = ifile->ino;
	st->st_mode = (unsigned int)ifile->mode;
	st->st_nlink = 1;
	st->st_size = (long long)ifile->size;
	st->st_blksize = STAT_BLKSIZE;
	st->st_blocks = (ifile->size + 511) / 512;
}

static const struct file_operations initrd_fops = {
	.read = initrd_file_read,
	.stat = initrd_file_stat,
	.seekable = true,
};

/* A directory opened for reading: nothing to read until getdents. */
static long dir_read(struct file *f, char *ubuf, unsigned long count)
{
	return -EISDIR;
}

static void dir_stat(struct file *f, struct stat64 *st)
{
	st->st_dev = INITRD_DEV;
	st->st_mode = S_IFDIR | 0755;
	st->st_nlink = 2;
	st->st_blksize = STAT_BLKSIZE;
}

static const struct file_operations dir_fops = {
	.read = dir_read,
	.stat = dir_stat,
	.seekable = true,
};

/* --- the descriptor table ---------------------------------------------- */

static int install_fd(struct file *f)
{
	for (int fd = 0; fd < NR_OPEN; fd++) {
		if (!current->files[fd]) {
			current->files[fd] = f;
			return fd;
		}
	}
	return -EMFILE;
}

void files_init(void)
{
	file_cachep = kmem_cache_create("filp", sizeof(struct file), 0);
	if (!file_cachep)
		panic("files_init: no memory for the file cache");
}

void open_console_fds(void)
{
	for (int fd = 0; fd < 3; fd++) {
		struct file *con = tty_console_file();

		con->f_count++;
		current->files[fd] = con;
	}
}

void copy_files(struct task_struct *child)
{
	for (int fd = 0; fd < NR_OPEN; fd++) {
		child->files[fd] = current->files[fd];
		if (child->files[fd])
			child->files[fd]->f_count++;
	}
}

void exit_files(void)
{
	for (int fd = 0; fd < NR_OPEN; fd++) {
		if (current->files[fd]) {
			fput(current->files[fd]);
			current->files[fd] = NULL;
		}
	}
}

/* --- system calls -------------------------------------------------------- */

long sys_read(unsigned long fd, unsigned long buf, unsigned long count,
	      unsigned long a4, unsigned long a5, unsigned long a6)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	if ((long)count < 0)
		return -EINVAL;
	if (!access_ok((void *)buf, count))
		return -EFAULT;
	if (!f->f_op->read)
		return -EINVAL;
	return count ? f->f_op->read(f, (char *)buf, count) : 0;
}

long sys_write(unsigned long fd, unsigned long buf, unsigned long count,
	       unsigned long a4, unsigned long a5, unsigned long a6)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	if (!f->f_op->write)
		return -EBADF; /* opened read-only */
	if ((long)count < 0)
		return -EINVAL;
	if (!access_ok((void *)buf, count))
		return -EFAULT;
	return count ? f->f_op->write(f, (const char *)buf, count) : 0;
}

long sys_writev(unsigned long fd, unsigned long uvec, unsigned long vlen,
		unsigned long a4, unsigned long a5, unsigned long a6)
{
	struct file *f = fget(fd);
	long total = 0;

	if (!f)
		return -EBADF;
	if (!f->f_op->write)
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
		n = f->f_op->write(f, iov.iov_base, iov.iov_len);
		if (n < 0)
			return total ? total : n;
		total += n;
	}
	return total;
}

/* Would a new file at path have a directory to live in? (path is
 * borrowed: cut at its last slash, then mended.) */
static bool parent_dir_exists(char *path)
{
	struct initrd_file *f;
	char *slash = strrchr(path, '/');
	bool exists;

	if (!slash || slash == path)
		return true; /* in "/" or the current directory, "/" */
	*slash = '\0';
	exists = initrd_resolve(path, &f) == -EISDIR;
	*slash = '/';
	return exists;
}

static long do_open(char *path, unsigned long upath, unsigned long flags)
{
	struct initrd_file *ifile;
	struct file *f;
	long len = strncpy_from_user(path, (const char *)upath, PATH_MAX);
	int err, fd;

	if (len < 0)
		return len;
	if (len == PATH_MAX)
		return -ENAMETOOLONG;
	if (len == 0)
		return -ENOENT;
	if (is_proc_path(path)) {
		if ((flags & O_ACCMODE) != O_RDONLY || (flags & O_CREAT))
			return -EACCES; /* Linux: /proc files are read-only */
		err = (int)proc_open(path, &f);
		if (err)
			return err;
		fd = install_fd(f);
		if (fd < 0)
			fput(f);
		return fd;
	}
	err = initrd_resolve(path, &ifile);
	/* A read-only file system: asking to write, create or truncate is
	 * -EROFS whenever the name could exist (Linux's order of checks). */
	if ((flags & O_ACCMODE) != O_RDONLY || (flags & (O_CREAT | O_TRUNC))) {
		if (err == -ENOENT && (flags & O_CREAT))
			return parent_dir_exists(path) ? -EROFS : -ENOENT;
		/* A directory cannot be opened for writing (EISDIR) on any
		 * file system; everything else here is read-only. */
		return err ? err : -EROFS;
	}
	if (err && err != -EISDIR)
		return err;
	if (!err && (flags & O_DIRECTORY))
		return -ENOTDIR;
	f = kmem_cache_alloc(file_cachep, __GFP_ZERO);
	if (!f)
		return -ENOMEM;
	f->f_count = 1;
	f->f_flags = (unsigned int)flags;
	f->f_mode = FMODE_READ; /* a read-only file system */
	f->f_release = file_free;
	if (err == -EISDIR) {
		f->f_op = &dir_fops;
	} else {
		f->f_op = &initrd_fops;
		f->f_mapping = &ifile->mapping;
		f->f_path = ifile->path;
		f->f_ino = ifile->ino;
		f->private_data = ifile;
	}
	fd = install_fd(f);
	if (fd < 0)
		fput(f);
	return fd;
}

long sys_open(unsigned long upath, unsigned long flags, unsigned long mode,
	      unsigned long a4, unsigned long a5, unsigned long a6)
{
	/* Not on the 8 KiB kernel stack: Linux's getname() does the same. */
	char *path = kmalloc(PATH_MAX, GFP_KERNEL);
	long ret = path ? do_open(path, upath, flags) : -ENOMEM;

	kfree(path);
	return ret;
}

long sys_close(unsigned long fd, unsigned long a2, unsigned long a3,
	       unsigned long a4, unsigned long a5, unsigned long a6)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	current->files[fd] = NULL;
	fput(f);
	return 0;
}

long sys_lseek(unsigned long fd, unsigned long offset, unsigned long whence,
	       unsigned long a4, unsigned long a5, unsigned long a6)
{
	struct file *f = fget(fd);
	long long pos, size = 0;
	struct stat64 st = { 0 };

	if (!f)
		return -EBADF;
	if (!f->f_op->seekable)
		return -ESPIPE;
	if (f->f_op->stat) {
		f->f_op->stat(f, &st);
		size = st.st_size;
	}
	switch (whence) {
	case SEEK_SET:
		pos = (long)offset;
		break;
	case SEEK_CUR:
		pos = (long long)f->f_pos + (long)offset;
		break;
	case SEEK_END:
		pos = size + (long)offset;
		break;
	default:
		return -EINVAL;
	}
	if (pos < 0)
		return -EINVAL;
	if (pos > 0x7fffffffLL) /* the result must fit lseek's off_t */
		return -EOVERFLOW;
	f->f_pos = (unsigned long long)pos;
	return (long)pos;
}

long sys_ioctl(unsigned long fd, unsigned long cmd, unsigned long arg,
	       unsigned long a4, unsigned long a5, unsigned long a6)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	if (!f->f_op->ioctl)
		return -ENOTTY; /* not a terminal: what isatty() asks */
	return f->f_op->ioctl(f, (unsigned int)cmd, arg);
}

/* fstatat64 flags and the "current directory" fd (Linux's fcntl.h). */
#define AT_FDCWD (-100)
#define AT_SYMLINK_NOFOLLOW 0x100
#define AT_NO_AUTOMOUNT 0x800
#define AT_EMPTY_PATH 0x1000

long sys_fstatat64(unsigned long dirfd, unsigned long upath,
		   unsigned long statbuf, unsigned long flags, unsigned long a5,
		   unsigned long a6)
{
	char path[128]; /* the initrd's paths are short (initrd_file.path) */
	struct initrd_file *ifile;
	struct stat64 st = { 0 };
	long len;
	int err;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_EMPTY_PATH))
		return -EINVAL;
	len = strncpy_from_user(path, (const char *)upath, sizeof(path));
	if (len < 0)
		return len;
	if (len == sizeof(path))
		return -ENAMETOOLONG;
	if (len == 0) /* fstat(fd), the C library's way */
		return (flags & AT_EMPTY_PATH) ?
			       sys_fstat64(dirfd, statbuf, 0, 0, 0, 0) :
			       -ENOENT;
	/* Relative paths are from "/", the only directory anyone is in. */
	if (path[0] != '/' && (int)dirfd != AT_FDCWD && !fget(dirfd))
		return -EBADF;
	err = initrd_resolve(path, &ifile);
	if (err == -EISDIR) {
		dir_stat(NULL, &st);
	} else if (err) {
		return err;
	} else {
		struct file tmp = { .private_data = ifile };

		initrd_file_stat(&tmp, &st);
	}
	return copy_to_user((void *)statbuf, &st, sizeof(st)) ? -EFAULT : 0;
}

long sys_fstat64(unsigned long fd, unsigned long statbuf, unsigned long a3,
		 unsigned long a4, unsigned long a5, unsigned long a6)
{
	struct file *f = fget(fd);
	struct stat64 st = { 0 };

	if (!f)
		return -EBADF;
	f->f_op->stat(f, &st);
	return copy_to_user((void *)statbuf, &st, sizeof(st)) ? -EFAULT : 0;
}
