#!/bin/bash
# A command that exists but has no execute permission: status 126 (not 127) and one stderr line
# naming it; also with --as-pid2=no. Nothing is left running or mounted.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/expect-error.sh"

make_busybox_rootfs "$T/root"
printf '#!/bin/sh\necho should not run\n' >"$T/root/bin/noexec"
chmod 0644 "$T/root/bin/noexec"
for args in "/bin/noexec" "--as-pid2=no /bin/noexec"; do
	expect_error 126 "$args" -- -q -D "$T/root" $args
	assert_contains "$ERR" /bin/noexec "error names the command"
done
