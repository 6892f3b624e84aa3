#!/bin/bash
# tests/vm/kernel.sh — print the path of Debian's own x86_64 kernel (the one linux-image-amd64
# depends on), fetching it once with `apt-get download` and `dpkg-deb -x` into a cache keyed by
# its package version: $USPAWN_VM_CACHE, default /var/tmp/uspawn-cache/vm-kernel. Nothing goes
# into /boot. Exit 77 with the reason on stderr when it cannot be had (no apt, no network).
set -euo pipefail

CACHE=${USPAWN_VM_CACHE:-/var/tmp/uspawn-cache/vm-kernel}
command -v apt-cache >/dev/null || { echo "no apt-cache: cannot find Debian's kernel package" >&2; exit 77; }
pkg=$(apt-cache depends linux-image-amd64 2>/dev/null | awk '/Depends: linux-image-[0-9]/ { print $2; exit }')
[ -n "$pkg" ] || { echo "apt knows no linux-image-amd64 (run apt-get update)" >&2; exit 77; }
ver=$(apt-cache show --no-all-versions "$pkg" 2>/dev/null | sed -n 's/^Version: //p' | head -n 1)
dir=$CACHE/${pkg}_$ver
if [ ! -r "$dir/vmlinuz" ]; then
	mkdir -p "$CACHE"
	tmp=$(mktemp -d "$CACHE/.fetch.XXXXXX")
	trap 'rm -rf "$tmp"' EXIT
	chmod 755 "$tmp" # apt-get download hands the file to _apt when it can reach it
	echo "kernel.sh: fetching $pkg $ver into $dir" >&2
	(cd "$tmp" && apt-get download -q "$pkg=$ver" >&2) ||
		{ echo "apt-get download $pkg=$ver failed (no network?)" >&2; exit 77; }
	dpkg-deb --fsys-tarfile "$tmp"/*.deb | tar -x -C "$tmp" ./boot
	mkdir -p "$dir"
	cp "$tmp"/boot/vmlinuz-* "$dir/vmlinuz.tmp"
	mv "$dir/vmlinuz.tmp" "$dir/vmlinuz"
fi
echo "$dir/vmlinuz"
