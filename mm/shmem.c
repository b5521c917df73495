/*
 * mm/shmem.c - shared anonymous memory: MAP_SHARED|MAP_ANONYMOUS is backed
 * by a file with no name, whose page cache is the memory. Both sides of a
 * fork map the same cached frames, so writes are seen by both; the object
 * goes when the last VMA mapping it does.
 */
#include "lib/string.h"
#include "mm/gfp.h"
#include "mm/mman.h"
#include "mm/slab.h"

struct shmem_file {
	struct file file;
	struct address_space mapping;
};

static int shmem_readpage(struct address_space *mapping, void *kaddr,
			  unsigned long index)
{
	memset(kaddr, 0, PAGE_SIZE); /* new anonymous memory reads as zero */
	return 0;
}

static const struct address_space_operations shmem_aops = {
	.readpage = shmem_readpage,
};

static void shmem_release(struct file *f)
{
	struct shmem_file *s = container_of(f, struct shmem_file, file);

	truncate_inode_pages(&s->mapping);
	kfree(s);
}

struct file *shmem_file_setup(unsigned long size)
{
	struct shmem_file *s = kzalloc(sizeof(*s), GFP_KERNEL);

	if (!s)
		return NULL;
	if (mapping_init(&s->mapping, &shmem_aops, s, size)) {
		kfree(s);
		return NULL;
	}
	s->file.f_mapping = &s->mapping;
	s->file.f_path = "/dev/zero (deleted)"; /* as Linux's maps shows it */
	s->file.f_mode = FMODE_READ | FMODE_WRITE;
	s->file.f_release = shmem_release;
	s->file.f_count = 1;
	return &s->file;
}
