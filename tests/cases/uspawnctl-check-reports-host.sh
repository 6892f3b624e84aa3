#!/bin/bash
# `uspawnctl check` tells the truth about this host, one line per feature, in text and JSON:
# user namespaces work here (the suite runs on them), the vsyscall mode is the one
# /proc/self/maps shows, the subordinate range is the test user's line in /etc/subuid.
. "$(dirname "$0")/../lib/common.sh"

out=$("$USPAWNCTL" check)
assert_contains "$out" "backend: userns" "check's backend line"
grep -qE '^ +user namespaces +yes ' <<<"$out" || fail "user namespaces not reported as yes: $out"

case $(awk '/\[vsyscall\]/ {print $2}' /proc/self/maps) in
--xp) mode=xonly ;; r-xp) mode=emulate ;; "") mode=none ;; *) mode=unknown ;;
esac
json=$("$USPAWNCTL" check --json)
assert_eq "$mode" "$(jq -r .vsyscall_mode <<<"$json")" "vsyscall mode"
assert_eq true "$(jq -r .userns.ok <<<"$json")" "userns.ok"
assert_eq userns "$(jq -r .backend <<<"$json")" "JSON backend"
line=$(grep -E "^($(id -un)|$(id -u)):" /etc/subuid | head -n1 || true)
if [ -n "$line" ]; then
	assert_eq "${line#*:}" "$(jq -r '"\(.subuid.start):\(.subuid.count)"' <<<"$json")" "subuid range"
else
	assert_eq false "$(jq -r .subuid.ok <<<"$json")" "subuid.ok without a range"
fi

# a wrong verb is one clear line and a failure
assert_status 1 "unknown verb" -- "$USPAWNCTL" frobnicate 2>"$T/err"
assert_eq 1 "$(wc -l <"$T/err")" "error lines"
assert_contains "$(cat "$T/err")" "frobnicate" "error names the verb"

# the network helpers and the tun device they need, as this host has them
if command -v pasta >/dev/null || command -v slirp4netns >/dev/null; then
	assert_eq true "$(jq -r .pasta.ok <<<"$json")" "pasta/slirp4netns found"
	command -v pasta >/dev/null && assert_contains "$(jq -r .pasta.detail <<<"$json")" "pasta (used by -n)" "pasta preferred"
fi
if { exec 9<>/dev/net/tun; } 2>/dev/null; then tun=true; exec 9>&-; else tun=false; fi
assert_eq "$tun" "$(jq -r .tun.ok <<<"$json")" "tun.ok matches opening /dev/net/tun"
