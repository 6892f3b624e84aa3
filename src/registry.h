/* Running machines, machinectl-style: uspawn registers each container under
 * $XDG_RUNTIME_DIR/uspawn/machines/NAME.json (one JSON object, written atomically) and locks
 * its tree, so uspawnctl can list, inspect, stop and enter it, and a second uspawn on the same
 * tree says it is busy. A record whose supervisor is gone is stale and removed on sight. */
#pragma once

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

struct machine_record {
        char *name;
        pid_t leader;                        /* PID 1 of the container, as seen from the host */
        pid_t supervisor;                    /* the uspawn process */
        unsigned long long supervisor_start; /* its start time (/proc/PID/stat field 22): guards pid reuse */
        char *root;
        char *backend;
        long long started_usec; /* CLOCK_REALTIME */
        bool boot;
        char *init; /* init kind when booted ("systemd", "sysvinit", "BusyBox init"), else NULL */
        int kill_signal;
        char *uuid;
        uint64_t caps_keep; /* the bounding set, for processes joining later */
        bool no_new_privileges;
        bool emulate_ids;      /* root emulation (fakeroot/notify.c) serves the machine's processes */
        char **syscall_filter; /* --system-call-filter entries, NULL-terminated */
        /* the network (absent from records written before -n: read as NULL) */
        char *network;        /* "host", "private" or "veth" */
        char *network_helper; /* "pasta" or "slirp4netns" with veth, else NULL */
        char *interface;      /* "host0" with veth */
        char **addresses;     /* the interface's addresses, "192.0.2.2/24" */
        char **ports;         /* published ports, "tcp:8080:80" */
};

/* The directory holding the records: $XDG_RUNTIME_DIR/uspawn/machines (else /run/user/UID, else
 * /tmp/uspawn-UID, which must be ours), created 0700. */
int registry_dir(char *buf, size_t size);

/* Lock the tree, by device and inode, under the registry's locks/ directory: shared for
 * read-only use (several such machines may share a tree), exclusive otherwise. Returns the
 * lock's fd (keep it open while the machine runs) or -EBUSY when the tree is taken. */
int registry_lock_tree(dev_t dev, ino_t ino, bool shared);
/* Write the record; -EEXIST when a live machine already has the name. */
int registry_register(const struct machine_record *m);
void registry_unregister(const char *name);

/* Load one record; -ENOENT when there is none or it was stale (and is now removed). */
int registry_load(void *ctx, const char *name, struct machine_record *ret);
/* All live records, sorted by name (stale ones are removed). */
int registry_list(void *ctx, struct machine_record **ret, size_t *ret_n);

/* Serialise/parse one record (exposed for the unit tests). */
char *registry_to_json(void *ctx, const struct machine_record *m);
int registry_from_json(void *ctx, const char *text, struct machine_record *ret);

/* Start time of a process (jiffies since boot), 0 when it is gone. */
unsigned long long process_start_time(pid_t pid);
