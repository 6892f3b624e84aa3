/* The host name without a UTS namespace: uname(2) answers the host's fields with the guest's
 * node and domain names, sethostname/setdomainname change only those, and
 * /proc/sys/kernel/{hostname,domainname} are read-only rows (as /proc/sys is under userns) to
 * the two files that hold them. PRoot's -k rewrites uname the same way. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <talloc.h>
#include <unistd.h>

#include "fakeroot/creds.h"
#include "trace/path.h"
#include "trace/regs.h"
#include "trace/table.h"
#include "trace/trace.h"
#include "trace/uts.h"
#include "util/fs.h"
#include "util/log.h"

#define UTS_LEN 64 /* __NEW_UTS_LEN: what the kernel takes and answers */

static int write_name(const char *path, const char *name, size_t len)
{
        _cleanup_close_ int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        char buf[UTS_LEN + 1];

        if (fd < 0)
                return -errno;
        memcpy(buf, name, len);
        buf[len] = '\n'; /* as /proc/sys/kernel/hostname shows it */
        return write(fd, buf, len + 1) == (ssize_t)(len + 1) ? 0 : -EIO;
}

/* The name in path, without its newline; "" when it cannot be read. */
static void read_name(const char *path, char buf[UTS_LEN + 1])
{
        _cleanup_close_ int fd = open(path, O_RDONLY | O_CLOEXEC);
        ssize_t n = fd < 0 ? -1 : read(fd, buf, UTS_LEN);

        buf[n > 0 ? n : 0] = '\0';
        buf[strcspn(buf, "\n")] = '\0';
}

static char *domain_file(void *ctx, const char *host_file)
{
        return talloc_asprintf(ctx, "%.*s/domainname", (int)(strrchr(host_file, '/') - host_file), host_file);
}

int trace_uts_setup(struct trace_table *tt, const char *hostname, const char **ret_file)
{
        char *dir = talloc_asprintf(tt, "%s/uts", tt->tmp_base), *host, *domain;
        struct utsname u;
        int r = 0;

        if (!dir || uname(&u) < 0)
                return log_error_errno(dir ? -errno : -ENOMEM, "Failed to read the host's uname: %m");
        host = talloc_asprintf(tt, "%s/hostname", dir);
        domain = host ? domain_file(tt, host) : NULL;
        if (!domain)
                return log_error_errno(-ENOMEM, "Out of memory");
        if (mkdir(dir, 0700) < 0 || (r = write_name(host, hostname, strnlen(hostname, UTS_LEN))) < 0 ||
            (r = write_name(domain, u.domainname, strlen(u.domainname))) < 0)
                return log_error_errno(r < 0 ? r : -errno, "Failed to write the guest's host name in %s: %m", dir);
        r = path_table_add(tt, &tt->paths, "/proc/sys/kernel/hostname", host, true);
        if (r >= 0)
                r = path_table_add(tt, &tt->paths, "/proc/sys/kernel/domainname", domain, true);
        if (r < 0)
                return log_error_errno(r, "Out of memory");
        *ret_file = host;
        return 0;
}

/* Root of the guest may set the names, as root of a UTS namespace may; anyone else gets the
 * kernel's answer to a process without CAP_SYS_ADMIN. */
static long set_name(struct tracer *tr, struct tracee *t, const char *path, uint64_t addr, uint64_t len)
{
        char buf[UTS_LEN];

        if (!tr->fakeroot || !t->creds || t->creds->euid != 0)
                return -EPERM;
        if (len > UTS_LEN)
                return -EINVAL;
        if (len && tracee_peek(t->tid, addr, buf, len) < 0)
                return -EFAULT;
        return write_name(path, buf, len);
}

long uts_call(struct tracer *tr, struct tracee *t, struct user_regs_struct *regs)
{
        uint64_t a0 = *syscall_arg(regs, 0), a1 = *syscall_arg(regs, 1);
        char *domain = domain_file(t->scratch, tr->uts_file);
        struct utsname u;

        if (!domain)
                return -ENOMEM;
        switch (regs->orig_rax) {
        case __NR_sethostname:
                return set_name(tr, t, tr->uts_file, a0, a1);
        case __NR_setdomainname:
                return set_name(tr, t, domain, a0, a1);
        }
        if (uname(&u) < 0)
                return -errno;
        read_name(tr->uts_file, u.nodename);
        read_name(domain, u.domainname);
        return tracee_poke(t->tid, a0, &u, sizeof u) < 0 ? -EFAULT : 0;
}
