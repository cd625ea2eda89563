#!/usr/bin/env bash
# make old-headers: exile.h must build against kernel headers as old as
# Linux 4.19 (Debian 10) and decide every newer feature at run time. This
# script makes trimmed copies of the installed linux/, asm/ and asm-generic/
# headers that simulate the uapi headers of 4.19, 5.10 and 5.15 (syscall
# numbers above each version's last one removed, the headers and constants
# those versions lack removed) in a sysroot of their own, and compiles the implementation with gcc, clang and g++ under
# -Werror, and the declarations with -std=c99 -pedantic.
#
# The copies are generated here from the installed headers (Debian 12:
# Linux 6.1), never committed. What is simulated: what exile.h and the libc
# headers it includes could use (seccomp, Landlock, capabilities, clone,
# prctl, mount, openat2, close_range, pidfd, io_uring's header, syscall
# numbers). The sysroot links every other header to the system's, so the C
# library stays the installed one, so functions newer than
# an old glibc are not caught here; exile makes raw syscalls for everything
# newer than glibc 2.28 (checked by hand: no close_range(), pidfd_*(),
# mount_setattr(), gettid() wrappers are called).
set -eu
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "old-headers: $*" >&2; exit 1; }
WARN="-Wall -Wextra -Wpedantic -Werror -Wshadow"
multiarch=$(gcc -print-multiarch)
asm=/usr/include/$multiarch/asm
[ -d "$asm" ] || asm=/usr/include/asm
[ -f /usr/include/linux/seccomp.h ] && [ -f "$asm/unistd_64.h" ] || fail "the kernel headers are missing (linux-libc-dev)"

del() { # file, extended regex: delete the matching lines
	sed -E -i "\\%$2%d" "$1"
}
cut_from() { # file, regex: delete from the first matching line to before the include guard's #endif
	awk -v re="$2" 'BEGIN { n = 0 } { line[++n] = $0 } END {
		last = n; while(last > 0 && line[last] !~ /^#endif/) last--
		cut = 0
		for(i = 1; i <= n; i++) { if(!cut && i < last && line[i] ~ re) cut = 1; if(!cut || i >= last) print line[i] } }' \
		"$1" > "$1.new" && mv "$1.new" "$1"
}
cut_block() { # file, start regex, end regex: delete from start to the first end after it, inclusive
	awk -v s="$2" -v e="$3" '{ if(!cut && $0 ~ s) cut = 1; if(!cut) print; else if($0 ~ e) cut = 0 }' "$1" > "$1.new" && mv "$1.new" "$1"
}
syscalls_upto() { # include dir, last syscall number of the version
	local u=$1/$multiarch/asm/unistd_64.h
	awk -v last="$2" '!($1 == "#define" && $2 ~ /^__NR_/ && $3 + 0 > last)' "$u" > "$u.new" && mv "$u.new" "$u"
}

make_tree() { # version -> a sysroot $tmp/$version whose /usr/include is the system's but for the kernel headers
	local d=$tmp/$1/usr/include e
	mkdir -p "$d/$multiarch"
	for e in /usr/include/*; do
		case ${e##*/} in linux | asm | asm-generic | "$multiarch") ;; *) ln -s "$e" "$d/${e##*/}" ;; esac
	done
	for e in /usr/include/$multiarch/*; do
		[ "${e##*/}" = asm ] || ln -s "$e" "$d/$multiarch/${e##*/}"
	done
	cp -r /usr/include/linux "$d/linux"
	cp -r "$asm" "$d/$multiarch/asm"
	cp -r /usr/include/asm-generic "$d/asm-generic"
	case $1 in
	4.19)
		syscalls_upto "$d" 334 # rseq
		rm -f "$d"/linux/io_uring.h "$d"/linux/landlock.h "$d"/linux/openat2.h "$d"/linux/close_range.h "$d"/linux/pidfd.h
		# linux/mount.h came with 5.2; before it linux/fs.h had the MS_* flags
		awk '/^\/\*$/ && seen_ms { exit } /MS_MGC_MSK/ { seen_ms = 1 } /^#define MS_/ || /^\t/ && seen { print } /^#define MS_/ { seen = 1 }' \
			"$d/linux/mount.h" > "$tmp/ms.h"
		sed -i -e "/#include <linux\/mount.h>/r $tmp/ms.h" -e '/#include <linux\/mount.h>/d' "$d/linux/fs.h"
		rm -f "$d/linux/mount.h"
		del "$d/linux/fcntl.h" '#include <linux/openat2.h>|AT_RECURSIVE'
		del "$d/linux/seccomp.h" 'SECCOMP_GET_NOTIF_SIZES|SECCOMP_FILTER_FLAG_NEW_LISTENER|SECCOMP_FILTER_FLAG_TSYNC_ESRCH|WAIT_KILLABLE|SECCOMP_RET_USER_NOTIF'
		cut_from "$d/linux/seccomp.h" '^struct seccomp_notif_sizes'
		del "$d/linux/capability.h" 'define CAP_(PERFMON|BPF|CHECKPOINT_RESTORE)'
		sed -i 's/^#define CAP_LAST_CAP .*/#define CAP_LAST_CAP         CAP_AUDIT_READ/' "$d/linux/capability.h"
		del "$d/linux/sched.h" 'CLONE_PIDFD|CLONE_CLEAR_SIGHAND|CLONE_INTO_CGROUP|CLONE_NEWTIME|CLONE_ARGS_SIZE'
		cut_block "$d/linux/sched.h" '^struct clone_args' '^};'
		del "$d/linux/prctl.h" 'PR_SPEC_L1D_FLUSH'
		cut_from "$d/linux/prctl.h" 'PR_PAC_RESET_KEYS'
		;;
	5.10)
		syscalls_upto "$d" 440 # process_madvise
		rm -f "$d/linux/landlock.h"
		del "$d/linux/mount.h" 'MOUNT_ATTR_IDMAP|MOUNT_ATTR_SIZE_VER0'
		cut_block "$d/linux/mount.h" '^struct mount_attr' '^};'
		del "$d/linux/seccomp.h" 'SECCOMP_ADDFD_FLAG_SEND|WAIT_KILLABLE'
		del "$d/linux/prctl.h" 'PR_SPEC_L1D_FLUSH'
		cut_from "$d/linux/prctl.h" 'PR_SET_SYSCALL_USER_DISPATCH'
		;;
	5.15)
		syscalls_upto "$d" 448 # process_mrelease
		del "$d/linux/landlock.h" 'LANDLOCK_ACCESS_FS_REFER'
		del "$d/linux/seccomp.h" 'WAIT_KILLABLE'
		cut_from "$d/linux/prctl.h" 'PR_SME_SET_VL|PR_SET_VMA'
		;;
	esac
}

