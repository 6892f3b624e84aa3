/* stress — many threads forking and executing while signalling each other, for the trace
 * backend's tracer loop: `stress THREADS ROUNDS`. Each thread, ROUNDS times, starts one child of
 * a kind chosen by the round (exec /bin/true, exec `/bin/sh -c 'exit N'`, a shell that kills
 * itself, a child killed before it can exec, posix_spawn (vfork), a child whose second thread
 * executes while the first is in and out of translated calls, a child killed while it forks,
 * whose orphans main() adopts and reaps), waits for that very child and checks its status, reads
 * its own /proc/self/exe link (a call the tracer answers at its exit stop), then queues a
 * real-time signal to another thread. Queued signals are never merged, so at the end every
 * thread must have received exactly what was sent to it, and every orphan must end with status
 * 0 (one the tracer left stopped would hang the final wait). Counted, not timed: the result is
 * the same however slow the tracer is. Prints "stress: ok ..." or what went wrong; exit 0 only
 * when everything is accounted for. Static, so it runs in any tree. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_THREADS 64
#define KINDS 7
#define GRANDCHILDREN 20

extern char **environ;

struct worker {
        pthread_t thread;
        int index;
        atomic_long received; /* signals its handler ran for */
        atomic_long sent_to;  /* signals queued for it */
        long children;
        char error[256];
};

static struct worker workers[MAX_THREADS];
static int n_workers, n_rounds;
static pthread_barrier_t start, done;
static __thread struct worker *self;

static void on_signal(int sig)
{
        (void)sig;
        if (self)
                atomic_fetch_add(&self->received, 1);
}

static void *exec_from_thread(void *arg)
{
        char *argv[] = {"sh", "-c", "exit 5", NULL};
        (void)arg;
        execve("/bin/sh", argv, environ);
        _exit(120);
}

/* The child of kind k: it never returns. ready: kind 6 writes a byte there once it forks. */
static void child(int kind, int round, int ready)
{
        char code[32];
        pthread_t t;

        snprintf(code, sizeof code, "exit %d", round % 100);
        switch (kind) {
        case 0:
                execve("/bin/true", (char *[]){"true", NULL}, environ);
                break;
        case 1:
                execve("/bin/sh", (char *[]){"sh", "-c", code, NULL}, environ);
                break;
        case 2:
                execve("/bin/sh", (char *[]){"sh", "-c", "kill -TERM $$; exit 99", NULL}, environ);
                break;
        case 3: /* killed by the parent, wherever it is */
                for (;;)
                        pause();
        case 6: /* forks until it is killed: its children are orphans, adopted by main() */
                for (int i = 0; i < GRANDCHILDREN; i++) {
                        pid_t pid = fork();
                        if (pid == 0)
                                execve("/bin/true", (char *[]){"true", NULL}, environ), _exit(122);
                        if (i == 0)
                                (void)!write(ready, "x", 1);
                }
                for (;;)
                        pause();
        case 5: /* a thread other than the leader executes (the kernel gives it the leader's id)
                 * while the leader is in and out of calls the tracer translates */
                if (pthread_create(&t, NULL, exec_from_thread, NULL) == 0)
                        for (;;)
                                (void)access("/etc/passwd", F_OK);
                break;
        }
        _exit(121);
}

static int expected_status(int kind, int round)
{
        switch (kind) {
        case 1:
                return W_EXITCODE(round % 100, 0);
        case 2:
                return SIGTERM;
        case 3:
        case 6:
                return SIGKILL;
        case 5:
                return W_EXITCODE(5, 0);
        default:
                return 0;
        }
}

static int one_round(struct worker *w, int round)
{
        int kind = (w->index + round) % KINDS, status;
        pid_t pid, got;

        if (kind == 4) {
                char *argv[] = {"true", NULL};
                int r = posix_spawn(&pid, "/bin/true", NULL, NULL, argv, environ);
                if (r != 0)
                        return snprintf(w->error, sizeof w->error, "posix_spawn: %s", strerror(r)), -1;
        } else {
                int ready[2] = {-1, -1};
                char x;
                if (kind == 6 && pipe2(ready, O_CLOEXEC) < 0)
                        return snprintf(w->error, sizeof w->error, "pipe: %s", strerror(errno)), -1;
                pid = fork();
                if (pid < 0)
                        return snprintf(w->error, sizeof w->error, "fork: %s", strerror(errno)), -1;
                if (pid == 0)
                        child(kind, round, ready[1]);
                if (kind == 6) { /* killed while it forks */
                        close(ready[1]);
                        ssize_t n;
                        while ((n = read(ready[0], &x, 1)) < 0 && errno == EINTR) /* our signals */
                                ;
                        if (n != 1) {
                                kill(pid, SIGKILL);
                                return snprintf(w->error, sizeof w->error, "kind 6 child did not start"), -1;
                        }
                        close(ready[0]);
                }
                if ((kind == 3 || kind == 6) && kill(pid, SIGKILL) < 0)
                        return snprintf(w->error, sizeof w->error, "kill %d: %s", (int)pid, strerror(errno)), -1;
        }
        do
                got = waitpid(pid, &status, 0);
        while (got < 0 && errno == EINTR);
        if (got != pid)
                return snprintf(w->error, sizeof w->error, "round %d kind %d: waitpid(%d): %s", round, kind, (int)pid,
                                got < 0 ? strerror(errno) : "another child"),
                       -1;
        if (status != expected_status(kind, round))
                return snprintf(w->error, sizeof w->error, "round %d kind %d: status 0x%x, expected 0x%x", round, kind,
                                status, expected_status(kind, round)),
                       -1;
        w->children++;
        return 0;
}

