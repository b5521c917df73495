/*
 * arch/tests/trap_probe.h - for tests: touch an address and record the
 * exception it raises instead of dying of it, then carry on.
 */
#ifndef ARCH_TESTS_TRAP_PROBE_H
#define ARCH_TESTS_TRAP_PROBE_H

#include "arch/traps.h"

/* What the recording handler saw of the last exception. */
struct trap_record {
	unsigned long trapno, error_code, cr2;
	unsigned long ip; /* where it was raised */
	unsigned long expected_ip; /* the probe's faulting instruction */
	int count; /* exceptions raised during the probe: 0 or 1 */
};

/* Read or write 4 bytes at addr with vector's exceptions recorded. */
void probe_read(unsigned long addr, unsigned int vector,
		struct trap_record *rec);
void probe_write(unsigned long addr, unsigned int vector,
		 struct trap_record *rec);
/* Divide 1 by divisor; raise #DE for 0. */
void probe_divide(unsigned long divisor, struct trap_record *rec);
/* Execute ud2. */
void probe_ud2(struct trap_record *rec);

#endif
