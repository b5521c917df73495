/*
 * kernel/ioctl.c - ioctl (Linux's fs/ioctl.c): the requests every open
 * file answers, whatever it is, then the file's own (a terminal's), and
 * ENOTTY for the rest. What a request tells comes from the file's stat:
 * its type, size, blocks and block size.
 */
#include "arch/uaccess.h"
#include "kernel/fs.h"
#include "lib/errno.h"

/* Requests of any file (Linux's include/uapi/linux/fs.h and
 * include/uapi/asm-generic/ioctls.h). */
#define FIBMAP 1 /* _IO(0x00, 1): a file block's place on its disk */
#define FIGETBSZ 2 /* _IO(0x00, 2): the file system's block size */
#define FIONREAD 0x541B /* bytes left to read */
#define FIONBIO 0x5421 /* O_NONBLOCK on or off */
#define FIONCLEX 0x5450 /* close-on-exec off */
#define FIOCLEX 0x5451 /* close-on-exec on */
#define FIOASYNC 0x5452 /* SIGIO when input comes, on or off */
#define FIOQSIZE 0x5460 /* bytes the file takes */
/* open()'s flag for FIOASYNC (Linux's include/uapi/asm-generic/fcntl.h). */
#define FASYNC 00020000

/* The int that FIONBIO and FIOASYNC take: 0 or -EFAULT. */
static long get_user_int(int *val, const void *argp)
{
	return copy_from_user(val, argp, sizeof(*val)) ? -EFAULT : 0;
}

static long ioctl_fionbio(struct file *f, const void *argp)
{
	int on;
	long err = get_user_int(&on, argp);

	if (err)
		return err;
	if (on)
		f->f_flags |= O_NONBLOCK;
	else
		f->f_flags &= ~(unsigned int)O_NONBLOCK;
	return 0;
}

/* Linux asks the file's fasync() when FASYNC would change. No file here
 * can send SIGIO, so turning it on is ENOTTY, as on Linux for a file that
 * cannot (a terminal there can; the console here cannot). */
static long ioctl_fioasync(const struct file *f, const void *argp)
{
	int on;
	long err = get_user_int(&on, argp);

	if (err)
		return err;
	return ((on ? FASYNC : 0) ^ f->f_flags) & FASYNC ? -ENOTTY : 0;
}

/* Linux's inode_get_bytes(): what st_blocks counts, in bytes; only
 * directories, regular files and links have it. */
static long ioctl_fioqsize(const struct stat64 *st, void *argp)
{
	loff_t bytes = (loff_t)st->st_blocks * STAT_BLOCK_SIZE;
	unsigned int type = st->st_mode & S_IFMT;

	if (type != S_IFDIR && type != S_IFREG && type != S_IFLNK)
		return -ENOTTY;
	return copy_to_user(argp, &bytes, sizeof(bytes)) ? -EFAULT : 0;
}

/* Linux's ioctl_fibmap() on a file system without bmap (tmpfs, /proc):
 * the block number is read (EFAULT), and no block is on a disk (EINVAL).
 * Linux wants CAP_SYS_RAWIO first; everyone is root here. */
static long ioctl_fibmap(const void *argp)
{
	int block;
	long err = get_user_int(&block, argp);

	return err ? err : -EINVAL;
}

/* The file's own requests (Linux's vfs_ioctl()). */
static long vfs_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	if (!f->f_op->ioctl)
		return -ENOTTY; /* not a terminal: what isatty() asks */
	return f->f_op->ioctl(f, cmd, arg);
}

/* Linux's do_vfs_ioctl(). */
static long do_vfs_ioctl(struct file *f, unsigned int fd, unsigned int cmd,
			 unsigned long arg)
{
	void *argp = (void *)arg;
	struct stat64 st = { 0 };

	f->f_op->stat(f, &st);
	switch (cmd) {
	case FIOCLEX:
	case FIONCLEX:
		set_close_on_exec(fd, cmd == FIOCLEX);
		return 0;
	case FIONBIO:
		return ioctl_fionbio(f, argp);
	case FIOASYNC:
		return ioctl_fioasync(f, argp);
	case FIOQSIZE:
		return ioctl_fioqsize(&st, argp);
	case FIGETBSZ:
		return put_user_32(st.st_blksize, argp);
	case FIONREAD: /* a regular file's; anything else says itself */
		if (!S_ISREG(st.st_mode))
			break;
		/* (past the end, a negative count: Linux's int of the loff_t) */
		return put_user_32(
			(unsigned long)(st.st_size - (loff_t)f->f_pos), argp);
	case FIBMAP:
		if (S_ISREG(st.st_mode))
			return ioctl_fibmap(argp);
		break;
	default:
		break;
	}
	return vfs_ioctl(f, cmd, arg);
}

long sys_ioctl(unsigned long fd, unsigned long cmd, unsigned long arg,
	       unsigned long a4, unsigned long a5, unsigned long a6)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	return do_vfs_ioctl(f, (unsigned int)fd, (unsigned int)cmd, arg);
}
