/* The container side of the userns backend: everything done inside the new namespaces,
 * from the moment the id maps are written to the exec of the command. */
#pragma once

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
        const char *syslog_socket; /* the supervisor's /dev/log socket, or NULL */
        const char *notify_socket; /* the supervisor's notify socket (--notify-ready), or NULL */
        const char *cgroup;        /* the container's cgroup (delegated hosts, --boot), or NULL */
        char uuid[37];
};

/* Messages on the sync socket: the supervisor sends the maps it wrote, then the compiled
 * seccomp filter; the container answers SYNC_READY just before it executes the command. */
#define SYNC_MAPS_WRITTEN 'M'
#define SYNC_READY 'R'

struct sync_maps {
        char tag; /* SYNC_MAPS_WRITTEN */
        struct idmaps maps;
};

/* Runs in the cloned child, PID 1 of the new PID namespace. Never returns. */
_Noreturn void container_main(struct launch *l);
