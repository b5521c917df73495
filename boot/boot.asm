; boot/boot.asm - the first instructions: from the multiboot loader to C.
;
; The loader (GRUB or QEMU's -kernel) jumps to _start in 32-bit protected
; mode with paging off, EAX = the multiboot magic and EBX = the physical
; address of the multiboot information (Multiboot Specification 0.6.96,
; section 3.2). The kernel is linked at PAGE_OFFSET + 1 MiB but loaded at
; 1 MiB, so until paging is on every symbol must be used as (symbol -
; PAGE_OFFSET). We build a page directory that maps physical memory twice:
; at 0 (identity, so the instruction after "mov cr0" still exists) and at
; PAGE_OFFSET (where the kernel is linked). Then we jump high, drop the
; identity half, and call kernel_main(magic, mbi).

; Multiboot Specification 0.6.96, 3.1.1: header magic and flags.
MULTIBOOT_HEADER_MAGIC  equ 0x1BADB002
MULTIBOOT_PAGE_ALIGN    equ 1 << 0	; modules page aligned (the initrd)
MULTIBOOT_MEMORY_INFO   equ 1 << 1	; mem_* and mmap_* fields wanted
MULTIBOOT_HEADER_FLAGS  equ MULTIBOOT_PAGE_ALIGN | MULTIBOOT_MEMORY_INFO

PAGE_OFFSET     equ 0xC0000000		; DESIGN.md: the 3G/1G split
PGDIR_SHIFT     equ 22		; a PDE maps 4 MiB (SDM vol. 3A, 4.3)
PGD_SIZE        equ 1 << PGDIR_SHIFT
; The boot map covers all of lowmem, 896 MiB (DESIGN.md), in 4 MiB pages;
; mm/ replaces it with swapper_pg_dir sized to the machine's real RAM.
BOOT_MAP_SIZE   equ 896 << 20
BOOT_MAP_PDES   equ BOOT_MAP_SIZE >> PGDIR_SHIFT

; SDM vol. 3A, table 4-5 (PDE that maps a 4 MiB page).
_PAGE_PRESENT   equ 1 << 0
_PAGE_RW        equ 1 << 1
_PAGE_PSE       equ 1 << 7
; SDM vol. 3A, 2.5 (control registers).
X86_CR0_WP      equ 1 << 16		; ring 0 honours read-only PTEs too
X86_CR0_PG      equ 1 << 31
X86_CR4_PSE     equ 1 << 4		; 4 MiB pages in non-PAE paging

BOOT_STACK_SIZE equ 16384

section .multiboot
align 4
	dd MULTIBOOT_HEADER_MAGIC
	dd MULTIBOOT_HEADER_FLAGS
	dd -(MULTIBOOT_HEADER_MAGIC + MULTIBOOT_HEADER_FLAGS)

section .data
align 8
global boot_tsc
boot_tsc:
	dq 0

section .bss
align 4096
global boot_page_directory
boot_page_directory:
	resb 4096
global boot_stack
boot_stack:
	resb BOOT_STACK_SIZE
boot_stack_top:

section .text
global _start
extern kernel_main
_start:
	cld
	mov esi, eax			; keep magic and mbi for kernel_main
	mov edi, ebx
	; The time stamp counter now, for the boot's cost (kernel/bench.c);
	; under QEMU -icount it counts the guest's instructions.
	rdtsc
	mov [boot_tsc - PAGE_OFFSET], eax
	mov [boot_tsc - PAGE_OFFSET + 4], edx

	; PDEs from PAGE_OFFSET up: physical 0, 4 MiB, 8 MiB, ...
	mov edx, boot_page_directory - PAGE_OFFSET
	lea ebx, [edx + (PAGE_OFFSET >> PGDIR_SHIFT) * 4]
	mov eax, _PAGE_PRESENT | _PAGE_RW | _PAGE_PSE
	mov ecx, BOOT_MAP_PDES
.fill:
	mov [ebx], eax
	add eax, PGD_SIZE
	add ebx, 4
	loop .fill
	; Identity map of the first 4 MiB, where this code runs until the jump.
	mov eax, [edx + (PAGE_OFFSET >> PGDIR_SHIFT) * 4]
	mov [edx], eax

	mov eax, cr4
	or eax, X86_CR4_PSE
	mov cr4, eax
	mov cr3, edx
	mov eax, cr0
	or eax, X86_CR0_PG | X86_CR0_WP
	mov cr0, eax
	mov eax, .high			; an absolute jump to the linked address
	jmp eax
.high:
	; Now running at PAGE_OFFSET + 1 MiB: the identity half is not needed.
	mov dword [boot_page_directory], 0
	mov eax, cr3			; reloading CR3 flushes the stale TLB entry
	mov cr3, eax

	mov esp, boot_stack_top
	xor ebp, ebp			; ends the frame-pointer chain for backtraces
	push edi			; multiboot information (physical)
	push esi			; multiboot magic
	call kernel_main
.hang:	cli				; kernel_main does not return; if it does, stop
	hlt
	jmp .hang

section .note.GNU-stack noalloc noexec nowrite progbits
