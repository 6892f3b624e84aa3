#!/bin/bash
# tests/vm/check-vm.sh — `make check-vm`: the real vsyscall failure and its cure, in a qemu guest
# running Debian's own 6.1 kernel as an unprivileged user.
#   boot 1, vsyscall=none (Debian 12's default): each old-glibc program dies with SIGSEGV (139)
#     natively or under --vsyscall=native, and works under uspawn's default (auto → emulate):
#     our static vsys (the exact old-glibc call sequence), and the 2013 Debian tree's
#     `bash -c 'echo $RANDOM; date'` and Perl time() loop (20,001 vsyscalls, timed), the bash and
#     Perl under --backend=trace too (uspawn-loader, the tracer's emulation). Call sites
#     are redirected to the vDSO after their first trap: 100,000 calls trap once per site. The
#     2013 tree boots with its sysvinit (PID 1 patched like any process) and halts.
#     In-process (libuspawn-vsyscall.so, --vsyscall=preload): the 2013 bash and Perl under
#     --vsyscall=preload, under `strace -f` (a nested tracer: auto falls back to the library with
#     a notice), and a dynamic vsys under the library alone, on the real page.
#   boot 2, vsyscall=emulate: everything runs and uspawn stays out of the way.
# With --bench (`make bench-vm`): per-call cost of the kernel's emulation, uspawn's trap path,
# uspawn after patching and the vDSO, and the 2013 Perl loop natively under vsyscall=emulate vs
# under uspawn in vsyscall=none, as a table with ratios.
# Exit 0 all passed, 1 a case failed, 77 skipped (the reason on the last "SKIP:" line).
# The guests' consoles are shown when a case fails, always with VERBOSE=1.
# Needs qemu-system-x86, cpio, busybox-static, and apt to fetch the kernel once (tests/vm/kernel.sh).
set -uo pipefail

cd "$(dirname "$0")/../.." || exit 1
BUILD=${BUILD:-build}
ROOTFS=${USPAWN_ROOTFS_2013:-$PWD/../shared/testdata/debian-sid-2013-02-eglibc-2.13-amd64-rootfs.tar.xz}
BENCH=
[ "${1:-}" = --bench ] && BENCH=1
skip() { echo "SKIP: check-vm: $*"; exit 77; }

command -v qemu-system-x86_64 >/dev/null || skip "qemu-system-x86_64 is not installed (apt-get install qemu-system-x86)"
command -v cpio >/dev/null || skip "cpio is not installed"
file -L /bin/busybox 2>/dev/null | grep -q 'statically linked' || skip "no static /bin/busybox (apt-get install busybox-static)"
[ -r "$ROOTFS" ] || skip "the 2013 rootfs tarball is missing: $ROOTFS (set USPAWN_ROOTFS_2013)"
for f in "$BUILD/uspawn" "$BUILD/uspawn-loader" "$BUILD/tests/vsys" "$BUILD/tests/vsys-dynamic" "$BUILD/libuspawn-vsyscall.so"; do [ -x "$f" ] || { echo "check-vm: $f not built" >&2; exit 1; }; done
kernel=$(tests/vm/kernel.sh) || skip "no kernel to boot: $(tests/vm/kernel.sh 2>&1 >/dev/null | tail -n 1)"

U='uspawn -q --console=pipe -D /rootfs --bind-ro=/bin/vsys:/usr/local/bin/vsys'
BASH_CMD="/bin/bash -c 'echo random=\$RANDOM; date'"
PERL_LOOP="/usr/bin/perl -e 'for (1..20000) { \$t = time } print \"perl: \$t\\n\"'"
PERL_ONE="/usr/bin/perl -e '\$t = time; print \"perl: \$t\\n\"'"
# the loop alone, timed by the gettimeofday system call (the tree's Perl has no Time::HiRes)
PERL_TIMED='/usr/bin/perl -e '"'"'sub now { my $tv = "\0" x 16; syscall(96, $tv, 0); my ($s, $u) = unpack("q2", $tv); $s * 1e6 + $u } $a = now(); for (1..20000) { $t = time } $b = now(); printf "perl-loop-us %d\n", $b - $a'"'"
timed() { # CMD: run it, print "elapsed-cs N" from /proc/uptime (centiseconds)
	printf 'a=$(cut -d" " -f1 /proc/uptime); %s; rc=$?; b=$(cut -d" " -f1 /proc/uptime); ' "$1"
	printf 'echo "elapsed-cs $(( ${b%%.*}${b#*.} - ${a%%.*}${a#*.} ))"; exit $rc'
}

