/*
 * kernel/exec.c - exec of a static ELF32 program from the initrd. Nothing
 * is copied eagerly: each PT_LOAD segment becomes a file-backed VMA (its
 * pages arrive through the page cache at the first touch), its bss an
 * anonymous one, then the heap starts after it and the stack gets argc,
 * argv, envp and the auxiliary vector as Linux's create_elf_tables() lays
 * them out.
 */
#include "arch/cpu.h"
#include "arch/desc.h"
#include "arch/segment.h"
#include "kernel/elf.h"
#include "kernel/exec.h"
#include "kernel/initrd.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "mm/memory.h"
#include "mm/mmap.h"
#include "mm/vma.h"

#define MAX_PHDRS (PAGE_SIZE / sizeof(Elf32_Phdr))
/* The most argv and envp pointers exec takes (a small MAX_ARG_STRINGS). */
#define MAX_ARGS 256
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

/* Push len bytes onto the new stack; 0 or -ENOMEM. */
static int push_bytes(struct mm_struct *mm, unsigned long *sp, const void *buf,
		      size_t len)
{
	*sp -= len;
	return access_remote_vm(mm, *sp, (void *)buf, len, true) == len ?
		       0 :
		       -ENOMEM;
}

static int count_strings(const char *const v[])
{
	int n = 0;

	while (v && v[n])
		n++;
	return n;
}

/* argc, argv[], envp[], auxv[] and the strings they point to, at the top of
 * the stack VMA; returns the initial stack pointer (or 0 if out of room). */
static unsigned long create_elf_tables(struct mm_struct *mm, const char *path,
				       const char *const argv[],
				       const char *const envp[],
				       const Elf32_Ehdr *eh, unsigned long phdr)
{
	int argc = count_strings(argv), envc = count_strings(envp), n;
	unsigned long sp = STACK_TOP, execfn, random, strs[2 * MAX_ARGS];
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
	/* argc, the pointers and auxv: static, as exec never runs twice at
	 * once (one CPU, no preemption in the kernel). */
	static unsigned long vec[2 * MAX_ARGS + 3 + 32];
	unsigned long zero = 0;

	if (argc + envc > 2 * MAX_ARGS)
		return 0;
	/* Strings first, from the top: the file name, envp, argv. */
	if (push_bytes(mm, &sp, &zero, sizeof(zero)) ||
	    push_bytes(mm, &sp, path, strlen(path) + 1))
		return 0;
	execfn = sp;
	for (int i = envc - 1; i >= 0; i--) {
		if (push_bytes(mm, &sp, envp[i], strlen(envp[i]) + 1))
			return 0;
		strs[argc + i] = sp;
	}
	for (int i = argc - 1; i >= 0; i--) {
		if (push_bytes(mm, &sp, argv[i], strlen(argv[i]) + 1))
			return 0;
		strs[i] = sp;
	}
	/* AT_RANDOM: 16 bytes for the C library's stack protector seed. Not
	 * secret here: derived from the TSC with a xorshift step. */
	for (unsigned int i = 0; i < ARRAY_SIZE(rnd); i++) {
		tsc ^= tsc << 13;
		tsc ^= tsc >> 7;
		tsc ^= tsc << 17;
		rnd[i] = (u32)tsc;
	}
	if (push_bytes(mm, &sp, rnd, sizeof(rnd)))
		return 0;
	random = sp;
	for (unsigned int i = 0; i < ARRAY_SIZE(auxv); i += 2) {
		if (auxv[i] == AT_RANDOM)
			auxv[i + 1] = random;
		if (auxv[i] == AT_EXECFN)
			auxv[i + 1] = execfn;
	}
	/* Then argc, argv[], NULL, envp[], NULL and auxv[] in one block,
	 * placed so that argc is 16-byte aligned. */
	n = 0;
	vec[n++] = (unsigned long)argc;
	for (int i = 0; i < argc; i++)
		vec[n++] = strs[i];
	vec[n++] = 0;
	for (int i = 0; i < envc; i++)
		vec[n++] = strs[argc + i];
	vec[n++] = 0;
	memcpy(&vec[n], auxv, sizeof(auxv));
	n += ARRAY_SIZE(auxv);
	sp = (sp - n * sizeof(unsigned long)) &
	     ~(unsigned long)(STACK_ALIGN - 1);
	if (access_remote_vm(mm, sp, vec, n * sizeof(unsigned long), true) !=
	    n * sizeof(unsigned long))
		return 0;
	return sp;
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

int kernel_execve(const char *path, const char *const argv[],
		  const char *const envp[])
{
	struct initrd_file *f;
	Elf32_Phdr phdrs[MAX_PHDRS];
	unsigned long elf_end = 0, phdr_addr = 0, sp;
	struct mm_struct *mm, *old;
	Elf32_Ehdr eh;
	int err;

	err = initrd_resolve(path, &f);
	if (err)
		return err == -EISDIR ? -EACCES : err; /* Linux: EACCES */
	if (initrd_read(f, 0, &eh, sizeof(eh)) != sizeof(eh) || !elf_check(&eh))
		return -ENOEXEC;
	if (initrd_read(f, eh.e_phoff, phdrs,
			eh.e_phnum * sizeof(Elf32_Phdr)) !=
	    eh.e_phnum * sizeof(Elf32_Phdr))
		return -ENOEXEC;
	mm = mm_alloc();
	if (!mm)
		return -ENOMEM;
	for (int i = 0; i < eh.e_phnum; i++) {
		const Elf32_Phdr *ph = &phdrs[i];

		if (ph->p_type != PT_LOAD)
			continue;
		err = map_segment(mm, f, ph);
		if (err)
			goto out_mm;
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
	err = -ENOEXEC;
	if (!elf_end || eh.e_entry >= TASK_SIZE)
		goto out_mm;
	mm->start_brk = mm->brk = ALIGN_UP(elf_end, PAGE_SIZE);
	err = mmap_region(mm, NULL, STACK_TOP - STACK_INIT_SIZE,
			  STACK_INIT_SIZE, VM_READ | VM_WRITE | VM_GROWSDOWN,
			  0);
	if (err)
		goto out_mm;
	err = -E2BIG;
	sp = create_elf_tables(mm, path, argv, envp, &eh, phdr_addr);
	if (!sp)
		goto out_mm;
	mm->start_stack = sp;

	/* The point of no return: the new program replaces the old. */
	old = current->mm;
	current->mm = mm;
	switch_mm(mm);
	if (old)
		mmput(old);
	vfork_release(current); /* a vfork parent may have its memory back */
	/* Linux's flush_thread() and flush_signal_handlers(): no TLS, and
	 * signal actions back to the default; ignored signals stay ignored. */
	memset(current->tls, 0, sizeof(current->tls));
	load_tls(current->tls);
	fpu_init_state(&current->fpu);
	fpu_restore(&current->fpu);
	flush_signal_handlers(current);
	strlcpy(current->comm,
		strrchr(path, '/') ? strrchr(path, '/') + 1 : path,
		sizeof(current->comm));
	start_thread(task_pt_regs(current), eh.e_entry, sp);
	return 0;
out_mm:
	mmput(mm);
	return err;
}
