/* user/tests/exec_test.c - execve: arguments, environment, what it keeps. */
#include "ulib.h"

/*
 * Every check here gives the same verdict on real Linux i386, the oracle
 * (../shared/peers/linux-i386/run.sh exec_test echo: the initrd needs
 * /bin/echo too). Output is KTAP; the exit status is 0 when all passed.
 *
 * The program execs itself as the helper: "/bin/exec_test MODE ..." runs one
 * of the child checks below instead of the tests, and its exit status (0:
 * all right) is its verdict, which the parent reads through waitpid.
 *
 * Not checked: execve of a file that is not ELF (ENOEXEC on Linux). Both
 * initrds hold only programs, so there is no such file to try.
 */

#define SELF "/bin/exec_test"
#define LONG_ARG 5000 /* more than a page: its copy crosses a page boundary */
/* "big": many arguments, and an environment near Linux's 2 MiB room: 15
 * strings of the longest a string may be (MAX_ARG_STRLEN, 32 pages). */
#define BIG_ARGC 1000
#define BIG_ENVC 15
#define MAX_ARG_STRLEN (32 * 4096)

static char long_arg[LONG_ARG + 1];
static char *const args_argv[] = { "exec_test", "args", "",  "two words",
				   long_arg,	"last", NULL };
static char *const args_envp[] = { "HOME=/", "FOO=bar", "EMPTY=", "X=1=2",
				   NULL };

/* Changed by the parent before it forks: execve must start from the file. */
static int data_word = 42;
static int bss_word;

#define CHECK(cond)                                                         \
	do {                                                                \
		if (!(cond)) {                                              \
			printf("# %s:%d: %s\n", __func__, __LINE__, #cond); \
			return 0;                                           \
		}                                                           \
	} while (0)

/* A non-negative decimal number, or -1. */
static long number(const char *s)
{
	long v = 0;

	if (!*s)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s - '0');
	}
	return v;
}

/* ---------------------------------------------- the exec'd child's checks */

/* "args": argv and envp arrived exactly as args_argv and args_envp. */
static int child_args(int argc, char **argv, char **envp)
{
	int i;

	CHECK(argc == 6);
	for (i = 0; i < argc; i++)
		CHECK(!strcmp(argv[i], args_argv[i]));
	CHECK(argv[argc] == NULL);
	for (i = 0; args_envp[i]; i++)
		CHECK(envp[i] && !strcmp(envp[i], args_envp[i]));
	CHECK(envp[i] == NULL);
	CHECK(environ == envp);
	CHECK(!strcmp(getenv("FOO"), "bar"));
	CHECK(!strcmp(getenv("EMPTY"), ""));
	CHECK(!strcmp(getenv("X"), "1=2"));
	CHECK(getenv("NOPE") == NULL);
	return 1;
}

/* "fresh": data and bss as the file has them, whatever the parent did. */
static int child_fresh(int argc, char **argv, char **envp)
{
	CHECK(data_word == 42);
	CHECK(bss_word == 0);
	return 1;
}

/*
 * "keep PID PPID FD": the process is the same one (pid, parent), and the
 * file the parent opened and read 4 bytes of is still open at offset 4.
 */
static int child_keep(int argc, char **argv, char **envp)
{
	struct stat64 st;
	unsigned char c;
	int fd;

	CHECK(argc == 5);
	CHECK(getpid() == number(argv[2]));
	CHECK(getppid() == number(argv[3]));
	fd = (int)number(argv[4]);
	CHECK(fstat64(fd, &st) == 0 && S_ISREG(st.st_mode));
	CHECK(lseek(fd, 0, SEEK_CUR) == 4);
	CHECK(read(fd, &c, 1) == 1 && c == 1); /* EI_CLASS: ELFCLASS32 */
	return 1;
}

/* "big": BIG_ARGC arguments ("x" after the mode), BIG_ENVC strings of
 * MAX_ARG_STRLEN - 1 letters. */
static int child_big(int argc, char **argv, char **envp)
{
	int i;

	CHECK(argc == BIG_ARGC);
	for (i = 2; i < argc; i++)
		CHECK(!strcmp(argv[i], "x"));
	for (i = 0; i < BIG_ENVC; i++)
		CHECK(envp[i] && strlen(envp[i]) == MAX_ARG_STRLEN - 1 &&
		      envp[i][0] == 'E' && envp[i][1] == '=');
	CHECK(envp[BIG_ENVC] == NULL);
	return 1;
}

