/* Building and loading the container's seccomp filter from the policy tables in seccomp/. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

/* Compute the denied set from the default policy and the --system-call-filter entries.
 * Returns a NULL-terminated list on ctx. */
char **seccomp_denied_syscalls(void *ctx, char *const *user_filter);

/* Compile the filter to classic BPF (malloc'ed *ret_bpf, *ret_len bytes); with emulate_ids,
 * the root emulation's notifying rules too (fakeroot/), to be loaded with a listener. The
 * supervisor does this while the container builds its mounts, so its cost overlaps theirs. */
int seccomp_compile_policy(char *const *user_filter, bool emulate_ids, void **ret_bpf, size_t *ret_len);

typedef void *scmp_filter_ctx;

/* A new libseccomp filter that allows by default, laid out as a binary tree of system call
 * numbers (SCMP_FLTATR_CTL_OPTIMIZE 2, libseccomp 2.5+; older ones keep the linear list). The
 * kernel converts, JIT-compiles and pre-evaluates (its always-allowed bitmap, every call
 * number of every ABI) a filter at each load, and that walk is what the list made long: the
 * default filter loads in 89 us instead of 175, the emulating one in 79 instead of 239. A
 * call with argument rules also reaches them in log(n) comparisons. NULL: out of memory. */
scmp_filter_ctx seccomp_filter_new(void);

/* Export a libseccomp filter as classic BPF (malloc'ed). */
int seccomp_export_to_memory(scmp_filter_ctx f, void **ret_bpf, size_t *ret_len);

/* The default policy's filter (with emulate_ids, and the root emulation's rules), compiled when
 * uspawn was built (see seccomp/gen-default.c). */
void seccomp_default_filter(bool emulate_ids, const void **ret_bpf, size_t *ret_len);

/* Install a compiled filter in the calling thread (which must be root of its user namespace
 * or have no_new_privs). */
int seccomp_install(const void *bpf, size_t len);

/* seccomp_install, saying what failed (and where a kernel has no seccomp filters, that
 * --backend=trace runs there). Logs. */
int seccomp_policy_install(const void *bpf, size_t len);
