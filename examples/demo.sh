#!/bin/sh
# The exile.h tour: `make demo` builds the examples and runs this.
# Each step says what it tries and what the sandbox allowed or denied, and why.
cd "$(dirname "$0")" || exit 1
tmp=$(mktemp -d /tmp/exile-demo.XXXXXX) || exit 1
trap 'rm -rf "$tmp"' EXIT
printf 'A file to read.\n' > "$tmp/file.txt"

section() { printf '\n========== %s ==========\n' "$1"; }
run() { printf '$ %s\n' "$1"; eval "$1"; printf '  (exit status %d)\n' "$?"; }

section "vows: a process promises what it will do"
./vow_quickstart
section "a read-only filesystem"
./readonly_fs
section "no network"
./no_network
section "a blacklist of syscalls, with argument filters"
./syscall_blacklist
section "parsing untrusted input in a sandboxed child (exile_launch_get)"
./parse_untrusted
section "exile-run: any program under a policy"
echo "cat may read (rpath) and write what it holds (stdio):"
run '../tools/exile-run --vows "stdio rpath" -- cat "$tmp/file.txt"'
echo "without rpath, opening the file is a syscall the vows do not allow:"
run '../tools/exile-run --vows "stdio" -- cat "$tmp/file.txt"'
echo "what a program ends up with, before running it:"
run '../tools/exile-run --explain --vows "stdio rpath" --no-net -- cat "$tmp/file.txt"'