/* No argv at all (NULL): one empty argument, so that argv[1] on is never
 * the environment. */
static int child_empty_argv(int argc, char **argv, char **envp)
{
	CHECK(argc == 1 && argv[0][0] == '\0' && argv[1] == NULL);
	CHECK(envp[0] && !strcmp(envp[0], "MODE=empty") && !envp[1]);
	return 1;
}

static int child_main(int argc, char **argv, char **envp)
{
	if (argc < 2) /* what an empty argv arrived as */
		return child_empty_argv(argc, argv, envp) ? 0 : 1;
	if (!strcmp(argv[1], "args"))
		return child_args(argc, argv, envp) ? 0 : 1;
	if (!strcmp(argv[1], "fresh"))
		return child_fresh(argc, argv, envp) ? 0 : 1;
	if (!strcmp(argv[1], "keep"))
		return child_keep(argc, argv, envp) ? 0 : 1;
	if (!strcmp(argv[1], "big"))
		return child_big(argc, argv, envp) ? 0 : 1;
	printf("# exec_test: unknown mode %s\n", argv[1]);
	return 2;
}

/* ------------------------------------------------------------ the tests */

/* Fork, execve path in the child, wait: the child's exit status, or -1. */
static int run(const char *path, char *const argv[], char *const envp[])
{
	int status;
	pid_t pid;

	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		execve(path, argv, envp);
		printf("# execve %s: %s\n", path, strerror(errno));
		_exit(127);
	}
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

static int test_argv_envp(void)
{
	CHECK(run(SELF, args_argv, args_envp) == 0);
	return 1;
}

static int test_empty_argv(void)
{
	char *const envp[] = { "MODE=empty", NULL };

	CHECK(run(SELF, NULL, envp) == 0);
	return 1;
}

