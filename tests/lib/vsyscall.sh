# tests/lib/vsyscall.sh — sourced by the vsyscall-* cases after common.sh.
# This host's kernel may handle the real vsyscall page itself (xonly, emulate), so the engine is
# proved on a test page: vsys maps a PROT_NONE page at VSYS_TEST_PAGE and calls its entries, which
# fault exactly as the real page does under vsyscall=none, and USPAWN_VSYSCALL_TEST_PAGE makes the
# supervisor answer there. The observable is the supervisor's debug log ("vsyscall: emulated
# time() for PID N"): the kernel never emulates a user page, so each call that returned is ours.
# The test page lies below 2 GiB so that `mov $imm32,%rax` (glibc's encoding, a sign-extended
# 32-bit immediate) can name it, as it names the real page: call-site patching sees the same bytes.
# The real page under vsyscall=none is tested in a VM (tests/vm, make check-vm).
VSYS=$BUILD/tests/vsys
VSYS_TEST_PAGE=0x5a5a0000
[ -x "$VSYS" ] || fail "$VSYS not built (make $BUILD/tests/vsys)"

# A BusyBox tree with vsys at /usr/local/bin/vsys.
make_vsys_rootfs() { # DIR
	make_busybox_rootfs "$1"
	cp "$VSYS" "$1/usr/local/bin/vsys"
}

# uspawn --vsyscall=emulate on the test page, debug log included in the output; a machine name
# of its own, as other runs of the suite may use the tree's basename at the same time.
run_emulated() { # DIR ARGS...
	local root=$1
	shift
	USPAWN_LOG_LEVEL=debug USPAWN_VSYSCALL_TEST_PAGE=$VSYS_TEST_PAGE \
		"$USPAWN" -q -M "vsys-$$-$RANDOM" -D "$root" --vsyscall=emulate -E VSYS_PAGE=$VSYS_TEST_PAGE "$@" </dev/null 2>&1
}

# How many calls of NAME (time, gettimeofday, getcpu) the supervisor answered, in OUTPUT.
emulated_count() { # OUTPUT NAME
	grep -c "vsyscall: emulated $2() for PID" <<<"$1" || true
}

# How many call sites the supervisor redirected to the vDSO, in OUTPUT.
patched_count() { # OUTPUT
	grep -c "vsyscall: patched the .* call site at" <<<"$1" || true
}

# libuspawn-vsyscall.so, the in-process emulation (--vsyscall=preload), with vsys built dynamic:
# LD_PRELOAD reaches dynamic programs only. Its debug lines ("uspawn-vsyscall[PID]: emulated
# time()") go to stderr; as with the supervisor's, each one is a call the kernel did not answer.
VSYS_DYN=$BUILD/tests/vsys-dynamic
VSYS_LIB=$BUILD/libuspawn-vsyscall.so

# vsys-dynamic ARGS... under the library alone (no uspawn), on the test page, stderr included.
run_preloaded() { # ARGS...
	[ -x "$VSYS_DYN" ] && [ -r "$VSYS_LIB" ] || fail "$VSYS_DYN or $VSYS_LIB not built (make all $VSYS_DYN)"
	LD_PRELOAD=$VSYS_LIB USPAWN_VSYSCALL_TEST_PAGE=$VSYS_TEST_PAGE USPAWN_VSYSCALL_DEBUG_FD=2 \
		VSYS_PAGE=$VSYS_TEST_PAGE "$VSYS_DYN" "$@" 2>&1
}

# How many calls of NAME the library answered, in OUTPUT.
preload_count() { # OUTPUT NAME
	grep -c "uspawn-vsyscall\[[0-9]*\]: emulated $2()" <<<"$1" || true
}

# uspawn --vsyscall=preload (or the given --vsyscall=) in the read-only bookworm tree, with
# vsys-dynamic bound at /opt/vsys, on the test page; debug output included.
run_preload_uspawn() { # VSYSCALL-OPTION ARGS...
	local opt=$1 root
	shift
	root=$(bookworm_rootfs)
	USPAWN_LOG_LEVEL=debug USPAWN_VSYSCALL_TEST_PAGE=$VSYS_TEST_PAGE \
		"$USPAWN" -q -M "vsys-$$-$RANDOM" -D "$root" --read-only "$opt" --bind-ro="$VSYS_DYN:/opt/vsys" \
		-E VSYS_PAGE=$VSYS_TEST_PAGE -E USPAWN_VSYSCALL_DEBUG_FD=2 /opt/vsys "$@" </dev/null 2>&1
}
