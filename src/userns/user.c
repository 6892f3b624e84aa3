/* Looking up a user in the guest's passwd/group files with libc's own file parsers
 * (fgetpwent/fgetgrent), so NSS modules of the host never get involved. */
#include "userns/user.h"

#include <ctype.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <talloc.h>

#include "util/macro.h"

static bool parse_id(const char *s, uid_t *ret)
{
        char *end;
        unsigned long v;

        if (!isdigit((unsigned char)s[0]))
                return false;
        errno = 0;
        v = strtoul(s, &end, 10);
        if (errno || *end || v >= (uid_t)-1)
                return false;
        *ret = (uid_t)v;
        return true;
}

static void collect_groups(const char *etc_dir, struct guest_user *u)
{
        char path[4096];
        FILE *f;
        struct group *g;

        snprintf(path, sizeof path, "%s/group", etc_dir);
        f = fopen(path, "re");
        if (!f)
                return;
        while ((g = fgetgrent(f)) && u->n_groups < GUEST_MAX_GROUPS) {
                if (g->gr_gid == u->gid)
                        continue;
                for (char **m = g->gr_mem; m && *m; m++)
                        if (streq(*m, u->name)) {
                                u->groups[u->n_groups++] = g->gr_gid;
                                break;
                        }
        }
        fclose(f);
}

int guest_user_resolve(void *ctx, const char *etc_dir, const char *spec, struct guest_user *ret)
{
        char path[4096];
        struct guest_user u = {0};
        struct passwd *pw;
        bool numeric;
        uid_t want = 0;
        FILE *f;

        numeric = !spec || parse_id(spec, &want);
        snprintf(path, sizeof path, "%s/passwd", etc_dir);
        f = fopen(path, "re");
        while (f && (pw = fgetpwent(f))) {
                if (numeric ? pw->pw_uid != want : !streq(pw->pw_name, spec))
                        continue;
                u = (struct guest_user){.uid = pw->pw_uid,
                                        .gid = pw->pw_gid,
                                        .name = talloc_strdup(ctx, pw->pw_name),
                                        .home = talloc_strdup(ctx, pw->pw_dir),
                                        .shell = talloc_strdup(ctx, pw->pw_shell)};
                break;
        }
        if (f)
                fclose(f);
        if (!u.name) {
                if (!numeric)
                        return -ESRCH;
                /* a bare number with no passwd entry: run as it, as nspawn and bwrap do */
                u = (struct guest_user){.uid = want,
                                        .gid = want,
                                        .name = talloc_asprintf(ctx, "%u", want),
                                        .home = talloc_strdup(ctx, want == 0 ? "/root" : "/"),
                                        .shell = talloc_strdup(ctx, "/bin/sh")};
        }
        if (!u.shell || !u.shell[0])
                u.shell = talloc_strdup(ctx, "/bin/sh");
        collect_groups(etc_dir, &u);
        *ret = u;
        return 0;
}
