/* vsys — a static program that calls the legacy vsyscall page exactly as glibc <= 2.13 does
 * (mov $0xffffffffff600400,%rax; call *%rax: 48 c7 c0 00 04 60 ff ff d0, as in eglibc 2.13's
 * libc-2.13.so), for the vsyscall cases and the VM test bed.
 * Based on ../shared/reference/vsyscall-vm/vsys.c.
 *
 *   vsys [check]          call time, gettimeofday, getcpu; compare with the real syscalls
 *   vsys segv-handler     own SIGSEGV handler: a real fault reaches it; then check
 *   vsys bad-pointer      time() and gettimeofday() on unwritable pointers raise SIGSEGV at the entry
 *   vsys misaligned       jump to page+0x10: dies of SIGSEGV (139)
 *   vsys crash            a store to address 16 without a handler: dies of SIGSEGV (139)
 *   vsys fork-exec        a forked child execs `vsys check`, then the parent checks
 *   vsys threads N M      N threads, M calls each
 *   vsys bench N          N calls of each entry, then the vDSO's: ns per call
 *   vsys patch N [WHERE [FORM]]   N calls of each entry through call sites generated at run time,
 *                         results checked (sane, monotonic), then whether each site's bytes were
 *                         patched; WHERE: anon (private anonymous, the default), file (a private
 *                         mapping of a sealed, read-only memfd), shared (a MAP_SHARED one); FORM:
 *                         mov32 (default where the page allows), movabs, or nomatch (a nop between
 *                         the mov and the call: no known sequence)
 *   vsys patch-threads T N   T threads calling time() and gettimeofday() N times each through one
 *                         generated site each, then a fork whose child calls them N times and execs
 *                         `vsys patch 10`
 *
 * $VSYS_PAGE=ADDR: instead of the real page, map a PROT_NONE page at ADDR and call its entries
 * (mov/add/call rather than movabs). A call there faults like a call into the page under
 * vsyscall=none, so the supervisor's engine can be tested on a kernel that emulates the real
 * page itself (uspawn then needs USPAWN_VSYSCALL_TEST_PAGE=ADDR). Exit 0 when all went well. */
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

#define VSYS_BASE 0xffffffffff600000UL

/* glibc 2.7..2.13's static time() and gettimeofday() (sysdeps/unix/sysv/linux/x86_64/time.S),
 * byte for byte; top-level asm so the call's push cannot clobber a red zone. */
__asm__(".text\n"
        ".globl old_gettimeofday\nold_gettimeofday:\n"
        "  sub $0x8,%rsp\n  mov $0xffffffffff600000,%rax\n  call *%rax\n  add $0x8,%rsp\n  ret\n"
        ".globl old_time\nold_time:\n"
        "  sub $0x8,%rsp\n  mov $0xffffffffff600400,%rax\n  call *%rax\n  add $0x8,%rsp\n  ret\n"
        ".globl old_getcpu\nold_getcpu:\n"
        "  sub $0x8,%rsp\n  mov $0xffffffffff600800,%rax\n  call *%rax\n  add $0x8,%rsp\n  ret\n"
        ".globl at_offset\nat_offset:\n" /* at_offset(a, b, c, offset): call base+offset(a, b, c) */
        "  sub $0x8,%rsp\n  mov page_base(%rip),%rax\n  add %rcx,%rax\n  call *%rax\n  add $0x8,%rsp\n  ret\n");

long old_gettimeofday(struct timeval *, struct timezone *);
long old_time(time_t *);
long old_getcpu(unsigned *, unsigned *, void *);
long at_offset(long a, long b, long c, unsigned long offset);
unsigned long page_base = VSYS_BASE;
static int fake;

static long v_gtod(struct timeval *tv, struct timezone *tz)
{
        return fake ? at_offset((long)tv, (long)tz, 0, 0x000) : old_gettimeofday(tv, tz);
}
static long v_time(time_t *t)
{
        return fake ? at_offset((long)t, 0, 0, 0x400) : old_time(t);
}
static long v_getcpu(unsigned *cpu, unsigned *node)
{
        return fake ? at_offset((long)cpu, (long)node, 0, 0x800) : old_getcpu(cpu, node, NULL);
}

