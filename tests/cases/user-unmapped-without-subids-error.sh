#!/bin/bash
# run-as: nosub
# Without a subordinate range only root is mapped, so with the root emulation off -u alice
# (uid 1000) cannot work: status 1, the command does not run, and one "uspawn: " line saying the
# user is not mapped and how to fix it (a range in /etc/subuid + /etc/subgid). (With the
# emulation, the default, it runs: rootemu-setuid-ids-follow.)
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/expect-error.sh"

require_no_subordinate_range
make_busybox_rootfs "$T/root"
expect_error 1 "-u alice without a subordinate range" -- -q -D "$T/root" --emulate-ids=no -u alice sh -c 'echo ran'
assert_contains "$ERR" "alice" "error names the user"
assert_contains "$ERR" "not mapped" "error says why"
assert_contains "$ERR" "/etc/subuid" "error gives the remedy"
