#!/bin/bash
# tests/vm/run-vm.sh — boot Debian's own kernel under qemu-system-x86_64 (TCG: no /dev/kvm
# needed) with a chosen vsyscall= mode, run commands from a BusyBox initramfs as an unprivileged
# user, print their output and exit statuses on the serial console, power off.
# The project's copy of ../shared/reference/vsyscall-vm/run-vm.sh, adapted: kernel cached by its
# package version, programs copied with their shared libraries, an unprivileged user, and the
# root filesystem owned by that user (so uspawn can use it as its tree).
#
# Usage: run-vm.sh [options] [--] 'command 1' 'command 2' ...
#   -v MODE       vsyscall= on the kernel command line: none (default), emulate, xonly
#   -f SRC[:DST]  copy SRC into the initramfs at DST (default /bin/NAME); repeatable
#   -p PROG[:DST] the same for a dynamically linked program, plus the libraries ldd names
#   -r ROOTFS     a directory or tarball unpacked at /rootfs, owned by the user
#   -k BZIMAGE    kernel to boot (default: tests/vm/kernel.sh fetches and caches Debian's)
#   -m MB -s N -T SECS   memory (512), CPUs (1), host-side timeout (300)
# Commands run with `sh -c` as the user "tester" (uid 1000); root when a command starts with
# "ROOT: ". Output: "### CMD n: ...", the output, "### EXIT n: status", then
# "run-vm: wall S s" and "run-vm: exits LIST". Exit 0 if the VM ran every command, 3 if not.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
MODE=none KERNEL= MEM=512 SMP=1 TMO=300 ROOTFS=
FILES=() PROGS=()
BUSYBOX=${BUSYBOX:-/bin/busybox}

while getopts "v:f:p:r:k:m:s:T:h" o; do
	case $o in
	v) MODE=$OPTARG ;;
	f) FILES+=("$OPTARG") ;;
	p) PROGS+=("$OPTARG") ;;
	r) ROOTFS=$OPTARG ;;
	k) KERNEL=$OPTARG ;;
	m) MEM=$OPTARG ;;
	s) SMP=$OPTARG ;;
	T) TMO=$OPTARG ;;
	h) sed -n '2,/^set -e/p' "$0" | sed '$d'; exit 0 ;;
	*) exit 2 ;;
	esac
