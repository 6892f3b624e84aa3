/* PID 1 when the command is PID 2. Normally uspawn-init (src/init/), exec'ed from a sealed
 * memfd as soon as the namespaces exist, while PID 2 builds the container; when a host forbids
 * executing memfds, the same loop in-process. Either way PID 1 loads the seccomp policy PID 2
 * hands it before the command may run (init/handshake.h), must reap orphans (or zombies pile
 * up) and forward signals, which stay blocked from before the fork and are taken by
 * sigwaitinfo: the kernel drops a signal to PID 1 that has no handler only when it is not
 * blocked, so no handler is needed. */
#include "userns/pid1.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "init/forward.h"
#include "init/handshake.h"
#include "userns/seccomp.h"
#include "util/fs.h"
#include "util/log.h"
#include "util/macro.h"

static void forwarded_set(sigset_t *set)
{
        sigemptyset(set);
        for (int sig = 1; sig <= SIGRTMAX; sig++)
                if (signal_is_forwarded(sig) && (sig < 32 || sig >= SIGRTMIN))
                        sigaddset(set, sig);
        sigaddset(set, SIGCHLD);
}

void stub_init_prepare(sigset_t *ret_old_mask)
{
        sigset_t set;

        /* blocked, a signal stays pending across the fork and the exec of uspawn-init (or
         * until stub_init_run), which takes it */
        forwarded_set(&set);
        sigprocmask(SIG_BLOCK, &set, ret_old_mask);
}

void stub_init_child_reset(const sigset_t *old_mask)
{
        sigprocmask(SIG_SETMASK, old_mask, NULL);
}

static int exit_code(int status)
{
        if (WIFEXITED(status))
                return WEXITSTATUS(status);
        return 128 + WTERMSIG(status);
}

/* Reap everything that has exited; return true (and the code) once the command has. */
static bool reap(pid_t command, int *ret_code)
{
        bool done = false;
        int status;
        pid_t pid;

        while ((pid = waitpid(-1, &status, WNOHANG)) > 0)
                if (pid == command) {
                        *ret_code = exit_code(status);
                        done = true;
                }
        return done;
}

_Noreturn void stub_init_run(pid_t command)
{
        sigset_t set;
        int code = 1;

        forwarded_set(&set);
        for (;;) {
                siginfo_t si;
                int sig = sigwaitinfo(&set, &si);

                if (sig < 0)
                        continue;
                if (sig == SIGCHLD) {
                        if (reap(command, &code))
                                _exit(code); /* the kernel then kills what is left in the namespace */
                        continue;
                }
                kill(command, sig);
        }
}

extern const char uspawn_init_blob_start[], uspawn_init_blob_end[];

static int write_all(int fd, const char *p, size_t n)
{
        while (n > 0) {
                ssize_t k = write(fd, p, n);
                if (k < 0 && errno == EINTR)
                        continue;
                if (k <= 0)
                        return k < 0 ? -errno : -EIO;
                p += k;
                n -= (size_t)k;
        }
        return 0;
}

int stub_init_exec(pid_t command, char **env, int handshake_fd)
{
        _cleanup_close_ int fd = memfd_create("uspawn-init", MFD_CLOEXEC | MFD_ALLOW_SEALING);
        char pid[16], hs[16], *argv[] = {"uspawn-init", pid, hs, NULL};
        int r;

        if (fd < 0)
                return -errno;
        r = write_all(fd, uspawn_init_blob_start, (size_t)(uspawn_init_blob_end - uspawn_init_blob_start));
        if (r < 0)
                return r;
        /* sealed: nothing inside can change what /proc/1/exe refers to */
        if (fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL) < 0)
                return -errno;
        snprintf(pid, sizeof pid, "%d", (int)command);
        snprintf(hs, sizeof hs, "%d", handshake_fd);
        /* the one descriptor uspawn-init keeps */
        if (fcntl(handshake_fd, F_SETFD, 0) < 0)
                return -errno;
        syscall(SYS_execveat, fd, "", argv, env, AT_EMPTY_PATH);
        r = -errno;
        (void)fcntl(handshake_fd, F_SETFD, FD_CLOEXEC);
        return r;
}

/* What uspawn-init's handshake() does, for the in-process stub: the policy loaded, every
 * capability but CAP_KILL given up, hidden, then the answer; without it PID 2 stops. An end of
 * file: PID 2 failed. */
void stub_init_handshake(int fd)
{
        static char program[PID1_POLICY_MAX + 8];
        struct __user_cap_header_struct header = {.version = _LINUX_CAPABILITY_VERSION_3};
        struct __user_cap_data_struct caps[2] = {{.effective = 1u << PID1_KEPT_CAPABILITY,
                                                  .permitted = 1u << PID1_KEPT_CAPABILITY}};
        char ready = PID1_READY;
        ssize_t n;

        do
                n = read(fd, program, sizeof program);
        while (n < 0 && errno == EINTR);
        if (n > 0 && n <= PID1_POLICY_MAX && seccomp_install(program, (size_t)n) == 0 &&
            syscall(SYS_capset, &header, caps) == 0) {
                stub_init_hide(); /* the network helper has joined our namespaces by now */
                (void)write(fd, &ready, 1);
        }
        close(fd);
}

int pid1_hand_policy(int fd, const void *policy, size_t len)
{
        if (send(fd, policy, len, MSG_NOSIGNAL) != (ssize_t)len)
                return log_error_errno(-errno, "Failed to hand the seccomp policy to PID 1: %m");
        return 0;
}

int pid1_wait_ready(int fd)
{
        char ready = 0;
        ssize_t n;

        do
                n = read(fd, &ready, 1);
        while (n < 0 && errno == EINTR);
        if (n != 1 || ready != PID1_READY)
                return log_error_errno(n < 0 ? -errno : -EPIPE,
                                       "PID 1 (the stub init) could not load the container's seccomp policy or "
                                       "give up its capabilities, so the command was not started; "
                                       "--as-pid2=no runs the command as PID 1 instead");
        return 0;
}

void stub_init_hide(void)
{
        char cmdline[4096];
        int n = read_small_file("/proc/self/cmdline", cmdline, sizeof cmdline);

        clearenv();
        /* not dumpable: /proc/1/exe (our binary) and /proc/1/environ cannot be opened inside */
        prctl(PR_SET_DUMPABLE, 0);
        /* ps shows "uspawn-init", not the host's path and arguments: argv's strings are
         * contiguous from argv[0], and every setting was copied out of them */
        if (n > (int)sizeof "uspawn-init") {
                memset(program_invocation_name, 0, (size_t)n);
                strcpy(program_invocation_name, "uspawn-init");
        }
        prctl(PR_SET_NAME, "uspawn-init");
}
