/* Passing one descriptor with a message over a Unix socket (SCM_RIGHTS). */
#pragma once

#include <stddef.h>
#include <sys/types.h>

/* Send len bytes of buf, with fd attached when fd >= 0. Never raises SIGPIPE. Returns 0 or -errno. */
int fd_send(int sock, const void *buf, size_t len, int fd);

/* Receive one message of up to len bytes into buf and the descriptor it carries, if any, into
 * *ret_fd (O_CLOEXEC; -EBADF when it carries none; extra ones are closed). Retries on EINTR.
 * Returns the message's length, 0 at the end, or -errno. */
ssize_t fd_recv(int sock, void *buf, size_t len, int *ret_fd);
