#!/usr/bin/env bash
# The header must build in every mode a user may compile it in (make
# compile-checks). Every compiler and standard is checked on its own: a
# failure of one is a failure, never hidden behind another compiler.
#   C:   gcc and clang, -std=c99 c11 c17
#   C++: g++ and clang++, -std=c++11 c++14 c++17 c++20
# with -Wall -Wextra -Wpedantic -Werror -Wshadow, for the implementing unit
# and for a unit with the declarations only; then the _GNU_SOURCE rules, the
# macros the declarations define, EXILE_PATH_MAX and EXILE_STATIC.
set -eu
cd "$(dirname "$0")/.."
WARN="-Wall -Wextra -Wpedantic -Werror -Wshadow"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "compile-checks: $*" >&2; exit 1; }
run() { # command...: run it, print the compiler's complaint and stop on failure
	if ! "$@" 2>"$tmp/err"; then
		cat "$tmp/err" >&2
		fail "failed: $*"
	fi
}

printf '#ifndef _GNU_SOURCE\n#define _GNU_SOURCE\n#endif\n#define EXILE_IMPLEMENTATION\n#include "exile.h"\nint main(void){return 0;}\n' > "$tmp/impl.c"
printf '#define EXILE_IMPLEMENTATION\n#include "exile.h"\nint main(void){return 0;}\n' > "$tmp/first.c"
printf '#include "exile.h"\nint main(void){return exile_version()[0] == 0;}\n' > "$tmp/decl.c"
# C++ users name the report struct with "struct" or the typedef
printf '#include "exile.h"\nint f(void);\nint f(void){struct exile_landlock_report r; exile_landlock_report_t r2; r2.abi = 0; return exile_landlock_report(NULL, &r) + r2.abi;}\n' > "$tmp/report.c"

for std in c99 c11 c17; do
	for cc in gcc clang; do
		run $cc -std=$std $WARN -Wstrict-prototypes -I. -c "$tmp/impl.c" -o "$tmp/o"
		run $cc -std=$std $WARN -I. -c "$tmp/first.c" -o "$tmp/o"
		run $cc -std=$std $WARN -I. -c "$tmp/decl.c" -o "$tmp/o"
		run $cc -std=$std $WARN -I. -c "$tmp/report.c" -o "$tmp/o"
	done
done
printf '#define EXILE_IMPLEMENTATION\n#include "exile.hpp"\nint main(){return exile_launch<int>(exile::policy(), [](int a){return a;}, 0);}\n' > "$tmp/hpp.cc"
for std in c++11 c++14 c++17 c++20; do
	for cxx in g++ clang++; do
		run $cxx -x c++ -std=$std $WARN -I. -c "$tmp/hpp.cc" -o "$tmp/o"
		run $cxx -x c++ -std=$std $WARN -I. -c "$tmp/impl.c" -o "$tmp/o"
		run $cxx -x c++ -std=$std $WARN -I. -c "$tmp/decl.c" -o "$tmp/o"
		run $cxx -x c++ -std=$std $WARN -I. -c "$tmp/report.c" -o "$tmp/o"
	done
done

# _GNU_SOURCE: an implementing unit where a libc header fixed glibc's
# features without it must stop with #error, also when exile.h's
# declarations came in between; exile.h first (it defines _GNU_SOURCE) is fine.
expect_gnu_error() { # name, file contents
	printf "$2" > "$tmp/$1.c"
	if gcc -std=c99 -I. -c "$tmp/$1.c" -o "$tmp/o" 2>"$tmp/$1.err"; then
		fail "$1: an implementation without _GNU_SOURCE must stop with #error"
	fi
	grep -q 'needs _GNU_SOURCE' "$tmp/$1.err" || { cat "$tmp/$1.err" >&2; fail "$1: not the _GNU_SOURCE #error"; }
}
expect_gnu_error late '#include <stdio.h>\n#define EXILE_IMPLEMENTATION\n#include "exile.h"\n'
expect_gnu_error late_twice '#include <stdio.h>\n#include "exile.h"\n#define EXILE_IMPLEMENTATION\n#include "exile.h"\n'
expect_gnu_error late_defined '#include <stdio.h>\n#include "exile.h"\n#define _GNU_SOURCE\n#define EXILE_IMPLEMENTATION\n#include "exile.h"\n'
printf '#include "exile.h"\n#include <stdio.h>\n#define EXILE_IMPLEMENTATION\n#include "exile.h"\nint main(void){return 0;}\n' > "$tmp/early.c"
run gcc -std=c99 $WARN -I. -c "$tmp/early.c" -o "$tmp/o"
# a unit with the declarations only compiles after any header, in any mode
printf '#include <stdio.h>\n#include "exile.h"\nint main(void){return 0;}\n' > "$tmp/decl_late.c"
run gcc -std=c99 $WARN -I. -c "$tmp/decl_late.c" -o "$tmp/o"

