/* The trace backend's shared types: the path table made from the plan, the tracer (what every
 * stop needs) and one tracee (a traced thread) with its talloc `life` and per-stop `scratch`. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <sys/user.h>

#include "trace/syscalls.h"
#include "util/tracee-mem.h"

struct fake_creds;

/* One row of the path table: what a bind mount would have made visible. Later rows hide earlier
 * ones at and below their guest path, as later mounts do. */
struct trace_mount {
        char *guest; /* absolute, canonical, no trailing slash except "/" itself */
        char *host;  /* absolute host path */
        size_t guest_len, host_len;
        bool read_only;
};

struct path_table {
        struct trace_mount *rows;
        unsigned n;
};

struct tracee {
        struct tracee *next;
        pid_t tid;
        pid_t tgid; /* 0 until needed (read from /proc/TID/status) */
        void *life;    /* owns everything below; freed when the thread is gone */
        void *scratch; /* per stop: freed when the tracee is resumed */
        char *exe;     /* guest path of the program it runs (what /proc/self/exe shows), or NULL */

        /* Between the syscall-entry (seccomp) stop and the exit stop. */
        enum { TRACEE_RUNNING, TRACEE_AWAIT_ENTER, TRACEE_AWAIT_EXIT } state;
        bool every_call;               /* plain ptrace: resumed with PTRACE_SYSCALL always */
        bool in_syscall;               /* ... between its entry and exit stops */
        bool before_exec;              /* ... the command's process still setting up: only its
                                          execve is the guest's */
        const struct syscall_row *row;
        struct user_regs_struct saved; /* registers as the guest made the call */
        int deny;                      /* > 0: fail the call with -deny at exit */
        bool exec_done;                /* PTRACE_EVENT_EXEC seen: registers are new */
        char *exec_exe;                /* guest path of the program being executed */
        char *exec_fn;                 /* execve's filename as the guest gave it (AT_EXECFN) */
        char *exec_loader;             /* the loader's script for the exec under way (talloc size) */
        char *loader_script;           /* ... once it ran: the answer to the loader's first call */
        bool proc_link;                /* readlink of a /proc magic link: result is a host path */
        bool statfs_ro;                /* statfs of a read-only row: add ST_RDONLY at exit */
        uint32_t addr_room;            /* SC_SOCKNAME: the size of the guest's address buffer */
        char *proc_link_exe;           /* ... of a tracee's exe link (or root): the answer */
        char *proc_link_host;          /* ... the link's host path, read again at exit */

        /* fake root (fakeroot.c) */
        struct fake_creds *creds; /* the ids it believes it has; NULL: not known yet */
        struct fake_creds *exec_creds; /* ... once the exec under way succeeds (set-user-ID) */
        bool held;                /* a new tracee waiting for its parent's clone event */
        bool handover;            /* notify.c interrupted it to hand an open back to the tracer */
        bool answered;            /* the call was skipped: answer is its result */
        long answer;
        enum { FR_NONE, FR_STAT, FR_CREATED } fr_exit; /* what the exit stop does */
        char *fr_host;            /* host path of the first path argument (NULL: an fd) */
};

/* Fake root in the trace backend: what every tracee inherits and how files are mapped. */
struct trace_fakeroot {
        uid_t host_uid; /* the user's own ids, which the guest sees as 0 */
        gid_t host_gid;
        const struct fake_creds *initial; /* the command's */
        const char *status_dir;           /* where rewritten /proc/PID/status files are made */
        bool warned_xattr;
};

