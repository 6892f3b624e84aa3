#!/bin/bash
# Bad option values and unknown options are uspawn's own errors: status 1, one stderr line that
# names the offending value, and nothing is started.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/expect-error.sh"

make_busybox_rootfs "$T/root"
while read -r opt needle; do
	expect_error 1 "$opt" -- -q -D "$T/root" "$opt" /bin/true
	assert_contains "$ERR" "$needle" "error for $opt names it"
done <<'E'
--kill-signal=FOO FOO
--kill-signal=SIGNOPE SIGNOPE
--console=bogus bogus
--rlimit=FOO=1 FOO
--private-users=weird weird
--frobnicate --frobnicate
--as-pid2=maybe maybe
--no-new-privileges=perhaps perhaps
E
