/*
 * kernel/read_write.c - read, write, writev and lseek (Linux's
 * fs/read_write.c): the checks every file gets, in Linux's order, before
 * its file_operations are asked, and the ways a file position moves.
 */
#include "arch/page.h"
#include "arch/uaccess.h"
#include "kernel/fs.h"
#include "lib/errno.h"
#include "mm/slab.h"

/* The most segments one writev takes (Linux's include/uapi/linux/uio.h). */
#define UIO_MAXIOV 1024
/* The most bytes one call moves (Linux's include/linux/fs.h: INT_MAX &
 * PAGE_MASK); a longer count is cut to it, not refused. */
#define MAX_RW_COUNT (0x7fffffffUL & PAGE_MASK)

struct iovec {
	void *iov_base;
	unsigned long iov_len;
};

/*
 * Linux's rw_verify_area(): a count that is negative as a ssize_t is
 * EINVAL, and so is a negative position (only pagemap's lseek leaves one).
 */
static long rw_verify_area(const struct file *f, unsigned long count)
{
	if ((long)count < 0 || (loff_t)f->f_pos < 0)
		return -EINVAL;
	return 0;
}

/*
 * Linux's vfs_read(): the mode, then the buffer (a count of 0 too), then
 * the count; the file itself answers the rest, a count of 0 included (a
 * directory says EISDIR whatever the count).
 */
long sys_read(unsigned long fd, unsigned long buf, unsigned long count,
	      unsigned long a4, unsigned long a5, unsigned long a6)
{
	struct file *f = fget(fd);
	long err;

	if (!f || !(f->f_mode & FMODE_READ))
		return -EBADF;
	if (!f->f_op->read)
		return -EINVAL;
	if (!access_ok((void *)buf, count))
		return -EFAULT;
	err = rw_verify_area(f, count);
	if (err)
		return err;
	return f->f_op->read(f, (char *)buf, min(count, MAX_RW_COUNT));
}

/* Linux's vfs_write(): the same order as read. */
long sys_write(unsigned long fd, unsigned long buf, unsigned long count,
	       unsigned long a4, unsigned long a5, unsigned long a6)
{
	struct file *f = fget(fd);
	long err;

	if (!f || !(f->f_mode & FMODE_WRITE))
		return -EBADF; /* not open, or opened read-only */
	if (!f->f_op->write)
		return -EINVAL;
	if (!access_ok((void *)buf, count))
		return -EFAULT;
	err = rw_verify_area(f, count);
	if (err)
		return err;
	count = min(count, MAX_RW_COUNT);
	return count ? f->f_op->write(f, (const char *)buf, count) : 0;
}

/*
 * Linux's import_iovec(): the whole vector copied in (more than UIO_MAXIOV
 * segments is EINVAL, none is nothing to do), then any length that is
 * negative as a ssize_t is EINVAL, then a segment outside user space
 * EFAULT, in that order whatever the segments' order; the total is cut to
 * MAX_RW_COUNT. Returns the total or -errno; the caller kfree()s *iovp.
 */
static long import_iovec(unsigned long uvec, unsigned long vlen,
			 struct iovec **iovp)
{
	struct iovec *iov;
	unsigned long total = 0, i;

	*iovp = NULL;
	if (!vlen)
		return 0;
	if (vlen > UIO_MAXIOV)
		return -EINVAL;
	iov = kmalloc(vlen * sizeof(*iov), GFP_KERNEL);
	if (!iov)
		return -ENOMEM;
	*iovp = iov;
	if (copy_from_user(iov, (const void *)uvec, vlen * sizeof(*iov)))
		return -EFAULT;
	for (i = 0; i < vlen; i++)
		if ((long)iov[i].iov_len < 0)
			return -EINVAL;
	for (i = 0; i < vlen; i++) {
		if (!access_ok(iov[i].iov_base, iov[i].iov_len))
			return -EFAULT;
		iov[i].iov_len = min(iov[i].iov_len, MAX_RW_COUNT - total);
		total += iov[i].iov_len;
	}
	return (long)total;
}

/* Write the segments in turn; a short write or an error after some bytes
 * ends the call with what was written (Linux's do_loop_readv_writev()). */
