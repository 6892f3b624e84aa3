/* Unit tests for the command line: nspawn's spellings land in the right settings fields, the
 * command starts at the first non-option, and bad values are refused. */
#include <signal.h>
#include <string.h>
#include <talloc.h>

#include "cli/options.h"
#include "util/log.h"
#include "util/strv.h"
#include "unit.h"

static struct settings *parse(void *ctx, int *ret, char **argv)
{
        struct settings *s = settings_new(ctx);
        int argc = 0;

        while (argv[argc])
                argc++;
        *ret = options_parse(s, argc, argv);
        return s;
}

int main(void)
{
        void *ctx = talloc_new(NULL);
        int r;

        log_set_max_level(LOG_LEVEL_ERROR - 1); /* the refusals below are expected: keep quiet */
        struct settings *s = parse(ctx, &r,
                                   (char *[]){"uspawn",
                                              "-D",
                                              "/srv/r",
                                              "-M",
                                              "web",
                                              "--hostname=h1",
                                              "-u",
                                              "alice",
                                              "--chdir=/tmp",
                                              "-E",
                                              "A=1",
                                              "-E",
                                              "A=2",
                                              "--as-pid2=no",
                                              "-U",
                                              "--kill-signal=SIGUSR1",
                                              "--rlimit=NOFILE=10",
                                              "-q",
                                              "--no-new-privileges",
                                              "--system-call-filter=~@mount bpf",
                                              "/bin/sh",
                                              "-c",
                                              "echo -D",
                                              NULL});
        check(r == PARSE_RUN, "full command line parses");
        check(strcmp(s->directory, "/srv/r") == 0 && strcmp(s->machine, "web") == 0 && strcmp(s->hostname, "h1") == 0,
              "directory, machine, hostname");
        check(strcmp(s->user, "alice") == 0 && strcmp(s->chdir, "/tmp") == 0, "user and chdir");
        check(strv_length(s->environment) == 1 && strcmp(s->environment[0], "A=2") == 0,
              "a later -E replaces an earlier one");
        check(!s->as_pid2 && s->quiet && s->no_new_privileges && s->kill_signal == SIGUSR1, "flags");
        check(s->n_rlimits == 1 && s->rlimits[0].limit.rlim_cur == 10, "rlimit");
        check(strv_length(s->syscall_filter) == 2 && strcmp(s->syscall_filter[0], "~@mount") == 0 &&
                      strcmp(s->syscall_filter[1], "~bpf") == 0,
              "a ~ list denies every entry");
        check(strv_length(s->command) == 3 && strcmp(s->command[2], "echo -D") == 0,
              "options stop at the command; its arguments are not parsed");

        s = parse(ctx, &r, (char *[]){"uspawn", NULL});
        check(r == PARSE_RUN && s->as_pid2 && !s->command && s->kill_signal == 0 /* decided by finalize */ &&
                      s->private_users == PRIVATE_USERS_PICK,
              "defaults");

        static char *const bad[][3] = {
                {"uspawn", "--kill-signal=FOO", NULL},     {"uspawn", "--console=bogus", NULL},
                {"uspawn", "--frobnicate", NULL},          {"uspawn", "--bind=rel", NULL},
                {"uspawn", "--private-users=weird", NULL}, {"uspawn", "--system-call-filter=nosuchcall", NULL},
                {"uspawn", "--hostname=a/b", NULL},        {"uspawn", "-D", NULL},
                {"uspawn", "--capability=CAP_NOPE", NULL}, {"uspawn", "--chdir=rel", NULL},
        };
        for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
                char name[96];
                parse(ctx, &r, (char **)bad[i]);
                snprintf(name, sizeof name, "refused: %s", bad[i][1]);
                check(r == -EINVAL, name);
        }
        s = parse(ctx, &r,
                  (char *[]){"uspawn", "--capability=CAP_NET_ADMIN", "--drop-capability=NET_ADMIN,SYS_ADMIN", NULL});
        check(r == PARSE_RUN && s->capability_add == 0 && s->capability_drop != 0, "a later drop cancels an add");
        talloc_free(ctx);
        return unit_exit();
}
