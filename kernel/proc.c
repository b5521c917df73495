/*
 * kernel/proc.c - /proc, generated on open: the text is made once, when the
 * file is opened, and read() hands it out from there (as Linux's seq_file
 * does for small files). What a process sees is the state at its open().
 */
#include "arch/uaccess.h"
#include "kernel/fs.h"
#include "kernel/proc.h"
#include "kernel/sched.h"
#include "lib/errno.h"
#include "lib/seq_buf.h"
#include "lib/string.h"
#include "mm/gfp.h"
#include "mm/memory.h"
#include "mm/mmap.h"
#include "mm/slab.h"
#include "mm/vmalloc.h"

/* Room for a file's text: enough for thousands of VMAs. */
#define PROC_BUF_SIZE (256 * 1024)
#define KB_PER_PAGE (PAGE_SIZE / 1024)
/* Linux's show_map_vma() pads the line to this width before the name:
 * 25 + 6 * sizeof(void *) - 1 columns, then one space. */
#define MAPS_NAME_COLUMN (25 + 6 * 4 - 1)
/* The initrd's device, as Linux's rootfs shows it. */
#define INITRD_DEV_MINOR 2
#define SHMEM_DEV_MINOR 1

struct proc_text {
	struct file file;
	struct seq_buf s;
	char *buf;
};

static long proc_read(struct file *f, char *ubuf, unsigned long count)
{
	struct proc_text *t = f->private_data;
	unsigned long left, n;

	if (f->f_pos >= t->s.len)
		return 0;
	left = t->s.len - (unsigned long)f->f_pos;
	n = min(count, left);
	if (copy_to_user(ubuf, t->buf + f->f_pos, n))
		return -EFAULT;
	f->f_pos += n;
	return (long)n;
}

static void proc_stat(struct file *f, struct stat64 *st)
{
	st->st_mode = 0100444; /* a regular, read-only file of size 0 */
	st->st_nlink = 1;
	st->st_blksize = 1024;
}

static const struct file_operations proc_fops = {
	.read = proc_read,
	.stat = proc_stat,
	.seekable = true,
};

static void proc_release(struct file *f)
{
	struct proc_text *t = f->private_data;

	vfree(t->buf);
	kfree(t);
}

/* One line of /proc/PID/maps, exactly as Linux's show_map_vma(). */
static void show_map_vma(struct seq_buf *s, const struct mm_struct *mm,
			 const struct vm_area_struct *vma)
{
	const char *name = NULL;
	unsigned long ino = 0, minor = 0, start = s->len;
	unsigned long long pgoff = 0;

	if (vma->vm_file) {
		name = vma->vm_file->f_path;
		ino = vma->vm_file->f_ino;
		/* An initrd file, or shared anonymous memory (00:01). */
		minor = ino ? INITRD_DEV_MINOR : SHMEM_DEV_MINOR;
		pgoff = (unsigned long long)vma->vm_pgoff << PAGE_SHIFT;
	} else if (vma->vm_start <= mm->brk && vma->vm_end >= mm->start_brk) {
		name = "[heap]";
	} else if (vma->vm_start <= mm->start_stack &&
		   vma->vm_end >= mm->start_stack) {
		name = "[stack]";
	}
	seq_buf_printf(s, "%08lx-%08lx %c%c%c%c %08llx %02x:%02lx %lu ",
		       vma->vm_start, vma->vm_end,
		       vma->vm_flags & VM_READ ? 'r' : '-',
		       vma->vm_flags & VM_WRITE ? 'w' : '-',
		       vma->vm_flags & VM_EXEC ? 'x' : '-',
		       vma->vm_flags & VM_MAYSHARE ? 's' : 'p', pgoff, 0, minor,
		       ino);
	if (name) {
		while (s->len - start < MAPS_NAME_COLUMN)
			seq_buf_printf(s, " ");
		seq_buf_printf(s, " %s", name);
	}
	seq_buf_printf(s, "\n");
}

static long show_maps(struct seq_buf *s, int pid)
{
	struct task_struct *t = pid ? find_task_by_pid(pid) : current;

	if (!t || !t->mm)
		return -ENOENT;
	for (const struct vm_area_struct *vma = t->mm->mmap; vma;
	     vma = vma->vm_next)
		show_map_vma(s, t->mm, vma);
	return 0;
}

/* Pages of mm's VMAs that match the flags test (Linux's VmData: private
 * writable, not stack; VmStk: the stack). */
