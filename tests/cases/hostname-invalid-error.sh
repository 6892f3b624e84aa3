#!/bin/bash
# --hostname with an invalid host name (a space, a '/', 65+ characters) is refused: status 1, one
# "uspawn: " line quoting it, nothing run.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/expect-error.sh"

make_busybox_rootfs "$T/root"
long=$(printf 'x%.0s' $(seq 70))
for h in "bad name" "a/b" "$long"; do
	expect_error 1 "--hostname='$h'" -- -q -D "$T/root" "--hostname=$h" sh -c 'echo ran'
	assert_contains "$ERR" "$h" "error quotes the value"
done
