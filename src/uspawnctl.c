/* uspawnctl: machinectl-style verbs for uspawn: `check` (what this host offers and which
 * backend uspawn would use) here, the machine verbs in src/ctl/; all live in one table. */
#include <getopt.h>
#include <json-c/json.h>
#include <stdio.h>
#include <string.h>

#include "cli/parse.h"
#include "ctl/ctl.h"
#include "host.h"
#include "util/log.h"

struct verb {
        const char *name;
        int (*run)(const struct ctl_args *a, int argc, char **argv);
        const char *usage;
        const char *help;
};

/* The backend uspawn would use on this host, and why. Returns true when one is usable. */
static bool choose_backend(const struct host *h, const char **ret_name, char *why, size_t n)
{
        if (h->userns.ok) {
                *ret_name = "userns";
                *why = 0;
                return true;
        }
        size_t len = strlen(h->userns.detail), suffix = strlen(HOST_TRACE_FALLBACK);

        if (len >= suffix && streq(h->userns.detail + len - suffix, HOST_TRACE_FALLBACK))
                len -= suffix;
        *ret_name = "none";
        snprintf(why, n,
                 "user namespaces refused: %.*s; the trace backend is not available in "
                 "this build",
                 (int)len, h->userns.detail);
        return false;
}

static int check_text(const struct host *h)
{
        const char *backend;
        char why[512];
        bool usable = choose_backend(h, &backend, why, sizeof why);

        for (size_t i = 0; i < host_feature_table_size; i++) {
                const struct host_feature *f = host_feature_at(h, &host_feature_table[i]);

                printf("  %-22s %-4s (%s)\n", host_feature_table[i].label, f->ok ? "yes" : "no", f->detail);
        }
        if (*why)
                printf("backend: %s (%s)\n", backend, why);
        else
                printf("backend: %s\n", backend);
        return usable ? 0 : 1;
}

static int check_json(const struct host *h)
{
        const char *backend;
        char why[512];
        bool usable = choose_backend(h, &backend, why, sizeof why);
        json_object *o = json_object_new_object(), *sub;

        if (!o)
                return log_error_errno(-ENOMEM, "Failed to build the JSON answer: %m");
        for (size_t i = 0; i < host_feature_table_size; i++) {
                const struct host_feature *f = host_feature_at(h, &host_feature_table[i]);

                sub = json_object_new_object();
                json_object_object_add(sub, "ok", json_object_new_boolean(f->ok));
                json_object_object_add(sub, "detail", json_object_new_string(f->detail));
                json_object_object_add(o, host_feature_table[i].key, sub);
        }
        json_object_object_add(o, "vsyscall_mode", json_object_new_string(vsyscall_mode_to_string(h->vsyscall_mode)));
        /* The subuid feature carries the range too: {"ok","detail","start","count"}. */
        if (json_object_object_get_ex(o, "subuid", &sub)) {
                json_object_object_add(sub, "start", json_object_new_int64((int64_t)h->subuid_range.start));
                json_object_object_add(sub, "count", json_object_new_int64((int64_t)h->subuid_range.count));
        }
        sub = json_object_new_object();
        json_object_object_add(sub, "start", json_object_new_int64((int64_t)h->subgid_range.start));
        json_object_object_add(sub, "count", json_object_new_int64((int64_t)h->subgid_range.count));
        json_object_object_add(o, "subgid", sub);
        json_object_object_add(o, "backend", json_object_new_string(backend));
        if (*why)
                json_object_object_add(o, "backend_reason", json_object_new_string(why));

        puts(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_NOSLASHESCAPE));
        json_object_put(o);
        return usable ? 0 : 1;
}

static int verb_check(const struct ctl_args *a, int argc, char **argv)
{
        struct host h;

        if (argc > 1) {
                log_error("'check' takes no arguments; see uspawnctl --help");
                return 1;
        }
        host_probe_all(&h);
        return a->json ? check_json(&h) : check_text(&h);
}

static const struct verb verbs[] = {
        {"list", verb_list, "list", "List running machines"},
        {"status", verb_status, "status NAME", "Show a machine's details and process tree"},
        {"shell", verb_shell, "shell NAME [CMD...]", "Run a shell (or CMD) inside a machine"},
        {"kill", verb_kill, "kill NAME", "Send a signal (--signal, default TERM) to the leader"},
        {"poweroff", verb_poweroff, "poweroff NAME", "Ask a machine to shut down cleanly"},
        {"reboot", verb_reboot, "reboot NAME", "Ask a booted machine to restart"},
        {"terminate", verb_terminate, "terminate NAME", "Kill a machine at once"},
        {"import-tar", verb_import_tar, "import-tar FILE [NAME]", "Import a tar archive (.gz .xz .zst .bz2; - for stdin) as a machine"},
        {"import-fs", verb_import_fs, "import-fs DIR [NAME]", "Import a directory tree as a machine"},
        {"import-oci", verb_import_oci, "import-oci DIR[:TAG] [NAME]", "Import an image from an OCI image layout"},
        {"import-docker", verb_import_docker, "import-docker DIR-OR-TAR [NAME]", "Import a `docker save` archive"},
        {"export-tar", verb_export_tar, "export-tar NAME FILE", "Export a machine's tree as a tar archive (- for stdout)"},
        {"list-images", verb_list_images, "list-images", "List the machines directory's trees and how each was cloned"},
        {"clone", verb_clone, "clone SRC DST", "Copy a tree as cheaply as the filesystem allows (--method=)"},
        {"rename", verb_rename, "rename OLD NEW", "Rename a tree and its sidecar files"},
        {"remove", verb_remove, "remove NAME...", "Remove trees and their sidecar files"},
        {"check", verb_check, "check", "Show what this host offers and which backend uspawn would use"},
};

