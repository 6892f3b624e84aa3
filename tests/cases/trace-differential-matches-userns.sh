#!/bin/bash
# Differential check with the kernel as oracle: the same script under --backend=userns and
# --backend=trace prints the same thing: directories and links created inside (absolute and
# relative, chained), pwd -L/-P after cd through links, realpath and readlink -f, find of a
# tricky tree, #! scripts by absolute and relative path, /proc/self/root, `..` past the root.
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
"$USPAWNCTL" check --json | grep -q '"userns":{"ok":true' ||
	"$USPAWNCTL" check --json | jq -e .userns.ok >/dev/null || skip "user namespaces unavailable: no oracle"
cat >"$T/root/diff.sh" <<'E'
set -e
mkdir -p /run/w/a/b/c
ln -s /run/w/a /run/w/la
ln -s ../a/b /run/w/a/rb
ln -s rb /run/w/a/chain
ln -s ../../../../../../etc /run/w/etc-up
echo data >/run/w/a/b/c/f
cd /run/w/la/b && pwd && pwd -P
cd ../.. && pwd -P
cd /run/w/a/chain/c && /bin/pwd && cat f
realpath /run/w/la/rb /run/w/a/rb/../.. /run/w/etc-up
readlink -f /run/w/la/chain/c/f
readlink /run/w/a/chain
find /run/w | sort
ls -d /run/w/etc-up/passwd /../../../etc/group /proc/self/root/etc/hostname
printf '#!/bin/sh\necho "$0 $1"\n' >/run/w/s && chmod +x /run/w/s
/run/w/s abs; cd /run/w && ./s rel && sh s plain
mv /run/w/a/b/c/f /run/w/g && ls /run/w/a/b/c && cat /run/w/g
ln /run/w/g /run/w/h && rm /run/w/g && cat /run/w/h
rm -r /run/w && ls /run
E
a=$(run_uspawn --backend=userns -D "$T/root" sh /diff.sh 2>&1)
b=$(run_uspawn --backend=trace -D "$T/root" sh /diff.sh 2>&1)
assert_eq "$a" "$b" "trace backend output against the userns backend's"
