/* user/tests/demand_paging.c - bss, heap, brk and stack faulted in on touch. */
#include "syscall.h"
#include "ulib.h"

/*
 * Every test here gives the same verdict on real Linux i386, which is the
 * oracle (../shared/peers/linux-i386/run.sh): where Linux leaves a choice to
 * the kernel (brk randomization, where the stack starts), the test asserts
 * only what both must agree on. Output is KTAP; the status is 0 if all pass.
 */

#define PAGE_SIZE 4096UL
#define PAGE_ALIGN(x) (((unsigned long)(x) + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1))
#define TASK_SIZE 0xc0000000UL

/* Linux's include/uapi/linux/auxvec.h and elf.h */
#define AT_NULL 0
#define AT_PHDR 3
#define AT_PHENT 4
#define AT_PHNUM 5
#define AT_PAGESZ 6
#define AT_ENTRY 9
#define AT_RANDOM 25
#define PT_LOAD 1
#define PF_X 1

struct elf32_phdr {
	uint32_t p_type;
	uint32_t p_offset;
	uint32_t p_vaddr;
	uint32_t p_paddr;
	uint32_t p_filesz;
	uint32_t p_memsz;
	uint32_t p_flags;
	uint32_t p_align;
};

#define BSS_SIZE (16UL << 20)
#define SPARSE_STRIDE (64 * PAGE_SIZE)
#define HEAP_BLOCKS 2000
#define HEAP_BIG (8UL << 20)
#define STACK_ARRAY (1UL << 20)
#define RECURSION_DEPTH 4096

/* crt0's entry, and the linker's ends of .data and of .bss */
void _start(void);
extern char _edata[], _end[];

static unsigned char bss[BSS_SIZE] __attribute__((aligned(4096)));
static int data_word = 42;
static void *blocks[HEAP_BLOCKS];

static int main_argc;
static char **main_argv, **main_envp;
static unsigned long *auxv;
static unsigned long initial_brk, initial_sp;
static unsigned long data_page_tail_dirty;

