/* Where uspawn keeps things of the user's: one place, so every program agrees. */
#pragma once

/* $XDG_DATA_HOME/uspawn/machines, else ~/.local/share/uspawn/machines; NULL when neither
 * variable is usable. Allocated on ctx. */
char *machines_directory(void *ctx);
