# tests/fuzz/fuzz.mk - libFuzzer targets of the buddy allocator and the VMA
# set: the kernel code under test and the unit tests' reference models
# (tests/model.h), built again with clang, -fsanitize=fuzzer (libFuzzer, from
# Debian's libclang-rt-14-dev), AddressSanitizer and UBSan.
#
# Included by the top Makefile after tests/host.mk, whose HOST_LIB_SRCS and
# HOST_MODEL_SRCS it reuses. Each tests/fuzz/fuzz_NAME.c becomes
# build/fuzz/fuzz_NAME; tools/fuzz.py runs them.
#
#   make fuzz-targets         build them
#   make fuzz [SECONDS=60]    build them and run each for SECONDS

FUZZ_SAVED_GOAL := $(.DEFAULT_GOAL)

FUZZ_CC ?= clang
SECONDS ?= 60
FUZZ_CFLAGS := -std=gnu11 -g -O1 -Wall -Wextra -Werror \
	-fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer -fno-builtin -I. -MMD -MP
# The coverage libFuzzer steers by, and reports: of the code under test
# only. Instrumented, the models' loops over every frame or page (and
# lib/string.c's memset of mem_map) would cost more than the code under
# test, and their branches would count as progress. Without trace-cmp:
# the inputs hold no magic values for it to find (every choice is taken
# modulo its range), and the models call find_vma() hundreds of times a step.
FUZZ_COVERED_SRCS := mm/page_alloc.c mm/vma.c lib/rbtree.c
FUZZ_COVERAGE = $(if $(filter $(FUZZ_COVERED_SRCS),$<),\
	-fsanitize=fuzzer-no-link -fno-sanitize-coverage=trace-cmp)
# The link adds libFuzzer's main.
FUZZ_LDFLAGS := -fsanitize=fuzzer,address,undefined

FUZZ_LIB_OBJS := $(HOST_LIB_SRCS:%.c=build/fuzz/obj/%.o)
# The models without their cmocka side: tests/fuzz/tape.c takes its place.
# Every target links them all, and all the kernel code: what one target
# does not call costs it nothing.
FUZZ_MODEL_SRCS := $(filter-out tests/model_cmocka.c,$(HOST_MODEL_SRCS)) \
	tests/fuzz/tape.c
FUZZ_MODEL_OBJS := $(FUZZ_MODEL_SRCS:%.c=build/fuzz/obj/%.o)

FUZZ_SRCS := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_OBJS := $(FUZZ_SRCS:%.c=build/fuzz/obj/%.o)
FUZZ_TARGETS := $(FUZZ_SRCS:tests/fuzz/%.c=build/fuzz/%)
FUZZ_NAMES := $(FUZZ_SRCS:tests/fuzz/fuzz_%.c=%)

.PHONY: fuzz fuzz-targets
fuzz-targets: $(FUZZ_TARGETS)

fuzz: deps-test
	$(MAKE) --no-print-directory fuzz-targets
	python3 tools/fuzz.py --seconds $(SECONDS) $(FUZZ_NAMES)

$(FUZZ_LIB_OBJS): build/fuzz/obj/%.o: %.c tests/fuzz/fuzz.mk
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(FUZZ_COVERAGE) -include tests/host_names.h \
		-c -o $@ $<

$(FUZZ_MODEL_OBJS) $(FUZZ_OBJS): build/fuzz/obj/%.o: %.c tests/fuzz/fuzz.mk
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -c -o $@ $<

$(FUZZ_TARGETS): build/fuzz/%: build/fuzz/obj/tests/fuzz/%.o \
		$(FUZZ_MODEL_OBJS) $(FUZZ_LIB_OBJS)
	$(FUZZ_CC) $(FUZZ_LDFLAGS) -o $@ $^

-include $(FUZZ_LIB_OBJS:.o=.d) $(FUZZ_MODEL_OBJS:.o=.d) $(FUZZ_OBJS:.o=.d)

.DEFAULT_GOAL := $(FUZZ_SAVED_GOAL)