#define CHECK(cond)                                                         \
	do {                                                                \
		if (!(cond)) {                                              \
			printf("# %s:%d: %s\n", __func__, __LINE__, #cond); \
			return 0;                                           \
		}                                                           \
	} while (0)

static unsigned long sys_brk(unsigned long addr)
{
	return (unsigned long)syscall1(__NR_brk, (long)addr);
}

/* The value of auxv entry type; *found says whether there was one. */
static unsigned long getauxval(unsigned long type, int *found)
{
	unsigned long *a;

	for (a = auxv; a[0] != AT_NULL; a += 2) {
		if (a[0] == type) {
			*found = 1;
			return a[1];
		}
	}
	*found = 0;
	return 0;
}

static int test_argv_envp(void)
{
	int i;

	CHECK(main_argc >= 1);
	CHECK(main_argv[0] != NULL);
	CHECK(main_argv[main_argc] == NULL);
	CHECK(main_envp == main_argv + main_argc + 1);
	CHECK(environ == main_envp);
	/* The strings sit above the vectors, in the stack's top pages. */
	for (i = 0; i < main_argc; i++)
		CHECK((unsigned long)main_argv[i] > (unsigned long)auxv &&
		      (unsigned long)main_argv[i] + strlen(main_argv[i]) <
			      TASK_SIZE);
	for (i = 0; main_envp[i]; i++)
		CHECK((unsigned long)main_envp[i] > (unsigned long)auxv &&
		      (unsigned long)main_envp[i] + strlen(main_envp[i]) <
			      TASK_SIZE);
	printf("# argc %d, argv[0] %s, %d environment strings\n", main_argc,
	       main_argv[0], i);
	return 1;
}

static int test_auxv_pagesz(void)
{
	int found;

	CHECK(getauxval(AT_PAGESZ, &found) == PAGE_SIZE && found);
	return 1;
}

static int test_auxv_entry(void)
{
	int found;

	CHECK(getauxval(AT_ENTRY, &found) == (unsigned long)_start && found);
	return 1;
}

/* The program headers the kernel points at are this program's own. */
static int test_auxv_phdr(void)
{
	const struct elf32_phdr *phdr, *load = NULL;
	unsigned long entry = (unsigned long)_start, phnum, phent, i;
	int found;

	phdr = (const struct elf32_phdr *)getauxval(AT_PHDR, &found);
	CHECK(found && phdr);
	phnum = getauxval(AT_PHNUM, &found);
	CHECK(found && phnum >= 1 && phnum <= 64);
	phent = getauxval(AT_PHENT, &found);
	CHECK(!found || phent == sizeof(*phdr));
	for (i = 0; i < phnum; i++) {
		if (phdr[i].p_type == PT_LOAD && phdr[i].p_vaddr <= entry &&
		    entry < phdr[i].p_vaddr + phdr[i].p_memsz)
			load = &phdr[i];
	}
	CHECK(load != NULL);
	CHECK(load->p_flags & PF_X);
	return 1;
}

static int test_auxv_random(void)
{
	const unsigned char *r;
	unsigned char any = 0;
	int found, i;

	r = (const unsigned char *)getauxval(AT_RANDOM, &found);
	CHECK(found && r);
	CHECK((unsigned long)r > (unsigned long)auxv &&
	      (unsigned long)r + 16 <= TASK_SIZE);
	for (i = 0; i < 16; i++)
		any |= r[i];
	/* all zero: 2^-128 from a random source */
	CHECK(any != 0);
	return 1;
}

/*
 * The bss starts in the page where .data ends: the loader maps that page from
 * the file and must clear it past .data (the file goes on with other
 * sections). Checked at the start of main, before this program writes to its
 * bss; crt0 has set environ by then.
 */
static unsigned long dirty_data_page_tail(void)
{
	const volatile unsigned char *p;
	unsigned long end = PAGE_ALIGN(_edata), dirty = 0;

	if (end > (unsigned long)_end)
		end = (unsigned long)_end;
	for (p = (unsigned char *)_edata; p < (unsigned char *)end; p++) {
		if ((unsigned long)p - (unsigned long)&environ <
		    sizeof(environ))
			continue;
		if (*p)
			dirty++;
	}
	return dirty;
}

static int test_bss_data_page_tail(void)
{
	printf("# .data ends at %p, %lu bytes of bss share its page\n", _edata,
	       PAGE_ALIGN(_edata) - (unsigned long)_edata);
	CHECK(data_page_tail_dirty == 0);
	return 1;
}

/* A first read of bss maps zeros (Linux: the shared zero page). */
static int test_bss_reads_zero(void)
{
	const volatile unsigned long *w;
	unsigned long off;

	for (off = 0; off < BSS_SIZE; off += SPARSE_STRIDE) {
		w = (const volatile unsigned long *)(bss + off);
		CHECK(*w == 0);
	}
	w = (const volatile unsigned long *)(bss + BSS_SIZE - sizeof(*w));
	CHECK(*w == 0);
	return 1;
}

static unsigned long sparse_value(unsigned long off)
{
	return off ^ 0x5a5a5a5aUL;
}

/* A write after the read: the zero page must not be written through. */
static int test_bss_sparse_writes(void)
{
	volatile unsigned long *w;
	unsigned long off;

	for (off = 0; off < BSS_SIZE; off += SPARSE_STRIDE) {
		w = (volatile unsigned long *)(bss + off);
		*w = sparse_value(off);
	}
	for (off = 0; off < BSS_SIZE; off += SPARSE_STRIDE) {
		w = (volatile unsigned long *)(bss + off);
		CHECK(*w == sparse_value(off));
	}
	return 1;
}

/* Every word: zero where untouched, kept where written, then all written. */
static int test_bss_full(void)
{
	volatile unsigned long *w = (volatile unsigned long *)bss;
	unsigned long i, n = BSS_SIZE / sizeof(*w), off;

	for (i = 0; i < n; i++) {
		off = i * sizeof(*w);
		if (off % SPARSE_STRIDE == 0)
			CHECK(w[i] == sparse_value(off));
		else
			CHECK(w[i] == 0);
	}
	for (i = 0; i < n; i++)
		w[i] = ~i;
	for (i = 0; i < n; i++)
		CHECK(w[i] == ~i);
	return 1;
}

/*
 * Linux puts the first break at the page-aligned end of bss, plus a random
 * number of pages when brk randomization is on (its default); so the tests
 * only assume "page-aligned, at or above the end of bss".
 */
static int test_brk_initial(void)
{
	CHECK(initial_brk % PAGE_SIZE == 0);
	CHECK(initial_brk >= PAGE_ALIGN(_end));
	CHECK(sys_brk(0) == initial_brk);
	CHECK(sbrk(0) == (void *)initial_brk);
	return 1;
}

/*
 * brk(0), or any address below the heap's start, changes nothing and returns
 * the current break: that is how Linux says no.
 */
static int test_brk_below_data_fails(void)
{
	unsigned long cur = sys_brk(0);

	CHECK(sys_brk(0) == cur);
	CHECK(sys_brk((unsigned long)&data_word) == cur);
	CHECK(sys_brk(PAGE_SIZE) == cur);
	CHECK(sys_brk(0) == cur);
	CHECK(data_word == 42);
	errno = 0;
	CHECK(brk(&data_word) == -1 && errno == ENOMEM);
	CHECK(sbrk(0) == (void *)cur);
	return 1;
}

/* The break may end mid-page: Linux keeps the exact value it was given. */
static int test_brk_unaligned(void)
{
	unsigned long cur = sys_brk(0);
	volatile unsigned char *p = (volatile unsigned char *)cur;
	int i;

	CHECK(sys_brk(cur + 100) == cur + 100);
	CHECK(sys_brk(0) == cur + 100);
	for (i = 0; i < 100; i++)
		CHECK(p[i] == 0);
	for (i = 0; i < 100; i++)
		p[i] = (unsigned char)i;
	for (i = 0; i < 100; i++)
		CHECK(p[i] == (unsigned char)i);
	CHECK(sys_brk(cur) == cur);
	CHECK(sys_brk(0) == cur);
	return 1;
}

/*
 * Shrinking unmaps the pages above the new break: grown again, they are
 * fresh zero pages, not the old data.
 */
static int test_brk_shrink_regrow(void)
{
	unsigned long cur = sys_brk(0), base = PAGE_ALIGN(cur),
		      top = base + 4 * PAGE_SIZE;
	volatile unsigned char *p;

	CHECK(sys_brk(top) == top);
	for (p = (unsigned char *)base; p < (unsigned char *)top; p += 512)
		*p = 0xa5;
	for (p = (unsigned char *)base; p < (unsigned char *)top; p += 512)
		CHECK(*p == 0xa5);
	CHECK(sys_brk(cur) == cur);
	CHECK(sys_brk(top) == top);
	for (p = (unsigned char *)base; p < (unsigned char *)top; p += 512)
		CHECK(*p == 0);
	CHECK(sys_brk(cur) == cur);
	return 1;
}

/* The heap cannot grow over the stack (nor over what Linux maps between). */
static int test_brk_into_stack_fails(void)
{
	unsigned long cur = sys_brk(0);

	CHECK(sys_brk(TASK_SIZE - PAGE_SIZE) == cur);
	CHECK(sys_brk(0) == cur);
	return 1;
}

static int test_sbrk(void)
{
	unsigned char *old = sbrk(0);
	volatile unsigned char *p;

	CHECK(sbrk(2 * PAGE_SIZE) == old);
	CHECK(sbrk(0) == old + 2 * PAGE_SIZE);
	CHECK(sys_brk(0) == (unsigned long)old + 2 * PAGE_SIZE);
	for (p = old; p < old + 2 * PAGE_SIZE; p += 64)
		*p = 1;
	CHECK(sbrk(-(intptr_t)(2 * PAGE_SIZE)) == old + 2 * PAGE_SIZE);
	CHECK(sbrk(0) == old);
	CHECK(sys_brk(0) == (unsigned long)old);
	errno = 0;
	CHECK(sbrk(-(intptr_t)(old - (unsigned char *)&data_word)) ==
		      (void *)-1 &&
	      errno == ENOMEM);
	CHECK(sbrk(0) == old);
	return 1;
}

static unsigned char block_byte(int i, size_t j)
{
	return (unsigned char)(i * 31 + j);
}

static size_t block_size(int i, int round)
{
	return (size_t)(i * 37 + round * 101) % 3000 + 1;
}

static int fill_blocks(int first, int step, int round)
{
	size_t j, n;
	unsigned char *b;
	int i;

	for (i = first; i < HEAP_BLOCKS; i += step) {
		n = block_size(i, round);
		b = malloc(n);
		blocks[i] = b;
		CHECK(b != NULL);
		CHECK((unsigned long)b % 16 == 0);
		CHECK((unsigned long)b >= initial_brk);
		for (j = 0; j < n; j++)
			b[j] = block_byte(i, j);
	}
	return 1;
}

static int check_blocks(int round_even, int round_odd)
{
	size_t j, n;
	unsigned char *b;
	int i;

	for (i = 0; i < HEAP_BLOCKS; i++) {
		b = blocks[i];
		n = block_size(i, i % 2 ? round_odd : round_even);
		for (j = 0; j < n; j++)
			CHECK(b[j] == block_byte(i, j));
	}
	return 1;
}

/* Many small blocks, half freed and allocated again at other sizes. */
static int test_heap_many_blocks(void)
{
	unsigned long before = sys_brk(0);
	int i;

	CHECK(fill_blocks(0, 1, 0));
	CHECK(sys_brk(0) > before);
	CHECK(check_blocks(0, 0));
	for (i = 1; i < HEAP_BLOCKS; i += 2)
		free(blocks[i]);
	CHECK(fill_blocks(1, 2, 1));
	CHECK(check_blocks(0, 1));
	for (i = 0; i < HEAP_BLOCKS; i++)
		free(blocks[i]);
	return 1;
}

/*
 * One block far bigger than anything free: the break moves past it. Each
 * test frees what it took before it checks, so that a failure leaks nothing.
 */
static int test_heap_big_block(void)
{
	unsigned long *b, i, n = HEAP_BIG / sizeof(*b), end, bad = 0;

	b = malloc(HEAP_BIG);
	end = sys_brk(0);
	if (b) {
		for (i = 0; i < n; i++)
			b[i] = i * 2654435761UL;
		for (i = 0; i < n; i++)
			bad += b[i] != i * 2654435761UL;
	}
	free(b);
	CHECK(b != NULL);
	CHECK(end >= (unsigned long)b + HEAP_BIG);
	CHECK(bad == 0);
	return 1;
}

/* calloc must clear a reused block; realloc must keep the contents. */
static int test_heap_calloc_realloc(void)
{
	unsigned char *p, *q;
	size_t i, dirty = 0, lost = 0;

	p = malloc(5000);
	CHECK(p != NULL);
	memset(p, 0xff, 5000);
	free(p);
	p = calloc(10, 500);
	CHECK(p != NULL);
	for (i = 0; i < 5000; i++) {
		dirty += p[i] != 0;
		p[i] = (unsigned char)(i * 7);
	}
	q = realloc(p, 300000);
	if (q) {
		for (i = 0; i < 5000; i++)
			lost += q[i] != (unsigned char)(i * 7);
		free(q);
	} else {
		free(p);
	}
	CHECK(dirty == 0);
	CHECK(q != NULL);
	CHECK(lost == 0);
	errno = 0;
	p = calloc(1 << 20, 1 << 20);
	free(p);
	CHECK(p == NULL && errno == ENOMEM);
	return 1;
}

/* Two freed neighbours merge: a block of both their sizes fits in place. */
static int test_heap_free_merges(void)
{
	void *a = malloc(40000), *b = malloc(40000), *c;
	unsigned long before, after;

	free(a);
	free(b);
	CHECK(a && b);
	before = sys_brk(0);
	c = malloc(80000);
	after = sys_brk(0);
	free(c);
	CHECK(c != NULL);
	CHECK(after == before);
	return 1;
}

/* 1 MiB of locals, touched from the top down as a real program would. */
static __attribute__((noinline)) int touch_stack_array(void)
{
	volatile unsigned char a[STACK_ARRAY];
	long i;

	CHECK(initial_sp - (unsigned long)a >= STACK_ARRAY);
	for (i = STACK_ARRAY - 1; i >= 0; i -= PAGE_SIZE)
		a[i] = (unsigned char)(i / PAGE_SIZE + 1);
	for (i = STACK_ARRAY - 1; i >= 0; i -= PAGE_SIZE)
		CHECK(a[i] == (unsigned char)(i / PAGE_SIZE + 1));
	return 1;
}

static int test_stack_big_array(void)
{
	return touch_stack_array();
}

static __attribute__((noinline)) unsigned long recurse(int depth,
						       unsigned long *lowest)
{
	volatile unsigned char frame[512];
	unsigned long sum;

	frame[0] = (unsigned char)depth;
	frame[sizeof(frame) - 1] = (unsigned char)(depth * 7);
	if ((unsigned long)frame < *lowest)
		*lowest = (unsigned long)frame;
	sum = depth ? recurse(depth - 1, lowest) : 0;
	return sum + frame[0] + frame[sizeof(frame) - 1];
}

/* Deep recursion: about 2 MiB of frames, each checked on the way back. */
static int test_stack_recursion(void)
{
	unsigned long lowest = initial_sp, expect = 0;
	int d;

	for (d = 0; d <= RECURSION_DEPTH; d++)
		expect += (unsigned char)d + (unsigned char)(d * 7);
	CHECK(recurse(RECURSION_DEPTH, &lowest) == expect);
	CHECK(initial_sp - lowest >= RECURSION_DEPTH * 512UL);
	return 1;
}

/* The brk tests first: they need the break before malloc has moved it. */
static const struct ktap_case tests[] = {
	{ "argv_envp", test_argv_envp },
	{ "auxv_pagesz", test_auxv_pagesz },
	{ "auxv_entry", test_auxv_entry },
	{ "auxv_phdr", test_auxv_phdr },
	{ "auxv_random", test_auxv_random },
	{ "brk_initial", test_brk_initial },
	{ "brk_below_data_fails", test_brk_below_data_fails },
	{ "brk_unaligned", test_brk_unaligned },
	{ "brk_shrink_regrow", test_brk_shrink_regrow },
	{ "brk_into_stack_fails", test_brk_into_stack_fails },
	{ "sbrk", test_sbrk },
	{ "bss_data_page_tail", test_bss_data_page_tail },
	{ "bss_reads_zero", test_bss_reads_zero },
	{ "bss_sparse_writes", test_bss_sparse_writes },
	{ "bss_full", test_bss_full },
	{ "heap_many_blocks", test_heap_many_blocks },
	{ "heap_big_block", test_heap_big_block },
	{ "heap_calloc_realloc", test_heap_calloc_realloc },
	{ "heap_free_merges", test_heap_free_merges },
	{ "stack_big_array", test_stack_big_array },
	{ "stack_recursion", test_stack_recursion },
};

int main(int argc, char **argv, char **envp)
{
	int n = sizeof(tests) / sizeof(tests[0]);
	char **e;

	data_page_tail_dirty = dirty_data_page_tail();
	initial_brk = sys_brk(0);
	initial_sp = (unsigned long)&e;
	main_argc = argc;
	main_argv = argv;
	main_envp = envp;
	for (e = envp; *e; e++)
		;
	auxv = (unsigned long *)(e + 1);

	return ktap_run("demand_paging", tests, n);
}
