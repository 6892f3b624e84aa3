# tests/lib/images.sh — sourced after common.sh by the import/export cases. Builds image fixtures
# at test time with the host's tools: tarballs, an OCI image layout and a `docker save` archive
# written by hand (sha256sum for the digests), so no network and no registry is needed.

export XDG_DATA_HOME=$T/xdg
MACHINES=$XDG_DATA_HOME/uspawn/machines

# A small BusyBox tree with the things an import must keep: a hard link, a relative and an
# absolute symbolic link, a setuid file, a 0555 directory, a FIFO, an old mtime.
make_image_tree() { # DIR
	local r=$1
	make_busybox_rootfs "$r"
	echo marker-content >"$r/etc/marker"
	ln "$r/etc/marker" "$r/etc/marker-hard"
	ln -s marker "$r/etc/marker-rel"
	ln -s /etc/marker "$r/etc/marker-abs"
	mkdir -p "$r/opt/ro" && echo ro >"$r/opt/ro/file" && chmod 0555 "$r/opt/ro"
	cp "$r/bin/busybox" "$r/usr/bin/suid" && chmod 4755 "$r/usr/bin/suid"
	mkfifo "$r/opt/fifo"
	touch -h -d '2001-02-03 04:05:06' "$r/etc/marker" "$r/etc/marker-rel" "$r/opt/ro/file"
}

# Tar TREE as root-owned (what real images contain), then optionally append more of it with
# other owners: tar_as_root OUT TREE [--owner=N --group=N PATH...]
tar_as_root() { # OUT TREE
	tar --numeric-owner --owner=0 --group=0 -cf "$1" -C "$2" .
}

# Listing of a tree to compare two imports: type, mode, owners, size, link target, mtime, and a
# checksum of regular files readable by us.
tree_listing() { # DIR
	(cd "$1" && find . -printf '%p %y %m %U %G %s %l %T@\n' | LC_ALL=C sort)
}

# tree_listing plus the sha256 of every regular file: two trees that agree here are the same.
tree_sums() { # DIR
	tree_listing "$1"
	(cd "$1" && find . -type f -readable -print0 | LC_ALL=C sort -z | xargs -0r sha256sum)
}

# sha256 of a file, hex only.
sha256_of() { sha256sum "$1" | cut -d' ' -f1; }

# Put file FILE in the OCI layout DIR as a blob; prints its digest hex.
oci_add_blob() { # DIR FILE
	local h
	h=$(sha256_of "$2")
	mkdir -p "$1/blobs/sha256"
	cp "$2" "$1/blobs/sha256/$h"
	echo "$h"
}

# An OCI image layout in DIR (what `skopeo copy ... oci:DIR` writes): layer 1 = TREE (gzip),
# layer 2 = LAYER2 (a directory, plain tar) with whiteouts; config with Cmd/Env/WorkingDir.
# Tagged TAG (default latest).
make_oci_layout() { # DIR TREE LAYER2-DIR [TAG]
	local dir=$1 tag=${4:-latest} l1 l2 d1 d2 cfg man s1 s2 sc sm
	mkdir -p "$dir"
	tar --numeric-owner --owner=0 --group=0 -czf "$T/layer1.tar.gz" -C "$2" .
	tar --numeric-owner --owner=0 --group=0 -cf "$T/layer2.tar" -C "$3" .
	l1=$(oci_add_blob "$dir" "$T/layer1.tar.gz")
	l2=$(oci_add_blob "$dir" "$T/layer2.tar")
	d1=$(gzip -dc "$T/layer1.tar.gz" | sha256sum | cut -d' ' -f1)
	d2=$l2
	s1=$(stat -c %s "$T/layer1.tar.gz")
	s2=$(stat -c %s "$T/layer2.tar")
	cat >"$T/config.json" <<-E
	{"architecture":"amd64","os":"linux",
	 "config":{"Env":["PATH=/usr/sbin:/usr/bin:/sbin:/bin","GREETING=hello from the image"],
	  "Entrypoint":["/bin/sh","-c"],"Cmd":["echo \"\$GREETING\" in \$(pwd)"],"WorkingDir":"/etc"},
	 "rootfs":{"type":"layers","diff_ids":["sha256:$d1","sha256:$d2"]}}
	E
	cfg=$(oci_add_blob "$dir" "$T/config.json")
	sc=$(stat -c %s "$T/config.json")
	cat >"$T/manifest.json" <<-E
	{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",
	 "config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:$cfg","size":$sc},
	 "layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"sha256:$l1","size":$s1},
	           {"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":"sha256:$l2","size":$s2}]}
	E
	man=$(oci_add_blob "$dir" "$T/manifest.json")
	sm=$(stat -c %s "$T/manifest.json")
	echo '{"imageLayoutVersion":"1.0.0"}' >"$dir/oci-layout"
	cat >"$dir/index.json" <<-E
	{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json",
	 "digest":"sha256:$man","size":$sm,"platform":{"architecture":"amd64","os":"linux"},
	 "annotations":{"org.opencontainers.image.ref.name":"$tag"}}]}
	E
}

# The upper layer make_oci_layout's callers use: deletes /etc/marker-rel (.wh.), makes /opt
# opaque (only /opt/new stays), adds /etc/added.
make_whiteout_layer() { # DIR
	mkdir -p "$1/etc" "$1/opt"
	: >"$1/etc/.wh.marker-rel"
	: >"$1/opt/.wh..wh..opq"
	echo new >"$1/opt/new"
	echo added >"$1/etc/added"
}

# A `docker save` archive of TREE (one layer) as FILE, tagged REPO:latest.
make_docker_archive() { # FILE TREE REPO
	local d=$T/docker-save l cfg
	rm -rf "$d" && mkdir -p "$d/layer0"
	tar --numeric-owner --owner=0 --group=0 -cf "$d/layer0/layer.tar" -C "$2" .
	l=$(sha256_of "$d/layer0/layer.tar")
	cat >"$T/dconfig.json" <<-E
	{"architecture":"amd64","os":"linux","config":{"Cmd":["cat","/etc/marker"]},
	 "rootfs":{"type":"layers","diff_ids":["sha256:$l"]}}
	E
	cfg=$(sha256_of "$T/dconfig.json")
	cp "$T/dconfig.json" "$d/$cfg.json"
	echo "[{\"Config\":\"$cfg.json\",\"RepoTags\":[\"$3:latest\"],\"Layers\":[\"layer0/layer.tar\"]}]" >"$d/manifest.json"
	tar -cf "$1" -C "$d" .
}

# No machine NAME and no temporary left in the store.
assert_no_machine() { # NAME WHAT
	[ ! -e "$MACHINES/$1" ] || fail "$2: a machine '$1' was left behind"
	local left
	left=$(ls -A "$MACHINES" 2>/dev/null | grep '^\.#' || true)
	[ -z "$left" ] || fail "$2: temporaries left in the store: $left"
}
