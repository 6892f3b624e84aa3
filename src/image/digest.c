/* SHA-256 with nettle. */
#include "image/digest.h"

#include <fcntl.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "image/interrupt.h"
#include "util/log.h"

#define PREFIX "sha256:"

bool digest_is_valid(const char *digest)
{
        if (!startswith(digest, PREFIX) || strlen(digest) != strlen(PREFIX) + 64)
                return false;
        return strspn(digest + strlen(PREFIX), "0123456789abcdef") == 64;
}

int digest_verify_file(const char *path, const char *digest)
{
        _cleanup_close_ int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);

        if (fd < 0)
                return log_error_errno(-errno, "Failed to open blob %s of %s: %m", path, digest);
        return digest_verify_fd(fd, path, digest);
}

int digest_verify_fd(int fd, const char *path, const char *digest)
{
        uint8_t md[SHA256_DIGEST_SIZE];
        char hex[2 * SHA256_DIGEST_SIZE + 1];
        static char buf[256 * 1024];
        struct sha256_ctx c;
        ssize_t n;

        if (lseek(fd, 0, SEEK_SET) < 0)
                return log_error_errno(-errno, "Failed to read blob %s: %m", path);
        sha256_init(&c);
        while ((n = read(fd, buf, sizeof buf)) != 0) {
                if (n < 0 && errno == EINTR && !import_interrupted())
                        continue;
                if (n < 0)
                        return errno == EINTR ? -EINTR : log_error_errno(-errno, "Failed to read blob %s: %m", path);
                sha256_update(&c, (size_t)n, (const uint8_t *)buf);
        }
        sha256_digest(&c, sizeof md, md);
        for (size_t i = 0; i < sizeof md; i++)
                snprintf(hex + 2 * i, 3, "%02x", md[i]);
        if (!startswith(digest, PREFIX) || !streq(digest + strlen(PREFIX), hex))
                return log_error_errno(-EBADMSG, "Digest mismatch: blob %s should be %s but is sha256:%s; the image is corrupt or was tampered with",
                                       path, digest, hex);
        return 0;
}
