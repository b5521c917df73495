/* user/tests/mmap_file_test.c - mmap of files, and the old mmap. */
#include "mm_test.h"

/*
 * File mappings of /bin/echo, an initrd file, as Linux 6.1 i386 answers
 * (mm_test.h says how the checks work): on the peer, pass
 * build/root/bin/echo to run.sh before this program.
 */

#define ECHO "/bin/echo"

/*
 * The reference: the file's contents as read() gives them, loaded once by
 * echo_file() into an anonymous mapping.
 */
static char *echo_bytes;
static unsigned long echo_size;

static unsigned long page_align(unsigned long n)
{
	return (n + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
}

static int echo_file(void)
{
	struct stat64 st;
	unsigned long got = 0;
	ssize_t n;
	int fd;

	if (echo_bytes)
		return 1;
	fd = open(ECHO, O_RDONLY);
	CHECK(fd >= 0);
	CHECK_OK(fstat64(fd, &st));
	CHECK(st.st_size > (int64_t)PAGE_SIZE);
	echo_size = (unsigned long)st.st_size;
	echo_bytes =
		map_anon(page_align(echo_size) / PAGE_SIZE, PROT_RW, PRIV_ANON);
	CHECK(echo_bytes != NULL);
	while (got < echo_size &&
	       (n = read(fd, echo_bytes + got, echo_size - got)) > 0)
		got += n;
	close(fd);
	CHECK_EQ(got, echo_size);
	return 1;
}

static int test_file_private_matches_read(void)
{
	char *p;
	int fd;

	CHECK(echo_file());
	fd = open(ECHO, O_RDONLY);
	CHECK(fd >= 0);
	p = mmap(NULL, echo_size, PROT_READ, MAP_PRIVATE, fd, 0);
	CHECK(p != MAP_FAILED);
	CHECK(memcmp(p, echo_bytes, echo_size) == 0);
	/* the rest of the last page reads as zeros */
	CHECK(filled(p + echo_size, page_align(echo_size) - echo_size, 0));
	CHECK_FAULT(p, WRITE, SIGSEGV);
	CHECK_OK(munmap(p, echo_size));
	/* at an offset: the second page of the file */
	p = mmap(NULL, PAGE_SIZE, PROT_READ, MAP_SHARED, fd, PAGE_SIZE);
	CHECK(p != MAP_FAILED);
	CHECK(memcmp(p, echo_bytes + PAGE_SIZE, PAGE_SIZE) == 0);
	CHECK_OK(munmap(p, PAGE_SIZE));
	close(fd);
	return 1;
}

/* A page wholly past the end of the file is a SIGBUS, not a SIGSEGV. */
static int test_file_past_eof_sigbus(void)
{
	unsigned long len = page_align(echo_size) + 2 * PAGE_SIZE;
	int flags[] = { MAP_PRIVATE, MAP_SHARED }, i, fd;
	char *p;

	CHECK(echo_file());
	fd = open(ECHO, O_RDONLY);
	CHECK(fd >= 0);
	for (i = 0; i < 2; i++) {
		p = mmap(NULL, len, PROT_READ, flags[i], fd, 0);
		CHECK(p != MAP_FAILED);
		CHECK_FAULT(p + page_align(echo_size), READ, SIGBUS);
		CHECK_FAULT(p + len - 1, READ, SIGBUS);
		CHECK_OK(munmap(p, len));
	}
	/* an offset past the end is accepted: the fault comes later */
	p = mmap(NULL, PAGE_SIZE, PROT_READ, MAP_PRIVATE, fd, 0x10000000);
	CHECK(p != MAP_FAILED);
	CHECK_FAULT(p, READ, SIGBUS);
	CHECK_OK(munmap(p, PAGE_SIZE));
	close(fd);
	return 1;
}

/*
 * PROT_WRITE on a MAP_PRIVATE mapping of a read-only file descriptor is
 * allowed: the writes go to private copies, seen by a child forked after
 * them, never by the file or by another mapping of it.
 */
static int test_file_private_write_is_private(void)
{
	char *p, *q;
	int fd, status;
	pid_t pid;

	CHECK(echo_file());
	fd = open(ECHO, O_RDONLY);
	CHECK(fd >= 0);
	p = mmap(NULL, 2 * PAGE_SIZE, PROT_RW, MAP_PRIVATE, fd, 0);
	CHECK(p != MAP_FAILED);
	memset(p + 1, 'X', 3);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0)
		_exit(!filled(p + 1, 3, 'X'));
	CHECK(wait_for(pid, &status) == pid);
	CHECK(exited_with(status, 0));
	q = mmap(NULL, 2 * PAGE_SIZE, PROT_READ, MAP_PRIVATE, fd, 0);
	CHECK(q != MAP_FAILED);
	CHECK(memcmp(q, echo_bytes, 2 * PAGE_SIZE) == 0);
	CHECK(memcmp(p + PAGE_SIZE, echo_bytes + PAGE_SIZE, PAGE_SIZE) == 0);
	CHECK(p[0] == echo_bytes[0] && p[4] == echo_bytes[4]);
	CHECK_OK(munmap(p, 2 * PAGE_SIZE));
	CHECK_OK(munmap(q, 2 * PAGE_SIZE));
	close(fd);
	return 1;
}

