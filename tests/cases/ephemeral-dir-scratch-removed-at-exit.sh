#!/bin/bash
# --ephemeral-dir=DIR keeps the overlay's upper in a scratch directory made in DIR (not in
# memory) while the container runs, and removes it when the container exits -- also when uspawn
# is stopped with SIGTERM, and also when container users other than root own files in it.
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
mkdir "$T/scratch" "$T/s"
out=$(run_uspawn -D "$T/root" --ephemeral-dir="$T/scratch" --bind="$T/scratch:/mnt/scratch" \
	sh -c 'echo data >/written; ls -A /mnt/scratch | grep -c "^\.#uspawn-root-"; cat /mnt/scratch/.#uspawn-*/upper/written')
assert_eq "1
data" "$out" "the scratch directory in DIR holds the upper while running"
assert_eq "" "$(ls -A "$T/scratch")" "DIR after exit"
[ ! -e "$T/root/written" ] || fail "written into the tree"

# files of another container user, in a directory only it may enter (needs a subordinate range)
cmd='echo x >/f'
if [ "$(grep -c "^$(id -un):" /etc/subuid 2>/dev/null || true)" != 0 ] && command -v newuidmap >/dev/null; then
	cmd='mkdir -p /var/priv/d && echo x >/var/priv/d/f && chown -R 1000:1000 /var/priv && chmod 0700 /var/priv'
fi
"$USPAWN" -q -D "$T/root" --ephemeral-dir="$T/scratch" --bind="$T/s:/s" \
	sh -c "$cmd; echo up >/s/up; while :; do sleep 1; done" </dev/null >"$T/out" 2>&1 &
pid=$!
for i in $(seq 100); do [ -s "$T/s/up" ] && break; sleep 0.1; done
[ -s "$T/s/up" ] || { kill -9 $pid; fail "the container did not start: $(cat "$T/out")"; }
[ -n "$(ls -A "$T/scratch")" ] || { kill -9 $pid; fail "no scratch directory while running"; }
kill -TERM $pid
wait $pid || true
assert_eq "" "$(ls -A "$T/scratch")" "DIR after SIGTERM (output: $(cat "$T/out"))"
