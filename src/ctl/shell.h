/* `uspawnctl shell`: the parent (outside, relaying the terminal) opens everything it needs from
 * /proc/LEADER while the leader is known to be the machine's; the child joins the namespaces
 * and forks the command into the PID namespace (shell-enter.c). */
#pragma once

#include <sys/types.h>

#include "registry.h"

enum {
        SHELL_NS_USER,
        SHELL_NS_MNT,
        SHELL_NS_PID,
        SHELL_NS_UTS,
        SHELL_NS_IPC,
        SHELL_NS_NET,
        SHELL_NS_CGROUP,
        _SHELL_NS_MAX
};

struct shell_target {
        const struct machine_record *m;
        int ns[_SHELL_NS_MAX]; /* -EBADF for a namespace we already share */
        int rootfd;            /* /proc/LEADER/root */
        char **leader_env;     /* /proc/LEADER/environ */
        char **argv;           /* NULL: root's login shell */
        const char *term;      /* our TERM, or NULL */
        int tty;               /* the pty's slave, or -EBADF for plain stdio */
        /* the machine's root emulation: its filter, which the command installs last, and the
         * socket the listener goes back on (-EBADF, NULL: the machine has none) */
        const void *rootemu_bpf;
        size_t rootemu_len;
        int rootemu_sock;
};

/* Open the leader's namespaces, root and environment (pidfd pins the leader). Logs. */
int shell_open_target(void *ctx, const struct machine_record *m, int pidfd, struct shell_target *t);
void shell_close_target(struct shell_target *t);

/* In the forked child: join the machine, fork the command into its PID namespace, write the
 * command's pid (as seen from the host) to pid_fd and exit. On failure logs and exits 1
 * without writing. */
_Noreturn void shell_enter(void *ctx, struct shell_target *t, int pid_fd);
