/* user/lib/time.c - nanosleep, sleep and clock_gettime. */
#include "syscall.h"
#include "ulib.h"

int nanosleep(const struct timespec *req, struct timespec *rem)
{
	return (int)syscall_ret(syscall2(__NR_nanosleep, (long)req, (long)rem));
}

unsigned int sleep(unsigned int seconds)
{
	struct timespec req = { (time_t)seconds, 0 }, rem = { 0, 0 };

	if (nanosleep(&req, &rem) < 0 && errno == EINTR)
		return (unsigned int)rem.tv_sec + (rem.tv_nsec > 0);
	return 0;
}

int clock_gettime(int clock, struct timespec *tp)
{
	return (int)syscall_ret(syscall2(__NR_clock_gettime, clock, (long)tp));
}
