#!/bin/bash
# -b runs /sbin/init as PID 1 with the remaining arguments, in the container interface's
# environment: container=uspawn and container_uuid, which is the guest's /etc/machine-id.
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
rm -f "$T/root/sbin/init"
cat >"$T/root/sbin/init" <<'E'
#!/bin/sh
echo "pid=$$ args=$*"
tr '\0' '\n' </proc/1/environ | grep -E '^container(_uuid)?='
E
chmod +x "$T/root/sbin/init"
echo 0123456789abcdef0123456789abcdef >"$T/root/etc/machine-id"
out=$(run_uspawn -D "$T/root" -b --console=pipe single quiet 2>&1)
assert_contains "$out" "pid=1 args=single quiet" "PID and arguments of the init"
assert_contains "$out" "container=uspawn" "container="
assert_contains "$out" "container_uuid=01234567-89ab-cdef-0123-456789abcdef" "container_uuid from /etc/machine-id"
