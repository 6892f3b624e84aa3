#!/bin/bash
# A dynamic program under --backend=trace runs with the tree's own ld.so and libc (its
# /proc/self/maps lists the tree's libc), sees its own path in /proc/self/exe and AT_EXECFN
# (as given, relative or absolute), its argv[0] is the one it was called with, and its name
# (comm, what ps and pkill match) is the program's, not ld.so's.
. "$(dirname "$0")/../lib/common.sh"

tree=$(bookworm_rootfs)
out=$(run_uspawn --backend=trace -D "$tree" --read-only /bin/sh -c 'grep -m1 -o "/[^ ]*/libc\.so\.6" /proc/self/maps')
assert_eq "$tree/usr/lib/x86_64-linux-gnu/libc.so.6" "$out" "libc mapped by the guest program"
out=$(run_uspawn --backend=trace -D "$tree" --read-only readlink /proc/self/exe)
assert_eq /usr/bin/readlink "$out" "/proc/self/exe"
out=$(run_uspawn --backend=trace -D "$tree" --read-only /bin/sh -c 'LD_SHOW_AUXV=1 /bin/true | grep EXECFN; cd /usr; LD_SHOW_AUXV=1 bin/true | grep EXECFN')
assert_eq "AT_EXECFN:            /bin/true
AT_EXECFN:            bin/true" "$out" "AT_EXECFN"
out=$(run_uspawn --backend=trace -D "$tree" --read-only /bin/bash -c 'exec -a my-name /bin/bash -c "echo \$0"')
assert_eq my-name "$out" "argv[0] kept"
out=$(run_uspawn --backend=trace -D "$tree" --read-only /bin/sh -c 'cat /proc/self/comm; /usr/bin/head -c 15 /proc/self/comm; echo')
assert_eq "cat
head" "$out" "the process name (comm) is the program's"
