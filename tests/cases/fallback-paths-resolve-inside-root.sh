#!/bin/bash
# Destinations and +SOURCES are resolved inside the tree: a symbolic link in the tree that
# points at a host path leads to that path *inside the tree*, never on the host. Checked with
# openat2(RESOLVE_IN_ROOT) and again with openat2 refused (ENOSYS, as on kernels before 5.6 or
# under seccomp profiles that lack it), which runs uspawn's own component-by-component walk.
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
mkdir -p "$T/src" "$T/outside"
echo from-host >"$T/src/file"
echo in-tree >"$T/root/etc/marker"
ln -s "$T/outside" "$T/root/abs-link"        # absolute: $T/outside inside the tree (its /tmp tmpfs)
ln -s ../../../../../../../.. "$T/root/up-link" # relative, climbing far above the tree
ln -s /etc "$T/root/etc-link"

check() { # WHAT WRAPPER...
	local what=$1 out
	shift
	out=$("$@" "$USPAWN" -q --private-users=self -D "$T/root" \
		--bind="$T/src:/abs-link/a" --bind="$T/src:/up-link/b" --bind-ro=+/etc-link/marker:/m \
		sh -c 'cat /abs-link/a/file /b/file /m' </dev/null)
	assert_eq "from-host from-host in-tree" "$(echo $out)" "$what: binds seen inside"
	[ ! -e "$T/outside/a" ] || fail "$what: a bind through an absolute link escaped to the host"
	[ -d "$T/root/b" ] || fail "$what: '..' above the root did not stop at the root"
	rm -rf "$T/root/b" # made by the first run; the second must make it again
}
check "openat2"
check "without openat2" "$PROBE" deny-syscall openat2 --
