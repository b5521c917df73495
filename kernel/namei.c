/*
 * kernel/namei.c - from the name a program gives to the path the file
 * systems look up: absolute and canonical ("/bin/echo", "/proc/self"),
 * with relative names taken from a directory fd or from "/", the working
 * directory of every process here.
 *
 * ".." is resolved by the text, once what it leaves is known to be a
 * directory: right in a tree without symbolic links; the one link here,
 * /proc/self, has /proc as its parent either way.
 */
#include "arch/uaccess.h"
#include "kernel/fs.h"
#include "lib/errno.h"
#include "lib/string.h"

long getname(unsigned long upath, char *buf)
{
	long len = strncpy_from_user(buf, (const char *)upath, PATH_MAX);

	if (len == PATH_MAX)
		return -ENAMETOOLONG;
	return len;
}

/* Put base and a slash in front of the relative name in buf. */
static long prepend_dir(char *buf, const char *base)
{
	size_t blen = strlen(base), len = strlen(buf);

	if (blen + 1 + len >= PATH_MAX)
		return -ENAMETOOLONG;
	memmove(buf + blen + 1, buf, len + 1);
	memcpy(buf, base, blen + 1);
	buf[blen] = '/'; /* in place of base's NUL: the name follows */
	return 0;
}

/* The longest name of one component (Linux's NAME_MAX). */
#define NAME_MAX 255

/*
 * Before a component in the directory buf[0..out) ("" for the root) is
 * looked up, that directory must exist: Linux meets each name in turn,
 * so "/none/.." is -ENOENT and "/bin/echo/.." -ENOTDIR, whatever follows.
 * A component longer than NAME_MAX in it is -ENAMETOOLONG.
 */
static long may_lookup(char *buf, size_t out, size_t namelen)
{
	char saved = buf[out];
	long err = 0;

	if (out > 0) { /* (the root is always there) */
		buf[out] = '\0';
		err = path_is_dir(buf);
		buf[out] = saved;
	}
	if (!err && namelen > NAME_MAX)
		err = -ENAMETOOLONG;
	return err;
}

/*
 * Rewrite the absolute path in buf without empty, "." and ".." components
 * and without a trailing slash, in place (the result is never longer).
 * Only ".." and a too long name need the directory they are in to be
 * looked at; the other components are found or not found by the file
 * systems, from the canonical path, with Linux's answers. *dir is set when
 * the last component was "/", "." or "..": a directory. 0 or -errno.
 */
static long canonicalize(char *buf, bool *dir)
{
	const char *in = buf;
	size_t out = 0; /* buf[0..out) is done: "" or "/a/b" */

	*dir = false;
	while (*in) {
		const char *end;
		size_t n;

		while (*in == '/')
			in++;
		if (!*in) {
			*dir = true; /* a trailing slash */
			break;
		}
		end = strchr(in, '/');
		n = end ? (size_t)(end - in) : strlen(in);
		*dir = n <= 2 && in[0] == '.' && (n == 1 || in[1] == '.');
		if ((n == 2 && *dir) || n > NAME_MAX) {
			long err = may_lookup(buf, out, n);

			if (err)
				return err;
		}
		if (n == 2 && *dir) { /* "..": drop the last component */
			while (out > 0 && buf[out - 1] != '/')
				out--;
			out = out ? out - 1 : 0;
		} else if (!*dir) {
			buf[out++] = '/';
			memmove(buf + out, in, n);
			out += n;
		}
		in += n;
	}
	if (out == 0)
		buf[out++] = '/';
	buf[out] = '\0';
	return 0;
}

long path_at(int dirfd, char *buf, bool *dir_only)
{
	if (buf[0] != '/') {
		const char *base = "/";
		long err;

		if (dirfd != AT_FDCWD) {
			struct file *dir = fget((unsigned long)dirfd);

			if (!dir)
				return -EBADF;
			if (!dir->f_op->iterate)
				return -ENOTDIR;
			base = dir->f_path; /* directories know their path */
		}
		err = prepend_dir(buf, base);
		if (err)
			return err;
	}
	return canonicalize(buf, dir_only);
}
