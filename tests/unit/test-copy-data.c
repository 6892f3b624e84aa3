/* Unit tests for clone's data copy: holes stay holes (a 64 MiB file with 8 KiB of data copies to
 * a few blocks), the data lands where it was, a trailing hole keeps the size, progress ticks add
 * up and a tick's error stops the copy. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "image/copy-data.h"
#include "unit.h"

static char dir[] = "/var/tmp/uspawn-unit-copy.XXXXXX";

static int open_in_dir(const char *name, int flags)
{
        char path[256];

        snprintf(path, sizeof path, "%s/%s", dir, name);
        return open(path, flags | O_CLOEXEC, 0644);
}

static uint64_t ticked;

static int count_tick(uint64_t bytes, void *userdata)
{
        ticked = bytes;
        return 0;
}

static int stop_tick(uint64_t bytes, void *userdata)
{
        return -EINTR;
}

int main(void)
{
        char a[4096], b[4096];
        struct stat st_in, st_out;
        int in, out;

        if (!mkdtemp(dir))
                return perror("mkdtemp"), 1;
        in = open_in_dir("sparse", O_RDWR | O_CREAT);
        memset(a, 'x', sizeof a);
        check(pwrite(in, a, sizeof a, 1 << 20) == sizeof a, "write data at 1 MiB");
        check(pwrite(in, a, sizeof a, 20 << 20) == sizeof a, "write data at 20 MiB");
        check(ftruncate(in, 64 << 20) == 0, "a 64 MiB file with a trailing hole");
        fsync(in);

        out = open_in_dir("copy", O_RDWR | O_CREAT);
        check(copy_data(in, out, 64 << 20, count_tick, NULL) == 0, "copy_data succeeds");
        check(fstat(in, &st_in) == 0 && fstat(out, &st_out) == 0, "stat both");
        check(st_out.st_size == 64 << 20, "size kept (trailing hole)");
        check(st_out.st_blocks <= st_in.st_blocks + 16, "holes stay holes");
        check(st_out.st_blocks * 512 < (1 << 20), "far less than the apparent size is allocated");
        check(pread(out, b, sizeof b, 20 << 20) == sizeof b && memcmp(a, b, sizeof a) == 0, "data at 20 MiB");
        check(pread(out, b, 16, (1 << 20) - 16) == 16 && b[0] == 0 && b[15] == 0, "zeros before the data");
        check(ticked >= 2 * sizeof a && ticked < (64 << 20), "ticks count data bytes, not holes");

        close(out);
        out = open_in_dir("stopped", O_RDWR | O_CREAT);
        check(copy_data(in, out, 64 << 20, stop_tick, NULL) == -EINTR, "a tick's error stops the copy");

        close(in);
        close(out);
        char cmd[128];
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
        if (system(cmd) != 0)
                perror("rm");
        return unit_exit();
}
