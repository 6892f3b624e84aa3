/* The ptrace side of vsyscall emulation: attach to PID 1, follow its descendants, keep every
 * stop moving (signals re-injected, group-stops listened to, events continued) and turn a SIGSEGV
 * at a vsyscall entry into the emulated call (vsyscall-emulate.c decides what that does). */
#include "supervise/vsyscall.h"

#include <dirent.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/signalfd.h>
#include <sys/time.h>
#include <sys/wait.h>

#include "util/fs.h"
#include "util/log.h"
#include "util/tracee-mem.h"

#define TRACE_OPTIONS                                                                                                  \
        (PTRACE_O_TRACECLONE | PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK | PTRACE_O_TRACEEXEC | PTRACE_O_EXITKILL)

void vsyscall_tracer_init(struct vsyscall_tracer *t, enum vsyscall_choice c)
{
        struct host h = {.vsyscall_mode = VSYSCALL_UNKNOWN};
        const char *test_page = getenv("USPAWN_VSYSCALL_TEST_PAGE");

        *t = (struct vsyscall_tracer){
                .required = c == VSYSCALL_CHOICE_EMULATE, .page = VSYSCALL_PAGE, .wait_flags = __WALL};
        if (c == VSYSCALL_CHOICE_AUTO)
                host_probe_vsyscall(&h);
        t->active = vsyscall_want_emulation(c, h.vsyscall_mode);
        if (t->active && test_page && test_page[0]) {
                char *end;
                unsigned long page = strtoul(test_page, &end, 0);
                if (*end || page == 0 || page % VSYSCALL_PAGE_SIZE)
                        log_warning("Ignoring USPAWN_VSYSCALL_TEST_PAGE=%s: not a page-aligned address.", test_page);
                else
                        t->page = page;
        }
        vsyscall_patcher_init(&t->patcher, t->page);
        if (t->active)
                log_debug("vsyscall: emulating the page at %#lx (--vsyscall=%s%s%s).", t->page,
                          vsyscall_choice_to_string(c), c == VSYSCALL_CHOICE_AUTO ? ", host mode " : "",
                          c == VSYSCALL_CHOICE_AUTO ? vsyscall_mode_to_string(h.vsyscall_mode) : "");
}

static void on_event(struct vsyscall_tracer *t, pid_t tid, int status);

int vsyscall_tracer_attach(struct vsyscall_tracer *t, pid_t pid1)
{
        if (!t->active)
                return 0;
        t->pid1 = pid1;
        if (ptrace(PTRACE_SEIZE, pid1, 0, (void *)(long)TRACE_OPTIONS) == 0) {
                int status;
                /* Since Linux 4.7 a tracee is waited for whatever its kind, so __WCLONE finds every
                 * tracee and none of our forked children; before, pid1 (forked) is not eligible */
                pid_t p = waitpid(pid1, &status, __WCLONE | WNOHANG);
                t->wait_flags = p >= 0 ? __WCLONE : __WALL;
                if (p == pid1)
                        on_event(t, pid1, status);
                if (t->wait_flags == __WALL)
                        log_debug("vsyscall: this kernel needs __WALL to wait for tracees; it reaps the supervisor's "
                                  "other children too");
                return 0;
        }
        t->active = false;
        if (t->required)
                return log_error_errno(-errno, "Cannot trace the container to emulate the vsyscall page: %m; "
                                               "see 'uspawnctl check' (ptrace), or use --vsyscall=native");
        log_warning_errno(-errno, "Cannot trace the container to emulate the vsyscall page: %m; programs of glibc 2.13 "
                                  "or older will crash (SIGSEGV) on this kernel (--vsyscall=preload helps dynamic ones)");
        return 0;
}

/* ---- the tracee's memory and clocks, for vsyscall_emulate() ------------------------------- */

struct tracee {
        pid_t tid;
};

static int emulate_read(void *userdata, unsigned long addr, void *buf, size_t len)
{
        return tracee_read(((struct tracee *)userdata)->tid, addr, buf, len);
}

static int emulate_write(void *userdata, unsigned long addr, const void *buf, size_t len)
{
        return tracee_write(((struct tracee *)userdata)->tid, addr, buf, len);
}

/* CLOCK_REALTIME and the kernel's timezone are the same in every namespace. */
static int host_clock(void *userdata, long *ret_sec, long *ret_usec, int *ret_west, int *ret_dst)
{
        struct timeval tv;
        struct timezone tz;

        if (gettimeofday(&tv, &tz) < 0)
                return -errno;
        *ret_sec = tv.tv_sec;
        *ret_usec = tv.tv_usec;
        *ret_west = tz.tz_minuteswest;
        *ret_dst = tz.tz_dsttime;
        return 0;
}

/* The CPU the stopped tracee last ran on, and that CPU's node (0 without NUMA information). */
static int tracee_cpu(void *userdata, unsigned *ret_cpu, unsigned *ret_node)
{
        char path[64], text[1024];
        unsigned cpu, node = 0;
        struct dirent *de;
        DIR *d;
        int r;

        snprintf(path, sizeof path, "/proc/%d/stat", (int)((struct tracee *)userdata)->tid);
        r = read_small_file(path, text, sizeof text);
        if (r < 0)
                return r == -ENOENT ? -ESRCH : r;
        r = vsyscall_parse_stat_cpu(text, &cpu);
        if (r < 0)
                return r;
        snprintf(path, sizeof path, "/sys/devices/system/cpu/cpu%u", cpu);
        d = opendir(path);
        while (d && (de = readdir(d)))
                if (sscanf(de->d_name, "node%u", &node) == 1)
                        break;
        if (d)
                closedir(d);
        *ret_cpu = cpu;
        *ret_node = node;
        return 0;
}

