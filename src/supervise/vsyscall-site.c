/* Recognising and redirecting vsyscall call sites, the trampoline page's layout, and the vDSO's
 * symbol table: the pure half of call-site patching (vsyscall-patch.c does the ptrace half). */
#include "supervise/vsyscall-site.h"

#include <elf.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "util/macro.h"

/* Each form is `opcode imm ; call *%rax` and ends at the return address. Only the immediate
 * changes when a site is patched, so every instruction boundary stays where it was: a thread
 * that already executed the `mov` still calls the old entry (and traps), one that has not yet
 * loads the new address. */
static const struct form {
        const char *form;
        uint8_t opcode[3];
        size_t opcode_len;
        size_t imm_len;
} forms[] = {
        /* glibc <= 2.13's time(), sched_getcpu() and the lowlevellock timed waits, static and
         * shared alike (eglibc 2.13 libc-2.13.so: 48 c7 c0 00 04 60 ff ff d0); Go's runtime */
        {"mov $imm32,%rax; call *%rax", {0x48, 0xc7, 0xc0}, 3, 4},
        /* the same through a full 64-bit immediate (hand-written assembler) */
        {"movabs $imm64,%rax; call *%rax", {0x48, 0xb8}, 2, 8},
};

static const uint8_t call_rax[] = {0xff, 0xd0};

static uint64_t load_le(const uint8_t *p, size_t n)
{
        uint64_t v = 0;

        for (size_t i = n; i > 0; i--)
                v = v << 8 | p[i - 1];
        return v;
}

int vsyscall_site_match(const uint8_t *code, size_t len, unsigned long ret_addr, unsigned long entry,
                        struct vsyscall_site *ret)
{
        for (size_t i = 0; i < ELEMENTSOF(forms); i++) {
                const struct form *f = &forms[i];
                size_t n = f->opcode_len + f->imm_len + sizeof call_rax;
                const uint8_t *p = code + len - n;
                uint64_t imm;

                if (n > len || ret_addr < n)
                        continue;
                if (memcmp(p, f->opcode, f->opcode_len) != 0 || memcmp(p + n - 2, call_rax, 2) != 0)
                        continue;
                imm = load_le(p + f->opcode_len, f->imm_len);
                if (f->imm_len == 4)
                        imm = (uint64_t)(int64_t)(int32_t)(uint32_t)imm;
                if (imm != entry)
                        continue;
                *ret = (struct vsyscall_site){
                        .form = f->form,
                        .start = ret_addr - n,
                        .len = n,
                        .imm_addr = ret_addr - n + f->opcode_len,
                        .imm_len = f->imm_len,
                };
                return 1;
        }
        return 0;
}

bool vsyscall_site_reaches(const struct vsyscall_site *s, unsigned long target)
{
        return s->imm_len == 8 || (uint64_t)(int64_t)(int32_t)(uint32_t)target == target;
}

void vsyscall_site_immediate(const struct vsyscall_site *s, unsigned long target, uint8_t *ret_bytes)
{
        for (size_t i = 0; i < s->imm_len; i++)
                ret_bytes[i] = (uint8_t)(target >> (8 * i));
}

/* ---- the trampoline page ------------------------------------------------------------------ */

#define SLOT_SIZE 16
#define MARKER_OFFSET 0x100
static const char marker[] = "uspawn vsyscall trampoline 1";
static const uint8_t jmp_rip[] = {0xff, 0x25, 0x00, 0x00, 0x00, 0x00}; /* jmp *0(%rip): the next 8 bytes */

unsigned long vsyscall_trampoline_slot(unsigned long base, enum vsyscall_call c)
{
        return base + (unsigned long)c * SLOT_SIZE;
}

