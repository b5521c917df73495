/* user/lib/mman.c - mmap, munmap, mprotect, madvise, mincore and mremap. */
#include "syscall.h"
#include "ulib.h"

#define MMAP2_PAGE_SIZE 4096

/*
 * mmap2's last argument counts 4096-byte units, whatever the page size, so
 * a byte offset must be a multiple of that; glibc refuses the others (and
 * negative ones, which would reach past the 44 bits mmap2 can express)
 * without asking the kernel.
 */
void *mmap(void *addr, size_t length, int prot, int flags, int fd, off_t offset)
{
	if (offset < 0 || offset % MMAP2_PAGE_SIZE) {
		errno = EINVAL;
		return MAP_FAILED;
	}
	return (void *)syscall_ret(syscall6(__NR_mmap2, (long)addr,
					    (long)length, prot, flags, fd,
					    offset / MMAP2_PAGE_SIZE));
}

void *old_mmap(const struct mmap_arg_struct *args)
{
	return (void *)syscall_ret(syscall1(__NR_mmap, (long)args));
}

int munmap(void *addr, size_t length)
{
	return (int)syscall_ret(
		syscall2(__NR_munmap, (long)addr, (long)length));
}

int mprotect(void *addr, size_t length, int prot)
{
	return (int)syscall_ret(
		syscall3(__NR_mprotect, (long)addr, (long)length, prot));
}

int madvise(void *addr, size_t length, int advice)
{
	return (int)syscall_ret(
		syscall3(__NR_madvise, (long)addr, (long)length, advice));
}

int mincore(void *addr, size_t length, unsigned char *vec)
{
	return (int)syscall_ret(
		syscall3(__NR_mincore, (long)addr, (long)length, (long)vec));
}

/* The new address is read only with MREMAP_FIXED, as glibc reads it. */
void *mremap(void *old_address, size_t old_size, size_t new_size, int flags,
	     ...)
{
	void *new_address = NULL;
	va_list ap;

	if (flags & MREMAP_FIXED) {
		va_start(ap, flags);
		new_address = va_arg(ap, void *);
		va_end(ap);
	}
	return (void *)syscall_ret(syscall5(__NR_mremap, (long)old_address,
					    (long)old_size, (long)new_size,
					    flags, (long)new_address));
}
