# tests/host.mk - host unit tests of lib/'s pure functions and of mm/'s buddy
# allocator (cmocka, ASan, UBSan).
#
# Included by the top Makefile, or standalone: make -f tests/host.mk host-tests
# Run from the repository root. Each tests/test_NAME.c becomes
# build/host/test_NAME; run one with CMOCKA_MESSAGE_OUTPUT=TAP for TAP.

# Keep the includer's default goal: this file must not become it.
HOST_SAVED_GOAL := $(.DEFAULT_GOAL)

HOST_CC ?= cc
HOST_CFLAGS := -std=gnu11 -g -O1 -Wall -Wextra -Werror \
	-fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer -fno-builtin -I. -MMD -MP
HOST_LDFLAGS := -fsanitize=address,undefined
HOST_LDLIBS := -lcmocka

# lib/ under test, renamed away from libc's names (see tests/host_names.h),
# and mm/page_alloc.c, which has no hardware in it (its test fakes the rest).
# An archive, so each test links only the objects it calls into.
HOST_LIB_SRCS := lib/string.c lib/vsprintf.c lib/kallsyms.c lib/printk.c \
	lib/seq_buf.c lib/rbtree.c mm/page_alloc.c mm/vma.c
HOST_LIB_OBJS := $(HOST_LIB_SRCS:%.c=build/host/%.o)
HOST_LIB := build/host/libkern.a

# What the tests share: printk's console, and the reference models of the
# buddy allocator and the VMA set with their fakes (tests/model.h), which
# tests/fuzz/fuzz.mk builds into the fuzz targets too. An archive as well.
HOST_MODEL_SRCS := tests/host_console.c tests/model_cmocka.c \
	tests/model_buddy.c tests/model_vma.c
HOST_MODEL_OBJS := $(HOST_MODEL_SRCS:%.c=build/host/%.o)
HOST_MODEL := build/host/libmodel.a

HOST_TEST_SRCS := $(sort $(wildcard tests/test_*.c))
HOST_TEST_OBJS := $(HOST_TEST_SRCS:%.c=build/host/%.o)
HOST_TESTS := $(HOST_TEST_SRCS:tests/%.c=build/host/%)

.PHONY: host-tests
host-tests: $(HOST_TESTS)

$(HOST_LIB_OBJS): build/host/%.o: %.c tests/host.mk
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_CFLAGS) -include tests/host_names.h -c -o $@ $<

$(HOST_TEST_OBJS) $(HOST_MODEL_OBJS): build/host/%.o: %.c tests/host.mk
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_CFLAGS) -c -o $@ $<

$(HOST_LIB): $(HOST_LIB_OBJS)
$(HOST_MODEL): $(HOST_MODEL_OBJS)
$(HOST_LIB) $(HOST_MODEL):
	@rm -f $@
	ar rcs $@ $^

# The models before the kernel code they call into.
$(HOST_TESTS): build/host/%: build/host/tests/%.o $(HOST_MODEL) $(HOST_LIB)
	$(HOST_CC) $(HOST_LDFLAGS) -o $@ $^ $(HOST_LDLIBS)

-include $(HOST_LIB_OBJS:.o=.d) $(HOST_TEST_OBJS:.o=.d) $(HOST_MODEL_OBJS:.o=.d)

.DEFAULT_GOAL := $(HOST_SAVED_GOAL)
