/*
 * arch/fpu.h - the x87/SSE register state of user programs. The kernel
 * never uses these registers (it is built with -mno-sse -mno-80387), so a
 * task's state only needs saving when another task is switched in.
 */
#ifndef ARCH_FPU_H
#define ARCH_FPU_H

#include "lib/compiler.h"
#include "lib/types.h"

/* The FXSAVE area (SDM vol. 1, 10.5.1): 512 bytes, 16-byte aligned. */
struct fxregs_state {
	u8 bytes[512];
} __aligned(16);

/* Enable the FPU and, when the CPU has them, SSE and FXSAVE (CR0, CR4). */
void fpu_init(void);
/* The state a new program starts with (FNINIT, MXCSR's default). */
void fpu_init_state(struct fxregs_state *fpu);
void fpu_save(struct fxregs_state *fpu);
void fpu_restore(const struct fxregs_state *fpu);

#endif
