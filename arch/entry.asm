; arch/entry.asm - one entry stub per interrupt vector, and the common path.
;
; Each stub makes the stack look the same whether or not the CPU pushed an
; error code (SDM vol. 3A, 6.13), then pushes its vector. The common path
; saves the rest of struct pt_regs (arch/traps.h), switches to the kernel's
; data segments and calls do_trap(regs). Returning restores every register
; from pt_regs, so a handler may change them (e.g. ip, to resume elsewhere).

__KERNEL_DS	equ 0x68		; arch/segment.h: GDT_ENTRY_KERNEL_DS * 8

; The exceptions for which the CPU pushes an error code (SDM vol. 3A, table 6-1):
; #DF 8, #TS 10, #NP 11, #SS 12, #GP 13, #PF 14, #AC 17, #CP 21, #VC 29, #SX 30.
%macro has_error_code 1
	%if %1 == 8 || (%1 >= 10 && %1 <= 14) || %1 == 17 || %1 == 21 || %1 == 29 || %1 == 30
		%assign errcode 1
	%else
		%assign errcode 0
	%endif
%endmacro

section .text
extern do_trap

; trap_entry_stubs (below) lists their addresses for idt_init.
%assign vec 0
%rep 256
	align 16
vector_%+vec:
	has_error_code vec
	%if errcode == 0
	push dword 0
	%endif
	push dword vec
	jmp trap_common
	%assign vec vec + 1
%endrep

trap_common:
	push gs
	push fs
	push es
	push ds
	push eax
	push ebp
	push edi
	push esi
	push edx
	push ecx
	push ebx
	mov eax, __KERNEL_DS
	mov ds, eax
	mov es, eax
	; The kernel uses neither fs nor gs: null them, so that a task switch
	; inside the kernel never carries a program's TLS selector into a task
	; whose GDT slot for it is empty (popping it would then be a #GP).
	xor eax, eax
	mov fs, eax
	mov gs, eax
	cld
	push esp			; do_trap(struct pt_regs *regs)
	call do_trap
	add esp, 4
global ret_from_trap
ret_from_trap:
	pop ebx
	pop ecx
	pop edx
	pop esi
	pop edi
	pop ebp
	pop eax
	pop ds
	pop es
	pop fs
	pop gs
	add esp, 8			; vector and error code
	iret

section .rodata
align 4
global trap_entry_stubs
trap_entry_stubs:
%assign vec 0
%rep 256
	dd vector_%+vec
	%assign vec vec + 1
%endrep

section .note.GNU-stack noalloc noexec nowrite progbits
