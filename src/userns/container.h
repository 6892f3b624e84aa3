/* The container side of the userns backend: everything done inside the new namespaces,
 * from the moment the id maps are written to the exec of the command. */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#include "plan.h"
#include "settings.h"
#include "userns/idmap.h"

struct launch {
        const struct settings *settings;
        const struct plan *plan;
        struct idmaps maps;
        int sync_fd;               /* our end of the socket pair with the supervisor */
        const char *console_slave; /* the pty's slave path, or NULL */
        bool syslog;               /* bind /dev/log for the supervisor's relay */
        bool notify;               /* bind /run/host/notify for it (--notify-ready) */
        const char *cgroup;        /* the container's cgroup (delegated hosts, --boot), or NULL */
        bool emulating;            /* the root emulation's filter is loaded (set by the container) */
        int pid1_fd;               /* PID 2's end of the hand-shake with PID 1 (--as-pid2), or -EBADF */
        char uuid[37];
};

/* Messages on the sync socket: the supervisor sends the maps it wrote, then the compiled
 * seccomp filter; the container hands over the sockets it bound (SYNC_SOCKET with the socket
 * attached) and answers SYNC_READY just before it executes the command. */
#define SYNC_MAPS_WRITTEN 'M'
#define SYNC_READY 'R'
#define SYNC_SOCKET 'S'

enum sync_socket_kind { SYNC_SOCKET_SYSLOG, SYNC_SOCKET_NOTIFY };

struct sync_socket {
        char tag;  /* SYNC_SOCKET */
        char kind; /* enum sync_socket_kind */
};

struct sync_maps {
        char tag; /* SYNC_MAPS_WRITTEN */
        struct idmaps maps;
};

/* Runs in the cloned child, PID 1 of the new PID namespace. Never returns. */
_Noreturn void container_main(struct launch *l);
