/* Another process's memory, from the supervisor: the one implementation the vsyscall engine,
 * the trace backend and the root emulation share. Library-like: -errno, never logs. */
#pragma once

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* As the process itself would see it (process_vm_readv/writev): a page it cannot read or write
 * gives -EFAULT, so a result written for a system call faults where the kernel's would. */
int tracee_read(pid_t tid, uint64_t addr, void *buf, size_t len);
int tracee_write(pid_t tid, uint64_t addr, const void *buf, size_t len);

/* With /proc/TID/mem as the fallback, as a debugger does: it also reaches stack pages not yet
 * faulted in and read-only pages (the trace backend's scratch space and rewritten arguments). */
int tracee_peek(pid_t tid, uint64_t addr, void *buf, size_t len);
int tracee_poke(pid_t tid, uint64_t addr, const void *buf, size_t len);

/* A NUL-terminated string into buf (at most size-1 bytes), read page by page since it may end
 * just before an unmapped page: -EFAULT, or -ENAMETOOLONG when it does not fit. */
int tracee_read_string(pid_t tid, uint64_t addr, char *buf, size_t size);
