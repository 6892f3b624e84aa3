/* The stat fast path's contract between the root emulation's seccomp filter (notify.c) and the
 * in-process shim (preload/ids-*.c, libuspawn-ids.so): a statx whose mask carries
 * FASTPATH_MARKER runs in the kernel without stopping in the supervisor (the shim lays the
 * ownership record over the answer itself), and the probe mask makes the filter answer
 * FASTPATH_PROBE_ERRNO, which tells the shim that the emulation is on for it. Freestanding:
 * constants only, no libc header, so the shim can include it. */
#pragma once

/* STATX_CHANGE_COOKIE: a kernel-internal request bit that fs/stat.c's do_statx strips from
 * userland masks since Linux 6.3 (before, no file system knew it; the kernel refuses only
 * STATX__RESERVED, 0x80000000, and passes other unknown bits to ->getattr, which ignores
 * them). So the bit changes nothing in the answer: only the filter looks at it. */
#define FASTPATH_MARKER 0x40000000u

/* statx(AT_FDCWD, "", 0, FASTPATH_PROBE_MASK, buf): ENOENT from the kernel (empty path), this
 * errno (ENOANO, which no statx returns) from the emulation's filter. */
#define FASTPATH_PROBE_MASK (FASTPATH_MARKER | 0x20000000u)
#define FASTPATH_PROBE_ERRNO 55