static void help(void)
{
        printf("uspawnctl [OPTIONS...] COMMAND\n\n"
               "Inspect the host and the machines uspawn runs.\n\n"
               "Commands:\n");
        for (size_t i = 0; i < ELEMENTSOF(verbs); i++)
                printf("  %-22s %s\n", verbs[i].usage, verbs[i].help);
        printf("\nOptions:\n"
               "  -h --help              Show this help\n"
               "     --version           Show the version\n"
               "     --json[=short|pretty] Print the answer as JSON (check, list, list-images)\n"
               "     --no-legend         Print tables without header and footer (list-images)\n"
               "     --method=METHOD     How clone copies: auto, reflink, hardlink, copy (default: auto)\n"
               "  -s --signal=SIGNAL     The signal kill sends (default: TERM)\n"
               "     --arch=ARCH         The architecture import-oci picks (default: the host's)\n");
}

enum { ARG_VERSION = 0x100, ARG_JSON, ARG_ARCH, ARG_METHOD, ARG_NO_LEGEND };

/* Parse options in argv[1..]; with in_order, stop at the first non-option (the verb, or
 * shell's machine name: what follows is the command's). Returns 1 to go on, 0 to exit
 * successfully (help, version), < 0 on a bad option. */
static int parse_argv(int argc, char **argv, bool in_order, struct ctl_args *a)
{
        static const struct option options[] = {
                {"help", no_argument, NULL, 'h'},
                {"version", no_argument, NULL, ARG_VERSION},
                {"json", optional_argument, NULL, ARG_JSON},
                {"no-legend", no_argument, NULL, ARG_NO_LEGEND},
                {"method", required_argument, NULL, ARG_METHOD},
                {"signal", required_argument, NULL, 's'},
                {"arch", required_argument, NULL, ARG_ARCH},
                {},
        };
        int c;

        optind = 0; /* a fresh scan each time */
        while ((c = getopt_long(argc, argv, in_order ? "+hs:" : "hs:", options, NULL)) >= 0)
                switch (c) {
                case 'h':
                        help();
                        return 0;
                case ARG_VERSION:
                        printf("uspawnctl " USPAWN_VERSION "\n");
                        return 0;
                case ARG_JSON:
                        a->json = true;
                        if (optarg && !streq(optarg, "pretty") && !streq(optarg, "short")) {
                                log_error("invalid --json=%s: expected short or pretty", optarg);
                                return -EINVAL;
                        }
                        a->json_short = optarg && streq(optarg, "short");
                        break;
                case ARG_NO_LEGEND:
                        a->no_legend = true;
                        break;
                case ARG_METHOD:
                        a->method = optarg;
                        break;
                case ARG_ARCH:
                        a->arch = optarg;
                        break;
                case 's':
                        a->signal = parse_signal(optarg);
                        if (a->signal < 0) {
                                log_error("invalid --signal=%s: expected a signal name or number such as TERM, "
                                          "SIGUSR1 or 9",
                                          optarg);
                                return -EINVAL;
                        }
                        break;
                default: /* getopt has said what was wrong */
                        return -EINVAL;
                }
        return 1;
}

/* The verb's own options, anywhere after it (machinectl style) except after shell's machine
 * name. Leaves the verb and its arguments, in order, in *ret_argv (argv[0] is the verb). */
static int parse_verb_argv(int argc, char **argv, struct ctl_args *a, int *ret_argc, char ***ret_argv)
{
        bool shell = streq(argv[0], "shell");
        int r = parse_argv(argc, argv, shell, a), n = 1;

        if (r <= 0)
                return r;
        /* getopt has moved the options in front of optind (and shell stopped at the name) */
        for (int i = optind; i < argc; i++)
                argv[n++] = argv[i];
        argv[n] = NULL;
        *ret_argc = n;
        *ret_argv = argv;
        return 1;
}

int main(int argc, char **argv)
{
        struct ctl_args a = {};
        int r, vargc;
        char **vargv;

        log_set_program("uspawnctl");
        r = parse_argv(argc, argv, true, &a);
        if (r <= 0)
                return r < 0 ? 1 : 0;

        if (optind >= argc) {
                log_error("missing command; see uspawnctl --help");
                return 1;
        }
        for (size_t i = 0; i < ELEMENTSOF(verbs); i++) {
                if (!streq(argv[optind], verbs[i].name))
                        continue;
                r = parse_verb_argv(argc - optind, argv + optind, &a, &vargc, &vargv);
                if (r <= 0)
                        return r < 0 ? 1 : 0;
                r = verbs[i].run(&a, vargc, vargv);
                return r < 0 ? 1 : r;
        }

        log_error("unknown command '%s'; see uspawnctl --help", argv[optind]);
        return 1;
}
