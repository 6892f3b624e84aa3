/* Unit tests for the pure half of vsyscall emulation: the --vsyscall choice, decoding an
 * instruction pointer, and emulating each entry against a fake tracee memory and clock —
 * results, NULL pointers, bad pointers, a bad stack, a vanished tracee. */
#include <signal.h>
#include <stdint.h>
#include <string.h>

#include <talloc.h>

#include "cli/options.h"
#include "supervise/vsyscall-emulate.h"
#include "util/macro.h"
#include "unit.h"

/* The fake tracee: one writable region and one read-only region; everything else unmapped. */
#define RW_BASE 0x10000UL
#define RO_BASE 0x20000UL
#define REGION 256
#define STACK (RW_BASE + 128) /* rsp: the return address lives here */
#define CALLER 0x401234UL

static struct {
        uint8_t rw[REGION], ro[REGION];
        bool gone; /* every access fails with -ESRCH */
} mem;

static uint8_t *at(unsigned long addr, size_t len, bool write)
{
        if (addr >= RW_BASE && addr + len <= RW_BASE + REGION)
                return mem.rw + (addr - RW_BASE);
        if (!write && addr >= RO_BASE && addr + len <= RO_BASE + REGION)
                return mem.ro + (addr - RO_BASE);
        return NULL;
}

static int fake_read(void *u, unsigned long addr, void *buf, size_t len)
{
        uint8_t *p = at(addr, len, false);

        if (mem.gone)
                return -ESRCH;
        if (!p)
                return -EFAULT;
        memcpy(buf, p, len);
        return 0;
}

static int fake_write(void *u, unsigned long addr, const void *buf, size_t len)
{
        uint8_t *p = at(addr, len, true);

        if (mem.gone)
                return -ESRCH;
        if (!p)
                return -EFAULT;
        memcpy(p, buf, len);
        return 0;
}

static int fake_clock(void *u, long *sec, long *usec, int *west, int *dst)
{
        *sec = 1360000000;
        *usec = 123456;
        *west = -60;
        *dst = 1;
        return 0;
}

static int fake_cpu(void *u, unsigned *cpu, unsigned *node)
{
        *cpu = 3;
        *node = 1;
        return 0;
}

static const struct vsyscall_ops ops = {fake_read, fake_write, fake_clock, fake_cpu, NULL};

static struct user_regs_struct regs_for(unsigned long offset, unsigned long rdi, unsigned long rsi)
{
        uint64_t caller = CALLER;

        memset(&mem, 0, sizeof mem);
        memcpy(mem.rw + (STACK - RW_BASE), &caller, sizeof caller);
        return (struct user_regs_struct){
                .rip = VSYSCALL_PAGE + offset, .rsp = STACK, .rdi = rdi, .rsi = rsi, .rax = VSYSCALL_PAGE + offset};
}

static bool returned(const struct user_regs_struct *r, long result, const struct vsyscall_outcome *o)
{
        return o->action == VSYSCALL_RETURN && o->result == result && r->rax == (unsigned long)result &&
               r->rip == CALLER && r->rsp == STACK + 8;
}

static bool unchanged(const struct user_regs_struct *r, unsigned long offset)
{
        return r->rip == VSYSCALL_PAGE + offset && r->rsp == STACK && r->rax == VSYSCALL_PAGE + offset;
}

static void test_choice(void)
{
        enum vsyscall_choice c = VSYSCALL_CHOICE_NATIVE;

        check(vsyscall_choice_from_string("auto", &c) == 0 && c == VSYSCALL_CHOICE_AUTO, "choice auto parses");
        check(vsyscall_choice_from_string("emulate", &c) == 0 && c == VSYSCALL_CHOICE_EMULATE, "choice emulate parses");
        check(vsyscall_choice_from_string("native", &c) == 0 && c == VSYSCALL_CHOICE_NATIVE, "choice native parses");
        check(vsyscall_choice_from_string("xonly", &c) == -EINVAL && c == VSYSCALL_CHOICE_NATIVE,
              "unknown choice rejected, output untouched");
        check(vsyscall_want_emulation(VSYSCALL_CHOICE_AUTO, VSYSCALL_NONE), "auto emulates when the host has none");
        check(!vsyscall_want_emulation(VSYSCALL_CHOICE_AUTO, VSYSCALL_XONLY) &&
                      !vsyscall_want_emulation(VSYSCALL_CHOICE_AUTO, VSYSCALL_EMULATE) &&
                      !vsyscall_want_emulation(VSYSCALL_CHOICE_AUTO, VSYSCALL_UNKNOWN),
              "auto stays out on xonly, emulate and unknown hosts");
        check(vsyscall_want_emulation(VSYSCALL_CHOICE_EMULATE, VSYSCALL_XONLY), "emulate forces it");
        check(!vsyscall_want_emulation(VSYSCALL_CHOICE_NATIVE, VSYSCALL_NONE), "native never emulates");
        check(vsyscall_choice_from_string("preload", &c) == 0 && c == VSYSCALL_CHOICE_PRELOAD, "choice preload parses");
        check(!strcmp(vsyscall_choice_to_string(VSYSCALL_CHOICE_PRELOAD), "preload"), "preload prints");
        check(!vsyscall_want_emulation(VSYSCALL_CHOICE_PRELOAD, VSYSCALL_NONE), "preload never traces");
}

