#!/bin/bash
# -b -x boots a throw-away copy: BusyBox init writes its state and powers off on SIGTERM, and a
# Debian bookworm sysvinit tree boots to runlevel 2 and halts -- each tree is unchanged after.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/tree-snapshot.sh"

make_bootable_busybox_rootfs "$T/root" 'echo booted >/etc/booted; rm -rf /usr; echo "$container" >/state/booted'
before=$(tree_snapshot "$T/root")
"$USPAWN" -D "$T/root" --bind="$T/state:/state" -b -x </dev/null >"$T/out" 2>&1 &
pid=$!
for i in $(seq 100); do [ -s "$T/state/booted" ] && break; sleep 0.1; done
[ -s "$T/state/booted" ] || { kill -9 $pid; fail "the inittab's once action never ran: $(cat "$T/out")"; }
kill -TERM $pid
st=0
wait $pid || st=$?
assert_eq 0 "$st" "BusyBox exit status after SIGTERM (output: $(cat "$T/out"))"
assert_eq yes "$(cat "$T/state/shutdown" 2>/dev/null)" "the shutdown action ran"
assert_eq "$before" "$(tree_snapshot "$T/root")" "the BusyBox tree"

src=$(bookworm_sysvinit_rootfs)
before=$(tree_snapshot "$src")
"$USPAWN" -D "$src" -b -x </dev/null >"$T/out" 2>&1 &
pid=$!
for i in $(seq 150); do grep -q "Entering runlevel: 2" "$T/out" && break; sleep 0.2; done
grep -q "Entering runlevel: 2" "$T/out" || { kill -9 $pid; fail "runlevel 2 not reached: $(tail -20 "$T/out")"; }
kill -TERM $pid
st=0
wait $pid || st=$?
assert_eq 0 "$st" "bookworm exit status after SIGTERM (output: $(tail -20 "$T/out"))"
assert_eq "$before" "$(tree_snapshot "$src")" "the bookworm tree"
