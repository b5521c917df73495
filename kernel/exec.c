/*
 * kernel/exec.c - execve in Linux's order (fs/exec.c): the name, then the
 * argument and environment strings, copied straight onto the stack of a
 * new address space, and only then the file, which binfmt_elf.c loads
 * around them. Until the point of no return (begin_new_exec()) the task
 * is untouched, and a failure drops the new address space whole.
 */
#include "arch/desc.h"
#include "arch/uaccess.h"
#include "kernel/binfmts.h"
#include "kernel/exec.h"
#include "kernel/fs.h"
#include "kernel/initrd.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "mm/memory.h"
#include "mm/mmap.h"
#include "mm/slab.h"

/* One argument or environment string at most, its NUL included
 * (include/uapi/linux/binfmts.h). */
#define MAX_ARG_STRLEN (PAGE_SIZE * 32)
/* The room for the strings and their pointers is a quarter of the stack
 * limit, at most 3/4 of _STK_LIM, at least ARG_MAX (Linux's
 * bprm_stack_limits(); include/uapi/linux/limits.h and resource.h). */
#define ARG_MAX 131072
#define _STK_LIM (8UL << 20)

/*
 * A new address space with the stack VMA the strings go to (Linux's
 * bprm_mm_init()). The word at the very top stays zero, as Linux leaves
 * it.
 */
static int bprm_mm_init(struct linux_binprm *bprm)
{
	bprm->mm = mm_alloc();
	if (!bprm->mm)
		return -ENOMEM;
	bprm->p = STACK_TOP - sizeof(void *);
	return mmap_region(bprm->mm, NULL, STACK_TOP - STACK_INIT_SIZE,
			   STACK_INIT_SIZE, VM_READ | VM_WRITE | VM_GROWSDOWN,
			   0);
}

/*
 * The number of pointers before the NULL that ends a user vector (Linux's
 * count()): NULL itself is an empty vector, an unreadable pointer -EFAULT.
 * (Linux's -E2BIG past MAX_ARG_STRINGS, 0x7fffffff, needs more pointers
 * than user space holds.)
 */
static int count(const char *const *argv)
{
	const char *str;
	int i;

	for (i = 0; argv; i++) {
		if (copy_from_user(&str, argv + i, sizeof(str)))
			return -EFAULT;
		if (!str)
			break;
	}
	return i;
}

/* The same for a kernel vector (init's): never NULL, always readable. */
static int count_strings_kernel(const char *const *argv)
{
	int i = 0;

	while (argv[i])
		i++;
	return i;
}

/*
 * How low the strings may go: the room Linux gives them, less what their
 * pointers will take below them (an empty argv gets "" as argv[0]).
 * -E2BIG if the pointers alone do not fit.
 */
static int bprm_stack_limits(struct linux_binprm *bprm)
{
	unsigned long limit = max(min(_STK_LIM / 4 * 3, STACK_LIMIT / 4),
				  (unsigned long)ARG_MAX);
	u64 ptr_size =
		((u64)max(bprm->argc, 1) + (u64)bprm->envc) * sizeof(void *);

	if (limit <= ptr_size)
		return -E2BIG;
	bprm->argmin = bprm->p - (limit - (unsigned long)ptr_size);
	return 0;
}

/* Make room for a string of len bytes (its NUL included) below the others:
 * -E2BIG if it is too long, or if the strings would pass argmin. */
static int take_arg_room(struct linux_binprm *bprm, unsigned long len)
{
	if (len > MAX_ARG_STRLEN || bprm->p - bprm->argmin < len)
		return -E2BIG;
	bprm->p -= len;
	return 0;
}

/* A string of the kernel's onto the new stack (Linux's
 * copy_string_kernel()). */
static int copy_string_kernel(const char *arg, struct linux_binprm *bprm)
{
	unsigned long len = strnlen(arg, MAX_ARG_STRLEN) + 1;
	int err = take_arg_room(bprm, len);

	if (err)
		return err;
	/* A page the new stack cannot have is -E2BIG, as in Linux. */
	if (access_remote_vm(bprm->mm, bprm->p, (void *)arg, len, true) != len)
		return -E2BIG;
	return 0;
}

static int copy_strings_kernel(int argc, const char *const *argv,
			       struct linux_binprm *bprm)
{
	while (argc-- > 0) {
		int err = copy_string_kernel(argv[argc], bprm);

		if (err)
			return err;
	}
	return 0;
}

/*
 * The strings of a user vector onto the new stack, the last first, each
 * below the one before (Linux's copy_strings()): -EFAULT for a pointer or
 * a string that cannot be read, -E2BIG for one longer than MAX_ARG_STRLEN
 * or for more than the room. They pass through a small buffer on the
 * kernel stack.
 */
static int copy_strings(int argc, const char *const *argv,
			struct linux_binprm *bprm)
{
	char buf[256];

