/* Unit tests for guest user lookup: names and numbers from the guest's passwd, supplementary
 * groups from its group file, and numbers with no entry. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <talloc.h>
#include <unistd.h>

#include "userns/user.h"
#include "unit.h"

static void write_file(const char *dir, const char *name, const char *text)
{
        char path[256];
        FILE *f;

        snprintf(path, sizeof path, "%s/%s", dir, name);
        f = fopen(path, "w");
        fputs(text, f);
        fclose(f);
}

int main(void)
{
        void *ctx = talloc_new(NULL);
        char dir[] = "/tmp/uspawn-unit-user.XXXXXX";
        struct guest_user u;

        if (!mkdtemp(dir))
                return 1;
        write_file(dir, "passwd",
                   "root:x:0:0:root:/root:/bin/bash\nalice:x:1000:1000:A:/home/alice:\n"
                   "www-data:x:33:33::/var/www:/usr/sbin/nologin\n");
        write_file(dir, "group", "root:x:0:\nstaff:x:50:bob,alice\nalice:x:1000:\nother:x:60:bob\n");

        check(guest_user_resolve(ctx, dir, NULL, &u) == 0 && u.uid == 0 && strcmp(u.home, "/root") == 0 &&
                      strcmp(u.shell, "/bin/bash") == 0,
              "no user means root from the guest's passwd");
        check(guest_user_resolve(ctx, dir, "alice", &u) == 0 && u.uid == 1000 && u.gid == 1000 &&
                      strcmp(u.shell, "/bin/sh") == 0 && u.n_groups == 1 && u.groups[0] == 50,
              "name lookup, empty shell defaults, supplementary groups");
        check(guest_user_resolve(ctx, dir, "33", &u) == 0 && strcmp(u.name, "www-data") == 0, "number lookup");
        check(guest_user_resolve(ctx, dir, "4242", &u) == 0 && u.uid == 4242 && u.gid == 4242 &&
                      strcmp(u.home, "/") == 0,
              "a number with no entry runs as itself");
        check(guest_user_resolve(ctx, dir, "mallory", &u) == -ESRCH, "unknown name is ESRCH");

        char path[256];
        snprintf(path, sizeof path, "%s/passwd", dir);
        unlink(path);
        snprintf(path, sizeof path, "%s/group", dir);
        unlink(path);
        rmdir(dir);
        talloc_free(ctx);
        return unit_exit();
}
