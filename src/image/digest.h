/* Content digests of image blobs ("sha256:HEX"), checked before a blob is used. */
#pragma once

#include <stdbool.h>

/* Whether digest is "sha256:" and 64 lowercase hex digits (so it can name a file safely). */
bool digest_is_valid(const char *digest);

/* Hash the file at path and compare with digest. Logs a mismatch naming the digest and the
 * path, and returns -EBADMSG; other failures are logged too. */
int digest_verify_file(const char *path, const char *digest);
/* The same for an open file (read from its start; left at its end). path names it in messages. */
int digest_verify_fd(int fd, const char *path, const char *digest);
