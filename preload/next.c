/* The next definition of a symbol after this library, RTLD_NEXT without dlsym: dlsym lives in
 * libdl before glibc 2.34, which most programs never load, and a versioned reference to it would
 * tie the shim to one glibc era. dl_iterate_phdr is in libc itself in every glibc since 2.2.4 and
 * in musl (an unversioned, weak reference: absent, the hooks fall back as documented). Each
 * loaded object's symbol table is searched through its DT_GNU_HASH or DT_HASH table, skipping
 * hidden (non-default) versions, which is what the dynamic linker would bind an unversioned
 * reference to. */
#include <linux/elf.h>

#include "cow.h"

#ifndef DT_GNU_HASH
#define DT_GNU_HASH 0x6ffffef5
#endif
#ifndef DT_VERSYM
#define DT_VERSYM 0x6ffffff0
#endif
#define STT_GNU_IFUNC_ 10

struct dl_phdr_info {
        Elf64_Addr dlpi_addr;
        const char *dlpi_name;
        const Elf64_Phdr *dlpi_phdr;
        Elf64_Half dlpi_phnum;
};
extern int dl_iterate_phdr(int (*cb)(struct dl_phdr_info *, size_t, void *), void *data) __attribute__((weak));
extern Elf64_Dyn _DYNAMIC[] __attribute__((visibility("hidden")));

struct query {
        const char *name;
        unsigned gnu, sysv; /* the name's two hashes */
        int pass;           /* 0: only objects after this one (RTLD_NEXT); 1: any but this one */
        int seen_self;
        void *found;
};

static int name_eq(const char *a, const char *b)
{
        while (*a && *a == *b)
                a++, b++;
        return *a == *b;
}

struct object {
        Elf64_Addr base;
        const Elf64_Sym *symtab;
        const char *strtab;
        const uint32_t *gnu, *sysv;
        const uint16_t *versym;
};

static void *match(const struct query *q, const struct object *o, uint32_t i)
{
        const Elf64_Sym *s = &o->symtab[i];
        int type = ELF64_ST_TYPE(s->st_info);

        if (s->st_shndx == 0 /* SHN_UNDEF */ || (type != STT_FUNC && type != STT_GNU_IFUNC_) ||
            !name_eq(o->strtab + s->st_name, q->name))
                return 0;
        if (o->versym && ((o->versym[i] & 0x8000) || o->versym[i] == 0)) /* hidden or local */
                return 0;
        if (type == STT_GNU_IFUNC_)
                return ((void *(*)(void))(o->base + s->st_value))();
        return (void *)(o->base + s->st_value);
}

static void *lookup(const struct query *q, const struct object *o)
{
        if (o->gnu) {
                uint32_t nbuckets = o->gnu[0], symoffset = o->gnu[1], bloom_size = o->gnu[2];
                const uint32_t *buckets = o->gnu + 4 + 2 * bloom_size, *chain = buckets + nbuckets;
                uint32_t i = nbuckets ? buckets[q->gnu % nbuckets] : 0;

                if (i < symoffset)
                        return 0;
                for (;; i++) {
                        uint32_t h = chain[i - symoffset];
                        void *f = (h | 1) == (q->gnu | 1) ? match(q, o, i) : 0;
                        if (f)
                                return f;
                        if (h & 1)
                                return 0;
                }
        }
        if (o->sysv) {
                uint32_t nbucket = o->sysv[0];
                const uint32_t *bucket = o->sysv + 2, *chain = bucket + nbucket;

                for (uint32_t i = nbucket ? bucket[q->sysv % nbucket] : 0; i; i = chain[i]) {
                        void *f = match(q, o, i);
                        if (f)
                                return f;
                }
        }
        return 0;
}

/* glibc stores relocated addresses in the dynamic section, musl leaves them as link-time values */
static const void *dyn_ptr(Elf64_Addr base, Elf64_Addr v)
{
        return (const void *)(v < base ? v + base : v);
}

static int visit(struct dl_phdr_info *info, size_t size, void *data)
{
        struct query *q = data;
        const Elf64_Dyn *dyn = 0;
        struct object o = {.base = info->dlpi_addr};

        for (unsigned i = 0; i < info->dlpi_phnum; i++)
                if (info->dlpi_phdr[i].p_type == PT_DYNAMIC)
                        dyn = (const Elf64_Dyn *)(info->dlpi_addr + info->dlpi_phdr[i].p_vaddr);
        if (!dyn)
                return 0;
        if (dyn == _DYNAMIC) {
                q->seen_self = 1;
                return 0;
        }
        if (q->pass == 0 && !q->seen_self)
                return 0;
        for (; dyn->d_tag != DT_NULL; dyn++) {
                Elf64_Addr v = dyn->d_un.d_ptr;
                switch (dyn->d_tag) {
                case DT_SYMTAB:
                        o.symtab = dyn_ptr(o.base, v);
                        break;
                case DT_STRTAB:
                        o.strtab = dyn_ptr(o.base, v);
                        break;
                case DT_HASH:
                        o.sysv = dyn_ptr(o.base, v);
                        break;
                case DT_GNU_HASH:
                        o.gnu = dyn_ptr(o.base, v);
                        break;
                case DT_VERSYM:
                        o.versym = dyn_ptr(o.base, v);
                        break;
                }
        }
        if (o.symtab && o.strtab)
                q->found = lookup(q, &o);
        return q->found != 0;
}

void *cow_next(const char *name)
{
        struct query q = {.name = name, .gnu = 5381};
        unsigned h = 0, g;

        if (!dl_iterate_phdr)
                return 0;
        for (const unsigned char *c = (const unsigned char *)name; *c; c++) {
                q.gnu = q.gnu * 33 + *c;
                h = (h << 4) + *c;
                g = h & 0xf0000000u;
                if (g)
                        h ^= g >> 24;
                h &= ~g;
        }
        q.sysv = h;
        dl_iterate_phdr(visit, &q);
        if (!q.found) { /* loaded by dlopen after libc: then any other object will do */
                q.pass = 1;
                dl_iterate_phdr(visit, &q);
        }
        return q.found;
}
