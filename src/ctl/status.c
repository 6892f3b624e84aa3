/* `uspawnctl status NAME`: what the registry knows about one machine (machinectl's layout),
 * and the leader's process tree read from /proc. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "ctl/ctl.h"
#include "util/fs.h"
#include "util/log.h"
#include "util/talloc-util.h"

/* "Mon 2024-05-06 12:00:00 CEST; 3min 5s ago" */
static void format_since(long long usec, char *buf, size_t size)
{
        struct timespec now;
        time_t t = (time_t)(usec / 1000000);
        struct tm tm;
        long long ago;
        size_t k;

        if (usec <= 0 || !localtime_r(&t, &tm)) {
                snprintf(buf, size, "unknown");
                return;
        }
        k = strftime(buf, size, "%a %Y-%m-%d %H:%M:%S %Z", &tm);
        clock_gettime(CLOCK_REALTIME, &now);
        ago = (long long)now.tv_sec - (long long)t;
        if (ago < 0)
                ago = 0;
        if (ago >= 86400)
                snprintf(buf + k, size - k, "; %lldd %lldh ago", ago / 86400, ago % 86400 / 3600);
        else if (ago >= 3600)
                snprintf(buf + k, size - k, "; %lldh %lldmin ago", ago / 3600, ago % 3600 / 60);
        else if (ago >= 60)
                snprintf(buf + k, size - k, "; %lldmin %llds ago", ago / 60, ago % 60);
        else
                snprintf(buf + k, size - k, "; %llds ago", ago);
}

/* The program's name as its argv[0] gives it (comm is "memfd:..." for uspawn-init). */
static void comm_of(pid_t pid, char *buf, size_t size)
{
        char path[64], cmd[4096];
        const char *base;
        int n;

        snprintf(path, sizeof path, "/proc/%d/cmdline", (int)pid);
        n = read_small_file(path, cmd, sizeof cmd);
        if (n > 0) {
                base = strrchr(cmd, '/');
                snprintf(buf, size, "%.60s", base ? base + 1 : cmd);
                return;
        }
        snprintf(path, sizeof path, "/proc/%d/comm", (int)pid);
        n = read_small_file(path, buf, size);
        if (n <= 0)
                snprintf(buf, size, "gone");
        else if (buf[n - 1] == '\n')
                buf[n - 1] = '\0';
}

/* machinectl shows "Address:" lines; the published ports follow as "Port: tcp 8080 -> 80". */
static void print_network(const struct machine_record *m)
{
        if (!m->network)
                return; /* a record from before networking was recorded */
        if (streq(m->network, "veth"))
                printf("      Network: %s through %s\n", m->interface ? m->interface : "host0",
                       m->network_helper ? m->network_helper : "a helper");
        else if (streq(m->network, "private"))
                printf("      Network: private (loopback only)\n");
        else
                printf("      Network: the host's\n");
        for (char **a = m->addresses; a && *a; a++)
                printf("%s%s\n", a == m->addresses ? "      Address: " : "               ", *a);
        for (char **p = m->ports; p && *p; p++) {
                char proto[8] = "";
                unsigned host = 0, cont = 0;
                if (sscanf(*p, "%7[a-z]:%u:%u", proto, &host, &cont) == 3)
                        printf("%s%s %u -> %u\n", p == m->ports ? "         Port: " : "               ", proto, host, cont);
        }
}

int verb_status(const struct ctl_args *a, int argc, char **argv)
{
        _cleanup_talloc_ void *ctx = talloc_new(NULL);
        struct machine_record m;
        char since[128], comm[64];
        int r;

        if ((r = ctl_want_name(argc, argv)) < 0 || (r = ctl_load_machine(ctx, argv[1], &m)) < 0)
                return r;
        format_since(m.started_usec, since, sizeof since);
        comm_of(m.leader, comm, sizeof comm);
        printf("%s\n", m.name);
        printf("         Root: %s\n", m.root);
        printf("       Leader: %d (%s)\n", (int)m.leader, comm);
        printf("   Supervisor: %d\n", (int)m.supervisor);
        printf("      Backend: %s\n", m.backend);
        printf("         Init: %s\n", m.boot && m.init ? m.init : "- (runs a command)");
        if (m.uuid && *m.uuid)
                printf("         UUID: %s\n", m.uuid);
        printf("        Since: %s\n", since);
        print_network(&m);
        printf("  Process tree:\n");
        ctl_print_process_tree(m.leader, "           ");
        return 0;
}
