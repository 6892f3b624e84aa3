/* Probes for user namespaces and for kernel overlayfs inside one. Each runs in a forked child so
 * the caller's namespaces never change; when the kernel refuses, name the knob that refused. */
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>

#include "host-internal.h"

enum { STAGE_UNSHARE = 1, STAGE_SETGROUPS, STAGE_UIDMAP, STAGE_GIDMAP, STAGE_MOUNT };

static int write_file(const char *path, const char *text)
{
        _cleanup_close_ int fd = open(path, O_WRONLY | O_CLOEXEC);
        ssize_t len = (ssize_t)strlen(text);

        if (fd < 0)
                return -errno;
        if (write(fd, text, len) != len)
                return negative_errno();
        return 0;
}

struct ids {
        uid_t uid;
        gid_t gid;
};

/* In the child: become root of a new user namespace mapping only ourselves. */
static int map_self(const struct ids *ids, int flags, int *stage)
{
        char map[64];
        int r;

        *stage = STAGE_UNSHARE;
        if (unshare(CLONE_NEWUSER | flags) < 0)
                return -errno;

        *stage = STAGE_UIDMAP;
        snprintf(map, sizeof map, "0 %u 1\n", (unsigned)ids->uid);
        r = write_file("/proc/self/uid_map", map);
        if (r < 0 || !(flags & CLONE_NEWNS))
                return r;

        *stage = STAGE_SETGROUPS;
        r = write_file("/proc/self/setgroups", "deny\n");
        if (r < 0 && r != -ENOENT)
                return r;
        *stage = STAGE_GIDMAP;
        snprintf(map, sizeof map, "0 %u 1\n", (unsigned)ids->gid);
        return write_file("/proc/self/gid_map", map);
}

static int userns_child(void *userdata, int *stage)
{
        return map_self(userdata, 0, stage);
}

/* Why CLONE_NEWUSER (or the uid_map write after it) failed: the sysctl, the LSM, or seccomp. */
static void explain_userns_refusal(struct host_feature *f, int r, int stage)
{
        static const char trace[] = HOST_TRACE_FALLBACK;
        long v;

        if (host_read_sysctl_long("/proc/sys/kernel/unprivileged_userns_clone", &v) >= 0 && v == 0)
                return host_feature_set(f, false,
                                        "disabled by kernel.unprivileged_userns_clone=0 "
                                        "(sysctl -w kernel.unprivileged_userns_clone=1)%s",
                                        trace);
        if (host_read_sysctl_long("/proc/sys/user/max_user_namespaces", &v) >= 0 && v == 0)
                return host_feature_set(f, false,
                                        "disabled by user.max_user_namespaces=0 "
                                        "(sysctl -w user.max_user_namespaces=15000)%s",
                                        trace);
        if (host_read_sysctl_long("/proc/sys/kernel/apparmor_restrict_unprivileged_userns", &v) >= 0 && v == 1)
                return host_feature_set(f, false,
                                        "restricted by AppArmor "
                                        "(kernel.apparmor_restrict_unprivileged_userns=1; sysctl -w "
                                        "kernel.apparmor_restrict_unprivileged_userns=0 or a "
                                        "profile allowing 'userns,')%s",
                                        trace);
        if (r == -ENOSPC || r == -EUSERS)
                return host_feature_set(f, false,
                                        "limit reached (%s): raise user.max_user_namespaces or "
                                        "leave nested namespaces%s",
                                        strerror(-r), trace);
        if (r == -EINVAL && stage == STAGE_UNSHARE)
                return host_feature_set(f, false,
                                        "kernel built without user namespaces "
                                        "(CONFIG_USER_NS)%s",
                                        trace);
        if (r == -EPERM && stage == STAGE_UNSHARE && host_seccomp_mode() != 0)
                return host_feature_set(f, false,
                                        "refused by a seccomp filter (e.g. Docker's default "
                                        "profile; run with --security-opt seccomp=unconfined)%s",
                                        trace);
        if (r == -EPERM && stage == STAGE_UNSHARE)
                return host_feature_set(f, false,
                                        "refused (EPERM) though the userns sysctls allow it: "
                                        "likely a seccomp filter or an LSM%s",
                                        trace);
        host_feature_set(f, false, "%s failed: %s%s",
                         stage == STAGE_UNSHARE ? "unshare(CLONE_NEWUSER)" : "writing uid_map", strerror(-r), trace);
}

