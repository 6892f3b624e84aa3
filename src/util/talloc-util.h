/* Cleanup helper for talloc contexts held by a local variable. */
#pragma once

#include <talloc.h>

static inline void talloc_freep(void *p)
{
        if (*(void **)p)
                talloc_free(*(void **)p);
}
#define _cleanup_talloc_ __attribute__((cleanup(talloc_freep)))
