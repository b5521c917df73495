/*
 * kernel/proc.c - the /proc tree: its names, how a path finds one, and the
 * file objects that open() makes of them.
 *
 *	/proc                      meminfo vmstat buddyinfo slabinfo sys/
 *	                           self -> PID, and one PID/ per task
 *	/proc/PID, /proc/self      maps smaps status pagemap
 *	/proc/sys/vm/trace_faults  the fault trace, on (1) or off (0)
 *
 * Text files are made once, when the file is opened, and read() hands the
 * text out from there (as Linux's seq_file does for small files): what a
 * process sees is the state at its open(). pagemap and the sysctl are read
 * at each read() instead (kernel/proc_pagemap.c, kernel/proc_sysctl.c).
 */
#include "arch/uaccess.h"
#include "kernel/fault_trace.h"
#include "kernel/initrd.h"
#include "kernel/proc.h"
#include "kernel/proc_internal.h"
#include "lib/errno.h"
#include "lib/printk.h"
#include "lib/string.h"
#include "mm/slab.h"
#include "mm/vmalloc.h"

#define PROC_DIR_MODE (S_IFDIR | 0555)
#define PROC_FILE_MODE (S_IFREG | 0444)
/* Linux's pagemap is for its owner only (S_IRUSR); sysctls are 0644. */
#define PROC_PAGEMAP_MODE (S_IFREG | 0400)
#define PROC_SYSCTL_MODE (S_IFREG | 0644)
#define PROC_SELF_MODE (S_IFLNK | 0777)
/* st_dev 0:3: an anonymous device of its own, as Linux gives each
 * pseudo file system (the initrd is 0:2). */
#define PROC_DEV 3
/* Linux's proc_fill_super(): s_blocksize 1024. */
#define PROC_BLKSIZE 1024

enum {
	PDE_ROOT,
	PDE_MEMINFO,
	PDE_VMSTAT,
	PDE_BUDDYINFO,
	PDE_SLABINFO,
	PDE_SYS,
	PDE_SYS_VM,
	PDE_TRACE_FAULTS,
	PDE_SELF, /* the link, as listed and lstat'ed; lookup follows it */
	PDE_PID, /* /proc/PID: listed once per task */
	PDE_PID_MAPS,
	PDE_PID_SMAPS,
	PDE_PID_STATUS,
	PDE_PID_PAGEMAP,
	NR_PROC_ENTRIES
};

/* Shorthands for the table: a directory, a text file, a file of its own. */
#define DIR(n, p)                                             \
	{                                                     \
		.name = n, .mode = PROC_DIR_MODE, .parent = p \
	}
#define TEXT(n, p, fn)                                                     \
	{                                                                  \
		.name = n, .mode = PROC_FILE_MODE, .parent = p, .show = fn \
	}

const struct proc_dir_entry proc_entries[NR_PROC_ENTRIES] = {
	[PDE_ROOT] = DIR("proc", PDE_ROOT),
	[PDE_MEMINFO] = TEXT("meminfo", PDE_ROOT, show_meminfo),
	[PDE_VMSTAT] = TEXT("vmstat", PDE_ROOT, show_vmstat),
	[PDE_BUDDYINFO] = TEXT("buddyinfo", PDE_ROOT, show_buddyinfo),
	[PDE_SLABINFO] = TEXT("slabinfo", PDE_ROOT, show_slabinfo),
	[PDE_SYS] = DIR("sys", PDE_ROOT),
	[PDE_SYS_VM] = DIR("vm", PDE_SYS),
	[PDE_TRACE_FAULTS] = { .name = "trace_faults",
			       .mode = PROC_SYSCTL_MODE,
			       .parent = PDE_SYS_VM,
			       .fops = &proc_sys_bool_fops,
			       .data = &trace_faults },
	[PDE_SELF] = { .name = "self",
		       .mode = PROC_SELF_MODE,
		       .parent = PDE_ROOT },
	[PDE_PID] = DIR(NULL, PDE_ROOT), /* named by the pid */
	[PDE_PID_MAPS] = TEXT("maps", PDE_PID, show_maps),
	[PDE_PID_SMAPS] = TEXT("smaps", PDE_PID, show_smaps),
	[PDE_PID_STATUS] = TEXT("status", PDE_PID, show_status),
	[PDE_PID_PAGEMAP] = { .name = "pagemap",
			      .mode = PROC_PAGEMAP_MODE,
			      .parent = PDE_PID,
			      .fops = &proc_pagemap_fops },
};

