#!/bin/bash
# --rlimit=NAME=SOFT[:HARD] sets the command's resource limit: NOFILE=100:200 gives soft 100,
# hard 200; one value sets both; the RLIMIT_ prefix and "infinity" are accepted.
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
r=$T/root
assert_eq "100 200" "$(run_uspawn -D "$r" --rlimit=NOFILE=100:200 probe rlimit NOFILE)" "--rlimit=NOFILE=100:200"
assert_eq "150 150" "$(run_uspawn -D "$r" --rlimit=RLIMIT_NOFILE=150 probe rlimit NOFILE)" "--rlimit=RLIMIT_NOFILE=150"
# The limit applies to what the command starts too.
assert_eq "100 200" "$(run_uspawn -D "$r" --rlimit=NOFILE=100:200 sh -c 'probe rlimit NOFILE')" "limit inherited by a child"
# infinity: only up to our own hard limit (an unprivileged uspawn cannot raise it).
if [ "$(ulimit -H -u)" = unlimited ]; then
	assert_eq "infinity infinity" "$(run_uspawn -D "$r" --rlimit=RLIMIT_NPROC=infinity probe rlimit NPROC)" "--rlimit=RLIMIT_NPROC=infinity"
else
	assert_eq "100 $(ulimit -H -u)" "$(run_uspawn -D "$r" --rlimit=RLIMIT_NPROC=100:"$(ulimit -H -u)" probe rlimit NPROC)" "--rlimit=RLIMIT_NPROC=100:hard"
fi
[ "$(ulimit -H -c)" = unlimited ] || skip "hard RLIMIT_CORE is not unlimited here ($(ulimit -H -c)): cannot test infinity"
assert_eq "infinity infinity" "$(run_uspawn -D "$r" --rlimit=RLIMIT_CORE=infinity probe rlimit CORE)" "--rlimit=RLIMIT_CORE=infinity"
assert_eq "0 infinity" "$(run_uspawn -D "$r" --rlimit=CORE=0:infinity probe rlimit CORE)" "--rlimit=CORE=0:infinity"
