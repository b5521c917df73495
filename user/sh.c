/* user/sh.c - the shell: read a line, split it into words, run a program. */
#include "ulib.h"

/*
 * A shell in its simplest form: print a prompt, read one line, split it
 * into words at spaces and tabs, and either do it itself (a builtin) or
 * fork a child that execve's the program while the shell waits for it.
 * There is no quoting, no variables but $?, no pipes and no redirection.
 *
 * On the console the kernel's line discipline does the editing: it echoes
 * what is typed, handles backspace, and hands the shell a whole line when
 * Enter is pressed. Ctrl-D on an empty line makes read return 0 (end of
 * input) and the shell exits; Ctrl-C sends SIGINT to the program running
 * in the foreground.
 */

#define LINE_MAX 256
#define ARGS_MAX 32

/* The exit status of the last command, shown by `echo $?`. */
static int last_status;

/*
 * Bytes read but not used yet: one read may return more than one line (on
 * the console it returns at most one, but a pipe or a file may give more).
 */
static char inbuf[LINE_MAX];
static size_t in_pos, in_len;

/*
 * One line into line[LINE_MAX], without its newline: its length, -1 at the
 * end of the input, -2 if read failed. A line that does not fit is cut.
 */
static int read_line(char *line)
{
	size_t len = 0;
	int too_long = 0;
	ssize_t n;
	char c;

	for (;;) {
		if (in_pos == in_len) {
			n = read(0, inbuf, sizeof(inbuf));
			if (n < 0 && errno == EINTR) {
				/* a signal cut the read: drop the line */
				write(1, "\n", 1);
				line[0] = '\0';
				return 0;
			}
			if (n < 0) {
				dprintf(2, "sh: read: %s\n", strerror(errno));
				return -2;
			}
			if (n == 0) {
				if (len == 0)
					return -1;
				break; /* a last line without a newline */
			}
			in_pos = 0;
			in_len = (size_t)n;
		}
		c = inbuf[in_pos++];
		if (c == '\n')
			break;
		if (len < LINE_MAX - 1)
			line[len++] = c;
		else
			too_long = 1;
	}
	line[len] = '\0';
	if (too_long)
		dprintf(2, "sh: line too long: cut to %d characters\n",
			LINE_MAX - 1);
	return (int)len;
}

/* Split line in place into words: their number (ARGS_MAX - 1 at most). */
static int split_words(char *line, char **words)
{
	int n = 0;
	char *p = line;

	for (;;) {
		while (*p == ' ' || *p == '\t')
			*p++ = '\0';
		if (!*p)
			break;
		if (n == ARGS_MAX - 1) {
			dprintf(2, "sh: too many words: only %d used\n", n);
			break;
		}
		words[n++] = p;
		while (*p && *p != ' ' && *p != '\t')
			p++;
	}
	words[n] = NULL;
	return n;
}

/* How a shell names a death by signal (glibc's strsignal). */
static const char *const signal_names[] = {
	[SIGHUP] = "Hangup",
	[SIGINT] = "Interrupt",
	[SIGQUIT] = "Quit",
	[SIGILL] = "Illegal instruction",
	[SIGTRAP] = "Trace/breakpoint trap",
	[SIGABRT] = "Aborted",
	[SIGBUS] = "Bus error",
	[SIGFPE] = "Floating point exception",
	[SIGKILL] = "Killed",
	[SIGUSR1] = "User defined signal 1",
	[SIGSEGV] = "Segmentation fault",
	[SIGUSR2] = "User defined signal 2",
	[SIGPIPE] = "Broken pipe",
	[SIGALRM] = "Alarm clock",
	[SIGTERM] = "Terminated",
};

/* Turn a wait status into $?, and say so when a signal killed the child. */
static int report_status(int status)
{
	int sig, n = sizeof(signal_names) / sizeof(signal_names[0]);

	if (!WIFSIGNALED(status))
		return WEXITSTATUS(status);
	sig = WTERMSIG(status);
	if (sig < n && signal_names[sig])
		dprintf(2, "%s\n", signal_names[sig]);
	else
		dprintf(2, "Signal %d\n", sig);
	return 128 + sig;
}

