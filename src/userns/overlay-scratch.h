/* The supervisor's side of overlays: the scratch directory of --ephemeral-dir made before the
 * container starts, and every directory an overlay left on the host removed after it ends. */
#pragma once

#include "settings.h"

/* Make s->scratch (mode 0700) when --ephemeral-dir asks for one. */
int overlay_scratch_create(const struct settings *s);

/* Remove the scratch directory and the workdirs made beside the uppers. The container's users
 * own files in them, so the removal runs in the container's user namespace (userns_fd, an fd of
 * /proc/PID/ns/user kept from its start) where uspawn may remove what they own; with -EBADF, as
 * the user. Best effort: a warning names what is left. */
void overlay_cleanup(const struct settings *s, int userns_fd);
