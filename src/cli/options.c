/* The option table: one row per option with nspawn's spelling, its help text and the handler
 * that stores the value in the settings. getopt_long's table and --help are made from it. */
#include "cli/options.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <talloc.h>

#include "cli/parse.h"
#include "seccomp/policy.h"
#include "supervise/vsyscall-emulate.h"
#include "util/log.h"
#include "util/strv.h"

struct option_row {
        const char *name;
        int short_name; /* 0 when the option has no short form */
        int has_arg;
        const char *metavar;
        const char *help;
        int (*handler)(struct settings *s, const char *arg, const char *reason_buf[1]);
};

#define ARG_INVALID(reason) (*ret_reason = (reason), -EINVAL)

static int set_string(char **dst, struct settings *s, const char *arg)
{
        *dst = talloc_strdup(s, arg);
        return *dst ? 0 : -ENOMEM;
}

static int on_directory(struct settings *s, const char *arg, const char **ret_reason)
{
        return set_string(&s->directory, s, arg);
}

static int on_machine(struct settings *s, const char *arg, const char **ret_reason)
{
        if (!machine_name_is_valid(arg))
                return ARG_INVALID("a machine name has letters, digits, '-', '_' and '.', at most 64");
        return set_string(&s->machine, s, arg);
}

static int on_hostname(struct settings *s, const char *arg, const char **ret_reason)
{
        if (!machine_name_is_valid(arg))
                return ARG_INVALID("a host name has letters, digits, '-', '_' and '.', at most 64");
        return set_string(&s->hostname, s, arg);
}

static int on_user(struct settings *s, const char *arg, const char **ret_reason)
{
        if (!arg[0] || strchr(arg, ':'))
                return ARG_INVALID("expected a user name or a numeric uid");
        return set_string(&s->user, s, arg);
}

static int on_chdir(struct settings *s, const char *arg, const char **ret_reason)
{
        if (arg[0] != '/')
                return ARG_INVALID("expected an absolute path inside the container");
        return set_string(&s->chdir, s, arg);
}

static int on_setenv(struct settings *s, const char *arg, const char **ret_reason)
{
        char *assignment;
        int r = parse_setenv(s, arg, &assignment, ret_reason);

        return r < 0 ? r : strv_env_set(s, &s->environment, assignment);
}

static int set_bool(bool *dst, const char *arg, const char **ret_reason)
{
        int r = arg ? parse_boolean(arg) : 1;

        if (r < 0)
                return ARG_INVALID("expected yes or no");
        *dst = r;
        return 0;
}

static int on_as_pid2(struct settings *s, const char *arg, const char **ret_reason)
{
        return set_bool(&s->as_pid2, arg, ret_reason);
}

static int on_notify_ready(struct settings *s, const char *arg, const char **ret_reason)
{
        return set_bool(&s->notify_ready, arg, ret_reason);
}

static int on_restart_on_reboot(struct settings *s, const char *arg, const char **ret_reason)
{
        return set_bool(&s->restart_on_reboot, arg, ret_reason);
}

static int on_read_only(struct settings *s, const char *arg, const char **ret_reason)
{
        return set_bool(&s->read_only, arg, ret_reason);
}

static int on_private_network(struct settings *s, const char *arg, const char **ret_reason)
{
        return set_bool(&s->private_network, arg, ret_reason);
}

static int on_no_new_privileges(struct settings *s, const char *arg, const char **ret_reason)
{
        return set_bool(&s->no_new_privileges, arg, ret_reason);
}

static int add_bind(struct settings *s, const char *arg, bool read_only, const char **ret_reason)
{
        struct bind_spec b;
        int r = parse_bind_spec(s, arg, read_only, &b, ret_reason);

        if (r < 0)
                return r;
        s->binds = talloc_realloc(s, s->binds, struct bind_spec, s->n_binds + 1);
        s->binds[s->n_binds++] = b;
        return 0;
}

