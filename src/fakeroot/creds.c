/* The set*id rules of credentials(7) and setresuid(2), applied to the model. "Privileged" is
 * effective uid 0: the model keeps no capability sets, and a process that drops its effective
 * uid loses CAP_SETUID/CAP_SETGID just as the kernel makes it (without PR_SET_KEEPCAPS). */
#include "fakeroot/creds.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

void fake_creds_root(struct fake_creds *c)
{
        memset(c, 0, sizeof *c);
}

bool fake_creds_is_root(const struct fake_creds *c)
{
        return c->ruid == 0 && c->euid == 0 && c->suid == 0 && c->fsuid == 0 && c->rgid == 0 && c->egid == 0 &&
               c->sgid == 0 && c->fsgid == 0 && c->ngroups == 0;
}

static bool privileged(const struct fake_creds *c)
{
        return c->euid == 0;
}

static bool one_of(uint32_t id, uint32_t a, uint32_t b, uint32_t c)
{
        return id == a || id == b || id == c;
}

int fake_setuid(struct fake_creds *c, uint32_t uid)
{
        if (uid == FAKE_ID_INVALID)
                return -EINVAL;
        if (privileged(c))
                c->ruid = c->suid = uid;
        else if (uid != c->ruid && uid != c->suid)
                return -EPERM;
        c->euid = c->fsuid = uid;
        return 0;
}

int fake_setgid(struct fake_creds *c, uint32_t gid)
{
        if (gid == FAKE_ID_INVALID)
                return -EINVAL;
        if (privileged(c))
                c->rgid = c->sgid = gid;
        else if (gid != c->rgid && gid != c->sgid)
                return -EPERM;
        c->egid = c->fsgid = gid;
        return 0;
}

/* setreuid(2): the saved id follows the new effective one when the real one is set, or the
 * effective one is set to something other than the old real id. */
static int set_re(uint32_t *r, uint32_t *e, uint32_t *s, uint32_t *fs, bool priv, uint32_t nr, uint32_t ne)
{
        uint32_t old_r = *r;

        if (!priv && nr != FAKE_ID_INVALID && nr != *r && nr != *e)
                return -EPERM;
        if (!priv && ne != FAKE_ID_INVALID && !one_of(ne, *r, *e, *s))
                return -EPERM;
        if (nr != FAKE_ID_INVALID)
                *r = nr;
        if (ne != FAKE_ID_INVALID)
                *e = ne;
        if (nr != FAKE_ID_INVALID || (ne != FAKE_ID_INVALID && ne != old_r))
                *s = *e;
        *fs = *e;
        return 0;
}

int fake_setreuid(struct fake_creds *c, uint32_t ruid, uint32_t euid)
{
        return set_re(&c->ruid, &c->euid, &c->suid, &c->fsuid, privileged(c), ruid, euid);
}

int fake_setregid(struct fake_creds *c, uint32_t rgid, uint32_t egid)
{
        return set_re(&c->rgid, &c->egid, &c->sgid, &c->fsgid, privileged(c), rgid, egid);
}

static int set_res(uint32_t ids[3], uint32_t *fs, bool priv, const uint32_t want[3])
{
        for (int i = 0; i < 3 && !priv; i++)
                if (want[i] != FAKE_ID_INVALID && !one_of(want[i], ids[0], ids[1], ids[2]))
                        return -EPERM;
        for (int i = 0; i < 3; i++)
                if (want[i] != FAKE_ID_INVALID)
                        ids[i] = want[i];
        *fs = ids[1];
        return 0;
}

int fake_setresuid(struct fake_creds *c, uint32_t ruid, uint32_t euid, uint32_t suid)
{
        uint32_t ids[3] = {c->ruid, c->euid, c->suid}, want[3] = {ruid, euid, suid};
        int r = set_res(ids, &c->fsuid, privileged(c), want);

        if (r >= 0) {
                c->ruid = ids[0];
                c->euid = ids[1];
                c->suid = ids[2];
        }
        return r;
}

int fake_setresgid(struct fake_creds *c, uint32_t rgid, uint32_t egid, uint32_t sgid)
{
        uint32_t ids[3] = {c->rgid, c->egid, c->sgid}, want[3] = {rgid, egid, sgid};
        int r = set_res(ids, &c->fsgid, privileged(c), want);

        if (r >= 0) {
                c->rgid = ids[0];
                c->egid = ids[1];
                c->sgid = ids[2];
        }
        return r;
}

uint32_t fake_setfsuid(struct fake_creds *c, uint32_t fsuid)
{
        uint32_t old = c->fsuid;

        if (fsuid != FAKE_ID_INVALID && (privileged(c) || one_of(fsuid, c->ruid, c->euid, c->suid)))
                c->fsuid = fsuid;
        return old;
}

uint32_t fake_setfsgid(struct fake_creds *c, uint32_t fsgid)
{
        uint32_t old = c->fsgid;

        if (fsgid != FAKE_ID_INVALID && (privileged(c) || one_of(fsgid, c->rgid, c->egid, c->sgid)))
                c->fsgid = fsgid;
        return old;
}

int fake_setgroups(struct fake_creds *c, const uint32_t *groups, uint32_t n)
{
        if (!privileged(c))
                return -EPERM;
        if (n > FAKE_NGROUPS_MAX)
                return -EINVAL;
        memcpy(c->groups, groups, n * sizeof *groups);
        c->ngroups = n;
        return 0;
}

/* execve(2): set-user-ID makes the owner the effective (and saved) uid; otherwise the saved
 * ids take the effective ones. */
void fake_creds_exec(struct fake_creds *c, uint32_t mode, uint32_t uid, uint32_t gid)
{
        if (S_ISREG(mode) && (mode & S_ISUID))
                c->euid = c->fsuid = uid;
        if (S_ISREG(mode) && (mode & S_ISGID) && (mode & S_IXGRP))
                c->egid = c->fsgid = gid;
        c->suid = c->euid;
        c->sgid = c->egid;
}
