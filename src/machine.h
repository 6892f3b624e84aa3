/* A running container as uspawnctl sees it: the tree lock taken before starting, the registry
 * record written once PID 1 exists and removed at exit. Backend-independent. */
#pragma once

#include <stdbool.h>
#include <sys/types.h>

#include "settings.h"

/* Lock the tree and check the name is free. Returns the lock fd (keep it open while the
 * container runs), -EBADF when no registry could be used (warned once; run on without), or
 * another -errno after reporting ("is currently busy", "already running"). */
int machine_lock(const struct settings *s);
/* Record the machine for uspawnctl (emulate_ids: root emulation serves it, so a shell entered
 * later needs it too); failures are warned about, not fatal. Returns whether it was recorded
 * (and so must be unregistered). */
bool machine_register(const struct settings *s, const char *backend, pid_t leader, const char *uuid,
                      char **addresses, bool emulate_ids);
void machine_unregister(const struct settings *s);

/* container_uuid: the tree's /etc/machine-id when it has a valid one (systemd's container
 * interface), else a random version-4 UUID. */
void machine_choose_uuid(const struct settings *s, char out[37]);