int host_probe_userns(struct host *h)
{
        struct ids ids = {geteuid(), getegid()};
        int stage, r;
        long max;

        r = host_run_child(userns_child, &ids, &stage);
        if (r < 0) {
                if (stage < 0)
                        host_feature_set(&h->userns, false, "cannot run the probe: %s", strerror(-r));
                else
                        explain_userns_refusal(&h->userns, r, stage);
                return r;
        }
        if (host_read_sysctl_long("/proc/sys/user/max_user_namespaces", &max) >= 0)
                host_feature_set(&h->userns, true, "allowed; user.max_user_namespaces=%ld", max);
        else
                host_feature_set(&h->userns, true, "allowed");
        return 0;
}

/* ---- overlayfs -------------------------------------------------------------------------- */

struct overlay_probe {
        struct ids ids;
        char base[PATH_MAX];
};

static const char *const overlay_dirs[] = {"lower", "upper", "work", "merged"};

static int overlay_child(void *userdata, int *stage)
{
        const struct overlay_probe *p = userdata;
        char opts[4 * PATH_MAX], merged[PATH_MAX + 16];
        int r;

        r = map_self(&p->ids, CLONE_NEWNS, stage);
        if (r < 0)
                return r;

        *stage = STAGE_MOUNT;
        if (mount("none", "/", "none", MS_REC | MS_PRIVATE, NULL) < 0)
                return -errno;
        snprintf(merged, sizeof merged, "%s/merged", p->base);
        snprintf(opts, sizeof opts, "lowerdir=%s/lower,upperdir=%s/upper,workdir=%s/work", p->base, p->base, p->base);
        if (mount("overlay", merged, "overlay", 0, opts) >= 0)
                return 0;
        /* Kernels that do not imply it want the user.* xattr namespace asked for. */
        r = -errno;
        if (r != -EINVAL && r != -EPERM)
                return r;
        strncat(opts, ",userxattr", sizeof opts - strlen(opts) - 1);
        return RET_NERRNO(mount("overlay", merged, "overlay", 0, opts));
}

/* Remove the probe's directories, including the work/work that overlayfs creates. */
static void overlay_cleanup(const char *base)
{
        static const char *const leaves[] = {"work/work", "work/index", "lower", "upper", "work", "merged"};
        char path[PATH_MAX + 16];

        for (size_t i = 0; i < ELEMENTSOF(leaves); i++) {
                snprintf(path, sizeof path, "%s/%s", base, leaves[i]);
                (void)rmdir(path);
        }
        (void)rmdir(base);
}

int host_probe_overlay(struct host *h)
{
        struct overlay_probe p = {.ids = {geteuid(), getegid()}};
        const char *tmp = getenv("TMPDIR");
        char fuse[PATH_MAX];
        int stage, r;

        if (!h->userns.ok) {
                host_feature_set(&h->overlay_userns, false, "not tested: user namespaces refused");
                return -EPERM;
        }
        if (!tmp || !*tmp)
                tmp = "/tmp";
        if ((size_t)snprintf(p.base, sizeof p.base, "%s/uspawn-probe-XXXXXX", tmp) >= sizeof p.base ||
            !mkdtemp(p.base)) {
                r = negative_errno();
                host_feature_set(&h->overlay_userns, false, "cannot create a directory in %s: %s", tmp, strerror(-r));
                return r;
        }
        r = 0;
        for (size_t i = 0; i < ELEMENTSOF(overlay_dirs) && r >= 0; i++) {
                char path[PATH_MAX + 16];

                snprintf(path, sizeof path, "%s/%s", p.base, overlay_dirs[i]);
                r = RET_NERRNO(mkdir(path, 0700));
        }
        if (r >= 0)
                r = host_run_child(overlay_child, &p, &stage);
        overlay_cleanup(p.base);

        if (r >= 0) {
                host_feature_set(&h->overlay_userns, true,
                                 "kernel overlayfs mounts in a user "
                                 "namespace");
                return 0;
        }
        if (r == -ENODEV)
                host_feature_set(&h->overlay_userns, false,
                                 "no overlay filesystem in this kernel (modprobe overlay); %s",
                                 host_find_program("fuse-overlayfs", fuse, sizeof fuse) >= 0
                                         ? "fuse-overlayfs would be used"
                                         : "remedy: apt-get install fuse-overlayfs");
        else
                host_feature_set(&h->overlay_userns, false,
                                 "kernel overlayfs refused in a user namespace (%s on %s); %s", strerror(-r), tmp,
                                 host_find_program("fuse-overlayfs", fuse, sizeof fuse) >= 0
                                         ? "fuse-overlayfs would be used"
                                         : "remedy: apt-get install fuse-overlayfs");
        return r;
}
