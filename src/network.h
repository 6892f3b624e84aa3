/* Facts about the user-mode network helpers a -n container is connected through: their
 * program and package names and the addresses they serve inside the container. */
#pragma once

#include "settings.h"

struct network_helper_info {
        const char *program;   /* "pasta" */
        const char *package;   /* the Debian package that ships it */
        const char *dns;       /* the resolver address the container's resolv.conf names */
        const char *interface; /* the interface inside (nspawn's name) */
};

/* NULL for NETWORK_HELPER_NONE. */
const struct network_helper_info *network_helper_info(enum network_helper h);

/* "tcp:8080:80": the form the registry records and uspawnctl status shows. */
void port_spec_format(const struct port_spec *p, char *buf, size_t size);
