/*
 * kernel/proc_meminfo.c - the machine's memory as /proc shows it, in
 * Linux's formats: meminfo, vmstat, and the allocators' own buddyinfo and
 * slabinfo (mm/ prints those).
 */
#include "kernel/proc_internal.h"
#include "mm/filemap.h"
#include "mm/memory.h"
#include "mm/mmzone.h"
#include "mm/slab.h"

/* Linux's /proc/vmstat: "name value" lines, the counters kept here. */
long show_vmstat(struct seq_buf *s, struct task_struct *task)
{
	static const char *const pgalloc_names[MAX_NR_ZONES] = {
		"pgalloc_dma", "pgalloc_normal", "pgalloc_high"
	};

	seq_buf_printf(s, "nr_free_pages %lu\n", nr_free_pages());
	for (int z = 0; z < MAX_NR_ZONES; z++)
		seq_buf_printf(s, "%s %lu\n", pgalloc_names[z],
			       zones[z].pgalloc);
	seq_buf_printf(s, "pgfree %lu\n", pgfree_count);
	seq_buf_printf(s, "pgfault %lu\n", vm_events.pgfault);
	seq_buf_printf(s, "pgmajfault %lu\n", vm_events.pgmajfault);
	/* Not Linux's names: this kernel's own, for the fault kinds. */
	seq_buf_printf(s, "zero_fill %lu\n", vm_events.zero_fill);
	seq_buf_printf(s, "cow_copy %lu\n", vm_events.cow_copy);
	seq_buf_printf(s, "cow_reuse %lu\n", vm_events.cow_reuse);
	return 0;
}

/* Linux's /proc/meminfo, the lines this kernel can fill honestly. */
long show_meminfo(struct seq_buf *s, struct task_struct *task)
{
	unsigned long total = 0, free = nr_free_pages(), high_total, high_free;

	for (int z = 0; z < MAX_NR_ZONES; z++)
		total += zones[z].managed_pages;
	high_total = zones[ZONE_HIGHMEM].managed_pages;
	high_free = zones[ZONE_HIGHMEM].free_pages;
	seq_buf_printf(s, "MemTotal:       %8lu kB\n", total * KB_PER_PAGE);
	seq_buf_printf(s, "MemFree:        %8lu kB\n", free * KB_PER_PAGE);
	seq_buf_printf(s, "MemAvailable:   %8lu kB\n",
		       (free + slab_empty_pages() + nr_pagecache_pages()) *
			       KB_PER_PAGE);
	seq_buf_printf(s, "Cached:         %8lu kB\n",
		       nr_pagecache_pages() * KB_PER_PAGE);
	seq_buf_printf(s, "HighTotal:      %8lu kB\n",
		       high_total * KB_PER_PAGE);
	seq_buf_printf(s, "HighFree:       %8lu kB\n", high_free * KB_PER_PAGE);
	seq_buf_printf(s, "LowTotal:       %8lu kB\n",
		       (total - high_total) * KB_PER_PAGE);
	seq_buf_printf(s, "LowFree:        %8lu kB\n",
		       (free - high_free) * KB_PER_PAGE);
	seq_buf_printf(s, "Slab:           %8lu kB\n",
		       slab_pages() * KB_PER_PAGE);
	return 0;
}

long show_buddyinfo(struct seq_buf *s, struct task_struct *task)
{
	buddyinfo_show(s);
	return 0;
}

long show_slabinfo(struct seq_buf *s, struct task_struct *task)
{
	slabinfo_show(s);
	return 0;
}
