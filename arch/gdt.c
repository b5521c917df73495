/* arch/gdt.c - the global descriptor table and the task-state segment. */
#include "arch/desc.h"
#include "arch/segment.h"
#include "lib/compiler.h"
#include "lib/string.h"

/*
 * Segment descriptor fields (SDM vol. 3A, 3.4.5, figure 3-8). Every code and
 * data segment is flat (base 0, limit 4 GiB): paging, not segmentation,
 * separates user from kernel.
 */
#define DESC_TYPE_DATA_RW 0x2 /* read/write data */
#define DESC_TYPE_CODE_RX 0xa /* execute/read code */
#define DESC_TYPE_TSS_32 0x9 /* available 32-bit TSS */
#define DESC_S (1 << 4) /* code or data, not system */
#define DESC_DPL(n) ((n) << 5)
#define DESC_P (1 << 7)
#define DESC_FLAG_DB (1 << 2) /* 32-bit segment */
#define DESC_FLAG_G (1 << 3) /* limit counts 4 KiB units */
#define FLAT_LIMIT 0xfffff /* with G: 4 GiB */

struct desc_struct {
	u16 limit0;
	u16 base0;
	u8 base1;
	u8 access;
	u8 limit1_flags;
	u8 base2;
} __packed;

struct desc_ptr {
	u16 size;
	u32 address;
} __packed;

static struct desc_struct gdt[GDT_ENTRIES] __aligned(8);
static struct x86_hw_tss tss __aligned(16);

static void set_desc_raw(struct desc_struct *d, u32 base, u32 limit, u8 access,
			 u8 flags)
{
	d->limit0 = limit & 0xffff;
	d->base0 = base & 0xffff;
	d->base1 = (base >> 16) & 0xff;
	d->access = access;
	d->limit1_flags = ((limit >> 16) & 0xf) | (flags << 4);
	d->base2 = base >> 24;
}

static void set_desc(int n, u32 base, u32 limit, u8 access, u8 flags)
{
	set_desc_raw(&gdt[n], base, limit, access, flags);
}

u64 tls_desc_from_user(const struct user_desc *info)
{
	struct desc_struct d;
	u8 type;
	u64 raw;

	/* Linux's LDT_empty(): this exact description means "no segment". */
	if (!info->base_addr && !info->limit && !info->contents &&
	    info->read_exec_only && !info->seg_32bit && !info->limit_in_pages &&
	    info->seg_not_present && !info->useable)
		return 0;
	type = (u8)((info->read_exec_only ^ 1) << 1 | info->contents << 2 |
		    1); /* the accessed bit, as Linux sets it */
	set_desc_raw(&d, info->base_addr, info->limit,
		     (u8)((info->seg_not_present ? 0 : DESC_P) | DESC_DPL(3) |
			  DESC_S | type),
		     (u8)(info->useable | (info->seg_32bit ? DESC_FLAG_DB : 0) |
			  (info->limit_in_pages ? DESC_FLAG_G : 0)));
	memcpy(&raw, &d, sizeof(raw));
	return raw;
}

void load_tls(const u64 tls[GDT_ENTRY_TLS_ENTRIES])
{
	memcpy(&gdt[GDT_ENTRY_TLS_MIN], tls,
	       GDT_ENTRY_TLS_ENTRIES * sizeof(u64));
}

void tss_set_sp0(unsigned long sp0)
{
	tss.sp0 = sp0;
}

const struct x86_hw_tss *cpu_tss(void)
{
	return &tss;
}

void set_tss_desc(unsigned int entry, struct x86_hw_tss *t)
{
	set_desc((int)entry, (u32)t, sizeof(*t) - 1,
		 DESC_P | DESC_DPL(0) | DESC_TYPE_TSS_32, 0);
}

void gdt_init(void)
{
	struct desc_ptr gdtr = { sizeof(gdt) - 1, (u32)gdt };

	set_desc(GDT_ENTRY_KERNEL_CS, 0, FLAT_LIMIT,
		 DESC_P | DESC_DPL(0) | DESC_S | DESC_TYPE_CODE_RX,
		 DESC_FLAG_G | DESC_FLAG_DB);
	set_desc(GDT_ENTRY_KERNEL_DS, 0, FLAT_LIMIT,
		 DESC_P | DESC_DPL(0) | DESC_S | DESC_TYPE_DATA_RW,
		 DESC_FLAG_G | DESC_FLAG_DB);
	set_desc(GDT_ENTRY_DEFAULT_USER_CS, 0, FLAT_LIMIT,
		 DESC_P | DESC_DPL(3) | DESC_S | DESC_TYPE_CODE_RX,
		 DESC_FLAG_G | DESC_FLAG_DB);
	set_desc(GDT_ENTRY_DEFAULT_USER_DS, 0, FLAT_LIMIT,
		 DESC_P | DESC_DPL(3) | DESC_S | DESC_TYPE_DATA_RW,
		 DESC_FLAG_G | DESC_FLAG_DB);
	/* The TSS only supplies ss0:sp0 for ring 3 -> 0 transitions; an
	 * I/O bitmap offset past the limit means "no I/O bitmap". */
	tss.ss0 = __KERNEL_DS;
	tss.io_bitmap_base = sizeof(tss);
	set_tss_desc(GDT_ENTRY_TSS, &tss);

	__asm__ __volatile__("lgdt %0\n\t"
			     "ljmp %1, $1f\n"
			     "1:\n\t"
			     "movl %2, %%eax\n\t"
			     "movl %%eax, %%ds\n\t"
			     "movl %%eax, %%es\n\t"
			     "movl %%eax, %%ss\n\t"
			     "xorl %%eax, %%eax\n\t"
			     "movl %%eax, %%fs\n\t"
			     "movl %%eax, %%gs\n\t"
			     "ltr %w3"
			     :
			     : "m"(gdtr), "i"(__KERNEL_CS), "i"(__KERNEL_DS),
			       "r"(GDT_ENTRY_TSS_SEL)
			     : "eax", "memory");
}