# name | expected status | text the output must hold ("" = none) | command, for each boot
# The 2013 tree as debootstrap left it has no /etc/inittab and no rc links: give it sysvinit's
# default inittab and the halt script, as its admin would. Boot, wait for runlevel 2, SIGTERM
# uspawn (a runlevel-0 request through initctl): exit 0 once the halt script powers it off.
BOOT_PREP='cp /rootfs/usr/share/sysvinit/inittab /rootfs/etc/inittab && ln -sf ../init.d/halt /rootfs/etc/rc0.d/S01halt'
BOOT_2013='USPAWN_LOG_LEVEL=debug uspawn --console=pipe -D /rootfs -b </dev/null >/tmp/boot.out 2>&1 & p=$!; i=0; while [ $i -lt 300 ] && kill -0 $p && ! grep -q "Entering runlevel: 2" /tmp/boot.out; do sleep 0.2; i=$((i + 1)); done; r2=$(grep -c "Entering runlevel: 2" /tmp/boot.out); kill -TERM $p; wait $p; st=$?; grep -v -e "emulated .*() for PID" -e "patched the .* call site" -e "mapped a trampoline" /tmp/boot.out; [ "$r2" != 0 ] && [ $st = 0 ]'
# the in-process emulation: the library beside uspawn in the guest (/bin), vsys-dynamic with
# the host's libraries, strace as the nested tracer (the host's, when it has one)
PRE='LD_PRELOAD=/bin/libuspawn-vsyscall.so'
UN='uspawn --console=pipe -D /rootfs'
STRACE=$(command -v strace || true)
DEBUG_SUMMARY="grep -v -e 'emulated .*() for PID' -e 'patched the .* call site' -e 'mapped a trampoline'"
none_cases=(
	"native static vsys dies|139||vsys check"
	"static vsys under uspawn --vsyscall=native dies|139||$U --vsyscall=native vsys check"
	"static vsys under uspawn works, one trap per site|0|3 calls emulated, 3 call sites patched|USPAWN_LOG_LEVEL=debug $U vsys check 2>&1 | $DEBUG_SUMMARY"
	"static vsys on the trap path alone|0|7 calls emulated, 0 call sites patched|USPAWN_VSYSCALL_PATCH=0 USPAWN_LOG_LEVEL=debug $U vsys check 2>&1 | $DEBUG_SUMMARY"
	"100,000 calls of each entry trap once per site|0|3 calls emulated, 3 call sites patched|USPAWN_LOG_LEVEL=debug $U vsys patch 100000 2>&1 | $DEBUG_SUMMARY | grep -B20 -A20 '100000 calls of each entry (anon, mov32), 0 wrong'"
	"unknown sequence keeps trapping|0|300 calls emulated, 0 call sites patched|USPAWN_LOG_LEVEL=debug $U vsys patch 100 anon nomatch 2>&1 | $DEBUG_SUMMARY | grep -B20 -A20 ', 0 wrong'"
	"shared mapping keeps trapping|0|300 calls emulated, 0 call sites patched|USPAWN_LOG_LEVEL=debug $U vsys patch 100 shared 2>&1 | $DEBUG_SUMMARY | grep -B20 -A20 'file: unchanged'"
	"2013 bash under --vsyscall=native dies|139||$U --vsyscall=native $BASH_CMD"
	"2013 bash under uspawn works|0|random=|$U $BASH_CMD"
	"2013 perl under --vsyscall=native dies|139||$U --vsyscall=native $PERL_ONE"
	"2013 perl one time() under uspawn|0|perl: |$(timed "$U $PERL_ONE")"
	"2013 perl 20,001 time() under uspawn|0|perl: |$(timed "USPAWN_LOG_LEVEL=debug $U $PERL_LOOP 2>&1 | $DEBUG_SUMMARY")"
	"own SIGSEGV handler under uspawn|0|vsys: OK|$U vsys segv-handler"
	"misaligned jump under uspawn dies|139||$U vsys misaligned"
	"fork and exec under uspawn|0|vsys: OK|$U vsys fork-exec"
	"threads under uspawn|0|0 wrong|$U vsys threads 2 100"
	"threads and fork through patched sites|0|child|$U vsys patch-threads 2 2000"
	"2013 sysvinit under --vsyscall=native dies|139||$BOOT_PREP; uspawn -q --console=pipe -D /rootfs -b --vsyscall=native"
	"2013 tree boots (sysvinit) and halts under uspawn|0|init: Switching to runlevel: 0|$BOOT_PREP; $BOOT_2013"
	"2013 bash under --backend=trace (uspawn-loader, tracer's emulation)|0|random=|USPAWN_LOG_LEVEL=debug $U --backend=trace $BASH_CMD 2>&1 | grep -c -e random= -e 'Dynamic programs run through' | grep -qx 2 && $U --backend=trace $BASH_CMD"
	"2013 perl under --backend=trace|0|perl: |$U --backend=trace $PERL_ONE"
	"2013 bash under --vsyscall=preload works|0|random=|$U --vsyscall=preload $BASH_CMD"
	"2013 perl 20,001 time() under --vsyscall=preload|0|perl: |$U --vsyscall=preload $PERL_LOOP"
	"dynamic vsys under the library alone (real page)|0|vsys: OK|$PRE USPAWN_VSYSCALL_DEBUG_FD=2 vsys-dynamic check 2>&1 | grep -c 'emulated time()' | grep -qx 2 && $PRE vsys-dynamic check"
	"bad pointers under the library alone (real page)|0|vsys: OK|$PRE vsys-dynamic bad-pointer"
	"own SIGSEGV handler under the library alone (real page)|0|vsys: OK|$PRE vsys-dynamic segv-handler"
	"misaligned jump under the library alone dies|139||$PRE vsys-dynamic misaligned"
	"threads under the library alone (real page)|0|0 wrong|$PRE vsys-dynamic threads 2 100"
)
# (LeakSanitizer cannot run under a tracer: a SANITIZE=1 uspawn would end with its error, 1)
NOLSAN='ASAN_OPTIONS=detect_leaks=0'
[ -n "$STRACE" ] || echo "check-vm: no strace on this host (apt-get install strace): the nested-tracer cases are left out" >&2
[ -n "$STRACE" ] && none_cases+=(
	"2013 bash under strace -f: auto falls back to preload|0|emulating it inside|$NOLSAN strace -f -o /dev/null $UN $BASH_CMD 2>&1 | grep -B9 -A9 random="
	"2013 bash under strace -f --vsyscall=native dies|139||$NOLSAN strace -f -o /dev/null $U --vsyscall=native $BASH_CMD"
)
emulate_cases=(
	"native static vsys works|0|vsys: OK|vsys check"
	"uspawn leaves the kernel's page alone|0|vsys: OK|USPAWN_LOG_LEVEL=debug $U vsys check 2>&1 | { ! grep vsyscall: ; }; $U vsys check"
	"2013 bash under uspawn works|0|random=|$U $BASH_CMD"
	"2013 perl one time() under uspawn|0|perl: |$(timed "$U $PERL_ONE")"
	"2013 perl 20,001 time() under uspawn|0|perl: |$(timed "$U $PERL_LOOP")"
)
# --bench: each figure from the boot it belongs to; "native" is the tree entered with chroot as
# root (Perl's -e needs /dev/null there)
NATIVE="{ [ -e /rootfs/dev/null ] || mount --bind /dev /rootfs/dev; } && chroot /rootfs"
none_bench=(
	"trap path per call|0|bench:|USPAWN_VSYSCALL_PATCH=0 $U vsys bench 2000"
	"in-process per call|0|bench:|$PRE vsys-dynamic bench 2000"
	"patched per call|0|bench:|$U vsys bench 200000"
	"perl loop under uspawn, patched|0|perl-loop-us|$U $PERL_TIMED"
	"perl loop under uspawn, trap path|0|perl-loop-us|USPAWN_VSYSCALL_PATCH=0 $U $PERL_TIMED"
	"perl loop under --vsyscall=preload|0|perl-loop-us|$U --vsyscall=preload $PERL_TIMED"
	"perl 20,001 under uspawn, patched, whole run|0|perl: |$(timed "$U $PERL_LOOP")"
)
emulate_bench=(
	"kernel emulation per call|0|bench:|vsys bench 20000"
	"perl loop native|0|perl-loop-us|ROOT: $NATIVE $PERL_TIMED"
	"perl 20,001 native, whole run|0|perl: |ROOT: $(timed "$NATIVE $PERL_LOOP")"
)