	while (argc-- > 0) {
		const char *str;
		unsigned long len, done, n;
		int err;

		if (copy_from_user(&str, argv + argc, sizeof(str)))
			return -EFAULT;
		len = (unsigned long)strnlen_user(str, MAX_ARG_STRLEN);
		if (!len)
			return -EFAULT;
		err = take_arg_room(bprm, len);
		if (err)
			return err;
		for (done = 0; done < len; done += n) {
			n = min(len - done, sizeof(buf));
			if (copy_from_user(buf, str + done, n))
				return -EFAULT;
			if (access_remote_vm(bprm->mm, bprm->p + done, buf, n,
					     true) != n)
				return -E2BIG;
		}
	}
	return 0;
}

void begin_new_exec(struct linux_binprm *bprm)
{
	struct mm_struct *old = current->mm;
	const char *path = bprm->filename;

	/* The new program replaces the old. */
	current->mm = bprm->mm;
	bprm->mm = NULL; /* the task's now */
	switch_mm(current->mm);
	if (old)
		mmput(old);
	vfork_release(current); /* a vfork parent may have its memory back */
	do_close_on_exec();
	/* Linux's flush_thread() and flush_signal_handlers(): no TLS, and
	 * signal actions back to the default; ignored signals stay ignored. */
	memset(current->tls, 0, sizeof(current->tls));
	load_tls(current->tls);
	fpu_init_state(&current->fpu);
	fpu_restore(&current->fpu);
	flush_signal_handlers(current);
	strlcpy(current->comm,
		strrchr(path, '/') ? strrchr(path, '/') + 1 : path,
		sizeof(current->comm));
}

/* The file, once the strings are in place (Linux's bprm_execve()): look it
 * up, then load it; the loader checks that it is ELF. */
static int bprm_execve(struct linux_binprm *bprm)
{
	struct initrd_file *f;
	int err = (int)open_exec(bprm->filename, &f);

	if (err)
		return err;
	return load_elf_binary(bprm, f);
}

/* What is left of an exec that failed: its new address space (Linux's
 * free_bprm()). */
static void free_bprm(struct linux_binprm *bprm)
{
	if (bprm->mm)
		mmput(bprm->mm);
}

/*
 * Linux's do_execveat_common(), after getname(): the pointers counted,
 * the room checked, then the file name, envp's and argv's strings copied,
 * and only then the file looked up. So a bad argv is -EFAULT whatever the
 * file, and a missing file with good strings is -ENOENT.
 */
static int do_execve(const char *filename, const char *const *argv,
		     const char *const *envp)
{
	struct linux_binprm bprm = { .filename = filename };
	int err;

	err = bprm_mm_init(&bprm);
	if (err)
		goto out;
	err = bprm.argc = count(argv);
	if (err < 0)
		goto out;
	err = bprm.envc = count(envp);
	if (err < 0)
		goto out;
	err = bprm_stack_limits(&bprm);
	if (err)
		goto out;
	err = copy_string_kernel(filename, &bprm);
	if (err)
		goto out;
	bprm.exec = bprm.p;
	err = copy_strings(bprm.envc, envp, &bprm);
	if (err)
		goto out;
	err = copy_strings(bprm.argc, argv, &bprm);
	if (err)
		goto out;
	/* An empty argv gets "" as argv[0], so that a program reading
	 * argv[1] on does not walk into envp. */
	if (bprm.argc == 0) {
		err = copy_string_kernel("", &bprm);
		if (err)
			goto out;
		bprm.argc = 1;
	}
	err = bprm_execve(&bprm);
out:
	free_bprm(&bprm);
	return err;
}

long sys_execve(unsigned long upath, unsigned long uargv, unsigned long uenvp,
		unsigned long a4, unsigned long a5, unsigned long a6)
{
	/* Not on the 8 KiB kernel stack: Linux's getname() does the same. */
	char *filename = kmalloc(PATH_MAX, GFP_KERNEL);
	long err = filename ? getname(upath, filename) : -ENOMEM;

	if (err == 0)
		err = -ENOENT; /* getname(): an empty name names nothing */
	if (err > 0)
		err = do_execve(filename, (const char *const *)uargv,
				(const char *const *)uenvp);
	kfree(filename);
	return err;
}

int kernel_execve(const char *filename, const char *const argv[],
		  const char *const envp[])
{
	struct linux_binprm bprm = { .filename = filename };
	int err;

	bprm.argc = count_strings_kernel(argv);
	bprm.envc = count_strings_kernel(envp);
	err = bprm_mm_init(&bprm);
	if (err)
		goto out;
	err = bprm_stack_limits(&bprm);
	if (err)
		goto out;
	err = copy_string_kernel(filename, &bprm);
	if (err)
		goto out;
	bprm.exec = bprm.p;
	err = copy_strings_kernel(bprm.envc, envp, &bprm);
	if (err)
		goto out;
	err = copy_strings_kernel(bprm.argc, argv, &bprm);
	if (err)
		goto out;
	err = bprm_execve(&bprm);
out:
	free_bprm(&bprm);
	return err;
}
