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

int syslog_relay_init(struct syslog_relay *r, const char *machine, const char *log_file)
{
        *r = (struct syslog_relay){.sock.fd = -EBADF, .out_fd = STDERR_FILENO, .machine = machine};
        if (log_file) {
                r->out_fd = open(log_file, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NOCTTY, 0644);
                if (r->out_fd < 0) {
                        r->out_fd = STDERR_FILENO;
                        return -errno;
                }
        }
        return 0;
}

int syslog_relay_open(struct syslog_relay *r, const char *machine, const char *log_file)
{
        int e = syslog_relay_init(r, machine, log_file);

        if (e >= 0)
                e = host_socket_open(&r->sock, "log");
        if (e < 0)
                syslog_relay_close(r);
        return e;
}

void syslog_relay_forward(struct syslog_relay *r)
{
        char msg[8192], line[8400];

        for (;;) {
                ssize_t n = recv(r->sock.fd, msg, sizeof msg, 0);
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
        host_socket_close(&r->sock);
        if (r->out_fd != STDERR_FILENO)
                r->out_fd = safe_close(r->out_fd);
        r->out_fd = STDERR_FILENO;
}
