/* make cross-check: the pure parts of exile.h on one architecture, built by
 * that architecture's compiler and run under qemu-user (or natively). No
 * seccomp() here (qemu-user has none): the filters are run by
 * exile_bpf_simulate on this architecture's seccomp_data.
 *
 * tests/cross.sh builds it with -DCROSS_NAMES="names.h", a list
 * CROSS_NAME(name) of every __NR_name of the target's <asm/unistd.h>
 * (generated from the compiler's own headers), and runs it; it ends with
 * "cross: ARCH: N passed, N failed".
 *
 * What it checks:
 *  - the name table against the headers: every header name has its number
 *    in exile_syscall_nr(), every number a name, and no number of exile's
 *    own fallbacks (calls newer than these headers) is one the headers give
 *    to another call;
 *  - the vow filters: documented verdicts of calls this architecture has
 *    (the i386 multiplexers and old mmap, the 32-bit twins, arm's private
 *    calls included), the arch check, numbers no table names (ENOSYS);
 *  - 64-bit argument comparisons on 32-bit architectures (the low word, and
 *    values no register holds refused);
 *  - the value constants exile carries against this architecture's headers;
 *  - every vow's filter, and all vows together, within the kernel's limits. */
#define _GNU_SOURCE
#define EXILE_IMPLEMENTATION
#include "exile.h"
#include <linux/fs.h>
#include <linux/ipc.h>
#include <linux/net.h>
#include <sys/ioctl.h>
#include <linux/shm.h>
#include <termios.h>

static int passed, failed;
#define CHECK(cond, ...) do { if(cond) { passed++; } else { failed++; printf("FAIL %s:%d: ", __FILE__, __LINE__); printf(__VA_ARGS__); printf("\n"); } } while(0)

struct hname
{
	const char *name;
	long nr;
};
#if defined(CROSS_OLD_HEADERS)
/* built against <asm/unistd.h> without the names numbered from CROSS_CUT
 * on (a wrapper #undefs them, as headers of Linux 4.19 lack them): the
 * numbers are the full headers', printed by the full build (--names) */
static const struct hname header_names[] = {
#include CROSS_NUMS
};
#else
#define CROSS_NAME(n) { #n, (long)(__NR_##n) },
static const struct hname header_names[] = {
#include CROSS_NAMES
};
#undef CROSS_NAME
#endif
#define NHEADER (sizeof(header_names) / sizeof(header_names[0]))

/* names of the headers that are no system call */
static int not_a_call(const char *n)
{
	return strcmp(n, "syscalls") == 0 || strcmp(n, "arch_specific_syscall") == 0 || strcmp(n, "SYSCALL_BASE") == 0
		|| strcmp(n, "SYSCALL_MASK") == 0 || strcmp(n, "OABI_SYSCALL_BASE") == 0;
}

