/* arch/panic.h - stopping the machine: panic, halt, and leaving QEMU. */
#ifndef ARCH_PANIC_H
#define ARCH_PANIC_H

#include "lib/compiler.h"
#include "lib/types.h"

/*
 * Something the kernel cannot survive: print the reason, run the panic
 * hook (see set_panic_hook) and stop this CPU for good.
 */
__noreturn __printf(1, 2) void panic(const char *fmt, ...);

/*
 * A function panic() calls before halting; the kernel sets one to leave
 * QEMU with a failure status in test mode.
 */
void set_panic_hook(void (*hook)(void));

/* Interrupts off and halt, forever. */
__noreturn void machine_halt(void);

/*
 * Leave QEMU through its isa-debug-exit device (iobase 0xf4): QEMU exits with
 * status (value << 1) | 1. Without the device this does nothing and returns.
 */
void qemu_debug_exit(u8 value);

#endif
