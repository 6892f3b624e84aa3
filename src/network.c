/* The helper table: what each user-mode network stack is called, where it comes from, and
 * which resolver address it answers on (pasta's --dns-forward address is ours to choose; it is
 * podman's; slirp4netns's is fixed). */
#include "network.h"

#include <netinet/in.h>
#include <stdio.h>

static const struct network_helper_info helpers[] = {
        [NETWORK_HELPER_PASTA] = {"pasta", "passt", "169.254.1.1", "host0"},
        [NETWORK_HELPER_SLIRP4NETNS] = {"slirp4netns", "slirp4netns", "10.0.2.3", "host0"},
};

const struct network_helper_info *network_helper_info(enum network_helper h)
{
        return h == NETWORK_HELPER_PASTA || h == NETWORK_HELPER_SLIRP4NETNS ? &helpers[h] : NULL;
}

void port_spec_format(const struct port_spec *p, char *buf, size_t size)
{
        snprintf(buf, size, "%s:%u:%u", p->protocol == IPPROTO_UDP ? "udp" : "tcp", (unsigned)p->host_port,
                 (unsigned)p->container_port);
}
