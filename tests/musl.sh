#!/usr/bin/env bash
# make musl-check: exile.h with musl (musl-gcc, Debian's musl-tools).
#  - musl-gcc sees only musl's headers; exile.h also needs the kernel's
#    (linux/, asm/, asm-generic/). They are handed over in a directory that
#    holds only those three, so no glibc header can leak in:
#        mkdir k && ln -s /usr/include/linux /usr/include/asm-generic k/ \
#          && ln -s /usr/include/$(gcc -print-multiarch)/asm k/
#        musl-gcc -isystem k ...
#  - the header compiles clean (-Wall -Wextra -Wpedantic -Wshadow -Werror,
#    C99 and C11; musl declares ioctl(int, int, ...)), and so do the examples;
#  - tests/libc-probe.c, built with glibc and with musl, must print the same:
#    the verdicts of every vow's filter, what the libc's own wrappers may do
#    under vows, and that nothing runs after the filter is in (musl's free()
#    unmaps). Accepted differences are listed, with reasons, in
#    tests/musl-known-differences.txt.
# The cmocka suite itself is not built with musl: Debian ships cmocka and
# libseccomp for glibc only.
set -eu
cd "$(dirname "$0")/.."
if ! command -v musl-gcc >/dev/null; then
	echo "musl-check: musl-gcc is missing (make deps installs musl-tools): skipped"
	exit 0
fi
tmp=$(mktemp -d /tmp/exile-musl.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "musl-check: $*" >&2; exit 1; }
WARN="-Wall -Wextra -Wpedantic -Werror -Wshadow"
multiarch=$(gcc -print-multiarch)
mkdir "$tmp/k"
ln -s /usr/include/linux /usr/include/asm-generic "$tmp/k/"
ln -s "/usr/include/$multiarch/asm" "$tmp/k/asm"
MUSL="musl-gcc -isystem $tmp/k"
run() {
	if ! "$@" 2>"$tmp/err"; then
		cat "$tmp/err" >&2
		fail "failed: $*"
	fi
}

printf '#define EXILE_IMPLEMENTATION\n#include "exile.h"\nint main(void){return 0;}\n' > "$tmp/impl.c"
printf '#include "exile.h"\nint main(void){return exile_version()[0] == 0;}\n' > "$tmp/decl.c"
for std in c99 c11; do
	run $MUSL -std=$std $WARN -Wstrict-prototypes -I. -c "$tmp/impl.c" -o "$tmp/o"
	run $MUSL -std=$std $WARN -I. -c "$tmp/decl.c" -o "$tmp/o"
done
# the examples: built with musl, they end as their glibc builds do
mkdir "$tmp/ex"
for src in examples/*.c; do
	name=$(basename "$src" .c)
	case $name in libexile-run-preload) continue ;; esac
	run $MUSL -std=c99 $WARN -I. "$src" -o "$tmp/ex/$name.musl" -lpthread
	run gcc -std=c99 $WARN -I. "$src" -o "$tmp/ex/$name.glibc" -lpthread
done
for name in vow_quickstart readonly_fs no_network syscall_blacklist parse_untrusted; do
	[ -x "$tmp/ex/$name.musl" ] || continue
	g=0; m=0
	(cd "$tmp/ex" && "./$name.glibc" >/dev/null 2>&1) || g=$?
	(cd "$tmp/ex" && "./$name.musl" >/dev/null 2>&1) || m=$?
	[ $g -eq $m ] || fail "examples/$name: exit status $g with glibc, $m with musl"
done

# the probe, both ways
mkdir "$tmp/dir"
printf 'a file to read\n' > "$tmp/dir/file"
run gcc -std=c99 -O1 $WARN -I. tests/libc-probe.c -o "$tmp/probe.glibc" -lpthread
run $MUSL -std=c99 -O1 $WARN -I. tests/libc-probe.c -o "$tmp/probe.musl" -lpthread
"$tmp/probe.glibc" "$tmp/dir" > "$tmp/glibc.out" || fail "the glibc probe failed"
rm -f "$tmp/dir/new"
"$tmp/probe.musl" "$tmp/dir" > "$tmp/musl.out" || fail "the musl probe failed"
for out in glibc musl; do
	[ "$(grep -c '^nothing after the filter (.*): ok$' "$tmp/$out.out")" = 3 ] \
		|| fail "with $out, exile made a syscall after its filter: $(grep '^nothing' "$tmp/$out.out")"
done
diff "$tmp/glibc.out" "$tmp/musl.out" | grep '^[<>]' | sort > "$tmp/diff" || true
grep -v '^#' tests/musl-known-differences.txt | grep '^[<>]' | sort > "$tmp/known"
unexpected=$(comm -23 "$tmp/diff" "$tmp/known")
if [ -n "$unexpected" ]; then
	echo "musl-check: glibc (<) and musl (>) builds differ:" >&2
	echo "$unexpected" >&2
	fail "exile.h means something else with musl"
fi
gone=$(comm -13 "$tmp/diff" "$tmp/known")
[ -z "$gone" ] || echo "musl-check: note: known differences no longer seen (remove them from tests/musl-known-differences.txt): $gone"
n=$(wc -l < "$tmp/glibc.out")
echo "musl-check: header and examples build with musl; $n probe lines alike with glibc ($(wc -l < "$tmp/diff") known differences): ok"
