/*
 * tools/peer/init.c - /init of the Linux peer's initramfs.
 *
 * run.sh writes the program names to /programs, one a line, each name
 * maybe followed by arguments (run.sh --args), separated by spaces. For each
 * NAME, in order, /init forks, execs /bin/NAME with them, waits, and prints
 *
 *	peer: NAME exit=N	or	peer: NAME signal=N
 *
 * then "peer: done", and powers the VM off. The programs inherit fds 0, 1
 * and 2 on /dev/console (the serial line), so their output reaches run.sh
 * as they write it, between the peer: lines.
 */
#include "sys.h"

/* A small fixed environment, the same on every run, like a bare login. */
static char *const envp[] = { "HOME=/", "PATH=/bin", "TERM=linux", 0 };

/*
 * Each peer: line is built here and written with one write(): a line in
 * pieces could be cut by the output of a program's orphaned children, which
 * may still run while /init prints.
 */
static char line[512];
static unsigned int line_len;

static void put_str(const char *s)
{
	while (*s && line_len < sizeof(line) - 1)
		line[line_len++] = *s++;
}

static void put_dec(unsigned long v)
{
	char digits[10];
	int n = 0;

	do
		digits[n++] = (char)('0' + v % 10);
	while (v /= 10);
	while (n--)
		if (line_len < sizeof(line) - 1)
			line[line_len++] = digits[n];
}

static void put_end(void)
{
	/* put_str and put_dec keep one byte free for this newline. */
	line[line_len++] = '\n';
	sys_write(1, line, line_len);
	line_len = 0;
}

#define MAX_ARGS 32

static void run(char *name)
{
	char path[128];
	char *argv[MAX_ARGS + 2] = { path };
	const char *s;
	unsigned int i = 0, argc = 1;
	int status = 0;
	long pid, ret;
	char *p;

	/* "NAME ARG ARG": the arguments are cut out in place. */
	for (p = name; *p; p++) {
		if (*p != ' ')
			continue;
		*p = 0;
		if (p[1] && p[1] != ' ' && argc <= MAX_ARGS)
			argv[argc++] = p + 1;
	}
	argv[argc] = 0;

	/*
	 * A loop, not an initialiser: "char path[128] = ..." may become a
	 * call to memset, which nothing here provides. run.sh keeps names
	 * short, so the bound only guards the buffer.
	 */
	for (s = "/bin/"; *s; s++)
		path[i++] = *s;
	for (s = name; *s && i < sizeof(path) - 1; s++)
		path[i++] = *s;
	path[i] = 0;

	pid = sys_fork();
	if (pid == 0) {
		ret = sys_execve(path, argv, envp);
		/* 127, as a shell reports a command it cannot run */
		put_str("peer: ");
		put_str(name);
		put_str(" execve failed errno=");
		put_dec((unsigned long)-ret);
		put_end();
		sys_exit(127);
	}

	put_str("peer: ");
	put_str(name);
	if (pid < 0) {
		put_str(" fork failed errno=");
		put_dec((unsigned long)-pid);
		put_end();
		return;
	}

	/*
	 * Wait for any child, not just this one: as pid 1, /init inherits the
	 * orphans of earlier programs, and leaving them unreaped would keep
	 * zombies around for the programs that follow.
	 */
	do
		ret = sys_waitpid(-1, &status, 0);
	while (ret != pid && (ret > 0 || ret == -EINTR));

	if (ret != pid) {
		put_str(" waitpid failed errno=");
		put_dec((unsigned long)-ret);
	} else if ((status & 0x7f) == 0) { /* WIFEXITED */
		put_str(" exit=");
		put_dec((status >> 8) & 0xff);
	} else { /* WIFSIGNALED: no WUNTRACED, so never stopped */
		put_str(" signal=");
		put_dec(status & 0x7f);
	}
	put_end();
}

/*
 * The names come in a file, not as /init's arguments after "--" on the kernel
 * command line: Linux gives init at most 31 arguments (MAX_INIT_ARGS) and
 * panics beyond, and the whole command line is limited to 2048 bytes.
 */
static char names[65536];

static void run_all(void)
{
	unsigned long len = 0;
	char *name, *p;
	long fd, n;

	fd = sys_open("/programs", O_RDONLY);
	if (fd < 0) {
		put_str("peer: /programs: open failed errno=");
		put_dec((unsigned long)-fd);
		put_end();
		return;
	}
	/* run.sh keeps the list well below the buffer: no partial names */
	while (len < sizeof(names) - 1 &&
	       (n = sys_read(fd, names + len, sizeof(names) - 1 - len)) > 0)
		len += n;
	sys_close(fd);
	names[len] = 0;

	for (name = p = names; *p; p++) {
		if (*p != '\n')
			continue;
		*p = 0;
		if (*name)
			run(name);
		name = p + 1;
	}
	if (*name)
		run(name);
}

void __attribute__((noreturn)) peer_main(void)
{
	static struct new_utsname uts;

	/*
	 * What a program may expect of a minimal Linux system. Errors are
	 * ignored: a program that needs a missing mount fails visibly itself.
	 */
	sys_mkdir("/proc", 0555);
	sys_mkdir("/sys", 0555);
	sys_mkdir("/dev", 0755);
	sys_mkdir("/tmp", 01777);
	sys_mount("proc", "/proc", "proc");
	sys_mount("sysfs", "/sys", "sysfs");
	sys_mount("devtmpfs", "/dev", "devtmpfs");

	/*
	 * The firmware leaves its last line unterminated: the leading newline
	 * puts "peer: start" at the start of a line, where run.sh looks for it.
	 * The node name ("(none)") is left out: it says nothing.
	 */
	put_str("\npeer: start");
	if (sys_uname(&uts) == 0) {
		put_str(" ");
		put_str(uts.sysname);
		put_str(" ");
		put_str(uts.release);
		put_str(" ");
		put_str(uts.version);
		put_str(" ");
		put_str(uts.machine);
	}
	put_end();

	run_all();
	put_str("peer: done");
	put_end();

	/*
	 * If init exits, the kernel panics; powering off ends QEMU at once.
	 * Should power-off fail (no ACPI), QEMU's isa-debug-exit device at
	 * port 0xf4, which run.sh adds, ends it too.
	 */
	sys_reboot(LINUX_REBOOT_CMD_POWER_OFF);
	if (sys_ioperm(0xf4, 1, 1) == 0)
		__asm__ volatile("outb %%al, %%dx" : : "a"(0), "d"(0xf4));
	for (;;)
		sys_pause();
}
