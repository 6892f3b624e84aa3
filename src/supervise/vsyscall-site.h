/* Call sites of the legacy vsyscall page that can be sent to the vDSO instead: the instruction
 * sequences old glibc (and Go) emit, recognised byte for byte before a return address, the new
 * immediate that redirects one, the trampoline page that puts the vDSO within reach of a 32-bit
 * immediate, and the vDSO's functions found in its ELF image. Pure: the tracer supplies bytes. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "supervise/vsyscall-emulate.h"

/* The longest known sequence: how many bytes before a return address to look at. */
#define VSYSCALL_SITE_MAX 12

struct vsyscall_site {
        const char *form;       /* the sequence, as an assembler would print it */
        unsigned long start;    /* the sequence's first byte */
        size_t len;             /* it ends at the return address */
        unsigned long imm_addr; /* its immediate: the only bytes a patch changes */
        size_t imm_len;         /* 4 (sign-extended to 64 bits) or 8 */
};

/* Whether code, the len bytes just before ret_addr, ends in a known sequence that loads exactly
 * `entry` (page + an entry's offset) into %rax and calls it. 1 and *ret filled, or 0. */
int vsyscall_site_match(const uint8_t *code, size_t len, unsigned long ret_addr, unsigned long entry,
                        struct vsyscall_site *ret);

/* Whether the site's immediate can hold target (a 4-byte one sign-extends: below 2 GiB or in the
 * top 2 GiB), and its new bytes (imm_len of them, little-endian) when it can. */
bool vsyscall_site_reaches(const struct vsyscall_site *s, unsigned long target);
void vsyscall_site_immediate(const struct vsyscall_site *s, unsigned long target, uint8_t *ret_bytes);

/* The trampoline: one page mapped below 2 GiB holding, for each call, `jmp *0(%rip)` and the
 * vDSO function's address, so that a `mov $imm32,%rax; call *%rax` site can reach the vDSO. A
 * target of 0 leaves that slot as int3. It is recognised by a marker, so a process that forked
 * after one was made, or traps again later, reuses it instead of mapping another. */
#define VSYSCALL_TRAMPOLINE_SIZE 4096UL
#define VSYSCALL_TRAMPOLINE_LIMIT 0x80000000UL /* a positive sign-extended imm32 stays below */
void vsyscall_trampoline_build(uint8_t *page, const unsigned long targets[3]);
/* 1 when page is a trampoline whose slot for call c jumps to target, else 0. */
int vsyscall_trampoline_check(const uint8_t *page, size_t len, enum vsyscall_call c, unsigned long target);
unsigned long vsyscall_trampoline_slot(unsigned long base, enum vsyscall_call c);

/* What a /proc/PID/maps text says about a site (start, len), the vDSO, our trampolines and free
 * room for one below 2 GiB. */
struct vsyscall_layout {
        bool site_private;    /* the whole sequence lies in one executable private mapping */
        const char *site_why; /* else why not */
        unsigned long vdso, vdso_end;
        unsigned long tramps[4]; /* candidates: anonymous r-xp single pages below 2 GiB */
        unsigned n_tramps;
        unsigned long free_page; /* the highest free page below 2 GiB (above 64 KiB), 0 if none */
};
void vsyscall_layout_parse(const char *maps, unsigned long site, size_t len, struct vsyscall_layout *ret);

/* The vDSO function for call c: its name (__vdso_time, ...). */
const char *vsyscall_vdso_name(enum vsyscall_call c);
/* Find a defined function's offset from the image's start in a vDSO (an ELF64 shared object as
 * the kernel maps it) through its dynamic symbol table. 0, -ENOENT, or -EINVAL for a malformed image. */
int vsyscall_vdso_lookup(const uint8_t *image, size_t len, const char *name, unsigned long *ret_offset);
/* The offset of a `syscall` instruction's bytes (0f 05) in the image's executable segment, for
 * making the tracee run a system call of ours. 0 or -ENOENT. */
int vsyscall_vdso_find_syscall(const uint8_t *image, size_t len, unsigned long *ret_offset);