#undef DIR
#undef TEXT

/*
 * Inode numbers: /proc is 1, the fixed names count from Linux's
 * PROC_DYNAMIC_FIRST, and a process's from pid << 4 (its directory) up.
 */
#define PROC_DYNAMIC_FIRST 0xF0000000UL
#define PROC_PID_INO_SHIFT 4
_Static_assert(NR_PROC_ENTRIES - PDE_PID <= (1 << PROC_PID_INO_SHIFT),
	       "a process's names fit in its inode numbers");

static unsigned long proc_ino(const struct proc_inode *pi)
{
	if (pi->de == PDE_ROOT)
		return PROC_ROOT_INO;
	if (pi->pid)
		return ((unsigned long)pi->pid << PROC_PID_INO_SHIFT) +
		       (unsigned long)(pi->de - PDE_PID);
	return PROC_DYNAMIC_FIRST + (unsigned long)pi->de;
}

/* --- lookup ---------------------------------------------------------------- */

bool is_proc_path(const char *path)
{
	return strncmp(path, "/proc", 5) == 0 &&
	       (path[5] == '\0' || path[5] == '/');
}

/* A pid as /proc names it: decimal, no sign or leading zero; 0 if not. */
static int name_to_pid(const char *name, size_t len)
{
	unsigned long pid = 0;

	if (len == 0 || len > 9 || (name[0] == '0'))
		return 0;
	for (size_t i = 0; i < len; i++) {
		if (name[i] < '0' || name[i] > '9')
			return 0;
		pid = pid * 10 + (unsigned long)(name[i] - '0');
	}
	return (int)pid;
}

/* The entry named name[0..len) in directory dir, or -1. */
static int find_entry(int dir, const char *name, size_t len)
{
	for (int i = 0; i < NR_PROC_ENTRIES; i++) {
		const char *n = proc_entries[i].name;

		if (i != PDE_ROOT && proc_entries[i].parent == dir && n &&
		    strlen(n) == len && strncmp(n, name, len) == 0)
			return i;
	}
	return -1;
}

/*
 * What the canonical path names: 0 and *pi, -ENOENT or -ENOTDIR.
 * *self_link: it ended in /proc/self, which was followed to /proc/PID.
 */
static int proc_lookup(const char *path, struct proc_inode *pi, bool *self_link)
{
	const char *p = path + 5; /* after "/proc" */

	pi->de = PDE_ROOT;
	pi->pid = 0;
	*self_link = false;
	while (*p == '/') {
		const char *name = p + 1, *end = strchr(name, '/');
		size_t len = end ? (size_t)(end - name) : strlen(name);
		int pid = name_to_pid(name, len), i;

		if (!S_ISDIR(proc_entries[pi->de].mode))
			return -ENOTDIR;
		*self_link = pi->de == PDE_ROOT && len == 4 &&
			     strncmp(name, "self", 4) == 0;
		if (*self_link)
			pid = current->pid;
		if (pi->de == PDE_ROOT && pid) {
			if (!find_task_by_pid(pid))
				return -ENOENT;
			pi->de = PDE_PID;
			pi->pid = pid;
		} else {
			i = find_entry(pi->de, name, len);
			if (i < 0 || i == PDE_SELF)
				return -ENOENT;
			pi->de = i;
		}
		p = name + len;
	}
	return 0;
}

/* A directory's own path, for the *at() calls that start from it. */
static void proc_dir_path(const struct proc_inode *pi, char *buf, size_t size)
{
	struct proc_inode parent = { .de = proc_entries[pi->de].parent };
	size_t len;

	if (pi->pid) {
		snprintf(buf, size, "/proc/%d", pi->pid);
	} else if (pi->de == PDE_ROOT) {
		snprintf(buf, size, "/proc");
	} else {
		proc_dir_path(&parent, buf, size);
		len = strlen(buf);
		snprintf(buf + len, size - len, "/%s",
			 proc_entries[pi->de].name);
	}
}

/* --- stat ------------------------------------------------------------------ */

/* Subdirectories of a directory: each adds one to its st_nlink. */
static unsigned int nr_subdirs(int de)
{
	unsigned int n = de == PDE_ROOT ? (unsigned int)nr_tasks() : 0;

	for (int i = 0; i < NR_PROC_ENTRIES; i++)
		n += i != PDE_ROOT && i != PDE_PID &&
		     proc_entries[i].parent == de &&
		     S_ISDIR(proc_entries[i].mode);
	return n;
}

