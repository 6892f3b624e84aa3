#!/bin/bash
# The shim loads into a program linked against musl (cow-ops built with musl-gcc) and protects
# files there too: fopen (found after the shim without dlsym), creat, fchmod on a read-only fd.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/cow.sh"

MUSL_OPS=$BUILD/tests/cow-ops-musl
command -v musl-gcc >/dev/null || skip "musl-gcc is not installed (musl-tools)"
[ -x "$MUSL_OPS" ] || fail "$MUSL_OPS not built (make $MUSL_OPS)"
file -L "$MUSL_OPS" | grep -q 'dynamically linked' || skip "$MUSL_OPS is static: LD_PRELOAD cannot reach it"
[ -e /lib/ld-musl-x86_64.so.1 ] || skip "the musl dynamic linker /lib/ld-musl-x86_64.so.1 is not installed (musl)"

cow_pair f original
cow_pair c original
cow_pair m original
cow_run "$MUSL_OPS" fopen "$T/prot/f" a +musl
cow_run "$MUSL_OPS" creat "$T/prot/c" created
cow_run "$MUSL_OPS" fchmod "$T/prot/m" 600
assert_cow_broken f original+musl "musl fopen(a)"
assert_cow_broken c created "musl creat"
assert_cow_broken m original "musl fchmod"
cow_run "$MUSL_OPS" errno "$T/prot/missing"
