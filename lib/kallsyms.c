/* lib/kallsyms.c - look a kernel text address up in the generated table. */
#include "lib/kallsyms.h"
#include "lib/string.h"

const char *kallsyms_lookup(unsigned long addr, unsigned long *size,
			    unsigned long *offset)
{
	unsigned int lo = 0, hi = kallsyms_num;
	unsigned long end;

	if (kallsyms_num == 0 || addr < kallsyms[0].addr ||
	    addr >= kallsyms_text_end)
		return NULL;
	/* Binary search for the last symbol at or below addr. */
	while (hi - lo > 1) {
		unsigned int mid = (lo + hi) / 2;

		if (kallsyms[mid].addr <= addr)
			lo = mid;
		else
			hi = mid;
	}
	end = lo + 1 < kallsyms_num ? kallsyms[lo + 1].addr : kallsyms_text_end;
	if (size)
		*size = end - kallsyms[lo].addr;
	if (offset)
		*offset = addr - kallsyms[lo].addr;
	return kallsyms[lo].name;
}

unsigned long kallsyms_lookup_name(const char *name)
{
	for (unsigned int i = 0; i < kallsyms_num; i++)
		if (strcmp(kallsyms[i].name, name) == 0)
			return kallsyms[i].addr;
	return 0;
}