static void proc_fill_stat(const struct proc_inode *pi, struct stat64 *st)
{
	unsigned int mode = proc_entries[pi->de].mode;

	st->st_dev = PROC_DEV;
	st->st_ino = st->__st_ino = proc_ino(pi);
	st->st_mode = mode;
	st->st_nlink = S_ISDIR(mode) ? 2 + nr_subdirs(pi->de) : 1;
	st->st_blksize = PROC_BLKSIZE; /* and size 0, as Linux's */
}

void proc_file_stat(struct file *f, struct stat64 *st)
{
	const struct proc_file *pf = f->private_data;

	proc_fill_stat(&pf->pi, st);
}

long proc_stat(const char *path, bool dir_only, bool nofollow,
	       struct stat64 *st)
{
	struct proc_inode pi;
	bool self_link;
	int err = proc_lookup(path, &pi, &self_link);

	if (err)
		return err;
	if (self_link && nofollow && !dir_only)
		pi = (struct proc_inode){ .de = PDE_SELF };
	else if (dir_only && !S_ISDIR(proc_entries[pi.de].mode))
		return -ENOTDIR;
	proc_fill_stat(&pi, st);
	return 0;
}

/* --- directories ----------------------------------------------------------- */

/*
 * Positions in a directory: 0 and 1 the dots, 2 + i entry i of the table,
 * and in /proc itself PID_POS + pid each task: a listing cut between two
 * calls goes on at the next pid even if tasks came or went meanwhile.
 */
#define TABLE_POS 2
#define PID_POS (TABLE_POS + NR_PROC_ENTRIES)

/* The task with the smallest pid >= pid, or NULL. */
static struct task_struct *next_task(int pid)
{
	struct task_struct *t, *best = NULL;

	for_each_task(t)
	{
		if (t->pid >= pid && (!best || t->pid < best->pid))
			best = t;
	}
	return best;
}

static int proc_readdir_pids(struct dir_context *ctx)
{
	struct task_struct *t;

	while ((t = next_task((int)(ctx->pos - PID_POS)))) {
		struct proc_inode pi = { .de = PDE_PID, .pid = t->pid };
		char name[12];

		snprintf(name, sizeof(name), "%d", t->pid);
		ctx->pos = PID_POS + t->pid;
		if (!dir_emit(ctx, name, proc_ino(&pi), S_DT(PROC_DIR_MODE)))
			return 0;
		ctx->pos++;
	}
	return 0;
}

static int proc_readdir(struct file *f, struct dir_context *ctx)
{
	const struct proc_file *pf = f->private_data;
	int dir = pf->pi.de;
	struct proc_inode parent = { .de = proc_entries[dir].parent };

	/* /proc/PID lists nothing once its task is gone (Linux: ENOENT). */
	if (pf->pi.pid && !find_task_by_pid(pf->pi.pid))
		return -ENOENT;
	if (!dir_emit_dots(ctx, proc_ino(&pf->pi),
			   dir == PDE_ROOT ? initrd_dir_ino("/") :
					     proc_ino(&parent)))
		return 0;
	for (; ctx->pos < PID_POS; ctx->pos++) {
		struct proc_inode pi = { .de = (int)ctx->pos - TABLE_POS,
					 .pid = pf->pi.pid };
		const struct proc_dir_entry *de = &proc_entries[pi.de];

		if (pi.de == PDE_ROOT || pi.de == PDE_PID || de->parent != dir)
			continue;
		if (!dir_emit(ctx, de->name, proc_ino(&pi), S_DT(de->mode)))
			return 0;
	}
	return dir == PDE_ROOT ? proc_readdir_pids(ctx) : 0;
}

static long proc_dir_read(struct file *f, char *ubuf, unsigned long count)
{
	return -EISDIR;
}

/* Linux's generic_file_llseek() on /proc's directories: their size is 0
 * and /proc keeps below 2 GiB (s_maxbytes MAX_NON_LFS). */
static loff_t proc_dir_llseek(struct file *f, loff_t offset, int whence)
{
	return generic_file_llseek_size(f, offset, whence, MAX_NON_LFS, 0);
}

