# user/user.mk - the user programs and their libc (user/lib/), built as plain
# static Linux i386 executables into $(BUILD)/root/bin for the initrd.
#
# Included by the top Makefile, which sets CC, LD, NASM, NASMFLAGS, LIBGCC,
# CROSS, LLVM, OPT and BUILD. Each user/NAME.c and user/tests/NAME.c is one
# program, $(BUILD)/root/bin/NAME: its object, user/lib/crt0.asm, and the libc
# as an archive (a program carries only the parts it calls), linked at the
# classic i386 address 0x08048000. `make user` builds them all.

# Keep the includer's default goal: this file must not become it.
USER_SAVED_GOAL := $(.DEFAULT_GOAL)

# No kernel flags here: these programs must run unchanged on Linux.
# -march=i686 keeps SSE out (clang's i686-linux-gnu default is pentium4):
# the kernel neither enables it (CR4.OSFXSR) nor saves it across switches.
USER_CFLAGS := -std=gnu11 -ffreestanding -fno-builtin -fno-stack-protector \
	-fno-pic -fno-pie -march=i686 -fno-asynchronous-unwind-tables \
	-Wall -Wextra -Wno-unused-parameter -Wmissing-prototypes -Werror \
	-g $(OPT) -Iuser/lib -MMD -MP $(PREFIX_MAP)

# ld's default for -m elf_i386 is 0x08048000 already; ld.lld's is 0x400000
# and it has no -Ttext-segment, so each linker is told in its own words.
ifeq ($(LLVM),1)
USER_LDBASE := --image-base=0x08048000
USER_AR := llvm-ar
else
USER_LDBASE := -Ttext-segment=0x08048000
USER_AR := $(CROSS)ar
endif
USER_LDFLAGS := -m elf_i386 -static -nostdlib --build-id=none -e _start \
	$(USER_LDBASE)

USER_CRT0 := $(BUILD)/user/lib/crt0.o
USER_LIB := $(BUILD)/user/libulib.a
# The library: its .c files, and its .asm files but crt0 (vfork.asm).
USER_LIB_OBJS := $(patsubst %.c,$(BUILD)/%.o,$(wildcard user/lib/*.c))
USER_LIB_ASM_OBJS := $(patsubst %.asm,$(BUILD)/%.o,\
	$(filter-out user/lib/crt0.asm,$(wildcard user/lib/*.asm)))
USER_MAIN_SRCS := $(wildcard user/*.c)
USER_TEST_SRCS := $(wildcard user/tests/*.c)
USER_BENCH_SRCS := $(wildcard user/bench/*.c)
USER_PROG_OBJS := $(patsubst %.c,$(BUILD)/%.o,$(USER_MAIN_SRCS) $(USER_TEST_SRCS) $(USER_BENCH_SRCS))
USER_MAIN_PROGS := $(patsubst user/%.c,$(BUILD)/root/bin/%,$(USER_MAIN_SRCS))
USER_TEST_PROGS := $(patsubst user/tests/%.c,$(BUILD)/root/bin/%,$(USER_TEST_SRCS))
USER_BENCH_PROGS := $(patsubst user/bench/%.c,$(BUILD)/root/bin/%,$(USER_BENCH_SRCS))
# Standard C programs, linked statically against Debian's i386 glibc
# (libc6-dev-i386-cross) by the cross gcc, whichever compiler builds the
# rest: they test the kernel with a real C library's start-up.
USER_GLIBC_SRCS := $(wildcard user/glibc/*.c)
USER_GLIBC_PROGS := $(patsubst user/glibc/%.c,$(BUILD)/root/bin/%,$(USER_GLIBC_SRCS))
USER_PROGS := $(USER_MAIN_PROGS) $(USER_TEST_PROGS) $(USER_BENCH_PROGS) \
	$(USER_GLIBC_PROGS)

ifneq ($(words $(USER_PROGS)),$(words $(sort $(USER_PROGS))))
$(error user/user.mk: a program name is in two of user/, user/tests/, user/bench/)
endif

# Rebuild when the compiler, linker or their flags change (as $(FLAGS_STAMP)).
USER_STAMP := $(BUILD)/user/.flags
USER_FLAGS := $(CC) $(USER_CFLAGS) $(NASMFLAGS) $(LD) $(USER_LDFLAGS) $(LIBGCC)
$(shell mkdir -p $(BUILD)/user && echo '$(USER_FLAGS)' | \
	cmp -s - $(USER_STAMP) || echo '$(USER_FLAGS)' > $(USER_STAMP))

.PHONY: user
user: $(USER_PROGS)

# The initrd holds the programs. Said here too because a rule's prerequisites
# are expanded when make reads it: the top Makefile's initrd rule, above the
# include of this file, sees an empty $(USER_PROGS).
$(BUILD)/initrd.cpio: $(USER_PROGS)

# Static pattern rules: they take these objects from the kernel's %.o rules.
$(USER_LIB_OBJS) $(USER_PROG_OBJS): $(BUILD)/%.o: %.c $(USER_STAMP)
	@mkdir -p $(@D)
	$(CC) $(USER_CFLAGS) -c $< -o $@

$(USER_CRT0) $(USER_LIB_ASM_OBJS): $(BUILD)/%.o: %.asm $(USER_STAMP)
	@mkdir -p $(@D)
	$(NASM) $(NASMFLAGS) -MD $(BUILD)/$*.d -MP $< -o $@

$(USER_LIB): $(USER_LIB_OBJS) $(USER_LIB_ASM_OBJS)
	@rm -f $@
	$(USER_AR) rcs $@ $^

# libgcc (compiler-rt under LLVM) last: printf's %llu divides 64-bit numbers.
$(USER_MAIN_PROGS): $(BUILD)/root/bin/%: $(BUILD)/user/%.o $(USER_CRT0) \
		$(USER_LIB) $(USER_STAMP)
	@mkdir -p $(@D)
	$(LD) $(USER_LDFLAGS) -o $@ $(USER_CRT0) $< $(USER_LIB) $(LIBGCC)

$(USER_TEST_PROGS): $(BUILD)/root/bin/%: $(BUILD)/user/tests/%.o \
		$(USER_CRT0) $(USER_LIB) $(USER_STAMP)
	@mkdir -p $(@D)
	$(LD) $(USER_LDFLAGS) -o $@ $(USER_CRT0) $< $(USER_LIB) $(LIBGCC)

$(USER_BENCH_PROGS): $(BUILD)/root/bin/%: $(BUILD)/user/bench/%.o \
		$(USER_CRT0) $(USER_LIB) $(USER_STAMP)
	@mkdir -p $(@D)
	$(LD) $(USER_LDFLAGS) -o $@ $(USER_CRT0) $< $(USER_LIB) $(LIBGCC)

$(USER_GLIBC_PROGS): $(BUILD)/root/bin/%: user/glibc/%.c $(USER_STAMP)
	@mkdir -p $(@D)
	$(CROSS)gcc -static -O2 -Wall -Wextra -Werror -march=i686 -o $@ $<

-include $(USER_LIB_OBJS:.o=.d) $(USER_PROG_OBJS:.o=.d) $(USER_CRT0:.o=.d) \
	$(USER_LIB_ASM_OBJS:.o=.d)

.DEFAULT_GOAL := $(USER_SAVED_GOAL)
