/* Console relay, as systemd-nspawn's: the user's terminal in raw mode, bytes copied both ways,
 * window size followed, and ^] ^] ^] within one second as the way out. */
#include "supervise/console.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "util/macro.h"

#define ESCAPE_BYTE 0x1d /* ^] */

int console_open(struct console *c, bool relay_input, bool relay_output)
{
        int fd = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);

        *c = (struct console){.master = -EBADF, .relay_input = relay_input, .relay_output = relay_output};
        if (fd < 0)
                return -errno;
        if (grantpt(fd) < 0 || unlockpt(fd) < 0 || ptsname_r(fd, c->slave, sizeof c->slave) != 0) {
                int r = -errno;
                close(fd);
                return r;
        }
        c->master = fd;
        fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
        console_sync_size(c);
        return 0;
}

void console_sync_size(struct console *c)
{
        struct winsize ws;

        if (c->master >= 0 && ioctl(STDIN_FILENO, TIOCGWINSZ, &ws) == 0)
                ioctl(c->master, TIOCSWINSZ, &ws);
}

void console_enter_raw(struct console *c)
{
        struct termios raw;

        if (!c->relay_input || !isatty(STDIN_FILENO) || tcgetattr(STDIN_FILENO, &c->saved) < 0)
                return;
        raw = c->saved;
        cfmakeraw(&raw);
        raw.c_oflag = c->saved.c_oflag; /* keep output processing so our own messages stay readable */
        if (tcsetattr(STDIN_FILENO, TCSANOW, &raw) == 0)
                c->raw = true;
}

void console_restore(struct console *c)
{
        if (c->raw)
                tcsetattr(STDIN_FILENO, TCSANOW, &c->saved);
        c->raw = false;
}

static long long now_ms(void)
{
        struct timespec ts;

        clock_gettime(CLOCK_MONOTONIC, &ts);
        return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int write_all(int fd, const char *buf, size_t n)
{
        while (n > 0) {
                ssize_t k = write(fd, buf, n);
                if (k < 0 && errno == EINTR)
                        continue;
                if (k < 0 && errno == EAGAIN) {
                        usleep(1000); /* the pty is full; the reader inside will drain it */
                        continue;
                }
                if (k < 0)
                        return -errno;
                buf += k;
                n -= (size_t)k;
        }
        return 0;
}

/* Count ^] presses; three within a second mean "kill the container". */
static bool saw_escape(struct console *c, const char *buf, size_t n)
{
        for (size_t i = 0; i < n; i++) {
                if (buf[i] != ESCAPE_BYTE) {
                        c->escape_count = 0;
                        continue;
                }
                if (c->escape_count == 0 || now_ms() - c->escape_window_start_ms > 1000) {
                        c->escape_count = 0;
                        c->escape_window_start_ms = now_ms();
                }
                if (++c->escape_count >= 3)
                        return true;
        }
        return false;
}

int console_forward_input(struct console *c)
{
        char buf[4096];
        ssize_t n = read(STDIN_FILENO, buf, sizeof buf);

        if (n < 0)
                return errno == EINTR || errno == EAGAIN ? 0 : -errno;
        if (n == 0)
                return -EPIPE;
        if (saw_escape(c, buf, (size_t)n))
                return 1;
        return write_all(c->master, buf, (size_t)n);
}

int console_forward_output(struct console *c)
{
        char buf[8192];

        for (;;) {
                ssize_t n = read(c->master, buf, sizeof buf);
                if (n < 0 && (errno == EAGAIN || errno == EINTR))
                        return 0;
                if (n <= 0)
                        return -EIO; /* every slave is closed */
                if (c->relay_output && write_all(STDOUT_FILENO, buf, (size_t)n) < 0)
                        c->relay_output = false; /* stdout went away: keep draining */
        }
}

void console_close(struct console *c)
{
        console_restore(c);
        c->master = safe_close(c->master);
}