struct tracer {
        void *ctx;
        const struct path_table *paths;
        pid_t main_pid;
        int kill_signal; /* what SIGTERM to uspawn becomes */
        struct tracee *tracees;
        unsigned n_tracees;
        bool plain; /* no seccomp filters here: every call stops (PTRACE_SYSCALL), entry and exit */
        bool enter_stop_after_seccomp; /* kernels before 4.8: PTRACE_SYSCALL from a seccomp stop
                                          stops at syscall entry first */
        void *interp_cache;            /* exec.c: which guest ld.so takes --argv0 */
        const char *exec_dir;          /* exec.c: where the links to each ld.so are made */
        const char *loader;            /* exec.c: host path of uspawn-loader, NULL: ld.so --argv0 */
        bool warned_abi;               /* exec.c: a foreign-ABI program was reported once */
        unsigned long vsyscall_page;   /* emulate SIGSEGVs at this page's entries, or 0 */
        unsigned long vsyscall_emulated, vsyscall_faults;
        struct trace_fakeroot *fakeroot; /* NULL: the guest runs with the user's own ids */
        const char *uts_file;            /* uts.c: the file holding the guest's host name */
        /* notify.c: the seccomp listener of the notify rows, or -EBADF (RET_TRACE only) */
        int listener;
        bool no_addfd_send;             /* the kernel lacks SECCOMP_ADDFD_FLAG_SEND (before 5.14) */
        void *notif_req, *notif_resp;   /* seccomp_notify_alloc's buffers */
        unsigned long notified, handed_over;
        unsigned long stops; /* ptrace stops of every kind (the debug line at exit) */
};

/* tracee.c */
struct tracee *tracee_find(struct tracer *tr, pid_t tid);
struct tracee *tracee_add(struct tracer *tr, pid_t tid);
void tracee_remove(struct tracer *tr, struct tracee *t);
pid_t tracee_tgid(struct tracee *t);

/* mem.c: the tracee's memory and registers */
/* tracee_peek/tracee_poke and friends: util/tracee-mem.h. A NUL-terminated string of at most
 * max bytes (PATH_MAX) allocated on ctx: -ENAMETOOLONG, -EFAULT. */
int tracee_strdup(void *ctx, pid_t tid, uint64_t addr, size_t max, char **ret);
int tracee_get_regs(pid_t tid, struct user_regs_struct *ret);
int tracee_set_regs(pid_t tid, const struct user_regs_struct *regs);

/* Scratch space on the tracee's stack, below the red zone: valid for this stop only. */
struct stack_scratch {
        pid_t tid;
        uint64_t top;
};
void stack_scratch_init(struct stack_scratch *ss, pid_t tid, const struct user_regs_struct *regs);
/* Copy len bytes to the tracee's stack; returns the address, or 0 when it cannot be written. */
uint64_t stack_scratch_push(struct stack_scratch *ss, const void *buf, size_t len);

/* enter.c / leave.c: the two halves of a translated call. enter returns true when the exit stop
 * is needed (registers to restore, a result to rewrite). */
bool syscall_enter(struct tracer *tr, struct tracee *t, struct user_regs_struct *regs);
void syscall_leave(struct tracer *tr, struct tracee *t, struct user_regs_struct *regs);

/* exec.c: rewrite an execve/execveat whose path resolved to host_path. Returns 0 (registers
 * changed) or -errno to fail the call. */
int exec_enter(struct tracer *tr, struct tracee *t, struct user_regs_struct *regs, struct stack_scratch *ss,
               const char *guest_path, const char *host_path);
void exec_event(struct tracer *tr, struct tracee *t);
/* uspawn-loader beside uspawn (USPAWN_LOADER overrides), or NULL (said in a -v line). */
const char *exec_loader_find(void *ctx);
/* The first call of a process that just executed the loader (t->loader_script): true when it
 * is the loader's request, answered (*ret_exit_stop: the exit stop is needed). */
bool exec_loader_request(struct tracer *tr, struct tracee *t, struct user_regs_struct *regs, bool *ret_exit_stop);

/* uts.c: uname, sethostname and setdomainname answered from the emulated names; the result. */
long uts_call(struct tracer *tr, struct tracee *t, struct user_regs_struct *regs);

/* enter.c: helpers the other halves share */
struct resolve;
void resolve_init(struct resolve *rs, struct tracer *tr, struct tracee *t, unsigned flags);
/* The guest directory a relative path starts from: the working directory (AT_FDCWD) or dirfd's. */
int guest_dir(void *ctx, struct tracer *tr, struct tracee *t, int dirfd, char **ret);
/* Whether a path argument follows a final symbolic link under these flags; whether open flags
 * ask to write. */
