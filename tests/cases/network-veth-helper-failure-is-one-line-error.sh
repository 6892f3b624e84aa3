#!/bin/bash
# When pasta fails, uspawn says so on one line of its own, with pasta's message (not the noise
# of its missing syslog), exits 1 and leaves nothing running. A stand-in pasta first in PATH.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/expect-error.sh"

mkdir -p "$T/bin"
cat >"$T/bin/pasta" <<'E'
#!/bin/sh
echo "Failed to send 36 bytes to syslog" >&2
echo "External interface not usable" >&2
exit 1
E
chmod +x "$T/bin/pasta"
make_busybox_rootfs "$T/root"
PATH=$T/bin:$PATH expect_error 1 "pasta fails" -- -D "$T/root" -n true
assert_contains "$ERR" "pasta could not connect the container's network (status 1): External interface not usable" \
	"the helper's message"