# Upstream's users include only exile.h and rely on what upstream's header
# brought in (its test.c is built with -std=c99 -pedantic, no -D_GNU_SOURCE):
# syscall(), getdelim(), waitpid(__WALL), mmap, socket, open flags, the
# x32 bit, HAVE_LANDLOCK. This unit is ours, using that surface.
cat > "$tmp/upstream_user.c" <<'C'
#include "exile.h"
#include <sys/wait.h>
#if HAVE_LANDLOCK != 1
#error "HAVE_LANDLOCK"
#endif
int main(void)
{
	char *line = NULL;
	size_t n = 0;
	int status = 0;
	FILE *f = fopen("/proc/self/uid_map", "r");
	long uid = syscall(EXILE_SYS(getuid)) + (long)(getuid() & __X32_SYSCALL_BIT);
	void *m = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANON, -1, 0);
	int s = socket(AF_UNIX, SOCK_STREAM, 0), fd = open("/", O_RDONLY | O_CLOEXEC);
	struct stat st;
	if(f != NULL && getdelim(&line, &n, ' ', f) > 0)
	{
		free(line);
	}
	(void)waitpid(-1, &status, __WALL | WNOHANG);
	return (int)(uid < 0) + (m == MAP_FAILED) + (s < 0) + (fd < 0) + stat("/", &st) + (strlen(exile_version()) == 0);
}
C
run gcc -std=c99 -Wall -Wextra -Wpedantic -Werror -I. -c "$tmp/upstream_user.c" -o "$tmp/o"
run clang -std=c99 -Wall -Wextra -Wpedantic -Werror -I. -c "$tmp/upstream_user.c" -o "$tmp/o"

# The declarations define no unprefixed macro of their own: compare every
# macro defined after including exile.h with those of the same system
# headers alone (taken from exile.h's declaration part). Allowed besides
# EXILE_/exile_ names: _GNU_SOURCE and HAVE_LANDLOCK (both as upstream).
sed -n '/^#ifndef EXILE_H$/,/^#endif \/\* EXILE_H \*\/$/p' exile.h | grep '^#include <' > "$tmp/base.c"
sed -i '1i #define _GNU_SOURCE' "$tmp/base.c"
printf '#include "exile.h"\n' > "$tmp/with.c"
for cc in gcc g++; do
	lang=c; [ $cc = g++ ] && lang=c++
	$cc -x $lang -dM -E -I. "$tmp/base.c" | awk '{print $2}' | sed 's/(.*//' | sort -u > "$tmp/base.m"
	$cc -x $lang -dM -E -I. "$tmp/with.c" | awk '{print $2}' | sed 's/(.*//' | sort -u > "$tmp/with.m"
	leaked=$(comm -13 "$tmp/base.m" "$tmp/with.m" | grep -vE '^(EXILE_|exile_|_GNU_SOURCE$|HAVE_LANDLOCK$|EXILE_H$)' || true)
	[ -z "$leaked" ] || fail "$cc: the declarations define unprefixed macros: $(echo $leaked)"
	# private (EXILE__) macros stay in the implementation
	leaked=$(comm -13 "$tmp/base.m" "$tmp/with.m" | grep -E '^EXILE__' || true)
	[ -z "$leaked" ] || fail "$cc: the declarations define private macros: $(echo $leaked)"
done

