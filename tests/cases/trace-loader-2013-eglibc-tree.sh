#!/bin/bash
# The 2013 Debian userland (EGLIBC 2.13, whose ld.so has no --argv0) under --backend=trace:
# through uspawn-loader its bash and perl run, /proc/self/cmdline is the program's own argv,
# argv[0] survives exec -a (which ld.so run as a program could not keep), and /proc/self/exe and
# AT_EXECFN name the program.
. "$(dirname "$0")/../lib/common.sh"

unpack_debian_2013 "$T/root"
run() { run_uspawn --backend=trace -D "$T/root" "$@"; }

out=$(run /bin/bash -c 'cat /proc/self/cmdline | tr "\0" " "')
assert_eq "cat /proc/self/cmdline " "$out" "/proc/self/cmdline"
out=$(run /bin/bash -c 'exec -a old-name /bin/bash -c "echo \$0; cat /proc/\$\$/cmdline | tr \"\\0\" \" \""')
assert_eq 'old-name
old-name -c echo $0; cat /proc/$$/cmdline | tr "\0" " " ' "$out" "argv[0] and cmdline after exec -a"
out=$(run /bin/bash -c 'readlink /proc/self/exe; LD_SHOW_AUXV=1 /bin/true | sed -n "s/^AT_EXECFN: *//p"')
assert_eq "/bin/readlink
/bin/true" "$out" "/proc/self/exe and AT_EXECFN"
out=$(run /usr/bin/perl -e 'print "perl $] ", (time() > 1e9 ? "time ok" : "time bad"), "\n"')
assert_eq "perl 5.014002 time ok" "$out" "the tree's perl"