run() {
	if ! "$@" 2>"$tmp/err"; then
		cat "$tmp/err" >&2
		fail "failed: $*"
	fi
}
printf '#ifndef _GNU_SOURCE\n#define _GNU_SOURCE\n#endif\n#define EXILE_IMPLEMENTATION\n#include "exile.h"\nint main(void){return 0;}\n' > "$tmp/impl.c"
printf '#include "exile.h"\nint main(void){return exile_version()[0] == 0;}\n' > "$tmp/decl.c"
printf '#define EXILE_IMPLEMENTATION\n#include "exile.hpp"\nint main(){return exile_launch<int>(exile::policy(), [](){return 0;});}\n' > "$tmp/hpp.cc"
for v in 4.19 5.10 5.15; do
	make_tree $v
	inc="--sysroot=$tmp/$v"
	# the simulation holds: the newest syscall of the version is the last one left
	last=$(printf '#include <asm/unistd.h>\n' | gcc $inc -dM -E - | awk '$2 ~ /^__NR_/ {print $3}' | sort -n | tail -n 1)
	case $v in 4.19) [ "$last" = 334 ] ;; 5.10) [ "$last" = 440 ] ;; 5.15) [ "$last" = 448 ] ;; esac \
		|| fail "$v: the trimmed headers still number syscalls up to $last"
	# ... and lacks what the version lacked (each must be undefined)
	case $v in
	4.19) absent="SECCOMP_RET_USER_NOTIF SECCOMP_FILTER_FLAG_NEW_LISTENER SECCOMP_USER_NOTIF_FLAG_CONTINUE CLONE_PIDFD CLONE_ARGS_SIZE_VER0 CAP_PERFMON PR_SET_IO_FLUSHER AT_RECURSIVE LANDLOCK_CREATE_RULESET_VERSION MOUNT_ATTR_RDONLY RESOLVE_NO_SYMLINKS" ;;
	5.10) absent="SECCOMP_ADDFD_FLAG_SEND MOUNT_ATTR_SIZE_VER0 MOUNT_ATTR_IDMAP PR_SCHED_CORE LANDLOCK_CREATE_RULESET_VERSION" ;;
	5.15) absent="SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV LANDLOCK_ACCESS_FS_REFER PR_SET_VMA" ;;
	esac
	printf '#include <linux/types.h>\n#include <linux/seccomp.h>\n#include <linux/sched.h>\n#include <linux/capability.h>\n#include <linux/prctl.h>\n#include <linux/fcntl.h>\n#include <linux/fs.h>\n#if __has_include(<linux/landlock.h>)\n#include <linux/landlock.h>\n#endif\n#if __has_include(<linux/mount.h>)\n#include <linux/mount.h>\n#endif\n' > "$tmp/probe.c"
	gcc $inc -dM -E "$tmp/probe.c" > "$tmp/probe.m" || fail "$v: the trimmed headers do not preprocess"
	for m in $absent; do
		! grep -q "^#define $m " "$tmp/probe.m" || fail "$v: the trimmed headers still define $m"
	done
	grep -q '^#define SECCOMP_RET_KILL_PROCESS ' "$tmp/probe.m" || fail "$v: the trimmed headers lost SECCOMP_RET_KILL_PROCESS"
	run gcc -std=c99 $WARN $inc -I. -c "$tmp/impl.c" -o "$tmp/o"
	run clang -std=c11 $WARN $inc -I. -c "$tmp/impl.c" -o "$tmp/o"
	run g++ -x c++ -std=c++17 $WARN $inc -I. -c "$tmp/impl.c" -o "$tmp/o"
	run g++ -std=c++11 $WARN $inc -I. -c "$tmp/hpp.cc" -o "$tmp/o"
	run gcc -std=c99 $WARN $inc -I. -c "$tmp/decl.c" -o "$tmp/o"
	# built against old headers, the implementation still knows today's
	# syscalls by name and number (decided at run time, not by the headers)
	printf '#define _GNU_SOURCE\n#define EXILE_IMPLEMENTATION\n#include "exile.h"\nint main(void){return exile_syscall_nr("landlock_create_ruleset") != 444 || exile_syscall_nr("futex_waitv") != 449 || exile_syscall_nr("listns") != 470 || strcmp(exile_syscall_name(462), "mseal") != 0;}\n' > "$tmp/names.c"
	run gcc -std=c99 $WARN $inc -I. -c "$tmp/names.c" -o "$tmp/names.o"
	run gcc "$tmp/names.o" -o "$tmp/names"
	"$tmp/names" || fail "$v: the syscall table built against these headers lost names"
	echo "old-headers: Linux $v uapi headers: ok"
done
