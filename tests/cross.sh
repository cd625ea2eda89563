#!/usr/bin/env bash
# make cross-check: exile.h on every architecture it supports, without such
# machines. For x86_64 (natively) and for aarch64, riscv64, i386 and arm
# (Debian's cross compilers, run under qemu-user):
#  - the header compiles clean in every C standard, implementation and
#    declarations (-Wall -Wextra -Wpedantic -Wshadow -Werror), with gcc and,
#    where clang is there, with clang --target;
#  - tests/cross.c, built static against that architecture's headers and
#    libc, checks the name table against the headers, the vow filters'
#    documented verdicts through exile_bpf_simulate with that architecture's
#    seccomp_data, the arch check, 64-bit comparisons on 32-bit
#    architectures, exile's constants against the headers, and the filters'
#    sizes (see the file). seccomp() itself is not available under
#    qemu-user: enforcement is verified live on x86_64 (the suite) and, where
#    this kernel runs i386 binaries natively (IA32 emulation), on i386 too
#    (cross --live: verdicts enforced in forked children).
# An architecture whose compiler or qemu is missing is skipped with a reason
# (make deps installs them); in CI (CI=true) or with CROSS_REQUIRE=1 that
# is a failure.
set -eu
cd "$(dirname "$0")/.."
tmp=$(mktemp -d /tmp/exile-cross.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
WARN="-Wall -Wextra -Wpedantic -Werror -Wshadow"
fail() { echo "cross-check: $*" >&2; exit 1; }
run() {
	if ! "$@" 2>"$tmp/err"; then
		cat "$tmp/err" >&2
		fail "failed: $*"
	fi
}
printf '#define EXILE_IMPLEMENTATION\n#include "exile.h"\nint main(void){return 0;}\n' > "$tmp/impl.c"
printf '#include "exile.h"\nint main(void){return exile_version()[0] == 0;}\n' > "$tmp/decl.c"

# arch, compiler, qemu (empty: native), clang target
targets="x86_64 gcc - x86_64-linux-gnu
aarch64 aarch64-linux-gnu-gcc qemu-aarch64-static aarch64-linux-gnu
riscv64 riscv64-linux-gnu-gcc qemu-riscv64-static riscv64-linux-gnu
i386 i686-linux-gnu-gcc qemu-i386-static i686-linux-gnu
arm arm-linux-gnueabihf-gcc qemu-arm-static arm-linux-gnueabihf"
[ "$(uname -m)" = x86_64 ] || fail "the cross check runs on an x86_64 host"
done_list="" skipped=""
while read -r arch cc qemu ctarget; do
	if ! command -v "$cc" >/dev/null; then
		skipped="$skipped $arch(no $cc)"
		continue
	fi
	if [ "$qemu" != - ] && ! command -v "$qemu" >/dev/null; then
		skipped="$skipped $arch(no $qemu)"
		continue
	fi
	for std in c99 c11 c17; do
		run "$cc" -std=$std $WARN -Wstrict-prototypes -I. -c "$tmp/impl.c" -o "$tmp/o"
		run "$cc" -std=$std $WARN -I. -c "$tmp/decl.c" -o "$tmp/o"
	done
	if command -v clang >/dev/null && [ -d "/usr/$ctarget/include" -o "$arch" = x86_64 ]; then
		sysroot=""
		[ "$arch" = x86_64 ] || sysroot="--sysroot=/usr/$ctarget -isystem /usr/$ctarget/include"
		run clang --target="$ctarget" $sysroot -std=c99 $WARN -I. -fsyntax-only "$tmp/impl.c"
	fi
	# every __NR_ name of the target's headers, for the name table check
	echo '#include <asm/unistd.h>' | "$cc" -dM -E - | sed -n 's/^#define __NR_\([A-Za-z0-9_]*\) .*/CROSS_NAME(\1)/p' \
		| grep -v -E '^CROSS_NAME\((syscalls|arch_specific_syscall|SYSCALL_BASE|SYSCALL_MASK|OABI_SYSCALL_BASE)\)$' \
		> "$tmp/names-$arch.h"
	run "$cc" -std=c99 -O1 $WARN -static -I. -DCROSS_NAMES="\"$tmp/names-$arch.h\"" tests/cross.c -o "$tmp/cross-$arch"
	if [ "$qemu" = - ]; then
		"$tmp/cross-$arch" > "$tmp/out-$arch" || { cat "$tmp/out-$arch"; fail "$arch: the checks failed"; }
	else
		"$qemu" "$tmp/cross-$arch" > "$tmp/out-$arch" || { cat "$tmp/out-$arch"; fail "$arch: the checks failed (under $qemu)"; }
	fi
	grep -q "^cross: $arch: [0-9]* passed, 0 failed$" "$tmp/out-$arch" || { cat "$tmp/out-$arch"; fail "$arch: no clean result line"; }
	# old headers: without the calls newer than Linux 4.19 had on this
	# architecture (numbers from the cut on), exile's fallbacks must give
	# the same numbers (or none, for a call it does not carry)
	mkdir -p "$tmp/old-$arch/asm"
	{
		echo '#include_next <asm/unistd.h>'
		sed -n 's/^CROSS_NAME(\(.*\))$/\1/p' "$tmp/names-$arch.h" | while read -r n; do
			printf '#if defined(__NR_%s) && __NR_%s >= CROSS_CUT && __NR_%s < 0x0f0000\n#undef __NR_%s\n#endif\n' "$n" "$n" "$n" "$n"
		done
	} > "$tmp/old-$arch/asm/unistd.h"
	case $arch in x86_64) cut=335 ;; i386) cut=387 ;; arm) cut=398 ;; *) cut=294 ;; esac
	if [ "$qemu" = - ]; then "$tmp/cross-$arch" --names; else "$qemu" "$tmp/cross-$arch" --names; fi > "$tmp/nums-$arch.h"
	run "$cc" -std=c99 -O1 $WARN -static -isystem "$tmp/old-$arch" -I. -DCROSS_CUT=$cut -DCROSS_OLD_HEADERS \
		-DCROSS_NUMS="\"$tmp/nums-$arch.h\"" tests/cross.c -o "$tmp/cross-old-$arch"
	if [ "$qemu" = - ]; then
		"$tmp/cross-old-$arch" > "$tmp/old-out-$arch" || { cat "$tmp/old-out-$arch"; fail "$arch: with old headers"; }
	else
		"$qemu" "$tmp/cross-old-$arch" > "$tmp/old-out-$arch" || { cat "$tmp/old-out-$arch"; fail "$arch: with old headers"; }
	fi
	grep -q "^cross: $arch: [0-9]* passed, 0 failed$" "$tmp/old-out-$arch" || { cat "$tmp/old-out-$arch"; fail "$arch: old headers: no clean result line"; }
	grep '^cross: .*old headers' "$tmp/old-out-$arch" >> "$tmp/out-$arch"
	# i386 runs natively on an x86_64 kernel with IA32 emulation: enforced live
	if [ "$arch" = i386 ] && "$tmp/cross-$arch" --names >/dev/null 2>&1; then
		"$tmp/cross-$arch" --live > "$tmp/live-$arch" || { cat "$tmp/live-$arch"; fail "$arch: live enforcement"; }
		grep -q "^cross: $arch: [0-9]* passed, 0 failed$" "$tmp/live-$arch" || { cat "$tmp/live-$arch"; fail "$arch: live: no clean result line"; }
		sed -n 's/^\(cross: .*\): \([0-9]* passed, 0 failed\)$/\1 live: \2/p; /enforced live/p' "$tmp/live-$arch" >> "$tmp/out-$arch"
	elif [ "$arch" = i386 ]; then
		echo "cross: i386: live enforcement skipped: this kernel does not run i386 binaries natively (no IA32 emulation)" >> "$tmp/out-$arch"
	fi
	sed 's/^/  /' "$tmp/out-$arch"
	done_list="$done_list $arch"
done <<< "$targets"
if [ -n "$skipped" ]; then
	echo "cross-check: skipped:$skipped (make deps installs the cross compilers and qemu-user-static)"
	if [ "${CROSS_REQUIRE:-0}" = 1 ] || [ "${CI:-}" = true ]; then
		fail "architectures were skipped (CI or CROSS_REQUIRE=1 needs every one)"
	fi
fi
echo "cross-check: header, name table and vow filters checked on:$done_list: ok"