static const struct file_operations proc_dir_fops = {
	.read = proc_dir_read,
	.stat = proc_file_stat,
	.iterate = proc_readdir,
	.llseek = proc_dir_llseek,
};

/* --- text files ------------------------------------------------------------ */

/* The first try at a file's text; it doubles until the text fits, as
 * Linux's seq_read() does. */
#define PROC_TEXT_FIRST_SIZE (64 * 1024)

static long proc_text_read(struct file *f, char *ubuf, unsigned long count)
{
	struct proc_file *pf = f->private_data;
	unsigned long left, n;

	if (f->f_pos >= pf->s.len || !count)
		return 0;
	left = pf->s.len - (unsigned long)f->f_pos;
	n = min(count, left);
	/* A buffer that ends in an unmapped page gets what fitted, as a
	 * read() on Linux does; nothing at all is -EFAULT. */
	n -= copy_to_user(ubuf, pf->buf + f->f_pos, n);
	if (!n)
		return -EFAULT;
	f->f_pos += n;
	return (long)n;
}

static const struct file_operations proc_text_fops = {
	.read = proc_text_read,
	.stat = proc_file_stat,
	.llseek = seq_lseek, /* as Linux's seq_file: anywhere, no SEEK_END */
};

/* Make the text of pf's file, for the task it is about (if any). */
static long proc_make_text(struct proc_file *pf)
{
	const struct proc_dir_entry *de = &proc_entries[pf->pi.de];
	struct task_struct *task = pf->pi.pid ? find_task_by_pid(pf->pi.pid) :
						NULL;

	for (size_t size = PROC_TEXT_FIRST_SIZE;; size *= 2) {
		long err;

		pf->buf = vmalloc(size);
		if (!pf->buf)
			return -ENOMEM;
		seq_buf_init(&pf->s, pf->buf, size);
		err = de->show(&pf->s, task);
		if (err || !pf->s.overflow)
			return err;
		vfree(pf->buf);
		pf->buf = NULL;
	}
}

/* --- open ------------------------------------------------------------------ */

static void proc_release(struct file *f)
{
	struct proc_file *pf = f->private_data;

	if (pf->buf)
		vfree(pf->buf);
	kfree(pf);
}

static unsigned int open_fmode(unsigned int flags)
{
	switch (flags & O_ACCMODE) {
	case O_RDONLY:
		return FMODE_READ;
	case O_WRONLY:
		return FMODE_WRITE;
	default:
		return FMODE_READ | FMODE_WRITE;
	}
}

/* May the entry be opened so? Linux's order: a directory is never
 * written (EISDIR), a file only if its mode lets the owner write. */
static long may_open(const struct proc_dir_entry *de, unsigned int flags,
		     bool dir_only)
{
	bool dir = S_ISDIR(de->mode);

	if (dir_only && !dir)
		return -ENOTDIR;
	if ((flags & O_ACCMODE) == O_RDONLY && !(flags & (O_CREAT | O_TRUNC)))
		return 0;
	if (dir)
		return -EISDIR;
	return (de->mode & S_IWUSR) ? 0 : -EACCES;
}

long proc_open(const char *path, unsigned int flags, bool dir_only,
	       struct file **out)
{
	struct proc_file *pf;
	struct proc_inode pi;
	const struct proc_dir_entry *de;
	bool self_link;
	long err = proc_lookup(path, &pi, &self_link);

	if (err)
		return err;
	de = &proc_entries[pi.de];
	err = may_open(de, flags, dir_only);
	if (err)
		return err;
	pf = kzalloc(sizeof(*pf), GFP_KERNEL);
	if (!pf)
		return -ENOMEM;
	pf->pi = pi;
	pf->file.f_count = 1;
	pf->file.f_flags = flags;
	pf->file.f_mode = open_fmode(flags);
	pf->file.f_ino = proc_ino(&pi);
	pf->file.private_data = pf;
	pf->file.f_release = proc_release;
	if (S_ISDIR(de->mode)) {
		proc_dir_path(&pi, pf->path, sizeof(pf->path));
		pf->file.f_path = pf->path;
		pf->file.f_op = &proc_dir_fops;
	} else if (de->fops) {
		pf->file.f_op = de->fops;
	} else {
		pf->file.f_op = &proc_text_fops;
		err = proc_make_text(pf);
		if (err) {
			proc_release(&pf->file);
			return err;
		}
	}
	*out = &pf->file;
	return 0;
}
