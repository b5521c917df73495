/* arch/panic.c - panic() and the ways the machine stops. */
#include "arch/cpu.h"
#include "arch/io.h"
#include "arch/panic.h"
#include "lib/printk.h"

/* QEMU's isa-debug-exit device, as the run and test scripts configure it. */
#define QEMU_DEBUG_EXIT_PORT 0xf4

static void (*panic_hook)(void);

void set_panic_hook(void (*hook)(void))
{
	panic_hook = hook;
}

void machine_halt(void)
{
	for (;;)
		__asm__ __volatile__("cli; hlt");
}

void qemu_debug_exit(u8 value)
{
	outb(value, QEMU_DEBUG_EXIT_PORT);
}

void panic(const char *fmt, ...)
{
	static bool in_panic;
	char msg[256];
	va_list args;

	local_irq_disable();
	if (in_panic) /* a panic inside a panic: print nothing more */
		machine_halt();
	in_panic = true;
	va_start(args, fmt);
	vsnprintf(msg, sizeof(msg), fmt, args);
	va_end(args);
	printk(KERN_EMERG "Kernel panic - not syncing: %s\n", msg);
	printk(KERN_EMERG "---[ end Kernel panic - not syncing: %s ]---\n",
	       msg);
	if (panic_hook)
		panic_hook();
	machine_halt();
}
