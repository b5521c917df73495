/*
 * tests/fuzz/fuzz_vma.c - libFuzzer target: the VMA set of an mm
 * (mm/vma.c over lib/rbtree.c) against the page-granular model of
 * tests/model_vma.c, the one the unit tests use.
 *
 * An input is read through rnd() (tape.h: one byte for a choice of
 * up to 256, two little-endian bytes for more, zeros past the end): a
 * sequence of operations until the input ends, each a byte (enum vma_op in
 * model_vma.h: insert, overlapping insert, remove, split, merge, munmap,
 * mprotect, mmap over a range, lookups) and its parameters, pages of the
 * model's 256-page address space and the new VMA's attributes.
 *
 * After every step validate_mm() must pass (sorted, non-overlapping, list
 * and tree agree, counts right) and every lookup must agree with the model;
 * any difference aborts. At the end everything that can merge is merged
 * and the mm emptied, which frees every VMA (LeakSanitizer checks).
 */
#include <stddef.h>
#include <stdint.h>

#include "tests/fuzz/tape.h" /* system headers only: before the renaming */
#include "tests/host_names.h"
#include "tests/model_vma.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	tape_start(data, size);
	model_reset();
	while (!tape_empty())
		model_step((enum vma_op)rnd(NR_VMA_OPS));
	model_finish();
	reset_mm();
	return 0;
}
