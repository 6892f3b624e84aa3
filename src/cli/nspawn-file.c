/* The .nspawn reader. The syntax is systemd's unit-file syntax -- [Section], Key=Value, '#' and
 * ';' comments at the start of a line, a trailing backslash continuing a line, repeated keys
 * adding to lists. No maintained C library reads it (libsystemd keeps its parser private, and
 * INI readers treat ';' inside a value as a comment), so it is read here in a few lines; the
 * keys map to the command line's own handlers through the table below. */
#include "cli/nspawn-file.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <talloc.h>

#include "cli/options.h"
#include "util/fs.h"
#include "util/log.h"
#include "util/strv.h"

static const struct nspawn_key {
        const char *section, *key, *option;
        bool privileged; /* grants the container more of the user's host: ignored when untrusted */
} keys[] = {
        {"Exec", "Boot", "boot", false},
        {"Exec", "ProcessTwo", "as-pid2", false},
        {"Exec", "Environment", "setenv", false},
        {"Exec", "User", "user", false},
        {"Exec", "WorkingDirectory", "chdir", false},
        {"Exec", "Capability", "capability", true},
        {"Exec", "DropCapability", "drop-capability", false},
        {"Exec", "KillSignal", "kill-signal", false},
        {"Exec", "Hostname", "hostname", false},
        {"Exec", "NoNewPrivileges", "no-new-privileges", false},
        {"Exec", "SystemCallFilter", "system-call-filter", true},
        {"Exec", "PrivateUsers", "private-users", false},
        {"Exec", "NotifyReady", "notify-ready", false},
        {"Exec", "Ephemeral", "ephemeral", false},
        {"Files", "ReadOnly", "read-only", false},
        {"Files", "Volatile", "volatile", false},
        {"Files", "Bind", "bind", true},
        {"Files", "BindReadOnly", "bind-ro", true},
        {"Files", "TemporaryFileSystem", "tmpfs", false},
        {"Files", "Overlay", "overlay", true},
        {"Files", "OverlayReadOnly", "overlay-ro", true},
        {"Network", "Private", "private-network", false},
        {"Network", "VirtualEthernet", "network-veth", false},
        {"Network", "Port", "port", false},
};

/* Parameters= is a command line, words split as systemd does: whitespace, with '...' and "..."
 * quoting and backslash escapes. */
static int split_words(void *ctx, const char *v, char ***ret)
{
        char **words = NULL;

        while (*v) {
                char *w = talloc_strdup(ctx, "");
                char quote = 0;

                while (*v == ' ' || *v == '\t')
                        v++;
                if (!*v)
                        break;
                for (; *v && (quote || (*v != ' ' && *v != '\t')); v++) {
                        if (!quote && (*v == '\'' || *v == '"'))
                                quote = *v;
                        else if (quote && *v == quote)
                                quote = 0;
                        else if (*v == '\\' && v[1] && quote != '\'')
                                w = talloc_asprintf_append(w, "%c", *++v);
                        else
                                w = talloc_asprintf_append(w, "%c", *v);
                }
                if (quote)
                        return -EINVAL;
                strv_append(ctx, &words, w);
        }
        *ret = words;
        return 0;
}

/* The trusted file: $XDG_CONFIG_HOME/uspawn/NAME.nspawn, else ~/.config/uspawn/NAME.nspawn. */
static bool trusted_path(const struct settings *s, char *buf, size_t size)
{
        const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");

        if (xdg && xdg[0] == '/')
                return (size_t)snprintf(buf, size, "%s/uspawn/%s.nspawn", xdg, s->machine) < size;
        if (home && home[0] == '/')
                return (size_t)snprintf(buf, size, "%s/.config/uspawn/%s.nspawn", home, s->machine) < size;
        return false;
}