static int check(void)
{
        time_t t_ref = syscall(SYS_time, NULL), t_out = 0;
        long t1 = v_time(NULL), t2 = v_time(&t_out);
        struct timeval tv = {0}, tv_ref;
        struct timezone tz = {-1, -1}, tz_ref;
        unsigned cpu = 999, node = 999;
        int bad = 0;

        printf("time(NULL) = %ld (syscall %ld); time(&t) = %ld, t = %ld\n", t1, (long)t_ref, t2, (long)t_out);
        bad += labs(t1 - t_ref) > 2 || t2 != t_out;
        syscall(SYS_gettimeofday, &tv_ref, &tz_ref);
        long r1 = v_gtod(&tv, NULL), r2 = v_gtod(&tv, &tz);
        printf("gettimeofday = %ld/%ld, tv = %ld.%06ld (syscall %ld.%06ld), tz = {%d,%d}\n", r1, r2, (long)tv.tv_sec,
               (long)tv.tv_usec, (long)tv_ref.tv_sec, (long)tv_ref.tv_usec, tz.tz_minuteswest, tz.tz_dsttime);
        bad += r1 != 0 || r2 != 0 || labs(tv.tv_sec - tv_ref.tv_sec) > 2 || tz.tz_minuteswest != tz_ref.tz_minuteswest;
        bad += v_gtod(NULL, NULL) != 0; /* NULL pointers are honoured */
        long r3 = v_getcpu(&cpu, &node);
        printf("getcpu = %ld, cpu = %u, node = %u (cpus online %ld)\n", r3, cpu, node, sysconf(_SC_NPROCESSORS_CONF));
        bad += r3 != 0 || cpu >= (unsigned)sysconf(_SC_NPROCESSORS_CONF) || node == 999;
        bad += v_getcpu(NULL, NULL) != 0;
        printf("vsys: %s\n", bad ? "MISMATCH" : "OK");
        return bad ? 1 : 0;
}

static sigjmp_buf jump;
static volatile uintptr_t bad_address = 16; /* volatile: not a constant the compiler reasons about */
static volatile siginfo_t caught;
static volatile unsigned long caught_ip;

static void on_segv(int sig, siginfo_t *si, void *ucv)
{
        (void)sig;
        caught = *si;
        caught_ip = (unsigned long)((ucontext_t *)ucv)->uc_mcontext.gregs[REG_RIP];
        siglongjmp(jump, 1);
}

static void install_handler(void)
{
        struct sigaction sa = {.sa_sigaction = on_segv, .sa_flags = SA_SIGINFO};

        sigaction(SIGSEGV, &sa, NULL);
}

static int segv_handler(void)
{
        struct sigaction seen;

        install_handler();
        /* what the program reads back is what it installed (a shim keeping its own must not show) */
        sigaction(SIGSEGV, NULL, &seen);
        printf("handler read back: %s\n",
               seen.sa_sigaction == on_segv && (seen.sa_flags & SA_SIGINFO) ? "the program's" : "ANOTHER");
        if (!sigsetjmp(jump, 1)) {
                volatile int *p = (volatile int *)(uintptr_t)bad_address;
                *p = 1;
                printf("vsys: the store to address 16 did not fault\n");
                return 1;
        }
        printf("handler: SIGSEGV code %d addr %p\n", caught.si_code, caught.si_addr);
        if (caught.si_signo != SIGSEGV || caught.si_addr != (void *)16)
                return 1;
        return check(); /* emulation still works with a handler installed */
}

/* One call on an unwritable pointer: the guest's handler must see SIGSEGV with rip at the entry. */
static int bad_call(const char *what, unsigned long offset, void (*call)(void *), void *arg)
{
        caught_ip = 0;
        if (!sigsetjmp(jump, 1)) {
                call(arg);
                printf("%s: no SIGSEGV\n", what);
                return 1;
        }
        printf("%s: SIGSEGV code %d addr %p at %#lx\n", what, caught.si_code, caught.si_addr, caught_ip);
        return caught_ip == page_base + offset ? 0 : 1;
}
static void call_time(void *p)
{
        v_time(p);
}
static void call_gtod(void *p)
{
        v_gtod(p, NULL);
}

