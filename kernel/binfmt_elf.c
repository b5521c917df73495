/*
 * kernel/binfmt_elf.c - loading a static ELF32 program (Linux's
 * fs/binfmt_elf.c). Nothing of the file is copied eagerly: each PT_LOAD
 * segment becomes a file-backed VMA (its pages arrive through the page
 * cache at the first touch), its bss an anonymous one, then the heap starts
 * after it, and the stack gets argc, argv, envp and the auxiliary vector
 * below the strings exec.c put there, as Linux's create_elf_tables() lays
 * them out.
 */
#include "arch/cpu.h"
#include "arch/segment.h"
#include "kernel/binfmts.h"
#include "kernel/elf.h"
#include "kernel/initrd.h"
#include "kernel/sched.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "mm/memory.h"
#include "mm/mmap.h"
#include "mm/vma.h"

#define MAX_PHDRS (PAGE_SIZE / sizeof(Elf32_Phdr))
#define AT_RANDOM_BYTES 16
#define STACK_ALIGN 16 /* the i386 ABI wants %esp 16-byte aligned at entry */
/* Clock ticks per second as user space sees them (Linux's USER_HZ). */
#define USER_HZ 100

static bool elf_check(const Elf32_Ehdr *eh)
{
	return memcmp(eh->e_ident, ELFMAG, SELFMAG) == 0 &&
	       eh->e_ident[EI_CLASS] == ELFCLASS32 &&
	       eh->e_ident[EI_DATA] == ELFDATA2LSB &&
	       eh->e_ident[EI_VERSION] == EV_CURRENT && eh->e_type == ET_EXEC &&
	       eh->e_machine == EM_386 &&
	       eh->e_phentsize == sizeof(Elf32_Phdr) && eh->e_phnum &&
	       eh->e_phnum <= MAX_PHDRS;
}

static unsigned long elf_vm_flags(u32 p_flags)
{
	return (p_flags & PF_R ? VM_READ : 0) |
	       (p_flags & PF_W ? VM_WRITE : 0) | (p_flags & PF_X ? VM_EXEC : 0);
}

/*
 * The zero-filled part of a segment, [from, to): its first page may already
 * be mapped, by this segment's file pages or by the segment before it
 * (ld.lld starts a bss-only segment mid-page). The bytes of that page from
 * `from` on must read as zeros (Linux's padzero); writing them breaks COW
 * on that one page. The rest gets fresh anonymous pages.
 */
static int map_bss(struct mm_struct *mm, unsigned long from, unsigned long to,
		   unsigned long flags)
{
	static const char zeros[PAGE_SIZE];
	unsigned long page = from & PAGE_MASK;

	if ((from & ~PAGE_MASK) &&
	    find_vma_intersection(mm, page, page + PAGE_SIZE)) {
		size_t n = min(page + PAGE_SIZE, to) - from;

		if (!(flags & VM_WRITE))
			return -ENOEXEC;
		if (access_remote_vm(mm, from, (void *)zeros, n, true) != n)
			return -ENOMEM;
		page += PAGE_SIZE;
	}
	if (ALIGN_UP(to, PAGE_SIZE) <= page)
		return 0;
	return mmap_region(mm, NULL, page, ALIGN_UP(to, PAGE_SIZE) - page,
			   flags, 0);
}

/* Map one PT_LOAD segment: file pages, then zeros to p_memsz. */
static int map_segment(struct mm_struct *mm, struct initrd_file *f,
		       const Elf32_Phdr *ph)
{
	unsigned long start = ph->p_vaddr & PAGE_MASK;
	unsigned long file_end = ph->p_vaddr + ph->p_filesz;
	unsigned long mem_end = ph->p_vaddr + ph->p_memsz;
	unsigned long flags = elf_vm_flags(ph->p_flags);
	int err;

	if (ph->p_filesz > ph->p_memsz || mem_end < ph->p_vaddr ||
	    mem_end > TASK_SIZE || ph->p_offset + ph->p_filesz > f->size ||
	    (ph->p_vaddr & ~PAGE_MASK) != (ph->p_offset & ~PAGE_MASK))
		return -ENOEXEC;
	if (ph->p_filesz) {
		err = mmap_region(mm, &f->file, start,
				  ALIGN_UP(file_end, PAGE_SIZE) - start, flags,
				  ph->p_offset >> PAGE_SHIFT);
		if (err)
			return err;
	}
	return mem_end > file_end ? map_bss(mm, file_end, mem_end, flags) : 0;
}

