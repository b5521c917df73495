/* user/tests/file_test.c - open, read, lseek, fstat64 and close on the initrd. */
#include "ulib.h"

/*
 * Every check here gives the same verdict on real Linux i386, the oracle
 * (../shared/peers/linux-i386/run.sh file_test echo: the initrd needs
 * /bin/echo too). Output is KTAP; the exit status is 0 when all passed.
 *
 * Writes are not tried here: this kernel's initrd is read-only (EROFS),
 * Linux's initramfs is writable. rofs_test checks that part, on this kernel
 * only.
 */

#define FILE_PATH "/bin/echo"
#define OTHER_PATH "/bin/file_test"

/* The whole of FILE_PATH, read by the first test, compared by others. */
static unsigned char *contents;
static long size;

/* Pointers into the unmapped first page and into the kernel. */
static volatile unsigned long low_address = 1, kernel_address = 0xc0000000;

#define CHECK(cond)                                                         \
	do {                                                                \
		if (!(cond)) {                                              \
			printf("# %s:%d: %s\n", __func__, __LINE__, #cond); \
			return 0;                                           \
		}                                                           \
	} while (0)

/* cond must be false with errno err: "call fails with err". */
#define FAILS_WITH(call, err) ((errno = 0, (call) == -1) && errno == (err))

/*
 * Read the file in 1000-byte pieces (not a divisor of the page size, so that
 * reads cross page boundaries): the sum must be the size fstat64 gives, and
 * then read must say end of file (0), again and again.
 */
static int test_open_read_fstat(void)
{
	struct stat64 st;
	ssize_t n;
	long total = 0;
	int fd;

	fd = open(FILE_PATH, O_RDONLY);
	CHECK(fd >= 0);
	CHECK(fstat64(fd, &st) == 0);
	CHECK(S_ISREG(st.st_mode));
	CHECK(st.st_size > 0 && st.st_size < (16 << 20));
	size = (long)st.st_size;
	contents = malloc(size + 1000);
	CHECK(contents != NULL);
	while ((n = read(fd, contents + total, 1000)) > 0)
		total += n;
	CHECK(n == 0);
	CHECK(total == size);
	CHECK(read(fd, contents, 1000) == 0);
	CHECK(read(fd, contents, 1) == 0);
	CHECK(!memcmp(contents, "\177ELF", 4));
	CHECK(close(fd) == 0);
	return 1;
}

/*
 * The layout of Linux i386's struct stat64 (see ulib.h): the fields the
 * kernel fills must land where they belong, and nothing past the struct's
 * 96 bytes may be written.
 */
static int test_fstat64_layout(void)
{
	struct {
		struct stat64 st;
		unsigned char guard[32];
	} buf;
	struct stat64 other;
	int fd, fd2, i;

	memset(&buf, 0xa5, sizeof(buf));
	fd = open(FILE_PATH, O_RDONLY);
	CHECK(fd >= 0);
	CHECK(fstat64(fd, &buf.st) == 0);
	printf("# %s: mode %o nlink %u size %lld blksize %u blocks %llu "
	       "ino %llu\n",
	       FILE_PATH, buf.st.st_mode, buf.st.st_nlink, buf.st.st_size,
	       buf.st.st_blksize, buf.st.st_blocks, buf.st.st_ino);
	for (i = 0; i < (int)sizeof(buf.guard); i++)
		CHECK(buf.guard[i] == 0xa5);
	for (i = 0; i < 4; i++)
		CHECK(buf.st.__pad0[i] == 0 && buf.st.__pad3[i] == 0);
	CHECK(buf.st.st_size == size);
	CHECK(buf.st.st_nlink >= 1);
	CHECK(buf.st.st_ino != 0);
	CHECK(buf.st.__st_ino == (uint32_t)buf.st.st_ino);

	/* The same file opened twice is one inode; another file is not. */
	fd2 = open(FILE_PATH, O_RDONLY);
	CHECK(fd2 >= 0 && fd2 != fd);
	CHECK(fstat64(fd2, &other) == 0);
	CHECK(other.st_ino == buf.st.st_ino && other.st_dev == buf.st.st_dev);
	close(fd2);
	fd2 = open(OTHER_PATH, O_RDONLY);
	CHECK(fd2 >= 0);
	CHECK(fstat64(fd2, &other) == 0);
	CHECK(other.st_ino != buf.st.st_ino && other.st_dev == buf.st.st_dev);
	CHECK(S_ISREG(other.st_mode) && other.st_size != buf.st.st_size);
	close(fd2);
	close(fd);
	return 1;
}

static int test_lseek(void)
{
	unsigned char b[4];
	int fd;

	CHECK(contents != NULL);
	fd = open(FILE_PATH, O_RDONLY);
	CHECK(fd >= 0);
	CHECK(lseek(fd, 0, SEEK_CUR) == 0);
	CHECK(read(fd, b, 4) == 4 && !memcmp(b, contents, 4));
	CHECK(lseek(fd, 0, SEEK_CUR) == 4);
	CHECK(lseek(fd, 100, SEEK_SET) == 100);
	CHECK(read(fd, b, 4) == 4 && !memcmp(b, contents + 100, 4));
	CHECK(lseek(fd, -8, SEEK_CUR) == 96);
	CHECK(read(fd, b, 4) == 4 && !memcmp(b, contents + 96, 4));
	CHECK(lseek(fd, 0, SEEK_END) == size);
	CHECK(read(fd, b, 4) == 0);
	CHECK(lseek(fd, -4, SEEK_END) == size - 4);
	CHECK(read(fd, b, 4) == 4 && !memcmp(b, contents + size - 4, 4));
	/* Past the end is allowed, and reads nothing there. */
	CHECK(lseek(fd, size + 5000, SEEK_SET) == size + 5000);
	CHECK(read(fd, b, 4) == 0);
	/* Before the start, or an unknown whence: EINVAL, offset unchanged. */
	CHECK(FAILS_WITH(lseek(fd, -1, SEEK_SET), EINVAL));
	CHECK(FAILS_WITH(lseek(fd, -size - 5001, SEEK_CUR), EINVAL));
	CHECK(FAILS_WITH(lseek(fd, 0, 7), EINVAL));
	CHECK(lseek(fd, 0, SEEK_CUR) == size + 5000);
	close(fd);
	return 1;
}

static int test_open_missing_enoent(void)
{
	CHECK(FAILS_WITH(open("/bin/no_such_file", O_RDONLY), ENOENT));
	CHECK(FAILS_WITH(open("/no_such_dir/file", O_RDONLY), ENOENT));
	CHECK(FAILS_WITH(open("", O_RDONLY), ENOENT));
	return 1;
}

/* A file used as a directory in a path. */
static int test_open_through_file_enotdir(void)
{
	CHECK(FAILS_WITH(open(FILE_PATH "/x", O_RDONLY), ENOTDIR));
	CHECK(FAILS_WITH(open(FILE_PATH "/", O_RDONLY), ENOTDIR));
	return 1;
}

/* Bad pointers: EFAULT, and a read that copied nothing moved nothing. */
static int test_bad_pointers_efault(void)
{
	int fd;

	CHECK(FAILS_WITH(open((const char *)low_address, O_RDONLY), EFAULT));
	CHECK(FAILS_WITH(open((const char *)kernel_address, O_RDONLY), EFAULT));
	fd = open(FILE_PATH, O_RDONLY);
	CHECK(fd >= 0);
	CHECK(FAILS_WITH(read(fd, (void *)low_address, 16), EFAULT));
	CHECK(FAILS_WITH(read(fd, (void *)kernel_address, 16), EFAULT));
	CHECK(lseek(fd, 0, SEEK_CUR) == 0);
	CHECK(FAILS_WITH(fstat64(fd, (struct stat64 *)low_address), EFAULT));
	CHECK(FAILS_WITH(fstat64(fd, (struct stat64 *)kernel_address), EFAULT));
	close(fd);
	return 1;
}

/* A closed fd, one never opened, and writing to a read-only one: EBADF. */
static int test_bad_fd_ebadf(void)
{
	struct stat64 st;
	char b[4];
	int fd;

	fd = open(FILE_PATH, O_RDONLY);
	CHECK(fd >= 0);
	CHECK(FAILS_WITH(write(fd, "x", 1), EBADF));
	CHECK(close(fd) == 0);
	CHECK(FAILS_WITH(read(fd, b, 4), EBADF));
	CHECK(FAILS_WITH(lseek(fd, 0, SEEK_SET), EBADF));
	CHECK(FAILS_WITH(fstat64(fd, &st), EBADF));
	CHECK(FAILS_WITH(close(fd), EBADF));
	CHECK(FAILS_WITH(read(-1, b, 4), EBADF));
	CHECK(FAILS_WITH(read(1000, b, 4), EBADF));
	CHECK(FAILS_WITH(close(-1), EBADF));
	return 1;
}

/* open gives the lowest free descriptor: a closed one is used again. */
static int test_lowest_free_fd(void)
{
	int a, b, c;

	a = open(FILE_PATH, O_RDONLY);
	b = open(FILE_PATH, O_RDONLY);
	CHECK(a >= 0 && b == a + 1);
	CHECK(close(a) == 0);
	c = open(OTHER_PATH, O_RDONLY);
	CHECK(c == a);
	close(b);
	close(c);
	return 1;
}

/*
 * fork copies the descriptor table, not the open files: parent and child
 * share one offset (Linux's struct file). A child's close closes only its
 * own descriptor.
 */
static int test_fork_shares_offset(void)
{
	unsigned char b[10];
	int fd, status;
	pid_t pid;

	fd = open(FILE_PATH, O_RDONLY);
	CHECK(fd >= 0);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		if (read(fd, b, 10) != 10)
			_exit(1);
		_exit(close(fd) == 0 ? 0 : 2);
	}
	CHECK(waitpid(pid, &status, 0) == pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	CHECK(lseek(fd, 0, SEEK_CUR) == 10);
	CHECK(read(fd, b, 4) == 4 && !memcmp(b, contents + 10, 4));
	CHECK(close(fd) == 0);
	return 1;
}

/* open_read_fstat first: it reads the contents the others compare with. */
/* writev checks every segment before writing any (Linux's import_iovec):
 * a kernel-half segment after a good one writes nothing; a read that runs
 * into an unmapped page returns what fitted. */
static int test_writev_checks_first_read_returns_partial(void)
{
	static const char good[] = "\n";
	struct iovec iov[2] = { { (void *)good, 1 },
				{ (void *)0xc0000000, 4 } };
	char *two = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int ok = 1, fd;

	ok &= writev(1, iov, 2) < 0 && errno == EFAULT;
	if (two == MAP_FAILED)
		return 0;
	munmap(two + 4096, 4096);
	fd = open("/proc/self/maps", O_RDONLY);
	/* 100 bytes fit before the hole (maps is longer than that): a part
	 * of them is read, not -EFAULT. How much is the copy routine's
	 * business: 100 here, 64 on Linux, whose copy_to_user works in
	 * 64-byte blocks. */
	{
		long r = read(fd, two + 4096 - 100, 200);

		ok &= fd >= 0 && r > 0 && r <= 100;
	}
	close(fd);
	munmap(two, 4096);
	return ok;
}

static const struct ktap_case tests[] = {
	{ "open_read_fstat", test_open_read_fstat },
	{ "fstat64_layout", test_fstat64_layout },
	{ "lseek", test_lseek },
	{ "open_missing_enoent", test_open_missing_enoent },
	{ "open_through_file_enotdir", test_open_through_file_enotdir },
	{ "bad_pointers_efault", test_bad_pointers_efault },
	{ "bad_fd_ebadf", test_bad_fd_ebadf },
	{ "lowest_free_fd", test_lowest_free_fd },
	{ "fork_shares_offset", test_fork_shares_offset },
	{ "writev_checks_first_read_returns_partial",
	  test_writev_checks_first_read_returns_partial },
};

int main(int argc, char **argv, char **envp)
{
	int n = sizeof(tests) / sizeof(tests[0]);

	return ktap_run("file_test", tests, n);
}
