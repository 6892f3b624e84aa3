/* The /run/host hierarchy of systemd's Container Interface. */
#pragma once

/* Create PATH (inside the tree under rootfd) and fill it: container-manager, container-uuid
 * (when uuid is set), a copy of the host's os-release, inaccessible/. */
int run_host_populate(int rootfd, const char *path, const char *uuid);