failed=0
declare -A elapsed outs
run_boot() { # MODE CASE...
	local mode=$1 log n=0 spec name want text out st
	shift
	local -a cmds=()
	for spec in "$@"; do cmds+=("${spec#*|*|*|}"); done
	log=$(mktemp "${TMPDIR:-/tmp}/uspawn-check-vm.XXXXXX")
	echo "== boot with vsyscall=$mode"
	tests/vm/run-vm.sh -v "$mode" -k "$kernel" -p "$BUILD/uspawn" -f "$BUILD/tests/vsys" -r "$ROOTFS" \
		-f "$BUILD/libuspawn-vsyscall.so" -f "$BUILD/uspawn-loader" -p "$BUILD/tests/vsys-dynamic" ${STRACE:+-p "$STRACE"} \
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
		outs[$mode/$name]=$out
	done
	# the guest's console in full when something failed (or with VERBOSE=1)
	[ -z "${VERBOSE:-}" ] && [ "$failed" -ne "$before" ] && sed 's/^/    /' "$log"
	grep -E '^(run-vm: wall|    bench:|bench:)' "$log" | sed 's/^ *//; s/^/    /'
	rm -f "$log"
}

# ns per call of a vsys bench line LABEL in the output of case KEY
ns() { sed -n "s/^ *bench: $2  *\([0-9]*\) ns\/call.*/\1/p" <<<"${outs[$1]:-}" | head -n 1; }
perl_us() { sed -n 's/^perl-loop-us //p' <<<"${outs[$1]:-}" | head -n 1; }

