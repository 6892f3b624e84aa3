/* The unit tests' one assertion: prints TAP-like "ok - name" / "not ok - name" lines; main
 * returns unit_exit() so the runner sees 0 only when every check held. */
#pragma once

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>

static int unit_failures;

#define check(cond, name) unit_check((cond), (name), __FILE__, __LINE__)

static inline void unit_check(bool cond, const char *name, const char *file, int line)
{
        if (cond)
                printf("ok - %s\n", name);
        else {
                printf("not ok - %s (%s:%d)\n", name, file, line);
                unit_failures++;
        }
}

static inline int unit_exit(void)
{
        return unit_failures ? 1 : 0;
}
