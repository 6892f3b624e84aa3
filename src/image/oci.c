/* The OCI image layout (image-spec v1: oci-layout, index.json, blobs/sha256/...): from the index,
 * through nested indexes (picking the platform), to a manifest, its config and its layers. */
#include <fcntl.h>
#include <string.h>
#include <sys/utsname.h>
#include <talloc.h>
#include <unistd.h>

#include "image/digest.h"
#include "image/manifest.h"
#include "util/fs.h"
#include "util/json.h"
#include "util/log.h"

#define MT_INDEX "application/vnd.oci.image.index.v1+json"
#define MT_MANIFEST "application/vnd.oci.image.manifest.v1+json"
#define MT_DOCKER_LIST "application/vnd.docker.distribution.manifest.list.v2+json"
#define MT_DOCKER_MANIFEST "application/vnd.docker.distribution.manifest.v2+json"
#define REF_NAME "org.opencontainers.image.ref.name"

/* uname's machine → OCI's architecture */
static const struct {
        const char *machine, *arch;
} arch_table[] = {
        {"x86_64", "amd64"}, {"aarch64", "arm64"},   {"i686", "386"},    {"i386", "386"},
        {"armv7l", "arm"},   {"ppc64le", "ppc64le"}, {"s390x", "s390x"}, {"riscv64", "riscv64"},
};

const char *oci_host_arch(void)
{
        static struct utsname u;

        if (uname(&u) < 0)
                return "amd64";
        for (size_t i = 0; i < ELEMENTSOF(arch_table); i++)
                if (streq(u.machine, arch_table[i].machine))
                        return arch_table[i].arch;
        return u.machine;
}

int image_open_verified(int layoutfd, const char *dir, const char *path, const char *digest)
{
        char *full = talloc_asprintf(NULL, "%s%s", dir, path);
        int fd = open_in_root(layoutfd, path, O_RDONLY), r;

        if (fd < 0) {
                r = log_error_errno(fd, "Failed to open blob %s (%s): %m", full, digest);
                talloc_free(full);
                return r;
        }
        r = digest_verify_fd(fd, full, digest);
        talloc_free(full);
        if (r < 0 || lseek(fd, 0, SEEK_SET) < 0) {
                close(fd);
                return r < 0 ? r : -errno;
        }
        return fd;
}

int image_read_json(int layoutfd, const char *dir, const char *path, const char *digest, json_object **ret)
{
        _cleanup_close_ int fd = -EBADF;
        json_object *o;

        fd = digest ? image_open_verified(layoutfd, dir, path, digest) : open_in_root(layoutfd, path, O_RDONLY);
        if (fd < 0)
                return digest ? fd : log_error_errno(fd, "Failed to open %s%s: %m", dir, path);
        o = json_object_from_fd(fd);
        if (!o)
                return log_error_errno(-EBADMSG, "Failed to parse %s%s: %s", dir, path, json_util_get_last_err() ?: "");
        *ret = o;
        return 0;
}

/* A descriptor's blob path, after checking its digest can name a file. */
static int blob_path(void *ctx, const char *dir, json_object *desc, char **ret_path, const char **ret_digest)
{
        const char *digest = json_string_member(desc, "digest");

        if (!digest)
                return log_error_errno(-EBADMSG, "A descriptor in %s has no digest", dir);
        if (!digest_is_valid(digest))
                return log_error_errno(-EBADMSG, "Unsupported or malformed digest '%s' in %s (sha256 expected)", digest,
                                       dir);
        *ret_path = talloc_asprintf(ctx, "/blobs/sha256/%s", digest + strlen("sha256:"));
        *ret_digest = digest;
        return 0;
}

static bool platform_matches(json_object *desc, const char *arch)
{
        json_object *p;
        const char *os, *a;

        if (!json_object_object_get_ex(desc, "platform", &p))
                return true; /* a descriptor without platform: whatever it is */
        os = json_string_member(p, "os");
        a = json_string_member(p, "architecture");
        return (!os || streq(os, "linux")) && (!a || streq(a, arch));
}

static const char *ref_name(json_object *desc)
{
        json_object *ann;

        return json_object_object_get_ex(desc, "annotations", &ann) ? json_string_member(ann, REF_NAME) : NULL;
}

