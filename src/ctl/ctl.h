/* uspawnctl's verbs (machinectl's names): each lives in its own file under src/ctl/ and is
 * dispatched from the verb table in uspawnctl.c; the helpers here find a running machine and
 * address its leader without racing against pid reuse. */
#pragma once

#include <stdbool.h>
#include <sys/types.h>

#include "registry.h"

struct ctl_args {
        bool json;
        int signal;       /* --signal=, 0 when not given */
        const char *arch; /* --arch=, the image architecture import-oci picks; NULL: the host's */
        const char *method; /* --method=, how clone copies: auto, reflink, hardlink, copy; NULL: auto */
        bool json_short;    /* --json=short: one line */
        bool no_legend;     /* --no-legend: tables without header and footer */
};

int verb_list(const struct ctl_args *a, int argc, char **argv);
int verb_status(const struct ctl_args *a, int argc, char **argv);
int verb_terminate(const struct ctl_args *a, int argc, char **argv);
int verb_poweroff(const struct ctl_args *a, int argc, char **argv);
int verb_reboot(const struct ctl_args *a, int argc, char **argv);
int verb_kill(const struct ctl_args *a, int argc, char **argv);
int verb_shell(const struct ctl_args *a, int argc, char **argv);
int verb_import_tar(const struct ctl_args *a, int argc, char **argv);
int verb_import_fs(const struct ctl_args *a, int argc, char **argv);
int verb_import_oci(const struct ctl_args *a, int argc, char **argv);
int verb_import_docker(const struct ctl_args *a, int argc, char **argv);
int verb_export_tar(const struct ctl_args *a, int argc, char **argv);
int verb_clone(const struct ctl_args *a, int argc, char **argv);
int verb_remove(const struct ctl_args *a, int argc, char **argv);
int verb_rename(const struct ctl_args *a, int argc, char **argv);
int verb_list_images(const struct ctl_args *a, int argc, char **argv);

/* Check that a verb got exactly one machine name (argv[1]); logs and returns -EINVAL otherwise. */
int ctl_want_name(int argc, char **argv);

/* Load the running machine NAME; an unknown (or stale) name is reported as one line naming
 * `uspawnctl list`. Returns 0 or a logged -errno. */
int ctl_load_machine(void *ctx, const char *name, struct machine_record *ret);

/* A pidfd for the machine's leader, after checking that the process with that pid is still
 * the one the supervisor started (its parent is the supervisor). Logs on failure. */
int ctl_open_leader(const struct machine_record *m);

/* Send sig to the leader through its pidfd (so a recycled pid is never hit). Logs on failure. */
int ctl_signal_leader(const struct machine_record *m, int sig);

/* Whether the process behind pidfd has exited (or the pidfd is invalid). */
bool ctl_pidfd_exited(int pidfd);

/* Print the ps-like tree of pid and its descendants (from /proc), indented by prefix. */
void ctl_print_process_tree(pid_t pid, const char *prefix);

/* Parent pid of pid from /proc/PID/stat; -errno when it is gone. */
int ctl_parent_pid(pid_t pid, pid_t *ret);