static void check_names(void)
{
	size_t i, j, n = 0, newer = 0, cut = 0, missing = 0;
	for(i = 0; i < NHEADER; i++)
	{
		const char *name = header_names[i].name, *back;
		long nr = header_names[i].nr;
		if(not_a_call(name))
		{
			continue;
		}
		n++;
#if defined(CROSS_OLD_HEADERS)
		if(nr >= CROSS_CUT && nr < 0x0f0000)
		{
			/* a fallback of exile's: the right number, or none */
			if(exile_syscall_nr(name) < 0)
			{
				printf("cross: %s: old headers: no fallback for %s (%ld)\n", EXILE__ARCH_NAME, name, nr);
				missing++;
				continue;
			}
			cut++;
		}
#endif
		CHECK(exile_syscall_nr(name) == nr, "%s: exile says %ld, the headers %ld", name, exile_syscall_nr(name), nr);
		back = exile_syscall_name(nr);
		CHECK(back != NULL, "%ld (%s): no name", nr, name);
		if(back != NULL && strcmp(back, name) != 0)
		{
			/* one number, two names (arm's arm_sync_file_range and
			 * sync_file_range2): the other must have it too */
			for(j = 0; j < NHEADER && !(strcmp(header_names[j].name, back) == 0 && header_names[j].nr == nr); j++)
			{
			}
			CHECK(j < NHEADER, "%ld: exile names it %s, the headers %s", nr, back, name);
		}
	}
	/* exile's names the headers lack: only calls newer than these headers,
	 * at numbers no header name has */
	for(i = 0; i < EXILE__SYS_N; i++)
	{
		long nr = exile__sysnrs[i];
		if(nr < 0)
		{
			continue;
		}
		for(j = 0; j < NHEADER && strcmp(header_names[j].name, exile__sysnames[i]) != 0; j++)
		{
		}
		if(j < NHEADER)
		{
			continue;
		}
		newer++;
		for(j = 0; j < NHEADER && (not_a_call(header_names[j].name) || header_names[j].nr != nr); j++)
		{
		}
		CHECK(j == NHEADER, "exile's %s (%ld) is %s in the headers", exile__sysnames[i], nr, j < NHEADER ? header_names[j].name : "");
		CHECK(nr >= 403 || strcmp(exile__sysnames[i], "riscv_hwprobe") == 0 || strcmp(exile__sysnames[i], "uretprobe") == 0
				|| strcmp(exile__sysnames[i], "uprobe") == 0 || (nr >= 0x0f0001 && nr <= 0x0f0006),
				"exile's %s (%ld) is not in the headers and not newer than them", exile__sysnames[i], nr);
	}
#if defined(__arm__)
	CHECK(exile_syscall_nr("breakpoint") == __ARM_NR_breakpoint && exile_syscall_nr("cacheflush") == __ARM_NR_cacheflush
			&& exile_syscall_nr("usr26") == __ARM_NR_usr26 && exile_syscall_nr("usr32") == __ARM_NR_usr32
			&& exile_syscall_nr("set_tls") == __ARM_NR_set_tls && exile_syscall_nr("get_tls") == __ARM_NR_get_tls,
			"arm's private calls (__ARM_NR_*)");
	CHECK(exile_syscall_name(__ARM_NR_cacheflush) != NULL && strcmp(exile_syscall_name(__ARM_NR_cacheflush), "cacheflush") == 0,
			"0x%x is not cacheflush", (unsigned)__ARM_NR_cacheflush);
#endif
	CHECK(n > 250, "only %zu names in the headers", n);
#if defined(CROSS_OLD_HEADERS)
	printf("cross: %s: old headers (numbers from %d on taken away): %zu fallbacks right, %zu calls without one\n",
			EXILE__ARCH_NAME, CROSS_CUT, cut, missing);
	CHECK(cut > 0 && missing == 0, "%zu fallbacks checked, %zu missing", cut, missing);
#else
	printf("cross: %s: %zu header names match; %zu newer calls from exile's fallbacks\n", EXILE__ARCH_NAME, n, newer);
#endif
	(void)cut;
	(void)missing;
}

static struct sock_fprog filter_of(const char *vows, int *err)
{
	struct sock_fprog prog = { 0, NULL };
	struct exile_policy *p = exile_create_policy();
	*err = -1;
	if(p != NULL)
	{
		p->vow_promises = exile_vows_from_str(vows);
		*err = exile_syscall_policy_to_bpf(p, &prog);
		exile_free_policy(p);
	}
	return prog;
}

static uint32_t run(const struct sock_fprog *prog, uint32_t arch, long nr, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3,
		uint64_t a4)
{
	struct seccomp_data d;
	uint32_t action = 0xdeadu;
	memset(&d, 0, sizeof(d));
	d.nr = (int)nr;
	d.arch = arch;
	d.args[0] = a0;
	d.args[1] = a1;
	d.args[2] = a2;
	d.args[3] = a3;
	d.args[4] = a4;
	if(exile_bpf_simulate(prog, &d, &action) < 0) /* else: the instructions it ran */
	{
		return 0xdeadu;
	}
	return action;
}

#define KILL SECCOMP_RET_KILL_PROCESS
#define ALLOW SECCOMP_RET_ALLOW
#define NOSYS (SECCOMP_RET_ERRNO | ENOSYS)
#define ABSENT (-1L)

/* One documented verdict: under vows, the call (by name; skipped where
 * this architecture lacks it) with these arguments gets expect. */
