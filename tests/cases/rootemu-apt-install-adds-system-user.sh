#!/bin/bash
# run-as: nosub
# With only root mapped, apt-get installs a local package (built inside with dpkg-deb) whose
# postinst adds a system user with adduser --system and gives it its state directory: apt's
# switch to _apt, dpkg's chowns and adduser all succeed, and ls -l shows the new owner, in this
# run and the next.
. "$(dirname "$0")/../lib/common.sh"
require_no_subordinate_range

copy_owned_tree "$(bookworm_owned_rootfs)" "$T/root"
mkdir -p "$T/root/tmp/pkg/DEBIAN"
cat >"$T/root/tmp/pkg/DEBIAN/control" <<'E'
Package: uspawn-demo
Version: 1.0
Architecture: all
Maintainer: uspawn tests <dev@uspawn.invalid>
Depends: adduser
Description: a package whose postinst adds a system user
 Built inside the container by uspawn's root emulation tests.
E
cat >"$T/root/tmp/pkg/DEBIAN/postinst" <<'E'
#!/bin/sh
set -e
if [ "$1" = configure ]; then
	adduser --system --group --home /var/lib/uspawn-demo --no-create-home demo
	mkdir -p /var/lib/uspawn-demo
	chown demo:demo /var/lib/uspawn-demo
fi
E
chmod 0755 "$T/root/tmp/pkg/DEBIAN/postinst"

# /tmp is a fresh tmpfs inside: build from /var/tmp
mv "$T/root/tmp/pkg" "$T/root/var/tmp/pkg"
out=$(run_uspawn -D "$T/root" sh -c 'dpkg-deb --root-owner-group --build /var/tmp/pkg /var/tmp/demo.deb >/dev/null &&
	apt-get install -y -q /var/tmp/demo.deb >/var/tmp/apt.log 2>&1 || { cat /var/tmp/apt.log; exit 1; }
	ls -ld /var/lib/uspawn-demo' 2>/dev/null) || fail "apt-get install failed: $out"
assert_eq "drwxr-xr-x demo demo" "$(awk '{ print $1, $3, $4 }' <<<"$out")" "ls -ld after the install"

out=$(run_uspawn -D "$T/root" sh -c 'ls -ld /var/lib/uspawn-demo; id -u demo; dpkg-query -W -f "\${Status}" uspawn-demo')
assert_eq $'drwxr-xr-x demo demo\n'"$(run_uspawn -D "$T/root" id -u demo)"$'\ninstall ok installed' \
	"$(awk 'NR == 1 { print $1, $3, $4; next } { print }' <<<"$out")" "in a fresh run"
assert_contains "$(cat "$T/root/var/tmp/apt.log")" "Setting up uspawn-demo (1.0)" "apt's log"
assert_not_contains "$(cat "$T/root/var/tmp/apt.log")" "unsandboxed as root" "apt's download sandbox (_apt)"
