; user/lib/vfork.asm - vfork, which cannot be written in C.
;
; The child of vfork runs on the parent's stack until it calls execve or
; _exit, and only then does the parent go on. A C wrapper would return in the
; child through its return address on that stack, and the child's next call
; (execve's wrapper) would write over it: the parent, resumed, would then
; return to wherever the child's call left. So the return address is taken
; off the stack into ecx, which the kernel keeps for both processes, before
; the call, and put back after it, as glibc's i386 vfork does.

	global vfork:function
	extern syscall_ret

	section .text
vfork:
	pop ecx				; our return address, kept out of the stack
	mov eax, 190			; __NR_vfork
	int 0x80
	push ecx			; each process puts it back for itself
	cmp eax, -4095
	jae .error			; -4095..-1 is -errno
	ret
.error:
	push eax
	call syscall_ret		; errno = -eax, eax = -1
	add esp, 4
	ret

	section .note.GNU-stack noalloc noexec nowrite progbits
