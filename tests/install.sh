#!/usr/bin/env bash
# make install-check: what make install gives a user, checked from outside
# the source tree.
#  1. make install DESTDIR=<stage> PREFIX=/usr puts every file in place;
#     a program finds the header only through
#     `pkg-config --cflags exile` (PKG_CONFIG_SYSROOT_DIR, as for any staged
#     install), builds with -Werror and runs; exile.pc's version is
#     exile_version(); make uninstall removes every file it installed.
#  2. make install PREFIX=<scratch>: the installed exile-run finds its
#     preload library in <scratch>/lib/exile and confines a dynamic program.
#  3. libexile.so exports the API (exile_*) and nothing private, and a
#     program linked against it is sandboxed by it.
# The build runs in a copy of the tree, so the caller's build is untouched.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d /tmp/exile-install.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "install-check: $*" >&2; exit 1; }
command -v pkg-config >/dev/null || fail "pkg-config is missing (make deps installs it)"

mkdir "$tmp/src"
(cd "$here" && tar cf - --exclude=./.git --exclude='./test' --exclude='./test-*' .) | (cd "$tmp/src" && tar xf -)
m() { make -s -C "$tmp/src" "$@" >"$tmp/make.log" 2>&1 || { cat "$tmp/make.log" >&2; fail "make $*"; }; }

# 1. staged install, pkg-config, uninstall
stage=$tmp/stage
m install DESTDIR="$stage" PREFIX=/usr
for f in usr/include/exile.h usr/include/exile.hpp usr/bin/exile-run usr/lib/exile/libexile-run-preload.so \
	usr/lib/pkgconfig/exile.pc usr/share/man/man3/exile.3 usr/share/doc/exile/README.md \
	usr/share/doc/exile/CHANGELOG.md usr/share/doc/exile/LICENSE; do
	[ -f "$stage/$f" ] || fail "make install did not install /$f"
done
for f in "$here"/tools/*.1 "$here"/man/*.1 "$here"/docs/*.1; do
	[ -f "$f" ] && { [ -f "$stage/usr/share/man/man1/${f##*/}" ] || fail "make install did not install the man page ${f##*/}"; }
done
for f in "$here"/docs/*.md; do
	[ -f "$f" ] && { [ -f "$stage/usr/share/doc/exile/${f##*/}" ] || fail "make install did not install docs/${f##*/}"; }
done
[ -x "$stage/usr/bin/exile-run" ] || fail "exile-run is not executable"
export PKG_CONFIG_SYSROOT_DIR="$stage" PKG_CONFIG_LIBDIR="$stage/usr/lib/pkgconfig" PKG_CONFIG_PATH=
cflags=$(pkg-config --cflags exile | sed "s/ *$//") || fail "pkg-config --cflags exile"
[ "$cflags" = "-I$stage/usr/include" ] || fail "pkg-config --cflags exile gave '$cflags'"
version=$(pkg-config --modversion exile)
mkdir "$tmp/consumer"
cat > "$tmp/consumer/main.c" <<'C'
#include <exile.h>
#include <sys/wait.h>
int main(int argc, char **argv)
{
	int status;
	pid_t pid;
	if(argc != 2 || strcmp(argv[1], exile_version()) != 0 || strcmp(EXILE_VERSION_STRING, exile_version()) != 0)
	{
		fprintf(stderr, "consumer: version %s, expected %s\n", exile_version(), argc == 2 ? argv[1] : "?");
		return 1;
	}
	pid = fork();
	if(pid == 0)
	{
		struct exile_policy *p = exile_init_policy();
		p->vow_promises = exile_vows_from_str("stdio");
		if(exile_enable_policy(p) != 0)
		{
			_exit(2);
		}
		/* the attack: open a file the vows do not allow */
		_exit(open("/etc/passwd", O_RDONLY) >= 0 ? 3 : 4);
	}
	return waitpid(pid, &status, 0) == pid && WIFSIGNALED(status) && WTERMSIG(status) == SIGSYS ? 0 : 5;
}
C
printf '#define EXILE_IMPLEMENTATION\n#include <exile.h>\n' > "$tmp/consumer/exile.c"
(cd "$tmp/consumer" && cc -std=c99 -Wall -Wextra -Wpedantic -Werror $cflags -c exile.c -o exile.o \
	&& cc -std=c99 -Wall -Wextra -Wpedantic -Werror $cflags main.c exile.o -o consumer) || fail "building against the installed header"
"$tmp/consumer/consumer" "$version" || fail "the consumer program failed ($?)"
unset PKG_CONFIG_SYSROOT_DIR PKG_CONFIG_LIBDIR PKG_CONFIG_PATH
m uninstall DESTDIR="$stage" PREFIX=/usr
left=$(find "$stage" -type f)
[ -z "$left" ] || fail "make uninstall left: $left"

# 2. the installed exile-run finds its preload library
prefix=$tmp/prefix
m install PREFIX="$prefix"
printf 'confined\n' > "$tmp/file.txt"
[ ! -e "$prefix/bin/libexile-run-preload.so" ] || fail "the preload library sits beside exile-run"
out=$("$prefix/bin/exile-run" --explain --vows "stdio rpath" -- /bin/cat "$tmp/file.txt") || fail "exile-run --explain"
case "$out" in *"$prefix/lib/exile/libexile-run-preload.so"*) ;; *) fail "exile-run does not use the installed preload: $out" ;; esac
out=$("$prefix/bin/exile-run" --vows "stdio rpath" -- /bin/cat "$tmp/file.txt") || fail "exile-run cat failed"
[ "$out" = confined ] || fail "exile-run cat gave '$out'"
rc=0; "$prefix/bin/exile-run" --vows "stdio" -- /bin/cat "$tmp/file.txt" >/dev/null 2>&1 || rc=$?
[ $rc -eq 159 ] || fail "exile-run --vows stdio cat: status $rc, expected 159 (killed by the sandbox)"
m uninstall PREFIX="$prefix"

# 3. the shared library
m libexile.so
lib=$tmp/src/libexile.so
exported=$(nm -D --defined-only "$lib" | awk '$2 == "T" || $2 == "D" || $2 == "B" {print $3}')
echo "$exported" | grep -qx exile_enable_policy || fail "libexile.so does not export exile_enable_policy"
echo "$exported" | grep -qx exile_version || fail "libexile.so does not export exile_version"
bad=$(echo "$exported" | grep -v '^exile_' || true)
[ -z "$bad" ] || fail "libexile.so exports more than the API: $(echo $bad)"
(cd "$tmp/consumer" && cc -std=c99 -Wall -Wextra -Werror -I"$tmp/src" main.c -L"$tmp/src" -lexile -o shared) \
	|| fail "linking against libexile.so"
LD_LIBRARY_PATH="$tmp/src" "$tmp/consumer/shared" "$(sed -n 's/^#define EXILE_VERSION_STRING "\(.*\)"/\1/p' "$here/exile.h")" \
	|| fail "the program linked against libexile.so failed"
nm -D "$tmp/consumer/shared" | grep -q ' U exile_enable_policy' || fail "the program does not take exile from libexile.so"

echo "install-check: staged install, pkg-config consumer, uninstall, installed exile-run, libexile.so: ok"
