#!/bin/bash
# run-as: nosub
# The Linux Journal scenario under root emulation (only root mapped): a bookworm tree runs
# Debian's dropbear on the host's network; the host logs in with OpenSSH (key auth) as a user
# made inside with useradd. dropbear's checks pass through the emulation (authorized_keys and
# ~/.ssh look owned by u; initgroups, setgid, setuid), and the session's id -u is u's, not 0;
# the file it makes is u's, in this run and the next.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/network.sh"
. "$(dirname "$0")/../lib/sshlogin.sh"
require_no_subordinate_range

ssh_login_case "" # the userns backend, with root emulation as only root is mapped