struct verdict
{
	const char *vows, *call;
	uint64_t a0, a1, a2, a3, a4;
	uint32_t expect;
};
static const struct verdict verdicts[] = {
	{ "stdio", "read", 0, 0, 0, 0, 0, ALLOW },
	{ "stdio", "write", 1, 0, 0, 0, 0, ALLOW },
	{ "stdio", "openat", (uint64_t)(int64_t)AT_FDCWD, 0, O_RDONLY, 0, 0, KILL },
	{ "stdio rpath", "openat", (uint64_t)(int64_t)AT_FDCWD, 0, O_RDONLY, 0, 0, ALLOW },
	{ "stdio rpath", "openat", (uint64_t)(int64_t)AT_FDCWD, 0, O_WRONLY, 0, 0, KILL },
	{ "stdio rpath", "openat", (uint64_t)(int64_t)AT_FDCWD, 0, O_RDONLY | O_TRUNC, 0, 0, KILL },
	{ "stdio rpath wpath", "openat", (uint64_t)(int64_t)AT_FDCWD, 0, O_WRONLY | O_CREAT, 0644, 0, KILL },
	{ "stdio rpath wpath cpath", "openat", (uint64_t)(int64_t)AT_FDCWD, 0, O_WRONLY | O_CREAT, 0644, 0, ALLOW },
	{ "stdio rpath wpath cpath", "openat", (uint64_t)(int64_t)AT_FDCWD, 0, O_WRONLY | O_CREAT, 04755, 0, KILL },
	{ "stdio rpath", "open", 0, O_RDONLY, 0, 0, 0, ALLOW },
	{ "stdio rpath", "open", 0, O_RDWR, 0, 0, 0, KILL },
	{ "stdio rpath", "openat2", 0, 0, 0, 0, 0, NOSYS },
	{ "stdio", "mmap", 0, 4096, PROT_READ | PROT_WRITE, 0, 0, ALLOW },
	{ "stdio", "mmap", 0, 4096, PROT_READ | PROT_EXEC, 0, 0, KILL },
	{ "stdio prot_exec", "mmap", 0, 4096, PROT_READ | PROT_EXEC, 0, 0, ALLOW },
	{ "stdio", "mmap2", 0, 4096, PROT_READ | PROT_WRITE, 0, 0, ALLOW },
	{ "stdio", "mmap2", 0, 4096, PROT_READ | PROT_EXEC, 0, 0, KILL },
	{ "stdio prot_exec", "mmap2", 0, 4096, PROT_READ | PROT_EXEC, 0, 0, ALLOW },
	{ "stdio", "mprotect", 0, 4096, PROT_EXEC, 0, 0, KILL },
	{ "stdio", "socket", AF_INET, SOCK_STREAM, 0, 0, 0, KILL },
	{ "stdio inet", "socket", AF_INET, SOCK_STREAM, 0, 0, 0, ALLOW },
	{ "stdio inet", "socket", AF_UNIX, SOCK_STREAM, 0, 0, 0, KILL },
	{ "stdio unix", "socket", AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, 0, 0, ALLOW },
	{ "stdio unix", "socket", AF_INET, SOCK_STREAM, 0, 0, 0, KILL },
	{ "stdio inet", "socket", 17 /* AF_PACKET */, SOCK_RAW, 0, 0, 0, KILL },
	{ "stdio", "sendto", 3, 0, 1, 0, 0, ALLOW },
	{ "stdio", "sendto", 3, 0, 1, 0, 0x1000, KILL },
	{ "stdio inet", "connect", 3, 0, 16, 0, 0, ALLOW },
	{ "stdio", "ioctl", 0, EXILE__TCGETS, 0, 0, 0, ALLOW },
	{ "stdio ioctl", "ioctl", 0, 0x5412 /* TIOCSTI */, 0, 0, 0, KILL },
	{ "stdio", "fcntl", 0, F_GETFL, 0, 0, 0, ALLOW },
	{ "stdio", "fcntl64", 0, F_GETFL, 0, 0, 0, ALLOW },
	{ "stdio", "fcntl", 0, F_SETOWN, 0, 0, 0, KILL },
	{ "stdio", "fcntl64", 0, F_SETOWN, 0, 0, 0, KILL },
	{ "stdio thread", "clone", 0x3d0f00 /* pthread_create's */, 0, 0, 0, 0, ALLOW },
	{ "stdio thread", "clone", SIGCHLD, 0, 0, 0, 0, KILL },
	{ "stdio", "clone", SIGCHLD, 0, 0, 0, 0, KILL },
	{ "stdio clone", "clone", SIGCHLD, 0, 0, 0, 0, ALLOW },
	{ "stdio", "fork", 0, 0, 0, 0, 0, KILL },
	{ "stdio", "execve", 0, 0, 0, 0, 0, KILL },
	{ "stdio exec", "execve", 0, 0, 0, 0, 0, ALLOW },
	{ "stdio", "setuid", 0, 0, 0, 0, 0, KILL },
	{ "stdio id", "setuid", 0, 0, 0, 0, 0, ALLOW },
	{ "stdio", "ptrace", 0, 0, 0, 0, 0, KILL },
	{ "stdio", "io_uring_setup", 0, 0, 0, 0, 0, KILL },
	{ "stdio", "newfstatat", 3, 0, 0, 0x1000 /* AT_EMPTY_PATH */, 0, ALLOW },
	{ "stdio", "newfstatat", (uint64_t)(int64_t)AT_FDCWD, 0, 0, 0, 0, KILL },
	{ "stdio", "statx", 3, 0, 0x1000, 0, 0, ALLOW },
	{ "stdio", "clock_gettime", 1, 0, 0, 0, 0, ALLOW },
	{ "", "exit_group", 0, 0, 0, 0, 0, ALLOW },
	{ "", "rt_sigreturn", 0, 0, 0, 0, 0, ALLOW },
	{ "", "read", 0, 0, 0, 0, 0, KILL },
	/* the 32-bit twins (i386, arm) */
	{ "stdio", "clock_gettime64", 1, 0, 0, 0, 0, ALLOW },
	{ "stdio", "futex_time64", 0, 0, 0, 0, 0, ALLOW },
	{ "stdio", "_llseek", 0, 0, 0, 0, 0, ALLOW },
	{ "stdio", "fstat64", 0, 0, 0, 0, 0, ALLOW },
	{ "stdio", "fcntl64", 0, EXILE__F_SETLKW64, 0, 0, 0, ALLOW },
	{ "stdio", "fstatat64", 3, 0, 0, 0x1000, 0, ALLOW },
	{ "stdio", "fstatat64", (uint64_t)(int64_t)AT_FDCWD, 0, 0, 0, 0, KILL },
	{ "stdio rpath", "fstatat64", (uint64_t)(int64_t)AT_FDCWD, 0, 0, 0, 0, ALLOW },
	{ "stdio", "stat64", 0, 0, 0, 0, 0, KILL },
	{ "stdio rpath", "stat64", 0, 0, 0, 0, 0, ALLOW },
	{ "stdio", "getuid32", 0, 0, 0, 0, 0, ALLOW },
	{ "stdio", "setuid32", 0, 0, 0, 0, 0, KILL },
	{ "stdio id", "setuid32", 0, 0, 0, 0, 0, ALLOW },
	{ "stdio", "chown32", 0, 0, 0, 0, 0, KILL },
	{ "stdio chown", "chown32", 0, 0, 0, 0, 0, ALLOW },
	{ "stdio", "truncate64", 0, 0, 0, 0, 0, KILL },
	{ "stdio wpath", "truncate64", 0, 0, 0, 0, 0, ALLOW },
	{ "stdio", "utimensat_time64", 0, 0, 0, 0, 0, KILL },
	{ "stdio fattr", "utimensat_time64", 0, 0, 0, 0, 0, ALLOW },
	{ "", "sigreturn", 0, 0, 0, 0, 0, ALLOW },
	{ "stdio", "semtimedop_time64", 0, 0, 0, 0, 0, KILL },
	{ "stdio shm", "semtimedop_time64", 0, 0, 0, 0, 0, ALLOW },
	/* i386's socketcall and ipc: by the call number in arg0 */
	{ "stdio inet unix", "socketcall", SYS_SOCKET, 0, 0, 0, 0, KILL },
	{ "stdio inet unix", "socketcall", SYS_SOCKETPAIR, 0, 0, 0, 0, KILL },
	{ "stdio inet unix", "socketcall", SYS_SETSOCKOPT, 0, 0, 0, 0, KILL },
	{ "stdio inet unix", "socketcall", SYS_GETSOCKOPT, 0, 0, 0, 0, KILL },
	{ "stdio inet", "socketcall", SYS_CONNECT, 0, 0, 0, 0, ALLOW },
	{ "stdio unix", "socketcall", SYS_BIND, 0, 0, 0, 0, ALLOW },
	{ "stdio", "socketcall", SYS_CONNECT, 0, 0, 0, 0, KILL },
	{ "stdio", "socketcall", SYS_SEND, 0, 0, 0, 0, ALLOW },
	{ "stdio", "socketcall", SYS_RECVMSG, 0, 0, 0, 0, ALLOW },
	{ "stdio", "socketcall", SYS_SENDTO, 0, 0, 0, 0, KILL },
	{ "stdio inet", "socketcall", SYS_SENDTO, 0, 0, 0, 0, ALLOW },
	{ "stdio inet", "socketcall", 0x10000 | SYS_CONNECT, 0, 0, 0, 0, KILL },
	{ "stdio", "ipc", SHMGET, 0, 0, 0, 0, KILL },
	{ "stdio shm", "ipc", SHMGET, 0, 0, 0, 0, ALLOW },
	{ "stdio shm", "ipc", SEMTIMEDOP, 0, 0, 0, 0, ALLOW },
	{ "stdio shm", "ipc", MSGRCV | (1u << 16), 0, 0, 0, 0, ALLOW },
	{ "stdio shm", "ipc", SHMAT, 1, SHM_RDONLY, 0, 0, ALLOW },
	{ "stdio shm", "ipc", SHMAT, 1, SHM_EXEC, 0, 0, KILL },
	{ "stdio shm prot_exec", "ipc", SHMAT, 1, SHM_EXEC, 0, 0, ALLOW },
	{ "stdio", "ipc", SHMDT, 0, 0, 0, 0, ALLOW },
	{ "stdio shm", "ipc", 25, 0, 0, 0, 0, KILL },
	/* arm's private calls */
	{ "stdio", "cacheflush", 0, 0, 0, 0, 0, ALLOW },
	{ "stdio", "set_tls", 0, 0, 0, 0, 0, ALLOW },
	{ "stdio", "breakpoint", 0, 0, 0, 0, 0, KILL },
	{ "stdio", "usr26", 0, 0, 0, 0, 0, KILL },
	/* riscv64's */
	{ "stdio", "riscv_flush_icache", 0, 0, 0, 0, 0, ALLOW },
};

