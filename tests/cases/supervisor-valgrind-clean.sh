#!/bin/bash
# The supervisor (the uspawn process that stays outside) is valgrind-clean: no invalid access,
# no leak, on a normal run, a failing command and an early error. The container side is not
# followed (--child-silent-after-fork, and no --error-exitcode, which the container would inherit):
# it exits through _exit with its memory still held, by design.
. "$(dirname "$0")/../lib/common.sh"

command -v valgrind >/dev/null || skip "valgrind is not installed (apt-get install valgrind)"
# The two instrumentations exclude each other; the plain `make check` runs this case.
# (not `ldd | grep -q`: grep quits at the match, ldd's next line dies of SIGPIPE, and pipefail
# then fails the test instead of skipping it)
[[ $(ldd "$USPAWN") == *libasan* ]] && skip "valgrind cannot run an AddressSanitizer build (make check without SANITIZE runs this case)"
make_busybox_rootfs "$T/root"
vg() {
	valgrind -q --child-silent-after-fork=yes --leak-check=full --show-leak-kinds=all \
		--errors-for-leak-kinds=all --log-file="$T/vg.log" "$@"
}
assert_status 7 "normal run" -- vg "$USPAWN" -q -D "$T/root" sh -c 'exit 7' </dev/null
assert_status 127 "missing command" -- vg "$USPAWN" -q -D "$T/root" /nope </dev/null 2>/dev/null
assert_status 1 "missing tree" -- vg "$USPAWN" -q -D "$T/none" /bin/true </dev/null 2>/dev/null
if grep -q '==[0-9]*==' "$T/vg.log"; then
	cat "$T/vg.log" >&2
	fail "valgrind reported errors or leaks in the supervisor"
fi