if [ -n "$BENCH" ]; then
	run_boot none "${none_bench[@]}"
	run_boot emulate "${emulate_bench[@]}"
	kern=$(ns "emulate/kernel emulation per call" "vsyscall time")
	trap_=$(ns "none/trap path per call" "vsyscall time")
	inproc=$(ns "none/in-process per call" "vsyscall time")
	patched=$(ns "none/patched per call" "vsyscall time")
	vdso=$(ns "none/patched per call" "vDSO time")
	p_native=$(perl_us "emulate/perl loop native")
	p_patched=$(perl_us "none/perl loop under uspawn, patched")
	p_trap=$(perl_us "none/perl loop under uspawn, trap path")
	p_pre=$(perl_us "none/perl loop under --vsyscall=preload")
	awk -v k="$kern" -v t="$trap_" -v i="$inproc" -v p="$patched" -v v="$vdso" -v pn="$p_native" -v pp="$p_patched" -v pt="$p_trap" -v pr="$p_pre" 'BEGIN {
		printf "bench-vm: time() per call (vsys bench, qemu TCG, Debian 6.1 kernel)\n"
		printf "  %-44s %10s %8s\n", "", "ns/call", "vs kernel"
		printf "  %-44s %10d %8s\n", "kernel vsyscall=emulate", k, "1.00"
		if (k > 0) {
			printf "  %-44s %10d %8.2f\n", "uspawn trap path (vsyscall=none)", t, t / k
			printf "  %-44s %10d %8.2f\n", "in-process (libuspawn-vsyscall.so)", i, i / k
			printf "  %-44s %10d %8.2f\n", "uspawn after call-site patching", p, p / k
			printf "  %-44s %10d %8.2f\n", "vDSO time()", v, v / k
		}
		printf "bench-vm: Perl loop of 20,000 time() (2013 eglibc 2.13 tree), loop only\n"
		printf "  %-44s %10s %8s\n", "", "s", "vs kernel"
		printf "  %-44s %10.3f %8s\n", "native under vsyscall=emulate", pn / 1e6, "1.00"
		if (pn > 0) {
			printf "  %-44s %10.3f %8.2f\n", "uspawn trap path under vsyscall=none", pt / 1e6, pt / pn
			printf "  %-44s %10.3f %8.2f\n", "in-process (--vsyscall=preload), vsyscall=none", pr / 1e6, pr / pn
			printf "  %-44s %10.3f %8.2f\n", "uspawn patched under vsyscall=none", pp / 1e6, pp / pn
		}
	}'
	for key in "none/perl 20,001 under uspawn, patched, whole run" "emulate/perl 20,001 native, whole run"; do
		[ -n "${elapsed[$key]:-}" ] && awk -v k="$key" -v a="${elapsed[$key]}" 'BEGIN { printf "bench-vm: %s: %.2f s\n", k, a / 100 }'
	done
	[ "$failed" -eq 0 ] || { echo "bench-vm: $failed run(s) failed"; exit 1; }
	exit 0
fi

run_boot none "${none_cases[@]}"
run_boot emulate "${emulate_cases[@]}"

for mode in none emulate; do
	one=${elapsed[$mode/2013 perl one time() under uspawn]:-}
	loop=${elapsed[$mode/2013 perl 20,001 time() under uspawn]:-}
	[ -n "$one" ] && [ -n "$loop" ] &&
		awk -v m="$mode" -v a="$one" -v b="$loop" 'BEGIN { printf "vsyscall=%s: perl with 1 time() %.2f s, with 20,001 %.2f s (whole runs; per call: make bench-vm)\n", m, a / 100, b / 100 }'
done
[ "$failed" -eq 0 ] || { echo "check-vm: $failed case(s) failed"; exit 1; }
echo "check-vm: all cases passed"