/* ---- stops --------------------------------------------------------------------------------- */

/* A stop or exit collected while the patcher had the other threads stopped. */
static void on_held(void *userdata, pid_t tid, int status)
{
        on_event(userdata, tid, status);
}

bool vsyscall_answer_segv(unsigned long page, pid_t tid, struct vsyscall_patcher *patcher,
                          vsyscall_held_fn held, void *held_data, unsigned long *emulated, unsigned long *faults)
{
        struct tracee tracee = {.tid = tid};
        const struct vsyscall_ops ops = {
                .read = emulate_read,
                .write = emulate_write,
                .clock = host_clock,
                .cpu = tracee_cpu,
                .userdata = &tracee,
        };
        struct user_regs_struct regs;
        const struct vsyscall_entry *e;
        struct vsyscall_outcome o;
        siginfo_t si = {0};

        if (ptrace(PTRACE_GETREGS, tid, 0, &regs) < 0)
                return errno == ESRCH;
        e = vsyscall_decode(page, regs.rip);
        if (!e)
                return false;
        /* first trap from a known call site: its next calls go to the vDSO without trapping */
        if (patcher)
                vsyscall_patch_call_site(patcher, tid, &regs, e, held, held_data);
        if (vsyscall_emulate(e, &regs, &ops, &o) < 0)
                return true; /* the thread is gone (killed while stopped) */
        if (o.action == VSYSCALL_RETURN) {
                if (ptrace(PTRACE_SETREGS, tid, 0, &regs) < 0)
                        return true;
                (*emulated)++;
                log_debug("vsyscall: emulated %s() for PID %d", e->name, (int)tid);
                ptrace(PTRACE_CONT, tid, 0, 0);
                return true;
        }
        /* the SIGSEGV the kernel sends for a bad pointer or stack, in place of the fetch fault's */
        (*faults)++;
        log_debug("vsyscall: %s() for PID %d faulted at %#lx: delivering SIGSEGV", e->name, (int)tid, o.fault_addr);
        si.si_signo = SIGSEGV;
        si.si_code = o.fault_code;
        si.si_addr = (void *)o.fault_addr;
        ptrace(PTRACE_SETSIGINFO, tid, 0, &si);
        ptrace(PTRACE_CONT, tid, 0, SIGSEGV);
        return true;
}

static bool on_segv(struct vsyscall_tracer *t, pid_t tid)
{
        return vsyscall_answer_segv(t->page, tid, &t->patcher, on_held, t, &t->emulated, &t->faults);
}

static bool is_stop_signal(int sig)
{
        return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU;
}

static void on_stop(struct vsyscall_tracer *t, pid_t tid, int status)
{
        int sig = WSTOPSIG(status), event = (unsigned)status >> 16;

        if (event == PTRACE_EVENT_STOP) {
                /* a group-stop stays stopped until SIGCONT, which PTRACE_LISTEN lets it see; the
                 * other event-stops (a new tracee's first stop) just go on */
                ptrace(is_stop_signal(sig) ? PTRACE_LISTEN : PTRACE_CONT, tid, 0, 0);
                return;
        }
        if (event == PTRACE_EVENT_EXEC) /* reported by the thread group leader: a new program */
                vsyscall_patcher_forget(&t->patcher, tid);
        if (event != 0) { /* fork, vfork, clone, exec: the new tracee is attached already */
                ptrace(PTRACE_CONT, tid, 0, 0);
                return;
        }
        if (sig == SIGSEGV && on_segv(t, tid))
                return;
        ptrace(PTRACE_CONT, tid, 0, sig); /* a signal-delivery-stop: deliver it unchanged */
}

static void on_event(struct vsyscall_tracer *t, pid_t tid, int status)
{
        if (WIFSTOPPED(status))
                on_stop(t, tid, status);
        else if (tid == t->pid1) {
                t->pid1_exited = true;
                t->pid1_status = status;
                log_debug("vsyscall: %lu calls emulated, %lu call sites patched, %lu faults delivered.", t->emulated,
                          t->patcher.patched, t->faults);
        }
}

int vsyscall_tracer_dispatch(struct vsyscall_tracer *t, int *ret_status)
{
        int status;

        while (!t->pid1_exited) {
                pid_t p = waitpid(-1, &status, t->wait_flags | WNOHANG);
                if (p == 0)
                        return 0;
                if (p < 0) {
                        if (errno == EINTR)
                                continue;
                        return -errno;
                }
                on_event(t, p, status);
        }
        *ret_status = t->pid1_status;
        return 1;
}

int vsyscall_tracer_wait_fd(struct vsyscall_tracer *t, int fd)
{
        _cleanup_close_ int sfd = -EBADF;
        sigset_t chld;
        int status;

        sigemptyset(&chld);
        sigaddset(&chld, SIGCHLD);
        sfd = signalfd(-1, &chld, SFD_CLOEXEC | SFD_NONBLOCK);
        if (sfd < 0)
                return -errno;
        for (;;) {
                struct pollfd p[2] = {{.fd = fd, .events = POLLIN}, {.fd = sfd, .events = POLLIN}};
                struct signalfd_siginfo si;

                /* serve first: a stop may predate the signalfd */
                if (vsyscall_tracer_dispatch(t, &status) != 0)
                        return 0;
                if (poll(p, 2, -1) < 0 && errno != EINTR)
                        return -errno;
                if (p[0].revents)
                        return 0;
                while (read(sfd, &si, sizeof si) == (ssize_t)sizeof si)
                        ;
        }
}
