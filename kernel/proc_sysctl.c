/*
 * kernel/proc_sysctl.c - /proc/sys files: a kernel int that is 0 or 1,
 * read and set as text (Linux's proc_dointvec_minmax() with bounds 0 and
 * 1, stricter about the text). The one there is vm/trace_faults, the
 * switch of the fault trace (kernel/fault_trace.h).
 */
#include "arch/uaccess.h"
#include "kernel/proc_internal.h"
#include "lib/errno.h"
#include "lib/printk.h"

/* "0\n" or "1\n", from the current value, at each read(). */
static long sys_bool_read(struct file *f, char *ubuf, unsigned long count)
{
	const struct proc_file *pf = f->private_data;
	char text[4];
	unsigned long len, n;

	len = (unsigned long)snprintf(text, sizeof(text), "%d\n",
				      *proc_entries[pf->pi.de].data);
	if (f->f_pos >= len)
		return 0;
	n = min(count, len - (unsigned long)f->f_pos);
	if (copy_to_user(ubuf, text + f->f_pos, n))
		return -EFAULT;
	f->f_pos += n;
	return (long)n;
}

/* "0" or "1", and a newline if you like; anything else is EINVAL. */
static long sys_bool_write(struct file *f, const char *ubuf,
			   unsigned long count)
{
	const struct proc_file *pf = f->private_data;
	char text[2];

	if (count > sizeof(text))
		return -EINVAL;
	if (copy_from_user(text, ubuf, count))
		return -EFAULT;
	if ((text[0] != '0' && text[0] != '1') ||
	    (count == 2 && text[1] != '\n'))
		return -EINVAL;
	*proc_entries[pf->pi.de].data = text[0] - '0';
	f->f_pos += count;
	return (long)count;
}

const struct file_operations proc_sys_bool_fops = {
	.read = sys_bool_read,
	.write = sys_bool_write,
	.stat = proc_file_stat,
	.llseek = default_llseek, /* Linux's proc_sys_file_operations' */
};
