/* A run holds a flock on its scratch directory's .lock for as long as it lives. A run killed
 * with SIGKILL cannot remove its directory, so the next run removes every directory of ours
 * whose lock nobody holds. A lock rather than a pid: a pid names another process in another
 * PID namespace sharing the same /dev/shm, a lock belongs to the file. The lock file appears
 * under its final name only once it is locked (made under a temporary name, then renamed), so
 * a sweep never finds the lock of a live run free; a directory without one is left alone. */
#define _XOPEN_SOURCE 700
#include "trace/scratch.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <talloc.h>
#include <unistd.h>

#include "util/log.h"
#include "util/macro.h"

#define SCRATCH_PREFIX "uspawn-trace."
#define LOCK_NAME ".lock"

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
        (void)st;
        (void)ftw;
        if (flag == FTW_DP || flag == FTW_D || flag == FTW_DNR) /* DNR: /run/host/inaccessible/dir (mode 0) */
                rmdir(path);
        else
                unlink(path);
        return 0;
}

void trace_scratch_remove(const char *dir)
{
        nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS | FTW_MOUNT);
}

/* Whether base/name is a scratch directory of ours whose run is gone. */
static bool abandoned(int base, const char *name)
{
        char lock[NAME_MAX + sizeof "/" LOCK_NAME];
        _cleanup_close_ int fd = -EBADF;
        struct stat st;

        if (strncmp(name, SCRATCH_PREFIX, strlen(SCRATCH_PREFIX)) != 0 ||
            fstatat(base, name, &st, AT_SYMLINK_NOFOLLOW) < 0 || !S_ISDIR(st.st_mode) || st.st_uid != geteuid())
                return false;
        snprintf(lock, sizeof lock, "%s/" LOCK_NAME, name);
        fd = openat(base, lock, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
        return fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) == 0;
}

static void sweep(const char *base)
{
        DIR *d = opendir(base);
        struct dirent *e;

        if (!d)
                return;
        while ((e = readdir(d)))
                if (abandoned(dirfd(d), e->d_name)) {
                        char *dir = talloc_asprintf(NULL, "%s/%s", base, e->d_name);
                        if (dir) {
                                log_debug("Removing %s, left by a trace run that was killed", dir);
                                trace_scratch_remove(dir);
                        }
                        talloc_free(dir);
                }
        closedir(d);
}

int trace_scratch_make(void *ctx, const char *base, char **ret_dir, int *ret_lock)
{
        char *dir, *tmp, *lock;
        int fd;

        sweep(base);
        dir = talloc_asprintf(ctx, "%s/" SCRATCH_PREFIX "XXXXXX", base);
        if (!dir || !mkdtemp(dir))
                return log_error_errno(dir ? -errno : -ENOMEM, "Failed to make the trace backend's directory: %m");
        tmp = talloc_asprintf(ctx, "%s/" LOCK_NAME ".new", dir);
        lock = talloc_asprintf(ctx, "%s/" LOCK_NAME, dir);
        if (!tmp || !lock)
                return log_error_errno(-ENOMEM, "Out of memory");
        fd = open(tmp, O_RDONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
        if (fd < 0 || flock(fd, LOCK_EX) < 0 || rename(tmp, lock) < 0) {
                int r = log_error_errno(-errno, "Failed to lock the trace backend's directory %s: %m", dir);
                if (fd >= 0)
                        close(fd);
                trace_scratch_remove(dir);
                return r;
        }
        *ret_dir = dir;
        *ret_lock = fd;
        return 0;
}
