/* The user's directories for uspawn, per the XDG base directory specification. */
#include "util/paths.h"

#include <stdlib.h>
#include <talloc.h>

char *machines_directory(void *ctx)
{
        const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");

        if (xdg && xdg[0] == '/')
                return talloc_asprintf(ctx, "%s/uspawn/machines", xdg);
        if (home && home[0] == '/')
                return talloc_asprintf(ctx, "%s/.local/share/uspawn/machines", home);
        return NULL;
}
