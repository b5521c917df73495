/* kernel/mman.h - the memory system calls' entry points (Linux's numbers). */
#ifndef KERNEL_MMAN_H
#define KERNEL_MMAN_H

long sys_old_mmap(unsigned long arg, unsigned long a2, unsigned long a3,
		  unsigned long a4, unsigned long a5, unsigned long a6);
long sys_mmap2(unsigned long addr, unsigned long len, unsigned long prot,
	       unsigned long flags, unsigned long fd, unsigned long pgoff);
long sys_munmap(unsigned long addr, unsigned long len, unsigned long a3,
		unsigned long a4, unsigned long a5, unsigned long a6);
long sys_mprotect(unsigned long start, unsigned long len, unsigned long prot,
		  unsigned long a4, unsigned long a5, unsigned long a6);
long sys_madvise(unsigned long start, unsigned long len, unsigned long advice,
		 unsigned long a4, unsigned long a5, unsigned long a6);
long sys_mincore(unsigned long start, unsigned long len, unsigned long vec,
		 unsigned long a4, unsigned long a5, unsigned long a6);
long sys_mremap(unsigned long addr, unsigned long old_len,
		unsigned long new_len, unsigned long flags,
		unsigned long new_addr, unsigned long a6);

#endif
