/*
 * tests/fuzz/tape.h - libFuzzer's input as the models' source of
 * choices (tests/model.h): every rnd(n) reads the next bytes of the input,
 * so an input is a sequence of operations and their parameters.
 *
 * rnd(n) reads one byte when n <= 256, two (little-endian) when n <= 65536,
 * four otherwise, and returns them modulo n; past the end of the input it
 * reads zeros. Seed inputs can be written by hand from that.
 */
#ifndef TESTS_FUZZ_TAPE_H
#define TESTS_FUZZ_TAPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* libFuzzer's hooks: tape.c has the first, each target the second. */
int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Read choices from data[0..size) from now on. */
void tape_start(const uint8_t *data, size_t size);
/* Every byte of the input has been read. */
bool tape_empty(void);

#endif
