/* Helpers shared by the host probes (host*.c) and by nothing else: filling a feature, finding a
 * program in $PATH, reading a sysctl, and running a probe in a forked child. */
#pragma once

#include <stddef.h>

#include "host.h"
#include "util/macro.h"

/* Set f->ok and format f->detail (one line, truncated to fit). */
void host_feature_set(struct host_feature *f, bool ok, const char *fmt, ...) _printf_(3, 4);

/* Read a /proc/sys file holding one integer. Returns 0 and *ret, or -errno (-ENOENT: absent). */
int host_read_sysctl_long(const char *path, long *ret);

/* The "Seccomp:" field of /proc/self/status: 0 none, 1 strict, 2 filter, or -errno. */
int host_seccomp_mode(void);

/* Run fn(userdata, &stage) in a forked child and wait for it. fn returns 0 or -errno; stage
 * says how far it got (probe-specific). The child leaves via _exit(); nothing survives the call.
 * Returns fn's result (or -errno if the fork itself failed, with *ret_stage = -1). */
typedef int (*host_child_fn)(void *userdata, int *stage);
int host_run_child(host_child_fn fn, void *userdata, int *ret_stage);

/* The individual probes, one per concern. */
int host_probe_overlay(struct host *h);
void host_probe_seccomp(struct host *h);
void host_probe_ptrace(struct host *h);
void host_probe_fuse(struct host *h);
void host_probe_tun(struct host *h);
void host_probe_cgroup(struct host *h);
void host_probe_pasta(struct host *h);
