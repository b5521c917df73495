/*
 * kernel/sys.h - the small system calls a C library makes at start-up:
 * thread-local storage, the tid address, resource limits.
 */
#ifndef KERNEL_SYS_H
#define KERNEL_SYS_H

long sys_set_thread_area(unsigned long u_info, unsigned long a2,
			 unsigned long a3, unsigned long a4, unsigned long a5,
			 unsigned long a6);
long sys_set_tid_address(unsigned long tidptr, unsigned long a2,
			 unsigned long a3, unsigned long a4, unsigned long a5,
			 unsigned long a6);
long sys_ugetrlimit(unsigned long resource, unsigned long rlim,
		    unsigned long a3, unsigned long a4, unsigned long a5,
		    unsigned long a6);

#endif
