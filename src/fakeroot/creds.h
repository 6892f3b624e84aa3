/* A fake root's credential model: the ids a process believes it has, and the rules by which
 * set*id changes them, as the kernel applies them to a process with CAP_SETUID/CAP_SETGID
 * (effective uid 0 here) and to one without. Pure: shared by the seccomp-notify root
 * emulation and the trace backend. */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#define FAKE_NGROUPS_MAX 256 /* more supplementary groups than any real system hands out */
#define FAKE_ID_INVALID UINT32_MAX

struct fake_creds {
        uint32_t ruid, euid, suid, fsuid;
        uint32_t rgid, egid, sgid, fsgid;
        uint32_t ngroups;
        uint32_t groups[FAKE_NGROUPS_MAX];
};

/* Root's: all ids 0, no supplementary groups. */
void fake_creds_root(struct fake_creds *c);

bool fake_creds_is_root(const struct fake_creds *c);

/* The calls. Arguments as the system call takes them (FAKE_ID_INVALID for -1, "unchanged").
 * Return 0 or -errno, changing c only on success. setfs*id return the old value, as the
 * kernel does, and change it only when allowed. */
int fake_setuid(struct fake_creds *c, uint32_t uid);
int fake_setgid(struct fake_creds *c, uint32_t gid);
int fake_setreuid(struct fake_creds *c, uint32_t ruid, uint32_t euid);
int fake_setregid(struct fake_creds *c, uint32_t rgid, uint32_t egid);
int fake_setresuid(struct fake_creds *c, uint32_t ruid, uint32_t euid, uint32_t suid);
int fake_setresgid(struct fake_creds *c, uint32_t rgid, uint32_t egid, uint32_t sgid);
uint32_t fake_setfsuid(struct fake_creds *c, uint32_t fsuid);
uint32_t fake_setfsgid(struct fake_creds *c, uint32_t fsgid);
int fake_setgroups(struct fake_creds *c, const uint32_t *groups, uint32_t n);

/* execve of a set-user-ID or set-group-ID file owned by uid:gid (mode as st_mode). */
void fake_creds_exec(struct fake_creds *c, uint32_t mode, uint32_t uid, uint32_t gid);
