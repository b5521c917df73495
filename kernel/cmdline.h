/* kernel/cmdline.h - the kernel command line: key=value options and flags. */
#ifndef KERNEL_CMDLINE_H
#define KERNEL_CMDLINE_H

/* Linux's COMMAND_LINE_SIZE for x86. */
#define COMMAND_LINE_SIZE 2048
#define MAX_CMDLINE_PARAMS 64
/* Linux's MAX_INIT_ARGS: words after "--" that init gets, at most. */
#define MAX_INIT_ARGS 32
/* The word that ends the kernel's options (Linux's init/main.c). */
#define INIT_ARGS_MARK "--"

/* The command line as the boot loader passed it (cut to fit). */
extern char boot_command_line[COMMAND_LINE_SIZE];

/*
 * Keep a copy of the loader's command line and split it into words. A first
 * word without '=' that names a file (QEMU's -kernel passes the image path
 * first, GRUB does not) is the boot image, not an option.
 */
void parse_cmdline(const char *src);
/*
 * The value of key=value, "" for a bare flag, NULL when absent. The last
 * occurrence wins, as with Linux's parameters.
 */
const char *cmdline_get(const char *key);
/* The words after "--", for init's argv[1], argv[2], ...; NULL-terminated. */
const char *const *cmdline_init_args(void);
/* The boot image named on the command line, or NULL. */
const char *cmdline_boot_image(void);

#endif