static unsigned long vm_pages(const struct mm_struct *mm, bool stack)
{
	unsigned long pages = 0;

	for (const struct vm_area_struct *v = mm->mmap; v; v = v->vm_next) {
		bool is_stack = v->vm_flags & VM_GROWSDOWN;
		bool is_data = (v->vm_flags & (VM_WRITE | VM_SHARED)) ==
				       VM_WRITE &&
			       !is_stack;

		if (stack ? is_stack : is_data)
			pages += (v->vm_end - v->vm_start) >> PAGE_SHIFT;
	}
	return pages;
}

static const char *const task_state_names[] = {
	[TASK_RUNNING] = "R (running)",
	[TASK_INTERRUPTIBLE] = "S (sleeping)",
	[EXIT_ZOMBIE] = "Z (zombie)",
};

/* The start of Linux's /proc/PID/status: who, and the Vm* lines. */
static long show_status(struct seq_buf *s, int pid)
{
	const struct task_struct *t = pid ? find_task_by_pid(pid) : current;
	const struct mm_struct *mm;

	if (!t)
		return -ENOENT;
	seq_buf_printf(s, "Name:\t%s\n", t->comm);
	seq_buf_printf(s, "State:\t%s\n", task_state_names[t->state]);
	seq_buf_printf(s, "Pid:\t%d\n", t->pid);
	seq_buf_printf(s, "PPid:\t%d\n", t->parent ? t->parent->pid : 0);
	mm = t->mm;
	if (!mm)
		return 0; /* a zombie has no memory left to show */
	seq_buf_printf(s, "VmSize:\t%8lu kB\n", mm->total_vm * KB_PER_PAGE);
	seq_buf_printf(s, "VmHWM:\t%8lu kB\n",
		       mm->stat.hiwater_rss * KB_PER_PAGE);
	seq_buf_printf(s, "VmRSS:\t%8lu kB\n", mm->rss * KB_PER_PAGE);
	seq_buf_printf(s, "RssAnon:\t%8lu kB\n",
		       (mm->rss - mm->rss_file) * KB_PER_PAGE);
	seq_buf_printf(s, "RssFile:\t%8lu kB\n", mm->rss_file * KB_PER_PAGE);
	seq_buf_printf(s, "VmData:\t%8lu kB\n",
		       vm_pages(mm, false) * KB_PER_PAGE);
	seq_buf_printf(s, "VmStk:\t%8lu kB\n",
		       vm_pages(mm, true) * KB_PER_PAGE);
	seq_buf_printf(s, "VmExe:\t%8lu kB\n",
		       (ALIGN_UP(mm->end_code, PAGE_SIZE) -
			(mm->start_code & PAGE_MASK)) /
			       1024);
	return 0;
}

/* Linux's /proc/vmstat: "name value" lines, the counters kept here. */
static long show_vmstat(struct seq_buf *s)
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
static long show_meminfo(struct seq_buf *s)
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

bool is_proc_path(const char *path)
{
	return strncmp(path, "/proc/", 6) == 0 || strcmp(path, "/proc") == 0;
}

/* Fill s with the text of the /proc file named (after "/proc/"). */
static long proc_generate(struct seq_buf *s, const char *name)
{
	const char *end;
	unsigned long pid;

	if (strcmp(name, "self/maps") == 0)
		return show_maps(s, 0);
	if (strcmp(name, "self/status") == 0)
		return show_status(s, 0);
	if (strcmp(name, "meminfo") == 0)
		return show_meminfo(s);
	if (strcmp(name, "vmstat") == 0)
		return show_vmstat(s);
	if (strcmp(name, "buddyinfo") == 0) {
		buddyinfo_show(s);
		return 0;
	}
	if (strcmp(name, "slabinfo") == 0) {
		slabinfo_show(s);
		return 0;
	}
	pid = (unsigned long)simple_strtoull(name, &end, 10);
	if (end != name && strcmp(end, "/maps") == 0 && pid > 0)
		return show_maps(s, (int)pid);
	if (end != name && strcmp(end, "/status") == 0 && pid > 0)
		return show_status(s, (int)pid);
	return -ENOENT;
}

long proc_open(const char *path, struct file **out)
{
	struct proc_text *t = kzalloc(sizeof(*t), GFP_KERNEL);
	long err;

	if (!t)
		return -ENOMEM;
	t->buf = vmalloc(PROC_BUF_SIZE);
	if (!t->buf) {
		kfree(t);
		return -ENOMEM;
	}
	seq_buf_init(&t->s, t->buf, PROC_BUF_SIZE);
	err = proc_generate(&t->s, path + 6);
	if (err) {
		proc_release(&t->file);
		return err;
	}
	t->file.f_count = 1;
	t->file.f_mode = FMODE_READ;
	t->file.f_op = &proc_fops;
	t->file.private_data = t;
	t->file.f_release = proc_release;
	*out = &t->file;
	return 0;
}
