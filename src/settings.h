/* The one value that fully describes a sandbox. Filled by the command line (and later by
 * .nspawn files through the same setters), validated once, then only read. */
#pragma once

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/resource.h>

#include "boot.h"

enum console_mode { CONSOLE_AUTO, CONSOLE_INTERACTIVE, CONSOLE_READ_ONLY, CONSOLE_PASSIVE, CONSOLE_PIPE };
enum private_users { PRIVATE_USERS_PICK, PRIVATE_USERS_SELF };
enum backend_kind { BACKEND_AUTO, BACKEND_USERNS, BACKEND_TRACE };
/* --vsyscall: auto emulates the legacy page only when the host's kernel has none (by ptrace, else
 * in-process); emulate traces, preload loads libuspawn-vsyscall.so into dynamic programs. */
enum vsyscall_choice { VSYSCALL_CHOICE_AUTO, VSYSCALL_CHOICE_EMULATE, VSYSCALL_CHOICE_NATIVE, VSYSCALL_CHOICE_PRELOAD };
/* --emulate-ids: auto emulates root's id changes and file owners when only root is mapped. */
enum emulate_ids { EMULATE_IDS_AUTO, EMULATE_IDS_YES, EMULATE_IDS_NO };

struct bind_spec {
        char *source;      /* absolute host path, or rootfs-relative when source_in_root */
        char *destination; /* absolute path inside the container */
        bool source_in_root;
        bool read_only;
        bool recursive;
};

struct tmpfs_spec {
        char *destination;
        char *options; /* passed to tmpfs, e.g. "mode=0755,size=10m" */
};

/* One layer of an --overlay: a host path, or a path of the tree when in_root ('+'). */
struct overlay_layer {
        char *path;
        bool in_root;
};

/* --overlay=LOWER[:LOWER...]:UPPER:DEST and --overlay-ro, with nspawn's meaning: the layers
 * bottom first; an empty UPPER is a throw-away tmpfs; with read_only the upper is only the top
 * lower layer. work names the workdir that settings_finalize picks beside the upper, nspawn's
 * ".#UPPER<16 hex>", removed again at exit. */
struct overlay_spec {
        struct overlay_layer *lower; /* bottom first */
        unsigned n_lower;
        struct overlay_layer upper; /* path NULL: on a tmpfs */
        char *destination;
        bool read_only;
        struct overlay_layer work_parent; /* the upper's parent directory, where work is made */
        char *work;                       /* the workdir's name in work_parent */
};

/* --volatile: what of the tree the container sees, nspawn's meanings. */
enum volatile_mode {
        VOLATILE_NO,      /* the tree as it is */
        VOLATILE_YES,     /* a tmpfs root with only /usr of the tree, read-only */
        VOLATILE_STATE,   /* the tree read-only, a tmpfs on /var */
        VOLATILE_OVERLAY, /* the tree as the read-only lower layer of an overlay on a tmpfs */
};

/* USPAWN_OVERLAY=kernel|fuse forces an overlay driver (a test hook); auto tries the kernel's
 * overlayfs in the user namespace, then fuse-overlayfs. */
enum overlay_driver { OVERLAY_DRIVER_AUTO, OVERLAY_DRIVER_KERNEL, OVERLAY_DRIVER_FUSE };

/* -p/--port: [tcp|udp:]HOSTPORT[:CONTAINERPORT], published on the host by the network helper */
struct port_spec {
        int protocol; /* IPPROTO_TCP or IPPROTO_UDP */
        uint16_t host_port;
        uint16_t container_port;
};

/* What connects a -n container to the outside: user-mode network stacks, best first. */
enum network_helper { NETWORK_HELPER_NONE, NETWORK_HELPER_PASTA, NETWORK_HELPER_SLIRP4NETNS };

struct rlimit_spec {
        int resource;     /* RLIMIT_* */
        const char *name; /* "NOFILE", for messages */
        struct rlimit limit;
};

