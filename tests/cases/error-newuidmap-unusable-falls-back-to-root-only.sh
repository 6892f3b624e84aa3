#!/bin/bash
# When the setuid newuidmap/newgidmap cannot work (uspawn started with no_new_privs, as under
# NoNewPrivileges=yes or docker --security-opt no-new-privileges), uspawn maps only root instead,
# says so in one notice naming the helper's complaint (and one more that it emulates root's id
# changes then), and runs the command. With -q the notices go; nothing is left running or mounted.
. "$(dirname "$0")/../lib/common.sh"

command -v setpriv >/dev/null || skip "setpriv (util-linux) is not installed"
command -v newuidmap >/dev/null || skip "newuidmap is not installed"
grep -qE "^($(id -un)|$(id -u)):" /etc/subuid || skip "$(id -un) has no subordinate range, so the helpers are never used"
make_busybox_rootfs "$T/root"
m0=$(wc -l </proc/self/mountinfo)
out=$(setpriv --no-new-privs "$USPAWN" -D "$T/root" cat /proc/self/uid_map </dev/null 2>"$T/err")
assert_eq 1 "$(wc -l <<<"$out")" "uid_map lines (only root)"
assert_eq "0 $(id -u) 1" "$(echo $out)" "uid_map"
assert_eq 1 "$(grep -c "Mapping only root" "$T/err")" "mapping notice lines: $(cat "$T/err")"
assert_eq "" "$(grep -v -e "Mapping only root" -e "Emulating set\*id" "$T/err")" "other lines"
assert_contains "$(cat "$T/err")" "uspawn: Mapping only root" "the notice"
assert_contains "$(cat "$T/err")" "newuidmap" "the notice names the helper"
setpriv --no-new-privs "$USPAWN" -q -D "$T/root" /bin/true </dev/null 2>"$T/err2"
assert_eq "" "$(cat "$T/err2")" "-q output"
assert_status 1 "-u alice is refused: only root is mapped" -- setpriv --no-new-privs "$USPAWN" -q -D "$T/root" --emulate-ids=no -u alice /bin/true </dev/null 2>/dev/null
assert_eq "" "$(pgrep -u "$(id -u)" -f -- "$T" || true)" "processes left running"
assert_eq "$m0" "$(wc -l </proc/self/mountinfo)" "host mount count before/after"
