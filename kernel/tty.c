/*
 * kernel/tty.c - the console in canonical mode, as Linux's N_TTY line
 * discipline: typed characters are echoed and collected into a line, which
 * read() gets only once Enter is pressed. Backspace edits the line,
 * Ctrl-C sends SIGINT to the foreground program, Ctrl-D ends input.
 */
#include "arch/console.h"
#include "arch/cpu.h"
#include "arch/uaccess.h"
#include "kernel/fs.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/tty.h"
#include "lib/errno.h"
#include "lib/printk.h"

#define N_TTY_BUF_SIZE 4096 /* Linux's: the longest line plus waiting input */
#define CTRL(c) ((c)&0x1f)
#define ASCII_DEL 0x7f
/* The console's device, ttyS0 (major 4, minor 64), as stat encodes it. */
#define TTYS0_RDEV ((4 << 8) | 64)
#define S_IFCHR 0020000

static char buf[N_TTY_BUF_SIZE];
static unsigned int head, tail; /* read from tail, typed at head (mod size) */
static unsigned int line_start; /* where the line being edited starts */
static unsigned int eof_marks; /* Ctrl-Ds waiting to end a read */
static struct task_struct *reader; /* asleep in tty_read */
static bool last_was_cr;

static void echo(const char *s, size_t n)
{
	console_write(s, n);
}

/* The program Ctrl-C is for: a task that is neither init nor waiting for
 * this very input nor waiting for a child (a shell at its prompt, or
 * running a command, stays alive). */
static void interrupt_foreground(void)
{
	struct task_struct *t, *child;

	for_each_task(t)
	{
		bool has_child = false;

		if (t->pid == 1 || t == reader || t->state == EXIT_ZOMBIE)
			continue;
		for_each_task(child) if (child->parent == t &&
					 child->state != EXIT_ZOMBIE)
			has_child = true;
		if (!has_child)
			send_sig(SIGINT, t);
	}
}

static void wake_reader(void)
{
	if (reader)
		wake_up_process(reader);
}

/* One typed character, in interrupt context. */
static void n_tty_receive_char(char c)
{
	if (c == '\n' && last_was_cr) { /* a terminal sends CR LF or CR */
		last_was_cr = false;
		return;
	}
	last_was_cr = c == '\r';
	if (c == '\r')
		c = '\n';
	switch (c) {
	case CTRL('c'):
		echo("^C\n", 3);
		head = line_start; /* the line being typed is dropped */
		interrupt_foreground();
		return;
	case CTRL('d'):
		/* On an empty line: end of input (a read returns 0). Else
		 * hand the line over as it is, without a newline. */
		if (head == line_start)
			eof_marks++;
		line_start = head;
		wake_reader();
		return;
	case '\b':
	case ASCII_DEL:
		if (head != line_start) {
			head--;
			echo("\b \b", 3);
		}
		return;
	default:
		break;
	}
	if (head - tail >= N_TTY_BUF_SIZE - 1)
		return; /* full: drop, as Linux does past its buffer */
	buf[head++ % N_TTY_BUF_SIZE] = c;
	echo(&c, 1);
	if (c == '\n') {
		line_start = head;
		wake_reader();
	}
}

/* Is there a complete line (or an end of input) to hand over? */
static bool input_ready(void)
{
	return line_start != tail || eof_marks;
}

/* Linux's n_tty_read(): nothing asked is nothing read, at once; with
 * O_NONBLOCK, no line yet is EAGAIN rather than a wait. */
static long tty_read(struct file *f, char *ubuf, unsigned long count)
{
	unsigned long n = 0;

	if (!count)
		return 0;
	local_irq_disable();
	while (!input_ready()) {
		if (f->f_flags & O_NONBLOCK) {
			local_irq_enable();
			return -EAGAIN;
		}
		reader = current;
		schedule_sleep(); /* the receive interrupt wakes us */
		reader = NULL;
		if (current->sigpending) {
			local_irq_enable();
			return -EINTR;
		}
	}
	if (tail == line_start) { /* no data: an end-of-input mark */
		eof_marks--;
		local_irq_enable();
		return 0;
	}
	/* Up to and including one newline, as canonical mode returns. Each
	 * byte is taken with interrupts off, copied with them on (the copy
	 * may fault in the user's page). */
	while (n < count && tail != line_start) {
		char c = buf[tail++ % N_TTY_BUF_SIZE];

		local_irq_enable();
		if (copy_to_user(ubuf + n, &c, 1))
			return n ? (long)n : -EFAULT;
		n++;
		local_irq_disable();
		if (c == '\n')
			break;
	}
	local_irq_enable();
	return (long)n;
}

