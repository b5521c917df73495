/* kernel/crash.h - deliberate crashes, to see (and test) the oops report. */
#ifndef KERNEL_CRASH_H
#define KERNEL_CRASH_H

/*
 * Crash the kernel the way "crash=WHAT" on the command line asks:
 * page_fault, divide_error or bug. Returns only for an unknown WHAT.
 */
void crash(const char *what);

#endif
