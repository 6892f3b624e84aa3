/* uspawn-loader: how the trace backend executes a dynamic guest program. The kernel would load
 * the program's PT_INTERP from the host's file system (the host's ld.so with the guest's
 * libraries), so the tracer executes this loader instead, with the guest's argv and envp
 * untouched. The loader asks the tracer which program it stands for (loader-script.h), opens
 * the program and its interpreter by their guest paths (the tracer translates those opens like
 * any other), maps both as the kernel's ELF loader would, points the auxiliary vector at the
 * program (AT_PHDR, AT_PHNUM, AT_ENTRY, AT_BASE), moves the heap (brk) after the program and
 * names the process, then jumps to the interpreter's entry on the original stack. The guest thus
 * sees its own argv in /proc/self/cmdline and ps.
 *
 * Static, freestanding (raw system calls, no libc) and position independent: it is mapped
 * wherever the kernel puts it, out of the way of the program's fixed addresses, and it needs no
 * relocation (the build checks it has none). x86_64 only, as the trace backend. */
#include <asm/errno.h>
#include <asm/mman.h>
#include <linux/mman.h>
#include <asm/unistd.h>
#include <elf.h>
#include <linux/fcntl.h>
#include <linux/personality.h>
#include <linux/prctl.h>

#include "trace/loader-script.h"

#ifndef __x86_64__
#error "uspawn-loader is written for x86_64"
#endif

typedef unsigned long ulong;

#define PAGE 4096UL
#define PAGE_DOWN(x) ((x) & ~(PAGE - 1))
#define PAGE_UP(x) PAGE_DOWN((x) + PAGE - 1)
#define MAX_PHNUM 64
#define EXIT_CANNOT_EXEC 126 /* what a shell reports for a program it found but could not run */
#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000
#endif
#define ELF_ET_DYN_BASE 0x555555554000UL /* where the kernel puts a PIE program (x86_64) */
#define MMAP_RND_PAGES (1UL << 28)       /* its randomisation range, in pages (mmap_rnd_bits) */
#define BRK_RND_PAGES 0x2000UL           /* and the heap's: 32 MiB */

static long sys6(long nr, long a, long b, long c, long d, long e, long f)
{
        long ret;
        register long r10 __asm__("r10") = d;
        register long r8 __asm__("r8") = e;
        register long r9 __asm__("r9") = f;

        __asm__ volatile("syscall"
                         : "=a"(ret)
                         : "a"(nr), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8), "r"(r9)
                         : "rcx", "r11", "memory");
        return ret;
}
#define sys(nr, a, b, c) sys6(nr, (long)(a), (long)(b), (long)(c), 0, 0, 0)

/* The compiler may call these for struct copies and initialisers. */
void *memset(void *d, int c, ulong n);
void *memset(void *d, int c, ulong n)
{
        unsigned char *p = d;
        while (n--)
                *p++ = (unsigned char)c;
        return d;
}
void *memcpy(void *d, const void *s, ulong n);
void *memcpy(void *d, const void *s, ulong n)
{
        unsigned char *p = d;
        const unsigned char *q = s;
        while (n--)
                *p++ = *q++;
        return d;
}

static ulong str_len(const char *s)
{
        ulong n = 0;
        while (s[n])
                n++;
        return n;
}

static void put(const char *s)
{
        (void)sys(__NR_write, 2, s, str_len(s));
}

static __attribute__((noreturn)) void die(const char *path, const char *what, long err)
{
        char num[24], *p = num + sizeof num;

        *--p = '\0';
        err = err < 0 ? -err : err;
        do
                *--p = (char)('0' + err % 10);
        while ((err /= 10) && p > num);
        put("uspawn-loader: ");
        if (path) {
                put(path);
                put(": ");
        }
        put(what);
        put(" (errno ");
        put(p);
        put(")\n");
        for (;;)
                sys(__NR_exit_group, EXIT_CANNOT_EXEC, 0, 0);
}

static long pread_all(int fd, void *buf, ulong len, ulong off)
{
        long n = sys6(__NR_pread64, fd, (long)buf, (long)len, (long)off, 0, 0);
        return n < 0 ? n : (ulong)n == len ? 0 : -ENOEXEC;
}

/* One ELF image mapped, and what the auxiliary vector and the memory map say of it. */
struct image {
        ulong bias, entry, phdr, phnum;
        ulong start_code, end_code, start_data, end_data, brk;
        int exec_stack;
};

