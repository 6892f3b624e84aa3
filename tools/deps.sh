#!/bin/bash
# tools/deps.sh {build|test|bench|demo} — make sure the Debian packages a make target needs are
# installed. Quiet when they are; installs them as root; otherwise prints the one command to run.
set -eu

build="gcc make pkg-config libc6-dev libcap-dev libseccomp-dev libtalloc-dev libjson-c-dev libfuse3-dev libarchive-dev nettle-dev"
test="$build busybox-static uidmap debootstrap util-linux passwd bsdutils procps jq valgrind tar gzip xz-utils zstd bzip2 attr openssh-client qemu-system-x86 cpio
      passt slirp4netns dnsmasq-base curl iproute2 umoci skopeo xfsprogs fuse-overlayfs fuse3 musl-tools binutils strace"
case "${1:-}" in
build) want=$build ;;
test)  want=$test ;;
bench) want="$test bubblewrap hyperfine proot wrk systemd-container fl-cow cowdancer" ;;
demo)  want="$build busybox-static" ;;
*) echo "usage: $0 {build|test|bench|demo}" >&2; exit 2 ;;
esac

# dpkg-query's status is per package; "install ok installed" is the only state that means usable
# (a removed-but-configured package still has a status line).
missing=
for p in $want; do
	s=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	[ "$s" = "install ok installed" ] || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
missing=${missing# }

if [ "$(id -u)" -ne 0 ]; then
	echo "uspawn: missing packages; run: sudo apt-get install -y $missing" >&2
	exit 1
fi

echo "uspawn: installing$missing" >&2
# CI runs with no stdin and no tty: never let apt or debconf ask anything.
export DEBIAN_FRONTEND=noninteractive
apt_install() { apt-get install -y -q --no-install-recommends "$@" </dev/null; }
# Try without `apt-get update` first: on a warm host the lists are fresh enough and this
# avoids the network round trip; refresh only when the install could not find something.
if ! apt_install $missing; then
	apt-get update -q </dev/null
	apt_install $missing
fi
