/* Another process's memory: process_vm_readv/writev, and /proc/TID/mem where a debugger's
 * access is wanted. */
#include "util/tracee-mem.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

#include "util/macro.h"

static int vm_io(pid_t tid, uint64_t addr, void *buf, size_t len, bool write)
{
        struct iovec local = {.iov_base = buf, .iov_len = len};
        struct iovec remote = {.iov_base = (void *)(uintptr_t)addr, .iov_len = len};
        ssize_t n = write ? process_vm_writev(tid, &local, 1, &remote, 1, 0)
                          : process_vm_readv(tid, &local, 1, &remote, 1, 0);

        if (n == (ssize_t)len)
                return 0;
        /* a short transfer stopped at an unusable page */
        return n >= 0 || errno == EFAULT ? -EFAULT : -errno;
}

static int proc_mem_io(pid_t tid, uint64_t addr, void *buf, size_t len, bool write)
{
        char path[32];
        _cleanup_close_ int fd = -EBADF;
        ssize_t n;

        snprintf(path, sizeof path, "/proc/%d/mem", (int)tid);
        fd = open(path, (write ? O_WRONLY : O_RDONLY) | O_CLOEXEC);
        if (fd < 0)
                return -errno;
        n = write ? pwrite(fd, buf, len, (off_t)addr) : pread(fd, buf, len, (off_t)addr);
        if (n < 0)
                return -errno;
        return (size_t)n == len ? 0 : -EFAULT;
}

int tracee_read(pid_t tid, uint64_t addr, void *buf, size_t len)
{
        return vm_io(tid, addr, buf, len, false);
}

int tracee_write(pid_t tid, uint64_t addr, const void *buf, size_t len)
{
        return vm_io(tid, addr, (void *)buf, len, true);
}

int tracee_peek(pid_t tid, uint64_t addr, void *buf, size_t len)
{
        return vm_io(tid, addr, buf, len, false) == 0 ? 0 : proc_mem_io(tid, addr, buf, len, false);
}

int tracee_poke(pid_t tid, uint64_t addr, const void *buf, size_t len)
{
        return vm_io(tid, addr, (void *)buf, len, true) == 0 ? 0 : proc_mem_io(tid, addr, (void *)buf, len, true);
}

int tracee_read_string(pid_t tid, uint64_t addr, char *buf, size_t size)
{
        size_t off = 0;

        if (addr == 0 || size == 0)
                return -EFAULT;
        while (off < size - 1) {
                size_t chunk = 4096 - ((addr + off) & 4095);
                int r;

                if (chunk > size - 1 - off)
                        chunk = size - 1 - off;
                r = tracee_read(tid, addr + off, buf + off, chunk);
                if (r < 0)
                        return r;
                if (memchr(buf + off, '\0', chunk))
                        return 0;
                off += chunk;
        }
        return -ENAMETOOLONG;
}
