/*
 * mm/filemap.h - the page cache: the pages of a file, read in once and then
 * shared by every process that maps it (Linux's include/linux/pagemap.h),
 * and the part of an open file that the memory manager needs.
 */
#ifndef MM_FILEMAP_H
#define MM_FILEMAP_H

#include "mm/mm_types.h"

struct address_space;

struct address_space_operations {
	/* Fill page with the file's bytes from index * PAGE_SIZE (zeros past
	 * the end); 0 or -errno. The page is mapped by the caller's kmap. */
	int (*readpage)(struct address_space *mapping, void *kaddr,
			unsigned long index);
};

/* The cached pages of one file: a page-index-ordered array, since files
 * here are small and never change size. */
struct address_space {
	const struct address_space_operations *a_ops;
	void *host; /* the file system's object for readpage */
	unsigned long size; /* bytes */
	unsigned long nr_pages; /* slots in pages[] */
	bool resident; /* the bytes are in RAM anyway (the initrd's files) */
	struct page **pages; /* NULL where not cached yet */
};

struct file_operations; /* kernel/fs.h: what read/write do */

/* An open file: what mmap and the fault path need (f_mapping), and what
 * the system calls need (f_op, f_pos), in one object as in Linux. */
struct file {
	struct address_space *f_mapping; /* NULL: not mappable (the tty) */
	const char *f_path; /* for /proc/PID/maps and segfault reports */
	unsigned long f_ino;
	int f_count; /* fds and VMAs that refer to it */
	const struct file_operations *f_op;
	unsigned int f_flags; /* open() flags */
	unsigned int f_mode; /* FMODE_READ, FMODE_WRITE: what the open allows */
	/* Frees the file when the last reference goes (its creator's way). */
	void (*f_release)(struct file *f);
	unsigned long long f_pos;
	void *private_data; /* the file system's object */
};

#define FMODE_READ 0x1
#define FMODE_WRITE 0x2

/* Take a reference to an open file (an fd or a VMA holds one). */
static inline struct file *get_file(struct file *f)
{
	f->f_count++;
	return f;
}

/* Drop a reference; the last one calls f_release, if the file has one. */
static inline void fput(struct file *f)
{
	if (--f->f_count == 0 && f->f_release)
		f->f_release(f);
}

/* Set up an empty cache for a file of size bytes; 0 or -ENOMEM. */
int mapping_init(struct address_space *mapping,
		 const struct address_space_operations *a_ops, void *host,
		 unsigned long size);
/*
 * The cached page at index, read in first if needed, with a reference
 * for the caller; NULL if out of memory or past the end of the file.
 */
struct page *read_cache_page(struct address_space *mapping,
			     unsigned long index);
/* Drop every cached page of a mapping, and its page array. */
void truncate_inode_pages(struct address_space *mapping);
/* The cached page at index, or NULL: no reference taken, nothing read. */
struct page *find_page(struct address_space *mapping, unsigned long index);
/*
 * Frames in the page cache. Initrd files never change, so once no process
 * maps them these are as good as free: leak checks count them so.
 */
unsigned long nr_pagecache_pages(void);

#endif