static int prot_of(unsigned flags)
{
        return (flags & PF_R ? PROT_READ : 0) | (flags & PF_W ? PROT_WRITE : 0) | (flags & PF_X ? PROT_EXEC : 0);
}

/* Map one PT_LOAD: file pages, the partial page's tail zeroed, anonymous pages for the rest. */
static long map_segment(int fd, const Elf64_Phdr *ph, ulong bias)
{
        ulong start = bias + ph->p_vaddr, page = PAGE_DOWN(start);
        ulong file_end = start + ph->p_filesz, mem_end = start + ph->p_memsz;
        int prot = prot_of(ph->p_flags);
        long r;

        if (ph->p_filesz) {
                /* the file's bytes past p_filesz on its last page are bss: zeroed (writable
                 * meanwhile, the rare read-only segment then made read-only again) */
                int zero = mem_end > file_end && PAGE_UP(file_end) > file_end;
                r = sys6(__NR_mmap, (long)page, (long)(PAGE_UP(file_end) - page), zero ? prot | PROT_WRITE : prot,
                         MAP_PRIVATE | MAP_FIXED, fd, (long)(ph->p_offset - (start - page)));
                if (r < 0)
                        return r;
                if (zero)
                        memset((void *)file_end, 0, PAGE_UP(file_end) - file_end);
                if (zero && !(prot & PROT_WRITE) && (r = sys(__NR_mprotect, page, PAGE_UP(file_end) - page, prot)) < 0)
                        return r;
        } else
                file_end = page;
        if (PAGE_UP(mem_end) > PAGE_UP(file_end)) {
                r = sys6(__NR_mmap, (long)PAGE_UP(file_end), (long)(PAGE_UP(mem_end) - PAGE_UP(file_end)), prot,
                         MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS, -1, 0);
                if (r < 0)
                        return r;
        }
        return 0;
}

/* Reserve the image's whole span: at its addresses (ET_EXEC) or near hint, aligned to its
 * largest p_align (ET_DYN). Returns the load bias. */
