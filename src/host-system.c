/* Probes that only look at the system: installed helpers (newuidmap, fusermount3, pasta),
 * device nodes (/dev/fuse, /dev/net/tun), the vsyscall page and our cgroup v2 subtree. */
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/xattr.h>

#include "host-internal.h"
#include "util/missing.h"

/* "setuid root", "file capabilities", or NULL when the helper cannot map ids. */
static const char *privilege_of(const char *path)
{
        struct stat st;

        if (stat(path, &st) < 0)
                return NULL;
        if ((st.st_mode & S_ISUID) && st.st_uid == 0)
                return "setuid root";
        if (getxattr(path, "security.capability", NULL, 0) > 0)
                return "file capabilities";
        return NULL;
}

void host_probe_newuidmap(struct host *h)
{
        static const char *const names[] = {"newuidmap", "newgidmap"};
        char paths[2][PATH_MAX];
        const char *how[2];

        for (size_t i = 0; i < ELEMENTSOF(names); i++) {
                if (host_find_program(names[i], paths[i], sizeof paths[i]) < 0)
                        return host_feature_set(&h->newuidmap, false, "%s not found (apt-get install uidmap)",
                                                names[i]);
                how[i] = privilege_of(paths[i]);
                if (!how[i])
                        return host_feature_set(&h->newuidmap, false,
                                                "%s is neither setuid root nor has file "
                                                "capabilities (reinstall uidmap: apt-get install "
                                                "--reinstall uidmap)",
                                                paths[i]);
        }
        if (streq(how[0], how[1]))
                host_feature_set(&h->newuidmap, true, "%s and %s: %s", paths[0], paths[1], how[0]);
        else
                host_feature_set(&h->newuidmap, true, "%s: %s; %s: %s", paths[0], how[0], paths[1], how[1]);
}

/* The page's mode is fixed at boot: a process reads /proc/self/maps for it once (the supervisor
 * asks twice on its way to the container, for the tracer and for the preload fallback). */
static int read_vsyscall_mode(enum vsyscall_mode *ret)
{
        static enum vsyscall_mode known = VSYSCALL_UNKNOWN;
        _cleanup_free_ char *text = NULL;
        size_t size = 0;
        FILE *f, *maps;
        char buf[4096];
        size_t k;

        if (known != VSYSCALL_UNKNOWN) {
                *ret = known;
                return 0;
        }
        f = open_memstream(&text, &size);
        maps = fopen("/proc/self/maps", "re");
        if (!f || !maps) {
                int r = negative_errno();
                if (f)
                        fclose(f);
                if (maps)
                        fclose(maps);
                return r;
        }
        while ((k = fread(buf, 1, sizeof buf, maps)) > 0)
                fwrite(buf, 1, k, f);
        fclose(maps);
        fclose(f);
        *ret = known = host_parse_vsyscall(text);
        return 0;
}

void host_probe_vsyscall(struct host *h)
{
        int r = read_vsyscall_mode(&h->vsyscall_mode);

        if (r < 0) {
                h->vsyscall_mode = VSYSCALL_UNKNOWN;
                return host_feature_set(&h->vsyscall, false, "cannot read /proc/self/maps: %s", strerror(-r));
        }
        switch (h->vsyscall_mode) {
        case VSYSCALL_XONLY:
                return host_feature_set(&h->vsyscall, true,
                                        "xonly: old glibc's calls work "
                                        "through the kernel's emulation");
        case VSYSCALL_EMULATE:
                return host_feature_set(&h->vsyscall, true,
                                        "emulate: the page is readable and "
                                        "old binaries run natively");
        case VSYSCALL_NONE:
                return host_feature_set(&h->vsyscall, false,
                                        "none: uspawn emulates it for old "
                                        "binaries");
        default:
                return host_feature_set(&h->vsyscall, false,
                                        "unknown: cannot parse "
                                        "/proc/self/maps");
        }
}

/* Open a device read-write; on failure describe why in buf ("" when it opened). */
static int try_device(const char *path, char *buf, size_t n)
{
        _cleanup_close_ int fd = open(path, O_RDWR | O_CLOEXEC | O_NOCTTY);
        struct stat st;
        int r;

        if (fd >= 0) {
                *buf = 0;
                return 0;
        }
        r = -errno;
        if (r == -ENOENT)
                snprintf(buf, n,
                         "no %s (the kernel module is not loaded, or the container "
                         "lacks the device)",
                         path);
        else if ((r == -EACCES || r == -EPERM) && stat(path, &st) >= 0)
                snprintf(buf, n,
                         "%s is mode %04o owned by uid %u: not openable by uid %u (an "
                         "admin can chmod 0666 %s)",
                         path, st.st_mode & 07777, (unsigned)st.st_uid, (unsigned)geteuid(), path);
        else
                snprintf(buf, n, "cannot open %s: %s", path, strerror(-r));
        return r;
}

