/* The image's own command as a settings file: the OCI config's Entrypoint + Cmd, Env,
 * WorkingDir and User as systemd-nspawn [Exec] keys, so `uspawn -M NAME` runs what
 * `podman run` would, and `uspawn -M NAME -- cmd` overrides it. */
#pragma once

#include <json-c/json.h>

/* The NAME.nspawn text for an image config, or NULL when it says nothing. source names the
 * image in the file's comment. */
char *nspawn_settings_from_config(void *ctx, json_object *config, const char *source);