struct settings {
        char *directory; /* as given, for messages */
        char *root;      /* the same, made absolute and canonical by settings_finalize */
        char *machine;
        char *hostname;
        char *user; /* name or number, resolved inside the guest */
        char *chdir;
        char *log_file;     /* --log-file: where /dev/log lines go instead of stderr */
        char **environment; /* NULL-terminated "VAR=VALUE" list from -E */
        char *cow_library;  /* a hard-link clone's run: the shim to bind into /run/host (cow-inject.c) */
        char *vsyscall_library; /* --vsyscall=preload: the in-process page (vsyscall-preload.c) */
        char *ids_library;  /* root emulation's stat fast path, bound into /run/host (cow-inject.c) */
        char **command;     /* NULL-terminated argv; NULL = default shell */

        bool as_pid2;
        bool boot;             /* -b: run the tree's init as PID 1 */
        bool restart_on_reboot; /* a reboot inside (exit 133) starts the container again */
        bool notify_ready;     /* READY=1 when the guest says so (on /run/host/notify), not at start */
        struct init_info init; /* with boot: filled by settings_finalize */
        bool read_only;
        bool private_network;  /* own network namespace (also implied by network_veth) */
        bool network_veth;     /* -n: host0 with an address, a route and DNS, through a helper */
        enum network_helper network_helper; /* with network_veth: chosen by settings_finalize */
        bool no_new_privileges;
        bool quiet;
        bool dry_run;
        enum settings_files { SETTINGS_FILES_YES, SETTINGS_FILES_NO, SETTINGS_FILES_TRUSTED } settings_files;
        uint64_t options_given; /* bit per option row given on the command line: it beats .nspawn files */
        enum private_users private_users;
        enum console_mode console;
        enum backend_kind backend;
        enum vsyscall_choice vsyscall;
        enum emulate_ids emulate_ids;
        int kill_signal;           /* 0 until finalized: depends on the init when booting */
        unsigned stop_timeout_sec; /* after the kill signal, SIGKILL this much later */
        bool halt_via_initctl;     /* booted sysvinit, no --kill-signal: ask for runlevel 0 */

        uint64_t capability_add, capability_drop; /* bit masks of CAP_* */

        struct bind_spec *binds;
        unsigned n_binds;
        struct tmpfs_spec *tmpfs;
        unsigned n_tmpfs;
        struct rlimit_spec *rlimits;
        unsigned n_rlimits;
        struct port_spec *ports;
        unsigned n_ports;

        /* --system-call-filter: names and @groups, in order; deny entries start with '~'. */
        char **syscall_filter;

        struct overlay_spec *overlays;
        unsigned n_overlays;
        enum overlay_driver overlay_driver;
        bool machine_auto;   /* the machine name came from the tree's name (no -M) */
        bool ephemeral;      /* -x: the root is an overlay over the tree, changes gone at exit */
        char *ephemeral_dir; /* --ephemeral-dir: the upper in a scratch dir here, not on a tmpfs */
        char *scratch;       /* with ephemeral_dir: DIR/.#MACHINE<hex>, picked by settings_finalize */
        enum volatile_mode volatile_mode;
};

/* The root is an overlay on the tree (-x, --volatile=overlay): the tree is never written. */
static inline bool settings_root_is_overlay(const struct settings *s)
{
        return s->ephemeral || s->volatile_mode == VOLATILE_OVERLAY;
}

/* Nothing the container does reaches the tree: several such runs may share it. */
static inline bool settings_tree_unchanged(const struct settings *s)
{
        return s->read_only || s->ephemeral || s->volatile_mode != VOLATILE_NO;
}

/* A settings value with nspawn's defaults, owned by the talloc context ctx. */
struct settings *settings_new(void *ctx);

/* Find the tree (-D, or -M's name in the machines directory) and the machine name: what the
 * .nspawn files are looked up by. */
int settings_resolve_tree(struct settings *s);

/* Fill in what depends on other settings (hostname from the machine name, the init and its
 * kill signal, the console mode), and check what can be checked before running. */
int settings_finalize(struct settings *s);

const char *console_mode_to_string(enum console_mode m);
const char *volatile_mode_to_string(enum volatile_mode m);
