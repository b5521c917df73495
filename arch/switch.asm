; arch/switch.asm - switching kernel stacks, and entering user mode.

section .text
extern ret_from_trap

; void __switch_to(unsigned long *prev_sp, unsigned long next_sp)
; Save the callee-saved registers on this stack, store the stack pointer in
; *prev_sp, load next_sp and pop the next task's registers: its "ret" then
; returns into wherever that task called __switch_to (or, for a new task,
; into the address its stack was prepared with).
global __switch_to
__switch_to:
	mov eax, [esp + 4]
	mov edx, [esp + 8]
	push ebp
	push ebx
	push esi
	push edi
	mov [eax], esp
	mov esp, edx
	pop edi
	pop esi
	pop ebx
	pop ebp
	ret

; void return_to_user(struct pt_regs *regs): leave the kernel through the
; common trap exit, restoring every register from regs (iret to ring 3).
global return_to_user
return_to_user:
	mov esp, [esp + 4]
	jmp ret_from_trap

section .note.GNU-stack noalloc noexec nowrite progbits
