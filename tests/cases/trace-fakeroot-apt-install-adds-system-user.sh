#!/bin/bash
# run-as: nosub
# rootemu-apt-install-adds-system-user under the trace backend's fake root (ptrace, no user
# namespace): apt-get installs a local package whose postinst adds a system user with adduser
# --system and chowns its state directory to it; ls -l shows that owner, in this run and the next.
BACKEND_ARGS=(--backend=trace)
. "$(dirname "$0")/rootemu-apt-install-adds-system-user.sh"
