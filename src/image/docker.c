/* `docker save` archives (unpacked into a directory first): manifest.json names the config and
 * the layers; the config's rootfs.diff_ids are the layers' digests (docker saves them
 * uncompressed), and a config named by its digest ("HEX.json", "blobs/sha256/HEX") is checked. */
#include <string.h>
#include <talloc.h>

#include "image/digest.h"
#include "image/manifest.h"
#include "util/json.h"
#include "util/log.h"

/* "HEX.json" or ".../HEX" → "sha256:HEX" when HEX is a sha256; else NULL. */
static char *digest_from_name(void *ctx, const char *path)
{
        const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
        char *d = talloc_asprintf(ctx, "sha256:%.64s", base);

        if (!digest_is_valid(d) || (base[64] && !streq(base + 64, ".json")))
                return NULL;
        return d;
}

/* A path from manifest.json as "/PATH", refusing '..' (it is opened inside the directory anyway). */
static char *safe_path(void *ctx, const char *p)
{
        if (!p || strstr(p, ".."))
                return NULL;
        return talloc_asprintf(ctx, "/%s", p);
}

/* The repository part of a tag: "docker.io/library/busybox:1.36" → "busybox". */
static char *name_from_tag(void *ctx, const char *tag)
{
        const char *slash = strrchr(tag, '/'), *base = slash ? slash + 1 : tag;
        const char *colon = strchr(base, ':');

        return talloc_strndup(ctx, base, colon ? (size_t)(colon - base) : strlen(base));
}

int docker_read_archive(void *ctx, int layoutfd, const char *dir, struct image_manifest *ret)
{
        json_object *list = NULL, *entry, *layers, *tags, *rootfs, *diff_ids;
        const char *config;
        char *path;
        size_t n;
        int r;

        *ret = (struct image_manifest){};
        r = image_read_json(layoutfd, dir, "/manifest.json", NULL, &list);
        if (r < 0)
                return r;
        if (!json_object_is_type(list, json_type_array) || json_object_array_length(list) == 0) {
                r = log_error_errno(-EBADMSG, "%s/manifest.json is not a docker save manifest (a list of images)", dir);
                goto out;
        }
        if (json_object_array_length(list) > 1)
                log_notice("%s holds %zu images; importing the first", dir, json_object_array_length(list));
        entry = json_object_array_get_idx(list, 0);
        config = json_string_member(entry, "Config");
        path = safe_path(ctx, config);
        if (!path || !json_object_object_get_ex(entry, "Layers", &layers) ||
            !json_object_is_type(layers, json_type_array)) {
                r = log_error_errno(-EBADMSG, "%s/manifest.json lacks a usable \"Config\" or \"Layers\"", dir);
                goto out;
        }
        r = image_read_json(layoutfd, dir, path, digest_from_name(ctx, config), &ret->config);
        if (r < 0)
                goto out;
        if (!json_object_object_get_ex(ret->config, "rootfs", &rootfs) ||
            !json_object_object_get_ex(rootfs, "diff_ids", &diff_ids) ||
            !json_object_is_type(diff_ids, json_type_array) ||
            json_object_array_length(diff_ids) != json_object_array_length(layers)) {
                r = log_error_errno(-EBADMSG, "The config %s%s does not list one diff_id per layer", dir, path);
                goto out;
        }
        n = json_object_array_length(layers);
        ret->layers = talloc_zero_array(ctx, struct image_layer, n ? n : 1);
        for (size_t i = 0; i < n; i++) {
                const char *lp = json_object_get_string(json_object_array_get_idx(layers, i));
                const char *d = json_object_get_string(json_object_array_get_idx(diff_ids, i));

                ret->layers[i].path = safe_path(ctx, lp);
                if (!ret->layers[i].path || !d || !digest_is_valid(d)) {
                        r = log_error_errno(-EBADMSG, "Layer %zu of %s/manifest.json has a bad path or diff_id", i + 1,
                                            dir);
                        goto out;
                }
                ret->layers[i].digest = talloc_strdup(ctx, d);
        }
        ret->n_layers = n;
        if (json_object_object_get_ex(entry, "RepoTags", &tags) && json_object_is_type(tags, json_type_array) &&
            json_object_array_length(tags) > 0)
                ret->name = name_from_tag(ctx, json_object_get_string(json_object_array_get_idx(tags, 0)));
out:
        if (r < 0 && ret->config) {
                json_object_put(ret->config);
                ret->config = NULL;
        }
        json_object_put(list);
        return r;
}
