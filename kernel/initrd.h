/*
 * kernel/initrd.h - the initial ramdisk: a cpio "newc" archive (Linux's
 * initramfs format) loaded by the boot loader as multiboot module 0, read
 * in place as a read-only file system.
 */
#ifndef KERNEL_INITRD_H
#define KERNEL_INITRD_H

#include "arch/multiboot.h"
#include "mm/filemap.h"

struct initrd_file {
	char path[64]; /* absolute, e.g. "/bin/hello" */
	unsigned long ino, mode, size;
	const unsigned char *data; /* in the direct map */
	struct address_space mapping; /* its page cache */
	struct file file; /* what mmap and exec attach to VMAs */
};

/* Parse the archive the loader passed (if any); returns the file count, or
 * -errno for a malformed archive. */
int initrd_init(const struct multiboot_info *mbi);
/* The regular file at path, or NULL. */
struct initrd_file *initrd_lookup(const char *path);
/*
 * Resolve path (absolute, or relative to "/"): the regular file in *out and
 * 0; -EISDIR for a directory (one that is a prefix of some file's path);
 * -ENOTDIR when a regular file stands where a directory should; -ENOENT.
 */
int initrd_resolve(const char *path, struct initrd_file **out);
/* Bytes of the file from offset into buf; returns how many (0 at EOF). */
size_t initrd_read(const struct initrd_file *f, unsigned long offset, void *buf,
		   size_t len);

#endif