static int apply_key(struct settings *s, const char *section, const char *key, const char *value, bool trusted,
                     const char *where)
{
        const char *reason = "invalid value";
        int r = -ENOENT;

        if (streq(section, "Exec") && streq(key, "Parameters")) {
                char **words;
                if (s->command) /* the command line's arguments win */
                        return 0;
                if (split_words(s, value, &words) < 0)
                        return log_error_errno(-EINVAL, "%s: Invalid Parameters= value: unbalanced quotes", where);
                s->command = words;
                return 0;
        }
        if (streq(section, "Exec") && startswith(key, "Limit")) {
                char *spec = talloc_asprintf(s, "%s=%s", key + 5, value);
                r = options_apply(s, "rlimit", spec, &reason);
        } else
                for (size_t i = 0; i < ELEMENTSOF(keys); i++) {
                        if (!streq(keys[i].section, section) || !streq(keys[i].key, key))
                                continue;
                        if (keys[i].privileged && !trusted) {
                                char place[PATH_MAX + 64];
                                if (!trusted_path(s, place, sizeof place))
                                        snprintf(place, sizeof place, "~/.config/uspawn/%s.nspawn", s->machine);
                                log_notice("%s: Ignoring %s= in a settings file beside the tree (untrusted); put it in "
                                           "%s or use --settings=trusted.",
                                           where, key, place);
                                return 0;
                        }
                        r = options_apply(s, keys[i].option, value, &reason);
                        break;
                }
        if (r == -ENOENT) {
                log_warning("%s: Unknown key '%s' in section [%s], ignoring.", where, key, section);
                return 0;
        }
        if (r < 0)
                return log_error_errno(-EINVAL, "%s: Invalid %s= value '%s': %s", where, key, value, reason);
        return 0;
}

static char *strip(char *s)
{
        char *end;

        while (*s == ' ' || *s == '\t')
                s++;
        end = s + strlen(s);
        while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
                *--end = '\0';
        return s;
}

int nspawn_file_apply(struct settings *s, const char *path, const char *text, bool trusted)
{
        void *ctx = talloc_new(NULL);
        char *pending = NULL, *section = talloc_strdup(ctx, "");
        int lineno = 0, first = 0, r = 0;

        for (const char *p = text; *p && r >= 0;) {
                const char *nl = strchr(p, '\n');
                size_t len = nl ? (size_t)(nl - p) : strlen(p);
                char *l, *eq, where[PATH_MAX + 32];
                size_t n;

                lineno++;
                if (!pending)
                        first = lineno; /* a continued line is reported by its first line */
                pending = talloc_asprintf(ctx, "%s%.*s", pending ? pending : "", (int)len, p);
                p = nl ? nl + 1 : p + len;
                n = strlen(pending);
                if (n > 0 && pending[n - 1] == '\\') { /* continued on the next line */
                        pending[n - 1] = ' ';
                        continue;
                }
                l = strip(pending);
                pending = NULL;
                snprintf(where, sizeof where, "%s:%d", path, first);
                if (!*l || *l == '#' || *l == ';')
                        continue;
                if (*l == '[') {
                        char *close = strchr(l, ']');
                        if (!close || close[1]) {
                                r = log_error_errno(-EINVAL, "%s: Invalid section header '%s'", where, l);
                                break;
                        }
                        section = talloc_strndup(ctx, l + 1, (size_t)(close - l - 1));
                        continue;
                }
                eq = strchr(l, '=');
                if (!eq || !section[0]) {
                        r = log_error_errno(-EINVAL, "%s: Expected Key=Value inside a [Section], got '%s'", where, l);
                        break;
                }
                *eq = '\0';
                r = apply_key(s, section, strip(l), strip(eq + 1), trusted, where);
        }
        talloc_free(ctx);
        return r;
}

static int load_one(struct settings *s, const char *path, bool trusted)
{
        char text[65536];
        int n = read_small_file(path, text, sizeof text);

        if (n == -ENOENT || n == -ENOTDIR)
                return 0;
        if (n < 0)
                return log_error_errno(n, "Failed to read settings file %s: %m", path);
        log_debug("Reading settings from %s (%s).", path, trusted ? "trusted" : "untrusted");
        return nspawn_file_apply(s, path, text, trusted);
}

int nspawn_files_load(struct settings *s)
{
        char path[PATH_MAX + 128], dir[PATH_MAX];
        int r = 0;

        if (s->settings_files == SETTINGS_FILES_NO)
                return 0;
        if (trusted_path(s, path, sizeof path))
                r = load_one(s, path, true);
        if (r < 0)
                return r;
        /* beside the tree, as nspawn looks for /var/lib/machines/NAME.nspawn */
        snprintf(dir, sizeof dir, "%s", s->root);
        *strrchr(dir, '/') = '\0';
        snprintf(path, sizeof path, "%s/%s.nspawn", dir, s->machine);
        return load_one(s, path, s->settings_files == SETTINGS_FILES_TRUSTED);
}