/* The address after the NUL of the string at addr in mm; 0 if there is
 * none to read. */
static unsigned long skip_string(struct mm_struct *mm, unsigned long addr)
{
	char buf[64];

	for (;;) {
		size_t n = access_remote_vm(mm, addr, buf, sizeof(buf), false);
		const char *nul = memchr(buf, '\0', n);

		if (nul)
			return addr + (unsigned long)(nul - buf) + 1;
		if (n < sizeof(buf))
			return 0;
		addr += n;
	}
}

/* Words for the new stack, written a bufferful at a time: argv and envp
 * may have any number of pointers. */
struct stack_writer {
	struct mm_struct *mm;
	unsigned long addr;
	unsigned long buf[64];
	unsigned int n;
	bool failed;
};

static void flush_words(struct stack_writer *w)
{
	size_t size = w->n * sizeof(w->buf[0]);

	if (access_remote_vm(w->mm, w->addr, w->buf, size, true) != size)
		w->failed = true;
	w->addr += size;
	w->n = 0;
}

static void put_word(struct stack_writer *w, unsigned long word)
{
	w->buf[w->n++] = word;
	if (w->n == ARRAY_SIZE(w->buf))
		flush_words(w);
}

/* A pointer to each of n strings laid end to end from *p, then NULL. */
static void put_string_vector(struct stack_writer *w, unsigned long *p, int n)
{
	while (n-- > 0) {
		put_word(w, *p);
		*p = skip_string(w->mm, *p);
		if (!*p)
			w->failed = true;
	}
	put_word(w, 0);
}

/* argc, argv[], envp[] and auxv[] below the strings, which are in place
 * already (argv's lowest, then envp's, then the file name); returns the
 * initial stack pointer, or 0 if out of memory. */
static unsigned long create_elf_tables(struct linux_binprm *bprm,
				       const Elf32_Ehdr *eh, unsigned long phdr)
{
	struct stack_writer w = { .mm = bprm->mm };
	unsigned long strings = bprm->p, random, sp;
	u32 rnd[AT_RANDOM_BYTES / 4];
	u64 tsc = rdtsc();
	/* clang-format off */
	unsigned long auxv[] = {
		AT_PHDR, phdr,
		AT_PHENT, sizeof(Elf32_Phdr),
		AT_PHNUM, eh->e_phnum,
		AT_PAGESZ, PAGE_SIZE,
		AT_BASE, 0, /* no interpreter: static programs only */
		AT_FLAGS, 0,
		AT_ENTRY, eh->e_entry,
		AT_UID, 0, AT_EUID, 0, AT_GID, 0, AT_EGID, 0,
		AT_CLKTCK, USER_HZ,
		AT_SECURE, 0,
		AT_RANDOM, 0, /* filled in below */
		AT_EXECFN, 0, /* filled in below */
		AT_NULL, 0,
	};
	/* clang-format on */
	unsigned long words = 1 + (unsigned long)bprm->argc + 1 +
			      (unsigned long)bprm->envc + 1 + ARRAY_SIZE(auxv);

	/* AT_RANDOM: 16 bytes for the C library's stack protector seed. Not
	 * secret here: derived from the TSC with a xorshift step. */
	for (unsigned int i = 0; i < ARRAY_SIZE(rnd); i++) {
		tsc ^= tsc << 13;
		tsc ^= tsc >> 7;
		tsc ^= tsc << 17;
		rnd[i] = (u32)tsc;
	}
	random = bprm->p - sizeof(rnd);
	if (access_remote_vm(bprm->mm, random, rnd, sizeof(rnd), true) !=
	    sizeof(rnd))
		return 0;
	for (unsigned int i = 0; i < ARRAY_SIZE(auxv); i += 2) {
		if (auxv[i] == AT_RANDOM)
			auxv[i + 1] = random;
		if (auxv[i] == AT_EXECFN)
			auxv[i + 1] = bprm->exec;
	}
	/* Then argc, argv[], NULL, envp[], NULL and auxv[] in one block,
	 * placed so that argc is 16-byte aligned. */
	sp = (random - words * sizeof(unsigned long)) &
	     ~(unsigned long)(STACK_ALIGN - 1);
	w.addr = sp;
	put_word(&w, (unsigned long)bprm->argc);
	put_string_vector(&w, &strings, bprm->argc);
	put_string_vector(&w, &strings, bprm->envc);
	for (unsigned int i = 0; i < ARRAY_SIZE(auxv); i++)
		put_word(&w, auxv[i]);
	flush_words(&w);
	return w.failed ? 0 : sp;
}

