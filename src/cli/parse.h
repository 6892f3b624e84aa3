/* Parsers for option values: pure functions, no logging. On failure they return -EINVAL and
 * point *ret_reason at a short phrase saying what was expected, for the caller's message. */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#include "settings.h"

int parse_boolean(const char *v);
int parse_bind_spec(void *ctx, const char *spec, bool read_only, struct bind_spec *ret, const char **ret_reason);
int parse_tmpfs_spec(void *ctx, const char *spec, struct tmpfs_spec *ret, const char **ret_reason);
int parse_rlimit_spec(const char *spec, struct rlimit_spec *ret, const char **ret_reason);
int parse_signal(const char *v);
int parse_capability_list(const char *v, uint64_t *ret_mask, const char **ret_reason);
int parse_setenv(void *ctx, const char *v, char **ret_assignment, const char **ret_reason);
/* -p/--port: [tcp|udp:]HOSTPORT[:CONTAINERPORT], tcp by default, CONTAINERPORT = HOSTPORT by default. */
int parse_port_spec(const char *spec, struct port_spec *ret, const char **ret_reason);
bool machine_name_is_valid(const char *name);

/* Split SPEC at unescaped ':' into at most max fields, "\:" and "\\" unescaped. Returns the
 * number of fields, or -EINVAL when there are more than max. */
int split_colon_fields(void *ctx, const char *spec, char **fields, int max);

/* --overlay/--overlay-ro (cli/parse-overlay.c): nspawn's LOWER[:LOWER...]:UPPER:DEST. */
int parse_overlay_spec(void *ctx, const char *spec, bool read_only, struct overlay_spec *ret,
                       const char **ret_reason);
/* --volatile: a boolean, state or overlay. */
int parse_volatile_mode(const char *v, enum volatile_mode *ret);
