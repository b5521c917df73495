/*
 * kernel/proc_internal.h - what the pieces of /proc share (Linux's
 * fs/proc/internal.h): the tree of names, the open-file object, and the
 * generators of each file's contents. Only kernel/proc*.c include it.
 */
#ifndef KERNEL_PROC_INTERNAL_H
#define KERNEL_PROC_INTERNAL_H

#include "kernel/fs.h"
#include "kernel/sched.h"
#include "lib/seq_buf.h"

#define KB_PER_PAGE (PAGE_SIZE / 1024)

/*
 * One name of the /proc tree (Linux's struct proc_dir_entry). A file is
 * either text made at open by show (task: whose, or NULL outside
 * /proc/PID), or has its own operations (fops); a sysctl file also points
 * at the int it shows and sets.
 */
struct proc_dir_entry {
	const char *name;
	unsigned int mode;
	int parent; /* the directory's index in proc_entries[] */
	long (*show)(struct seq_buf *s, struct task_struct *task);
	const struct file_operations *fops;
	int *data;
};

/* What a /proc path names (Linux's struct proc_inode): an entry of the
 * tree, and for /proc/PID and its files, whose. */
struct proc_inode {
	int de; /* index in proc_entries[] */
	int pid; /* 0 outside /proc/PID */
};

/* An open /proc file or directory. */
struct proc_file {
	struct file file;
	struct proc_inode pi;
	char path[32]; /* directories: absolute and canonical */
	struct seq_buf s; /* text files: the text, made at open */
	char *buf;
};

extern const struct proc_dir_entry proc_entries[];

/* fstat() of any open /proc file: its inode's type, mode and number. */
void proc_file_stat(struct file *f, struct stat64 *st);

/* The text of /proc/PID/maps, smaps and status (kernel/proc_task_mmu.c). */
long show_maps(struct seq_buf *s, struct task_struct *task);
long show_smaps(struct seq_buf *s, struct task_struct *task);
long show_status(struct seq_buf *s, struct task_struct *task);
/* The machine's: /proc/meminfo, vmstat, buddyinfo, slabinfo
 * (kernel/proc_meminfo.c). */
long show_meminfo(struct seq_buf *s, struct task_struct *task);
long show_vmstat(struct seq_buf *s, struct task_struct *task);
long show_buddyinfo(struct seq_buf *s, struct task_struct *task);
long show_slabinfo(struct seq_buf *s, struct task_struct *task);

/* /proc/PID/pagemap, read from the page tables at each read() */
extern const struct file_operations proc_pagemap_fops;
/* A 0-or-1 sysctl (the int at the entry's data): reads "0\n" or "1\n",
 * takes "0" or "1" (kernel/proc_sysctl.c). */
extern const struct file_operations proc_sys_bool_fops;

#endif
