/* An image as the importer needs it, whatever the format it came in: the layers in order (each
 * with the digest it must have) and the image config (command, environment, ...). */
#pragma once

#include <json-c/json.h>
#include <stddef.h>

struct image_layer {
        char *path;   /* inside the layout, as given to open_in_root ("/blobs/sha256/HEX") */
        char *digest; /* "sha256:HEX" */
};

struct image_manifest {
        struct image_layer *layers;
        size_t n_layers;
        json_object *config; /* owned: json_object_put it */
        char *name;          /* a name the image suggests (a docker tag's repository), or NULL */
};

/* The host's architecture as OCI names it (amd64, arm64, ...). */
const char *oci_host_arch(void);

/* Read the OCI image layout in the directory layoutfd (dir names it in messages): index.json,
 * then the manifest tagged tag (NULL: the only one) for linux/arch, its config and layer list.
 * Every JSON blob's digest is checked; layers are checked by the caller before use. Logs. */
int oci_read_layout(void *ctx, int layoutfd, const char *dir, const char *tag, const char *arch,
                    struct image_manifest *ret);

/* Read a `docker save` archive's contents in layoutfd: manifest.json, the config (its digest
 * checked when its name carries one), the layers (with the config's diff_ids as digests). */
int docker_read_archive(void *ctx, int layoutfd, const char *dir, struct image_manifest *ret);

/* Open a layer (or any blob) inside the layout and check its digest; returns the fd, positioned
 * at the start. Logs. */
int image_open_verified(int layoutfd, const char *dir, const char *path, const char *digest);

/* Read a JSON file inside the layout; with digest, check it first. Logs. */
int image_read_json(int layoutfd, const char *dir, const char *path, const char *digest, json_object **ret);