static void check_verdicts(void)
{
	size_t i, checked = 0, skipped = 0;
	for(i = 0; i < sizeof(verdicts) / sizeof(verdicts[0]); i++)
	{
		const struct verdict *v = &verdicts[i];
		long nr = exile_syscall_nr(v->call);
		int err;
		struct sock_fprog prog;
		uint32_t got;
		if(nr < 0 || (EXILE__ARG_BITS == 32 && strcmp(v->call, "mmap") == 0))
		{
			skipped++; /* i386's mmap is old_mmap, arm has none (check_filter_frame) */
			continue;
		}
		prog = filter_of(v->vows, &err);
		CHECK(err == 0, "vows \"%s\": %s", v->vows, exile_last_error());
		if(err != 0)
		{
			continue;
		}
		got = run(&prog, EXILE__AUDIT_ARCH, nr, v->a0, v->a1, v->a2, v->a3, v->a4);
		CHECK(got == v->expect, "\"%s\": %s(0x%llx, 0x%llx, 0x%llx, 0x%llx, 0x%llx) gives 0x%x, documented 0x%x", v->vows, v->call,
				(unsigned long long)v->a0, (unsigned long long)v->a1, (unsigned long long)v->a2,
				(unsigned long long)v->a3, (unsigned long long)v->a4, got, v->expect);
		free(prog.filter);
		checked++;
	}
	CHECK(checked >= 40, "only %zu verdicts apply here", checked);
	printf("cross: %s: %zu documented verdicts (%zu calls this architecture lacks)\n", EXILE__ARCH_NAME, checked, skipped);
}