static void test_option(void)
{
        void *ctx = talloc_new(NULL);
        struct settings *s = settings_new(ctx);

        check(s->vsyscall == VSYSCALL_CHOICE_AUTO, "--vsyscall defaults to auto");
        check(options_parse(s, 2, (char *[]){"uspawn", "--vsyscall=emulate", NULL}) == PARSE_RUN &&
                      s->vsyscall == VSYSCALL_CHOICE_EMULATE,
              "--vsyscall=emulate");
        check(options_parse(s, 3, (char *[]){"uspawn", "--vsyscall", "native", NULL}) == PARSE_RUN &&
                      s->vsyscall == VSYSCALL_CHOICE_NATIVE,
              "--vsyscall native");
        check(options_parse(s, 2, (char *[]){"uspawn", "--vsyscall=none", NULL}) == -EINVAL, "--vsyscall=none refused");
        talloc_free(ctx);
}

static void test_decode(void)
{
        const struct vsyscall_entry *e;

        e = vsyscall_decode(VSYSCALL_PAGE, 0xffffffffff600000UL);
        check(e && e->call == VSYSCALL_GETTIMEOFDAY && streq(e->name, "gettimeofday"), "page+0 is gettimeofday");
        e = vsyscall_decode(VSYSCALL_PAGE, 0xffffffffff600400UL);
        check(e && e->call == VSYSCALL_TIME, "page+0x400 is time");
        e = vsyscall_decode(VSYSCALL_PAGE, 0xffffffffff600800UL);
        check(e && e->call == VSYSCALL_GETCPU, "page+0x800 is getcpu");
        check(!vsyscall_decode(VSYSCALL_PAGE, 0xffffffffff600010UL), "misaligned jump is not an entry");
        check(!vsyscall_decode(VSYSCALL_PAGE, 0xffffffffff600401UL), "entry+1 is not an entry");
        check(!vsyscall_decode(VSYSCALL_PAGE, 0xffffffffff600c00UL), "page+0xc00 is not an entry");
        check(!vsyscall_decode(VSYSCALL_PAGE, 0xffffffffff601000UL), "the next page is not ours");
        check(!vsyscall_decode(VSYSCALL_PAGE, 0x400UL), "a low address is not ours");
        check(!vsyscall_decode(VSYSCALL_PAGE, 0xffffffffff5ffc00UL), "the page before is not ours");
        e = vsyscall_decode(0x7f5a5a600000UL, 0x7f5a5a600400UL);
        check(e && e->call == VSYSCALL_TIME, "a test page decodes the same way");
}

static void test_time(void)
{
        struct vsyscall_outcome o;
        struct user_regs_struct r;
        int64_t t;

        r = regs_for(0x400, 0, 0);
        check(vsyscall_emulate(vsyscall_decode(VSYSCALL_PAGE, r.rip), &r, &ops, &o) == 0 &&
                      returned(&r, 1360000000, &o),
              "time(NULL) returns the seconds and emulates ret");

        r = regs_for(0x400, RW_BASE + 8, 0);
        check(vsyscall_emulate(vsyscall_decode(VSYSCALL_PAGE, r.rip), &r, &ops, &o) == 0 &&
                      returned(&r, 1360000000, &o),
              "time(&t) returns the seconds");
        memcpy(&t, mem.rw + 8, sizeof t);
        check(t == 1360000000, "time(&t) stores the seconds");

        r = regs_for(0x400, RO_BASE, 0);
        check(vsyscall_emulate(vsyscall_decode(VSYSCALL_PAGE, r.rip), &r, &ops, &o) == 0 && o.action == VSYSCALL_SEGV &&
                      o.fault_code == SI_KERNEL && unchanged(&r, 0x400),
              "time on a read-only page: SIGSEGV (SI_KERNEL), registers untouched");

        r = regs_for(0x400, 0x30000, 0);
        check(vsyscall_emulate(vsyscall_decode(VSYSCALL_PAGE, r.rip), &r, &ops, &o) == 0 && o.action == VSYSCALL_SEGV &&
                      o.fault_code == SI_KERNEL && unchanged(&r, 0x400),
              "time on an unmapped pointer: SIGSEGV");

        r = regs_for(0x400, 0xffff880000000000UL, 0);
        check(vsyscall_emulate(vsyscall_decode(VSYSCALL_PAGE, r.rip), &r, &ops, &o) == 0 && o.action == VSYSCALL_SEGV &&
                      o.fault_code == SEGV_MAPERR && o.fault_addr == 0xffff880000000000UL && unchanged(&r, 0x400),
              "time on a kernel address: SEGV_MAPERR at it (access_ok)");
}

