/* systemd-nspawn's settings files: NAME.nspawn with [Exec], [Files] and [Network] keys, applied
 * through the same option handlers as the command line (which wins where both speak). */
#pragma once

#include <stdbool.h>

#include "settings.h"

/* Read the settings files for s->machine: the trusted one in $XDG_CONFIG_HOME/uspawn/ (else
 * ~/.config/uspawn/), then the one beside the tree, whose privileged keys (host binds, extra
 * capabilities, allowed system calls) are ignored with a notice unless --settings=trusted.
 * Returns -errno after reporting "FILE:LINE: ..." for a bad value; unknown keys only warn. */
int nspawn_files_load(struct settings *s);

/* Apply the text of one file (exposed for the unit tests). */
int nspawn_file_apply(struct settings *s, const char *path, const char *text, bool trusted);
