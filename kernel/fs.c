/*
 * kernel/fs.c - file descriptors and the file system calls. Files are the
 * initrd's (read-only files and directories), /proc's (kernel/proc.c) and
 * the console (kernel/tty.c); each open() makes a struct file with its own
 * position, shared by fork as in Unix.
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

/* lseek() whence. */
#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2
/* The initrd's device (st_dev 0:2, like Linux's rootfs). */
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

/* --- initrd directories -------------------------------------------------- */

/* An open directory: its path says what getdents64 lists. */
struct initrd_dir {
	struct file file;
	char path[INITRD_PATH_MAX]; /* absolute, canonical */
};

/* A directory is read by getdents64, never by read(). */
static long dir_read(struct file *f, char *ubuf, unsigned long count)
{
	return -EISDIR;
}

static bool is_root(const char *path)
{
	return path[1] == '\0';
}

static void initrd_dir_stat_path(const char *path, struct stat64 *st)
{
	st->st_dev = INITRD_DEV;
	st->st_ino = st->__st_ino = initrd_dir_ino(path);
	st->st_mode = S_IFDIR | 0755;
	/* "." and the parent's entry, and each subdirectory's ".." (the
	 * root's /proc too). */
	st->st_nlink = 2 + initrd_nr_subdirs(path) + is_root(path);
	st->st_blksize = STAT_BLKSIZE;
}

static void dir_stat(struct file *f, struct stat64 *st)
{
	initrd_dir_stat_path(f->f_path, st);
}

/* The inode number of the directory above path. */
static unsigned long parent_ino(const char *path)
{
	char parent[INITRD_PATH_MAX];
	const char *slash = strrchr(path, '/');
	size_t len = slash == path ? 1 : (size_t)(slash - path);

	memcpy(parent, path, len);
	parent[len] = '\0';
	return initrd_dir_ino(parent);
}

/*
 * Positions: 0 and 1 the dots, 2 the root's "proc" (where /proc is
 * mounted), then the initrd's entries from 3 on.
 */
#define PROC_MOUNT_POS 2
#define FIRST_ENTRY_POS 3

static int initrd_dir_iterate(struct file *f, struct dir_context *ctx)
{
	const char *path = f->f_path;
	struct initrd_dirent ent;

	if (!dir_emit_dots(ctx, initrd_dir_ino(path), parent_ino(path)))
		return 0;
	if (ctx->pos == PROC_MOUNT_POS) {
		if (is_root(path) &&
		    !dir_emit(ctx, "proc", PROC_ROOT_INO, DT_DIR))
			return 0;
		ctx->pos++;
	}
	while (initrd_dir_entry(
		path, (unsigned int)(ctx->pos - FIRST_ENTRY_POS), &ent)) {
		/* A /proc in the archive is hidden under the mount. */
		if (!(is_root(path) && strcmp(ent.name, "proc") == 0) &&
		    !dir_emit(ctx, ent.name, ent.ino, S_DT(ent.mode)))
			return 0;
		ctx->pos++;
	}
	return 0;
}

static const struct file_operations dir_fops = {
	.read = dir_read,
	.stat = dir_stat,
	.iterate = initrd_dir_iterate,
	.seekable = true,
};

static void initrd_dir_release(struct file *f)
{
	kfree(container_of(f, struct initrd_dir, file));
}

static long initrd_dir_open(const char *path, unsigned int flags,
			    struct file **out)
{
	struct initrd_dir *d = kzalloc(sizeof(*d), GFP_KERNEL);

	if (!d)
		return -ENOMEM;
	strlcpy(d->path, path, sizeof(d->path));
	d->file.f_count = 1;
	d->file.f_flags = flags;
	d->file.f_mode = FMODE_READ;
	d->file.f_op = &dir_fops;
	d->file.f_path = d->path;
	d->file.f_ino = initrd_dir_ino(path);
	d->file.f_release = initrd_dir_release;
	*out = &d->file;
	return 0;
}

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

	if (!f || !(f->f_mode & FMODE_READ))
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
	if (!f->f_op->write || !(f->f_mode & FMODE_WRITE))
		return -EBADF; /* opened read-only */
	if ((long)count < 0)
		return -EINVAL;
	if (!access_ok((void *)buf, count))
		return -EFAULT;
	return count ? f->f_op->write(f, (const char *)buf, count) : 0;
}

/*
 * Copy and check the whole iovec array before writing anything, as Linux's
 * import_iovec(): a negative or overflowing length is -EINVAL and a
 * segment outside user space -EFAULT, even one after a good segment.
 */
static long import_iovec(unsigned long uvec, unsigned long vlen,
			 struct iovec *iov)
{
	long total = 0;

	if (copy_from_user(iov, (const void *)uvec, vlen * sizeof(*iov)))
		return -EFAULT;
	for (unsigned long i = 0; i < vlen; i++) {
		if ((long)iov[i].iov_len < 0 ||
		    total + (long)iov[i].iov_len < total)
			return -EINVAL;
		if (!access_ok(iov[i].iov_base, iov[i].iov_len))
			return -EFAULT;
		total += (long)iov[i].iov_len;
	}
	return 0;
}

