#!/bin/bash
# The user's own $XDG_CONFIG_HOME/uspawn/NAME.nspawn is trusted: its Bind=, Capability=,
# LimitNOFILE=, ReadOnly= and PrivateUsers= apply; so does the file beside the tree with
# --settings=trusted.
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/app"
export XDG_CONFIG_HOME=$T/config
mkdir -p "$XDG_CONFIG_HOME/uspawn" "$T/data"
echo from-host >"$T/data/file"
cat >"$XDG_CONFIG_HOME/uspawn/app.nspawn" <<E
[Exec]
Capability=CAP_NET_ADMIN
LimitNOFILE=100:200
PrivateUsers=self

[Files]
ReadOnly=yes
BindReadOnly=$T/data:/data
E
out=$("$USPAWN" -q -D "$T/app" sh -c 'cat /data/file; probe caps bnd; probe rlimit NOFILE; probe write-file /x; wc -l </proc/self/uid_map' </dev/null)
assert_eq from-host "$(sed -n 1p <<<"$out")" "BindReadOnly="
assert_contains "$(sed -n 2p <<<"$out")" NET_ADMIN "Capability="
assert_eq "100 200" "$(sed -n 3p <<<"$out")" "LimitNOFILE="
assert_eq EROFS "$(sed -n 4p <<<"$out")" "ReadOnly="
assert_eq 1 "$(sed -n 5p <<<"$out" | tr -d ' ')" "PrivateUsers=self"

rm "$XDG_CONFIG_HOME/uspawn/app.nspawn"
printf '[Files]\nBindReadOnly=%s:/data\n' "$T/data" >"$T/app.nspawn"
assert_eq from-host "$("$USPAWN" -q -D "$T/app" --settings=trusted cat /data/file </dev/null)" "--settings=trusted"
