#!/bin/bash
# The container has its own pid, mnt, uts, ipc and user namespaces (and net with
# --private-network): /proc/self/ns/* inside name other namespaces than uspawn's own.
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
out=$(run_uspawn -D "$T/root" --private-network sh -c 'for n in pid mnt uts ipc user net; do echo "$n $(readlink /proc/self/ns/$n)"; done')
for n in pid mnt uts ipc user net; do
	host=$(readlink "/proc/self/ns/$n")
	inside=$(awk -v n="$n" '$1 == n { print $2 }' <<<"$out")
	case $inside in "$n:["*"]") ;; *) fail "no $n namespace read inside: '$inside'" ;; esac
	[ "$inside" != "$host" ] || fail "$n namespace inside is the host's: $host"
done
