#!/bin/bash
# Under --backend=trace a dynamic program runs through uspawn-loader, which maps it and the
# tree's ld.so itself: /proc/self/cmdline and ps show exactly the program's argv (no ld.so in
# front), /proc/self/exe is the program's guest path and AT_EXECFN the path as the program was
# called (absolute, relative, through a symlink), argv[0] may differ from the path (exec -a),
# AT_ENTRY lies in the program's code and AT_BASE in the tree's ld.so, and the kernel's copy of
# the auxiliary vector (/proc/self/auxv) agrees with the one on the stack.
. "$(dirname "$0")/../lib/common.sh"

tree=$(bookworm_rootfs)
run() { run_uspawn --backend=trace -D "$tree" --read-only --bind-ro=/bin/busybox:/usr/local/bin/busybox "$@"; }
[ -x /bin/busybox ] || skip "busybox is not installed (its ps reads /proc/PID/cmdline)"

out=$(run /bin/sh -c 'cat /proc/self/cmdline | tr "\0" " "')
assert_eq "cat /proc/self/cmdline " "$out" "/proc/self/cmdline"
# ps of a running program, the shell whose child ps is ($$: its exec is complete)
out=$(run /bin/bash -c 'busybox ps -o pid,args | grep "^ *$$ " | sed "s/^ *[0-9]* //"')
assert_eq '/bin/bash -c busybox ps -o pid,args | grep "^ *$$ " | sed "s/^ *[0-9]* //"' "$out" "ps -o args"
out=$(run /bin/bash -c 'exec -a my-name /bin/bash -c "echo \$0"')
assert_eq my-name "$out" "argv[0] differing from the path"

out=$(run /bin/sh -c 'readlink /proc/self/exe; cd /usr/bin && ./readlink /proc/self/exe; ln -s /usr/bin/readlink /tmp/rl && /tmp/rl /proc/self/exe; cat /proc/self/comm; /tmp/rl /proc/self/cmdline >/dev/null; exec /tmp/rl -f /proc/self/exe')
assert_eq "/usr/bin/readlink
/usr/bin/readlink
/usr/bin/readlink
cat
/usr/bin/readlink" "$out" "/proc/self/exe: absolute, relative, through a symlink"
out=$(run /bin/sh -c 'LD_SHOW_AUXV=1 /bin/true | grep EXECFN; cd /usr; LD_SHOW_AUXV=1 bin/true | grep EXECFN; ln -s /bin/true /tmp/t && LD_SHOW_AUXV=1 /tmp/t | grep EXECFN')
assert_eq "AT_EXECFN:            /bin/true
AT_EXECFN:            bin/true
AT_EXECFN:            /tmp/t" "$out" "AT_EXECFN"
out=$(run /bin/sh -c 'ln -s /bin/cat /tmp/mycat && /tmp/mycat /proc/self/comm')
assert_eq mycat "$out" "comm named after the file executed"

# AT_ENTRY in cat's executable mapping, AT_BASE at ld.so's first one, AT_PHDR in cat's
out=$(run /bin/sh -c 'LD_SHOW_AUXV=1 cat /proc/self/maps')
entry=$(sed -n 's/^AT_ENTRY: *0x//p' <<<"$out")
base=$(sed -n 's/^AT_BASE: *0x//p' <<<"$out")
phdr=$(sed -n 's/^AT_PHDR: *0x//p' <<<"$out")
[ -n "$entry" ] && [ -n "$base" ] && [ -n "$phdr" ] || fail "no AT_ENTRY/AT_BASE/AT_PHDR in: $out"
in_map() { # ADDR-HEX PERMS-REGEX PATH-REGEX
	local lo hi perms path
	while read -r range perms _ _ _ path; do
		lo=${range%-*} hi=${range#*-}
		if (( 16#$1 >= 16#$lo && 16#$1 < 16#$hi )); then
			[[ $perms =~ $2 && $path =~ $3 ]] && return 0
			echo "0x$1 is in $range $perms $path" >&2
			return 1
		fi
	done < <(grep -E '^[0-9a-f]+-[0-9a-f]+ ' <<<"$out")
	echo "0x$1 is in no mapping" >&2
	return 1
}
in_map "$entry" '^r-x' '/usr/bin/cat$' || fail "AT_ENTRY is not in cat's code"
in_map "$phdr" '^r' '/usr/bin/cat$' || fail "AT_PHDR is not in cat's image"
in_map "$base" '^r' '/ld-linux-x86-64\.so\.2$' || fail "AT_BASE is not ld.so's"
grep -q '\[heap\]' <<<"$out" || fail "no heap mapping: $out"

# the kernel's copy (/proc/self/auxv, set with PR_SET_MM_MAP) says the same as the stack's
out=$(run /bin/sh -c 'LD_SHOW_AUXV=1 od -An -tx8 -w16 -v /proc/self/auxv')
stack=$(sed -n 's/^AT_ENTRY: *0x//p' <<<"$out")
kernel=$(awk '$1 == "0000000000000009" { sub(/^0+/, "", $2); print $2 }' <<<"$out")
assert_eq "$stack" "$kernel" "AT_ENTRY in /proc/self/auxv"

# without address randomisation (setarch -R) the program and its heap are where the kernel puts
# them: a PIE at 0x555555554000, the heap right after it
out=$(run /bin/sh -c 'setarch -R cat /proc/self/maps')
assert_eq "555555554000" "$(head -n1 <<<"$out" | cut -d- -f1)" "a PIE program's address under setarch -R"
heap=$(awk '/\[heap\]/ { split($1, a, "-"); print a[1] }' <<<"$out")
last=$(awk '/\/usr\/bin\/cat$/ { split($1, a, "-"); end = a[2] } END { print end }' <<<"$out")
[ -n "$heap" ] && [ -n "$last" ] && (( 16#$heap >= 16#$last && 16#$heap - 16#$last < 0x100000 )) ||
	fail "the heap ($heap) is not right after the program (ends $last): $out"
