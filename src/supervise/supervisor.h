/* The process that stays outside the container: relays the console, turns stop requests into
 * the kill signal, and returns the container's exit status. */
#pragma once

#include <signal.h>
#include <sys/types.h>

#include "settings.h"
#include "supervise/console.h"
#include "supervise/notify.h"
#include "supervise/syslog.h"
#include "supervise/vsyscall.h"
#include "userns/net-helper.h"

/* nspawn's exit status for a container whose init rebooted. */
#define EXIT_REBOOT 133

/* The signals the supervisor handles through its signalfd. Block them before creating the
 * container so that none arrives unhandled in between. */
void supervisor_signal_set(sigset_t *ret);

/* Run until PID 1 of the container (pid) exits. Returns its exit code: the command's status,
 * 128+N after signal N. console (pipe mode), syslog, notify, vsys (not tracing) and net (no -n) may be NULL. */
int supervisor_run(const struct settings *s, pid_t pid, struct console *console, struct syslog_relay *syslog,
                   struct notify_relay *notify, struct vsyscall_tracer *vsys, struct net_helper *net);

/* One more descriptor for the loop: on_ready(data) runs whenever fd is readable (fd < 0:
 * none). The root emulation's seccomp listener is one. */
struct supervisor_hook {
        int fd;
        void (*on_ready)(void *data);
        void *data;
};

/* supervisor_run with a hook (may be NULL). */
int supervisor_run_hooked(const struct settings *s, pid_t pid, struct console *console, struct syslog_relay *syslog,
                          struct notify_relay *notify, struct vsyscall_tracer *vsys, struct net_helper *net,
                          const struct supervisor_hook *hook);