/* The arch check, numbers no table names, and the 32-bit ones */
static void check_filter_frame(void)
{
	static const uint32_t arches[] = { 0xC000003EU, 0x40000003U, 0xC00000B7U, 0xC00000F3U, 0x40000028U, 0x4000003EU };
	int err;
	struct sock_fprog prog = filter_of("stdio rpath wpath cpath inet unix", &err);
	size_t i;
	long nr, named = 0;
	CHECK(err == 0, "build: %s", exile_last_error());
	if(err != 0)
	{
		return;
	}
	for(i = 0; i < sizeof(arches) / sizeof(arches[0]); i++)
	{
		if(arches[i] != EXILE__AUDIT_ARCH)
		{
			CHECK(run(&prog, arches[i], exile_syscall_nr("read"), 0, 0, 0, 0, 0) == KILL, "arch 0x%x: read not killed",
					(unsigned)arches[i]);
			CHECK(run(&prog, arches[i], 0, 0, 0, 0, 0, 0) == KILL, "arch 0x%x: 0 not killed", (unsigned)arches[i]);
		}
	}
	/* every number: named ones get a vow's verdict or the deny, unnamed ones ENOSYS */
	for(nr = 0; nr < EXILE__NR_COUNT + 16; nr++)
	{
		uint32_t got = run(&prog, EXILE__AUDIT_ARCH, nr, 0, 0, 0, 0, 0);
		if(exile_syscall_name(nr) == NULL)
		{
			CHECK(got == NOSYS, "unnamed %ld gives 0x%x, not ENOSYS", nr, got);
		}
		else
		{
			named++;
			CHECK(got != NOSYS || nr == exile_syscall_nr("openat2") || nr == exile_syscall_nr("clone3"),
					"%s (%ld) gives ENOSYS", exile_syscall_name(nr), nr);
		}
	}
	CHECK(run(&prog, EXILE__AUDIT_ARCH, 0x0f0007, 0, 0, 0, 0, 0) == NOSYS, "0x0f0007 not ENOSYS");
	CHECK(run(&prog, EXILE__AUDIT_ARCH, 0x3fffffff, 0, 0, 0, 0, 0) == NOSYS, "0x3fffffff not ENOSYS");
#if defined(__x86_64__)
	CHECK(run(&prog, EXILE__AUDIT_ARCH, 0x40000000 | 0, 0, 0, 0, 0, 0) == KILL, "x32 read not killed");
	CHECK(run(&prog, EXILE__AUDIT_ARCH, 0x40000000 | 257, 0, 0, O_RDONLY, 0, 0) == KILL, "x32 openat not killed");
#else
	CHECK(run(&prog, EXILE__AUDIT_ARCH, 0x40000000, 0, 0, 0, 0, 0) == NOSYS, "0x40000000 not ENOSYS");
#endif
#if defined(__i386__)
	CHECK(exile_syscall_nr("mmap") == 90, "i386 old mmap is not 90");
	CHECK(run(&prog, EXILE__AUDIT_ARCH, 90, 0, 0, 0, 0, 0) == KILL, "i386 old_mmap (arguments in memory) is allowed");
#endif
	/* the build's AUDIT_ARCH, against the headers */
#if defined(__x86_64__)
	CHECK(EXILE__AUDIT_ARCH == AUDIT_ARCH_X86_64, "AUDIT_ARCH 0x%x", (unsigned)EXILE__AUDIT_ARCH);
#elif defined(__i386__)
	CHECK(EXILE__AUDIT_ARCH == AUDIT_ARCH_I386, "AUDIT_ARCH 0x%x", (unsigned)EXILE__AUDIT_ARCH);
#elif defined(__aarch64__)
	CHECK(EXILE__AUDIT_ARCH == AUDIT_ARCH_AARCH64, "AUDIT_ARCH 0x%x", (unsigned)EXILE__AUDIT_ARCH);
#elif defined(__riscv)
	CHECK(EXILE__AUDIT_ARCH == AUDIT_ARCH_RISCV64, "AUDIT_ARCH 0x%x", (unsigned)EXILE__AUDIT_ARCH);
#elif defined(__arm__)
	CHECK(EXILE__AUDIT_ARCH == AUDIT_ARCH_ARM, "AUDIT_ARCH 0x%x", (unsigned)EXILE__AUDIT_ARCH);
#endif
	CHECK(named > 250, "only %ld named numbers", named);
	free(prog.filter);
}

