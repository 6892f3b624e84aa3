# tests/lib/tree-snapshot.sh — sourced by cases that prove a tree unchanged.
# tree_snapshot DIR: every entry's path, mode, owner, group, size, mtime and link target, and a
# sha256 of every regular file's data; two snapshots are equal only if the tree is byte-for-byte
# and metadata-for-metadata the same.
tree_snapshot() { # DIR
	(cd "$1" && find . -printf '%p %m %U %G %s %T@ %l\n' | LC_ALL=C sort &&
		find . -type f -print0 | LC_ALL=C sort -z | xargs -0r sha256sum)
}
