/* PATH search and exec diagnostics. The ELF header tells a binary of another architecture
 * from a missing dynamic loader; both look like ENOEXEC or ENOENT to execve. */
#include "userns/exec.h"

#include <elf.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <talloc.h>
#include <unistd.h>

#include "util/macro.h"

static int check_candidate(const char *path)
{
        struct stat st;

        if (stat(path, &st) < 0)
                return -errno;
        if (S_ISDIR(st.st_mode))
                return -EACCES;
        return access(path, X_OK) < 0 ? -errno : 0;
}

int find_executable(void *ctx, const char *name, const char *path_list, char **ret_path)
{
        _cleanup_free_ char *copy = NULL;
        char *save = NULL;
        int best = -ENOENT;

        if (strchr(name, '/')) {
                int r = check_candidate(name);
                if (r == 0)
                        *ret_path = talloc_strdup(ctx, name);
                return r;
        }
        copy = strdup(path_list ? path_list : "/usr/bin:/bin");
        if (!copy)
                return -ENOMEM;
        for (char *dir = strtok_r(copy, ":", &save); dir; dir = strtok_r(NULL, ":", &save)) {
                char *candidate = talloc_asprintf(ctx, "%s/%s", dir, name);
                int r = check_candidate(candidate);
                if (r == 0) {
                        *ret_path = candidate;
                        return 0;
                }
                if (r == -EACCES)
                        best = r;
                talloc_free(candidate);
        }
        return best;
}

static const char *machine_name(unsigned m)
{
        switch (m) {
        case EM_386:
                return "i386";
        case EM_ARM:
                return "arm";
        case EM_AARCH64:
                return "aarch64";
        case EM_PPC:
                return "ppc";
        case EM_PPC64:
                return "ppc64";
        case EM_S390:
                return "s390x";
        case EM_MIPS:
                return "mips";
        case EM_RISCV:
                return "riscv";
        case EM_X86_64:
                return "x86_64";
        default:
                return NULL;
        }
}

const char *explain_exec_failure(void *ctx, const char *path, int error)
{
        _cleanup_close_ int fd = open(path, O_RDONLY | O_CLOEXEC);
        Elf64_Ehdr eh;
        ssize_t n;

        if (fd < 0)
                return NULL;
        n = read(fd, &eh, sizeof eh);
        if (n < (ssize_t)EI_NIDENT + 4 || memcmp(eh.e_ident, ELFMAG, SELFMAG) != 0)
                return error == -ENOEXEC ? "it is neither an ELF binary nor a script with #!" : NULL;
        if (eh.e_machine != EM_X86_64) {
                const char *m = machine_name(eh.e_machine);
                return m ? talloc_asprintf(ctx,
                                           "it is an ELF binary for %s and this host runs x86_64 (qemu-user-binfmt "
                                           "could run it)",
                                           m)
                         : talloc_asprintf(ctx, "it is an ELF binary for machine type %u, not x86_64", eh.e_machine);
        }
        if (error == -ENOENT)
                return "its ELF interpreter (dynamic loader) is missing in the tree";
        return NULL;
}
