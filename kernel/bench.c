/* kernel/bench.c - in-kernel benchmarks of the memory manager's paths. */
#include "arch/cpu.h"
#include "arch/panic.h"
#include "kernel/bench.h"
#include "lib/printk.h"
#include "lib/string.h"
#include "mm/gfp.h"
#include "mm/init.h"

/* Alloc+free pairs timed per figure: enough to drown the rdtsc overhead. */
#define BENCH_PAIRS 10000
#define BENCH_EXIT_OK 0
#define BENCH_EXIT_UNKNOWN 1

/* Average TSC cycles of one alloc_pages + __free_pages pair. */
static unsigned long time_alloc_free(gfp_t gfp, unsigned int order)
{
	u64 t0 = rdtsc();

	for (int i = 0; i < BENCH_PAIRS; i++) {
		struct page *page = alloc_pages(gfp, order);

		if (!page)
			return 0;
		__free_pages(page, order);
	}
	return (unsigned long)((rdtsc() - t0) / BENCH_PAIRS);
}

static void bench_buddy(void)
{
	printk("bench: buddy order0_kernel=%lu order0_highuser=%lu "
	       "order3_kernel=%lu boot_free_all=%llu boot_free_frames=%lu\n",
	       time_alloc_free(GFP_KERNEL, 0), time_alloc_free(GFP_HIGHUSER, 0),
	       time_alloc_free(GFP_KERNEL, 3), boot_free_cycles,
	       boot_free_pages);
}

static const struct {
	const char *name;
	void (*run)(void);
} benchmarks[] = {
	{ "buddy", bench_buddy },
};

void bench_boot_done(void)
{
	pr_info("Boot: init's first instruction %llu TSC ticks after the "
		"kernel's first\n",
		rdtsc() - boot_tsc);
}

void run_benchmarks(const char *names)
{
	int status = BENCH_EXIT_OK;

	while (*names) {
		const char *comma = strchr(names, ',');
		size_t len = comma ? (size_t)(comma - names) : strlen(names);
		bool found = false;

		for (unsigned int i = 0; i < ARRAY_SIZE(benchmarks); i++) {
			if (strlen(benchmarks[i].name) == len &&
			    strncmp(benchmarks[i].name, names, len) == 0) {
				benchmarks[i].run();
				found = true;
			}
		}
		if (!found) {
			pr_err("bench: unknown benchmark '%.*s'\n", (int)len,
			       names);
			status = BENCH_EXIT_UNKNOWN;
		}
		names += len + (comma ? 1 : 0);
	}
	qemu_debug_exit(status);
	machine_halt();
}