/* 64-bit argument comparisons: the low word on 32-bit architectures */
static void check_arg_width(void)
{
	struct exile_policy *p = exile_create_policy();
	struct exile_arg_cmp big[] = { EXILE_ARG_EQ(0, 0x100000005ULL) };
	struct exile_arg_cmp neg[] = { EXILE_ARG_EQ(0, (uint64_t)(int64_t)-100) };
	struct exile_arg_cmp lt[] = { EXILE_ARG_LT(2, 0x10) };
	struct sock_fprog prog = { 0, NULL };
	long openat = exile_syscall_nr("openat"), dup = exile_syscall_nr("dup");
	int r;
	if(p == NULL)
	{
		CHECK(0, "no policy");
		return;
	}
	r = exile_append_syscall_rule(p, dup, EXILE_SYSCALL_DENY_RET_ERROR, big, 1);
#if EXILE__ARG_BITS == 32
	CHECK(r == -EINVAL, "a 64-bit value no register holds: %d, not -EINVAL", r);
	exile_free_policy(p);
	p = exile_create_policy();
#else
	CHECK(r == 0, "a 64-bit value: %d", r);
#endif
	CHECK(exile_append_syscall_rule(p, openat, EXILE_SYSCALL_DENY_RET_ERROR, neg, 1) == 0, "%s", exile_last_error());
	CHECK(exile_append_syscall_rule(p, dup, EXILE_SYSCALL_DENY_RET_ERROR, lt, 1) == 0, "%s", exile_last_error());
	CHECK(exile_append_syscall_default_policy(p, EXILE_SYSCALL_ALLOW) == 0, "%s", exile_last_error());
	CHECK(exile_syscall_policy_to_bpf(p, &prog) == 0, "%s", exile_last_error());
	if(prog.filter != NULL)
	{
		uint32_t deny = SECCOMP_RET_ERRNO | EACCES;
#if EXILE__ARG_BITS == 32
		/* the register holds 0xffffff9c; the high word is not looked at */
		CHECK(run(&prog, EXILE__AUDIT_ARCH, openat, 0xffffff9cULL, 0, 0, 0, 0) == deny, "AT_FDCWD in a 32-bit register");
		CHECK(run(&prog, EXILE__AUDIT_ARCH, openat, 0xdeadbeefffffff9cULL, 0, 0, 0, 0) == deny, "high word looked at");
		CHECK(run(&prog, EXILE__AUDIT_ARCH, dup, 0, 0, 0x100000005ULL, 0, 0) == deny, "LT: high word looked at");
#else
		CHECK(run(&prog, EXILE__AUDIT_ARCH, openat, (uint64_t)(int64_t)-100, 0, 0, 0, 0) == deny, "AT_FDCWD");
		CHECK(run(&prog, EXILE__AUDIT_ARCH, openat, 0xffffff9cULL, 0, 0, 0, 0) == ALLOW, "64-bit: high word ignored");
		CHECK(run(&prog, EXILE__AUDIT_ARCH, dup, 0, 0, 0x100000005ULL, 0, 0) == ALLOW, "64-bit LT");
#endif
		CHECK(run(&prog, EXILE__AUDIT_ARCH, openat, 3, 0, 0, 0, 0) == ALLOW, "openat(3)");
		CHECK(run(&prog, EXILE__AUDIT_ARCH, dup, 0, 0, 5, 0, 0) == deny, "dup LT");
		free(prog.filter);
	}
	exile_free_policy(p);
}

