/* arch/vga.c - printk mirrored on the VGA text screen (80x25, colour). */
#include "arch/console.h"
#include "arch/io.h"
#include "arch/page.h"
#include "lib/printk.h"

/* The colour text buffer and CRT controller ports (IBM VGA reference). */
#define VGA_TEXT_PHYS 0xb8000
#define VGA_COLS 80
#define VGA_ROWS 25
#define VGA_ATTR 0x07 /* light grey on black */
#define VGA_CRTC_INDEX 0x3d4
#define VGA_CRTC_DATA 0x3d5
#define VGA_CRTC_CURSOR_HI 0x0e
#define VGA_CRTC_CURSOR_LO 0x0f
#define TAB_WIDTH 8

static volatile u16 *const vga_buf = (volatile u16 *)__va(VGA_TEXT_PHYS);
static unsigned int row, col;

static u16 vga_cell(char c)
{
	return (u16)(VGA_ATTR << 8) | (u8)c;
}

static void vga_scroll(void)
{
	for (unsigned int i = 0; i < (VGA_ROWS - 1) * VGA_COLS; i++)
		vga_buf[i] = vga_buf[i + VGA_COLS];
	for (unsigned int i = 0; i < VGA_COLS; i++)
		vga_buf[(VGA_ROWS - 1) * VGA_COLS + i] = vga_cell(' ');
	row = VGA_ROWS - 1;
}

static void vga_update_cursor(void)
{
	unsigned int pos = row * VGA_COLS + col;

	outb(VGA_CRTC_CURSOR_HI, VGA_CRTC_INDEX);
	outb(pos >> 8, VGA_CRTC_DATA);
	outb(VGA_CRTC_CURSOR_LO, VGA_CRTC_INDEX);
	outb(pos & 0xff, VGA_CRTC_DATA);
}

static void vga_putc(char c)
{
	switch (c) {
	case '\n':
		col = 0;
		row++;
		break;
	case '\r':
		col = 0;
		break;
	case '\b':
		if (col)
			col--;
		break;
	case '\t':
		col = (col + TAB_WIDTH) & ~(TAB_WIDTH - 1);
		break;
	default:
		vga_buf[row * VGA_COLS + col++] = vga_cell(c);
		break;
	}
	if (col >= VGA_COLS) {
		col = 0;
		row++;
	}
	if (row >= VGA_ROWS)
		vga_scroll();
}

static void vga_console_write(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		vga_putc(s[i]);
	vga_update_cursor();
}

static struct console vga_console = {
	.name = "tty0",
	.write = vga_console_write,
};

void vga_init(void)
{
	for (unsigned int i = 0; i < VGA_ROWS * VGA_COLS; i++)
		vga_buf[i] = vga_cell(' ');
	row = col = 0;
	register_console(&vga_console);
}
