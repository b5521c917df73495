/*
 * tests/model_vma.h - the VMA set of an mm (mm/vma.c) on the host, held
 * against a model of the address space: the fake slab the VMAs come from,
 * the mm, the model, and operations (insert, remove, split, merge, and
 * munmap, mprotect and mmap as mm/ composes them) applied to both.
 *
 * Shared by the unit tests (test_vma.c) and the fuzz target
 * (fuzz/fuzz_vma.c); model.h says what each of them provides.
 */
#ifndef TESTS_MODEL_VMA_H
#define TESTS_MODEL_VMA_H

#include "mm/filemap.h"
#include "mm/slab.h"
#include "mm/vma.h"
#include "tests/model.h"

/* The address space of the tests: pages from where i386 ELF text starts. */
#define BASE 0x08000000UL
#define P(n) (BASE + (unsigned long)(n)*PAGE_SIZE)
#define NPAGES 256

/* The usual kinds of mapping, and PTE bits to go with them. */
#define RW (VM_READ | VM_WRITE | VM_MAYREAD | VM_MAYWRITE)
#define RO (VM_READ | VM_MAYREAD)
#define RX (VM_READ | VM_EXEC | VM_MAYREAD | VM_MAYEXEC)

static inline unsigned long prot_of(unsigned long flags)
{
	return flags & VM_WRITE ? 0x7 : 0x5; /* present, user, rw if writable */
}

/* Two files; only their f_count is ever looked at. */
extern struct file files[2];
#define FILE_A (&files[0])
#define FILE_B (&files[1])

/*
 * mm/slab.h, faked: one cache (vm_area_alloc() makes it once), objects from
 * malloc() filled with 0xa5 unless __GFP_ZERO, so that ASan sees a VMA used
 * after vm_area_free() or freed twice, and a registry of the live ones (a
 * merge that forgets to free is a leak that has a name). fail_alloc makes
 * the next kmem_cache_alloc() fail.
 */
#define MAX_LIVE 1024

extern struct kmem_cache fake_cache;
extern unsigned int nr_creates;
extern unsigned int nr_live;
extern bool fail_alloc;

/* The mm under test. */
extern struct mm_struct mm;

/* Free every VMA still allocated, whatever state the mm is in; an empty
 * mm, files without references, the console cleared. */
void reset_mm(void);

/* A new VMA, not inserted. */
struct vm_area_struct *new_vma_prot(unsigned long start, unsigned long end,
				    unsigned long flags, unsigned long prot,
				    struct file *file, unsigned long pgoff);
/* The same with prot_of(flags). */
struct vm_area_struct *new_vma(unsigned long start, unsigned long end,
			       unsigned long flags, struct file *file,
			       unsigned long pgoff);
/* Unlink and free, as munmap of a whole VMA would. */
void unmap(struct vm_area_struct *vma);
/* The cache is empty or holds a VMA on the list (never a freed one; the
 * pointer is only compared, never followed). */
bool cache_is_live(void);

/*
 * A snapshot of the whole VMA set: every VMA's contents (links, tree node
 * and all) in list order, the tree's order, and the mm's fields.
 */
#define MAX_SNAP (NPAGES + 1)

struct snapshot {
	struct mm_struct mm;
	unsigned int n;
	struct vm_area_struct *vma[MAX_SNAP];
	struct vm_area_struct copy[MAX_SNAP];
	struct rb_node *inorder[MAX_SNAP];
};

extern struct snapshot snap_before;

void take_snapshot(struct snapshot *s);
/* Nothing changed since `before` was taken; `what` names the culprit. */
void expect_unchanged(const struct snapshot *before, const char *what);

/* The operations model_step() applies to the mm and the model alike, each
 * with its parameters from rnd(). */
enum vma_op {
	OP_INSERT, /* a new VMA in a gap */
	OP_INSERT_OVERLAPPING, /* refused, and nothing changes */
	OP_REMOVE, /* a whole VMA */
	OP_SPLIT,
	OP_MERGE, /* vma_merge() of a VMA with its neighbours */
	OP_MUNMAP, /* a page range, across VMAs and gaps */
	OP_MPROTECT, /* new flags on part of a VMA: split, set, merge */
	OP_MMAP_FIXED, /* munmap a range, map it anew, merge */
	OP_FIND, /* find_vma_prev(), find_vma_intersection() */
	NR_VMA_OPS,
};

/* An empty mm and an empty model. */
void model_reset(void);
/* Apply op, then check the whole mm against the model (check_model()). */
void model_step(enum vma_op op);
/*
 * The whole mm against the model: validate_mm(), the red-black rules of
 * the tree, the counts, the cache, the file references, and find_vma() at
 * every page.
 */
void check_model(void);
/* Merge everything that can merge (no pair is left that could), then
 * empty the mm a VMA at a time, checking every step. */
void model_finish(void);

#endif
