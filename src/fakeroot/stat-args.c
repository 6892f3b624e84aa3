/* The stat family's argument roles (see stat-args.h). */
#include "fakeroot/stat-args.h"

#include <fcntl.h>
#include <sys/syscall.h>

void fake_stat_args(long nr, const __u64 args[6], struct fake_stat_args *ret)
{
        struct fake_stat_args a = {.dirfd = AT_FDCWD};

        switch (nr) {
        case SYS_stat:
        case SYS_lstat:
                a.path = args[0];
                a.buf = args[1];
                a.flags = nr == SYS_lstat ? AT_SYMLINK_NOFOLLOW : 0;
                break;
        case SYS_fstat:
                a.dirfd = (int)args[0];
                a.buf = args[1];
                a.flags = AT_EMPTY_PATH;
                break;
        case SYS_newfstatat:
                a.dirfd = (int)args[0];
                a.path = args[1];
                a.buf = args[2];
                a.flags = (int)args[3];
                break;
        default: /* statx */
                a.dirfd = (int)args[0];
                a.path = args[1];
                a.flags = (int)args[2];
                a.mask = (unsigned)args[3];
                a.buf = args[4];
                a.is_statx = true;
        }
        *ret = a;
}
