/*
 * arch/uaccess.h - copying to and from user space. The kernel touches user
 * memory directly (the user half is mapped while it runs); a fault on the
 * way is resolved by the page-fault handler like a user access, and when it
 * cannot be, the exception table (Linux's __ex_table) sends the copy to its
 * fixup, which makes it return early instead of oopsing.
 */
#ifndef ARCH_UACCESS_H
#define ARCH_UACCESS_H

#include "arch/page.h"
#include "arch/traps.h"
#include "lib/types.h"

/* The first address user pointers may not reach (PAGE_OFFSET). */
#define USER_ADDR_LIMIT PAGE_OFFSET

/* Is [addr, addr + size) entirely in user space? */
static inline bool access_ok(const void *addr, unsigned long size)
{
	unsigned long a = (unsigned long)addr;

	return size <= USER_ADDR_LIMIT && a <= USER_ADDR_LIMIT - size;
}

/* Bytes NOT copied: 0 on success (Linux's convention). */
unsigned long copy_from_user(void *to, const void *from, unsigned long n);
unsigned long copy_to_user(void *to, const void *from, unsigned long n);
unsigned long clear_user(void *to, unsigned long n);
/*
 * Store a 32-bit value at a user address with one instruction, as Linux's
 * put_user() of an int does: all four bytes, or (a fault) none. 0 or
 * -EFAULT.
 */
int put_user_32(unsigned long val, void *to);
/*
 * Copy a NUL-terminated string of at most count bytes: its length (without
 * the NUL; count if it did not end within count), or -EFAULT.
 */
long strncpy_from_user(char *dst, const char *src, long count);
/*
 * The size of a user string, its NUL included; count + 1 if it has no NUL
 * within count bytes, 0 if it cannot be read (Linux's strnlen_user()).
 */
long strnlen_user(const char *s, long count);

/* One __ex_table entry: a faulting instruction and where to continue. */
struct exception_table_entry {
	unsigned long insn, fixup;
};

/* If regs->ip has a fixup, move regs->ip there and return true. */
bool fixup_exception(struct pt_regs *regs);

#endif
