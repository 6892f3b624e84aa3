/* Small macros every file uses: cleanup attributes, ownership transfer, -errno wrapping.
 * Modelled on systemd's conventions (DESIGN.md §3.2, §3.4). */
#pragma once

#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

#define ELEMENTSOF(a) (sizeof(a) / sizeof((a)[0]))
#define _unused_ __attribute__((unused))
#define _noreturn_ __attribute__((noreturn))
#define _printf_(a, b) __attribute__((format(printf, a, b)))
#define _cleanup_(f) __attribute__((cleanup(f)))

/* Take the value out of a variable that a cleanup attribute would otherwise free. */
#define TAKE_PTR(p)                                                                                                    \
        ({                                                                                                             \
                __typeof__(p) _p = (p);                                                                                \
                (p) = NULL;                                                                                            \
                _p;                                                                                                    \
        })
#define TAKE_FD(fd)                                                                                                    \
        ({                                                                                                             \
                int _fd = (fd);                                                                                        \
                (fd) = -EBADF;                                                                                         \
                _fd;                                                                                                   \
        })

/* Turn a libc call's "-1 and errno" into "-errno". */
#define RET_NERRNO(expr)                                                                                               \
        ({                                                                                                             \
                long _r = (long)(expr);                                                                                \
                _r < 0 ? -errno : (int)_r;                                                                             \
        })

/* errno as a negative value, never 0 even when a broken callee forgot to set it. */
static inline int negative_errno(void)
{
        return errno > 0 ? -errno : -EIO;
}

static inline void freep(void *p)
{
        free(*(void **)p);
}
#define _cleanup_free_ _cleanup_(freep)

static inline void closep(int *fd)
{
        if (*fd >= 0) {
                int saved = errno;
                close(*fd);
                errno = saved;
        }
}
#define _cleanup_close_ _cleanup_(closep)

static inline int safe_close(int fd)
{
        if (fd >= 0)
                close(fd);
        return -EBADF;
}

#define streq(a, b) (strcmp((a), (b)) == 0)
#define startswith(s, prefix) (strncmp((s), (prefix), strlen(prefix)) == 0)