long sys_writev(unsigned long fd, unsigned long uvec, unsigned long vlen,
		unsigned long a4, unsigned long a5, unsigned long a6)
{
	struct file *f = fget(fd);
	struct iovec *iov;
	long total = 0, err;

	if (!f)
		return -EBADF;
	if (!f->f_op->write || !(f->f_mode & FMODE_WRITE))
		return -EBADF;
	if (vlen > UIO_MAXIOV)
		return -EINVAL;
	if (!vlen)
		return 0;
	iov = kmalloc(vlen * sizeof(*iov), GFP_KERNEL);
	if (!iov)
		return -ENOMEM;
	err = import_iovec(uvec, vlen, iov);
	for (unsigned long i = 0; !err && i < vlen; i++) {
		long n;

		if (!iov[i].iov_len)
			continue;
		n = f->f_op->write(f, iov[i].iov_base, iov[i].iov_len);
		if (n < 0) {
			err = total ? 0 : n;
			break;
		}
		total += n;
		if ((unsigned long)n < iov[i].iov_len)
			break; /* a short write ends the call, as in Linux */
	}
	kfree(iov);
	return err ? err : total;
}

/* Would a new file at path have a directory to live in? (path is
 * borrowed: cut at its last slash, then mended.) */
static bool parent_dir_exists(char *path)
{
	struct initrd_file *f;
	char *slash = strrchr(path, '/');
	bool exists;

	if (slash == path)
		return true; /* in "/" */
	*slash = '\0';
	exists = initrd_resolve(path, &f) == -EISDIR;
	*slash = '/';
	return exists;
}

static long initrd_open(char *path, unsigned long flags, bool dir_only,
			struct file **out)
{
	struct initrd_file *ifile;
	struct file *f;
	int err = initrd_resolve(path, &ifile);

	if (!err && dir_only)
		err = -ENOTDIR;
	/* A read-only file system: asking to write, create or truncate is
	 * -EROFS whenever the name could exist (Linux's order of checks). */
	if ((flags & O_ACCMODE) != O_RDONLY || (flags & (O_CREAT | O_TRUNC))) {
		if (err == -ENOENT && (flags & O_CREAT))
			return parent_dir_exists(path) ? -EROFS : -ENOENT;
		/* A directory cannot be opened for writing (EISDIR) on any
		 * file system; everything else here is read-only. */
		return err ? err : -EROFS;
	}
	if (err == -EISDIR)
		return initrd_dir_open(path, (unsigned int)flags, out);
	if (err)
		return err;
	f = kmem_cache_alloc(file_cachep, __GFP_ZERO);
	if (!f)
		return -ENOMEM;
	f->f_count = 1;
	f->f_flags = (unsigned int)flags;
	f->f_mode = FMODE_READ; /* a read-only file system */
	f->f_release = file_free;
	f->f_op = &initrd_fops;
	f->f_mapping = &ifile->mapping;
	f->f_path = ifile->path;
	f->f_ino = ifile->ino;
	f->private_data = ifile;
	*out = f;
	return 0;
}

static long do_open(char *path, unsigned long upath, unsigned long flags)
{
	struct file *f;
	bool dir_only;
	long err = getname(upath, path);
	int fd;

	if (err == 0)
		return -ENOENT; /* Linux: an empty name names nothing */
	if (err > 0)
		err = path_at(AT_FDCWD, path, &dir_only);
	if (err)
		return err;
	dir_only |= (flags & O_DIRECTORY) != 0;
	if (is_proc_path(path))
		err = proc_open(path, (unsigned int)flags, dir_only, &f);
	else
		err = initrd_open(path, flags, dir_only, &f);
	if (err)
		return err;
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

/* fstatat64 flags (Linux's include/uapi/linux/fcntl.h). */
#define AT_SYMLINK_NOFOLLOW 0x100
#define AT_NO_AUTOMOUNT 0x800
#define AT_EMPTY_PATH 0x1000

/* Fill st for the canonical path: 0 or -errno. */
static long stat_path(const char *path, bool dir_only, bool nofollow,
		      struct stat64 *st)
{
	struct initrd_file *ifile;
	int err;

	if (is_proc_path(path))
		return proc_stat(path, dir_only, nofollow, st);
	err = initrd_resolve(path, &ifile);
	if (err == -EISDIR) {
		initrd_dir_stat_path(path, st);
	} else if (err) {
		return err;
	} else if (dir_only) {
		return -ENOTDIR;
	} else {
		struct file tmp = { .private_data = ifile };

		initrd_file_stat(&tmp, st);
	}
	return 0;
}

static long do_fstatat64(char *path, int dirfd, unsigned long upath,
			 unsigned long statbuf, unsigned long flags)
{
	struct stat64 st = { 0 };
	bool dir_only;
	long err = getname(upath, path);

	if (err == 0) /* fstat(fd), the C library's way */
		return (flags & AT_EMPTY_PATH) ?
			       sys_fstat64((unsigned long)dirfd, statbuf, 0, 0,
					   0, 0) :
			       -ENOENT;
	if (err > 0)
		err = path_at(dirfd, path, &dir_only);
	if (!err)
		err = stat_path(path, dir_only, flags & AT_SYMLINK_NOFOLLOW,
				&st);
	if (err)
		return err;
	return copy_to_user((void *)statbuf, &st, sizeof(st)) ? -EFAULT : 0;
}

long sys_fstatat64(unsigned long dirfd, unsigned long upath,
		   unsigned long statbuf, unsigned long flags, unsigned long a5,
		   unsigned long a6)
{
	char *path;
	long ret;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_EMPTY_PATH))
		return -EINVAL;
	path = kmalloc(PATH_MAX, GFP_KERNEL);
	ret = path ? do_fstatat64(path, (int)dirfd, upath, statbuf, flags) :
		     -ENOMEM;
	kfree(path);
	return ret;
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
