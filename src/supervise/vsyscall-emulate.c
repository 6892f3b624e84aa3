/* The --vsyscall choice as text and as a decision, and reading the CPU from /proc/PID/stat for
 * the tracer's getcpu (vsyscall-entry.c has the entries and the emulation itself). */
#include "supervise/vsyscall-emulate.h"

#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "util/macro.h"

const char *vsyscall_choice_to_string(enum vsyscall_choice c)
{
        static const char *const names[] = {
                [VSYSCALL_CHOICE_AUTO] = "auto",
                [VSYSCALL_CHOICE_EMULATE] = "emulate",
                [VSYSCALL_CHOICE_NATIVE] = "native",
                [VSYSCALL_CHOICE_PRELOAD] = "preload",
        };
        return (unsigned)c < ELEMENTSOF(names) ? names[c] : "auto";
}

int vsyscall_choice_from_string(const char *s, enum vsyscall_choice *ret)
{
        for (enum vsyscall_choice c = VSYSCALL_CHOICE_AUTO; c <= VSYSCALL_CHOICE_PRELOAD; c++)
                if (streq(s, vsyscall_choice_to_string(c))) {
                        *ret = c;
                        return 0;
                }
        return -EINVAL;
}

bool vsyscall_want_emulation(enum vsyscall_choice c, enum vsyscall_mode host_mode)
{
        switch (c) {
        case VSYSCALL_CHOICE_EMULATE:
                return true;
        case VSYSCALL_CHOICE_NATIVE:
        case VSYSCALL_CHOICE_PRELOAD: /* the programs do it themselves */
                return false;
        default:
                /* xonly and emulate: the kernel does it; unknown: we cannot tell, so stay out */
                return host_mode == VSYSCALL_NONE;
        }
}

int vsyscall_parse_stat_cpu(const char *stat_text, unsigned *ret_cpu)
{
        /* "pid (comm) state ppid ..." -- comm may hold spaces and parentheses: skip to the last ')' */
        const char *p = strrchr(stat_text, ')');
        unsigned long v;
        int field = 2;

        if (!p)
                return -EINVAL;
        p++;
        while (*p && field < 39) {
                while (*p == ' ')
                        p++;
                if (!*p)
                        return -EINVAL;
                field++;
                if (field == 39)
                        break;
                while (*p && *p != ' ')
                        p++;
        }
        if (field != 39 || sscanf(p, "%lu", &v) != 1 || v > 0xffffffffUL)
                return -EINVAL;
        *ret_cpu = (unsigned)v;
        return 0;
}