static int on_bind(struct settings *s, const char *arg, const char **ret_reason)
{
        return add_bind(s, arg, false, ret_reason);
}

static int on_bind_ro(struct settings *s, const char *arg, const char **ret_reason)
{
        return add_bind(s, arg, true, ret_reason);
}

static int on_tmpfs(struct settings *s, const char *arg, const char **ret_reason)
{
        struct tmpfs_spec t;
        int r = parse_tmpfs_spec(s, arg, &t, ret_reason);

        if (r < 0)
                return r;
        s->tmpfs = talloc_realloc(s, s->tmpfs, struct tmpfs_spec, s->n_tmpfs + 1);
        s->tmpfs[s->n_tmpfs++] = t;
        return 0;
}

static int on_network_veth(struct settings *s, const char *arg, const char **ret_reason)
{
        s->network_veth = true;
        return 0;
}

static int on_port(struct settings *s, const char *arg, const char **ret_reason)
{
        struct port_spec p;
        int r = parse_port_spec(arg, &p, ret_reason);

        if (r < 0)
                return r;
        for (unsigned i = 0; i < s->n_ports; i++)
                if (s->ports[i].protocol == p.protocol && s->ports[i].host_port == p.host_port)
                        return ARG_INVALID("this host port is already published");
        s->ports = talloc_realloc(s, s->ports, struct port_spec, s->n_ports + 1);
        if (!s->ports)
                return -ENOMEM;
        s->ports[s->n_ports++] = p;
        return 0;
}

static int on_private_users(struct settings *s, const char *arg, const char **ret_reason)
{
        if (!arg || streq(arg, "pick") || parse_boolean(arg) == 1)
                s->private_users = PRIVATE_USERS_PICK;
        else if (streq(arg, "self"))
                s->private_users = PRIVATE_USERS_SELF;
        else
                return ARG_INVALID("expected pick or self (a user namespace is always used)");
        return 0;
}

static int on_emulate_ids(struct settings *s, const char *arg, const char **ret_reason)
{
        int b = arg ? parse_boolean(arg) : 1;

        if (arg && streq(arg, "auto"))
                s->emulate_ids = EMULATE_IDS_AUTO;
        else if (b >= 0)
                s->emulate_ids = b ? EMULATE_IDS_YES : EMULATE_IDS_NO;
        else
                return ARG_INVALID("expected auto, yes or no");
        return 0;
}

static int on_capability(struct settings *s, const char *arg, const char **ret_reason)
{
        uint64_t mask;
        int r = parse_capability_list(arg, &mask, ret_reason);

        if (r < 0)
                return r;
        s->capability_add |= mask;
        s->capability_drop &= ~mask;
        return 0;
}

static int on_drop_capability(struct settings *s, const char *arg, const char **ret_reason)
{
        uint64_t mask;
        int r = parse_capability_list(arg, &mask, ret_reason);

        if (r < 0)
                return r;
        s->capability_drop |= mask;
        s->capability_add &= ~mask;
        return 0;
}

