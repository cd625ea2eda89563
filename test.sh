#!/usr/bin/env bash
# Runs the exile.h test suite as the current user and, when that is root,
# again as nobody (most users of a sandboxing library are not root).
# Ends with one line "N passed, N failed, N skipped"; exits non-zero on any
# failure. Usage: ./test.sh [MODULE...]   (after make; ./test --list names the
# modules, e.g. ./test.sh vows landlock; "cpp" is test-cpp, exile.hpp's suite)
set -u
cd "$(dirname "$0")"

# "cpp" selects test-cpp (tests/cpp.cpp); every other name is a module of ./test
mods=() cpp=0
for a in "$@"; do
	if [ "$a" = cpp ]; then cpp=1; else mods+=("$a"); fi
done
[ $# -eq 0 ] && cpp=1
want_c=0
{ [ $# -eq 0 ] || [ ${#mods[@]} -gt 0 ]; } && want_c=1

if [ $want_c = 1 ] && [ ! -x ./test ]; then
	make test >/dev/null || { echo "0 passed, 1 failed, 0 skipped"; exit 1; }
fi
if [ $cpp = 1 ] && [ ! -x ./test-cpp ]; then
	make test-cpp >/dev/null || { echo "0 passed, 1 failed, 0 skipped"; exit 1; }
fi

passed=0 failed=0 skipped=0 status=0

run() { # label, command...
	local label=$1; shift
	local out rc
	out=$("$@" 2>&1); rc=$?
	printf '%s\n' "$out" | sed "s/^/[$label] /" | grep -vE '\] \[ (RUN|      OK) ' 
	local p f s
	p=$(printf '%s\n' "$out" | grep -c '^\[       OK \]')
	# cmocka names a failed or skipped test twice (as it happens, and in the summary)
	f=$(printf '%s\n' "$out" | grep -E '^\[  FAILED  \] [a-z_0-9]+$' | sort -u | wc -l)
	s=$(printf '%s\n' "$out" | grep -E '^\[  SKIPPED \] [a-z_0-9]+$' | sort -u | wc -l)
	# a crash of the runner itself counts as a failure
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
	passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
	[ "$rc" -eq 0 ] || status=1
}

[ $want_c = 1 ] && run "$(id -un)" ./test "${mods[@]}"
[ $cpp = 1 ] && run "$(id -un)" ./test-cpp

if [ "$(id -u)" = 0 ]; then
	if command -v setpriv >/dev/null; then
		tmp=$(mktemp -d /tmp/exile-test.XXXXXX)
		[ $want_c = 1 ] && cp ./test "$tmp/test"
		[ $cpp = 1 ] && cp ./test-cpp "$tmp/test-cpp"
		for d in tools examples; do [ -d $d ] && cp -r $d "$tmp/$d"; done # exile-run's and the examples' tests
		chmod -R a+rX "$tmp"
		[ $want_c = 1 ] && run nobody sh -c "cd '$tmp' && exec setpriv --reuid=65534 --regid=65534 --clear-groups ./test \"\$@\"" sh "${mods[@]}"
		[ $cpp = 1 ] && run nobody sh -c "cd '$tmp' && exec setpriv --reuid=65534 --regid=65534 --clear-groups ./test-cpp"
		rm -rf "$tmp"
	else
		echo "[nobody] setpriv is missing: the unprivileged run is skipped"
		skipped=$((skipped + 1))
	fi
fi

echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$status" -eq 0 ]