/* Pick the descriptor in idx's "manifests" for tag (when given) and arch. Logs. */
static int pick(void *ctx, json_object *idx, const char *where, const char *tag, const char *arch, json_object **ret)
{
        json_object *list, *found = NULL;
        char *seen = talloc_strdup(ctx, "");
        size_t n, matches = 0;

        if (!json_object_object_get_ex(idx, "manifests", &list) || !json_object_is_type(list, json_type_array))
                return log_error_errno(-EBADMSG, "%s has no \"manifests\" list", where);
        n = json_object_array_length(list);
        for (size_t i = 0; i < n; i++) {
                json_object *d = json_object_array_get_idx(list, i);
                const char *ref = ref_name(d);

                seen = talloc_asprintf_append(seen, "%s%s", seen[0] ? ", " : "", ref ?: "(untagged)");
                if (tag && (!ref || !streq(ref, tag)))
                        continue;
                if (!platform_matches(d, arch))
                        continue;
                if (!found)
                        found = d;
                matches++;
        }
        if (matches == 0 && tag)
                return log_error_errno(-ENOENT, "No image tagged '%s' for linux/%s in %s (tags: %s)", tag, arch, where,
                                       seen);
        if (matches == 0)
                return log_error_errno(-ENOENT, "No image for linux/%s in %s; choose another with --arch=", arch,
                                       where);
        if (matches > 1 && !tag)
                return log_error_errno(-EINVAL, "%s holds several images (%s); name one as DIR:TAG", where, seen);
        *ret = found;
        return 0;
}

static int read_layers(void *ctx, const char *dir, json_object *manifest, struct image_manifest *ret)
{
        json_object *layers;
        size_t n;

        if (!json_object_object_get_ex(manifest, "layers", &layers) || !json_object_is_type(layers, json_type_array))
                return log_error_errno(-EBADMSG, "The image manifest in %s has no \"layers\" list", dir);
        n = json_object_array_length(layers);
        ret->layers = talloc_zero_array(ctx, struct image_layer, n ? n : 1);
        for (size_t i = 0; i < n; i++) {
                json_object *d = json_object_array_get_idx(layers, i);
                const char *mt = json_string_member(d, "mediaType") ?: "", *digest;
                int r = blob_path(ctx, dir, d, &ret->layers[i].path, &digest);

                if (r < 0)
                        return r;
                if (!strstr(mt, "tar"))
                        return log_error_errno(-EOPNOTSUPP, "Layer %s in %s has media type '%s', not a tar layer",
                                               digest, dir, mt);
                ret->layers[i].digest = talloc_strdup(ctx, digest);
        }
        ret->n_layers = n;
        return 0;
}

int oci_read_layout(void *ctx, int layoutfd, const char *dir, const char *tag, const char *arch,
                    struct image_manifest *ret)
{
        json_object *idx = NULL, *desc, *manifest = NULL;
        char *where = talloc_asprintf(ctx, "%s/index.json", dir), *path;
        const char *digest, *mt;
        int r;

        *ret = (struct image_manifest){};
        r = image_read_json(layoutfd, dir, "/index.json", NULL, &idx);
        if (r < 0)
                return r;
        r = pick(ctx, idx, where, tag, arch, &desc);
        /* nested indexes (a multi-platform image): follow them down to a manifest */
        for (int depth = 0; r >= 0; depth++) {
                if ((r = blob_path(ctx, dir, desc, &path, &digest)) < 0)
                        break;
                mt = json_string_member(desc, "mediaType") ?: MT_MANIFEST;
                json_object_put(manifest);
                manifest = NULL;
                if ((r = image_read_json(layoutfd, dir, path, digest, &manifest)) < 0)
                        break;
                if (!streq(mt, MT_INDEX) && !streq(mt, MT_DOCKER_LIST))
                        break;
                if (depth > 8) {
                        r = log_error_errno(-ELOOP, "Image indexes nest too deep in %s", dir);
                        break;
                }
                r = pick(ctx, manifest, talloc_asprintf(ctx, "%s%s", dir, path), NULL, arch, &desc);
        }
        if (r >= 0 && !streq(mt, MT_MANIFEST) && !streq(mt, MT_DOCKER_MANIFEST))
                r = log_error_errno(-EOPNOTSUPP, "Unsupported manifest media type '%s' in %s", mt, dir);
        if (r >= 0) {
                json_object *cdesc;
                if (!json_object_object_get_ex(manifest, "config", &cdesc))
                        r = log_error_errno(-EBADMSG, "The image manifest %s in %s has no config", digest, dir);
                else if ((r = blob_path(ctx, dir, cdesc, &path, &digest)) >= 0 &&
                         (r = image_read_json(layoutfd, dir, path, digest, &ret->config)) >= 0)
                        r = read_layers(ctx, dir, manifest, ret);
        }
        if (r >= 0) {
                const char *have = json_string_member(ret->config, "architecture");
                if (have && !streq(have, arch))
                        log_notice("The image in %s is for %s, not %s", dir, have, arch);
        }
        if (r < 0 && ret->config) {
                json_object_put(ret->config);
                ret->config = NULL;
        }
        json_object_put(manifest);
        json_object_put(idx);
        return r;
}