static long tty_write(struct file *f, const char *ubuf, unsigned long count)
{
	char chunk[256];
	unsigned long done = 0;

	while (done < count) {
		unsigned long n =
			min(count - done, (unsigned long)sizeof(chunk));

		if (copy_from_user(chunk, ubuf + done, n))
			return done ? (long)done : -EFAULT;
		console_write(chunk, n);
		done += n;
	}
	return (long)done;
}

/* ioctl requests (Linux's include/uapi/asm-generic/ioctls.h). */
#define TCGETS 0x5401
#define TCSETS 0x5402
#define TCSETSW 0x5403
#define TCSETSF 0x5404
#define TIOCGWINSZ 0x5413
#define TIOCINQ 0x541B /* FIONREAD */
#define NCCS 19

/* The i386 kernel's struct termios and struct winsize. */
struct termios {
	unsigned int c_iflag, c_oflag, c_cflag, c_lflag;
	unsigned char c_line;
	unsigned char c_cc[NCCS];
};

struct winsize {
	unsigned short ws_row, ws_col, ws_xpixel, ws_ypixel;
};

/* Linux's tty_std_termios: canonical mode, echo, signals, CR->NL. */
static const struct termios std_termios = {
	.c_iflag = 0x0500, /* ICRNL | IXON */
	.c_oflag = 0x0005, /* OPOST | ONLCR */
	.c_cflag = 0x04bf, /* B38400 | CS8 | CREAD | HUPCL */
	.c_lflag =
		0x8a3b, /* ISIG ICANON ECHO ECHOE ECHOK ECHOCTL ECHOKE IEXTEN */
	.c_cc = "\003\034\177\025\004\0\1\0\021\023\032\0\022\017\027\026\0",
};

static long tty_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	static const struct winsize ws = { .ws_row = 25, .ws_col = 80 };

	switch (cmd) {
	case TCGETS: /* isatty(), and line buffering for stdio */
		return copy_to_user((void *)arg, &std_termios,
				    sizeof(std_termios)) ?
			       -EFAULT :
			       0;
	case TIOCGWINSZ:
		return copy_to_user((void *)arg, &ws, sizeof(ws)) ? -EFAULT : 0;
	case TIOCINQ: /* what a read could take now: the finished lines */
		return put_user_32(line_start - tail, (void *)arg);
	case TCSETS:
	case TCSETSW:
	case TCSETSF:
		/* Changing the line discipline's settings is not supported:
		 * say so rather than pretend. */
		return -EINVAL;
	default:
		return -ENOTTY; /* Linux's answer to what a tty does not know */
	}
}

static void tty_stat(struct file *f, struct stat64 *st)
{
	st->st_mode = S_IFCHR | 0620;
	st->st_rdev = TTYS0_RDEV;
	st->st_nlink = 1;
	st->st_blksize = 4096; /* devtmpfs's, where Linux's ttyS0 lives */
}

static const struct file_operations tty_fops = {
	.read = tty_read,
	.write = tty_write,
	.ioctl = tty_ioctl,
	.stat = tty_stat,
	/* no llseek: a terminal has no position (ESPIPE) */
};

static struct file console_file = {
	.f_path = "/dev/ttyS0",
	.f_count = 1, /* the kernel's own reference: never freed */
	.f_op = &tty_fops,
	.f_mode = FMODE_READ | FMODE_WRITE,
};

struct file *tty_console_file(void)
{
	return &console_file;
}

void tty_init(void)
{
	serial_set_receiver(n_tty_receive_char);
}
