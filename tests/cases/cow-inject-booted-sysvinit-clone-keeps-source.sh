#!/bin/bash
# A hard-link clone of the bookworm sysvinit tree, booted: init (dynamic, so preloaded) hands its
# environment to everything it starts, so the boot's own writes and an inittab job that appends
# to /etc/issue, chmods /etc/host.conf, touches /etc/debian_version and copies over
# /usr/bin/yes all land in private copies; after the halt every file of the source tree has its
# content, mode, owner, mtime and inode as before.
. "$(dirname "$0")/../lib/common.sh"

copy_debian_tree "$(bookworm_sysvinit_rootfs)" "$T/src"
cp -al "$T/src" "$T/clone"
printf '{"method":"hardlink","source":"%s"}\n' "$T/src" >"$T/clone.clone"
# the test job: a new inittab in the clone (replaced by rename, so the source's stays)
cp "$T/clone/etc/inittab" "$T/inittab"
echo "cw:2:once:/cow-job" >>"$T/inittab"
printf '#!/bin/sh\n%s\n' 'echo booted >>/etc/issue; chmod 600 /etc/host.conf; touch /etc/debian_version
cp /bin/true /usr/bin/yes; echo done >/cow-job-done' >"$T/clone/cow-job"
chmod +x "$T/clone/cow-job"
mv "$T/inittab" "$T/clone/etc/inittab"
manifest() { # TREE
	(cd "$1" && find . -path ./etc/inittab -prune -o -printf '%p %y %i %m %U %G %s %T@ %l\n' | sort &&
		find . -type f ! -path ./etc/inittab -print0 | sort -z | xargs -0 sha256sum)
}
manifest "$T/src" >"$T/before"

"$USPAWN" -D "$T/clone" -M "cowsysv-$$" -b </dev/null >"$T/out" 2>&1 &
pid=$!
for i in $(seq 200); do [ -e "$T/clone/cow-job-done" ] && break; sleep 0.2; done
[ -e "$T/clone/cow-job-done" ] || { kill -9 $pid; fail "the inittab job did not run: $(grep -v getty "$T/out" | tail -20)"; }
kill -TERM $pid
st=0
wait $pid || st=$?
assert_eq 0 "$st" "exit status after SIGTERM (output: $(tail -20 "$T/out"))"

manifest "$T/src" >"$T/after"
diff -u "$T/before" "$T/after" >&2 || fail "the source tree changed during the boot"
assert_contains "$(cat "$T/clone/etc/issue")" booted "the clone's /etc/issue"
assert_eq 600 "$(stat -c %a "$T/clone/etc/host.conf")" "the clone's /etc/host.conf mode"
cmp -s "$T/clone/usr/bin/yes" "$T/src/bin/true" || fail "the clone's /usr/bin/yes"
