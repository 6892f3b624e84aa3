#!/bin/bash
# In pipe mode (stdin/stdout not terminals, the default then) TERM is "dumb", whatever the host's.
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
assert_eq dumb "$(TERM=xterm-256color run_uspawn -D "$T/root" sh -c 'echo "$TERM"')" "TERM"
assert_eq dumb "$(TERM=xterm-256color run_uspawn -D "$T/root" --console=pipe sh -c 'echo "$TERM"')" "TERM with --console=pipe"
