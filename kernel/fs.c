/*
 * kernel/fs.c - file descriptors, the initrd's files, and open, close and
 * stat. Files are the initrd's (read-only files and directories), /proc's
 * (kernel/proc.c) and the console (kernel/tty.c); each open() makes a
 * struct file with its own position, shared by fork as in Unix. What every
 * file answers alike is in kernel/read_write.c (read, write, lseek) and
 * kernel/ioctl.c.
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

/* The initrd's device (st_dev 0:2, like Linux's rootfs). */
#define INITRD_DEV 2
#define STAT_BLKSIZE 4096

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

/*
 * Straight from the archive to the caller. A buffer that ends in memory
 * the caller may not write gets the bytes up to there, as on Linux; only
 * a read that copied nothing is -EFAULT.
 */
static long initrd_file_read(struct file *f, char *ubuf, unsigned long count)
{
	const struct initrd_file *ifile = f->private_data;
	unsigned long n;

	if (f->f_pos >= ifile->size)
		return 0;
	n = min(count, ifile->size - (unsigned long)f->f_pos);
	n -= copy_to_user(ubuf, ifile->data + f->f_pos, n);
	if (!n && count)
		return -EFAULT;
	f->f_pos += n;
	return (long)n;
}

/* As tmpfs's shmem_file_llseek() for a file without holes. */
static loff_t initrd_file_llseek(struct file *f, loff_t offset, int whence)
{
	const struct initrd_file *ifile = f->private_data;

	return generic_file_llseek_size(f, offset, whence, MAX_LFS_FILESIZE,
					(loff_t)ifile->size);
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
	/* Whole pages, as tmpfs (Linux's initramfs) charges a file. */
	st->st_blocks = ALIGN_UP(ifile->size, PAGE_SIZE) / STAT_BLOCK_SIZE;
}

static const struct file_operations initrd_fops = {
	.read = initrd_file_read,
	.stat = initrd_file_stat,
	.llseek = initrd_file_llseek,
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
	/* (lseek may take a directory anywhere: far past its last entry,
	 * there is nothing to list) */
	while (ctx->pos - FIRST_ENTRY_POS < INITRD_MAX_FILES &&
	       initrd_dir_entry(path,
				(unsigned int)(ctx->pos - FIRST_ENTRY_POS),
				&ent)) {
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
	.llseek = seq_lseek, /* as tmpfs's dcache_dir_lseek() */
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

_Static_assert(NR_OPEN <= 8 * sizeof(current->close_on_exec),
	       "a close-on-exec bit for every fd");

void set_close_on_exec(unsigned int fd, bool on)
{
	if (on)
		current->close_on_exec |= 1ULL << fd;
	else
		current->close_on_exec &= ~(1ULL << fd);
}

/* The lowest free fd for f, closed at execve if flags has O_CLOEXEC. */
static int install_fd(struct file *f, unsigned long flags)
{
	for (int fd = 0; fd < NR_OPEN; fd++) {
		if (!current->files[fd]) {
			current->files[fd] = f;
			set_close_on_exec((unsigned int)fd, flags & O_CLOEXEC);
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
	child->close_on_exec = current->close_on_exec;
	for (int fd = 0; fd < NR_OPEN; fd++) {
		child->files[fd] = current->files[fd];
		if (child->files[fd])
			child->files[fd]->f_count++;
	}
}

void do_close_on_exec(void)
{
	for (int fd = 0; fd < NR_OPEN; fd++) {
		if (current->files[fd] && (current->close_on_exec >> fd & 1)) {
			fput(current->files[fd]);
			current->files[fd] = NULL;
		}
	}
	current->close_on_exec = 0;
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
	fd = install_fd(f, flags);
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
	set_close_on_exec((unsigned int)fd, false);
	fput(f);
	return 0;
}

/* fstatat64 flags (Linux's include/uapi/linux/fcntl.h). AT_STATX_*
 * ask a network file system to sync or not: nothing to do here. */
#define AT_SYMLINK_NOFOLLOW 0x100
#define AT_NO_AUTOMOUNT 0x800
#define AT_EMPTY_PATH 0x1000
#define AT_STATX_SYNC_TYPE 0x6000

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

long path_is_dir(const char *path)
{
	struct stat64 st;

	return stat_path(path, true, false, &st);
}

long open_exec(const char *name, struct initrd_file **out)
{
	struct stat64 st;
	bool dir_only;
	char *path;
	long err;

	if (!*name)
		return -ENOENT; /* Linux: an empty name names nothing */
	path = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!path)
		return -ENOMEM;
	strlcpy(path, name, PATH_MAX); /* (a name from getname() fits) */
	err = path_at(AT_FDCWD, path, &dir_only);
	if (!err)
		err = stat_path(path, dir_only, false, &st);
	/* A directory or a /proc file cannot be run: EACCES, as Linux's
	 * do_open_execat() answers for what is not a regular file. */
	if (!err && (is_proc_path(path) || S_ISDIR(st.st_mode)))
		err = -EACCES;
	if (!err)
		err = initrd_resolve(path, out);
	kfree(path);
	return err;
}

static long do_fstatat64(char *path, int dirfd, unsigned long upath,
			 unsigned long statbuf, unsigned long flags)
{
	struct stat64 st = { 0 };
	bool dir_only;
	long err = getname(upath, path);

	/* "" with AT_EMPTY_PATH is dirfd itself: fstat(fd), the C library's
	 * way, or the current directory (everyone's is "/"). */
	if (err == 0 && !(flags & AT_EMPTY_PATH))
		return -ENOENT;
	if (err == 0 && dirfd != AT_FDCWD)
		return sys_fstat64((unsigned long)dirfd, statbuf, 0, 0, 0, 0);
	if (err == 0)
		strlcpy(path, "/", PATH_MAX);
	if (err >= 0)
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

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_EMPTY_PATH |
		      AT_STATX_SYNC_TYPE))
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
