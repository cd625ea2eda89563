/*
 * exile.h — a single-header library with which a Linux program sandboxes itself.
 *
 * Copyright (c) 2026 the exile.h authors. ISC licence: see the end of this file.
 *
 * ============================================================================
 * OVERVIEW
 * ============================================================================
 * A program builds a policy and enables it once, early; from then on an
 * exploit in that program can do little. exile.h filters system calls with
 * seccomp-BPF (its own small BPF assembler, no libseccomp), offers
 * OpenBSD-pledge-like "vows", confines files and TCP with Landlock (or, where
 * Landlock cannot, with user and mount namespaces), enters namespaces and
 * drops privileges. Everything is applied by one call, exile_enable_policy(),
 * and fails closed: a restriction that cannot be enforced is an error, never
 * a silent success. exile_launch_get() runs one function in a sandboxed
 * child; report and learning modes name denied syscalls and suggest vows.
 *
 * QUICK START
 *
 *     // in exactly one .c file of your program:
 *     #define _GNU_SOURCE              // before any #include (or -D_GNU_SOURCE)
 *     #define EXILE_IMPLEMENTATION
 *     #include "exile.h"
 *
 *     int main(void)
 *     {
 *         struct exile_policy *policy = exile_init_policy();
 *         if(policy == NULL) { fprintf(stderr, "%s\n", exile_last_error()); return 1; }
 *         policy->vow_promises = exile_vows_from_str("stdio rpath");
 *         if(exile_enable_policy(policy) != 0) {
 *             fprintf(stderr, "sandbox: %s\n", exile_last_error());
 *             return 1;
 *         }
 *         exile_free_policy(policy);
 *         // from here on: reading files and stdio only; anything else kills.
 *     }
 *
 * CONFIGURATION MACROS (define before including)
 *   EXILE_IMPLEMENTATION   compile the implementation into this translation
 *                          unit. Every other unit includes the header plainly.
 *                          The implementing unit needs _GNU_SOURCE; exile.h
 *                          defines it itself when it is the first header of a
 *                          unit (as upstream's did), and the implementation
 *                          stops with #error when another header came first
 *                          without it (also when exile.h's declarations were
 *                          included earlier in the unit).
 *   EXILE_STATIC           make every function static (several units may then
 *                          each carry their own private copy; each copy knows
 *                          only the filters it installed itself).
 *   EXILE_API              what prefixes every public function (default
 *                          extern, or static with EXILE_STATIC); e.g.
 *                          extern __attribute__((visibility("default"))) for
 *                          a shared library built with -fvisibility=hidden.
 *   EXILE_PATH_MAX         the size of exile's own path buffers (default 4096;
 *                          the policy's layout does not depend on it).
 *   EXILE_NO_LEARN         leave learning mode out (exile_learn_*).
 *   EXILE_NO_LAUNCH        leave exile_launch* out.
 *   EXILE_NO_DESCRIBE      leave exile_policy_describe out.
 *                          (Define them in the implementing unit; the
 *                          declarations stay, so a call to a part left out
 *                          fails at link time.)
 *   EXILE_LOG_ERROR(...)   exile.h is silent by default: a failure is in the
 *                          return value and exile_last_error(). Define this
 *                          (e.g. as fprintf(stderr, __VA_ARGS__)) to have it
 *                          called with ("exile.h: %s\n", message) on every
 *                          failure, as upstream did by default; defining it
 *                          empty is still fine. At run time: exile_set_log().
 *                          Expected outcomes (a launched function's exit
 *                          code) are never logged.
 *   EXILE_TESTING          the test suite's hooks (test.c); not for programs.
 *   The header defines HAVE_LANDLOCK (1, as upstream's: Landlock is decided at
 *   run time) and EXILE_VERSION_* (exile_version() gives the linked one).
 *
 * PORTABILITY: Linux on x86_64, aarch64, riscv64, i386 and arm EABI (little-
 *   endian; x32 refused; i386's socketcall and 32-bit arguments: README.md,
 *   "Portability"); glibc or musl; gcc and clang as
 *   C99/C11/C17, g++ and clang++ as C++11-C++20 (exile.hpp: C++11); kernel
 *   headers from Linux 4.19 on. See README.md, "Portability".
 *
 * KERNEL FEATURES (decided at run time, never from LINUX_VERSION_CODE)
 *   seccomp filters                  3.5  (seccomp(2) and TSYNC: 3.17)
 *   SECCOMP_RET_KILL_PROCESS         4.14 (exile refuses to install without it)
 *   constant-action cache            5.11 (plain allowed syscalls skip the BPF)
 *   Landlock                         probed once (ABI and errata); exile knows
 *                                    ABI 1-9: fs rights (1), refer (2), truncate
 *                                    (3), TCP ports (4), ioctl on devices (5),
 *                                    scopes (6), audit log flags (7), TSYNC (8),
 *                                    pathname unix connect (9). Path rules need
 *                                    ABI 3 (else the namespace fallback), port
 *                                    rules ABI 4, required scopes ABI 6; newer
 *                                    rights are used where present and reported
 *                                    (exile_landlock_report) where not.
 *   namespaces                       user namespaces probed in a short-lived
 *                                    child before anything changes; a blocked
 *                                    setting (kernel.unprivileged_userns_clone,
 *                                    user.max_user_namespaces, Ubuntu's
 *                                    apparmor_restrict_unprivileged_userns) is
 *                                    named in the error. mount_setattr (5.12)
 *                                    where present, else remounts.
 *
 * THE ORDER OF ENFORCEMENT
 *   exile_enable_policy() first does everything that can fail without side
 *   effects: validate, look for io_uring rings it did not create (refused
 *   with -EBUSY unless allow_unconfined_io_uring), build the BPF program,
 *   check it against the kernel's limits, check that filters installed
 *   earlier by exile in this process allow every system call the commit
 *   will make. Then it commits:
 *     namespaces -> mounts/pivot_root -> close inherited fds -> capabilities
 *     -> no_new_privs -> not-dumpable -> Landlock -> RLIMIT_NOFILE -> the
 *     report-mode SIGSYS handler -> stdio buffers -> seccomp (with TSYNC, so
 *     every thread is covered). One table in >>policy (exile__steps) is both
 *     this order and the list of calls the checks look at. The Landlock
 *     ruleset is built during the checks (paths are opened O_PATH then, and
 *     must still name the file they named when added).
 *   Seccomp comes last so that the steps before it may use calls the filter
 *   forbids, and nothing comes after it: the ruleset fd is closed and the
 *   plan freed before the install, so the caller's filter may allow as
 *   little as read and write. If a step fails after the first irreversible
 *   one, the return is -ENOTRECOVERABLE and the message says the process is
 *   partly restricted and should exit. exile_enable_syscall_policy() and
 *   exile_vow() are modes of the same path.
 *
 * PTRACE ISOLATION
 *   Every policy that confines the process (a filter, drop_caps, namespaces,
 *   no_new_fds, anything asked of Landlock) also puts it into a Landlock
 *   domain, whose ptrace rule keeps it out of every process outside the
 *   domain: no ptrace, /proc/PID/mem, /proc/PID/fd or process_vm_* on its
 *   parent, its siblings or exile_launch's supervisor, whatever the uid. A
 *   policy that asks nothing of Landlock gets a domain of exile's own that
 *   handles make_block and refer and allows both beneath / (Landlock ABI 2);
 *   like any Landlock domain it also refuses mount, umount and pivot_root.
 *   Where it cannot be applied (no Landlock, ABI 1, several threads before
 *   ABI 8, neither no_new_privs nor CAP_SYS_ADMIN, an earlier filter that
 *   forbids the calls) the policy is enabled without it, and
 *   exile_landlock_report() says so (ptrace_isolated = 0, and why).
 *
 * THREADS
 *   The seccomp filter is installed with SECCOMP_FILTER_FLAG_TSYNC and covers
 *   threads that already exist. Capabilities and no_new_privs are per thread
 *   in the kernel (resource limits and dumpable are per process): enable the
 *   policy before starting threads. drop_caps fails with -EAGAIN while
 *   another thread holds a capability; no_new_privs without a seccomp filter
 *   (whose TSYNC sets it in every thread) fails with -EAGAIN while another
 *   thread lacks it.
 *   Landlock before ABI 8 restricts only the calling thread, so a policy that
 *   needs Landlock fails with -EAGAIN when the process has several threads
 *   (ABI 8: LANDLOCK_RESTRICT_SELF_TSYNC covers them).
 *
 * ERRORS
 *   Functions return 0 or a negative errno; exile_last_error() returns a
 *   thread-local one-line message naming the input, the cause and, where one
 *   helps, a hint. Nothing in exile.h calls abort(), exit() or assert().
 *
 * PRECEDENCE OF SYSCALL RULES
 *   For each system call: explicit rules (exile_append_syscall_policy / _rule),
 *   in the order appended, win; then the vows; then the default action
 *   (exile_append_syscall_default_policy, or the vows' deny action). Numbers
 *   the library's syscall table does not name get ENOSYS instead of a deny,
 *   so that libc falls back to an older call. Every filter also denies ioctl
 *   TIOCSTI/TIOCLINUX (before every rule) and io_uring (EPERM, after the
 *   explicit rules); path rules and no_fs add the rules that close
 *   Landlock's gaps (see exile__filter_view in >>policy).
 *
 * LAYOUT
 *   Declarations first (>>constants, >>types, >>declarations), then the
 *   implementation in sections that each start with a ">>name:" banner:
 *     >>uapi      kernel constants and structs older headers lack
 *     >>core      errors, logging, the process-wide state, raw calls, the
 *                 rule vocabulary and commit bookkeeping every module shares
 *     >>systab    syscall names of the build architecture
 *     >>bpf       the assembler, the simulator, the filter registry
 *     >>vows      the vow table, its value sets, the parser, the compiler
 *     >>landlock  Landlock: probe, ruleset, report, ptrace isolation
 *     >>ns        namespaces and the mount fallback
 *     >>privs     fds, rlimits, capabilities, no_new_privs, dumpable
 *     >>lookup    which vows allow a call (report mode, learning, describe)
 *     >>report    in-process report mode
 *     >>policy    building a policy, prepare and commit: the one place that
 *                 combines the modules (exile__steps is the commit order)
 *     >>notif     user-notification helpers (the supervisor, learning)
 *     >>launch    exile_launch and its supervisor        (EXILE_NO_LAUNCH)
 *     >>learn     learning mode                          (EXILE_NO_LEARN)
 *     >>inspect   exile_policy_describe                  (EXILE_NO_DESCRIBE)
 *   A section calls only the sections above it; the one exception is
 *   exile__earlier_filters_allow, declared in >>core and defined in >>bpf,
 *   which every module asks before a system call. tests/layout-check.py
 *   (make check) holds the header to this.
 */

#ifndef EXILE_H
#define EXILE_H

/* _GNU_SOURCE. As upstream's exile.h did, the header turns the GNU extensions
 * on when it is the first header of a unit (upstream's users call syscall(),
 * getdelim() and the like after including only exile.h). When another libc
 * header came first without _GNU_SOURCE, a unit with only the declarations
 * compiles as it is, while the implementing unit stops with #error: glibc
 * has fixed its feature set by then. */
#if !defined(_GNU_SOURCE)
#if defined(_FEATURES_H) || defined(__GLIBC__) || defined(_STDIO_H) || defined(_STDLIB_H) || defined(_SYS_CDEFS_H)
#if defined(EXILE_IMPLEMENTATION)
#error "exile.h: the unit that defines EXILE_IMPLEMENTATION needs _GNU_SOURCE defined before its first #include (or include exile.h first, or compile with -D_GNU_SOURCE)"
#endif
#else
#define _GNU_SOURCE
#endif
#endif

/* The headers upstream's exile.h included, which its users rely on. */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <sched.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/types.h>
#include <linux/audit.h>
#include <linux/capability.h>
#include <linux/filter.h>
#include <linux/limits.h>
#include <linux/seccomp.h>
#include <linux/version.h>
#include <asm/unistd.h>

/* The architectures exile knows: x86_64, i386, aarch64, riscv64 and 32-bit
 * arm (EABI), all little-endian (the filter reads an argument's low word
 * first). Each build filters the system calls of its own architecture
 * (AUDIT_ARCH_*) and kills calls of any other. */
#if defined(__x86_64__) && defined(__ILP32__)
#error "exile.h: x32 (x86_64 with 32-bit pointers) is not supported: its syscalls carry __X32_SYSCALL_BIT, which exile's filters refuse"
#elif defined(__aarch64__) && defined(__ILP32__)
#error "exile.h: aarch64 ILP32 is not supported (only the LP64 ABI)"
#elif !defined(__x86_64__) && !defined(__i386__) && !defined(__aarch64__) && !(defined(__riscv) && __riscv_xlen == 64) \
	&& !(defined(__arm__) && defined(__ARM_EABI__))
#error "exile.h: unsupported architecture (supported: x86_64, i386, aarch64, riscv64, arm EABI)"
#endif
#if defined(__BYTE_ORDER__) && defined(__ORDER_LITTLE_ENDIAN__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "exile.h: big-endian builds are not supported (the filter reads an argument's low word first)"
#endif

/* EXILE_API prefixes every public function. Default: extern, or static with
 * EXILE_STATIC. Define it yourself to export the API from a shared library
 * built with -fvisibility=hidden:
 *   -DEXILE_API='extern __attribute__((visibility("default")))' */
#ifndef EXILE_API
#ifdef EXILE_STATIC
#if defined(__GNUC__)
#define EXILE_API static __attribute__((unused))
#else
#define EXILE_API static
#endif
#else
#define EXILE_API extern
#endif
#endif

/* Upstream's switch for its Landlock code. exile decides Landlock at run
 * time (every ABI, whatever these headers say), so it is always 1. */
#ifndef HAVE_LANDLOCK
#define HAVE_LANDLOCK 1
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* The version of this header (semantic versioning; see CHANGELOG.md).
 * exile_version() returns the version of the implementation that was linked. */
#define EXILE_VERSION_MAJOR 0
#define EXILE_VERSION_MINOR 1
#define EXILE_VERSION_PATCH 0
#define EXILE_VERSION_STRING "0.1.0"
/* MAJOR * 10000 + MINOR * 100 + PATCH, for #if EXILE_VERSION_NUMBER >= 100 */
#define EXILE_VERSION_NUMBER (EXILE_VERSION_MAJOR * 10000 + EXILE_VERSION_MINOR * 100 + EXILE_VERSION_PATCH)

/* ========================================================================== */
/* >>constants                                                                */
/* ========================================================================== */

/* EXILE_SYS(read) is the build architecture's number of read(2), from the
 * system's <asm/unistd.h>: a syscall newer than those headers has no number
 * there (the implementing unit has fallbacks for every syscall exile knows;
 * elsewhere use exile_syscall_nr("name")). */
#define EXILE_SYS(name) (__NR_##name)

/* Actions of a syscall rule. */
#define EXILE_SYSCALL_ALLOW               (1u)
#define EXILE_SYSCALL_DENY_KILL_PROCESS   (2u)
#define EXILE_SYSCALL_DENY_RET_ERROR      (3u) /* fails with EACCES */
#define EXILE_SYSCALL_DENY_RET_NOSYS      (4u) /* fails with ENOSYS */
#define EXILE_SYSCALL_DENY_TRAP           (5u) /* SIGSYS to the thread */
#define EXILE_SYSCALL_LOG                 (6u) /* allowed, and logged by the kernel */
/* fails with errno e, 1 <= e <= 4095. Any other e (0, negative, 4096 or
 * more) gives an action that every exile_append_* call refuses with -EINVAL,
 * never another errno. It stays a constant expression; e is evaluated twice. */
#define EXILE_SYSCALL_DENY_ERRNO(e)       (0x10000u | ((unsigned)(e) - 1u < 4095u ? (unsigned)(e) : 0xFFFFu))

/* The syscall number of a default rule: matches every syscall no other rule decides. */
#define EXILE_SYSCALL_MATCH_ALL (-1)

/* Jump targets in raw argument-filter snippets (struct sock_filter arrays).
 * A snippet starts with the syscall number in the accumulator; it ends by
 * jumping to one of these, or by falling off its end (= matched). A relative
 * jump to the end of the snippet also means "matched", and one instruction
 * past the end "no match"; a jump farther is rejected with -EINVAL. */
#define EXILE_SYSCALL_EXIT_BPF_NO_MATCH 255 /* this rule does not match: try the next */
#define EXILE_SYSCALL_EXIT_BPF_RETURN   254 /* matched: take this rule's action */

#define EXILE_BPF_NOP BPF_STMT(BPF_JMP + BPF_JA, 0)
/* Unconditional jumps to the rule's action / to the next rule (markers the
 * assembler rewrites; the k values are never real offsets). */
#define EXILE_BPF_RETURN_MATCHING     BPF_STMT(BPF_JMP + BPF_JA, 1234)
#define EXILE_BPF_RETURN_NOT_MATCHING BPF_STMT(BPF_JMP + BPF_JA, 5678)
/* Loads the low 32 bits of argument nr (little-endian: offset +0). */
#define EXILE_BPF_LOAD_SECCOMP_ARG(nr) \
	BPF_STMT(BPF_LD + BPF_W + BPF_ABS, (offsetof(struct seccomp_data, args[nr])))
#define EXILE_BPF_LOAD_SECCOMP_ARG_HI(nr) \
	BPF_STMT(BPF_LD + BPF_W + BPF_ABS, (offsetof(struct seccomp_data, args[nr]) + 4))
#define EXILE_BPF_CMP_EQ(val, t, f)  BPF_JUMP(BPF_JMP + BPF_JEQ + BPF_K, (val), (t), (f))
#define EXILE_BPF_CMP_SET(val, t, f) BPF_JUMP(BPF_JMP + BPF_JSET + BPF_K, (val), (t), (f))
#define EXILE_BPF_MATCH(val)        EXILE_BPF_CMP_EQ((val), EXILE_SYSCALL_EXIT_BPF_RETURN, 0)
#define EXILE_BPF_MATCH_SET(val)    EXILE_BPF_CMP_SET((val), EXILE_SYSCALL_EXIT_BPF_RETURN, 0)
#define EXILE_BPF_NO_MATCH(val)     EXILE_BPF_CMP_EQ((val), EXILE_SYSCALL_EXIT_BPF_NO_MATCH, 0)
#define EXILE_BPF_NO_MATCH_SET(val) EXILE_BPF_CMP_SET((val), EXILE_SYSCALL_EXIT_BPF_NO_MATCH, 0)

/* Structured argument comparisons for exile_append_syscall_rule(). All
 * comparisons are unsigned. The _32 forms look at the low 32 bits only: use
 * them for int-typed arguments (flags, fds, domains, request numbers), whose
 * upper half the kernel ignores and a caller may fill with garbage. On
 * 32-bit architectures (i386, arm) every argument has 32 bits: both forms
 * compare the low word, and a 64-bit value no register can hold (neither
 * zero- nor sign-extended from 32 bits) is refused with -EINVAL. */
#define EXILE_CMP_EQ        (1)
#define EXILE_CMP_NE        (2)
#define EXILE_CMP_LT        (3)
#define EXILE_CMP_LE        (4)
#define EXILE_CMP_GT        (5)
#define EXILE_CMP_GE        (6)
#define EXILE_CMP_MASKED_EQ (7) /* (arg & mask) == value */
struct exile_arg_cmp
{
	unsigned char arg;   /* 0..5 */
	unsigned char op;    /* EXILE_CMP_* */
	unsigned char is32;  /* 1: low 32 bits only */
	uint64_t value;
	uint64_t mask;       /* EXILE_CMP_MASKED_EQ only */
};
#define EXILE_ARG_CMP(a, o, w, v, m) { (unsigned char)(a), (unsigned char)(o), (unsigned char)(w), (uint64_t)(v), (uint64_t)(m) }
#define EXILE_ARG_EQ(a, v)   EXILE_ARG_CMP(a, EXILE_CMP_EQ, 0, v, 0)
#define EXILE_ARG_NE(a, v)   EXILE_ARG_CMP(a, EXILE_CMP_NE, 0, v, 0)
#define EXILE_ARG_LT(a, v)   EXILE_ARG_CMP(a, EXILE_CMP_LT, 0, v, 0)
#define EXILE_ARG_LE(a, v)   EXILE_ARG_CMP(a, EXILE_CMP_LE, 0, v, 0)
#define EXILE_ARG_GT(a, v)   EXILE_ARG_CMP(a, EXILE_CMP_GT, 0, v, 0)
#define EXILE_ARG_GE(a, v)   EXILE_ARG_CMP(a, EXILE_CMP_GE, 0, v, 0)
#define EXILE_ARG_MASKED_EQ(a, m, v) EXILE_ARG_CMP(a, EXILE_CMP_MASKED_EQ, 0, v, m)
#define EXILE_ARG32_EQ(a, v) EXILE_ARG_CMP(a, EXILE_CMP_EQ, 1, v, 0)
#define EXILE_ARG32_NE(a, v) EXILE_ARG_CMP(a, EXILE_CMP_NE, 1, v, 0)
#define EXILE_ARG32_LT(a, v) EXILE_ARG_CMP(a, EXILE_CMP_LT, 1, v, 0)
#define EXILE_ARG32_LE(a, v) EXILE_ARG_CMP(a, EXILE_CMP_LE, 1, v, 0)
#define EXILE_ARG32_GT(a, v) EXILE_ARG_CMP(a, EXILE_CMP_GT, 1, v, 0)
#define EXILE_ARG32_GE(a, v) EXILE_ARG_CMP(a, EXILE_CMP_GE, 1, v, 0)
#define EXILE_ARG32_MASKED_EQ(a, m, v) EXILE_ARG_CMP(a, EXILE_CMP_MASKED_EQ, 1, v, m)
/* flag subset: none of the bits outside `allowed` is set */
#define EXILE_ARG32_FLAGS_IN(a, allowed) EXILE_ARG32_MASKED_EQ(a, ~(uint64_t)(allowed) & 0xFFFFFFFFu, 0)
#define EXILE_ARG_CMP_MAX 8 /* comparisons in one rule */

/* Vows: the names and bits of upstream exile.h (see exile_vows_from_str). */
#define EXILE_SYSCALL_VOW_CHOWN           ((uint64_t)1 << 1)
#define EXILE_SYSCALL_VOW_CLONE           ((uint64_t)1 << 2)
#define EXILE_SYSCALL_VOW_CPATH           ((uint64_t)1 << 3)
#define EXILE_SYSCALL_VOW_DPATH           ((uint64_t)1 << 4)
#define EXILE_SYSCALL_VOW_EXEC            ((uint64_t)1 << 5)
#define EXILE_SYSCALL_VOW_FATTR           ((uint64_t)1 << 6)
#define EXILE_SYSCALL_VOW_FSNOTIFY        ((uint64_t)1 << 7)
#define EXILE_SYSCALL_VOW_ID              ((uint64_t)1 << 8)
#define EXILE_SYSCALL_VOW_INET            ((uint64_t)1 << 9)
#define EXILE_SYSCALL_VOW_IOCTL           ((uint64_t)1 << 10)
#define EXILE_SYSCALL_VOW_PRCTL           ((uint64_t)1 << 11)
#define EXILE_SYSCALL_VOW_PROC            ((uint64_t)1 << 12)
#define EXILE_SYSCALL_VOW_PROT_EXEC       ((uint64_t)1 << 13)
#define EXILE_SYSCALL_VOW_RPATH           ((uint64_t)1 << 14)
#define EXILE_SYSCALL_VOW_SCHED           ((uint64_t)1 << 15)
#define EXILE_SYSCALL_VOW_SECCOMP_INSTALL ((uint64_t)1 << 16)
#define EXILE_SYSCALL_VOW_SHM             ((uint64_t)1 << 17)
#define EXILE_SYSCALL_VOW_STDIO           ((uint64_t)1 << 18)
#define EXILE_SYSCALL_VOW_THREAD          ((uint64_t)1 << 19)
#define EXILE_SYSCALL_VOW_UNIX            ((uint64_t)1 << 20)
#define EXILE_SYSCALL_VOW_WPATH           ((uint64_t)1 << 21)
/* The base set alone (exit, exit_group, rt_sigreturn, ...): a vow that grants
 * nothing. exile_vows_from_str() returns it for a string without any vow
 * ("", or only spaces), so that an empty vow string means what pledge("")
 * means, as exile_vow(0) does, and never "no vow filter" (vow_promises == 0,
 * kept for upstream compatibility). Adding other vows to it changes nothing. */
#define EXILE_SYSCALL_VOW_BASE            ((uint64_t)1 << 61)
/* set by exile_vows_from_str() for an unknown word; enabling then fails with -EINVAL */
#define EXILE_SYSCALL_VOW_INVALID         ((uint64_t)1 << 62)
/* deny with EACCES instead of killing the process; grants nothing */
#define EXILE_SYSCALL_VOW_DENY_ERROR      ((uint64_t)1 << 63)

/* Path policy flags (Landlock; the namespace fallback reads them too). How
 * each maps to Landlock rights: see exile__ll_fs_rights() in >>landlock. */
#define EXILE_FS_ALLOW_ALL_READ    (1u << 0)
#define EXILE_FS_ALLOW_ALL_WRITE   (1u << 1)
#define EXILE_FS_ALLOW_EXEC        (1u << 2)
#define EXILE_FS_ALLOW_DEV         (1u << 3)
#define EXILE_FS_ALLOW_SETUID      (1u << 4)
#define EXILE_MOUNT_NOT_REC        (1u << 5)
#define EXILE_FS_ALLOW_REMOVE_DIR  (1u << 7)
#define EXILE_FS_ALLOW_REMOVE_FILE (1u << 8)
#define EXILE_FS_ALLOW_MAKE_CHAR   (1u << 9)
#define EXILE_FS_ALLOW_MAKE_DIR    (1u << 10)
#define EXILE_FS_ALLOW_MAKE_REG    (1u << 11)
#define EXILE_FS_ALLOW_MAKE_SOCK   (1u << 12)
#define EXILE_FS_ALLOW_MAKE_FIFO   (1u << 13)
#define EXILE_FS_ALLOW_MAKE_BLOCK  (1u << 14)
#define EXILE_FS_ALLOW_MAKE_SYM    (1u << 15)
#define EXILE_FS_ALLOW_WRITE_FILE  (1u << 16)
#define EXILE_FS_ALLOW_READ_DIR    (1u << 17)
#define EXILE_FS_ALLOW_REMOVE      (1u << 18)
#define EXILE_FS_ALLOW_REFER       (1u << 19) /* link/rename into or out of the hierarchy (Landlock ABI 2) */
#define EXILE_FS_ALLOW_CONNECT_UNIX (1u << 20) /* connect to pathname unix sockets (Landlock ABI 9) */
#define EXILE_FS_OPTIONAL          (1u << 24) /* a missing path is skipped instead of an error */

/* Namespaces for namespace_options (see the >>ns section). */
#define EXILE_UNSHARE_NETWORK (1 << 1)
#define EXILE_UNSHARE_USER    (1 << 2)
#define EXILE_UNSHARE_MOUNT   (1 << 3)
#define EXILE_UNSHARE_PID     (1 << 4)
#define EXILE_UNSHARE_IPC     (1 << 5)
#define EXILE_UNSHARE_UTS     (1 << 6)
#define EXILE_UNSHARE_CGROUP  (1 << 7)

/* ========================================================================== */
/* >>types                                                                    */
/* ========================================================================== */

struct exile_path_policy
{
	char *path;            /* a copy, owned by the policy */
	unsigned int policy;   /* EXILE_FS_* */
	struct exile_path_policy *next;
	dev_t dev;             /* private: the file the path named when it was added */
	ino_t ino;             /* (both 0: an optional path that was missing) */
};

struct exile_syscall_policy
{
	long syscall;          /* or EXILE_SYSCALL_MATCH_ALL */
	unsigned int policy;   /* the action, EXILE_SYSCALL_* */
	struct sock_filter *argfilters; /* raw snippet (copy), or NULL */
	size_t argfilterscount;
	struct exile_arg_cmp *cmps;     /* structured comparisons (copy), or NULL */
	size_t cmpscount;
	struct exile_syscall_policy *next;
};

/* The policy. Set the fields directly; add rules through the functions. It
 * is input only: exile_enable_policy() never changes it, so one policy can be
 * enabled in several processes. */
struct exile_policy
{
	int drop_caps;          /* drop every capability (bounding set where CAP_SETPCAP allows) */
	int preserve_cwd;
	int not_dumpable;       /* PR_SET_DUMPABLE 0: no core dumps, no ptrace by the same uid */
	int no_new_privs;       /* PR_SET_NO_NEW_PRIVS: required for seccomp without CAP_SYS_ADMIN */
	int no_fs;
	int no_new_fds;         /* RLIMIT_NOFILE 0: no new fds at all */
	int namespace_options;  /* EXILE_UNSHARE_* */
	int disable_syscall_filter;
	int mount_path_policies_to_chroot;
	int keep_fds_open;      /* 1: do not close inherited fds (overrides close_fds) */
	int close_fds;          /* close every fd but 0-2 and keep_fds (set by exile_init_policy) */
	char chroot_target_path[4096]; /* Linux's PATH_MAX; fixed, so that every unit agrees on the layout */
	const char *chdir_path;
	uint64_t vow_promises;  /* EXILE_SYSCALL_VOW_*, 0 = no vow filter (EXILE_SYSCALL_VOW_BASE: the base set alone) */
	uid_t namespace_uid;    /* the ids inside a new user namespace, mapped to the caller's */
	gid_t namespace_gid;    /* effective ids; default 0 (root inside), as upstream */

	/* >>fields:landlock */
	int best_effort;        /* enforce what this kernel supports instead of failing with -EOPNOTSUPP */
	int no_network;         /* no network at all (TCP through Landlock, other sockets refused by the filter) */
	unsigned int landlock_scopes; /* EXILE_LANDLOCK_SCOPE_*; exile_init_policy: both, IF_AVAILABLE */
	unsigned int landlock_log;    /* EXILE_LANDLOCK_LOG_*: which Landlock denials reach the audit log */
	uint32_t *net_rules;    /* use exile_append_net_policy(): (flags << 16) | port */
	size_t net_rules_count;
	/* (end of >>fields:landlock) */
	/* >>fields:ns */
	int allow_nested_namespaces; /* 1: the sandboxed process may create namespaces of its own (default: a process
	                                that exile put into namespaces gets EPERM from unshare/clone/setns for them) */
	/* (end of >>fields:ns) */
	/* >>fields:diag */
	int report_violations;  /* a denied syscall writes one line naming it (and the vow that would allow it)
	                           to stderr, then the process dies by SIGSYS as the kill would */
	/* (end of >>fields:diag) */
	/* >>fields:filter */
	int allow_unconfined_io_uring; /* 1: accept io_uring rings that exist before enable (ring fds, mappings,
	                                  SQPOLL threads, registered ring fds) and let every filter allow
	                                  io_uring_enter and io_uring_register: a ring's operations are then
	                                  confined by nothing this policy says (see the README) */
	/* (end of >>fields:filter) */

	/* fds that close_fds leaves open, besides 0-2: exile_keep_fd() */
	int *keep_fds;
	size_t keep_fds_count;

	/* Use exile_append_path_policies(), never by hand. */
	struct exile_path_policy *path_policies;
	struct exile_path_policy **path_policies_tail;

	/* Use exile_append_syscall_policy()/_rule(), never by hand. */
	struct exile_syscall_policy *syscall_policies;
	struct exile_syscall_policy **syscall_policies_tail;

	uint32_t exile_flags; /* private: a failed append poisons the policy */
};

/* One resource limit for the sandboxed child of exile_launch: the soft and the
 * hard limit are both set to limit (RLIM_INFINITY is (uint64_t)-1). */
struct exile_launch_rlimit
{
	int resource;                /* RLIMIT_AS, RLIMIT_CPU, RLIMIT_NPROC, ... */
	uint64_t limit;
};

/* One denied call, as the supervisor of exile_launch saw it (on_report). */
struct exile_report
{
	int pid;                /* the process that made it (in the caller's pid namespace) */
	long nr;                /* the syscall */
	const char *name;       /* its name, or NULL */
	uint64_t args[6];
	uint64_t vows;          /* exile_vows_allowing(); EXILE_VOWS_NONE: no vow allows it */
	int killed;             /* 1: the tree was killed for it */
	int error;              /* else: the errno the call failed with */
	const char *line;       /* the line written to report_fd (no newline) */
};

struct exile_launch_params
{
	struct exile_policy *policy; /* applied in the child before func runs; NULL: none */
	int (*func)(void *);         /* the sandboxed function; its return value is the exit code */
	void *funcarg;
	/* upstream's pipes, filled by exile_launch: in the parent [0] of
	 * child_read_pipe reads the child's stdout and [1] of child_write_pipe
	 * writes to its stdin; in the child they are 1 and 0. -1: not open. */
	int child_read_pipe[2];
	int child_write_pipe[2];
	/* Optional; 0 / NULL means off. */
	unsigned int timeout_ms;     /* wall clock: then the child and its descendants are killed */
	size_t max_output;           /* exile_launch_get: more output than this kills the child */
	const struct exile_launch_rlimit *rlimits; /* set in the child before the policy */
	size_t nrlimits;
	int inherit_stdio;           /* 1: the child keeps the caller's stdin and stdout (no pipes) */
	struct exile_launch_status *status; /* exile_launch_get fills it: how the child ended */
	int no_report;               /* kept for source compatibility: with the supervisor (the
	                                default) it is ignored; with unsupervised = 1, 1 keeps the
	                                policy's own report_violations instead of turning it on */
	/* The supervisor (see exile_launch). */
	int log_errno;               /* 0: kill mode: a denied call is reported and the whole sandboxed
	                                tree killed. 1..4095: log mode: every denied call is reported and
	                                fails (with this errno where the policy would kill, with its own
	                                errno where the policy denies with one), and the program goes on */
	int new_session;             /* 1: setsid() in the child before the policy: it has no controlling
	                                terminal (TIOCSTI/TIOCLINUX cannot push input into the caller's);
	                                SIGINT, SIGQUIT and SIGHUP the supervisor gets go to its group */
	int report_fd;               /* where the supervisor writes one line per denied call:
	                                0 = stderr (the caller's fd 2), -1 = nowhere, else that fd */
	void (*on_report)(const struct exile_report *report, void *arg); /* called in the caller, from
	                                exile_launch_wait/exile_launch_get, once per denial, in order */
	void *on_report_arg;
	uint64_t startup_vows;       /* until the sandboxed program calls exile_launch_started(), a call
	                                the policy's vows plus these allow is let through (a loader's
	                                "stdio rpath prot_exec"; the policy's explicit rules hold from
	                                then on); needs the supervisor */
	int unsupervised;            /* 1: no supervisor: denials are the kernel's plain kills and nothing
	                                is reported (for a program that uses user notification itself) */
};

struct exile_launch_result
{
	int tid;       /* upstream's name for pid (the same value) */
	int read_fd;   /* the child's stdout; -1 with inherit_stdio. The caller closes it. */
	int write_fd;  /* the child's stdin; -1 with inherit_stdio. The caller closes it. */
	int status_fd; /* private: exile_launch_wait reads and closes it */
	pid_t pid;     /* the supervisor process: exile_launch_wait reaps it */
};

/* How a sandboxed child ended (exile_launch_wait, exile_launch_get). */
struct exile_launch_status
{
	int exited;           /* 1: func returned (or the child called exit): exit_code holds the code */
	int exit_code;
	int signal;           /* the signal that killed the child, else 0 */
	int timed_out;        /* 1: killed because timeout_ms passed */
	int output_too_large; /* 1: killed because it wrote more than max_output */
	int setup_failed;     /* 1: the child could not apply the policy and func never ran */
	int setup_error;      /* then: the negative errno exile_enable_policy returned in the child */
	long syscall_nr;      /* the denied syscall that report mode recorded, else -1 */
	const char *syscall_name; /* its name, or NULL */
	uint64_t syscall_args[6];
	int descendants_killed; /* processes the child left behind, killed when it ended */
	/* filled by the supervisor (nothing the sandboxed side writes reaches them) */
	int supervised;         /* 1: the supervisor's listener saw every denied call of the tree */
	int supervisor_killed;  /* 1: the supervisor killed the tree for a denied call (signal is then SIGSYS) */
	unsigned long denials;  /* denied calls the supervisor saw */
	int syscall_pid;        /* the process that made the first denied call */
	uint64_t syscall_vows;  /* exile_vows_allowing() of it; EXILE_VOWS_NONE: no vow allows it */
	char line[512];         /* the report line of the first denied call ("" if none; no newline) */
	char note[160];         /* with a policy and supervised == 0: why there was no supervisor */
};


/* ========================================================================== */
/* >>declarations                                                             */
/* ========================================================================== */

/* ---- policy ---- */

/* An empty policy: no defaults at all. NULL (and a message) when out of memory. */
EXILE_API struct exile_policy *exile_create_policy(void);
/* A policy with safe defaults, which an unprivileged process on a stock
 * kernel can always enable: no_new_privs, not_dumpable, drop_caps, close_fds. */
EXILE_API struct exile_policy *exile_init_policy(void);
/* Frees a policy and everything it owns; NULL is fine. */
EXILE_API void exile_free_policy(struct exile_policy *policy);
/* Applies the whole policy to the calling process (see THE ORDER OF
 * ENFORCEMENT). 0 on success; a negative errno (and exile_last_error())
 * otherwise. -ENOTRECOVERABLE: failed after an irreversible step. */
EXILE_API int exile_enable_policy(struct exile_policy *policy);
/* Installs only the policy's seccomp filter (no privilege steps, no path or
 * namespace rules; but ptrace isolation, see PTRACE ISOLATION), through the
 * same prepare and commit as exile_enable_policy; the caller must already
 * have no_new_privs or CAP_SYS_ADMIN. */
EXILE_API int exile_enable_syscall_policy(struct exile_policy *policy);
/* Leaves fd open when close_fds closes inherited fds. */
EXILE_API int exile_keep_fd(struct exile_policy *policy, int fd);

/* ---- syscalls ---- */

/* Parses whitespace-separated vow names ("stdio rpath inet"). A string with
 * no vow ("" or only spaces) is EXILE_SYSCALL_VOW_BASE, the base set alone
 * (as pledge("")), never 0 (no vow filter). An unknown word sets
 * EXILE_SYSCALL_VOW_INVALID and leaves a message naming it and the nearest vow. */
EXILE_API uint64_t exile_vows_from_str(const char *str);
/* The name of one vow bit, or NULL. */
EXILE_API const char *exile_vow_name(uint64_t vow);
/* pledge(): installs a filter that allows only the given vows (stackable:
 * later calls can only take away; every call but the last needs
 * seccomp_install). exile_vow(0) leaves only exit and friends. */
EXILE_API int exile_vow(uint64_t promises);
/* Adds vows to a policy (ORs them into vow_promises). The policy then has a
 * vow filter even when vow_promises is 0: the base set alone, as pledge("")
 * and exile_vow(0) (the public way for a tool's --vows ""). */
EXILE_API int exile_append_vow_promises(struct exile_policy *policy, uint64_t vow_promises);
/* Adds a rule for syscall nr: when the raw snippet argfilters (n
 * instructions, may be NULL/0) matches, action applies. Rules for one
 * syscall are tried in the order added. nr EXILE_SYSCALL_MATCH_ALL sets the
 * default (see exile_append_syscall_default_policy). A snippet holding an
 * instruction seccomp refuses, or jumping past its end (other than to the
 * markers), is -EINVAL here. */
EXILE_API int exile_append_syscall_policy(struct exile_policy *policy, long nr, unsigned int action,
		struct sock_filter *argfilters, size_t n);
/* The action for every syscall no rule and no vow decides. */
EXILE_API int exile_append_syscall_default_policy(struct exile_policy *policy, unsigned int action);
/* Like exile_append_syscall_policy, but the rule matches when all n
 * structured comparisons hold (n <= EXILE_ARG_CMP_MAX; n = 0: always). */
EXILE_API int exile_append_syscall_rule(struct exile_policy *policy, long nr, unsigned int action,
		const struct exile_arg_cmp *cmps, size_t n);
/* The name of syscall nr on the build architecture, or NULL. */
EXILE_API const char *exile_syscall_name(long nr);
/* The number of a syscall name, or -1. */
EXILE_API long exile_syscall_nr(const char *name);

/* ---- paths and network ---- */

/* Adds paths (a NULL-terminated list; the macro below adds the NULL) with
 * EXILE_FS_* rights. The paths are copied. */
EXILE_API int exile_append_path_policies(struct exile_policy *policy, unsigned int path_policy, ...);
#define exile_append_path_policies(policy, path_policy, ...) \
	exile_append_path_policies(policy, path_policy, __VA_ARGS__, (const char *)NULL)
/* Network rules (Landlock ABI 4): allow connecting to / binding TCP port.
 * The first rule makes Landlock deny every other TCP connect and bind. */
#define EXILE_NET_ALLOW_CONNECT (1u << 0)
#define EXILE_NET_ALLOW_BIND    (1u << 1)
EXILE_API int exile_append_net_policy(struct exile_policy *policy, unsigned int flags, uint16_t port);
/* 1 when the running kernel offers Landlock and it is enabled, else 0. */
EXILE_API int exile_landlock_is_available(void);

/* Landlock rights, scopes and restrict flags, with the kernel's values (the
 * build host's headers may lack them); the report below uses them. */
#define EXILE_LANDLOCK_ACCESS_FS_EXECUTE      ((uint64_t)1 << 0)  /* ABI 1 */
#define EXILE_LANDLOCK_ACCESS_FS_WRITE_FILE   ((uint64_t)1 << 1)
#define EXILE_LANDLOCK_ACCESS_FS_READ_FILE    ((uint64_t)1 << 2)
#define EXILE_LANDLOCK_ACCESS_FS_READ_DIR     ((uint64_t)1 << 3)
#define EXILE_LANDLOCK_ACCESS_FS_REMOVE_DIR   ((uint64_t)1 << 4)
#define EXILE_LANDLOCK_ACCESS_FS_REMOVE_FILE  ((uint64_t)1 << 5)
#define EXILE_LANDLOCK_ACCESS_FS_MAKE_CHAR    ((uint64_t)1 << 6)
#define EXILE_LANDLOCK_ACCESS_FS_MAKE_DIR     ((uint64_t)1 << 7)
#define EXILE_LANDLOCK_ACCESS_FS_MAKE_REG     ((uint64_t)1 << 8)
#define EXILE_LANDLOCK_ACCESS_FS_MAKE_SOCK    ((uint64_t)1 << 9)
#define EXILE_LANDLOCK_ACCESS_FS_MAKE_FIFO    ((uint64_t)1 << 10)
#define EXILE_LANDLOCK_ACCESS_FS_MAKE_BLOCK   ((uint64_t)1 << 11)
#define EXILE_LANDLOCK_ACCESS_FS_MAKE_SYM     ((uint64_t)1 << 12)
#define EXILE_LANDLOCK_ACCESS_FS_REFER        ((uint64_t)1 << 13) /* ABI 2 */
#define EXILE_LANDLOCK_ACCESS_FS_TRUNCATE     ((uint64_t)1 << 14) /* ABI 3 */
#define EXILE_LANDLOCK_ACCESS_FS_IOCTL_DEV    ((uint64_t)1 << 15) /* ABI 5 */
#define EXILE_LANDLOCK_ACCESS_FS_RESOLVE_UNIX ((uint64_t)1 << 16) /* ABI 9 */
#define EXILE_LANDLOCK_ACCESS_NET_BIND_TCP    ((uint64_t)1 << 0)  /* ABI 4 */
#define EXILE_LANDLOCK_ACCESS_NET_CONNECT_TCP ((uint64_t)1 << 1)  /* ABI 4 */
#define EXILE_LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET (1u << 0)       /* ABI 6 */
#define EXILE_LANDLOCK_SCOPE_SIGNAL               (1u << 1)       /* ABI 6 */
/* policy->landlock_scopes only: apply the scopes where the kernel has them,
 * skip them (and say so in the report) where it does not */
#define EXILE_LANDLOCK_SCOPE_IF_AVAILABLE         (1u << 31)
/* policy->landlock_log (landlock_restrict_self flags, ABI 7; dropped on older
 * kernels, never an error). 0, the kernel's default: denials of this program
 * are logged (audit) until it calls execve. */
#define EXILE_LANDLOCK_LOG_SAME_EXEC_OFF   (1u << 0) /* no logs for this program */
#define EXILE_LANDLOCK_LOG_NEW_EXEC_ON     (1u << 1) /* keep logging after execve */
#define EXILE_LANDLOCK_LOG_SUBDOMAINS_OFF  (1u << 2) /* no logs from nested sandboxes */
#define EXILE_LANDLOCK_RESTRICT_SELF_TSYNC (1u << 3) /* ABI 8: all threads; exile sets it itself */

/* What Landlock enforces (or enforced) for a policy on this kernel. */
#define EXILE_LANDLOCK_NOTHING_ASKED 0 /* the policy asks nothing of Landlock */
#define EXILE_LANDLOCK_FULLY         1 /* everything exile knows for what was asked */
#define EXILE_LANDLOCK_PARTIALLY     2 /* enforced, but some rights or features dropped (see below) */
#define EXILE_LANDLOCK_NOT           3 /* asked for, but not enforced by Landlock */
struct exile_landlock_report
{
	int abi;                 /* the running kernel's Landlock ABI; 0: none */
	int abi_errno;           /* abi 0: why (ENOSYS: not built in; EOPNOTSUPP: disabled at boot) */
	uint32_t errata;         /* fixed errata: bit N-1 set when erratum N is fixed */
	int level;               /* EXILE_LANDLOCK_* above */
	int fs_fallback;         /* the filesystem rules are left to the namespace fallback */
	uint64_t fs_handled;     /* EXILE_LANDLOCK_ACCESS_FS_*: denied unless a path rule grants them */
	uint64_t fs_dropped;     /* rights exile knows that this kernel cannot restrict */
	uint64_t net_handled, net_dropped;       /* EXILE_LANDLOCK_ACCESS_NET_* */
	uint32_t scoped, scoped_dropped;         /* EXILE_LANDLOCK_SCOPE_* */
	uint32_t restrict_flags;                 /* passed to landlock_restrict_self */
	uint32_t restrict_flags_dropped;         /* log flags this kernel does not know */
	int ptrace_isolated;     /* 1: a Landlock domain keeps the process from ptrace, /proc/PID/mem and
	                            process_vm_* on every process outside it (see "ptrace isolation") */
	int isolation_domain;    /* 1: that domain is exile's own, added because the policy asks nothing of
	                            Landlock: it handles make_block and refer and allows both beneath / */
	char summary[320];       /* one line saying all of the above */
};
/* Fills *report with what exile_enable_policy(policy) enforces through
 * Landlock on this kernel, now, without changing anything (ptrace isolation
 * included: every policy that confines the process is put into a Landlock
 * domain, whose ptrace rule keeps it out of other processes' memory; where
 * that cannot be done, ptrace_isolated is 0 and the summary says why). Returns 0, or the
 * negative errno (and message) enabling would fail with; the report is filled
 * either way. policy NULL: the report of the last successful
 * exile_enable_policy() in this process. */
#if defined(__cplusplus) && defined(__GNUC__)
/* C++: the function hides the struct's name (write "struct exile_landlock_report"
 * or exile_landlock_report_t); that is intended, so g++ -Wshadow stays quiet. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wshadow"
#endif
EXILE_API int exile_landlock_report(const struct exile_policy *policy, struct exile_landlock_report *report);
#if defined(__cplusplus) && defined(__GNUC__)
#pragma GCC diagnostic pop
#endif
typedef struct exile_landlock_report exile_landlock_report_t;

/* ---- launch ---- */

/* exile_launch runs params->func(params->funcarg) in a child process that
 * first applies params->policy. Two processes are forked: a supervisor, which
 * waits for the child, enforces timeout_ms and, when the child ends, kills
 * every process the child left behind (it is their subreaper); and the child
 * itself, whose stdout and stdin are pipes to the caller (read_fd, write_fd)
 * unless inherit_stdio is set. Both die when the thread that launched them
 * dies (PR_SET_PDEATHSIG). The policy is not changed and may be reused; it
 * may be NULL (no sandbox at all). 0 on success, a negative errno otherwise
 * (nothing is left open or running). Needs /proc (to find the child's
 * descendants).
 *
 * The supervisor sees every denial. The child's filter returns
 * SECCOMP_RET_USER_NOTIF where the policy would kill, and the supervisor, not
 * the sandboxed child, holds the listener: it sees each denied call of every
 * process of the sandboxed tree (forks, execs, static programs, blocked
 * signals), writes one line naming the process, the call, its arguments and
 * the vow that would allow it (report_fd), and kills the whole tree, or in log
 * mode (log_errno) fails the call and lets it go on. The sandboxed side holds
 * no listener and no report channel, so it cannot forge, suppress or reorder
 * reports; the status (exile_launch_wait) carries the first one. Kernel
 * limits: one listener per filter chain, so a caller that already runs under
 * a user-notification filter gets plain kills (status->supervised = 0, the
 * reason in status->note), and a sandboxed program cannot create a listener
 * of its own (EBUSY; set unsupervised for it); an outer filter's KILL, TRAP
 * or ERRNO outranks USER_NOTIF, so what it denies is not seen. If the
 * supervisor dies the listener closes: every call it would have answered
 * fails with ENOSYS, nothing denied runs.
 *
 * Nothing survives the call: the supervisor is not dumpable, and the child
 * cannot signal it (Landlock's signal scope is added to the child's policy
 * where the kernel has it; where not, the filter refuses with EPERM signals,
 * pidfds and resource limits aimed at the supervisor).
 *
 * Threads: the child is a copy of the calling thread only. Before its policy
 * is applied it runs only exile's own code, which uses raw syscalls plus
 * malloc (fork-safe in glibc) and holds stdout's lock across the fork, so
 * that printf in func cannot inherit a lock held by another thread. Inside
 * func, do not rely on locks other threads may have held at the fork (your
 * own mutexes, other FILE streams). Launch and wait from the same thread:
 * the parent-death signal follows the thread, not the process. */
EXILE_API int exile_launch(struct exile_launch_params *launch_params, struct exile_launch_result *launch_result);
/* Waits for a launched child (after the caller has read what it wants from
 * read_fd), reaps the supervisor and closes status_fd; read_fd and write_fd
 * stay the caller's. Fills *status (may be NULL). Returns 0 when the child
 * exited with 0; otherwise a negative errno with exile_last_error() saying
 * how it ended: -ECHILD (non-zero exit, or a signal; with the denied syscall
 * when the supervisor saw it), -ETIMEDOUT, -EFBIG (output cap), or the
 * child's own error when it could not apply the policy. */
EXILE_API int exile_launch_wait(struct exile_launch_result *launch_result, struct exile_launch_status *status);
/* Launches func, collects everything it writes to stdout and returns it
 * NUL-terminated (length in *n; malloc'd, the caller frees it). NULL, *n = 0
 * and a message in exile_last_error() unless the child exited with 0: the
 * partial output of a failed child is never returned. params->status, when
 * set, receives how the child ended in every case. */
EXILE_API char *exile_launch_get(struct exile_launch_params *launch_params, size_t *n);
/* In a program started by exile_launch with startup_vows: withdraws them for
 * the whole sandboxed tree from now on (exile-run's preload calls it before
 * main). 0 when the supervisor took it, -ENOSYS when there is no such
 * supervisor. Call it only where the launcher says so (for instance through
 * an environment variable it sets): under another filter it is an unknown
 * syscall. */
EXILE_API int exile_launch_started(void);

/* ---- inspection ---- */

/* Builds, without installing, exactly the filter exile_enable_policy() would
 * install. out->filter is malloc'd; the caller frees it. The policy is not
 * changed. 0, or a negative errno. */
EXILE_API int exile_syscall_policy_to_bpf(struct exile_policy *policy, struct sock_fprog *out);
/* Runs a classic BPF seccomp program on data the way the kernel does.
 * Returns the number of instructions executed and stores the return value
 * in *action, or a negative errno (-EINVAL) for a program the kernel would
 * reject (its static checks, also on paths this data does not take). */
EXILE_API int exile_bpf_simulate(const struct sock_fprog *prog, const struct seccomp_data *data, uint32_t *action);

/* A human-readable summary of a policy: vows, rules, paths, namespaces, and
 * what this kernel will and will not enforce. malloc'd; the caller frees it.
 * NULL (and a message) on failure. */
EXILE_API char *exile_policy_describe(struct exile_policy *policy);

/* ---- diagnostics: naming denied syscalls, report mode, learning mode ---- */

/* Report mode (policy->report_violations = 1, or EXILE_REPORT=1 in the
 * environment when the policy is enabled): a syscall the policy would kill
 * for traps instead; exile's SIGSYS handler writes one line to stderr,
 *   exile: denied syscall openat(257) args=(...) — vow "rpath" would allow it
 * and the process then dies by SIGSYS as the kill would have (the audit log
 * names the call: the filter has SECCOMP_FILTER_FLAG_LOG). Setting SIGSYS's
 * action fails with EINVAL, so the handler stays (and posix_spawn's or
 * system()'s children, which reset it, go on). It cannot report a call made
 * with SIGSYS blocked (glibc blocks every signal around pthread_create's and
 * posix_spawn's clone), after execve, or without write: the process dies by
 * SIGSYS silently. exile_launch's supervisor has none of these gaps. */
#define EXILE_REPORT_ENV "EXILE_REPORT"

/* Returned by exile_vows_allowing() when no vow set allows the call. */
#define EXILE_VOWS_NONE EXILE_SYSCALL_VOW_INVALID
/* The smallest vow set that allows syscall nr with these arguments (NULL:
 * all zero), evaluating the vows' argument rules as the filter would: openat
 * with O_WRONLY|O_CREAT gives cpath|wpath, socket(AF_INET, ...) inet. Among
 * equally small sets the narrower vows win (stdio, rpath, wpath, cpath, ...).
 * 0: allowed under every vow set (exit, rt_sigreturn, ...); EXILE_VOWS_NONE:
 * no vow allows it (ptrace, ioctl TIOCSTI, ...). Rules that name the caller's
 * own pid (kill, prlimit64) compare with getpid(). */
EXILE_API uint64_t exile_vows_allowing(long nr, const uint64_t args[6]);
/* Writes the names of the vows in vows, separated by spaces, to buf (always
 * NUL-terminated when size > 0); returns the length the whole string needs,
 * as snprintf does. Async-signal-safe. */
EXILE_API size_t exile_vows_to_str(uint64_t vows, char *buf, size_t size);

/* Learning mode: runs a program under a seccomp user-notification filter and
 * records what it does (see exile_learn_command). */
#define EXILE_LEARN_READ   (1u << 0) /* opened for reading */
#define EXILE_LEARN_WRITE  (1u << 1) /* opened for writing, or truncated */
#define EXILE_LEARN_CREATE (1u << 2) /* created, removed, renamed or linked (a change of its directory) */
#define EXILE_LEARN_EXEC   (1u << 3) /* executed */
#define EXILE_LEARN_BIND    (1u << 4) /* ports: a TCP socket was bound to it (0: an ephemeral port) */
#define EXILE_LEARN_CONNECT (1u << 5) /* ports: a TCP socket connected to it */
struct exile_learn_call
{
	long nr;               /* the syscall */
	uint64_t vows;         /* exile_vows_allowing() of the call (EXILE_VOWS_NONE: no vow allows it) */
	uint64_t args[6];      /* the arguments of its first call with these needs */
	unsigned long count;   /* calls of nr that needed exactly these vows */
	int startup;           /* 1: made by the started process before its start-up ended (see
	                          exile_learn_params.startup_vows); its first execve counts as start-up */
};
struct exile_learn_port
{
	uint16_t port;         /* TCP port, host byte order */
	unsigned int access;   /* EXILE_LEARN_BIND, EXILE_LEARN_CONNECT */
};
struct exile_learn_path
{
	char *path;            /* absolute, as the program named it (relative names joined to its cwd or dirfd) */
	unsigned int access;   /* EXILE_LEARN_* */
};
struct exile_learn_result
{
	int status;            /* the wait status of the started process */
	uint64_t vows;         /* the smallest vow set (no vow can be dropped) that allows every recorded call some vow allows */
	struct exile_learn_call *calls;  /* distinct (syscall, needed vows), in the order first seen */
	size_t ncalls;
	struct exile_learn_path *paths;  /* distinct paths, in the order first seen */
	size_t npaths;
	unsigned long notifications;     /* syscalls seen in all */
	int paths_incomplete;  /* some path arguments could not be read (best effort) */
	/* exile_learn_run: */
	uint64_t vows_after_startup; /* the smallest vow set for a launcher that grants startup_vows to the
	                          start-up and pins the first execve (exile-run): start-up calls those cover
	                          are left out; equal to vows when no start-up was learned */
	uint64_t startup_vows; /* as given */
	int startup_ended;     /* 1: the started process said its start-up was over */
	struct exile_learn_port *ports;  /* distinct TCP ports bound or connected to, in the order first seen */
	size_t nports;
	int timed_out;         /* 1: timeout_ms passed: the process and all it started were killed */
	int interrupted;       /* 1: *stop was set: the process and all it started were killed */
};
/* What exile_learn_run runs, and how. */
struct exile_learn_params
{
	char *const *argv;     /* the command; argv[0] is looked up in PATH unless it holds a '/' */
	char *const *envp;     /* its environment; NULL: the caller's */
	unsigned int timeout_ms; /* 0: none */
	volatile int *stop;    /* optional: when *stop becomes non-zero (a signal handler may set it), the run
	                          is ended and what it did so far is the result */
	uint64_t startup_vows; /* vows the launcher that will enforce the result grants the started program
	                          until its start-up ends, when the program calls exile_launch_started()
	                          (exile_launch's startup_vows; exile-run, a dynamic program: stdio rpath
	                          prot_exec until its preload's constructor); 0: no start-up phase */
};
/* Runs argv (argv[0] is looked up in PATH) in a child under a filter that
 * asks this process about every syscall; answers each with "continue" and
 * records it. Returns 0 when the child could be run and learned from (its
 * exit status is in result->status), or a negative errno. Learning follows
 * only the code paths and files this run exercises. The child gets
 * no_new_privs; the recorded calls start with its execve. */
EXILE_API int exile_learn_command(char *const argv[], struct exile_learn_result *result);
/* The same for func(arg) in a forked child, which exits with func's return value. */
EXILE_API int exile_learn_function(int (*func)(void *), void *arg, struct exile_learn_result *result);
/* exile_learn_command with an environment, a time limit, a stop flag and a
 * start-up phase (struct exile_learn_params); it also records the TCP ports
 * the run bound and connected to. 0 also when the run was stopped
 * (result->timed_out, result->interrupted): the result holds what it did. */
EXILE_API int exile_learn_run(const struct exile_learn_params *params, struct exile_learn_result *result);
/* A human-readable report: the vow string, the syscalls no vow covers, the
 * directories as suggested --ro/--rw lines. malloc'd; the caller frees it. */
EXILE_API char *exile_learn_result_describe(const struct exile_learn_result *result);
/* The suggestion as exile-run options, quoted for a POSIX shell: --vows
 * (vows_after_startup when after_startup is set, else vows), then the
 * --ro/--rw/--exec rules and the --bind/--connect ports the report lists.
 * malloc'd; the caller frees it. NULL (and a message) on failure. */
EXILE_API char *exile_learn_result_args(const struct exile_learn_result *result, int after_startup);
/* Frees what a result holds (not the struct itself); safe on a zeroed result. */
EXILE_API void exile_learn_result_free(struct exile_learn_result *result);

/* ---- errors ---- */

/* The message of the last failure in this thread ("" if none). */
EXILE_API const char *exile_last_error(void);
/* exile.h prints nothing by default: every failure is in the return value
 * and exile_last_error(). log (NULL: none) is called with the same one-line
 * message for every failure from then on, in the thread that failed; not
 * for outcomes a caller expects, such as a launched function that exits
 * with 3. Set it before starting threads. See also EXILE_LOG_ERROR. */
EXILE_API void exile_set_log(void (*log)(const char *message, void *ctx), void *ctx);

/* ---- version ---- */

/* EXILE_VERSION_STRING of the implementation linked into the program (which
 * may differ from the header a unit was compiled with, with a shared library). */
EXILE_API const char *exile_version(void);

#ifdef __cplusplus
}
#endif

#endif /* EXILE_H */

/* ========================================================================== */
/* IMPLEMENTATION                                                             */
/* ========================================================================== */
#if defined(EXILE_IMPLEMENTATION) && !defined(EXILE__IMPLEMENTED)
#define EXILE__IMPLEMENTED

/* Also when exile.h was included earlier in this unit without the
 * implementation, after a libc header that fixed glibc's feature set. */
#if !defined(_GNU_SOURCE) || (defined(__GLIBC__) && !defined(__USE_GNU))
#error "exile.h: the unit that defines EXILE_IMPLEMENTATION needs _GNU_SOURCE defined before its first #include (or include exile.h first, or compile with -D_GNU_SOURCE)"
#endif

/* The size of exile's own path buffers (the policy's layout does not depend on it). */
#ifndef EXILE_PATH_MAX
#define EXILE_PATH_MAX 4096
#endif
#if EXILE_PATH_MAX < 256
#error "exile.h: EXILE_PATH_MAX below 256 is too small for the paths exile reads"
#endif

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <dirent.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <linux/capability.h>
#include <limits.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/uio.h>
#include <ucontext.h>

/* Silent by default (see EXILE_LOG_ERROR in the configuration section). */
#ifdef EXILE_LOG_ERROR
#define EXILE__LOG_BUILD(msg) EXILE_LOG_ERROR("exile.h: %s\n", (msg))
#else
#define EXILE__LOG_BUILD(msg) ((void)0)
#endif

#if defined(__GNUC__)
#define EXILE__PRIVATE static __attribute__((unused))
#define EXILE__UNUSED __attribute__((unused))
#define EXILE__PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define EXILE__PRIVATE static
#define EXILE__UNUSED
#define EXILE__PRINTF(f, a)
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* -------------------------------------------------------------------------- */
/* >>uapi: kernel constants the build host's headers may lack                  */
/* -------------------------------------------------------------------------- */
#ifndef SECCOMP_SET_MODE_FILTER
#define SECCOMP_SET_MODE_FILTER 1
#endif
#ifndef SECCOMP_GET_ACTION_AVAIL
#define SECCOMP_GET_ACTION_AVAIL 2
#endif
#ifndef SECCOMP_FILTER_FLAG_TSYNC
#define SECCOMP_FILTER_FLAG_TSYNC (1UL << 0)
#endif
#ifndef SECCOMP_RET_KILL_PROCESS
#define SECCOMP_RET_KILL_PROCESS 0x80000000U
#endif
#ifndef SECCOMP_RET_LOG
#define SECCOMP_RET_LOG 0x7ffc0000U
#endif
#ifndef SECCOMP_RET_ACTION_FULL /* 4.14 */
#define SECCOMP_RET_ACTION_FULL 0xffff0000U
#endif
#ifndef PR_CAP_AMBIENT
#define PR_CAP_AMBIENT 47
#define PR_CAP_AMBIENT_CLEAR_ALL 4
#endif
#ifndef PR_SET_NO_NEW_PRIVS
#define PR_SET_NO_NEW_PRIVS 38
#define PR_GET_NO_NEW_PRIVS 39
#endif
/* The build architecture: its AUDIT_ARCH_* value (numbers, not the
 * headers' names, which old headers lack for riscv64) and the width of an
 * argument register (EXILE__ARG_BITS: on 32-bit architectures the kernel
 * uses only the low word of each seccomp_data argument). */
#if defined(__x86_64__)
#define EXILE__AUDIT_ARCH 0xC000003EU /* AUDIT_ARCH_X86_64 */
#define EXILE__ARCH_NAME "x86_64"
#define EXILE__ARG_BITS 64
#define EXILE__X32_SYSCALL_BIT 0x40000000U /* x32's calls: killed by the x86_64 filter */
#elif defined(__i386__)
#define EXILE__AUDIT_ARCH 0x40000003U /* AUDIT_ARCH_I386 */
#define EXILE__ARCH_NAME "i386"
#define EXILE__ARG_BITS 32
#elif defined(__aarch64__)
#define EXILE__AUDIT_ARCH 0xC00000B7U /* AUDIT_ARCH_AARCH64 */
#define EXILE__ARCH_NAME "aarch64"
#define EXILE__ARG_BITS 64
#elif defined(__riscv)
#define EXILE__AUDIT_ARCH 0xC00000F3U /* AUDIT_ARCH_RISCV64 */
#define EXILE__ARCH_NAME "riscv64"
#define EXILE__ARG_BITS 64
#elif defined(__arm__)
#define EXILE__AUDIT_ARCH 0x40000028U /* AUDIT_ARCH_ARM (little-endian EABI) */
#define EXILE__ARCH_NAME "arm"
#define EXILE__ARG_BITS 32
#endif
/* The calls libc makes for stat()/fstat() and for mmap(): 32-bit
 * architectures' glibc (2.33 on) and musl (1.2 on) call statx first, and
 * mmap2. Used where exile checks that earlier filters allow what libc will
 * do for it. */
#if EXILE__ARG_BITS == 32
#define EXILE__LIBC_STAT_NR EXILE__NR(statx)
#define EXILE__LIBC_MMAP_NR EXILE__NR(mmap2)
#else
#define EXILE__LIBC_STAT_NR EXILE__NR(newfstatat)
#define EXILE__LIBC_MMAP_NR EXILE__NR(mmap)
#endif
/* Numbers at or above this are no system call exile accepts in a rule (on
 * x86_64 they are x32's, whose filter kills them). */
#define EXILE__NR_LIMIT 0x40000000U

/* Syscall numbers the build host's headers may lack, so that headers back
 * to Linux 4.19 build. Below 424 they differ between architectures: */
#if defined(__x86_64__)
/* after 4.19's last (rseq, 334) */
#ifndef __NR_uretprobe
#define __NR_uretprobe 335
#endif
#ifndef __NR_uprobe
#define __NR_uprobe 336
#endif
#elif defined(__i386__) || defined(__arm__)
#if defined(__i386__)
/* 5.1: System V IPC without the ipc() multiplexer */
#ifndef __NR_semget
#define __NR_semget 393
#endif
#ifndef __NR_semctl
#define __NR_semctl 394
#endif
#ifndef __NR_shmget
#define __NR_shmget 395
#endif
#ifndef __NR_shmctl
#define __NR_shmctl 396
#endif
#ifndef __NR_shmat
#define __NR_shmat 397
#endif
#ifndef __NR_shmdt
#define __NR_shmdt 398
#endif
#ifndef __NR_msgget
#define __NR_msgget 399
#endif
#ifndef __NR_msgsnd
#define __NR_msgsnd 400
#endif
#ifndef __NR_msgrcv
#define __NR_msgrcv 401
#endif
#ifndef __NR_msgctl
#define __NR_msgctl 402
#endif
#endif
#if defined(__arm__)
/* arm's from 4.18 on */
#ifndef __NR_rseq
#define __NR_rseq 398
#endif
#ifndef __NR_io_pgetevents
#define __NR_io_pgetevents 399
#endif
#ifndef __NR_migrate_pages
#define __NR_migrate_pages 400
#endif
#ifndef __NR_kexec_file_load
#define __NR_kexec_file_load 401
#endif
#endif
/* 5.1: the 64-bit time calls of 32-bit architectures (glibc 2.34 and musl
 * 1.2 call them first) */
#ifndef __NR_clock_gettime64
#define __NR_clock_gettime64 403
#endif
#ifndef __NR_clock_settime64
#define __NR_clock_settime64 404
#endif
#ifndef __NR_clock_adjtime64
#define __NR_clock_adjtime64 405
#endif
#ifndef __NR_clock_getres_time64
#define __NR_clock_getres_time64 406
#endif
#ifndef __NR_clock_nanosleep_time64
#define __NR_clock_nanosleep_time64 407
#endif
#ifndef __NR_timer_gettime64
#define __NR_timer_gettime64 408
#endif
#ifndef __NR_timer_settime64
#define __NR_timer_settime64 409
#endif
#ifndef __NR_timerfd_gettime64
#define __NR_timerfd_gettime64 410
#endif
#ifndef __NR_timerfd_settime64
#define __NR_timerfd_settime64 411
#endif
#ifndef __NR_utimensat_time64
#define __NR_utimensat_time64 412
#endif
#ifndef __NR_pselect6_time64
#define __NR_pselect6_time64 413
#endif
#ifndef __NR_ppoll_time64
#define __NR_ppoll_time64 414
#endif
#ifndef __NR_io_pgetevents_time64
#define __NR_io_pgetevents_time64 416
#endif
#ifndef __NR_recvmmsg_time64
#define __NR_recvmmsg_time64 417
#endif
#ifndef __NR_mq_timedsend_time64
#define __NR_mq_timedsend_time64 418
#endif
#ifndef __NR_mq_timedreceive_time64
#define __NR_mq_timedreceive_time64 419
#endif
#ifndef __NR_semtimedop_time64
#define __NR_semtimedop_time64 420
#endif
#ifndef __NR_rt_sigtimedwait_time64
#define __NR_rt_sigtimedwait_time64 421
#endif
#ifndef __NR_futex_time64
#define __NR_futex_time64 422
#endif
#ifndef __NR_sched_rr_get_interval_time64
#define __NR_sched_rr_get_interval_time64 423
#endif
#elif defined(__aarch64__) || defined(__riscv)
#ifndef __NR_kexec_file_load
#define __NR_kexec_file_load 294 /* asm-generic, 5.0 */
#endif
#if defined(__riscv)
#ifndef __NR_riscv_hwprobe
#define __NR_riscv_hwprobe 258 /* 6.4 */
#endif
#endif
#endif
/* From 424 on, numbers are the same on every architecture exile knows. */
#ifndef __NR_pidfd_send_signal
#define __NR_pidfd_send_signal 424
#endif
#ifndef __NR_io_uring_setup
#define __NR_io_uring_setup 425
#endif
#ifndef __NR_io_uring_enter
#define __NR_io_uring_enter 426
#endif
#ifndef __NR_io_uring_register
#define __NR_io_uring_register 427
#endif
#ifndef __NR_open_tree
#define __NR_open_tree 428
#endif
#ifndef __NR_move_mount
#define __NR_move_mount 429
#endif
#ifndef __NR_fsopen
#define __NR_fsopen 430
#endif
#ifndef __NR_fsconfig
#define __NR_fsconfig 431
#endif
#ifndef __NR_fsmount
#define __NR_fsmount 432
#endif
#ifndef __NR_fspick
#define __NR_fspick 433
#endif
#ifndef __NR_pidfd_open
#define __NR_pidfd_open 434
#endif
#ifndef __NR_clone3
#define __NR_clone3 435
#endif
#ifndef __NR_close_range
#define __NR_close_range 436
#endif
#ifndef __NR_openat2
#define __NR_openat2 437
#endif
#ifndef __NR_pidfd_getfd
#define __NR_pidfd_getfd 438
#endif
#ifndef __NR_faccessat2
#define __NR_faccessat2 439
#endif
#ifndef __NR_process_madvise
#define __NR_process_madvise 440
#endif
#ifndef __NR_epoll_pwait2
#define __NR_epoll_pwait2 441
#endif
#ifndef __NR_mount_setattr
#define __NR_mount_setattr 442
#endif
#ifndef __NR_quotactl_fd
#define __NR_quotactl_fd 443
#endif
#ifndef __NR_landlock_create_ruleset
#define __NR_landlock_create_ruleset 444
#endif
#ifndef __NR_landlock_add_rule
#define __NR_landlock_add_rule 445
#endif
#ifndef __NR_landlock_restrict_self
#define __NR_landlock_restrict_self 446
#endif
#if !defined(__arm__) /* arm has no memfd_secret */
#ifndef __NR_memfd_secret
#define __NR_memfd_secret 447
#endif
#endif
#ifndef __NR_process_mrelease
#define __NR_process_mrelease 448
#endif
#ifndef __NR_futex_waitv
#define __NR_futex_waitv 449
#endif
#ifndef __NR_set_mempolicy_home_node
#define __NR_set_mempolicy_home_node 450
#endif
#ifndef __NR_cachestat
#define __NR_cachestat 451
#endif
#ifndef __NR_fchmodat2
#define __NR_fchmodat2 452
#endif
#ifndef __NR_map_shadow_stack
#define __NR_map_shadow_stack 453
#endif
#ifndef __NR_futex_wake
#define __NR_futex_wake 454
#endif
#ifndef __NR_futex_wait
#define __NR_futex_wait 455
#endif
#ifndef __NR_futex_requeue
#define __NR_futex_requeue 456
#endif
#ifndef __NR_statmount
#define __NR_statmount 457
#endif
#ifndef __NR_listmount
#define __NR_listmount 458
#endif
#ifndef __NR_lsm_get_self_attr
#define __NR_lsm_get_self_attr 459
#endif
#ifndef __NR_lsm_set_self_attr
#define __NR_lsm_set_self_attr 460
#endif
#ifndef __NR_lsm_list_modules
#define __NR_lsm_list_modules 461
#endif
#ifndef __NR_mseal
#define __NR_mseal 462
#endif
#ifndef __NR_setxattrat
#define __NR_setxattrat 463
#endif
#ifndef __NR_getxattrat
#define __NR_getxattrat 464
#endif
#ifndef __NR_listxattrat
#define __NR_listxattrat 465
#endif
#ifndef __NR_removexattrat
#define __NR_removexattrat 466
#endif
#ifndef __NR_open_tree_attr
#define __NR_open_tree_attr 467
#endif
#ifndef __NR_file_getattr
#define __NR_file_getattr 468
#endif
#ifndef __NR_file_setattr
#define __NR_file_setattr 469
#endif
#ifndef __NR_listns
#define __NR_listns 470
#endif

#define EXILE__O_TMPFILE_BIT 020000000U /* the kernel's __O_TMPFILE alone, without O_DIRECTORY */
/* The kernel's access-mode mask. Not the libc's O_ACCMODE: musl's includes
 * O_PATH, so rpath/wpath rules built with it would let O_PATH opens through
 * (and learning would misread them). */
#define EXILE__O_ACCMODE 3U
#define EXILE__READ_IMPLIES_EXEC 0x0400000 /* linux/personality.h */
#define EXILE__LANDLOCK_CREATE_RULESET_VERSION (1U << 0)
/* securebits (linux/securebits.h) */
#define EXILE__SECBIT_NOROOT                 (1 << 0)
#define EXILE__SECBIT_NOROOT_LOCKED          (1 << 1)
#define EXILE__SECBIT_NO_SETUID_FIXUP        (1 << 2)
#define EXILE__SECBIT_NO_SETUID_FIXUP_LOCKED (1 << 3)
#define EXILE__SECBIT_KEEP_CAPS_LOCKED       (1 << 5)
#define EXILE__SECBIT_NO_CAP_AMBIENT_RAISE   (1 << 6)
#define EXILE__SECBIT_NO_CAP_AMBIENT_RAISE_LOCKED (1 << 7)

/* seccomp user notification (Linux 5.0; CONTINUE 5.5): learning mode and the supervisor */
#ifndef SECCOMP_RET_USER_NOTIF
#define SECCOMP_RET_USER_NOTIF 0x7fc00000U
#endif
#ifndef SECCOMP_FILTER_FLAG_LOG
#define SECCOMP_FILTER_FLAG_LOG (1UL << 1)
#endif
#ifndef SECCOMP_RET_ACTION_FULL
#define SECCOMP_RET_ACTION_FULL 0xffff0000U
#endif
#ifndef SECCOMP_FILTER_FLAG_NEW_LISTENER
#define SECCOMP_FILTER_FLAG_NEW_LISTENER (1UL << 3)
#endif
#ifndef SECCOMP_GET_NOTIF_SIZES
#define SECCOMP_GET_NOTIF_SIZES 3
#endif
#define EXILE__NOTIF_CONTINUE (1U << 0) /* SECCOMP_USER_NOTIF_FLAG_CONTINUE (5.5) */
struct exile__notif
{
	uint64_t id;
	uint32_t pid;
	uint32_t flags;
	struct seccomp_data data;
};
struct exile__notif_resp
{
	uint64_t id;
	int64_t val;
	int32_t error;
	uint32_t flags;
};
struct exile__notif_sizes
{
	uint16_t notif, resp, data;
};
#define EXILE__NOTIF_RECV     _IOWR('!', 0, struct exile__notif)
#define EXILE__NOTIF_SEND     _IOWR('!', 1, struct exile__notif_resp)
#define EXILE__NOTIF_ID_VALID _IOW('!', 2, uint64_t)
#ifndef __NR_pidfd_open
#define __NR_pidfd_open 434
#endif

/* The values the vow rules compare arguments with, under the kernel's names
 * with the EXILE__ prefix: numbers from the x86_64 uapi, so that no libc or
 * header version changes what a vow allows, and nothing unprefixed leaks
 * into the caller's unit. tests/vows.c compares each with the build host's
 * header where that header defines the name. */
/* ioctl requests */
#define EXILE__TCGETS          0x5401u
#define EXILE__TCSETS          0x5402u
#define EXILE__TCSETSW         0x5403u
#define EXILE__TCSETSF         0x5404u
#define EXILE__TCSBRK          0x5409u
#define EXILE__TCXONC          0x540Au
#define EXILE__TCFLSH          0x540Bu
#define EXILE__TIOCEXCL        0x540Cu
#define EXILE__TIOCNXCL        0x540Du
#define EXILE__TIOCSCTTY       0x540Eu
#define EXILE__TIOCGPGRP       0x540Fu
#define EXILE__TIOCSPGRP       0x5410u
#define EXILE__TIOCOUTQ        0x5411u
#define EXILE__TIOCSTI         0x5412u /* in no set: faking terminal input */
#define EXILE__TIOCGWINSZ      0x5413u
#define EXILE__TIOCSWINSZ      0x5414u
#define EXILE__FIONREAD        0x541Bu
#define EXILE__TIOCLINUX       0x541Cu /* in no set: console selection pastes input */
#define EXILE__TIOCPKT         0x5420u
#define EXILE__FIONBIO         0x5421u
#define EXILE__TIOCNOTTY       0x5422u
#define EXILE__TCSBRKP         0x5425u
#define EXILE__TIOCSBRK        0x5427u
#define EXILE__TIOCCBRK        0x5428u
#define EXILE__TIOCGSID        0x5429u
#define EXILE__TCGETS2         0x802C542Au
#define EXILE__TCSETS2         0x402C542Bu
#define EXILE__TCSETSW2        0x402C542Cu
#define EXILE__TCSETSF2        0x402C542Du
#define EXILE__TIOCGPTN        0x80045430u
#define EXILE__TIOCSPTLCK      0x40045431u
#define EXILE__TIOCGPKT        0x80045438u
#define EXILE__TIOCGPTLCK      0x80045439u
#define EXILE__TIOCGEXCL       0x80045440u
#define EXILE__TIOCGPTPEER     0x5441u
#define EXILE__FIONCLEX        0x5450u
#define EXILE__FIOCLEX         0x5451u
#define EXILE__FIOASYNC        0x5452u
#if defined(__arm__)
#define EXILE__FIOQSIZE        0x545Eu /* arm's own */
#else
#define EXILE__FIOQSIZE        0x5460u
#endif
#define EXILE__SIOCATMARK      0x8905u
#define EXILE__SIOCGIFNAME     0x8910u
#define EXILE__SIOCGIFINDEX    0x8933u
#if EXILE__ARG_BITS == 32
#define EXILE__FS_IOC_GETFLAGS 0x80046601u /* _IOR('f', 1, long): long has 4 bytes here */
#else
#define EXILE__FS_IOC_GETFLAGS 0x80086601u
#endif
#define EXILE__FICLONE         0x40049409u
#define EXILE__FICLONERANGE    0x4020940Du
/* fcntl commands */
#define EXILE__F_DUPFD            0u
#define EXILE__F_GETFD            1u
#define EXILE__F_SETFD            2u
#define EXILE__F_GETFL            3u
#define EXILE__F_SETFL            4u
#define EXILE__F_GETLK            5u
#define EXILE__F_SETLK            6u
#define EXILE__F_SETLKW           7u
#define EXILE__F_SETOWN           8u
#define EXILE__F_GETOWN           9u
#define EXILE__F_GETLK64          12u /* 32-bit architectures only */
#define EXILE__F_SETLK64          13u
#define EXILE__F_SETLKW64         14u
#define EXILE__F_SETSIG           10u
#define EXILE__F_GETSIG           11u
#define EXILE__F_SETOWN_EX        15u
#define EXILE__F_GETOWN_EX        16u
#define EXILE__F_GETOWNER_UIDS    17u
#define EXILE__F_OFD_GETLK        36u
#define EXILE__F_OFD_SETLK        37u
#define EXILE__F_OFD_SETLKW       38u
#define EXILE__F_SETLEASE         1024u
#define EXILE__F_GETLEASE         1025u
#define EXILE__F_NOTIFY           1026u
#define EXILE__F_DUPFD_QUERY      1027u
#define EXILE__F_CREATED_QUERY    1028u
#define EXILE__F_DUPFD_CLOEXEC    1030u
#define EXILE__F_SETPIPE_SZ       1031u
#define EXILE__F_GETPIPE_SZ       1032u
#define EXILE__F_ADD_SEALS        1033u
#define EXILE__F_GET_SEALS        1034u
#define EXILE__F_GET_RW_HINT      1035u
#define EXILE__F_SET_RW_HINT      1036u
#define EXILE__F_GET_FILE_RW_HINT 1037u
#define EXILE__F_SET_FILE_RW_HINT 1038u
/* prctl options */
#define EXILE__PR_SET_PDEATHSIG        1u
#define EXILE__PR_GET_PDEATHSIG        2u
#define EXILE__PR_GET_DUMPABLE         3u
#define EXILE__PR_GET_KEEPCAPS         7u
#define EXILE__PR_SET_NAME             15u
#define EXILE__PR_GET_NAME             16u
#define EXILE__PR_GET_SECCOMP          21u
#define EXILE__PR_SET_SECCOMP          22u
#define EXILE__PR_CAPBSET_READ         23u
#define EXILE__PR_CAPBSET_DROP         24u
#define EXILE__PR_GET_SECUREBITS       27u
#define EXILE__PR_GET_TIMERSLACK       30u
#define EXILE__PR_GET_CHILD_SUBREAPER  37u
#define EXILE__PR_SET_NO_NEW_PRIVS     38u
#define EXILE__PR_GET_NO_NEW_PRIVS     39u
#define EXILE__PR_GET_TID_ADDRESS      40u
#define EXILE__PR_GET_THP_DISABLE      42u
#define EXILE__PR_GET_SPECULATION_CTRL 52u
#define EXILE__PR_SET_MDWE             65u
#define EXILE__PR_GET_MDWE             66u
#define EXILE__PR_SET_VMA              0x53564D41u
#define EXILE__PR_GET_AUXV             0x41555856u
/* arch_prctl codes */
#define EXILE__ARCH_SET_GS           0x1001u
#define EXILE__ARCH_SET_FS           0x1002u
#define EXILE__ARCH_GET_FS           0x1003u
#define EXILE__ARCH_GET_GS           0x1004u
#define EXILE__ARCH_GET_CPUID        0x1011u
#define EXILE__ARCH_GET_XCOMP_SUPP   0x1021u
#define EXILE__ARCH_GET_XCOMP_PERM   0x1022u
#define EXILE__ARCH_REQ_XCOMP_PERM   0x1023u
#define EXILE__ARCH_GET_UNTAG_MASK   0x4001u
#define EXILE__ARCH_GET_MAX_TAG_BITS 0x4003u
#define EXILE__ARCH_SHSTK_ENABLE     0x5001u
#define EXILE__ARCH_SHSTK_LOCK       0x5003u
#define EXILE__ARCH_SHSTK_STATUS     0x5005u
/* socket options: levels, then the names of each level */
#define EXILE__SOL_IP     0u
#define EXILE__SOL_SOCKET 1u
#define EXILE__SOL_TCP    6u
#define EXILE__SOL_UDP    17u
#define EXILE__SOL_IPV6   41u
#define EXILE__SO_REUSEADDR       2u
#define EXILE__SO_BROADCAST       6u
#define EXILE__SO_SNDBUF          7u
#define EXILE__SO_RCVBUF          8u
#define EXILE__SO_KEEPALIVE       9u
#define EXILE__SO_OOBINLINE       10u
#define EXILE__SO_LINGER          13u
#define EXILE__SO_REUSEPORT       15u
#define EXILE__SO_PASSCRED        16u
#define EXILE__SO_RCVLOWAT        18u
#define EXILE__SO_RCVTIMEO_OLD    20u
#define EXILE__SO_SNDTIMEO_OLD    21u
#define EXILE__SO_TIMESTAMP_OLD   29u
#define EXILE__SO_TIMESTAMPNS_OLD 35u
#define EXILE__SO_ZEROCOPY        60u
#define EXILE__SO_TIMESTAMP_NEW   63u
#define EXILE__SO_TIMESTAMPNS_NEW 64u
#define EXILE__SO_RCVTIMEO_NEW    66u
#define EXILE__SO_SNDTIMEO_NEW    67u
#define EXILE__IP_TOS                  1u
#define EXILE__IP_TTL                  2u
#define EXILE__IP_PKTINFO              8u
#define EXILE__IP_MTU_DISCOVER         10u
#define EXILE__IP_RECVERR              11u
#define EXILE__IP_RECVTTL              12u
#define EXILE__IP_RECVTOS              13u
#define EXILE__IP_BIND_ADDRESS_NO_PORT 24u
#define EXILE__IP_MULTICAST_IF         32u
#define EXILE__IP_MULTICAST_TTL        33u
#define EXILE__IP_MULTICAST_LOOP       34u
#define EXILE__IP_ADD_MEMBERSHIP       35u
#define EXILE__IP_DROP_MEMBERSHIP      36u
#define EXILE__TCP_NODELAY          1u
#define EXILE__TCP_MAXSEG           2u
#define EXILE__TCP_CORK             3u
#define EXILE__TCP_KEEPIDLE         4u
#define EXILE__TCP_KEEPINTVL        5u
#define EXILE__TCP_KEEPCNT          6u
#define EXILE__TCP_SYNCNT           7u
#define EXILE__TCP_LINGER2          8u
#define EXILE__TCP_DEFER_ACCEPT     9u
#define EXILE__TCP_WINDOW_CLAMP     10u
#define EXILE__TCP_QUICKACK         12u
#define EXILE__TCP_USER_TIMEOUT     18u
#define EXILE__TCP_FASTOPEN         23u
#define EXILE__TCP_NOTSENT_LOWAT    25u
#define EXILE__TCP_FASTOPEN_CONNECT 30u
#define EXILE__UDP_CORK    1u
#define EXILE__UDP_SEGMENT 103u
#define EXILE__UDP_GRO     104u
#define EXILE__IPV6_UNICAST_HOPS    16u
#define EXILE__IPV6_MULTICAST_IF    17u
#define EXILE__IPV6_MULTICAST_HOPS  18u
#define EXILE__IPV6_MULTICAST_LOOP  19u
#define EXILE__IPV6_ADD_MEMBERSHIP  20u
#define EXILE__IPV6_DROP_MEMBERSHIP 21u
#define EXILE__IPV6_MTU_DISCOVER    23u
#define EXILE__IPV6_RECVERR         25u
#define EXILE__IPV6_V6ONLY          26u
#define EXILE__IPV6_RECVPKTINFO     49u
#define EXILE__IPV6_RECVHOPLIMIT    51u
#define EXILE__IPV6_RECVTCLASS      66u
#define EXILE__IPV6_TCLASS          67u

/* -------------------------------------------------------------------------- */
/* >>core: the error buffer, one raising helper, raw syscalls                   */
/* -------------------------------------------------------------------------- */
#define EXILE__ERRLEN 512
static __thread char exile__errbuf[EXILE__ERRLEN];

/* Everything exile.h keeps for the whole process, in one place (the error
 * message and one scratch rule are per thread, the rest is here). A forked
 * child inherits it with the filters and the Landlock domain it describes;
 * execve starts afresh (and a filter from before execve is one exile does
 * not know: see exile__other_threads). */
struct exile__diag_hints;
static struct
{
	/* >>bpf: the filters exile installed in this process, in order (what
	 * exile__earlier_filters_allow simulates); and seccomp's probe done */
	struct sock_fprog *installed;
	size_t ninstalled;
	int seccomp_probed;
	/* >>core: exile_set_log()'s callback */
	void (*log_fn)(const char *message, void *ctx);
	void *log_ctx;
	/* >>landlock: the probe, done once; the report of the last successful
	 * enable; 1 once exile put the process into a Landlock domain (inherited,
	 * never left: ptrace isolation needs no further one) */
	struct
	{
		int done, abi, err;
		uint32_t errata;
	} ll_probe;
	struct exile_landlock_report ll_last;
	int ll_in_domain;
	/* >>report: what the SIGSYS handler reads; 1 while exile's handler is in
	 * place under a filter that keeps it there */
	struct exile__diag_hints *volatile diag_active;
	volatile uint64_t diag_held;
	int diag_handler_set;
	/* >>policy: the last io_uring check found nothing (an accepted ring resets it) */
	int uring_clean;
#ifdef EXILE_TESTING
	/* the test suite's copy of each report-mode record (struct exile__violation); 0: none */
	int violation_fd_plus1;
#endif
} exile__state;

EXILE_API const char *exile_last_error(void)
{
	return exile__errbuf;
}

EXILE_API const char *exile_version(void)
{
	return EXILE_VERSION_STRING;
}


EXILE_API void exile_set_log(void (*log)(const char *message, void *ctx), void *ctx)
{
	exile__state.log_fn = log;
	exile__state.log_ctx = ctx;
}

/* Writes "<what>: <errno text>[; hint: <hint>]" to the error buffer. */
EXILE__PRIVATE void exile__record(int err, const char *hint, const char *fmt, va_list ap)
{
	size_t len;
	vsnprintf(exile__errbuf, sizeof(exile__errbuf), fmt, ap);
	len = strlen(exile__errbuf);
	if(err < 0 && len < sizeof(exile__errbuf))
	{
		snprintf(exile__errbuf + len, sizeof(exile__errbuf) - len, ": %s", strerror(-err));
		len = strlen(exile__errbuf);
	}
	if(hint != NULL && len < sizeof(exile__errbuf))
	{
		snprintf(exile__errbuf + len, sizeof(exile__errbuf) - len, "; hint: %s", hint);
	}
}

/* Records the message of a failure, logs it where the program asked for
 * that, and returns err (a negative errno), so that a failing site is one
 * line: return exile__fail(-errno, ...). */
EXILE__PRIVATE EXILE__PRINTF(3, 4) int exile__fail(int err, const char *hint, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	exile__record(err, hint, fmt, ap);
	va_end(ap);
	EXILE__LOG_BUILD(exile__errbuf);
	if(exile__state.log_fn != NULL)
	{
		exile__state.log_fn(exile__errbuf, exile__state.log_ctx);
	}
	return err;
}

/* The same for an outcome the caller expects (a launched function's exit
 * code, a signal, a timeout): recorded for exile_last_error(), never logged. */
EXILE__PRIVATE EXILE__PRINTF(3, 4) int exile__note(int err, const char *hint, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	exile__record(err, hint, fmt, ap);
	va_end(ap);
	return err;
}

EXILE__PRIVATE int exile__seccomp(unsigned int op, unsigned int flags, void *arg)
{
	return (int)syscall(__NR_seccomp, op, flags, arg);
}

/* ioctl() through syscall(): musl declares ioctl(int, int, ...), in which
 * the seccomp notification requests (above INT_MAX) overflow. */
EXILE__PRIVATE int exile__ioctl(int fd, unsigned long request, void *arg)
{
	return (int)syscall(__NR_ioctl, fd, request, arg);
}

EXILE__PRIVATE int exile__capget(struct __user_cap_data_struct data[2])
{
	struct __user_cap_header_struct h;
	h.version = _LINUX_CAPABILITY_VERSION_3;
	h.pid = 0;
	return (int)syscall(__NR_capget, &h, data);
}

EXILE__PRIVATE int exile__capset(struct __user_cap_data_struct data[2])
{
	struct __user_cap_header_struct h;
	h.version = _LINUX_CAPABILITY_VERSION_3;
	h.pid = 0;
	return (int)syscall(__NR_capset, &h, data);
}

EXILE__PRIVATE int exile__has_cap(int cap)
{
	struct __user_cap_data_struct d[2];
	memset(d, 0, sizeof(d));
	if(exile__capget(d) != 0)
	{
		return 0;
	}
	return (int)((d[cap / 32].effective >> (cap % 32)) & 1);
}

/* Drops every capability: bounding set and secure bits where CAP_SETPCAP
 * allows, ambient, then effective/permitted/inheritable. */
EXILE__PRIVATE int exile__drop_caps(void)
{
	struct __user_cap_data_struct d[2];
	if(exile__has_cap(CAP_SETPCAP))
	{
		int cap;
		int secbits = EXILE__SECBIT_NOROOT | EXILE__SECBIT_NOROOT_LOCKED | EXILE__SECBIT_NO_SETUID_FIXUP
			| EXILE__SECBIT_NO_SETUID_FIXUP_LOCKED | EXILE__SECBIT_KEEP_CAPS_LOCKED
			| EXILE__SECBIT_NO_CAP_AMBIENT_RAISE | EXILE__SECBIT_NO_CAP_AMBIENT_RAISE_LOCKED;
		for(cap = 0; cap < 64; cap++)
		{
			if(prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0)
			{
				if(errno == EINVAL)
				{
					break; /* past the kernel's last capability */
				}
				return exile__fail(-errno, NULL, "dropping capability %d from the bounding set", cap);
			}
		}
		if(prctl(PR_SET_SECUREBITS, secbits, 0, 0, 0) != 0)
		{
			return exile__fail(-errno, NULL, "locking the secure bits (0x%x)", secbits);
		}
	}
	if(prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) != 0 && errno != EINVAL)
	{
		return exile__fail(-errno, NULL, "clearing the ambient capabilities");
	}
	memset(d, 0, sizeof(d));
	if(exile__capset(d) != 0)
	{
		return exile__fail(-errno, NULL, "capset() dropping all capabilities");
	}
	return 0;
}

EXILE__PRIVATE int exile__caps_empty(void)
{
	struct __user_cap_data_struct d[2];
	memset(d, 0, sizeof(d));
	if(exile__capget(d) != 0)
	{
		return 0;
	}
	return (d[0].effective | d[0].permitted | d[0].inheritable | d[1].effective | d[1].permitted | d[1].inheritable) == 0;
}

/* 1 when no filter exile installed in this process forbids the call (>>bpf
 * keeps the installed filters and simulates them). Every helper below that
 * makes a system call after a filter may be in place asks first, so that a
 * forbidden step becomes an error instead of a killed process. */
EXILE__PRIVATE int exile__earlier_filters_allow(long nr, uint64_t a0, uint64_t a1, uint64_t a2);

/* The number at the start of a small file (a sysctl); -1 when unreadable,
 * or when a filter exile installed earlier forbids reading it. */
EXILE__PRIVATE long exile__read_long(const char *path)
{
	char buf[32];
	ssize_t n;
	int fd;
	if(!exile__earlier_filters_allow(__NR_openat, (uint64_t)(int64_t)AT_FDCWD, 0, O_RDONLY | O_CLOEXEC)
		|| !exile__earlier_filters_allow(__NR_read, 0, 0, 0) || !exile__earlier_filters_allow(__NR_close, 0, 0, 0))
	{
		return -1;
	}
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if(fd < 0)
	{
		return -1;
	}
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if(n <= 0)
	{
		return -1;
	}
	buf[n] = '\0';
	return strtol(buf, NULL, 10);
}

/* Calls fn(tid, ctx) for every thread of this process but the calling one,
 * as /proc/self/task lists them (fn NULL: only counts); fn returns 0 to go
 * on, > 0 to stop, < 0 for an error. Returns the number of threads visited,
 * or a negative errno: fn's, or the list's (no /proc, or an earlier exile
 * filter forbids reading it). The one thread counter of the library: each
 * caller decides what an unreadable list means. Raw getdents64, no opendir:
 * nothing is allocated. */
EXILE__PRIVATE int exile__other_threads(int (*fn)(pid_t tid, void *ctx), void *ctx)
{
	char buf[4096];
	long r, self;
	int fd, n = 0, ret = 0;
	/* the fast answer: unshare(CLONE_VM) succeeds, and does nothing, only
	 * when no other task shares this memory (so no other thread); listing
	 * /proc/self/task costs ~20 us in a freshly forked child, this ~0.2 us.
	 * Only without any seccomp filter: one this copy of exile does not know
	 * (installed before an execve, or by another library) may kill unshare */
	if(exile__earlier_filters_allow(__NR_prctl, PR_GET_SECCOMP, 0, 0) && exile__earlier_filters_allow(__NR_unshare, CLONE_VM, 0, 0)
		&& prctl(PR_GET_SECCOMP, 0, 0, 0, 0) == 0 && syscall(__NR_unshare, CLONE_VM) == 0)
	{
		return 0;
	}
	self = syscall(__NR_gettid);
	if(exile__earlier_filters_allow(__NR_readlinkat, (uint64_t)(int64_t)AT_FDCWD, 0, 0))
	{
		/* the tid as /proc names it: in a PID namespace under the host's
		 * /proc (exile_launch's init), gettid() is another number */
		char link[64];
		long len = syscall(__NR_readlinkat, AT_FDCWD, "/proc/thread-self", link, sizeof(link) - 1);
		const char *t;
		if(len > 0)
		{
			link[len] = '\0';
			if((t = strrchr(link, '/')) != NULL && atol(t + 1) > 0)
			{
				self = atol(t + 1);
			}
		}
	}
	if(!exile__earlier_filters_allow(__NR_openat, (uint64_t)(int64_t)AT_FDCWD, 0, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
		|| !exile__earlier_filters_allow(__NR_getdents64, 0, 0, 0) || !exile__earlier_filters_allow(__NR_close, 0, 0, 0))
	{
		return -EPERM;
	}
	fd = open("/proc/self/task", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if(fd < 0)
	{
		return -errno;
	}
	while(ret == 0 && (r = syscall(__NR_getdents64, fd, buf, sizeof(buf))) > 0)
	{
		long off = 0;
		while(ret == 0 && off < r)
		{
			/* struct linux_dirent64: u64 ino, s64 off, u16 reclen, u8 type, name */
			const char *name = buf + off + 19;
			unsigned short reclen;
			memcpy(&reclen, buf + off + 16, sizeof(reclen));
			if(name[0] >= '0' && name[0] <= '9' && atol(name) != self)
			{
				n++;
				ret = fn != NULL ? fn((pid_t)atol(name), ctx) : 0;
			}
			off += reclen;
		}
	}
	if(r < 0 && ret == 0)
	{
		ret = -errno;
	}
	close(fd);
	return ret < 0 ? ret : n;
}

/* A number field ("NoNewPrivs", "Seccomp_filters") of the status of thread
 * tid of this process (0: the calling thread); -1 when it cannot be read
 * (the thread ended, no /proc, or an earlier exile filter forbids it). */
EXILE__PRIVATE long exile__task_status(pid_t tid, const char *field)
{
	char path[64], buf[2048];
	const char *t;
	ssize_t n;
	size_t len = 0, flen = strlen(field);
	int fd;
	if(!exile__earlier_filters_allow(__NR_openat, (uint64_t)(int64_t)AT_FDCWD, 0, O_RDONLY | O_CLOEXEC)
		|| !exile__earlier_filters_allow(__NR_read, 0, 0, 0) || !exile__earlier_filters_allow(__NR_close, 0, 0, 0))
	{
		return -1;
	}
	if(tid == 0)
	{
		snprintf(path, sizeof(path), "/proc/thread-self/status");
	}
	else
	{
		snprintf(path, sizeof(path), "/proc/self/task/%d/status", (int)tid);
	}
	if((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
	{
		return -1;
	}
	while(len < sizeof(buf) - 1 && (n = read(fd, buf + len, sizeof(buf) - 1 - len)) > 0)
	{
		len += (size_t)n;
	}
	close(fd);
	buf[len] = '\0';
	for(t = buf; (t = strstr(t, field)) != NULL; t += flen)
	{
		if((t == buf || t[-1] == '\n') && t[flen] == ':')
		{
			return atol(t + flen + 1);
		}
	}
	return -1;
}

#define EXILE__N(a) (sizeof(a) / sizeof((a)[0]))

/* exile_policy.exile_flags: private bits every module may set or read */
#define EXILE__FLAG_APPEND_FAILED (1u << 1) /* an exile_append_* call failed: enabling refuses */

/* A vow filter is wanted: any vow bit, EXILE_SYSCALL_VOW_BASE (the base set
 * alone: exile_vow(0), "" as vows) included. */
EXILE__PRIVATE int exile__vows_active(const struct exile_policy *p)
{
	return p->vow_promises != 0;
}

/* Whether enabling p confines the process at all (a filter, capabilities,
 * namespaces, a new root, no_new_fds, anything asked of Landlock): then it is
 * also isolated from other processes (>>landlock). no_new_privs,
 * not_dumpable and close_fds alone protect the process, not others. */
EXILE__PRIVATE int exile__policy_confines(const struct exile_policy *p)
{
	return (!p->disable_syscall_filter && (exile__vows_active(p) || p->syscall_policies != NULL)) || p->drop_caps
		|| p->no_new_fds || p->namespace_options != 0 || p->chroot_target_path[0] != '\0' || p->mount_path_policies_to_chroot
		|| p->path_policies != NULL || p->no_fs || p->no_network || p->net_rules_count != 0
		|| (p->landlock_scopes & (EXILE_LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET | EXILE_LANDLOCK_SCOPE_SIGNAL)) != 0;
}

EXILE__PRIVATE int exile__cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

EXILE__PRIVATE int exile__grow(void **buf, size_t *cap, size_t need, size_t elem)
{
	if(need <= *cap)
	{
		return 0;
	}
	size_t ncap = *cap ? *cap * 2 : 64;
	while(ncap < need)
	{
		ncap *= 2;
	}
	void *nb = realloc(*buf, ncap * elem);
	if(nb == NULL)
	{
		return -ENOMEM;
	}
	*buf = nb;
	*cap = ncap;
	return 0;
}

/* A growable string for the describe functions. */
struct exile__sb
{
	char *s;
	size_t len, cap;
	int err;
};

EXILE__PRIVATE EXILE__PRINTF(2, 3) void exile__sb_printf(struct exile__sb *b, const char *fmt, ...)
{
	va_list ap;
	int n;
	if(b->err)
	{
		return;
	}
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if(n < 0 || exile__grow((void **)&b->s, &b->cap, b->len + (size_t)n + 1, 1) != 0)
	{
		b->err = -ENOMEM;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, b->cap - b->len, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

EXILE__PRIVATE char *exile__sb_finish(struct exile__sb *b, const char *what)
{
	if(b->err == 0 && b->s == NULL)
	{
		exile__sb_printf(b, "%s", "");
	}
	if(b->err != 0)
	{
		free(b->s);
		exile__fail(-ENOMEM, NULL, "%s", what);
		return NULL;
	}
	return b->s;
}



/* One syscall a commit step will make, to check against filters installed
 * earlier (see exile__preflight). */
struct exile__call
{
	long nr;
	uint64_t a0, a1, a2;
};

/* What each module's prepare step tells the commit: the syscalls its commit
 * step will make, and the fds it holds (kept open when inherited fds close). */
#define EXILE__MAX_CALLS 64
#define EXILE__MAX_OWN_FDS 16
struct exile__commit_info
{
	struct exile__call calls[EXILE__MAX_CALLS];
	size_t ncalls;
	int overflow;  /* more calls than fit: the preflight refuses rather than check fewer */
	int fds[EXILE__MAX_OWN_FDS];
	size_t nfds;
};

EXILE__PRIVATE void exile__will_call(struct exile__commit_info *ci, long nr, uint64_t a0, uint64_t a1, uint64_t a2)
{
	if(nr < 0)
	{
		return; /* a call the build's architecture lacks (EXILE__NR_NONE) */
	}
	if(ci->ncalls >= EXILE__MAX_CALLS)
	{
		ci->overflow = 1;
	}
	else
	{
		ci->calls[ci->ncalls].nr = nr;
		ci->calls[ci->ncalls].a0 = a0;
		ci->calls[ci->ncalls].a1 = a1;
		ci->calls[ci->ncalls].a2 = a2;
		ci->ncalls++;
	}
}

/* The system calls exile__drop_caps makes. */
EXILE__PRIVATE void exile__drop_caps_calls(struct exile__commit_info *ci)
{
	exile__will_call(ci, __NR_capget, 0, 0, 0);
	if(exile__has_cap(CAP_SETPCAP))
	{
		exile__will_call(ci, __NR_prctl, PR_CAPBSET_DROP, 0, 0);
		exile__will_call(ci, __NR_prctl, PR_SET_SECUREBITS, 0, 0);
	}
	exile__will_call(ci, __NR_prctl, PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0);
	exile__will_call(ci, __NR_capset, 0, 0, 0);
}

EXILE__PRIVATE int exile__holds_fd(struct exile__commit_info *ci, int fd)
{
	if(ci->nfds >= EXILE__MAX_OWN_FDS)
	{
		return exile__fail(-EMFILE, NULL, "internal: more than %d fds held while preparing the policy", EXILE__MAX_OWN_FDS);
	}
	ci->fds[ci->nfds++] = fd;
	return 0;
}

/* Where a report of a denied syscall also goes, as one struct
 * exile__violation, when report_violations is on: exile_launch sets it in
 * the child so that the parent learns which syscall was denied. -1: none. */
struct exile__violation
{
	int32_t nr;
	uint32_t arch;
	uint64_t args[6];
};

/* The vocabulary the modules share: a rule is "if every condition holds,
 * return ret"; the rules of one syscall are tried in order. */
#define EXILE__OP_ANYSET 20 /* (x & mask) != 0 */
#define EXILE__OP_IN     21 /* (lo32(x) & mask) is one of vals (sorted, unique) */

struct exile__cond
{
	unsigned char arg, op, is32;
	uint64_t value, mask;
	const uint32_t *vals;
	size_t nvals;
};

struct exile__rule
{
	uint32_t ret;                       /* a SECCOMP_RET_* value */
	unsigned int ncond;
	struct exile__cond cond[EXILE_ARG_CMP_MAX];
	const struct sock_filter *raw;      /* a user snippet instead of conditions */
	size_t nraw;
};

struct exile__rules
{
	struct exile__rule *r;
	size_t n, cap;
	void **arena;                       /* value sets, freed with the list */
	size_t narena, caparena;
	int err;
	int fixed;                          /* r is the caller's room for cap + 1 rules: never grown nor
	                                       freed, nothing allocated (-E2BIG instead) */
};

EXILE__PRIVATE void exile__rules_free(struct exile__rules *rs)
{
	size_t i;
	for(i = 0; i < rs->narena; i++)
	{
		free(rs->arena[i]);
	}
	free(rs->arena);
	if(!rs->fixed)
	{
		free(rs->r);
	}
	memset(rs, 0, sizeof(*rs));
}

/* Appends an unconditional rule; conditions are added to the returned rule.
 * On allocation failure it returns a scratch rule and sets rs->err. */
EXILE__PRIVATE struct exile__rule *exile__rules_add(struct exile__rules *rs, uint32_t ret)
{
	static __thread struct exile__rule scratch;
	if(rs->fixed && (rs->err != 0 || rs->n >= rs->cap))
	{
		/* no room: the spare rule past cap takes the conditions (no TLS, no allocation) */
		rs->err = -E2BIG;
		rs->r[rs->cap].ret = ret;
		rs->r[rs->cap].ncond = 0;
		rs->r[rs->cap].raw = NULL;
		rs->r[rs->cap].nraw = 0;
		return &rs->r[rs->cap];
	}
	if(rs->err == 0 && exile__grow((void **)&rs->r, &rs->cap, rs->n + 1, sizeof(*rs->r)) != 0)
	{
		rs->err = -ENOMEM;
	}
	if(rs->err != 0)
	{
		memset(&scratch, 0, sizeof(scratch));
		return &scratch;
	}
	/* the conditions are set when added (a rule is large; most have none) */
	rs->r[rs->n].ret = ret;
	rs->r[rs->n].ncond = 0;
	rs->r[rs->n].raw = NULL;
	rs->r[rs->n].nraw = 0;
	return &rs->r[rs->n++];
}

EXILE__PRIVATE void exile__rule_cond(struct exile__rule *r, unsigned arg, unsigned op, int is32, uint64_t value, uint64_t mask)
{
	struct exile__cond *c;
	if(r->ncond >= EXILE_ARG_CMP_MAX)
	{
		/* never silently drop a condition (that would widen an allow rule):
		 * mark the rule, and exile__prog_add refuses it */
		r->ncond = EXILE_ARG_CMP_MAX + 1;
		return;
	}
	c = &r->cond[r->ncond++];
	memset(c, 0, sizeof(*c));
	c->arg = (unsigned char)arg;
	c->op = (unsigned char)op;
	c->is32 = (unsigned char)(is32 != 0);
	c->value = value;
	c->mask = mask;
}

/* Adds "(lo32(arg) & mask) is one of vals"; the set is copied, sorted and
 * deduplicated so that the assembler can search it as a tree. */
EXILE__PRIVATE void exile__rule_in(struct exile__rules *rs, struct exile__rule *r, unsigned arg, uint32_t mask,
		const uint32_t *vals, size_t n)
{
	uint32_t *copy;
	size_t i, m = 0;
	if(rs->fixed)
	{
		rs->err = -E2BIG; /* a fixed list allocates nothing (its value sets are the context's, ascending) */
	}
	if(rs->err != 0)
	{
		return;
	}
	if(exile__grow((void **)&rs->arena, &rs->caparena, rs->narena + 1, sizeof(void *)) != 0
		|| (copy = (uint32_t *)malloc((n ? n : 1) * sizeof(uint32_t))) == NULL)
	{
		rs->err = -ENOMEM;
		return;
	}
	rs->arena[rs->narena++] = copy;
	memcpy(copy, vals, n * sizeof(uint32_t));
	qsort(copy, n, sizeof(uint32_t), exile__cmp_u32);
	for(i = 0; i < n; i++)
	{
		if(m == 0 || copy[m - 1] != copy[i])
		{
			copy[m++] = copy[i];
		}
	}
	exile__rule_cond(r, arg, EXILE__OP_IN, 1, 0, mask);
	r->cond[r->ncond - 1].vals = copy;
	r->cond[r->ncond - 1].nvals = m;
}

/* -------------------------------------------------------------------------- */
/* >>systab: syscall names, numbered by the build architecture's headers      */
/* -------------------------------------------------------------------------- */
/* One list of names for every architecture: the calls of x86_64 in its
 * order, then those only other architectures have. A name's number is the
 * headers' __NR_<name> (or a fallback in >>uapi); a name the build's
 * architecture lacks has EXILE__NR_ABSENT and is no part of that build: not
 * in the name table, not in any filter. EXILE__NR(name) gives it, for the
 * vow tables and every other place that names a call.
 *
 * The per-name fallback: EXILE__NRX_<name>, when defined, overrides
 * __NR_<name> (EXILE__NR picks the second element of "EXILE__NRX_<name>,
 * __NR_<name>, ~": the override's when it is defined, else the header's;
 * an undefined __NR_<name> is then dropped unexpanded). */
#define EXILE__NR_NONE (-2) /* never EXILE_SYSCALL_MATCH_ALL (-1) */
#define EXILE__NR_ABSENT ~, -2,
#define EXILE__SECOND_(a, b, ...) b
#define EXILE__SECOND(...) EXILE__SECOND_(__VA_ARGS__)
#define EXILE__NR(name) EXILE__SECOND(EXILE__NRX_##name, __NR_##name, ~)
#ifndef __NR_open
#define EXILE__NRX_open EXILE__NR_ABSENT
#endif
#ifndef __NR_stat
#define EXILE__NRX_stat EXILE__NR_ABSENT
#endif
#ifndef __NR_lstat
#define EXILE__NRX_lstat EXILE__NR_ABSENT
#endif
#ifndef __NR_poll
#define EXILE__NRX_poll EXILE__NR_ABSENT
#endif
#ifndef __NR_mmap
#define EXILE__NRX_mmap EXILE__NR_ABSENT
#endif
#ifndef __NR_access
#define EXILE__NRX_access EXILE__NR_ABSENT
#endif
#ifndef __NR_pipe
#define EXILE__NRX_pipe EXILE__NR_ABSENT
#endif
#ifndef __NR_select
#define EXILE__NRX_select EXILE__NR_ABSENT
#endif
#ifndef __NR_dup2
#define EXILE__NRX_dup2 EXILE__NR_ABSENT
#endif
#ifndef __NR_pause
#define EXILE__NRX_pause EXILE__NR_ABSENT
#endif
#ifndef __NR_alarm
#define EXILE__NRX_alarm EXILE__NR_ABSENT
#endif
#ifndef __NR_accept
#define EXILE__NRX_accept EXILE__NR_ABSENT
#endif
#ifndef __NR_fork
#define EXILE__NRX_fork EXILE__NR_ABSENT
#endif
#ifndef __NR_vfork
#define EXILE__NRX_vfork EXILE__NR_ABSENT
#endif
#ifndef __NR_semop
#define EXILE__NRX_semop EXILE__NR_ABSENT
#endif
#ifndef __NR_getdents
#define EXILE__NRX_getdents EXILE__NR_ABSENT
#endif
#ifndef __NR_rename
#define EXILE__NRX_rename EXILE__NR_ABSENT
#endif
#ifndef __NR_mkdir
#define EXILE__NRX_mkdir EXILE__NR_ABSENT
#endif
#ifndef __NR_rmdir
#define EXILE__NRX_rmdir EXILE__NR_ABSENT
#endif
#ifndef __NR_creat
#define EXILE__NRX_creat EXILE__NR_ABSENT
#endif
#ifndef __NR_link
#define EXILE__NRX_link EXILE__NR_ABSENT
#endif
#ifndef __NR_unlink
#define EXILE__NRX_unlink EXILE__NR_ABSENT
#endif
#ifndef __NR_symlink
#define EXILE__NRX_symlink EXILE__NR_ABSENT
#endif
#ifndef __NR_readlink
#define EXILE__NRX_readlink EXILE__NR_ABSENT
#endif
#ifndef __NR_chmod
#define EXILE__NRX_chmod EXILE__NR_ABSENT
#endif
#ifndef __NR_chown
#define EXILE__NRX_chown EXILE__NR_ABSENT
#endif
#ifndef __NR_lchown
#define EXILE__NRX_lchown EXILE__NR_ABSENT
#endif
#ifndef __NR_getrlimit
#define EXILE__NRX_getrlimit EXILE__NR_ABSENT
#endif
#ifndef __NR_getpgrp
#define EXILE__NRX_getpgrp EXILE__NR_ABSENT
#endif
#ifndef __NR_utime
#define EXILE__NRX_utime EXILE__NR_ABSENT
#endif
#ifndef __NR_mknod
#define EXILE__NRX_mknod EXILE__NR_ABSENT
#endif
#ifndef __NR_uselib
#define EXILE__NRX_uselib EXILE__NR_ABSENT
#endif
#ifndef __NR_ustat
#define EXILE__NRX_ustat EXILE__NR_ABSENT
#endif
#ifndef __NR_sysfs
#define EXILE__NRX_sysfs EXILE__NR_ABSENT
#endif
#ifndef __NR_modify_ldt
#define EXILE__NRX_modify_ldt EXILE__NR_ABSENT
#endif
#ifndef __NR__sysctl
#define EXILE__NRX__sysctl EXILE__NR_ABSENT
#endif
#ifndef __NR_arch_prctl
#define EXILE__NRX_arch_prctl EXILE__NR_ABSENT
#endif
#ifndef __NR_iopl
#define EXILE__NRX_iopl EXILE__NR_ABSENT
#endif
#ifndef __NR_ioperm
#define EXILE__NRX_ioperm EXILE__NR_ABSENT
#endif
#ifndef __NR_create_module
#define EXILE__NRX_create_module EXILE__NR_ABSENT
#endif
#ifndef __NR_get_kernel_syms
#define EXILE__NRX_get_kernel_syms EXILE__NR_ABSENT
#endif
#ifndef __NR_query_module
#define EXILE__NRX_query_module EXILE__NR_ABSENT
#endif
#ifndef __NR_getpmsg
#define EXILE__NRX_getpmsg EXILE__NR_ABSENT
#endif
#ifndef __NR_putpmsg
#define EXILE__NRX_putpmsg EXILE__NR_ABSENT
#endif
#ifndef __NR_afs_syscall
#define EXILE__NRX_afs_syscall EXILE__NR_ABSENT
#endif
#ifndef __NR_tuxcall
#define EXILE__NRX_tuxcall EXILE__NR_ABSENT
#endif
#ifndef __NR_security
#define EXILE__NRX_security EXILE__NR_ABSENT
#endif
#ifndef __NR_time
#define EXILE__NRX_time EXILE__NR_ABSENT
#endif
#ifndef __NR_set_thread_area
#define EXILE__NRX_set_thread_area EXILE__NR_ABSENT
#endif
#ifndef __NR_get_thread_area
#define EXILE__NRX_get_thread_area EXILE__NR_ABSENT
#endif
#ifndef __NR_epoll_create
#define EXILE__NRX_epoll_create EXILE__NR_ABSENT
#endif
#ifndef __NR_epoll_ctl_old
#define EXILE__NRX_epoll_ctl_old EXILE__NR_ABSENT
#endif
#ifndef __NR_epoll_wait_old
#define EXILE__NRX_epoll_wait_old EXILE__NR_ABSENT
#endif
#ifndef __NR_semtimedop
#define EXILE__NRX_semtimedop EXILE__NR_ABSENT
#endif
#ifndef __NR_fadvise64
#define EXILE__NRX_fadvise64 EXILE__NR_ABSENT
#endif
#ifndef __NR_epoll_wait
#define EXILE__NRX_epoll_wait EXILE__NR_ABSENT
#endif
#ifndef __NR_utimes
#define EXILE__NRX_utimes EXILE__NR_ABSENT
#endif
#ifndef __NR_vserver
#define EXILE__NRX_vserver EXILE__NR_ABSENT
#endif
#ifndef __NR_inotify_init
#define EXILE__NRX_inotify_init EXILE__NR_ABSENT
#endif
#ifndef __NR_futimesat
#define EXILE__NRX_futimesat EXILE__NR_ABSENT
#endif
#ifndef __NR_newfstatat
#define EXILE__NRX_newfstatat EXILE__NR_ABSENT
#endif
#ifndef __NR_renameat
#define EXILE__NRX_renameat EXILE__NR_ABSENT
#endif
#ifndef __NR_sync_file_range
#define EXILE__NRX_sync_file_range EXILE__NR_ABSENT
#endif
#ifndef __NR_signalfd
#define EXILE__NRX_signalfd EXILE__NR_ABSENT
#endif
#ifndef __NR_eventfd
#define EXILE__NRX_eventfd EXILE__NR_ABSENT
#endif
#ifndef __NR_kexec_file_load
#define EXILE__NRX_kexec_file_load EXILE__NR_ABSENT
#endif
#ifndef __NR_uretprobe
#define EXILE__NRX_uretprobe EXILE__NR_ABSENT
#endif
#ifndef __NR_uprobe
#define EXILE__NRX_uprobe EXILE__NR_ABSENT
#endif
#ifndef __NR_memfd_secret
#define EXILE__NRX_memfd_secret EXILE__NR_ABSENT
#endif
#ifndef __NR_waitpid
#define EXILE__NRX_waitpid EXILE__NR_ABSENT
#endif
#ifndef __NR_break
#define EXILE__NRX_break EXILE__NR_ABSENT
#endif
#ifndef __NR_oldstat
#define EXILE__NRX_oldstat EXILE__NR_ABSENT
#endif
#ifndef __NR_umount
#define EXILE__NRX_umount EXILE__NR_ABSENT
#endif
#ifndef __NR_stime
#define EXILE__NRX_stime EXILE__NR_ABSENT
#endif
#ifndef __NR_oldfstat
#define EXILE__NRX_oldfstat EXILE__NR_ABSENT
#endif
#ifndef __NR_stty
#define EXILE__NRX_stty EXILE__NR_ABSENT
#endif
#ifndef __NR_gtty
#define EXILE__NRX_gtty EXILE__NR_ABSENT
#endif
#ifndef __NR_nice
#define EXILE__NRX_nice EXILE__NR_ABSENT
#endif
#ifndef __NR_ftime
#define EXILE__NRX_ftime EXILE__NR_ABSENT
#endif
#ifndef __NR_prof
#define EXILE__NRX_prof EXILE__NR_ABSENT
#endif
#ifndef __NR_signal
#define EXILE__NRX_signal EXILE__NR_ABSENT
#endif
#ifndef __NR_lock
#define EXILE__NRX_lock EXILE__NR_ABSENT
#endif
#ifndef __NR_mpx
#define EXILE__NRX_mpx EXILE__NR_ABSENT
#endif
#ifndef __NR_ulimit
#define EXILE__NRX_ulimit EXILE__NR_ABSENT
#endif
#ifndef __NR_oldolduname
#define EXILE__NRX_oldolduname EXILE__NR_ABSENT
#endif
#ifndef __NR_sigaction
#define EXILE__NRX_sigaction EXILE__NR_ABSENT
#endif
#ifndef __NR_sgetmask
#define EXILE__NRX_sgetmask EXILE__NR_ABSENT
#endif
#ifndef __NR_ssetmask
#define EXILE__NRX_ssetmask EXILE__NR_ABSENT
#endif
#ifndef __NR_sigsuspend
#define EXILE__NRX_sigsuspend EXILE__NR_ABSENT
#endif
#ifndef __NR_sigpending
#define EXILE__NRX_sigpending EXILE__NR_ABSENT
#endif
#ifndef __NR_oldlstat
#define EXILE__NRX_oldlstat EXILE__NR_ABSENT
#endif
#ifndef __NR_readdir
#define EXILE__NRX_readdir EXILE__NR_ABSENT
#endif
#ifndef __NR_profil
#define EXILE__NRX_profil EXILE__NR_ABSENT
#endif
#ifndef __NR_socketcall
#define EXILE__NRX_socketcall EXILE__NR_ABSENT
#endif
#ifndef __NR_olduname
#define EXILE__NRX_olduname EXILE__NR_ABSENT
#endif
#ifndef __NR_idle
#define EXILE__NRX_idle EXILE__NR_ABSENT
#endif
#ifndef __NR_vm86old
#define EXILE__NRX_vm86old EXILE__NR_ABSENT
#endif
#ifndef __NR_ipc
#define EXILE__NRX_ipc EXILE__NR_ABSENT
#endif
#ifndef __NR_sigreturn
#define EXILE__NRX_sigreturn EXILE__NR_ABSENT
#endif
#ifndef __NR_sigprocmask
#define EXILE__NRX_sigprocmask EXILE__NR_ABSENT
#endif
#ifndef __NR_bdflush
#define EXILE__NRX_bdflush EXILE__NR_ABSENT
#endif
#ifndef __NR__llseek
#define EXILE__NRX__llseek EXILE__NR_ABSENT
#endif
#ifndef __NR__newselect
#define EXILE__NRX__newselect EXILE__NR_ABSENT
#endif
#ifndef __NR_vm86
#define EXILE__NRX_vm86 EXILE__NR_ABSENT
#endif
#ifndef __NR_ugetrlimit
#define EXILE__NRX_ugetrlimit EXILE__NR_ABSENT
#endif
#ifndef __NR_mmap2
#define EXILE__NRX_mmap2 EXILE__NR_ABSENT
#endif
#ifndef __NR_truncate64
#define EXILE__NRX_truncate64 EXILE__NR_ABSENT
#endif
#ifndef __NR_ftruncate64
#define EXILE__NRX_ftruncate64 EXILE__NR_ABSENT
#endif
#ifndef __NR_stat64
#define EXILE__NRX_stat64 EXILE__NR_ABSENT
#endif
#ifndef __NR_lstat64
#define EXILE__NRX_lstat64 EXILE__NR_ABSENT
#endif
#ifndef __NR_fstat64
#define EXILE__NRX_fstat64 EXILE__NR_ABSENT
#endif
#ifndef __NR_lchown32
#define EXILE__NRX_lchown32 EXILE__NR_ABSENT
#endif
#ifndef __NR_getuid32
#define EXILE__NRX_getuid32 EXILE__NR_ABSENT
#endif
#ifndef __NR_getgid32
#define EXILE__NRX_getgid32 EXILE__NR_ABSENT
#endif
#ifndef __NR_geteuid32
#define EXILE__NRX_geteuid32 EXILE__NR_ABSENT
#endif
#ifndef __NR_getegid32
#define EXILE__NRX_getegid32 EXILE__NR_ABSENT
#endif
#ifndef __NR_setreuid32
#define EXILE__NRX_setreuid32 EXILE__NR_ABSENT
#endif
#ifndef __NR_setregid32
#define EXILE__NRX_setregid32 EXILE__NR_ABSENT
#endif
#ifndef __NR_getgroups32
#define EXILE__NRX_getgroups32 EXILE__NR_ABSENT
#endif
#ifndef __NR_setgroups32
#define EXILE__NRX_setgroups32 EXILE__NR_ABSENT
#endif
#ifndef __NR_fchown32
#define EXILE__NRX_fchown32 EXILE__NR_ABSENT
#endif
#ifndef __NR_setresuid32
#define EXILE__NRX_setresuid32 EXILE__NR_ABSENT
#endif
#ifndef __NR_getresuid32
#define EXILE__NRX_getresuid32 EXILE__NR_ABSENT
#endif
#ifndef __NR_setresgid32
#define EXILE__NRX_setresgid32 EXILE__NR_ABSENT
#endif
#ifndef __NR_getresgid32
#define EXILE__NRX_getresgid32 EXILE__NR_ABSENT
#endif
#ifndef __NR_chown32
#define EXILE__NRX_chown32 EXILE__NR_ABSENT
#endif
#ifndef __NR_setuid32
#define EXILE__NRX_setuid32 EXILE__NR_ABSENT
#endif
#ifndef __NR_setgid32
#define EXILE__NRX_setgid32 EXILE__NR_ABSENT
#endif
#ifndef __NR_setfsuid32
#define EXILE__NRX_setfsuid32 EXILE__NR_ABSENT
#endif
#ifndef __NR_setfsgid32
#define EXILE__NRX_setfsgid32 EXILE__NR_ABSENT
#endif
#ifndef __NR_fcntl64
#define EXILE__NRX_fcntl64 EXILE__NR_ABSENT
#endif
#ifndef __NR_sendfile64
#define EXILE__NRX_sendfile64 EXILE__NR_ABSENT
#endif
#ifndef __NR_statfs64
#define EXILE__NRX_statfs64 EXILE__NR_ABSENT
#endif
#ifndef __NR_fstatfs64
#define EXILE__NRX_fstatfs64 EXILE__NR_ABSENT
#endif
#ifndef __NR_fadvise64_64
#define EXILE__NRX_fadvise64_64 EXILE__NR_ABSENT
#endif
#ifndef __NR_fstatat64
#define EXILE__NRX_fstatat64 EXILE__NR_ABSENT
#endif
#ifndef __NR_clock_gettime64
#define EXILE__NRX_clock_gettime64 EXILE__NR_ABSENT
#endif
#ifndef __NR_clock_settime64
#define EXILE__NRX_clock_settime64 EXILE__NR_ABSENT
#endif
#ifndef __NR_clock_adjtime64
#define EXILE__NRX_clock_adjtime64 EXILE__NR_ABSENT
#endif
#ifndef __NR_clock_getres_time64
#define EXILE__NRX_clock_getres_time64 EXILE__NR_ABSENT
#endif
#ifndef __NR_clock_nanosleep_time64
#define EXILE__NRX_clock_nanosleep_time64 EXILE__NR_ABSENT
#endif
#ifndef __NR_timer_gettime64
#define EXILE__NRX_timer_gettime64 EXILE__NR_ABSENT
#endif
#ifndef __NR_timer_settime64
#define EXILE__NRX_timer_settime64 EXILE__NR_ABSENT
#endif
#ifndef __NR_timerfd_gettime64
#define EXILE__NRX_timerfd_gettime64 EXILE__NR_ABSENT
#endif
#ifndef __NR_timerfd_settime64
#define EXILE__NRX_timerfd_settime64 EXILE__NR_ABSENT
#endif
#ifndef __NR_utimensat_time64
#define EXILE__NRX_utimensat_time64 EXILE__NR_ABSENT
#endif
#ifndef __NR_pselect6_time64
#define EXILE__NRX_pselect6_time64 EXILE__NR_ABSENT
#endif
#ifndef __NR_ppoll_time64
#define EXILE__NRX_ppoll_time64 EXILE__NR_ABSENT
#endif
#ifndef __NR_io_pgetevents_time64
#define EXILE__NRX_io_pgetevents_time64 EXILE__NR_ABSENT
#endif
#ifndef __NR_recvmmsg_time64
#define EXILE__NRX_recvmmsg_time64 EXILE__NR_ABSENT
#endif
#ifndef __NR_mq_timedsend_time64
#define EXILE__NRX_mq_timedsend_time64 EXILE__NR_ABSENT
#endif
#ifndef __NR_mq_timedreceive_time64
#define EXILE__NRX_mq_timedreceive_time64 EXILE__NR_ABSENT
#endif
#ifndef __NR_semtimedop_time64
#define EXILE__NRX_semtimedop_time64 EXILE__NR_ABSENT
#endif
#ifndef __NR_rt_sigtimedwait_time64
#define EXILE__NRX_rt_sigtimedwait_time64 EXILE__NR_ABSENT
#endif
#ifndef __NR_futex_time64
#define EXILE__NRX_futex_time64 EXILE__NR_ABSENT
#endif
#ifndef __NR_sched_rr_get_interval_time64
#define EXILE__NRX_sched_rr_get_interval_time64 EXILE__NR_ABSENT
#endif
#ifndef __NR_arm_fadvise64_64
#define EXILE__NRX_arm_fadvise64_64 EXILE__NR_ABSENT
#endif
#ifndef __NR_pciconfig_iobase
#define EXILE__NRX_pciconfig_iobase EXILE__NR_ABSENT
#endif
#ifndef __NR_pciconfig_read
#define EXILE__NRX_pciconfig_read EXILE__NR_ABSENT
#endif
#ifndef __NR_pciconfig_write
#define EXILE__NRX_pciconfig_write EXILE__NR_ABSENT
#endif
#ifndef __NR_send
#define EXILE__NRX_send EXILE__NR_ABSENT
#endif
#ifndef __NR_recv
#define EXILE__NRX_recv EXILE__NR_ABSENT
#endif
#ifndef __NR_arm_sync_file_range
#define EXILE__NRX_arm_sync_file_range EXILE__NR_ABSENT
#endif
#ifndef __NR_sync_file_range2
#define EXILE__NRX_sync_file_range2 EXILE__NR_ABSENT
#endif
#ifndef __NR_riscv_flush_icache
#define EXILE__NRX_riscv_flush_icache EXILE__NR_ABSENT
#endif
#ifndef __NR_riscv_hwprobe
#define EXILE__NRX_riscv_hwprobe EXILE__NR_ABSENT
#endif
/* arm's private calls (__ARM_NR_*, 0x0f0000 up) */
#if defined(__arm__)
#define EXILE__NRX_breakpoint ~, 0x0f0001,
#define EXILE__NRX_cacheflush ~, 0x0f0002,
#define EXILE__NRX_usr26 ~, 0x0f0003,
#define EXILE__NRX_usr32 ~, 0x0f0004,
#define EXILE__NRX_set_tls ~, 0x0f0005,
#define EXILE__NRX_get_tls ~, 0x0f0006,
#else
#define EXILE__NRX_breakpoint EXILE__NR_ABSENT
#define EXILE__NRX_cacheflush EXILE__NR_ABSENT
#define EXILE__NRX_usr26 EXILE__NR_ABSENT
#define EXILE__NRX_usr32 EXILE__NR_ABSENT
#define EXILE__NRX_set_tls EXILE__NR_ABSENT
#define EXILE__NRX_get_tls EXILE__NR_ABSENT
#endif

#define EXILE__SYSCALLS(X) \
	X(read) X(write) X(open) X(close) X(stat) X(fstat) \
	X(lstat) X(poll) X(lseek) X(mmap) X(mprotect) X(munmap) \
	X(brk) X(rt_sigaction) X(rt_sigprocmask) X(rt_sigreturn) X(ioctl) \
	X(pread64) X(pwrite64) X(readv) X(writev) X(access) X(pipe) \
	X(select) X(sched_yield) X(mremap) X(msync) X(mincore) \
	X(madvise) X(shmget) X(shmat) X(shmctl) X(dup) X(dup2) \
	X(pause) X(nanosleep) X(getitimer) X(alarm) X(setitimer) \
	X(getpid) X(sendfile) X(socket) X(connect) X(accept) X(sendto) \
	X(recvfrom) X(sendmsg) X(recvmsg) X(shutdown) X(bind) \
	X(listen) X(getsockname) X(getpeername) X(socketpair) X(setsockopt) \
	X(getsockopt) X(clone) X(fork) X(vfork) X(execve) X(exit) \
	X(wait4) X(kill) X(uname) X(semget) X(semop) X(semctl) \
	X(shmdt) X(msgget) X(msgsnd) X(msgrcv) X(msgctl) X(fcntl) \
	X(flock) X(fsync) X(fdatasync) X(truncate) X(ftruncate) \
	X(getdents) X(getcwd) X(chdir) X(fchdir) X(rename) X(mkdir) \
	X(rmdir) X(creat) X(link) X(unlink) X(symlink) X(readlink) \
	X(chmod) X(fchmod) X(chown) X(fchown) X(lchown) X(umask) \
	X(gettimeofday) X(getrlimit) X(getrusage) X(sysinfo) X(times) \
	X(ptrace) X(getuid) X(syslog) X(getgid) X(setuid) X(setgid) \
	X(geteuid) X(getegid) X(setpgid) X(getppid) X(getpgrp) \
	X(setsid) X(setreuid) X(setregid) X(getgroups) X(setgroups) \
	X(setresuid) X(getresuid) X(setresgid) X(getresgid) X(getpgid) \
	X(setfsuid) X(setfsgid) X(getsid) X(capget) X(capset) \
	X(rt_sigpending) X(rt_sigtimedwait) X(rt_sigqueueinfo) X(rt_sigsuspend) \
	X(sigaltstack) X(utime) X(mknod) X(uselib) X(personality) \
	X(ustat) X(statfs) X(fstatfs) X(sysfs) X(getpriority) \
	X(setpriority) X(sched_setparam) X(sched_getparam) X(sched_setscheduler) \
	X(sched_getscheduler) X(sched_get_priority_max) X(sched_get_priority_min) \
	X(sched_rr_get_interval) X(mlock) X(munlock) X(mlockall) X(munlockall) \
	X(vhangup) X(modify_ldt) X(pivot_root) X(_sysctl) X(prctl) \
	X(arch_prctl) X(adjtimex) X(setrlimit) X(chroot) X(sync) \
	X(acct) X(settimeofday) X(mount) X(umount2) X(swapon) \
	X(swapoff) X(reboot) X(sethostname) X(setdomainname) X(iopl) \
	X(ioperm) X(create_module) X(init_module) X(delete_module) \
	X(get_kernel_syms) X(query_module) X(quotactl) X(nfsservctl) X(getpmsg) \
	X(putpmsg) X(afs_syscall) X(tuxcall) X(security) X(gettid) \
	X(readahead) X(setxattr) X(lsetxattr) X(fsetxattr) X(getxattr) \
	X(lgetxattr) X(fgetxattr) X(listxattr) X(llistxattr) X(flistxattr) \
	X(removexattr) X(lremovexattr) X(fremovexattr) X(tkill) X(time) \
	X(futex) X(sched_setaffinity) X(sched_getaffinity) X(set_thread_area) \
	X(io_setup) X(io_destroy) X(io_getevents) X(io_submit) X(io_cancel) \
	X(get_thread_area) X(lookup_dcookie) X(epoll_create) X(epoll_ctl_old) \
	X(epoll_wait_old) X(remap_file_pages) X(getdents64) X(set_tid_address) \
	X(restart_syscall) X(semtimedop) X(fadvise64) X(timer_create) \
	X(timer_settime) X(timer_gettime) X(timer_getoverrun) X(timer_delete) \
	X(clock_settime) X(clock_gettime) X(clock_getres) X(clock_nanosleep) \
	X(exit_group) X(epoll_wait) X(epoll_ctl) X(tgkill) X(utimes) \
	X(vserver) X(mbind) X(set_mempolicy) X(get_mempolicy) X(mq_open) \
	X(mq_unlink) X(mq_timedsend) X(mq_timedreceive) X(mq_notify) \
	X(mq_getsetattr) X(kexec_load) X(waitid) X(add_key) X(request_key) \
	X(keyctl) X(ioprio_set) X(ioprio_get) X(inotify_init) \
	X(inotify_add_watch) X(inotify_rm_watch) X(migrate_pages) X(openat) \
	X(mkdirat) X(mknodat) X(fchownat) X(futimesat) X(newfstatat) \
	X(unlinkat) X(renameat) X(linkat) X(symlinkat) X(readlinkat) \
	X(fchmodat) X(faccessat) X(pselect6) X(ppoll) X(unshare) \
	X(set_robust_list) X(get_robust_list) X(splice) X(tee) \
	X(sync_file_range) X(vmsplice) X(move_pages) X(utimensat) \
	X(epoll_pwait) X(signalfd) X(timerfd_create) X(eventfd) X(fallocate) \
	X(timerfd_settime) X(timerfd_gettime) X(accept4) X(signalfd4) \
	X(eventfd2) X(epoll_create1) X(dup3) X(pipe2) X(inotify_init1) \
	X(preadv) X(pwritev) X(rt_tgsigqueueinfo) X(perf_event_open) \
	X(recvmmsg) X(fanotify_init) X(fanotify_mark) X(prlimit64) \
	X(name_to_handle_at) X(open_by_handle_at) X(clock_adjtime) X(syncfs) \
	X(sendmmsg) X(setns) X(getcpu) X(process_vm_readv) X(process_vm_writev) \
	X(kcmp) X(finit_module) X(sched_setattr) X(sched_getattr) X(renameat2) \
	X(seccomp) X(getrandom) X(memfd_create) X(kexec_file_load) X(bpf) \
	X(execveat) X(userfaultfd) X(membarrier) X(mlock2) X(copy_file_range) \
	X(preadv2) X(pwritev2) X(pkey_mprotect) X(pkey_alloc) X(pkey_free) \
	X(statx) X(io_pgetevents) X(rseq) X(uretprobe) X(uprobe) \
	X(pidfd_send_signal) X(io_uring_setup) X(io_uring_enter) X(io_uring_register) \
	X(open_tree) X(move_mount) X(fsopen) X(fsconfig) X(fsmount) \
	X(fspick) X(pidfd_open) X(clone3) X(close_range) X(openat2) \
	X(pidfd_getfd) X(faccessat2) X(process_madvise) X(epoll_pwait2) \
	X(mount_setattr) X(quotactl_fd) X(landlock_create_ruleset) X(landlock_add_rule) \
	X(landlock_restrict_self) X(memfd_secret) X(process_mrelease) X(futex_waitv) \
	X(set_mempolicy_home_node) X(cachestat) X(fchmodat2) X(map_shadow_stack) \
	X(futex_wake) X(futex_wait) X(futex_requeue) X(statmount) X(listmount) \
	X(lsm_get_self_attr) X(lsm_set_self_attr) X(lsm_list_modules) X(mseal) \
	X(setxattrat) X(getxattrat) X(listxattrat) X(removexattrat) \
	X(open_tree_attr) X(file_getattr) X(file_setattr) X(listns) X(waitpid) \
	X(break) X(oldstat) X(umount) X(stime) X(oldfstat) X(stty) \
	X(gtty) X(nice) X(ftime) X(prof) X(signal) X(lock) \
	X(mpx) X(ulimit) X(oldolduname) X(sigaction) X(sgetmask) \
	X(ssetmask) X(sigsuspend) X(sigpending) X(oldlstat) X(readdir) \
	X(profil) X(socketcall) X(olduname) X(idle) X(vm86old) X(ipc) \
	X(sigreturn) X(sigprocmask) X(bdflush) X(_llseek) X(_newselect) \
	X(vm86) X(ugetrlimit) X(mmap2) X(truncate64) X(ftruncate64) \
	X(stat64) X(lstat64) X(fstat64) X(lchown32) X(getuid32) \
	X(getgid32) X(geteuid32) X(getegid32) X(setreuid32) X(setregid32) \
	X(getgroups32) X(setgroups32) X(fchown32) X(setresuid32) X(getresuid32) \
	X(setresgid32) X(getresgid32) X(chown32) X(setuid32) X(setgid32) \
	X(setfsuid32) X(setfsgid32) X(fcntl64) X(sendfile64) X(statfs64) \
	X(fstatfs64) X(fadvise64_64) X(fstatat64) X(clock_gettime64) \
	X(clock_settime64) X(clock_adjtime64) X(clock_getres_time64) \
	X(clock_nanosleep_time64) X(timer_gettime64) X(timer_settime64) \
	X(timerfd_gettime64) X(timerfd_settime64) X(utimensat_time64) X(pselect6_time64) \
	X(ppoll_time64) X(io_pgetevents_time64) X(recvmmsg_time64) \
	X(mq_timedsend_time64) X(mq_timedreceive_time64) X(semtimedop_time64) \
	X(rt_sigtimedwait_time64) X(futex_time64) X(sched_rr_get_interval_time64) \
	X(arm_fadvise64_64) X(pciconfig_iobase) X(pciconfig_read) X(pciconfig_write) \
	X(send) X(recv) X(arm_sync_file_range) X(sync_file_range2) \
	X(riscv_flush_icache) X(riscv_hwprobe) X(breakpoint) X(cacheflush) \
	X(usr26) X(usr32) X(set_tls) X(get_tls)
#define EXILE__SYS_NAME(n) #n,
#define EXILE__SYS_NR(n) EXILE__SECOND(EXILE__NRX_##n, __NR_##n, ~), /* pasted here: musl #defines pread64 and friends */
static const char *const exile__sysnames[] = { EXILE__SYSCALLS(EXILE__SYS_NAME) };
static const int32_t exile__sysnrs[] = { EXILE__SYSCALLS(EXILE__SYS_NR) };
#undef EXILE__SYS_NAME
#undef EXILE__SYS_NR
#define EXILE__SYS_N (sizeof(exile__sysnrs) / sizeof(exile__sysnrs[0]))
/* One past the highest number of the dense range (0 .. listns, 470, on
 * every architecture exile knows). arm's private calls lie above it. */
#define EXILE__NR_COUNT ((long)__NR_listns + 1)

EXILE_API const char *exile_syscall_name(long nr)
{
	size_t i;
	if(nr < 0 || nr >= (long)EXILE__NR_LIMIT)
	{
		return NULL;
	}
	for(i = 0; i < EXILE__SYS_N; i++)
	{
		if(exile__sysnrs[i] == nr)
		{
			return exile__sysnames[i];
		}
	}
	return NULL;
}

EXILE_API long exile_syscall_nr(const char *name)
{
	size_t i;
	if(name == NULL)
	{
		return -1;
	}
	for(i = 0; i < EXILE__SYS_N; i++)
	{
		if(exile__sysnrs[i] >= 0 && strcmp(exile__sysnames[i], name) == 0)
		{
			return exile__sysnrs[i];
		}
	}
	return -1;
}

/* Marks in named[0 .. EXILE__NR_COUNT-1] the numbers the table names (one
 * pass; the filter compiler asks for each number). */
EXILE__PRIVATE void exile__sys_named(unsigned char *named)
{
	size_t i;
	memset(named, 0, (size_t)EXILE__NR_COUNT);
	for(i = 0; i < EXILE__SYS_N; i++)
	{
		if(exile__sysnrs[i] >= 0 && exile__sysnrs[i] < EXILE__NR_COUNT)
		{
			named[exile__sysnrs[i]] = 1;
		}
	}
}

/* The lowest named number above EXILE__NR_COUNT - 1 that is >= nr, or -1
 * (arm's private calls). */
EXILE__PRIVATE long exile__sys_next_high(long nr)
{
	size_t i;
	long best = -1;
	for(i = 0; i < EXILE__SYS_N; i++)
	{
		long v = exile__sysnrs[i];
		if(v >= EXILE__NR_COUNT && v >= nr && (best < 0 || v < best))
		{
			best = v;
		}
	}
	return best;
}

/* -------------------------------------------------------------------------- */
/* >>bpf: the assembler and the simulator                                      */
/* -------------------------------------------------------------------------- */
/* Instructions are appended to a growable buffer. Jumps name symbolic labels;
 * exile__asm_finish() resolves them (classic BPF only jumps forward) and routes
 * a conditional jump farther than 255 through a JA trampoline. The assembler
 * also tracks what the accumulator holds, so a block that loads the argument
 * an earlier block already loaded does not load it again. */

#define EXILE__A_DEAD    (-2) /* no path reaches this point (after RET/JA) */
#define EXILE__A_UNKNOWN (-1)
#define EXILE__A_KEY(off, mask) ((int64_t)(((uint64_t)(off) << 32) | (uint32_t)(mask)))
#define EXILE__NOLABEL (-1)

struct exile__ins
{
	uint16_t code;
	uint32_t k;
	int lt, lf;  /* label ids of jt/jf (or of k for JA); EXILE__NOLABEL: offset 0 */
};

struct exile__label
{
	long pos;     /* index of the instruction placed after it; -1 until placed */
	int64_t a;    /* what A holds on every jump to it */
};

struct exile__asm
{
	struct exile__ins *ins;
	size_t n, cap;
	struct exile__label *lab;
	size_t nlab, labcap;
	int64_t a;
	int err;
};

EXILE__PRIVATE int64_t exile__a_merge(int64_t x, int64_t y)
{
	if(x == EXILE__A_DEAD)
	{
		return y;
	}
	if(y == EXILE__A_DEAD)
	{
		return x;
	}
	return x == y ? x : EXILE__A_UNKNOWN;
}

EXILE__PRIVATE int exile__asm_label(struct exile__asm *as)
{
	if(exile__grow((void **)&as->lab, &as->labcap, as->nlab + 1, sizeof(*as->lab)) != 0)
	{
		as->err = -ENOMEM;
		return EXILE__NOLABEL;
	}
	as->lab[as->nlab].pos = -1;
	as->lab[as->nlab].a = EXILE__A_DEAD;
	return (int)as->nlab++;
}

EXILE__PRIVATE void exile__asm_place(struct exile__asm *as, int label)
{
	if(label == EXILE__NOLABEL)
	{
		return;
	}
	as->lab[label].pos = (long)as->n;
	as->a = exile__a_merge(as->a, as->lab[label].a);
}

EXILE__PRIVATE void exile__asm_note_jump(struct exile__asm *as, int label)
{
	if(label != EXILE__NOLABEL)
	{
		as->lab[label].a = exile__a_merge(as->lab[label].a, as->a);
	}
}

/* Appends one instruction; lt/lf are label ids for jumps. */
EXILE__PRIVATE void exile__asm_emit(struct exile__asm *as, uint16_t code, uint32_t k, int lt, int lf)
{
	if(exile__grow((void **)&as->ins, &as->cap, as->n + 1, sizeof(*as->ins)) != 0)
	{
		as->err = -ENOMEM;
		return;
	}
	as->ins[as->n].code = code;
	as->ins[as->n].k = k;
	as->ins[as->n].lt = lt;
	as->ins[as->n].lf = lf;
	as->n++;
	switch(BPF_CLASS(code))
	{
	case BPF_JMP:
		exile__asm_note_jump(as, lt);
		if(BPF_OP(code) == BPF_JA)
		{
			as->a = EXILE__A_DEAD;
		}
		else
		{
			exile__asm_note_jump(as, lf);
			if(lt != EXILE__NOLABEL && lf != EXILE__NOLABEL)
			{
				as->a = EXILE__A_DEAD; /* both ways jump: nothing falls through */
			}
		}
		break;
	case BPF_RET:
		as->a = EXILE__A_DEAD;
		break;
	case BPF_LD:
		as->a = (BPF_MODE(code) == BPF_ABS) ? EXILE__A_KEY(k, 0xFFFFFFFFu) : EXILE__A_UNKNOWN;
		break;
	case BPF_ST:
	case BPF_STX:
	case BPF_LDX:
		break;
	default:
		as->a = EXILE__A_UNKNOWN;
	}
}

EXILE__PRIVATE void exile__asm_ret(struct exile__asm *as, uint32_t action)
{
	exile__asm_emit(as, BPF_RET | BPF_K, action, EXILE__NOLABEL, EXILE__NOLABEL);
}

EXILE__PRIVATE void exile__asm_jmp(struct exile__asm *as, uint16_t op, uint32_t k, int lt, int lf)
{
	exile__asm_emit(as, (uint16_t)(BPF_JMP | op | BPF_K), k, lt, lf);
}

/* A = the 32-bit word at offset off of seccomp_data, ANDed with mask. */
EXILE__PRIVATE void exile__asm_load(struct exile__asm *as, uint32_t off, uint32_t mask)
{
	if(as->a == EXILE__A_KEY(off, mask))
	{
		return;
	}
	if(as->a != EXILE__A_KEY(off, 0xFFFFFFFFu))
	{
		exile__asm_emit(as, BPF_LD | BPF_W | BPF_ABS, off, EXILE__NOLABEL, EXILE__NOLABEL);
	}
	if(mask != 0xFFFFFFFFu)
	{
		exile__asm_emit(as, BPF_ALU | BPF_AND | BPF_K, mask, EXILE__NOLABEL, EXILE__NOLABEL);
		as->a = EXILE__A_KEY(off, mask);
	}
}

/* Resolves labels into a program. Trampolines are added until every
 * conditional offset fits in 8 bits (each pass can only add some, so this
 * ends). */
EXILE__PRIVATE int exile__asm_finish(struct exile__asm *as, struct sock_fprog *out)
{
	size_t i, n = as->n;
	long *pos = NULL;
	unsigned char *tr = NULL; /* bit 0: trampoline for jt, bit 1: for jf */
	struct sock_filter *f = NULL;
	int changed = 1;
	long total = 0;

	if(as->err != 0)
	{
		return exile__fail(as->err, NULL, "building the BPF program");
	}
	pos = (long *)calloc(n + 1, sizeof(long));
	tr = (unsigned char *)calloc(n + 1, 1);
	if(pos == NULL || tr == NULL)
	{
		free(pos);
		free(tr);
		return exile__fail(-ENOMEM, NULL, "building the BPF program");
	}
	for(i = 0; i < as->nlab; i++)
	{
		if(as->lab[i].pos < 0)
		{
			free(pos);
			free(tr);
			return exile__fail(-EINVAL, NULL, "internal error: BPF label %zu was never placed", i);
		}
	}
	while(changed)
	{
		changed = 0;
		total = 0;
		for(i = 0; i < n; i++)
		{
			pos[i] = total;
			total += 1 + (tr[i] & 1) + ((tr[i] >> 1) & 1);
		}
		pos[n] = total;
		for(i = 0; i < n; i++)
		{
			struct exile__ins *in = &as->ins[i];
			int side;
			if(BPF_CLASS(in->code) != BPF_JMP || BPF_OP(in->code) == BPF_JA)
			{
				continue;
			}
			for(side = 0; side < 2; side++)
			{
				int l = side == 0 ? in->lt : in->lf;
				long d;
				if(l == EXILE__NOLABEL || (tr[i] & (1 << side)))
				{
					continue;
				}
				d = pos[as->lab[l].pos] - (pos[i] + 1);
				if(d > 255)
				{
					tr[i] |= (unsigned char)(1 << side);
					changed = 1;
				}
			}
		}
	}
	if(total > BPF_MAXINSNS)
	{
		free(pos);
		free(tr);
		return exile__fail(-E2BIG, "fewer rules, or merge rules into vows",
				"the seccomp filter needs %ld instructions, more than the kernel's limit of %d", total, BPF_MAXINSNS);
	}
	f = (struct sock_filter *)calloc((size_t)total, sizeof(*f));
	if(f == NULL)
	{
		free(pos);
		free(tr);
		return exile__fail(-ENOMEM, NULL, "building the BPF program");
	}
	for(i = 0; i < n; i++)
	{
		struct exile__ins *in = &as->ins[i];
		long p = pos[i], slot = p + 1;
		f[p].code = in->code;
		f[p].k = in->k;
		f[p].jt = 0;
		f[p].jf = 0;
		if(BPF_CLASS(in->code) != BPF_JMP)
		{
			continue;
		}
		if(BPF_OP(in->code) == BPF_JA)
		{
			f[p].k = in->lt == EXILE__NOLABEL ? in->k : (uint32_t)(pos[as->lab[in->lt].pos] - (p + 1));
			continue;
		}
		if(tr[i] & 1)
		{
			f[slot].code = BPF_JMP | BPF_JA;
			f[slot].k = (uint32_t)(pos[as->lab[in->lt].pos] - (slot + 1));
			f[p].jt = (uint8_t)(slot - (p + 1));
			slot++;
		}
		else if(in->lt != EXILE__NOLABEL)
		{
			f[p].jt = (uint8_t)(pos[as->lab[in->lt].pos] - (p + 1));
		}
		else
		{
			f[p].jt = (uint8_t)(pos[i + 1] - (p + 1));
		}
		if(tr[i] & 2)
		{
			f[slot].code = BPF_JMP | BPF_JA;
			f[slot].k = (uint32_t)(pos[as->lab[in->lf].pos] - (slot + 1));
			f[p].jf = (uint8_t)(slot - (p + 1));
		}
		else if(in->lf != EXILE__NOLABEL)
		{
			f[p].jf = (uint8_t)(pos[as->lab[in->lf].pos] - (p + 1));
		}
		else
		{
			f[p].jf = (uint8_t)(pos[i + 1] - (p + 1));
		}
	}
	free(pos);
	free(tr);
	out->len = (unsigned short)total;
	out->filter = f;
	return 0;
}

EXILE__PRIVATE void exile__asm_free(struct exile__asm *as)
{
	free(as->ins);
	free(as->lab);
	memset(as, 0, sizeof(*as));
}

/* The kernel's static checks of a seccomp program (bpf_check_classic(),
 * check_load_and_stores(), seccomp_check_filter()), so that exile neither
 * hands out nor simulates a program the kernel would refuse to load. */

/* One instruction on its own: an opcode seccomp accepts, with constants the
 * kernel accepts (jump ranges are the caller's). 1 if fine. */
EXILE__PRIVATE int exile__bpf_insn_ok(const struct sock_filter *in)
{
	switch(in->code)
	{
	case BPF_LD | BPF_W | BPF_ABS:
		return in->k < sizeof(struct seccomp_data) && (in->k & 3) == 0;
	case BPF_ALU | BPF_DIV | BPF_K:
		return in->k != 0;
	case BPF_ALU | BPF_LSH | BPF_K:
	case BPF_ALU | BPF_RSH | BPF_K:
		return in->k < 32;
	case BPF_LD | BPF_MEM:
	case BPF_LDX | BPF_MEM:
	case BPF_ST:
	case BPF_STX:
		return in->k < BPF_MEMWORDS;
	case BPF_LD | BPF_W | BPF_LEN: case BPF_LDX | BPF_W | BPF_LEN: case BPF_LD | BPF_IMM: case BPF_LDX | BPF_IMM:
	case BPF_RET | BPF_K: case BPF_RET | BPF_A: case BPF_MISC | BPF_TAX: case BPF_MISC | BPF_TXA:
	case BPF_ALU | BPF_ADD | BPF_K: case BPF_ALU | BPF_ADD | BPF_X: case BPF_ALU | BPF_SUB | BPF_K: case BPF_ALU | BPF_SUB | BPF_X:
	case BPF_ALU | BPF_MUL | BPF_K: case BPF_ALU | BPF_MUL | BPF_X: case BPF_ALU | BPF_DIV | BPF_X:
	case BPF_ALU | BPF_AND | BPF_K: case BPF_ALU | BPF_AND | BPF_X: case BPF_ALU | BPF_OR | BPF_K: case BPF_ALU | BPF_OR | BPF_X:
	case BPF_ALU | BPF_XOR | BPF_K: case BPF_ALU | BPF_XOR | BPF_X: case BPF_ALU | BPF_LSH | BPF_X: case BPF_ALU | BPF_RSH | BPF_X:
	case BPF_ALU | BPF_NEG:
	case BPF_JMP | BPF_JA:
	case BPF_JMP | BPF_JEQ | BPF_K: case BPF_JMP | BPF_JEQ | BPF_X: case BPF_JMP | BPF_JGT | BPF_K: case BPF_JMP | BPF_JGT | BPF_X:
	case BPF_JMP | BPF_JGE | BPF_K: case BPF_JMP | BPF_JGE | BPF_X: case BPF_JMP | BPF_JSET | BPF_K: case BPF_JMP | BPF_JSET | BPF_X:
		return 1;
	default:
		return 0; /* BPF_MOD, byte/half/indirect loads, RET X, ... */
	}
}

/* The whole program: 0, or -EINVAL (and a message naming the instruction). */
EXILE__PRIVATE int exile__bpf_check(const struct sock_filter *f, size_t len)
{
	size_t pc;
	int mem = 0;
	if(len == 0 || len > BPF_MAXINSNS)
	{
		return exile__fail(-EINVAL, NULL, "a BPF program of %zu instructions (the kernel takes 1..%d)", len, BPF_MAXINSNS);
	}
	for(pc = 0; pc < len; pc++)
	{
		const struct sock_filter *in = &f[pc];
		if(!exile__bpf_insn_ok(in))
		{
			return exile__fail(-EINVAL, NULL, "BPF instruction %zu (code 0x%x, k %u) is one seccomp refuses", pc, in->code, in->k);
		}
		if(BPF_CLASS(in->code) == BPF_JMP
			&& (BPF_OP(in->code) == BPF_JA ? in->k >= len - pc - 1 : (pc + 1 + in->jt >= len || pc + 1 + in->jf >= len)))
		{
			return exile__fail(-EINVAL, NULL, "BPF instruction %zu jumps out of the program", pc);
		}
		mem |= in->code == (BPF_LD | BPF_MEM) || in->code == (BPF_LDX | BPF_MEM);
	}
	if(BPF_CLASS(f[len - 1].code) != BPF_RET)
	{
		return exile__fail(-EINVAL, NULL, "the BPF program does not end with RET");
	}
	if(mem)
	{
		/* scratch words are read only where every path has written them
		 * (allocates: only programs that read scratch memory get here,
		 * never exile's own, which the SIGSYS handler simulates) */
		uint16_t *masks = (uint16_t *)malloc(len * sizeof(*masks)), valid = 0;
		if(masks == NULL)
		{
			return exile__fail(-ENOMEM, NULL, "checking a BPF program");
		}
		memset(masks, 0xFF, len * sizeof(*masks));
		for(pc = 0; pc < len; pc++)
		{
			const struct sock_filter *in = &f[pc];
			valid &= masks[pc];
			if(in->code == BPF_ST || in->code == BPF_STX)
			{
				valid |= (uint16_t)(1u << in->k);
			}
			else if((in->code == (BPF_LD | BPF_MEM) || in->code == (BPF_LDX | BPF_MEM)) && !(valid & (1u << in->k)))
			{
				free(masks);
				return exile__fail(-EINVAL, NULL, "BPF instruction %zu reads scratch word %u, which not every path writes first", pc, in->k);
			}
			else if(BPF_CLASS(in->code) == BPF_JMP)
			{
				if(BPF_OP(in->code) == BPF_JA)
				{
					masks[pc + 1 + in->k] &= valid;
				}
				else
				{
					masks[pc + 1 + in->jt] &= valid;
					masks[pc + 1 + in->jf] &= valid;
				}
				valid = 0xFFFF;
			}
		}
		free(masks);
	}
	return 0;
}

/* The simulator: the kernel's classic BPF semantics for seccomp programs,
 * after the kernel's static checks. */
EXILE_API int exile_bpf_simulate(const struct sock_fprog *prog, const struct seccomp_data *data, uint32_t *action)
{
	uint32_t A = 0, X = 0, mem[BPF_MEMWORDS];
	size_t pc = 0, len;
	int count = 0, err;
	unsigned char buf[sizeof(struct seccomp_data)];

	if(prog == NULL || data == NULL || action == NULL || prog->filter == NULL)
	{
		return exile__fail(-EINVAL, NULL, "exile_bpf_simulate: no program, data or action");
	}
	if((err = exile__bpf_check(prog->filter, prog->len)) != 0)
	{
		return err;
	}
	len = prog->len;
	memcpy(buf, data, sizeof(buf));
	memset(mem, 0, sizeof(mem));
	pc = 0;
	for(;;)
	{
		const struct sock_filter *in;
		uint32_t k;
		if(pc >= len)
		{
			return exile__fail(-EINVAL, NULL, "BPF program ran past its end");
		}
		in = &prog->filter[pc++];
		k = in->k;
		count++;
		switch(in->code)
		{
		case BPF_LD | BPF_W | BPF_ABS: /* offset checked above */
			memcpy(&A, buf + k, 4);
			break;
		case BPF_LD | BPF_W | BPF_LEN:
			A = sizeof(struct seccomp_data);
			break;
		case BPF_LDX | BPF_W | BPF_LEN:
			X = sizeof(struct seccomp_data);
			break;
		case BPF_LD | BPF_IMM:
			A = k;
			break;
		case BPF_LDX | BPF_IMM:
			X = k;
			break;
		case BPF_LD | BPF_MEM: /* written on every path: checked above */
			A = mem[k];
			break;
		case BPF_LDX | BPF_MEM:
			X = mem[k];
			break;
		case BPF_ST:
			mem[k] = A;
			break;
		case BPF_STX:
			mem[k] = X;
			break;
		case BPF_ALU | BPF_ADD | BPF_K: A += k; break;
		case BPF_ALU | BPF_ADD | BPF_X: A += X; break;
		case BPF_ALU | BPF_SUB | BPF_K: A -= k; break;
		case BPF_ALU | BPF_SUB | BPF_X: A -= X; break;
		case BPF_ALU | BPF_MUL | BPF_K: A *= k; break;
		case BPF_ALU | BPF_MUL | BPF_X: A *= X; break;
		case BPF_ALU | BPF_DIV | BPF_K: A /= k; break; /* k != 0: checked above */
		case BPF_ALU | BPF_DIV | BPF_X:
			if(X == 0)
			{
				*action = 0; /* the kernel's interpreter returns 0 (kill) */
				return count;
			}
			A /= X;
			break;
		case BPF_ALU | BPF_AND | BPF_K: A &= k; break;
		case BPF_ALU | BPF_AND | BPF_X: A &= X; break;
		case BPF_ALU | BPF_OR | BPF_K: A |= k; break;
		case BPF_ALU | BPF_OR | BPF_X: A |= X; break;
		case BPF_ALU | BPF_XOR | BPF_K: A ^= k; break;
		case BPF_ALU | BPF_XOR | BPF_X: A ^= X; break;
		case BPF_ALU | BPF_LSH | BPF_K: A <<= k; break; /* k < 32: checked above */
		case BPF_ALU | BPF_LSH | BPF_X: A <<= (X & 31); break; /* the kernel shifts by X mod 32 */
		case BPF_ALU | BPF_RSH | BPF_K: A >>= k; break;
		case BPF_ALU | BPF_RSH | BPF_X: A >>= (X & 31); break;
		case BPF_ALU | BPF_NEG: A = (uint32_t)(0u - A); break;
		case BPF_JMP | BPF_JA: pc += k; break;
		case BPF_JMP | BPF_JEQ | BPF_K: pc += (A == k) ? in->jt : in->jf; break;
		case BPF_JMP | BPF_JEQ | BPF_X: pc += (A == X) ? in->jt : in->jf; break;
		case BPF_JMP | BPF_JGT | BPF_K: pc += (A > k) ? in->jt : in->jf; break;
		case BPF_JMP | BPF_JGT | BPF_X: pc += (A > X) ? in->jt : in->jf; break;
		case BPF_JMP | BPF_JGE | BPF_K: pc += (A >= k) ? in->jt : in->jf; break;
		case BPF_JMP | BPF_JGE | BPF_X: pc += (A >= X) ? in->jt : in->jf; break;
		case BPF_JMP | BPF_JSET | BPF_K: pc += (A & k) ? in->jt : in->jf; break;
		case BPF_JMP | BPF_JSET | BPF_X: pc += (A & X) ? in->jt : in->jf; break;
		case BPF_RET | BPF_K: *action = k; return count;
		case BPF_RET | BPF_A: *action = A; return count;
		case BPF_MISC | BPF_TAX: X = A; break;
		case BPF_MISC | BPF_TXA: A = X; break;
		default:
			return exile__fail(-EINVAL, NULL, "BPF instruction %zu has code 0x%x, which seccomp does not accept", pc - 1, in->code);
		}
	}
}

/* The filters exile installed in this process (exile__state.installed and
 * exile__state.ninstalled, defined in >>core). Every module that makes a syscall
 * after one may be in place asks them first (by simulation), so that a
 * forbidden step becomes an error instead of a killed process. */


/* 1 when no filter exile installed in this process forbids the call. */
EXILE__PRIVATE int exile__earlier_filters_allow(long nr, uint64_t a0, uint64_t a1, uint64_t a2)
{
	size_t f;
	for(f = 0; f < exile__state.ninstalled; f++)
	{
		struct seccomp_data d;
		uint32_t action = 0;
		memset(&d, 0, sizeof(d));
		d.nr = (int)nr;
		d.arch = EXILE__AUDIT_ARCH;
		d.args[0] = a0;
		d.args[1] = a1;
		d.args[2] = a2;
		if(exile_bpf_simulate(&exile__state.installed[f], &d, &action) < 0 || (action & SECCOMP_RET_ACTION_FULL) != SECCOMP_RET_ALLOW)
		{
			return 0;
		}
	}
	return 1;
}

EXILE__PRIVATE int exile__preflight(const struct exile__commit_info *ci)
{
	const struct exile__call *calls = ci->calls;
	size_t i, n = ci->ncalls;
	if(ci->overflow)
	{
		/* a call left unchecked could be one an earlier filter kills for */
		return exile__fail(-E2BIG, NULL, "internal: the commit makes more than %d system calls to check against earlier filters", EXILE__MAX_CALLS);
	}
	for(i = 0; i < n; i++)
	{
		if(!exile__earlier_filters_allow(calls[i].nr, calls[i].a0, calls[i].a1, calls[i].a2))
		{
			return exile__fail(-EPERM, "give the earlier policy the vows this needs (seccomp_install for another filter, prctl for dumpable), or enable one policy only",
					"an earlier exile policy in this process forbids %s(), which enabling this policy needs; nothing was changed",
					exile_syscall_name(calls[i].nr) ? exile_syscall_name(calls[i].nr) : "?");
		}
	}
	return 0;
}

EXILE__PRIVATE int exile__remember_filter(const struct sock_fprog *prog)
{
	struct sock_fprog *n = (struct sock_fprog *)realloc(exile__state.installed, (exile__state.ninstalled + 1) * sizeof(*n));
	struct sock_filter *copy = (struct sock_filter *)malloc(prog->len * sizeof(*copy));
	if(n == NULL || copy == NULL)
	{
		free(copy);
		if(n != NULL)
		{
			exile__state.installed = n;
		}
		return -ENOMEM;
	}
	memcpy(copy, prog->filter, prog->len * sizeof(*copy));
	exile__state.installed = n;
	exile__state.installed[exile__state.ninstalled].len = prog->len;
	exile__state.installed[exile__state.ninstalled].filter = copy;
	exile__state.ninstalled++;
	return 0;
}

/* The dispatch compiler: one decision per syscall number, in ascending order,
 * becomes leaves (constant actions merged into ranges, or a block of rules),
 * and the leaves a balanced JGE tree. A leaf that returns a constant is
 * reached with loads of nr/arch and constant jumps only, so the kernel's
 * constant-action cache can serve it without running the filter. */
struct exile__leaf
{
	uint32_t lo;        /* first syscall number; the leaf ends where the next begins */
	int is_const;
	uint32_t ret;       /* the constant, or the fallback after the rules */
	size_t first, count;
};

struct exile__prog
{
	struct exile__rule *rules;
	size_t nrules, caprules;
	struct exile__leaf *leaves;
	size_t nleaves, capleaves;
	int err;
};

#define EXILE__OFF_NR   ((uint32_t)offsetof(struct seccomp_data, nr))
#define EXILE__OFF_ARCH ((uint32_t)offsetof(struct seccomp_data, arch))
#define EXILE__OFF_LO(arg) ((uint32_t)(offsetof(struct seccomp_data, args) + 8 * (arg)))
#define EXILE__OFF_HI(arg) (EXILE__OFF_LO(arg) + 4)
#define EXILE__FULL 0xFFFFFFFFu

EXILE__PRIVATE void exile__prog_free(struct exile__prog *p)
{
	free(p->rules);
	free(p->leaves);
	memset(p, 0, sizeof(*p));
}

/* The decision for syscall nr: rules tried in order, then fallback. */
EXILE__PRIVATE void exile__prog_add(struct exile__prog *p, uint32_t nr, const struct exile__rule *r, size_t n, uint32_t fallback)
{
	size_t i, u;
	int is_const = 1;
	struct exile__leaf *last = p->nleaves ? &p->leaves[p->nleaves - 1] : NULL;
	for(u = 0; u < n; u++)
	{
		if(r[u].ncond > EXILE_ARG_CMP_MAX)
		{
			p->err = -E2BIG; /* more conditions than a rule holds */
			return;
		}
	}
	for(u = 0; u < n; u++)
	{
		if(r[u].ncond == 0 && r[u].raw == NULL)
		{
			fallback = r[u].ret; /* an unconditional rule ends the list */
			break;
		}
	}
	n = u;
	for(i = 0; i < n; i++)
	{
		if(r[i].ret != fallback || r[i].raw != NULL)
		{
			is_const = 0;
		}
	}
	if(is_const && last != NULL && last->is_const && last->ret == fallback)
	{
		return;
	}
	if(exile__grow((void **)&p->leaves, &p->capleaves, p->nleaves + 1, sizeof(*p->leaves)) != 0
		|| (!is_const && exile__grow((void **)&p->rules, &p->caprules, p->nrules + n, sizeof(*p->rules)) != 0))
	{
		p->err = -ENOMEM;
		return;
	}
	last = &p->leaves[p->nleaves++];
	last->lo = nr;
	last->is_const = is_const;
	last->ret = fallback;
	last->first = p->nrules;
	last->count = is_const ? 0 : n;
	if(!is_const)
	{
		memcpy(&p->rules[p->nrules], r, n * sizeof(*r));
		p->nrules += n;
	}
}

#if EXILE__ARG_BITS == 32
/* On a 32-bit architecture an argument register has 32 bits and the kernel
 * uses only the low word of seccomp_data's argument (the high one is zero
 * on a 32-bit kernel; exile does not rely on it under a 64-bit one). A
 * 64-bit comparison (EXILE_ARG_*) therefore compares the low words, and
 * takes only values a register can hold: zero-extended (0 .. 0xFFFFFFFF)
 * or sign-extended (a negative int or long, as x86_64's libc passes them),
 * so that it means what it means on x86_64. Other values are refused when
 * the rule is added. */
EXILE__PRIVATE int exile__fits_arg32(uint64_t v)
{
	return (v >> 32) == 0 || ((v >> 32) == 0xFFFFFFFFu && (v & 0x80000000u) != 0);
}
#endif

/* One condition: goes to pass when it holds (EXILE__NOLABEL: falls through),
 * to fail otherwise. */
EXILE__PRIVATE void exile__emit_in(struct exile__asm *as, const uint32_t *vals, size_t n, int pass, int fail);
EXILE__PRIVATE void exile__emit_cond_to(struct exile__asm *as, const struct exile__cond *c, int pass, int fail)
{
	uint32_t lo = EXILE__OFF_LO(c->arg), hi = EXILE__OFF_HI(c->arg);
	uint32_t vlo = (uint32_t)c->value, vhi = (uint32_t)(c->value >> 32);
	uint32_t mlo = (uint32_t)c->mask, mhi = (uint32_t)(c->mask >> 32);
	int p;
#if EXILE__ARG_BITS == 32
	if(!c->is32 && c->op != EXILE__OP_IN)
	{
		struct exile__cond low = *c; /* see exile__fits_arg32: the low words */
		low.is32 = 1;
		exile__emit_cond_to(as, &low, pass, fail);
		return;
	}
#endif
	if(c->op == EXILE__OP_IN)
	{
		exile__asm_load(as, lo, mlo ? mlo : EXILE__FULL);
		p = pass != EXILE__NOLABEL ? pass : exile__asm_label(as);
		exile__emit_in(as, c->vals, c->nvals, p, fail);
		if(pass == EXILE__NOLABEL)
		{
			exile__asm_place(as, p);
		}
		return;
	}
	if(c->is32)
	{
		exile__asm_load(as, lo, (c->op == EXILE_CMP_MASKED_EQ && vlo != 0) ? mlo : EXILE__FULL);
		switch(c->op)
		{
		case EXILE_CMP_EQ: exile__asm_jmp(as, BPF_JEQ, vlo, pass, fail); break;
		case EXILE_CMP_NE: exile__asm_jmp(as, BPF_JEQ, vlo, fail, pass); break;
		case EXILE_CMP_GT: exile__asm_jmp(as, BPF_JGT, vlo, pass, fail); break;
		case EXILE_CMP_GE: exile__asm_jmp(as, BPF_JGE, vlo, pass, fail); break;
		case EXILE_CMP_LT: exile__asm_jmp(as, BPF_JGE, vlo, fail, pass); break;
		case EXILE_CMP_LE: exile__asm_jmp(as, BPF_JGT, vlo, fail, pass); break;
		case EXILE__OP_ANYSET: exile__asm_jmp(as, BPF_JSET, mlo, pass, fail); break;
		case EXILE_CMP_MASKED_EQ:
			if(vlo == 0)
			{
				exile__asm_jmp(as, BPF_JSET, mlo, fail, pass); /* none of mask */
			}
			else
			{
				exile__asm_jmp(as, BPF_JEQ, vlo, pass, fail);
			}
			break;
		}
		return;
	}
	p = pass != EXILE__NOLABEL ? pass : exile__asm_label(as);
	switch(c->op)
	{
	case EXILE_CMP_EQ:
		exile__asm_load(as, hi, EXILE__FULL);
		exile__asm_jmp(as, BPF_JEQ, vhi, EXILE__NOLABEL, fail);
		exile__asm_load(as, lo, EXILE__FULL);
		exile__asm_jmp(as, BPF_JEQ, vlo, p, fail);
		break;
	case EXILE_CMP_NE:
		exile__asm_load(as, hi, EXILE__FULL);
		exile__asm_jmp(as, BPF_JEQ, vhi, EXILE__NOLABEL, p);
		exile__asm_load(as, lo, EXILE__FULL);
		exile__asm_jmp(as, BPF_JEQ, vlo, fail, p);
		break;
	case EXILE_CMP_GT:
	case EXILE_CMP_GE:
		exile__asm_load(as, hi, EXILE__FULL);
		exile__asm_jmp(as, BPF_JGT, vhi, p, EXILE__NOLABEL);
		exile__asm_jmp(as, BPF_JEQ, vhi, EXILE__NOLABEL, fail);
		exile__asm_load(as, lo, EXILE__FULL);
		exile__asm_jmp(as, c->op == EXILE_CMP_GT ? BPF_JGT : BPF_JGE, vlo, p, fail);
		break;
	case EXILE_CMP_LT:
	case EXILE_CMP_LE:
		exile__asm_load(as, hi, EXILE__FULL);
		exile__asm_jmp(as, BPF_JGT, vhi, fail, EXILE__NOLABEL);
		exile__asm_jmp(as, BPF_JEQ, vhi, EXILE__NOLABEL, p);
		exile__asm_load(as, lo, EXILE__FULL);
		exile__asm_jmp(as, c->op == EXILE_CMP_LT ? BPF_JGE : BPF_JGT, vlo, fail, p);
		break;
	case EXILE_CMP_MASKED_EQ:
		if(mhi != 0)
		{
			exile__asm_load(as, hi, mhi);
			exile__asm_jmp(as, BPF_JEQ, vhi, EXILE__NOLABEL, fail);
		}
		else if(vhi != 0)
		{
			exile__asm_jmp(as, BPF_JA, 0, fail, EXILE__NOLABEL);
		}
		exile__asm_load(as, lo, mlo);
		exile__asm_jmp(as, BPF_JEQ, vlo, p, fail);
		break;
	case EXILE__OP_ANYSET:
		if(mhi != 0)
		{
			exile__asm_load(as, hi, EXILE__FULL);
			exile__asm_jmp(as, BPF_JSET, mhi, p, EXILE__NOLABEL);
		}
		exile__asm_load(as, lo, EXILE__FULL);
		exile__asm_jmp(as, BPF_JSET, mlo, p, fail);
		break;
	}
	if(pass == EXILE__NOLABEL)
	{
		exile__asm_place(as, p);
	}
}

/* One condition: falls through when it holds, jumps to fail otherwise. */
EXILE__PRIVATE void exile__emit_cond(struct exile__asm *as, const struct exile__cond *c, int fail)
{
	exile__emit_cond_to(as, c, EXILE__NOLABEL, fail);
}

/* A decision on the value in A: runs [lo, next run's lo) of the 32-bit
 * range, each going to a class. The runs are cut into segments, each a
 * default class plus at most EXILE__SEG_CHECKS exceptions: a single value
 * by one JEQ, a first or a last run of any length by one JGE. A balanced
 * JGE tree picks the segment. Every class is a label the caller gives at
 * the moment a jump needs it (so that shared returns can be placed where
 * they are in reach), and nothing falls through the decision's end. */
#define EXILE__SEG_CHECKS 4
struct exile__run
{
	uint64_t lo;
	int cls;
};
struct exile__seg
{
	size_t first, end;  /* runs first..end-1 */
	int dflt;
	unsigned checks;
};
struct exile__dispatch
{
	struct exile__asm *as;
	const struct exile__run *runs; /* nruns + 1: the last lo is 2^32 */
	size_t nruns;
	struct exile__seg *segs;
	size_t nsegs;
	int (*target)(void *ctx, int cls);
	void (*between)(void *ctx);    /* called where nothing falls through (may place code); or NULL */
	void *ctx;
};

/* Where a segment from run i with default x ends, and its checks. */
EXILE__PRIVATE size_t exile__seg_reach(const struct exile__run *r, size_t nruns, size_t i, int x, unsigned *checks)
{
	size_t k;
	unsigned n = 0;
	for(k = i; k < nruns; k++)
	{
		if(r[k].cls == x)
		{
			continue;
		}
		if(k == i)
		{
			n++; /* a first run of another class */
			continue;
		}
		if(n == EXILE__SEG_CHECKS)
		{
			break;
		}
		n++;
		if(r[k + 1].lo - r[k].lo != 1)
		{
			k++; /* a longer run ends the segment */
			break;
		}
	}
	*checks = n;
	return k;
}

/* Cuts the runs into segments, greedily: from each start the default
 * (the first run's class or the second's) that reaches farther. */
EXILE__PRIVATE void exile__dispatch_cut(struct exile__dispatch *d)
{
	size_t i = 0;
	d->nsegs = 0;
	while(i < d->nruns)
	{
		struct exile__seg *s = &d->segs[d->nsegs++];
		unsigned c1, c2 = 0;
		size_t e1 = exile__seg_reach(d->runs, d->nruns, i, d->runs[i].cls, &c1), e2 = 0;
		if(i + 1 < d->nruns)
		{
			e2 = exile__seg_reach(d->runs, d->nruns, i, d->runs[i + 1].cls, &c2);
		}
		s->first = i;
		if(e2 > e1 || (e2 == e1 && c2 < c1))
		{
			s->end = e2;
			s->dflt = d->runs[i + 1].cls;
			s->checks = c2;
		}
		else
		{
			s->end = e1;
			s->dflt = d->runs[i].cls;
			s->checks = c1;
		}
		i = s->end;
	}
}

/* A segment's checks; the last one goes on to the default class. */
EXILE__PRIVATE void exile__dispatch_seg(struct exile__dispatch *d, const struct exile__seg *s)
{
	const struct exile__run *r = d->runs;
	unsigned done = 0;
	size_t k;
	int x = s->dflt;
#define EXILE__CONT() (++done == s->checks ? d->target(d->ctx, x) : EXILE__NOLABEL)
	if(s->checks == 0)
	{
		exile__asm_jmp(d->as, BPF_JA, 0, d->target(d->ctx, x), EXILE__NOLABEL);
		return;
	}
	if(r[s->first].cls != x)
	{
		int t = d->target(d->ctx, r[s->first].cls), cont = EXILE__CONT();
		exile__asm_jmp(d->as, BPF_JGE, (uint32_t)r[s->first + 1].lo, cont, t);
	}
	for(k = s->first + 1; k < s->end; k++)
	{
		if(r[k].cls != x)
		{
			int t = d->target(d->ctx, r[k].cls), cont = EXILE__CONT();
			if(k + 1 == s->end)
			{
				exile__asm_jmp(d->as, BPF_JGE, (uint32_t)r[k].lo, t, cont); /* the last run */
			}
			else
			{
				exile__asm_jmp(d->as, BPF_JEQ, (uint32_t)r[k].lo, t, cont);
			}
		}
	}
#undef EXILE__CONT
}

EXILE__PRIVATE void exile__dispatch_tree(struct exile__dispatch *d, size_t i, size_t j)
{
	size_t mid;
	int lzero, rzero, right, left;
	if(i == j)
	{
		exile__dispatch_seg(d, &d->segs[i]);
		return;
	}
	mid = (i + j + 1) / 2;
	lzero = mid - 1 == i && d->segs[i].checks == 0;
	rzero = mid == j && d->segs[j].checks == 0;
	right = rzero ? d->target(d->ctx, d->segs[j].dflt) : exile__asm_label(d->as);
	left = lzero ? d->target(d->ctx, d->segs[i].dflt) : EXILE__NOLABEL;
	exile__asm_jmp(d->as, BPF_JGE, (uint32_t)d->runs[d->segs[mid].first].lo, right, left);
	if(!lzero)
	{
		exile__dispatch_tree(d, i, mid - 1);
	}
	if(!rzero)
	{
		if(d->between != NULL)
		{
			d->between(d->ctx);
		}
		exile__asm_place(d->as, right);
		exile__dispatch_tree(d, mid, j);
	}
}

/* runs, nruns: as in struct exile__dispatch. -ENOMEM or 0. */
EXILE__PRIVATE int exile__dispatch_emit(struct exile__asm *as, const struct exile__run *runs, size_t nruns,
		int (*target)(void *, int), void (*between)(void *), void *ctx)
{
	struct exile__seg segs_small[64];
	struct exile__dispatch d;
	d.as = as;
	d.runs = runs;
	d.nruns = nruns;
	d.target = target;
	d.between = between;
	d.ctx = ctx;
	d.segs = nruns <= 64 ? segs_small : (struct exile__seg *)malloc(nruns * sizeof(*d.segs));
	if(d.segs == NULL)
	{
		return -ENOMEM;
	}
	exile__dispatch_cut(&d);
	exile__dispatch_tree(&d, 0, d.nsegs - 1);
	if(d.segs != segs_small)
	{
		free(d.segs);
	}
	return 0;
}

/* The set test: vals ascending (as exile__rule_in and the vow compiler keep
 * them); A holds the (masked) low half. Class 0 fails, class 1 passes. */
struct exile__in_targets
{
	int label[2];
};
EXILE__PRIVATE int exile__in_target(void *ctx, int cls)
{
	return ((struct exile__in_targets *)ctx)->label[cls];
}

EXILE__PRIVATE void exile__emit_in(struct exile__asm *as, const uint32_t *vals, size_t n, int pass, int fail)
{
	struct exile__run small[130], *runs = small;
	struct exile__in_targets t;
	size_t i, nruns = 0;
	if(n == 0)
	{
		exile__asm_jmp(as, BPF_JA, 0, fail, EXILE__NOLABEL);
		return;
	}
	if(2 * n + 2 > EXILE__N(small) && (runs = (struct exile__run *)malloc((2 * n + 2) * sizeof(*runs))) == NULL)
	{
		as->err = -ENOMEM;
		return;
	}
	if(vals[0] != 0)
	{
		runs[nruns].lo = 0;
		runs[nruns++].cls = 0;
	}
	for(i = 0; i < n; i++)
	{
		if(i == 0 || vals[i] != vals[i - 1] + 1)
		{
			runs[nruns].lo = vals[i];
			runs[nruns++].cls = 1;
		}
		if(i + 1 == n || vals[i + 1] != vals[i] + 1)
		{
			if((uint64_t)vals[i] + 1 < ((uint64_t)1 << 32))
			{
				runs[nruns].lo = (uint64_t)vals[i] + 1;
				runs[nruns++].cls = 0;
			}
		}
	}
	runs[nruns].lo = (uint64_t)1 << 32;
	t.label[0] = fail;
	t.label[1] = pass;
	if(exile__dispatch_emit(as, runs, nruns, exile__in_target, NULL, &t) != 0)
	{
		as->err = -ENOMEM;
	}
	if(runs != small)
	{
		free(runs);
	}
}

/* A user snippet: its markers and its own relative jumps become labels, so
 * trampolines elsewhere can never break it. A = nr when it starts. */
/* The k of EXILE_BPF_RETURN_MATCHING / _NOT_MATCHING (upstream's markers). */
#define EXILE__BPF_JA_MATCH    1234u
#define EXILE__BPF_JA_NO_MATCH 5678u

/* Where side 0 (jt, or a JA's k) or side 1 (jf) of jump instruction i of an
 * n-instruction snippet goes, as an instruction index: n is "matched" (the
 * rule's action), n + 1 "no match" (the next rule), farther is an error.
 * The one reading of the markers (EXILE_SYSCALL_EXIT_BPF_*, the JA k values
 * of EXILE_BPF_RETURN_*) for the assembler and for the checks at append. */
EXILE__PRIVATE size_t exile__snippet_target(const struct sock_filter *in, size_t i, size_t n, int side)
{
	if(BPF_OP(in->code) == BPF_JA)
	{
		return in->k == EXILE__BPF_JA_MATCH ? n : in->k == EXILE__BPF_JA_NO_MATCH ? n + 1 : i + 1 + (size_t)in->k;
	}
	else
	{
		unsigned off = side == 0 ? in->jt : in->jf;
		return off == EXILE_SYSCALL_EXIT_BPF_NO_MATCH ? n + 1 : off == EXILE_SYSCALL_EXIT_BPF_RETURN ? n : i + 1 + off;
	}
}

EXILE__PRIVATE int exile__emit_raw(struct exile__asm *as, const struct exile__rule *r, int fail)
{
	size_t i, n = r->nraw;
	int ret = exile__asm_label(as);
	int *lab = (int *)malloc((n + 2) * sizeof(int));
	if(lab == NULL)
	{
		return -ENOMEM;
	}
	for(i = 0; i < n; i++)
	{
		lab[i] = EXILE__NOLABEL;
	}
	lab[n] = ret;
	lab[n + 1] = fail;
	for(i = 0; i < n; i++)
	{
		const struct sock_filter *in = &r->raw[i];
		size_t t[2];
		int side, sides;
		if(BPF_CLASS(in->code) != BPF_JMP)
		{
			continue;
		}
		sides = BPF_OP(in->code) == BPF_JA ? 1 : 2;
		for(side = 0; side < sides; side++)
		{
			t[side] = exile__snippet_target(in, i, n, side);
			if(t[side] > n + 1)
			{
				free(lab);
				return exile__fail(-EINVAL, "jump to EXILE_SYSCALL_EXIT_BPF_RETURN/_NO_MATCH to leave a snippet",
						"argument filter instruction %zu jumps beyond the end of its snippet", i);
			}
			if(lab[t[side]] == EXILE__NOLABEL)
			{
				lab[t[side]] = exile__asm_label(as);
			}
		}
	}
	exile__asm_load(as, EXILE__OFF_NR, EXILE__FULL);
	for(i = 0; i < n; i++)
	{
		const struct sock_filter *in = &r->raw[i];
		exile__asm_place(as, lab[i]);
		if(BPF_CLASS(in->code) != BPF_JMP)
		{
			exile__asm_emit(as, in->code, in->k, EXILE__NOLABEL, EXILE__NOLABEL);
			as->a = BPF_CLASS(in->code) == BPF_RET ? EXILE__A_DEAD : EXILE__A_UNKNOWN;
		}
		else if(BPF_OP(in->code) == BPF_JA)
		{
			exile__asm_emit(as, in->code, 0, lab[exile__snippet_target(in, i, n, 0)], EXILE__NOLABEL);
		}
		else
		{
			exile__asm_emit(as, in->code, in->k, lab[exile__snippet_target(in, i, n, 0)], lab[exile__snippet_target(in, i, n, 1)]);
		}
	}
	exile__asm_place(as, ret);
	exile__asm_ret(as, r->ret);
	free(lab);
	return 0;
}

/* The dispatch of the whole program. Classes are constant actions (one
 * shared RET each) and blocks (a leaf's rules; leaves with equal rules
 * share one). A class gets a pending label when a jump first needs it;
 * pending blocks are placed at the next point nothing falls through to,
 * pending returns once their first jump is EXILE__POOL_REACH behind (or at
 * the end), so that every jump reaches its target without a trampoline. A
 * block placed once and needed again later is placed again. */
#define EXILE__POOL_REACH 160
struct exile__cls
{
	int is_block;
	uint32_t ret;       /* a constant action */
	size_t leaf;        /* a block: its first leaf */
	int pending;        /* the label jumps wait on; EXILE__NOLABEL: none */
	size_t first_ref;   /* the instruction that first jumped to it */
};

struct exile__emitter
{
	struct exile__asm *as;
	const struct exile__prog *p;
	struct exile__cls *cls;
	size_t ncls, capcls;
	int err;
};

EXILE__PRIVATE int exile__em_class(struct exile__emitter *em, int is_block, uint32_t ret, size_t leaf)
{
	size_t i;
	for(i = 0; i < em->ncls; i++)
	{
		if(em->cls[i].is_block == is_block && (is_block ? em->cls[i].leaf == leaf : em->cls[i].ret == ret))
		{
			return (int)i;
		}
	}
	if(exile__grow((void **)&em->cls, &em->capcls, em->ncls + 1, sizeof(*em->cls)) != 0)
	{
		em->err = -ENOMEM;
		return 0;
	}
	em->cls[em->ncls].is_block = is_block;
	em->cls[em->ncls].ret = ret;
	em->cls[em->ncls].leaf = leaf;
	em->cls[em->ncls].pending = EXILE__NOLABEL;
	em->cls[em->ncls].first_ref = 0;
	return (int)em->ncls++;
}

EXILE__PRIVATE int exile__em_target(void *ctx, int c)
{
	struct exile__emitter *em = (struct exile__emitter *)ctx;
	struct exile__cls *k;
	if(em->err != 0 || (size_t)c >= em->ncls)
	{
		return EXILE__NOLABEL;
	}
	k = &em->cls[c];
	if(k->pending == EXILE__NOLABEL)
	{
		k->pending = exile__asm_label(em->as);
		k->first_ref = em->as->n;
	}
	return k->pending;
}

EXILE__PRIVATE int exile__em_ret(struct exile__emitter *em, uint32_t ret)
{
	return exile__em_target(em, exile__em_class(em, 0, ret, 0));
}

EXILE__PRIVATE int exile__emit_raw(struct exile__asm *as, const struct exile__rule *r, int fail);

/* A leaf's rules, in order; the last one's failure is the leaf's fallback. */
EXILE__PRIVATE void exile__em_block(struct exile__emitter *em, const struct exile__leaf *leaf)
{
	struct exile__asm *as = em->as;
	size_t i;
	for(i = 0; i < leaf->count && em->err == 0; i++)
	{
		const struct exile__rule *r = &em->p->rules[leaf->first + i];
		int last = i + 1 == leaf->count;
		int fail = last ? exile__em_ret(em, leaf->ret) : exile__asm_label(as);
		if(r->raw != NULL)
		{
			int err = exile__emit_raw(as, r, fail);
			if(err != 0)
			{
				em->err = err;
			}
		}
		else if(r->ncond == 0)
		{
			exile__asm_jmp(as, BPF_JA, 0, exile__em_ret(em, r->ret), EXILE__NOLABEL);
		}
		else
		{
			unsigned c;
			for(c = 0; c < r->ncond; c++)
			{
				exile__emit_cond_to(as, &r->cond[c], c + 1 == r->ncond ? exile__em_ret(em, r->ret) : EXILE__NOLABEL, fail);
			}
		}
		if(!last)
		{
			exile__asm_place(as, fail);
		}
	}
	if(leaf->count == 0)
	{
		exile__asm_jmp(as, BPF_JA, 0, exile__em_ret(em, leaf->ret), EXILE__NOLABEL);
	}
}

/* Places pending blocks (oldest first), then pending returns when one is
 * due or all is true. Only where nothing falls through. */
EXILE__PRIVATE void exile__em_flush(struct exile__emitter *em, int all)
{
	size_t i;
	int due = all;
	for(;;)
	{
		size_t best = em->ncls;
		for(i = 0; i < em->ncls; i++)
		{
			if(em->cls[i].is_block && em->cls[i].pending != EXILE__NOLABEL
				&& (best == em->ncls || em->cls[i].first_ref < em->cls[best].first_ref))
			{
				best = i;
			}
		}
		if(best == em->ncls || em->err != 0)
		{
			break;
		}
		exile__asm_place(em->as, em->cls[best].pending);
		em->cls[best].pending = EXILE__NOLABEL;
		exile__em_block(em, &em->p->leaves[em->cls[best].leaf]);
	}
	for(i = 0; i < em->ncls && !due; i++)
	{
		due = !em->cls[i].is_block && em->cls[i].pending != EXILE__NOLABEL
			&& em->as->n - em->cls[i].first_ref >= EXILE__POOL_REACH;
	}
	for(i = 0; i < em->ncls && due; i++)
	{
		if(!em->cls[i].is_block && em->cls[i].pending != EXILE__NOLABEL)
		{
			exile__asm_place(em->as, em->cls[i].pending);
			em->cls[i].pending = EXILE__NOLABEL;
			exile__asm_ret(em->as, em->cls[i].ret);
		}
	}
}

EXILE__PRIVATE void exile__em_between(void *ctx)
{
	exile__em_flush((struct exile__emitter *)ctx, 0);
}

/* 1 when two leaves have the same rules and fallback (one block serves both). */
EXILE__PRIVATE int exile__leaf_same(const struct exile__prog *p, const struct exile__leaf *a, const struct exile__leaf *b)
{
	size_t i;
	unsigned c;
	if(a->ret != b->ret || a->count != b->count)
	{
		return 0;
	}
	for(i = 0; i < a->count; i++)
	{
		const struct exile__rule *x = &p->rules[a->first + i], *y = &p->rules[b->first + i];
		if(x->ret != y->ret || x->ncond != y->ncond || x->raw != y->raw || x->nraw != y->nraw)
		{
			return 0;
		}
		for(c = 0; c < x->ncond; c++)
		{
			const struct exile__cond *u = &x->cond[c], *v = &y->cond[c];
			if(u->arg != v->arg || u->op != v->op || u->is32 != v->is32 || u->value != v->value || u->mask != v->mask
				|| u->nvals != v->nvals || (u->nvals && memcmp(u->vals, v->vals, u->nvals * sizeof(uint32_t)) != 0))
			{
				return 0;
			}
		}
	}
	return 1;
}

/* The whole program: arch check, x32 check, then the dispatch. */
EXILE__PRIVATE int exile__prog_assemble(const struct exile__prog *p, struct sock_fprog *out)
{
	struct exile__asm as;
	struct exile__emitter em;
	struct exile__run *runs = NULL;
	size_t i, j, nruns = 0;
	int ok, err = 0;
	memset(&as, 0, sizeof(as));
	memset(&em, 0, sizeof(em));
	as.a = EXILE__A_UNKNOWN;
	em.as = &as;
	em.p = p;
	if(p->err != 0)
	{
		return exile__fail(p->err, NULL, "building the syscall decisions");
	}
	runs = (struct exile__run *)malloc((p->nleaves + 1) * sizeof(*runs));
	if(runs == NULL)
	{
		return exile__fail(-ENOMEM, NULL, "building the BPF program");
	}
	for(i = 0; i < p->nleaves; i++)
	{
		const struct exile__leaf *l = &p->leaves[i];
		int c;
		if(l->is_const)
		{
			c = exile__em_class(&em, 0, l->ret, 0);
		}
		else
		{
			for(j = 0; j < i && !(!p->leaves[j].is_const && exile__leaf_same(p, &p->leaves[j], l)); j++)
			{
			}
			c = exile__em_class(&em, 1, 0, j < i ? j : i);
		}
		if(nruns > 0 && runs[nruns - 1].cls == c)
		{
			continue;
		}
		runs[nruns].lo = l->lo;
		runs[nruns++].cls = c;
	}
	runs[nruns].lo = (uint64_t)1 << 32;
	ok = exile__asm_label(&as);
	exile__asm_load(&as, EXILE__OFF_ARCH, EXILE__FULL);
	exile__asm_jmp(&as, BPF_JEQ, EXILE__AUDIT_ARCH, ok, exile__em_ret(&em, SECCOMP_RET_KILL_PROCESS));
	exile__asm_place(&as, ok);
	exile__asm_load(&as, EXILE__OFF_NR, EXILE__FULL);
#if defined(EXILE__X32_SYSCALL_BIT)
	/* x32 shares x86_64's AUDIT_ARCH: its numbers carry bit 30 */
	exile__asm_jmp(&as, BPF_JGE, EXILE__X32_SYSCALL_BIT, exile__em_ret(&em, SECCOMP_RET_KILL_PROCESS), EXILE__NOLABEL);
#endif
	if(em.err == 0 && (err = exile__dispatch_emit(&as, runs, nruns, exile__em_target, exile__em_between, &em)) == 0)
	{
		exile__em_flush(&em, 1);
		err = em.err;
	}
	if(err == 0 && (as.n == 0 || BPF_CLASS(as.ins[as.n - 1].code) != BPF_RET))
	{
		exile__asm_ret(&as, SECCOMP_RET_KILL_PROCESS); /* never reached: the kernel wants a RET last */
	}
	if(err == 0)
	{
		err = exile__asm_finish(&as, out);
	}
	else
	{
		err = exile__fail(err, NULL, "building the BPF program");
	}
	free(runs);
	free(em.cls);
	exile__asm_free(&as);
	if(err == 0 && exile__bpf_check(out->filter, out->len) != 0)
	{
		/* only raw snippets can make it so (scratch memory read before
		 * every path wrote it): refuse now, not when the commit installs it */
		char cause[EXILE__ERRLEN];
		snprintf(cause, sizeof(cause), "%s", exile__errbuf);
		free(out->filter);
		out->filter = NULL;
		out->len = 0;
		err = exile__fail(-EINVAL, "check the raw argument filters (snippets) of the policy",
				"the kernel would refuse the seccomp filter built from the rules: %s", cause);
	}
	return err;
}

/* -------------------------------------------------------------------------- */
/* >>vows: the vow table and the string parser                                 */
/* -------------------------------------------------------------------------- */
/* Each entry grants one syscall to a set of vows; its kind names the argument
 * rule (docs/VOWS.md is the reference: every call, rule and value list). The rule
 * looks at the whole set of held vows, because several (open, ioctl, fcntl,
 * prctl, socket) depend on more than one vow. */
enum exile__vow_kind
{
	EXILE__K_NONE, EXILE__K_OPEN, EXILE__K_OPENAT, EXILE__K_CREAT, EXILE__K_PROT, EXILE__K_SHMAT,
	EXILE__K_IOCTL, EXILE__K_FCNTL, EXILE__K_PRCTL, EXILE__K_ARCH_PRCTL, EXILE__K_SOCKET,
	EXILE__K_SOCKETPAIR, EXILE__K_SETSOCKOPT, EXILE__K_GETSOCKOPT, EXILE__K_SENDTO, EXILE__K_CLONE,
	EXILE__K_SIGNAL, EXILE__K_PRLIMIT, EXILE__K_SELF0, EXILE__K_PERSONALITY, EXILE__K_SECCOMP,
	EXILE__K_MODE1, EXILE__K_MODE2, EXILE__K_FSTATAT, EXILE__K_SOCKETCALL, EXILE__K_IPC, EXILE__K_COUNT
};

struct exile__vow_entry
{
	int nr;
	unsigned char kind;
	uint64_t vows;
};

#define EXILE__V_CHOWN    EXILE_SYSCALL_VOW_CHOWN
#define EXILE__V_CLONE    EXILE_SYSCALL_VOW_CLONE
#define EXILE__V_CPATH    EXILE_SYSCALL_VOW_CPATH
#define EXILE__V_DPATH    EXILE_SYSCALL_VOW_DPATH
#define EXILE__V_EXEC     EXILE_SYSCALL_VOW_EXEC
#define EXILE__V_FATTR    EXILE_SYSCALL_VOW_FATTR
#define EXILE__V_FSNOTIFY EXILE_SYSCALL_VOW_FSNOTIFY
#define EXILE__V_ID       EXILE_SYSCALL_VOW_ID
#define EXILE__V_INET     EXILE_SYSCALL_VOW_INET
#define EXILE__V_IOCTL    EXILE_SYSCALL_VOW_IOCTL
#define EXILE__V_PRCTL    EXILE_SYSCALL_VOW_PRCTL
#define EXILE__V_PROC     EXILE_SYSCALL_VOW_PROC
#define EXILE__V_PROTEXEC EXILE_SYSCALL_VOW_PROT_EXEC
#define EXILE__V_RPATH    EXILE_SYSCALL_VOW_RPATH
#define EXILE__V_SCHED    EXILE_SYSCALL_VOW_SCHED
#define EXILE__V_SECCOMP  EXILE_SYSCALL_VOW_SECCOMP_INSTALL
#define EXILE__V_SHM      EXILE_SYSCALL_VOW_SHM
#define EXILE__V_STDIO    EXILE_SYSCALL_VOW_STDIO
#define EXILE__V_THREAD   EXILE_SYSCALL_VOW_THREAD
#define EXILE__V_UNIX     EXILE_SYSCALL_VOW_UNIX
#define EXILE__V_WPATH    EXILE_SYSCALL_VOW_WPATH
#define EXILE__VOWS_ALL   ((uint64_t)0x3FFFFEu) /* bits 1..21 */

/* A vow entry's number: EXILE__NR(name), unless EXILE__VOWX_<name> (same
 * form as EXILE__NRX_<name>) takes the call out of the vow tables of one
 * architecture, where its arguments mean something else. Spelled out in
 * EXILE__E: a name passed on to another macro would be expanded first, and
 * musl #defines pread64, prlimit64, ... to other names. */
#if defined(__i386__)
/* i386's mmap (90) is old_mmap: its arguments are a struct in memory, which
 * the PROT_EXEC rule cannot see. libc calls mmap2 (in the table too). */
#define EXILE__VOWX_mmap EXILE__NR_ABSENT
#endif
#define EXILE__E(name, kind, vows) \
	{ EXILE__SECOND(EXILE__VOWX_##name, EXILE__SECOND(EXILE__NRX_##name, __NR_##name, ~), ~), EXILE__K_##kind, (vows) }
static const struct exile__vow_entry exile__vow_table[] = {
	/* stdio: fd I/O */
	EXILE__E(read, NONE, EXILE__V_STDIO), EXILE__E(write, NONE, EXILE__V_STDIO),
	EXILE__E(readv, NONE, EXILE__V_STDIO), EXILE__E(writev, NONE, EXILE__V_STDIO),
	EXILE__E(pread64, NONE, EXILE__V_STDIO), EXILE__E(pwrite64, NONE, EXILE__V_STDIO),
	EXILE__E(preadv, NONE, EXILE__V_STDIO), EXILE__E(pwritev, NONE, EXILE__V_STDIO),
	EXILE__E(preadv2, NONE, EXILE__V_STDIO), EXILE__E(pwritev2, NONE, EXILE__V_STDIO),
	EXILE__E(lseek, NONE, EXILE__V_STDIO), EXILE__E(sendfile, NONE, EXILE__V_STDIO),
	EXILE__E(splice, NONE, EXILE__V_STDIO), EXILE__E(tee, NONE, EXILE__V_STDIO),
	EXILE__E(vmsplice, NONE, EXILE__V_STDIO), EXILE__E(copy_file_range, NONE, EXILE__V_STDIO),
	EXILE__E(close, NONE, EXILE__V_STDIO), EXILE__E(close_range, NONE, EXILE__V_STDIO),
	EXILE__E(dup, NONE, EXILE__V_STDIO), EXILE__E(dup2, NONE, EXILE__V_STDIO),
	EXILE__E(dup3, NONE, EXILE__V_STDIO), EXILE__E(pipe, NONE, EXILE__V_STDIO),
	EXILE__E(pipe2, NONE, EXILE__V_STDIO),
	EXILE__E(fcntl, FCNTL, EXILE__V_STDIO | EXILE__V_PROC | EXILE__V_FSNOTIFY),
	EXILE__E(ioctl, IOCTL, EXILE__V_STDIO | EXILE__V_INET | EXILE__V_IOCTL),
	EXILE__E(flock, NONE, EXILE__V_STDIO), EXILE__E(fstat, NONE, EXILE__V_STDIO | EXILE__V_RPATH),
	EXILE__E(fsync, NONE, EXILE__V_STDIO), EXILE__E(fdatasync, NONE, EXILE__V_STDIO),
	EXILE__E(syncfs, NONE, EXILE__V_STDIO), EXILE__E(sync, NONE, EXILE__V_STDIO),
	EXILE__E(sync_file_range, NONE, EXILE__V_STDIO), EXILE__E(fadvise64, NONE, EXILE__V_STDIO),
	EXILE__E(readahead, NONE, EXILE__V_STDIO), EXILE__E(ftruncate, NONE, EXILE__V_STDIO),
	EXILE__E(cachestat, NONE, EXILE__V_STDIO),
	/* stdio: readiness and event fds */
	EXILE__E(poll, NONE, EXILE__V_STDIO), EXILE__E(ppoll, NONE, EXILE__V_STDIO),
	EXILE__E(select, NONE, EXILE__V_STDIO), EXILE__E(pselect6, NONE, EXILE__V_STDIO),
	EXILE__E(epoll_create, NONE, EXILE__V_STDIO), EXILE__E(epoll_create1, NONE, EXILE__V_STDIO),
	EXILE__E(epoll_ctl, NONE, EXILE__V_STDIO), EXILE__E(epoll_wait, NONE, EXILE__V_STDIO),
	EXILE__E(epoll_pwait, NONE, EXILE__V_STDIO), EXILE__E(epoll_pwait2, NONE, EXILE__V_STDIO),
	EXILE__E(eventfd, NONE, EXILE__V_STDIO), EXILE__E(eventfd2, NONE, EXILE__V_STDIO),
	EXILE__E(signalfd, NONE, EXILE__V_STDIO), EXILE__E(signalfd4, NONE, EXILE__V_STDIO),
	EXILE__E(timerfd_create, NONE, EXILE__V_STDIO), EXILE__E(timerfd_settime, NONE, EXILE__V_STDIO),
	EXILE__E(timerfd_gettime, NONE, EXILE__V_STDIO),
	/* stdio: memory (PROT_EXEC needs prot_exec) */
	EXILE__E(brk, NONE, EXILE__V_STDIO),
	EXILE__E(mmap, PROT, EXILE__V_STDIO | EXILE__V_PROTEXEC),
	EXILE__E(mprotect, PROT, EXILE__V_STDIO | EXILE__V_PROTEXEC),
	EXILE__E(pkey_mprotect, PROT, EXILE__V_STDIO | EXILE__V_PROTEXEC),
	EXILE__E(pkey_alloc, NONE, EXILE__V_STDIO), EXILE__E(pkey_free, NONE, EXILE__V_STDIO),
	EXILE__E(munmap, NONE, EXILE__V_STDIO), EXILE__E(mremap, NONE, EXILE__V_STDIO),
	EXILE__E(remap_file_pages, NONE, EXILE__V_STDIO), EXILE__E(msync, NONE, EXILE__V_STDIO),
	EXILE__E(mincore, NONE, EXILE__V_STDIO), EXILE__E(madvise, NONE, EXILE__V_STDIO),
	EXILE__E(process_madvise, NONE, EXILE__V_STDIO), EXILE__E(mlock, NONE, EXILE__V_STDIO),
	EXILE__E(mlock2, NONE, EXILE__V_STDIO), EXILE__E(munlock, NONE, EXILE__V_STDIO),
	EXILE__E(mlockall, NONE, EXILE__V_STDIO), EXILE__E(munlockall, NONE, EXILE__V_STDIO),
	EXILE__E(mseal, NONE, EXILE__V_STDIO), EXILE__E(map_shadow_stack, NONE, EXILE__V_STDIO),
	EXILE__E(membarrier, NONE, EXILE__V_STDIO), EXILE__E(memfd_create, NONE, EXILE__V_STDIO),
	EXILE__E(shmdt, NONE, EXILE__V_STDIO | EXILE__V_SHM), EXILE__E(mbind, NONE, EXILE__V_STDIO),
	EXILE__E(get_mempolicy, NONE, EXILE__V_STDIO), EXILE__E(set_mempolicy, NONE, EXILE__V_STDIO),
	EXILE__E(set_mempolicy_home_node, NONE, EXILE__V_STDIO),
	EXILE__E(move_pages, SELF0, EXILE__V_STDIO), EXILE__E(migrate_pages, SELF0, EXILE__V_STDIO),
	/* stdio: signals (to itself; any target with proc). SELF is the pid the
	 * filter is built for: a child forked under "clone" keeps it, so it can
	 * signal its parent but not itself unless it holds "proc". */
	EXILE__E(rt_sigaction, NONE, EXILE__V_STDIO), EXILE__E(rt_sigprocmask, NONE, EXILE__V_STDIO),
	EXILE__E(rt_sigpending, NONE, EXILE__V_STDIO), EXILE__E(rt_sigsuspend, NONE, EXILE__V_STDIO),
	EXILE__E(rt_sigtimedwait, NONE, EXILE__V_STDIO), EXILE__E(sigaltstack, NONE, EXILE__V_STDIO),
	EXILE__E(pause, NONE, EXILE__V_STDIO), EXILE__E(alarm, NONE, EXILE__V_STDIO),
	EXILE__E(kill, SIGNAL, EXILE__V_STDIO | EXILE__V_PROC),
	EXILE__E(tgkill, SIGNAL, EXILE__V_STDIO | EXILE__V_PROC),
	EXILE__E(rt_sigqueueinfo, SIGNAL, EXILE__V_STDIO | EXILE__V_PROC),
	EXILE__E(rt_tgsigqueueinfo, SIGNAL, EXILE__V_STDIO | EXILE__V_PROC),
	/* stdio: time */
	EXILE__E(nanosleep, NONE, EXILE__V_STDIO), EXILE__E(clock_nanosleep, NONE, EXILE__V_STDIO),
	EXILE__E(clock_gettime, NONE, EXILE__V_STDIO), EXILE__E(clock_getres, NONE, EXILE__V_STDIO),
	EXILE__E(gettimeofday, NONE, EXILE__V_STDIO), EXILE__E(time, NONE, EXILE__V_STDIO),
	EXILE__E(getitimer, NONE, EXILE__V_STDIO), EXILE__E(setitimer, NONE, EXILE__V_STDIO),
	EXILE__E(timer_create, NONE, EXILE__V_STDIO), EXILE__E(timer_settime, NONE, EXILE__V_STDIO),
	EXILE__E(timer_gettime, NONE, EXILE__V_STDIO), EXILE__E(timer_getoverrun, NONE, EXILE__V_STDIO),
	EXILE__E(timer_delete, NONE, EXILE__V_STDIO), EXILE__E(times, NONE, EXILE__V_STDIO),
	/* stdio: about itself */
	EXILE__E(getpid, NONE, EXILE__V_STDIO), EXILE__E(gettid, NONE, EXILE__V_STDIO),
	EXILE__E(getppid, NONE, EXILE__V_STDIO), EXILE__E(getuid, NONE, EXILE__V_STDIO),
	EXILE__E(geteuid, NONE, EXILE__V_STDIO), EXILE__E(getgid, NONE, EXILE__V_STDIO),
	EXILE__E(getegid, NONE, EXILE__V_STDIO), EXILE__E(getresuid, NONE, EXILE__V_STDIO),
	EXILE__E(getresgid, NONE, EXILE__V_STDIO), EXILE__E(getgroups, NONE, EXILE__V_STDIO),
	EXILE__E(getpgid, NONE, EXILE__V_STDIO), EXILE__E(getpgrp, NONE, EXILE__V_STDIO),
	EXILE__E(getsid, NONE, EXILE__V_STDIO), EXILE__E(getrlimit, NONE, EXILE__V_STDIO),
	EXILE__E(prlimit64, PRLIMIT, EXILE__V_STDIO | EXILE__V_PROC),
	EXILE__E(getrusage, NONE, EXILE__V_STDIO), EXILE__E(sysinfo, NONE, EXILE__V_STDIO),
	EXILE__E(uname, NONE, EXILE__V_STDIO | EXILE__V_PROC), EXILE__E(capget, NONE, EXILE__V_STDIO),
	EXILE__E(getcpu, NONE, EXILE__V_STDIO), EXILE__E(getpriority, NONE, EXILE__V_STDIO),
	EXILE__E(sched_getaffinity, NONE, EXILE__V_STDIO), EXILE__E(sched_yield, NONE, EXILE__V_STDIO),
	EXILE__E(getcwd, NONE, EXILE__V_STDIO), EXILE__E(umask, NONE, EXILE__V_STDIO),
	EXILE__E(getrandom, NONE, EXILE__V_STDIO), EXILE__E(personality, PERSONALITY, EXILE__V_STDIO),
	/* stdio + thread: bookkeeping libc does even in single-threaded programs */
	EXILE__E(futex, NONE, EXILE__V_STDIO | EXILE__V_THREAD),
	EXILE__E(futex_waitv, NONE, EXILE__V_STDIO | EXILE__V_THREAD),
	EXILE__E(futex_wait, NONE, EXILE__V_STDIO | EXILE__V_THREAD),
	EXILE__E(futex_wake, NONE, EXILE__V_STDIO | EXILE__V_THREAD),
	EXILE__E(futex_requeue, NONE, EXILE__V_STDIO | EXILE__V_THREAD),
	EXILE__E(set_robust_list, NONE, EXILE__V_STDIO | EXILE__V_THREAD),
	EXILE__E(set_tid_address, NONE, EXILE__V_STDIO), EXILE__E(rseq, NONE, EXILE__V_STDIO | EXILE__V_THREAD),
	EXILE__E(get_robust_list, NONE, EXILE__V_THREAD),
	/* stdio: children it has, sockets it holds, process knobs */
	EXILE__E(wait4, NONE, EXILE__V_STDIO), EXILE__E(waitid, NONE, EXILE__V_STDIO),
	EXILE__E(sendto, SENDTO, EXILE__V_STDIO | EXILE__V_INET | EXILE__V_UNIX),
	EXILE__E(recvfrom, NONE, EXILE__V_STDIO), EXILE__E(sendmsg, NONE, EXILE__V_STDIO),
	EXILE__E(recvmsg, NONE, EXILE__V_STDIO), EXILE__E(sendmmsg, NONE, EXILE__V_STDIO),
	EXILE__E(recvmmsg, NONE, EXILE__V_STDIO), EXILE__E(shutdown, NONE, EXILE__V_STDIO),
	EXILE__E(socketpair, SOCKETPAIR, EXILE__V_STDIO),
	EXILE__E(prctl, PRCTL, EXILE__V_STDIO | EXILE__V_PRCTL | EXILE__V_SECCOMP),
	EXILE__E(arch_prctl, ARCH_PRCTL, EXILE__V_STDIO | EXILE__V_PRCTL),
	/* rpath, wpath, cpath: open decides by flags (see exile__vow_rules) */
	EXILE__E(open, OPEN, EXILE__V_RPATH | EXILE__V_WPATH | EXILE__V_CPATH),
	EXILE__E(openat, OPENAT, EXILE__V_RPATH | EXILE__V_WPATH | EXILE__V_CPATH),
	EXILE__E(creat, CREAT, EXILE__V_CPATH),
	EXILE__E(stat, NONE, EXILE__V_RPATH), EXILE__E(lstat, NONE, EXILE__V_RPATH),
	EXILE__E(newfstatat, FSTATAT, EXILE__V_STDIO | EXILE__V_RPATH), EXILE__E(statx, FSTATAT, EXILE__V_STDIO | EXILE__V_RPATH),
	EXILE__E(access, NONE, EXILE__V_RPATH), EXILE__E(faccessat, NONE, EXILE__V_RPATH),
	EXILE__E(faccessat2, NONE, EXILE__V_RPATH), EXILE__E(readlink, NONE, EXILE__V_RPATH),
	EXILE__E(readlinkat, NONE, EXILE__V_RPATH), EXILE__E(getdents, NONE, EXILE__V_RPATH),
	EXILE__E(getdents64, NONE, EXILE__V_RPATH), EXILE__E(chdir, NONE, EXILE__V_RPATH),
	EXILE__E(fchdir, NONE, EXILE__V_RPATH), EXILE__E(statfs, NONE, EXILE__V_RPATH),
	EXILE__E(fstatfs, NONE, EXILE__V_RPATH), EXILE__E(getxattr, NONE, EXILE__V_RPATH),
	EXILE__E(lgetxattr, NONE, EXILE__V_RPATH), EXILE__E(fgetxattr, NONE, EXILE__V_RPATH),
	EXILE__E(listxattr, NONE, EXILE__V_RPATH), EXILE__E(llistxattr, NONE, EXILE__V_RPATH),
	EXILE__E(flistxattr, NONE, EXILE__V_RPATH), EXILE__E(getxattrat, NONE, EXILE__V_RPATH),
	EXILE__E(listxattrat, NONE, EXILE__V_RPATH), EXILE__E(file_getattr, NONE, EXILE__V_RPATH),
	EXILE__E(truncate, NONE, EXILE__V_WPATH),
	EXILE__E(fallocate, NONE, EXILE__V_WPATH | EXILE__V_CPATH),
	EXILE__E(mkdir, NONE, EXILE__V_CPATH), EXILE__E(mkdirat, NONE, EXILE__V_CPATH),
	EXILE__E(rmdir, NONE, EXILE__V_CPATH), EXILE__E(unlink, NONE, EXILE__V_CPATH),
	EXILE__E(unlinkat, NONE, EXILE__V_CPATH), EXILE__E(rename, NONE, EXILE__V_CPATH),
	EXILE__E(renameat, NONE, EXILE__V_CPATH), EXILE__E(renameat2, NONE, EXILE__V_CPATH),
	EXILE__E(link, NONE, EXILE__V_CPATH), EXILE__E(linkat, NONE, EXILE__V_CPATH),
	EXILE__E(symlink, NONE, EXILE__V_CPATH), EXILE__E(symlinkat, NONE, EXILE__V_CPATH),
	/* dpath, fattr, chown (set-id mode bits refused) */
	EXILE__E(mknod, MODE1, EXILE__V_DPATH), EXILE__E(mknodat, MODE2, EXILE__V_DPATH),
	EXILE__E(chmod, MODE1, EXILE__V_FATTR), EXILE__E(fchmod, MODE1, EXILE__V_FATTR),
	EXILE__E(fchmodat, MODE2, EXILE__V_FATTR), EXILE__E(fchmodat2, MODE2, EXILE__V_FATTR),
	EXILE__E(utime, NONE, EXILE__V_FATTR), EXILE__E(utimes, NONE, EXILE__V_FATTR),
	EXILE__E(futimesat, NONE, EXILE__V_FATTR), EXILE__E(utimensat, NONE, EXILE__V_FATTR),
	EXILE__E(setxattr, NONE, EXILE__V_FATTR), EXILE__E(lsetxattr, NONE, EXILE__V_FATTR),
	EXILE__E(fsetxattr, NONE, EXILE__V_FATTR), EXILE__E(removexattr, NONE, EXILE__V_FATTR),
	EXILE__E(lremovexattr, NONE, EXILE__V_FATTR), EXILE__E(fremovexattr, NONE, EXILE__V_FATTR),
	EXILE__E(setxattrat, NONE, EXILE__V_FATTR), EXILE__E(removexattrat, NONE, EXILE__V_FATTR),
	EXILE__E(file_setattr, NONE, EXILE__V_FATTR),
	EXILE__E(chown, NONE, EXILE__V_CHOWN), EXILE__E(fchown, NONE, EXILE__V_CHOWN),
	EXILE__E(lchown, NONE, EXILE__V_CHOWN), EXILE__E(fchownat, NONE, EXILE__V_CHOWN),
	/* exec, clone, thread */
	EXILE__E(execve, NONE, EXILE__V_EXEC), EXILE__E(execveat, NONE, EXILE__V_EXEC),
	EXILE__E(clone, CLONE, EXILE__V_CLONE | EXILE__V_THREAD),
	EXILE__E(clone3, NONE, EXILE__V_CLONE), EXILE__E(fork, NONE, EXILE__V_CLONE),
	EXILE__E(vfork, NONE, EXILE__V_CLONE), EXILE__E(unshare, NONE, EXILE__V_CLONE),
	/* proc */
	EXILE__E(tkill, NONE, EXILE__V_PROC), EXILE__E(pidfd_open, NONE, EXILE__V_PROC),
	EXILE__E(pidfd_send_signal, NONE, EXILE__V_PROC), EXILE__E(process_mrelease, NONE, EXILE__V_PROC),
	EXILE__E(setpgid, NONE, EXILE__V_PROC), EXILE__E(setsid, NONE, EXILE__V_PROC),
	EXILE__E(setpriority, NONE, EXILE__V_PROC | EXILE__V_SCHED), EXILE__E(setrlimit, NONE, EXILE__V_PROC),
	/* id */
	EXILE__E(setuid, NONE, EXILE__V_ID), EXILE__E(setgid, NONE, EXILE__V_ID),
	EXILE__E(setreuid, NONE, EXILE__V_ID), EXILE__E(setregid, NONE, EXILE__V_ID),
	EXILE__E(setresuid, NONE, EXILE__V_ID), EXILE__E(setresgid, NONE, EXILE__V_ID),
	EXILE__E(setgroups, NONE, EXILE__V_ID), EXILE__E(setfsuid, NONE, EXILE__V_ID),
	EXILE__E(setfsgid, NONE, EXILE__V_ID), EXILE__E(capset, NONE, EXILE__V_ID),
	/* sched */
	EXILE__E(sched_setparam, NONE, EXILE__V_SCHED), EXILE__E(sched_getparam, NONE, EXILE__V_SCHED),
	EXILE__E(sched_setscheduler, NONE, EXILE__V_SCHED), EXILE__E(sched_getscheduler, NONE, EXILE__V_SCHED),
	EXILE__E(sched_get_priority_max, NONE, EXILE__V_SCHED), EXILE__E(sched_get_priority_min, NONE, EXILE__V_SCHED),
	EXILE__E(sched_rr_get_interval, NONE, EXILE__V_SCHED), EXILE__E(sched_setattr, NONE, EXILE__V_SCHED),
	EXILE__E(sched_getattr, NONE, EXILE__V_SCHED), EXILE__E(sched_setaffinity, NONE, EXILE__V_SCHED),
	EXILE__E(ioprio_get, NONE, EXILE__V_SCHED), EXILE__E(ioprio_set, NONE, EXILE__V_SCHED),
	/* shm */
	EXILE__E(shmget, NONE, EXILE__V_SHM), EXILE__E(shmat, SHMAT, EXILE__V_SHM),
	EXILE__E(shmctl, NONE, EXILE__V_SHM), EXILE__E(semget, NONE, EXILE__V_SHM),
	EXILE__E(semop, NONE, EXILE__V_SHM), EXILE__E(semtimedop, NONE, EXILE__V_SHM),
	EXILE__E(semctl, NONE, EXILE__V_SHM), EXILE__E(msgget, NONE, EXILE__V_SHM),
	EXILE__E(msgsnd, NONE, EXILE__V_SHM), EXILE__E(msgrcv, NONE, EXILE__V_SHM),
	EXILE__E(msgctl, NONE, EXILE__V_SHM), EXILE__E(mq_open, NONE, EXILE__V_SHM),
	EXILE__E(mq_unlink, NONE, EXILE__V_SHM), EXILE__E(mq_timedsend, NONE, EXILE__V_SHM),
	EXILE__E(mq_timedreceive, NONE, EXILE__V_SHM), EXILE__E(mq_notify, NONE, EXILE__V_SHM),
	EXILE__E(mq_getsetattr, NONE, EXILE__V_SHM),
	/* inet, unix */
	EXILE__E(socket, SOCKET, EXILE__V_INET | EXILE__V_UNIX),
	EXILE__E(connect, NONE, EXILE__V_INET | EXILE__V_UNIX), EXILE__E(bind, NONE, EXILE__V_INET | EXILE__V_UNIX),
	EXILE__E(listen, NONE, EXILE__V_INET | EXILE__V_UNIX), EXILE__E(accept, NONE, EXILE__V_INET | EXILE__V_UNIX),
	EXILE__E(accept4, NONE, EXILE__V_INET | EXILE__V_UNIX),
	EXILE__E(getsockname, NONE, EXILE__V_INET | EXILE__V_UNIX),
	EXILE__E(getpeername, NONE, EXILE__V_INET | EXILE__V_UNIX),
	EXILE__E(getsockopt, GETSOCKOPT, EXILE__V_INET | EXILE__V_UNIX),
	EXILE__E(setsockopt, SETSOCKOPT, EXILE__V_INET | EXILE__V_UNIX),
	/* fsnotify */
	EXILE__E(inotify_init, NONE, EXILE__V_FSNOTIFY), EXILE__E(inotify_init1, NONE, EXILE__V_FSNOTIFY),
	EXILE__E(inotify_add_watch, NONE, EXILE__V_FSNOTIFY), EXILE__E(inotify_rm_watch, NONE, EXILE__V_FSNOTIFY),
	EXILE__E(fanotify_init, NONE, EXILE__V_FSNOTIFY), EXILE__E(fanotify_mark, NONE, EXILE__V_FSNOTIFY),
	/* seccomp_install: only ever narrows */
	EXILE__E(seccomp, SECCOMP, EXILE__V_SECCOMP),
	EXILE__E(landlock_create_ruleset, NONE, EXILE__V_SECCOMP),
	EXILE__E(landlock_add_rule, NONE, EXILE__V_SECCOMP),
	EXILE__E(landlock_restrict_self, NONE, EXILE__V_SECCOMP),
	/* Calls only some architectures have (each drops out where its name is
	 * absent), granted as their twins above. 32-bit ones (i386, arm): the
	 * 64-bit file calls, the 32-bit ids, the 64-bit time calls, the old
	 * signal calls libc still uses. */
	EXILE__E(_llseek, NONE, EXILE__V_STDIO), EXILE__E(sendfile64, NONE, EXILE__V_STDIO),
	EXILE__E(ftruncate64, NONE, EXILE__V_STDIO), EXILE__E(fadvise64_64, NONE, EXILE__V_STDIO),
	EXILE__E(arm_fadvise64_64, NONE, EXILE__V_STDIO), EXILE__E(sync_file_range2, NONE, EXILE__V_STDIO),
	EXILE__E(fcntl64, FCNTL, EXILE__V_STDIO | EXILE__V_PROC | EXILE__V_FSNOTIFY),
	EXILE__E(fstat64, NONE, EXILE__V_STDIO | EXILE__V_RPATH), EXILE__E(_newselect, NONE, EXILE__V_STDIO),
	EXILE__E(pselect6_time64, NONE, EXILE__V_STDIO), EXILE__E(ppoll_time64, NONE, EXILE__V_STDIO),
	EXILE__E(mmap2, PROT, EXILE__V_STDIO | EXILE__V_PROTEXEC),
	EXILE__E(sigaction, NONE, EXILE__V_STDIO), EXILE__E(sigprocmask, NONE, EXILE__V_STDIO),
	EXILE__E(sigpending, NONE, EXILE__V_STDIO), EXILE__E(sigsuspend, NONE, EXILE__V_STDIO),
	EXILE__E(rt_sigtimedwait_time64, NONE, EXILE__V_STDIO),
	EXILE__E(clock_gettime64, NONE, EXILE__V_STDIO), EXILE__E(clock_getres_time64, NONE, EXILE__V_STDIO),
	EXILE__E(clock_nanosleep_time64, NONE, EXILE__V_STDIO), EXILE__E(timer_gettime64, NONE, EXILE__V_STDIO),
	EXILE__E(timer_settime64, NONE, EXILE__V_STDIO), EXILE__E(timerfd_gettime64, NONE, EXILE__V_STDIO),
	EXILE__E(timerfd_settime64, NONE, EXILE__V_STDIO),
	EXILE__E(futex_time64, NONE, EXILE__V_STDIO | EXILE__V_THREAD),
	EXILE__E(getuid32, NONE, EXILE__V_STDIO), EXILE__E(geteuid32, NONE, EXILE__V_STDIO),
	EXILE__E(getgid32, NONE, EXILE__V_STDIO), EXILE__E(getegid32, NONE, EXILE__V_STDIO),
	EXILE__E(getresuid32, NONE, EXILE__V_STDIO), EXILE__E(getresgid32, NONE, EXILE__V_STDIO),
	EXILE__E(getgroups32, NONE, EXILE__V_STDIO), EXILE__E(ugetrlimit, NONE, EXILE__V_STDIO),
	EXILE__E(waitpid, NONE, EXILE__V_STDIO), EXILE__E(recvmmsg_time64, NONE, EXILE__V_STDIO),
	EXILE__E(send, NONE, EXILE__V_STDIO), EXILE__E(recv, NONE, EXILE__V_STDIO),
	EXILE__E(stat64, NONE, EXILE__V_RPATH), EXILE__E(lstat64, NONE, EXILE__V_RPATH),
	EXILE__E(fstatat64, FSTATAT, EXILE__V_STDIO | EXILE__V_RPATH),
	EXILE__E(statfs64, NONE, EXILE__V_RPATH), EXILE__E(fstatfs64, NONE, EXILE__V_RPATH),
	EXILE__E(truncate64, NONE, EXILE__V_WPATH), EXILE__E(utimensat_time64, NONE, EXILE__V_FATTR),
	EXILE__E(chown32, NONE, EXILE__V_CHOWN), EXILE__E(fchown32, NONE, EXILE__V_CHOWN),
	EXILE__E(lchown32, NONE, EXILE__V_CHOWN),
	EXILE__E(setuid32, NONE, EXILE__V_ID), EXILE__E(setgid32, NONE, EXILE__V_ID),
	EXILE__E(setreuid32, NONE, EXILE__V_ID), EXILE__E(setregid32, NONE, EXILE__V_ID),
	EXILE__E(setresuid32, NONE, EXILE__V_ID), EXILE__E(setresgid32, NONE, EXILE__V_ID),
	EXILE__E(setgroups32, NONE, EXILE__V_ID), EXILE__E(setfsuid32, NONE, EXILE__V_ID),
	EXILE__E(setfsgid32, NONE, EXILE__V_ID),
	EXILE__E(nice, NONE, EXILE__V_PROC | EXILE__V_SCHED), EXILE__E(sched_rr_get_interval_time64, NONE, EXILE__V_SCHED),
	EXILE__E(semtimedop_time64, NONE, EXILE__V_SHM), EXILE__E(mq_timedsend_time64, NONE, EXILE__V_SHM),
	EXILE__E(mq_timedreceive_time64, NONE, EXILE__V_SHM),
	/* i386's multiplexers: the call number is in the first argument and the
	 * arguments of socketcall in memory (see exile__vb_socketcall, exile__vb_ipc) */
	EXILE__E(socketcall, SOCKETCALL, EXILE__V_STDIO | EXILE__V_INET | EXILE__V_UNIX),
	EXILE__E(ipc, IPC, EXILE__V_STDIO | EXILE__V_SHM),
	/* arm's own: cache flushing for code it wrote (JITs, trampolines), the
	 * thread pointer; riscv64's instruction-cache flush and CPU probe */
	EXILE__E(cacheflush, NONE, EXILE__V_STDIO), EXILE__E(set_tls, NONE, EXILE__V_STDIO | EXILE__V_THREAD),
	EXILE__E(get_tls, NONE, EXILE__V_STDIO), EXILE__E(riscv_flush_icache, NONE, EXILE__V_STDIO),
	EXILE__E(riscv_hwprobe, NONE, EXILE__V_STDIO),
};
#undef EXILE__E

/* Allowed under every vow set, even an empty one: leaving, returning from a
 * signal handler, and the kernel's own uprobe trampolines. */
static const int exile__vow_base[] = {
	__NR_exit, __NR_exit_group, __NR_rt_sigreturn, __NR_restart_syscall, EXILE__NR(uretprobe), EXILE__NR(uprobe),
	EXILE__NR(sigreturn) /* i386, arm: a handler installed without SA_SIGINFO returns through it */
};

/* The value sets of the argument rules (names in >>uapi). A call is allowed
 * when its value is in the union of the sets of the vows it holds; the
 * builders below unite them once per filter. TIOCSTI and TIOCLINUX are in
 * no set (a test checks it), so no vow can ever allow them. */
struct exile__vow_values
{
	uint64_t vow;          /* the vow that grants these values */
	const uint32_t *vals;
	size_t n;
};
/* ioctl requests, compared by equality on the low 32 bits */
static const uint32_t exile__ioctl_stdio[] = {
	EXILE__FIONREAD, EXILE__FIONBIO, EXILE__FIONCLEX, EXILE__FIOCLEX, EXILE__TCGETS /* isatty() */, EXILE__TIOCGWINSZ
};
static const uint32_t exile__ioctl_inet[] = { EXILE__SIOCATMARK, EXILE__SIOCGIFNAME, EXILE__SIOCGIFINDEX, EXILE__TIOCOUTQ };
static const uint32_t exile__ioctl_ioctl[] = {
	EXILE__TCGETS, EXILE__TCSETS, EXILE__TCSETSW, EXILE__TCSETSF,                     /* termios */
	EXILE__TCGETS2, EXILE__TCSETS2, EXILE__TCSETSW2, EXILE__TCSETSF2,
	EXILE__TCSBRK, EXILE__TCXONC, EXILE__TCFLSH, EXILE__TCSBRKP, EXILE__TIOCSBRK,    /* line */
	EXILE__TIOCCBRK, EXILE__TIOCOUTQ,
	EXILE__TIOCGWINSZ, EXILE__TIOCSWINSZ,                                            /* size */
	EXILE__TIOCSCTTY, EXILE__TIOCGPGRP, EXILE__TIOCSPGRP, EXILE__TIOCNOTTY,          /* job control */
	EXILE__TIOCGSID,
	EXILE__TIOCEXCL, EXILE__TIOCNXCL, EXILE__TIOCGEXCL,                              /* exclusive */
	EXILE__TIOCPKT, EXILE__TIOCGPTN, EXILE__TIOCSPTLCK, EXILE__TIOCGPKT,             /* pty */
	EXILE__TIOCGPTLCK, EXILE__TIOCGPTPEER,
	EXILE__FIOASYNC, EXILE__FIOQSIZE, EXILE__FS_IOC_GETFLAGS, EXILE__FICLONE,        /* files */
	EXILE__FICLONERANGE
};
static const struct exile__vow_values exile__ioctl_values[] = {
	{ EXILE__V_STDIO, exile__ioctl_stdio, EXILE__N(exile__ioctl_stdio) },
	{ EXILE__V_INET, exile__ioctl_inet, EXILE__N(exile__ioctl_inet) },
	{ EXILE__V_IOCTL, exile__ioctl_ioctl, EXILE__N(exile__ioctl_ioctl) },
};
/* fcntl commands */
static const uint32_t exile__fcntl_stdio[] = {
	EXILE__F_DUPFD, EXILE__F_GETFD, EXILE__F_SETFD, EXILE__F_GETFL, EXILE__F_SETFL, EXILE__F_GETLK, EXILE__F_SETLK,
	EXILE__F_SETLKW, EXILE__F_GETOWN, EXILE__F_GETSIG, EXILE__F_GETOWN_EX, EXILE__F_GETOWNER_UIDS,
	EXILE__F_OFD_GETLK, EXILE__F_OFD_SETLK, EXILE__F_OFD_SETLKW, EXILE__F_GETLEASE, EXILE__F_DUPFD_QUERY,
	EXILE__F_CREATED_QUERY, EXILE__F_DUPFD_CLOEXEC, EXILE__F_SETPIPE_SZ, EXILE__F_GETPIPE_SZ, EXILE__F_ADD_SEALS,
	EXILE__F_GET_SEALS, EXILE__F_GET_RW_HINT, EXILE__F_SET_RW_HINT, EXILE__F_GET_FILE_RW_HINT,
	EXILE__F_SET_FILE_RW_HINT
#if EXILE__ARG_BITS == 32
	, EXILE__F_GETLK64, EXILE__F_SETLK64, EXILE__F_SETLKW64 /* fcntl64's locks with struct flock64 */
#endif
};
static const uint32_t exile__fcntl_proc[] = { EXILE__F_SETOWN, EXILE__F_SETSIG, EXILE__F_SETOWN_EX }; /* signals to others */
static const uint32_t exile__fcntl_fsnotify[] = { EXILE__F_SETLEASE, EXILE__F_NOTIFY };
static const struct exile__vow_values exile__fcntl_values[] = {
	{ EXILE__V_STDIO, exile__fcntl_stdio, EXILE__N(exile__fcntl_stdio) },
	{ EXILE__V_PROC, exile__fcntl_proc, EXILE__N(exile__fcntl_proc) },
	{ EXILE__V_FSNOTIFY, exile__fcntl_fsnotify, EXILE__N(exile__fcntl_fsnotify) },
};
/* prctl options (all of them with the prctl vow) */
static const uint32_t exile__prctl_stdio[] = {
	EXILE__PR_SET_PDEATHSIG, EXILE__PR_GET_PDEATHSIG, EXILE__PR_GET_DUMPABLE, EXILE__PR_GET_KEEPCAPS,
	EXILE__PR_SET_NAME, EXILE__PR_GET_NAME, EXILE__PR_GET_SECCOMP, EXILE__PR_CAPBSET_READ, EXILE__PR_CAPBSET_DROP,
	EXILE__PR_GET_SECUREBITS, EXILE__PR_GET_TIMERSLACK, EXILE__PR_GET_CHILD_SUBREAPER, EXILE__PR_SET_NO_NEW_PRIVS,
	EXILE__PR_GET_NO_NEW_PRIVS, EXILE__PR_GET_TID_ADDRESS, EXILE__PR_GET_THP_DISABLE,
	EXILE__PR_GET_SPECULATION_CTRL, EXILE__PR_SET_MDWE, EXILE__PR_GET_MDWE, EXILE__PR_SET_VMA, EXILE__PR_GET_AUXV
};
static const uint32_t exile__prctl_seccomp[] = { EXILE__PR_GET_SECCOMP, EXILE__PR_SET_SECCOMP, EXILE__PR_SET_NO_NEW_PRIVS };
static const struct exile__vow_values exile__prctl_values[] = {
	{ EXILE__V_STDIO, exile__prctl_stdio, EXILE__N(exile__prctl_stdio) },
	{ EXILE__V_SECCOMP, exile__prctl_seccomp, EXILE__N(exile__prctl_seccomp) },
};
/* arch_prctl codes (all of them with the prctl vow) */
static const uint32_t exile__arch_prctl_stdio[] = {
	EXILE__ARCH_SET_GS, EXILE__ARCH_SET_FS, EXILE__ARCH_GET_FS, EXILE__ARCH_GET_GS, EXILE__ARCH_GET_CPUID,
	EXILE__ARCH_GET_XCOMP_SUPP, EXILE__ARCH_GET_XCOMP_PERM, EXILE__ARCH_REQ_XCOMP_PERM, EXILE__ARCH_GET_UNTAG_MASK,
	EXILE__ARCH_GET_MAX_TAG_BITS, EXILE__ARCH_SHSTK_ENABLE, EXILE__ARCH_SHSTK_LOCK, EXILE__ARCH_SHSTK_STATUS
};
static const struct exile__vow_values exile__arch_prctl_values[] = {
	{ EXILE__V_STDIO, exile__arch_prctl_stdio, EXILE__N(exile__arch_prctl_stdio) },
};
/* setsockopt names per level (unix and inet: SOL_SOCKET; inet: the IP levels) */
static const uint32_t exile__sockopt_socket[] = {
	EXILE__SO_REUSEADDR, EXILE__SO_BROADCAST, EXILE__SO_SNDBUF, EXILE__SO_RCVBUF, EXILE__SO_KEEPALIVE,
	EXILE__SO_OOBINLINE, EXILE__SO_LINGER, EXILE__SO_REUSEPORT, EXILE__SO_PASSCRED, EXILE__SO_RCVLOWAT,
	EXILE__SO_RCVTIMEO_OLD, EXILE__SO_SNDTIMEO_OLD, EXILE__SO_TIMESTAMP_OLD, EXILE__SO_TIMESTAMPNS_OLD,
	EXILE__SO_ZEROCOPY, EXILE__SO_TIMESTAMP_NEW, EXILE__SO_TIMESTAMPNS_NEW, EXILE__SO_RCVTIMEO_NEW,
	EXILE__SO_SNDTIMEO_NEW
};
static const uint32_t exile__sockopt_ip[] = {
	EXILE__IP_TOS, EXILE__IP_TTL, EXILE__IP_PKTINFO, EXILE__IP_MTU_DISCOVER, EXILE__IP_RECVERR, EXILE__IP_RECVTTL,
	EXILE__IP_RECVTOS, EXILE__IP_BIND_ADDRESS_NO_PORT, EXILE__IP_MULTICAST_IF, EXILE__IP_MULTICAST_TTL,
	EXILE__IP_MULTICAST_LOOP, EXILE__IP_ADD_MEMBERSHIP, EXILE__IP_DROP_MEMBERSHIP
};
static const uint32_t exile__sockopt_tcp[] = {
	EXILE__TCP_NODELAY, EXILE__TCP_MAXSEG, EXILE__TCP_CORK, EXILE__TCP_KEEPIDLE, EXILE__TCP_KEEPINTVL,
	EXILE__TCP_KEEPCNT, EXILE__TCP_SYNCNT, EXILE__TCP_LINGER2, EXILE__TCP_DEFER_ACCEPT, EXILE__TCP_WINDOW_CLAMP,
	EXILE__TCP_QUICKACK, EXILE__TCP_USER_TIMEOUT, EXILE__TCP_FASTOPEN, EXILE__TCP_NOTSENT_LOWAT,
	EXILE__TCP_FASTOPEN_CONNECT
};
static const uint32_t exile__sockopt_udp[] = { EXILE__UDP_CORK, EXILE__UDP_SEGMENT, EXILE__UDP_GRO };
static const uint32_t exile__sockopt_ipv6[] = {
	EXILE__IPV6_UNICAST_HOPS, EXILE__IPV6_MULTICAST_IF, EXILE__IPV6_MULTICAST_HOPS, EXILE__IPV6_MULTICAST_LOOP,
	EXILE__IPV6_ADD_MEMBERSHIP, EXILE__IPV6_DROP_MEMBERSHIP, EXILE__IPV6_MTU_DISCOVER, EXILE__IPV6_RECVERR,
	EXILE__IPV6_V6ONLY, EXILE__IPV6_RECVPKTINFO, EXILE__IPV6_RECVHOPLIMIT, EXILE__IPV6_RECVTCLASS, EXILE__IPV6_TCLASS
};

static const struct
{
	const char *name;
	uint64_t bit;
} exile__vow_names[] = {
	{ "chown", EXILE__V_CHOWN }, { "clone", EXILE__V_CLONE }, { "cpath", EXILE__V_CPATH },
	{ "dpath", EXILE__V_DPATH }, { "exec", EXILE__V_EXEC }, { "fattr", EXILE__V_FATTR },
	{ "fsnotify", EXILE__V_FSNOTIFY }, { "id", EXILE__V_ID }, { "inet", EXILE__V_INET },
	{ "ioctl", EXILE__V_IOCTL }, { "prctl", EXILE__V_PRCTL }, { "proc", EXILE__V_PROC },
	{ "prot_exec", EXILE__V_PROTEXEC }, { "rpath", EXILE__V_RPATH }, { "sched", EXILE__V_SCHED },
	{ "seccomp_install", EXILE__V_SECCOMP }, { "shm", EXILE__V_SHM }, { "stdio", EXILE__V_STDIO },
	{ "thread", EXILE__V_THREAD }, { "unix", EXILE__V_UNIX }, { "wpath", EXILE__V_WPATH },
	{ "error", EXILE_SYSCALL_VOW_DENY_ERROR }
};

EXILE_API const char *exile_vow_name(uint64_t vow)
{
	size_t i;
	for(i = 0; i < EXILE__N(exile__vow_names); i++)
	{
		if(exile__vow_names[i].bit == vow)
		{
			return exile__vow_names[i].name;
		}
	}
	return NULL;
}

EXILE__PRIVATE int exile__isspace(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/* Edit distance between a word (len n) and a name, for "did you mean". */
EXILE__PRIVATE size_t exile__distance(const char *a, size_t n, const char *b)
{
	size_t m = strlen(b), i, j, row[32];
	if(n >= 31 || m >= 31)
	{
		return 99;
	}
	for(j = 0; j <= m; j++)
	{
		row[j] = j;
	}
	for(i = 1; i <= n; i++)
	{
		size_t diag = row[0];
		row[0] = i;
		for(j = 1; j <= m; j++)
		{
			size_t up = row[j];
			size_t best = diag + (a[i - 1] != b[j - 1]);
			if(row[j] + 1 < best)
			{
				best = row[j] + 1;
			}
			if(row[j - 1] + 1 < best)
			{
				best = row[j - 1] + 1;
			}
			row[j] = best;
			diag = up;
		}
	}
	return row[m];
}

EXILE_API uint64_t exile_vows_from_str(const char *str)
{
	uint64_t result = 0;
	const char *p = str;
	if(str == NULL)
	{
		exile__fail(-EINVAL, NULL, "exile_vows_from_str: NULL string");
		return EXILE_SYSCALL_VOW_INVALID;
	}
	while(*p != '\0')
	{
		const char *w;
		size_t n, i, best = 0, bestd = (size_t)-1;
		int found = 0;
		while(exile__isspace(*p))
		{
			p++;
		}
		if(*p == '\0')
		{
			break;
		}
		w = p;
		while(*p != '\0' && !exile__isspace(*p))
		{
			p++;
		}
		n = (size_t)(p - w);
		for(i = 0; i < EXILE__N(exile__vow_names); i++)
		{
			size_t d;
			if(strlen(exile__vow_names[i].name) == n && strncmp(exile__vow_names[i].name, w, n) == 0)
			{
				result |= exile__vow_names[i].bit;
				found = 1;
				break;
			}
			d = exile__distance(w, n, exile__vow_names[i].name);
			if(d < bestd)
			{
				bestd = d;
				best = i;
			}
		}
		if(!found)
		{
			result |= EXILE_SYSCALL_VOW_INVALID;
			exile__fail(-EINVAL, NULL, "unknown vow \"%.*s\" in \"%s\" (did you mean \"%s\"?)", (int)(n > 64 ? 64 : n), w,
					str, exile__vow_names[best].name);
		}
	}
	/* no vow at all: the base set, as pledge("") (0 would mean "no vow filter") */
	return result != 0 ? result : EXILE_SYSCALL_VOW_BASE;
}

/* The vow compiler. A context is made once per filter: the held vows, the
 * deny action, SELF, where each number's entry is (one pass over the table),
 * and the value sets united for the held vows (each once, when first asked).
 * Each kind of rule has one small builder, dispatched by the entry's kind;
 * per syscall number the work is one index lookup and its builder. */
#define EXILE__VOW_NO_ENTRY 0      /* index: no vow lists the number */
#define EXILE__VOW_BASE     0xFFFF /* index: the base set, allowed under every vow set */
#define EXILE__VOW_SET_MAX 64      /* values in one union (checked by the sizes below) */

struct exile__vow_union
{
	uint32_t vals[EXILE__VOW_SET_MAX];
	size_t n;
	int ready;
};

struct exile__vow_ctx
{
	uint64_t held;
	uint32_t deny, self;
	uint32_t self_or_0[2];   /* { 0, self } in ascending order */
	int stable;              /* the rules may point into this context: it outlives them */
	const uint16_t *index;   /* [EXILE__NR_COUNT]: 1 + the entry's position, or EXILE__VOW_NO_ENTRY /
	                            EXILE__VOW_BASE; NULL: the table is searched */
	struct exile__vow_union ioctl, fcntl, prctl, arch_prctl;
};

EXILE__PRIVATE int exile__sorted_unique(const uint32_t *v, size_t n)
{
	size_t i;
	for(i = 1; i < n; i++)
	{
		if(v[i - 1] >= v[i])
		{
			return 0;
		}
	}
	return 1;
}

/* stable: rules built with this context never outlive it (the filter
 * builder); otherwise every value set is copied into the rule list. */
EXILE__PRIVATE void exile__vow_ctx_init(struct exile__vow_ctx *c, uint64_t held, uint32_t deny, uint32_t self, int stable)
{
	c->held = held;
	c->deny = deny;
	c->self = self;
	c->self_or_0[0] = 0;
	c->self_or_0[1] = self;
	c->stable = stable;
	c->index = NULL;
	c->ioctl.ready = c->fcntl.ready = c->prctl.ready = c->arch_prctl.ready = 0;
}

/* One pass over the table, for a context that answers many numbers; the
 * index lives in the caller's room (EXILE__NR_COUNT entries). */
EXILE__PRIVATE void exile__vow_ctx_index(struct exile__vow_ctx *c, uint16_t *room)
{
	size_t i;
	memset(room, 0, EXILE__NR_COUNT * sizeof(*room));
	for(i = 0; i < EXILE__N(exile__vow_table); i++)
	{
		if(exile__vow_table[i].nr >= 0 && exile__vow_table[i].nr < EXILE__NR_COUNT)
		{
			room[exile__vow_table[i].nr] = (uint16_t)(i + 1);
		}
	}
	for(i = 0; i < EXILE__N(exile__vow_base); i++)
	{
		if(exile__vow_base[i] >= 0)
		{
			room[exile__vow_base[i]] = EXILE__VOW_BASE;
		}
	}
	c->index = room;
}

/* The union of the sets of the held vows, ascending and without repeats. */
EXILE__PRIVATE const struct exile__vow_union *exile__vow_unite(struct exile__vow_ctx *c, struct exile__vow_union *u,
		const struct exile__vow_values *parts, size_t nparts)
{
	size_t p, i;
	if(u->ready)
	{
		return u;
	}
	u->n = 0;
	for(p = 0; p < nparts; p++)
	{
		if(!(c->held & parts[p].vow))
		{
			continue;
		}
		for(i = 0; i < parts[p].n; i++)
		{
			uint32_t v = parts[p].vals[i];
			size_t j = u->n;
			while(j > 0 && u->vals[j - 1] > v)
			{
				j--;
			}
			if((j > 0 && u->vals[j - 1] == v) || u->n == EXILE__VOW_SET_MAX)
			{
				continue; /* already there (the sizes are checked at compile time) */
			}
			memmove(&u->vals[j + 1], &u->vals[j], (u->n - j) * sizeof(uint32_t));
			u->vals[j] = v;
			u->n++;
		}
	}
	u->ready = 1;
	return u;
}

/* "(lo32(arg) & mask) is one of vals": points at vals when the context is
 * stable and vals is ascending; copies them otherwise. */
EXILE__PRIVATE void exile__vow_in(struct exile__vow_ctx *c, struct exile__rules *rs, struct exile__rule *r, unsigned arg,
		uint32_t mask, const uint32_t *vals, size_t n)
{
	if(!c->stable || !exile__sorted_unique(vals, n))
	{
		exile__rule_in(rs, r, arg, mask, vals, n);
		return;
	}
	exile__rule_cond(r, arg, EXILE__OP_IN, 1, 0, mask);
	if(r->ncond <= EXILE_ARG_CMP_MAX)
	{
		r->cond[r->ncond - 1].vals = vals;
		r->cond[r->ncond - 1].nvals = n;
	}
}

#define EXILE__HELD(c, v) (((c)->held & (v)) != 0)
#define EXILE__ALLOW SECCOMP_RET_ALLOW

EXILE__PRIVATE void exile__vb_none(struct exile__vow_ctx *c, struct exile__rules *rs, const struct exile__vow_entry *e)
{
	(void)c;
	(void)e;
	exile__rules_add(rs, EXILE__ALLOW);
}

/* open, openat: each access mode needs its vow; O_TRUNC/O_APPEND need wpath;
 * creating (O_CREAT, __O_TMPFILE) needs cpath and no set-id bits. */
EXILE__PRIVATE void exile__vb_open(struct exile__vow_ctx *c, struct exile__rules *rs, const struct exile__vow_entry *e)
{
	/* the access modes a missing vow forbids (3: the kernel's "no access, ioctl only") */
	static const uint32_t no_rpath[] = { O_RDONLY, O_RDWR, EXILE__O_ACCMODE }, no_wpath[] = { O_WRONLY, O_RDWR, EXILE__O_ACCMODE };
	static const uint32_t creating = O_CREAT | EXILE__O_TMPFILE_BIT;
	unsigned flags = e->kind == EXILE__K_OPENAT ? 2 : 1, mode = flags + 1;
	uint32_t forbidden = 0;
	int r_ok = EXILE__HELD(c, EXILE__V_RPATH), w_ok = EXILE__HELD(c, EXILE__V_WPATH);
	struct exile__rule *r;
	if(!r_ok && !w_ok)
	{
		return; /* no access mode is allowed: the call is denied */
	}
	if(!w_ok)
	{
		forbidden |= O_TRUNC | O_APPEND;
	}
	if(!EXILE__HELD(c, EXILE__V_CPATH))
	{
		forbidden |= creating;
	}
	if(forbidden != 0)
	{
		exile__rule_cond(exile__rules_add(rs, c->deny), flags, EXILE__OP_ANYSET, 1, 0, forbidden);
	}
	if(!r_ok || !w_ok)
	{
		exile__vow_in(c, rs, exile__rules_add(rs, c->deny), flags, EXILE__O_ACCMODE, r_ok ? no_wpath : no_rpath, 3);
	}
	if(EXILE__HELD(c, EXILE__V_CPATH))
	{
		r = exile__rules_add(rs, c->deny);
		exile__rule_cond(r, flags, EXILE__OP_ANYSET, 1, 0, creating);
		exile__rule_cond(r, mode, EXILE__OP_ANYSET, 1, 0, 06000);
	}
	exile__rules_add(rs, EXILE__ALLOW);
}

/* creat = open(O_WRONLY|O_CREAT|O_TRUNC): cpath and wpath, no set-id bits */
EXILE__PRIVATE void exile__vb_creat(struct exile__vow_ctx *c, struct exile__rules *rs, const struct exile__vow_entry *e)
{
	(void)e;
	if(EXILE__HELD(c, EXILE__V_CPATH) && EXILE__HELD(c, EXILE__V_WPATH))
	{
		exile__rule_cond(exile__rules_add(rs, c->deny), 1, EXILE__OP_ANYSET, 1, 0, 06000);
		exile__rules_add(rs, EXILE__ALLOW);
	}
}

/* mmap, mprotect, pkey_mprotect (PROT_EXEC) and shmat (SHM_EXEC) need prot_exec for executable memory */
EXILE__PRIVATE void exile__vb_prot(struct exile__vow_ctx *c, struct exile__rules *rs, const struct exile__vow_entry *e)
{
	unsigned kind = e->kind;
	if(!EXILE__HELD(c, EXILE__V_PROTEXEC))
	{
		exile__rule_cond(exile__rules_add(rs, c->deny), 2, EXILE__OP_ANYSET, 1, 0,
				kind == EXILE__K_PROT ? 0x4 /* PROT_EXEC */ : 0100000 /* SHM_EXEC */);
	}
	exile__rules_add(rs, EXILE__ALLOW);
}

/* ioctl, fcntl, prctl, arch_prctl: the argument in the union of the held vows' sets */
EXILE__PRIVATE void exile__vb_values(struct exile__vow_ctx *c, struct exile__rules *rs, const struct exile__vow_entry *e)
{
	unsigned kind = e->kind;
	const struct exile__vow_union *u;
	unsigned arg = 0;
	if((kind == EXILE__K_PRCTL || kind == EXILE__K_ARCH_PRCTL) && EXILE__HELD(c, EXILE__V_PRCTL))
	{
		exile__rules_add(rs, EXILE__ALLOW); /* the prctl vow: every option */
		return;
	}
	switch(kind)
	{
	case EXILE__K_IOCTL:
		u = exile__vow_unite(c, &c->ioctl, exile__ioctl_values, EXILE__N(exile__ioctl_values));
		arg = 1;
		break;
	case EXILE__K_FCNTL:
		u = exile__vow_unite(c, &c->fcntl, exile__fcntl_values, EXILE__N(exile__fcntl_values));
		arg = 1;
		break;
	case EXILE__K_PRCTL:
		u = exile__vow_unite(c, &c->prctl, exile__prctl_values, EXILE__N(exile__prctl_values));
		break;
	default:
		u = exile__vow_unite(c, &c->arch_prctl, exile__arch_prctl_values, EXILE__N(exile__arch_prctl_values));
		break;
	}
	exile__vow_in(c, rs, exile__rules_add(rs, EXILE__ALLOW), arg, EXILE__FULL, u->vals, u->n);
}

/* socket: AF_UNIX stream/dgram/seqpacket with unix; AF_INET/AF_INET6 stream
 * or dgram with the usual protocols, and NETLINK_ROUTE, with inet. The type
 * is compared without SOCK_NONBLOCK and SOCK_CLOEXEC; any other bit fails. */
EXILE__PRIVATE void exile__vb_socket(struct exile__vow_ctx *c, struct exile__rules *rs, const struct exile__vow_entry *e)
{
	static const uint32_t unix_types[] = { 1 /* SOCK_STREAM */, 2 /* SOCK_DGRAM */, 5 /* SOCK_SEQPACKET */ };
	static const uint32_t inet_domains[] = { 2 /* AF_INET */, 10 /* AF_INET6 */ }, inet_types[] = { 1, 2 };
	static const uint32_t inet_protos[] = { 0, 1 /* ICMP */, 6 /* TCP */, 17 /* UDP */, 58 /* ICMPV6 */, 262 /* MPTCP */ };
	static const uint32_t netlink_types[] = { 2 /* SOCK_DGRAM */, 3 /* SOCK_RAW */ };
	const uint32_t tmask = ~(uint32_t)(04000 | 02000000);
	struct exile__rule *r;
	(void)e;
	if(EXILE__HELD(c, EXILE__V_UNIX))
	{
		r = exile__rules_add(rs, EXILE__ALLOW);
		exile__rule_cond(r, 0, EXILE_CMP_EQ, 1, 1 /* AF_UNIX */, 0);
		exile__vow_in(c, rs, r, 1, tmask, unix_types, EXILE__N(unix_types));
		exile__rule_cond(r, 2, EXILE_CMP_EQ, 1, 0, 0);
	}
	if(EXILE__HELD(c, EXILE__V_INET))
	{
		r = exile__rules_add(rs, EXILE__ALLOW);
		exile__vow_in(c, rs, r, 0, EXILE__FULL, inet_domains, EXILE__N(inet_domains));
		exile__vow_in(c, rs, r, 1, tmask, inet_types, EXILE__N(inet_types));
		exile__vow_in(c, rs, r, 2, EXILE__FULL, inet_protos, EXILE__N(inet_protos));
		r = exile__rules_add(rs, EXILE__ALLOW);
		exile__rule_cond(r, 0, EXILE_CMP_EQ, 1, 16 /* AF_NETLINK */, 0);
		exile__vow_in(c, rs, r, 1, tmask, netlink_types, EXILE__N(netlink_types));
		exile__rule_cond(r, 2, EXILE_CMP_EQ, 1, 0 /* NETLINK_ROUTE */, 0);
	}
}

EXILE__PRIVATE void exile__vb_socketpair(struct exile__vow_ctx *c, struct exile__rules *rs, const struct exile__vow_entry *e)
{
	(void)c;
	(void)e;
	exile__rule_cond(exile__rules_add(rs, EXILE__ALLOW), 0, EXILE_CMP_EQ, 1, 1 /* AF_UNIX */, 0);
}

EXILE__PRIVATE void exile__vb_setsockopt(struct exile__vow_ctx *c, struct exile__rules *rs, const struct exile__vow_entry *e)
{
	static const struct
	{
		uint32_t level;
		const uint32_t *names;
		size_t n;
	} inet_levels[] = {
		{ EXILE__SOL_TCP, exile__sockopt_tcp, EXILE__N(exile__sockopt_tcp) },
		{ EXILE__SOL_IP, exile__sockopt_ip, EXILE__N(exile__sockopt_ip) },
		{ EXILE__SOL_IPV6, exile__sockopt_ipv6, EXILE__N(exile__sockopt_ipv6) },
		{ EXILE__SOL_UDP, exile__sockopt_udp, EXILE__N(exile__sockopt_udp) },
	};
	struct exile__rule *r = exile__rules_add(rs, EXILE__ALLOW);
	size_t i;
	(void)e;
	exile__rule_cond(r, 1, EXILE_CMP_EQ, 1, EXILE__SOL_SOCKET, 0);
	exile__vow_in(c, rs, r, 2, EXILE__FULL, exile__sockopt_socket, EXILE__N(exile__sockopt_socket));
	for(i = 0; EXILE__HELD(c, EXILE__V_INET) && i < EXILE__N(inet_levels); i++)
	{
		r = exile__rules_add(rs, EXILE__ALLOW);
		exile__rule_cond(r, 1, EXILE_CMP_EQ, 1, inet_levels[i].level, 0);
		exile__vow_in(c, rs, r, 2, EXILE__FULL, inet_levels[i].names, inet_levels[i].n);
	}
}

/* getsockopt reads: by level only */
EXILE__PRIVATE void exile__vb_getsockopt(struct exile__vow_ctx *c, struct exile__rules *rs, const struct exile__vow_entry *e)
{
	static const uint32_t unix_levels[] = { EXILE__SOL_SOCKET };
	static const uint32_t inet_levels[] = { EXILE__SOL_IP, EXILE__SOL_SOCKET, EXILE__SOL_TCP, EXILE__SOL_UDP, EXILE__SOL_IPV6 };
	struct exile__rule *r = exile__rules_add(rs, EXILE__ALLOW);
	(void)e;
	if(EXILE__HELD(c, EXILE__V_INET))
	{
		exile__vow_in(c, rs, r, 1, EXILE__FULL, inet_levels, EXILE__N(inet_levels));
	}
	else
	{
		exile__vow_in(c, rs, r, 1, EXILE__FULL, unix_levels, EXILE__N(unix_levels));
	}
}

/* sendto: to an address only with inet or unix; stdio sends on sockets it holds */
EXILE__PRIVATE void exile__vb_sendto(struct exile__vow_ctx *c, struct exile__rules *rs, const struct exile__vow_entry *e)
{
	struct exile__rule *r = exile__rules_add(rs, EXILE__ALLOW);
	(void)e;
	if(!EXILE__HELD(c, EXILE__V_INET | EXILE__V_UNIX))
	{
		exile__rule_cond(r, 4, EXILE_CMP_EQ, 0, 0, 0); /* no address */
	}
}

/* clone: threads only without the clone vow: all of CLONE_VM|CLONE_SIGHAND|CLONE_THREAD, no namespace flag */
EXILE__PRIVATE void exile__vb_clone(struct exile__vow_ctx *c, struct exile__rules *rs, const struct exile__vow_entry *e)
{
	struct exile__rule *r = exile__rules_add(rs, EXILE__ALLOW);
	(void)e;
	if(!EXILE__HELD(c, EXILE__V_CLONE))
	{
		exile__rule_cond(r, 0, EXILE_CMP_MASKED_EQ, 1, 0x10900, 0x10900 | 0x7E020000);
	}
}

/* kill, tgkill, rt_(tg)sigqueueinfo: to SELF without proc */
EXILE__PRIVATE void exile__vb_signal(struct exile__vow_ctx *c, struct exile__rules *rs, const struct exile__vow_entry *e)
{
	struct exile__rule *r = exile__rules_add(rs, EXILE__ALLOW);
	(void)e;
	if(!EXILE__HELD(c, EXILE__V_PROC))
	{
		exile__rule_cond(r, 0, EXILE_CMP_EQ, 1, c->self, 0);
	}
}

/* prlimit64: without proc only its own limits (0 or SELF), read-only */
EXILE__PRIVATE void exile__vb_prlimit(struct exile__vow_ctx *c, struct exile__rules *rs, const struct exile__vow_entry *e)
{
	struct exile__rule *r = exile__rules_add(rs, EXILE__ALLOW);
	(void)e;
	if(!EXILE__HELD(c, EXILE__V_PROC))
	{
		exile__vow_in(c, rs, r, 0, EXILE__FULL, c->self_or_0, 2);
		exile__rule_cond(r, 2, EXILE_CMP_EQ, 0, 0, 0); /* no new limit */
	}
}

/* move_pages, migrate_pages: its own pages only (0 or SELF) */
EXILE__PRIVATE void exile__vb_self0(struct exile__vow_ctx *c, struct exile__rules *rs, const struct exile__vow_entry *e)
{
	(void)e;
	exile__vow_in(c, rs, exile__rules_add(rs, EXILE__ALLOW), 0, EXILE__FULL, c->self_or_0, 2);
}

EXILE__PRIVATE void exile__vb_personality(struct exile__vow_ctx *c, struct exile__rules *rs, const struct exile__vow_entry *e)
{
	static const uint32_t ok[] = { 0 /* PER_LINUX */, 0xFFFFFFFFu /* query */ };
	(void)e;
	exile__vow_in(c, rs, exile__rules_add(rs, EXILE__ALLOW), 0, EXILE__FULL, ok, EXILE__N(ok));
}

/* seccomp: the four operations, never SECCOMP_FILTER_FLAG_SPEC_ALLOW */
EXILE__PRIVATE void exile__vb_seccomp(struct exile__vow_ctx *c, struct exile__rules *rs, const struct exile__vow_entry *e)
{
	static const uint32_t ops[] = { 0, 1, 2, 3 };
	struct exile__rule *r = exile__rules_add(rs, EXILE__ALLOW);
	(void)e;
	exile__vow_in(c, rs, r, 0, EXILE__FULL, ops, EXILE__N(ops));
	exile__rule_cond(r, 1, EXILE_CMP_MASKED_EQ, 1, 0, 4 /* SECCOMP_FILTER_FLAG_SPEC_ALLOW */);
}

/* mknod (arg 1), mknodat, chmod-family (arg 1 or 2): no set-id mode bits */
EXILE__PRIVATE void exile__vb_mode(struct exile__vow_ctx *c, struct exile__rules *rs, const struct exile__vow_entry *e)
{
	unsigned kind = e->kind;
	exile__rule_cond(exile__rules_add(rs, c->deny), kind == EXILE__K_MODE1 ? 1 : 2, EXILE__OP_ANYSET, 1, 0, 06000);
	exile__rules_add(rs, EXILE__ALLOW);
}

/* newfstatat, statx: under stdio only the fstat() form, flags exactly
 * AT_EMPTY_PATH (glibc 2.33-2.38's fstat, Rust's statx); docs/VOWS.md says
 * what it shows */
EXILE__PRIVATE void exile__vb_fstatat(struct exile__vow_ctx *c, struct exile__rules *rs, const struct exile__vow_entry *e)
{
	struct exile__rule *r = exile__rules_add(rs, EXILE__ALLOW);
	if(!EXILE__HELD(c, EXILE__V_RPATH))
	{
		/* newfstatat and fstatat64: (dirfd, path, buf, flags); statx: (dirfd, path, flags, ...) */
		exile__rule_cond(r, e->nr == __NR_statx ? 2 : 3, EXILE_CMP_EQ, 1, 0x1000 /* AT_EMPTY_PATH */, 0);
	}
}

/* i386's socketcall(call, args): the call's own arguments are in memory,
 * where the filter cannot look. A call goes through when the held vows
 * allow its direct twin whatever the arguments: send, recv, recvfrom,
 * sendmsg, recvmsg, recvmmsg, sendmmsg and shutdown with stdio; bind,
 * connect, listen, accept, accept4, getsockname, getpeername and sendto with
 * inet or unix. socket, socketpair, setsockopt and getsockopt, whose rules
 * look at arguments, never do (glibc's and musl's i386 builds call them
 * through socketcall: create sockets before enabling, or call the direct
 * socket(2) syscall, Linux 4.3 on). */
EXILE__PRIVATE void exile__vb_socketcall(struct exile__vow_ctx *c, struct exile__rules *rs, const struct exile__vow_entry *e)
{
	static const uint32_t stdio_calls[] = { 9 /* SEND */, 10 /* RECV */, 12 /* RECVFROM */, 13 /* SHUTDOWN */,
		16 /* SENDMSG */, 17 /* RECVMSG */, 19 /* RECVMMSG */, 20 /* SENDMMSG */ };
	static const uint32_t net_calls[] = { 2 /* BIND */, 3 /* CONNECT */, 4 /* LISTEN */, 5 /* ACCEPT */,
		6 /* GETSOCKNAME */, 7 /* GETPEERNAME */, 11 /* SENDTO */, 18 /* ACCEPT4 */ };
	(void)e;
	if(EXILE__HELD(c, EXILE__V_STDIO))
	{
		exile__vow_in(c, rs, exile__rules_add(rs, EXILE__ALLOW), 0, EXILE__FULL, stdio_calls, EXILE__N(stdio_calls));
	}
	if(EXILE__HELD(c, EXILE__V_INET | EXILE__V_UNIX))
	{
		exile__vow_in(c, rs, exile__rules_add(rs, EXILE__ALLOW), 0, EXILE__FULL, net_calls, EXILE__N(net_calls));
	}
}

/* i386's ipc(call, first, second, third, ptr, fifth): the kernel takes the
 * call from the low 16 bits (the high ones are a version). shm: every System
 * V call, shmat's flags (second, in a register) without SHM_EXEC unless
 * prot_exec; stdio: shmdt, as the direct call. */
EXILE__PRIVATE void exile__vb_ipc(struct exile__vow_ctx *c, struct exile__rules *rs, const struct exile__vow_entry *e)
{
	static const uint32_t shm_calls[] = { 1 /* SEMOP */, 2 /* SEMGET */, 3 /* SEMCTL */, 4 /* SEMTIMEDOP */,
		11 /* MSGSND */, 12 /* MSGRCV */, 13 /* MSGGET */, 14 /* MSGCTL */, 21 /* SHMAT */, 22 /* SHMDT */,
		23 /* SHMGET */, 24 /* SHMCTL */ };
	static const uint32_t stdio_calls[] = { 22 /* SHMDT */ };
	struct exile__rule *r;
	(void)e;
	if(EXILE__HELD(c, EXILE__V_SHM))
	{
		if(!EXILE__HELD(c, EXILE__V_PROTEXEC))
		{
			r = exile__rules_add(rs, c->deny);
			exile__rule_cond(r, 0, EXILE_CMP_MASKED_EQ, 1, 21 /* SHMAT */, 0xFFFF);
			exile__rule_cond(r, 2, EXILE__OP_ANYSET, 1, 0, 0100000 /* SHM_EXEC */);
		}
		exile__vow_in(c, rs, exile__rules_add(rs, EXILE__ALLOW), 0, 0xFFFF, shm_calls, EXILE__N(shm_calls));
	}
	else
	{
		exile__vow_in(c, rs, exile__rules_add(rs, EXILE__ALLOW), 0, 0xFFFF, stdio_calls, EXILE__N(stdio_calls));
	}
}

typedef void (*exile__vow_builder)(struct exile__vow_ctx *, struct exile__rules *, const struct exile__vow_entry *);
/* indexed by enum exile__vow_kind */
static const exile__vow_builder exile__vow_builders[] = {
	exile__vb_none, exile__vb_open, exile__vb_open, exile__vb_creat, exile__vb_prot, exile__vb_prot,
	exile__vb_values, exile__vb_values, exile__vb_values, exile__vb_values, exile__vb_socket,
	exile__vb_socketpair, exile__vb_setsockopt, exile__vb_getsockopt, exile__vb_sendto, exile__vb_clone,
	exile__vb_signal, exile__vb_prlimit, exile__vb_self0, exile__vb_personality, exile__vb_seccomp,
	exile__vb_mode, exile__vb_mode, exile__vb_fstatat, exile__vb_socketcall, exile__vb_ipc
};
typedef char exile__vow_builders_cover_every_kind[EXILE__N(exile__vow_builders) == EXILE__K_COUNT ? 1 : -1];
typedef char exile__vow_unions_fit[EXILE__N(exile__ioctl_stdio) + EXILE__N(exile__ioctl_inet) + EXILE__N(exile__ioctl_ioctl)
		<= EXILE__VOW_SET_MAX && EXILE__N(exile__fcntl_stdio) + EXILE__N(exile__fcntl_proc)
		+ EXILE__N(exile__fcntl_fsnotify) <= EXILE__VOW_SET_MAX ? 1 : -1];

/* Appends the vow rules of syscall nr to rs: allow rules, and deny rules
 * (returning the context's deny) where an argument rule forbids. Nothing
 * appended means the held vows do not grant nr. */
EXILE__PRIVATE void exile__vow_ctx_rules(struct exile__vow_ctx *c, long nr, struct exile__rules *rs)
{
	const struct exile__vow_entry *e = NULL;
	size_t i;
	if(nr < 0 || nr >= (long)EXILE__NR_LIMIT)
	{
		return;
	}
	if(c->index != NULL && nr < EXILE__NR_COUNT) /* the index covers the dense range; arm's private calls are looked up */
	{
		uint16_t at = c->index[nr];
		if(at == EXILE__VOW_BASE)
		{
			exile__rules_add(rs, EXILE__ALLOW);
			return;
		}
		e = at != EXILE__VOW_NO_ENTRY ? &exile__vow_table[at - 1] : NULL;
	}
	else
	{
		for(i = 0; i < EXILE__N(exile__vow_base); i++)
		{
			if(exile__vow_base[i] == nr)
			{
				exile__rules_add(rs, EXILE__ALLOW);
				return;
			}
		}
		for(i = 0; i < EXILE__N(exile__vow_table) && e == NULL; i++)
		{
			e = exile__vow_table[i].nr == nr ? &exile__vow_table[i] : NULL;
		}
	}
	if(e != NULL && (e->vows & c->held) != 0)
	{
		exile__vow_builders[e->kind](c, rs, e);
	}
}
#undef EXILE__HELD
#undef EXILE__ALLOW

/* The same for one question (the reverse lookup, the tests): held vows,
 * deny action and SELF given; the rules own copies of their value sets. */
EXILE__PRIVATE void exile__vow_rules(struct exile__rules *rs, long nr, uint64_t held, uint32_t deny, uint32_t self)
{
	struct exile__vow_ctx c;
	exile__vow_ctx_init(&c, held, deny, self, 0);
	exile__vow_ctx_rules(&c, nr, rs);
}

/* -------------------------------------------------------------------------- */
/* >>landlock: ABI probe, ruleset builder, enforcement                        */
/* -------------------------------------------------------------------------- */
#ifndef __NR_landlock_add_rule
#define __NR_landlock_add_rule 445
#endif
#ifndef __NR_landlock_restrict_self
#define __NR_landlock_restrict_self 446
#endif
/* Returned by exile__landlock_prepare when Landlock cannot enforce the
 * policy's filesystem rules and the namespace fallback should. */
#define EXILE__LANDLOCK_FALLBACK 1

#define EXILE__LL_CREATE_RULESET_ERRATA (1U << 1)
#define EXILE__LL_RULE_PATH_BENEATH 1
#define EXILE__LL_RULE_NET_PORT 2

#define EXILE__LL_FS_ALL (((uint64_t)1 << 17) - 1) /* every fs right up to ABI 9 */
/* the rights a regular file (not a directory) can hold */
#define EXILE__LL_FS_FILE (EXILE_LANDLOCK_ACCESS_FS_EXECUTE | EXILE_LANDLOCK_ACCESS_FS_WRITE_FILE \
	| EXILE_LANDLOCK_ACCESS_FS_READ_FILE | EXILE_LANDLOCK_ACCESS_FS_TRUNCATE | EXILE_LANDLOCK_ACCESS_FS_IOCTL_DEV \
	| EXILE_LANDLOCK_ACCESS_FS_RESOLVE_UNIX)
/* What path rules need at least: without truncate (ABI 3) any file could be
 * truncated, and that is not a sandbox. The rights of later ABIs (ioctl on
 * devices, connecting to pathname unix sockets) are handled where the kernel
 * has them and reported as dropped where it does not. */
#define EXILE__LL_FS_BASELINE (((uint64_t)1 << 15) - 1)
#define EXILE__LL_NET_ALL (EXILE_LANDLOCK_ACCESS_NET_BIND_TCP | EXILE_LANDLOCK_ACCESS_NET_CONNECT_TCP)
#define EXILE__LL_SCOPE_ALL (EXILE_LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET | EXILE_LANDLOCK_SCOPE_SIGNAL)
#define EXILE__LL_LOG_ALL (EXILE_LANDLOCK_LOG_SAME_EXEC_OFF | EXILE_LANDLOCK_LOG_NEW_EXEC_ON | EXILE_LANDLOCK_LOG_SUBDOMAINS_OFF)

/* What each ABI version added. A kernel of ABI n knows every row <= n. */
static const struct
{
	int abi;
	uint64_t fs, net;
	uint32_t scoped, flags;
} exile__ll_abi_table[] = {
	{ 1, ((uint64_t)1 << 13) - 1, 0, 0, 0 },                 /* 5.13: execute .. make_sym */
	{ 2, EXILE_LANDLOCK_ACCESS_FS_REFER, 0, 0, 0 },          /* 5.19: rename/link across directories */
	{ 3, EXILE_LANDLOCK_ACCESS_FS_TRUNCATE, 0, 0, 0 },       /* 6.2 */
	{ 4, 0, EXILE__LL_NET_ALL, 0, 0 },                       /* 6.7: TCP bind/connect by port */
	{ 5, EXILE_LANDLOCK_ACCESS_FS_IOCTL_DEV, 0, 0, 0 },      /* 6.10: ioctl on devices */
	{ 6, 0, 0, EXILE__LL_SCOPE_ALL, 0 },                     /* 6.12: abstract unix sockets, signals */
	{ 7, 0, 0, 0, EXILE__LL_LOG_ALL },                       /* 6.15: audit log flags (and errata) */
	{ 8, 0, 0, 0, EXILE_LANDLOCK_RESTRICT_SELF_TSYNC },      /* all threads at once */
	{ 9, EXILE_LANDLOCK_ACCESS_FS_RESOLVE_UNIX, 0, 0, 0 },   /* connecting to pathname unix sockets */
};

static const char *const exile__ll_fs_names[] = {
	"execute", "write_file", "read_file", "read_dir", "remove_dir", "remove_file", "make_char", "make_dir",
	"make_reg", "make_sock", "make_fifo", "make_block", "make_sym", "refer", "truncate", "ioctl_dev", "resolve_unix"
};
static const char *const exile__ll_net_names[] = { "bind_tcp", "connect_tcp" };
static const char *const exile__ll_scope_names[] = { "abstract_unix_socket", "signal" };
static const char *const exile__ll_flag_names[] = { "log_same_exec_off", "log_new_exec_on", "log_subdomains_off", "tsync" };


/* How the policy module asks for a decision (exile__landlock_decide). */
#define EXILE__LL_FILTER_ONLY 1u /* exile_enable_syscall_policy: the policy's own Landlock fields are ignored */
#define EXILE__LL_CONFINES    2u /* the policy confines the process: isolate it from other processes */
/* exile's own isolation domain: two rights that every rule of it allows
 * beneath /, so that it restricts nothing but what any domain does (ptrace
 * of outside processes; mount and pivot_root, which need CAP_SYS_ADMIN).
 * Refer has to be handled and allowed: an unhandled refer is denied. */
#define EXILE__LL_ISOLATION_FS (EXILE_LANDLOCK_ACCESS_FS_MAKE_BLOCK | EXILE_LANDLOCK_ACCESS_FS_REFER)

/* In >>policy: whether the filters exile installed earlier in this process
 * allow a call (so that exile never gets its own process killed). */

/* 0, or -EPERM when an earlier exile filter forbids asking the kernel. */
EXILE__PRIVATE int exile__landlock_probe(void)
{
	long r;
	if(exile__state.ll_probe.done)
	{
		return 0;
	}
	if(!exile__earlier_filters_allow(__NR_landlock_create_ruleset, 0, 0, EXILE__LANDLOCK_CREATE_RULESET_VERSION))
	{
		return -EPERM;
	}
	r = syscall(__NR_landlock_create_ruleset, NULL, 0, EXILE__LANDLOCK_CREATE_RULESET_VERSION);
	exile__state.ll_probe.abi = r >= 1 ? (int)r : 0;
	exile__state.ll_probe.err = r >= 1 ? 0 : (r < 0 ? errno : EINVAL);
	exile__state.ll_probe.errata = 0;
	if(r >= 1 && exile__earlier_filters_allow(__NR_landlock_create_ruleset, 0, 0, EXILE__LL_CREATE_RULESET_ERRATA))
	{
		/* kernels before the errata interface say EINVAL: nothing known fixed */
		long e = syscall(__NR_landlock_create_ruleset, NULL, 0, EXILE__LL_CREATE_RULESET_ERRATA);
		exile__state.ll_probe.errata = e > 0 ? (uint32_t)e : 0;
	}
	exile__state.ll_probe.done = 1;
	return 0;
}

EXILE_API int exile_landlock_is_available(void)
{
	return exile__landlock_probe() == 0 && exile__state.ll_probe.abi >= 1;
}

/* The Landlock rights an EXILE_FS_* set grants on a directory or on a file
 * (directory-only rights are masked off for files instead of failing). */
EXILE__PRIVATE uint64_t exile__ll_fs_rights(unsigned int f, int is_dir)
{
	uint64_t r = 0;
	if(f & EXILE_FS_ALLOW_ALL_READ)
	{
		r |= EXILE_LANDLOCK_ACCESS_FS_READ_FILE | EXILE_LANDLOCK_ACCESS_FS_READ_DIR;
	}
	if(f & EXILE_FS_ALLOW_ALL_WRITE)
	{
		/* writing, truncating, creating and removing (and renaming them
		 * within and across writable directories); not device nodes */
		r |= EXILE_LANDLOCK_ACCESS_FS_WRITE_FILE | EXILE_LANDLOCK_ACCESS_FS_TRUNCATE
			| EXILE_LANDLOCK_ACCESS_FS_REMOVE_DIR | EXILE_LANDLOCK_ACCESS_FS_REMOVE_FILE
			| EXILE_LANDLOCK_ACCESS_FS_MAKE_DIR | EXILE_LANDLOCK_ACCESS_FS_MAKE_REG | EXILE_LANDLOCK_ACCESS_FS_MAKE_SOCK
			| EXILE_LANDLOCK_ACCESS_FS_MAKE_FIFO | EXILE_LANDLOCK_ACCESS_FS_MAKE_SYM | EXILE_LANDLOCK_ACCESS_FS_REFER
			| EXILE_LANDLOCK_ACCESS_FS_RESOLVE_UNIX;
	}
	if(f & EXILE_FS_ALLOW_EXEC)
	{
		r |= EXILE_LANDLOCK_ACCESS_FS_EXECUTE;
	}
	if(f & EXILE_FS_ALLOW_DEV)
	{
		r |= EXILE_LANDLOCK_ACCESS_FS_IOCTL_DEV;
	}
	if(f & EXILE_FS_ALLOW_WRITE_FILE)
	{
		r |= EXILE_LANDLOCK_ACCESS_FS_WRITE_FILE | EXILE_LANDLOCK_ACCESS_FS_TRUNCATE; /* fopen("w") truncates */
	}
	if(f & EXILE_FS_ALLOW_READ_DIR)
	{
		r |= EXILE_LANDLOCK_ACCESS_FS_READ_DIR;
	}
	if(f & EXILE_FS_ALLOW_REMOVE)
	{
		r |= EXILE_LANDLOCK_ACCESS_FS_REMOVE_DIR | EXILE_LANDLOCK_ACCESS_FS_REMOVE_FILE;
	}
	r |= (f & EXILE_FS_ALLOW_REMOVE_DIR) ? EXILE_LANDLOCK_ACCESS_FS_REMOVE_DIR : 0;
	r |= (f & EXILE_FS_ALLOW_REMOVE_FILE) ? EXILE_LANDLOCK_ACCESS_FS_REMOVE_FILE : 0;
	r |= (f & EXILE_FS_ALLOW_MAKE_CHAR) ? EXILE_LANDLOCK_ACCESS_FS_MAKE_CHAR : 0;
	r |= (f & EXILE_FS_ALLOW_MAKE_DIR) ? EXILE_LANDLOCK_ACCESS_FS_MAKE_DIR : 0;
	r |= (f & EXILE_FS_ALLOW_MAKE_REG) ? EXILE_LANDLOCK_ACCESS_FS_MAKE_REG : 0;
	r |= (f & EXILE_FS_ALLOW_MAKE_SOCK) ? EXILE_LANDLOCK_ACCESS_FS_MAKE_SOCK : 0;
	r |= (f & EXILE_FS_ALLOW_MAKE_FIFO) ? EXILE_LANDLOCK_ACCESS_FS_MAKE_FIFO : 0;
	r |= (f & EXILE_FS_ALLOW_MAKE_BLOCK) ? EXILE_LANDLOCK_ACCESS_FS_MAKE_BLOCK : 0;
	r |= (f & EXILE_FS_ALLOW_MAKE_SYM) ? EXILE_LANDLOCK_ACCESS_FS_MAKE_SYM : 0;
	r |= (f & EXILE_FS_ALLOW_REFER) ? EXILE_LANDLOCK_ACCESS_FS_REFER : 0;
	r |= (f & EXILE_FS_ALLOW_CONNECT_UNIX) ? EXILE_LANDLOCK_ACCESS_FS_RESOLVE_UNIX : 0;
	return is_dir ? r : (r & EXILE__LL_FS_FILE);
}

/* Appends " <label> name name..." for the set bits of v to buf. */
EXILE__PRIVATE void exile__ll_names(char *buf, size_t cap, const char *label, uint64_t v, const char *const *names, size_t n)
{
	size_t i, len = strlen(buf);
	if(v == 0 || len >= cap)
	{
		return;
	}
	snprintf(buf + len, cap - len, "%s", label);
	for(i = 0; i < n; i++)
	{
		len = strlen(buf);
		if(((v >> i) & 1) && len < cap)
		{
			snprintf(buf + len, cap - len, " %s", names[i]);
		}
	}
}

/* Ptrace isolation for a policy that asks nothing of Landlock (or whose own
 * domain cannot be applied): exile's own domain where it can be had, else
 * the reason in the summary. Never an error: the policy did not ask for it. */
EXILE__PRIVATE void exile__ll_isolation(const struct exile_policy *p, unsigned int how, struct exile_landlock_report *r, int *apply)
{
	const char *why = NULL;
	int nnp = prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) == 1 || (!(how & EXILE__LL_FILTER_ONLY) && p->no_new_privs);
	int others;
	size_t len = strlen(r->summary);
	char buf[96];
	if(*apply)
	{
		r->ptrace_isolated = 1;
		snprintf(r->summary + len, sizeof(r->summary) - len, "; ptrace: isolated");
		return;
	}
	if(!(how & EXILE__LL_CONFINES))
	{
		return;
	}
	if(exile__state.ll_in_domain)
	{
		r->ptrace_isolated = 1;
		snprintf(r->summary + len, sizeof(r->summary) - len, "; ptrace: isolated (the domain of an earlier policy)");
		return;
	}
	if(exile__landlock_probe() != 0)
	{
		why = "an earlier exile filter forbids the Landlock calls";
	}
	else if(exile__state.ll_probe.abi == 0)
	{
		snprintf(buf, sizeof(buf), "no Landlock (%s)", strerror(exile__state.ll_probe.err));
		why = buf;
	}
	else if(exile__state.ll_probe.abi < 2)
	{
		why = "Landlock ABI 1 cannot allow refer, which a domain of exile's own needs (ABI 2)";
	}
	else if(exile__state.ll_probe.abi < 8 && (others = exile__other_threads(NULL, NULL)) != 0)
	{
		if(others < 0)
		{
			snprintf(buf, sizeof(buf), "the threads cannot be counted (/proc/self/task: %s)", strerror(-others));
		}
		else
		{
			snprintf(buf, sizeof(buf), "several threads, and Landlock ABI %d restricts only the calling one", exile__state.ll_probe.abi);
		}
		why = buf;
	}
	else if(!nnp && ((!(how & EXILE__LL_FILTER_ONLY) && p->drop_caps) || !exile__has_cap(CAP_SYS_ADMIN)))
	{
		why = "neither no_new_privs nor CAP_SYS_ADMIN";
	}
	if(why != NULL)
	{
		snprintf(r->summary + len, sizeof(r->summary) - len, "; ptrace: NOT isolated: %s", why);
		return;
	}
	r->abi = exile__state.ll_probe.abi;
	r->abi_errno = exile__state.ll_probe.err;
	r->errata = exile__state.ll_probe.errata;
	r->ptrace_isolated = 1;
	r->isolation_domain = 1;
	*apply = 1;
	if(r->abi >= 8)
	{
		r->restrict_flags |= EXILE_LANDLOCK_RESTRICT_SELF_TSYNC;
	}
	snprintf(r->summary + len, sizeof(r->summary) - len, "; ptrace: isolated by a domain of exile's own (make_block refer, allowed beneath /)");
}

/* Decides what Landlock enforces for p on this kernel, without side effects
 * (beyond the cached probe): fills r and sets *apply when a ruleset is to be
 * built (r->isolation_domain: exile's own, see exile__ll_isolation). how:
 * EXILE__LL_*. Returns 0, EXILE__LANDLOCK_FALLBACK, or a negative errno. */
EXILE__PRIVATE int exile__ll_decide_own(const struct exile_policy *p, unsigned int how, struct exile_landlock_report *r, int *apply);

EXILE__PRIVATE int exile__landlock_decide(const struct exile_policy *p, unsigned int how, struct exile_landlock_report *r, int *apply)
{
	int ret = exile__ll_decide_own(p, how, r, apply);
	if(ret >= 0)
	{
		exile__ll_isolation(p, how, r, apply);
	}
	return ret;
}

EXILE__PRIVATE int exile__ll_decide_own(const struct exile_policy *p, unsigned int how, struct exile_landlock_report *r, int *apply)
{
	uint64_t fs_avail = 0, net_avail = 0;
	uint32_t sc_avail = 0, fl_avail = 0, sc_want;
	int want_fs, want_net, optional_only, fallback = 0, abi, threads, i;
	char missing[160] = "";
	size_t len;

	memset(r, 0, sizeof(*r));
	*apply = 0;
	if(how & EXILE__LL_FILTER_ONLY)
	{
		snprintf(r->summary, sizeof(r->summary), "Landlock: nothing asked (the filter alone)");
		return 0;
	}
	if(p->no_fs && p->path_policies != NULL)
	{
		return exile__fail(-EINVAL, "drop no_fs, or the path rules", "no_fs forbids every path, yet the policy has path rules");
	}
	if(p->no_network && p->net_rules_count != 0)
	{
		return exile__fail(-EINVAL, "drop no_network, or the network rules", "no_network forbids every port, yet the policy has network rules");
	}
	if((p->landlock_scopes & ~(EXILE__LL_SCOPE_ALL | EXILE_LANDLOCK_SCOPE_IF_AVAILABLE)) != 0 || (p->landlock_log & ~EXILE__LL_LOG_ALL) != 0)
	{
		return exile__fail(-EINVAL, NULL, "landlock_scopes (0x%x) or landlock_log (0x%x) holds unknown bits", p->landlock_scopes, p->landlock_log);
	}
	want_fs = p->path_policies != NULL || p->no_fs;
	want_net = p->net_rules_count != 0 || p->no_network;
	sc_want = p->landlock_scopes & EXILE__LL_SCOPE_ALL;
	optional_only = !want_fs && !want_net && (p->landlock_scopes & EXILE_LANDLOCK_SCOPE_IF_AVAILABLE);
	if(!want_fs && !want_net && sc_want == 0)
	{
		snprintf(r->summary, sizeof(r->summary), "Landlock: nothing asked");
		return 0;
	}
	r->level = EXILE_LANDLOCK_NOT;
	if(exile__landlock_probe() != 0)
	{
		snprintf(r->summary, sizeof(r->summary), "Landlock: not enforced: an earlier exile filter forbids its system calls");
		if(optional_only)
		{
			return 0;
		}
		return exile__fail(-EPERM, "give the earlier policy the seccomp_install vow, or enable one policy only",
				"an earlier exile policy in this process forbids the Landlock system calls this policy needs; nothing was changed");
	}
	abi = r->abi = exile__state.ll_probe.abi;
	r->abi_errno = exile__state.ll_probe.err;
	r->errata = exile__state.ll_probe.errata;
	for(i = 0; i < (int)(sizeof(exile__ll_abi_table) / sizeof(exile__ll_abi_table[0])); i++)
	{
		if(exile__ll_abi_table[i].abi <= abi)
		{
			fs_avail |= exile__ll_abi_table[i].fs;
			net_avail |= exile__ll_abi_table[i].net;
			sc_avail |= exile__ll_abi_table[i].scoped;
			fl_avail |= exile__ll_abi_table[i].flags;
		}
	}
	if(want_fs)
	{
		r->fs_handled = fs_avail;
		r->fs_dropped = EXILE__LL_FS_ALL & ~fs_avail;
		if((EXILE__LL_FS_BASELINE & ~fs_avail) != 0 && !p->mount_path_policies_to_chroot && !(p->best_effort && abi >= 1))
		{
			/* the namespace fallback enforces the path rules; Landlock adds what it can */
			fallback = r->fs_fallback = 1;
		}
	}
	if(want_net)
	{
		r->net_handled = net_avail;
		r->net_dropped = EXILE__LL_NET_ALL & ~net_avail;
		if(r->net_dropped != 0 && p->net_rules_count != 0 && !p->best_effort)
		{
			len = strlen(missing);
			snprintf(missing + len, sizeof(missing) - len, "%sTCP port rules (ABI 4)", len ? ", " : "");
		}
	}
	if(sc_want != 0)
	{
		r->scoped = sc_want & sc_avail;
		r->scoped_dropped = sc_want & ~sc_avail;
		if(r->scoped_dropped != 0 && !(p->landlock_scopes & EXILE_LANDLOCK_SCOPE_IF_AVAILABLE) && !p->best_effort)
		{
			len = strlen(missing);
			snprintf(missing + len, sizeof(missing) - len, "%sscopes for abstract unix sockets and signals (ABI 6)", len ? ", " : "");
		}
	}
	r->restrict_flags = p->landlock_log & fl_avail;
	r->restrict_flags_dropped = p->landlock_log & ~fl_avail;
	if(missing[0] != '\0')
	{
		const char *hint = "set best_effort = 1 to enforce what this kernel supports";
		if(r->abi_errno == ENOSYS)
		{
			hint = "this kernel was built without Landlock (CONFIG_SECURITY_LANDLOCK); or set best_effort = 1";
		}
		else if(r->abi_errno == EOPNOTSUPP)
		{
			hint = "Landlock is disabled at boot: add landlock to the lsm= kernel parameter; or set best_effort = 1";
		}
		snprintf(r->summary, sizeof(r->summary), "Landlock ABI %d: not enforced: missing %s", abi, missing);
		return exile__fail(-EOPNOTSUPP, hint, "Landlock ABI %d (%s) cannot enforce %s", abi,
				abi ? "running" : strerror(r->abi_errno), missing);
	}
	*apply = abi >= 1 && (r->fs_handled != 0 || r->net_handled != 0 || r->scoped != 0);
	if(*apply && abi < 8)
	{
		/* before TSYNC, landlock_restrict_self() restricts the calling thread only */
		threads = exile__other_threads(NULL, NULL);
		threads = threads < 0 ? threads : threads + 1;
		if(threads != 1)
		{
			*apply = 0;
			if(!optional_only)
			{
				if(threads < 0)
				{
					return exile__fail(threads, "mount /proc", "counting this process's threads (/proc/self/task) before Landlock");
				}
				return exile__fail(-EAGAIN, "enable the policy before starting threads (Landlock ABI 8 would cover them)",
						"this process has %d threads and Landlock ABI %d restricts only the calling one", threads, abi);
			}
		}
	}
	if(*apply && abi >= 8)
	{
		r->restrict_flags |= EXILE_LANDLOCK_RESTRICT_SELF_TSYNC;
	}
	if(*apply && !p->no_new_privs && prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) != 1 && (p->drop_caps || !exile__has_cap(CAP_SYS_ADMIN)))
	{
		return exile__fail(-EPERM, "set no_new_privs = 1 in the policy",
				"Landlock needs no_new_privs or CAP_SYS_ADMIN, and this process will have neither");
	}
	if(!*apply)
	{
		r->level = EXILE_LANDLOCK_NOT;
	}
	else if((want_fs && r->fs_dropped) || (want_net && r->net_dropped) || r->scoped_dropped || fallback)
	{
		r->level = EXILE_LANDLOCK_PARTIALLY;
	}
	else
	{
		r->level = EXILE_LANDLOCK_FULLY;
	}
	snprintf(r->summary, sizeof(r->summary), "Landlock ABI %d: %s", abi,
			r->level == EXILE_LANDLOCK_FULLY ? "fully enforced" : r->level == EXILE_LANDLOCK_PARTIALLY ? "partially enforced" : "not enforced");
	if(!*apply && abi >= 1)
	{
		len = strlen(r->summary);
		snprintf(r->summary + len, sizeof(r->summary) - len, " (optional scopes skipped: several threads)");
	}
	if(*apply)
	{
		exile__ll_names(r->summary, sizeof(r->summary), "; fs:", want_fs ? r->fs_handled : 0, exile__ll_fs_names, 17);
		exile__ll_names(r->summary, sizeof(r->summary), "; net:", r->net_handled, exile__ll_net_names, 2);
		exile__ll_names(r->summary, sizeof(r->summary), "; scopes:", r->scoped, exile__ll_scope_names, 2);
		exile__ll_names(r->summary, sizeof(r->summary), "; flags:", r->restrict_flags, exile__ll_flag_names, 4);
	}
	exile__ll_names(r->summary, sizeof(r->summary), "; dropped:", want_fs ? r->fs_dropped : 0, exile__ll_fs_names, 17);
	exile__ll_names(r->summary, sizeof(r->summary), "; dropped:", want_net ? r->net_dropped : 0, exile__ll_net_names, 2);
	exile__ll_names(r->summary, sizeof(r->summary), "; dropped:", r->scoped_dropped, exile__ll_scope_names, 2);
	exile__ll_names(r->summary, sizeof(r->summary), "; dropped:", r->restrict_flags_dropped, exile__ll_flag_names, 4);
	if(fallback)
	{
		len = strlen(r->summary);
		snprintf(r->summary + len, sizeof(r->summary) - len, "; path rules left to the namespace fallback");
	}
	return fallback ? EXILE__LANDLOCK_FALLBACK : 0;
}

EXILE_API int exile_append_net_policy(struct exile_policy *p, unsigned int flags, uint16_t port)
{
	uint32_t *n;
	if(p == NULL)
	{
		return exile__fail(-EINVAL, NULL, "exile_append_net_policy: NULL policy");
	}
	if(flags == 0 || (flags & ~(EXILE_NET_ALLOW_CONNECT | EXILE_NET_ALLOW_BIND)) != 0)
	{
		p->exile_flags |= EXILE__FLAG_APPEND_FAILED;
		return exile__fail(-EINVAL, "use EXILE_NET_ALLOW_CONNECT and/or EXILE_NET_ALLOW_BIND",
				"network rule for port %u: invalid flags 0x%x", (unsigned)port, flags);
	}
	n = (uint32_t *)realloc(p->net_rules, (p->net_rules_count + 1) * sizeof(*n));
	if(n == NULL)
	{
		p->exile_flags |= EXILE__FLAG_APPEND_FAILED;
		return exile__fail(-ENOMEM, NULL, "network rule for port %u", (unsigned)port);
	}
	p->net_rules = n;
	p->net_rules[p->net_rules_count++] = (flags << 16) | port;
	return 0;
}

EXILE_API int exile_landlock_report(const struct exile_policy *p, struct exile_landlock_report *out)
{
	int apply, ret;
	if(out == NULL)
	{
		return exile__fail(-EINVAL, NULL, "exile_landlock_report: NULL report");
	}
	if(p == NULL)
	{
		*out = exile__state.ll_last;
		if(out->summary[0] == '\0')
		{
			snprintf(out->summary, sizeof(out->summary), "Landlock: no policy enabled yet");
		}
		return 0;
	}
	ret = exile__landlock_decide(p, exile__policy_confines(p) ? EXILE__LL_CONFINES : 0, out, &apply);
	return ret < 0 ? ret : 0;
}

struct exile__landlock_plan
{
	int ruleset_fd; /* -1: nothing to restrict */
	uint32_t flags; /* for landlock_restrict_self */
	struct exile_landlock_report report; /* .isolation_domain: the rule for / is added at commit */
};

EXILE__PRIVATE int exile__ll_add_rule(int ruleset, int type, const void *attr, const char *what)
{
	if(syscall(__NR_landlock_add_rule, ruleset, type, attr, 0) != 0)
	{
		return exile__fail(-errno, NULL, "adding the Landlock rule for %s", what);
	}
	return 0;
}

/* Creates the ruleset the report describes and adds the policy's rules. */
EXILE__PRIVATE int exile__ll_build(const struct exile_policy *p, const struct exile_landlock_report *r, int *out)
{
	uint64_t attr[3];
	size_t size, i;
	int fd, err = 0;
	const struct exile_path_policy *pp;
	if(!exile__earlier_filters_allow(__NR_landlock_create_ruleset, 0, 0, 0) || !exile__earlier_filters_allow(__NR_landlock_add_rule, 0, 0, 0)
		|| (p->path_policies != NULL && !exile__earlier_filters_allow(__NR_openat, (uint64_t)AT_FDCWD, 0, O_PATH | O_CLOEXEC)))
	{
		return exile__fail(-EPERM, "give the earlier policy the vows this needs (seccomp_install, rpath), or enable one policy only",
				"an earlier exile policy in this process forbids building a Landlock ruleset; nothing was changed");
	}
	attr[0] = r->isolation_domain ? EXILE__LL_ISOLATION_FS : (p->path_policies != NULL || p->no_fs) ? r->fs_handled : 0;
	attr[1] = r->isolation_domain ? 0 : r->net_handled;
	attr[2] = r->isolation_domain ? 0 : r->scoped;
	/* the smallest size that holds them: older kernels refuse a longer one */
	size = attr[2] ? 3 * sizeof(uint64_t) : attr[1] ? 2 * sizeof(uint64_t) : sizeof(uint64_t);
	fd = (int)syscall(__NR_landlock_create_ruleset, attr, size, 0);
	if(fd < 0)
	{
		return exile__fail(-errno, NULL, "creating a Landlock ruleset (ABI %d)", r->abi);
	}
	for(pp = r->isolation_domain ? NULL : p->path_policies; err == 0 && pp != NULL; pp = pp->next)
	{
		struct stat st;
		unsigned char beneath[12]; /* struct landlock_path_beneath_attr: packed u64 + s32 */
		uint64_t access;
		int32_t pfd = (int32_t)open(pp->path, O_PATH | O_CLOEXEC);
		if(pfd < 0)
		{
			if(errno == ENOENT && (pp->policy & EXILE_FS_OPTIONAL))
			{
				continue;
			}
			err = exile__fail(-errno, NULL, "path rule \"%s\"", pp->path);
			break;
		}
		if(fstat(pfd, &st) != 0)
		{
			err = exile__fail(-errno, NULL, "path rule \"%s\"", pp->path);
		}
		else if((pp->dev != 0 || pp->ino != 0) && (st.st_dev != pp->dev || st.st_ino != pp->ino))
		{
			err = exile__fail(-ESTALE, "build the policy again if the change is intended",
					"path rule \"%s\" names another file than when it was added to the policy", pp->path);
		}
		else if((access = exile__ll_fs_rights(pp->policy, S_ISDIR(st.st_mode)) & r->fs_handled) != 0)
		{
			memcpy(beneath, &access, 8);
			memcpy(beneath + 8, &pfd, 4);
			err = exile__ll_add_rule(fd, EXILE__LL_RULE_PATH_BENEATH, beneath, pp->path);
		}
		close(pfd);
	}
	for(i = 0; err == 0 && !r->isolation_domain && i < p->net_rules_count; i++)
	{
		uint64_t port_attr[2];
		unsigned int f = p->net_rules[i] >> 16;
		char what[32];
		port_attr[0] = ((f & EXILE_NET_ALLOW_CONNECT) ? EXILE_LANDLOCK_ACCESS_NET_CONNECT_TCP : 0)
			| ((f & EXILE_NET_ALLOW_BIND) ? EXILE_LANDLOCK_ACCESS_NET_BIND_TCP : 0);
		port_attr[0] &= r->net_handled;
		port_attr[1] = p->net_rules[i] & 0xFFFFu;
		snprintf(what, sizeof(what), "TCP port %u", (unsigned)port_attr[1]);
		if(port_attr[0] != 0)
		{
			err = exile__ll_add_rule(fd, EXILE__LL_RULE_NET_PORT, port_attr, what);
		}
	}
	if(err != 0)
	{
		close(fd);
		return err;
	}
	*out = fd;
	return 0;
}

/* Decides, opens the paths and builds the ruleset; no change to the process. */
EXILE__PRIVATE int exile__landlock_prepare(const struct exile_policy *p, unsigned int how, struct exile__landlock_plan *lp,
		struct exile__commit_info *ci)
{
	int apply = 0, ret, err;
	lp->ruleset_fd = -1;
	lp->flags = 0;
	ret = exile__landlock_decide(p, how, &lp->report, &apply);
	if(ret < 0 || !apply)
	{
		return ret;
	}
	if((err = exile__ll_build(p, &lp->report, &lp->ruleset_fd)) != 0)
	{
		return err;
	}
	lp->flags = lp->report.restrict_flags;
	if((err = exile__holds_fd(ci, lp->ruleset_fd)) != 0)
	{
		return err;
	}
	return ret;
}

/* The system calls exile__landlock_commit makes (the commit table reads it). */
EXILE__PRIVATE void exile__landlock_calls(const struct exile__landlock_plan *lp, struct exile__commit_info *ci)
{
	if(lp->report.isolation_domain)
	{
		exile__will_call(ci, __NR_openat, (uint64_t)(int64_t)AT_FDCWD, 0, O_PATH | O_CLOEXEC);
		exile__will_call(ci, __NR_landlock_add_rule, (uint64_t)lp->ruleset_fd, EXILE__LL_RULE_PATH_BENEATH, 0);
		exile__will_call(ci, __NR_close, 0, 0, 0);
	}
	exile__will_call(ci, __NR_landlock_restrict_self, (uint64_t)lp->ruleset_fd, lp->flags, 0);
	exile__will_call(ci, __NR_close, (uint64_t)lp->ruleset_fd, 0, 0);
}

/* Enforces the ruleset and closes it: nothing of Landlock is left for after
 * the seccomp filter. The isolation domain's rule names / now, after the
 * namespace module may have changed the root. */
EXILE__PRIVATE int exile__landlock_commit(struct exile__landlock_plan *lp)
{
	int err = 0;
	if(lp->ruleset_fd < 0)
	{
		return 0;
	}
	if(lp->report.isolation_domain)
	{
		unsigned char beneath[12]; /* struct landlock_path_beneath_attr: packed u64 + s32 */
		uint64_t access = EXILE__LL_ISOLATION_FS;
		int32_t root = (int32_t)open("/", O_PATH | O_CLOEXEC);
		if(root < 0)
		{
			return exile__fail(-errno, NULL, "ptrace isolation: opening / for the rule of exile's Landlock domain");
		}
		memcpy(beneath, &access, 8);
		memcpy(beneath + 8, &root, 4);
		err = exile__ll_add_rule(lp->ruleset_fd, EXILE__LL_RULE_PATH_BENEATH, beneath, "/ (ptrace isolation)");
		close(root);
	}
	if(err == 0 && syscall(__NR_landlock_restrict_self, lp->ruleset_fd, lp->flags) != 0)
	{
		int e = errno;
		err = exile__fail(-e, e == EPERM ? "set no_new_privs = 1 in the policy" : NULL,
				"landlock_restrict_self(flags 0x%x)", lp->flags);
	}
	close(lp->ruleset_fd);
	lp->ruleset_fd = -1;
	exile__state.ll_in_domain |= err == 0;
	return err;
}

/* After a successful enable: what exile_landlock_report(NULL) returns. */
EXILE__PRIVATE void exile__landlock_enabled(const struct exile__landlock_plan *lp)
{
	exile__state.ll_last = lp->report;
}

EXILE__PRIVATE void exile__landlock_release(struct exile__landlock_plan *lp)
{
	if(lp->ruleset_fd >= 0)
	{
		close(lp->ruleset_fd);
		lp->ruleset_fd = -1;
	}
}

/* -------------------------------------------------------------------------- */
/* >>ns: unshare, uid/gid maps, the mount fallback                             */
/* -------------------------------------------------------------------------- */
/* What this module does, in commit order (exile__ns_enter):
 *   1. unshare() the namespaces: the ones asked for, plus a user namespace
 *      when the process lacks CAP_SYS_ADMIN (or EXILE_UNSHARE_USER is set),
 *      plus a mount namespace when a new root is built;
 *   2. user namespace: setgroups "deny", gid_map and uid_map with the single
 *      mapping namespace_gid/uid -> the caller's effective gid/uid;
 *   3. network namespace: loopback up;
 *   4. new root (the mount fallback, or chroot_target_path): every mount made
 *      private; a tmpfs over a staging directory (/tmp) in this namespace
 *      only, so nothing is created on the host; pivot_root into it with the
 *      old root below; the new root assembled (an empty tmpfs, read-only in
 *      the end, with each path policy bind-mounted at its own path, or a bind
 *      of chroot_target_path); pivot_root into the new root, the old one
 *      detached, cwd set;
 *   5. a small seccomp filter refusing further namespaces (unless
 *      allow_nested_namespaces);
 *   6. in a user namespace: the capabilities unshare() granted are dropped
 *      when drop_caps is set or a new root was built (they would allow
 *      remounting the binds writable).
 * Prepare runs steps 1-4 in a short-lived child that shares the caller's
 * memory (clone CLONE_VM|CLONE_VFORK) first, so that a kernel that forbids
 * any of it fails the call before the caller changed at all; the child's
 * message lands in the caller's error buffer. */
#include <limits.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/statvfs.h>
#include <net/if.h>

#ifndef CLONE_NEWCGROUP
#define CLONE_NEWCGROUP 0x02000000
#endif
#ifndef MS_PRIVATE
#define MS_PRIVATE (1 << 18)
#endif
#ifndef MNT_DETACH
#define MNT_DETACH 2
#endif
#ifndef __NR_mount_setattr
#define __NR_mount_setattr 442
#endif
#ifndef __NR_pivot_root
#define __NR_pivot_root 155
#endif
#define EXILE__AT_RECURSIVE 0x8000
#define EXILE__MOUNT_ATTR_RDONLY 0x1
#define EXILE__MOUNT_ATTR_NOSUID 0x2
#define EXILE__MOUNT_ATTR_NODEV  0x4
#define EXILE__MOUNT_ATTR_NOEXEC 0x8
struct exile__mount_attr
{
	uint64_t attr_set, attr_clr, propagation, userns_fd;
};
/* every namespace flag of clone()/unshare(), CLONE_NEWTIME (0x80) included */
#define EXILE__CLONE_NS_FLAGS 0x7E020000u
#define EXILE__UNSHARE_NS_FLAGS 0x7E020080u
#define EXILE__NS_VALID (EXILE_UNSHARE_NETWORK | EXILE_UNSHARE_USER | EXILE_UNSHARE_MOUNT | EXILE_UNSHARE_PID \
		| EXILE_UNSHARE_IPC | EXILE_UNSHARE_UTS | EXILE_UNSHARE_CGROUP)
/* the write rights of a path policy: the fallback offers all of them (rw) or none */
#define EXILE__FS_WRITE_RIGHTS (EXILE_FS_ALLOW_ALL_WRITE | EXILE_FS_ALLOW_REMOVE_DIR | EXILE_FS_ALLOW_REMOVE_FILE \
		| EXILE_FS_ALLOW_MAKE_CHAR | EXILE_FS_ALLOW_MAKE_DIR | EXILE_FS_ALLOW_MAKE_REG | EXILE_FS_ALLOW_MAKE_SOCK \
		| EXILE_FS_ALLOW_MAKE_FIFO | EXILE_FS_ALLOW_MAKE_BLOCK | EXILE_FS_ALLOW_MAKE_SYM | EXILE_FS_ALLOW_WRITE_FILE \
		| EXILE_FS_ALLOW_REMOVE | EXILE_FS_ALLOW_REFER)
/* the flags the fallback understands; connecting to unix sockets is always
 * possible through a bind mount, so that right needs nothing */
#define EXILE__NS_FS_KNOWN (EXILE__FS_WRITE_RIGHTS | EXILE_FS_ALLOW_ALL_READ | EXILE_FS_ALLOW_READ_DIR | EXILE_FS_ALLOW_EXEC \
		| EXILE_FS_ALLOW_DEV | EXILE_FS_ALLOW_SETUID | EXILE_MOUNT_NOT_REC | EXILE_FS_ALLOW_CONNECT_UNIX | EXILE_FS_OPTIONAL)
/* names inside the staging tmpfs, which exists in the private mount namespace only */
#define EXILE__NS_OLD "/.exile-old"
#define EXILE__NS_NEW "/.exile-new"

/* Where the sysctls are read, and where the staging tmpfs is mounted (NULL:
 * the first of /tmp, /mnt, /run, /dev that is a directory). The test suite
 * (EXILE_TESTING) may point them elsewhere; a program cannot. */
#ifdef EXILE_TESTING
static const char *exile__ns_sysctl_dir EXILE__UNUSED = "/proc/sys";
static const char *exile__ns_stage_dir EXILE__UNUSED = NULL;
#define EXILE__NS_SYSCTL_DIR exile__ns_sysctl_dir
#define EXILE__NS_STAGE_DIR exile__ns_stage_dir
#else
#define EXILE__NS_SYSCTL_DIR "/proc/sys"
#define EXILE__NS_STAGE_DIR ((const char *)NULL)
#endif

/* One bind mount of the new root. */
struct exile__ns_bind
{
	char *src;             /* EXILE__NS_OLD + canonical host path */
	char *dst;             /* EXILE__NS_NEW + the same path (or + the path inside chroot_target_path) */
	unsigned int attrs;    /* EXILE__MOUNT_ATTR_* */
	int rec, isdir, create; /* create: make the mount point in the tmpfs */
	dev_t dev;             /* the file the policy named when it was added (both 0: unknown) */
	ino_t ino;
};

struct exile__ns_plan
{
	int flags;             /* CLONE_NEW* to unshare; 0: no namespace */
	int user;              /* a user namespace: write the id maps */
	uid_t uid_in, uid_out;
	gid_t gid_in, gid_out;
	int lo_up;             /* network namespace: bring loopback up */
	int newroot;           /* build a new root and pivot_root into it */
	int tmpfs_root;        /* the new root is an empty tmpfs (else a bind of root_src) */
	char *root_src;        /* EXILE__NS_OLD + canonical chroot_target_path */
	const char *stage;     /* the staging directory */
	struct exile__ns_bind *binds;
	size_t nbinds;
	char *chdir_to;        /* after the pivot (or alone); NULL: stay */
	int drop_caps;         /* drop what unshare(CLONE_NEWUSER) granted */
	int nested_filter;     /* install the filter that refuses more namespaces */
	struct sock_fprog nested; /* that filter (exile__ns_nested_build) */
};

/* The filter that refuses further namespaces: unshare/clone with a namespace
 * flag and setns fail with EPERM, clone3 with ENOSYS (libc falls back to
 * clone, whose flags the filter sees); everything else is allowed. Built by
 * the assembler like every exile filter, so another arch or an x32 number
 * kills the process, as under the main filter. */
EXILE__PRIVATE int exile__ns_nested_build(struct sock_fprog *out)
{
	static const struct
	{
		long nr;
		uint32_t flags; /* the namespace bits of args[0]; 0: every call */
		uint32_t ret;
	} calls[] = { /* ascending numbers */
		{ __NR_clone, EXILE__CLONE_NS_FLAGS, SECCOMP_RET_ERRNO | EPERM },
		{ __NR_unshare, EXILE__UNSHARE_NS_FLAGS, SECCOMP_RET_ERRNO | EPERM },
		{ __NR_setns, 0, SECCOMP_RET_ERRNO | EPERM },
		{ __NR_clone3, 0, SECCOMP_RET_ERRNO | ENOSYS },
	};
	struct exile__rules rs;
	struct exile__prog prog;
	size_t i;
	int err;
	memset(&rs, 0, sizeof(rs));
	memset(&prog, 0, sizeof(prog));
	exile__prog_add(&prog, 0, NULL, 0, SECCOMP_RET_ALLOW);
	for(i = 0; i < EXILE__N(calls); i++)
	{
		rs.n = 0;
		if(calls[i].flags != 0)
		{
			exile__rule_cond(exile__rules_add(&rs, calls[i].ret), 0, EXILE__OP_ANYSET, 1, 0, calls[i].flags);
		}
		exile__prog_add(&prog, (uint32_t)calls[i].nr, rs.r, rs.n, calls[i].flags != 0 ? SECCOMP_RET_ALLOW : calls[i].ret);
		exile__prog_add(&prog, (uint32_t)calls[i].nr + 1, NULL, 0, SECCOMP_RET_ALLOW);
	}
	err = rs.err != 0 ? exile__fail(rs.err, NULL, "building the filter that refuses further namespaces") : exile__prog_assemble(&prog, out);
	exile__prog_free(&prog);
	exile__rules_free(&rs);
	return err;
}

EXILE__PRIVATE void exile__ns_release(struct exile__ns_plan *np)
{
	size_t i;
	for(i = 0; i < np->nbinds; i++)
	{
		free(np->binds[i].src);
		free(np->binds[i].dst);
	}
	free(np->binds);
	free(np->root_src);
	free(np->chdir_to);
	free(np->nested.filter);
	memset(np, 0, sizeof(*np));
}

/* A sysctl as a number, -1 when it cannot be read (absent on this kernel). */
EXILE__PRIVATE long exile__ns_sysctl(const char *name)
{
	char path[256];
	snprintf(path, sizeof(path), "%s/%s", EXILE__NS_SYSCTL_DIR, name);
	return exile__read_long(path);
}

/* The message for a user namespace the kernel refused: names the setting
 * that blocks it where one does. */
EXILE__PRIVATE int exile__ns_userns_blocked(int err, const char *step)
{
	long debian = exile__ns_sysctl("kernel/unprivileged_userns_clone");
	long apparmor = exile__ns_sysctl("kernel/apparmor_restrict_unprivileged_userns");
	long maxns = exile__ns_sysctl("user/max_user_namespaces");
	if(debian == 0)
	{
		return exile__fail(err, "sysctl -w kernel.unprivileged_userns_clone=1 (as root), or run with CAP_SYS_ADMIN",
				"%s: unprivileged user namespaces are disabled by kernel.unprivileged_userns_clone = 0 (Debian)", step);
	}
	if(maxns == 0)
	{
		return exile__fail(err, "sysctl -w user.max_user_namespaces=15000 (as root)",
				"%s: user namespaces are disabled by user.max_user_namespaces = 0", step);
	}
	if(apparmor == 1)
	{
		return exile__fail(err, "give the program an AppArmor profile with \"userns,\", or sysctl -w kernel.apparmor_restrict_unprivileged_userns=0 (as root)",
				"%s: unprivileged user namespaces are restricted by AppArmor (kernel.apparmor_restrict_unprivileged_userns = 1, Ubuntu 23.10+)", step);
	}
	return exile__fail(err, "a container runtime's seccomp profile or an LSM may forbid unshare(); run outside it or drop namespace_options",
			"%s: the kernel refused a user namespace (kernel.unprivileged_userns_clone = %ld, user.max_user_namespaces = %ld, "
			"kernel.apparmor_restrict_unprivileged_userns = %ld; -1: absent)", step, debian, maxns, apparmor);
}

EXILE__PRIVATE int exile__ns_write(const char *path, const char *text)
{
	size_t len = strlen(text);
	int fd = open(path, O_WRONLY | O_CLOEXEC), err = 0;
	if(fd < 0)
	{
		return -errno;
	}
	if(write(fd, text, len) != (ssize_t)len)
	{
		err = -errno;
	}
	close(fd);
	return err;
}

EXILE__PRIVATE int exile__ns_maps(const struct exile__ns_plan *np)
{
	char map[64];
	int err = exile__ns_write("/proc/self/setgroups", "deny");
	if(err != 0 && err != -ENOENT) /* ENOENT: before Linux 3.19 */
	{
		return exile__ns_userns_blocked(err, "writing /proc/self/setgroups in the new user namespace");
	}
	snprintf(map, sizeof(map), "%lu %lu 1\n", (unsigned long)np->gid_in, (unsigned long)np->gid_out);
	if((err = exile__ns_write("/proc/self/gid_map", map)) != 0)
	{
		return exile__ns_userns_blocked(err, "writing the gid map of the new user namespace");
	}
	snprintf(map, sizeof(map), "%lu %lu 1\n", (unsigned long)np->uid_in, (unsigned long)np->uid_out);
	if((err = exile__ns_write("/proc/self/uid_map", map)) != 0)
	{
		return exile__ns_userns_blocked(err, "writing the uid map of the new user namespace");
	}
	return 0;
}

EXILE__PRIVATE int exile__ns_lo_up(void)
{
	struct ifreq ifr;
	int s = (int)syscall(__NR_socket, AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0), err = 0; /* not i386 libc's socketcall */
	if(s < 0)
	{
		return exile__fail(-errno, NULL, "new network namespace: socket() to bring loopback up");
	}
	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, "lo");
	if(exile__ioctl(s, SIOCGIFFLAGS, &ifr) != 0)
	{
		err = exile__fail(-errno, NULL, "new network namespace: reading the flags of lo");
	}
	else
	{
		ifr.ifr_flags = (short)(ifr.ifr_flags | IFF_UP);
		if(exile__ioctl(s, SIOCSIFFLAGS, &ifr) != 0)
		{
			err = exile__fail(-errno, NULL, "new network namespace: bringing lo up");
		}
	}
	close(s);
	return err;
}

/* The MS_* flags of the mount at path that a user namespace may not clear
 * (read-only, nosuid, nodev, noexec, the atime mode). */
EXILE__PRIVATE unsigned long exile__ns_locked_flags(const char *path)
{
	struct statvfs sv;
	unsigned long f = 0;
	if(statvfs(path, &sv) != 0)
	{
		return 0;
	}
	f |= (sv.f_flag & ST_RDONLY) ? MS_RDONLY : 0;
	f |= (sv.f_flag & ST_NOSUID) ? MS_NOSUID : 0;
	f |= (sv.f_flag & ST_NODEV) ? MS_NODEV : 0;
	f |= (sv.f_flag & ST_NOEXEC) ? MS_NOEXEC : 0;
	f |= (sv.f_flag & ST_NOATIME) ? MS_NOATIME : 0;
	f |= (sv.f_flag & ST_NODIRATIME) ? MS_NODIRATIME : 0;
	f |= (sv.f_flag & ST_RELATIME) ? MS_RELATIME : 0;
	return f;
}

EXILE__PRIVATE int exile__ns_remount(const char *path, unsigned int attrs)
{
	unsigned long f = MS_REMOUNT | MS_BIND | exile__ns_locked_flags(path);
	f |= (attrs & EXILE__MOUNT_ATTR_RDONLY) ? MS_RDONLY : 0;
	f |= (attrs & EXILE__MOUNT_ATTR_NOSUID) ? MS_NOSUID : 0;
	f |= (attrs & EXILE__MOUNT_ATTR_NODEV) ? MS_NODEV : 0;
	f |= (attrs & EXILE__MOUNT_ATTR_NOEXEC) ? MS_NOEXEC : 0;
	return mount(NULL, path, NULL, f, NULL) == 0 ? 0 : -errno;
}

/* Without mount_setattr (before Linux 5.12): remount the bind and, when it is
 * recursive, every mount below it, found in mountinfo. */
EXILE__PRIVATE int exile__ns_remount_tree(const char *dst, unsigned int attrs, int rec)
{
	FILE *f;
	char *line = NULL, mp[EXILE_PATH_MAX + 64];
	size_t cap = 0, dlen = strlen(dst);
	int err = exile__ns_remount(dst, attrs);
	if(err != 0 || !rec)
	{
		return err;
	}
	f = fopen(EXILE__NS_OLD "/proc/self/mountinfo", "re");
	if(f == NULL)
	{
		return -errno;
	}
	while(err == 0 && getline(&line, &cap, f) > 0)
	{
		/* "id parent major:minor root mountpoint ..." */
		const char *s = line;
		size_t n = 0;
		int field;
		for(field = 0; field < 4 && s != NULL; field++)
		{
			s = strchr(s, ' ');
			s = s != NULL ? s + 1 : NULL;
		}
		if(s == NULL)
		{
			continue;
		}
		for(; *s != ' ' && *s != '\0' && n < sizeof(mp) - 1; s++)
		{
			if(s[0] == '\\' && s[1] >= '0' && s[1] <= '3' && s[2] >= '0' && s[2] <= '7' && s[3] >= '0' && s[3] <= '7')
			{
				mp[n++] = (char)(((s[1] - '0') << 6) | ((s[2] - '0') << 3) | (s[3] - '0'));
				s += 3;
			}
			else
			{
				mp[n++] = *s;
			}
		}
		mp[n] = '\0';
		if(n > dlen && strncmp(mp, dst, dlen) == 0 && mp[dlen] == '/')
		{
			err = exile__ns_remount(mp, attrs);
		}
	}
	free(line);
	fclose(f);
	return err;
}

EXILE__PRIVATE int exile__ns_set_attrs(const char *dst, unsigned int attrs, int rec)
{
	struct exile__mount_attr ma;
	memset(&ma, 0, sizeof(ma));
	ma.attr_set = attrs;
	if(syscall(__NR_mount_setattr, AT_FDCWD, dst, rec ? EXILE__AT_RECURSIVE : 0, &ma, sizeof(ma)) == 0)
	{
		return 0;
	}
	if(errno != ENOSYS)
	{
		return -errno;
	}
	return exile__ns_remount_tree(dst, attrs, rec);
}

/* mkdir -p of the parents of path, inside the new root's tmpfs. */
EXILE__PRIVATE int exile__ns_mkparents(char *path)
{
	char *s;
	for(s = path + strlen(EXILE__NS_NEW) + 1; (s = strchr(s, '/')) != NULL; s++)
	{
		*s = '\0';
		if(mkdirat(AT_FDCWD, path, 0755) != 0 && errno != EEXIST)
		{
			int e = -errno;
			*s = '/';
			return e;
		}
		*s = '/';
	}
	return 0;
}

EXILE__PRIVATE int exile__ns_build_root(const struct exile__ns_plan *np)
{
	size_t i;
	int err;
	if(mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0)
	{
		return exile__fail(-errno, NULL, "new root: making every mount private (mount --make-rprivate /)");
	}
	if(mount("tmpfs", np->stage, "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, "mode=0700") != 0)
	{
		return exile__fail(-errno, NULL, "new root: mounting the staging tmpfs over %s (in the private mount namespace)", np->stage);
	}
	if(chdir(np->stage) != 0 || mkdirat(AT_FDCWD, "." EXILE__NS_OLD, 0700) != 0 || mkdirat(AT_FDCWD, "." EXILE__NS_NEW, 0755) != 0)
	{
		return exile__fail(-errno, NULL, "new root: preparing the staging tmpfs");
	}
	if(syscall(__NR_pivot_root, ".", "." EXILE__NS_OLD) != 0)
	{
		return exile__fail(-errno, errno == EINVAL ? "the process runs in a chroot; pivot_root needs its root to be a mount point" : NULL,
				"new root: pivot_root into the staging tmpfs");
	}
	if(chdir("/") != 0)
	{
		return exile__fail(-errno, NULL, "new root: chdir(\"/\")");
	}
	if(np->tmpfs_root)
	{
		if(mount("tmpfs", EXILE__NS_NEW, "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, "mode=0755") != 0)
		{
			return exile__fail(-errno, NULL, "new root: mounting the tmpfs of the new root");
		}
		for(i = 0; i < np->nbinds; i++)
		{
			struct exile__ns_bind *b = &np->binds[i];
			if(!b->create || strcmp(b->dst, EXILE__NS_NEW) == 0)
			{
				continue;
			}
			if((err = exile__ns_mkparents(b->dst)) != 0)
			{
				return exile__fail(err, NULL, "new root: creating the mount point %s", b->dst + strlen(EXILE__NS_NEW));
			}
			if(b->isdir ? (mkdirat(AT_FDCWD, b->dst, 0755) != 0 && errno != EEXIST)
				: (mknodat(AT_FDCWD, b->dst, S_IFREG | 0644, 0) != 0 && errno != EEXIST))
			{
				return exile__fail(-errno, NULL, "new root: creating the mount point %s", b->dst + strlen(EXILE__NS_NEW));
			}
		}
		/* the skeleton itself: read-only, nothing can be created beside the binds */
		if(mount(NULL, EXILE__NS_NEW, NULL, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) != 0)
		{
			return exile__fail(-errno, NULL, "new root: making the root tmpfs read-only");
		}
	}
	else if(mount(np->root_src, EXILE__NS_NEW, NULL, MS_BIND | MS_REC, NULL) != 0)
	{
		return exile__fail(-errno, NULL, "new root: bind-mounting chroot_target_path %s", np->root_src + strlen(EXILE__NS_OLD));
	}
	for(i = 0; i < np->nbinds; i++)
	{
		const struct exile__ns_bind *b = &np->binds[i];
		const char *name = b->src + strlen(EXILE__NS_OLD);
		struct stat st;
		if(stat(b->dst, &st) != 0 || (S_ISDIR(st.st_mode) != 0) != b->isdir)
		{
			return exile__fail(errno == 0 ? -ENOTDIR : -errno, "exile creates mount points only in its own tmpfs, never on the host",
					"path policy %s: no %s to mount it on at %s in the new root", name, b->isdir ? "directory" : "file",
					b->dst + strlen(EXILE__NS_NEW));
		}
		if(mount(b->src, b->dst, NULL, MS_BIND | (b->rec ? MS_REC : 0), NULL) != 0)
		{
			int e = errno;
			return exile__fail(-e, e == EINVAL && !b->rec ? "drop EXILE_MOUNT_NOT_REC: a user namespace may not hide the mounts below a directory" : NULL,
					"path policy %s: bind mount", name);
		}
		/* the path is resolved again now: it must still be the file the policy named */
		if((b->dev != 0 || b->ino != 0) && (stat(b->dst, &st) != 0 || st.st_dev != b->dev || st.st_ino != b->ino))
		{
			return exile__fail(-ESTALE, "build the policy again if the change is intended",
					"path policy %s names another file than when it was added to the policy", name);
		}
		if((err = exile__ns_set_attrs(b->dst, b->attrs, b->rec)) != 0)
		{
			return exile__fail(err, NULL, "path policy %s: setting read-only/nosuid/nodev/noexec (attributes 0x%x)", name, b->attrs);
		}
	}
	if(chdir(EXILE__NS_NEW) != 0 || syscall(__NR_pivot_root, ".", ".") != 0)
	{
		return exile__fail(-errno, NULL, "new root: pivot_root into the new root");
	}
	if(umount2(".", MNT_DETACH) != 0)
	{
		return exile__fail(-errno, NULL, "new root: detaching the old root");
	}
	if(chdir("/") != 0)
	{
		return exile__fail(-errno, NULL, "new root: chdir(\"/\")");
	}
	return 0;
}

/* Steps 1-4 (see the top of the section); the probe child runs them too. */
EXILE__PRIVATE int exile__ns_enter(const struct exile__ns_plan *np, int *entered)
{
	int err;
	*entered = 0;
	if(np->flags != 0 && unshare(np->flags) != 0)
	{
		int e = errno;
		if(np->user && (e == EPERM || e == EACCES || e == ENOSPC || e == EUSERS))
		{
			return exile__ns_userns_blocked(-e, "unshare(CLONE_NEWUSER)");
		}
		return exile__fail(-e, e == EINVAL ? "enable the policy before starting threads" : NULL,
				"unshare(0x%x) entering the new namespaces", (unsigned)np->flags);
	}
	*entered = np->flags != 0;
	if(np->user && (err = exile__ns_maps(np)) != 0)
	{
		return err;
	}
	if(np->lo_up && (err = exile__ns_lo_up()) != 0)
	{
		return err;
	}
	if(np->newroot && (err = exile__ns_build_root(np)) != 0)
	{
		return err;
	}
	if(np->chdir_to != NULL && chdir(np->chdir_to) != 0)
	{
		return exile__fail(-errno, NULL, "chdir to \"%s\"%s", np->chdir_to, np->newroot ? " in the new root" : "");
	}
	return 0;
}

struct exile__ns_probe_arg
{
	const struct exile__ns_plan *np;
	volatile int result;
};

EXILE__PRIVATE int exile__ns_probe_child(void *arg)
{
	struct exile__ns_probe_arg *pa = (struct exile__ns_probe_arg *)arg;
	int entered;
	pa->result = exile__ns_enter(pa->np, &entered);
	return 0;
}

/* Runs steps 1-4 in a child that shares this process's memory and is gone
 * when this returns: whatever the kernel refuses is found out here, with
 * the message the commit would give. */
EXILE__PRIVATE int exile__ns_probe(const struct exile__ns_plan *np)
{
	struct exile__ns_probe_arg pa;
	size_t stacksize = 256 * 1024;
	char *stack = (char *)malloc(stacksize);
	pid_t pid;
	int status = 0;
	if(stack == NULL)
	{
		return exile__fail(-ENOMEM, NULL, "probing the namespaces");
	}
	pa.np = np;
	pa.result = 1;
	pid = clone(exile__ns_probe_child, stack + stacksize, CLONE_VM | CLONE_VFORK | SIGCHLD, &pa);
	if(pid < 0)
	{
		int e = errno;
		free(stack);
		return exile__fail(-e, NULL, "probing the namespaces: clone()");
	}
	while(waitpid(pid, &status, 0) < 0 && errno == EINTR)
	{
	}
	free(stack);
	if(pa.result == 1)
	{
		return exile__fail(-ECHILD, NULL, "probing the namespaces: the probe child died (status 0x%x)", (unsigned)status);
	}
	return pa.result;
}

EXILE__PRIVATE int exile__ns_cmp_bind(const void *a, const void *b)
{
	const struct exile__ns_bind *x = (const struct exile__ns_bind *)a, *y = (const struct exile__ns_bind *)b;
	int c = strcmp(x->dst, y->dst);
	/* equal paths keep the policy's order (the later bind lands on top) */
	return c != 0 ? c : (x->src < y->src ? -1 : x->src > y->src);
}

/* The binds of the new root, from the path policies; canonical paths,
 * sorted so that a directory is mounted before the paths below it. */
EXILE__PRIVATE int exile__ns_plan_binds(const struct exile_policy *p, struct exile__ns_plan *np)
{
	const struct exile_path_policy *pp;
	size_t n = 0, i, j;
	for(pp = p->path_policies; pp != NULL; pp = pp->next)
	{
		n++;
	}
	np->binds = (struct exile__ns_bind *)calloc(n ? n : 1, sizeof(*np->binds));
	if(np->binds == NULL)
	{
		return exile__fail(-ENOMEM, NULL, "planning the bind mounts");
	}
	for(pp = p->path_policies; pp != NULL; pp = pp->next)
	{
		struct exile__ns_bind *b = &np->binds[np->nbinds];
		unsigned int f = pp->policy, w = f & EXILE__FS_WRITE_RIGHTS;
		char canon[PATH_MAX];
		struct stat st;
		size_t len;
		if((f & ~EXILE__NS_FS_KNOWN) != 0)
		{
			return exile__fail(-EINVAL, NULL, "path policy %s: unknown flags 0x%x", pp->path, f & ~EXILE__NS_FS_KNOWN);
		}
		if(!(f & EXILE_FS_ALLOW_ALL_READ) || (w != 0 && (w & EXILE_FS_ALLOW_ALL_WRITE) == 0))
		{
			return exile__fail(-EOPNOTSUPP, "the mount fallback grants EXILE_FS_ALLOW_ALL_READ, optionally with EXILE_FS_ALLOW_ALL_WRITE, EXEC, DEV, SETUID",
					"path policy %s (flags 0x%x): without Landlock, exile enforces paths by bind mounts, which are readable or "
					"read-write as a whole; finer rights cannot be enforced", pp->path, f);
		}
		if(realpath(pp->path, canon) == NULL || stat(canon, &st) != 0)
		{
			if(errno == ENOENT && (f & EXILE_FS_OPTIONAL))
			{
				continue; /* an optional path that does not exist grants nothing */
			}
			return exile__fail(-errno, NULL, "path policy %s", pp->path);
		}
		if((pp->dev != 0 || pp->ino != 0) && (st.st_dev != pp->dev || st.st_ino != pp->ino))
		{
			/* the mount method binds what the path names now: refuse a swapped one, as Landlock does */
			return exile__fail(-ESTALE, "build the policy again if the change is intended",
					"path policy \"%s\" names another file than when it was added to the policy", pp->path);
		}
		len = strlen(canon);
		b->src = (char *)malloc(sizeof(EXILE__NS_OLD) + len);
		b->dst = (char *)malloc(sizeof(EXILE__NS_NEW) + len);
		np->nbinds++;
		if(b->src == NULL || b->dst == NULL)
		{
			return exile__fail(-ENOMEM, NULL, "planning the bind mounts");
		}
		/* "/" is the empty suffix: /.exile-old, not /.exile-old/ */
		sprintf(b->src, "%s%s", EXILE__NS_OLD, strcmp(canon, "/") ? canon : "");
		sprintf(b->dst, "%s%s", EXILE__NS_NEW, strcmp(canon, "/") ? canon : "");
		b->isdir = S_ISDIR(st.st_mode) != 0;
		b->dev = pp->dev;
		b->ino = pp->ino;
		b->rec = !(f & EXILE_MOUNT_NOT_REC);
		b->attrs = (w ? 0 : EXILE__MOUNT_ATTR_RDONLY) | ((f & EXILE_FS_ALLOW_EXEC) ? 0 : EXILE__MOUNT_ATTR_NOEXEC)
			| ((f & EXILE_FS_ALLOW_DEV) ? 0 : EXILE__MOUNT_ATTR_NODEV) | ((f & EXILE_FS_ALLOW_SETUID) ? 0 : EXILE__MOUNT_ATTR_NOSUID);
	}
	qsort(np->binds, np->nbinds, sizeof(*np->binds), exile__ns_cmp_bind);
	for(i = 0; i < np->nbinds; i++)
	{
		/* a mount point is made in the tmpfs unless an earlier bind covers it */
		size_t di = strlen(np->binds[i].dst);
		np->binds[i].create = np->tmpfs_root;
		for(j = 0; j < i; j++)
		{
			size_t dj = strlen(np->binds[j].dst);
			if(di >= dj && strncmp(np->binds[i].dst, np->binds[j].dst, dj) == 0
				&& (np->binds[i].dst[dj] == '/' || np->binds[i].dst[dj] == '\0' || dj == sizeof(EXILE__NS_NEW) - 1))
			{
				np->binds[i].create = 0;
			}
		}
	}
	return 0;
}

/* The system calls exile__ns_commit makes for this plan (the commit table
 * reads them; the probe child's clone and wait are prepare's own). */
EXILE__PRIVATE void exile__ns_calls(const struct exile__ns_plan *np, struct exile__commit_info *ci)
{
	exile__will_call(ci, __NR_unshare, (uint64_t)np->flags, 0, 0);
	if(np->user)
	{
		exile__will_call(ci, __NR_openat, (uint64_t)AT_FDCWD, 0, O_WRONLY | O_CLOEXEC);
		exile__will_call(ci, __NR_write, 0, 0, 0);
		exile__will_call(ci, __NR_close, 0, 0, 0);
	}
	if(np->lo_up)
	{
		exile__will_call(ci, __NR_socket, AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
		exile__will_call(ci, __NR_ioctl, 0, SIOCGIFFLAGS, 0);
		exile__will_call(ci, __NR_ioctl, 0, SIOCSIFFLAGS, 0);
	}
	if(np->newroot)
	{
		exile__will_call(ci, __NR_mount, 0, 0, 0);
		exile__will_call(ci, __NR_mkdirat, (uint64_t)AT_FDCWD, 0, 0755);
		exile__will_call(ci, __NR_mknodat, (uint64_t)AT_FDCWD, 0, S_IFREG | 0644); /* a file's mount point */
		exile__will_call(ci, EXILE__LIBC_STAT_NR, (uint64_t)AT_FDCWD, 0, 0); /* stat() of each bind */
		exile__will_call(ci, __NR_statfs, 0, 0, 0);                         /* before mount_setattr: remounts */
		exile__will_call(ci, __NR_openat, (uint64_t)AT_FDCWD, 0, O_RDONLY | O_CLOEXEC); /* and mountinfo */
		exile__will_call(ci, __NR_read, 0, 0, 0);
		exile__will_call(ci, __NR_pivot_root, 0, 0, 0);
		exile__will_call(ci, __NR_umount2, 0, MNT_DETACH, 0);
		exile__will_call(ci, __NR_chdir, 0, 0, 0);
		exile__will_call(ci, __NR_mount_setattr, (uint64_t)AT_FDCWD, 0, 0);
	}
	if(np->chdir_to != NULL)
	{
		exile__will_call(ci, __NR_chdir, 0, 0, 0);
	}
	if(np->nested_filter)
	{
		exile__will_call(ci, __NR_seccomp, SECCOMP_SET_MODE_FILTER, 0, 0);
	}
	if(np->drop_caps)
	{
		exile__drop_caps_calls(ci);
	}
}

EXILE__PRIVATE int exile__ns_prepare(const struct exile_policy *p, struct exile__ns_plan *np, int fs_fallback)
{
	static const char *const stages[] = { "/tmp", "/mnt", "/run", "/dev" };
	struct exile__commit_info mine;
	int opts = p->namespace_options, binds, err;
	size_t i;

	memset(np, 0, sizeof(*np));
	memset(&mine, 0, sizeof(mine));
	if((opts & ~EXILE__NS_VALID) != 0)
	{
		return exile__fail(-EINVAL, NULL, "namespace_options holds unknown bits 0x%x", (unsigned)(opts & ~EXILE__NS_VALID));
	}
	np->flags |= (opts & EXILE_UNSHARE_NETWORK) ? CLONE_NEWNET : 0;
	np->flags |= (opts & EXILE_UNSHARE_USER) ? CLONE_NEWUSER : 0;
	np->flags |= (opts & EXILE_UNSHARE_MOUNT) ? CLONE_NEWNS : 0;
	np->flags |= (opts & EXILE_UNSHARE_PID) ? CLONE_NEWPID : 0;
	np->flags |= (opts & EXILE_UNSHARE_IPC) ? CLONE_NEWIPC : 0;
	np->flags |= (opts & EXILE_UNSHARE_UTS) ? CLONE_NEWUTS : 0;
	np->flags |= (opts & EXILE_UNSHARE_CGROUP) ? CLONE_NEWCGROUP : 0;
	/* the mount method: Landlock cannot enforce the path rules, or the caller asked for it */
	binds = (fs_fallback || p->mount_path_policies_to_chroot) && !p->no_fs;
	np->newroot = fs_fallback || p->mount_path_policies_to_chroot || p->chroot_target_path[0] != '\0';
	if(np->newroot)
	{
		np->flags |= CLONE_NEWNS;
	}
	if(np->flags != 0 && !exile__has_cap(CAP_SYS_ADMIN))
	{
		np->flags |= CLONE_NEWUSER; /* the only way in for an unprivileged process */
	}
	np->user = (np->flags & CLONE_NEWUSER) != 0;
	np->lo_up = (np->flags & CLONE_NEWNET) != 0;
	np->uid_in = p->namespace_uid;
	np->gid_in = p->namespace_gid;
	np->uid_out = geteuid();
	np->gid_out = getegid();
	np->nested_filter = np->flags != 0 && !p->allow_nested_namespaces;
	np->drop_caps = np->user && (p->drop_caps || np->newroot);
	if(p->chdir_path != NULL && (np->chdir_to = strdup(p->chdir_path)) == NULL)
	{
		return exile__fail(-ENOMEM, NULL, "chdir_path");
	}
	if(np->flags == 0)
	{
		return 0; /* a chdir_path alone is the commit's own step */
	}
	if(np->newroot && !np->user && !p->drop_caps)
	{
		return exile__fail(-EINVAL, "set drop_caps = 1, or add EXILE_UNSHARE_USER to namespace_options",
				"a new root built for a process that keeps CAP_SYS_ADMIN could be undone by it (remount, new proc)");
	}
	/* without /proc the list is unknown: the kernel's own check (EINVAL) tells */
	if(exile__other_threads(NULL, NULL) > 0)
	{
		return exile__fail(-EINVAL, "enable the policy before starting threads",
				"namespaces apply to the calling thread only, and a user namespace needs a single-threaded process; this one has threads");
	}
	if(np->newroot)
	{
		char canon[PATH_MAX];
		/* no_fs without Landlock: an empty root, whatever chroot_target_path says */
		np->tmpfs_root = p->chroot_target_path[0] == '\0' || (fs_fallback && p->no_fs);
		if(!np->tmpfs_root)
		{
			struct stat st;
			if(realpath(p->chroot_target_path, canon) == NULL || stat(canon, &st) != 0)
			{
				return exile__fail(-errno, NULL, "chroot_target_path %s", p->chroot_target_path);
			}
			if(!S_ISDIR(st.st_mode))
			{
				return exile__fail(-ENOTDIR, NULL, "chroot_target_path %s", p->chroot_target_path);
			}
			np->root_src = (char *)malloc(sizeof(EXILE__NS_OLD) + strlen(canon));
			if(np->root_src == NULL)
			{
				return exile__fail(-ENOMEM, NULL, "chroot_target_path");
			}
			sprintf(np->root_src, "%s%s", EXILE__NS_OLD, strcmp(canon, "/") ? canon : "");
		}
		if(binds && (err = exile__ns_plan_binds(p, np)) != 0)
		{
			return err;
		}
		np->stage = EXILE__NS_STAGE_DIR;
		for(i = 0; np->stage == NULL && i < EXILE__N(stages); i++)
		{
			struct stat st;
			if(stat(stages[i], &st) == 0 && S_ISDIR(st.st_mode))
			{
				np->stage = stages[i];
			}
		}
		if(np->stage == NULL)
		{
			return exile__fail(-ENOENT, NULL, "new root: none of /tmp, /mnt, /run, /dev is a directory to stage it on");
		}
		if(np->chdir_to == NULL && p->preserve_cwd)
		{
			char cwd[PATH_MAX];
			if(getcwd(cwd, sizeof(cwd)) == NULL || (np->chdir_to = strdup(cwd)) == NULL)
			{
				return exile__fail(-errno, NULL, "preserve_cwd: reading the current directory");
			}
		}
	}
	if(np->nested_filter && (err = exile__ns_nested_build(&np->nested)) != 0)
	{
		return err;
	}
	/* the probe runs the commit's calls now: the earlier filters must allow them */
	exile__will_call(&mine, __NR_clone, CLONE_VM | CLONE_VFORK | SIGCHLD, 0, 0);
	exile__will_call(&mine, __NR_wait4, 0, 0, 0);
	exile__ns_calls(np, &mine);
	if((err = exile__preflight(&mine)) != 0)
	{
		return err;
	}
	return exile__ns_probe(np);
}

/* chdir_path without namespaces. */
EXILE__PRIVATE int exile__ns_chdir(const struct exile__ns_plan *np)
{
	if(np->chdir_to != NULL && chdir(np->chdir_to) != 0)
	{
		return exile__fail(-errno, NULL, "chdir to \"%s\"", np->chdir_to);
	}
	return 0;
}

/* Once unshare() succeeded, a failure leaves the process half-way:
 * -ENOTRECOVERABLE (the probe makes this unlikely). */
EXILE__PRIVATE int exile__ns_commit(struct exile__ns_plan *np)
{
	int err, entered = 0;
	err = exile__ns_enter(np, &entered);
	if(err == 0 && np->nested_filter)
	{
		if(exile__seccomp(SECCOMP_SET_MODE_FILTER, 0, &np->nested) != 0)
		{
			err = exile__fail(-errno, NULL, "installing the filter that refuses further namespaces");
		}
		else if(exile__remember_filter(&np->nested) != 0)
		{
			err = exile__fail(-ENOMEM, NULL, "recording the filter that refuses further namespaces (out of memory)");
		}
	}
	if(err == 0 && np->drop_caps)
	{
		err = exile__drop_caps();
	}
	if(err != 0 && entered)
	{
		char cause[EXILE__ERRLEN];
		snprintf(cause, sizeof(cause), "%s", exile__errbuf);
		return exile__fail(-ENOTRECOVERABLE, "exit the process: it is partly restricted", "%s (after entering the new namespaces)", cause);
	}
	return err;
}

/* -------------------------------------------------------------------------- */
/* >>privs: fds, rlimits, capabilities, no_new_privs, dumpable                 */
/* -------------------------------------------------------------------------- */
EXILE__PRIVATE int exile__cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

/* Before close_range (Linux 5.9): the highest fd that may be open. Not the
 * soft RLIMIT_NOFILE, which may have been lowered below open fds: the highest
 * one /proc lists, else the largest fd the kernel allows (fs.nr_open, whose
 * default is 1048576, bounds the hard limit). */
EXILE__PRIVATE long exile__max_open_fd(void)
{
	char buf[4096];
	struct rlimit rl;
	long max = -1, r;
	int fd = -1;
	if(exile__earlier_filters_allow(__NR_openat, (uint64_t)AT_FDCWD, 0, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
		&& exile__earlier_filters_allow(__NR_getdents64, 0, 0, 0))
	{
		fd = open("/proc/self/fd", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	}
	while(fd >= 0 && (r = syscall(__NR_getdents64, fd, buf, sizeof(buf))) > 0)
	{
		long off = 0;
		while(off < r)
		{
			const char *name = buf + off + 19; /* struct linux_dirent64: u64 ino, s64 off, u16 reclen, u8 type, name */
			unsigned short reclen;
			memcpy(&reclen, buf + off + 16, sizeof(reclen));
			if(name[0] >= '0' && name[0] <= '9' && atol(name) > max)
			{
				max = atol(name);
			}
			off += reclen;
		}
	}
	if(fd >= 0)
	{
		close(fd);
		if(max >= 0)
		{
			return max;
		}
	}
	max = 1L << 20;
	if(getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_max != RLIM_INFINITY && (long)rl.rlim_max > max)
	{
		max = (long)rl.rlim_max;
	}
	return max;
}

/* Closes every fd above 2 except the sorted list keep. */
EXILE__PRIVATE int exile__close_fds(const int *keep, size_t n)
{
	unsigned int from = 3;
	long max = -2;
	size_t i;
	for(i = 0; i <= n; i++)
	{
		unsigned int to = i < n ? (unsigned int)keep[i] - 1 : ~0U;
		if(i < n && (keep[i] < 3 || (unsigned int)keep[i] < from))
		{
			continue;
		}
		if(to >= from && syscall(__NR_close_range, from, to, 0) != 0)
		{
			if(errno != ENOSYS)
			{
				return exile__fail(-errno, NULL, "close_range(%u, %u) while closing inherited fds", from, to);
			}
			else
			{
				long fd;
				max = max == -2 ? exile__max_open_fd() : max;
				for(fd = from; fd <= max && (unsigned long)fd <= to; fd++)
				{
					close((int)fd);
				}
			}
		}
		if(i < n)
		{
			from = (unsigned int)keep[i] + 1;
		}
	}
	return 0;
}

/* exile__other_threads' callback for drop_caps: stops at the first thread
 * that holds a capability (capget names a thread) and stores its id. */
EXILE__PRIVATE int exile__thread_holds_caps(pid_t tid, void *ctx)
{
	struct __user_cap_header_struct h;
	struct __user_cap_data_struct d[2];
	h.version = _LINUX_CAPABILITY_VERSION_3;
	h.pid = tid;
	memset(d, 0, sizeof(d));
	if(syscall(__NR_capget, &h, d) != 0)
	{
		return errno == ESRCH ? 0 : -errno; /* ESRCH: it ended since it was listed */
	}
	if((d[0].effective | d[0].permitted | d[0].inheritable | d[1].effective | d[1].permitted | d[1].inheritable) != 0)
	{
		*(pid_t *)ctx = tid;
		return 1;
	}
	return 0;
}

/* drop_caps in a process with threads: capabilities are per thread, and
 * capset() changes the calling one only, so a thread started before enable
 * would keep every capability (and could execve a privileged program while
 * enable returned 0). Refused unless every other thread has none left (its
 * ambient set is a subset of permitted). Without /proc the threads cannot be
 * listed: refused when the calling thread holds capabilities. (A capless
 * thread cannot gain any without execve, so once exile dropped them with
 * every thread checked, no thread has them again.) */
EXILE__PRIVATE int exile__privs_threads_capless(int caller_has_caps)
{
	pid_t holder = 0;
	int r;
	if(!exile__earlier_filters_allow(__NR_capget, 0, 0, 0))
	{
		return exile__fail(-EPERM, NULL, "drop_caps: an earlier exile policy forbids capget(), which checking the other threads needs");
	}
	r = exile__other_threads(exile__thread_holds_caps, &holder);
	if(holder != 0)
	{
		return exile__fail(-EAGAIN, "enable the policy before starting threads, or drop the capabilities in every thread first",
				"drop_caps: thread %d of this process holds capabilities, and capabilities are per thread: dropping them in "
				"the calling one would leave that thread's", (int)holder);
	}
	if(r < 0 && caller_has_caps)
	{
		return exile__fail(r, "mount /proc", "drop_caps: listing the threads of this process (/proc/self/task), which must hold no capabilities");
	}
	return 0;
}

/* exile__other_threads' callback for no_new_privs: stops at the first
 * thread whose status does not say "NoNewPrivs: 1" (one that ended since it
 * was listed says nothing and is skipped). */
EXILE__PRIVATE int exile__thread_lacks_nnp(pid_t tid, void *ctx)
{
	long v = exile__task_status(tid, "NoNewPrivs");
	if(v == 0)
	{
		*(pid_t *)ctx = tid;
		return 1;
	}
	return 0;
}

/* no_new_privs is per thread: prctl sets it in the calling one, and only a
 * seccomp filter's TSYNC sets it in the others. Without a filter, a thread
 * started before enable could still execve a set-uid program: refused. */
EXILE__PRIVATE int exile__privs_threads_nnp(void)
{
	pid_t lacking = 0;
	int r;
	if(!exile__earlier_filters_allow(__NR_read, 0, 0, 0))
	{
		return exile__fail(-EPERM, NULL, "no_new_privs: an earlier exile policy forbids reading the threads' status");
	}
	r = exile__other_threads(exile__thread_lacks_nnp, &lacking);
	if(lacking != 0)
	{
		return exile__fail(-EAGAIN, "enable the policy before starting threads, or give it a syscall filter (its TSYNC sets no_new_privs in every thread)",
				"no_new_privs: thread %d of this process does not have it, and without a seccomp filter only the calling thread gets it",
				(int)lacking);
	}
	(void)r; /* without /proc the threads cannot be listed (README: "What exile cannot stop") */
	return 0;
}

/* READ_IMPLIES_EXEC (inherited, e.g. from setarch --read-implies-exec)
 * makes every readable mapping executable: under vows without prot_exec,
 * W^X would not hold. Refused rather than cleared: the heap and stack
 * mapped while it was set stay executable. */
EXILE__PRIVATE int exile__privs_check_personality(const struct exile_policy *p)
{
	long pers;
	if(!exile__vows_active(p) || (p->vow_promises & EXILE_SYSCALL_VOW_PROT_EXEC))
	{
		return 0;
	}
	if(!exile__earlier_filters_allow(__NR_personality, 0xFFFFFFFFu, 0, 0))
	{
		return exile__fail(-EPERM, "give the earlier policy the stdio vow",
				"an earlier exile policy forbids reading the personality, which vows without prot_exec need checked");
	}
	pers = syscall(__NR_personality, 0xFFFFFFFFUL);
	if(pers != -1 && (pers & EXILE__READ_IMPLIES_EXEC) != 0)
	{
		return exile__fail(-EPERM, "start the program without READ_IMPLIES_EXEC (setarch -X), or vow prot_exec",
				"the process has the READ_IMPLIES_EXEC personality, which makes every readable mapping executable, and "
				"the vows do not include prot_exec (clearing it would leave the memory mapped under it executable)");
	}
	return 0;
}

/* -------------------------------------------------------------------------- */
/* >>lookup: which vows allow a syscall, and their names                      */
/* -------------------------------------------------------------------------- */
/* The reverse lookup asks the vow rules themselves (the vow compiler), never
 * a copy of the vow table: for syscall nr it tries candidate vow sets,
 * smallest first, and evaluates their argument rules on the call's
 * arguments. It allocates nothing and makes no system call, because report
 * mode asks it inside the SIGSYS handler; learning mode, which asks for
 * every call it sees, compiles each syscall's candidates into a small BPF
 * program (a "hint program") once. */

/* Private policy flags of report mode and the supervisor (exile_launch sets
 * them on the copy of the policy its child enables). */
#define EXILE__FLAG_NOTIFY       (1u << 20) /* kills become SECCOMP_RET_USER_NOTIF (the supervisor's) */
#define EXILE__FLAG_NOTIFY_ERRNO (1u << 21) /* log mode: errno denials too (not the ENOSYS compatibility answers) */
#define EXILE__FLAG_NO_REPORT    (1u << 22) /* no in-process report mode, whatever EXILE_REPORT says */

#define EXILE__DIAG_DENY      SECCOMP_RET_KILL_PROCESS /* what "denied" is while asking the vow rules */
#define EXILE__DIAG_HINT_NONE 0x80000000u              /* a hint program's "no candidate allows it" */
#define EXILE__DIAG_MAXUNI    6                        /* vows that can matter for one syscall */

/* Among equally small vow sets, the earlier vows here win: narrow and common first. */
static const uint64_t exile__diag_pref[] = {
	EXILE__V_STDIO, EXILE__V_RPATH, EXILE__V_WPATH, EXILE__V_CPATH, EXILE__V_DPATH, EXILE__V_FATTR, EXILE__V_CHOWN,
	EXILE__V_UNIX, EXILE__V_INET, EXILE__V_THREAD, EXILE__V_CLONE, EXILE__V_PROC, EXILE__V_EXEC, EXILE__V_PROTEXEC,
	EXILE__V_IOCTL, EXILE__V_FSNOTIFY, EXILE__V_SCHED, EXILE__V_SHM, EXILE__V_ID, EXILE__V_SECCOMP, EXILE__V_PRCTL
};

EXILE__PRIVATE int exile__diag_is_base(long nr)
{
	size_t i;
	for(i = 0; i < EXILE__N(exile__vow_base); i++)
	{
		if(exile__vow_base[i] == nr)
		{
			return 1;
		}
	}
	return 0;
}

/* The vows whose table entries list nr. */
EXILE__PRIVATE uint64_t exile__diag_grant(long nr)
{
	uint64_t grant = 0;
	size_t i;
	for(i = 0; i < EXILE__N(exile__vow_table); i++)
	{
		if(exile__vow_table[i].nr == nr)
		{
			grant |= exile__vow_table[i].vows;
		}
	}
	return grant;
}

/* A digest of a rule list: lists that differ differ in it (FNV-1a, 64 bits,
 * over every field the filter reads). One list at a time on the handler's
 * stack instead of two. */
EXILE__PRIVATE uint64_t exile__diag_rules_digest(const struct exile__rules *rs)
{
	uint64_t h = 1469598103934665603ULL;
	size_t i, v;
	unsigned c;
#define EXILE__MIX(x) (h = (h ^ (uint64_t)(x)) * 1099511628211ULL)
	EXILE__MIX(rs->n);
	for(i = 0; i < rs->n; i++)
	{
		const struct exile__rule *r = &rs->r[i];
		EXILE__MIX(r->ret);
		EXILE__MIX(r->ncond);
		EXILE__MIX(r->raw != NULL);
		for(c = 0; c < r->ncond; c++)
		{
			const struct exile__cond *k = &r->cond[c];
			EXILE__MIX(k->arg | (k->op << 8) | ((unsigned)k->is32 << 16));
			EXILE__MIX(k->value);
			EXILE__MIX(k->mask);
			EXILE__MIX(k->nvals);
			for(v = 0; v < k->nvals; v++)
			{
				EXILE__MIX(k->vals[v]);
			}
		}
	}
#undef EXILE__MIX
	return h;
}

/* One condition on the arguments, with exactly the meaning exile__emit_cond
 * gives it in BPF. */
EXILE__PRIVATE int exile__diag_cond_holds(const struct exile__cond *c, const uint64_t *args)
{
	uint64_t x = args[c->arg], v = c->value, m = c->mask;
	size_t i;
	if(c->op == EXILE__OP_IN)
	{
		uint32_t lo = (uint32_t)x & (c->mask ? (uint32_t)c->mask : EXILE__FULL);
		for(i = 0; i < c->nvals; i++)
		{
			if(c->vals[i] == lo)
			{
				return 1;
			}
		}
		return 0;
	}
	if(c->is32 || EXILE__ARG_BITS == 32) /* 32-bit architectures: the low words (exile__fits_arg32) */
	{
		x = (uint32_t)x;
		v = (uint32_t)v;
		m = (uint32_t)m;
	}
	switch(c->op)
	{
	case EXILE_CMP_EQ: return x == v;
	case EXILE_CMP_NE: return x != v;
	case EXILE_CMP_LT: return x < v;
	case EXILE_CMP_LE: return x <= v;
	case EXILE_CMP_GT: return x > v;
	case EXILE_CMP_GE: return x >= v;
	case EXILE_CMP_MASKED_EQ: return (x & m) == v;
	case EXILE__OP_ANYSET: return (x & m) != 0;
	}
	return 0;
}

/* nr's vow rules for the held vows, built without allocating anything, so
 * that the SIGSYS handler can ask (report mode computes its hint when a
 * violation happens): the rules live in d and point into its context. */
#define EXILE__DIAG_MAXRULES 8 /* rules of one syscall for one vow set (setsockopt with inet: 5) */
struct exile__diag_rules
{
	struct exile__rules rs;
	struct exile__rule room[EXILE__DIAG_MAXRULES + 1];
	struct exile__vow_ctx c;
};

EXILE__PRIVATE int exile__diag_rules_of(struct exile__diag_rules *d, long nr, uint64_t held, uint32_t self)
{
	memset(&d->rs, 0, sizeof(d->rs));
	d->rs.r = d->room;
	d->rs.cap = EXILE__DIAG_MAXRULES;
	d->rs.fixed = 1;
	exile__vow_ctx_init(&d->c, held, EXILE__DIAG_DENY, self, 1);
	exile__vow_ctx_rules(&d->c, nr, &d->rs);
	return d->rs.err;
}

/* What nr's vow rules for the held vows decide on args, as the filter would:
 * 1 allowed, 0 denied, or a negative errno. */
EXILE__PRIVATE int exile__diag_allows(long nr, uint64_t held, const uint64_t *args, uint32_t self)
{
	struct exile__diag_rules d;
	size_t i;
	int err = exile__diag_rules_of(&d, nr, held, self);
	if(err != 0)
	{
		return err;
	}
	for(i = 0; i < d.rs.n; i++)
	{
		unsigned int c;
		int all = 1;
		for(c = 0; c < d.rs.r[i].ncond && all; c++)
		{
			all = exile__diag_cond_holds(&d.rs.r[i].cond[c], args);
		}
		if(all)
		{
			return d.rs.r[i].ret == SECCOMP_RET_ALLOW;
		}
	}
	return 0;
}

/* 1 when held grants nr whatever the arguments (one unconditional allow). */
EXILE__PRIVATE int exile__diag_unconditional(long nr, uint64_t held, uint32_t self)
{
	struct exile__diag_rules d;
	int err = exile__diag_rules_of(&d, nr, held, self);
	return err != 0 ? err : (d.rs.n == 1 && d.rs.r[0].ncond == 0 && d.rs.r[0].ret == SECCOMP_RET_ALLOW);
}

/* 1 when adding vow v to some non-empty subset of grant changes nr's rules
 * (shmat lists only shm, but its SHM_EXEC rule looks at prot_exec). */
EXILE__PRIVATE int exile__diag_matters(long nr, uint64_t grant, uint64_t v, uint32_t self)
{
	uint64_t sub;
	int res = 0;
	for(sub = grant; sub != 0 && res == 0; sub = (sub - 1) & grant)
	{
		struct exile__diag_rules d;
		uint64_t without;
		int err = exile__diag_rules_of(&d, nr, sub, self);
		without = exile__diag_rules_digest(&d.rs);
		if(err == 0)
		{
			err = exile__diag_rules_of(&d, nr, sub | v, self);
		}
		res = err != 0 ? err : exile__diag_rules_digest(&d.rs) != without;
	}
	return res;
}

EXILE__PRIVATE unsigned exile__diag_popcount(unsigned x)
{
	unsigned n = 0;
	for(; x != 0; x &= x - 1)
	{
		n++;
	}
	return n;
}

/* The vow sets that may allow nr, in the order the lookup tries them:
 * smallest first, then by exile__diag_pref. Fills cand (room for 63) and
 * returns how many, or a negative errno. 0 for a syscall no vow lists. */
EXILE__PRIVATE int exile__diag_candidates(long nr, uint32_t self, uint64_t *cand)
{
	uint64_t grant = exile__diag_grant(nr), uni[EXILE__DIAG_MAXUNI];
	unsigned masks[63], nm = 0, m, bit;
	size_t i, nu = 0, n = 0;
	int simple = 1, r;
	if(grant == 0)
	{
		return 0;
	}
	for(i = 0; i < EXILE__N(exile__diag_pref); i++)
	{
		if((grant & exile__diag_pref[i]) && (r = exile__diag_unconditional(nr, exile__diag_pref[i], self)) != 1)
		{
			if(r < 0)
			{
				return r;
			}
			simple = 0;
		}
	}
	if(simple)
	{
		/* each vow that lists nr allows it outright: the first one answers */
		for(i = 0; i < EXILE__N(exile__diag_pref); i++)
		{
			if(grant & exile__diag_pref[i])
			{
				cand[n++] = exile__diag_pref[i];
			}
		}
		return (int)n;
	}
	for(i = 0; i < EXILE__N(exile__diag_pref) && nu < EXILE__DIAG_MAXUNI; i++)
	{
		uint64_t v = exile__diag_pref[i];
		if(!(grant & v) && (r = exile__diag_matters(nr, grant, v, self)) <= 0)
		{
			if(r < 0)
			{
				return r;
			}
			continue;
		}
		uni[nu++] = v;
	}
	for(m = 1; m < (1u << nu); m++)
	{
		uint64_t s = 0;
		for(bit = 0; bit < nu; bit++)
		{
			if(m & (1u << bit))
			{
				s |= uni[bit];
			}
		}
		if(s & grant)
		{
			masks[nm++] = m;
		}
	}
	/* insertion sort: fewer vows first; then the one whose earliest differing
	 * vow comes first in exile__diag_pref (bit 0 is the most preferred) */
	for(i = 1; i < nm; i++)
	{
		unsigned key = masks[i];
		size_t j = i;
		while(j > 0)
		{
			unsigned prev = masks[j - 1], pk = exile__diag_popcount(prev), kk = exile__diag_popcount(key);
			unsigned low = (prev ^ key) & (0u - (prev ^ key)); /* lowest differing bit */
			if(pk < kk || (pk == kk && (prev & low)))
			{
				break;
			}
			masks[j] = prev;
			j--;
		}
		masks[j] = key;
	}
	for(i = 0; i < nm; i++)
	{
		uint64_t s = 0;
		for(bit = 0; bit < nu; bit++)
		{
			if(masks[i] & (1u << bit))
			{
				s |= uni[bit];
			}
		}
		cand[n++] = s;
	}
	return (int)n;
}

/* The reverse lookup with the caller's pid as SELF. */
EXILE__PRIVATE uint64_t exile__diag_lookup(long nr, const uint64_t *args, uint32_t self)
{
	uint64_t cand[63];
	int n, i;
	if(exile__diag_is_base(nr))
	{
		return 0;
	}
	n = exile__diag_candidates(nr, self, cand);
	for(i = 0; i < n; i++)
	{
		if(exile__diag_allows(nr, cand[i], args, self) == 1)
		{
			return cand[i];
		}
	}
	return EXILE_VOWS_NONE;
}

EXILE_API uint64_t exile_vows_allowing(long nr, const uint64_t args[6])
{
	static const uint64_t zero[6] = { 0, 0, 0, 0, 0, 0 };
	return exile__diag_lookup(nr, args != NULL ? args : zero, (uint32_t)getpid());
}

EXILE_API size_t exile_vows_to_str(uint64_t vows, char *buf, size_t size)
{
	size_t i, len = 0;
	for(i = 0; i < EXILE__N(exile__vow_names); i++)
	{
		const char *s = exile__vow_names[i].name;
		if(!(vows & exile__vow_names[i].bit))
		{
			continue;
		}
		if(len != 0)
		{
			if(len + 1 < size)
			{
				buf[len] = ' ';
			}
			len++;
		}
		for(; *s != '\0'; s++, len++)
		{
			if(len + 1 < size)
			{
				buf[len] = *s;
			}
		}
	}
	if(size != 0)
	{
		buf[len < size ? len : size - 1] = '\0';
	}
	return len;
}

/* -------------------------------------------------------------------------- */
/* >>report: in-process report mode (SIGSYS handler, hints of denied calls)   */
/* -------------------------------------------------------------------------- */
/* The hint of a denied call: the first candidate vow set (smallest first)
 * whose rules allow its arguments. Report mode asks only when a call is
 * denied, from the SIGSYS handler: the lookup allocates nothing and makes
 * no system call, so the table is lazy and enabling pays nothing for it.
 * Learning asks for every call it sees, so it compiles the table once: per
 * syscall a constant answer, or a small BPF program that returns the first
 * candidate (as its bits) whose rules allow the arguments, or
 * EXILE__DIAG_HINT_NONE. */
struct exile__diag_hints
{
	uint32_t self;               /* the pid the SELF rules name */
	uint64_t *konst;             /* [EXILE__NR_COUNT]; NULL: lazy, every answer computed when asked */
	struct sock_fprog *prog;     /* [EXILE__NR_COUNT], with konst */
};

EXILE__PRIVATE void exile__diag_hints_free(struct exile__diag_hints *h)
{
	long nr;
	if(h == NULL)
	{
		return;
	}
	for(nr = 0; h->prog != NULL && nr < EXILE__NR_COUNT; nr++)
	{
		free(h->prog[nr].filter);
	}
	free(h->konst);
	free(h->prog);
	free(h);
}

/* For each candidate: its rules in order; an allow returns the candidate, a
 * deny (or no rule matching) goes on with the next candidate. */
EXILE__PRIVATE int exile__diag_compile(long nr, uint32_t self, const uint64_t *cand, int n, struct sock_fprog *out)
{
	struct exile__asm as;
	int c, err = 0;
	memset(&as, 0, sizeof(as));
	as.a = EXILE__A_UNKNOWN;
	for(c = 0; c < n && err == 0; c++)
	{
		struct exile__diag_rules d;
		int next = exile__asm_label(&as);
		size_t i;
		err = exile__diag_rules_of(&d, nr, cand[c], self);
		for(i = 0; i < d.rs.n && err == 0; i++)
		{
			int fail = exile__asm_label(&as);
			unsigned int k;
			for(k = 0; k < d.rs.r[i].ncond; k++)
			{
				exile__emit_cond(&as, &d.rs.r[i].cond[k], fail);
			}
			if(d.rs.r[i].ret == SECCOMP_RET_ALLOW)
			{
				exile__asm_ret(&as, (uint32_t)cand[c]);
			}
			else
			{
				exile__asm_jmp(&as, BPF_JA, 0, next, EXILE__NOLABEL);
			}
			exile__asm_place(&as, fail);
		}
		exile__asm_place(&as, next);
	}
	exile__asm_ret(&as, EXILE__DIAG_HINT_NONE);
	if(err == 0)
	{
		err = exile__asm_finish(&as, out);
	}
	exile__asm_free(&as);
	return err;
}

/* A lazy table: nothing computed before a question. */
EXILE__PRIVATE int exile__diag_hints_lazy(uint32_t self, struct exile__diag_hints **out)
{
	struct exile__diag_hints *h = (struct exile__diag_hints *)calloc(1, sizeof(*h));
	if(h == NULL)
	{
		return -ENOMEM;
	}
	h->self = self;
	*out = h;
	return 0;
}

/* The compiled table (learning mode, tests). */
EXILE__PRIVATE int exile__diag_hints_build(uint32_t self, struct exile__diag_hints **out)
{
	struct exile__diag_hints *h = NULL;
	long nr;
	int err = exile__diag_hints_lazy(self, &h);
	if(err != 0)
	{
		return err;
	}
	h->konst = (uint64_t *)calloc(EXILE__NR_COUNT, sizeof(*h->konst));
	h->prog = (struct sock_fprog *)calloc(EXILE__NR_COUNT, sizeof(*h->prog));
	if(h->konst == NULL || h->prog == NULL)
	{
		exile__diag_hints_free(h);
		return -ENOMEM;
	}
	for(nr = 0; nr < EXILE__NR_COUNT && err == 0; nr++)
	{
		uint64_t cand[63];
		int n, r;
		if(exile__diag_is_base(nr))
		{
			h->konst[nr] = 0;
			continue;
		}
		n = exile__diag_candidates(nr, self, cand);
		if(n <= 0)
		{
			err = n;
			h->konst[nr] = EXILE_VOWS_NONE;
			continue;
		}
		if((r = exile__diag_unconditional(nr, cand[0], self)) != 0)
		{
			err = r < 0 ? r : 0;
			h->konst[nr] = cand[0];
			continue;
		}
		err = exile__diag_compile(nr, self, cand, n, &h->prog[nr]);
	}
	if(err != 0)
	{
		exile__diag_hints_free(h);
		return err;
	}
	*out = h;
	return 0;
}

/* Async-signal-safe: no allocation, no locks, no system call (the lookup
 * and the simulator only compute). */
EXILE__PRIVATE uint64_t exile__diag_hint(const struct exile__diag_hints *h, long nr, const uint64_t *args)
{
	struct seccomp_data d;
	uint32_t ret = EXILE__DIAG_HINT_NONE;
	if(h == NULL || nr < 0 || nr >= EXILE__NR_COUNT)
	{
		return EXILE_VOWS_NONE;
	}
	if(h->konst == NULL)
	{
		return exile__diag_lookup(nr, args, h->self);
	}
	if(h->prog[nr].filter == NULL)
	{
		return h->konst[nr];
	}
	memset(&d, 0, sizeof(d));
	d.nr = (int)nr;
	d.arch = EXILE__AUDIT_ARCH;
	memcpy(d.args, args, sizeof(d.args));
	if(exile_bpf_simulate(&h->prog[nr], &d, &ret) < 0 || ret == EXILE__DIAG_HINT_NONE)
	{
		return EXILE_VOWS_NONE;
	}
	return ret;
}


/* What the SIGSYS handler reads (exile__state.diag_active, diag_held): set
 * before the filter is installed, never freed (a handler in another thread
 * may be reading an older table). */

struct exile__diag_line
{
	char b[600];
	size_t n;
};

EXILE__PRIVATE void exile__diag_puts(struct exile__diag_line *l, const char *s)
{
	for(; *s != '\0'; s++)
	{
		if(l->n + 1 < sizeof(l->b))
		{
			l->b[l->n++] = *s;
		}
	}
	l->b[l->n] = '\0';
}

EXILE__PRIVATE void exile__diag_putnum(struct exile__diag_line *l, uint64_t v, int hex)
{
	char tmp[24];
	size_t i = sizeof(tmp) - 1;
	tmp[i] = '\0';
	do
	{
		tmp[--i] = "0123456789abcdef"[hex ? v % 16 : v % 10];
		v = hex ? v / 16 : v / 10;
	} while(v != 0);
	if(hex)
	{
		exile__diag_puts(l, "0x");
	}
	exile__diag_puts(l, tmp + i);
}

/* "vow \"rpath\" would allow it" and the other endings of a report line:
 * hint is the lookup's answer, held the vows the policy holds. */
EXILE__PRIVATE void exile__diag_put_hint(struct exile__diag_line *l, uint64_t hint, uint64_t held, int foreign)
{
	char vows[256];
	exile_vows_to_str(hint & ~held, vows, sizeof(vows));
	if(foreign)
	{
		exile__diag_puts(l, "made for a foreign architecture");
	}
	else if(hint == EXILE_VOWS_NONE)
	{
		exile__diag_puts(l, "no vow allows it");
	}
	else if((hint & ~held) == 0)
	{
		exile_vows_to_str(hint, vows, sizeof(vows));
		exile__diag_puts(l, hint == 0 ? "every vow set allows it" : "the held vows \"");
		exile__diag_puts(l, hint == 0 ? "" : vows);
		exile__diag_puts(l, hint == 0 ? "" : "\" allow it");
		exile__diag_puts(l, ", so an explicit rule of the policy denies it");
	}
	else
	{
		exile__diag_puts(l, (hint & ~held & ((hint & ~held) - 1)) ? "vows \"" : "vow \"");
		exile__diag_puts(l, vows);
		exile__diag_puts(l, "\" would allow it");
		if(hint & held)
		{
			exile_vows_to_str(hint & held, vows, sizeof(vows));
			exile__diag_puts(l, " (with \"");
			exile__diag_puts(l, vows);
			exile__diag_puts(l, "\", held)");
		}
	}
}

/* The report line for one violation (no allocation: the handler calls it). */
EXILE__PRIVATE size_t exile__diag_format(const struct exile__violation *v, const struct exile__diag_hints *h, uint64_t held,
		char *out, size_t size)
{
	struct exile__diag_line l;
	const char *name = exile_syscall_name(v->nr);
	uint64_t hint;
	int i;
	l.n = 0;
	l.b[0] = '\0';
	exile__diag_puts(&l, "exile: denied syscall ");
	exile__diag_puts(&l, name != NULL ? name : "?");
	exile__diag_puts(&l, "(");
	exile__diag_putnum(&l, (uint64_t)(int64_t)v->nr, 0);
	exile__diag_puts(&l, ") args=(");
	for(i = 0; i < 6; i++)
	{
		exile__diag_puts(&l, i ? ", " : "");
		exile__diag_putnum(&l, v->args[i], 1);
	}
	exile__diag_puts(&l, ") \xe2\x80\x94 ");
	hint = v->arch == EXILE__AUDIT_ARCH ? exile__diag_hint(h, v->nr, v->args) : EXILE_VOWS_NONE;
	exile__diag_put_hint(&l, hint, held, v->arch != EXILE__AUDIT_ARCH);
	exile__diag_puts(&l, "\n");
	if(size != 0)
	{
		size_t n = l.n < size ? l.n : size - 1;
		memcpy(out, l.b, n);
		out[n] = '\0';
	}
	return l.n;
}

/* The sigsetsize of the one rt_sigaction(SIGSYS) report mode's filter kills
 * for: the handler's own end. Any other rt_sigaction(SIGSYS, act != NULL)
 * fails with EINVAL, as it does for SIGKILL. */
#define EXILE__DIAG_DIE_SIZE 0x65786cu

/* Ends the process by SIGSYS. Under report mode's filter the first call is
 * killed (SECCOMP_RET_KILL_PROCESS of the whole process, as the kill it
 * stands for). The rest runs only without that filter (the handler ran for a
 * SIGSYS someone sent, or before the filter was installed): default action,
 * unblock, signal this thread; the default action of SIGSYS ends the whole
 * thread group. */
EXILE__PRIVATE void exile__diag_die(void)
{
	struct
	{
		unsigned long handler, flags, restorer, mask;
	} dfl;
	unsigned long set = 1UL << (SIGSYS - 1);
	memset(&dfl, 0, sizeof(dfl));
	syscall(__NR_rt_sigaction, SIGSYS, &dfl, NULL, EXILE__DIAG_DIE_SIZE);
	syscall(__NR_rt_sigaction, SIGSYS, &dfl, NULL, sizeof(set));
	syscall(__NR_rt_sigprocmask, SIG_UNBLOCK, &set, NULL, sizeof(set));
	syscall(__NR_tgkill, syscall(__NR_getpid), syscall(__NR_gettid), SIGSYS);
	syscall(__NR_exit_group, 128 + SIGSYS);
}

#ifndef SYS_SECCOMP
#define SYS_SECCOMP 1
#endif

/* The arguments of the trapped call, from the signal's saved registers (the
 * build architecture's syscall argument registers; 32-bit ones zero-extended,
 * as seccomp_data has them). */
EXILE__PRIVATE void exile__diag_ctx_args(const void *ctx, uint64_t args[6])
{
	const ucontext_t *uc = (const ucontext_t *)ctx;
	int i;
#if defined(__x86_64__)
	static const int regs[6] = { REG_RDI, REG_RSI, REG_RDX, REG_R10, REG_R8, REG_R9 };
	for(i = 0; i < 6; i++)
	{
		args[i] = (uint64_t)uc->uc_mcontext.gregs[regs[i]];
	}
#elif defined(__i386__)
	static const int regs[6] = { REG_EBX, REG_ECX, REG_EDX, REG_ESI, REG_EDI, REG_EBP };
	for(i = 0; i < 6; i++)
	{
		args[i] = (uint64_t)(uint32_t)uc->uc_mcontext.gregs[regs[i]];
	}
#elif defined(__aarch64__)
	for(i = 0; i < 6; i++)
	{
		args[i] = (uint64_t)uc->uc_mcontext.regs[i];
	}
#elif defined(__riscv)
	for(i = 0; i < 6; i++)
	{
		args[i] = (uint64_t)uc->uc_mcontext.__gregs[10 + i]; /* a0..a5 */
	}
#elif defined(__arm__)
	const unsigned long *r = &uc->uc_mcontext.arm_r0; /* r0..r5 follow each other */
	for(i = 0; i < 6; i++)
	{
		args[i] = (uint64_t)(uint32_t)r[i];
	}
#endif
}

/* The SIGSYS handler: async-signal-safe calls only. */
EXILE__PRIVATE void exile__diag_sigsys(int sig, siginfo_t *si, void *ctx)
{
	(void)sig;
	if(si != NULL && si->si_code == SYS_SECCOMP && ctx != NULL)
	{
		struct exile__violation v;
		char line[600];
		size_t n;
		memset(&v, 0, sizeof(v));
		v.nr = si->si_syscall;
		v.arch = si->si_arch;
		exile__diag_ctx_args(ctx, v.args);
		n = exile__diag_format(&v, exile__state.diag_active, exile__state.diag_held, line, sizeof(line));
		if(write(2, line, n < sizeof(line) ? n : sizeof(line) - 1) < 0)
		{
			/* nothing to do: the process ends either way */
		}
#ifdef EXILE_TESTING
		if(exile__state.violation_fd_plus1 > 0 && write(exile__state.violation_fd_plus1 - 1, &v, sizeof(v)) < 0)
		{
		}
#endif
	}
	exile__diag_die();
}

/* Report mode is on when the policy asks, or EXILE_REPORT=1 is in the
 * environment when the policy is enabled. */
EXILE__PRIVATE int exile__diag_report_wanted(const struct exile_policy *p)
{
	const char *env = getenv(EXILE_REPORT_ENV);
	if(p->exile_flags & EXILE__FLAG_NO_REPORT)
	{
		return 0;
	}
	return p->report_violations || (env != NULL && strcmp(env, "1") == 0);
}

/* Report mode in the filter, for the rules of syscall nr: every kill becomes
 * a trap into exile's handler, and before any other rule, the handler's own
 * end (rt_sigaction(SIGSYS, act, old, EXILE__DIAG_DIE_SIZE)) kills and every
 * other rt_sigaction(SIGSYS, act != NULL) fails with EINVAL, so that nothing
 * can replace the handler. Failing instead of killing: posix_spawn, system,
 * popen, bash, make and Python's subprocess reset SIGSYS in the child before
 * execve (which resets it anyway), and ignore the error. Reading the action
 * (act NULL) stays allowed: Python, for one, reads the action of every
 * signal when it starts. */
EXILE__PRIVATE void exile__diag_adjust(struct exile__rules *rs, long nr, uint32_t *fallback)
{
	size_t i;
	for(i = 0; i < rs->n; i++)
	{
		if(rs->r[i].ret == SECCOMP_RET_KILL_PROCESS)
		{
			rs->r[i].ret = SECCOMP_RET_TRAP;
		}
	}
	if(*fallback == SECCOMP_RET_KILL_PROCESS)
	{
		*fallback = SECCOMP_RET_TRAP;
	}
	if(nr == __NR_rt_sigaction)
	{
		struct exile__rule *r = exile__rules_add(rs, SECCOMP_RET_KILL_PROCESS);
		int k;
		exile__rule_cond(r, 0, EXILE_CMP_EQ, 1, SIGSYS, 0);
		exile__rule_cond(r, 3, EXILE_CMP_EQ, 0, EXILE__DIAG_DIE_SIZE, 0);
		r = exile__rules_add(rs, SECCOMP_RET_ERRNO | EINVAL);
		exile__rule_cond(r, 0, EXILE_CMP_EQ, 1, SIGSYS, 0);
		exile__rule_cond(r, 1, EXILE_CMP_NE, 0, 0, 0);
		for(k = 0; k < 2 && rs->err == 0; k++)
		{
			/* both in front, in this order */
			struct exile__rule keep = rs->r[rs->n - 1];
			memmove(&rs->r[1], &rs->r[0], (rs->n - 1) * sizeof(rs->r[0]));
			rs->r[0] = keep;
		}
	}
}

struct exile__diag_plan
{
	int report;
	uint64_t held;
	struct exile__diag_hints *hints;
	/* exile_launch's child: the filter is installed with a new listener, whose
	 * fd goes to *listener (or -errno when it got a plain filter instead) */
	volatile int *listener;
	int need_listener; /* 1: no listener is an error (log mode, startup_vows) */
	int kernel_log;    /* 1: SECCOMP_FILTER_FLAG_LOG too (log mode): the audit log names each denied call */
};

/* Prepares the (lazy) hint table (no change to the process yet). */
EXILE__PRIVATE int exile__diag_prepare(const struct exile_policy *p, struct exile__diag_plan *dp, struct exile__commit_info *ci)
{
	int err;
	memset(dp, 0, sizeof(*dp));
	if(!exile__diag_report_wanted(p))
	{
		return 0;
	}
	dp->report = 1;
	dp->held = p->vow_promises;
	if((err = exile__diag_hints_lazy((uint32_t)getpid(), &dp->hints)) != 0)
	{
		return exile__fail(err, NULL, "report mode: the table of vow hints");
	}
	if(!exile__state.diag_handler_set)
	{
		exile__will_call(ci, __NR_rt_sigaction, SIGSYS, 1, 0);
	}
	return 0;
}

/* Publishes the hints and installs the handler; runs right before the filter. */
EXILE__PRIVATE int exile__diag_commit(struct exile__diag_plan *dp)
{
	struct sigaction sa;
	if(!dp->report)
	{
		return 0;
	}
	exile__state.diag_held = dp->held;
	exile__state.diag_active = dp->hints;
	dp->hints = NULL;
	if(exile__state.diag_handler_set)
	{
		return 0;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = exile__diag_sigsys;
	sa.sa_flags = SA_SIGINFO;
	sigfillset(&sa.sa_mask);
	if(sigaction(SIGSYS, &sa, NULL) != 0)
	{
		return exile__fail(-errno, NULL, "report mode: installing the SIGSYS handler");
	}
	return 0;
}

/* The filter is in: from now on it kills whoever replaces the handler. Until
 * then (an install that failed) the program may replace it, so the next
 * report-mode enable installs it again. */
EXILE__PRIVATE void exile__diag_guarded(const struct exile__diag_plan *dp)
{
	if(dp->report)
	{
		exile__state.diag_handler_set = 1;
	}
}

EXILE__PRIVATE void exile__diag_release(struct exile__diag_plan *dp)
{
	exile__diag_hints_free(dp->hints);
	dp->hints = NULL;
}

/* The supervisor in the filter, for the rules of one syscall (log mode
 * only; kills are rewritten in the whole program by exile__diag_install):
 * errno denials return SECCOMP_RET_USER_NOTIF too, so that the supervisor
 * reports them and answers with the same errno. compat: the fallback is an
 * ENOSYS compatibility answer (unknown numbers, clone3, openat2), left as is. */
EXILE__PRIVATE void exile__sup_adjust(uint32_t flags, struct exile__rules *rs, uint32_t *fallback, int compat)
{
	size_t i;
	if(!(flags & EXILE__FLAG_NOTIFY_ERRNO))
	{
		return;
	}
	for(i = 0; i < rs->n; i++)
	{
		if((rs->r[i].ret & SECCOMP_RET_ACTION_FULL) == SECCOMP_RET_ERRNO)
		{
			rs->r[i].ret = SECCOMP_RET_USER_NOTIF;
		}
	}
	if(!compat && (*fallback & SECCOMP_RET_ACTION_FULL) == SECCOMP_RET_ERRNO)
	{
		*fallback = SECCOMP_RET_USER_NOTIF;
	}
}

/* Every constant return of prog whose action is from becomes to. */
EXILE__PRIVATE void exile__prog_retarget(struct sock_fprog *prog, uint32_t from, uint32_t to)
{
	size_t i;
	for(i = 0; i < prog->len; i++)
	{
		if(prog->filter[i].code == (BPF_RET | BPF_K) && (prog->filter[i].k & SECCOMP_RET_ACTION_FULL) == from)
		{
			prog->filter[i].k = to;
		}
	}
}

EXILE__PRIVATE int exile__remember_filter(const struct sock_fprog *prog);

/* exile_launch's child (single-threaded: no TSYNC): installs prog, whose
 * kills are already USER_NOTIF, with a new listener, whose fd goes to
 * *dp->listener. Without a listener (a filter of this process already has
 * one: EBUSY, one per chain; a kernel before 5.0: EINVAL) the plain filter
 * goes in and *dp->listener is -errno, unless need_listener. 0, or -1 with
 * errno, as seccomp(). No allocation: the filter may be in. */
EXILE__PRIVATE int exile__diag_listen(const struct exile__diag_plan *dp, struct sock_fprog *prog)
{
	int fd = exile__seccomp(SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_NEW_LISTENER | (dp->kernel_log ? SECCOMP_FILTER_FLAG_LOG : 0), prog), e;
	if(fd >= 0)
	{
		*dp->listener = fd;
		return 0;
	}
	e = errno;
	if(dp->need_listener || (e != EBUSY && e != EINVAL))
	{
		if(e == EBUSY || e == EINVAL)
		{
			*dp->listener = -e; /* the caller tells why there is no listener */
		}
		return -1;
	}
	exile__prog_retarget(prog, SECCOMP_RET_USER_NOTIF, SECCOMP_RET_KILL_PROCESS);
	if(exile__seccomp(SECCOMP_SET_MODE_FILTER, 0, prog) != 0)
	{
		return -1;
	}
	*dp->listener = -e;
	return 0;
}

/* -------------------------------------------------------------------------- */
/* >>policy: build, then commit — the one place that combines the modules      */
/* -------------------------------------------------------------------------- */
#define EXILE__FS_KNOWN ((((1u << 21) - 1) & ~(1u << 6)) | EXILE_FS_OPTIONAL)
#define EXILE__FLAG_URING_CHECKED (1u << 9) /* an earlier stage (before execve) looked for io_uring state, and its filter denies io_uring_setup */
/* a private action of the rules exile adds (exile__filter_view): the filter's
 * own deny, the vows' deny action or EACCES without vows; never valid from a caller */
#define EXILE__ACTION_DENY 0x20000u
#define EXILE__VOWS_VALID (EXILE__VOWS_ALL | EXILE_SYSCALL_VOW_DENY_ERROR | EXILE_SYSCALL_VOW_BASE)

EXILE__PRIVATE void exile__policy_init(struct exile_policy *p)
{
	memset(p, 0, sizeof(*p));
	p->path_policies_tail = &p->path_policies;
	p->syscall_policies_tail = &p->syscall_policies;
	/* namespace_uid/gid 0: the caller is root inside its user namespace, as upstream */
}

EXILE_API struct exile_policy *exile_create_policy(void)
{
	struct exile_policy *p = (struct exile_policy *)malloc(sizeof(struct exile_policy));
	if(p == NULL)
	{
		exile__fail(-ENOMEM, NULL, "allocating a policy");
		return NULL;
	}
	exile__policy_init(p);
	return p;
}

EXILE_API struct exile_policy *exile_init_policy(void)
{
	struct exile_policy *p = exile_create_policy();
	if(p != NULL)
	{
		p->drop_caps = 1;
		p->not_dumpable = 1;
		p->no_new_privs = 1;
		p->close_fds = 1;
		/* Landlock ABI 6 where the kernel has it, skipped where not */
		p->landlock_scopes = EXILE_LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET | EXILE_LANDLOCK_SCOPE_SIGNAL
			| EXILE_LANDLOCK_SCOPE_IF_AVAILABLE;
	}
	return p;
}

EXILE_API void exile_free_policy(struct exile_policy *p)
{
	if(p == NULL)
	{
		return;
	}
	while(p->path_policies != NULL)
	{
		struct exile_path_policy *next = p->path_policies->next;
		free(p->path_policies->path);
		free(p->path_policies);
		p->path_policies = next;
	}
	while(p->syscall_policies != NULL)
	{
		struct exile_syscall_policy *next = p->syscall_policies->next;
		free(p->syscall_policies->argfilters);
		free(p->syscall_policies->cmps);
		free(p->syscall_policies);
		p->syscall_policies = next;
	}
	free(p->keep_fds);
	free(p->net_rules);
	free(p);
}

EXILE_API int exile_keep_fd(struct exile_policy *p, int fd)
{
	int *n;
	if(p == NULL || fd < 0)
	{
		return exile__fail(-EINVAL, NULL, "exile_keep_fd: %s", p == NULL ? "NULL policy" : "negative fd");
	}
	n = (int *)realloc(p->keep_fds, (p->keep_fds_count + 1) * sizeof(int));
	if(n == NULL)
	{
		return exile__fail(-ENOMEM, NULL, "exile_keep_fd(%d)", fd);
	}
	p->keep_fds = n;
	p->keep_fds[p->keep_fds_count++] = fd;
	return 0;
}

EXILE__PRIVATE int exile__action_valid(unsigned int a)
{
	if((a & 0xFFFF0000u) == 0x10000u)
	{
		return (a & 0xFFFFu) >= 1 && (a & 0xFFFFu) <= 4095;
	}
	return a >= EXILE_SYSCALL_ALLOW && a <= EXILE_SYSCALL_LOG;
}

EXILE__PRIVATE uint32_t exile__action_ret(unsigned int a)
{
	switch(a)
	{
	case EXILE_SYSCALL_ALLOW: return SECCOMP_RET_ALLOW;
	case EXILE_SYSCALL_DENY_KILL_PROCESS: return SECCOMP_RET_KILL_PROCESS;
	case EXILE_SYSCALL_DENY_RET_ERROR: return SECCOMP_RET_ERRNO | EACCES;
	case EXILE_SYSCALL_DENY_RET_NOSYS: return SECCOMP_RET_ERRNO | ENOSYS;
	case EXILE_SYSCALL_DENY_TRAP: return SECCOMP_RET_TRAP;
	case EXILE_SYSCALL_LOG: return SECCOMP_RET_LOG;
	default: return SECCOMP_RET_ERRNO | (a & 0xFFFFu);
	}
}

EXILE__PRIVATE int exile__append_rule(struct exile_policy *p, long nr, unsigned int action, const struct sock_filter *raw,
		size_t nraw, const struct exile_arg_cmp *cmps, size_t ncmps)
{
	struct exile_syscall_policy *sp;
	int err = 0;
	size_t i;
	if(p == NULL)
	{
		return exile__fail(-EINVAL, NULL, "adding a syscall rule: NULL policy");
	}
	if(!exile__action_valid(action))
	{
		err = exile__fail(-EINVAL, "use EXILE_SYSCALL_ALLOW, _DENY_KILL_PROCESS, _DENY_RET_ERROR, _DENY_RET_NOSYS, _DENY_TRAP, _LOG or EXILE_SYSCALL_DENY_ERRNO(1..4095)",
				(action & 0xFFFF0000u) == 0x10000u ? "syscall rule for %ld: invalid action 0x%x (EXILE_SYSCALL_DENY_ERRNO of an errno outside 1..4095)"
				: "syscall rule for %ld: invalid action %u", nr, action);
	}
	else if(nr != EXILE_SYSCALL_MATCH_ALL && (nr < 0 || nr >= (long)EXILE__NR_LIMIT))
	{
		err = exile__fail(-EINVAL, NULL, "syscall rule: invalid syscall number %ld", nr);
	}
	else if(nr == EXILE_SYSCALL_MATCH_ALL && (nraw != 0 || ncmps != 0))
	{
		err = exile__fail(-EINVAL, NULL, "the default rule (EXILE_SYSCALL_MATCH_ALL) takes no argument filters");
	}
	else if((nraw != 0 && raw == NULL) || (ncmps != 0 && cmps == NULL) || nraw > 254)
	{
		err = exile__fail(-EINVAL, NULL, "syscall rule for %ld: %s", nr, nraw > 254 ? "an argument filter longer than 254 instructions" : "argument filters missing");
	}
	else if(ncmps > EXILE_ARG_CMP_MAX)
	{
		err = exile__fail(-E2BIG, NULL, "syscall rule for %ld: %zu comparisons, at most %d", nr, ncmps, EXILE_ARG_CMP_MAX);
	}
	for(i = 0; err == 0 && i < nraw; i++)
	{
		/* what the kernel would refuse, and jumps past the snippet's end
		 * (one past it is "no match"), even in a rule that an earlier
		 * unconditional one makes unreachable */
		const struct sock_filter *in = &raw[i];
		int jump = BPF_CLASS(in->code) == BPF_JMP;
		if(!exile__bpf_insn_ok(in))
		{
			err = exile__fail(-EINVAL, "seccomp takes loads of 32-bit words of seccomp_data, ALU without BPF_MOD, jumps and RET K/A",
					"syscall rule for %ld: argument filter instruction %zu (code 0x%x, k %u) is one the kernel refuses", nr, i,
					in->code, in->k);
		}
		else if(jump && (exile__snippet_target(in, i, nraw, 0) > nraw + 1
			|| (BPF_OP(in->code) != BPF_JA && exile__snippet_target(in, i, nraw, 1) > nraw + 1)))
		{
			err = exile__fail(-EINVAL, "jump to EXILE_SYSCALL_EXIT_BPF_RETURN/_NO_MATCH to leave a snippet",
					"syscall rule for %ld: argument filter instruction %zu jumps beyond the end of its snippet", nr, i);
		}
	}
	for(i = 0; err == 0 && i < ncmps; i++)
	{
		if(cmps[i].arg > 5 || cmps[i].op < EXILE_CMP_EQ || cmps[i].op > EXILE_CMP_MASKED_EQ)
		{
			err = exile__fail(-EINVAL, NULL, "syscall rule for %ld: comparison %zu has argument %u / operator %u", nr, i,
					cmps[i].arg, cmps[i].op);
		}
#if EXILE__ARG_BITS == 32
		else if(!cmps[i].is32 && (!exile__fits_arg32(cmps[i].value) || !exile__fits_arg32(cmps[i].mask)))
		{
			/* no 32-bit register holds it: the comparison would be constant */
			err = exile__fail(-EINVAL, "on " EXILE__ARCH_NAME " an argument has 32 bits: give a value that fits them (or a negative one)",
					"syscall rule for %ld: comparison %zu compares arg%u with 0x%llx (mask 0x%llx), which no argument of this architecture can hold",
					nr, i, cmps[i].arg, (unsigned long long)cmps[i].value, (unsigned long long)cmps[i].mask);
		}
#endif
		else if(cmps[i].op == EXILE_CMP_MASKED_EQ
			&& (cmps[i].value & ~cmps[i].mask & ((cmps[i].is32 || EXILE__ARG_BITS == 32) ? 0xFFFFFFFFu : ~(uint64_t)0)) != 0)
		{
			/* (arg & mask) == value can never hold: a deny rule written so
			 * would silently never fire (libseccomp masks the value instead) */
			err = exile__fail(-EINVAL, "the value of a masked comparison may only have bits of the mask",
					"syscall rule for %ld: comparison %zu compares arg%u & 0x%llx with 0x%llx, which can never match", nr, i,
					cmps[i].arg, (unsigned long long)cmps[i].mask, (unsigned long long)cmps[i].value);
		}
	}
	if(err != 0)
	{
		p->exile_flags |= EXILE__FLAG_APPEND_FAILED;
		return err;
	}
	sp = (struct exile_syscall_policy *)calloc(1, sizeof(*sp));
	if(sp == NULL || (nraw && (sp->argfilters = (struct sock_filter *)malloc(nraw * sizeof(*raw))) == NULL)
		|| (ncmps && (sp->cmps = (struct exile_arg_cmp *)malloc(ncmps * sizeof(*cmps))) == NULL))
	{
		if(sp != NULL)
		{
			free(sp->argfilters);
			free(sp);
		}
		p->exile_flags |= EXILE__FLAG_APPEND_FAILED;
		return exile__fail(-ENOMEM, NULL, "adding a syscall rule for %ld", nr);
	}
	if(nraw)
	{
		memcpy(sp->argfilters, raw, nraw * sizeof(*raw));
	}
	if(ncmps)
	{
		memcpy(sp->cmps, cmps, ncmps * sizeof(*cmps));
	}
	sp->syscall = nr;
	sp->policy = action;
	sp->argfilterscount = nraw;
	sp->cmpscount = ncmps;
	*p->syscall_policies_tail = sp;
	p->syscall_policies_tail = &sp->next;
	return 0;
}

EXILE_API int exile_append_syscall_policy(struct exile_policy *p, long nr, unsigned int action, struct sock_filter *argfilters,
		size_t n)
{
	return exile__append_rule(p, nr, action, argfilters, n, NULL, 0);
}

EXILE_API int exile_append_syscall_rule(struct exile_policy *p, long nr, unsigned int action, const struct exile_arg_cmp *cmps,
		size_t n)
{
	return exile__append_rule(p, nr, action, NULL, 0, cmps, n);
}

EXILE_API int exile_append_syscall_default_policy(struct exile_policy *p, unsigned int action)
{
	return exile__append_rule(p, EXILE_SYSCALL_MATCH_ALL, action, NULL, 0, NULL, 0);
}

EXILE_API int exile_append_vow_promises(struct exile_policy *p, uint64_t vows)
{
	if(p == NULL)
	{
		return exile__fail(-EINVAL, NULL, "exile_append_vow_promises: NULL policy");
	}
	p->vow_promises |= vows != 0 ? vows : EXILE_SYSCALL_VOW_BASE; /* 0: the base set, never "no filter" */
	return 0;
}

EXILE_API int (exile_append_path_policies)(struct exile_policy *p, unsigned int flags, ...)
{
	va_list ap;
	const char *path;
	int err = 0;
	if(p == NULL)
	{
		return exile__fail(-EINVAL, NULL, "exile_append_path_policies: NULL policy");
	}
	if((flags & ~EXILE__FS_KNOWN) != 0)
	{
		p->exile_flags |= EXILE__FLAG_APPEND_FAILED;
		return exile__fail(-EINVAL, NULL, "path policy: unknown EXILE_FS_* bits 0x%x", flags & ~EXILE__FS_KNOWN);
	}
	va_start(ap, flags);
	while(err == 0 && (path = va_arg(ap, const char *)) != NULL)
	{
		struct exile_path_policy *pp;
		struct stat st;
		/* the identity of the file now: enabling checks the path still names it */
		memset(&st, 0, sizeof(st));
		if(stat(path, &st) != 0 && !(errno == ENOENT && (flags & EXILE_FS_OPTIONAL)))
		{
			err = exile__fail(-errno, errno == ENOENT ? "add EXILE_FS_OPTIONAL to skip a path that may be missing" : NULL,
					"path policy for \"%s\"", path);
			break;
		}
		pp = (struct exile_path_policy *)calloc(1, sizeof(*pp));
		if(pp == NULL || (pp->path = strdup(path)) == NULL)
		{
			free(pp);
			err = exile__fail(-ENOMEM, NULL, "path policy for \"%s\"", path);
			break;
		}
		pp->policy = flags;
		pp->dev = st.st_dev;
		pp->ino = st.st_ino;
		*p->path_policies_tail = pp;
		p->path_policies_tail = &pp->next;
	}
	va_end(ap);
	if(err != 0)
	{
		p->exile_flags |= EXILE__FLAG_APPEND_FAILED;
	}
	return err;
}

/* Everything about the syscall part that can be checked before the commit. */
EXILE__PRIVATE int exile__validate_rules(const struct exile_policy *p)
{
	uint64_t bad;
	if(p == NULL)
	{
		return exile__fail(-EINVAL, NULL, "NULL policy");
	}
	if(p->exile_flags & EXILE__FLAG_APPEND_FAILED)
	{
		return exile__fail(-EINVAL, "check the return value of every exile_append_* call",
				"an earlier exile_append_* call on this policy failed, so enabling it would enforce less than asked");
	}
	if(p->vow_promises & EXILE_SYSCALL_VOW_INVALID)
	{
		return exile__fail(-EINVAL, NULL, "vow_promises holds EXILE_SYSCALL_VOW_INVALID: exile_vows_from_str() met an unknown word");
	}
	bad = p->vow_promises & ~EXILE__VOWS_VALID;
	if(bad != 0)
	{
		return exile__fail(-EINVAL, NULL, "vow_promises holds unassigned bits 0x%llx", (unsigned long long)bad);
	}
	if(p->disable_syscall_filter && (exile__vows_active(p) || p->syscall_policies != NULL))
	{
		/* the vows or rules would be dropped without a word */
		return exile__fail(-EINVAL, "clear disable_syscall_filter, or remove the vows and syscall rules",
				"disable_syscall_filter = 1 and the policy has %s: no filter would enforce them",
				p->syscall_policies != NULL ? "syscall rules" : "vows");
	}
	return 0;
}

EXILE__PRIVATE int exile__has_filter(const struct exile_policy *p)
{
	return !p->disable_syscall_filter && (exile__vows_active(p) || p->syscall_policies != NULL);
}

/* What the filter decides for each syscall number, made once per filter
 * from the policy: the explicit rules sorted by number, the vow compiler's
 * context, the default. */
struct exile__decider
{
	const struct exile_syscall_policy **byn; /* explicit rules by number; the user's order within one number */
	size_t nexp;
	long limit;           /* the highest number that needs its own decision */
	int vows, report;
	uint32_t flags;       /* the policy's private flags (the supervisor's log mode) */
	uint32_t deny;        /* what the default (or the vows) do with the rest */
	uint32_t unknown;     /* what numbers the name table does not know get */
	struct exile__vow_ctx vc;
	uint16_t vow_index[EXILE__NR_COUNT]; /* vc's index */
	unsigned char named[EXILE__NR_COUNT]; /* the numbers the name table names */
};

EXILE__PRIVATE void exile__decider_free(struct exile__decider *d)
{
	free(d->byn);
	d->byn = NULL;
}

EXILE__PRIVATE int exile__decider_init(struct exile__decider *d, const struct exile_policy *p)
{
	const struct exile_syscall_policy *sp;
	size_t i;
	int have_default = 0;
	uint32_t deflt = 0;
	memset(d, 0, sizeof(*d));
	d->limit = EXILE__NR_COUNT - 1;
	exile__sys_named(d->named);
	{
		long high = exile__sys_next_high(0), next; /* arm's private calls: named, so decided like any other */
		for(next = high; next >= 0; next = exile__sys_next_high(next + 1))
		{
			high = next;
		}
		d->limit = high > d->limit ? high : d->limit;
	}
	d->vows = exile__vows_active(p);
	d->report = exile__diag_report_wanted(p); /* >>diag: report mode */
	d->flags = p->exile_flags;
	for(sp = p->syscall_policies; sp != NULL; sp = sp->next)
	{
		if(sp->syscall == EXILE_SYSCALL_MATCH_ALL)
		{
			if(have_default)
			{
				return exile__fail(-EINVAL, NULL, "the policy has two default rules (EXILE_SYSCALL_MATCH_ALL)");
			}
			have_default = 1;
			deflt = exile__action_ret(sp->policy);
		}
		else
		{
			d->nexp++;
			if(sp->syscall > d->limit)
			{
				d->limit = sp->syscall;
			}
		}
	}
	if(d->vows)
	{
		d->deny = (p->vow_promises & EXILE_SYSCALL_VOW_DENY_ERROR) ? (SECCOMP_RET_ERRNO | EACCES) : SECCOMP_RET_KILL_PROCESS;
		if(have_default)
		{
			if(deflt == SECCOMP_RET_ALLOW || deflt == SECCOMP_RET_LOG)
			{
				return exile__fail(-EINVAL, "with vows, a default rule may only choose how to deny",
						"a default rule that allows every syscall would void the vows");
			}
			d->deny = deflt;
		}
	}
	else if(have_default)
	{
		d->deny = deflt;
	}
	else if(d->nexp != 0)
	{
		return exile__fail(-EINVAL, "add exile_append_syscall_default_policy(policy, action)",
				"the policy has syscall rules but no default action for the other syscalls");
	}
	else
	{
		return exile__fail(-ENOENT, NULL, "the policy has no syscall rules and no vows: there is no filter to build");
	}
	/* numbers the table does not name: ENOSYS where the default denies */
	d->unknown = (d->deny == SECCOMP_RET_ALLOW || d->deny == SECCOMP_RET_LOG) ? d->deny : (SECCOMP_RET_ERRNO | ENOSYS);
	d->byn = (const struct exile_syscall_policy **)malloc((d->nexp ? d->nexp : 1) * sizeof(*d->byn)); /* NOLINT(bugprone-sizeof-expression): an array of pointers */
	if(d->byn == NULL)
	{
		return exile__fail(-ENOMEM, NULL, "building the seccomp filter");
	}
	for(i = 0, sp = p->syscall_policies; sp != NULL; sp = sp->next)
	{
		if(sp->syscall != EXILE_SYSCALL_MATCH_ALL)
		{
			/* insertion by number keeps the user's order within one number */
			size_t j = i++;
			while(j > 0 && d->byn[j - 1]->syscall > sp->syscall)
			{
				d->byn[j] = d->byn[j - 1];
				j--;
			}
			d->byn[j] = sp;
		}
	}
	if(d->vows)
	{
		exile__vow_ctx_init(&d->vc, p->vow_promises, d->deny, (uint32_t)getpid(), 1);
		exile__vow_ctx_index(&d->vc, d->vow_index);
	}
	return 0;
}

/* The position of the first explicit rule for a number >= nr. */
EXILE__PRIVATE size_t exile__decider_find(const struct exile__decider *d, long nr)
{
	size_t lo = 0, hi = d->nexp;
	while(lo < hi)
	{
		size_t mid = lo + (hi - lo) / 2;
		if(d->byn[mid]->syscall < nr)
		{
			lo = mid + 1;
		}
		else
		{
			hi = mid;
		}
	}
	return lo;
}

/* The decision for number nr: rs (emptied first) receives its rules, tried
 * in order, and *fallback what happens when none matches. The rules may
 * point into d: use them while d lives. */
EXILE__PRIVATE void exile__decide(struct exile__decider *d, long nr, struct exile__rules *rs, uint32_t *fallback)
{
	size_t k, i;
	rs->n = 0;
	*fallback = d->deny;
	for(k = exile__decider_find(d, nr); k < d->nexp && d->byn[k]->syscall == nr; k++)
	{
		const struct exile_syscall_policy *sp = d->byn[k];
		/* exile's own deny rules (exile__filter_view): the vows' deny action, else EACCES */
		uint32_t ret = sp->policy == EXILE__ACTION_DENY ? (d->vows ? d->deny : (SECCOMP_RET_ERRNO | EACCES))
			: exile__action_ret(sp->policy);
		struct exile__rule *r = exile__rules_add(rs, ret);
		r->raw = sp->argfilterscount ? sp->argfilters : NULL;
		r->nraw = sp->argfilterscount;
		for(i = 0; i < sp->cmpscount; i++)
		{
			const struct exile_arg_cmp *c = &sp->cmps[i];
			exile__rule_cond(r, c->arg, c->op, c->is32, c->value, c->mask);
		}
	}
	if(d->vows)
	{
		exile__vow_ctx_rules(&d->vc, nr, rs);
		if(nr == __NR_openat2 || (nr == __NR_clone3 && !(d->vc.held & EXILE__V_CLONE)))
		{
			*fallback = SECCOMP_RET_ERRNO | ENOSYS; /* libc falls back to a call seccomp can inspect */
		}
	}
	if(nr < EXILE__NR_COUNT ? !d->named[nr] : exile_syscall_name(nr) == NULL)
	{
		*fallback = d->unknown;
	}
	if(d->report)
	{
		exile__diag_adjust(rs, nr, fallback); /* >>diag: kills become traps; SIGSYS's handler stays */
	}
	exile__sup_adjust(d->flags, rs, fallback, *fallback != d->deny); /* >>report: log mode's errnos */
}

/* Combines explicit rules, vows and the default into one decision per
 * syscall number, and assembles them. */
EXILE__PRIVATE int exile__build_filter(const struct exile_policy *p, struct sock_fprog *out)
{
	struct exile__decider d;
	struct exile__rules rs;
	struct exile__prog prog;
	long nr;
	int err;

	if((err = exile__decider_init(&d, p)) != 0)
	{
		exile__decider_free(&d);
		return err;
	}
	memset(&rs, 0, sizeof(rs));
	memset(&prog, 0, sizeof(prog));
	for(nr = 0; nr <= d.limit && err == 0; nr++)
	{
		uint32_t fallback;
		if(nr >= EXILE__NR_COUNT)
		{
			size_t k = exile__decider_find(&d, nr);
			long next = k < d.nexp ? d.byn[k]->syscall : d.limit + 1, high = exile__sys_next_high(nr);
			next = high >= 0 && high < next ? high : next;
			if(next > nr)
			{
				/* unnamed numbers up to the next rule: no vow, no rule, one leaf
				 * (a rule for number 2^30-1 must not cost a billion rounds) */
				exile__prog_add(&prog, (uint32_t)nr, NULL, 0, d.unknown);
				nr = next - 1;
				continue;
			}
		}
		exile__decide(&d, nr, &rs, &fallback);
		err = rs.err;
		exile__prog_add(&prog, (uint32_t)nr, rs.r, rs.n, fallback);
	}
	exile__prog_add(&prog, (uint32_t)d.limit + 1, NULL, 0, d.unknown);
	if(err != 0)
	{
		err = exile__fail(err, NULL, "building the seccomp filter");
	}
	else
	{
		err = exile__prog_assemble(&prog, out);
	}
	exile__decider_free(&d);
	exile__prog_free(&prog);
	exile__rules_free(&rs);
	return err;
}

EXILE__PRIVATE int exile__filter_view(const struct exile_policy *p, struct exile_policy *view, struct exile_syscall_policy **mem);

EXILE_API int exile_syscall_policy_to_bpf(struct exile_policy *p, struct sock_fprog *out)
{
	struct exile_policy view;
	struct exile_syscall_policy *mem = NULL;
	int err = exile__validate_rules(p);
	if(err != 0)
	{
		return err;
	}
	if(out == NULL)
	{
		return exile__fail(-EINVAL, NULL, "exile_syscall_policy_to_bpf: NULL output");
	}
	if((err = exile__filter_view(p, &view, &mem)) == 0)
	{
		err = exile__build_filter(&view, out);
	}
	free(mem);
	return err;
}

/* Rules exile adds to every filter it builds, around the user's rules (the
 * user's own list is never changed). "Hard" rules come before the user's
 * rules and no explicit rule can lift them; "soft" rules come after the
 * user's rules, so that an explicit rule for the same number wins, and before
 * the vows and the default.
 *   every filter, hard: ioctl TIOCSTI and TIOCLINUX (compared on the low 32
 *     bits, as the kernel reads the request) are denied: with vows by the
 *     vows' deny action, else with EACCES (the kernel's own refusals are EPERM
 *     and EIO, so the filter's answer is told apart).
 *   every filter, soft: io_uring_setup, io_uring_enter and io_uring_register
 *     fail with EPERM unless allow_unconfined_io_uring is set (a ring's
 *     operations pass no filter; EPERM is what the kernel answers when
 *     kernel.io_uring_disabled forbids rings and what container runtimes
 *     answer, so liburing's users fall back to epoll on it). Vows deny them
 *     anyway. allow_unconfined_io_uring instead allows io_uring_enter and
 *     io_uring_register (io_uring_setup stays denied).
 *   no_network, hard: every socket but AF_UNIX (Landlock covers TCP only,
 *     and only from ABI 4) and io_uring_setup (rings create sockets past
 *     seccomp; EPERM).
 *   path rules or no_fs without vows: set-id mode bits, hard; the chmod,
 *     chown, xattr, utime families and the ioctls that change a file's flags
 *     or attributes with only an ownership check (FS_IOC_SETFLAGS,
 *     FS_IOC_FSSETXATTR, ...), soft, EACCES. With vows, the fattr and chown
 *     vows decide the syscalls and no vow allows those ioctls.
 *   path rules or no_fs, where exec is possible (no vows, or the exec vow),
 *     hard: Landlock does not check files of kernel-internal mounts, so a
 *     memfd would run code from no allowed path: memfd_create without
 *     MFD_NOEXEC_SEAL gets ENOSYS (programs fall back to shm_open or
 *     O_TMPFILE, whose files Landlock sees; kernels before 6.3 refuse the flag
 *     themselves with EINVAL), and execveat with AT_EMPTY_PATH (fexecve)
 *     gets EACCES. */
struct exile__xrule
{
	long nr;
	unsigned int action;
	unsigned char n;
	struct exile_arg_cmp cmp[2];
};
#define EXILE__XR(name, action, n, c0, c1) { EXILE__SECOND(EXILE__NRX_##name, __NR_##name, ~), (action), (n), { c0, c1 } }
#define EXILE__XANY(arg, mask) EXILE_ARG_CMP(arg, EXILE__OP_ANYSET, 1, 0, mask)
#define EXILE__XNONE EXILE_ARG_CMP(0, 0, 0, 0, 0)
static const struct exile__xrule exile__xrules_tty[] = {
	EXILE__XR(ioctl, EXILE__ACTION_DENY, 1, EXILE_ARG32_EQ(1, 0x5412 /* TIOCSTI */), EXILE__XNONE),
	EXILE__XR(ioctl, EXILE__ACTION_DENY, 1, EXILE_ARG32_EQ(1, 0x541C /* TIOCLINUX */), EXILE__XNONE),
};
static const struct exile__xrule exile__xrules_uring[] = {
	EXILE__XR(io_uring_setup, EXILE_SYSCALL_DENY_ERRNO(EPERM), 0, EXILE__XNONE, EXILE__XNONE),
	EXILE__XR(io_uring_enter, EXILE_SYSCALL_DENY_ERRNO(EPERM), 0, EXILE__XNONE, EXILE__XNONE),
	EXILE__XR(io_uring_register, EXILE_SYSCALL_DENY_ERRNO(EPERM), 0, EXILE__XNONE, EXILE__XNONE),
};
static const struct exile__xrule exile__xrules_uring_accepted[] = {
	EXILE__XR(io_uring_enter, EXILE_SYSCALL_ALLOW, 0, EXILE__XNONE, EXILE__XNONE),
	EXILE__XR(io_uring_register, EXILE_SYSCALL_ALLOW, 0, EXILE__XNONE, EXILE__XNONE),
};
static const struct exile__xrule exile__xrules_net[] = {
	EXILE__XR(socket, EXILE_SYSCALL_DENY_RET_ERROR, 1, EXILE_ARG32_NE(0, AF_UNIX), EXILE__XNONE),
	EXILE__XR(socketpair, EXILE_SYSCALL_DENY_RET_ERROR, 1, EXILE_ARG32_NE(0, AF_UNIX), EXILE__XNONE),
	/* i386: socketcall's domain is in memory, so its socket and socketpair are refused whatever the domain */
	EXILE__XR(socketcall, EXILE_SYSCALL_DENY_RET_ERROR, 1, EXILE_ARG32_EQ(0, 1 /* SYS_SOCKET */), EXILE__XNONE),
	EXILE__XR(socketcall, EXILE_SYSCALL_DENY_RET_ERROR, 1, EXILE_ARG32_EQ(0, 8 /* SYS_SOCKETPAIR */), EXILE__XNONE),
	EXILE__XR(io_uring_setup, EXILE_SYSCALL_DENY_ERRNO(EPERM), 0, EXILE__XNONE, EXILE__XNONE),
};
static const struct exile__xrule exile__xrules_setid[] = {
	EXILE__XR(chmod, EXILE_SYSCALL_DENY_RET_ERROR, 1, EXILE__XANY(1, 06000), EXILE__XNONE),
	EXILE__XR(fchmod, EXILE_SYSCALL_DENY_RET_ERROR, 1, EXILE__XANY(1, 06000), EXILE__XNONE),
	EXILE__XR(fchmodat, EXILE_SYSCALL_DENY_RET_ERROR, 1, EXILE__XANY(2, 06000), EXILE__XNONE),
	EXILE__XR(fchmodat2, EXILE_SYSCALL_DENY_RET_ERROR, 1, EXILE__XANY(2, 06000), EXILE__XNONE),
	EXILE__XR(mknod, EXILE_SYSCALL_DENY_RET_ERROR, 1, EXILE__XANY(1, 06000), EXILE__XNONE),
	EXILE__XR(mknodat, EXILE_SYSCALL_DENY_RET_ERROR, 1, EXILE__XANY(2, 06000), EXILE__XNONE),
	EXILE__XR(creat, EXILE_SYSCALL_DENY_RET_ERROR, 1, EXILE__XANY(1, 06000), EXILE__XNONE),
	EXILE__XR(open, EXILE_SYSCALL_DENY_RET_ERROR, 2, EXILE__XANY(1, O_CREAT | EXILE__O_TMPFILE_BIT), EXILE__XANY(2, 06000)),
	EXILE__XR(openat, EXILE_SYSCALL_DENY_RET_ERROR, 2, EXILE__XANY(2, O_CREAT | EXILE__O_TMPFILE_BIT), EXILE__XANY(3, 06000)),
	/* its flags are behind a pointer: ENOSYS, and libc falls back to openat */
	EXILE__XR(openat2, EXILE_SYSCALL_DENY_RET_NOSYS, 0, EXILE__XNONE, EXILE__XNONE),
};
static const struct exile__xrule exile__xrules_exec[] = {
	EXILE__XR(memfd_create, EXILE_SYSCALL_DENY_RET_NOSYS, 1, EXILE_ARG32_MASKED_EQ(1, 0x0008 /* MFD_NOEXEC_SEAL */, 0), EXILE__XNONE),
	EXILE__XR(execveat, EXILE_SYSCALL_DENY_RET_ERROR, 1, EXILE__XANY(4, 0x1000 /* AT_EMPTY_PATH */), EXILE__XNONE),
};
static const int exile__xrules_gaps[] = {
	EXILE__NR(chmod), EXILE__NR(fchmod), EXILE__NR(fchmodat), EXILE__NR(fchmodat2), EXILE__NR(chown), EXILE__NR(fchown),
	EXILE__NR(lchown), EXILE__NR(fchownat), EXILE__NR(setxattr), EXILE__NR(lsetxattr), EXILE__NR(fsetxattr),
	EXILE__NR(removexattr), EXILE__NR(lremovexattr), EXILE__NR(fremovexattr), EXILE__NR(setxattrat),
	EXILE__NR(removexattrat), EXILE__NR(utime), EXILE__NR(utimes), EXILE__NR(futimesat), EXILE__NR(utimensat),
	EXILE__NR(file_setattr),
	EXILE__NR(chown32), EXILE__NR(fchown32), EXILE__NR(lchown32), EXILE__NR(utimensat_time64) /* 32-bit twins */
};
/* ioctls on a file that only its owner (not write access) is checked for */
static const struct exile__xrule exile__xrules_gap_ioctls[] = {
	EXILE__XR(ioctl, EXILE_SYSCALL_DENY_RET_ERROR, 1, EXILE_ARG32_EQ(1, 0x40086602 /* FS_IOC_SETFLAGS */), EXILE__XNONE),
	EXILE__XR(ioctl, EXILE_SYSCALL_DENY_RET_ERROR, 1, EXILE_ARG32_EQ(1, 0x40046602 /* FS_IOC32_SETFLAGS */), EXILE__XNONE),
	EXILE__XR(ioctl, EXILE_SYSCALL_DENY_RET_ERROR, 1, EXILE_ARG32_EQ(1, 0x401C5820 /* FS_IOC_FSSETXATTR */), EXILE__XNONE),
	EXILE__XR(ioctl, EXILE_SYSCALL_DENY_RET_ERROR, 1, EXILE_ARG32_EQ(1, 0x40087602 /* FS_IOC_SETVERSION */), EXILE__XNONE),
	EXILE__XR(ioctl, EXILE_SYSCALL_DENY_RET_ERROR, 1, EXILE_ARG32_EQ(1, 0x40047602 /* FS_IOC32_SETVERSION */), EXILE__XNONE),
	EXILE__XR(ioctl, EXILE_SYSCALL_DENY_RET_ERROR, 1, EXILE_ARG32_EQ(1, 0x40806685 /* FS_IOC_ENABLE_VERITY */), EXILE__XNONE),
	EXILE__XR(ioctl, EXILE_SYSCALL_DENY_RET_ERROR, 1, EXILE_ARG32_EQ(1, 0x800C6613 /* FS_IOC_SET_ENCRYPTION_POLICY */), EXILE__XNONE),
};
#undef EXILE__XR
#undef EXILE__XANY
#undef EXILE__XNONE

/* Appends the n rules of table x to nodes (at *k). */
EXILE__PRIVATE void exile__xrules_add(struct exile_syscall_policy *nodes, size_t *k, const struct exile__xrule *x, size_t n)
{
	size_t i;
	for(i = 0; i < n; i++)
	{
		struct exile_syscall_policy *sp;
		if(x[i].nr < 0)
		{
			continue; /* a call the architecture lacks */
		}
		sp = &nodes[(*k)++];
		sp->syscall = x[i].nr;
		sp->policy = x[i].action;
		sp->cmps = x[i].n ? (struct exile_arg_cmp *)x[i].cmp : NULL;
		sp->cmpscount = x[i].n;
	}
}

/* The policy the filter is built from: p itself when it has no filter, or a
 * shallow copy whose rule list holds the rules above around (copies of) the
 * user's. *mem is what to free afterwards. */
EXILE__PRIVATE int exile__filter_view(const struct exile_policy *p, struct exile_policy *view, struct exile_syscall_policy **mem)
{
	const struct exile_syscall_policy *sp;
	struct exile_syscall_policy *nodes;
	size_t nuser = 0, n = 0, i, total;
	int vows = exile__vows_active(p), net = p->no_network, fs = p->path_policies != NULL || p->no_fs;
	int gaps = fs && !vows, exec = fs && (!vows || (p->vow_promises & EXILE_SYSCALL_VOW_EXEC));
	int uring = !p->allow_unconfined_io_uring, deflt;
	*view = *p;
	*mem = NULL;
	if(p->disable_syscall_filter)
	{
		if(net)
		{
			return exile__fail(-EINVAL, "clear disable_syscall_filter", "no_network needs the syscall filter to refuse non-TCP sockets");
		}
		return 0; /* the user turned the filter off: the gaps stay open */
	}
	if(!net && !fs && !exile__has_filter(p))
	{
		return 0; /* no filter at all */
	}
	for(sp = p->syscall_policies; sp != NULL; sp = sp->next)
	{
		nuser++;
	}
	deflt = nuser == 0 && !vows;
	total = nuser + deflt + EXILE__N(exile__xrules_tty) + EXILE__N(exile__xrules_uring) + (net ? EXILE__N(exile__xrules_net) : 0)
		+ (gaps ? EXILE__N(exile__xrules_setid) + EXILE__N(exile__xrules_gaps) + EXILE__N(exile__xrules_gap_ioctls) : 0)
		+ (exec ? EXILE__N(exile__xrules_exec) : 0);
	nodes = (struct exile_syscall_policy *)calloc(total, sizeof(*nodes));
	if(nodes == NULL)
	{
		return exile__fail(-ENOMEM, NULL, "building the seccomp filter");
	}
	/* hard rules */
	exile__xrules_add(nodes, &n, exile__xrules_tty, EXILE__N(exile__xrules_tty));
	if(net)
	{
		exile__xrules_add(nodes, &n, exile__xrules_net, EXILE__N(exile__xrules_net));
	}
	if(gaps)
	{
		exile__xrules_add(nodes, &n, exile__xrules_setid, EXILE__N(exile__xrules_setid));
	}
	if(exec)
	{
		exile__xrules_add(nodes, &n, exile__xrules_exec, EXILE__N(exile__xrules_exec));
	}
	/* the user's rules */
	for(sp = p->syscall_policies; sp != NULL; sp = sp->next)
	{
		nodes[n] = *sp;
		n++;
	}
	/* soft rules */
	if(!uring)
	{
		exile__xrules_add(nodes, &n, exile__xrules_uring_accepted, EXILE__N(exile__xrules_uring_accepted));
	}
	else if(!vows)
	{
		exile__xrules_add(nodes, &n, exile__xrules_uring, EXILE__N(exile__xrules_uring));
	}
	for(i = 0; gaps && i < EXILE__N(exile__xrules_gaps); i++)
	{
		if(exile__xrules_gaps[i] < 0)
		{
			continue;
		}
		nodes[n].syscall = exile__xrules_gaps[i];
		nodes[n++].policy = EXILE_SYSCALL_DENY_RET_ERROR;
	}
	if(gaps)
	{
		exile__xrules_add(nodes, &n, exile__xrules_gap_ioctls, EXILE__N(exile__xrules_gap_ioctls));
	}
	if(deflt)
	{
		/* no vows and no rules of the user: everything else stays allowed */
		nodes[n].syscall = EXILE_SYSCALL_MATCH_ALL;
		nodes[n++].policy = EXILE_SYSCALL_ALLOW;
	}
	if(n == 0)
	{
		free(nodes); /* nothing to add (cannot happen: the tty rules always are) */
		return 0;
	}
	for(i = 0; i + 1 < n; i++)
	{
		nodes[i].next = &nodes[i + 1];
	}
	nodes[n - 1].next = NULL;
	view->syscall_policies = nodes;
	view->syscall_policies_tail = &nodes[n - 1].next;
	*mem = nodes;
	return 0;
}


/* ---- >>policy:io_uring — io_uring state from before enable --------------- */
/* A ring set up before enable is not confined by what enable installs: its
 * SQPOLL thread submits from the ring's memory with no system call at all,
 * and every operation runs with the credentials the ring (or a personality
 * registered on it) was made with, before capabilities were dropped or
 * Landlock applied. Enable therefore looks for rings it did not create and
 * refuses (-EBUSY) unless the policy sets allow_unconfined_io_uring:
 *   - ring fds (/proc/self/fd -> anon_inode:[io_uring]) that stay open after
 *     the commit (close_fds closes the others, and an unmapped ring dies);
 *   - ring mappings (/proc/self/maps): they keep a ring alive without an fd,
 *     survive close_fds, and let the SQPOLL thread of another process (a
 *     parent that forked us) run what is written into them;
 *   - SQPOLL threads of this process (/proc/self/task/N/stat: io_uring's
 *     threads have PF_IO_WORKER from their creation, and an SQPOLL thread
 *     names itself "iou-sqp-PID" only once it has run, so an io thread
 *     without an "iou-wrk-" name counts as one);
 *   - registered ring fds of this thread (IORING_REGISTER_RING_FDS), which
 *     keep a ring (IORING_SETUP_NO_MMAP: in plain memory) usable by
 *     io_uring_enter without any fd: probed with io_uring_enter(i, 0, 0,
 *     IORING_ENTER_REGISTERED_RING) for the 16 slots. The kernel answers
 *     EINVAL when this thread has no io_uring context (nothing registered),
 *     EBADF for an empty slot, and otherwise (0, EBADFD, ...) looks at a
 *     registered ring. Only needed when nothing will deny io_uring_enter
 *     (no filter, or a rule of the user for it): every filter exile builds
 *     refuses it otherwise. Registered rings are per thread; other threads'
 *     are covered by the filter only.
 * Every call is first checked against the filters exile installed earlier.
 * After a check that found nothing, a later enable under an earlier exile
 * filter that denies io_uring_setup skips the check: no ring can have been
 * made since. */
#define EXILE__IORING_ENTER_REGISTERED_RING (1U << 4)
#define EXILE__IORING_REGISTERED_MAX 16

EXILE__PRIVATE void exile__uring_note(char *buf, size_t cap, int *n, const char *what)
{
	size_t len = strlen(buf);
	if(len < cap)
	{
		snprintf(buf + len, cap - len, "%s%s", *n ? ", " : "", what);
	}
	(*n)++;
}

/* 1 when fd is still open after the commit. */
EXILE__PRIVATE int exile__uring_fd_survives(const struct exile_policy *p, const struct exile__commit_info *ci, int closing, long fd)
{
	size_t i;
	if(!closing || fd <= 2)
	{
		return 1;
	}
	for(i = 0; i < p->keep_fds_count; i++)
	{
		if(p->keep_fds[i] == fd)
		{
			return 1;
		}
	}
	for(i = 0; i < ci->nfds; i++)
	{
		if(ci->fds[i] == fd)
		{
			return 1;
		}
	}
	return 0;
}

/* Calls fn(arg, name) for each numeric entry of a /proc directory. */
EXILE__PRIVATE int exile__uring_each(const char *dir, void (*fn)(void *, int, const char *), void *arg)
{
	char buf[4096];
	long r;
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if(fd < 0)
	{
		return -errno;
	}
	while((r = syscall(__NR_getdents64, fd, buf, sizeof(buf))) > 0)
	{
		long off = 0;
		while(off < r)
		{
			const char *name = buf + off + 19; /* struct linux_dirent64: u64 ino, s64 off, u16 reclen, u8 type, name */
			unsigned short reclen;
			memcpy(&reclen, buf + off + 16, sizeof(reclen));
			if(name[0] >= '0' && name[0] <= '9')
			{
				fn(arg, fd, name);
			}
			off += reclen;
		}
	}
	r = r < 0 ? -errno : 0;
	close(fd);
	return (int)r;
}

struct exile__uring_scan
{
	const struct exile_policy *p;
	const struct exile__commit_info *ci;
	int closing, n;
	char found[320];
};

EXILE__PRIVATE void exile__uring_fd(void *arg, int dirfd, const char *name)
{
	struct exile__uring_scan *s = (struct exile__uring_scan *)arg;
	char link[64], what[48];
	ssize_t len = readlinkat(dirfd, name, link, sizeof(link) - 1);
	if(len > 0)
	{
		link[len] = '\0';
		if(strcmp(link, "anon_inode:[io_uring]") == 0 && exile__uring_fd_survives(s->p, s->ci, s->closing, atol(name)))
		{
			snprintf(what, sizeof(what), "ring fd %s stays open", name);
			exile__uring_note(s->found, sizeof(s->found), &s->n, what);
		}
	}
}

/* io_uring's own threads carry PF_IO_WORKER in the flags of their stat line
 * from their creation on; an SQPOLL thread names itself "iou-sqp-PID" only
 * once it runs, so a nameless one may be an SQPOLL thread not yet started.
 * io-wq workers ("iou-wrk-TID") only run what rings found elsewhere submit. */
#define EXILE__PF_IO_WORKER 0x10u
EXILE__PRIVATE void exile__uring_task(void *arg, int dirfd, const char *name)
{
	struct exile__uring_scan *s = (struct exile__uring_scan *)arg;
	char path[64], stat[512], what[80];
	const char *open_paren, *close_paren, *f;
	unsigned long flags = 0;
	ssize_t len;
	int fd, field;
	(void)dirfd;
	snprintf(path, sizeof(path), "/proc/self/task/%.20s/stat", name);
	if((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
	{
		return; /* the thread has ended */
	}
	len = read(fd, stat, sizeof(stat) - 1);
	close(fd);
	if(len <= 0)
	{
		return;
	}
	stat[len] = '\0';
	/* "tid (comm) state ppid pgrp session tty_nr tpgid flags ..."; comm may hold anything */
	open_paren = strchr(stat, '(');
	close_paren = strrchr(stat, ')');
	if(open_paren == NULL || close_paren == NULL || close_paren < open_paren)
	{
		return;
	}
	for(f = close_paren + 1, field = 0; *f != '\0' && field < 7; f++)
	{
		if(*f == ' ')
		{
			field++;
		}
	}
	flags = strtoul(f, NULL, 10);
	if(!(flags & EXILE__PF_IO_WORKER) || strncmp(open_paren + 1, "iou-wrk-", 8) == 0)
	{
		return;
	}
	snprintf(what, sizeof(what), "%s thread %.20s (%.*s)", strncmp(open_paren + 1, "iou-sqp-", 8) == 0 ? "SQPOLL" : "io_uring",
			name, (int)(close_paren - open_paren - 1 > 16 ? 16 : close_paren - open_paren - 1), open_paren + 1);
	exile__uring_note(s->found, sizeof(s->found), &s->n, what);
}

/* Ring mappings in /proc/self/maps, read line by line. */
EXILE__PRIVATE int exile__uring_maps(struct exile__uring_scan *s)
{
	char buf[4096], line[256], what[64];
	size_t len = 0;
	ssize_t r, i;
	int fd = open("/proc/self/maps", O_RDONLY | O_CLOEXEC);
	if(fd < 0)
	{
		return -errno;
	}
	while((r = read(fd, buf, sizeof(buf))) > 0)
	{
		for(i = 0; i < r; i++)
		{
			if(buf[i] != '\n')
			{
				if(len < sizeof(line) - 1)
				{
					line[len++] = buf[i];
				}
				continue;
			}
			line[len] = '\0';
			len = 0;
			if(strstr(line, " anon_inode:[io_uring]") != NULL)
			{
				snprintf(what, sizeof(what), "ring mapped at 0x%.16s", line);
				what[strcspn(what, "-")] = '\0';
				exile__uring_note(s->found, sizeof(s->found), &s->n, what);
			}
		}
	}
	r = r < 0 ? -errno : 0;
	close(fd);
	return (int)r;
}

/* 0, or -EBUSY naming the io_uring state found (see above). closing: 1 when
 * the commit closes inherited fds, -1: as the policy says. */
EXILE__PRIVATE int exile__uring_check(const struct exile_policy *p, int closing, const struct exile__commit_info *ci)
{
	/* the same conditions as exile__filter_view's: a filter is installed */
	int filter = !p->disable_syscall_filter && (exile__vows_active(p)
			|| p->syscall_policies != NULL || p->no_network || p->no_fs || p->path_policies != NULL);
	static const long calls[][4] = {
		{ __NR_openat, AT_FDCWD, 0, O_RDONLY | O_DIRECTORY | O_CLOEXEC }, { __NR_openat, AT_FDCWD, 0, O_RDONLY | O_CLOEXEC },
		{ __NR_getdents64, 0, 0, 0 }, { __NR_readlinkat, 0, 0, 0 }, { __NR_read, 0, 0, 0 }, { __NR_close, 0, 0, 0 }
	};
	struct exile__uring_scan s;
	const struct exile_syscall_policy *sp;
	int err, probe = !filter;
	size_t i;
	if(p->allow_unconfined_io_uring)
	{
		exile__state.uring_clean = 0; /* rings may exist from now on */
		return 0;
	}
	if((exile__state.uring_clean && !exile__earlier_filters_allow(__NR_io_uring_setup, 0, 0, 0)) || (p->exile_flags & EXILE__FLAG_URING_CHECKED))
	{
		return 0; /* checked before, and no ring can have been set up since */
	}
	for(i = 0; i < EXILE__N(calls); i++)
	{
		if(!exile__earlier_filters_allow(calls[i][0], (uint64_t)calls[i][1], (uint64_t)calls[i][2], (uint64_t)calls[i][3]))
		{
			return exile__fail(-EPERM, "give the earlier policy rpath, or set allow_unconfined_io_uring = 1 to accept rings unchecked",
					"an earlier exile policy forbids %s(), which enable needs to look in /proc/self for io_uring rings from before it; nothing was changed",
					exile_syscall_name(calls[i][0]));
		}
	}
	memset(&s, 0, sizeof(s));
	s.p = p;
	s.ci = ci;
	s.closing = closing >= 0 ? closing : (p->close_fds && !p->keep_fds_open);
	for(sp = p->syscall_policies; sp != NULL; sp = sp->next)
	{
		probe |= sp->syscall == __NR_io_uring_enter; /* a rule of the user may let it through */
	}
	/* a filter exile does not know of (inherited across execve) may kill
	 * io_uring_enter: then the probe is left out */
	if(probe && exile__earlier_filters_allow(__NR_io_uring_enter, 0, 0, 0) && exile__earlier_filters_allow(__NR_prctl, PR_GET_SECCOMP, 0, 0)
		&& (exile__state.ninstalled != 0 || prctl(PR_GET_SECCOMP, 0, 0, 0, 0) == 0))
	{
		for(i = 0; i < EXILE__IORING_REGISTERED_MAX; i++)
		{
			long r = syscall(__NR_io_uring_enter, (unsigned)i, 0, 0, EXILE__IORING_ENTER_REGISTERED_RING, NULL, 0);
			if(r < 0 && (errno == EINVAL || errno == ENOSYS || errno == EPERM || errno == EACCES))
			{
				break; /* no io_uring context in this thread (or no io_uring at all) */
			}
			if(r >= 0 || errno != EBADF)
			{
				char what[48];
				snprintf(what, sizeof(what), "registered ring fd (slot %zu)", i);
				exile__uring_note(s.found, sizeof(s.found), &s.n, what);
			}
		}
	}
	/* io_uring's threads are threads of this process: none when no other
	 * thread exists (a cheap question in a fresh process, see exile__other_threads) */
	if((err = exile__uring_each("/proc/self/fd", exile__uring_fd, &s)) != 0 || (err = exile__uring_maps(&s)) != 0
		|| (exile__other_threads(NULL, NULL) != 0 && (err = exile__uring_each("/proc/self/task", exile__uring_task, &s)) != 0))
	{
		return exile__fail(err, "mount /proc, or set allow_unconfined_io_uring = 1 to accept rings unchecked",
				"looking in /proc/self for io_uring rings from before enable");
	}
	if(s.n != 0)
	{
		exile__state.uring_clean = 0;
		return exile__fail(-EBUSY, "close, unmap and unregister (IORING_UNREGISTER_RING_FDS) rings before enabling (MADV_DONTFORK keeps mappings out of forked children), or set allow_unconfined_io_uring = 1 to accept them unconfined",
				"io_uring state from before enable: %s; a ring runs operations that no syscall filter sees, with the credentials it was set up with",
				s.found);
	}
	exile__state.uring_clean = 1;
	return 0;
}

/* Installs the caller's filter. Its program is copied into the list of
 * installed filters first and the plan released (fds closed, memory freed)
 * before the install: after it, exile makes no system call at all, so a
 * filter that allows nothing but read and write still lets the enable
 * return. */
struct exile__plan;
EXILE__PRIVATE int exile__install_filter(struct exile__plan *pl);

EXILE__PRIVATE int exile__probe_seccomp(void);

/* The modes of the one enable path. */
#define EXILE__MODE_FULL   0 /* exile_enable_policy, exile_vow: everything the policy says */
#define EXILE__MODE_FILTER 1 /* exile_enable_syscall_policy: the filter (and ptrace isolation) only */

/* The private plan: everything prepare decided, which commit applies. */
struct exile__plan
{
	int mode;
	struct sock_fprog prog; /* .filter NULL: no seccomp filter */
	struct exile__commit_info ci;
	struct exile__landlock_plan landlock;
	struct exile__ns_plan ns;
	int need_nnp, need_dump, need_caps, close_fds, no_new_fds, warm_stdio;
	struct exile__diag_plan diag; /* >>diag: report mode's handler and hints */
};

EXILE__PRIVATE void exile__plan_release(struct exile__plan *pl)
{
	free(pl->prog.filter);
	pl->prog.filter = NULL;
	exile__landlock_release(&pl->landlock);
	exile__ns_release(&pl->ns);
	exile__diag_release(&pl->diag);
}

/* The privilege steps this policy still needs (those already in effect are
 * skipped, so that a second policy does not need syscalls for them). */
EXILE__PRIVATE int exile__privs_prepare(const struct exile_policy *p, struct exile__plan *pl)
{
	int err;
	pl->need_nnp = p->no_new_privs && prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) != 1;
	pl->need_dump = p->not_dumpable && prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) != 0;
	pl->need_caps = p->drop_caps && !exile__caps_empty();
	pl->close_fds = p->close_fds && !p->keep_fds_open;
	pl->no_new_fds = p->no_new_fds;
	if(p->drop_caps && (err = exile__privs_threads_capless(pl->need_caps)) != 0)
	{
		return err;
	}
	return 0;
}

EXILE__PRIVATE int exile__close_inherited(const struct exile_policy *p, const struct exile__plan *pl)
{
	size_t n = p->keep_fds_count + pl->ci.nfds;
	int *keep = (int *)malloc((n ? n : 1) * sizeof(int)), err;
	if(keep == NULL)
	{
		return exile__fail(-ENOMEM, NULL, "closing inherited fds");
	}
	if(p->keep_fds_count)
	{
		memcpy(keep, p->keep_fds, p->keep_fds_count * sizeof(int));
	}
	if(pl->ci.nfds)
	{
		memcpy(keep + p->keep_fds_count, pl->ci.fds, pl->ci.nfds * sizeof(int));
	}
	qsort(keep, n, sizeof(int), exile__cmp_int);
	err = exile__close_fds(keep, n);
	free(keep);
	return err;
}

/* glibc 2.33-2.38 implement fstat() as newfstatat(fd, "", AT_EMPTY_PATH),
 * a path lookup that only rpath grants, and call it when a stdio stream
 * gets its buffer: the first printf() of a program vowing "stdio" would be
 * killed. Streams that have no buffer yet get it now, in the mode they
 * would have had (line-buffered on a terminal, else fully buffered). */
EXILE__PRIVATE void exile__warm_stdio(void)
{
	if(__fbufsize(stdout) == 0)
	{
		setvbuf(stdout, NULL, isatty(1) ? _IOLBF : _IOFBF, 0);
	}
	if(__fbufsize(stdin) == 0)
	{
		setvbuf(stdin, NULL, isatty(0) ? _IOLBF : _IOFBF, 0);
	}
}

/* ---- the commit, step by step ----
 * Each step: whether the plan needs it, the system calls it makes (for the
 * check against filters installed earlier, before anything changes), and
 * the step itself. exile__steps[] below is the one list both read: the
 * order in it is the order of enforcement. */
EXILE__PRIVATE int exile__st_ns_planned(const struct exile__plan *pl)
{
	return pl->ns.flags != 0;
}
EXILE__PRIVATE void exile__st_ns_calls(const struct exile__plan *pl, struct exile__commit_info *ci)
{
	exile__ns_calls(&pl->ns, ci);
}
EXILE__PRIVATE int exile__st_ns_run(const struct exile_policy *p, struct exile__plan *pl)
{
	(void)p;
	return exile__ns_commit(&pl->ns);
}

EXILE__PRIVATE int exile__st_chdir_planned(const struct exile__plan *pl)
{
	return pl->ns.flags == 0 && pl->ns.chdir_to != NULL;
}
EXILE__PRIVATE void exile__st_chdir_calls(const struct exile__plan *pl, struct exile__commit_info *ci)
{
	(void)pl;
	exile__will_call(ci, __NR_chdir, 0, 0, 0);
}
EXILE__PRIVATE int exile__st_chdir_run(const struct exile_policy *p, struct exile__plan *pl)
{
	(void)p;
	return exile__ns_chdir(&pl->ns);
}

EXILE__PRIVATE int exile__st_fds_planned(const struct exile__plan *pl)
{
	return pl->close_fds;
}
EXILE__PRIVATE void exile__st_fds_calls(const struct exile__plan *pl, struct exile__commit_info *ci)
{
	(void)pl;
	exile__will_call(ci, __NR_close_range, 3, ~0U, 0);
	exile__will_call(ci, __NR_close, 3, 0, 0); /* before close_range (5.9), one by one */
}
EXILE__PRIVATE int exile__st_fds_run(const struct exile_policy *p, struct exile__plan *pl)
{
	return exile__close_inherited(p, pl);
}

EXILE__PRIVATE int exile__st_nofile_planned(const struct exile__plan *pl)
{
	return pl->no_new_fds;
}
EXILE__PRIVATE void exile__st_nofile_calls(const struct exile__plan *pl, struct exile__commit_info *ci)
{
	(void)pl;
	exile__will_call(ci, __NR_prlimit64, 0, RLIMIT_NOFILE, 1);
}
EXILE__PRIVATE int exile__st_nofile_run(const struct exile_policy *p, struct exile__plan *pl)
{
	struct rlimit none;
	(void)p;
	(void)pl;
	none.rlim_cur = 0;
	none.rlim_max = 0;
	if(setrlimit(RLIMIT_NOFILE, &none) != 0)
	{
		return exile__fail(-errno, NULL, "setting RLIMIT_NOFILE to 0 (no_new_fds)");
	}
	return 0;
}

EXILE__PRIVATE int exile__st_caps_planned(const struct exile__plan *pl)
{
	return pl->need_caps;
}
EXILE__PRIVATE void exile__st_caps_calls(const struct exile__plan *pl, struct exile__commit_info *ci)
{
	(void)pl;
	exile__drop_caps_calls(ci);
}
EXILE__PRIVATE int exile__st_caps_run(const struct exile_policy *p, struct exile__plan *pl)
{
	(void)p;
	(void)pl;
	return exile__drop_caps();
}

EXILE__PRIVATE int exile__st_nnp_planned(const struct exile__plan *pl)
{
	return pl->need_nnp;
}
EXILE__PRIVATE void exile__st_nnp_calls(const struct exile__plan *pl, struct exile__commit_info *ci)
{
	(void)pl;
	exile__will_call(ci, __NR_prctl, PR_SET_NO_NEW_PRIVS, 1, 0);
}
EXILE__PRIVATE int exile__st_nnp_run(const struct exile_policy *p, struct exile__plan *pl)
{
	(void)p;
	(void)pl;
	return prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0 ? 0 : exile__fail(-errno, NULL, "prctl(PR_SET_NO_NEW_PRIVS)");
}

EXILE__PRIVATE int exile__st_dump_planned(const struct exile__plan *pl)
{
	return pl->need_dump;
}
EXILE__PRIVATE void exile__st_dump_calls(const struct exile__plan *pl, struct exile__commit_info *ci)
{
	(void)pl;
	exile__will_call(ci, __NR_prctl, PR_SET_DUMPABLE, 0, 0);
}
EXILE__PRIVATE int exile__st_dump_run(const struct exile_policy *p, struct exile__plan *pl)
{
	(void)p;
	(void)pl;
	return prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) == 0 ? 0 : exile__fail(-errno, NULL, "prctl(PR_SET_DUMPABLE, 0)");
}

EXILE__PRIVATE int exile__st_landlock_planned(const struct exile__plan *pl)
{
	return pl->landlock.ruleset_fd >= 0;
}
EXILE__PRIVATE void exile__st_landlock_calls(const struct exile__plan *pl, struct exile__commit_info *ci)
{
	exile__landlock_calls(&pl->landlock, ci);
}
EXILE__PRIVATE int exile__st_landlock_run(const struct exile_policy *p, struct exile__plan *pl)
{
	(void)p;
	return exile__landlock_commit(&pl->landlock);
}

/* >>diag: report mode's handler goes in right before the filter (its
 * prepare lists the rt_sigaction call itself) */
EXILE__PRIVATE int exile__st_report_planned(const struct exile__plan *pl)
{
	return pl->prog.filter != NULL;
}
EXILE__PRIVATE int exile__st_report_run(const struct exile_policy *p, struct exile__plan *pl)
{
	(void)p;
	return exile__diag_commit(&pl->diag);
}

EXILE__PRIVATE int exile__st_stdio_planned(const struct exile__plan *pl)
{
	return pl->warm_stdio;
}
EXILE__PRIVATE void exile__st_stdio_calls(const struct exile__plan *pl, struct exile__commit_info *ci)
{
	(void)pl;
	exile__will_call(ci, __NR_ioctl, 1, TCGETS, 0); /* isatty() */
	exile__will_call(ci, __NR_ioctl, 0, TCGETS, 0);
	/* glibc sizes the buffer (fstat: newfstatat's AT_EMPTY_PATH is args[3];
	 * statx's, on 32-bit architectures, args[2]) */
	exile__will_call(ci, EXILE__LIBC_STAT_NR, 1, 0, EXILE__ARG_BITS == 32 ? 0x1000 /* AT_EMPTY_PATH */ : 0);
	exile__will_call(ci, EXILE__LIBC_STAT_NR, 0, 0, EXILE__ARG_BITS == 32 ? 0x1000 : 0);
	exile__will_call(ci, __NR_brk, 0, 0, 0);        /* the buffers */
	exile__will_call(ci, EXILE__LIBC_MMAP_NR, 0, 0, PROT_READ | PROT_WRITE);
}
EXILE__PRIVATE int exile__st_stdio_run(const struct exile_policy *p, struct exile__plan *pl)
{
	(void)p;
	(void)pl;
	exile__warm_stdio();
	return 0;
}

EXILE__PRIVATE int exile__st_seccomp_planned(const struct exile__plan *pl)
{
	return pl->prog.filter != NULL;
}
EXILE__PRIVATE void exile__st_seccomp_calls(const struct exile__plan *pl, struct exile__commit_info *ci)
{
	(void)pl;
	exile__will_call(ci, __NR_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_TSYNC, 1);
}
EXILE__PRIVATE int exile__st_seccomp_run(const struct exile_policy *p, struct exile__plan *pl)
{
	(void)p;
	return exile__install_filter(pl);
}

struct exile__step
{
	const char *done; /* what is in effect once it ran (named by -ENOTRECOVERABLE); NULL: nothing lasting */
	int (*planned)(const struct exile__plan *pl);
	void (*calls)(const struct exile__plan *pl, struct exile__commit_info *ci); /* NULL: the module's prepare lists them */
	int (*run)(const struct exile_policy *p, struct exile__plan *pl);
};
#define EXILE__STEP(done, name) { done, exile__st_##name##_planned, exile__st_##name##_calls, exile__st_##name##_run }
static const struct exile__step exile__steps[] = {
	EXILE__STEP("entering namespaces", ns),       /* and mounts, pivot_root, the nested-namespace filter */
	EXILE__STEP((const char *)NULL, chdir),
	EXILE__STEP("closing inherited fds", fds),
	EXILE__STEP("dropping capabilities", caps),
	EXILE__STEP("no_new_privs", nnp),
	EXILE__STEP("not_dumpable", dump),
	EXILE__STEP("Landlock", landlock),            /* opens / for the isolation domain's rule */
	EXILE__STEP("RLIMIT_NOFILE", nofile),         /* after the last fd exile opens */
	{ (const char *)NULL, exile__st_report_planned, NULL, exile__st_report_run }, /* a handler can be replaced */
	EXILE__STEP((const char *)NULL, stdio),
	EXILE__STEP("the seccomp filter", seccomp),   /* last: nothing comes after it */
};
#undef EXILE__STEP

/* seccomp's TSYNC fails when another thread runs under filters the calling
 * one does not have: found out now, before anything changes, rather than at
 * the install, after the irreversible steps. (A thread with as many filters
 * but other ones still fails at the install.) */
struct exile__tsync_ctx
{
	long mine;
	pid_t tid;
};

EXILE__PRIVATE int exile__thread_has_more_filters(pid_t tid, void *ctx)
{
	struct exile__tsync_ctx *c = (struct exile__tsync_ctx *)ctx;
	if(exile__task_status(tid, "Seccomp_filters") > c->mine)
	{
		c->tid = tid;
		return 1;
	}
	return 0;
}

EXILE__PRIVATE int exile__tsync_precheck(void)
{
	struct exile__tsync_ctx c;
	if(exile__other_threads(NULL, NULL) == 0)
	{
		return 0; /* no other thread to synchronise (a cheap question in a fresh process) */
	}
	c.tid = 0;
	c.mine = exile__task_status(0, "Seccomp_filters");
	if(c.mine < 0)
	{
		return 0; /* kernel before 5.9, or no /proc: the install tells */
	}
	exile__other_threads(exile__thread_has_more_filters, &c);
	if(c.tid != 0)
	{
		return exile__fail(-EAGAIN, "enable the policy before starting threads, or from a thread that shares their filters",
				"seccomp TSYNC could not synchronise thread %d (it runs under other filters); nothing was changed", (int)c.tid);
	}
	return 0;
}

/* Everything that can fail without side effects: validate, build the filter,
 * let each module prepare, check earlier filters allow the commit. */
EXILE__PRIVATE int exile__prepare(const struct exile_policy *p, struct exile__plan *pl, int mode)
{
	struct exile_policy view;
	struct exile_syscall_policy *mem = NULL;
	int err = exile__validate_rules(p), fallback = 0, filter;
	unsigned int how;
	size_t i;
	memset(pl, 0, sizeof(*pl));
	pl->mode = mode;
	pl->landlock.ruleset_fd = -1;
	if(err != 0 || (err = exile__filter_view(p, &view, &mem)) != 0)
	{
		return err;
	}
	filter = exile__has_filter(&view);
	if(mode == EXILE__MODE_FILTER && !filter)
	{
		free(mem);
		return 0; /* no filter: nothing to do */
	}
	if((err = exile__uring_check(p, mode == EXILE__MODE_FILTER ? 0 : -1, &pl->ci)) != 0) /* >>policy:io_uring, before anything else looks */
	{
		free(mem);
		return err;
	}
	how = mode == EXILE__MODE_FILTER ? EXILE__LL_FILTER_ONLY | EXILE__LL_CONFINES
		: exile__policy_confines(p) ? EXILE__LL_CONFINES : 0;
	if((err = exile__landlock_prepare(p, how, &pl->landlock, &pl->ci)) < 0)
	{
		free(mem);
		return err;
	}
	fallback = err == EXILE__LANDLOCK_FALLBACK || p->mount_path_policies_to_chroot;
	if(mode == EXILE__MODE_FULL)
	{
		if((err = exile__ns_prepare(p, &pl->ns, fallback)) != 0)
		{
			free(mem);
			return err;
		}
		if(fallback && !pl->ns.newroot)
		{
			/* never enable less than asked, whatever the namespace module does */
			free(mem);
			return exile__fail(-EOPNOTSUPP, pl->landlock.report.abi_errno == EOPNOTSUPP ? "add landlock to the lsm= kernel parameter" : NULL,
					"%s, and no mount namespace takes over the path rules", pl->landlock.report.summary);
		}
		if((err = exile__privs_prepare(p, pl)) != 0)
		{
			free(mem);
			return err;
		}
		if(pl->need_caps && !p->no_new_privs && prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) != 1 && !exile__has_cap(CAP_SETPCAP)
			&& (getuid() == 0 || geteuid() == 0) && prctl(PR_CAPBSET_READ, CAP_SYS_ADMIN, 0, 0, 0) == 1)
		{
			/* root regains every capability of the bounding set at its next
			 * execve; without CAP_SETPCAP the set cannot be emptied, so only
			 * no_new_privs keeps drop_caps true */
			free(mem);
			return exile__fail(-EPERM, "set no_new_privs = 1 in the policy",
					"drop_caps for uid 0 without CAP_SETPCAP cannot empty the bounding set, so execve would give the capabilities back");
		}
	}
	if(filter)
	{
		if((err = exile__probe_seccomp()) != 0 || (err = exile__build_filter(&view, &pl->prog)) != 0
			|| (err = exile__privs_check_personality(p)) != 0 || (err = exile__tsync_precheck()) != 0)
		{
			free(mem);
			return err;
		}
		/* CAP_SYS_ADMIN only counts if drop_caps does not drop it before the install */
		if(mode == EXILE__MODE_FULL && !p->no_new_privs && prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) != 1
			&& (pl->need_caps || !exile__has_cap(CAP_SYS_ADMIN)))
		{
			free(mem);
			return exile__fail(-EPERM, "set no_new_privs = 1 in the policy",
					"a seccomp filter needs no_new_privs or CAP_SYS_ADMIN at the time it is installed, and this process will have neither");
		}
		pl->warm_stdio = exile__vows_active(p) && !(p->vow_promises & EXILE__V_RPATH)
			&& (__fbufsize(stdout) == 0 || __fbufsize(stdin) == 0);
	}
	else if(mode == EXILE__MODE_FULL && p->no_new_privs && (err = exile__privs_threads_nnp()) != 0)
	{
		free(mem);
		return err;
	}
	free(mem);
	if(pl->prog.filter != NULL && (err = exile__diag_prepare(p, &pl->diag, &pl->ci)) != 0) /* >>diag */
	{
		return err;
	}
	for(i = 0; i < EXILE__N(exile__steps); i++)
	{
		if(exile__steps[i].calls != NULL && exile__steps[i].planned(pl))
		{
			exile__steps[i].calls(pl, &pl->ci);
		}
	}
	return exile__preflight(&pl->ci);
}

#ifdef EXILE_TESTING
/* The test suite's view of the commit: the calls the last prepare declared,
 * and on request a marker call (getppid) before the first step, so that a
 * tracer can check the commit makes no call it did not declare. */
static struct exile__commit_info exile__test_calls;
static int exile__test_mark_commit;
#endif

/* The commit: the steps in exile__steps[] order. After the first one that
 * lasts, a failure becomes -ENOTRECOVERABLE. */
EXILE__PRIVATE int exile__commit(const struct exile_policy *p, struct exile__plan *pl)
{
	const char *done = NULL;
	size_t i;
#ifdef EXILE_TESTING
	exile__test_calls = pl->ci;
	if(exile__test_mark_commit)
	{
		syscall(__NR_getppid);
	}
#endif
	for(i = 0; i < EXILE__N(exile__steps); i++)
	{
		const struct exile__step *s = &exile__steps[i];
		int err;
		if(!s->planned(pl))
		{
			continue;
		}
		if((err = s->run(p, pl)) != 0)
		{
			char cause[EXILE__ERRLEN];
			if(done == NULL)
			{
				return err;
			}
			snprintf(cause, sizeof(cause), "%s", exile__errbuf);
			return exile__fail(-ENOTRECOVERABLE, "exit the process: it is partly restricted",
					"%s (after %s had already been applied)", cause, done);
		}
		if(s->done != NULL)
		{
			done = s->done;
		}
	}
	return 0;
}

EXILE__PRIVATE int exile__install_filter(struct exile__plan *pl)
{
	struct sock_fprog *installed;
	struct exile__diag_plan diag = pl->diag;
	int ret;
	if(diag.listener != NULL)
	{
		/* >>report: exile_launch's child, under its supervisor */
		exile__prog_retarget(&pl->prog, SECCOMP_RET_KILL_PROCESS, SECCOMP_RET_USER_NOTIF);
	}
	if(exile__remember_filter(&pl->prog) != 0)
	{
		return exile__fail(-ENOMEM, NULL, "recording the seccomp filter before installing it (out of memory)");
	}
	installed = &exile__state.installed[exile__state.ninstalled - 1];
	exile__plan_release(pl);
	if(diag.listener != NULL)
	{
		ret = exile__diag_listen(&diag, installed);
	}
	else
	{
		/* >>report: report mode logs the trapped call itself to the audit log */
		ret = exile__seccomp(SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_TSYNC | (diag.report ? SECCOMP_FILTER_FLAG_LOG : 0), installed);
	}
	if(ret != 0)
	{
		int e = errno;
		unsigned int len = installed->len;
		exile__state.ninstalled--;
		free(installed->filter);
		if(ret > 0)
		{
			return exile__fail(-EAGAIN, "enable the policy before starting threads, or from a thread that shares their filters",
					"seccomp TSYNC could not synchronise thread %d (it runs under other filters)", ret);
		}
		return exile__fail(-e, e == EACCES ? "set no_new_privs = 1 in the policy (or hold CAP_SYS_ADMIN)"
				: e == EBUSY && diag.listener != NULL ? "the caller already runs under a filter with a listener (one per filter "
				"chain): set unsupervised = 1"
				: e == 524 /* the kernel's ENOTSUPP */ ? "this kernel's BPF JIT could not compile the filter and it has no "
				"interpreter (CONFIG_BPF_JIT_ALWAYS_ON): a kernel limitation; a smaller policy may load" : NULL,
				"installing the seccomp filter (%u instructions)", len);
	}
	exile__diag_guarded(&diag); /* >>diag: no system call */
	return 0;
}

/* The seccomp action the kernel must offer for the filter to mean what it
 * says. Probed once: after exile installed a filter the answer is known, and
 * asking again could be what that filter forbids. */
EXILE__PRIVATE int exile__probe_seccomp(void)
{
	uint32_t action = SECCOMP_RET_KILL_PROCESS;
	if(exile__state.seccomp_probed || exile__state.ninstalled != 0)
	{
		return 0;
	}
	if(exile__seccomp(SECCOMP_GET_ACTION_AVAIL, 0, &action) == 0)
	{
		exile__state.seccomp_probed = 1;
	}
	else
	{
		return exile__fail(-errno, errno == ENOSYS ? "seccomp(2) needs Linux 3.17 with CONFIG_SECCOMP_FILTER" : "SECCOMP_RET_KILL_PROCESS needs Linux 4.14",
				"probing seccomp's kill-process action");
	}
	return 0;
}

/* The one enable path: exile_enable_policy, exile_enable_syscall_policy and
 * exile_vow are its modes. */
EXILE__PRIVATE int exile__enable(const struct exile_policy *p, int mode)
{
	struct exile__plan pl;
	int err = exile__prepare(p, &pl, mode);
	if(err == 0)
	{
		err = exile__commit(p, &pl);
	}
	exile__plan_release(&pl); /* after a filter: nothing left to release, so no system call */
	if(err == 0)
	{
		if(mode == EXILE__MODE_FULL || pl.landlock.report.isolation_domain)
		{
			exile__landlock_enabled(&pl.landlock);
		}
		exile__errbuf[0] = '\0';
	}
	return err;
}

EXILE_API int exile_enable_policy(struct exile_policy *p)
{
	return exile__enable(p, EXILE__MODE_FULL);
}

/* The filter alone: no privilege steps, no filesystem or namespace rules;
 * the same prepare and commit (stdio buffers, report mode, ptrace isolation). */
EXILE_API int exile_enable_syscall_policy(struct exile_policy *p)
{
	return exile__enable(p, EXILE__MODE_FILTER);
}

/* A policy on the stack: it owns no memory, so nothing is freed after the
 * filter is in. */
EXILE_API int exile_vow(uint64_t promises)
{
	struct exile_policy p;
	exile__policy_init(&p);
	p.vow_promises = promises != 0 ? promises : EXILE_SYSCALL_VOW_BASE; /* 0: the base set alone */
	/* upstream: no_new_privs unless the caller may install filters without it */
	p.no_new_privs = !exile__has_cap(CAP_SYS_ADMIN);
	return exile__enable(&p, EXILE__MODE_FULL);
}

#if !defined(EXILE_NO_LAUNCH) || !defined(EXILE_NO_LEARN)
/* -------------------------------------------------------------------------- */
/* >>notif: seccomp user-notification helpers (the supervisor and learning)    */
/* -------------------------------------------------------------------------- */
/* Reads a NUL-terminated string (or, with size > 0 and str 0, size bytes)
 * from the memory of pid, through /proc/PID/mem, or through fallback (an open
 * mem fd of pid, -1: none) when pid's own file cannot be opened. 0, or -1
 * (best effort: the caller goes on). */
EXILE__PRIVATE int exile__notif_peek(pid_t pid, int fallback, uint64_t addr, char *buf, size_t size, int str)
{
	char name[64];
	size_t len = 0;
	int fd;
	snprintf(name, sizeof(name), "/proc/%d/mem", (int)pid);
	if(addr == 0 || size == 0)
	{
		return -1;
	}
	if((fd = open(name, O_RDONLY | O_CLOEXEC)) < 0 && fallback < 0)
	{
		return -1;
	}
	while(len < size)
	{
		size_t chunk = 4096 - (size_t)((addr + len) % 4096); /* never across a page that may be unmapped */
		ssize_t r;
		if(chunk > size - len)
		{
			chunk = size - len;
		}
		r = pread(fd >= 0 ? fd : fallback, buf + len, chunk, (off_t)(addr + len));
		if(r <= 0)
		{
			break;
		}
		if(str && memchr(buf + len, '\0', (size_t)r) != NULL)
		{
			if(fd >= 0)
			{
				close(fd);
			}
			return 0;
		}
		len += (size_t)r;
	}
	if(fd >= 0)
	{
		close(fd);
	}
	return (!str && len == size) ? 0 : -1;
}

/* The argument kinds of the calls whose arguments a report line decodes:
 * D dirfd, d int, u unsigned, x hex, s path string, o open flags, m mode,
 * p mmap prot, a address family, t socket type, c clone flags, g signal. */
static const struct
{
	int nr;
	char kinds[7];
} exile__notif_argkinds[] = {
	{ EXILE__NR(open), "som" }, { EXILE__NR(openat), "Dsom" }, { EXILE__NR(creat), "sm" }, { EXILE__NR(openat2), "Dsxu" },
	{ EXILE__NR(mkdir), "sm" }, { EXILE__NR(mkdirat), "Dsm" }, { EXILE__NR(unlink), "s" }, { EXILE__NR(unlinkat), "Dsx" }, { EXILE__NR(rmdir), "s" },
	{ EXILE__NR(rename), "ss" }, { EXILE__NR(renameat), "DsDs" }, { EXILE__NR(renameat2), "DsDsx" }, { EXILE__NR(link), "ss" },
	{ EXILE__NR(linkat), "DsDsx" }, { EXILE__NR(symlink), "ss" }, { EXILE__NR(symlinkat), "sDs" }, { EXILE__NR(execve), "sxx" },
	{ EXILE__NR(execveat), "Dsxxx" }, { EXILE__NR(chmod), "sm" }, { EXILE__NR(fchmod), "dm" }, { EXILE__NR(fchmodat), "Dsm" },
	{ EXILE__NR(fchmodat2), "Dsmx" }, { EXILE__NR(chown), "sdd" }, { EXILE__NR(lchown), "sdd" }, { EXILE__NR(fchownat), "Dsddx" },
	{ EXILE__NR(access), "sx" }, { EXILE__NR(faccessat), "Dsx" }, { EXILE__NR(faccessat2), "Dsxx" }, { EXILE__NR(stat), "sx" },
	{ EXILE__NR(lstat), "sx" }, { EXILE__NR(newfstatat), "Dsxx" }, { EXILE__NR(statx), "Dsxxx" }, { EXILE__NR(truncate), "sd" },
	{ EXILE__NR(chdir), "s" }, { EXILE__NR(chroot), "s" }, { EXILE__NR(mknod), "smx" }, { EXILE__NR(mknodat), "Dsmx" },
	{ EXILE__NR(readlink), "sxd" }, { EXILE__NR(readlinkat), "Dsxd" }, { EXILE__NR(utimensat), "Dsxx" }, { EXILE__NR(utimes), "sx" },
	{ EXILE__NR(setxattr), "ssxdx" }, { EXILE__NR(lsetxattr), "ssxdx" }, { EXILE__NR(getxattr), "ssxd" }, { EXILE__NR(lgetxattr), "ssxd" },
	{ EXILE__NR(removexattr), "ss" }, { EXILE__NR(inotify_add_watch), "dsx" }, { EXILE__NR(mount), "sssxx" }, { EXILE__NR(umount2), "sx" },
	{ EXILE__NR(pivot_root), "ss" }, { EXILE__NR(statfs), "sx" }, { EXILE__NR(memfd_create), "sx" }, { EXILE__NR(socket), "atd" },
	{ EXILE__NR(socketpair), "atdx" }, { EXILE__NR(connect), "dxd" }, { EXILE__NR(bind), "dxd" }, { EXILE__NR(mmap), "xupxdx" }, { EXILE__NR(mmap2), "xupxdx" },
	{ EXILE__NR(mprotect), "xup" }, { EXILE__NR(pkey_mprotect), "xupd" }, { EXILE__NR(kill), "dg" }, { EXILE__NR(tkill), "dg" },
	{ EXILE__NR(tgkill), "ddg" }, { EXILE__NR(clone), "cxxxx" }, { EXILE__NR(unshare), "c" }, { EXILE__NR(setns), "dc" },
	{ EXILE__NR(ioctl), "dxx" }, { EXILE__NR(fcntl), "ddx" }, { EXILE__NR(setuid), "u" }, { EXILE__NR(setgid), "u" },
	{ EXILE__NR(close), "d" }, { EXILE__NR(read), "dxu" }, { EXILE__NR(write), "dxu" }, { EXILE__NR(dup2), "dd" }, { EXILE__NR(getpid), "" },
};

struct exile__notif_bit
{
	uint32_t bit;
	const char *name;
};
static const struct exile__notif_bit exile__notif_open_bits[] = {
	{ O_CREAT, "O_CREAT" }, { O_EXCL, "O_EXCL" }, { O_NOCTTY, "O_NOCTTY" }, { O_TRUNC, "O_TRUNC" },
	{ O_APPEND, "O_APPEND" }, { O_NONBLOCK, "O_NONBLOCK" }, { O_DSYNC, "O_DSYNC" }, { 020000, "O_ASYNC" },
	{ 040000, "O_DIRECT" }, { 0100000, "O_LARGEFILE" }, { EXILE__O_TMPFILE_BIT, "O_TMPFILE" }, { O_DIRECTORY, "O_DIRECTORY" },
	{ O_NOFOLLOW, "O_NOFOLLOW" }, { 01000000, "O_NOATIME" }, { O_CLOEXEC, "O_CLOEXEC" }, { 04000000, "O_SYNC" },
	{ 010000000, "O_PATH" },
};
static const struct exile__notif_bit exile__notif_prot_bits[] = {
	{ 1, "PROT_READ" }, { 2, "PROT_WRITE" }, { 4, "PROT_EXEC" }, { 0x01000000, "PROT_GROWSDOWN" }, { 0x02000000, "PROT_GROWSUP" },
};
static const struct exile__notif_bit exile__notif_clone_bits[] = {
	{ 0x100, "CLONE_VM" }, { 0x200, "CLONE_FS" }, { 0x400, "CLONE_FILES" }, { 0x800, "CLONE_SIGHAND" },
	{ 0x1000, "CLONE_PIDFD" }, { 0x2000, "CLONE_PTRACE" }, { 0x4000, "CLONE_VFORK" }, { 0x8000, "CLONE_PARENT" },
	{ 0x10000, "CLONE_THREAD" }, { 0x20000, "CLONE_NEWNS" }, { 0x40000, "CLONE_SYSVSEM" }, { 0x80000, "CLONE_SETTLS" },
	{ 0x100000, "CLONE_PARENT_SETTID" }, { 0x200000, "CLONE_CHILD_CLEARTID" }, { 0x800000, "CLONE_UNTRACED" },
	{ 0x1000000, "CLONE_CHILD_SETTID" }, { 0x2000000, "CLONE_NEWCGROUP" }, { 0x4000000, "CLONE_NEWUTS" },
	{ 0x8000000, "CLONE_NEWIPC" }, { 0x10000000, "CLONE_NEWUSER" }, { 0x20000000, "CLONE_NEWPID" },
	{ 0x40000000, "CLONE_NEWNET" }, { 0x80000000u, "CLONE_IO" },
};
static const struct exile__notif_bit exile__notif_sock_bits[] = {
	{ 04000, "SOCK_NONBLOCK" }, { 02000000, "SOCK_CLOEXEC" },
};
static const struct exile__notif_bit exile__notif_values_af[] = {
	{ 0, "AF_UNSPEC" }, { 1, "AF_UNIX" }, { 2, "AF_INET" }, { 10, "AF_INET6" }, { 16, "AF_NETLINK" }, { 17, "AF_PACKET" },
	{ 38, "AF_ALG" }, { 40, "AF_VSOCK" }, { 44, "AF_XDP" },
};
static const struct exile__notif_bit exile__notif_values_socktype[] = {
	{ 1, "SOCK_STREAM" }, { 2, "SOCK_DGRAM" }, { 3, "SOCK_RAW" }, { 4, "SOCK_RDM" }, { 5, "SOCK_SEQPACKET" }, { 10, "SOCK_PACKET" },
};
static const struct exile__notif_bit exile__notif_values_sig[] = {
	{ 1, "SIGHUP" }, { 2, "SIGINT" }, { 3, "SIGQUIT" }, { 6, "SIGABRT" }, { 9, "SIGKILL" }, { 10, "SIGUSR1" }, { 12, "SIGUSR2" },
	{ 13, "SIGPIPE" }, { 14, "SIGALRM" }, { 15, "SIGTERM" }, { 17, "SIGCHLD" }, { 18, "SIGCONT" }, { 19, "SIGSTOP" },
	{ 20, "SIGTSTP" }, { 31, "SIGSYS" },
};
static const struct exile__notif_bit exile__notif_values_errno[] = {
	{ EPERM, "EPERM" }, { ENOENT, "ENOENT" }, { EIO, "EIO" }, { EBADF, "EBADF" }, { EAGAIN, "EAGAIN" },
	{ ENOMEM, "ENOMEM" }, { EACCES, "EACCES" }, { EFAULT, "EFAULT" }, { EBUSY, "EBUSY" }, { EEXIST, "EEXIST" },
	{ EINVAL, "EINVAL" }, { ENOSPC, "ENOSPC" }, { EROFS, "EROFS" }, { ENOSYS, "ENOSYS" }, { EOPNOTSUPP, "EOPNOTSUPP" },
	{ EAFNOSUPPORT, "EAFNOSUPPORT" }, { ECONNREFUSED, "ECONNREFUSED" },
};

EXILE__PRIVATE const char *exile__notif_value_name(const struct exile__notif_bit *t, size_t n, uint32_t v)
{
	size_t i;
	for(i = 0; i < n; i++)
	{
		if(t[i].bit == v && t[i].name != NULL)
		{
			return t[i].name;
		}
	}
	return NULL;
}

EXILE__PRIVATE void exile__notif_put_value(struct exile__sb *b, const struct exile__notif_bit *t, size_t n, uint32_t v)
{
	const char *name = exile__notif_value_name(t, n, v);
	if(name != NULL)
	{
		exile__sb_printf(b, "%s", name);
	}
	else
	{
		exile__sb_printf(b, "%u", v);
	}
}

/* The name of an errno (EPERM), or NULL. */
EXILE__PRIVATE const char *exile__errno_name(int e)
{
	return e > 0 ? exile__notif_value_name(exile__notif_values_errno, EXILE__N(exile__notif_values_errno), (uint32_t)e) : NULL;
}

/* Bits by name, joined with '|'; what no name covers as hex. */
EXILE__PRIVATE void exile__notif_put_bits(struct exile__sb *b, const struct exile__notif_bit *t, size_t n, uint64_t v, int any)
{
	size_t i;
	for(i = 0; i < n; i++)
	{
		if((v & t[i].bit) == t[i].bit && t[i].bit != 0)
		{
			exile__sb_printf(b, "%s%s", any ? "|" : "", t[i].name);
			v &= ~(uint64_t)t[i].bit;
			any = 1;
		}
	}
	if(v != 0 || !any)
	{
		exile__sb_printf(b, "%s0x%llx", any ? "|" : "", (unsigned long long)v);
	}
}

/* A string from the target, quoted, control and non-ASCII bytes escaped (so
 * that a hostile program cannot put a newline or a terminal escape into the
 * supervisor's line), cut at 200 bytes. */
EXILE__PRIVATE void exile__notif_put_string(struct exile__sb *b, const char *s)
{
	size_t i;
	exile__sb_printf(b, "\"");
	for(i = 0; i < 200 && s[i] != '\0'; i++)
	{
		unsigned char c = (unsigned char)s[i];
		if(c == '"' || c == '\\')
		{
			exile__sb_printf(b, "\\%c", c);
		}
		else if(c < 0x20 || c >= 0x7f)
		{
			exile__sb_printf(b, "\\x%02x", c);
		}
		else
		{
			exile__sb_printf(b, "%c", c);
		}
	}
	exile__sb_printf(b, "\"%s", i == 200 && s[i] != '\0' ? "..." : "");
}

/* "openat(AT_FDCWD, \"/etc/passwd\", O_RDONLY, 0)": the call of a notification,
 * its path strings read from the target (pid's own mem file, else memfd),
 * flags by name. Appends to b. */
EXILE__PRIVATE void exile__notif_put_call(struct exile__sb *b, pid_t pid, int memfd, const struct seccomp_data *d)
{
	const char *name = d->arch == EXILE__AUDIT_ARCH && !(d->nr & EXILE__NR_LIMIT) ? exile_syscall_name(d->nr) : NULL;
	const char *kinds = "xxxxxx";
	size_t i;
	if(name != NULL)
	{
		for(i = 0; i < EXILE__N(exile__notif_argkinds); i++)
		{
			if(exile__notif_argkinds[i].nr == d->nr)
			{
				kinds = exile__notif_argkinds[i].kinds;
				break;
			}
		}
		exile__sb_printf(b, "%s(", name);
	}
	else
	{
		exile__sb_printf(b, "syscall %d of arch 0x%x(", d->nr, d->arch);
	}
	for(i = 0; i < 6 && kinds[i] != '\0'; i++)
	{
		uint64_t a = d->args[i];
		uint32_t lo = (uint32_t)a;
		const char *vn;
		char str[256];
		exile__sb_printf(b, "%s", i ? ", " : "");
		switch(kinds[i])
		{
		case 'D':
			if((int32_t)lo == AT_FDCWD)
			{
				exile__sb_printf(b, "AT_FDCWD");
				break;
			}
			/* fall through */
		case 'd': exile__sb_printf(b, "%d", (int)(int32_t)lo); break;
		case 'u': exile__sb_printf(b, "%llu", (unsigned long long)a); break;
		case 'm': exile__sb_printf(b, "0%o", lo); break;
		case 's':
			if(exile__notif_peek(pid, memfd, a, str, sizeof(str), 1) == 0)
			{
				exile__notif_put_string(b, str);
			}
			else
			{
				exile__sb_printf(b, a == 0 ? "NULL" : "0x%llx <unreadable>", (unsigned long long)a);
			}
			break;
		case 'o':
			exile__sb_printf(b, "%s", (lo & O_ACCMODE) == O_RDONLY ? "O_RDONLY" : (lo & O_ACCMODE) == O_WRONLY ? "O_WRONLY"
					: (lo & O_ACCMODE) == O_RDWR ? "O_RDWR" : "O_ACCMODE");
			exile__notif_put_bits(b, exile__notif_open_bits, EXILE__N(exile__notif_open_bits), lo & ~(uint32_t)O_ACCMODE, 1);
			break;
		case 'p':
			if(lo == 0)
			{
				exile__sb_printf(b, "PROT_NONE");
				break;
			}
			exile__notif_put_bits(b, exile__notif_prot_bits, EXILE__N(exile__notif_prot_bits), lo, 0);
			break;
		case 'c':
			exile__notif_put_bits(b, exile__notif_clone_bits, EXILE__N(exile__notif_clone_bits), a & ~(uint64_t)0xff, 0);
			if((vn = exile__notif_value_name(exile__notif_values_sig, EXILE__N(exile__notif_values_sig), lo & 0xff)) != NULL)
			{
				exile__sb_printf(b, "|%s", vn);
			}
			break;
		case 'a':
			exile__notif_put_value(b, exile__notif_values_af, EXILE__N(exile__notif_values_af), lo);
			break;
		case 't':
			exile__notif_put_value(b, exile__notif_values_socktype, EXILE__N(exile__notif_values_socktype), lo & 0xf);
			if(lo & ~0xfu)
			{
				exile__notif_put_bits(b, exile__notif_sock_bits, EXILE__N(exile__notif_sock_bits), lo & ~0xfu, 1);
			}
			break;
		case 'g':
			exile__notif_put_value(b, exile__notif_values_sig, EXILE__N(exile__notif_values_sig), lo);
			break;
		default: exile__sb_printf(b, "0x%llx", (unsigned long long)a); break;
		}
	}
	exile__sb_printf(b, ")");
}

/* Notification and response buffers of the sizes this kernel uses. */
struct exile__notif_bufs
{
	struct exile__notif *n;
	struct exile__notif_resp *r;
	size_t nsz, rsz;
};

EXILE__PRIVATE int exile__notif_bufs_alloc(struct exile__notif_bufs *nb)
{
	struct exile__notif_sizes sz;
	nb->nsz = sizeof(struct exile__notif);
	nb->rsz = sizeof(struct exile__notif_resp);
	if(exile__seccomp(SECCOMP_GET_NOTIF_SIZES, 0, &sz) == 0)
	{
		nb->nsz = sz.notif > nb->nsz ? sz.notif : nb->nsz;
		nb->rsz = sz.resp > nb->rsz ? sz.resp : nb->rsz;
	}
	nb->n = (struct exile__notif *)calloc(1, nb->nsz);
	nb->r = (struct exile__notif_resp *)calloc(1, nb->rsz);
	return nb->n != NULL && nb->r != NULL ? 0 : -ENOMEM;
}

EXILE__PRIVATE void exile__notif_bufs_free(struct exile__notif_bufs *nb)
{
	free(nb->n);
	free(nb->r);
	nb->n = NULL;
	nb->r = NULL;
}

/* Answers notification id: val/-error without running the call, or with
 * EXILE__NOTIF_CONTINUE the call runs. 0, or -errno (ENOENT: the target is
 * gone, which is not an error for the caller). */
EXILE__PRIVATE int exile__notif_respond(int listener, struct exile__notif_bufs *nb, uint64_t id, int64_t val, int error, uint32_t flags)
{
	memset(nb->r, 0, nb->rsz);
	nb->r->id = id;
	nb->r->val = val;
	nb->r->error = error;
	nb->r->flags = flags;
	return exile__ioctl(listener, EXILE__NOTIF_SEND, nb->r) == 0 ? 0 : -errno;
}

/* Sends len bytes and up to 4 fds over a unix socket. 0, or -errno. */
EXILE__PRIVATE int exile__fd_send(int sock, void *buf, size_t len, const int *fds, int nfds)
{
	struct msghdr msg;
	struct iovec iov;
	union
	{
		char buf[CMSG_SPACE(4 * sizeof(int))];
		struct cmsghdr align;
	} u;
	ssize_t r;
	memset(&msg, 0, sizeof(msg));
	memset(&u, 0, sizeof(u));
	iov.iov_base = buf;
	iov.iov_len = len;
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	if(nfds > 0 && nfds <= 4)
	{
		struct cmsghdr *cm;
		msg.msg_control = u.buf;
		msg.msg_controllen = CMSG_SPACE((size_t)nfds * sizeof(int));
		cm = CMSG_FIRSTHDR(&msg);
		cm->cmsg_level = SOL_SOCKET;
		cm->cmsg_type = SCM_RIGHTS;
		cm->cmsg_len = CMSG_LEN((size_t)nfds * sizeof(int));
		memcpy(CMSG_DATA(cm), fds, (size_t)nfds * sizeof(int));
	}
	do
	{
		r = sendmsg(sock, &msg, MSG_NOSIGNAL);
	} while(r < 0 && errno == EINTR);
	return r == (ssize_t)len ? 0 : (r < 0 ? -errno : -EIO);
}

/* Receives exactly len bytes and the fds sent with them (up to maxfds, the
 * rest closed; unused slots -1). The number of bytes, or -errno. */
EXILE__PRIVATE ssize_t exile__fd_recv(int sock, void *buf, size_t len, int *fds, int maxfds)
{
	struct msghdr msg;
	struct iovec iov;
	union
	{
		char buf[CMSG_SPACE(4 * sizeof(int))];
		struct cmsghdr align;
	} u;
	struct cmsghdr *cm;
	ssize_t r;
	int i, got = 0;
	for(i = 0; i < maxfds; i++)
	{
		fds[i] = -1;
	}
	memset(&msg, 0, sizeof(msg));
	memset(&u, 0, sizeof(u));
	iov.iov_base = buf;
	iov.iov_len = len;
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	msg.msg_control = u.buf;
	msg.msg_controllen = sizeof(u.buf);
	do
	{
		r = recvmsg(sock, &msg, MSG_CMSG_CLOEXEC | MSG_WAITALL);
	} while(r < 0 && errno == EINTR);
	for(cm = CMSG_FIRSTHDR(&msg); cm != NULL; cm = CMSG_NXTHDR(&msg, cm))
	{
		if(cm->cmsg_level == SOL_SOCKET && cm->cmsg_type == SCM_RIGHTS)
		{
			int n = (int)((cm->cmsg_len - CMSG_LEN(0)) / sizeof(int)), k;
			for(k = 0; k < n; k++)
			{
				int fd;
				memcpy(&fd, CMSG_DATA(cm) + (size_t)k * sizeof(int), sizeof(int));
				if(got < maxfds)
				{
					fds[got++] = fd;
				}
				else
				{
					close(fd);
				}
			}
		}
	}
	return r < 0 ? -errno : r;
}

#endif /* >>notif */

#ifndef EXILE_NO_LAUNCH
/* -------------------------------------------------------------------------- */
/* >>launch: a sandboxed child, its output back to the parent                  */
/* -------------------------------------------------------------------------- */
/* Three processes: the caller P; a supervisor S forked by P; the child C
 * forked by S, which applies the policy and runs func. S is C's parent and
 * the subreaper of everything C starts, so that when C ends S can find and
 * kill what C left behind. S and C run only async-signal-safe code until the
 * policy is applied (C's exile_enable_policy uses malloc: fork-safe in glibc).
 *
 * Pipes: out (C's stdout -> P), in (P -> C's stdin), status (C and S -> P:
 * struct exile__launch_msg records; C writes one SETUP record when it cannot
 * apply the policy, S writes REPORT records (when the caller wants them) and
 * the FINAL record after everything else ended).
 *
 * The supervisor. C's filter returns SECCOMP_RET_USER_NOTIF where the policy
 * would kill (in log mode also where it fails a call), and S holds the
 * listener. seccomp() returns the listener fd in C, after the filter is in,
 * and C must make no system call after that (the policy may forbid every
 * call it would need, and untrusted code must never find the fd). So, before
 * its filter, C starts a helper H with clone(CLONE_VM | CLONE_FILES |
 * CLONE_PARENT | CLONE_CHILD_CLEARTID): H shares C's memory and fd table but
 * not its filter (filters are inherited at clone time, so H runs under the
 * caller's filters only), and its parent is S, which reaps it. C installs the
 * filter, stores the fd in shared memory and spins without a system call
 * until the kernel clears H's tid, i.e. H is gone. H meanwhile sends the
 * listener (and C's /proc/self/mem, opened before the filter) to S over
 * SCM_RIGHTS, closes both and every other fd exile held in the shared table,
 * says whether all of that worked, and exits. Only then does C run func; if H
 * failed, C exits instead. The alternatives: pidfd_getfd() from S needs
 * ptrace access to C, which not_dumpable (the default) takes away from a
 * non-root S; a filter that allows the sendmsg that carries the fd leaves
 * that sendmsg allowed for the untrusted code; getting the fd to S by any
 * call C makes after the filter breaks "no call after the filter".
 *
 * What S does with a notification: it reads the arguments (path strings
 * from the target's memory: /proc/PID/mem, or C's mem fd for C itself,
 * which stays non-dumpable), writes one line, and kills the tree (kill mode)
 * or answers with an errno (log mode). The decision was the filter's; S only
 * reports, so a string the target changes meanwhile (TOCTOU) can only make
 * the line wrong, never a call succeed. S never answers CONTINUE, except for
 * the calls startup_vows allow before the program called
 * exile_launch_started() (decided on the registers alone, by the filter
 * built for the startup vows, so memory races do not matter either). */
#include <sys/signalfd.h>

/* The call exile_launch_started makes: a number no kernel assigns (ENOSYS
 * without a supervisor), which the child's filter hands to the supervisor
 * when startup_vows are in force. */
#define EXILE__STARTED_NR    0x3ffffe45L
#define EXILE__STARTED_MAGIC 0x6578696c65737461ULL /* "exilesta" */

#define EXILE__LAUNCH_MAGIC 0x6578696cu
#define EXILE__LAUNCH_SETUP  1
#define EXILE__LAUNCH_FINAL  2
#define EXILE__LAUNCH_REPORT 3
#define EXILE__LAUNCH_F_TIMEOUT    1u
#define EXILE__LAUNCH_F_STOPPED    2u
#define EXILE__LAUNCH_F_VIOLATION  4u
#define EXILE__LAUNCH_F_NOCHILD    8u  /* S could not fork C; err says why */
#define EXILE__LAUNCH_F_SUPERVISED 16u /* S held the listener */
#define EXILE__LAUNCH_F_SUPKILLED  32u /* S killed the tree for a denied call */
#define EXILE__LAUNCH_SETUP_EXIT 126
/* P asks S to kill C with this signal; it is also S's parent-death signal */
#define EXILE__LAUNCH_STOP SIGTERM

struct exile__launch_msg
{
	uint32_t magic;
	int32_t kind;
	int32_t err;       /* SETUP, or S's own failure: a negative errno */
	int32_t wstatus;   /* FINAL: C's wait status */
	uint32_t flags;    /* FINAL: EXILE__LAUNCH_F_* */
	int32_t killed;    /* FINAL: descendants killed after C ended */
	struct exile__violation v; /* FINAL: the first denied call; REPORT: this one */
	int32_t pid;       /* the process that made it */
	int32_t error;     /* REPORT: the errno it failed with; 0: the tree was killed */
	uint64_t vows;     /* exile_vows_allowing() of it */
	uint64_t denials;  /* FINAL: denied calls in all */
	char line[512];
	char text[EXILE__ERRLEN]; /* SETUP: the child's error; FINAL: why there was no supervisor */
};

struct exile__launch_fds
{
	int out[2], in[2], status[2], sock[2];
	int sig; /* S's signalfd (S's own: C closes its copy) */
};

/* C <-> H, in the memory they share. */
#define EXILE__HO_WAIT  0
#define EXILE__HO_READY 1 /* the filter is in; fd: the listener, or -errno when a plain filter went in */
#define EXILE__HO_ABORT 2 /* C gives up before its filter */
#define EXILE__HO_MAXFDS 8
struct exile__handoff
{
	volatile int state;
	volatile int fd;
	volatile int ok;      /* H: the listener reached S and H closed every fd below */
	volatile pid_t ctid;  /* cleared by the kernel when H has gone (CLONE_CHILD_CLEARTID) */
	pid_t supervisor, child;
	int memfd, sock;
	int close[EXILE__HO_MAXFDS]; /* exile's own fds in C's table, closed by H */
	char *stack;          /* H's */
	int nclose;
	struct sock_fprog verdict, startup; /* for S: the plain filter (log mode), the startup filter */
};

/* H -> S, with the listener (code 0) and C's mem fd (nfds) as SCM_RIGHTS;
 * the two programs follow as raw instructions. */
struct exile__hello
{
	uint32_t magic;
	int32_t code;   /* 0: the listener comes with it; -errno: C runs under the plain filter */
	int32_t child;
	int32_t helper;
	int32_t nfds;
	uint32_t verdict_len, startup_len;
};

EXILE__PRIVATE void exile__launch_close(int *fd)
{
	if(*fd >= 0)
	{
		close(*fd);
		*fd = -1;
	}
}

EXILE__PRIVATE void exile__launch_close_all(struct exile__launch_fds *f)
{
	int i;
	for(i = 0; i < 2; i++)
	{
		exile__launch_close(&f->out[i]);
		exile__launch_close(&f->in[i]);
		exile__launch_close(&f->status[i]);
		exile__launch_close(&f->sock[i]);
	}
}

EXILE__PRIVATE int exile__launch_write(int fd, const void *buf, size_t len)
{
	const char *p = (const char *)buf;
	while(len > 0)
	{
		ssize_t w = write(fd, p, len);
		if(w < 0 && errno == EINTR)
		{
			continue;
		}
		if(w <= 0)
		{
			return -1;
		}
		p += w;
		len -= (size_t)w;
	}
	return 0;
}

/* S, before its last records when the caller reads them only after S's end
 * (reaped_first): empties the status pipe through S's read end, so that S's
 * records come whole and last whatever the sandboxed side wrote (it could
 * write only where its policy kept it from closing its end). C's setup
 * record, when it is all there was, is passed on. */
EXILE__PRIVATE void exile__launch_empty(int rfd, int wfd)
{
	struct exile__launch_msg first;
	char buf[4096];
	size_t got = 0;
	ssize_t r;
	if(fcntl(rfd, F_SETFL, O_NONBLOCK) != 0)
	{
		return;
	}
	while((r = read(rfd, buf, sizeof(buf))) > 0 || (r < 0 && errno == EINTR))
	{
		if(r > 0 && got < sizeof(first))
		{
			size_t take = sizeof(first) - got < (size_t)r ? sizeof(first) - got : (size_t)r;
			memcpy((char *)&first + got, buf, take);
		}
		got += r > 0 ? (size_t)r : 0;
	}
	if(got == sizeof(first) && first.magic == EXILE__LAUNCH_MAGIC && first.kind == EXILE__LAUNCH_SETUP)
	{
		exile__launch_write(wfd, &first, sizeof(first));
	}
}

/* Sends SIGKILL to every child of the calling (single-threaded) process that
 * /proc lists. Returns how many it signalled, or -1 when /proc cannot say. */
EXILE__PRIVATE int exile__launch_kill_children(void)
{
	char buf[256];
	long pid = -1;
	int n = 0, fd = open("/proc/thread-self/children", O_RDONLY | O_CLOEXEC);
	ssize_t r, i;
	if(fd < 0)
	{
		return -1;
	}
	while((r = read(fd, buf, sizeof(buf))) != 0)
	{
		if(r < 0)
		{
			if(errno == EINTR)
			{
				continue;
			}
			break;
		}
		for(i = 0; i < r; i++)
		{
			if(buf[i] >= '0' && buf[i] <= '9')
			{
				pid = (pid < 0 ? 0 : pid * 10) + (buf[i] - '0');
			}
			else if(pid > 0)
			{
				kill((pid_t)pid, SIGKILL);
				n++;
				pid = -1;
			}
		}
	}
	if(pid > 0)
	{
		kill((pid_t)pid, SIGKILL);
		n++;
	}
	close(fd);
	return n;
}

/* S, after C ended: kills and reaps every remaining descendant (orphans are
 * reparented to S, the subreaper, as their parents die). Not counted: H. */
EXILE__PRIVATE int exile__launch_reap_all(pid_t helper)
{
	int reaped = 0, status;
	for(;;)
	{
		/* reap what has ended first: when that leaves no child at all,
		 * nothing of the tree is left (a live descendant is a child of S
		 * or of a live process below S: orphans are reparented to S before
		 * their parent can be reaped), and /proc need not be read */
		pid_t w = waitpid(-1, &status, __WALL | WNOHANG);
		int n;
		if(w > 0)
		{
			reaped += w != helper;
			continue;
		}
		if(w < 0 && errno != EINTR)
		{
			return reaped; /* ECHILD: nothing is left */
		}
		n = exile__launch_kill_children();
		w = waitpid(-1, &status, __WALL | (n > 0 ? 0 : WNOHANG));
		if(w > 0)
		{
			reaped += w != helper;
		}
		else if(w == 0)
		{
			/* children exist, but /proc listed none yet: being reparented */
			struct timespec ms = { 0, 1000000 };
			nanosleep(&ms, NULL);
		}
		else if(errno != EINTR)
		{
			return reaped; /* ECHILD: nothing is left */
		}
	}
}

EXILE__PRIVATE long exile__launch_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---- C's side of the supervisor ---- */

/* H: hands the listener to S and clears exile's fds out of C's table. */
EXILE__PRIVATE int exile__launch_helper(void *arg)
{
	struct exile__handoff *h = (struct exile__handoff *)arg;
	struct exile__hello hello;
	int fds[2], nfds = 0, bad = 0, i;
	prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
	if(getppid() != h->supervisor)
	{
		return 1;
	}
	while(h->state == EXILE__HO_WAIT)
	{
		/* C wakes this futex once its filter is in (or it gave up) */
		struct timespec ts = { 0, 100000000 };
		syscall(__NR_futex, &h->state, 0 /* FUTEX_WAIT */, EXILE__HO_WAIT, &ts, NULL, 0);
	}
	if(h->state != EXILE__HO_READY)
	{
		return 1;
	}
	memset(&hello, 0, sizeof(hello));
	hello.magic = EXILE__LAUNCH_MAGIC;
	hello.code = h->fd >= 0 ? 0 : h->fd;
	hello.child = h->child;
	hello.helper = (int32_t)getpid();
	if(h->fd >= 0)
	{
		fds[nfds++] = h->fd;
	}
	if(h->memfd >= 0)
	{
		fds[nfds++] = h->memfd;
	}
	hello.nfds = nfds;
	hello.verdict_len = h->verdict.filter != NULL ? h->verdict.len : 0;
	hello.startup_len = h->startup.filter != NULL ? h->startup.len : 0;
	if(exile__fd_send(h->sock, &hello, sizeof(hello), fds, nfds) != 0
		|| (hello.verdict_len && exile__launch_write(h->sock, h->verdict.filter, hello.verdict_len * sizeof(struct sock_filter)) != 0)
		|| (hello.startup_len && exile__launch_write(h->sock, h->startup.filter, hello.startup_len * sizeof(struct sock_filter)) != 0))
	{
		bad = 1;
	}
	/* the sandboxed code must find none of these in its fd table */
	if(h->fd >= 0 && close(h->fd) != 0)
	{
		bad = 1;
	}
	if(h->memfd >= 0 && close(h->memfd) != 0)
	{
		bad = 1;
	}
	for(i = 0; i < h->nclose; i++)
	{
		if(h->close[i] >= 0 && close(h->close[i]) != 0 && errno != EBADF)
		{
			bad = 1;
		}
	}
	if(close(h->sock) != 0)
	{
		bad = 1;
	}
	h->ok = !bad;
	return 0;
}

EXILE__PRIVATE struct exile_arg_cmp exile__launch_cmp(unsigned char arg, unsigned char is32, uint64_t value)
{
	struct exile_arg_cmp c;
	memset(&c, 0, sizeof(c));
	c.arg = arg;
	c.op = EXILE_CMP_EQ;
	c.is32 = is32;
	c.value = value;
	return c;
}

/* A rule node of C's copy of the policy (C's memory, never freed: C ends by
 * exec or exit). */
EXILE__PRIVATE struct exile_syscall_policy *exile__launch_rule(struct exile_syscall_policy ***tail, long nr, unsigned int action,
		int n, struct exile_arg_cmp c0, struct exile_arg_cmp c1)
{
	struct exile_syscall_policy *sp = (struct exile_syscall_policy *)calloc(1, sizeof(*sp));
	struct exile_arg_cmp *cmps = n ? (struct exile_arg_cmp *)calloc((size_t)n, sizeof(*cmps)) : NULL;
	if(sp == NULL || (n && cmps == NULL))
	{
		free(sp);
		free(cmps);
		return NULL;
	}
	if(n > 0)
	{
		cmps[0] = c0;
	}
	if(n > 1)
	{
		cmps[1] = c1;
	}
	sp->syscall = nr;
	sp->policy = action;
	sp->cmps = cmps;
	sp->cmpscount = (size_t)n;
	**tail = sp;
	*tail = &sp->next;
	return sp;
}

/* Rules C's filter gets in front of the policy's own: the supervisor cannot
 * be signalled, limited or pidfd'd by the sandboxed tree (Landlock's signal
 * scope covers the rest where the kernel has it; without it, also every
 * pidfd signal and F_SETOWN/FIOSETOWN, which could aim SIGIO-style signals
 * at it), and startup_vows' end is a call the supervisor sees. These rules
 * kill (so, under the supervisor, they are reported). */
EXILE__PRIVATE int exile__launch_plain_filter(const struct exile_policy *p, uint64_t more_vows, struct sock_fprog *out);

EXILE__PRIVATE int exile__launch_guards(struct exile_policy *copy, const struct exile_launch_params *params, pid_t sup, int scoped,
		struct exile__handoff *h)
{
	struct exile_syscall_policy *head = NULL, **tail = &head;
	struct exile_arg_cmp none = exile__launch_cmp(0, 0, 0);
	pid_t spg = getpgid(sup); /* 0 in a PID namespace's init (sup 1) when its group is outside */
	uint32_t s = (uint32_t)sup, pg = (uint32_t)-(int32_t)spg;
	unsigned int k = EXILE_SYSCALL_DENY_KILL_PROCESS;
	int ok = 1, user_rules = copy->syscall_policies != NULL;
	struct exile_arg_cmp a0s = exile__launch_cmp(0, 1, s);
	ok &= exile__launch_rule(&tail, __NR_kill, k, 1, a0s, none) != NULL;
	ok &= exile__launch_rule(&tail, __NR_kill, k, 1, exile__launch_cmp(0, 1, 0xffffffffu), none) != NULL;
	if(spg > 0)
	{
		ok &= exile__launch_rule(&tail, __NR_kill, k, 1, exile__launch_cmp(0, 1, pg), none) != NULL;
	}
	if(getpgid(0) == spg)
	{
		ok &= exile__launch_rule(&tail, __NR_kill, k, 1, exile__launch_cmp(0, 1, 0), none) != NULL;
	}
	ok &= exile__launch_rule(&tail, __NR_tkill, k, 1, a0s, none) != NULL;
	ok &= exile__launch_rule(&tail, __NR_tgkill, k, 1, a0s, none) != NULL;
	ok &= exile__launch_rule(&tail, __NR_rt_sigqueueinfo, k, 1, a0s, none) != NULL;
	ok &= exile__launch_rule(&tail, __NR_rt_tgsigqueueinfo, k, 1, a0s, none) != NULL;
	ok &= exile__launch_rule(&tail, __NR_pidfd_open, k, 1, a0s, none) != NULL;
	ok &= exile__launch_rule(&tail, __NR_prlimit64, k, 1, a0s, none) != NULL;
	if(!scoped)
	{
		ok &= exile__launch_rule(&tail, __NR_pidfd_send_signal, k, 0, none, none) != NULL;
		ok &= exile__launch_rule(&tail, __NR_fcntl, k, 2, exile__launch_cmp(1, 1, F_SETOWN), exile__launch_cmp(2, 1, s)) != NULL;
		ok &= spg <= 0 || exile__launch_rule(&tail, __NR_fcntl, k, 2, exile__launch_cmp(1, 1, F_SETOWN),
				exile__launch_cmp(2, 1, pg)) != NULL;
		ok &= exile__launch_rule(&tail, __NR_fcntl, k, 1, exile__launch_cmp(1, 1, F_SETOWN_EX), none) != NULL;
		ok &= exile__launch_rule(&tail, __NR_ioctl, k, 1, exile__launch_cmp(1, 1, 0x8901 /* FIOSETOWN */), none) != NULL;
		ok &= exile__launch_rule(&tail, __NR_ioctl, k, 1, exile__launch_cmp(1, 1, 0x8902 /* SIOCSPGRP */), none) != NULL;
	}
	if(params->startup_vows != 0)
	{
		ok &= exile__launch_rule(&tail, EXILE__STARTED_NR, k, 1, exile__launch_cmp(0, 0, EXILE__STARTED_MAGIC), none) != NULL;
	}
	/* the handoff's two calls after the filter: waking H, waiting for its end
	 * (addresses in C's memory; nothing to gain for anyone else) */
	ok &= exile__launch_rule(&tail, __NR_futex, EXILE_SYSCALL_ALLOW, 2, exile__launch_cmp(0, 0, (uintptr_t)&h->state),
			exile__launch_cmp(1, 1, 1 /* FUTEX_WAKE */)) != NULL;
	ok &= exile__launch_rule(&tail, __NR_futex, EXILE_SYSCALL_ALLOW, 2, exile__launch_cmp(0, 0, (uintptr_t)&h->ctid),
			exile__launch_cmp(1, 1, 0 /* FUTEX_WAIT */)) != NULL;
	if(!user_rules && !exile__vows_active(copy))
	{
		/* the policy's filter held no rule of the user's: the rest stays allowed */
		ok &= exile__launch_rule(&tail, EXILE_SYSCALL_MATCH_ALL, EXILE_SYSCALL_ALLOW, 0, none, none) != NULL;
	}
	if(!ok)
	{
		return exile__fail(-ENOMEM, NULL, "exile_launch: the supervisor's rules");
	}
	if(params->startup_vows != 0)
	{
		/* what the supervisor lets through before exile_launch_started():
		 * the vows and startup_vows, these rules, not the policy's own (a
		 * launcher's rules hold from the program's main() on) */
		struct exile_policy wide = *copy;
		int err;
		*tail = NULL;
		wide.syscall_policies = head;
		if((err = exile__launch_plain_filter(&wide, params->startup_vows, &h->startup)) != 0)
		{
			return err;
		}
	}
	*tail = copy->syscall_policies;
	copy->syscall_policies = head;
	if(!user_rules)
	{
		copy->syscall_policies_tail = tail;
	}
	return 0;
}

/* The filter p builds, without the supervisor's rewrite (what S simulates). */
EXILE__PRIVATE int exile__launch_plain_filter(const struct exile_policy *p, uint64_t more_vows, struct sock_fprog *out)
{
	struct exile_policy plain = *p, view;
	struct exile_syscall_policy *mem = NULL;
	int err;
	plain.exile_flags &= ~(EXILE__FLAG_NOTIFY | EXILE__FLAG_NOTIFY_ERRNO);
	plain.vow_promises |= more_vows;
	if((err = exile__filter_view(&plain, &view, &mem)) == 0)
	{
		err = exile__build_filter(&view, out);
	}
	free(mem);
	return err;
}

/* C: enables its copy of the policy under the supervisor. The copy already
 * has the supervisor's flags; h is C's handoff with H. */
EXILE__PRIVATE int exile__launch_enable_supervised(const struct exile_launch_params *params, struct exile_policy *copy,
		struct exile__launch_fds *f, pid_t supervisor, struct exile__handoff *h)
{
	struct exile_landlock_report lr;
	struct exile__plan pl;
	char *stack;
	int err, scoped;
	h->state = EXILE__HO_WAIT;
	h->fd = -1;
	h->ctid = 1;
	h->supervisor = supervisor;
	h->child = getpid();
	h->sock = f->sock[1];
	h->close[h->nclose++] = f->status[1];
	/* C's memory for S, opened while C may still open it (S may not, once C is not dumpable) */
	h->memfd = open("/proc/self/mem", O_RDONLY | O_CLOEXEC);
	if(h->memfd >= 0)
	{
		copy->keep_fds[copy->keep_fds_count++] = h->memfd;
	}
	scoped = exile_landlock_report(copy, &lr) == 0 && (lr.scoped & EXILE_LANDLOCK_SCOPE_SIGNAL) != 0;
	if((err = exile__launch_guards(copy, params, supervisor, scoped, h)) != 0)
	{
		return err;
	}
	if((copy->exile_flags & EXILE__FLAG_NOTIFY_ERRNO) && (err = exile__launch_plain_filter(copy, 0, &h->verdict)) != 0)
	{
		return err;
	}
	if((err = exile__prepare(copy, &pl, EXILE__MODE_FULL)) != 0)
	{
		return err;
	}
	pl.diag.listener = &h->fd;
	pl.diag.need_listener = params->log_errno != 0 || params->startup_vows != 0;
	pl.diag.kernel_log = params->log_errno != 0;
	/* H's stack: never freed (H may run on it until its exit; C ends by exec or exit) */
	h->stack = stack = (char *)malloc(65536);
	if(stack == NULL)
	{
		return exile__fail(-ENOMEM, NULL, "exile_launch: the supervisor helper's stack");
	}
	if(clone(exile__launch_helper, stack + 65536, CLONE_VM | CLONE_FILES | CLONE_PARENT | CLONE_CHILD_CLEARTID, h, NULL, NULL,
			(pid_t *)&h->ctid) < 0)
	{
		return exile__fail(-errno, NULL, "exile_launch: starting the supervisor helper (clone)");
	}
	if((err = exile__commit(copy, &pl)) != 0)
	{
		h->state = EXILE__HO_ABORT;
		syscall(__NR_futex, &h->state, 1 /* FUTEX_WAKE */, 1, NULL, NULL, 0);
		if(h->fd == -EBUSY || h->fd == -EINVAL)
		{
			/* the cause, not the half-applied state of a child that exits now */
			return exile__fail(h->fd, h->fd == -EBUSY ? "run it where no supervisor or learner is above it, or without log_errno and startup_vows"
					: "log_errno and startup_vows need Linux 5.0 or later",
					"exile_launch: %s, and %s needs the supervisor's", h->fd == -EBUSY
					? "a filter of the caller already has a seccomp listener (one per filter chain)"
					: "this kernel has no seccomp user notification", params->log_errno != 0 ? "log mode" : "startup_vows");
		}
		return err;
	}
	/* The filter is in (the plan was released before it). Until H is gone
	 * the listener is in the fd table, and the only system calls are the
	 * two futex calls the filter's first rules allow (so that neither C nor
	 * H needs to spin): wake H, wait for the kernel to clear H's tid. */
	h->state = EXILE__HO_READY;
	syscall(__NR_futex, &h->state, 1 /* FUTEX_WAKE */, 1, NULL, NULL, 0);
	for(;;)
	{
		pid_t t = h->ctid;
		if(t == 0)
		{
			break;
		}
		syscall(__NR_futex, &h->ctid, 0 /* FUTEX_WAIT */, t, NULL, NULL, 0);
	}
	if(!h->ok)
	{
		/* the listener may still be in the table: never run func */
		syscall(__NR_exit_group, EXILE__LAUNCH_SETUP_EXIT);
	}
	exile__landlock_enabled(&pl.landlock);
	exile__errbuf[0] = '\0';
	return 0;
}

/* The child C: never returns. */
EXILE__PRIVATE void exile__launch_child(const struct exile_launch_params *params, struct exile_policy *copy,
		struct exile__launch_fds *f, pid_t supervisor, const sigset_t *mask)
{
	struct exile__launch_msg msg;
	struct exile__handoff h;
	int ret, err = 0, sup = copy != NULL && (copy->exile_flags & EXILE__FLAG_NOTIFY);
	size_t i;
	prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
	if(getppid() != supervisor)
	{
		_exit(EXILE__LAUNCH_SETUP_EXIT);
	}
	memset(&h, 0, sizeof(h));
	exile__launch_close(&f->sock[0]);
	exile__launch_close(&f->status[0]); /* S's (reaped_first), never the sandbox's */
	exile__launch_close(&f->sig);       /* S's, likewise */
	if(!params->inherit_stdio)
	{
		if(dup2(f->out[1], 1) < 0 || dup2(f->in[0], 0) < 0)
		{
			err = -errno;
		}
		if(f->out[1] != 1)
		{
			exile__launch_close(&f->out[1]);
		}
		if(f->in[0] != 0)
		{
			exile__launch_close(&f->in[0]);
		}
		/* upstream's programs read their input through these */
		((struct exile_launch_params *)params)->child_read_pipe[0] = -1;
		((struct exile_launch_params *)params)->child_read_pipe[1] = 1;
		((struct exile_launch_params *)params)->child_write_pipe[0] = 0;
		((struct exile_launch_params *)params)->child_write_pipe[1] = -1;
		/* stdout is a pipe now: fully buffered, and its buffer allocated
		 * before the policy (glibc's first allocation calls fstat, which it
		 * makes as newfstatat(fd, "", AT_EMPTY_PATH): not a stdio call) */
		setvbuf(stdout, NULL, _IOFBF, 0);
	}
	if(params->new_session && setsid() < 0)
	{
		err = exile__fail(-errno, NULL, "exile_launch: setsid() in the child");
	}
	sigprocmask(SIG_SETMASK, mask, NULL);
	for(i = 0; err == 0 && i < params->nrlimits; i++)
	{
		struct rlimit rl;
		rl.rlim_cur = (rlim_t)params->rlimits[i].limit;
		rl.rlim_max = (rlim_t)params->rlimits[i].limit;
		if(setrlimit(params->rlimits[i].resource, &rl) != 0)
		{
			err = exile__fail(-errno, NULL, "exile_launch: setting resource limit %d to %llu in the child",
					params->rlimits[i].resource, (unsigned long long)params->rlimits[i].limit);
		}
	}
	if(err == 0 && copy != NULL)
	{
		err = sup ? exile__launch_enable_supervised(params, copy, f, supervisor, &h) : exile_enable_policy(copy);
	}
	if(err != 0)
	{
		memset(&msg, 0, sizeof(msg));
		msg.magic = EXILE__LAUNCH_MAGIC;
		msg.kind = EXILE__LAUNCH_SETUP;
		msg.err = err;
		memcpy(msg.text, exile__errbuf, sizeof(msg.text));
		msg.text[sizeof(msg.text) - 1] = '\0';
		exile__launch_write(f->status[1], &msg, sizeof(msg));
		_exit(EXILE__LAUNCH_SETUP_EXIT);
	}
	/* func is untrusted: it must not write to the caller's status pipe (a
	 * forged final record). Under the supervisor H has closed it; else it
	 * is closed where the policy allows close(). */
	if(!sup && exile__earlier_filters_allow(__NR_close, (uint64_t)f->status[1], 0, 0))
	{
		exile__launch_close(&f->status[1]);
	}
	ret = params->func(params->funcarg);
	fflush(stdout);
	_exit(ret & 0xFF);
}

/* ---- the init of a new PID namespace ----
 * A policy with EXILE_UNSHARE_PID: the program's first child would become
 * PID 1 of the namespace, and when it ended every later fork would fail. So
 * S clones an init I with CLONE_NEWPID (and CLONE_NEWUSER when S lacks
 * CAP_SYS_ADMIN; I then writes the id maps); I is PID 1 and forks C (PID 2),
 * which applies the policy without its PID bit (it is in the namespace
 * already). S stays outside: the listener's pids are S's own, and S reads
 * /proc/PID/mem. The sandboxed tree cannot take I over: I is not dumpable
 * before C exists (C is forked from it; the policy and execve decide C's
 * own dumpability), and before C runs any code of the caller's (C waits for
 * I's "ready"), I is in a Landlock domain of its own where the kernel has
 * Landlock (no file, no TCP, no abstract unix socket: a domain C is not an
 * ancestor of, so C can neither ptrace it nor open its /proc/PID/mem) and
 * under a filter of its own that allows only its loop's calls (waitid,
 * rt_sigtimedwait, kill, write, close, exit_group). The library makes no
 * call after the caller's filter: I never runs under it, and what I does
 * after its own filter is that loop. C's filter kills for signals, pidfds
 * and prlimit aimed at PID 1 (the supervisor's guards, with I in S's place);
 * signals the kernel lets through to an init from inside its namespace are
 * ignored by the loop (only a signal sent from outside, si_pid 0, is passed
 * on). The loop: reaps every child (the namespace's orphans come to I),
 * passes SIGTERM, SIGINT, SIGHUP and SIGQUIT sent from outside to C (to C's
 * process group under new_session), and when C ended writes C's wait
 * status to S and exits with it (128+N for a signal: an init cannot
 * re-raise it; S does). The kernel then kills whatever is left in the
 * namespace. */

/* I's filter: its loop's calls, everything else kills. */
EXILE__PRIVATE int exile__launch_init_filter(struct sock_fprog *out)
{
	long calls[] = { __NR_write, __NR_close, __NR_kill, __NR_rt_sigtimedwait, __NR_waitid, __NR_exit_group };
	struct exile__prog prog;
	size_t i, j, n = EXILE__N(calls);
	int err;
	for(i = 1; i < n; i++)
	{
		for(j = i; j > 0 && calls[j - 1] > calls[j]; j--)
		{
			long t = calls[j];
			calls[j] = calls[j - 1];
			calls[j - 1] = t;
		}
	}
	memset(&prog, 0, sizeof(prog));
	exile__prog_add(&prog, 0, NULL, 0, SECCOMP_RET_KILL_PROCESS);
	for(i = 0; i < n; i++)
	{
		exile__prog_add(&prog, (uint32_t)calls[i], NULL, 0, SECCOMP_RET_ALLOW);
		if(i + 1 == n || calls[i + 1] != calls[i] + 1)
		{
			exile__prog_add(&prog, (uint32_t)calls[i] + 1, NULL, 0, SECCOMP_RET_KILL_PROCESS);
		}
	}
	err = exile__prog_assemble(&prog, out);
	exile__prog_free(&prog);
	return err != 0 ? exile__fail(err, NULL, "exile_launch: building the PID namespace init's filter") : 0;
}

/* I's Landlock domain: every right this kernel knows handled, none granted,
 * abstract unix sockets scoped (not signals: I signals C). 0 without
 * Landlock (the filter and not-dumpable hold alone), or -errno. */
EXILE__PRIVATE int exile__launch_init_landlock(void)
{
	uint64_t attr[3] = { 0, 0, 0 };
	size_t i, size;
	int fd, r;
	if(exile__landlock_probe() != 0 || exile__state.ll_probe.abi < 1)
	{
		return 0;
	}
	for(i = 0; i < EXILE__N(exile__ll_abi_table) && exile__ll_abi_table[i].abi <= exile__state.ll_probe.abi; i++)
	{
		attr[0] |= exile__ll_abi_table[i].fs;
		attr[1] |= exile__ll_abi_table[i].net;
		attr[2] |= exile__ll_abi_table[i].scoped & EXILE_LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET;
	}
	size = attr[2] ? 3 * sizeof(uint64_t) : attr[1] ? 2 * sizeof(uint64_t) : sizeof(uint64_t);
	if((fd = (int)syscall(__NR_landlock_create_ruleset, attr, size, 0)) < 0)
	{
		return exile__fail(-errno, NULL, "exile_launch: the PID namespace init's Landlock ruleset");
	}
	r = (int)syscall(__NR_landlock_restrict_self, fd, 0);
	close(fd);
	return r != 0 ? exile__fail(-errno, NULL, "exile_launch: the PID namespace init's Landlock domain") : 0;
}

/* Closes every fd but the n (ascending) in keep. */
EXILE__PRIVATE void exile__launch_close_except(const int *keep, int n)
{
	unsigned int from = 0;
	int i;
	for(i = 0; i <= n; i++)
	{
		unsigned int to = i < n ? (unsigned int)keep[i] : ~0U;
		if(to > from && syscall(__NR_close_range, from, to - 1, 0) != 0)
		{
			unsigned int fd, end = i < n ? to : 65536;
			for(fd = from; fd < end; fd++)
			{
				close((int)fd);
			}
		}
		from = to + 1;
	}
}

/* I: never returns. st_w: the pipe to S for C's wait status. */
EXILE__PRIVATE void exile__launch_init(const struct exile_launch_params *params, struct exile_policy *copy,
		struct exile__launch_fds *f, const sigset_t *mask, int st_w, int user, uid_t uid, gid_t gid)
{
	struct exile__launch_msg msg;
	struct sock_fprog prog, nested;
	sigset_t set;
	int rdy[2] = { -1, -1 }, keep[3], err = 0, done = 0, ws = 0, nested_on = 0;
	pid_t c = -1;
	char ok = 'k';
	prog.filter = nested.filter = NULL;
	prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
	{
		/* S's pid is not visible here (getppid() is 0): S is gone when the
		 * pipe's read end is */
		struct pollfd pf;
		pf.fd = st_w;
		pf.events = POLLOUT;
		pf.revents = 0;
		if(poll(&pf, 1, 0) < 0 || (pf.revents & (POLLERR | POLLHUP | POLLNVAL)))
		{
			_exit(EXILE__LAUNCH_SETUP_EXIT);
		}
	}
	copy->namespace_options &= ~EXILE_UNSHARE_PID;
	if(user)
	{
		struct exile__ns_plan np;
		memset(&np, 0, sizeof(np));
		/* C builds the other namespaces in a user namespace of its own, as
		 * before; with none, this one is C's and shows namespace_uid */
		np.uid_in = copy->namespace_options != 0 ? uid : copy->namespace_uid;
		np.gid_in = copy->namespace_options != 0 ? gid : copy->namespace_gid;
		np.uid_out = uid;
		np.gid_out = gid;
		err = exile__ns_maps(&np);
		if(copy->namespace_options != 0)
		{
			copy->namespace_options |= EXILE_UNSHARE_USER;
		}
	}
	/* after the maps (a process that is not dumpable cannot write its own), before C exists */
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
	/* no other namespace: C's policy installs no filter refusing more, so I does (C inherits it) */
	nested_on = copy->namespace_options == 0 && !copy->allow_nested_namespaces;
	if(err == 0 && nested_on && (err = exile__ns_nested_build(&nested)) == 0 && exile__seccomp(SECCOMP_SET_MODE_FILTER, 0, &nested) != 0)
	{
		err = exile__fail(-errno, NULL, "exile_launch: installing the filter that refuses further namespaces");
	}
	if(err == 0 && nested_on && exile__remember_filter(&nested) != 0)
	{
		err = exile__fail(-ENOMEM, NULL, "exile_launch: recording the filter that refuses further namespaces");
	}
	if(err == 0)
	{
		err = exile__launch_init_filter(&prog);
	}
	if(err == 0 && pipe2(rdy, O_CLOEXEC) != 0)
	{
		err = exile__fail(-errno, NULL, "exile_launch: the PID namespace init's pipe");
	}
	if(err == 0 && (c = fork()) == 0)
	{
		/* C, PID 2: dumpable as a child of S would be (the policy decides;
		 * it opens its own /proc/self/mem for S), waits until I is locked down */
		prctl(PR_SET_DUMPABLE, 1, 0, 0, 0);
		close(rdy[1]);
		close(st_w);
		if(read(rdy[0], &ok, 1) != 1 || ok != 'k')
		{
			_exit(EXILE__LAUNCH_SETUP_EXIT);
		}
		close(rdy[0]);
		exile__launch_child(params, copy, f, 1, mask);
	}
	if(err == 0 && c < 0)
	{
		err = exile__fail(-errno, NULL, "exile_launch: the PID namespace init could not fork the child");
	}
	if(err == 0)
	{
		int i, j;
		keep[0] = st_w;
		keep[1] = rdy[1];
		keep[2] = f->status[1];
		for(i = 1; i < 3; i++)
		{
			for(j = i; j > 0 && keep[j - 1] > keep[j]; j--)
			{
				int t = keep[j];
				keep[j] = keep[j - 1];
				keep[j - 1] = t;
			}
		}
		exile__launch_close_except(keep, 3);
		err = exile__launch_init_landlock();
	}
	if(err == 0 && exile__seccomp(SECCOMP_SET_MODE_FILTER, 0, &prog) != 0)
	{
		err = exile__fail(-errno, NULL, "exile_launch: installing the PID namespace init's filter");
	}
	if(err != 0)
	{
		if(c > 0)
		{
			kill(c, SIGKILL);
		}
		memset(&msg, 0, sizeof(msg));
		msg.magic = EXILE__LAUNCH_MAGIC;
		msg.kind = EXILE__LAUNCH_SETUP;
		msg.err = err;
		memcpy(msg.text, exile__errbuf, sizeof(msg.text));
		msg.text[sizeof(msg.text) - 1] = '\0';
		exile__launch_write(f->status[1], &msg, sizeof(msg));
		_exit(EXILE__LAUNCH_SETUP_EXIT);
	}
	/* under I's own filter from here on: its loop's calls only */
	close(f->status[1]);
	if(write(rdy[1], &ok, 1) != 1)
	{
		syscall(__NR_exit_group, EXILE__LAUNCH_SETUP_EXIT);
	}
	close(rdy[1]);
	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGQUIT);
	while(!done)
	{
		siginfo_t si;
		long sig;
		memset(&si, 0, sizeof(si));
		sig = syscall(__NR_rt_sigtimedwait, &set, &si, NULL, 8 /* the kernel's sigset_t */);
		if(sig == SIGCHLD)
		{
			for(;;)
			{
				siginfo_t ci;
				memset(&ci, 0, sizeof(ci));
				if(syscall(__NR_waitid, P_ALL, 0, &ci, WEXITED | WNOHANG | __WALL, NULL) != 0 || ci.si_pid == 0)
				{
					break;
				}
				if(ci.si_pid == c)
				{
					ws = ci.si_code == CLD_EXITED ? (ci.si_status & 0xff) << 8
						: (ci.si_status & 0x7f) | (ci.si_code == CLD_DUMPED ? 0x80 : 0);
					done = 1;
				}
			}
		}
		else if(sig > 0 && si.si_pid == 0 && si.si_code <= 0)
		{
			/* sent by a process outside the namespace (S, the user): C's */
			syscall(__NR_kill, params->new_session ? -c : c, (int)sig);
		}
	}
	if(syscall(__NR_write, st_w, &ws, sizeof(ws)) < 0)
	{
	}
	syscall(__NR_exit_group, WIFEXITED(ws) ? WEXITSTATUS(ws) : 128 + WTERMSIG(ws));
	_exit(EXILE__LAUNCH_SETUP_EXIT); /* not reached */
}

/* S: starts I; returns its pid (or -1 with errno), and in *st_r the pipe
 * on which I sends C's wait status. */
EXILE__PRIVATE pid_t exile__launch_fork_init(const struct exile_launch_params *params, struct exile_policy *copy,
		struct exile__launch_fds *f, const sigset_t *mask, int *st_r)
{
	int st[2], user = !exile__has_cap(CAP_SYS_ADMIN), e;
	uid_t uid = geteuid();
	gid_t gid = getegid();
	long pid;
	if(pipe2(st, O_CLOEXEC | O_NONBLOCK) != 0)
	{
		return -1;
	}
	/* like fork(): no new stack, the child returns here on a copy of this one */
	pid = syscall(__NR_clone, (unsigned long)(CLONE_NEWPID | (user ? CLONE_NEWUSER : 0) | SIGCHLD), NULL, NULL, NULL, NULL);
	if(pid == 0)
	{
		close(st[0]);
		exile__launch_init(params, copy, f, mask, st[1], user, uid, gid);
	}
	e = errno;
	close(st[1]);
	if(pid < 0)
	{
		close(st[0]);
		errno = e;
		return -1;
	}
	*st_r = st[0];
	return (pid_t)pid;
}

/* ---- S ---- */

struct exile__sup
{
	const struct exile_launch_params *params;
	uint64_t held;        /* the policy's vows */
	pid_t child;
	int listener, memfd, status_fd, report_fd;
	int have_hello, started;
	int noread; /* the target is gone: its pid may be another process's now */
	pid_t child_ns, prog; /* under a PID namespace's init: C's pid there (from H), and here once found */
	pid_t helper;
	struct sock_fprog verdict, startup;
	struct sock_fprog rules; /* the policy with every vow granted: what its explicit rules deny (built at the first need) */
	int rules_tried;
	const struct exile_policy *policy;
	struct exile__notif_bufs nb;
};

/* Receives H's hello, the listener and the programs. 0, or -errno. */
EXILE__PRIVATE int exile__sup_hello(struct exile__sup *ss, int sock, struct exile__launch_msg *final)
{
	struct exile__hello hello;
	int fds[2];
	ssize_t r = exile__fd_recv(sock, &hello, sizeof(hello), fds, 2);
	size_t k;
	ss->have_hello = 1;
	if(r != (ssize_t)sizeof(hello) || hello.magic != EXILE__LAUNCH_MAGIC || hello.nfds < 0 || hello.nfds > 2
		|| hello.verdict_len > 65536 || hello.startup_len > 65536)
	{
		exile__launch_close(&fds[0]);
		exile__launch_close(&fds[1]);
		return r < 0 ? (int)r : -EIO;
	}
	k = 0;
	ss->helper = hello.helper;
	ss->child_ns = hello.child;
	if(hello.code == 0)
	{
		ss->listener = fds[k++];
		final->flags |= EXILE__LAUNCH_F_SUPERVISED;
	}
	else
	{
		snprintf(final->text, sizeof(final->text), "no supervisor: the child runs under plain kills (%s)",
				hello.code == -EBUSY ? "a filter of the caller already has a listener: one per filter chain"
				: hello.code == -EINVAL ? "this kernel has no seccomp user notification" : strerror(-hello.code));
	}
	if((int)k < hello.nfds)
	{
		ss->memfd = fds[k];
	}
	if(hello.verdict_len)
	{
		ss->verdict.len = (unsigned short)hello.verdict_len;
		ss->verdict.filter = (struct sock_filter *)malloc(hello.verdict_len * sizeof(struct sock_filter));
		if(ss->verdict.filter == NULL || recv(sock, ss->verdict.filter, hello.verdict_len * sizeof(struct sock_filter), MSG_WAITALL)
				!= (ssize_t)(hello.verdict_len * sizeof(struct sock_filter)))
		{
			return -EIO;
		}
	}
	if(hello.startup_len)
	{
		ss->startup.len = (unsigned short)hello.startup_len;
		ss->startup.filter = (struct sock_filter *)malloc(hello.startup_len * sizeof(struct sock_filter));
		if(ss->startup.filter == NULL || recv(sock, ss->startup.filter, hello.startup_len * sizeof(struct sock_filter), MSG_WAITALL)
				!= (ssize_t)(hello.startup_len * sizeof(struct sock_filter)))
		{
			return -EIO;
		}
	}
	return ss->listener >= 0 && exile__notif_bufs_alloc(&ss->nb) != 0 ? -ENOMEM : 0;
}

EXILE__PRIVATE uint32_t exile__sup_simulate(const struct sock_fprog *prog, const struct seccomp_data *d)
{
	uint32_t action = SECCOMP_RET_KILL_PROCESS;
	if(exile_bpf_simulate(prog, d, &action) < 0)
	{
		return SECCOMP_RET_KILL_PROCESS;
	}
	return action;
}

/* 1 when the policy denies the call even with every vow granted: one of
 * its explicit rules (--deny-syscall, a gap rule) does, so naming a vow
 * would mislead. The filter is built the first time a line needs it. */
EXILE__PRIVATE int exile__sup_rule_denies(struct exile__sup *ss, const struct seccomp_data *d)
{
	uint32_t a;
	if(!ss->rules_tried)
	{
		ss->rules_tried = 1;
		if(ss->policy == NULL || exile__launch_plain_filter(ss->policy, EXILE__VOWS_ALL, &ss->rules) != 0)
		{
			ss->rules.filter = NULL;
		}
	}
	if(ss->rules.filter == NULL)
	{
		return 0;
	}
	a = exile__sup_simulate(&ss->rules, d) & SECCOMP_RET_ACTION_FULL;
	return a != SECCOMP_RET_ALLOW && a != SECCOMP_RET_LOG;
}

/* 1 when pid (S's namespace) is C, whose memory S reads through C's mem
 * fd. Under a PID namespace's init, ss->child is the init: C is the process
 * whose /proc status says it is child_ns there (the last NSpid field; the
 * kernel's word, which the sandboxed tree cannot change). */
EXILE__PRIVATE int exile__sup_is_child(struct exile__sup *ss, pid_t pid)
{
	char path[64], buf[2048], *l, *end;
	long last = -1;
	int fd, levels = 0;
	ssize_t r;
	if(pid == ss->child || (ss->prog > 0 && pid == ss->prog))
	{
		return 1;
	}
	if(ss->prog > 0 || ss->child_ns <= 0 || ss->child_ns == ss->child || ss->policy == NULL
		|| !(ss->policy->namespace_options & EXILE_UNSHARE_PID))
	{
		return 0;
	}
	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	if((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
	{
		return 0;
	}
	r = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if(r <= 0)
	{
		return 0;
	}
	buf[r] = '\0';
	if((l = strstr(buf, "\nNSpid:")) == NULL)
	{
		return 0;
	}
	for(l += 7; *l != '\n' && *l != '\0'; l = end)
	{
		long v = strtol(l, &end, 10);
		if(end == l)
		{
			break;
		}
		last = v;
		levels++;
	}
	if(levels >= 2 && last == ss->child_ns)
	{
		ss->prog = pid;
		return 1;
	}
	return 0;
}

/* The report line of one denied call (no newline). */
EXILE__PRIVATE void exile__sup_line(struct exile__sup *ss, const struct exile__notif *n, uint64_t vows, int error, char *out, size_t size)
{
	struct exile__sb b;
	struct exile__diag_line l;
	char comm[64] = "?", path[64];
	int fd, foreign = n->data.arch != EXILE__AUDIT_ARCH || (n->data.nr & EXILE__NR_LIMIT);
	ssize_t r;
	memset(&b, 0, sizeof(b));
	snprintf(path, sizeof(path), "/proc/%u/comm", n->pid);
	if((fd = open(path, O_RDONLY | O_CLOEXEC)) >= 0)
	{
		if((r = read(fd, comm, sizeof(comm) - 1)) > 0)
		{
			comm[r - (comm[r - 1] == '\n')] = '\0';
		}
		close(fd);
	}
	exile__sb_printf(&b, "exile: pid %u (", n->pid);
	for(fd = 0; comm[fd] != '\0'; fd++)
	{
		unsigned char c = (unsigned char)comm[fd];
		if(c < 0x20 || c >= 0x7f || c == '\\')
		{
			exile__sb_printf(&b, "\\x%02x", c);
		}
		else
		{
			exile__sb_printf(&b, "%c", c);
		}
	}
	exile__sb_printf(&b, "): denied ");
	exile__notif_put_call(&b, ss->noread ? 0 : (pid_t)n->pid, !ss->noread && exile__sup_is_child(ss, (pid_t)n->pid) ? ss->memfd : -1, &n->data);
	l.n = 0;
	l.b[0] = '\0';
	if(!foreign && vows != EXILE_VOWS_NONE && (vows & ~ss->held) != 0 && exile__sup_rule_denies(ss, &n->data))
	{
		/* a vow would not help: a rule of the policy's own denies it */
		exile__diag_puts(&l, "an explicit rule of the policy denies it, whatever the vows");
	}
	else
	{
		exile__diag_put_hint(&l, vows, ss->held, foreign);
	}
	if(error != 0)
	{
		const char *en = exile__errno_name(error);
		if(en != NULL)
		{
			exile__sb_printf(&b, " \xe2\x80\x94 %s; failed with %s", l.b, en);
		}
		else
		{
			exile__sb_printf(&b, " \xe2\x80\x94 %s; failed with errno %d", l.b, error);
		}
	}
	else
	{
		exile__sb_printf(&b, " \xe2\x80\x94 %s; killed", l.b);
	}
	snprintf(out, size, "%s", b.err == 0 && b.s != NULL ? b.s : "exile: denied a call (out of memory for its line)");
	free(b.s);
}

/* One notification. Returns 1 when the tree must be killed for it. */
EXILE__PRIVATE int exile__sup_notification(struct exile__sup *ss, struct exile__launch_msg *final)
{
	struct exile__notif *n = ss->nb.n;
	struct exile__launch_msg rep;
	const struct seccomp_data *d = &n->data;
	uint64_t vows, args[6];
	uint32_t orig;
	int error = 0, foreign;
	memset(n, 0, ss->nb.nsz);
	if(exile__ioctl(ss->listener, EXILE__NOTIF_RECV, n) != 0)
	{
		return 0; /* EINTR, or the target died meanwhile (ENOENT) */
	}
	foreign = d->arch != EXILE__AUDIT_ARCH || (d->nr & EXILE__NR_LIMIT);
	if(!foreign && d->nr == EXILE__STARTED_NR && d->args[0] == EXILE__STARTED_MAGIC && ss->startup.filter != NULL)
	{
		ss->started = 1;
		exile__notif_respond(ss->listener, &ss->nb, n->id, 0, 0, 0);
		return 0;
	}
	if(!ss->started && ss->startup.filter != NULL)
	{
		uint32_t a = exile__sup_simulate(&ss->startup, d) & SECCOMP_RET_ACTION_FULL;
		if(a == SECCOMP_RET_ALLOW || a == SECCOMP_RET_LOG)
		{
			exile__notif_respond(ss->listener, &ss->nb, n->id, 0, 0, EXILE__NOTIF_CONTINUE);
			return 0;
		}
	}
	orig = ss->verdict.filter != NULL ? exile__sup_simulate(&ss->verdict, d) : SECCOMP_RET_KILL_PROCESS;
	if((orig & SECCOMP_RET_ACTION_FULL) == SECCOMP_RET_ERRNO && (orig & SECCOMP_RET_DATA) != 0)
	{
		/* the policy fails this call with its own errno: outside log mode
		 * (notified only for startup_vows) silently, as the filter would */
		error = (int)(orig & SECCOMP_RET_DATA);
		if(ss->params->log_errno == 0)
		{
			exile__notif_respond(ss->listener, &ss->nb, n->id, 0, -error, 0);
			return 0;
		}
	}
	else if(ss->params->log_errno != 0)
	{
		error = ss->params->log_errno;
	}
	memcpy(args, d->args, sizeof(args));
	vows = foreign ? EXILE_VOWS_NONE : exile__diag_lookup(d->nr, args, (uint32_t)ss->child);
	memset(&rep, 0, sizeof(rep));
	rep.magic = EXILE__LAUNCH_MAGIC;
	rep.kind = EXILE__LAUNCH_REPORT;
	rep.v.nr = d->nr;
	rep.v.arch = d->arch;
	memcpy(rep.v.args, d->args, sizeof(rep.v.args));
	rep.pid = (int32_t)n->pid;
	rep.error = error;
	rep.vows = vows;
	exile__sup_line(ss, n, vows, error, rep.line, sizeof(rep.line));
	if(exile__ioctl(ss->listener, EXILE__NOTIF_ID_VALID, (void *)&n->id) != 0)
	{
		/* the call is no longer pending: what was read may be another
		 * process's memory (a reused pid), so the line goes without it */
		ss->noread = 1;
		exile__sup_line(ss, n, vows, error, rep.line, sizeof(rep.line));
		ss->noread = 0;
	}
	if(final->denials++ == 0)
	{
		final->flags |= EXILE__LAUNCH_F_VIOLATION;
		final->v = rep.v;
		final->pid = rep.pid;
		final->error = rep.error;
		final->vows = rep.vows;
		memcpy(final->line, rep.line, sizeof(final->line));
	}
	if(ss->report_fd >= 0)
	{
		size_t len = strlen(rep.line);
		rep.line[len] = '\n';
		exile__launch_write(ss->report_fd, rep.line, len + 1);
		rep.line[len] = '\0';
	}
	if(ss->params->on_report != NULL)
	{
		/* non-blocking: the caller reads these while it waits */
		if(write(ss->status_fd, &rep, sizeof(rep)) < 0)
		{
		}
	}
	if(error != 0)
	{
		exile__notif_respond(ss->listener, &ss->nb, n->id, 0, -error, 0);
		return 0;
	}
	return 1; /* unanswered: the caller dies by SIGKILL before its call runs */
}

/* The supervisor S: never returns. */
EXILE__PRIVATE void exile__launch_supervise(const struct exile_launch_params *params, struct exile_policy *copy,
		struct exile__launch_fds *f, pid_t parent, int reaped_first)
{
	struct exile__launch_msg msg;
	struct exile__sup ss;
	sigset_t all, orig, waitset;
	struct sigaction dfl;
	pid_t child, self;
	long deadline = 0;
	int cstatus = 0, done = 0, killing = 0, sfd, st_r = -1;
	int pidinit = copy != NULL && (copy->namespace_options & EXILE_UNSHARE_PID) != 0;
	memset(&msg, 0, sizeof(msg));
	msg.magic = EXILE__LAUNCH_MAGIC;
	msg.kind = EXILE__LAUNCH_FINAL;
	msg.v.nr = -1;
	memset(&ss, 0, sizeof(ss));
	ss.params = params;
	ss.policy = copy;
	ss.listener = ss.memfd = -1;
	ss.helper = -1;
	ss.held = copy != NULL ? copy->vow_promises : 0;
	ss.have_hello = copy == NULL || !(copy->exile_flags & EXILE__FLAG_NOTIFY);
	ss.report_fd = params->report_fd == 0 ? 2 : params->report_fd;
	sigfillset(&all);
	sigprocmask(SIG_SETMASK, &all, &orig);
	sigdelset(&orig, SIGSYS); /* report mode traps it in the child */
	memset(&dfl, 0, sizeof(dfl));
	dfl.sa_handler = SIG_DFL;
	sigaction(SIGCHLD, &dfl, NULL); /* SIG_IGN would reap C behind S's back */
	prctl(PR_SET_PDEATHSIG, EXILE__LAUNCH_STOP, 0, 0, 0);
	if(getppid() != parent)
	{
		_exit(EXILE__LAUNCH_SETUP_EXIT);
	}
	prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
	exile__launch_close(&f->out[0]);
	exile__launch_close(&f->in[1]);
	if(!reaped_first)
	{
		exile__launch_close(&f->status[0]);
	}
	self = getpid();
	if(params->timeout_ms != 0)
	{
		deadline = exile__launch_now_ms() + (long)params->timeout_ms;
	}
	sigemptyset(&waitset);
	sigaddset(&waitset, SIGCHLD);
	sigaddset(&waitset, EXILE__LAUNCH_STOP);
	sigaddset(&waitset, SIGINT);
	sigaddset(&waitset, SIGQUIT);
	sigaddset(&waitset, SIGHUP);
	f->sig = sfd = signalfd(-1, &waitset, SFD_CLOEXEC | SFD_NONBLOCK);
	child = sfd < 0 ? -1 : pidinit ? exile__launch_fork_init(params, copy, f, &orig, &st_r) : fork();
	if(child == 0)
	{
		exile__launch_child(params, copy, f, self, &orig);
	}
	/* the sandboxed tree can neither ptrace S nor write its memory */
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
	exile__launch_close(&f->out[1]);
	exile__launch_close(&f->in[0]);
	exile__launch_close(&f->sock[1]);
	ss.child = child;
	ss.status_fd = f->status[1];
	fcntl(ss.status_fd, F_SETFL, O_NONBLOCK);
	if(child < 0)
	{
		msg.flags |= EXILE__LAUNCH_F_NOCHILD;
		msg.err = -errno;
		done = 1;
		if(pidinit)
		{
			snprintf(msg.text, sizeof(msg.text), "a new PID namespace (clone CLONE_NEWPID%s): %s", exile__has_cap(CAP_SYS_ADMIN) ? ""
					: "|CLONE_NEWUSER: user namespaces may be disabled", strerror(-msg.err));
		}
	}
	while(!done)
	{
		struct pollfd pf[3];
		int timeout = -1, r;
		if(deadline != 0 && !killing)
		{
			long left = deadline - exile__launch_now_ms();
			if(left <= 0)
			{
				kill(child, SIGKILL);
				killing = 1;
				msg.flags |= EXILE__LAUNCH_F_TIMEOUT;
				continue;
			}
			timeout = left > 1000000 ? 1000000 : (int)left;
		}
		pf[0].fd = sfd;
		pf[1].fd = ss.have_hello ? -1 : f->sock[0];
		pf[2].fd = ss.listener >= 0 && !killing ? ss.listener : -1;
		pf[0].events = pf[1].events = pf[2].events = POLLIN;
		pf[0].revents = pf[1].revents = pf[2].revents = 0;
		r = poll(pf, 3, timeout);
		if(r < 0 && errno != EINTR)
		{
			break;
		}
		if(r <= 0)
		{
			continue;
		}
		if(pf[2].revents & POLLIN)
		{
			if(exile__sup_notification(&ss, &msg) && !killing)
			{
				kill(child, SIGKILL);
				killing = 1;
				msg.flags |= EXILE__LAUNCH_F_SUPKILLED;
			}
		}
		else if(pf[2].revents & (POLLHUP | POLLERR | POLLNVAL))
		{
			exile__launch_close(&ss.listener); /* no process is left under the filter */
		}
		if(pf[1].revents & (POLLIN | POLLHUP | POLLERR))
		{
			if(exile__sup_hello(&ss, f->sock[0], &msg) != 0 && !killing)
			{
				/* C may run under a filter whose listener nobody holds: never let it go on */
				kill(child, SIGKILL);
				killing = 1;
				msg.err = -EIO;
				snprintf(msg.text, sizeof(msg.text), "exile_launch: the supervisor did not get the child's listener");
			}
		}
		if(pf[0].revents & POLLIN)
		{
			struct signalfd_siginfo si;
			while(read(sfd, &si, sizeof(si)) == (ssize_t)sizeof(si))
			{
				int sig = (int)si.ssi_signo;
				pid_t w;
				if(sig == EXILE__LAUNCH_STOP && !killing)
				{
					kill(child, SIGKILL);
					killing = 1;
					msg.flags |= EXILE__LAUNCH_F_STOPPED;
				}
				else if((sig == SIGINT || sig == SIGQUIT || sig == SIGHUP) && params->new_session && !killing)
				{
					kill(pidinit ? child : -child, sig); /* the terminal's signals, to the child's own session (the init passes them on) */
				}
				while(sig == SIGCHLD && !done && (w = waitpid(-1, &cstatus, WNOHANG | __WALL)) > 0)
				{
					if(w == child)
					{
						int32_t ws;
						done = 1;
						if(st_r >= 0 && read(st_r, &ws, sizeof(ws)) == (ssize_t)sizeof(ws))
						{
							cstatus = ws; /* the init's report of how C ended */
						}
					}
				}
			}
		}
	}
	if(child > 0)
	{
		msg.wstatus = cstatus;
		msg.killed = exile__launch_reap_all(ss.helper);
		if(msg.flags & EXILE__LAUNCH_F_SUPKILLED)
		{
			msg.wstatus = SIGSYS; /* the kill the policy asked for (S used SIGKILL) */
		}
	}
	/* The last records: the caller takes the last final record, so S's
	 * must come last and whole. A caller that reaps S before it reads them
	 * (reaped_first: exile_launch_get without on_report) reads nothing
	 * meanwhile: S empties the pipe through its own read end (everyone else
	 * who could write is gone by now) and writes without blocking. */
	if(!reaped_first)
	{
		fcntl(ss.status_fd, F_SETFL, 0);
	}
	else if(f->status[0] >= 0)
	{
		exile__launch_empty(f->status[0], ss.status_fd);
	}
	exile__launch_close(&f->status[0]);
	if(msg.err == -EIO)
	{
		struct exile__launch_msg setup = msg;
		setup.kind = EXILE__LAUNCH_SETUP;
		exile__launch_write(ss.status_fd, &setup, sizeof(setup));
		msg.wstatus = EXILE__LAUNCH_SETUP_EXIT << 8;
	}
	exile__launch_write(ss.status_fd, &msg, sizeof(msg));
	/* status_fd is closed by S's exit: the caller's EOF then comes with
	 * S's end, and its waitpid finds S gone instead of sleeping once more */
	/* end the way C ended, so that a caller's own waitpid sees the same */
	if(child > 0 && WIFSIGNALED(msg.wstatus))
	{
		struct rlimit nocore;
		sigset_t one;
		nocore.rlim_cur = 0;
		nocore.rlim_max = 0;
		setrlimit(RLIMIT_CORE, &nocore);
		sigaction(WTERMSIG(msg.wstatus), &dfl, NULL);
		sigemptyset(&one);
		sigaddset(&one, WTERMSIG(msg.wstatus));
		kill(self, WTERMSIG(msg.wstatus));
		sigprocmask(SIG_UNBLOCK, &one, NULL);
		_exit(128 + WTERMSIG(msg.wstatus));
	}
	_exit(child > 0 && WIFEXITED(msg.wstatus) ? WEXITSTATUS(msg.wstatus) : EXILE__LAUNCH_SETUP_EXIT);
}

/* ---- P ---- */

EXILE__PRIVATE int exile__launch_start(struct exile_launch_params *params, struct exile_launch_result *result, int reaped_first)
{
	struct exile__launch_fds f;
	struct exile_policy copy, *cp = NULL;
	int *keep = NULL, err = 0, sup = 0;
	pid_t pid, self = getpid();
	if(params == NULL || result == NULL || params->func == NULL || (params->nrlimits != 0 && params->rlimits == NULL))
	{
		return exile__fail(-EINVAL, NULL, "exile_launch: %s", params == NULL || result == NULL ? "NULL parameters or result"
				: params->func == NULL ? "NULL function" : "nrlimits without rlimits");
	}
	result->tid = -1;
	result->pid = -1;
	result->read_fd = result->write_fd = result->status_fd = -1;
	if(params->log_errno < 0 || params->log_errno > 4095)
	{
		return exile__fail(-EINVAL, NULL, "exile_launch: log_errno %d is not an errno (1..4095, or 0 for kill mode)", params->log_errno);
	}
	if(params->policy != NULL && !params->unsupervised)
	{
		/* a supervisor where the policy has a filter to hand denials to it */
		struct exile_policy view;
		struct exile_syscall_policy *mem = NULL;
		if(exile__validate_rules(params->policy) == 0 && exile__filter_view(params->policy, &view, &mem) == 0)
		{
			sup = exile__has_filter(&view);
		}
		free(mem);
	}
	if(!sup && (params->log_errno != 0 || params->startup_vows != 0))
	{
		return exile__fail(-EINVAL, "give the policy vows or syscall rules, and leave unsupervised at 0",
				"exile_launch: log_errno and startup_vows need the supervisor, which needs a policy with a syscall filter");
	}
	if(access("/proc/thread-self/children", R_OK) != 0)
	{
		return exile__fail(-EOPNOTSUPP, "mount /proc; the kernel needs CONFIG_PROC_CHILDREN",
				"exile_launch: /proc/thread-self/children is not readable, so the child's descendants could not be found and killed");
	}
	memset(&f, -1, sizeof(f));
	if(pipe2(f.status, O_CLOEXEC) != 0 || (sup && socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, f.sock) != 0)
		|| (!params->inherit_stdio && (pipe2(f.out, O_CLOEXEC) != 0 || pipe2(f.in, O_CLOEXEC) != 0)))
	{
		err = exile__fail(-errno, NULL, "exile_launch: creating pipes");
		exile__launch_close_all(&f);
		return err;
	}
	if(params->policy != NULL)
	{
		/* a shallow copy that keeps exile's own fds (room for C's mem fd) */
		size_t n = params->policy->keep_fds_count;
		keep = (int *)malloc((n + 3) * sizeof(int));
		if(keep == NULL)
		{
			exile__launch_close_all(&f);
			return exile__fail(-ENOMEM, NULL, "exile_launch");
		}
		if(n != 0)
		{
			memcpy(keep, params->policy->keep_fds, n * sizeof(int));
		}
		keep[n++] = f.status[1];
		if(sup)
		{
			keep[n++] = f.sock[1];
		}
		copy = *params->policy;
		copy.keep_fds = keep;
		copy.keep_fds_count = n;
		if(sup)
		{
			/* the supervisor reports; in-process report mode stays off */
			copy.report_violations = 0;
			copy.exile_flags |= EXILE__FLAG_NOTIFY | EXILE__FLAG_NO_REPORT;
			if(params->log_errno != 0 || params->startup_vows != 0)
			{
				/* log mode reports errno denials; startup_vows may have to let one through */
				copy.exile_flags |= EXILE__FLAG_NOTIFY_ERRNO;
			}
			/* the child cannot signal out of its sandbox, the supervisor included */
			copy.landlock_scopes = copy.landlock_scopes == 0 ? (EXILE_LANDLOCK_SCOPE_SIGNAL | EXILE_LANDLOCK_SCOPE_IF_AVAILABLE)
				: (copy.landlock_scopes | EXILE_LANDLOCK_SCOPE_SIGNAL);
		}
		else if(!params->no_report && params->unsupervised)
		{
			copy.report_violations = params->policy->report_violations;
		}
		cp = &copy;
	}
	/* hold stdout's lock across the fork (and flush it, so that the child
	 * does not write the parent's buffered output into its pipe) */
	flockfile(stdout);
	fflush(stdout);
	pid = fork();
	if(pid == 0)
	{
		funlockfile(stdout);
		exile__launch_supervise(params, cp, &f, self, reaped_first);
	}
	err = pid < 0 ? -errno : 0;
	funlockfile(stdout);
	free(keep);
	exile__launch_close(&f.out[1]);
	exile__launch_close(&f.in[0]);
	exile__launch_close(&f.status[1]);
	exile__launch_close(&f.sock[0]);
	exile__launch_close(&f.sock[1]);
	if(err != 0)
	{
		exile__launch_close_all(&f);
		return exile__fail(err, NULL, "exile_launch: fork");
	}
	result->tid = pid;
	result->pid = pid;
	result->read_fd = f.out[0];
	result->write_fd = f.in[1];
	result->status_fd = f.status[0];
	params->child_read_pipe[0] = f.out[0];
	params->child_read_pipe[1] = -1;
	params->child_write_pipe[0] = -1;
	params->child_write_pipe[1] = f.in[1];
	return 0;
}

EXILE_API int exile_launch(struct exile_launch_params *params, struct exile_launch_result *result)
{
	return exile__launch_start(params, result, 0);
}

/* What P collected from the status pipe so far. */
struct exile__launch_rd
{
	struct exile__launch_msg msg, setup, final;
	size_t got;
	int have_setup, have_final;
};

/* Feeds bytes of the status pipe in; calls on_report for each REPORT record. */
EXILE__PRIVATE void exile__launch_feed(struct exile__launch_rd *rd, const char *buf, size_t len, const struct exile_launch_params *params)
{
	while(len > 0)
	{
		size_t take = sizeof(rd->msg) - rd->got;
		if(take > len)
		{
			take = len;
		}
		memcpy((char *)&rd->msg + rd->got, buf, take);
		rd->got += take;
		buf += take;
		len -= take;
		if(rd->got < sizeof(rd->msg))
		{
			continue;
		}
		rd->got = 0;
		if(rd->msg.magic != EXILE__LAUNCH_MAGIC)
		{
			continue;
		}
		if(rd->msg.kind == EXILE__LAUNCH_SETUP && !rd->have_setup)
		{
			rd->setup = rd->msg;
			rd->have_setup = 1;
		}
		else if(rd->msg.kind == EXILE__LAUNCH_FINAL)
		{
			rd->final = rd->msg;
			rd->have_final = 1;
		}
		else if(rd->msg.kind == EXILE__LAUNCH_REPORT && params != NULL && params->on_report != NULL)
		{
			struct exile_report r;
			rd->msg.line[sizeof(rd->msg.line) - 1] = '\0';
			memset(&r, 0, sizeof(r));
			r.pid = rd->msg.pid;
			r.nr = rd->msg.v.nr;
			r.name = exile_syscall_name(rd->msg.v.nr);
			memcpy(r.args, rd->msg.v.args, sizeof(r.args));
			r.vows = rd->msg.vows;
			r.killed = rd->msg.error == 0;
			r.error = rd->msg.error;
			r.line = rd->msg.line;
			params->on_report(&r, params->on_report_arg);
		}
	}
}

/* Reads the status pipe to its end. */
EXILE__PRIVATE void exile__launch_drain(struct exile__launch_rd *rd, int fd, const struct exile_launch_params *params)
{
	char buf[4096];
	for(;;)
	{
		ssize_t r = read(fd, buf, sizeof(buf));
		if(r < 0 && errno == EINTR)
		{
			continue;
		}
		if(r <= 0)
		{
			break;
		}
		exile__launch_feed(rd, buf, (size_t)r, params);
	}
}

EXILE__PRIVATE int exile__launch_finish(struct exile_launch_result *result, struct exile_launch_status *st, struct exile__launch_rd *rd,
		const struct exile_launch_params *params, int reaped_first)
{
	struct exile_launch_status local;
	struct exile__launch_msg *final = &rd->final, *setup = &rd->setup;
	int wstatus = 0, waited;
	pid_t pid;
	if(st == NULL)
	{
		st = &local;
	}
	memset(st, 0, sizeof(*st));
	st->syscall_nr = -1;
	pid = result != NULL ? (result->pid > 0 ? result->pid : result->tid) : -1;
	if(result == NULL || pid <= 0 || result->status_fd < 0)
	{
		return exile__fail(-EINVAL, NULL, "exile_launch_wait: not a launched child (or already waited for)");
	}
	/* records until EOF: the last FINAL one is the supervisor's (it writes
	 * after everything else has ended). reaped_first: S is reaped first and
	 * the records read afterwards, all at once (one wait instead of one for
	 * the final record, one for EOF and one for S's exit); S wrote them
	 * without blocking. */
	if(!reaped_first)
	{
		exile__launch_drain(rd, result->status_fd, params);
	}
	while((waited = (int)waitpid(pid, &wstatus, 0)) < 0 && errno == EINTR)
	{
	}
	if(reaped_first)
	{
		exile__launch_drain(rd, result->status_fd, params);
	}
	exile__launch_close(&result->status_fd);
	result->tid = -1;
	result->pid = -1;
	if(!rd->have_final)
	{
		if(waited > 0 && WIFSIGNALED(wstatus))
		{
			st->signal = WTERMSIG(wstatus);
		}
		return exile__fail(-ECHILD, NULL, "exile_launch: the supervisor process ended without a report (%s %d)",
				waited > 0 && WIFSIGNALED(wstatus) ? "signal" : "status", waited > 0 && WIFSIGNALED(wstatus) ? WTERMSIG(wstatus) : wstatus);
	}
	if(final->flags & EXILE__LAUNCH_F_NOCHILD)
	{
		return exile__fail(final->err, NULL, "exile_launch: the supervisor could not fork the child%s%s", final->text[0] != '\0' ? ": " : "",
				final->text);
	}
	wstatus = final->wstatus;
	st->exited = WIFEXITED(wstatus);
	st->exit_code = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : 0;
	st->signal = WIFSIGNALED(wstatus) ? WTERMSIG(wstatus) : 0;
	st->timed_out = (final->flags & EXILE__LAUNCH_F_TIMEOUT) != 0;
	st->descendants_killed = final->killed;
	st->supervised = (final->flags & EXILE__LAUNCH_F_SUPERVISED) != 0;
	st->supervisor_killed = (final->flags & EXILE__LAUNCH_F_SUPKILLED) != 0;
	st->denials = (unsigned long)final->denials;
	final->text[sizeof(final->text) - 1] = '\0';
	final->line[sizeof(final->line) - 1] = '\0';
	if(!st->supervised)
	{
		memcpy(st->note, final->text, sizeof(st->note) - 1);
		st->note[sizeof(st->note) - 1] = '\0';
	}
	if(final->flags & EXILE__LAUNCH_F_VIOLATION)
	{
		st->syscall_nr = final->v.nr;
		st->syscall_name = exile_syscall_name(final->v.nr);
		memcpy(st->syscall_args, final->v.args, sizeof(st->syscall_args));
		st->syscall_pid = final->pid;
		st->syscall_vows = final->vows;
		snprintf(st->line, sizeof(st->line), "%s", final->line);
	}
	if(rd->have_setup && st->exited && st->exit_code == EXILE__LAUNCH_SETUP_EXIT)
	{
		st->setup_failed = 1;
		st->setup_error = setup->err < 0 ? setup->err : -ECHILD;
		setup->text[sizeof(setup->text) - 1] = '\0';
		return exile__fail(st->setup_error, NULL, "exile_launch: the child could not apply the policy, so the function did not run (%s)",
				setup->text);
	}
	if(st->timed_out)
	{
		exile__note(0, NULL, "exile_launch: the sandboxed child ran longer than its timeout and was killed");
		return -ETIMEDOUT;
	}
	if(final->flags & EXILE__LAUNCH_F_STOPPED)
	{
		exile__note(0, NULL, "exile_launch: the sandboxed child was stopped by its parent");
		return -ECHILD;
	}
	if(st->signal != 0)
	{
		if(st->syscall_nr >= 0 && st->supervisor_killed)
		{
			exile__note(0, NULL, "exile_launch: the sandboxed child was killed by signal %d (%s): the policy denies %s (nr %ld): %s",
					st->signal, strsignal(st->signal), st->syscall_name ? st->syscall_name : "an unknown syscall", st->syscall_nr, st->line);
		}
		else
		{
			exile__note(0, NULL, "exile_launch: the sandboxed child was killed by signal %d (%s)%s", st->signal, strsignal(st->signal),
					st->signal != SIGSYS ? "" : st->supervised
					? ", by the kernel for a call no listener sees (a foreign-architecture call, or an outer filter's kill)"
					: ", for a syscall the policy denies (there was no supervisor to name it)");
		}
		return -ECHILD;
	}
	if(st->exit_code != 0)
	{
		exile__note(0, NULL, "exile_launch: the sandboxed child exited with %d", st->exit_code);
		return -ECHILD;
	}
	return 0;
}

EXILE_API int exile_launch_wait(struct exile_launch_result *result, struct exile_launch_status *st)
{
	struct exile__launch_rd rd;
	memset(&rd, 0, sizeof(rd));
	return exile__launch_finish(result, st, &rd, NULL, 0);
}

EXILE_API char *exile_launch_get(struct exile_launch_params *params, size_t *n)
{
	struct exile_launch_result res;
	struct exile_launch_status local, *st;
	struct exile__launch_rd rd;
	char *buf = NULL;
	size_t len = 0, cap = 0;
	int err = 0, err2, too_large = 0, reaped_first;
	if(n == NULL || params == NULL)
	{
		exile__fail(-EINVAL, NULL, "exile_launch_get: NULL %s", n == NULL ? "length pointer" : "parameters");
		return NULL;
	}
	*n = 0;
	st = params->status != NULL ? params->status : &local;
	memset(st, 0, sizeof(*st));
	st->syscall_nr = -1;
	if(params->inherit_stdio)
	{
		exile__fail(-EINVAL, NULL, "exile_launch_get: inherit_stdio leaves no output to collect");
		return NULL;
	}
	/* without on_report nothing needs reading before S has ended */
	reaped_first = params->on_report == NULL;
	if(exile__launch_start(params, &res, reaped_first) != 0)
	{
		return NULL;
	}
	memset(&rd, 0, sizeof(rd));
	exile__launch_close(&res.write_fd);
	for(;;)
	{
		struct pollfd pf[2];
		ssize_t r;
		if(exile__grow((void **)&buf, &cap, len + 4097, 1) != 0)
		{
			err = -ENOMEM;
			break;
		}
		/* the output, and the supervisor's records as they come (a log-mode
		 * child may make more reports than the pipe holds) */
		pf[0].fd = res.read_fd;
		pf[1].fd = params->on_report != NULL ? res.status_fd : -1;
		pf[0].events = pf[1].events = POLLIN;
		pf[0].revents = pf[1].revents = 0;
		if(poll(pf, 2, -1) < 0)
		{
			if(errno == EINTR)
			{
				continue;
			}
			err = -errno;
			break;
		}
		if(pf[1].revents & POLLIN)
		{
			char tmp[4096];
			ssize_t k = read(res.status_fd, tmp, sizeof(tmp));
			if(k > 0)
			{
				exile__launch_feed(&rd, tmp, (size_t)k, params);
			}
		}
		if(!(pf[0].revents & (POLLIN | POLLHUP | POLLERR)))
		{
			continue;
		}
		r = read(res.read_fd, buf + len, cap - len - 1);
		if(r < 0 && errno == EINTR)
		{
			continue;
		}
		if(r <= 0)
		{
			err = r < 0 ? -errno : 0;
			break;
		}
		len += (size_t)r;
		if(params->max_output != 0 && len > params->max_output)
		{
			too_large = 1;
			break;
		}
	}
	if(err != 0 || too_large)
	{
		kill(res.pid, EXILE__LAUNCH_STOP);
	}
	/* read_fd stays open until the supervisor reported: the child is killed
	 * by it (SIGKILL), not by SIGPIPE from a closed pipe */
	err2 = exile__launch_finish(&res, st, &rd, params, reaped_first);
	exile__launch_close(&res.read_fd);
	if(err2 == 0 && err == 0 && !too_large)
	{
		buf[len] = '\0';
		*n = len;
		return buf;
	}
	free(buf);
	if(too_large)
	{
		st->output_too_large = 1;
		exile__note(0, NULL, "exile_launch_get: the sandboxed child wrote more than %zu bytes and was killed", params->max_output);
	}
	else if(err != 0)
	{
		exile__fail(err, NULL, "exile_launch_get: reading the child's output");
	}
	return NULL;
}

EXILE_API int exile_launch_started(void)
{
	long r = syscall(EXILE__STARTED_NR, EXILE__STARTED_MAGIC, 0, 0, 0, 0, 0);
	return r == 0 ? 0 : -ENOSYS;
}

#endif /* EXILE_NO_LAUNCH */

#ifndef EXILE_NO_LEARN
/* -------------------------------------------------------------------------- */
/* >>learn: learning mode: record what a program does, suggest vows           */
/* -------------------------------------------------------------------------- */
/* The child installs a filter that returns SECCOMP_RET_USER_NOTIF for every
 * syscall (but the one sendmsg that hands the listener fd to this process),
 * so each of its syscalls, and those of everything it execs or forks, waits
 * until this process, the supervisor, has recorded it and answered
 * SECCOMP_USER_NOTIF_FLAG_CONTINUE. The supervisor itself is never filtered. */
/* the call exile_launch_started() makes (>>launch has the same numbers) */
#define EXILE__LEARN_STARTED_NR    0x3ffffe45L
#define EXILE__LEARN_STARTED_MAGIC 0x6578696c65737461ULL

struct exile__learn
{
	struct exile_learn_result *res;
	struct exile__diag_hints *hints; /* SELF = the learned process */
	pid_t pid;
	size_t capcalls, cappaths, capports, cappids;
	int listener;
	int err;
	int exec_seen;          /* the started process's first execve was seen */
	int stopping;           /* timeout or *stop: every process that makes a call is killed */
	pid_t *pids;            /* every process seen, to kill them all when stopping */
	size_t npids;
	const struct exile_learn_params *params;
};

EXILE__PRIVATE void exile__learn_add_path(struct exile__learn *L, const char *path, unsigned int access)
{
	struct exile_learn_result *res = L->res;
	size_t i;
	char *copy;
	for(i = 0; i < res->npaths; i++)
	{
		if(strcmp(res->paths[i].path, path) == 0)
		{
			res->paths[i].access |= access;
			return;
		}
	}
	if(exile__grow((void **)&res->paths, &L->cappaths, res->npaths + 1, sizeof(*res->paths)) != 0
		|| (copy = strdup(path)) == NULL)
	{
		L->err = -ENOMEM;
		return;
	}
	res->paths[res->npaths].path = copy;
	res->paths[res->npaths].access = access;
	res->npaths++;
}

/* Syscalls that name paths Landlock governs: which argument is the dirfd
 * (-1: the cwd), the path, the open flags (-1: none), and the access. */
static const struct
{
	int nr;
	signed char dirfd, path, flags;
	unsigned char access;
} exile__learn_pathcalls[] = {
	{ EXILE__NR(open), -1, 0, 1, 0 }, { EXILE__NR(openat), 0, 1, 2, 0 },
	{ EXILE__NR(creat), -1, 0, -1, EXILE_LEARN_CREATE | EXILE_LEARN_WRITE },
	{ EXILE__NR(execve), -1, 0, -1, EXILE_LEARN_EXEC }, { EXILE__NR(execveat), 0, 1, -1, EXILE_LEARN_EXEC },
	{ EXILE__NR(truncate), -1, 0, -1, EXILE_LEARN_WRITE }, { EXILE__NR(truncate64), -1, 0, -1, EXILE_LEARN_WRITE },
	{ EXILE__NR(mkdir), -1, 0, -1, EXILE_LEARN_CREATE }, { EXILE__NR(mkdirat), 0, 1, -1, EXILE_LEARN_CREATE },
	{ EXILE__NR(mknod), -1, 0, -1, EXILE_LEARN_CREATE }, { EXILE__NR(mknodat), 0, 1, -1, EXILE_LEARN_CREATE },
	{ EXILE__NR(unlink), -1, 0, -1, EXILE_LEARN_CREATE }, { EXILE__NR(unlinkat), 0, 1, -1, EXILE_LEARN_CREATE },
	{ EXILE__NR(rmdir), -1, 0, -1, EXILE_LEARN_CREATE },
	{ EXILE__NR(rename), -1, 0, -1, EXILE_LEARN_CREATE }, { EXILE__NR(rename), -1, 1, -1, EXILE_LEARN_CREATE },
	{ EXILE__NR(renameat), 0, 1, -1, EXILE_LEARN_CREATE }, { EXILE__NR(renameat), 2, 3, -1, EXILE_LEARN_CREATE },
	{ EXILE__NR(renameat2), 0, 1, -1, EXILE_LEARN_CREATE }, { EXILE__NR(renameat2), 2, 3, -1, EXILE_LEARN_CREATE },
	{ EXILE__NR(link), -1, 1, -1, EXILE_LEARN_CREATE }, { EXILE__NR(linkat), 2, 3, -1, EXILE_LEARN_CREATE },
	{ EXILE__NR(symlink), -1, 1, -1, EXILE_LEARN_CREATE }, { EXILE__NR(symlinkat), 1, 2, -1, EXILE_LEARN_CREATE },
};

/* The process (thread group) a thread belongs to, or 0. */
EXILE__PRIVATE pid_t exile__learn_tgid(pid_t tid)
{
	char name[64], buf[512], *t;
	ssize_t r;
	int fd;
	snprintf(name, sizeof(name), "/proc/%d/status", (int)tid);
	if((fd = open(name, O_RDONLY | O_CLOEXEC)) < 0)
	{
		return 0;
	}
	r = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if(r <= 0)
	{
		return 0;
	}
	buf[r] = '\0';
	t = strstr(buf, "\nTgid:");
	return t != NULL ? (pid_t)atoi(t + 6) : 0;
}

/* A path into the caller's own /proc/PID (or its thread's) names it as
 * /proc/self, which stays true when the program runs again with another pid. */
EXILE__PRIVATE void exile__learn_proc_self(char *path, uint32_t tid)
{
	char *end;
	unsigned long n;
	if(strncmp(path, "/proc/", 6) != 0 || path[6] < '1' || path[6] > '9')
	{
		return;
	}
	n = strtoul(path + 6, &end, 10);
	if((*end != '/' && *end != '\0') || (n != tid && n != (unsigned long)exile__learn_tgid((pid_t)tid)))
	{
		return;
	}
	memmove(path + 10, end, strlen(end) + 1);
	memcpy(path + 6, "self", 4);
}

/* "/a//b/./c/." becomes "/a/b/c", so that one file has one name ("..", which
 * a symlink may give another meaning, stays). */
EXILE__PRIVATE void exile__learn_tidy(char *path)
{
	char *r = path, *w = path;
	while(*r != '\0')
	{
		if(r[0] == '/' && (r[1] == '/' || (r[1] == '.' && (r[2] == '/' || r[2] == '\0'))))
		{
			r += r[1] == '/' ? 1 : 2;
			continue;
		}
		*w++ = *r++;
	}
	*w = '\0';
	if(w > path + 1 && w[-1] == '/')
	{
		w[-1] = '\0';
	}
	if(path[0] == '\0')
	{
		path[0] = '/';
		path[1] = '\0';
	}
}

/* bind() and connect() of a TCP socket: the port, from the sockaddr in the
 * caller's memory; the socket's type from a copy of the fd (pidfd_getfd),
 * where the kernel lets this process take one (else it counts as TCP). */
EXILE__PRIVATE void exile__learn_port(struct exile__learn *L, const struct exile__notif *n)
{
	struct exile_learn_result *res = L->res;
	unsigned char sa[4];
	unsigned int access = n->data.nr == __NR_bind ? EXILE_LEARN_BIND : EXILE_LEARN_CONNECT;
	uint16_t family, port;
	int pidfd, fd, type = 0, proto = 0;
	socklen_t len = sizeof(int);
	size_t i;
	if((n->data.nr != __NR_bind && n->data.nr != __NR_connect) || n->data.args[2] < 4
		|| exile__notif_peek((pid_t)n->pid, -1, n->data.args[1], (char *)sa, sizeof(sa), 0) != 0)
	{
		return;
	}
	memcpy(&family, sa, 2);
	if(family != AF_INET && family != AF_INET6)
	{
		return;
	}
	port = (uint16_t)((sa[2] << 8) | sa[3]);
	if((pidfd = (int)syscall(__NR_pidfd_open, (pid_t)n->pid, 0)) >= 0)
	{
		fd = (int)syscall(__NR_pidfd_getfd, pidfd, (int)(uint32_t)n->data.args[0], 0);
		if(fd >= 0)
		{
			if(getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len) != 0)
			{
				type = 0;
			}
			len = sizeof(int);
			if(getsockopt(fd, SOL_SOCKET, SO_PROTOCOL, &proto, &len) != 0)
			{
				proto = 0;
			}
			close(fd);
		}
		close(pidfd);
	}
	if((type != 0 && type != SOCK_STREAM) || (proto != 0 && proto != 6 /* IPPROTO_TCP */))
	{
		return; /* UDP, SCTP, ...: Landlock's port rules are for TCP */
	}
	if(exile__ioctl(L->listener, EXILE__NOTIF_ID_VALID, (void *)&n->id) != 0)
	{
		return;
	}
	for(i = 0; i < res->nports; i++)
	{
		if(res->ports[i].port == port)
		{
			res->ports[i].access |= access;
			return;
		}
	}
	if(exile__grow((void **)&res->ports, &L->capports, res->nports + 1, sizeof(*res->ports)) != 0)
	{
		L->err = -ENOMEM;
		return;
	}
	res->ports[res->nports].port = port;
	res->ports[res->nports].access = access;
	res->nports++;
}

/* Remembers every process seen, so that a stopped run can end them all. */
EXILE__PRIVATE void exile__learn_pid(struct exile__learn *L, pid_t pid)
{
	size_t i;
	for(i = 0; i < L->npids; i++)
	{
		if(L->pids[i] == pid)
		{
			return;
		}
	}
	if(exile__grow((void **)&L->pids, &L->cappids, L->npids + 1, sizeof(*L->pids)) == 0)
	{
		L->pids[L->npids++] = pid;
	}
}

/* Records the paths a call names, made absolute with the caller's cwd or dirfd. */
EXILE__PRIVATE void exile__learn_paths(struct exile__learn *L, const struct exile__notif *n)
{
	size_t i;
	for(i = 0; i < EXILE__N(exile__learn_pathcalls); i++)
	{
		char path[EXILE_PATH_MAX], base[EXILE_PATH_MAX], link[64], *full;
		unsigned int access = exile__learn_pathcalls[i].access;
		int dirfd = AT_FDCWD;
		ssize_t bl;
		if(exile__learn_pathcalls[i].nr != n->data.nr)
		{
			continue;
		}
		if(exile__learn_pathcalls[i].flags >= 0)
		{
			uint32_t fl = (uint32_t)n->data.args[(int)exile__learn_pathcalls[i].flags];
			if(fl & O_PATH)
			{
				continue; /* a handle, no access */
			}
			access |= (fl & EXILE__O_ACCMODE) == O_RDONLY ? EXILE_LEARN_READ : (fl & EXILE__O_ACCMODE) == O_WRONLY ? EXILE_LEARN_WRITE
				: (EXILE_LEARN_READ | EXILE_LEARN_WRITE);
			access |= (fl & O_TRUNC) ? EXILE_LEARN_WRITE : 0;
			access |= (fl & (O_CREAT | EXILE__O_TMPFILE_BIT)) ? EXILE_LEARN_CREATE : 0;
		}
		if(exile__notif_peek((pid_t)n->pid, -1, n->data.args[(int)exile__learn_pathcalls[i].path], path, sizeof(path), 1) != 0)
		{
			L->res->paths_incomplete = 1;
			continue;
		}
		if(exile__learn_pathcalls[i].dirfd >= 0)
		{
			dirfd = (int)(uint32_t)n->data.args[(int)exile__learn_pathcalls[i].dirfd];
		}
		if(path[0] != '/')
		{
			if(dirfd == AT_FDCWD)
			{
				snprintf(link, sizeof(link), "/proc/%u/cwd", n->pid);
			}
			else
			{
				snprintf(link, sizeof(link), "/proc/%u/fd/%d", n->pid, dirfd);
			}
			bl = readlink(link, base, sizeof(base) - 1);
			if(bl <= 0 || base[0] != '/')
			{
				L->res->paths_incomplete = 1;
				continue;
			}
			base[bl] = '\0';
			full = (char *)malloc((size_t)bl + strlen(path) + 2);
			if(full == NULL)
			{
				L->err = -ENOMEM;
				return;
			}
			sprintf(full, "%s%s%s", base, (path[0] && strcmp(base, "/") != 0) ? "/" : "", path);
		}
		else if((full = strdup(path)) == NULL)
		{
			L->err = -ENOMEM;
			return;
		}
		exile__learn_tidy(full);
		exile__learn_proc_self(full, n->pid);
		/* the notification is still the call we read the memory of */
		if(exile__ioctl(L->listener, EXILE__NOTIF_ID_VALID, (void *)&n->id) == 0)
		{
			exile__learn_add_path(L, full, access);
		}
		free(full);
	}
}

/* Records one syscall: its distinct (syscall, needed vows) class. */
EXILE__PRIVATE void exile__learn_call(struct exile__learn *L, const struct exile__notif *n)
{
	struct exile_learn_result *res = L->res;
	long nr = n->data.nr;
	uint64_t args[6], vows;
	size_t i;
	int startup = 0;
	memcpy(args, n->data.args, sizeof(args));
	res->notifications++;
	if((pid_t)n->pid == L->pid && !L->exec_seen && nr == __NR_execve && L->params != NULL && L->params->argv != NULL)
	{
		L->exec_seen = 1; /* the started process's own execve: start-up, and never the program's */
		startup = 1;
	}
	else if((pid_t)n->pid == L->pid && res->startup_vows != 0 && !res->startup_ended)
	{
		startup = 1;
	}
	if(n->data.arch != EXILE__AUDIT_ARCH || (nr & EXILE__NR_LIMIT))
	{
		vows = EXILE_VOWS_NONE;
	}
	else
	{
		if(nr == __NR_clone3)
		{
			/* under vows without clone, clone3 fails with ENOSYS and libc falls
			 * back to clone with the same flags: learn that call */
			uint64_t flags;
			if(exile__notif_peek((pid_t)n->pid, -1, args[0], (char *)&flags, sizeof(flags), 0) == 0)
			{
				nr = __NR_clone;
				memset(args, 0, sizeof(args));
				args[0] = flags;
			}
		}
		vows = exile__diag_hint(L->hints, nr, args);
	}
	for(i = 0; i < res->ncalls; i++)
	{
		if(res->calls[i].nr == nr && res->calls[i].vows == vows && res->calls[i].startup == startup)
		{
			res->calls[i].count++;
			return;
		}
	}
	if(exile__grow((void **)&res->calls, &L->capcalls, res->ncalls + 1, sizeof(*res->calls)) != 0)
	{
		L->err = -ENOMEM;
		return;
	}
	res->calls[res->ncalls].nr = nr;
	res->calls[res->ncalls].vows = vows;
	memcpy(res->calls[res->ncalls].args, args, sizeof(args));
	res->calls[res->ncalls].count = 1;
	res->calls[res->ncalls].startup = startup;
	res->ncalls++;
}

/* The smallest vow set for the recorded calls: the union of each call's
 * answer, then every vow that can go while all calls stay allowed goes.
 * after_startup: for a launcher that adds startup_vows to the start-up's
 * calls and pins the first execve, which is left out. */
EXILE__PRIVATE int exile__learn_minimize(struct exile__learn *L, int after_startup, uint64_t *out)
{
	struct exile_learn_result *res = L->res;
	uint64_t u = 0, extra = after_startup ? res->startup_vows : 0;
	size_t i;
	int k;
	for(i = 0; i < res->ncalls; i++)
	{
		const struct exile_learn_call *c = &res->calls[i];
		if(c->vows == EXILE_VOWS_NONE || (after_startup && c->startup && (c->nr == __NR_execve || (c->vows & ~extra) == 0)))
		{
			continue;
		}
		u |= c->vows;
	}
	for(k = (int)EXILE__N(exile__diag_pref) - 1; k >= 0; k--)
	{
		uint64_t t = u & ~exile__diag_pref[k];
		int ok = 1, r;
		if(t == u)
		{
			continue;
		}
		for(i = 0; i < res->ncalls && ok; i++)
		{
			const struct exile_learn_call *c = &res->calls[i];
			if(c->vows == EXILE_VOWS_NONE || (after_startup && c->startup && c->nr == __NR_execve))
			{
				continue;
			}
			if((r = exile__diag_allows(c->nr, t | (after_startup && c->startup ? extra : 0), c->args, (uint32_t)L->pid)) < 0)
			{
				return r;
			}
			ok = r;
		}
		if(ok)
		{
			u = t;
		}
	}
	*out = u != 0 ? u : EXILE_SYSCALL_VOW_BASE; /* nothing beyond the base set; 0 would mean "no filter" */
	return 0;
}

/* Ends the run: SIGKILL to every process seen (and, from now on, to every
 * process that makes a call: it is blocked in this call, so its pid is
 * still its own). */
EXILE__PRIVATE void exile__learn_stop(struct exile__learn *L, int timed_out)
{
	size_t i;
	if(L->stopping)
	{
		return;
	}
	L->stopping = 1;
	if(timed_out)
	{
		L->res->timed_out = 1;
	}
	else
	{
		L->res->interrupted = 1;
	}
	kill(L->pid, SIGKILL);
	for(i = 0; i < L->npids; i++)
	{
		kill(L->pids[i], SIGKILL);
	}
}

/* Answers notifications until the learned process has ended and no more come. */
EXILE__PRIVATE int exile__learn_supervise(struct exile__learn *L)
{
	struct exile__notif_sizes sz;
	size_t nsz = sizeof(struct exile__notif), rsz = sizeof(struct exile__notif_resp);
	struct exile__notif *n;
	struct exile__notif_resp *resp;
	int pidfd = (int)syscall(__NR_pidfd_open, L->pid, 0), reaped = 0;
	const struct exile_learn_params *lp = L->params;
	struct timespec start, now;
	clock_gettime(CLOCK_MONOTONIC, &start);
	if(exile__seccomp(SECCOMP_GET_NOTIF_SIZES, 0, &sz) == 0)
	{
		nsz = sz.notif > nsz ? sz.notif : nsz;
		rsz = sz.resp > rsz ? sz.resp : rsz;
	}
	n = (struct exile__notif *)calloc(1, nsz);
	resp = (struct exile__notif_resp *)calloc(1, rsz);
	if(n == NULL || resp == NULL)
	{
		L->err = -ENOMEM;
	}
	while(L->err == 0)
	{
		struct pollfd pf[2];
		int r;
		pf[0].fd = L->listener;
		pf[0].events = POLLIN;
		pf[0].revents = 0;
		pf[1].fd = reaped ? -1 : pidfd;
		pf[1].events = POLLIN;
		pf[1].revents = 0;
		if(lp != NULL && !L->stopping)
		{
			clock_gettime(CLOCK_MONOTONIC, &now);
			if(lp->stop != NULL && *lp->stop)
			{
				exile__learn_stop(L, 0);
			}
			else if(lp->timeout_ms != 0 && (now.tv_sec - start.tv_sec) * 1000 + (now.tv_nsec - start.tv_nsec) / 1000000
				>= (long)lp->timeout_ms)
			{
				exile__learn_stop(L, 1);
			}
		}
		r = poll(pf, 2, reaped ? 50 : (pidfd >= 0 && (lp == NULL || (lp->stop == NULL && lp->timeout_ms == 0)) ? 1000 : 50));
		if(r < 0 && errno != EINTR)
		{
			L->err = exile__fail(-errno, NULL, "learning: waiting for notifications");
			break;
		}
		if(r > 0 && (pf[0].revents & POLLIN))
		{
			memset(n, 0, nsz);
			if(exile__ioctl(L->listener, EXILE__NOTIF_RECV, n) != 0)
			{
				continue; /* EINTR, or the caller died meanwhile (ENOENT) */
			}
			if(L->stopping)
			{
				kill((pid_t)n->pid, SIGKILL); /* blocked in this call: the pid is its own */
			}
			else if(n->data.nr == EXILE__LEARN_STARTED_NR && n->data.args[0] == EXILE__LEARN_STARTED_MAGIC)
			{
				/* exile_launch_started(): the start-up of the first process is over
				 * (the call is answered 0, as exile_launch's supervisor does) */
				L->res->startup_ended |= (pid_t)n->pid == L->pid;
				memset(resp, 0, rsz);
				resp->id = n->id;
				if(exile__ioctl(L->listener, EXILE__NOTIF_SEND, resp) != 0 && errno != ENOENT)
				{
					L->err = exile__fail(-errno, NULL, "learning: answering a notification");
				}
				continue;
			}
			else
			{
				exile__learn_pid(L, (pid_t)n->pid);
				exile__learn_call(L, n);
				exile__learn_paths(L, n);
				exile__learn_port(L, n);
			}
			memset(resp, 0, rsz);
			resp->id = n->id;
			resp->flags = EXILE__NOTIF_CONTINUE;
			if(exile__ioctl(L->listener, EXILE__NOTIF_SEND, resp) != 0 && errno != ENOENT)
			{
				L->err = exile__fail(-errno, "SECCOMP_USER_NOTIF_FLAG_CONTINUE needs Linux 5.5", "learning: answering a notification");
			}
			continue;
		}
		if(r > 0 && (pf[0].revents & (POLLHUP | POLLERR)))
		{
			break; /* no process is left under the filter */
		}
		if(!reaped)
		{
			pid_t w = waitpid(L->pid, &L->res->status, WNOHANG);
			if(w == L->pid)
			{
				reaped = 1;
			}
			else if(w < 0 && errno != EINTR)
			{
				L->err = exile__fail(-errno, NULL, "learning: waiting for process %d", (int)L->pid);
			}
			continue;
		}
		if(r == 0)
		{
			break; /* ended, and its descendants are quiet */
		}
	}
	if(!reaped)
	{
		kill(L->pid, SIGKILL);
		while(waitpid(L->pid, &L->res->status, 0) < 0 && errno == EINTR)
		{
		}
	}
	if(pidfd >= 0)
	{
		close(pidfd);
	}
	free(n);
	free(resp);
	return L->err;
}

/* In the child, before the learned code: the notifying filter, then the
 * listener to the parent. Only async-signal-safe calls (the parent may have
 * threads). Returns 0, or an errno it also sent to the parent. */
EXILE__PRIVATE int exile__learn_child_setup(int sock, struct sock_fprog *prog)
{
	struct msghdr msg;
	struct iovec iov;
	union
	{
		char buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} u;
	struct cmsghdr *cm;
	int code = 0, listener;
	prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
	if(prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
	{
		code = errno;
	}
	listener = code ? -1 : exile__seccomp(SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_NEW_LISTENER, prog);
	if(listener < 0 && code == 0)
	{
		code = errno;
	}
	memset(&msg, 0, sizeof(msg));
	memset(&u, 0, sizeof(u));
	iov.iov_base = &code;
	iov.iov_len = sizeof(code);
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	if(listener >= 0)
	{
		msg.msg_control = u.buf;
		msg.msg_controllen = sizeof(u.buf);
		cm = CMSG_FIRSTHDR(&msg);
		cm->cmsg_level = SOL_SOCKET;
		cm->cmsg_type = SCM_RIGHTS;
		cm->cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(cm), &listener, sizeof(int));
	}
	if(sendmsg(sock, &msg, 0) != (ssize_t)sizeof(code) && code == 0)
	{
		code = errno ? errno : EIO;
	}
	/* from here on every call is learned (and waits for the parent) */
	if(listener >= 0)
	{
		close(listener);
	}
	close(sock);
	return code;
}

/* Receives the listener (or the child's errno). */
EXILE__PRIVATE int exile__learn_receive(int sock)
{
	struct msghdr msg;
	struct iovec iov;
	union
	{
		char buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} u;
	struct cmsghdr *cm;
	int code = 0, fd = -1;
	ssize_t r;
	memset(&msg, 0, sizeof(msg));
	memset(&u, 0, sizeof(u));
	iov.iov_base = &code;
	iov.iov_len = sizeof(code);
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	msg.msg_control = u.buf;
	msg.msg_controllen = sizeof(u.buf);
	do
	{
		r = recvmsg(sock, &msg, MSG_CMSG_CLOEXEC);
	} while(r < 0 && errno == EINTR);
	if(r != (ssize_t)sizeof(code))
	{
		return exile__fail(r < 0 ? -errno : -EIO, NULL, "learning: the child ended before it sent the listener");
	}
	for(cm = CMSG_FIRSTHDR(&msg); cm != NULL; cm = CMSG_NXTHDR(&msg, cm))
	{
		if(cm->cmsg_level == SOL_SOCKET && cm->cmsg_type == SCM_RIGHTS)
		{
			memcpy(&fd, CMSG_DATA(cm), sizeof(int));
		}
	}
	if(code != 0 || fd < 0)
	{
		if(fd >= 0)
		{
			close(fd);
		}
		return exile__fail(-(code ? code : EIO), code == EINVAL ? "user notification needs Linux 5.0, continuing 5.5" : NULL,
				"learning: installing the notifying filter in the child");
	}
	return fd;
}

/* The learned child's filter: every call notifies the learner, except
 * sendmsg on the socket that carries the listener out (the child's last
 * call before the learner holds it). Built by the assembler like every
 * exile filter: another architecture's or an x32 number kills, which the
 * filter learning suggests would do too. */
EXILE__PRIVATE int exile__learn_filter(int carrier, struct sock_fprog *out)
{
	struct exile__rules rs;
	struct exile__prog prog;
	int err;
	memset(&rs, 0, sizeof(rs));
	memset(&prog, 0, sizeof(prog));
	exile__rule_cond(exile__rules_add(&rs, SECCOMP_RET_ALLOW), 0, EXILE_CMP_EQ, 1, (uint32_t)carrier, 0);
	exile__prog_add(&prog, 0, NULL, 0, SECCOMP_RET_USER_NOTIF);
	exile__prog_add(&prog, (uint32_t)EXILE__NR(sendmsg), rs.r, rs.n, SECCOMP_RET_USER_NOTIF);
	exile__prog_add(&prog, (uint32_t)EXILE__NR(sendmsg) + 1, NULL, 0, SECCOMP_RET_USER_NOTIF);
	err = rs.err != 0 ? exile__fail(rs.err, NULL, "learning: building the notifying filter") : exile__prog_assemble(&prog, out);
	exile__prog_free(&prog);
	exile__rules_free(&rs);
	return err;
}

/* Runs func(arg) (exec'ing when path is set) in a learned child. */
EXILE__PRIVATE int exile__learn_run(const char *path, char *const argv[], int (*func)(void *), void *arg, struct exile_learn_result *res,
		const struct exile_learn_params *lp)
{
	struct sock_fprog prog;
	struct exile__learn L;
	int sv[2], err;
	pid_t pid;
	if(res == NULL)
	{
		return exile__fail(-EINVAL, NULL, "learning: NULL result");
	}
	memset(res, 0, sizeof(*res));
	memset(&L, 0, sizeof(L));
	L.res = res;
	L.params = lp;
	res->startup_vows = lp != NULL ? lp->startup_vows : 0;
	if(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0)
	{
		return exile__fail(-errno, NULL, "learning: socketpair");
	}
	if((err = exile__learn_filter(sv[1], &prog)) != 0)
	{
		close(sv[0]);
		close(sv[1]);
		return err;
	}
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if(pid < 0)
	{
		err = -errno;
		close(sv[0]);
		close(sv[1]);
		free(prog.filter);
		return exile__fail(err, NULL, "learning: fork");
	}
	if(pid == 0)
	{
		int code;
		close(sv[0]);
		code = exile__learn_child_setup(sv[1], &prog);
		if(code != 0)
		{
			_exit(126);
		}
		if(path != NULL)
		{
			if(lp != NULL && lp->envp != NULL)
			{
				execve(path, argv, lp->envp);
			}
			else
			{
				execv(path, argv);
			}
			_exit(127);
		}
		code = func(arg);
		fflush(stdout);
		_exit(code & 0xFF);
	}
	close(sv[1]);
	free(prog.filter);
	L.pid = pid;
	L.listener = exile__learn_receive(sv[0]);
	close(sv[0]);
	if(L.listener < 0)
	{
		while(waitpid(pid, &res->status, 0) < 0 && errno == EINTR)
		{
		}
		return L.listener;
	}
	if((err = exile__diag_hints_build((uint32_t)pid, &L.hints)) != 0)
	{
		L.err = exile__fail(err, NULL, "learning: building the table of vow hints");
		kill(pid, SIGKILL);
	}
	exile__learn_supervise(&L);
	close(L.listener);
	if(L.err == 0 && ((err = exile__learn_minimize(&L, 0, &res->vows)) != 0
		|| (err = exile__learn_minimize(&L, 1, &res->vows_after_startup)) != 0))
	{
		L.err = exile__fail(err, NULL, "learning: finding the smallest vow set");
	}
	exile__diag_hints_free(L.hints);
	free(L.pids);
	if(L.err != 0)
	{
		exile_learn_result_free(res);
		return L.err == -ENOMEM ? exile__fail(-ENOMEM, NULL, "learning: recording the calls") : L.err;
	}
	return 0;
}

EXILE_API int exile_learn_run(const struct exile_learn_params *params, struct exile_learn_result *result)
{
	char found[EXILE_PATH_MAX];
	const char *path;
	char *const *argv = params != NULL ? params->argv : NULL;
	if(argv == NULL || argv[0] == NULL || argv[0][0] == '\0')
	{
		return exile__fail(-EINVAL, NULL, "exile_learn_run: no command");
	}
	path = argv[0];
	if(strchr(argv[0], '/') == NULL)
	{
		/* found here, so that the child makes one execve, not one per PATH entry */
		const char *dirs = getenv("PATH"), *p;
		path = NULL;
		for(p = dirs ? dirs : "/usr/local/bin:/usr/bin:/bin"; path == NULL && *p != '\0'; p += *p == ':')
		{
			size_t len = strcspn(p, ":");
			if((size_t)snprintf(found, sizeof(found), "%.*s/%s", (int)len, p, argv[0]) < sizeof(found) && len != 0
				&& access(found, X_OK) == 0)
			{
				path = found;
			}
			p += len;
		}
		if(path == NULL)
		{
			return exile__fail(-ENOENT, NULL, "learning: command \"%s\" not found in PATH", argv[0]);
		}
	}
	return exile__learn_run(path, argv, NULL, NULL, result, params);
}

EXILE_API int exile_learn_command(char *const argv[], struct exile_learn_result *result)
{
	struct exile_learn_params lp;
	memset(&lp, 0, sizeof(lp));
	lp.argv = argv;
	return exile_learn_run(&lp, result);
}

EXILE_API int exile_learn_function(int (*func)(void *), void *arg, struct exile_learn_result *result)
{
	if(func == NULL)
	{
		return exile__fail(-EINVAL, NULL, "exile_learn_function: NULL function");
	}
	return exile__learn_run(NULL, NULL, func, arg, result, NULL);
}

EXILE_API void exile_learn_result_free(struct exile_learn_result *res)
{
	size_t i;
	if(res == NULL)
	{
		return;
	}
	for(i = 0; i < res->npaths; i++)
	{
		free(res->paths[i].path);
	}
	free(res->paths);
	free(res->calls);
	free(res->ports);
	res->paths = NULL;
	res->calls = NULL;
	res->ports = NULL;
	res->npaths = 0;
	res->ncalls = 0;
	res->nports = 0;
}

/* A suggested Landlock rule of the learning report. */
#define EXILE__LEARN_RO   0
#define EXILE__LEARN_RW   1
#define EXILE__LEARN_EXEC 2 /* read and execute */
struct exile__learn_dir
{
	char *path;
	int rw; /* EXILE__LEARN_* */
};

/* Whether rule b (on an ancestor of a, or a itself) grants what a does. */
EXILE__PRIVATE int exile__learn_covers(int b, int a)
{
	return a == b || (a == EXILE__LEARN_RO && b != EXILE__LEARN_RO);
}

EXILE__PRIVATE int exile__learn_dir_cmp(const void *a, const void *b)
{
	return strcmp(((const struct exile__learn_dir *)a)->path, ((const struct exile__learn_dir *)b)->path);
}

/* 1 when dir is path or one of its ancestors. */
EXILE__PRIVATE int exile__path_under(const char *path, const char *dir)
{
	size_t n = strlen(dir);
	if(strcmp(dir, "/") == 0)
	{
		return 1;
	}
	return strncmp(path, dir, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

/* The directories (or files) to allow: read-only for what was read,
 * read-write for what was written, and the directory of what was created or
 * removed; read-and-execute for each file executed. Paths that do not exist
 * now (lookups that failed) are left out and counted in *missing. A path in
 * /proc/self becomes /proc: Landlock rules name inodes, and every process
 * has its own /proc/PID, so a rule for one process's would deny the next. */
EXILE__PRIVATE int exile__learn_dirs(const struct exile_learn_result *res, struct exile__learn_dir **out, size_t *nout, size_t *missing)
{
	struct exile__learn_dir *d = NULL;
	size_t n = 0, cap = 0, i, j, k;
	*missing = 0;
	for(i = 0; i < res->npaths; i++)
	{
		char real[PATH_MAX], tmp[EXILE_PATH_MAX];
		unsigned int a = res->paths[i].access;
		struct stat st;
		int pass;
		for(pass = 0; pass < 3; pass++)
		{
			const char *target = NULL;
			int rw = 0;
			if(strncmp(res->paths[i].path, "/proc/self", 10) == 0
				&& (res->paths[i].path[10] == '/' || res->paths[i].path[10] == '\0'))
			{
				if(pass != 1)
				{
					continue;
				}
				snprintf(real, sizeof(real), "/proc");
				target = real;
				rw = (a & (EXILE_LEARN_WRITE | EXILE_LEARN_CREATE)) ? EXILE__LEARN_RW : EXILE__LEARN_RO;
			}
			else if(pass == 2 && (a & EXILE_LEARN_EXEC))
			{
				if(a & EXILE_LEARN_CREATE)
				{
					/* made by the run (a compiler's output): it cannot be named before the
					 * next run, its directory can */
					char *slash;
					snprintf(tmp, sizeof(tmp), "%s", res->paths[i].path);
					slash = strrchr(tmp, '/');
					if(slash != NULL)
					{
						*(slash == tmp ? slash + 1 : slash) = '\0';
					}
					target = realpath(tmp, real);
				}
				else if(realpath(res->paths[i].path, real) != NULL && stat(real, &st) == 0)
				{
					target = real;
				}
				rw = EXILE__LEARN_EXEC;
			}
			else if(pass == 0 && (a & EXILE_LEARN_CREATE))
			{
				char *slash;
				snprintf(tmp, sizeof(tmp), "%s", res->paths[i].path);
				slash = strrchr(tmp, '/');
				if(slash != NULL)
				{
					*(slash == tmp ? slash + 1 : slash) = '\0';
				}
				target = realpath(tmp, real);
				rw = 1;
			}
			else if(pass == 1 && (a & (EXILE_LEARN_READ | EXILE_LEARN_WRITE | EXILE_LEARN_EXEC)))
			{
				if(realpath(res->paths[i].path, real) == NULL || stat(real, &st) != 0)
				{
					*missing += !(a & EXILE_LEARN_CREATE);
					continue;
				}
				if(!(a & (EXILE_LEARN_READ | EXILE_LEARN_WRITE)))
				{
					continue; /* executed only: pass 2 */
				}
				rw = (a & EXILE_LEARN_WRITE) != 0;
				if(!S_ISDIR(st.st_mode) && !rw)
				{
					char *slash = strrchr(real, '/');
					*(slash == real ? slash + 1 : slash) = '\0';
				}
				target = real;
			}
			if(target == NULL)
			{
				continue;
			}
			if(exile__grow((void **)&d, &cap, n + 1, sizeof(*d)) != 0 || (d[n].path = strdup(target)) == NULL)
			{
				for(j = 0; j < n; j++)
				{
					free(d[j].path);
				}
				free(d);
				return -ENOMEM;
			}
			d[n++].rw = rw;
		}
	}
	if(n > 1)
	{
		qsort(d, n, sizeof(*d), exile__learn_dir_cmp);
	}
	/* keep an entry unless an ancestor (or an equal path) already grants as much */
	for(i = 0, k = 0; i < n; i++)
	{
		int covered = 0;
		for(j = 0; j < n && !covered; j++)
		{
			if(j != i && d[j].path != NULL && exile__path_under(d[i].path, d[j].path) && exile__learn_covers(d[j].rw, d[i].rw)
				&& (strcmp(d[i].path, d[j].path) != 0 || d[j].rw != d[i].rw || j < i))
			{
				covered = 1;
			}
		}
		if(covered)
		{
			free(d[i].path);
			d[i].path = NULL;
		}
	}
	for(i = 0; i < n; i++)
	{
		if(d[i].path != NULL)
		{
			d[k++] = d[i];
		}
	}
	*out = d;
	*nout = k;
	return 0;
}

/* One word for a POSIX shell: as it is when that is safe, else in single quotes. */
EXILE__PRIVATE void exile__sb_word(struct exile__sb *b, const char *w)
{
	const char *p;
	int plain = *w != '\0';
	for(p = w; *p != '\0' && plain; p++)
	{
		plain = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || strchr("/._-+=:,@%", *p) != NULL;
	}
	if(plain)
	{
		exile__sb_printf(b, "%s", w);
		return;
	}
	exile__sb_printf(b, "'");
	for(p = w; *p != '\0'; p++)
	{
		if(*p == '\'')
		{
			exile__sb_printf(b, "%s", "'\\''");
		}
		else
		{
			exile__sb_printf(b, "%c", *p);
		}
	}
	exile__sb_printf(b, "'");
}

EXILE_API char *exile_learn_result_args(const struct exile_learn_result *res, int after_startup)
{
	struct exile__sb b;
	struct exile__learn_dir *dirs = NULL;
	size_t i, ndirs = 0, missing = 0;
	char vows[512];
	memset(&b, 0, sizeof(b));
	if(res == NULL)
	{
		exile__fail(-EINVAL, NULL, "exile_learn_result_args: NULL result");
		return NULL;
	}
	exile_vows_to_str(after_startup ? res->vows_after_startup : res->vows, vows, sizeof(vows));
	exile__sb_printf(&b, "--vows ");
	exile__sb_word(&b, vows);
	if(vows[0] == '\0')
	{
		exile__sb_printf(&b, "''");
	}
	if(exile__learn_dirs(res, &dirs, &ndirs, &missing) != 0)
	{
		b.err = -ENOMEM;
	}
	for(i = 0; i < ndirs; i++)
	{
		exile__sb_printf(&b, " %s ", dirs[i].rw == EXILE__LEARN_EXEC ? "--exec" : dirs[i].rw ? "--rw" : "--ro");
		exile__sb_word(&b, dirs[i].path);
		free(dirs[i].path);
	}
	free(dirs);
	for(i = 0; i < res->nports; i++)
	{
		if(res->ports[i].access & EXILE_LEARN_BIND)
		{
			exile__sb_printf(&b, " --bind %u", res->ports[i].port);
		}
		if(res->ports[i].access & EXILE_LEARN_CONNECT)
		{
			exile__sb_printf(&b, " --connect %u", res->ports[i].port);
		}
	}
	return exile__sb_finish(&b, "exile_learn_result_args");
}

EXILE_API char *exile_learn_result_describe(const struct exile_learn_result *res)
{
	struct exile__sb b;
	struct exile__learn_dir *dirs = NULL;
	size_t i, j, ndirs = 0, missing = 0, none = 0;
	char vows[512];
	memset(&b, 0, sizeof(b));
	if(res == NULL)
	{
		exile__fail(-EINVAL, NULL, "exile_learn_result_describe: NULL result");
		return NULL;
	}
	if(WIFEXITED(res->status))
	{
		exile__sb_printf(&b, "learned from one run: the process exited with status %d", WEXITSTATUS(res->status));
	}
	else
	{
		exile__sb_printf(&b, "learned from one run: the process was killed by signal %d", WIFSIGNALED(res->status) ? WTERMSIG(res->status) : 0);
	}
	exile__sb_printf(&b, " after %lu syscalls (%zu distinct needs)%s\n", res->notifications, res->ncalls,
			res->timed_out ? "; it was stopped when its time was up" : res->interrupted ? "; it was interrupted" : "");
	exile_vows_to_str(res->vows, vows, sizeof(vows));
	exile__sb_printf(&b, "vows: \"%s\"\n", vows);
	if(res->startup_vows != 0)
	{
		char su[256];
		exile_vows_to_str(res->startup_vows, su, sizeof(su));
		exile_vows_to_str(res->vows_after_startup, vows, sizeof(vows));
		exile__sb_printf(&b, "vows after start-up: \"%s\" (the start-up %s, with \"%s\" on top)\n", vows,
				res->startup_ended ? "ended" : "never said it ended: every call of the first process counts as start-up", su);
	}
	for(i = 0; i < EXILE__N(exile__diag_pref); i++)
	{
		uint64_t v = exile__diag_pref[i];
		int any = 0;
		if(!(res->vows & v))
		{
			continue;
		}
		exile__sb_printf(&b, "  %-15s", exile_vow_name(v));
		for(j = 0; j < res->ncalls; j++)
		{
			size_t k;
			int dup = 0;
			/* the calls this vow is there for: those whose own answer names it */
			if(res->calls[j].vows == EXILE_VOWS_NONE || !(res->calls[j].vows & v))
			{
				continue;
			}
			for(k = 0; k < j && !dup; k++)
			{
				dup = res->calls[k].nr == res->calls[j].nr && res->calls[k].vows != EXILE_VOWS_NONE && (res->calls[k].vows & v);
			}
			if(!dup)
			{
				const char *name = exile_syscall_name(res->calls[j].nr);
				exile__sb_printf(&b, any ? " %s" : "%s", name ? name : "?");
				any = 1;
			}
		}
		exile__sb_printf(&b, "%s\n", any ? "" : "(with the others)");
	}
	for(j = 0; j < res->ncalls; j++)
	{
		if(res->calls[j].vows == EXILE_VOWS_NONE)
		{
			const char *name = exile_syscall_name(res->calls[j].nr);
			if(none++ == 0)
			{
				exile__sb_printf(&b, "no vow allows (under these vows they are killed; allow them by explicit rules if the program needs them):\n");
			}
			exile__sb_printf(&b, "  %s(%ld) args=(0x%llx, 0x%llx, 0x%llx, ...) %lu time%s\n", name ? name : "?", res->calls[j].nr,
					(unsigned long long)res->calls[j].args[0], (unsigned long long)res->calls[j].args[1],
					(unsigned long long)res->calls[j].args[2], res->calls[j].count, res->calls[j].count == 1 ? "" : "s");
		}
	}
	if(none == 0)
	{
		exile__sb_printf(&b, "every call is allowed by some vow\n");
	}
	if(exile__learn_dirs(res, &dirs, &ndirs, &missing) != 0)
	{
		b.err = -ENOMEM;
	}
	exile__sb_printf(&b, "paths (suggested Landlock rules for what the run opened, executed, created or removed):\n");
	for(i = 0; i < ndirs; i++)
	{
		exile__sb_printf(&b, "  %s %s\n", dirs[i].rw == EXILE__LEARN_EXEC ? "--exec" : dirs[i].rw ? "--rw" : "--ro", dirs[i].path);
		free(dirs[i].path);
	}
	free(dirs);
	if(ndirs == 0)
	{
		exile__sb_printf(&b, "  (none)\n");
	}
	if(missing != 0)
	{
		exile__sb_printf(&b, "  (%zu path%s the run looked for did not exist and are left out)\n", missing, missing == 1 ? "" : "s");
	}
	if(res->paths_incomplete)
	{
		exile__sb_printf(&b, "  (some path arguments could not be read from the process: the list may be incomplete)\n");
	}
	if(res->nports != 0)
	{
		exile__sb_printf(&b, "TCP ports (suggested Landlock rules):\n");
		for(i = 0; i < res->nports; i++)
		{
			if(res->ports[i].access & EXILE_LEARN_BIND)
			{
				exile__sb_printf(&b, "  --bind %u%s\n", res->ports[i].port, res->ports[i].port == 0 ? " (an ephemeral port)" : "");
			}
			if(res->ports[i].access & EXILE_LEARN_CONNECT)
			{
				exile__sb_printf(&b, "  --connect %u\n", res->ports[i].port);
			}
		}
	}
	exile__sb_printf(&b, "note: learning follows only the code paths and files this run exercised; other inputs, options,\n"
			"      environment or error handling may need more vows and paths. Review before relying on it.\n");
	return exile__sb_finish(&b, "exile_learn_result_describe");
}

#endif /* EXILE_NO_LEARN */

#ifndef EXILE_NO_DESCRIBE
/* -------------------------------------------------------------------------- */
/* >>inspect: exile_policy_describe                                           */
/* -------------------------------------------------------------------------- */

EXILE__PRIVATE void exile__describe_action(struct exile__sb *b, unsigned int a)
{
	switch(a)
	{
	case EXILE_SYSCALL_ALLOW: exile__sb_printf(b, "allow"); break;
	case EXILE_SYSCALL_DENY_KILL_PROCESS: exile__sb_printf(b, "kill the process"); break;
	case EXILE_SYSCALL_DENY_RET_ERROR: exile__sb_printf(b, "fail with EACCES"); break;
	case EXILE_SYSCALL_DENY_RET_NOSYS: exile__sb_printf(b, "fail with ENOSYS"); break;
	case EXILE_SYSCALL_DENY_TRAP: exile__sb_printf(b, "SIGSYS to the thread"); break;
	case EXILE_SYSCALL_LOG: exile__sb_printf(b, "allow and log"); break;
	default:
		if((a & 0xFFFF0000u) == 0x10000u)
		{
			exile__sb_printf(b, "fail with errno %u (%s)", a & 0xFFFFu, strerror((int)(a & 0xFFFFu)));
		}
		else
		{
			exile__sb_printf(b, "invalid action %u", a);
		}
	}
}

EXILE__PRIVATE void exile__describe_cmp(struct exile__sb *b, const struct exile_arg_cmp *c)
{
	static const char *const ops[] = { "?", "==", "!=", "<", "<=", ">", ">=", "==" };
	const char *w = c->is32 ? " (low 32 bits)" : "";
	if(c->op == EXILE_CMP_MASKED_EQ)
	{
		exile__sb_printf(b, "(arg%u & 0x%llx) == 0x%llx%s", c->arg, (unsigned long long)c->mask, (unsigned long long)c->value, w);
	}
	else
	{
		exile__sb_printf(b, "arg%u %s 0x%llx%s", c->arg, c->op <= EXILE_CMP_MASKED_EQ ? ops[c->op] : "?",
				(unsigned long long)c->value, w);
	}
}

EXILE__PRIVATE void exile__describe_flags(struct exile__sb *b, unsigned int flags, const unsigned int *bits,
		const char *const *names, size_t n)
{
	size_t i;
	int any = 0;
	for(i = 0; i < n; i++)
	{
		if(flags & bits[i])
		{
			exile__sb_printf(b, "%s%s", any ? ", " : "", names[i]);
			any = 1;
			flags &= ~bits[i];
		}
	}
	if(flags != 0)
	{
		exile__sb_printf(b, "%sunknown 0x%x", any ? ", " : "", flags);
	}
	else if(!any)
	{
		exile__sb_printf(b, "no rights");
	}
}

EXILE_API char *exile_policy_describe(struct exile_policy *p)
{
	static const unsigned int fsbits[] = {
		EXILE_FS_ALLOW_ALL_READ, EXILE_FS_ALLOW_ALL_WRITE, EXILE_FS_ALLOW_EXEC, EXILE_FS_ALLOW_DEV, EXILE_FS_ALLOW_SETUID,
		EXILE_MOUNT_NOT_REC, EXILE_FS_ALLOW_REMOVE_DIR, EXILE_FS_ALLOW_REMOVE_FILE, EXILE_FS_ALLOW_MAKE_CHAR,
		EXILE_FS_ALLOW_MAKE_DIR, EXILE_FS_ALLOW_MAKE_REG, EXILE_FS_ALLOW_MAKE_SOCK, EXILE_FS_ALLOW_MAKE_FIFO,
		EXILE_FS_ALLOW_MAKE_BLOCK, EXILE_FS_ALLOW_MAKE_SYM, EXILE_FS_ALLOW_WRITE_FILE, EXILE_FS_ALLOW_READ_DIR,
		EXILE_FS_ALLOW_REMOVE
	};
	static const char *const fsnames[] = {
		"read", "write", "exec", "dev", "setuid", "not recursive", "remove dir", "remove file", "make char",
		"make dir", "make reg", "make sock", "make fifo", "make block", "make sym", "write file", "read dir", "remove"
	};
	static const unsigned int nsbits[] = {
		EXILE_UNSHARE_NETWORK, EXILE_UNSHARE_USER, EXILE_UNSHARE_MOUNT, EXILE_UNSHARE_PID, EXILE_UNSHARE_IPC,
		EXILE_UNSHARE_UTS, EXILE_UNSHARE_CGROUP
	};
	static const char *const nsnames[] = { "network", "user", "mount", "pid", "ipc", "uts", "cgroup" };
	struct exile__sb b;
	const struct exile_syscall_policy *sp;
	const struct exile_path_policy *pp;
	const char *env = getenv(EXILE_REPORT_ENV);
	int report, filter, nrules = 0;
	long abi = -1, userns, clone_ok, aa;
	char vows[512];
	memset(&b, 0, sizeof(b));
	if(p == NULL)
	{
		exile__fail(-EINVAL, NULL, "exile_policy_describe: NULL policy");
		return NULL;
	}
	report = p->report_violations || (env != NULL && strcmp(env, "1") == 0);
	for(sp = p->syscall_policies; sp != NULL; sp = sp->next)
	{
		nrules += sp->syscall != EXILE_SYSCALL_MATCH_ALL;
	}
	filter = !p->disable_syscall_filter && (p->vow_promises != 0 || p->syscall_policies != NULL);

	exile__sb_printf(&b, "syscall filter: %s\n", !filter ? (p->disable_syscall_filter ? "disabled (disable_syscall_filter)" : "none (no vows, no rules)") : "seccomp-BPF, for every thread (TSYNC)");
	exile_vows_to_str(p->vow_promises & ~EXILE_SYSCALL_VOW_DENY_ERROR, vows, sizeof(vows));
	if(p->vow_promises & EXILE_SYSCALL_VOW_INVALID)
	{
		exile__sb_printf(&b, "  vows: INVALID (exile_vows_from_str met an unknown word; enabling fails)\n");
	}
	else if(p->vow_promises != 0)
	{
		exile__sb_printf(&b, "  vows: \"%s\"%s; a call no vow allows %s\n", vows, vows[0] == '\0' ? " (the base set alone: exit, rt_sigreturn)" : "",
				(p->vow_promises & EXILE_SYSCALL_VOW_DENY_ERROR) ? "fails with EACCES (vow error)"
				: report ? "is reported, then kills the process (report mode)" : "kills the process");
	}
	if(nrules != 0)
	{
		exile__sb_printf(&b, "  explicit rules (tried in this order, before the vows):\n");
	}
	for(sp = p->syscall_policies; sp != NULL; sp = sp->next)
	{
		size_t i;
		const char *name = exile_syscall_name(sp->syscall);
		if(sp->syscall == EXILE_SYSCALL_MATCH_ALL)
		{
			continue;
		}
		exile__sb_printf(&b, "    %s(%ld): ", name ? name : "?", sp->syscall);
		exile__describe_action(&b, sp->policy);
		if(sp->argfilters != NULL)
		{
			exile__sb_printf(&b, " when a raw BPF snippet of %zu instructions matches", sp->argfilterscount);
		}
		for(i = 0; i < sp->cmpscount; i++)
		{
			exile__sb_printf(&b, "%s", i ? " and " : " when ");
			exile__describe_cmp(&b, &sp->cmps[i]);
		}
		exile__sb_printf(&b, "\n");
	}
	for(sp = p->syscall_policies; sp != NULL; sp = sp->next)
	{
		if(sp->syscall == EXILE_SYSCALL_MATCH_ALL)
		{
			exile__sb_printf(&b, "  default for every other syscall: ");
			exile__describe_action(&b, sp->policy);
			exile__sb_printf(&b, "\n");
		}
	}
	if(filter && report)
	{
		exile__sb_printf(&b, "  report mode (%s): kills become a trap, a line on stderr, then death by SIGSYS\n",
				p->report_violations ? "report_violations" : EXILE_REPORT_ENV "=1");
	}

	exile__sb_printf(&b, "paths:%s\n", p->path_policies == NULL ? (p->no_fs ? " none at all (no_fs)" : " no rules (the filesystem is not confined)") : "");
	for(pp = p->path_policies; pp != NULL; pp = pp->next)
	{
		exile__sb_printf(&b, "  %s: ", pp->path);
		exile__describe_flags(&b, pp->policy, fsbits, fsnames, EXILE__N(fsbits));
		exile__sb_printf(&b, "\n");
	}
	if(p->chroot_target_path[0] != '\0')
	{
		exile__sb_printf(&b, "  chroot: %s%s\n", p->chroot_target_path, p->mount_path_policies_to_chroot ? " (path rules mounted into it)" : "");
	}
	exile__sb_printf(&b, "network:%s", p->no_network ? " none (no_network)" : (p->net_rules_count == 0 ? " not confined" : ""));
	{
		size_t i;
		for(i = 0; i < p->net_rules_count; i++)
		{
			uint32_t f = p->net_rules[i] >> 16;
			exile__sb_printf(&b, " %s%s%sTCP port %u;", f & EXILE_NET_ALLOW_CONNECT ? "connect" : "",
					(f & EXILE_NET_ALLOW_CONNECT) && (f & EXILE_NET_ALLOW_BIND) ? "+" : "", f & EXILE_NET_ALLOW_BIND ? "bind " : " ",
					(unsigned)(p->net_rules[i] & 0xFFFF));
		}
	}
	exile__sb_printf(&b, "\nnamespaces: ");
	if(p->namespace_options == 0)
	{
		exile__sb_printf(&b, "none");
	}
	else
	{
		exile__describe_flags(&b, (unsigned int)p->namespace_options, nsbits, nsnames, EXILE__N(nsbits));
		if(p->namespace_options & EXILE_UNSHARE_USER)
		{
			exile__sb_printf(&b, " (uid %u, gid %u inside)", (unsigned)p->namespace_uid, (unsigned)p->namespace_gid);
		}
	}
	exile__sb_printf(&b, "\nprivileges:%s%s%s%s%s%s\n", p->no_new_privs ? " no_new_privs" : "", p->not_dumpable ? " not_dumpable" : "",
			p->drop_caps ? " drop_caps" : "", (p->close_fds && !p->keep_fds_open) ? " close_fds" : "",
			p->no_new_fds ? " no_new_fds" : "",
			!(p->no_new_privs || p->not_dumpable || p->drop_caps || (p->close_fds && !p->keep_fds_open) || p->no_new_fds) ? " unchanged" : "");
	exile__sb_printf(&b, "io_uring: %s\n", p->allow_unconfined_io_uring
			? "rings from before enabling are accepted and UNCONFINED (allow_unconfined_io_uring); filters allow io_uring_enter/register"
			: "rings from before enabling are refused (-EBUSY); every filter denies io_uring (EPERM, or the vows' deny)");

	/* what this kernel offers; no probe is made that an exile filter of this process forbids */
	exile__sb_printf(&b, "this kernel:\n");
	{
		size_t ninst = exile__state.ninstalled;
		uint32_t kill = SECCOMP_RET_KILL_PROCESS;
		if(ninst != 0)
		{
			exile__sb_printf(&b, "  seccomp: in use (%zu filter%s installed by exile in this process)\n", ninst, ninst == 1 ? "" : "s");
		}
		else if(exile__seccomp(SECCOMP_GET_ACTION_AVAIL, 0, &kill) == 0)
		{
			exile__sb_printf(&b, "  seccomp: filters with the kill-process action: enforced\n");
		}
		else
		{
			exile__sb_printf(&b, "  seccomp: NOT available (%s): a policy with vows or rules fails to enable\n", strerror(errno));
		}
	}
	if(exile__landlock_probe() == 0)
	{
		/* the module's own probe (cached; it asks the earlier filters first) */
		int lerr = exile__state.ll_probe.err;
		abi = exile__state.ll_probe.abi;
		if(abi >= 1)
		{
			exile__sb_printf(&b, "  Landlock: ABI %ld: path rules can be enforced\n", abi);
		}
		else
		{
			exile__sb_printf(&b, "  Landlock: NOT available (%s): path rules and no_fs %s\n",
					lerr == ENOSYS ? "not built into this kernel" : lerr == EOPNOTSUPP ? "disabled at boot; add lsm=landlock" : strerror(lerr),
					p->best_effort ? "are skipped (best_effort)" : "make enabling fail");
		}
	}
	else
	{
		exile__sb_printf(&b, "  Landlock: unknown (a filter of this process forbids the probe)\n");
	}
	if(exile__policy_confines(p))
	{
		/* what enabling this policy would enforce through Landlock, and what not (ptrace isolation too) */
		struct exile_landlock_report r;
		char saved[EXILE__ERRLEN];
		int err;
		snprintf(saved, sizeof(saved), "%s", exile__errbuf);
		err = exile_landlock_report(p, &r);
		exile__sb_printf(&b, "  for this policy: %s\n", r.summary);
		if(err != 0)
		{
			exile__sb_printf(&b, "  enabling would fail: %s\n", exile__errbuf);
		}
		snprintf(exile__errbuf, sizeof(exile__errbuf), "%s", saved);
	}
	userns = exile__read_long("/proc/sys/user/max_user_namespaces");
	clone_ok = exile__read_long("/proc/sys/kernel/unprivileged_userns_clone");
	aa = exile__read_long("/proc/sys/kernel/apparmor_restrict_unprivileged_userns");
	if(userns < 0)
	{
		exile__sb_printf(&b, "  user namespaces: unknown (cannot read /proc/sys/user/max_user_namespaces)\n");
	}
	else if(userns == 0)
	{
		exile__sb_printf(&b, "  user namespaces: NOT available (user.max_user_namespaces = 0)\n");
	}
	else if(clone_ok == 0 || aa == 1)
	{
		exile__sb_printf(&b, "  user namespaces: for privileged processes only (%s)%s\n",
				clone_ok == 0 ? "kernel.unprivileged_userns_clone = 0" : "kernel.apparmor_restrict_unprivileged_userns = 1",
				exile__has_cap(CAP_SYS_ADMIN) ? "; this process has CAP_SYS_ADMIN" : "");
	}
	else
	{
		exile__sb_printf(&b, "  user namespaces: available to unprivileged processes\n");
	}
	return exile__sb_finish(&b, "exile_policy_describe");
}

#endif /* EXILE_NO_DESCRIBE */

#ifdef __cplusplus
}
#endif

#endif /* EXILE_IMPLEMENTATION */

/*
 * ISC License
 *
 * Copyright (c) 2026 the exile.h authors
 *
 * Permission to use, copy, modify, and/or distribute this software for any
 * purpose with or without fee is hereby granted, provided that the above
 * copyright notice and this permission notice appear in all copies.
 *
 * THE SOFTWARE IS PROVIDED "AS IS" AND THE AUTHOR DISCLAIMS ALL WARRANTIES
 * WITH REGARD TO THIS SOFTWARE INCLUDING ALL IMPLIED WARRANTIES OF
 * MERCHANTABILITY AND FITNESS. IN NO EVENT SHALL THE AUTHOR BE LIABLE FOR
 * ANY SPECIAL, DIRECT, INDIRECT, OR CONSEQUENTIAL DAMAGES OR ANY DAMAGES
 * WHATSOEVER RESULTING FROM LOSS OF USE, DATA OR PROFITS, WHETHER IN AN
 * ACTION OF CONTRACT, NEGLIGENCE OR OTHER TORTIOUS ACTION, ARISING OUT OF
 * OR IN CONNECTION WITH THE USE OR PERFORMANCE OF THIS SOFTWARE.
 */
