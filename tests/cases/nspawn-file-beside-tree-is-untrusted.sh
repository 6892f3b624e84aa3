#!/bin/bash
# NAME.nspawn beside the tree is read as systemd-nspawn reads it: [Exec] Environment=,
# Parameters= (with shell-like quoting), Hostname= and [Files] TemporaryFileSystem= apply, the
# privileged keys (Bind=, Capability=) are ignored with a notice naming the trusted place, an
# unknown key is warned about, the command line wins, and --settings=no ignores the file.
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/web"
export XDG_CONFIG_HOME=$T/config
mkdir -p "$T/secret"
cat >"$T/web.nspawn" <<E
# an image's own settings
[Exec]
Environment=GREETING=hello world
Parameters=sh -c 'echo "\$GREETING from \$(hostname)"; \\
  ls /mnt 2>/dev/null; probe caps bnd; probe statfs /scratch'
Hostname=webhost
Capability=CAP_NET_ADMIN
Frobnicate=yes

[Files]
Bind=$T/secret:/mnt/secret
TemporaryFileSystem=/scratch
E
out=$("$USPAWN" -D "$T/web" </dev/null 2>"$T/err")
err=$(cat "$T/err")
assert_contains "$out" "hello world from webhost" "Environment=, Parameters= and Hostname= applied"
assert_not_contains "$out" "secret" "an untrusted Bind= applied"
assert_not_contains "$out" "NET_ADMIN" "an untrusted Capability= applied"
assert_contains "$out" "tmpfs" "TemporaryFileSystem= applied"
assert_contains "$err" "web.nspawn:7: Ignoring Capability=" "the notice for Capability="
assert_contains "$err" "$XDG_CONFIG_HOME/uspawn/web.nspawn" "the notice names the trusted place"
assert_contains "$err" "web.nspawn:11: Ignoring Bind=" "the notice for Bind="
assert_contains "$err" "web.nspawn:8: Unknown key 'Frobnicate' in section [Exec], ignoring." "the unknown key warning"

assert_eq "cli" "$("$USPAWN" -q -D "$T/web" --hostname=cli hostname </dev/null 2>/dev/null)" "the command line wins"
assert_eq "busybox" "$("$USPAWN" -q -D "$T/web" --settings=no cat /etc/hostname </dev/null)" "--settings=no"
assert_eq "web" "$("$USPAWN" -q -D "$T/web" --settings=no hostname </dev/null)" "--settings=no hostname"
