#!/bin/bash
# A multi-threaded guest under --backend=trace: 16 threads, each opening a guest file, reading
# /proc/thread-self/cwd and forking + executing a child 20 times, all concurrently; every thread
# sees the guest's file and every child's status arrives. Then a fork bomb of shells in a loop.
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
echo guest-line >"$T/root/marker"
echo host-line >"$T/marker"
out=$(run_uspawn --backend=trace -D "$T/root" --chdir=/etc probe threads 16 20 /marker)
assert_eq "ok guest-line" "$out" "threads"
out=$(run_uspawn --backend=trace -D "$T/root" sh -c 'for i in $(seq 30); do (sh -c "exit $((i % 7))" & wait $!; echo -n $?) & done; wait; echo')
assert_eq 30 "${#out}" "30 statuses from concurrent subshells"