static void test_gettimeofday(void)
{
        struct vsyscall_outcome o;
        struct user_regs_struct r;
        int64_t tv[2];
        int32_t tz[2];

        r = regs_for(0, RW_BASE, RW_BASE + 16);
        check(vsyscall_emulate(vsyscall_decode(VSYSCALL_PAGE, r.rip), &r, &ops, &o) == 0 && returned(&r, 0, &o),
              "gettimeofday(&tv, &tz) returns 0");
        memcpy(tv, mem.rw, sizeof tv);
        memcpy(tz, mem.rw + 16, sizeof tz);
        check(tv[0] == 1360000000 && tv[1] == 123456, "gettimeofday stores tv");
        check(tz[0] == -60 && tz[1] == 1, "gettimeofday stores tz");

        r = regs_for(0, 0, 0);
        check(vsyscall_emulate(vsyscall_decode(VSYSCALL_PAGE, r.rip), &r, &ops, &o) == 0 && returned(&r, 0, &o),
              "gettimeofday(NULL, NULL) writes nothing and returns 0");

        r = regs_for(0, RW_BASE, RO_BASE);
        check(vsyscall_emulate(vsyscall_decode(VSYSCALL_PAGE, r.rip), &r, &ops, &o) == 0 && o.action == VSYSCALL_SEGV &&
                      unchanged(&r, 0),
              "gettimeofday with a read-only tz: SIGSEGV");
        memcpy(tv, mem.rw, sizeof tv);
        check(tv[0] == 1360000000, "tv was stored before tz faulted, as in the kernel");

        r = regs_for(0, RW_BASE, 0xffffffffff600000UL);
        check(vsyscall_emulate(vsyscall_decode(VSYSCALL_PAGE, r.rip), &r, &ops, &o) == 0 && o.action == VSYSCALL_SEGV &&
                      o.fault_code == SEGV_MAPERR,
              "gettimeofday with a kernel tz: refused up front");
        memcpy(tv, mem.rw, sizeof tv);
        check(tv[0] == 0, "nothing stored when access_ok refuses a pointer");
}

static void test_getcpu(void)
{
        struct vsyscall_outcome o;
        struct user_regs_struct r;
        uint32_t v[2];

        r = regs_for(0x800, RW_BASE, RW_BASE + 4);
        check(vsyscall_emulate(vsyscall_decode(VSYSCALL_PAGE, r.rip), &r, &ops, &o) == 0 && returned(&r, 0, &o),
              "getcpu(&cpu, &node) returns 0");
        memcpy(v, mem.rw, sizeof v);
        check(v[0] == 3 && v[1] == 1, "getcpu stores cpu and node");

        r = regs_for(0x800, 0, RW_BASE);
        check(vsyscall_emulate(vsyscall_decode(VSYSCALL_PAGE, r.rip), &r, &ops, &o) == 0 && returned(&r, 0, &o),
              "getcpu(NULL, &node) returns 0");
        memcpy(v, mem.rw, sizeof v);
        check(v[0] == 1, "getcpu(NULL, &node) stores only the node");

        r = regs_for(0x800, RO_BASE, RW_BASE);
        check(vsyscall_emulate(vsyscall_decode(VSYSCALL_PAGE, r.rip), &r, &ops, &o) == 0 && o.action == VSYSCALL_SEGV &&
                      unchanged(&r, 0x800),
              "getcpu with a read-only cpu pointer: SIGSEGV");
        memcpy(v, mem.rw, sizeof v);
        check(v[0] == 1, "sys_getcpu still stores the node after the cpu store faulted");
}

static void test_errors(void)
{
        struct vsyscall_outcome o;
        struct user_regs_struct r;

        r = regs_for(0x400, 0, 0);
        r.rsp = 0x30000; /* unmapped stack */
        check(vsyscall_emulate(vsyscall_decode(VSYSCALL_PAGE, r.rip), &r, &ops, &o) == 0 && o.action == VSYSCALL_SEGV &&
                      o.fault_code == SI_KERNEL && r.rip == VSYSCALL_PAGE + 0x400 && r.rsp == 0x30000,
              "an unreadable return address: SIGSEGV (SI_KERNEL), registers untouched");

        r = regs_for(0x400, RW_BASE, 0);
        mem.gone = true;
        check(vsyscall_emulate(vsyscall_decode(VSYSCALL_PAGE, r.rip), &r, &ops, &o) == -ESRCH && unchanged(&r, 0x400),
              "a vanished tracee: -ESRCH, nothing changed");
}

static void test_stat_cpu(void)
{
        unsigned cpu = 99;
        const char *line = "1234 (a (b) c) S 1 1234 1234 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 4242 1000 100 "
                           "18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 5 0 0 0 0 0 0 0 0 0 0 0 0 0\n";

        check(vsyscall_parse_stat_cpu(line, &cpu) == 0 && cpu == 5, "processor field read past a comm with ') '");
        check(vsyscall_parse_stat_cpu("1 (x) S 1 2 3", &cpu) == -EINVAL && cpu == 5, "a short stat line is refused");
        check(vsyscall_parse_stat_cpu("garbage", &cpu) == -EINVAL, "no comm: refused");
}

int main(void)
{
        test_choice();
        test_option();
        test_decode();
        test_time();
        test_gettimeofday();
        test_getcpu();
        test_errors();
        test_stat_cpu();
        return unit_exit();
}
