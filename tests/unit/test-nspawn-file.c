/* Unit tests for .nspawn files: sections, comments, continuation lines, repeated keys adding
 * to lists, Parameters= quoting, Limit*= keys, the command line winning, untrusted files. */
#include <string.h>
#include <talloc.h>

#include "cli/nspawn-file.h"
#include "cli/options.h"
#include "util/log.h"
#include "util/strv.h"
#include "unit.h"

static struct settings *parse(void *ctx, char **argv, const char *text, bool trusted, int *ret)
{
        struct settings *s = settings_new(ctx);
        int argc = 0;

        while (argv[argc])
                argc++;
        options_parse(s, argc, argv);
        s->machine = talloc_strdup(s, "m");
        *ret = nspawn_file_apply(s, "m.nspawn", text, trusted);
        return s;
}

int main(void)
{
        void *ctx = talloc_new(NULL);
        struct settings *s;
        int r;

        log_set_max_level(LOG_LEVEL_ERROR - 1);
        s = parse(ctx, (char *[]){"uspawn", NULL},
                  "# comment\n; another\n[Exec]\nParameters=sh -c 'echo \"a b\"' \\\n  x\\ y\n"
                  "Environment=A=1\nEnvironment=B=2\nLimitNOFILE=10:20\nBoot=no\n\n[Files]\n"
                  "Bind=/h1:/c1\nBind=/h2:/c2:norbind\nReadOnly=yes\n[Network]\nPrivate=yes\n",
                  true, &r);
        check(r == 0, "a valid file applies");
        check(strv_length(s->command) == 4 && strcmp(s->command[2], "echo \"a b\"") == 0 &&
                      strcmp(s->command[3], "x y") == 0,
              "Parameters= with quotes, escapes and a continuation line");
        check(strv_length(s->environment) == 2, "repeated Environment= adds");
        check(s->n_rlimits == 1 && s->rlimits[0].limit.rlim_cur == 10 && s->rlimits[0].limit.rlim_max == 20,
              "LimitNOFILE=");
        check(!s->boot && s->read_only && s->private_network, "booleans");
        check(s->n_binds == 2 && !s->binds[1].recursive, "repeated Bind= adds, with options");

        s = parse(ctx, (char *[]){"uspawn", "--bind=/cli:/cli", "--hostname=cli", "true", NULL},
                  "[Exec]\nHostname=file\nParameters=false\n[Files]\nBind=/h:/c\n", true, &r);
        check(r == 0 && strcmp(s->hostname, "cli") == 0 && s->n_binds == 1 && strcmp(s->command[0], "true") == 0,
              "the command line wins, lists included");

        s = parse(ctx, (char *[]){"uspawn", NULL}, "[Files]\nBind=/h:/c\n[Exec]\nCapability=all\nHostname=ok\n", false,
                  &r);
        check(r == 0 && s->n_binds == 0 && s->capability_add == 0 && strcmp(s->hostname, "ok") == 0,
              "an untrusted file's privileged keys are ignored, the rest applies");

        parse(ctx, (char *[]){"uspawn", NULL}, "[Exec]\nKillSignal=NOPE\n", true, &r);
        check(r == -EINVAL, "a bad value is an error");
        parse(ctx, (char *[]){"uspawn", NULL}, "[Exec]\nNoSuchKey=1\n[NoSuchSection]\nX=1\n", true, &r);
        check(r == 0, "unknown keys and sections only warn");
        parse(ctx, (char *[]){"uspawn", NULL}, "Key=outside\n", true, &r);
        check(r == -EINVAL, "a key outside a section is an error");
        parse(ctx, (char *[]){"uspawn", NULL}, "[Exec]\nParameters=sh -c 'unbalanced\n", true, &r);
        check(r == -EINVAL, "unbalanced quotes are an error");
        talloc_free(ctx);
        return unit_exit();
}
