/* Unit tests for call-site patching's pure half: recognising the known sequences byte for byte
 * (and nothing near them), the new immediates, the trampoline page, and the vDSO's symbols (this
 * process's own vDSO, as the kernel mapped it). */
#include <elf.h>
#include <stdint.h>
#include <string.h>
#include <sys/auxv.h>

#include "supervise/vsyscall-site.h"
#include "util/macro.h"
#include "unit.h"

#define RET 0x7f0000001009UL /* a return address */

/* eglibc 2.13's time(): sub $8,%rsp; mov $0xffffffffff600400,%rax; call *%rax -- ending at RET */
static const uint8_t glibc_time[VSYSCALL_SITE_MAX + 1] = {0x48, 0x83, 0xec, 0x08, 0x48, 0xc7, 0xc0,
                                                          0x00, 0x04, 0x60, 0xff, 0xff, 0xd0};

static void test_match(void)
{
        uint8_t code[VSYSCALL_SITE_MAX];
        struct vsyscall_site s;

        memcpy(code, glibc_time + 1, sizeof code);
        check(vsyscall_site_match(code, sizeof code, RET, VSYSCALL_PAGE + 0x400, &s) == 1, "glibc's time() site");
        check(s.start == RET - 9 && s.len == 9 && s.imm_addr == RET - 6 && s.imm_len == 4, "its layout");
        check(vsyscall_site_match(code, sizeof code, RET, VSYSCALL_PAGE + 0x000, &s) == 0,
              "an immediate naming another entry is no match");
        code[sizeof code - 1] = 0xd1; /* call *%rcx */
        check(vsyscall_site_match(code, sizeof code, RET, VSYSCALL_PAGE + 0x400, &s) == 0, "call *%rcx is no match");
        memcpy(code, glibc_time + 1, sizeof code);
        code[sizeof code - 8] = 0xc1; /* mov $imm32,%rcx */
        check(vsyscall_site_match(code, sizeof code, RET, VSYSCALL_PAGE + 0x400, &s) == 0, "a load into %rcx");

        static const uint8_t movabs[VSYSCALL_SITE_MAX] = {0x48, 0xb8, 0x00, 0x08, 0x60, 0xff,
                                                          0xff, 0xff, 0xff, 0xff, 0xff, 0xd0};
        check(vsyscall_site_match(movabs, sizeof movabs, RET, VSYSCALL_PAGE + 0x800, &s) == 1, "movabs getcpu site");
        check(s.start == RET - 12 && s.imm_addr == RET - 10 && s.imm_len == 8, "movabs layout");
        check(vsyscall_site_reaches(&s, 0x7ffd12345678UL), "an 8-byte immediate reaches the vDSO");

        /* a test page below 2 GiB, as the integration tests use */
        static const uint8_t low[VSYSCALL_SITE_MAX] = {0, 0, 0, 0x48, 0xc7, 0xc0, 0x00, 0x00, 0x5a, 0x5a, 0xff, 0xd0};
        check(vsyscall_site_match(low, sizeof low, RET, 0x5a5a0000UL, &s) == 1, "a positive imm32");
        check(!vsyscall_site_reaches(&s, 0x7ffd12345678UL), "a 4-byte immediate cannot reach the vDSO");
        check(vsyscall_site_reaches(&s, 0x7ffff000UL), "it reaches a trampoline below 2 GiB");
        check(!vsyscall_site_reaches(&s, 0x80000000UL), "but not at 2 GiB (it would sign-extend)");
        uint8_t imm[4];
        vsyscall_site_immediate(&s, 0x7ffff010UL, imm);
        check(memcmp(imm, "\x10\xf0\xff\x7f", 4) == 0, "the new immediate, little-endian");
        check(vsyscall_site_match(low, sizeof low, 5, 0x5a5a0000UL, &s) == 0, "a return address too low");
}

static void test_trampoline(void)
{
        static uint8_t page[VSYSCALL_TRAMPOLINE_SIZE];
        const unsigned long targets[3] = {0x7ffd00000a00UL, 0x7ffd00000b00UL, 0};

        vsyscall_trampoline_build(page, targets);
        check(vsyscall_trampoline_check(page, sizeof page, VSYSCALL_TIME, targets[1]), "time slot");
        check(vsyscall_trampoline_check(page, sizeof page, VSYSCALL_GETTIMEOFDAY, targets[0]), "gettimeofday slot");
        check(!vsyscall_trampoline_check(page, sizeof page, VSYSCALL_TIME, targets[0]), "a slot for another target");
        check(!vsyscall_trampoline_check(page, sizeof page, VSYSCALL_GETCPU, 0), "an empty slot is no jump");
        check(page[32] == 0xcc, "an empty slot traps");
        check(memcmp(page + 16, "\xff\x25\x00\x00\x00\x00\x00\x0b\x00\x00\xfd\x7f\x00\x00", 14) == 0,
              "jmp *0(%rip) and the address");
        check(vsyscall_trampoline_slot(0x7ffff000UL, VSYSCALL_GETCPU) == 0x7ffff020UL, "slot addresses");
        page[0x100] ^= 1;
        check(!vsyscall_trampoline_check(page, sizeof page, VSYSCALL_TIME, targets[1]), "no marker, not ours");
}

