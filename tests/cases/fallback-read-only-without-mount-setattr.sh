#!/bin/bash
# /sys and --bind-ro are read-only with mount_setattr (5.12) and without it, when uspawn falls
# back to remounting each bind (the kernel refusing mount_setattr with ENOSYS, as old kernels do),
# and without open_tree (before 5.2), when binds go by /proc/self/fd paths; the device nodes,
# bound the same way, work in each.
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
mkdir -p "$T/data"
for wrapper in "" "$PROBE deny-syscall mount_setattr --" "$PROBE deny-syscall open_tree --"; do
	what=${wrapper#* deny-syscall } what=${what% --} what=${wrapper:+without $what}
	out=$($wrapper "$USPAWN" -q --private-users=self -D "$T/root" --bind-ro="$T/data:/data" \
		sh -c 'probe statfs /sys; probe statfs /data; probe write-file /data/x; probe write-file /dev/null' </dev/null)
	case $(sed -n 1p <<<"$out") in "ro "* | ro,*) ;; *) fail "${what:-default}: /sys is not read-only: $out" ;; esac
	case $(sed -n 2p <<<"$out") in "ro "* | ro,*) ;; *) fail "${what:-default}: --bind-ro is not read-only: $out" ;; esac
	assert_eq EROFS "$(sed -n 3p <<<"$out")" "${what:-default}: writing through --bind-ro"
	assert_eq ok "$(sed -n 4p <<<"$out")" "${what:-default}: writing to /dev/null"
done
[ ! -e "$T/data/x" ] || fail "a file was written through --bind-ro"