/* Shared and writable needs a writable descriptor: EACCES. */
static int test_file_shared_write_eacces(void)
{
	char *p;
	int fd;

	fd = open(ECHO, O_RDONLY);
	CHECK(fd >= 0);
	CHECK_ERR(mmap(NULL, PAGE_SIZE, PROT_RW, MAP_SHARED, fd, 0), EACCES);
	p = mmap(NULL, PAGE_SIZE, PROT_READ, MAP_SHARED, fd, 0);
	CHECK(p != MAP_FAILED);
	CHECK_ERR(mprotect(p, PAGE_SIZE, PROT_RW), EACCES);
	CHECK_OK(mprotect(p, PAGE_SIZE, PROT_EXEC));
	CHECK_OK(munmap(p, PAGE_SIZE));
	p = mmap(NULL, PAGE_SIZE, PROT_READ, MAP_PRIVATE, fd, 0);
	CHECK(p != MAP_FAILED);
	CHECK_OK(mprotect(p, PAGE_SIZE, PROT_RW));
	CHECK_OK(munmap(p, PAGE_SIZE));
	close(fd);
	return 1;
}

static int test_file_survives_close(void)
{
	char *p;
	int fd;

	CHECK(echo_file());
	fd = open(ECHO, O_RDONLY);
	CHECK(fd >= 0);
	p = mmap(NULL, echo_size, PROT_READ, MAP_PRIVATE, fd, 0);
	CHECK(p != MAP_FAILED);
	CHECK_OK(close(fd));
	CHECK(memcmp(p, echo_bytes, echo_size) == 0);
	CHECK_OK(munmap(p, echo_size));
	return 1;
}

static int test_file_length_zero_einval(void)
{
	int fd;

	fd = open(ECHO, O_RDONLY);
	CHECK(fd >= 0);
	CHECK_ERR(mmap(NULL, 0, PROT_READ, MAP_PRIVATE, fd, 0), EINVAL);
	CHECK_ERR(mmap(NULL, 0, PROT_READ, MAP_SHARED, fd, 0), EINVAL);
	close(fd);
	return 1;
}

/* Not page aligned or negative: refused by the C library, before mmap2. */
static int test_file_offset_unaligned_einval(void)
{
	int fd;

	fd = open(ECHO, O_RDONLY);
	CHECK(fd >= 0);
	CHECK_ERR(mmap(NULL, PAGE_SIZE, PROT_READ, MAP_PRIVATE, fd, 100),
		  EINVAL);
	CHECK_ERR(mmap(NULL, PAGE_SIZE, PROT_READ, MAP_PRIVATE, fd,
		       -(off_t)PAGE_SIZE),
		  EINVAL);
	close(fd);
	return 1;
}

static int test_bad_fd_ebadf(void)
{
	int fd;

	CHECK_ERR(mmap(NULL, PAGE_SIZE, PROT_READ, MAP_PRIVATE, -1, 0), EBADF);
	CHECK_ERR(mmap(NULL, PAGE_SIZE, PROT_READ, MAP_PRIVATE, 100, 0), EBADF);
	fd = open(ECHO, O_RDONLY);
	CHECK(fd >= 0);
	close(fd);
	CHECK_ERR(mmap(NULL, PAGE_SIZE, PROT_READ, MAP_SHARED, fd, 0), EBADF);
	return 1;
}

/* A terminal (stdout, the console) has no mmap: ENODEV. */
static int test_terminal_enodev(void)
{
	CHECK_ERR(mmap(NULL, PAGE_SIZE, PROT_READ, MAP_SHARED, 1, 0), ENODEV);
	return 1;
}

/* The old mmap (90): its arguments in a block, its offset in bytes. */
static int test_old_mmap(void)
{
	struct mmap_arg_struct a = {
		.len = PAGE_SIZE,
		.prot = PROT_RW,
		.flags = PRIV_ANON,
		.fd = (unsigned long)-1,
	};
	char *p;
	int fd;

	CHECK(echo_file());
	p = old_mmap(&a);
	CHECK(p != MAP_FAILED);
	CHECK(filled(p, PAGE_SIZE, 0));
	p[0] = 1;
	CHECK_OK(munmap(p, PAGE_SIZE));
	fd = open(ECHO, O_RDONLY);
	CHECK(fd >= 0);
	a.prot = PROT_READ;
	a.flags = MAP_PRIVATE;
	a.fd = fd;
	a.offset = PAGE_SIZE;
	p = old_mmap(&a);
	CHECK(p != MAP_FAILED);
	CHECK(memcmp(p, echo_bytes + PAGE_SIZE, PAGE_SIZE) == 0);
	CHECK_OK(munmap(p, PAGE_SIZE));
	/* the kernel checks the offset here */
	a.offset = 100;
	CHECK_ERR(old_mmap(&a), EINVAL);
	close(fd);
	CHECK_ERR(old_mmap(NULL), EFAULT);
	CHECK_ERR(old_mmap((void *)KERNEL_HALF), EFAULT);
	return 1;
}

static const struct ktap_case tests[] = {
	{ "file_private_matches_read", test_file_private_matches_read },
	{ "file_past_eof_sigbus", test_file_past_eof_sigbus },
	{ "file_private_write_is_private", test_file_private_write_is_private },
	{ "file_shared_write_eacces", test_file_shared_write_eacces },
	{ "file_survives_close", test_file_survives_close },
	{ "file_length_zero_einval", test_file_length_zero_einval },
	{ "file_offset_unaligned_einval", test_file_offset_unaligned_einval },
	{ "bad_fd_ebadf", test_bad_fd_ebadf },
	{ "terminal_enodev", test_terminal_enodev },
	{ "old_mmap", test_old_mmap },
};

int main(void)
{
	return ktap_run("mmap_file_test", tests,
			sizeof(tests) / sizeof(tests[0]));
}