void vsyscall_trampoline_build(uint8_t *page, const unsigned long targets[3])
{
        memset(page, 0xcc, VSYSCALL_TRAMPOLINE_SIZE); /* int3 everywhere else */
        for (int c = VSYSCALL_GETTIMEOFDAY; c <= VSYSCALL_GETCPU; c++) {
                uint8_t *slot = page + (size_t)c * SLOT_SIZE;
                if (!targets[c])
                        continue;
                memcpy(slot, jmp_rip, sizeof jmp_rip);
                for (size_t i = 0; i < 8; i++)
                        slot[sizeof jmp_rip + i] = (uint8_t)(targets[c] >> (8 * i));
        }
        memcpy(page + MARKER_OFFSET, marker, sizeof marker);
}

int vsyscall_trampoline_check(const uint8_t *page, size_t len, enum vsyscall_call c, unsigned long target)
{
        const uint8_t *slot = page + (size_t)c * SLOT_SIZE;

        if (len < MARKER_OFFSET + sizeof marker || memcmp(page + MARKER_OFFSET, marker, sizeof marker) != 0)
                return 0;
        return memcmp(slot, jmp_rip, sizeof jmp_rip) == 0 && load_le(slot + sizeof jmp_rip, 8) == target;
}

/* ---- /proc/PID/maps ---------------------------------------------------------------------- */

#define LOWEST_TRAMPOLINE 0x10000UL /* vm.mmap_min_addr's default */

void vsyscall_layout_parse(const char *maps, unsigned long site, size_t len, struct vsyscall_layout *ret)
{
        unsigned long prev_end = LOWEST_TRAMPOLINE;

        *ret = (struct vsyscall_layout){.site_why = "not in one mapping"};
        for (const char *l = maps; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
                unsigned long start, end, inode;
                char perms[5], name[16] = "";
                int at = 0;
                if (sscanf(l, "%lx-%lx %4s %*x %*x:%*x %lu%n", &start, &end, perms, &inode, &at) < 4 || at == 0)
                        continue;
                /* the name, if any, up to the end of this line only */
                sscanf(l + at, "%*[ ]%15[^\n]", name);
                if (start <= site && site + len <= end) {
                        ret->site_private = perms[2] == 'x' && perms[3] == 'p';
                        ret->site_why = perms[3] != 'p' ? "a shared mapping" : "not executable";
                }
                if (streq(name, "[vdso]")) {
                        ret->vdso = start;
                        ret->vdso_end = end;
                }
                if (end <= VSYSCALL_TRAMPOLINE_LIMIT && end - start == VSYSCALL_TRAMPOLINE_SIZE &&
                    streq(perms, "r-xp") && inode == 0 && !name[0] && ret->n_tramps < ELEMENTSOF(ret->tramps))
                        ret->tramps[ret->n_tramps++] = start;
                /* the gap below this mapping, clipped to the reachable range: the last one wins */
                if (prev_end < VSYSCALL_TRAMPOLINE_LIMIT) {
                        unsigned long top = start < VSYSCALL_TRAMPOLINE_LIMIT ? start : VSYSCALL_TRAMPOLINE_LIMIT;
                        if (top > prev_end && top - prev_end >= VSYSCALL_TRAMPOLINE_SIZE)
                                ret->free_page = top - VSYSCALL_TRAMPOLINE_SIZE;
                }
                if (end > prev_end)
                        prev_end = end;
        }
        if (prev_end < VSYSCALL_TRAMPOLINE_LIMIT)
                ret->free_page = VSYSCALL_TRAMPOLINE_LIMIT - VSYSCALL_TRAMPOLINE_SIZE;
}

/* ---- the vDSO's ELF image ----------------------------------------------------------------- */

const char *vsyscall_vdso_name(enum vsyscall_call c)
{
        static const char *const names[] = {
                [VSYSCALL_GETTIMEOFDAY] = "__vdso_gettimeofday",
                [VSYSCALL_TIME] = "__vdso_time",
                [VSYSCALL_GETCPU] = "__vdso_getcpu",
        };
        return (unsigned)c < ELEMENTSOF(names) ? names[c] : NULL;
}

static bool in_image(size_t len, uint64_t off, uint64_t size)
{
        return off <= len && size <= len - off;
}

