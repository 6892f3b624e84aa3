/* sysvinit's initctl request (initreq.h), for any runlevel: uspawnctl reboot asks for '6'.
 * The same request as boot.c's sysvinit_request_halt, which could become a call to this. */
#include "ctl/initctl.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include "util/macro.h"

struct init_request {
        int magic;
        int cmd;
        int runlevel;
        int sleeptime;
        char data[368];
};
#define INIT_MAGIC 0x03091969
#define INIT_CMD_RUNLVL 1

int sysvinit_request_runlevel(int pid, char level)
{
        static const char *const fifos[] = {"run/initctl", "dev/initctl"};
        struct init_request req = {.magic = INIT_MAGIC, .cmd = INIT_CMD_RUNLVL, .runlevel = level};
        int r = -ENOENT;

        for (size_t i = 0; i < ELEMENTSOF(fifos); i++) {
                char path[64];
                _cleanup_close_ int fd = -EBADF;

                /* the container's root as PID 1 sees it, from outside */
                snprintf(path, sizeof path, "/proc/%d/root/%s", pid, fifos[i]);
                fd = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
                if (fd < 0) {
                        r = -errno;
                        continue;
                }
                if (write(fd, &req, sizeof req) == (ssize_t)sizeof req)
                        return 0;
                r = -errno;
        }
        return r;
}
