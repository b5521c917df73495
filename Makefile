# Makefile - build, run, debug and test the kernel (README.md explains each).
#
#   make            build/kernel.elf, build/initrd.cpio, build/os.iso
#   make LLVM=1     the same with clang and ld.lld, in build/llvm/
#   make run        boot in QEMU on this terminal (MEM=1G, CMDLINE="...")
#   make run-iso    boot the GRUB ISO instead
#   make debug      QEMU halted with its GDB stub, and GDB attached
#                   (PROG=/bin/NAME: stop at that program's first instruction)
#   make test       the whole suite (T=pattern runs the tests whose name matches)
#   make fuzz       the libFuzzer targets, SECONDS=60 each (tests/fuzz/fuzz.mk)
#   make bench      benchmarks under qemu -icount (guest instruction counts)
#   make lint       clang-format check, cppcheck and clang-tidy
#   make soak       the system-call fuzzer with fresh seeds for SECONDS
#                   (default 60); PEER=linux compares each seed with Linux

CROSS ?= i686-linux-gnu-
LLVM ?=
BUILD ?= $(if $(LLVM),build/llvm,build)
OPT ?= -O2
MEM ?= 1G
CMDLINE ?=
GDBPORT ?= 1234
QEMU ?= qemu-system-i386

ifeq ($(LLVM),1)
CC := clang --target=i686-linux-gnu
LD := ld.lld
RTLIB := --rtlib=compiler-rt
else
CC := $(CROSS)gcc
LD := $(CROSS)ld
RTLIB :=
endif
NM := $(CROSS)nm
NASM := nasm

# Freestanding, no PIC (TOOLCHAIN-NOTES.md), frame pointers for the oops call
# trace, and no FPU/SSE registers: the kernel never saves them.
KCFLAGS := -std=gnu11 -ffreestanding -fno-pic -fno-pie -fno-stack-protector \
	-fno-omit-frame-pointer -mno-omit-leaf-frame-pointer \
	-fno-optimize-sibling-calls -fno-strict-aliasing -march=i686 \
	-fno-asynchronous-unwind-tables \
	-mno-sse -mno-sse2 -mno-mmx -mno-80387 \
	-Wall -Wextra -Wno-unused-parameter -Wmissing-prototypes -Werror \
	-g $(OPT) -I. -MMD -MP
NASMFLAGS := -f elf32 -g -F dwarf -Werror
# Debug information names the sources relative to the top of the tree, not
# the checkout's absolute path: the same sources give the same binaries
# wherever they are cloned (so the initrd's size, and with it the frames
# that docs/guide.md shows, do not depend on where CI checks out).
PREFIX_MAP := -fdebug-prefix-map=$(CURDIR)=.
KCFLAGS += $(PREFIX_MAP)
LDFLAGS := -m elf_i386 -T linker.ld --build-id=none -nostdlib
# 64-bit division (__udivdi3) comes from libgcc, or compiler-rt under LLVM.
LIBGCC := $(shell $(CC) $(RTLIB) -print-libgcc-file-name 2>/dev/null)

