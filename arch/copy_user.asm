; arch/copy_user.asm - the instructions that touch user memory, each listed in
; __ex_table with the place to continue if it faults for good.
;
; All use the cdecl convention. The copies use rep string instructions,
; whose count register says how much is left when a fault stops them.

section .text

; unsigned long __copy_user(void *to, const void *from, unsigned long n)
; Returns the bytes not copied.
global __copy_user
__copy_user:
	push esi
	push edi
	mov edi, [esp + 12]
	mov esi, [esp + 16]
	mov ecx, [esp + 20]
.copy:	rep movsb
.done:	mov eax, ecx
	pop edi
	pop esi
	ret

; unsigned long __clear_user(void *to, unsigned long n): bytes not cleared.
global __clear_user
__clear_user:
	push edi
	mov edi, [esp + 8]
	mov ecx, [esp + 12]
	xor eax, eax
.fill:	rep stosb
.done:	mov eax, ecx
	pop edi
	ret

; long __strncpy_from_user(char *dst, const char *src, long count)
; Returns the length copied without the NUL (count if none), or -1 on a fault.
global __strncpy_from_user
__strncpy_from_user:
	push esi
	push edi
	mov edi, [esp + 12]
	mov esi, [esp + 16]
	mov ecx, [esp + 20]
	xor edx, edx
.next:	cmp edx, ecx
	je .out
.load:	mov al, [esi + edx]
	mov [edi + edx], al
	test al, al
	jz .out
	inc edx
	jmp .next
.out:	mov eax, edx
	pop edi
	pop esi
	ret
.fault:	mov eax, -1
	pop edi
	pop esi
	ret

; int __put_user_4(unsigned long val, void *to): 0, or -EFAULT (14) if the
; store faults. One instruction: all four bytes are written, or none.
global __put_user_4
__put_user_4:
	mov eax, [esp + 4]
	mov edx, [esp + 8]
.store:	mov [edx], eax
	xor eax, eax
	ret
.fault:	mov eax, -14
	ret

section __ex_table align=4
	dd __copy_user.copy, __copy_user.done
	dd __clear_user.fill, __clear_user.done
	dd __strncpy_from_user.load, __strncpy_from_user.fault
	dd __put_user_4.store, __put_user_4.fault

section .note.GNU-stack noalloc noexec nowrite progbits
