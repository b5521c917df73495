/* kernel/main.c - kernel_main: from boot.asm's jump to a running kernel. */
#include "arch/console.h"
#include "arch/cpu.h"
#include "arch/desc.h"
#include "arch/e820.h"
#include "arch/fpu.h"
#include "arch/irq.h"
#include "arch/multiboot.h"
#include "arch/page.h"
#include "arch/panic.h"
#include "kernel/bench.h"
#include "kernel/cmdline.h"
#include "kernel/crash.h"
#include "kernel/exec.h"
#include "kernel/exit.h"
#include "kernel/fault.h"
#include "kernel/fault_trace.h"
#include "kernel/vmcheck.h"
#include "kernel/fs.h"
#include "kernel/initrd.h"
#include "kernel/ktest.h"
#include "kernel/sched.h"
#include "kernel/syscall.h"
#include "kernel/tty.h"
#include "kernel/time.h"
#include "lib/printk.h"
#include "lib/string.h"
#include "mm/init.h"

#define KERNEL_NAME "vmkern"
#define KERNEL_RELEASE "0.1"
/* The first program, unless init= names another (DESIGN.md). */
#define DEFAULT_INIT "/bin/init"
#ifdef __clang__
#define COMPILER "clang " __clang_version__
#else
#define COMPILER "gcc " __VERSION__
#endif

/* Called once, by boot/boot.asm, on the boot stack with interrupts off. */
void kernel_main(unsigned long magic, unsigned long mbi_phys);

/* The console log level from "quiet" or "loglevel=N", as Linux's. */
static void setup_loglevel(void)
{
	const char *level = cmdline_get("loglevel");

	if (cmdline_get("quiet"))
		console_loglevel = CONSOLE_LOGLEVEL_QUIET;
	if (level && *level >= '0' && *level <= '9')
		console_loglevel = (int)simple_strtoull(level, NULL, 10);
}

static void print_memory_map(const struct multiboot_info *mbi)
{
	const char *who = e820__memory_setup(mbi);
	u64 total = e820__total_ram();

	pr_info("BIOS-provided physical RAM map:\n");
	e820__print_table(who);
	pr_info("Memory: %lluK usable RAM (%llu MiB) in %u regions\n",
		total >> 10, total >> 20, e820_table.nr_entries);
}

static void print_modules(const struct multiboot_info *mbi)
{
	const struct multiboot_mod_list *mods;

	if (!(mbi->flags & MULTIBOOT_INFO_MODS) || mbi->mods_count == 0) {
		pr_info("initrd: none (the loader passed no module)\n");
		return;
	}
	mods = __va(mbi->mods_addr);
	for (u32 i = 0; i < mbi->mods_count; i++)
		pr_info("%s: [mem 0x%08x-0x%08x] %u bytes\n",
			i == 0 ? "initrd" : "module", mods[i].mod_start,
			mods[i].mod_end - 1,
			mods[i].mod_end - mods[i].mod_start);
}

static void setup_initrd(const struct multiboot_info *mbi)
{
	int n = initrd_init(mbi);

	if (n < 0)
		pr_err("initrd: unreadable archive (error %d)\n", n);
	else
		pr_info("initrd: %d files\n", n);
}

/* init's argv: its path, then the words after "--" on the command line
 * (`-- /bin/forkdemo` makes /bin/init run forkdemo before the shell; make
 * debug PROG= uses it), then NULL. */
static const char *argv_init[MAX_INIT_ARGS + 2];

static void setup_init_args(const char *path)
{
	const char *const *args = cmdline_init_args();
	int argc = 0;

	argv_init[argc++] = path;
	while (*args)
		argv_init[argc++] = *args++;
	argv_init[argc] = NULL;
}

/* The first user process: pid 1, running path with the init arguments
 * (Linux's run_init_process). */
static void run_init_process(void *path)
{
	const char *envp[] = { "HOME=/", "TERM=linux", NULL };
	int err;

	open_console_fds();
	err = kernel_execve(path, argv_init, envp);
	if (err)
		panic("Requested init %s failed (error %d).", (char *)path,
		      err);
	bench_boot_done();
	return_to_user(task_pt_regs(current));
}

static void start_init(const char *path)
{
	if (!initrd_lookup(path)) {
		pr_notice(
			"%s: no %s in the initrd; idling (leave QEMU with Ctrl-A X)\n",
			KERNEL_NAME, path);
		return;
	}
	tty_init();
	files_init();
	mmstat_baseline();
	setup_init_args(path);
	if (!kernel_thread(run_init_process, (void *)path, "init"))
		panic("cannot create the init task");
	pr_info("Run %s as init process\n", path);
}

void kernel_main(unsigned long magic, unsigned long mbi_phys)
{
	const struct multiboot_info *mbi = __va(mbi_phys);
	const char *test, *what;

	/* The loader's GDT may be anywhere (Multiboot 3.2): replace it first,
	 * then the IDT, so that a fault from here on is reported. */
	gdt_init();
	idt_init();
	serial_init();
	vga_init();
	if (magic != MULTIBOOT_BOOTLOADER_MAGIC)
		panic("not started by a multiboot loader (eax=%#lx)", magic);

	parse_cmdline((mbi->flags & MULTIBOOT_INFO_CMDLINE) ?
			      (const char *)__va(mbi->cmdline) :
			      "");
	test = cmdline_get("test");
	if (test)
		set_panic_hook(ktest_panic_exit);
	setup_loglevel();
	pr_notice("%s version %s (%s) i386, 3G/1G split\n", KERNEL_NAME,
		  KERNEL_RELEASE, COMPILER);
	if (mbi->flags & MULTIBOOT_INFO_BOOT_LOADER_NAME)
		pr_info("Boot loader: %s\n",
			(const char *)__va(mbi->boot_loader_name));
	pr_notice("Kernel command line: %s\n", boot_command_line);
	print_memory_map(mbi);
	print_modules(mbi);
	mm_init(mbi, cmdline_get("lowmem") ?
			     memparse(cmdline_get("lowmem"), NULL) :
			     0);
	doublefault_init(); /* now that swapper_pg_dir is in CR3 */
	setup_initrd(mbi);
	sched_init();
	fault_init();
	fault_trace_init();
	vmcheck_init();
	syscall_init();

	fpu_init();
	init_IRQ();
	time_init();
	serial_enable_rx_irq();
	local_irq_enable();

	if (test)
		run_kunit_tests(test);
	if (cmdline_get("bench"))
		run_benchmarks(cmdline_get("bench"));
	what = cmdline_get("crash");
	if (what)
		crash(what);

	start_init(cmdline_get("init") ? cmdline_get("init") : DEFAULT_INIT);
	cpu_idle();
}
