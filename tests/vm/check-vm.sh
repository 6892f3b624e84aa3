#!/bin/bash
# tests/vm/check-vm.sh — `make check-vm`: the real vsyscall failure and its cure, in a qemu guest
# running Debian's own 6.1 kernel as an unprivileged user.
#   boot 1, vsyscall=none (Debian 12's default): each old-glibc program dies with SIGSEGV (139)
#     natively or under --vsyscall=native, and works under uspawn's default (auto → emulate):
#     our static vsys (the exact old-glibc call sequence), and the 2013 Debian tree's
#     `bash -c 'echo $RANDOM; date'` and Perl time() loop (20,001 vsyscalls, timed).
#   boot 2, vsyscall=emulate: everything runs and uspawn stays out of the way.
# Exit 0 all passed, 1 a case failed, 77 skipped (the reason on the last "SKIP:" line).
# The guests' consoles are shown when a case fails, always with VERBOSE=1.
# Needs qemu-system-x86, cpio, busybox-static, and apt to fetch the kernel once (tests/vm/kernel.sh).
set -uo pipefail

cd "$(dirname "$0")/../.." || exit 1
BUILD=${BUILD:-build}
ROOTFS=${USPAWN_ROOTFS_2013:-$PWD/../shared/testdata/debian-sid-2013-02-eglibc-2.13-amd64-rootfs.tar.xz}
skip() { echo "SKIP: check-vm: $*"; exit 77; }

command -v qemu-system-x86_64 >/dev/null || skip "qemu-system-x86_64 is not installed (apt-get install qemu-system-x86)"
command -v cpio >/dev/null || skip "cpio is not installed"
file -L /bin/busybox 2>/dev/null | grep -q 'statically linked' || skip "no static /bin/busybox (apt-get install busybox-static)"
[ -r "$ROOTFS" ] || skip "the 2013 rootfs tarball is missing: $ROOTFS (set USPAWN_ROOTFS_2013)"
for f in "$BUILD/uspawn" "$BUILD/tests/vsys"; do [ -x "$f" ] || { echo "check-vm: $f not built" >&2; exit 1; }; done
kernel=$(tests/vm/kernel.sh) || skip "no kernel to boot: $(tests/vm/kernel.sh 2>&1 >/dev/null | tail -n 1)"

U='uspawn -q --console=pipe -D /rootfs --bind-ro=/bin/vsys:/usr/local/bin/vsys'
BASH_CMD="/bin/bash -c 'echo random=\$RANDOM; date'"
PERL_LOOP="/usr/bin/perl -e 'for (1..20000) { \$t = time } print \"perl: \$t\\n\"'"
PERL_ONE="/usr/bin/perl -e '\$t = time; print \"perl: \$t\\n\"'"
timed() { # CMD: run it, print "elapsed-cs N" from /proc/uptime (centiseconds)
	printf 'a=$(cut -d" " -f1 /proc/uptime); %s; rc=$?; b=$(cut -d" " -f1 /proc/uptime); ' "$1"
	printf 'echo "elapsed-cs $(( ${b%%.*}${b#*.} - ${a%%.*}${a#*.} ))"; exit $rc'
}

