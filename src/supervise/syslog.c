/* The /dev/log relay. glibc's syslog(3) (and sysklogd-era libcs) try SOCK_DGRAM first, so a
 * datagram socket serves every era; messages are short, one recv each. */
#include "supervise/syslog.h"

#include <ctype.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "util/macro.h"

int syslog_format_line(const char *machine, const char *msg, size_t len, char *out, size_t size)
{
        size_t i = 0, o;
        int n;

        if (len > 0 && msg[0] == '<') {
                size_t j = 1;
                while (j < len && j < 5 && isdigit((unsigned char)msg[j]))
                        j++;
                if (j < len && msg[j] == '>' && j > 1)
                        i = j + 1;
        }
        while (len > i && (msg[len - 1] == '\n' || msg[len - 1] == '\0'))
                len--;
        n = snprintf(out, size, "%s: ", machine);
        if (n < 0 || (size_t)n >= size)
                return -ENOBUFS;
        o = (size_t)n;
        for (; i < len && o + 2 < size; i++)
                out[o++] = (unsigned char)msg[i] < 0x20 || msg[i] == 0x7f ? '?' : msg[i];
        out[o++] = '\n';
        out[o] = '\0';
        return (int)o;
}

int syslog_relay_open(struct syslog_relay *r, const char *machine, const char *log_file)
{
        const char *base = getenv("XDG_RUNTIME_DIR");
        struct sockaddr_un sa = {.sun_family = AF_UNIX};
        struct stat st;

        *r = (struct syslog_relay){.fd = -EBADF, .out_fd = STDERR_FILENO, .machine = machine};
        if (!base || base[0] != '/' || stat(base, &st) < 0 || !S_ISDIR(st.st_mode) || access(base, W_OK) < 0)
                base = "/tmp";
        snprintf(r->dir, sizeof r->dir, "%s/uspawn-log.XXXXXX", base);
        if (!mkdtemp(r->dir)) {
                r->dir[0] = '\0';
                return -errno;
        }
        snprintf(r->path, sizeof r->path, "%s/log", r->dir);
        if (strlen(r->path) >= sizeof sa.sun_path) {
                syslog_relay_close(r);
                return -ENAMETOOLONG;
        }
        memcpy(sa.sun_path, r->path, strlen(r->path) + 1);
        r->fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
        if (r->fd < 0 || bind(r->fd, (struct sockaddr *)&sa, sizeof sa) < 0 || chmod(r->path, 0666) < 0) {
                int e = -errno;
                syslog_relay_close(r);
                return e;
        }
        if (log_file) {
                r->out_fd = open(log_file, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NOCTTY, 0644);
                if (r->out_fd < 0) {
                        int e = -errno;
                        r->out_fd = STDERR_FILENO;
                        syslog_relay_close(r);
                        return e;
                }
        }
        return 0;
}

void syslog_relay_unlink(struct syslog_relay *r)
{
        if (r->path[0])
                unlink(r->path);
        if (r->dir[0])
                rmdir(r->dir);
        r->path[0] = r->dir[0] = '\0';
}

void syslog_relay_forward(struct syslog_relay *r)
{
        char msg[8192], line[8400];

        for (;;) {
                ssize_t n = recv(r->fd, msg, sizeof msg, 0);
                int k;

                if (n < 0 && errno == EINTR)
                        continue;
                if (n <= 0)
                        return;
                k = syslog_format_line(r->machine, msg, (size_t)n, line, sizeof line);
                if (k > 0 && write(r->out_fd, line, (size_t)k) < 0)
                        return;
        }
}

void syslog_relay_close(struct syslog_relay *r)
{
        syslog_relay_unlink(r);
        r->fd = safe_close(r->fd);
        if (r->out_fd != STDERR_FILENO)
                r->out_fd = safe_close(r->out_fd);
        r->out_fd = STDERR_FILENO;
}
