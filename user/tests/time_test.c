/* user/tests/time_test.c - nanosleep, sleep and clock_gettime. */
#include "ulib.h"

/*
 * Every check here gives the same verdict on real Linux i386, the oracle
 * (../shared/peers/linux-i386/run.sh). Output is KTAP; the exit status is 0
 * when all passed. Only lower bounds are checked on sleeps: under QEMU a
 * sleep may last much longer than asked, never shorter.
 */

#define CHECK(cond)                                                         \
	do {                                                                \
		if (!(cond)) {                                              \
			printf("# %s:%d: %s\n", __func__, __LINE__, #cond); \
			return 0;                                           \
		}                                                           \
	} while (0)

#define FAILS_WITH(call, err) ((errno = 0, (call) == -1) && errno == (err))

static volatile unsigned long low_address = 1;

static long long ns_of(const struct timespec *ts)
{
	return ts->tv_sec * 1000000000LL + ts->tv_nsec;
}

static long long monotonic_ns(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts) < 0)
		return -1;
	return ns_of(&ts);
}

/* Both clocks answer with a normalized time; the monotonic one never goes back. */
static int test_clock_gettime(void)
{
	struct timespec rt, mono;
	long long prev, now;
	int i;

	CHECK(clock_gettime(CLOCK_REALTIME, &rt) == 0);
	CHECK(clock_gettime(CLOCK_MONOTONIC, &mono) == 0);
	printf("# realtime %ld.%09ld, monotonic %ld.%09ld\n", rt.tv_sec,
	       rt.tv_nsec, mono.tv_sec, mono.tv_nsec);
	CHECK(rt.tv_nsec >= 0 && rt.tv_nsec < 1000000000);
	CHECK(mono.tv_nsec >= 0 && mono.tv_nsec < 1000000000);
	CHECK(rt.tv_sec > 0);
	prev = ns_of(&mono);
	for (i = 0; i < 1000; i++) {
		now = monotonic_ns();
		CHECK(now >= prev);
		prev = now;
	}
	return 1;
}

static int test_clock_gettime_errors(void)
{
	struct timespec ts;

	CHECK(FAILS_WITH(clock_gettime(1000, &ts), EINVAL));
	CHECK(FAILS_WITH(clock_gettime(CLOCK_MONOTONIC,
				       (struct timespec *)low_address),
			 EFAULT));
	return 1;
}

static int test_nanosleep_lasts(void)
{
	struct timespec req = { 0, 50000000 }; /* 50 ms */
	long long t0, t1;

	t0 = monotonic_ns();
	CHECK(nanosleep(&req, NULL) == 0);
	t1 = monotonic_ns();
	printf("# nanosleep(50 ms) took %lld us\n", (t1 - t0) / 1000);
	CHECK(t1 - t0 >= 50000000);
	return 1;
}

static int test_nanosleep_zero(void)
{
	struct timespec req = { 0, 0 };

	CHECK(nanosleep(&req, NULL) == 0);
	return 1;
}

static int test_nanosleep_einval(void)
{
	struct timespec too_many_ns = { 0, 1000000000 }, negative = { -1, 0 };

	CHECK(FAILS_WITH(nanosleep(&too_many_ns, NULL), EINVAL));
	CHECK(FAILS_WITH(nanosleep(&negative, NULL), EINVAL));
	CHECK(FAILS_WITH(nanosleep((struct timespec *)low_address, NULL),
			 EFAULT));
	return 1;
}

static int test_sleep_one_second(void)
{
	long long t0, t1;

	t0 = monotonic_ns();
	CHECK(sleep(1) == 0);
	t1 = monotonic_ns();
	CHECK(t1 - t0 >= 1000000000);
	return 1;
}

static const struct ktap_case tests[] = {
	{ "clock_gettime", test_clock_gettime },
	{ "clock_gettime_errors", test_clock_gettime_errors },
	{ "nanosleep_lasts", test_nanosleep_lasts },
	{ "nanosleep_zero", test_nanosleep_zero },
	{ "nanosleep_einval", test_nanosleep_einval },
	{ "sleep_one_second", test_sleep_one_second },
};

int main(int argc, char **argv, char **envp)
{
	int n = sizeof(tests) / sizeof(tests[0]);

	return ktap_run("time_test", tests, n);
}
