/* Between the two halves of the trace backend's fake root (fakeroot.c: ids and processes,
 * fakeroot-files.c: owners of files). */
#pragma once

#include <stdbool.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/user.h>

#include "fakeroot/ownership.h" /* FAKEROOT_OVERFLOW_ID */

struct tracer;
struct tracee;

/* fstat, fchown and fchmod (SC_FAKEROOT rows naming a descriptor). */
bool fakeroot_fd_call(struct tracer *tr, struct tracee *t, struct user_regs_struct *regs);

/* The owner host (stat st) has in the guest: its record, else the user's ids as 0. */
void fakeroot_owner(struct tracer *tr, const char *host, const struct stat *st, uint32_t *ret_uid,
                    uint32_t *ret_gid);
/* A stat result (st, or stx for statx) of fd's file as the guest sees it: ids mapped, then the
 * record laid over them (the notification side and the exit stop agree). */
struct statx;
void fakeroot_stat_owners(struct tracer *tr, int fd, struct stat *st, struct statx *stx);