bool follows(const struct path_arg *a, uint64_t flags);
bool open_writes(uint64_t flags);
/* One path argument of t->row (registers regs) resolved on t->scratch: 1 when it names the
 * dirfd itself (empty path with AT_EMPTY_PATH), 0 with the guest and host paths, or -errno. */
int resolve_arg(struct tracer *tr, struct tracee *t, struct user_regs_struct *regs, const struct path_arg *a,
                uint64_t flags, unsigned extra, char **ret_guest, char **ret_host, char **ret_path);
/* -EROFS when guest lies under a read-only bind. */
int check_writable(struct tracer *tr, const char *guest);

/* fakeroot.c: fake root (tr->fakeroot set). */
/* A new tracee takes its parent's credentials (at the clone event). */
void fakeroot_inherit(struct tracer *tr, const struct tracee *parent, struct tracee *child);
/* A new tracee stopped before its creator's clone event, which never comes when the creator is
 * killed meanwhile (the kernel skips a ptrace stop with SIGKILL pending): holding the child for
 * it would leave it stopped for good. When every thread of the process it comes from has the
 * same model, that model is what the event would give (the creator cannot run before its event
 * is answered), so the child takes it now: true. An orphan adopted by uspawn takes the command's
 * initial model. False: wait for the event. */
bool fakeroot_adopt(struct tracer *tr, struct tracee *child);
/* An SC_FAKEROOT call: true when the exit stop is needed. */
bool fakeroot_call(struct tracer *tr, struct tracee *t, struct user_regs_struct *regs);
/* After the paths of an SC_PATH call were translated (t->fr_host: the first one's, NULL when it
 * names a descriptor): 1 when the exit stop is needed (t->answered: the call was skipped). */
int fakeroot_path_call(struct tracer *tr, struct tracee *t, struct user_regs_struct *regs);
/* exec of host: a recorded set-user-ID (set-group-ID) owner becomes the effective id. */
void fakeroot_exec(struct tracer *tr, struct tracee *t, const char *host);
/* An open of guest, a /proc/PID/status file: the host path of a copy with the model's ids, or
 * NULL for the real one. */
char *fakeroot_status(struct tracer *tr, struct tracee *t, const char *guest);
/* The exit stop: stat results, created files. */
void fakeroot_leave(struct tracer *tr, struct tracee *t, long result);
/* Skip the call with val as its result; true when the exit stop must set it (old kernels). */
bool syscall_answer(struct tracer *tr, struct tracee *t, struct user_regs_struct *regs, long val);

/* vsyscall.c: a SIGSEGV signal-delivery-stop at a vsyscall entry answered (the tracee resumed):
 * true; false when the fault is not ours to handle. */
bool trace_vsyscall_segv(struct tracer *tr, struct tracee *t);

/* notify.c: the supervisor's half of the notify rows (see syscalls.h) */
/* Whether this kernel gives what the notify path needs; why (size bytes) says what was found. */
bool trace_notify_probe(char *why, size_t size);
/* A copy of pid's descriptor fd (the listener its filter made), or -errno. */
int trace_notify_take(pid_t pid, int fd);
int trace_notify_init(struct tracer *tr, int listener); /* takes listener (closed on error) */
void trace_notify_done(struct tracer *tr);
/* Answer one pending notification; -errno when the listener is gone. */
int trace_notify_handle(struct tracer *tr);
/* A PTRACE_EVENT_STOP of a tracee notify.c interrupted: mark its open for the tracer. */
void trace_notify_handover(struct tracer *tr, struct tracee *t);
/* At a seccomp stop: whether it is a handed-over open; then the marker is taken out of the
 * registers the exit stop puts back (always needed: returns true). */
bool trace_notify_marked(struct user_regs_struct *regs);
bool trace_notify_unmark(struct tracee *t);

/* loop.c */
int tracer_loop(struct tracer *tr, int *ret_status);
