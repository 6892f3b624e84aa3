/* The fake root's pure parts: the ownership record's text form (fuse-overlayfs compatible) and
 * the set*id rules of the credential model. */
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "fakeroot/creds.h"
#include "fakeroot/ownership.h"
#include "unit.h"

static void test_format_parse(void)
{
        char buf[128];
        struct ownership o = {.uid = 33, .gid = 4, .mode = S_IFREG | 04755}, p;
        struct ownership dev = {.uid = 0, .gid = 6, .mode = S_IFCHR | 0660, .rdev = makedev(1, 3)};

        check(ownership_format(&o, buf, sizeof buf) > 0 && !strcmp(buf, "33:4:4755:file"), "format a file");
        check(ownership_parse(buf, strlen(buf), S_IFREG | 0644, &p) == 0 && p.uid == 33 && p.gid == 4 &&
                      p.mode == (S_IFREG | 04755),
              "parse it back");
        check(ownership_format(&dev, buf, sizeof buf) > 0 && !strcmp(buf, "0:6:0660:char-1-3"), "format a device");
        check(ownership_parse(buf, strlen(buf), S_IFREG | 0644, &p) == 0 && S_ISCHR(p.mode) && p.rdev == makedev(1, 3),
              "a placeholder's type and device number");
        /* fuse-overlayfs's own form: no type, the type bits inside the mode */
        check(ownership_parse("100:100:0100640", 15, S_IFREG | 0600, &p) == 0 && p.mode == (S_IFREG | 0640) &&
                      p.uid == 100,
              "fuse-overlayfs's uid:gid:mode");
        check(ownership_parse("1:2", 3, S_IFREG, &p) == -EINVAL, "too few fields");
        check(ownership_parse("1:2:644:tape", 12, S_IFREG, &p) == -EINVAL, "an unknown type");
        check(ownership_format(&o, buf, 5) == -ENOBUFS, "short buffer");
}

static void test_setuid_rules(void)
{
        struct fake_creds c;

        fake_creds_root(&c);
        check(fake_setgroups(&c, (uint32_t[]){65534}, 1) == 0 && c.ngroups == 1, "root sets groups");
        check(fake_setgid(&c, 65534) == 0 && c.rgid == 65534 && c.sgid == 65534, "root setgid sets all");
        check(fake_setuid(&c, 65534) == 0 && c.ruid == 65534 && c.euid == 65534 && c.suid == 65534 && c.fsuid == 65534,
              "root setuid sets all");
        check(fake_setuid(&c, 0) == -EPERM, "no way back");
        check(fake_setgroups(&c, NULL, 0) == -EPERM, "nobody cannot set groups");

        fake_creds_root(&c);
        check(fake_setresuid(&c, 33, 33, 0) == 0 && c.euid == 33 && c.suid == 0, "keep a saved root");
        check(fake_setuid(&c, 0) == 0 && c.euid == 0 && c.ruid == 33, "saved root regained (effective only)");
        check(fake_setreuid(&c, FAKE_ID_INVALID, 1000) == 0 && c.suid == 1000 && c.euid == 1000,
              "setreuid: saved follows an effective id other than the real one");
        check(fake_setreuid(&c, 7, FAKE_ID_INVALID) == -EPERM, "unprivileged setreuid to a stranger");
        check(fake_setfsuid(&c, 5) == 1000 && c.fsuid == 1000, "setfsuid refused, old value returned");
        check(fake_setuid(&c, FAKE_ID_INVALID) == -EINVAL, "setuid(-1)");
}

static void test_exec(void)
{
        struct fake_creds c;

        fake_creds_root(&c);
        fake_setuid(&c, 1000);
        fake_creds_exec(&c, S_IFREG | 04755, 0, 0);
        check(c.euid == 0 && c.suid == 0 && c.ruid == 1000, "set-user-ID root file");
        fake_setuid(&c, 1000);
        check(c.euid == 1000 && c.ruid == 1000, "and back");
        fake_creds_exec(&c, S_IFREG | 0755, 0, 0);
        check(c.euid == 1000, "a plain file changes nothing");
}

int main(void)
{
        test_format_parse();
        test_setuid_rules();
        test_exec();
        return unit_exit();
}
