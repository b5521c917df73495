/*
 * tools/peer/start.S - the entry point of the peer's /init.
 *
 * Linux starts a process with argc, argv, envp and auxv on the stack: plain
 * data, not a C call frame. /init reads its program list from a file, so it
 * needs none of them: _start only makes the stack fit for C and calls
 * peer_main, which never returns.
 */
	.text
	.globl	_start
	.type	_start, @function
_start:
	xorl	%ebp, %ebp		/* outermost frame, for debuggers */
	andl	$-16, %esp		/* i386 psABI: 16-byte aligned at a call */
	call	peer_main
	hlt				/* not reached: a fault if it ever is */
	.size	_start, . - _start

	/* no executable stack */
	.section .note.GNU-stack, "", @progbits