done
shift $((OPTIND - 1))
[ $# -gt 0 ] || { echo "run-vm.sh: no commands given (-h for help)" >&2; exit 2; }
[ -n "$KERNEL" ] || KERNEL=$("$here/kernel.sh")
[ -r "$KERNEL" ] || { echo "run-vm.sh: cannot read kernel $KERNEL" >&2; exit 2; }

W=$(mktemp -d "${TMPDIR:-/tmp}/uspawn-vm.XXXXXX")
trap 'rm -rf "$W"' EXIT
R=$W/root
mkdir -p "$R"/{bin,sbin,usr/bin,usr/sbin,proc,sys,dev,tmp,etc,vmcmds,home/tester}
chmod 1777 "$R/tmp"
cp "$BUSYBOX" "$R/bin/busybox"
copy() { # SRC DST
	mkdir -p "$R$(dirname "$2")"
	cp -aL "$1" "$R$2"
}
for spec in "${FILES[@]+"${FILES[@]}"}"; do
	src=${spec%%:*}
	if [ "$src" != "$spec" ]; then dst=${spec#*:}; else dst=/bin/$(basename "$src"); fi
	copy "$src" "$dst"
done
for spec in "${PROGS[@]+"${PROGS[@]}"}"; do
	src=${spec%%:*}
	if [ "$src" != "$spec" ]; then dst=${spec#*:}; else dst=/bin/$(basename "$src"); fi
	copy "$src" "$dst"
	# "libx.so => /path (addr)" and the loader's "/lib64/ld-linux-x86-64.so.2 (addr)"
	for lib in $(ldd "$src" | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }'); do
		[ -e "$R$lib" ] || copy "$lib" "$lib"
	done
done
cat >"$R/etc/passwd" <<'E'
root:x:0:0:root:/root:/bin/sh
tester:x:1000:1000:tester:/home/tester:/bin/sh
E
cat >"$R/etc/group" <<'E'
root:x:0:
tester:x:1000:
E
i=0
for c in "$@"; do
	i=$((i + 1))
	printf '%s\n' "$c" >"$R/vmcmds/$(printf %03d $i)"
done

cat >"$R/init" <<'EOF'
#!/bin/busybox sh
# pivot_root(2) refuses a root that is the initramfs itself (it has no parent mount), so move
# onto a bind mount of it first: uspawn's pivot into its tree then works as on a real system.
if [ "$1" != stage2 ]; then
	/bin/busybox mkdir -p /newroot
	/bin/busybox mount --bind / /newroot && cd /newroot && /bin/busybox mount --move . / &&
		exec /bin/busybox chroot . /init stage2
	echo "### VM: could not leave the initramfs root: pivot_root will fail"
fi
/bin/busybox mount -t proc proc /proc
/bin/busybox mount -t devtmpfs dev /dev 2>/dev/null
exec 0</dev/console 1>/dev/console 2>&1
/bin/busybox --install -s
export PATH=/bin:/sbin:/usr/bin:/usr/sbin HOME=/ TERM=dumb
mount -t sysfs sys /sys
mount -t tmpfs -o mode=1777 tmp /tmp
chown 1000:1000 /home/tester
echo "### VM: kernel $(uname -r); cmdline: $(cat /proc/cmdline)"
echo "### VM: $(grep -F '[vsyscall]' /proc/self/maps || echo 'no [vsyscall] mapping')"
exits=
for f in /vmcmds/*; do
	n=${f##*/}; n=${n#00}; n=${n#0}
	cmd=$(cat "$f")
	echo "### CMD $n: $cmd"
	case $cmd in
	"ROOT: "*) sh -c "${cmd#ROOT: }" </dev/null ;;
	*) su tester -s /bin/sh -c "cd /home/tester && HOME=/home/tester sh $f" </dev/null ;;
	esac
	rc=$?
	echo "### EXIT $n: $rc"
	exits="$exits $rc"
done
echo "### VM-DONE exits:$exits"
sync
poweroff -f
EOF
chmod +x "$R/init"
INITRD=$W/initrd.gz
(cd "$R" && find . | cpio -o -H newc --quiet -R 0:0 | gzip -1 >"$INITRD")
if [ -n "$ROOTFS" ]; then
	# a second archive, appended: the tree belongs to the guest's user whoever builds it here
	mkdir -p "$W/rfs/rootfs"
	if [ -d "$ROOTFS" ]; then
		cp -a "$ROOTFS"/. "$W/rfs/rootfs/"
	else
		tar -C "$W/rfs/rootfs" -xf "$ROOTFS" --no-same-owner --no-same-permissions --exclude='./dev/*' \
			--exclude='dev/*' 2>/dev/null || true
	fi
	mkdir -p "$W/rfs/rootfs"/{proc,dev,sys,tmp,run}
	chmod -R u+rwX "$W/rfs/rootfs"
	(cd "$W/rfs" && find rootfs | cpio -o -H newc --quiet -R 1000:1000 | gzip -1 >>"$INITRD")
fi

APPEND="console=ttyS0 panic=-1 rdinit=/init quiet loglevel=1"
[ -n "$MODE" ] && APPEND="$APPEND vsyscall=$MODE"
echo "run-vm: kernel $KERNEL; initrd $(du -k "$INITRD" | cut -f1) KiB; append: $APPEND" >&2
LOG=$W/console.log
t0=$(date +%s.%N)
set +e
timeout "$TMO" qemu-system-x86_64 -accel tcg -cpu max -smp "$SMP" -m "$MEM" \
	-nographic -no-reboot -nic none -kernel "$KERNEL" -initrd "$INITRD" -append "$APPEND" \
	</dev/null | tr -d '\r' | sed -u -e 's/\x1b\[[0-9;?]*[A-Za-z]//g' -e 's/\x1bc//g' | tee "$LOG" |
	awk 'f || /^### VM:/ {f = 1; print; fflush()}'
qrc=${PIPESTATUS[0]}
set -e
t1=$(date +%s.%N)
echo "run-vm: wall $(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.2f", b-a}') s (boot to poweroff), qemu rc=$qrc"
if grep -q '^### VM-DONE' "$LOG"; then
	echo "run-vm: exits$(sed -n 's/^### VM-DONE exits://p' "$LOG")"
	exit 0
fi
echo "run-vm: the VM did not finish its command list" >&2
exit 3