static int bad_pointer(void)
{
        void *ro = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        int bad = 0;

        install_handler();
        bad += bad_call("time(read-only page)", 0x400, call_time, ro);
        bad += bad_call("time(unmapped 8)", 0x400, call_time, (void *)8);
        bad += bad_call("gettimeofday(kernel address)", 0x000, call_gtod, (void *)0xffff880000000000UL);
        signal(SIGSEGV, SIG_DFL);
        bad += check(); /* and calls keep working afterwards */
        return bad ? 1 : 0;
}

static int misaligned(void)
{
        at_offset(0, 0, 0, 0x10);
        printf("vsys: the misaligned call returned\n");
        return 1;
}

static int crash(void)
{
        *(volatile int *)(uintptr_t)bad_address = 1;
        printf("vsys: the store to address 16 did not fault\n");
        return 1;
}

static int fork_exec(void)
{
        int status;
        pid_t pid = fork();

        if (pid == 0) {
                execl("/proc/self/exe", "vsys", "check", (char *)NULL);
                _exit(126);
        }
        if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
                printf("vsys: the forked child failed (status %#x)\n", status);
                return 1;
        }
        return check();
}

static long per_thread = 100;

static void *thread_main(void *arg)
{
        (void)arg;
        long bad = 0;

        for (long i = 0; i < per_thread; i++) {
                struct timeval tv;
                time_t now = syscall(SYS_time, NULL);
                bad += labs(v_time(NULL) - now) > 2;
                bad += v_gtod(&tv, NULL) != 0 || labs(tv.tv_sec - now) > 2;
        }
        return (void *)bad;
}

static int threads(int n)
{
        pthread_t t[64];
        long bad = 0;

        if (n < 1 || n > 64)
                return 2;
        for (int i = 0; i < n; i++)
                pthread_create(&t[i], NULL, thread_main, NULL);
        for (int i = 0; i < n; i++) {
                void *r;
                pthread_join(t[i], &r);
                bad += (long)r;
        }
        printf("threads: %d x %ld calls, %ld wrong\n", n, per_thread, bad);
        return bad ? 1 : check();
}

/* ---- call sites generated at run time (vsys patch, vsys patch-threads) ---------------------- */

#define SITE_STRIDE 64
static const unsigned long site_offsets[3] = {0x000, 0x400, 0x800}; /* gettimeofday, time, getcpu */
static uint8_t *sites; /* the mapping holding the three generated functions */
static uint8_t original[3][SITE_STRIDE];
static size_t imm_at, imm_len;

static int fits_imm32(unsigned long v)
{
        return (unsigned long)(long)(int)v == v;
}

/* sub $8,%rsp; mov $entry,%rax; call *%rax; add $8,%rsp; ret -- in the chosen encoding */
static size_t gen_site(uint8_t *p, unsigned long entry, const char *form)
{
        size_t n = 0;

        memcpy(p + n, "\x48\x83\xec\x08", 4), n += 4;
        if (!strcmp(form, "movabs")) {
                memcpy(p + n, "\x48\xb8", 2), n += 2;
                imm_at = n, imm_len = 8;
                memcpy(p + n, &entry, 8), n += 8;
        } else {
                uint32_t imm = (uint32_t)entry;
                memcpy(p + n, "\x48\xc7\xc0", 3), n += 3;
                imm_at = n, imm_len = 4;
                memcpy(p + n, &imm, 4), n += 4;
                if (!strcmp(form, "nomatch"))
                        p[n++] = 0x90; /* nop: the call no longer follows the mov */
        }
        memcpy(p + n, "\xff\xd0\x48\x83\xc4\x08\xc3", 7), n += 7;
        return n;
}

static int memfd = -1;