static long reserve(const Elf64_Ehdr *eh, ulong lo, ulong hi, ulong align, ulong hint, ulong *ret_bias)
{
        long r;

        if (eh->e_type == ET_EXEC) {
                r = sys6(__NR_mmap, (long)lo, (long)(hi - lo), PROT_NONE,
                         MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
                if (r >= 0 && (ulong)r != lo) /* a kernel before 4.17 took it as a hint */
                        return -EEXIST;
                *ret_bias = 0;
                return r < 0 ? r : 0;
        }
        r = sys6(__NR_mmap, (long)hint, (long)(hi - lo + align - PAGE), PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (r < 0)
                return r;
        ulong at = ((ulong)r + align - 1) & ~(align - 1);
        if (at > (ulong)r)
                (void)sys(__NR_munmap, r, at - (ulong)r, 0);
        if ((ulong)r + (hi - lo + align - PAGE) > at + (hi - lo))
                (void)sys(__NR_munmap, at + (hi - lo), (ulong)r + (hi - lo + align - PAGE) - (at + (hi - lo)), 0);
        *ret_bias = at - lo;
        return 0;
}

static long map_image(const char *path, ulong hint, struct image *im)
{
        Elf64_Ehdr eh;
        Elf64_Phdr ph[MAX_PHNUM];
        ulong lo = ~0UL, hi = 0, align = PAGE;
        long fd, r;

        fd = sys(__NR_open, path, O_RDONLY | O_CLOEXEC, 0);
        if (fd < 0)
                return fd;
        r = pread_all((int)fd, &eh, sizeof eh, 0);
        if (r < 0)
                goto out;
        r = -ENOEXEC;
        if (eh.e_ident[EI_MAG0] != ELFMAG0 || eh.e_ident[EI_MAG1] != ELFMAG1 || eh.e_ident[EI_MAG2] != ELFMAG2 ||
            eh.e_ident[EI_MAG3] != ELFMAG3 || eh.e_ident[EI_CLASS] != ELFCLASS64 || eh.e_machine != EM_X86_64 ||
            (eh.e_type != ET_EXEC && eh.e_type != ET_DYN) || eh.e_phentsize != sizeof ph[0] || eh.e_phnum == 0 ||
            eh.e_phnum > MAX_PHNUM)
                goto out;
        r = pread_all((int)fd, ph, eh.e_phnum * sizeof ph[0], eh.e_phoff);
        if (r < 0)
                goto out;
        for (unsigned i = 0; i < eh.e_phnum; i++)
                if (ph[i].p_type == PT_LOAD) {
                        if (PAGE_DOWN(ph[i].p_vaddr) < lo)
                                lo = PAGE_DOWN(ph[i].p_vaddr);
                        if (PAGE_UP(ph[i].p_vaddr + ph[i].p_memsz) > hi)
                                hi = PAGE_UP(ph[i].p_vaddr + ph[i].p_memsz);
                        if (ph[i].p_align > align && !(ph[i].p_align & (ph[i].p_align - 1)) &&
                            ph[i].p_align <= (1UL << 30))
                                align = ph[i].p_align;
                }
        r = -ENOEXEC;
        if (hi <= lo)
                goto out;
        r = reserve(&eh, lo, hi, align, hint, &im->bias);
        if (r < 0)
                goto out;

        *im = (struct image){.bias = im->bias, .entry = im->bias + eh.e_entry, .phnum = eh.e_phnum, .start_code = ~0UL};
        for (unsigned i = 0; i < eh.e_phnum; i++) {
                const Elf64_Phdr *p = &ph[i];
                ulong at = im->bias + p->p_vaddr;

                if (p->p_type == PT_PHDR)
                        im->phdr = at;
                if (p->p_type == PT_GNU_STACK)
                        im->exec_stack = !!(p->p_flags & PF_X);
                if (p->p_type != PT_LOAD)
                        continue;
                r = map_segment((int)fd, p, im->bias);
                if (r < 0)
                        goto out;
                if (!im->phdr && p->p_offset <= eh.e_phoff && eh.e_phoff < p->p_offset + p->p_filesz)
                        im->phdr = at + (eh.e_phoff - p->p_offset);
                /* as binfmt_elf counts them for /proc/PID/stat and PR_SET_MM */
                if ((p->p_flags & PF_X) && at < im->start_code)
                        im->start_code = at;
                if ((p->p_flags & PF_X) && at + p->p_filesz > im->end_code)
                        im->end_code = at + p->p_filesz;
                if (at > im->start_data)
                        im->start_data = at;
                if (at + p->p_filesz > im->end_data)
                        im->end_data = at + p->p_filesz;
                if (at + p->p_memsz > im->brk)
                        im->brk = at + p->p_memsz;
        }
        r = -ENOEXEC;
        if (!im->phdr)
                goto out;
        if (im->start_code == ~0UL)
                im->start_code = im->end_code = im->bias + lo;
        r = 0;
out:
        (void)sys(__NR_close, fd, 0, 0);
        return r;
}

static ulong random_pages(ulong range)
{
        long persona = sys(__NR_personality, 0xffffffff, 0, 0);
        ulong v = 0;

        if (persona >= 0 && (persona & ADDR_NO_RANDOMIZE)) /* setarch -R */
                return 0;
        if (sys(__NR_getrandom, &v, sizeof v, 1 /* GRND_NONBLOCK */) != sizeof v) {
                unsigned lo, hi;
                __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
                v = (ulong)hi << 32 | lo;
        }
        return v % range;
}

/* The kernel keeps its own copy of the auxiliary vector (/proc/PID/auxv) and the bounds ps and
 * /proc/PID/stat show; PR_SET_MM_MAP (no privilege needed without exe_fd) sets them, and moves
 * the heap after the program as the kernel would have. Best effort: a kernel without
 * CONFIG_CHECKPOINT_RESTORE leaves the loader's (the heap then starts elsewhere; malloc copes). */
static void set_mm(const struct image *prog, ulong *sp, ulong *auxv, ulong auxv_words)
{
        long argc = (long)sp[0];
        char **argv = (char **)(sp + 1), **envp = argv + argc + 1;
        struct prctl_mm_map m = {0};
        char **e = envp;

        while (*e)
                e++;
        m.start_code = prog->start_code;
        m.end_code = prog->end_code;
        m.start_data = prog->start_data;
        m.end_data = prog->end_data;
        m.start_brk = m.brk = PAGE_UP(prog->brk) + random_pages(BRK_RND_PAGES) * PAGE;
        if (m.start_brk <= m.end_data)
                m.start_brk = m.brk = m.end_data + PAGE;
        m.start_stack = (ulong)sp;
        m.arg_start = argc ? (ulong)argv[0] : 0;
        m.arg_end = argc ? (ulong)argv[argc - 1] + str_len(argv[argc - 1]) + 1 : 0;
        m.env_start = e > envp ? (ulong)envp[0] : m.arg_end;
        m.env_end = e > envp ? (ulong)e[-1] + str_len(e[-1]) + 1 : m.arg_end;
        if (!argc)
                m.arg_start = m.arg_end = m.env_start;
        m.auxv = (__u64 *)auxv;
        m.auxv_size = (unsigned)(auxv_words * sizeof(ulong));
        m.exe_fd = (unsigned)-1;
        (void)sys6(__NR_prctl, PR_SET_MM, PR_SET_MM_MAP, (long)&m, sizeof m, 0, 0);
}

/* Called from _start with the stack the kernel built: argc, argv, envp, auxv. */
__attribute__((noreturn, used)) void loader_main(ulong *sp);
__attribute__((noreturn, used)) void loader_main(ulong *sp)
{
        union {
                struct loader_script s;
                char c[LOADER_SCRIPT_MAX];
        } buf;
        struct image prog, interp = {0};
        ulong *auxv, n_aux, entry;
        long n, r;

        n = sys(__NR_readlink, LOADER_REQUEST, buf.c, sizeof buf.c);
        if (n < 0)
                die(0,
                    "no answer from uspawn's tracer (this helper runs programs for uspawn's trace "
                    "backend, not on its own; a --system-call-filter refusing readlink stops it too)",
                    n);
        if ((ulong)n < sizeof buf.s || buf.s.magic != LOADER_MAGIC || buf.s.size != (ulong)n || buf.c[n - 1] ||
            buf.s.program >= (ulong)n || buf.s.interp >= (ulong)n || buf.s.name >= (ulong)n)
                die(0, "the tracer's answer is not a loader script", EINVAL);
        const char *program = buf.c + buf.s.program, *ld = buf.s.interp ? buf.c + buf.s.interp : 0;

        r = map_image(program, ELF_ET_DYN_BASE + random_pages(MMAP_RND_PAGES) * PAGE, &prog);
        if (r < 0)
                die(program, "cannot map the program", r);
        if (ld && (r = map_image(ld, 0, &interp)) < 0)
                die(ld, "cannot map the program's interpreter", r);
        /* the stack the kernel would have made executable for this program */
        if (prog.exec_stack)
                (void)sys(__NR_mprotect, PAGE_DOWN((ulong)sp), PAGE,
                          PROT_READ | PROT_WRITE | PROT_EXEC | PROT_GROWSDOWN);

        auxv = sp + 1 + sp[0] + 1;
        while (*auxv++)
                ;
        for (n_aux = 0; auxv[n_aux] != AT_NULL; n_aux += 2)
                switch (auxv[n_aux]) {
                case AT_PHDR:
                        auxv[n_aux + 1] = prog.phdr;
                        break;
                case AT_PHENT:
                        auxv[n_aux + 1] = sizeof(Elf64_Phdr);
                        break;
                case AT_PHNUM:
                        auxv[n_aux + 1] = prog.phnum;
                        break;
                case AT_ENTRY:
                        auxv[n_aux + 1] = prog.entry;
                        break;
                case AT_BASE:
                        auxv[n_aux + 1] = ld ? interp.bias : 0;
                        break;
                }
        set_mm(&prog, sp, auxv, n_aux + 2);
        (void)sys(__NR_prctl, PR_SET_NAME, buf.c + buf.s.name, 0);

        entry = ld ? interp.entry : prog.entry;
        /* the program starts as from the kernel: its stack, %rdx 0 (no atexit function) */
        __asm__ volatile("mov %0, %%rsp\n\t"
                         "xor %%edx, %%edx\n\t"
                         "xor %%ebp, %%ebp\n\t"
                         "jmp *%1"
                         :
                         : "c"(sp), "a"(entry)
                         : "memory");
        __builtin_unreachable();
}

__asm__(".text\n"
        ".globl _start\n"
        ".type _start, @function\n"
        "_start:\n"
        "        xor %ebp, %ebp\n"
        "        mov %rsp, %rdi\n"
        "        and $-16, %rsp\n"
        "        call loader_main\n"
        "        hlt\n");
