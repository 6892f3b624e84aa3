/* /proc/PID/status with the model's ids (see status.h). */
#include "fakeroot/status.h"

#include <errno.h>
#include <string.h>

#include "util/macro.h"

static void put_ids(FILE *f, const char *name, uint32_t r, uint32_t e, uint32_t s, uint32_t fs)
{
        fprintf(f, "%s\t%u\t%u\t%u\t%u\n", name, r, e, s, fs);
}

int fake_status_rewrite(const char *status, const struct fake_creds *k, FILE *f)
{
        for (const char *line = status; *line;) {
                const char *nl = strchr(line, '\n');
                size_t len = nl ? (size_t)(nl - line + 1) : strlen(line);

                if (startswith(line, "Uid:"))
                        put_ids(f, "Uid:", k->ruid, k->euid, k->suid, k->fsuid);
                else if (startswith(line, "Gid:"))
                        put_ids(f, "Gid:", k->rgid, k->egid, k->sgid, k->fsgid);
                else if (startswith(line, "Groups:")) {
                        /* as fs/proc/array.c: space-separated, then a space, even after none */
                        fputs("Groups:\t", f);
                        for (uint32_t i = 0; i < k->ngroups; i++)
                                fprintf(f, i ? " %u" : "%u", k->groups[i]);
                        fputs(" \n", f);
                } else
                        fwrite(line, 1, len, f);
                line += len;
        }
        return ferror(f) ? -EIO : 0;
}