/*
 * Run words[0] as a program: /bin/NAME, or NAME itself when it holds a '/'.
 * The child inherits the shell's open files (the console as 0, 1 and 2)
 * and its environment. When execve fails, the child reports why and exits
 * with 127 (not found) or 126 (found but not runnable), as POSIX shells do.
 */
static int run_program(char **words)
{
	char path[LINE_MAX + 5];
	int status;
	pid_t pid;

	if (strchr(words[0], '/'))
		strcpy(path, words[0]);
	else
		snprintf(path, sizeof(path), "/bin/%s", words[0]);

	pid = fork();
	if (pid < 0) {
		dprintf(2, "sh: fork: %s\n", strerror(errno));
		return 1;
	}
	if (pid == 0) {
		execve(path, words, environ);
		if (errno == ENOENT) {
			dprintf(2, "sh: %s: not found\n", words[0]);
			_exit(127);
		}
		dprintf(2, "sh: %s: %s (errno %d)\n", words[0], strerror(errno),
			errno);
		_exit(126);
	}
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			dprintf(2, "sh: waitpid: %s\n", strerror(errno));
			return 1;
		}
	}
	return report_status(status);
}

/* A decimal number, as exit takes it: 0 if s is one, -1 if not. */
static int parse_number(const char *s, int *value)
{
	int v = 0, sign = 1;

	if (*s == '-') {
		sign = -1;
		s++;
	}
	if (!*s)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || v > 100000000)
			return -1;
		v = v * 10 + (*s - '0');
	}
	*value = sign * v;
	return 0;
}

static void help(void)
{
	printf("This shell reads one line at a time and splits it into words\n"
	       "at spaces and tabs. There is no quoting: 'a b' is two words,\n"
	       "with their quotes. A word that is exactly $? is replaced by\n"
	       "the exit status of the last command.\n"
	       "\n"
	       "Builtins:\n"
	       "  exit [N]   leave the shell with status N (default: $?)\n"
	       "  help       this text\n"
	       "\n"
	       "Any other first word is a program: NAME runs /bin/NAME, and\n"
	       "a word with a '/' in it is used as a path. For example:\n"
	       "  echo hello   cat FILE   sleep 1   true   false   forkdemo\n"
	       "\n"
	       "Ctrl-C interrupts the running program, Ctrl-D on an empty\n"
	       "line leaves the shell.\n");
}

/* Do one command line: the new $?. *done is set when the shell must exit. */
static int run_line(char *line, int *done)
{
	char *words[ARGS_MAX], status_word[12];
	int n, i, code;

	n = split_words(line, words);
	if (n == 0)
		return last_status; /* an empty line changes nothing */
	snprintf(status_word, sizeof(status_word), "%d", last_status);
	for (i = 0; i < n; i++)
		if (!strcmp(words[i], "$?"))
			words[i] = status_word;

	if (!strcmp(words[0], "exit")) {
		code = last_status;
		if (n > 1 && parse_number(words[1], &code) < 0) {
			dprintf(2, "sh: exit: %s: not a number\n", words[1]);
			return 2;
		}
		*done = 1;
		return code & 0xff;
	}
	if (!strcmp(words[0], "help")) {
		help();
		return 0;
	}
	return run_program(words);
}

int main(int argc, char **argv, char **envp)
{
	char line[LINE_MAX];
	int done = 0, len;

	while (!done) {
		write(1, "$ ", 2);
		len = read_line(line);
		if (len == -2)
			return 1;
		if (len == -1) {
			/* Ctrl-D left the cursor after the prompt */
			write(1, "\n", 1);
			return 0;
		}
		last_status = run_line(line, &done);
	}
	return last_status;
}
