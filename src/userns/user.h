/* The user a command runs as, looked up in the guest's own /etc/passwd and /etc/group (after
 * the root has become the tree, so the guest's files are read, never the host's). */
#pragma once

#include <stdbool.h>
#include <sys/types.h>

#define GUEST_MAX_GROUPS 64

struct guest_user {
        uid_t uid;
        gid_t gid;
        char *name, *home, *shell;
        gid_t groups[GUEST_MAX_GROUPS];
        int n_groups;
};

/* spec is a name or a number; NULL means root. Reads passwd and group under etc_dir. */
int guest_user_resolve(void *ctx, const char *etc_dir, const char *spec, struct guest_user *ret);