static int make_sites(const char *where, const char *form)
{
        uint8_t page[4096];

        memset(page, 0xcc, sizeof page);
        if (!strcmp(form, "mov32") && !fits_imm32(page_base)) {
                fprintf(stderr, "vsys: the page at %#lx is out of reach of a 32-bit immediate\n", page_base);
                return -1;
        }
        for (int i = 0; i < 3; i++) {
                gen_site(page + i * SITE_STRIDE, page_base + site_offsets[i], form);
                memcpy(original[i], page + i * SITE_STRIDE, SITE_STRIDE);
        }
        if (!strcmp(where, "anon")) {
                sites = mmap(NULL, sizeof page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
                if (sites == MAP_FAILED)
                        return -1;
                memcpy(sites, page, sizeof page);
                return mprotect(sites, sizeof page, PROT_READ | PROT_EXEC);
        }
        /* a file nobody may write: a sealed memfd */
        memfd = memfd_create("vsys-sites", MFD_CLOEXEC | MFD_ALLOW_SEALING);
        if (memfd < 0 || write(memfd, page, sizeof page) != (ssize_t)sizeof page ||
            fcntl(memfd, F_ADD_SEALS, F_SEAL_WRITE | F_SEAL_GROW | F_SEAL_SHRINK | F_SEAL_SEAL) < 0)
                return -1;
        sites = mmap(NULL, sizeof page, PROT_READ | PROT_EXEC, !strcmp(where, "shared") ? MAP_SHARED : MAP_PRIVATE,
                     memfd, 0);
        return sites == MAP_FAILED ? -1 : 0;
}

typedef long (*site_fn)(long, long, long);
#define SITE(i) ((site_fn)(void *)(sites + (i)*SITE_STRIDE))

/* N calls of each generated site, results checked against the system calls. */
static long call_sites(long n)
{
        struct timeval prev = {0}, tv, ref;
        long bad = 0, ncpu = sysconf(_SC_NPROCESSORS_CONF);

        for (long i = 0; i < n; i++) {
                time_t now = syscall(SYS_time, NULL), t = 0;
                unsigned cpu = 999, node = 999;
                long r = SITE(1)((long)&t, 0, 0);
                bad += labs(r - now) > 2 || r != t;
                bad += SITE(0)((long)&tv, 0, 0) != 0;
                syscall(SYS_gettimeofday, &ref, NULL);
                bad += timercmp(&tv, &prev, <) || labs(tv.tv_sec - ref.tv_sec) > 2;
                prev = tv;
                bad += SITE(2)((long)&cpu, (long)&node, 0) != 0 || cpu >= (unsigned)ncpu || node == 999;
        }
        return bad;
}

static void report_sites(void)
{
        static const char *const names[3] = {"gettimeofday", "time", "getcpu"};

        for (int i = 0; i < 3; i++)
                printf("site %s: %s\n", names[i],
                       memcmp(sites + i * SITE_STRIDE + imm_at, original[i] + imm_at, imm_len) ? "patched"
                                                                                               : "unchanged");
        if (memfd >= 0) {
                uint8_t file[3 * SITE_STRIDE];
                int same = pread(memfd, file, sizeof file, 0) == (ssize_t)sizeof file;
                for (int i = 0; i < 3 && same; i++)
                        same = !memcmp(file + i * SITE_STRIDE, original[i], SITE_STRIDE);
                printf("file: %s\n", same ? "unchanged" : "CHANGED");
        }
}

static int patch(long n, const char *where, const char *form)
{
        long bad;

        if (make_sites(where, form) < 0) {
                perror("vsys: generating call sites");
                return 2;
        }
        bad = call_sites(n);
        printf("patch: %ld calls of each entry (%s, %s), %ld wrong\n", n, where, form, bad);
        report_sites();
        return bad ? 1 : 0;
}

static void *site_thread(void *arg)
{
        return (void *)call_sites((long)arg);
}

static int patch_threads(int nthreads, long n)
{
        pthread_t t[64];
        long bad = 0;
        int status;
        pid_t pid;

        if (nthreads < 1 || nthreads > 64 || make_sites("anon", fits_imm32(page_base) ? "mov32" : "movabs") < 0)
                return 2;
        for (int i = 0; i < nthreads; i++)
                pthread_create(&t[i], NULL, site_thread, (void *)n);
        for (int i = 0; i < nthreads; i++) {
                void *r;
                pthread_join(t[i], &r);
                bad += (long)r;
        }
        printf("patch-threads: %d x %ld calls of each entry, %ld wrong\n", nthreads, n, bad);
        report_sites();
        pid = fork();
        if (pid == 0) { /* the patched sites, inherited */
                long b = call_sites(n);
                printf("patch-threads: child %d: %ld calls of each entry, %ld wrong\n", getpid(), n, b);
                fflush(stdout);
                if (b)
                        _exit(1);
                execl("/proc/self/exe", "vsys", "patch", "10", (char *)NULL);
                _exit(126);
        }
        if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
                printf("vsys: the forked child failed (status %#x)\n", status);
                return 1;
        }
        return bad ? 1 : 0;
}

