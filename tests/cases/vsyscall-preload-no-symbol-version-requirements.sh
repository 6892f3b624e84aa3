#!/bin/bash
# libuspawn-vsyscall.so, like the copy-on-write shim, needs no library and no symbol version, its
# undefined symbols are ones every glibc since 2.2.5 and musl define, it exports exactly the
# sigaction/signal family it interposes, and it has DT_HASH for pre-2.5 dynamic linkers.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/vsyscall.sh"
. "$(dirname "$0")/../lib/shim-symbols.sh"

assert_shim_symbols "$VSYS_LIB" "__errno_location dl_iterate_phdr environ" \
	"__sigaction __sysv_signal bsd_signal sigaction signal ssignal sysv_signal"
