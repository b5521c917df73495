/*
 * kernel/readdir.c - getdents64: a directory's entries as Linux's struct
 * linux_dirent64 records, as many as fit in the caller's buffer. Each file
 * system lists its own directories (file_operations.iterate); the position
 * in the directory is the file's f_pos, so the next call goes on where the
 * last stopped, and lseek(fd, 0, SEEK_SET) starts over.
 */
#include "arch/uaccess.h"
#include "kernel/fs.h"
#include "lib/errno.h"
#include "lib/string.h"

/* The longest name of a directory entry (Linux's NAME_MAX). */
#define NAME_MAX 255

/* Linux's include/linux/dirent.h: 19 bytes, then the name and its NUL,
 * the record padded to 8 bytes. */
struct linux_dirent64 {
	u64 d_ino;
	s64 d_off; /* the position after this entry: lseek there to go on */
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

struct getdents_callback64 {
	struct dir_context ctx;
	char *current_dir; /* where the next record goes (user memory) */
	unsigned long count; /* bytes of room left there */
	long error; /* why the last entry was not written */
};

static bool filldir64(struct dir_context *ctx, const char *name, u64 ino,
		      unsigned int type)
{
	struct getdents_callback64 *buf =
		container_of(ctx, struct getdents_callback64, ctx);
	size_t namelen = strnlen(name, NAME_MAX);
	unsigned long reclen =
		ALIGN_UP(offsetof(struct linux_dirent64, d_name) + namelen + 1,
			 sizeof(u64));
	union {
		struct linux_dirent64 d;
		char bytes[ALIGN_UP(sizeof(struct linux_dirent64) + NAME_MAX + 1,
				    sizeof(u64))];
	} rec;

	if (reclen > buf->count) {
		buf->error = -EINVAL; /* Linux's answer when none fits */
		return false;
	}
	memset(&rec, 0, reclen);
	rec.d.d_ino = ino;
	rec.d.d_off = ctx->pos + 1;
	rec.d.d_reclen = (unsigned short)reclen;
	rec.d.d_type = (unsigned char)type;
	memcpy(rec.d.d_name, name, namelen);
	if (copy_to_user(buf->current_dir, &rec, reclen)) {
		buf->error = -EFAULT;
		return false;
	}
	buf->current_dir += reclen;
	buf->count -= reclen;
	return true;
}

bool dir_emit_dots(struct dir_context *ctx, u64 ino, u64 parent_ino)
{
	if (ctx->pos == 0) {
		if (!dir_emit(ctx, ".", ino, DT_DIR))
			return false;
		ctx->pos = 1;
	}
	if (ctx->pos == 1) {
		if (!dir_emit(ctx, "..", parent_ino, DT_DIR))
			return false;
		ctx->pos = 2;
	}
	return true;
}

long sys_getdents64(unsigned long fd, unsigned long dirent, unsigned long count,
		    unsigned long a4, unsigned long a5, unsigned long a6)
{
	struct file *f = fget(fd);
	struct getdents_callback64 buf = {
		.ctx.actor = filldir64,
		.current_dir = (char *)dirent,
		.count = (unsigned int)count, /* Linux's is an unsigned int */
	};
	int err;

	if (!f)
		return -EBADF;
	if (!f->f_op->iterate)
		return -ENOTDIR;
	buf.ctx.pos = (long long)f->f_pos;
	err = f->f_op->iterate(f, &buf.ctx);
	f->f_pos = (unsigned long long)buf.ctx.pos;
	/* What was written counts, whatever stopped the listing after it. */
	if (buf.count != (unsigned int)count)
		return (long)((unsigned int)count - buf.count);
	return err ? err : buf.error;
}