# EXILE_PATH_MAX sizes exile's own buffers; it cannot change the policy's layout.
printf '#include "exile.h"\n#include <assert.h>\nstatic_assert(sizeof(((struct exile_policy *)0)->chroot_target_path) == 4096, "layout");\n' > "$tmp/pathmax.c"
run gcc -std=c11 $WARN -DEXILE_PATH_MAX=512 -I. -c "$tmp/pathmax.c" -o "$tmp/o"
printf '#define EXILE_PATH_MAX 512\n#define EXILE_IMPLEMENTATION\n#include "exile.h"\n#include <assert.h>\nstatic_assert(sizeof(((struct exile_policy *)0)->chroot_target_path) == 4096, "layout");\n' > "$tmp/pathmax_impl.c"
run gcc -std=c11 $WARN -I. -c "$tmp/pathmax_impl.c" -o "$tmp/o"

# EXILE_STATIC: two private copies in one program link and work, and do
# what the README says about each other's filters: a copy knows only the
# filters it installed itself. Within one copy, a second exile_vow() that the
# first forbids (no seccomp_install) is refused with -EPERM; from the other
# copy it is attempted, and the first copy's filter kills the process.
printf '#define _GNU_SOURCE\n#define EXILE_STATIC\n#define EXILE_IMPLEMENTATION\n#define EXILE_LOG_ERROR(...) ((void)0)\n#include "exile.h"\nint s1(void);\nint s1_vow(void);\nint s1(void){return exile_vows_from_str("stdio") != 0;}\nint s1_vow(void){return exile_vow(EXILE_SYSCALL_VOW_STDIO);}\n' > "$tmp/s1.c"
cat > "$tmp/s2.c" <<'C'
#define _GNU_SOURCE
#define EXILE_STATIC
#define EXILE_IMPLEMENTATION
#define EXILE_LOG_ERROR(...) ((void)0)
#include "exile.h"
#include <sys/wait.h>
int s1(void);
int s1_vow(void);
static int child(int other_copy)
{
	int status = 0;
	pid_t pid = fork();
	if(pid == 0)
	{
		if(s1_vow() != 0)
		{
			_exit(10);
		}
		_exit((other_copy ? exile_vow(EXILE_SYSCALL_VOW_STDIO) : s1_vow()) == -EPERM ? 0 : 11);
	}
	waitpid(pid, &status, 0);
	return WIFSIGNALED(status) ? -WTERMSIG(status) : WEXITSTATUS(status);
}
int main(void)
{
	if(!s1() || exile_vows_from_str("rpath") == 0)
	{
		return 1;
	}
	if(child(0) != 0)
	{
		return 2; /* the same copy refuses */
	}
	if(child(1) != -SIGSYS)
	{
		return 3; /* the other copy does not know the filter: killed, as documented */
	}
	return 0;
}
C
run gcc -std=c99 $WARN -I. -c "$tmp/s1.c" -o "$tmp/s1.o"
run gcc -std=c99 $WARN -I. -c "$tmp/s2.c" -o "$tmp/s2.o"
run gcc "$tmp/s1.o" "$tmp/s2.o" -o "$tmp/static2"
"$tmp/static2" || fail "two EXILE_STATIC copies: not what the README says (status $?)"

# The opt-outs of the optional parts (EXILE_NO_LEARN, _DESCRIBE, _LAUNCH),
# alone and together, still build and give a working policy.
printf '#define EXILE_IMPLEMENTATION\n#include "exile.h"\nint main(void){struct exile_policy *p = exile_init_policy(); return p == NULL;}\n' > "$tmp/optout.c"
for o in EXILE_NO_LEARN EXILE_NO_DESCRIBE EXILE_NO_LAUNCH "EXILE_NO_LEARN -DEXILE_NO_DESCRIBE -DEXILE_NO_LAUNCH"; do
	run gcc -std=c99 $WARN -D$o -I. "$tmp/optout.c" -o "$tmp/optout"
	"$tmp/optout" || fail "-D$o: the program failed"
	run clang -std=c11 $WARN -D$o -I. -c "$tmp/optout.c" -o "$tmp/o"
done

echo "compile-checks: gcc/clang c99/c11/c17, g++/clang++ c++11/14/17/20 (exile.h, exile.hpp), _GNU_SOURCE, macro hygiene, EXILE_PATH_MAX, EXILE_STATIC twice, EXILE_NO_*: ok"
