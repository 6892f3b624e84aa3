/* Exporting a machine's tree as a tar archive, owners as the container sees them. */
#pragma once

/* Write the tree dir (named name in messages) to file ("-": stdout), compressed as its suffix
 * says (.gz .xz .zst .bz2, else plain), as a pax archive with numeric owners, xattrs and
 * times; the ownership record NAME.owners beside it (records_path, may not exist) overrides the
 * owners it lists. Logs. */
int image_export_tar(void *ctx, const char *dir, const char *records_path, const char *file);
