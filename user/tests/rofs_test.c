/* user/tests/rofs_test.c - the initrd is read-only: opens for writing fail. */
#include "ulib.h"

/*
 * KERNEL-SPECIFIC: this kernel serves the initrd read-only, so every open
 * that could write fails with EROFS (Linux's answer for a read-only file
 * system), and reading still works. Linux unpacks its initramfs into a
 * writable tmpfs instead, so on the Linux peer these checks fail by design:
 * there the opens succeed (and the O_CREAT one makes a file).
 *
 * The order of Linux's checks is kept: a path that does not exist is ENOENT
 * even with O_CREAT, because the lookup fails before the write is refused.
 * Output is KTAP; the exit status is 0 when all passed.
 */

#define FILE_PATH "/bin/echo"

#define CHECK(cond)                                                         \
	do {                                                                \
		if (!(cond)) {                                              \
			printf("# %s:%d: %s\n", __func__, __LINE__, #cond); \
			return 0;                                           \
		}                                                           \
	} while (0)

/* open(path, flags, 0644) must fail with err; closes what it opened if not. */
static int open_fails(const char *path, int flags, int err)
{
	int fd;

	errno = 0;
	fd = open(path, flags, 0644);
	if (fd >= 0)
		close(fd);
	if (fd != -1 || errno != err) {
		printf("# open(%s, 0%o): %d, errno %d (%s), expected %d\n",
		       path, flags, fd, errno, strerror(errno), err);
		return 0;
	}
	return 1;
}

static int test_write_only_erofs(void)
{
	CHECK(open_fails(FILE_PATH, O_WRONLY, EROFS));
	return 1;
}

static int test_read_write_erofs(void)
{
	CHECK(open_fails(FILE_PATH, O_RDWR, EROFS));
	return 1;
}

/* Our own file: on Linux, where it is writable, that is ETXTBSY and harmless. */
static int test_truncate_erofs(void)
{
	CHECK(open_fails("/bin/rofs_test", O_WRONLY | O_TRUNC, EROFS));
	return 1;
}

static int test_create_erofs(void)
{
	CHECK(open_fails("/bin/new_file", O_WRONLY | O_CREAT, EROFS));
	CHECK(open_fails("/new_file", O_RDWR | O_CREAT, EROFS));
	return 1;
}

static int test_create_in_missing_dir_enoent(void)
{
	CHECK(open_fails("/no_such_dir/new_file", O_WRONLY | O_CREAT, ENOENT));
	return 1;
}

/* After all that, the file is whole and readable. */
static int test_read_only_still_works(void)
{
	char magic[4];
	int fd;

	fd = open(FILE_PATH, O_RDONLY);
	CHECK(fd >= 0);
	CHECK(read(fd, magic, 4) == 4 && !memcmp(magic, "\177ELF", 4));
	CHECK(close(fd) == 0);
	return 1;
}

static const struct ktap_case tests[] = {
	{ "open_write_only_erofs", test_write_only_erofs },
	{ "open_read_write_erofs", test_read_write_erofs },
	{ "open_truncate_erofs", test_truncate_erofs },
	{ "open_create_erofs", test_create_erofs },
	{ "open_create_in_missing_dir_enoent",
	  test_create_in_missing_dir_enoent },
	{ "read_only_still_works", test_read_only_still_works },
};

int main(int argc, char **argv, char **envp)
{
	int n = sizeof(tests) / sizeof(tests[0]);

	return ktap_run("rofs_test", tests, n);
}
