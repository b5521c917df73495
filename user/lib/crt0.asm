; user/lib/crt0.asm - process entry: from the execve stack to main and exit.
;
; Linux i386 starts a process with esp pointing at argc, then argv[0..argc-1],
; a NULL, envp[...], a NULL, then the auxiliary vector (type, value pairs up
; to AT_NULL). Nothing in the registers is promised to a static program.

	global _start:function
	extern main, exit, environ

	section .text
_start:
	xor ebp, ebp			; the outermost frame: backtraces stop here
	mov eax, [esp]			; argc
	lea ecx, [esp + 4]		; argv
	lea edx, [ecx + eax * 4 + 4]	; envp, past argv's NULL
	mov [environ], edx
	and esp, -16			; the i386 psABI: 16-byte aligned at a call
	sub esp, 4
	push edx
	push ecx
	push eax
	call main
	mov [esp], eax			; still aligned: exit(main's result)
	call exit
	hlt				; exit does not return: fault if it did

	section .note.GNU-stack noalloc noexec nowrite progbits