/* say it now: a failure may leave a child behind that hangs the final wait */
static int failed_round(struct worker *w)
{
        fprintf(stderr, "stress: thread %d: %s\n", w->index, w->error);
        return -1;
}

/* A call whose answer the tracer rewrites at its exit stop, made while signals fly: it must
 * give what it gave at the start. */
static int check_exe(struct worker *w, const char *want)
{
        char exe[4096];
        ssize_t n;

        memset(exe, 'x', sizeof exe);
        n = readlink("/proc/self/exe", exe, sizeof exe - 1);
        /* past the answer: untouched, or zeroed (nothing of a longer host path) */
        for (ssize_t i = n < 0 ? 0 : n; i < (ssize_t)sizeof exe - 1; i++)
                if (exe[i] != 'x' && exe[i] != '\0')
                        return snprintf(w->error, sizeof w->error, "readlink /proc/self/exe wrote past its answer"), -1;
        if (n < 0 || (exe[n] = '\0', strcmp(exe, want) != 0))
                return snprintf(w->error, sizeof w->error, "readlink /proc/self/exe: %.100s, was %.100s",
                                n < 0 ? strerror(errno) : exe, want),
                       -1;
        return 0;
}

static char exe_at_start[4096];

static void *work(void *arg)
{
        struct worker *w = arg;
        int failed = 0;

        self = w;
        pthread_barrier_wait(&start); /* every thread's id is known before any signal is sent */
        for (int round = 0; round < n_rounds && !failed; round++) {
                struct worker *to = &workers[(w->index + 1 + round) % n_workers];
                failed = (one_round(w, round) < 0 || check_exe(w, exe_at_start) < 0) && failed_round(w) < 0;
                atomic_fetch_add(&to->sent_to, 1);
                int r = pthread_sigqueue(to->thread, SIGRTMIN, (union sigval){.sival_int = round});
                if (r != 0 && !failed) {
                        snprintf(w->error, sizeof w->error, "pthread_sigqueue: %s", strerror(r));
                        atomic_fetch_sub(&to->sent_to, 1);
                        failed = 1;
                }
        }
        /* every signal for this thread was queued before the barrier opened; a thread returning
         * from the barrier's wait runs the handlers of all it has pending */
        pthread_barrier_wait(&done);
        for (int i = 0; i < 1000 && atomic_load(&w->received) != atomic_load(&w->sent_to); i++)
                sched_yield();
        return NULL;
}

int main(int argc, char **argv)
{
        struct sigaction sa = {.sa_handler = on_signal};
        long children = 0, sent = 0, received = 0;
        int bad = 0;
        pid_t left;

        if (argc != 3 || (n_workers = atoi(argv[1])) < 2 || n_workers > MAX_THREADS || (n_rounds = atoi(argv[2])) < 1)
                return fprintf(stderr, "usage: stress THREADS(2-%d) ROUNDS\n", MAX_THREADS), 2;
        sigemptyset(&sa.sa_mask);
        /* orphans are ours to reap, as they would be init's */
        if (prctl(PR_SET_CHILD_SUBREAPER, 1) < 0)
                return perror("PR_SET_CHILD_SUBREAPER"), 1;
        if (sigaction(SIGRTMIN, &sa, NULL) < 0)
                return perror("sigaction"), 1;
        ssize_t n = readlink("/proc/self/exe", exe_at_start, sizeof exe_at_start - 1);
        if (n < 0)
                return perror("readlink /proc/self/exe"), 1;
        exe_at_start[n] = '\0';
        pthread_barrier_init(&start, NULL, (unsigned)n_workers);
        pthread_barrier_init(&done, NULL, (unsigned)n_workers);
        for (int i = 0; i < n_workers; i++) {
                workers[i].index = i;
                if (pthread_create(&workers[i].thread, NULL, work, &workers[i]) != 0)
                        return perror("pthread_create"), 1;
        }
        for (int i = 0; i < n_workers; i++)
                pthread_join(workers[i].thread, NULL);
        for (int i = 0; i < n_workers; i++) {
                struct worker *w = &workers[i];
                children += w->children;
                sent += atomic_load(&w->sent_to);
                received += atomic_load(&w->received);
                if (w->error[0]) {
                        printf("stress: thread %d: %s\n", i, w->error);
                        bad = 1;
                } else if (atomic_load(&w->received) != atomic_load(&w->sent_to)) {
                        printf("stress: thread %d received %ld signals of %ld sent\n", i, atomic_load(&w->received),
                               atomic_load(&w->sent_to));
                        bad = 1;
                }
        }
        /* the orphans of kind 6: each ran /bin/true (a held one would hang us here) */
        int status;
        while ((left = waitpid(-1, &status, 0)) > 0 || (left < 0 && errno == EINTR))
                if (left > 0 && status != 0) {
                        printf("stress: orphan %d ended with status 0x%x\n", (int)left, status);
                        bad = 1;
                }
        if (bad)
                return 1;
        printf("stress: ok %d threads x %d rounds: %ld children, %ld signals\n", n_workers, n_rounds, children, sent);
        return received == sent ? 0 : 1;
}
