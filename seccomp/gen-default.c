/* Build-time generator: compiles the default seccomp policy (no --system-call-filter) to BPF
 * and writes it to stdout -- with --emulate-ids, joined by the root emulation's rules -- so
 * uspawn embeds the results and most starts skip libseccomp's compiler altogether. The same
 * code compiles filters at run time, so the two cannot differ (a unit test checks it). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "userns/seccomp.h"

int main(int argc, char **argv)
{
        void *bpf = NULL;
        size_t len = 0;
        int r = seccomp_compile_policy(NULL, argc > 1 && strcmp(argv[1], "--emulate-ids") == 0, &bpf, &len);

        if (r < 0) {
                fprintf(stderr, "gen-default: cannot compile the default seccomp policy: %s\n", strerror(-r));
                return 1;
        }
        if (fwrite(bpf, 1, len, stdout) != len || fflush(stdout) != 0)
                return 1;
        free(bpf);
        return 0;
}
