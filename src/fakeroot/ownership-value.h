/* The parser of OWNERSHIP_XATTR's value ("UID:GID:PERM[:TYPE]", see ownership.h), freestanding
 * (no libc call, no libc header) so that the supervisor (ownership.c) and the in-process stat
 * shim (preload/ids-record.c) read records with the same code. */
#pragma once

#include <stddef.h>
#include <stdint.h>

struct ownership_value {
        uint32_t uid, gid;
        unsigned perm;  /* permission bits as written (fuse-overlayfs may add type bits: masked) */
        unsigned type;  /* S_IF* bits of the named type, 0 when the value names none */
        unsigned major, minor; /* "char-MAJ-MIN", "block-MAJ-MIN" */
};

static inline const char *ownership_value_number(const char *p, const char *end, unsigned base, uint64_t max,
                                                 uint64_t *ret)
{
        uint64_t v = 0;
        const char *start = p;

        for (; p < end && *p >= '0' && *p < (char)('0' + base); p++) {
                v = v * base + (uint64_t)(*p - '0');
                if (v > max)
                        return NULL;
        }
        *ret = v;
        return p == start ? NULL : p;
}

static inline int ownership_value_word(const char *p, const char *end, const char *word)
{
        size_t n = 0;

        while (word[n])
                n++;
        if ((size_t)(end - p) < n)
                return 0;
        for (size_t i = 0; i < n; i++)
                if (p[i] != word[i])
                        return 0;
        return (int)n;
}

/* 0, or -22 (EINVAL) for a malformed value. */
static inline int ownership_value_parse(const char *value, size_t len, struct ownership_value *ret)
{
        static const struct {
                unsigned type;
                const char *name;
        } types[] = {
                {0100000, "file"},   {0040000, "dir"},  {0120000, "symlink"}, {0010000, "pipe"},
                {0140000, "socket"}, {0020000, "char"}, {0060000, "block"},
        };
        const char *p = value, *end = value + len;
        struct ownership_value o = {0};
        uint64_t v;

        while (len && value[len - 1] == '\0') /* a writer that kept the C string's end */
                len--;
        end = value + len;
        if (len >= 128)
                return -22;
        if (!(p = ownership_value_number(p, end, 10, UINT32_MAX, &v)) || p == end || *p++ != ':')
                return -22;
        o.uid = (uint32_t)v;
        if (!(p = ownership_value_number(p, end, 10, UINT32_MAX, &v)) || p == end || *p++ != ':')
                return -22;
        o.gid = (uint32_t)v;
        if (!(p = ownership_value_number(p, end, 8, UINT32_MAX, &v)))
                return -22;
        o.perm = (unsigned)v & 07777;
        if (p < end && *p == ':') {
                p++;
                for (size_t i = 0; i < sizeof types / sizeof types[0] && !o.type; i++) {
                        int n = ownership_value_word(p, end, types[i].name);
                        int dev = types[i].type == 0020000 || types[i].type == 0060000;
                        if (!n)
                                continue;
                        if (!dev && p + n == end) {
                                o.type = types[i].type;
                                p = end;
                        } else if (dev && p + n < end && p[n] == '-') {
                                const char *q = ownership_value_number(p + n + 1, end, 10, UINT32_MAX, &v);
                                o.major = (unsigned)v;
                                if (!q || q == end || *q != '-' ||
                                    !(q = ownership_value_number(q + 1, end, 10, UINT32_MAX, &v)) || q != end)
                                        return -22;
                                o.minor = (unsigned)v;
                                o.type = types[i].type;
                                p = end;
                        }
                }
                if (!o.type)
                        return -22;
        }
        if (p != end)
                return -22;
        *ret = o;
        return 0;
}