static void test_vdso(void)
{
        const uint8_t *vdso = (const uint8_t *)getauxval(AT_SYSINFO_EHDR);
        unsigned long off, off2;

        if (!vdso) {
                printf("ok - # SKIP no vDSO in this process\n");
                return;
        }
        /* the kernel's x86-64 vDSO is two pages or more; its text is in the first */
        check(vsyscall_vdso_lookup(vdso, 8192, "__vdso_time", &off) == 0 && off > 0 && off < 8192, "__vdso_time");
        check(vsyscall_vdso_lookup(vdso, 8192, "__vdso_gettimeofday", &off2) == 0 && off2 != off,
              "__vdso_gettimeofday");
        check(vsyscall_vdso_lookup(vdso, 8192, "__vdso_getcpu", &off) == 0, "__vdso_getcpu");
        check(vsyscall_vdso_lookup(vdso, 8192, "__vdso_tim", &off) == -ENOENT, "a prefix is not a name");
        check(vsyscall_vdso_lookup(vdso, 8192, "nothing", &off) == -ENOENT, "an unknown name");
        check(vsyscall_vdso_find_syscall(vdso, 8192, &off) == 0 && vdso[off] == 0x0f && vdso[off + 1] == 0x05,
              "a syscall instruction");
        check(vsyscall_vdso_lookup(vdso, 32, "__vdso_time", &off) == -EINVAL, "a truncated image");
        static const uint8_t junk[64] = "not an ELF file";
        check(vsyscall_vdso_lookup(junk, sizeof junk, "__vdso_time", &off) == -EINVAL, "not an ELF image");
        check(strcmp(vsyscall_vdso_name(VSYSCALL_GETCPU), "__vdso_getcpu") == 0, "names");
}

static void test_layout(void)
{
        struct vsyscall_layout l;
        const char *maps = "00400000-004c1000 r-xp 00000000 08:01 1234 /usr/bin/perl\n"
                           "5a5a0000-5a5a1000 ---p 00000000 00:00 0 \n"
                           "7ffff000-80000000 r-xp 00000000 00:00 0 \n"
                           "7f0000000000-7f0000100000 r-xs 00000000 00:05 77 /memfd:x (deleted)\n"
                           "7f1200000000-7f1200180000 r-xp 00000000 08:01 99 /lib/x86_64-linux-gnu/libc-2.13.so\n"
                           "7ffc0fa6a000-7ffc0fa6c000 r-xp 00000000 00:00 0                          [vdso]\n";

        vsyscall_layout_parse(maps, 0x7f1200010000UL, 9, &l);
        check(l.site_private, "a site in libc's text is private");
        check(l.vdso == 0x7ffc0fa6a000UL && l.vdso_end == 0x7ffc0fa6c000UL, "the [vdso] line");
        check(l.n_tramps == 1 && l.tramps[0] == 0x7ffff000UL, "one trampoline candidate (the name-less page)");
        check(l.free_page == 0x7fffe000UL, "free room just below it");
        vsyscall_layout_parse(maps, 0x7f0000000100UL, 9, &l);
        check(!l.site_private && strcmp(l.site_why, "a shared mapping") == 0, "a shared mapping");
        vsyscall_layout_parse(maps, 0x5a5a0100UL, 9, &l);
        check(!l.site_private && strcmp(l.site_why, "not executable") == 0, "a PROT_NONE mapping");
        vsyscall_layout_parse(maps, 0x004c0ffcUL, 9, &l);
        check(!l.site_private, "a sequence running past its mapping's end");
        vsyscall_layout_parse("55d0c0000000-55d0c0001000 r-xp 00000000 08:01 5 /bin/x\n", 0x55d0c0000010UL, 9, &l);
        check(l.free_page == 0x7ffff000UL && !l.vdso && l.n_tramps == 0, "a PIE: the top page below 2 GiB");
        vsyscall_layout_parse("00010000-90000000 rw-p 00000000 00:00 0 \n", 0x1000, 9, &l);
        check(l.free_page == 0, "no room below 2 GiB");
        vsyscall_layout_parse("00010000-7fff0000 rw-p 00000000 00:00 0 \n", 0x1000, 9, &l);
        check(l.free_page == 0x7ffff000UL, "room above the last low mapping");
}

int main(void)
{
        test_layout();
        test_match();
        test_trampoline();
        test_vdso();
        return unit_exit();
}
