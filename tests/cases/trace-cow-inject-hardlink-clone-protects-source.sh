#!/bin/bash
# cow-inject-hardlink-clone-protects-source under the trace backend: a hard-link clone's run
# (libuspawn-cow.so bound at /run/host/uspawn and preloaded) leaves the source tree as it was.
# (The trace table once hid the library under the read-only /run/host row, and the source
# changed.)
BACKEND_ARGS=(--backend=trace)
. "$(dirname "$0")/cow-inject-hardlink-clone-protects-source.sh"
