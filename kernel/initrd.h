/*
 * kernel/initrd.h - the initial ramdisk: a cpio "newc" archive (Linux's
 * initramfs format) loaded by the boot loader as multiboot module 0, read
 * in place as a read-only file system.
 */
#ifndef KERNEL_INITRD_H
#define KERNEL_INITRD_H

#include "arch/multiboot.h"
#include "mm/filemap.h"

/* The longest path of an initrd file, its NUL included. */
#define INITRD_PATH_MAX 64
/* The most files the archive may hold (and so entries a directory has). */
#define INITRD_MAX_FILES 128

struct initrd_file {
	char path[INITRD_PATH_MAX]; /* absolute, e.g. "/bin/hello" */
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
/* One entry of an initrd directory, as getdents64 lists it. */
struct initrd_dirent {
	char name[INITRD_PATH_MAX];
	unsigned long ino;
	unsigned int mode; /* the file's, or S_IFDIR | 0755 */
};

/*
 * Entry n (0 first) of the directory dir (absolute, canonical), in the
 * archive's order; "." and ".." are not among them. false past the last.
 */
bool initrd_dir_entry(const char *dir, unsigned int n,
		      struct initrd_dirent *ent);
/* The inode number of the directory dir (absolute, canonical). */
unsigned long initrd_dir_ino(const char *dir);
/* Directories below dir (absolute, canonical): its st_nlink is 2 more. */
unsigned int initrd_nr_subdirs(const char *dir);

/* Bytes of the file from offset into buf; returns how many (0 at EOF). */
size_t initrd_read(const struct initrd_file *f, unsigned long offset, void *buf,
		   size_t len);

#endif
