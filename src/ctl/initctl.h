/* sysvinit's control FIFO (initctl), reached from outside the container through
 * /proc/PID/root. */
#pragma once

/* Ask sysvinit (PID pid, seen from outside) to change to runlevel level ('0' halt, '6' reboot).
 * Returns -errno when there is no FIFO or it cannot be written; never logs. */
int sysvinit_request_runlevel(int pid, char level);
