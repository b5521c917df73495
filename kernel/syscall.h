/* kernel/syscall.h - the Linux i386 system-call gate, int $0x80. */
#ifndef KERNEL_SYSCALL_H
#define KERNEL_SYSCALL_H

/* Register the gate's handler on IA32_SYSCALL_VECTOR. */
void syscall_init(void);

#endif