static double now_ns(void)
{
        struct timespec ts;

        clock_gettime(CLOCK_MONOTONIC, &ts);
        return ts.tv_sec * 1e9 + ts.tv_nsec;
}

#define BENCH(label, expr)                                                                                             \
        do {                                                                                                           \
                double t0 = now_ns();                                                                                  \
                for (long i = 0; i < n; i++) {                                                                         \
                        expr;                                                                                          \
                }                                                                                                      \
                printf("bench: %-24s %10.0f ns/call (%ld calls)\n", label, (now_ns() - t0) / n, n);                    \
        } while (0)

static int bench(long n)
{
        struct timeval tv;
        unsigned cpu, node;
        volatile long sink = 0;

        BENCH("vsyscall time", sink += v_time(NULL));
        BENCH("vsyscall gettimeofday", sink += v_gtod(&tv, NULL));
        BENCH("vsyscall getcpu", sink += v_getcpu(&cpu, &node));
        BENCH("vDSO time", sink += time(NULL));
        BENCH("vDSO gettimeofday", sink += gettimeofday(&tv, NULL));
        (void)sink;
        return 0;
}

int main(int argc, char **argv)
{
        const char *mode = argc > 1 ? argv[1] : "check", *page = getenv("VSYS_PAGE");

        setvbuf(stdout, NULL, _IOLBF, 0);
        if (page && page[0]) {
                page_base = strtoul(page, NULL, 0);
                if (mmap((void *)page_base, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1,
                         0) == MAP_FAILED) {
                        perror("vsys: mmap VSYS_PAGE");
                        return 2;
                }
                fake = 1;
        }
        printf("vsys: pid %d, %s page at %#lx, %s\n", getpid(), fake ? "test" : "vsyscall", page_base, mode);
        if (!strcmp(mode, "check"))
                return check();
        if (!strcmp(mode, "segv-handler"))
                return segv_handler();
        if (!strcmp(mode, "bad-pointer"))
                return bad_pointer();
        if (!strcmp(mode, "misaligned"))
                return misaligned();
        if (!strcmp(mode, "crash"))
                return crash();
        if (!strcmp(mode, "fork-exec"))
                return fork_exec();
        if (!strcmp(mode, "threads") && argc > 3) {
                per_thread = atol(argv[3]);
                return threads(atoi(argv[2]));
        }
        if (!strcmp(mode, "bench") && argc > 2)
                return bench(atol(argv[2]));
        if (!strcmp(mode, "patch") && argc > 2)
                return patch(atol(argv[2]), argc > 3 ? argv[3] : "anon",
                             argc > 4                ? argv[4]
                             : fits_imm32(page_base) ? "mov32"
                                                     : "movabs");
        if (!strcmp(mode, "patch-threads") && argc > 3)
                return patch_threads(atoi(argv[2]), atol(argv[3]));
        fprintf(stderr, "usage: vsys [check|segv-handler|bad-pointer|misaligned|crash|fork-exec|threads N M|bench N|"
                        "patch N [anon|file|shared [mov32|movabs|nomatch]]|patch-threads T N]\n");
        return 2;
}