/* The constants exile carries, against this architecture's headers */
static void check_constants(void)
{
#define SAME(name) CHECK((uint32_t)(name) == EXILE__##name, "EXILE__%s is 0x%x, the headers say 0x%x", #name, (unsigned)EXILE__##name, (unsigned)(name))
	SAME(TCGETS); SAME(TCSETS); SAME(TIOCSTI); SAME(TIOCGWINSZ); SAME(TIOCSWINSZ); SAME(FIONREAD); SAME(TIOCLINUX);
	SAME(FIONBIO); SAME(FIOCLEX); SAME(FIONCLEX); SAME(TIOCGPTN); SAME(TIOCSPTLCK); SAME(FIOASYNC); SAME(FIOQSIZE);
	SAME(F_GETFL); SAME(F_SETFL); SAME(F_GETLK); SAME(F_SETLK); SAME(F_SETLKW); SAME(F_SETOWN); SAME(F_GETOWN);
	SAME(F_OFD_GETLK); SAME(F_OFD_SETLKW); SAME(F_SETLEASE); SAME(F_NOTIFY); SAME(F_DUPFD_CLOEXEC); SAME(F_ADD_SEALS);
	SAME(FS_IOC_GETFLAGS);
#if EXILE__ARG_BITS == 32
	SAME(F_GETLK64); SAME(F_SETLK64); SAME(F_SETLKW64);
#endif
	CHECK(EXILE__O_TMPFILE_BIT == (O_TMPFILE & ~(unsigned)O_DIRECTORY), "__O_TMPFILE is 0%o here", (unsigned)(O_TMPFILE & ~(unsigned)O_DIRECTORY));
	CHECK((O_ACCMODE & 3) == 3 && O_RDONLY == 0 && O_WRONLY == 1 && O_RDWR == 2, "access modes");
	CHECK(O_CREAT == 0100 && O_TRUNC == 01000 && O_APPEND == 02000, "O_CREAT/O_TRUNC/O_APPEND differ here");
	CHECK(PROT_EXEC == 4 && SHM_EXEC == 0100000, "PROT_EXEC/SHM_EXEC differ here");
	CHECK(AT_EMPTY_PATH == 0x1000, "AT_EMPTY_PATH differs here");
	CHECK(AF_UNIX == 1 && AF_INET == 2 && AF_INET6 == 10 && AF_NETLINK == 16, "address families differ here");
	CHECK(SIGCHLD == 17 && SIGSYS == 31, "signal numbers differ here");
	CHECK(SOCK_NONBLOCK == 04000 && SOCK_CLOEXEC == 02000000, "socket type flags differ here");
	CHECK(SYS_SOCKET == 1 && SYS_BIND == 2 && SYS_CONNECT == 3 && SYS_SEND == 9 && SYS_SENDTO == 11 && SYS_RECVMSG == 17
			&& SYS_ACCEPT4 == 18 && SYS_SENDMMSG == 20, "socketcall numbers");
	CHECK(SEMOP == 1 && SEMTIMEDOP == 4 && MSGRCV == 12 && SHMAT == 21 && SHMDT == 22 && SHMCTL == 24, "ipc numbers");
#undef SAME
}

/* Every vow alone and all together: a filter the kernel would load */
static void check_sizes(void)
{
	static const char *const vows[] = { "stdio", "rpath", "wpath", "cpath", "dpath", "fattr", "chown", "exec",
		"prot_exec", "clone", "thread", "proc", "id", "inet", "unix", "ioctl", "fsnotify", "sched", "shm", "prctl",
		"seccomp_install", "stdio rpath wpath cpath inet", "stdio rpath wpath cpath dpath fattr chown exec prot_exec clone "
		"thread proc id inet unix ioctl fsnotify sched shm prctl seccomp_install error", "" };
	size_t i;
	unsigned longest = 0;
	for(i = 0; i < sizeof(vows) / sizeof(vows[0]); i++)
	{
		int err;
		struct sock_fprog prog = filter_of(vows[i], &err);
		CHECK(err == 0 && prog.len > 0 && prog.len <= 4096, "\"%s\": %d, %u instructions", vows[i], err, (unsigned)prog.len);
		CHECK(err != 0 || exile__bpf_check(prog.filter, prog.len) == 0, "\"%s\": the kernel's checks refuse it", vows[i]);
		longest = prog.len > longest ? prog.len : longest;
		free(prog.filter);
	}
	printf("cross: %s: every vow's filter builds (longest %u instructions)\n", EXILE__ARCH_NAME, longest);
}

#if defined(__i386__)
#include <sys/wait.h>
/* i386 binaries run natively on an x86_64 kernel with IA32 emulation, where
 * seccomp works: the i386 filter is then enforced for real (--live). The
 * outcome of one call in a forked child under vows: 0 it returned,
 * 100 + errno it failed, -signal it was killed. */
