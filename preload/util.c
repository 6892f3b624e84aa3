/* The handful of string helpers the freestanding shims need, plus the memcpy/memset the compiler
 * may emit on its own; all hidden, so no call ever leaves the library for them. Shared by
 * libuspawn-cow.so and libuspawn-ids.so: nothing here depends on either one's state. */
#include "cow.h"

void *memcpy(void *d, const void *s, size_t n)
{
        unsigned char *a = d;
        const unsigned char *b = s;

        while (n--)
                *a++ = *b++;
        return d;
}

void *memmove(void *d, const void *s, size_t n)
{
        unsigned char *a = d;
        const unsigned char *b = s;

        if (a < b)
                return memcpy(d, s, n);
        while (n--)
                a[n] = b[n];
        return d;
}

void *memset(void *d, int c, size_t n)
{
        unsigned char *a = d;

        while (n--)
                *a++ = (unsigned char)c;
        return d;
}

size_t cow_strlen(const char *s)
{
        size_t n = 0;

        while (s[n])
                n++;
        return n;
}

int cow_strncmp(const char *a, const char *b, size_t n)
{
        for (; n; n--, a++, b++)
                if (*a != *b || !*a)
                        return (unsigned char)*a - (unsigned char)*b;
        return 0;
}

char *cow_stpcpy(char *d, const char *s)
{
        while ((*d = *s++))
                d++;
        return d;
}

char *cow_utoa(char *d, unsigned long v)
{
        char tmp[24];
        int n = 0;

        do
                tmp[n++] = (char)('0' + v % 10);
        while ((v /= 10));
        while (n)
                *d++ = tmp[--n];
        *d = 0;
        return d;
}
