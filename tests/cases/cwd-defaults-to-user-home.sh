#!/bin/bash
# Without --chdir the command starts in the user's home (root: /root, alice: /home/alice), and in
# / when the home does not exist in the tree.
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
assert_eq /root "$(run_uspawn -D "$T/root" pwd)" "root's cwd"
# nobody's home is /nonexistent: fall back to /.
assert_eq / "$(run_uspawn -D "$T/root" -u nobody pwd)" "nobody's cwd"
u=$(id -un)
if grep -qE "^($u|$(id -u)):" /etc/subuid && command -v newuidmap >/dev/null; then
	assert_eq /home/alice "$(run_uspawn -D "$T/root" -u alice pwd)" "alice's cwd"
fi
