/* get*id, getres*id, getgroups answered from the model; set*id and setgroups change it under
 * the kernel's rules (fakeroot/creds.c) and never reach the kernel, whose single-uid map would
 * refuse any id but 0. */
#include <errno.h>
#include <sys/syscall.h>

#include "fakeroot/calls.h"
#include "fakeroot/tracee.h"

enum call_outcome call_getid(struct call *c)
{
        const struct fake_creds *k = &c->proc->creds;

        switch (c->req->data.nr) {
        case SYS_getuid:
                return call_return(c, k->ruid);
        case SYS_geteuid:
                return call_return(c, k->euid);
        case SYS_getgid:
                return call_return(c, k->rgid);
        default:
                return call_return(c, k->egid);
        }
}

enum call_outcome call_getresid(struct call *c)
{
        const struct fake_creds *k = &c->proc->creds;
        bool uids = c->req->data.nr == SYS_getresuid;
        uint32_t ids[3] = {uids ? k->ruid : k->rgid, uids ? k->euid : k->egid, uids ? k->suid : k->sgid};

        for (int i = 0; i < 3; i++) {
                int r = tracee_write(c->pid, c->req->data.args[i], &ids[i], sizeof ids[i]);
                if (r < 0)
                        return call_return(c, -EFAULT);
        }
        return call_return(c, 0);
}

enum call_outcome call_getgroups(struct call *c)
{
        const struct fake_creds *k = &c->proc->creds;
        int size = (int)c->req->data.args[0];

        if (size < 0)
                return call_return(c, -EINVAL);
        if (size == 0)
                return call_return(c, k->ngroups);
        if ((uint32_t)size < k->ngroups)
                return call_return(c, -EINVAL);
        if (k->ngroups && tracee_write(c->pid, c->req->data.args[1], k->groups, k->ngroups * sizeof(uint32_t)) < 0)
                return call_return(c, -EFAULT);
        return call_return(c, k->ngroups);
}

/* The kernel takes 32-bit ids; -1 is "unchanged" (or invalid, for setuid). */
static uint32_t id_arg(const struct call *c, int i)
{
        return (uint32_t)c->req->data.args[i];
}

enum call_outcome call_setid(struct call *c)
{
        struct fake_creds *k = &c->proc->creds;

        switch (c->req->data.nr) {
        case SYS_setuid:
                return call_return(c, fake_setuid(k, id_arg(c, 0)));
        case SYS_setgid:
                return call_return(c, fake_setgid(k, id_arg(c, 0)));
        case SYS_setreuid:
                return call_return(c, fake_setreuid(k, id_arg(c, 0), id_arg(c, 1)));
        case SYS_setregid:
                return call_return(c, fake_setregid(k, id_arg(c, 0), id_arg(c, 1)));
        case SYS_setresuid:
                return call_return(c, fake_setresuid(k, id_arg(c, 0), id_arg(c, 1), id_arg(c, 2)));
        case SYS_setresgid:
                return call_return(c, fake_setresgid(k, id_arg(c, 0), id_arg(c, 1), id_arg(c, 2)));
        case SYS_setfsuid:
                return call_return(c, fake_setfsuid(k, id_arg(c, 0)));
        default:
                return call_return(c, fake_setfsgid(k, id_arg(c, 0)));
        }
}

enum call_outcome call_setgroups(struct call *c)
{
        uint32_t groups[FAKE_NGROUPS_MAX];
        int64_t n = (int64_t)(int)c->req->data.args[0];

        if (n < 0 || n > 65536)
                return call_return(c, -EINVAL);
        if (n > FAKE_NGROUPS_MAX)
                return call_return(c, -EINVAL);
        if (n > 0 && tracee_read(c->pid, c->req->data.args[1], groups, (size_t)n * sizeof(uint32_t)) < 0)
                return call_return(c, -EFAULT);
        if (!call_still_valid(c))
                return call_return(c, -ESRCH);
        return call_return(c, fake_setgroups(&c->proc->creds, groups, (uint32_t)n));
}
