/* The --vsyscall choice and the supervisor's helpers around the emulation; the entry table and
 * the emulation of one call (pure, libc-free, shared with the in-process shim) are in
 * vsyscall-entry.h, included here so the engine's users see one interface. */
#pragma once

#include <stdbool.h>
#include <sys/types.h>
#include <sys/user.h>

#include "host.h"
#include "supervise/vsyscall-entry.h"
#include "settings.h"

const char *vsyscall_choice_to_string(enum vsyscall_choice c);
/* -EINVAL for anything but auto, emulate, native, preload. */
int vsyscall_choice_from_string(const char *s, enum vsyscall_choice *ret);
/* Whether the supervisor traces the container to emulate the page. */
bool vsyscall_want_emulation(enum vsyscall_choice c, enum vsyscall_mode host_mode);

/* The "processor" field (39) of a /proc/PID/stat text: the CPU the task last ran on. */
int vsyscall_parse_stat_cpu(const char *stat_text, unsigned *ret_cpu);
