/* Removing trees the importer made: whiteouts, replaced directories, an aborted import. */
#pragma once

/* Remove name (relative to dirfd) and, if it is a directory, everything below it, never
 * following a symbolic link. Directories are made writable first (an image's 0555 ones).
 * A missing name is not an error. Returns 0 or -errno. */
int rm_rf_at(int dirfd, const char *name);

/* Remove the contents of the directory dirfd, keeping the entries keep() says yes to. */
int rm_children_at(int dirfd, int (*keep)(const char *name, void *userdata), void *userdata);