/* Linux's start_thread(): user segments, entry point, stack, IF on. */
static void start_thread(struct pt_regs *regs, unsigned long ip,
			 unsigned long sp)
{
	memset(regs, 0, sizeof(*regs));
	regs->cs = __USER_CS;
	regs->ds = regs->es = regs->ss = __USER_DS;
	regs->ip = ip;
	regs->sp = sp;
	regs->flags = X86_EFLAGS_IF;
}

int load_elf_binary(struct linux_binprm *bprm, struct initrd_file *f)
{
	struct mm_struct *mm = bprm->mm;
	Elf32_Phdr phdrs[MAX_PHDRS];
	unsigned long elf_end = 0, phdr_addr = 0, sp;
	Elf32_Ehdr eh;
	int err;

	if (initrd_read(f, 0, &eh, sizeof(eh)) != sizeof(eh) || !elf_check(&eh))
		return -ENOEXEC;
	if (initrd_read(f, eh.e_phoff, phdrs,
			eh.e_phnum * sizeof(Elf32_Phdr)) !=
	    eh.e_phnum * sizeof(Elf32_Phdr))
		return -ENOEXEC;
	for (int i = 0; i < eh.e_phnum; i++) {
		const Elf32_Phdr *ph = &phdrs[i];

		if (ph->p_type != PT_LOAD)
			continue;
		err = map_segment(mm, f, ph);
		if (err)
			return err;
		/* The program headers are in the first segment that holds
		 * their file offset. */
		if (!phdr_addr && eh.e_phoff >= ph->p_offset &&
		    eh.e_phoff < ph->p_offset + ph->p_filesz)
			phdr_addr = ph->p_vaddr + (eh.e_phoff - ph->p_offset);
		if (ph->p_flags & PF_X) {
			mm->start_code = ph->p_vaddr;
			mm->end_code = ph->p_vaddr + ph->p_filesz;
		} else if (!mm->start_data) {
			mm->start_data = ph->p_vaddr;
			mm->end_data = ph->p_vaddr + ph->p_filesz;
		}
		elf_end = max(elf_end,
			      (unsigned long)(ph->p_vaddr + ph->p_memsz));
	}
	if (!elf_end || eh.e_entry >= TASK_SIZE)
		return -ENOEXEC;
	mm->start_brk = mm->brk = ALIGN_UP(elf_end, PAGE_SIZE);
	sp = create_elf_tables(bprm, &eh, phdr_addr);
	if (!sp)
		return -ENOMEM;
	mm->start_stack = sp;

	/* Whatever could fail has been done: the point of no return. */
	begin_new_exec(bprm);
	start_thread(task_pt_regs(current), eh.e_entry, sp);
	return 0;
}