# name | expected status | text the output must hold ("" = none) | command, for each boot
none_cases=(
	"native static vsys dies|139||vsys check"
	"static vsys under uspawn --vsyscall=native dies|139||$U --vsyscall=native vsys check"
	"static vsys under uspawn works|0|7 calls emulated|USPAWN_LOG_LEVEL=debug $U vsys check 2>&1 | grep -v 'emulated .*() for PID'"
	"2013 bash under --vsyscall=native dies|139||$U --vsyscall=native $BASH_CMD"
	"2013 bash under uspawn works|0|random=|$U $BASH_CMD"
	"2013 perl under --vsyscall=native dies|139||$U --vsyscall=native $PERL_ONE"
	"2013 perl one time() under uspawn|0|perl: |$(timed "$U $PERL_ONE")"
	"2013 perl 20,001 time() under uspawn|0|perl: |$(timed "$U $PERL_LOOP")"
	"own SIGSEGV handler under uspawn|0|vsys: OK|$U vsys segv-handler"
	"misaligned jump under uspawn dies|139||$U vsys misaligned"
	"fork and exec under uspawn|0|vsys: OK|$U vsys fork-exec"
	"threads under uspawn|0|0 wrong|$U vsys threads 2 100"
	"trap path per call (vsys bench)|0|bench:|$U vsys bench 2000"
)
emulate_cases=(
	"native static vsys works|0|vsys: OK|vsys check"
	"uspawn leaves the kernel's page alone|0|vsys: OK|USPAWN_LOG_LEVEL=debug $U vsys check 2>&1 | { ! grep vsyscall: ; }; $U vsys check"
	"2013 bash under uspawn works|0|random=|$U $BASH_CMD"
	"2013 perl one time() under uspawn|0|perl: |$(timed "$U $PERL_ONE")"
	"2013 perl 20,001 time() under uspawn|0|perl: |$(timed "$U $PERL_LOOP")"
	"kernel emulation per call (vsys bench)|0|bench:|vsys bench 2000"
)

failed=0
declare -A elapsed
run_boot() { # MODE CASE...
	local mode=$1 log n=0 spec name want text out st
	shift
	local -a cmds=()
	for spec in "$@"; do cmds+=("${spec#*|*|*|}"); done
	log=$(mktemp "${TMPDIR:-/tmp}/uspawn-check-vm.XXXXXX")
	echo "== boot with vsyscall=$mode"
	tests/vm/run-vm.sh -v "$mode" -k "$kernel" -p "$BUILD/uspawn" -f "$BUILD/tests/vsys" -r "$ROOTFS" \
		"${cmds[@]}" >"$log" 2>&1
	[ -n "${VERBOSE:-}" ] && sed 's/^/    /' "$log"
	local before=$failed
	for spec in "$@"; do
		n=$((n + 1))
		IFS='|' read -r name want text _ <<<"$spec"
		out=$(awk -v n="$n" '$0 ~ "^### CMD " n ":" {f = 1; next} $0 ~ "^### EXIT " n ":" {exit} f' "$log")
		st=$(sed -n "s/^### EXIT $n: //p" "$log")
		if [ "$st" = "$want" ] && { [ -z "$text" ] || grep -qF -- "$text" <<<"$out"; }; then
			echo "PASS vm/$mode: $name"
		else
			echo "FAIL vm/$mode: $name (exit ${st:-none}, expected $want${text:+ and '$text' in the output})"
			failed=$((failed + 1))
		fi
		case $out in *elapsed-cs*) elapsed[$mode/$name]=$(sed -n 's/^elapsed-cs //p' <<<"$out") ;; esac
	done
	# the guest's console in full when something failed (or with VERBOSE=1)
	[ -z "${VERBOSE:-}" ] && [ "$failed" -ne "$before" ] && sed 's/^/    /' "$log"
	grep -E '^(run-vm: wall|    bench:|bench:)' "$log" | sed 's/^ *//; s/^/    /'
	rm -f "$log"
}

run_boot none "${none_cases[@]}"
run_boot emulate "${emulate_cases[@]}"

for mode in none emulate; do
	one=${elapsed[$mode/2013 perl one time() under uspawn]:-}
	loop=${elapsed[$mode/2013 perl 20,001 time() under uspawn]:-}
	[ -n "$one" ] && [ -n "$loop" ] &&
		awk -v m="$mode" -v a="$one" -v b="$loop" 'BEGIN { printf "vsyscall=%s: perl with 1 time() %.2f s, with 20,001 %.2f s: %.1f us per call\n", m, a / 100, b / 100, (b - a) * 10000 / 20000 }'
done
[ "$failed" -eq 0 ] || { echo "check-vm: $failed case(s) failed"; exit 1; }
echo "check-vm: all cases passed"
