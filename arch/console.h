/* arch/console.h - the PC's consoles: COM1 serial port and VGA text mode. */
#ifndef ARCH_CONSOLE_H
#define ARCH_CONSOLE_H

#include "lib/types.h"

/* Set COM1 to 115200 8N1 and register it as a printk console. */
void serial_init(void);
/* Start receiving on COM1 by interrupt (needs init_IRQ first). */
void serial_enable_rx_irq(void);
/*
 * Hand every received byte to rx, in interrupt context, instead of
 * buffering it for serial_getc() (the tty's line discipline takes over).
 */
void serial_set_receiver(void (*rx)(char c));
/* The next received byte, or -1 if none has arrived. Never blocks. */
int serial_getc(void);
/* Write one byte to COM1 as is (no newline translation). */
void serial_putc(char c);
/*
 * The UART's loopback mode: what is sent is received by the same port,
 * through the same interrupt, and not seen outside. For tests.
 */
void serial_set_loopback(bool on);

/* Clear the VGA text screen and register it as a printk console. */
void vga_init(void);

#endif
