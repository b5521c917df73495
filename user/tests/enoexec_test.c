/*
 * enoexec_test - execve of a file that is not an ELF program fails with
 * ENOEXEC, and the caller goes on. Kernel-specific only because the Linux
 * peer's initramfs has no /etc/motd (Linux gives ENOEXEC for it too: a
 * text file without "#!").
 */
#include "ulib.h"

int main(void)
{
	char *argv[] = { "motd", NULL };
	int ret;

	printf("KTAP version 1\n1..1\n");
	ret = execve("/etc/motd", argv, environ);
	printf("%s 1 execve_of_a_text_file_is_enoexec\n",
	       ret == -1 && errno == ENOEXEC ? "ok" : "not ok");
	return !(ret == -1 && errno == ENOEXEC);
}
