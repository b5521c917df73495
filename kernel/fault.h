/* kernel/fault.h - the page-fault and user-exception entries. */
#ifndef KERNEL_FAULT_H
#define KERNEL_FAULT_H

/* Register the page-fault handler and the user-exception handlers. */
void fault_init(void);

#endif
