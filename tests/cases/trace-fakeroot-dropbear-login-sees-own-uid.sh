#!/bin/bash
# run-as: nosub
# rootemu-dropbear-login-sees-own-uid under the trace backend's fake root: dropbear on the
# host's network in a bookworm tree, the host logs in with OpenSSH as a user made inside, and
# the session's ids and the owner of the file it makes are that user's, in this run and the next.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/network.sh"
. "$(dirname "$0")/../lib/sshlogin.sh"

ssh_login_case trace