static long do_writev(struct file *f, const struct iovec *iov,
		      unsigned long vlen)
{
	long total = 0;

	for (unsigned long i = 0; i < vlen; i++) {
		long n;

		if (!iov[i].iov_len)
			continue;
		n = f->f_op->write(f, iov[i].iov_base, iov[i].iov_len);
		if (n < 0)
			return total ? total : n;
		total += n;
		if ((unsigned long)n < iov[i].iov_len)
			break;
	}
	return total;
}

/* Linux's vfs_writev(): the vector is imported before the file's mode is
 * looked at, so a bad vector is EFAULT even on a read-only fd. */
long sys_writev(unsigned long fd, unsigned long uvec, unsigned long vlen,
		unsigned long a4, unsigned long a5, unsigned long a6)
{
	struct file *f = fget(fd);
	struct iovec *iov;
	long ret;

	if (!f)
		return -EBADF;
	ret = import_iovec(uvec, vlen, &iov);
	if (ret < 0)
		goto out;
	if (!(f->f_mode & FMODE_WRITE))
		ret = -EBADF;
	else if (!f->f_op->write)
		ret = -EINVAL;
	else if (ret > 0 && rw_verify_area(f, (unsigned long)ret))
		ret = -EINVAL;
	else if (ret > 0) /* (nothing to write is 0) */
		ret = do_writev(f, iov, vlen);
out:
	kfree(iov);
	return ret;
}

/*
 * Linux's ksys_lseek(): an unknown whence is EINVAL before the file is
 * asked (a terminal: ESPIPE). A file may move past what lseek's 32-bit
 * off_t can tell: it has moved, and the answer is EOVERFLOW.
 */
long sys_lseek(unsigned long fd, unsigned long offset, unsigned long whence,
	       unsigned long a4, unsigned long a5, unsigned long a6)
{
	struct file *f = fget(fd);
	loff_t res;

	if (!f)
		return -EBADF;
	if (whence > SEEK_MAX)
		return -EINVAL;
	if (!f->f_op->llseek)
		return -ESPIPE;
	res = f->f_op->llseek(f, (long)offset, (int)whence);
	if (res != (long)res)
		return -EOVERFLOW;
	return (long)res;
}

loff_t vfs_setpos(struct file *f, loff_t offset, loff_t maxsize)
{
	if (offset < 0 || offset > maxsize)
		return -EINVAL;
	f->f_pos = (unsigned long long)offset;
	return offset;
}

loff_t generic_file_llseek_size(struct file *f, loff_t offset, int whence,
				loff_t maxsize, loff_t eof)
{
	switch (whence) {
	case SEEK_END:
		offset += eof;
		break;
	case SEEK_CUR:
		/* Asking where the file is tells, even past maxsize. */
		if (offset == 0)
			return (loff_t)f->f_pos;
		offset += (loff_t)f->f_pos;
		break;
	case SEEK_DATA: /* all data, up to a "hole" at the end */
		if ((unsigned long long)offset >= (unsigned long long)eof)
			return -ENXIO;
		break;
	case SEEK_HOLE:
		if ((unsigned long long)offset >= (unsigned long long)eof)
			return -ENXIO;
		offset = eof;
		break;
	default:
		break;
	}
	return vfs_setpos(f, offset, maxsize);
}

loff_t default_llseek(struct file *f, loff_t offset, int whence)
{
	struct stat64 st = { 0 };

	f->f_op->stat(f, &st);
	switch (whence) {
	case SEEK_END:
		offset += st.st_size;
		break;
	case SEEK_CUR:
		if (offset == 0)
			return (loff_t)f->f_pos;
		offset += (loff_t)f->f_pos;
		break;
	case SEEK_DATA: /* compared as signed here, unlike the generic one */
		if (offset >= st.st_size)
			return -ENXIO;
		break;
	case SEEK_HOLE:
		if (offset >= st.st_size)
			return -ENXIO;
		offset = st.st_size;
		break;
	default:
		break;
	}
	return vfs_setpos(f, offset, OFFSET_MAX);
}

loff_t seq_lseek(struct file *f, loff_t offset, int whence)
{
	if (whence == SEEK_CUR)
		offset += (loff_t)f->f_pos;
	else if (whence != SEEK_SET)
		return -EINVAL;
	return vfs_setpos(f, offset, OFFSET_MAX);
}
