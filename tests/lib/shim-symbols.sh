# tests/lib/shim-symbols.sh — sourced after common.sh by the cases that check one of uspawn's
# preloaded libraries loads into programs of any libc era: no DT_NEEDED, no text relocations,
# DT_HASH for dynamic linkers before glibc 2.5, no symbol version at all (so nothing newer than
# GLIBC_2.2.5), and exactly the undefined and exported symbols the case names.
command -v readelf >/dev/null || skip "readelf is not installed (binutils)"

assert_shim_symbols() { # LIB "UNDEFINED..." "EXPORTED..."  (each sorted, space-separated)
	local lib=$1 dyn undefined exported
	[ -f "$lib" ] || fail "$lib not built (make)"
	dyn=$(readelf -d "$lib")
	assert_not_contains "$dyn" "(NEEDED)" "dynamic section"
	assert_not_contains "$dyn" "TEXTREL" "dynamic section"
	assert_contains "$dyn" "(HASH)" "dynamic section"
	assert_not_contains "$(readelf -S "$lib")" ".gnu.version" "sections"
	assert_contains "$(readelf -V "$lib")" "No version information found" "readelf -V"
	undefined=$(readelf --dyn-syms -W "$lib" | awk '$7 == "UND" && $8 != "" { print $8 }' | sort | tr '\n' ' ')
	assert_eq "$2 " "$undefined" "undefined symbols"
	exported=$(readelf --dyn-syms -W "$lib" |
		awk '$1 ~ /^[0-9]+:$/ && $7 != "UND" && $5 != "LOCAL" && $8 != "" { print $8 }' | sort | tr '\n' ' ')
	assert_eq "$3 " "$exported" "exported symbols"
}
