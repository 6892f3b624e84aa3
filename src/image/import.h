/* The import pipelines behind uspawnctl's import verbs: each fills an import transaction
 * (image/store.h) from one kind of source. All log their failures. */
#pragma once

#include "image/manifest.h"
#include "image/store.h"

/* A tar archive (any compression; "-" is stdin). */
int import_tar(struct import *im, const char *path);
/* A directory tree, copied entry by entry with the unpacker's rules. */
int import_fs(struct import *im, const char *dir);
/* Layers in order, each checked against its digest just before it is applied. */
int import_layers(struct import *im, int layoutfd, const char *dir, const struct image_manifest *m);
/* Unpack a docker save archive (a plain tar) into a scratch directory; returns its path. */
int import_unpack_scratch(struct import *im, const char *tar, char **ret_dir);
