/* arch/serial.c - the 16550 UART on COM1: polled output, interrupt input. */
#include "arch/console.h"
#include "arch/cpu.h"
#include "arch/io.h"
#include "arch/irq.h"
#include "lib/compiler.h"
#include "lib/printk.h"

/* Register offsets and bits (TI PC16550D datasheet; Linux's serial_reg.h). */
#define COM1_BASE 0x3f8
#define UART_RX 0 /* receive buffer (DLAB=0) */
#define UART_TX 0 /* transmit holding (DLAB=0) */
#define UART_DLL 0 /* divisor latch low (DLAB=1) */
#define UART_DLM 1 /* divisor latch high (DLAB=1) */
#define UART_IER 1
#define UART_IER_RDI 0x01 /* interrupt when data is received */
#define UART_FCR 2
#define UART_FCR_ENABLE_CLEAR 0x07 /* enable FIFOs, clear both */
#define UART_LCR 3
#define UART_LCR_DLAB 0x80
#define UART_LCR_WLEN8 0x03 /* 8 data bits, no parity, 1 stop bit */
#define UART_MCR 4
#define UART_MCR_DTR 0x01
#define UART_MCR_RTS 0x02
#define UART_MCR_OUT2 0x08 /* gates the UART's interrupt onto the ISA bus */
#define UART_MCR_LOOP 0x10
#define UART_LSR 5
#define UART_LSR_DR 0x01 /* a received byte is ready */
#define UART_LSR_THRE 0x20 /* the transmit holding register is empty */
#define BASE_BAUD 115200 /* 1.8432 MHz / 16 */
#define SERIAL_BAUD 115200

/* Received bytes wait here between the interrupt and serial_getc(). */
#define RX_BUF_SIZE 256

static u8 rx_buf[RX_BUF_SIZE];
static void (*receiver)(char c);

void serial_set_receiver(void (*rx)(char c))
{
	receiver = rx;
}
static unsigned int rx_head, rx_tail; /* free-running; index mod size */

void serial_putc(char c)
{
	while (!(inb(COM1_BASE + UART_LSR) & UART_LSR_THRE))
		;
	outb((u8)c, COM1_BASE + UART_TX);
}

static void serial_console_write(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\n')
			serial_putc('\r');
		serial_putc(s[i]);
	}
}

static struct console serial_console = {
	.name = "ttyS0",
	.write = serial_console_write,
};

static void serial_interrupt(unsigned int irq, struct pt_regs *regs)
{
	while (inb(COM1_BASE + UART_LSR) & UART_LSR_DR) {
		u8 c = inb(COM1_BASE + UART_RX);

		if (receiver) {
			receiver((char)c);
			continue;
		}
		/* When the buffer is full the newest byte is dropped. */
		if (rx_head - rx_tail < RX_BUF_SIZE)
			rx_buf[rx_head++ % RX_BUF_SIZE] = c;
	}
}

int serial_getc(void)
{
	unsigned long flags = local_irq_save();
	int c = -1;

	if (rx_tail != rx_head)
		c = rx_buf[rx_tail++ % RX_BUF_SIZE];
	local_irq_restore(flags);
	return c;
}

void serial_set_loopback(bool on)
{
	u8 mcr = UART_MCR_DTR | UART_MCR_RTS | UART_MCR_OUT2;

	outb(on ? mcr | UART_MCR_LOOP : mcr, COM1_BASE + UART_MCR);
}

void serial_init(void)
{
	unsigned int divisor = BASE_BAUD / SERIAL_BAUD;

	outb(0, COM1_BASE + UART_IER);
	outb(UART_LCR_DLAB, COM1_BASE + UART_LCR);
	outb(divisor & 0xff, COM1_BASE + UART_DLL);
	outb(divisor >> 8, COM1_BASE + UART_DLM);
	outb(UART_LCR_WLEN8, COM1_BASE + UART_LCR);
	outb(UART_FCR_ENABLE_CLEAR, COM1_BASE + UART_FCR);
	serial_set_loopback(false);
	register_console(&serial_console);
}

void serial_enable_rx_irq(void)
{
	request_irq(COM1_IRQ, serial_interrupt);
	outb(UART_IER_RDI, COM1_BASE + UART_IER);
}