KDIRS := boot arch lib mm kernel
KSRCS := $(foreach d,$(KDIRS),$(wildcard $(d)/*.asm $(d)/*.c $(d)/tests/*.c))
KOBJS := $(patsubst %,$(BUILD)/%.o,$(basename $(KSRCS)))
# foo.c and foo.asm would both build foo.o: refuse rather than lose one.
DUP_OBJS := $(shell echo $(KOBJS) | tr ' ' '\n' | sort | uniq -d)
$(if $(DUP_OBJS),$(error two sources build $(DUP_OBJS): rename one))

.PHONY: all kernel iso run run-iso debug test guide bench lint soak clean deps-run deps-test
all: $(BUILD)/kernel.elf $(BUILD)/initrd.cpio $(BUILD)/os.iso
kernel: $(BUILD)/kernel.elf

# Objects depend on the flags they were built with: a stamp file rewritten
# only when the compiler or its flags change.
FLAGS_STAMP := $(BUILD)/.flags
$(shell mkdir -p $(BUILD) && echo '$(CC) $(KCFLAGS) $(NASMFLAGS)' | \
	cmp -s - $(FLAGS_STAMP) || echo '$(CC) $(KCFLAGS) $(NASMFLAGS)' > $(FLAGS_STAMP))

$(BUILD)/%.o: %.c $(FLAGS_STAMP)
	@mkdir -p $(@D)
	$(CC) $(KCFLAGS) -c $< -o $@

$(BUILD)/%.o: %.asm $(FLAGS_STAMP)
	@mkdir -p $(@D)
	$(NASM) $(NASMFLAGS) -MD $(BUILD)/$*.d -MP $< -o $@

# Two links, as Linux's kallsyms (tools/kallsyms.sh): the symbol table of the
# first link goes into the second, then a check that both agree.
$(BUILD)/kernel.elf: $(KOBJS) linker.ld tools/kallsyms.sh
	tools/kallsyms.sh --empty > $(BUILD)/kallsyms0.c
	$(CC) $(KCFLAGS) -c $(BUILD)/kallsyms0.c -o $(BUILD)/kallsyms0.o
	$(LD) $(LDFLAGS) -o $(BUILD)/.tmp_kernel.elf $(KOBJS) $(BUILD)/kallsyms0.o $(LIBGCC)
	tools/kallsyms.sh $(NM) $(BUILD)/.tmp_kernel.elf > $(BUILD)/kallsyms.c
	$(CC) $(KCFLAGS) -c $(BUILD)/kallsyms.c -o $(BUILD)/kallsyms.o
	$(LD) $(LDFLAGS) -o $@.tmp $(KOBJS) $(BUILD)/kallsyms.o $(LIBGCC)
	tools/kallsyms.sh $(NM) $@.tmp | cmp -s - $(BUILD)/kallsyms.c || \
		{ echo "kallsyms: the second link moved symbols" >&2; exit 1; }
	grub-file --is-x86-multiboot $@.tmp || { echo "$@: no multiboot header" >&2; exit 1; }
	mv $@.tmp $@

# The initrd: a newc cpio archive (Linux's initramfs format) of $(BUILD)/root,
# reproducible (fixed times, owner and order) so that benchmarks repeat.
# The times are fixed on a copy, so that make still sees the programs' own.
$(BUILD)/initrd.cpio: $(MAKEFILE_LIST) $(wildcard user/etc/*)
	@mkdir -p $(BUILD)/root/bin
	rm -rf $(BUILD)/initrd.root && cp -a $(BUILD)/root $(BUILD)/initrd.root
	cp -r user/etc $(BUILD)/initrd.root/etc
	cd $(BUILD)/initrd.root && find . -exec touch -h -d @0 {} + && \
		find . | LC_ALL=C sort | cpio -o -H newc --quiet -R 0:0 --reproducible > ../initrd.cpio.tmp
	rm -rf $(BUILD)/initrd.root
	mv $(BUILD)/initrd.cpio.tmp $@

$(BUILD)/os.iso: $(BUILD)/kernel.elf $(BUILD)/initrd.cpio tools/mkiso.sh
	tools/mkiso.sh $(BUILD)/kernel.elf $(BUILD)/initrd.cpio $@ $(CMDLINE)
iso: $(BUILD)/os.iso

deps-run:
	@tools/deps.sh run
deps-test:
	@tools/deps.sh test

# QEMU with the serial line on this terminal (Ctrl-A X leaves, Ctrl-A C is
# QEMU's monitor) and isa-debug-exit, through which the kernel leaves QEMU.
QEMU_RUN := $(QEMU) -m $(MEM) -display none -serial mon:stdio -no-reboot \
	-device isa-debug-exit,iobase=0xf4,iosize=0x04

# QEMU exits with (v << 1) | 1 when init exits with v: make's status is v.
QEMU_STATUS_TO_INIT := s=$$?; [ $$s -le 1 ] && exit 0; exit $$(( (s - 1) / 2 ))

run: deps-run
	$(MAKE) --no-print-directory $(BUILD)/kernel.elf $(BUILD)/initrd.cpio
	$(QEMU_RUN) -kernel $(BUILD)/kernel.elf -initrd $(BUILD)/initrd.cpio \
		-append "$(CMDLINE)"; $(QEMU_STATUS_TO_INIT)

run-iso: deps-run
	$(MAKE) --no-print-directory $(BUILD)/os.iso
	$(QEMU_RUN) -cdrom $(BUILD)/os.iso; $(QEMU_STATUS_TO_INIT)

# A -Og build for GDB (at -O2 breakpoints land on inlined lines), QEMU halted
# at the first instruction, and GDB with tools/gdb/kernel.gdb loaded. QEMU
# runs in its own session (setsid) so that Ctrl-C stops the kernel in GDB
# instead of killing QEMU; quitting GDB ends QEMU.
#
# PROG=/bin/NAME (or just NAME) debugs that program instead of the boot: the
# kernel gets "-- /bin/NAME" (init's arguments: init runs it as its child),
# and GDB $prog, for which kernel.gdb loads the program's symbols and stops at
# its first instruction (kprog, docs/gdb.md). tools/gdb-session.sh runs the
# same set-up.
DEBUG_PROG := $(if $(PROG),$(if $(findstring /,$(PROG)),$(PROG),/bin/$(PROG)))
debug: deps-run
	$(MAKE) --no-print-directory BUILD=build/debug OPT=-Og build/debug/kernel.elf build/debug/initrd.cpio
	setsid $(QEMU_RUN) -S -gdb tcp::$(GDBPORT) -kernel build/debug/kernel.elf \
		-initrd build/debug/initrd.cpio \
		-append "$(CMDLINE)$(if $(DEBUG_PROG), -- $(DEBUG_PROG))" </dev/null & \
	qemu=$$!; trap : INT; trap 'kill $$qemu 2>/dev/null' HUP TERM; \
	gdb -q -ex "set \$$gdbport = $(GDBPORT)" \
		$(if $(DEBUG_PROG),-ex 'set $$prog = "$(DEBUG_PROG)"') \
		-x tools/gdb/kernel.gdb build/debug/kernel.elf; \
	kill $$qemu 2>/dev/null; wait

test: deps-test
	python3 tools/run-tests.py $(if $(T),--filter '$(T)')

# Rewrite docs/guide.md's console blocks with what the kernel prints now
# (make test's guide/ tests compare them); then read the diff.
guide: deps-test
	python3 tools/run-tests.py --update-guide

# Benchmarks under -icount (instruction counts, repeatable): tools/bench.py.
bench: deps-run
	$(MAKE) --no-print-directory $(BUILD)/kernel.elf $(BUILD)/initrd.cpio
	python3 tools/bench.py $(if $(filter linux,$(PEER)),--peer)

lint: deps-test
	tools/lint.sh all

# Fresh seeds for user/tests/sys_fuzz.c, boot after boot, for SECONDS:
# no oops, no hang, no frame leaked (tools/soak.py).
SECONDS ?= 60
soak: deps-test
	python3 tools/soak.py --seconds $(SECONDS) $(if $(PEER),--peer $(PEER))

clean:
	rm -rf build

include tests/host.mk
include tests/fuzz/fuzz.mk
include user/user.mk
-include $(KOBJS:.o=.d)
