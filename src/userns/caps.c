/* Bounding-set computation and application. The keep list is systemd-nspawn's: enough for an
 * init system and daemons, nothing that reaches the host kernel (no SYS_MODULE, SYS_RAWIO,
 * SYS_TIME, NET_ADMIN unless the network namespace is private). */
#include "userns/caps.h"

#include <linux/capability.h>
#include <sys/capability.h>
#include <sys/prctl.h>

#include "util/macro.h"

#define BIT(c) (UINT64_C(1) << (c))

uint64_t caps_default_keep(bool private_network)
{
        uint64_t keep = BIT(CAP_CHOWN) | BIT(CAP_DAC_OVERRIDE) | BIT(CAP_DAC_READ_SEARCH) | BIT(CAP_FOWNER) |
                        BIT(CAP_FSETID) | BIT(CAP_IPC_OWNER) | BIT(CAP_KILL) | BIT(CAP_LEASE) |
                        BIT(CAP_LINUX_IMMUTABLE) | BIT(CAP_MKNOD) | BIT(CAP_NET_BIND_SERVICE) | BIT(CAP_NET_BROADCAST) |
                        BIT(CAP_NET_RAW) | BIT(CAP_SETFCAP) | BIT(CAP_SETGID) | BIT(CAP_SETPCAP) | BIT(CAP_SETUID) |
                        BIT(CAP_SYS_ADMIN) | BIT(CAP_SYS_BOOT) | BIT(CAP_SYS_CHROOT) | BIT(CAP_SYS_NICE) |
                        BIT(CAP_SYS_PTRACE) | BIT(CAP_SYS_RESOURCE) | BIT(CAP_AUDIT_WRITE);

        if (private_network)
                keep |= BIT(CAP_NET_ADMIN);
        return keep;
}

uint64_t caps_compute(uint64_t add, uint64_t drop, bool private_network)
{
        return (caps_default_keep(private_network) | add) & ~drop;
}

int caps_apply_bounding_set(uint64_t keep)
{
        int last = (int)cap_max_bits() - 1;

        for (int c = 0; c <= last && c < 64; c++) {
                if (keep & BIT(c))
                        continue;
                if (prctl(PR_CAPBSET_DROP, c, 0, 0, 0) < 0 && errno != EINVAL)
                        return -errno;
        }
        return 0;
}