static const Elf64_Phdr *find_phdr(const uint8_t *image, size_t len, uint32_t type, uint32_t flags)
{
        const Elf64_Ehdr *eh = (const Elf64_Ehdr *)image;

        if (len < sizeof *eh || memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0 || eh->e_ident[EI_CLASS] != ELFCLASS64 ||
            eh->e_phentsize != sizeof(Elf64_Phdr) ||
            !in_image(len, eh->e_phoff, (uint64_t)eh->e_phnum * sizeof(Elf64_Phdr)))
                return NULL;
        for (size_t i = 0; i < eh->e_phnum; i++) {
                const Elf64_Phdr *ph = (const Elf64_Phdr *)(image + eh->e_phoff) + i;
                if (ph->p_type == type && (ph->p_flags & flags) == flags)
                        return ph;
        }
        return NULL;
}

int vsyscall_vdso_lookup(const uint8_t *image, size_t len, const char *name, unsigned long *ret_offset)
{
        const Elf64_Phdr *load = find_phdr(image, len, PT_LOAD, 0), *dyn = find_phdr(image, len, PT_DYNAMIC, 0);
        uint64_t symtab = 0, strtab = 0, strsz = 0, hash = 0, bias, nsyms;

        if (!load || !dyn || !in_image(len, dyn->p_offset, dyn->p_filesz))
                return -EINVAL;
        bias = load->p_vaddr - load->p_offset; /* the dynamic section holds link-time addresses */
        for (const Elf64_Dyn *d = (const Elf64_Dyn *)(image + dyn->p_offset);
             (const uint8_t *)(d + 1) <= image + dyn->p_offset + dyn->p_filesz && d->d_tag != DT_NULL; d++)
                switch (d->d_tag) {
                case DT_SYMTAB:
                        symtab = d->d_un.d_ptr - bias;
                        break;
                case DT_STRTAB:
                        strtab = d->d_un.d_ptr - bias;
                        break;
                case DT_STRSZ:
                        strsz = d->d_un.d_val;
                        break;
                case DT_HASH:
                        hash = d->d_un.d_ptr - bias;
                        break;
                }
        if (!symtab || !strtab || !in_image(len, strtab, strsz))
                return -EINVAL;
        if (hash && in_image(len, hash, 8))
                nsyms = load_le(image + hash + 4, 4); /* nchain: one per symbol */
        else if (strtab > symtab)
                nsyms = (strtab - symtab) / sizeof(Elf64_Sym); /* .dynstr follows .dynsym */
        else
                return -EINVAL;
        if (!in_image(len, symtab, nsyms * sizeof(Elf64_Sym)))
                return -EINVAL;
        for (uint64_t i = 1; i < nsyms; i++) {
                const Elf64_Sym *s = (const Elf64_Sym *)(image + symtab) + i;
                const char *n = (const char *)image + strtab + s->st_name;
                size_t max = strsz - s->st_name;

                if (s->st_name >= strsz || s->st_shndx == SHN_UNDEF || ELF64_ST_TYPE(s->st_info) != STT_FUNC)
                        continue;
                if (strnlen(n, max) == strlen(name) && memcmp(n, name, strlen(name)) == 0) {
                        if (s->st_value < bias || s->st_value - bias >= len)
                                return -EINVAL;
                        *ret_offset = s->st_value - bias;
                        return 0;
                }
        }
        return -ENOENT;
}

int vsyscall_vdso_find_syscall(const uint8_t *image, size_t len, unsigned long *ret_offset)
{
        const Elf64_Phdr *text = find_phdr(image, len, PT_LOAD, PF_X);

        if (!text || !in_image(len, text->p_offset, text->p_filesz))
                return -ENOENT;
        for (uint64_t i = text->p_offset; i + 1 < text->p_offset + text->p_filesz; i++)
                if (image[i] == 0x0f && image[i + 1] == 0x05) {
                        *ret_offset = i;
                        return 0;
                }
        return -ENOENT;
}
