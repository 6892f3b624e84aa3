/* Between the two halves of the trace backend's fake root (fakeroot.c: ids and processes,
 * fakeroot-files.c: owners of files). */
#pragma once

#include <stdbool.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/user.h>

struct tracer;
struct tracee;

/* The guest's nobody: what any host id but the user's own shows as (as through a user
 * namespace that maps only the user). */
#define FAKEROOT_OVERFLOW_ID 65534

/* fstat, fchown and fchmod (SC_FAKEROOT rows naming a descriptor). */
bool fakeroot_fd_call(struct tracer *tr, struct tracee *t, struct user_regs_struct *regs);

/* The owner host (stat st) has in the guest: its record, else the user's ids as 0. */
void fakeroot_owner(struct tracer *tr, const char *host, const struct stat *st, uint32_t *ret_uid,
                    uint32_t *ret_gid);
