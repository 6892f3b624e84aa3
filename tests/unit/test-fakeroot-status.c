/* fakeroot/status.c: the id lines of /proc/PID/status replaced by the model's, everything else
 * (and a last line without a newline) kept byte for byte. */
#include <stdlib.h>
#include <string.h>

#include "fakeroot/status.h"
#include "unit.h"
#include "util/macro.h"

static char *rewrite(const char *in, const struct fake_creds *k)
{
        char *buf = NULL;
        size_t size = 0;
        FILE *f = open_memstream(&buf, &size);

        if (!f)
                return NULL;
        if (fake_status_rewrite(in, k, f) < 0) {
                fclose(f);
                free(buf);
                return NULL;
        }
        fclose(f);
        return buf;
}

int main(void)
{
        const char *in = "Name:\tsh\nUmask:\t0022\nUid:\t1011\t1011\t1011\t1011\nGid:\t1011\t1011\t1011\t1011\n"
                         "FDSize:\t64\nGroups:\t1011 27 \nNStgid:\t5";
        struct fake_creds k;
        char *out;

        fake_creds_root(&k);
        out = rewrite(in, &k);
        check(out && streq(out, "Name:\tsh\nUmask:\t0022\nUid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\nFDSize:\t64\n"
                                    "Groups:\t \nNStgid:\t5"),
              "root: ids 0, no groups (the kernel's lone space), other lines and the unterminated last one kept");
        free(out);

        check(fake_setresgid(&k, 50, 50, 50) == 0 && fake_setgroups(&k, (uint32_t[]){50, 100}, 2) == 0 &&
                      fake_setresuid(&k, 1000, 1000, 0) == 0,
              "drop to 1000 keeping a saved root");
        out = rewrite(in, &k);
        check(out && strstr(out, "\nUid:\t1000\t1000\t0\t1000\n") && strstr(out, "\nGid:\t50\t50\t50\t50\n") &&
                      strstr(out, "\nGroups:\t50 100 \n"),
              "the model's real, effective, saved and fs ids, and its groups");
        free(out);
        return unit_exit();
}
