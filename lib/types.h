/* lib/types.h - fixed-width types and the few basics every file needs. */
#ifndef LIB_TYPES_H
#define LIB_TYPES_H

/* Freestanding headers: the compiler provides these, not a libc. */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int32_t s32;
typedef int64_t s64;

/* A physical address; 32 bits without PAE. */
typedef u32 phys_addr_t;

#endif
