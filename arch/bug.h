/* arch/bug.h - BUG() and BUG_ON(): stop at a broken invariant, where it broke. */
#ifndef ARCH_BUG_H
#define ARCH_BUG_H

#include "arch/panic.h"

#define BUG() panic("kernel BUG at %s:%d!", __FILE__, __LINE__)
#define BUG_ON(cond)                \
	do {                        \
		if (unlikely(cond)) \
			BUG();      \
	} while (0)

#endif