void host_probe_fuse(struct host *h)
{
        char why[192], prog[PATH_MAX];
        int r = try_device("/dev/fuse", why, sizeof why);
        bool have = host_find_program("fusermount3", prog, sizeof prog) >= 0;

        if (r < 0 && !have)
                host_feature_set(&h->fuse, false,
                                 "%s; fusermount3 not found (apt-get install "
                                 "fuse3)",
                                 why);
        else if (r < 0)
                host_feature_set(&h->fuse, false, "%s", why);
        else if (!have)
                host_feature_set(&h->fuse, false,
                                 "/dev/fuse opens but fusermount3 is not found "
                                 "(apt-get install fuse3)");
        else
                host_feature_set(&h->fuse, true, "/dev/fuse opens, %s present", prog);
}

void host_probe_tun(struct host *h)
{
        char why[192];

        if (try_device("/dev/net/tun", why, sizeof why) < 0)
                return host_feature_set(&h->tun, false, "%s", why);
        host_feature_set(&h->tun, true, "/dev/net/tun opens; pasta and slirp4netns need it for -n");
}

/* Our cgroup v2 path from /proc/self/cgroup's "0::/path" line. */
static int own_cgroup(char *ret, size_t n)
{
        _cleanup_free_ char *line = NULL;
        size_t len = 0;
        int r = -ENOENT;
        FILE *f = fopen("/proc/self/cgroup", "re");

        if (!f)
                return -errno;
        while (getline(&line, &len, f) >= 0)
                if (startswith(line, "0::")) {
                        line[strcspn(line, "\n")] = 0;
                        r = (size_t)snprintf(ret, n, "%s", line + 3) < n ? 0 : -ENAMETOOLONG;
                        break;
                }
        fclose(f);
        return r;
}

void host_probe_cgroup(struct host *h)
{
        static const char *const mounts[] = {"/sys/fs/cgroup", "/sys/fs/cgroup/unified"};
        const char *mnt = NULL;
        char cg[PATH_MAX], dir[PATH_MAX + 32], procs[PATH_MAX + 64], ctl[PATH_MAX + 64];
        struct statfs sfs;
        bool w_procs, w_ctl;

        for (size_t i = 0; i < ELEMENTSOF(mounts) && !mnt; i++)
                if (statfs(mounts[i], &sfs) >= 0 && sfs.f_type == CGROUP2_SUPER_MAGIC)
                        mnt = mounts[i];
        if (!mnt)
                return host_feature_set(&h->cgroup_delegation, false,
                                        "no cgroup2 at /sys/fs/cgroup (cgroup v1 only: boot with "
                                        "systemd.unified_cgroup_hierarchy=1)");
        if (own_cgroup(cg, sizeof cg) < 0)
                return host_feature_set(&h->cgroup_delegation, false, "no \"0::\" line in /proc/self/cgroup");
        snprintf(dir, sizeof dir, "%s%s", mnt, streq(cg, "/") ? "" : cg);
        snprintf(procs, sizeof procs, "%s/cgroup.procs", dir);
        snprintf(ctl, sizeof ctl, "%s/cgroup.subtree_control", dir);
        w_procs = faccessat(AT_FDCWD, procs, W_OK, AT_EACCESS) >= 0;
        w_ctl = faccessat(AT_FDCWD, ctl, W_OK, AT_EACCESS) >= 0;

        if (w_procs && w_ctl)
                return host_feature_set(&h->cgroup_delegation, true, "%s is writable%s", dir,
                                        streq(mnt, "/sys/fs/cgroup") ? "" : " (hybrid layout)");
        host_feature_set(&h->cgroup_delegation, false,
                         "%s is not writable by uid %u (start under systemd-run --user --scope "
                         "-p Delegate=yes, or ask an admin to delegate it)",
                         !w_procs ? procs : ctl, (unsigned)geteuid());
}

void host_probe_pasta(struct host *h)
{
        char pasta[PATH_MAX], slirp[PATH_MAX];
        bool have_pasta = host_find_program("pasta", pasta, sizeof pasta) >= 0;
        bool have_slirp = host_find_program("slirp4netns", slirp, sizeof slirp) >= 0;

        if (have_pasta && have_slirp)
                return host_feature_set(&h->pasta, true, "%s (used by -n), %s", pasta, slirp);
        if (have_pasta)
                return host_feature_set(&h->pasta, true, "%s (used by -n); no slirp4netns (not needed)", pasta);
        if (have_slirp)
                return host_feature_set(&h->pasta, true,
                                        "%s (used by -n); no pasta (apt-get install passt: faster, IPv6 ports)", slirp);
        host_feature_set(&h->pasta, false,
                         "neither pasta nor slirp4netns found (apt-get install passt); -n/--network-veth needs one");
}