static int live(const char *vows, long nr, long a0, long a1, long a2, long a3)
{
	int st = 0;
	pid_t p = fork();
	if(p == 0)
	{
		long r;
		if(exile_vow(exile_vows_from_str(vows)) != 0)
		{
			_exit(99);
		}
		r = syscall(nr, a0, a1, a2, a3, 0, 0);
		_exit(r == -1 ? 100 + (errno & 0x7f) : 0); /* (an address from mmap2 may look negative) */
	}
	if(p < 0 || waitpid(p, &st, 0) != p)
	{
		return -1000;
	}
	return WIFSIGNALED(st) ? -WTERMSIG(st) : WEXITSTATUS(st);
}

static void check_live(void)
{
	long inet[3] = { AF_INET, SOCK_STREAM, 0 }, sv[2] = { 0, 0 };
	long un[4] = { AF_UNIX, SOCK_STREAM, 0, (long)sv };
	struct timespec ts;
	CHECK(live("stdio", __NR_write, 1, (long)"", 0, 0) == 0, "write under stdio");
	CHECK(live("stdio inet unix", __NR_socketcall, SYS_SOCKET, (long)inet, 0, 0) == -SIGSYS, "socketcall(SOCKET) not killed");
	CHECK(live("stdio inet unix", __NR_socketcall, SYS_SOCKETPAIR, (long)un, 0, 0) == -SIGSYS, "socketcall(SOCKETPAIR) not killed");
	CHECK(live("stdio inet", __NR_socket, AF_INET, SOCK_STREAM, 0, 0) == 0, "direct socket under inet");
	CHECK(live("stdio unix", __NR_socket, AF_INET, SOCK_STREAM, 0, 0) == -SIGSYS, "direct AF_INET socket under unix");
	CHECK(live("stdio unix", __NR_socketpair, AF_UNIX, SOCK_STREAM, 0, (long)sv) == 0, "direct socketpair under unix");
	CHECK(live("stdio", 90 /* old_mmap */, 0, 0, 0, 0) == -SIGSYS, "old_mmap not killed");
	CHECK(live("stdio", __NR_mmap2, 0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS) == 0, "mmap2 under stdio");
	CHECK(live("stdio", __NR_mmap2, 0, 4096, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS) == -SIGSYS, "mmap2 PROT_EXEC");
	CHECK(live("stdio rpath", __NR_openat, AT_FDCWD, (long)"/", O_RDONLY, 0) == 0, "openat under rpath");
	CHECK(live("stdio rpath", __NR_openat, AT_FDCWD, (long)"/nonexistent-exile", O_WRONLY | O_CREAT, 0644) == -SIGSYS, "openat O_CREAT");
	CHECK(live("stdio", 403 /* clock_gettime64 */, CLOCK_MONOTONIC, (long)&ts, 0, 0) == 0, "clock_gettime64 under stdio");
	CHECK(live("stdio", __NR_ipc, SHMGET, 0 /* IPC_PRIVATE */, 4096, 0600) == -SIGSYS, "ipc(SHMGET) under stdio");
	CHECK(live("stdio shm", __NR_ipc, SHMGET, 0, 4096, 0600) == 0, "ipc(SHMGET) under shm");
	CHECK(live("stdio shm", __NR_ipc, SHMAT, 0, SHM_EXEC, 0) == -SIGSYS, "ipc(SHMAT, SHM_EXEC) under shm");
	CHECK(live("stdio", __NR_getuid32, 0, 0, 0, 0) == 0, "getuid32 under stdio");
	CHECK(live("stdio", __NR_setuid32, (long)getuid(), 0, 0, 0) == -SIGSYS, "setuid32 under stdio");
	printf("cross: %s: enforced live (IA32 emulation of this x86_64 kernel)\n", EXILE__ARCH_NAME);
}
#endif

int main(int argc, char **argv)
{
	size_t i;
#if defined(__i386__)
	if(argc == 2 && strcmp(argv[1], "--live") == 0)
	{
		check_live();
		printf("cross: %s: %d passed, %d failed\n", EXILE__ARCH_NAME, passed, failed);
		return failed != 0;
	}
#endif
	if(argc == 2 && strcmp(argv[1], "--names") == 0)
	{
		for(i = 0; i < NHEADER; i++)
		{
			printf("{ \"%s\", %ld },\n", header_names[i].name, header_names[i].nr);
		}
		return 0;
	}
	check_names();
	check_verdicts();
	check_filter_frame();
	check_arg_width();
	check_constants();
	check_sizes();
	printf("cross: %s: %d passed, %d failed\n", EXILE__ARCH_NAME, passed, failed);
	return failed != 0;
}
