/*
 * kernel/mman.c - the memory system calls: find the file behind an fd and
 * the current address space, then let mm/ do the work (mm/mman.h).
 */
#include "arch/uaccess.h"
#include "kernel/fs.h"
#include "kernel/mman.h"
#include "kernel/sched.h"
#include "lib/errno.h"
#include "mm/mman.h"

/* The old mmap (90) takes its six arguments in a block in user memory. */
struct mmap_arg_struct {
	unsigned long addr, len, prot, flags, fd, offset;
};

long sys_mmap2(unsigned long addr, unsigned long len, unsigned long prot,
	       unsigned long flags, unsigned long fd, unsigned long pgoff)
{
	struct file *file = NULL;

	/* Linux's ksys_mmap_pgoff(): the fd matters only for file maps. */
	if (!(flags & MAP_ANONYMOUS)) {
		file = fget(fd);
		if (!file)
			return -EBADF;
	}
	return (long)do_mmap(current->mm, file, addr, len, prot, flags, pgoff);
}

long sys_old_mmap(unsigned long arg, unsigned long a2, unsigned long a3,
		  unsigned long a4, unsigned long a5, unsigned long a6)
{
	struct mmap_arg_struct a;

	if (copy_from_user(&a, (void *)arg, sizeof(a)))
		return -EFAULT;
	if (a.offset & ~PAGE_MASK)
		return -EINVAL;
	return sys_mmap2(a.addr, a.len, a.prot, a.flags, a.fd,
			 a.offset >> PAGE_SHIFT);
}

long sys_munmap(unsigned long addr, unsigned long len, unsigned long a3,
		unsigned long a4, unsigned long a5, unsigned long a6)
{
	return vm_munmap(current->mm, addr, len);
}

long sys_mprotect(unsigned long start, unsigned long len, unsigned long prot,
		  unsigned long a4, unsigned long a5, unsigned long a6)
{
	return do_mprotect(current->mm, start, len, prot);
}

long sys_madvise(unsigned long start, unsigned long len, unsigned long advice,
		 unsigned long a4, unsigned long a5, unsigned long a6)
{
	return do_madvise(current->mm, start, len, (int)advice);
}

long sys_mincore(unsigned long start, unsigned long len, unsigned long vec,
		 unsigned long a4, unsigned long a5, unsigned long a6)
{
	return do_mincore(current->mm, start, len, (unsigned char *)vec);
}

long sys_mremap(unsigned long addr, unsigned long old_len,
		unsigned long new_len, unsigned long flags,
		unsigned long new_addr, unsigned long a6)
{
	return (long)do_mremap(current->mm, addr, old_len, new_len, flags,
			       new_addr);
}
