#!/bin/bash
# /proc/sysrq-trigger, /proc/irq and /proc/bus are read-only inside where the kernel has them.
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
checked=
for p in /proc/sysrq-trigger /proc/irq /proc/bus; do
	[ -e "$p" ] || continue
	checked="$checked $p"
	out=$(run_uspawn -D "$T/root" probe statfs "$p")
	case $out in ro*) ;; *) fail "statfs $p inside: $out (want ro)" ;; esac
done
[ -n "$checked" ] || skip "this kernel has none of /proc/sysrq-trigger /proc/irq /proc/bus"
if [ -e /proc/sysrq-trigger ]; then
	# Read-only mount: the open for writing fails before the kernel looks at the key.
	assert_eq EROFS "$(run_uspawn -D "$T/root" probe write-file /proc/sysrq-trigger)" "write to sysrq-trigger"
fi
