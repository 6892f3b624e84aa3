/* Booting a tree's own init (--boot): which init the tree has, and how each kind is asked to
 * shut down. Backend-independent: the trace backend boots the same way. */
#pragma once

#include <stdbool.h>

enum init_kind { INIT_SYSTEMD, INIT_SYSVINIT, INIT_BUSYBOX };

struct init_info {
        char *path; /* inside the tree, e.g. "/sbin/init" */
        enum init_kind kind;
};

/* Find the init of the tree at root (host path): systemd at /usr/lib/systemd/systemd or
 * /lib/systemd/systemd, else /sbin/init, whose link target tells BusyBox from sysvinit.
 * Returns -ENOENT when the tree has none. */
int boot_find_init(void *ctx, const char *root, struct init_info *ret);

const char *init_kind_to_string(enum init_kind k);

/* The signal that asks this kind of init for a clean power-off (systemd: SIGRTMIN+3, BusyBox:
 * SIGUSR2, sysvinit: SIGINT, which only helps when ctrlaltdel is configured -- the supervisor
 * first tries sysvinit's initctl runlevel-0 request). */
int init_kill_signal(enum init_kind k);

/* Ask sysvinit (PID pid, seen from outside through /proc/PID/root) to change to runlevel
 * level ('0' halt, '6' reboot) through its initctl FIFO. Returns -errno when there is no FIFO
 * or it cannot be written; never logs. */
int sysvinit_request_runlevel(int pid, char level);
