#!/usr/bin/env bash
# Builds upstream exile.h's own test.c, unchanged, against this exile.h and
# runs each of its tests as the current user and, when that is root, again
# as nobody. Upstream's code is not part of this repository: pass the path
# of a copy (e.g. from a clone of quitesimpleorg/exile.h).
#   tests/upstream.sh /path/to/upstream/test.c [/path/to/upstream/test.cpp]
# (test.cpp, with exile.hpp, is built with upstream's -std=c++20.)
# Upstream links its tests against exile.o; here one unit defines
# EXILE_IMPLEMENTATION and the one unprefixed internal helper upstream's
# test calls, mkpath() (written here, not upstream's).
set -u
cd "$(dirname "$0")/.."
src=${1:?usage: tests/upstream.sh UPSTREAM_TEST_C [UPSTREAM_TEST_CPP]}
srcxx=${2:-}
tmp=$(mktemp -d /tmp/exile-upstream.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
cat > "$tmp/impl.c" <<'C'
#define EXILE_IMPLEMENTATION
#include "exile.h"
/* mkpath(p, mode, baseisfile): creates every missing directory of p, and p
 * itself as an empty file when baseisfile; 0, or -1 with errno. */
int mkpath(const char *p, mode_t mode, int baseisfile);
int mkpath(const char *p, mode_t mode, int baseisfile)
{
	char buf[4096];
	size_t i, n = strlen(p);
	if(n == 0 || n >= sizeof(buf))
	{
		errno = EINVAL;
		return -1;
	}
	memcpy(buf, p, n + 1);
	for(i = 1; i <= n; i++)
	{
		char c = buf[i];
		if(c != '/' && c != '\0')
		{
			continue;
		}
		buf[i] = '\0';
		if(c == '\0' && baseisfile)
		{
			int fd = open(buf, O_CREAT | O_WRONLY | O_CLOEXEC, mode);
			if(fd < 0)
			{
				return -1;
			}
			close(fd);
		}
		else if(mkdir(buf, mode) != 0 && errno != EEXIST)
		{
			return -1;
		}
		buf[i] = c;
	}
	return 0;
}
C
cc -std=c99 -Wall -Wextra -pedantic -I. -c "$tmp/impl.c" -o "$tmp/impl.o" || exit 1
# upstream's own flags (its Makefile: -std=c99 -Wall -Wextra -pedantic); its
# unused variables warn, which is upstream's business
cc -std=c99 -Wall -Wextra -pedantic -I. "$src" "$tmp/impl.o" -o "$tmp/test" 2>"$tmp/warnings" || { cat "$tmp/warnings"; exit 1; }
bins=test
if [ -n "$srcxx" ]; then
	c++ -std=c++20 -Wall -Wextra -pedantic -I. "$srcxx" "$tmp/impl.o" -o "$tmp/testcpp" || exit 1
	bins="test testcpp"
fi
chmod -R a+rX "$tmp"
passed=0 failed=0
runas() { # label, prefix...
	local label=$1 b t rc; shift
	for b in $bins; do
		for t in $("$tmp/$b" --dumptests); do
			(cd "$tmp" && "$@" "./$b" "$t" >"$tmp/log" 2>&1); rc=$?
			if [ $rc -eq 0 ]; then passed=$((passed + 1)); else
				failed=$((failed + 1)); echo "[$label] $b $t: exit $rc"; sed "s/^/[$label]   /" "$tmp/log" | tail -n 5; fi
		done
	done
}
runas "$(id -un)"
if [ "$(id -u)" = 0 ]; then
	runas nobody setpriv --reuid=65534 --regid=65534 --clear-groups
fi
echo "upstream tests: $passed passed, $failed failed"
[ $failed -eq 0 ]
