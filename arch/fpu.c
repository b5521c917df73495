/*
 * arch/fpu.c - enable the FPU and SSE for user programs (a C library picks
 * SSE2 string routines when CPUID offers them) and save and restore their
 * registers with FXSAVE/FXRSTOR, eagerly, on every task switch.
 */
#include "arch/cpu.h"
#include "arch/fpu.h"
#include "lib/string.h"

/* SDM vol. 2A, CPUID leaf 1 EDX. */
#define CPUID_FEATURE_FXSR (1U << 24)
#define CPUID_FEATURE_SSE (1U << 25)
#define MXCSR_DEFAULT 0x1f80 /* all SIMD exceptions masked */
#define FXSAVE_MXCSR_OFFSET 24

static struct fxregs_state init_fpstate;
static bool have_fxsr;

static u32 cpuid_edx(u32 leaf)
{
	u32 a, b, c, d;

	__asm__ __volatile__("cpuid"
			     : "=a"(a), "=b"(b), "=c"(c), "=d"(d)
			     : "a"(leaf));
	return d;
}

void fpu_init(void)
{
	u32 features = cpuid_edx(1);

	/* The FPU is there, with native exceptions, and no lazy trapping. */
	write_cr0((read_cr0() & ~(X86_CR0_EM | X86_CR0_TS)) | X86_CR0_MP |
		  X86_CR0_NE);
	__asm__ __volatile__("fninit");
	have_fxsr = (features & CPUID_FEATURE_FXSR) &&
		    (features & CPUID_FEATURE_SSE);
	if (!have_fxsr)
		return; /* x87 only: FSAVE would do; not needed by our CPUs */
	write_cr4(read_cr4() | X86_CR4_OSFXSR | X86_CR4_OSXMMEXCPT);
	memset(&init_fpstate, 0, sizeof(init_fpstate));
	fpu_save(&init_fpstate);
	init_fpstate.bytes[FXSAVE_MXCSR_OFFSET] = MXCSR_DEFAULT & 0xff;
	init_fpstate.bytes[FXSAVE_MXCSR_OFFSET + 1] = MXCSR_DEFAULT >> 8;
}

void fpu_init_state(struct fxregs_state *fpu)
{
	*fpu = init_fpstate;
}

void fpu_save(struct fxregs_state *fpu)
{
	if (have_fxsr)
		__asm__ __volatile__("fxsave %0" : "=m"(*fpu));
}

void fpu_restore(const struct fxregs_state *fpu)
{
	if (have_fxsr)
		__asm__ __volatile__("fxrstor %0" : : "m"(*fpu));
}
