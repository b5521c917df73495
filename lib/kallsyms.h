/* lib/kallsyms.h - kernel text addresses to symbol names, as Linux's kallsyms. */
#ifndef LIB_KALLSYMS_H
#define LIB_KALLSYMS_H

/*
 * The name of the function containing addr, its size and addr's offset in it;
 * NULL when addr is outside the kernel's text. The table is generated from
 * the linked kernel itself (tools/kallsyms.sh), so it is never stale.
 */
const char *kallsyms_lookup(unsigned long addr, unsigned long *size,
			    unsigned long *offset);
/* The address of a kernel function by name, or 0. */
unsigned long kallsyms_lookup_name(const char *name);

/* The generated table (build/kallsyms.c), sorted by address. */
struct kallsym {
	unsigned long addr;
	const char *name;
};
extern const struct kallsym kallsyms[];
extern const unsigned int kallsyms_num;
/* The end of the last symbol: the end of the kernel's text. */
extern const unsigned long kallsyms_text_end;

#endif