static int on_system_call_filter(struct settings *s, const char *arg, const char **ret_reason)
{
        _cleanup_free_ char *copy = strdup(arg);
        bool deny = arg[0] == '~';
        char *save = NULL;

        if (!copy)
                return -ENOMEM;
        for (char *w = strtok_r(copy + deny, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
                char entry[128];

                if (!syscall_filter_entry_is_valid(w))
                        return ARG_INVALID("unknown system call or @group (see --system-call-filter=help)");
                snprintf(entry, sizeof entry, "%s%s", deny ? "~" : "", w);
                if (strv_append(s, &s->syscall_filter, entry) < 0)
                        return -ENOMEM;
        }
        return 0;
}

static int on_kill_signal(struct settings *s, const char *arg, const char **ret_reason)
{
        int sig = parse_signal(arg);

        if (sig < 0)
                return ARG_INVALID("expected a signal name or number, e.g. SIGTERM or RTMIN+3");
        s->kill_signal = sig;
        return 0;
}

static int on_rlimit(struct settings *s, const char *arg, const char **ret_reason)
{
        struct rlimit_spec r;
        int k = parse_rlimit_spec(arg, &r, ret_reason);

        if (k < 0)
                return k;
        s->rlimits = talloc_realloc(s, s->rlimits, struct rlimit_spec, s->n_rlimits + 1);
        s->rlimits[s->n_rlimits++] = r;
        return 0;
}

static int on_console(struct settings *s, const char *arg, const char **ret_reason)
{
        static const enum console_mode modes[] = {CONSOLE_INTERACTIVE, CONSOLE_READ_ONLY, CONSOLE_PASSIVE,
                                                  CONSOLE_PIPE};

        for (size_t i = 0; i < ELEMENTSOF(modes); i++)
                if (streq(arg, console_mode_to_string(modes[i]))) {
                        s->console = modes[i];
                        return 0;
                }
        return ARG_INVALID("expected interactive, read-only, passive or pipe");
}

static int on_log_file(struct settings *s, const char *arg, const char **ret_reason)
{
        if (!arg[0])
                return ARG_INVALID("expected a file name");
        return set_string(&s->log_file, s, arg);
}

static int on_boot(struct settings *s, const char *arg, const char **ret_reason)
{
        s->boot = true;
        return 0;
}

static int on_stop_timeout(struct settings *s, const char *arg, const char **ret_reason)
{
        char *end;
        unsigned long v;

        errno = 0;
        v = strtoul(arg, &end, 10);
        if (errno || end == arg || *end || v > 86400)
                return ARG_INVALID("expected a number of seconds, at most 86400");
        s->stop_timeout_sec = (unsigned)v;
        return 0;
}

static int on_quiet(struct settings *s, const char *arg, const char **ret_reason)
{
        s->quiet = true;
        return 0;
}

static int on_backend(struct settings *s, const char *arg, const char **ret_reason)
{
        if (streq(arg, "auto"))
                s->backend = BACKEND_AUTO;
        else if (streq(arg, "userns"))
                s->backend = BACKEND_USERNS;
        else if (streq(arg, "trace"))
                s->backend = BACKEND_TRACE;
        else
                return ARG_INVALID("expected auto, userns or trace");
        return 0;
}

static int on_settings(struct settings *s, const char *arg, const char **ret_reason)
{
        if (streq(arg, "trusted"))
                s->settings_files = SETTINGS_FILES_TRUSTED;
        else if (parse_boolean(arg) >= 0)
                s->settings_files = parse_boolean(arg) ? SETTINGS_FILES_YES : SETTINGS_FILES_NO;
        else
                return ARG_INVALID("expected yes, no or trusted");
        return 0;
}

static int on_vsyscall(struct settings *s, const char *arg, const char **ret_reason)
{
        if (vsyscall_choice_from_string(arg, &s->vsyscall) < 0)
                return ARG_INVALID("expected auto, emulate, native or preload");
        return 0;
}

static int on_overlay_common(struct settings *s, const char *arg, bool read_only, const char **ret_reason)
{
        struct overlay_spec o;
        int r = parse_overlay_spec(s, arg, read_only, &o, ret_reason);

        if (r < 0)
                return r;
        s->overlays = talloc_realloc(s, s->overlays, struct overlay_spec, s->n_overlays + 1);
        if (!s->overlays)
                return -ENOMEM;
        s->overlays[s->n_overlays++] = o;
        return 0;
}

static int on_overlay(struct settings *s, const char *arg, const char **ret_reason)
{
        return on_overlay_common(s, arg, false, ret_reason);
}

static int on_overlay_ro(struct settings *s, const char *arg, const char **ret_reason)
{
        return on_overlay_common(s, arg, true, ret_reason);
}

static int on_ephemeral(struct settings *s, const char *arg, const char **ret_reason)
{
        s->ephemeral = true;
        return 0;
}

static int on_ephemeral_dir(struct settings *s, const char *arg, const char **ret_reason)
{
        if (arg[0] != '/')
                return ARG_INVALID("expected an absolute path of a directory on the host");
        s->ephemeral = true;
        return set_string(&s->ephemeral_dir, s, arg);
}

static int on_volatile(struct settings *s, const char *arg, const char **ret_reason)
{
        if (parse_volatile_mode(arg, &s->volatile_mode) < 0)
                return ARG_INVALID("expected yes, no, state or overlay");
        return 0;
}

static int on_dry_run(struct settings *s, const char *arg, const char **ret_reason)
{
        s->dry_run = true;
        return 0;
}

enum { OPT_HELP = 0x100, OPT_VERSION };

static const struct option_row rows[] = {
        {"directory", 'D', required_argument, "PATH", "Root directory of the container", on_directory},
        {"machine", 'M', required_argument, "NAME",
         "Machine name; without -D, the tree of that name in $XDG_DATA_HOME/uspawn/machines", on_machine},
        {"boot", 'b', no_argument, NULL, "Boot the tree's init (systemd, sysvinit or BusyBox init) as PID 1", on_boot},
        {"hostname", 0, required_argument, "NAME", "Host name inside the container (default: machine name)",
         on_hostname},
        {"user", 'u', required_argument, "USER", "Run the command as this user of the container (name or uid)",
         on_user},
        {"chdir", 0, required_argument, "PATH", "Working directory inside the container", on_chdir},
        {"setenv", 'E', required_argument, "VAR[=VALUE]", "Set an environment variable for the command", on_setenv},
        {"as-pid2", 'a', optional_argument, "BOOL", "Run the command as PID 2 under a stub init (default yes)",
         on_as_pid2},
        {"bind", 0, required_argument, "SRC[:DST[:OPTS]]",
         "Bind mount a host path (+SRC: relative to the root; OPTS rbind|norbind)", on_bind},
        {"bind-ro", 0, required_argument, "SRC[:DST[:OPTS]]", "Bind mount a host path read-only", on_bind_ro},
        {"tmpfs", 0, required_argument, "PATH[:OPTS]", "Mount a tmpfs at PATH", on_tmpfs},
        {"read-only", 0, optional_argument, "BOOL", "Mount the root read-only", on_read_only},
        {"private-network", 0, optional_argument, "BOOL", "Own network namespace with only loopback",
         on_private_network},
        {"network-veth", 'n', no_argument, NULL,
         "Own network: host0 with an address, a default route and DNS, through pasta (or slirp4netns)",
         on_network_veth},
        {"port", 'p', required_argument, "[tcp|udp:]HOST[:CONT]",
         "Publish a container port on the host's addresses (IPv4 and IPv6); needs -n", on_port},
        {"private-users", 'U', optional_argument, "pick|self",
         "Id mapping: pick (subordinate range when available) or self (root only)", on_private_users},
        {"emulate-ids", 0, optional_argument, "auto|yes|no",
         "Emulate set*id, chown and mknod (default auto: when only root is mapped, and always under the "
         "trace backend)",
         on_emulate_ids},
        {"capability", 0, required_argument, "CAPS", "Keep these capabilities in addition to the default set",
         on_capability},
        {"drop-capability", 0, required_argument, "CAPS", "Drop these capabilities", on_drop_capability},
        {"no-new-privileges", 0, optional_argument, "BOOL", "Set PR_SET_NO_NEW_PRIVS for the command",
         on_no_new_privileges},
        {"system-call-filter", 0, required_argument, "[~]LIST", "Allow (or with ~ deny) system calls and @groups",
         on_system_call_filter},
        {"kill-signal", 0, required_argument, "SIGNAL",
         "Signal for PID 1 when uspawn is asked to stop (default: SIGTERM, or what the init obeys)", on_kill_signal},
        {"log-file", 0, required_argument, "PATH", "Append the container's /dev/log messages to PATH instead of stderr",
         on_log_file},
        {"notify-ready", 0, optional_argument, "BOOL",
         "Report readiness when the guest sends READY=1 on /run/host/notify (default: once it starts)",
         on_notify_ready},
        {"stop-timeout", 0, required_argument, "SECONDS",
         "After the kill signal, wait this long before SIGKILL (default 30)", on_stop_timeout},
        {"restart-on-reboot", 0, optional_argument, "BOOL",
         "When the guest reboots, start it again instead of exiting with 133", on_restart_on_reboot},
        {"rlimit", 0, required_argument, "NAME=SOFT[:HARD]", "Resource limit for the container", on_rlimit},
        {"console", 0, required_argument, "MODE", "interactive, read-only, passive or pipe", on_console},
        {"quiet", 'q', no_argument, NULL, "Print no informational messages", on_quiet},
        {"backend", 0, required_argument, "NAME", "auto, userns or trace", on_backend},
        {"settings", 0, required_argument, "yes|no|trusted",
         "Read NAME.nspawn files (default yes; trusted: also the privileged keys of the one beside the tree)",
         on_settings},
        {"vsyscall", 0, required_argument, "MODE",
         "Emulate the legacy vsyscall page for old glibc: auto (when the kernel has none), emulate (ptrace), "
         "preload (in-process, dynamic programs), native",
         on_vsyscall},
        {"overlay", 0, required_argument, "LOWER[:LOWER...]:UPPER:DEST",
         "Overlay mount (+PATH: relative to the root; empty UPPER: a tmpfs gone at exit)", on_overlay},
        {"overlay-ro", 0, required_argument, "LOWER[:LOWER...]:DEST", "Read-only overlay mount", on_overlay_ro},
        {"ephemeral", 'x', no_argument, NULL,
         "Run on a throw-away overlay of the tree (on a tmpfs): every change is gone at exit", on_ephemeral},
        {"ephemeral-dir", 0, required_argument, "DIR",
         "With -x, keep the overlay's changes in a scratch directory made in DIR (removed at exit), not in memory",
         on_ephemeral_dir},
        {"volatile", 0, optional_argument, "MODE",
         "yes: tmpfs root with the tree's /usr; state: tmpfs /var; overlay: tmpfs overlay over the tree", on_volatile},
        {"dry-run", 0, no_argument, NULL, "Print the setup plan and exit", on_dry_run},
        {"help", 'h', no_argument, NULL, "Show this help", NULL},
        {"version", 0, no_argument, NULL, "Show the version", NULL},
};

_Static_assert(ELEMENTSOF(rows) <= 64, "settings.options_given has one bit per option row");

static void print_help(void)
{
        printf("uspawn [OPTIONS...] [COMMAND [ARGS...]]\n\n"
               "Run a command in a root file system tree, as an ordinary user.\n\n");
        for (size_t i = 0; i < ELEMENTSOF(rows); i++) {
                char left[64];
                snprintf(left, sizeof left, "%s%c%s--%s%s%s%s", rows[i].short_name ? "-" : "",
                         rows[i].short_name ? rows[i].short_name : ' ', rows[i].short_name ? ", " : "  ", rows[i].name,
                         rows[i].metavar ? (rows[i].has_arg == optional_argument ? "[=" : "=") : "",
                         rows[i].metavar ? rows[i].metavar : "",
                         rows[i].metavar && rows[i].has_arg == optional_argument ? "]" : "");
                printf("  %-34s %s\n", rows[i].short_name ? left : left + 2, rows[i].help);
        }
}

static int build_getopt(struct option *longopts, char *shortopts)
{
        char *p = shortopts;

        *p++ = '+'; /* stop at the command */
        for (size_t i = 0; i < ELEMENTSOF(rows); i++) {
                longopts[i] = (struct option){rows[i].name, rows[i].has_arg, NULL, (int)(0x200 + i)};
                if (rows[i].short_name) {
                        *p++ = (char)rows[i].short_name;
                        if (rows[i].has_arg == required_argument)
                                *p++ = ':';
                        else if (rows[i].has_arg == optional_argument) {
                                *p++ = ':';
                                *p++ = ':';
                        }
                }
        }
        longopts[ELEMENTSOF(rows)] = (struct option){0};
        *p = '\0';
        return 0;
}

static const struct option_row *row_for(int c)
{
        if (c >= 0x200 && c < 0x200 + (int)ELEMENTSOF(rows))
                return &rows[c - 0x200];
        for (size_t i = 0; i < ELEMENTSOF(rows); i++)
                if (rows[i].short_name == c)
                        return &rows[i];
        return NULL;
}

static int report_bad_option(const char *arg)
{
        if (optopt)
                return log_error_errno(-EINVAL,
                                       row_for(optopt) ? "Option -%c needs a value; see uspawn --help"
                                                       : "Unknown option -%c; see uspawn --help",
                                       optopt);
        for (size_t i = 0; i < ELEMENTSOF(rows); i++)
                if (startswith(arg, "--") && streq(arg + 2, rows[i].name))
                        return log_error_errno(-EINVAL, "Option %s needs a value; see uspawn --help", arg);
        return log_error_errno(-EINVAL, "Unknown option '%s'; see uspawn --help", arg);
}

int options_parse(struct settings *s, int argc, char *argv[])
{
        struct option longopts[ELEMENTSOF(rows) + 1];
        char shortopts[2 * ELEMENTSOF(rows) + 2];
        int c;

        build_getopt(longopts, shortopts);
        opterr = 0;
        optind = 1;
        while ((c = getopt_long(argc, argv, shortopts, longopts, NULL)) >= 0) {
                const struct option_row *row = row_for(c);
                const char *reason = "invalid value";
                int r;

                if (!row)
                        return report_bad_option(argv[optind - 1]);
                if (streq(row->name, "help")) {
                        print_help();
                        return PARSE_EXIT_SUCCESS;
                }
                if (streq(row->name, "version")) {
                        printf("uspawn %s\n", USPAWN_VERSION);
                        return PARSE_EXIT_SUCCESS;
                }
                r = row->handler(s, optarg, &reason);
                s->options_given |= UINT64_C(1) << (row - rows);
                if (r == -ENOMEM)
                        return log_error_errno(r, "Out of memory");
                if (r < 0)
                        return log_error_errno(r, "Invalid --%s value '%s': %s", row->name, optarg ? optarg : "",
                                               reason);
        }
        for (int i = optind; i < argc; i++)
                if (strv_append(s, &s->command, argv[i]) < 0)
                        return log_error_errno(-ENOMEM, "Out of memory");
        return PARSE_RUN;
}

int options_apply(struct settings *s, const char *name, const char *value, const char **ret_reason)
{
        for (size_t i = 0; i < ELEMENTSOF(rows); i++) {
                int b;

                if (!streq(rows[i].name, name) || !rows[i].handler)
                        continue;
                if (s->options_given & (UINT64_C(1) << i))
                        return 0;
                if (rows[i].has_arg != no_argument)
                        return rows[i].handler(s, value, ret_reason) < 0 ? -EINVAL : 1;
                /* a flag: Boot=yes sets it, Boot=no leaves it */
                b = value ? parse_boolean(value) : 1;
                if (b < 0) {
                        *ret_reason = "expected yes or no";
                        return -EINVAL;
                }
                return b ? (rows[i].handler(s, NULL, ret_reason) < 0 ? -EINVAL : 1) : 1;
        }
        return -ENOENT;
}
