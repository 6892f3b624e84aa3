#!/bin/bash
# --system-call-filter=NAME (no "~") allows NAME on top of the default filter: perf_event_open,
# EPERM by default, then reaches the kernel, which answers something else (EFAULT for the
# probe's NULL attr, or EACCES/ENOENT/... depending on the host).
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
assert_eq EPERM "$(run_uspawn -D "$T/root" probe syscall perf_event_open)" "perf_event_open by default"
got=$(run_uspawn -D "$T/root" --system-call-filter=perf_event_open probe syscall perf_event_open)
[ -n "$got" ] || fail "no answer from the probe"
[ "$got" != EPERM ] || fail "perf_event_open still EPERM with --system-call-filter=perf_event_open"
# The rest of the default filter stays in force.
assert_eq EPERM "$(run_uspawn -D "$T/root" --system-call-filter=perf_event_open probe syscall kexec_load)" "kexec_load with perf_event_open allowed"
