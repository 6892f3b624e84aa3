/* chown(2)'s rules (credentials(7), chown(2)): root may give a file to anyone; its owner may only
 * change its group to one of its own groups. A regular file loses set-user-ID, and set-group-ID
 * when group-executable, as the kernel does. chmod(2)'s: only root and the owner, and set-group-ID
 * only for a member of the file's group. */
#include "fakeroot/chown.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <unistd.h>

static bool in_groups(const struct fake_creds *k, uint32_t gid)
{
        if (gid == k->fsgid)
                return true;
        for (uint32_t i = 0; i < k->ngroups; i++)
                if (k->groups[i] == gid)
                        return true;
        return false;
}

int fake_chown(const struct fake_creds *k, int fd, struct stat *st, struct ownership *o, uint32_t uid, uint32_t gid)
{
        if (k->euid != 0 && ((uid != FAKE_ID_INVALID && uid != o->uid) || o->uid != k->fsuid ||
                             (gid != FAKE_ID_INVALID && gid != o->gid && !in_groups(k, gid))))
                return -EPERM;
        if (uid == FAKE_ID_INVALID && gid == FAKE_ID_INVALID)
                return 0;
        if (uid != FAKE_ID_INVALID)
                o->uid = uid;
        if (gid != FAKE_ID_INVALID)
                o->gid = gid;
        if (S_ISREG(st->st_mode) && (st->st_mode & (S_ISUID | S_ISGID))) {
                mode_t keep = st->st_mode & 07777 & ~(mode_t)S_ISUID;
                char path[32];

                if (keep & S_IXGRP)
                        keep &= ~(mode_t)S_ISGID;
                snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
                if (chmod(path, keep) == 0)
                        st->st_mode = (st->st_mode & S_IFMT) | keep;
                o->mode = (o->mode & S_IFMT) | keep;
        }
        return 1;
}

int fake_chmod(const struct fake_creds *k, int fd, struct stat *st, struct ownership *o, bool recorded, mode_t mode)
{
        char path[32];
        int r;

        if (k->euid != 0 && o->uid != k->fsuid)
                return -EPERM;
        mode &= 07777;
        if (k->euid != 0 && !in_groups(k, o->gid))
                mode &= ~(mode_t)S_ISGID; /* as the kernel does without CAP_FSETID */
        snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
        if (chmod(path, mode) < 0)
                return -errno;
        st->st_mode = (st->st_mode & S_IFMT) | mode;
        if (!recorded)
                return 0; /* root's file: its mode is the real file's */
        o->mode = (o->mode & S_IFMT) | mode;
        r = ownership_set(fd, st, o);
        return r == -ENOTSUP || r == -EOPNOTSUPP ? 0 : r;
}
