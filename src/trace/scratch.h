/* The trace backend's scratch directory: the stand-ins for tmpfs mounts, the exec links and the
 * overlay mount points of one run, under a tmpfs when there is one to write to. */
#pragma once

/* Make DIR = BASE/uspawn-trace.XXXXXX and lock it for the life of the returned descriptor (kept
 * open by the caller; O_CLOEXEC). First removes the directories a killed run of ours left in
 * BASE: those whose lock nobody holds. Logs; returns 0 or -errno. */
int trace_scratch_make(void *ctx, const char *base, char **ret_dir, int *ret_lock);

/* Remove DIR and everything below it, never crossing into a mount. */
void trace_scratch_remove(const char *dir);
