/* /proc/PID/status as a fake root's credential model says: the text the kernel gave, with its
 * Uid:, Gid: and Groups: lines the model's. Pure; shared by the seccomp-notify root emulation and
 * the trace backend's fake root. */
#pragma once

#include <stdio.h>

#include "fakeroot/creds.h"

/* Write status to f with the id lines replaced. 0, or -EIO when f failed. */
int fake_status_rewrite(const char *status, const struct fake_creds *k, FILE *f);
