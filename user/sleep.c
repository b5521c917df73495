/* user/sleep.c - sleep N: wait N seconds (a decimal fraction is allowed). */
#include "ulib.h"

/* "2" or "0.25" as a timespec; -1 if s is not such a number. */
static int parse_seconds(const char *s, struct timespec *ts)
{
	long scale = 100000000; /* the first decimal is worth 10^8 ns */

	ts->tv_sec = 0;
	ts->tv_nsec = 0;
	if (!*s || *s == '.')
		return -1;
	for (; *s >= '0' && *s <= '9'; s++) {
		if (ts->tv_sec > 100000000) /* about three years is enough */
			return -1;
		ts->tv_sec = ts->tv_sec * 10 + (*s - '0');
	}
	if (*s == '.')
		for (s++; *s >= '0' && *s <= '9'; s++, scale /= 10)
			ts->tv_nsec += (*s - '0') * scale;
	return *s ? -1 : 0;
}

int main(int argc, char **argv, char **envp)
{
	struct timespec ts;

	if (argc != 2 || parse_seconds(argv[1], &ts) < 0) {
		dprintf(2,
			"usage: sleep SECONDS   (for example: sleep 2, sleep 0.5)\n");
		return 1;
	}
	/* A signal that does not kill us cuts the sleep short: go on with what is left. */
	while (nanosleep(&ts, &ts) < 0) {
		if (errno != EINTR) {
			dprintf(2, "sleep: %s\n", strerror(errno));
			return 1;
		}
	}
	return 0;
}
