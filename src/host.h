/* What this machine offers, probed once: the facts backend choice and `uspawnctl check` read.
 * Each probe says yes/no and, when no, why and what would fix it. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

enum vsyscall_mode { VSYSCALL_NONE, VSYSCALL_XONLY, VSYSCALL_EMULATE, VSYSCALL_UNKNOWN };

struct host_feature {
        bool ok;
        char detail[256]; /* the reason, the remedy, or the value found (one line) */
};

/* How the userns detail ends when the trace backend would take over; a caller that has no trace
 * backend can strip it. */
#define HOST_TRACE_FALLBACK "; the trace backend would be used instead"

struct subid_range {
        unsigned long start;
        unsigned long count; /* 0 when the user has no range */
};

struct host {
        struct host_feature userns;         /* unprivileged CLONE_NEWUSER works */
        struct host_feature overlay_userns; /* overlayfs mountable inside a user namespace */
        struct host_feature newuidmap;      /* newuidmap and newgidmap installed (setuid/caps) */
        struct host_feature subuid;         /* the user has /etc/subuid and /etc/subgid ranges */
        struct subid_range subuid_range, subgid_range;
        struct host_feature seccomp_notify; /* SECCOMP_RET_USER_NOTIF */
        struct host_feature seccomp_addfd;  /* SECCOMP_IOCTL_NOTIF_ADDFD */
        struct host_feature ptrace;         /* PTRACE_SEIZE of a child works */
        struct host_feature vsyscall;       /* ok = old binaries run natively */
        enum vsyscall_mode vsyscall_mode;
        struct host_feature fuse;              /* /dev/fuse openable and fusermount3 present */
        struct host_feature tun;               /* /dev/net/tun openable */
        struct host_feature cgroup_delegation; /* a writable cgroup v2 subtree of our own */
        struct host_feature pasta;             /* pasta or slirp4netns installed */
};

/* The features in display order: JSON key, label for `uspawnctl check`, where it lives in
 * struct host. */
struct host_feature_info {
        const char *key;
        const char *label;
        size_t offset;
};
extern const struct host_feature_info host_feature_table[];
extern const size_t host_feature_table_size;

static inline const struct host_feature *host_feature_at(const struct host *h, const struct host_feature_info *i)
{
        return (const struct host_feature *)((const char *)h + i->offset);
}

/* Look up the user's subordinate range in FILE (/etc/subuid or /etc/subgid) by name or uid.
 * Returns 0 and *ret (the first range with count >= 65536, else the user's first range), -ENOENT
 * when the file has no usable line for the user, or -errno when it cannot be read. */
int host_read_subid(const char *file, const char *user, uid_t uid, struct subid_range *ret);

/* Parse the [vsyscall] line of a /proc/PID/maps text. */
enum vsyscall_mode host_parse_vsyscall(const char *maps_text);
const char *vsyscall_mode_to_string(enum vsyscall_mode m);

/* Probe only what starting a container needs (cheap); host_probe_all adds the rest. */
int host_probe_userns(struct host *h);
int host_probe_subid(struct host *h);
void host_probe_newuidmap(struct host *h);
/* The [vsyscall] line of /proc/self/maps: h->vsyscall and h->vsyscall_mode. */
void host_probe_vsyscall(struct host *h);
void host_probe_all(struct host *h);

/* Find NAME in $PATH, then in the usual system directories. Writes the path into ret (size n).
 * Returns 0 or -ENOENT. */
int host_find_program(const char *name, char *ret, size_t n);