/* Many arguments and nearly 2 MiB of environment arrive whole. */
static int test_big_arguments(void)
{
	static char *argv[BIG_ARGC + 1], *envp[BIG_ENVC + 1];
	unsigned long size = MAX_ARG_STRLEN * BIG_ENVC;
	char *s = mmap(NULL, size, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int i, ret;

	CHECK(s != MAP_FAILED);
	argv[0] = "exec_test";
	argv[1] = "big";
	for (i = 2; i < BIG_ARGC; i++)
		argv[i] = "x";
	for (i = 0; i < BIG_ENVC; i++) {
		envp[i] = s + i * MAX_ARG_STRLEN;
		memset(envp[i], 'a', MAX_ARG_STRLEN - 1);
		envp[i][0] = 'E';
		envp[i][1] = '=';
	}
	ret = run(SELF, argv, envp);
	munmap(s, size);
	CHECK(ret == 0);
	return 1;
}

static int test_fresh_memory(void)
{
	char *argv[] = { "exec_test", "fresh", NULL };

	data_word = 43;
	bss_word = 7;
	CHECK(run(SELF, argv, args_envp) == 0);
	return 1;
}

static int test_keeps_pid_and_files(void)
{
	char pid_s[12], ppid_s[12], fd_s[12];
	char *argv[] = { "exec_test", "keep", pid_s, ppid_s, fd_s, NULL };
	char magic[4];
	int status, fd;
	pid_t pid;

	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		fd = open(SELF, O_RDONLY);
		if (fd < 0 || read(fd, magic, 4) != 4)
			_exit(3);
		snprintf(pid_s, sizeof(pid_s), "%d", getpid());
		snprintf(ppid_s, sizeof(ppid_s), "%d", getppid());
		snprintf(fd_s, sizeof(fd_s), "%d", fd);
		execve(SELF, argv, args_envp);
		_exit(127);
	}
	CHECK(waitpid(pid, &status, 0) == pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	return 1;
}

/* Another program: /bin/echo prints a KTAP comment line. */
static int test_other_program(void)
{
	char *argv[] = { "echo", "#", "echo", "says", "hello", NULL };

	CHECK(run("/bin/echo", argv, args_envp) == 0);
	return 1;
}

/* execv passes this process's environ. */
static int test_execv_environ(void)
{
	char **saved = environ;
	int status;
	pid_t pid;

	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		environ = (char **)args_envp;
		execv(SELF, args_argv);
		_exit(127);
	}
	CHECK(environ == saved);
	CHECK(waitpid(pid, &status, 0) == pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	return 1;
}

/*
 * vfork and execve: the parent goes on once the child has exec'd, with its
 * own stack intact; a failed execve in a vfork child ends with _exit.
 */
static int test_vfork_execve(void)
{
	volatile int canary = 0x5a5a;
	int status;
	pid_t pid;

	pid = vfork();
	if (pid == 0) {
		execve(SELF, args_argv, args_envp);
		_exit(127);
	}
	CHECK(pid > 0);
	CHECK(canary == 0x5a5a);
	CHECK(waitpid(pid, &status, 0) == pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);

	pid = vfork();
	if (pid == 0) {
		execve("/bin/no_such_program", args_argv, args_envp);
		_exit(127);
	}
	CHECK(pid > 0);
	CHECK(waitpid(pid, &status, 0) == pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 127);
	return 1;
}

/* execve in this very process: it must fail with err and come back. */
static int exec_fails(const char *path, char *const argv[], char *const envp[],
		      int err)
{
	errno = 0;
	if (execve(path, argv, envp) != -1 || errno != err) {
		printf("# execve: errno %d (%s), expected %d\n", errno,
		       strerror(errno), err);
		return 0;
	}
	return 1;
}

static int test_missing_enoent(void)
{
	CHECK(exec_fails("/bin/no_such_program", args_argv, args_envp, ENOENT));
	CHECK(exec_fails("/no_such_dir/prog", args_argv, args_envp, ENOENT));
	CHECK(exec_fails("", args_argv, args_envp, ENOENT));
	return 1;
}

/* A file used as a directory in a path. */
static int test_not_dir_enotdir(void)
{
	CHECK(exec_fails(SELF "/x", args_argv, args_envp, ENOTDIR));
	CHECK(exec_fails(SELF "/", args_argv, args_envp, ENOTDIR));
	return 1;
}

/* A directory is not executable: Linux says EACCES. */
static int test_directory_eacces(void)
{
	CHECK(exec_fails("/bin", args_argv, args_envp, EACCES));
	CHECK(exec_fails("/", args_argv, args_envp, EACCES));
	return 1;
}

/*
 * Pointers into the unmapped first page or into the kernel: EFAULT, and
 * this process goes on. They are read from volatile variables: a constant
 * bad pointer would be (rightly) refused by the compiler.
 */
static volatile unsigned long low_address = 1, kernel_address = 0xc0000000;

static int test_bad_pointers_efault(void)
{
	char *const bad_string_argv[] = { "exec_test", (char *)low_address,
					  NULL };
	char *const *bad_vector = (char *const *)low_address;

	CHECK(exec_fails((const char *)low_address, args_argv, args_envp,
			 EFAULT));
	CHECK(exec_fails((const char *)kernel_address, args_argv, args_envp,
			 EFAULT));
	CHECK(exec_fails(SELF, bad_vector, args_envp, EFAULT));
	CHECK(exec_fails(SELF, bad_string_argv, args_envp, EFAULT));
	CHECK(exec_fails(SELF, args_argv, bad_vector, EFAULT));
	return 1;
}

static const struct ktap_case tests[] = {
	{ "execve_argv_envp", test_argv_envp },
	{ "execve_empty_argv", test_empty_argv },
	{ "execve_big_arguments", test_big_arguments },
	{ "execve_fresh_memory", test_fresh_memory },
	{ "execve_keeps_pid_and_files", test_keeps_pid_and_files },
	{ "execve_other_program", test_other_program },
	{ "execv_passes_environ", test_execv_environ },
	{ "vfork_execve", test_vfork_execve },
	{ "execve_missing_enoent", test_missing_enoent },
	{ "execve_not_dir_enotdir", test_not_dir_enotdir },
	{ "execve_directory_eacces", test_directory_eacces },
	{ "execve_bad_pointers_efault", test_bad_pointers_efault },
};

int main(int argc, char **argv, char **envp)
{
	int n = sizeof(tests) / sizeof(tests[0]), i;

	for (i = 0; i < LONG_ARG; i++)
		long_arg[i] = (char)('a' + i % 26);
	if (argc != 1 || !argv[0][0])
		return child_main(argc, argv, envp);

	return ktap_run("exec_test", tests, n);
}
