/* exile.h test suite (cmocka).
 *
 * Two layers: pure tests (parsing, the assembler, the simulator, the name
 * table) run in the test process; every test that enforces anything runs in
 * a forked child, because seccomp, capability drops and no_new_privs cannot
 * be undone. The parent asserts the exact outcome: an exit code that carries
 * the probe's errno, or death by SIGSYS. Probes use harmless arguments (fd -1,
 * paths that do not exist) so that "allowed" shows as EBADF/ENOENT/EINVAL and
 * "denied" as EACCES (vow "error") or SIGSYS.
 */
#define _GNU_SOURCE
#define EXILE_IMPLEMENTATION
#define EXILE_LOG_ERROR(...) ((void)0)
#include "exile.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <seccomp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/personality.h>
#include <sys/ptrace.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <termios.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <unistd.h>

#define EXIT_KILLED_SIGSYS (-SIGSYS)
#define EXIT_ENABLE_FAILED 200

/* ------------------------------------------------------------------------ */
/* helpers                                                                   */
/* ------------------------------------------------------------------------ */

/* Runs fn(arg) in a forked child and returns its outcome: the exit code, or
 * -signal when a signal killed it. */
static int in_child(int (*fn)(void *), void *arg)
{
	int status = 0;
	pid_t pid;
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	assert_true(pid >= 0);
	if(pid == 0)
	{
		struct rlimit nocore = { 0, 0 };
		setrlimit(RLIMIT_CORE, &nocore);
		_exit(fn(arg));
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	if(WIFSIGNALED(status))
	{
		return -WTERMSIG(status);
	}
	return WEXITSTATUS(status);
}

static int enable_vows(const char *vows)
{
	struct exile_policy *p = exile_create_policy();
	if(p == NULL)
	{
		return -ENOMEM;
	}
	p->no_new_privs = 1;
	p->vow_promises = exile_vows_from_str(vows);
	return exile_enable_policy(p);
}

static int errno_of(long r)
{
	return r < 0 ? errno : 0;
}

static struct sock_fprog policy_bpf(const char *vows)
{
	struct sock_fprog prog;
	struct exile_policy *p = exile_create_policy();
	assert_non_null(p);
	p->vow_promises = exile_vows_from_str(vows);
	assert_int_equal(exile_syscall_policy_to_bpf(p, &prog), 0);
	exile_free_policy(p);
	return prog;
}

static uint32_t sim(const struct sock_fprog *prog, long nr, uint64_t a0, uint64_t a1, uint64_t a2, int *count)
{
	struct seccomp_data d;
	uint32_t action = 0xdead;
	int c;
	memset(&d, 0, sizeof(d));
	d.nr = (int)nr;
	d.arch = AUDIT_ARCH_X86_64;
	d.args[0] = a0;
	d.args[1] = a1;
	d.args[2] = a2;
	c = exile_bpf_simulate(prog, &d, &action);
	assert_true(c > 0);
	if(count != NULL)
	{
		*count = c;
	}
	return action;
}

/* The kernel's constant-action cache (kernel/seccomp.c, seccomp_is_const_allow)
 * emulates a filter for one syscall number with only arch and nr known: a
 * load of anything else, or an instruction other than constant jumps, makes
 * the number uncacheable. This re-implements that rule. */
static int kernel_would_cache_allow(const struct sock_fprog *prog, int nr)
{
	uint32_t A = 0;
	unsigned pc = 0;
	while(pc < prog->len)
	{
		const struct sock_filter *in = &prog->filter[pc++];
		switch(in->code)
		{
		case BPF_LD | BPF_W | BPF_ABS:
			if(in->k == offsetof(struct seccomp_data, nr))
			{
				A = (uint32_t)nr;
			}
			else if(in->k == offsetof(struct seccomp_data, arch))
			{
				A = AUDIT_ARCH_X86_64;
			}
			else
			{
				return 0;
			}
			break;
		case BPF_RET | BPF_K:
			return in->k == SECCOMP_RET_ALLOW;
		case BPF_JMP | BPF_JA:
			pc += in->k;
			break;
		case BPF_JMP | BPF_JEQ | BPF_K:
			pc += (A == in->k) ? in->jt : in->jf;
			break;
		case BPF_JMP | BPF_JGE | BPF_K:
			pc += (A >= in->k) ? in->jt : in->jf;
			break;
		case BPF_JMP | BPF_JGT | BPF_K:
			pc += (A > in->k) ? in->jt : in->jf;
			break;
		case BPF_JMP | BPF_JSET | BPF_K:
			pc += (A & in->k) ? in->jt : in->jf;
			break;
		case BPF_ALU | BPF_AND | BPF_K:
			A &= in->k;
			break;
		default:
			return 0;
		}
	}
	return 0;
}

/* ------------------------------------------------------------------------ */
/* vow probes: one forked child each, table driven                           */
/* ------------------------------------------------------------------------ */

#define SELF 0x5E1F5E1FL /* replaced by getpid() in the child */

struct probe
{
	const char *name;
	const char *vows;
	long nr;
	long a[6];
	int expect; /* 0 success, an errno, or EXIT_KILLED_SIGSYS */
};

static char buf[4096];
static const char *const nonexistent = "/nonexistent-exile-test";
static const char *const nonexistent_child = "/nonexistent-exile-test/child";
static const char *const root_dir = "/";

#define P(n, v, nr, a0, a1, a2, a3, a4, a5, e) { n, v, nr, { (long)(a0), (long)(a1), (long)(a2), (long)(a3), (long)(a4), (long)(a5) }, e }
#define ALL_VOWS "chown clone cpath dpath exec fattr fsnotify id inet ioctl prctl proc prot_exec rpath sched seccomp_install shm stdio thread unix wpath"

static const struct probe probes[] = {
	/* open and its flags (VOWS.md §3.1) */
	P("vow_rpath_opens_directory", "stdio rpath", __NR_openat, AT_FDCWD, root_dir, O_RDONLY | O_DIRECTORY, 0, 0, 0, 0),
	P("vow_rpath_allows_o_rdonly", "stdio rpath error", __NR_openat, AT_FDCWD, nonexistent, O_RDONLY, 0, 0, 0, ENOENT),
	P("vow_rpath_denies_o_trunc", "stdio rpath error", __NR_openat, AT_FDCWD, nonexistent, O_RDONLY | O_TRUNC, 0, 0, 0, EACCES),
	P("vow_rpath_denies_o_append", "stdio rpath error", __NR_openat, AT_FDCWD, nonexistent, O_RDONLY | O_APPEND, 0, 0, 0, EACCES),
	P("vow_rpath_denies_o_rdwr", "stdio rpath error", __NR_openat, AT_FDCWD, nonexistent, O_RDWR, 0, 0, 0, EACCES),
	P("vow_rpath_denies_o_wronly", "stdio rpath error", __NR_openat, AT_FDCWD, nonexistent, O_WRONLY, 0, 0, 0, EACCES),
	P("vow_rpath_wpath_allow_o_rdwr", "stdio rpath wpath error", __NR_openat, AT_FDCWD, nonexistent, O_RDWR, 0, 0, 0, ENOENT),
	P("vow_wpath_denies_o_rdonly_alone", "stdio wpath error", __NR_openat, AT_FDCWD, nonexistent, O_RDONLY, 0, 0, 0, EACCES),
	P("vow_wpath_allows_o_wronly_trunc", "stdio wpath error", __NR_openat, AT_FDCWD, nonexistent, O_WRONLY | O_TRUNC, 0, 0, 0, ENOENT),
	P("vow_wpath_denies_o_creat", "stdio rpath wpath error", __NR_openat, AT_FDCWD, nonexistent_child, O_WRONLY | O_CREAT, 0644, 0, 0, EACCES),
	P("vow_cpath_allows_o_creat", "stdio wpath cpath error", __NR_openat, AT_FDCWD, nonexistent_child, O_WRONLY | O_CREAT, 0644, 0, 0, ENOENT),
	P("vow_cpath_denies_setuid_creation_mode", "stdio wpath cpath error", __NR_openat, AT_FDCWD, nonexistent_child, O_WRONLY | O_CREAT, 04755, 0, 0, EACCES),
	P("vow_cpath_denies_setgid_creation_mode_open", "stdio wpath cpath error", __NR_open, nonexistent_child, O_WRONLY | O_CREAT, 02755, 0, 0, 0, EACCES),
	P("vow_rpath_wpath_deny_o_tmpfile", "stdio rpath wpath error", __NR_openat, AT_FDCWD, nonexistent, O_RDWR | O_TMPFILE, 0600, 0, 0, EACCES),
	P("vow_cpath_allows_o_tmpfile", "stdio rpath wpath cpath error", __NR_openat, AT_FDCWD, nonexistent, O_RDWR | O_TMPFILE, 0600, 0, 0, ENOENT),
	P("vow_cpath_creat_needs_wpath", "stdio cpath error", __NR_creat, nonexistent_child, 0644, 0, 0, 0, 0, EACCES),
	P("vow_cpath_wpath_allow_creat", "stdio cpath wpath error", __NR_creat, nonexistent_child, 0644, 0, 0, 0, 0, ENOENT),
	P("vow_legacy_open_denies_o_trunc", "stdio rpath error", __NR_open, nonexistent, O_RDONLY | O_TRUNC, 0, 0, 0, 0, EACCES),
	P("vow_open_high_bits_do_not_bypass", "stdio rpath error", __NR_openat, AT_FDCWD, nonexistent, (1L << 32) | O_RDONLY | O_TRUNC, 0, 0, 0, EACCES),
	P("vow_rpath_denies_open_by_handle_at", "stdio rpath error", __NR_open_by_handle_at, -1, 0, O_RDONLY, 0, 0, 0, EACCES),
	P("vow_rpath_allows_stat", "stdio rpath error", __NR_newfstatat, AT_FDCWD, nonexistent, buf, 0, 0, 0, ENOENT),
	P("vow_stdio_denies_stat", "stdio error", __NR_newfstatat, AT_FDCWD, nonexistent, buf, 0, 0, 0, EACCES),
	P("vow_stdio_denies_mkdir", "stdio rpath wpath error", __NR_mkdir, nonexistent_child, 0755, 0, 0, 0, 0, EACCES),
	P("vow_cpath_allows_mkdir", "stdio cpath error", __NR_mkdir, nonexistent_child, 0755, 0, 0, 0, 0, ENOENT),
	P("vow_dpath_denies_setuid_mknod", "stdio dpath error", __NR_mknodat, AT_FDCWD, nonexistent_child, 010000 | 04644, 0, 0, 0, EACCES),
	P("vow_dpath_allows_mkfifo", "stdio dpath error", __NR_mknodat, AT_FDCWD, nonexistent_child, 010000 | 0644, 0, 0, 0, ENOENT),
	/* fattr */
	P("vow_fattr_denies_setuid_mode", "stdio fattr error", __NR_fchmod, -1, 04755, 0, 0, 0, 0, EACCES),
	P("vow_fattr_denies_setgid_fchmodat", "stdio fattr error", __NR_fchmodat, AT_FDCWD, nonexistent, 02755, 0, 0, 0, EACCES),
	P("vow_fattr_allows_plain_mode", "stdio fattr error", __NR_fchmod, -1, 01755, 0, 0, 0, 0, EBADF),
	P("vow_stdio_denies_fchmod", "stdio error", __NR_fchmod, -1, 0755, 0, 0, 0, 0, EACCES),
	P("vow_chown_allows_fchown", "stdio chown error", __NR_fchown, -1, 0, 0, 0, 0, 0, EBADF),
	P("vow_stdio_denies_fchown", "stdio error", __NR_fchown, -1, 0, 0, 0, 0, 0, EACCES),
	/* ioctl (§3.5) */
	P("vow_ioctl_denies_tiocsti", "stdio ioctl error", __NR_ioctl, -1, TIOCSTI, 0, 0, 0, 0, EACCES),
	P("vow_ioctl_denies_tiocsti_high_bits", "stdio ioctl error", __NR_ioctl, -1, (1L << 32) | TIOCSTI, 0, 0, 0, 0, EACCES),
	P("vow_ioctl_denies_tioclinux", "stdio ioctl error", __NR_ioctl, -1, TIOCLINUX, 0, 0, 0, 0, EACCES),
	P("vow_stdio_allows_fionread", "stdio error", __NR_ioctl, -1, FIONREAD, 0, 0, 0, 0, EBADF),
	P("vow_stdio_allows_tcgets", "stdio error", __NR_ioctl, -1, TCGETS, 0, 0, 0, 0, EBADF),
	P("vow_stdio_denies_tcsets", "stdio error", __NR_ioctl, -1, TCSETS, 0, 0, 0, 0, EACCES),
	P("vow_ioctl_allows_tcsets", "stdio ioctl error", __NR_ioctl, -1, TCSETS, 0, 0, 0, 0, EBADF),
	P("vow_ioctl_allows_tiocgwinsz", "stdio ioctl error", __NR_ioctl, -1, TIOCGWINSZ, 0, 0, 0, 0, EBADF),
	P("vow_ioctl_denies_unlisted_request", "stdio ioctl error", __NR_ioctl, -1, 0x1234, 0, 0, 0, 0, EACCES),
	P("vow_inet_allows_siocgifindex", "stdio inet error", __NR_ioctl, -1, 0x8933, 0, 0, 0, 0, EBADF),
	/* sockets (§3.3, §3.4) */
	P("vow_inet_allows_tcp_nodelay", "stdio inet error", __NR_setsockopt, -1, IPPROTO_TCP, TCP_NODELAY, buf, 4, 0, EBADF),
	P("vow_inet_allows_ip_multicast_if", "stdio inet error", __NR_setsockopt, -1, IPPROTO_IP, IP_MULTICAST_IF, buf, 4, 0, EBADF),
	P("vow_inet_allows_so_reuseaddr", "stdio inet error", __NR_setsockopt, -1, SOL_SOCKET, SO_REUSEADDR, buf, 4, 0, EBADF),
	P("vow_inet_denies_so_attach_filter", "stdio inet error", __NR_setsockopt, -1, SOL_SOCKET, SO_ATTACH_FILTER, buf, 4, 0, EACCES),
	P("vow_inet_denies_so_debug", "stdio inet error", __NR_setsockopt, -1, SOL_SOCKET, SO_DEBUG, buf, 4, 0, EACCES),
	P("vow_inet_denies_tcp_ulp", "stdio inet error", __NR_setsockopt, -1, IPPROTO_TCP, 31, buf, 4, 0, EACCES),
	P("vow_unix_denies_tcp_nodelay", "stdio unix error", __NR_setsockopt, -1, IPPROTO_TCP, TCP_NODELAY, buf, 4, 0, EACCES),
	P("vow_unix_allows_so_sndbuf", "stdio unix error", __NR_setsockopt, -1, SOL_SOCKET, SO_SNDBUF, buf, 4, 0, EBADF),
	P("vow_inet_getsockopt_by_level", "stdio inet error", __NR_getsockopt, -1, IPPROTO_TCP, TCP_INFO, buf, buf + 8, 0, EBADF),
	P("vow_inet_denies_sock_raw", "stdio inet error", __NR_socket, AF_INET, SOCK_RAW, IPPROTO_RAW, 0, 0, 0, EACCES),
	P("vow_inet_denies_af_packet", "stdio inet error", __NR_socket, AF_PACKET, SOCK_RAW, 0, 0, 0, 0, EACCES),
	P("vow_inet_allows_udp", "stdio inet error", __NR_socket, AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0, 0, 0, 0, 0),
	P("vow_inet_allows_tcp6", "stdio inet error", __NR_socket, AF_INET6, SOCK_STREAM | SOCK_NONBLOCK, IPPROTO_TCP, 0, 0, 0, 0),
	P("vow_inet_allows_netlink_route", "stdio inet error", __NR_socket, AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, 0, 0, 0, 0, 0),
	P("vow_inet_denies_other_netlink", "stdio inet error", __NR_socket, AF_NETLINK, SOCK_RAW, 9 /* NETLINK_AUDIT */, 0, 0, 0, EACCES),
	P("vow_unix_denies_af_inet", "stdio unix error", __NR_socket, AF_INET, SOCK_STREAM, 0, 0, 0, 0, EACCES),
	P("vow_unix_allows_af_unix", "stdio unix error", __NR_socket, AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, 0, 0, 0, 0),
	P("vow_socket_high_bits_do_not_bypass", "stdio inet error", __NR_socket, (1L << 32) | AF_PACKET, SOCK_RAW, 0, 0, 0, 0, EACCES),
	P("vow_socket_high_bits_stay_af_inet", "stdio inet error", __NR_socket, (1L << 32) | AF_INET, SOCK_STREAM, 0, 0, 0, 0, 0),
	P("vow_socket_type_extra_bits_denied", "stdio inet error", __NR_socket, AF_INET, SOCK_STREAM | 0x100, 0, 0, 0, 0, EACCES),
	P("vow_stdio_denies_socket", "stdio error", __NR_socket, AF_UNIX, SOCK_STREAM, 0, 0, 0, 0, EACCES),
	P("vow_stdio_allows_socketpair_unix", "stdio error", __NR_socketpair, AF_UNIX, SOCK_STREAM, 0, buf, 0, 0, 0),
	P("vow_stdio_denies_socketpair_inet", "stdio error", __NR_socketpair, AF_INET, SOCK_STREAM, 0, buf, 0, 0, EACCES),
	P("vow_stdio_sendto_null_addr", "stdio error", __NR_sendto, -1, buf, 1, 0, 0, 0, EBADF),
	P("vow_stdio_sendto_needs_null_addr", "stdio error", __NR_sendto, -1, buf, 1, 0, buf, 16, EACCES),
	P("vow_inet_sendto_any_addr", "stdio inet error", __NR_sendto, -1, buf, 1, 0, buf, 16, EBADF),
	P("vow_stdio_denies_connect", "stdio error", __NR_connect, -1, buf, 16, 0, 0, 0, EACCES),
	/* processes (§3.8, §3.9) */
	P("vow_thread_clone3_enosys", "stdio thread error", __NR_clone3, 0, 0, 0, 0, 0, 0, ENOSYS),
	P("vow_stdio_clone3_enosys", "stdio", __NR_clone3, 0, 0, 0, 0, 0, 0, ENOSYS),
	P("vow_clone_allows_clone3", "stdio clone error", __NR_clone3, 0, 0, 0, 0, 0, 0, EINVAL),
	P("vow_thread_denies_clone_newuser", "stdio thread error", __NR_clone, CLONE_VM | CLONE_SIGHAND | CLONE_THREAD | CLONE_NEWUSER, 0, 0, 0, 0, 0, EACCES),
	P("vow_thread_denies_fork_flags", "stdio thread error", __NR_clone, SIGCHLD, 0, 0, 0, 0, 0, EACCES),
	P("vow_thread_allows_thread_flags", "stdio thread error", __NR_clone, CLONE_VM | CLONE_SIGHAND | CLONE_THREAD | CLONE_PIDFD, 0, 0, 0, 0, 0, EFAULT),
	P("vow_thread_denies_fork", "stdio thread error", __NR_fork, 0, 0, 0, 0, 0, 0, EACCES),
	P("vow_clone_allows_unshare", "stdio clone error", __NR_unshare, 0, 0, 0, 0, 0, 0, 0),
	P("vow_stdio_denies_unshare", "stdio thread error", __NR_unshare, 0, 0, 0, 0, 0, 0, EACCES),
	P("vow_stdio_kill_self", "stdio error", __NR_kill, SELF, 0, 0, 0, 0, 0, 0),
	P("vow_stdio_kill_self_only", "stdio error", __NR_kill, 1, 0, 0, 0, 0, 0, EACCES),
	P("vow_stdio_denies_kill_process_group", "stdio error", __NR_kill, 0, 0, 0, 0, 0, 0, EACCES),
	P("vow_proc_allows_kill_any", "stdio proc error", __NR_kill, 0x7FFFFFF0, 0, 0, 0, 0, 0, ESRCH),
	P("vow_stdio_denies_tkill", "stdio error", __NR_tkill, SELF, 0, 0, 0, 0, 0, EACCES),
	P("vow_stdio_prlimit_readonly", "stdio error", __NR_prlimit64, 0, RLIMIT_NOFILE, 0, buf, 0, 0, 0),
	P("vow_stdio_prlimit_denies_setting", "stdio error", __NR_prlimit64, 0, RLIMIT_NOFILE, buf, 0, 0, 0, EACCES),
	P("vow_stdio_prlimit_denies_other_pid", "stdio error", __NR_prlimit64, 1, RLIMIT_NOFILE, 0, buf, 0, 0, EACCES),
	P("vow_stdio_denies_setrlimit", "stdio error", __NR_setrlimit, RLIMIT_NOFILE, buf, 0, 0, 0, 0, EACCES),
	P("vow_stdio_denies_ptrace", "stdio error", __NR_ptrace, PTRACE_TRACEME, 0, 0, 0, 0, 0, EACCES),
	/* memory (§3.2) */
	P("vow_stdio_allows_mmap", "stdio error", __NR_mmap, 0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0, 0),
	P("vow_stdio_denies_prot_exec", "stdio error", __NR_mmap, 0, 4096, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0, EACCES),
	P("vow_stdio_denies_mprotect_exec", "stdio error", __NR_mprotect, 0, 4096, PROT_EXEC, 0, 0, 0, EACCES),
	P("vow_prot_exec_allows_it", "stdio prot_exec error", __NR_mmap, 0, 4096, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0, 0),
	P("vow_shm_denies_shm_exec", "stdio shm error", __NR_shmat, -1, 0, 0100000, 0, 0, 0, EACCES),
	P("vow_shm_allows_shmat", "stdio shm error", __NR_shmat, -1, 0, 0, 0, 0, 0, EINVAL),
	P("vow_personality_denies_read_implies_exec", "stdio error", __NR_personality, READ_IMPLIES_EXEC, 0, 0, 0, 0, 0, EACCES),
	P("vow_personality_allows_query", "stdio error", __NR_personality, 0xffffffffL, 0, 0, 0, 0, 0, 0),
	/* prctl, fcntl, seccomp (§3.6, §3.7, §2.21) */
	P("vow_stdio_denies_set_dumpable", "stdio error", __NR_prctl, PR_SET_DUMPABLE, 1, 0, 0, 0, 0, EACCES),
	P("vow_stdio_allows_get_dumpable", "stdio error", __NR_prctl, PR_GET_DUMPABLE, 0, 0, 0, 0, 0, 0),
	P("vow_prctl_allows_set_dumpable", "stdio prctl error", __NR_prctl, PR_SET_DUMPABLE, 1, 0, 0, 0, 0, 0),
	P("vow_stdio_denies_arch_prctl_set_cpuid", "stdio error", __NR_arch_prctl, 0x1012, 0, 0, 0, 0, 0, EACCES),
	P("vow_stdio_allows_fcntl_getfd", "stdio error", __NR_fcntl, -1, F_GETFD, 0, 0, 0, 0, EBADF),
	P("vow_stdio_denies_fcntl_setown", "stdio error", __NR_fcntl, -1, F_SETOWN, 1, 0, 0, 0, EACCES),
	P("vow_proc_allows_fcntl_setown", "stdio proc error", __NR_fcntl, -1, F_SETOWN, 1, 0, 0, 0, EBADF),
	P("vow_stdio_denies_fcntl_unknown", "stdio error", __NR_fcntl, -1, 9999, 0, 0, 0, 0, EACCES),
	P("vow_seccomp_install_denies_spec_allow", "stdio seccomp_install error", __NR_seccomp, SECCOMP_SET_MODE_FILTER, 4, 0, 0, 0, 0, EACCES),
	P("vow_seccomp_install_allows_action_avail", "stdio seccomp_install error", __NR_seccomp, SECCOMP_GET_ACTION_AVAIL, 0, buf, 0, 0, 0, 0),
	P("vow_stdio_denies_seccomp", "stdio error", __NR_seccomp, SECCOMP_GET_ACTION_AVAIL, 0, buf, 0, 0, 0, EACCES),
	/* ENOSYS (§5) */
	P("vow_openat2_enosys", "stdio rpath error", __NR_openat2, AT_FDCWD, nonexistent, buf, 24, 0, 0, ENOSYS),
	P("vow_openat2_enosys_without_error", "stdio rpath", __NR_openat2, AT_FDCWD, nonexistent, buf, 24, 0, 0, ENOSYS),
	P("vow_unknown_number_enosys", "stdio", EXILE__NR_COUNT, 0, 0, 0, 0, 0, 0, ENOSYS),
	P("vow_table_hole_enosys", "stdio", 400, 0, 0, 0, 0, 0, 0, ENOSYS),
	P("vow_error_does_not_change_enosys", "stdio error", 400, 0, 0, 0, 0, 0, 0, ENOSYS),
	/* the default action */
	P("vow_default_kills_with_sigsys", "stdio", __NR_mkdir, nonexistent_child, 0755, 0, 0, 0, 0, EXIT_KILLED_SIGSYS),
	P("vow_failed_argument_rule_kills", "stdio rpath", __NR_openat, AT_FDCWD, nonexistent, O_RDWR, 0, 0, 0, EXIT_KILLED_SIGSYS),
	P("vow_exec_needed_for_execve", "stdio rpath", __NR_execve, nonexistent, 0, 0, 0, 0, 0, EXIT_KILLED_SIGSYS),
	P("vow_exec_allows_execve", "stdio rpath exec error", __NR_execve, nonexistent, 0, 0, 0, 0, 0, ENOENT),
	/* never in any vow (§4) */
	P("vow_never_io_uring", ALL_VOWS " error", __NR_io_uring_setup, 1, buf, 0, 0, 0, 0, EACCES),
	P("vow_never_bpf", ALL_VOWS " error", __NR_bpf, 0, buf, 0, 0, 0, 0, EACCES),
	P("vow_never_ptrace", ALL_VOWS " error", __NR_ptrace, PTRACE_TRACEME, 0, 0, 0, 0, 0, EACCES),
	P("vow_never_perf_event_open", ALL_VOWS " error", __NR_perf_event_open, buf, 0, -1, -1, 0, 0, EACCES),
	P("vow_never_userfaultfd", ALL_VOWS " error", __NR_userfaultfd, 0, 0, 0, 0, 0, 0, EACCES),
	P("vow_never_keyctl", ALL_VOWS " error", __NR_keyctl, 0, 0, 0, 0, 0, 0, EACCES),
	P("vow_never_process_vm_readv", ALL_VOWS " error", __NR_process_vm_readv, 1, 0, 0, 0, 0, 0, EACCES),
	P("vow_never_mount", ALL_VOWS " error", __NR_mount, 0, 0, 0, 0, 0, 0, EACCES),
	P("vow_never_init_module", ALL_VOWS " error", __NR_init_module, 0, 0, 0, 0, 0, 0, EACCES),
	P("vow_never_open_by_handle_at", ALL_VOWS " error", __NR_open_by_handle_at, -1, 0, 0, 0, 0, 0, EACCES),
	P("vow_never_tiocsti", ALL_VOWS " error", __NR_ioctl, -1, TIOCSTI, 0, 0, 0, 0, EACCES),
	P("vow_never_personality_addr_no_randomize", ALL_VOWS " error", __NR_personality, ADDR_NO_RANDOMIZE, 0, 0, 0, 0, 0, EACCES),
	P("vow_all_allows_sigaltstack", "stdio error", __NR_sigaltstack, 0, buf, 0, 0, 0, 0, 0),
};

static int probe_child(void *arg)
{
	const struct probe *pr = (const struct probe *)arg;
	long a[6];
	int i, err;
	for(i = 0; i < 6; i++)
	{
		a[i] = pr->a[i] == SELF ? (long)getpid() : pr->a[i];
	}
	err = enable_vows(pr->vows);
	if(err != 0)
	{
		fprintf(stderr, "%s: enabling \"%s\": %s\n", pr->name, pr->vows, exile_last_error());
		return EXIT_ENABLE_FAILED;
	}
	return errno_of(syscall(pr->nr, a[0], a[1], a[2], a[3], a[4], a[5]));
}

static void test_probe(void **state)
{
	const struct probe *pr = (const struct probe *)*state;
	int got = in_child(probe_child, (void *)pr);
	if(got != pr->expect)
	{
		fail_msg("%s: vows \"%s\", syscall %s: expected %d (%s), got %d (%s)", pr->name, pr->vows,
				exile_syscall_name(pr->nr) ? exile_syscall_name(pr->nr) : "?", pr->expect,
				pr->expect < 0 ? strsignal(-pr->expect) : strerror(pr->expect), got,
				got < 0 ? strsignal(-got) : (got == EXIT_ENABLE_FAILED ? "enable failed" : strerror(got)));
	}
}

/* ------------------------------------------------------------------------ */
/* pure tests: parsing, names, the assembler, the simulator                  */
/* ------------------------------------------------------------------------ */

static void vows_from_str_parses_names(void **state)
{
	(void)state;
	assert_true(exile_vows_from_str("stdio rpath") == (EXILE_SYSCALL_VOW_STDIO | EXILE_SYSCALL_VOW_RPATH));
	assert_true(exile_vows_from_str("\tstdio\n  rpath  ") == (EXILE_SYSCALL_VOW_STDIO | EXILE_SYSCALL_VOW_RPATH));
	assert_true(exile_vows_from_str("") == 0);
	assert_true(exile_vows_from_str("   ") == 0);
	assert_true(exile_vows_from_str("error") == EXILE_SYSCALL_VOW_DENY_ERROR);
	assert_true(exile_vows_from_str(ALL_VOWS) == 0x3FFFFEu);
	assert_string_equal(exile_vow_name(EXILE_SYSCALL_VOW_PROT_EXEC), "prot_exec");
}

static void vows_from_str_unknown_word(void **state)
{
	uint64_t v;
	(void)state;
	v = exile_vows_from_str("stdio rpth");
	assert_true(v & EXILE_SYSCALL_VOW_INVALID);
	assert_true(v & EXILE_SYSCALL_VOW_STDIO);
	assert_non_null(strstr(exile_last_error(), "\"rpth\""));
	assert_non_null(strstr(exile_last_error(), "did you mean \"rpath\""));
	v = exile_vows_from_str("stdio,rpath");
	assert_true(v & EXILE_SYSCALL_VOW_INVALID);
}

static void enable_rejects_invalid_vows(void **state)
{
	struct exile_policy *p = exile_create_policy();
	(void)state;
	p->vow_promises = exile_vows_from_str("stdio nonsense");
	assert_int_equal(exile_enable_policy(p), -EINVAL);
	assert_non_null(strstr(exile_last_error(), "EXILE_SYSCALL_VOW_INVALID"));
	p->vow_promises = EXILE_SYSCALL_VOW_STDIO | ((uint64_t)1 << 40);
	assert_int_equal(exile_enable_policy(p), -EINVAL);
	assert_non_null(strstr(exile_last_error(), "unassigned"));
	exile_free_policy(p);
}

static void enable_rejects_null_policy(void **state)
{
	struct sock_fprog prog;
	(void)state;
	assert_int_equal(exile_enable_policy(NULL), -EINVAL);
	assert_non_null(strstr(exile_last_error(), "NULL policy"));
	assert_int_equal(exile_syscall_policy_to_bpf(NULL, &prog), -EINVAL);
	assert_int_equal(exile_append_syscall_policy(NULL, 0, EXILE_SYSCALL_ALLOW, NULL, 0), -EINVAL);
	exile_free_policy(NULL);
}

static void bad_action_is_rejected_and_poisons_policy(void **state)
{
	struct exile_policy *p = exile_create_policy();
	(void)state;
	assert_int_equal(exile_append_syscall_policy(p, __NR_getuid, 99, NULL, 0), -EINVAL);
	assert_non_null(strstr(exile_last_error(), "invalid action 99"));
	assert_int_equal(exile_append_syscall_policy(p, __NR_getuid, EXILE_SYSCALL_DENY_ERRNO(0), NULL, 0), -EINVAL);
	assert_int_equal(exile_append_syscall_policy(p, __NR_getuid, EXILE_SYSCALL_DENY_ERRNO(4096), NULL, 0), -EINVAL);
	assert_int_equal(exile_append_syscall_default_policy(p, EXILE_SYSCALL_ALLOW), 0);
	/* a failed append must not leave a policy that enables with less */
	assert_int_equal(exile_enable_policy(p), -EINVAL);
	assert_non_null(strstr(exile_last_error(), "earlier exile_append"));
	exile_free_policy(p);
}

static void rules_without_default_are_rejected(void **state)
{
	struct exile_policy *p = exile_create_policy();
	struct sock_fprog prog;
	(void)state;
	assert_int_equal(exile_append_syscall_policy(p, __NR_getuid, EXILE_SYSCALL_DENY_RET_ERROR, NULL, 0), 0);
	assert_int_equal(exile_syscall_policy_to_bpf(p, &prog), -EINVAL);
	assert_non_null(strstr(exile_last_error(), "no default"));
	assert_int_equal(exile_append_syscall_default_policy(p, EXILE_SYSCALL_ALLOW), 0);
	assert_int_equal(exile_append_syscall_default_policy(p, EXILE_SYSCALL_ALLOW), 0);
	assert_int_equal(exile_syscall_policy_to_bpf(p, &prog), -EINVAL);
	assert_non_null(strstr(exile_last_error(), "two default rules"));
	exile_free_policy(p);
}

static void vows_with_allowing_default_are_rejected(void **state)
{
	struct exile_policy *p = exile_create_policy();
	struct sock_fprog prog;
	(void)state;
	p->vow_promises = EXILE_SYSCALL_VOW_STDIO;
	assert_int_equal(exile_append_syscall_default_policy(p, EXILE_SYSCALL_ALLOW), 0);
	assert_int_equal(exile_syscall_policy_to_bpf(p, &prog), -EINVAL);
	assert_non_null(strstr(exile_last_error(), "void the vows"));
	exile_free_policy(p);
}

static void too_many_rules_give_e2big(void **state)
{
	struct exile_policy *p = exile_create_policy();
	struct sock_fprog prog;
	struct sock_filter snippet[] = { EXILE_BPF_LOAD_SECCOMP_ARG(0), EXILE_BPF_NO_MATCH(1) };
	int i;
	(void)state;
	for(i = 0; i < 1500; i++)
	{
		assert_int_equal(exile_append_syscall_policy(p, __NR_write, EXILE_SYSCALL_DENY_RET_ERROR, snippet, 2), 0);
	}
	assert_int_equal(exile_append_syscall_default_policy(p, EXILE_SYSCALL_ALLOW), 0);
	assert_int_equal(exile_syscall_policy_to_bpf(p, &prog), -E2BIG);
	assert_non_null(strstr(exile_last_error(), "4096"));
	exile_free_policy(p);
}

static void syscall_names_both_ways(void **state)
{
	(void)state;
	assert_string_equal(exile_syscall_name(0), "read");
	assert_string_equal(exile_syscall_name(__NR_openat), "openat");
	assert_string_equal(exile_syscall_name(470), "listns");
	assert_null(exile_syscall_name(400));
	assert_null(exile_syscall_name(-1));
	assert_null(exile_syscall_name(EXILE__NR_COUNT));
	assert_int_equal(exile_syscall_nr("openat"), __NR_openat);
	assert_int_equal(exile_syscall_nr("fchmodat2"), 452);
	assert_int_equal(exile_syscall_nr("nonsense"), -1);
}

/* Every name the build host's libseccomp knows must agree with ours. */
static void syscall_names_match_libseccomp(void **state)
{
	long nr;
	int checked = 0;
	(void)state;
	for(nr = 0; nr < EXILE__NR_COUNT; nr++)
	{
		char *theirs = seccomp_syscall_resolve_num_arch(SCMP_ARCH_X86_64, (int)nr);
		const char *ours = exile_syscall_name(nr);
		if(theirs != NULL)
		{
			if(ours == NULL || strcmp(ours, theirs) != 0)
			{
				fail_msg("syscall %ld: libseccomp says %s, exile.h says %s", nr, theirs, ours ? ours : "(none)");
			}
			assert_int_equal(seccomp_syscall_resolve_name_arch(SCMP_ARCH_X86_64, ours), nr);
			checked++;
			free(theirs);
		}
	}
	assert_true(checked > 300);
}

/* TIOCSTI and TIOCLINUX must be in no allowlist, whatever the vows. */
static void ioctl_sets_never_hold_tiocsti(void **state)
{
	size_t i;
	(void)state;
	for(i = 0; i < EXILE__N(exile__ioctl_ioctl); i++)
	{
		assert_true(exile__ioctl_ioctl[i] != 0x5412 && exile__ioctl_ioctl[i] != 0x541C);
	}
	for(i = 0; i < EXILE__N(exile__ioctl_stdio); i++)
	{
		assert_true(exile__ioctl_stdio[i] != 0x5412 && exile__ioctl_stdio[i] != 0x541C);
	}
	for(i = 0; i < EXILE__N(exile__ioctl_inet); i++)
	{
		assert_true(exile__ioctl_inet[i] != 0x5412 && exile__ioctl_inet[i] != 0x541C);
	}
}

/* Each syscall has one argument rule kind, and every entry names a syscall. */
static void vow_table_is_consistent(void **state)
{
	size_t i, j;
	(void)state;
	for(i = 0; i < EXILE__N(exile__vow_table); i++)
	{
		assert_non_null(exile_syscall_name(exile__vow_table[i].nr));
		assert_true((exile__vow_table[i].vows & ~(uint64_t)0x3FFFFEu) == 0);
		for(j = i + 1; j < EXILE__N(exile__vow_table); j++)
		{
			if(exile__vow_table[i].nr == exile__vow_table[j].nr)
			{
				fail_msg("%s listed twice in the vow table", exile_syscall_name(exile__vow_table[i].nr));
			}
		}
	}
}

static void filter_checks_arch_and_x32(void **state)
{
	struct sock_fprog prog = policy_bpf("stdio");
	struct seccomp_data d;
	uint32_t action;
	(void)state;
	memset(&d, 0, sizeof(d));
	d.nr = __NR_read;
	d.arch = AUDIT_ARCH_I386;
	assert_true(exile_bpf_simulate(&prog, &d, &action) > 0);
	assert_int_equal(action, SECCOMP_RET_KILL_PROCESS);
	d.arch = AUDIT_ARCH_X86_64;
	d.nr = 0x40000000 | __NR_read;
	assert_true(exile_bpf_simulate(&prog, &d, &action) > 0);
	assert_int_equal(action, SECCOMP_RET_KILL_PROCESS);
	d.nr = -1;
	assert_true(exile_bpf_simulate(&prog, &d, &action) > 0);
	assert_int_equal(action, SECCOMP_RET_KILL_PROCESS);
	d.nr = __NR_read;
	assert_true(exile_bpf_simulate(&prog, &d, &action) > 0);
	assert_int_equal(action, SECCOMP_RET_ALLOW);
	free(prog.filter);
}

/* Over every number up to past the table: the decision the simulator finds
 * for a syscall without argument rules matches the vow table. */
static void filter_decides_every_syscall_number(void **state)
{
	struct sock_fprog prog = policy_bpf("stdio rpath");
	long nr;
	(void)state;
	for(nr = 0; nr < 1000; nr++)
	{
		uint32_t a = sim(&prog, nr, 0, 0, 0, NULL);
		const char *name = exile_syscall_name(nr);
		size_t i;
		uint64_t grant = 0;
		int kind = 0;
		for(i = 0; i < EXILE__N(exile__vow_table); i++)
		{
			if(exile__vow_table[i].nr == nr)
			{
				grant = exile__vow_table[i].vows;
				kind = exile__vow_table[i].kind;
			}
		}
		if(name == NULL || nr == __NR_openat2 || nr == __NR_clone3)
		{
			assert_int_equal(a, SECCOMP_RET_ERRNO | ENOSYS);
		}
		else if(nr == __NR_exit || nr == __NR_exit_group || nr == __NR_rt_sigreturn || nr == __NR_restart_syscall
			|| nr == __NR_uretprobe || nr == __NR_uprobe)
		{
			assert_int_equal(a, SECCOMP_RET_ALLOW);
		}
		else if((grant & (EXILE_SYSCALL_VOW_STDIO | EXILE_SYSCALL_VOW_RPATH)) == 0)
		{
			if(a != SECCOMP_RET_KILL_PROCESS)
			{
				fail_msg("%s (%ld) is not granted by stdio rpath but the filter returns 0x%x", name, nr, a);
			}
		}
		else if(kind == EXILE__K_NONE && a != SECCOMP_RET_ALLOW)
		{
			fail_msg("%s (%ld) is granted by stdio rpath but the filter returns 0x%x", name, nr, a);
		}
	}
	free(prog.filter);
}

/* The typical policy of the issue: every syscall the vows allow without an
 * argument rule is constant-allow for the kernel's cache, the others are not,
 * and no path runs 30 instructions. */
static void typical_policy_is_cacheable_and_short(void **state)
{
	struct sock_fprog prog = policy_bpf("stdio rpath wpath cpath inet");
	uint64_t held = exile_vows_from_str("stdio rpath wpath cpath inet");
	static const uint64_t argsets[][3] = {
		{ 0, 0, 0 }, { ~0ULL, ~0ULL, ~0ULL }, { 1, 1, 1 }, { 2, 6, 1 }, { 1, 41, 26 }, { 17, 0x5401, 0x1234 },
		{ 0xFFFFFFFFULL, 0x100000000ULL, 3 }, { 10, 1, 6 }, { 16, 3, 0 }, { 1, 17, 104 }, { 1, 0, 36 },
	};
	long nr;
	int longest = 0, cached = 0;
	long longest_nr = -1;
	(void)state;
	for(nr = 0; nr < EXILE__NR_COUNT + 10; nr++)
	{
		size_t i, s;
		int kind = -1;
		uint64_t grant = 0;
		for(i = 0; i < EXILE__N(exile__vow_table); i++)
		{
			if(exile__vow_table[i].nr == nr)
			{
				grant = exile__vow_table[i].vows;
				kind = exile__vow_table[i].kind;
			}
		}
		if(kind == EXILE__K_NONE && (grant & held))
		{
			if(!kernel_would_cache_allow(&prog, (int)nr))
			{
				fail_msg("%s is allowed without argument rules but is not constant-allow", exile_syscall_name(nr));
			}
			cached++;
		}
		else if(!(grant & held) && kernel_would_cache_allow(&prog, (int)nr))
		{
			size_t b;
			int base = 0;
			for(b = 0; b < EXILE__N(exile__vow_base); b++)
			{
				base |= exile__vow_base[b] == nr;
			}
			if(!base)
			{
				fail_msg("%s (%ld) is granted by no held vow but is constant-allow", exile_syscall_name(nr), nr);
			}
		}
		for(s = 0; s < sizeof(argsets) / sizeof(argsets[0]); s++)
		{
			int c;
			sim(&prog, nr, argsets[s][0], argsets[s][1], argsets[s][2], &c);
			if(c > longest)
			{
				longest = c;
				longest_nr = nr;
			}
		}
	}
	/* argument rules need the arguments: never served from the cache */
	assert_false(kernel_would_cache_allow(&prog, __NR_openat));
	assert_false(kernel_would_cache_allow(&prog, __NR_ioctl));
	assert_false(kernel_would_cache_allow(&prog, __NR_socket));
	assert_false(kernel_would_cache_allow(&prog, __NR_mmap));
	printf("# typical policy \"stdio rpath wpath cpath inet\": %u instructions, %d syscalls constant-allow, "
			"longest path %d instructions (%s)\n", prog.len, cached, longest, exile_syscall_name(longest_nr));
	assert_true(cached > 150);
	assert_true(longest < 30);
	free(prog.filter);
}

/* Rules for hundreds of syscalls make jumps far beyond 255: the assembler
 * must route them through JA and every decision must still be right. */
static void long_jumps_go_through_trampolines(void **state)
{
	struct exile_policy *p = exile_create_policy();
	struct sock_fprog prog;
	struct sock_filter snippet[] = { EXILE_BPF_LOAD_SECCOMP_ARG(0), EXILE_BPF_NO_MATCH(7), EXILE_BPF_NOP, EXILE_BPF_NOP };
	long nr;
	unsigned i;
	int far = 0;
	(void)state;
	for(nr = 0; nr < 450; nr++)
	{
		assert_int_equal(exile_append_syscall_policy(p, nr, EXILE_SYSCALL_DENY_ERRNO(1 + nr % 100), snippet, 4), 0);
	}
	assert_int_equal(exile_append_syscall_default_policy(p, EXILE_SYSCALL_ALLOW), 0);
	assert_int_equal(exile_syscall_policy_to_bpf(p, &prog), 0);
	for(i = 0; i < prog.len; i++)
	{
		if(prog.filter[i].code == (BPF_JMP | BPF_JA) && prog.filter[i].k > 255)
		{
			far = 1;
		}
	}
	assert_true(far);
	for(nr = 0; nr < 450; nr++)
	{
		assert_int_equal(sim(&prog, nr, 7, 0, 0, NULL), SECCOMP_RET_ALLOW);
		assert_int_equal(sim(&prog, nr, 8, 0, 0, NULL), SECCOMP_RET_ERRNO | (uint32_t)(1 + nr % 100));
	}
	free(prog.filter);
	exile_free_policy(p);
}

static void structured_comparisons(void **state)
{
	struct exile_policy *p = exile_create_policy();
	struct sock_fprog prog;
	struct exile_arg_cmp gt[] = { EXILE_ARG_GT(1, 0x100000000ULL) };
	struct exile_arg_cmp le[] = { EXILE_ARG_LE(1, 0x100000000ULL) };
	struct exile_arg_cmp eq32[] = { EXILE_ARG32_EQ(0, 17) };
	struct exile_arg_cmp ne[] = { EXILE_ARG_NE(2, 5) };
	struct exile_arg_cmp flags[] = { EXILE_ARG32_FLAGS_IN(0, 0x3) };
	struct exile_arg_cmp both[] = { EXILE_ARG_LT(0, 10), EXILE_ARG_GE(0, 5) };
	(void)state;
	assert_int_equal(exile_append_syscall_rule(p, 1, EXILE_SYSCALL_DENY_ERRNO(1), gt, 1), 0);
	assert_int_equal(exile_append_syscall_rule(p, 1, EXILE_SYSCALL_DENY_ERRNO(2), le, 1), 0);
	assert_int_equal(exile_append_syscall_rule(p, 2, EXILE_SYSCALL_DENY_ERRNO(3), eq32, 1), 0);
	assert_int_equal(exile_append_syscall_rule(p, 3, EXILE_SYSCALL_DENY_ERRNO(4), ne, 1), 0);
	assert_int_equal(exile_append_syscall_rule(p, 4, EXILE_SYSCALL_DENY_ERRNO(5), flags, 1), 0);
	assert_int_equal(exile_append_syscall_rule(p, 5, EXILE_SYSCALL_DENY_ERRNO(6), both, 2), 0);
	assert_int_equal(exile_append_syscall_default_policy(p, EXILE_SYSCALL_ALLOW), 0);
	assert_int_equal(exile_syscall_policy_to_bpf(p, &prog), 0);
	assert_int_equal(sim(&prog, 1, 0, 0x100000001ULL, 0, NULL), SECCOMP_RET_ERRNO | 1);
	assert_int_equal(sim(&prog, 1, 0, 0x100000000ULL, 0, NULL), SECCOMP_RET_ERRNO | 2);
	assert_int_equal(sim(&prog, 1, 0, 0x0FFFFFFFFULL, 0, NULL), SECCOMP_RET_ERRNO | 2);
	assert_int_equal(sim(&prog, 1, 0, 0x200000000ULL, 0, NULL), SECCOMP_RET_ERRNO | 1);
	assert_int_equal(sim(&prog, 2, 17, 0, 0, NULL), SECCOMP_RET_ERRNO | 3);
	assert_int_equal(sim(&prog, 2, (1ULL << 32) | 17, 0, 0, NULL), SECCOMP_RET_ERRNO | 3); /* low half only */
	assert_int_equal(sim(&prog, 2, 18, 0, 0, NULL), SECCOMP_RET_ALLOW);
	assert_int_equal(sim(&prog, 3, 0, 0, 5, NULL), SECCOMP_RET_ALLOW);
	assert_int_equal(sim(&prog, 3, 0, 0, (1ULL << 32) | 5, NULL), SECCOMP_RET_ERRNO | 4); /* 64-bit: differs */
	assert_int_equal(sim(&prog, 4, 0x2, 0, 0, NULL), SECCOMP_RET_ERRNO | 5);
	assert_int_equal(sim(&prog, 4, 0x6, 0, 0, NULL), SECCOMP_RET_ALLOW);
	assert_int_equal(sim(&prog, 5, 4, 0, 0, NULL), SECCOMP_RET_ALLOW);
	assert_int_equal(sim(&prog, 5, 5, 0, 0, NULL), SECCOMP_RET_ERRNO | 6);
	assert_int_equal(sim(&prog, 5, 9, 0, 0, NULL), SECCOMP_RET_ERRNO | 6);
	assert_int_equal(sim(&prog, 5, 10, 0, 0, NULL), SECCOMP_RET_ALLOW);
	assert_int_equal(sim(&prog, 5, (1ULL << 32) | 6, 0, 0, NULL), SECCOMP_RET_ALLOW);
	free(prog.filter);
	exile_free_policy(p);
}

static void to_bpf_does_not_change_the_policy(void **state)
{
	struct exile_policy *p = exile_create_policy();
	struct sock_fprog a, b;
	(void)state;
	p->vow_promises = exile_vows_from_str("stdio inet");
	assert_int_equal(exile_append_syscall_policy(p, __NR_connect, EXILE_SYSCALL_DENY_RET_ERROR, NULL, 0), 0);
	assert_int_equal(exile_syscall_policy_to_bpf(p, &a), 0);
	assert_int_equal(exile_syscall_policy_to_bpf(p, &b), 0);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.filter, b.filter, a.len * sizeof(*a.filter));
	assert_true(p->vow_promises == exile_vows_from_str("stdio inet"));
	assert_non_null(p->syscall_policies);
	assert_null(p->syscall_policies->next);
	free(a.filter);
	free(b.filter);
	exile_free_policy(p);
}

static void simulator_rejects_bad_programs(void **state)
{
	struct sock_filter out_of_range[] = { BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0, 5, 0), BPF_STMT(BPF_RET | BPF_K, 0) };
	struct sock_filter no_ret[] = { BPF_STMT(BPF_LD | BPF_W | BPF_ABS, 0) };
	struct sock_filter bad_load[] = { BPF_STMT(BPF_LD | BPF_W | BPF_ABS, 2), BPF_STMT(BPF_RET | BPF_K, 0) };
	struct sock_filter uninit[] = { BPF_STMT(BPF_LD | BPF_MEM, 3), BPF_STMT(BPF_RET | BPF_K, 0) };
	struct sock_filter scratch[] = { BPF_STMT(BPF_LD | BPF_IMM, 42), BPF_STMT(BPF_ST, 3), BPF_STMT(BPF_LDX | BPF_MEM, 3),
		BPF_STMT(BPF_MISC | BPF_TXA, 0), BPF_STMT(BPF_ALU | BPF_ADD | BPF_K, 1), BPF_STMT(BPF_RET | BPF_A, 0) };
	struct sock_fprog prog;
	struct seccomp_data d;
	uint32_t action = 0;
	(void)state;
	memset(&d, 0, sizeof(d));
	prog.len = 2;
	prog.filter = out_of_range;
	assert_int_equal(exile_bpf_simulate(&prog, &d, &action), -EINVAL);
	prog.len = 1;
	prog.filter = no_ret;
	assert_int_equal(exile_bpf_simulate(&prog, &d, &action), -EINVAL);
	prog.len = 2;
	prog.filter = bad_load;
	assert_int_equal(exile_bpf_simulate(&prog, &d, &action), -EINVAL);
	prog.filter = uninit;
	assert_int_equal(exile_bpf_simulate(&prog, &d, &action), -EINVAL);
	prog.len = 6;
	prog.filter = scratch;
	assert_int_equal(exile_bpf_simulate(&prog, &d, &action), 6);
	assert_int_equal(action, 43);
	prog.len = 0;
	assert_int_equal(exile_bpf_simulate(&prog, &d, &action), -EINVAL);
}

/* ------------------------------------------------------------------------ */
/* enforcing tests beyond the table                                          */
/* ------------------------------------------------------------------------ */

/* The simulator against the kernel: a real filter installed in a child
 * answers a sample of syscalls; the simulator must predict each answer. */
struct xcheck
{
	long nr;
	long a0, a1, a2;
};
static const struct xcheck xchecks[] = {
	{ __NR_getpid, 0, 0, 0 }, { __NR_getuid, 0, 0, 0 }, { __NR_mkdir, 0, 0, 0 }, { __NR_openat, AT_FDCWD, 0, O_RDONLY },
	{ __NR_openat, AT_FDCWD, 0, O_RDWR }, { __NR_openat, AT_FDCWD, 0, O_WRONLY | O_CREAT }, { __NR_socket, AF_INET, 1, 0 },
	{ __NR_socket, AF_UNIX, 1, 0 }, { __NR_socket, AF_PACKET, 3, 0 }, { __NR_ioctl, -1, TCGETS, 0 }, { __NR_ioctl, -1, TIOCSTI, 0 },
	{ __NR_ioctl, -1, 0x5402, 0 }, { __NR_fcntl, -1, F_GETFL, 0 }, { __NR_fcntl, -1, F_SETOWN, 0 }, { __NR_setsockopt, -1, 6, 1 },
	{ __NR_setsockopt, -1, 1, 26 }, { 400, 0, 0, 0 }, { 471, 0, 0, 0 }, { 1000, 0, 0, 0 }, { __NR_openat2, 0, 0, 0 },
	{ __NR_clone3, 0, 0, 0 }, { __NR_ptrace, 0, 0, 0 }, { __NR_fchmod, -1, 04755, 0 }, { __NR_fchmod, -1, 0755, 0 },
	{ __NR_mmap, 0, 4096, PROT_READ | PROT_EXEC }, { __NR_kill, 1, 0, 0 }, { __NR_prlimit64, 1, 7, 0 },
};
#define XCHECK_VOWS "stdio rpath wpath inet error"

static int xcheck_child(void *arg)
{
	int fd = *(int *)arg;
	size_t i;
	int results[sizeof(xchecks) / sizeof(xchecks[0])];
	if(enable_vows(XCHECK_VOWS) != 0)
	{
		return EXIT_ENABLE_FAILED;
	}
	for(i = 0; i < sizeof(xchecks) / sizeof(xchecks[0]); i++)
	{
		long r = syscall(xchecks[i].nr, xchecks[i].a0, xchecks[i].a1, xchecks[i].a2, 0, 0, 0);
		results[i] = r < 0 ? errno : 0;
	}
	return write(fd, results, sizeof(results)) == (ssize_t)sizeof(results) ? 0 : 1;
}

static void simulator_agrees_with_kernel(void **state)
{
	int fds[2], got[sizeof(xchecks) / sizeof(xchecks[0])];
	struct sock_fprog prog = policy_bpf(XCHECK_VOWS);
	size_t i;
	(void)state;
	assert_int_equal(pipe(fds), 0);
	assert_int_equal(in_child(xcheck_child, &fds[1]), 0);
	assert_int_equal(read(fds[0], got, sizeof(got)), (ssize_t)sizeof(got));
	close(fds[0]);
	close(fds[1]);
	for(i = 0; i < sizeof(xchecks) / sizeof(xchecks[0]); i++)
	{
		uint32_t a = sim(&prog, xchecks[i].nr, (uint64_t)xchecks[i].a0, (uint64_t)xchecks[i].a1, (uint64_t)xchecks[i].a2, NULL);
		if((a & SECCOMP_RET_ACTION_FULL) == SECCOMP_RET_ERRNO)
		{
			if(got[i] != (int)(a & SECCOMP_RET_DATA))
			{
				fail_msg("syscall %ld: simulator says errno %u, kernel gave %d", xchecks[i].nr, a & SECCOMP_RET_DATA, got[i]);
			}
		}
		else
		{
			assert_int_equal(a, SECCOMP_RET_ALLOW);
			if(got[i] == EACCES || got[i] == ENOSYS)
			{
				fail_msg("syscall %ld: simulator says allow, kernel gave %s", xchecks[i].nr, strerror(got[i]));
			}
		}
	}
	free(prog.filter);
}

/* looqs: the unix vow plus an explicit EACCES rule for connect. */
static int explicit_rule_child(void *arg)
{
	struct exile_policy *p = exile_create_policy();
	(void)arg;
	p->no_new_privs = 1;
	p->vow_promises = exile_vows_from_str("stdio unix");
	if(exile_append_syscall_policy(p, __NR_connect, EXILE_SYSCALL_DENY_RET_ERROR, NULL, 0) != 0 || exile_enable_policy(p) != 0)
	{
		return EXIT_ENABLE_FAILED;
	}
	if(syscall(__NR_socket, AF_UNIX, SOCK_STREAM, 0) < 0)
	{
		return 101;
	}
	return errno_of(syscall(__NR_connect, -1, buf, 16));
}

static void explicit_rule_wins_over_vow(void **state)
{
	(void)state;
	assert_int_equal(in_child(explicit_rule_child, NULL), EACCES);
}

/* upstream's README: a blacklist, default allow, with a raw snippet */
static int blacklist_child(void *arg)
{
	struct exile_policy *p = exile_create_policy();
	struct sock_filter only_stdout[] = { EXILE_BPF_LOAD_SECCOMP_ARG(0), EXILE_BPF_NO_MATCH(1) };
	int step = *(int *)arg;
	p->no_new_privs = 1;
	if(exile_append_syscall_policy(p, __NR_getuid, EXILE_SYSCALL_DENY_RET_ERROR, NULL, 0) != 0
		|| exile_append_syscall_policy(p, __NR_write, EXILE_SYSCALL_DENY_RET_ERROR, only_stdout, 2) != 0
		|| exile_append_syscall_default_policy(p, EXILE_SYSCALL_ALLOW) != 0 || exile_enable_policy(p) != 0)
	{
		return EXIT_ENABLE_FAILED;
	}
	switch(step)
	{
	case 0: return errno_of(syscall(__NR_getuid));
	case 1: return errno_of(syscall(__NR_getpid));
	case 2: return errno_of(syscall(__NR_write, 1, buf, 0));
	case 3: return errno_of(syscall(__NR_write, 2, buf, 0));
	default: return errno_of(syscall(__NR_mkdir, nonexistent_child, 0));
	}
}

static void upstream_blacklist_with_raw_snippet(void **state)
{
	int step;
	int expect[] = { EACCES, 0, 0, EACCES, ENOENT };
	(void)state;
	for(step = 0; step < 5; step++)
	{
		assert_int_equal(in_child(blacklist_child, &step), expect[step]);
	}
}

static int structured_rule_child(void *arg)
{
	struct exile_policy *p = exile_create_policy();
	struct exile_arg_cmp packet[] = { EXILE_ARG32_EQ(0, AF_PACKET) };
	(void)arg;
	p->no_new_privs = 1;
	if(exile_append_syscall_rule(p, __NR_socket, EXILE_SYSCALL_DENY_ERRNO(EPERM), packet, 1) != 0
		|| exile_append_syscall_default_policy(p, EXILE_SYSCALL_ALLOW) != 0 || exile_enable_policy(p) != 0)
	{
		return EXIT_ENABLE_FAILED;
	}
	return errno_of(syscall(__NR_socket, (1L << 32) | AF_PACKET, SOCK_RAW, 0));
}

static void structured_rule_enforced_on_low_half(void **state)
{
	(void)state;
	assert_int_equal(in_child(structured_rule_child, NULL), EPERM);
}

static int stacking_child(void *arg)
{
	(void)arg;
	if(exile_vow(exile_vows_from_str("stdio rpath wpath seccomp_install error")) != 0)
	{
		return EXIT_ENABLE_FAILED;
	}
	if(exile_vow(exile_vows_from_str("stdio rpath error")) != 0)
	{
		return EXIT_ENABLE_FAILED + 1;
	}
	/* the third asks for wpath back: it installs, but cannot widen */
	if(exile_vow(exile_vows_from_str("stdio rpath wpath error")) != -EPERM)
	{
		return EXIT_ENABLE_FAILED + 2;
	}
	return errno_of(syscall(__NR_openat, AT_FDCWD, nonexistent, O_WRONLY));
}

static void vow_stacking_cannot_regain(void **state)
{
	(void)state;
	assert_int_equal(in_child(stacking_child, NULL), EACCES);
}

static int vow_zero_child(void *arg)
{
	(void)arg;
	if(exile_vow(0) != 0)
	{
		return EXIT_ENABLE_FAILED;
	}
	syscall(__NR_exit_group, 7);
	return 1;
}

static int vow_zero_getpid_child(void *arg)
{
	(void)arg;
	if(exile_vow(0) != 0)
	{
		return EXIT_ENABLE_FAILED;
	}
	syscall(__NR_getpid);
	return 0;
}

static void vow_zero_leaves_only_the_base_set(void **state)
{
	(void)state;
	assert_int_equal(in_child(vow_zero_child, NULL), 7);
	assert_int_equal(in_child(vow_zero_getpid_child, NULL), EXIT_KILLED_SIGSYS);
}

static int twice_child(void *arg)
{
	const char *vows = (const char *)arg;
	int r;
	struct exile_policy *p = exile_init_policy();
	p->vow_promises = exile_vows_from_str(vows);
	if(exile_enable_policy(p) != 0)
	{
		return EXIT_ENABLE_FAILED;
	}
	r = exile_enable_policy(p);
	if(r == 0)
	{
		return 0;
	}
	return strstr(exile_last_error(), "earlier exile policy") != NULL ? -r : 1;
}

static void enabling_twice(void **state)
{
	(void)state;
	/* with seccomp_install the same policy stacks again */
	assert_int_equal(in_child(twice_child, (void *)"stdio seccomp_install"), 0);
	/* without it the second call must fail cleanly, not die */
	assert_int_equal(in_child(twice_child, (void *)"stdio"), EPERM);
}

static void *blocked_thread(void *arg)
{
	int *fds = (int *)arg;
	char c;
	long r;
	if(read(fds[0], &c, 1) != 1)
	{
		return (void *)(intptr_t)1;
	}
	r = syscall(__NR_socket, AF_INET, SOCK_STREAM, 0);
	return (void *)(intptr_t)(r < 0 ? errno : 0);
}

static int tsync_child(void *arg)
{
	int fds[2];
	pthread_t t;
	void *ret = NULL;
	(void)arg;
	if(pipe(fds) != 0 || pthread_create(&t, NULL, blocked_thread, fds) != 0)
	{
		return 101;
	}
	if(enable_vows("stdio thread error") != 0)
	{
		return EXIT_ENABLE_FAILED;
	}
	if(write(fds[1], "x", 1) != 1 || pthread_join(t, &ret) != 0)
	{
		return 102;
	}
	return (int)(intptr_t)ret;
}

static void vow_tsync_covers_existing_thread(void **state)
{
	(void)state;
	assert_int_equal(in_child(tsync_child, NULL), EACCES);
}

/* ------------------------------------------------------------------------ */
/* privileges                                                                */
/* ------------------------------------------------------------------------ */

static int defaults_child(void *arg)
{
	struct exile_policy *p = exile_init_policy();
	struct __user_cap_header_struct h;
	struct __user_cap_data_struct d[2];
	(void)arg;
	if(exile_enable_policy(p) != 0)
	{
		fprintf(stderr, "defaults: %s\n", exile_last_error());
		return EXIT_ENABLE_FAILED;
	}
	if(prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) != 1)
	{
		return 1;
	}
	if(prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) != 0)
	{
		return 2;
	}
	h.version = _LINUX_CAPABILITY_VERSION_3;
	h.pid = 0;
	if(syscall(__NR_capget, &h, d) != 0 || (d[0].effective | d[0].permitted | d[0].inheritable | d[1].effective | d[1].permitted) != 0)
	{
		return 3;
	}
	if(getuid() == 0 && prctl(PR_CAPBSET_READ, CAP_SYS_ADMIN, 0, 0, 0) != 0)
	{
		return 4; /* root has CAP_SETPCAP, so the bounding set must be empty too */
	}
	if(getuid() == 0 && (prctl(PR_GET_SECUREBITS, 0, 0, 0, 0) & 0x3) != 0x3)
	{
		return 5; /* NOROOT and its lock */
	}
	return 0;
}

static void init_policy_defaults_apply(void **state)
{
	(void)state;
	assert_int_equal(in_child(defaults_child, NULL), 0);
}

static int close_fds_child(void *arg)
{
	struct exile_policy *p = exile_init_policy();
	int a = open("/dev/null", O_RDONLY), b = open("/dev/null", O_RDONLY), c = open("/dev/null", O_RDONLY);
	(void)arg;
	if(a < 3 || b < 3 || c < 3 || exile_keep_fd(p, b) != 0)
	{
		return 101;
	}
	if(exile_enable_policy(p) != 0)
	{
		return EXIT_ENABLE_FAILED;
	}
	if(fcntl(a, F_GETFD) != -1 || errno != EBADF || fcntl(c, F_GETFD) != -1)
	{
		return 1;
	}
	if(fcntl(b, F_GETFD) == -1 || fcntl(0, F_GETFD) == -1 || fcntl(1, F_GETFD) == -1 || fcntl(2, F_GETFD) == -1)
	{
		return 2;
	}
	return 0;
}

static void close_fds_keeps_stdio_and_keep_list(void **state)
{
	(void)state;
	assert_int_equal(in_child(close_fds_child, NULL), 0);
}

static int keep_fds_open_child(void *arg)
{
	struct exile_policy *p = exile_init_policy();
	int a = open("/dev/null", O_RDONLY);
	(void)arg;
	p->keep_fds_open = 1;
	if(exile_enable_policy(p) != 0)
	{
		return EXIT_ENABLE_FAILED;
	}
	return fcntl(a, F_GETFD) == -1 ? 1 : 0;
}

static void keep_fds_open_overrides_close_fds(void **state)
{
	(void)state;
	assert_int_equal(in_child(keep_fds_open_child, NULL), 0);
}

static int no_new_fds_child(void *arg)
{
	struct exile_policy *p = exile_create_policy();
	(void)arg;
	p->no_new_fds = 1;
	if(exile_enable_policy(p) != 0)
	{
		return EXIT_ENABLE_FAILED;
	}
	return errno_of(open("/dev/null", O_RDONLY));
}

static void no_new_fds_gives_emfile(void **state)
{
	(void)state;
	assert_int_equal(in_child(no_new_fds_child, NULL), EMFILE);
}

static int no_nnp_child(void *arg)
{
	struct exile_policy *p = exile_create_policy();
	int r;
	(void)arg;
	p->vow_promises = EXILE_SYSCALL_VOW_STDIO;
	r = exile_enable_policy(p);
	if(r == 0)
	{
		return 0;
	}
	return strstr(exile_last_error(), "no_new_privs") != NULL ? -r : 1;
}

static void seccomp_without_nnp_is_refused_unprivileged(void **state)
{
	(void)state;
	if(getuid() == 0)
	{
		/* root holds CAP_SYS_ADMIN, for which the kernel does not need no_new_privs */
		assert_int_equal(in_child(no_nnp_child, NULL), 0);
	}
	else
	{
		assert_int_equal(in_child(no_nnp_child, NULL), EPERM);
	}
}

/* Until the Landlock and namespace modules exist, asking for them fails
 * closed instead of enabling less than asked. */
static void unimplemented_confinement_fails_closed(void **state)
{
	struct exile_policy *p = exile_init_policy();
	(void)state;
	assert_int_equal(exile_append_path_policies(p, EXILE_FS_ALLOW_ALL_READ, "/tmp", "/"), 0);
	assert_string_equal(p->path_policies->path, "/tmp");
	assert_string_equal(p->path_policies->next->path, "/");
	assert_int_equal(exile_enable_policy(p), -EOPNOTSUPP);
	exile_free_policy(p);
	p = exile_init_policy();
	p->namespace_options = EXILE_UNSHARE_NETWORK;
	assert_int_equal(exile_enable_policy(p), -EOPNOTSUPP);
	exile_free_policy(p);
	p = exile_init_policy();
	assert_int_equal(exile_append_path_policies(p, EXILE_FS_ALLOW_ALL_READ, "/nonexistent-exile-test"), -ENOENT);
	assert_non_null(strstr(exile_last_error(), "/nonexistent-exile-test"));
	exile_free_policy(p);
}

/* ------------------------------------------------------------------------ */
/* launch (the first version; the launch issue extends it)                   */
/* ------------------------------------------------------------------------ */

static int say_hello(void *arg)
{
	printf("hello %s", (const char *)arg);
	return 0;
}

static int open_a_file(void *arg)
{
	(void)arg;
	return open("/dev/null", O_RDONLY | O_CREAT, 0600) >= 0 ? 0 : 1;
}

static void launch_get_returns_output_and_refuses_failures(void **state)
{
	struct exile_policy *p = exile_init_policy();
	struct exile_launch_params params;
	size_t n = 99;
	char *out;
	(void)state;
	p->vow_promises = exile_vows_from_str("stdio");
	memset(&params, 0, sizeof(params));
	params.policy = p;
	params.func = say_hello;
	params.funcarg = (void *)"sandbox";
	out = exile_launch_get(&params, &n);
	assert_non_null(out);
	assert_int_equal(n, strlen("hello sandbox"));
	assert_string_equal(out, "hello sandbox");
	free(out);
	params.func = open_a_file;
	out = exile_launch_get(&params, &n);
	assert_null(out);
	assert_int_equal(n, 0);
	assert_non_null(strstr(exile_last_error(), "signal 31"));
	exile_free_policy(p);
}

/* ------------------------------------------------------------------------ */
/* >>tests:landlock — Landlock, no_fs, network rules, scopes, the fallback (issue 3) */
/* (end of >>tests:landlock) */

/* ------------------------------------------------------------------------ */
/* >>tests:ns — namespaces (issue 4) */
/* (end of >>tests:ns) */

/* ------------------------------------------------------------------------ */
/* >>tests:launch — exile_launch, exile-run, examples (issue 4) */

static struct exile_policy *launch_policy(const char *vows)
{
	struct exile_policy *p = exile_init_policy();
	assert_non_null(p);
	p->vow_promises = exile_vows_from_str(vows);
	return p;
}

static int print_nothing(void *arg)
{
	(void)arg;
	return 0;
}

/* writes *(size_t *)arg bytes of a pattern to stdout */
static int print_pattern(void *arg)
{
	size_t total = *(const size_t *)arg, i;
	for(i = 0; i < total; i++)
	{
		putchar('a' + (int)(i % 23));
	}
	return 0;
}

static void launch_output_round_trip_empty_and_1mib(void **state)
{
	struct exile_policy *p = launch_policy("stdio");
	struct exile_launch_params params;
	size_t n = 99, size = 1024 * 1024, i;
	char *out;
	(void)state;
	memset(&params, 0, sizeof(params));
	params.policy = p;
	params.func = print_nothing;
	out = exile_launch_get(&params, &n);
	assert_non_null(out);
	assert_int_equal(n, 0);
	assert_string_equal(out, "");
	free(out);
	params.func = print_pattern;
	params.funcarg = &size;
	out = exile_launch_get(&params, &n);
	assert_non_null(out);
	assert_int_equal(n, size);
	assert_int_equal(out[n], '\0');
	for(i = 0; i < size; i++)
	{
		if(out[i] != 'a' + (int)(i % 23))
		{
			fail_msg("byte %zu differs", i);
		}
	}
	free(out);
	exile_free_policy(p);
}

static int create_a_file(void *arg)
{
	(void)arg;
	printf("partial output before the violation\n");
	fflush(stdout);
	return open("/nonexistent-exile-test", O_WRONLY | O_CREAT, 0600) >= 0 ? 0 : 3;
}

/* 1 when this build has report mode: a denied call writes a record to
 * exile__violation_fd (checked directly, without exile_launch). */
static int report_mode_child(void *arg)
{
	struct exile_policy *p = launch_policy("stdio");
	p->report_violations = 1;
	exile__violation_fd = *(int *)arg;
	exile_keep_fd(p, exile__violation_fd);
	if(exile_enable_policy(p) != 0)
	{
		return EXIT_ENABLE_FAILED;
	}
	syscall(__NR_mkdir, "/nonexistent-exile-test/x", 0700);
	return 0;
}

static int report_mode_available(void)
{
	int fds[2], got;
	struct exile__violation v;
	assert_int_equal(pipe(fds), 0);
	in_child(report_mode_child, &fds[1]);
	close(fds[1]);
	got = (int)read(fds[0], &v, sizeof(v));
	close(fds[0]);
	return got == (int)sizeof(v) && v.nr == __NR_mkdir;
}

static void launch_reports_how_a_violating_child_died(void **state)
{
	struct exile_policy *p = launch_policy("stdio rpath");
	struct exile_launch_params params;
	struct exile_launch_status st;
	size_t n = 99;
	char *out;
	(void)state;
	memset(&params, 0, sizeof(params));
	params.policy = p;
	params.func = create_a_file;
	params.status = &st;
	out = exile_launch_get(&params, &n);
	assert_null(out); /* the partial output is not handed back */
	assert_int_equal(n, 0);
	assert_int_equal(st.signal, SIGSYS);
	assert_int_equal(st.exited, 0);
	assert_int_equal(st.setup_failed, 0);
	assert_non_null(strstr(exile_last_error(), "killed by signal 31"));
	if(!report_mode_available())
	{
		exile_free_policy(p);
		print_message("# skipped: report mode (issue 5) is not in this build, so the denied syscall cannot be named yet\n");
		skip();
	}
	assert_int_equal(st.syscall_nr, __NR_openat);
	assert_string_equal(st.syscall_name, "openat");
	assert_int_equal((int)st.syscall_args[2], O_WRONLY | O_CREAT);
	assert_non_null(strstr(exile_last_error(), "openat"));
	exile_free_policy(p);
}

/* A caller that reaps the supervisor itself, as upstream's users did, sees
 * the child's own ending. */
static void launch_supervisor_ends_like_the_child(void **state)
{
	struct exile_policy *p = launch_policy("stdio");
	struct exile_launch_params params;
	struct exile_launch_result res;
	char c;
	int status = 0;
	(void)state;
	memset(&params, 0, sizeof(params));
	params.policy = p;
	params.func = create_a_file;
	assert_int_equal(exile_launch(&params, &res), 0);
	close(res.write_fd);
	while(read(res.read_fd, &c, 1) > 0)
	{
	}
	close(res.read_fd);
	close(res.status_fd);
	assert_int_equal(waitpid(res.tid, &status, 0), res.tid);
	assert_true(WIFSIGNALED(status));
	assert_int_equal(WTERMSIG(status), SIGSYS);
	exile_free_policy(p);
}

static int loop_forever(void *arg)
{
	(void)arg;
	for(;;)
	{
	}
	return 0;
}

static void launch_timeout_kills_a_looping_child(void **state)
{
	struct exile_policy *p = launch_policy("stdio");
	struct exile_launch_params params;
	struct exile_launch_status st;
	struct timespec t0, t1;
	size_t n;
	long ms;
	(void)state;
	memset(&params, 0, sizeof(params));
	params.policy = p;
	params.func = loop_forever;
	params.timeout_ms = 200;
	params.status = &st;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_null(exile_launch_get(&params, &n));
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ms = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
	assert_int_equal(st.timed_out, 1);
	assert_int_equal(st.signal, SIGKILL);
	assert_non_null(strstr(exile_last_error(), "timeout"));
	assert_true(ms >= 200 && ms < 3000);
	exile_free_policy(p);
}

/* forks twice: the grandchild (in its own session) outlives its parent and
 * sleeps; func prints its pid and returns */
static int leave_a_grandchild(void *arg)
{
	int fds[2];
	pid_t mid, grandchild = 0;
	(void)arg;
	if(pipe(fds) != 0)
	{
		return 1;
	}
	mid = fork();
	if(mid == 0)
	{
		pid_t g = fork();
		if(g == 0)
		{
			int fd;
			for(fd = 0; fd < 1024; fd++)
			{
				close(fd); /* holds no pipe: only the supervisor can end it */
			}
			setsid();
			for(;;)
			{
				pause();
			}
		}
		if(write(fds[1], &g, sizeof(g)) != (ssize_t)sizeof(g))
		{
			_exit(1);
		}
		_exit(0);
	}
	if(mid < 0 || read(fds[0], &grandchild, sizeof(grandchild)) != (ssize_t)sizeof(grandchild))
	{
		return 2;
	}
	waitpid(mid, NULL, 0);
	printf("%d", (int)grandchild);
	return 0;
}

static void launch_leaves_no_descendant_behind(void **state)
{
	struct exile_policy *p = launch_policy("stdio clone proc");
	struct exile_launch_params params;
	struct exile_launch_status st;
	size_t n;
	char *out;
	pid_t g;
	(void)state;
	memset(&params, 0, sizeof(params));
	params.policy = p;
	params.func = leave_a_grandchild;
	params.status = &st;
	out = exile_launch_get(&params, &n);
	assert_non_null(out);
	g = (pid_t)atoi(out);
	free(out);
	assert_true(g > 0);
	assert_int_equal(st.descendants_killed, 1);
	/* reaped by the supervisor: not even a zombie is left */
	assert_int_equal(kill(g, 0), -1);
	assert_int_equal(errno, ESRCH);
	exile_free_policy(p);
}

static int print_pid_and_sleep(void *arg)
{
	(void)arg;
	printf("%d\n", (int)getpid());
	fflush(stdout);
	for(;;)
	{
		pause();
	}
	return 0;
}

/* a parent that launches and dies: the sandboxed child dies too */
static int launch_and_die(void *arg)
{
	struct exile_launch_params params;
	struct exile_launch_result res;
	char line[32] = "";
	int *out = (int *)arg;
	ssize_t r;
	memset(&params, 0, sizeof(params));
	params.func = print_pid_and_sleep;
	if(exile_launch(&params, &res) != 0)
	{
		return 1;
	}
	r = read(res.read_fd, line, sizeof(line) - 1);
	if(r <= 0)
	{
		return 2;
	}
	line[r] = '\0';
	if(write(out[1], line, strlen(line)) < 0)
	{
		return 3;
	}
	return 0; /* without waiting: the supervisor and the child are orphaned */
}

static void launch_child_dies_with_its_parent(void **state)
{
	int fds[2], i;
	char line[32] = "";
	pid_t child;
	(void)state;
	assert_int_equal(pipe(fds), 0);
	assert_int_equal(in_child(launch_and_die, fds), 0);
	close(fds[1]);
	assert_true(read(fds[0], line, sizeof(line) - 1) > 0);
	close(fds[0]);
	child = (pid_t)atoi(line);
	assert_true(child > 0);
	for(i = 0; i < 200 && kill(child, 0) == 0; i++)
	{
		usleep(10000);
	}
	assert_int_equal(kill(child, 0), -1);
	assert_int_equal(errno, ESRCH);
}

static int count_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	int n = 0;
	assert_non_null(d);
	while(readdir(d) != NULL)
	{
		n++;
	}
	closedir(d);
	return n;
}

static void launch_1000_times_without_fd_growth(void **state)
{
	struct exile_policy *p = launch_policy("stdio");
	struct exile_launch_params params;
	struct timespec t0, t1;
	int before, i;
	(void)state;
	memset(&params, 0, sizeof(params));
	params.policy = p;
	params.func = say_hello;
	params.funcarg = (void *)"again";
	before = count_fds();
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for(i = 0; i < 1000; i++)
	{
		size_t n;
		char *out = exile_launch_get(&params, &n);
		assert_non_null(out);
		assert_string_equal(out, "hello again");
		free(out);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	assert_int_equal(count_fds(), before);
	print_message("# 1000 exile_launch_get calls (vows \"stdio\"): %ld ms, open fds %d before and after\n",
			(long)((t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000), before);
	exile_free_policy(p);
}

static void launch_reports_a_policy_the_child_cannot_apply(void **state)
{
	struct exile_policy *p = launch_policy("stdio");
	struct exile_launch_params params;
	struct exile_launch_status st;
	size_t n;
	(void)state;
	p->vow_promises |= (uint64_t)1 << 40; /* an unassigned bit: enabling fails with EINVAL */
	memset(&params, 0, sizeof(params));
	params.policy = p;
	params.func = say_hello;
	params.funcarg = (void *)"never";
	params.status = &st;
	assert_null(exile_launch_get(&params, &n));
	assert_int_equal(st.setup_failed, 1);
	assert_int_equal(st.setup_error, -EINVAL);
	assert_non_null(strstr(exile_last_error(), "could not apply the policy"));
	assert_non_null(strstr(exile_last_error(), "unassigned bits"));
	exile_free_policy(p);
}

static void launch_output_cap_kills_the_child(void **state)
{
	struct exile_launch_params params;
	struct exile_launch_status st;
	size_t n, size = 1024 * 1024;
	(void)state;
	memset(&params, 0, sizeof(params));
	params.func = print_pattern;
	params.funcarg = &size;
	params.max_output = 1000;
	params.status = &st;
	assert_null(exile_launch_get(&params, &n));
	assert_int_equal(st.output_too_large, 1);
	assert_int_equal(st.signal, SIGKILL);
	assert_non_null(strstr(exile_last_error(), "more than 1000 bytes"));
}

static int print_nofile_limit(void *arg)
{
	struct rlimit rl;
	(void)arg;
	getrlimit(RLIMIT_NOFILE, &rl);
	printf("%llu %llu", (unsigned long long)rl.rlim_cur, (unsigned long long)rl.rlim_max);
	return 0;
}

static void launch_sets_rlimits_in_the_child(void **state)
{
	struct exile_launch_rlimit lim = { RLIMIT_NOFILE, 9 };
	struct exile_launch_params params;
	size_t n;
	char *out;
	(void)state;
	memset(&params, 0, sizeof(params));
	params.func = print_nofile_limit;
	params.rlimits = &lim;
	params.nrlimits = 1;
	out = exile_launch_get(&params, &n);
	assert_non_null(out);
	assert_string_equal(out, "9 9");
	free(out);
}

static void *launch_in_thread(void *arg)
{
	struct exile_launch_params params;
	char word[32];
	int i, bad = 0;
	snprintf(word, sizeof(word), "thread %d", (int)(intptr_t)arg);
	memset(&params, 0, sizeof(params));
	params.policy = (struct exile_policy *)NULL;
	params.func = say_hello;
	params.funcarg = word;
	for(i = 0; i < 25; i++)
	{
		size_t n;
		char *out = exile_launch_get(&params, &n);
		char want[64];
		snprintf(want, sizeof(want), "hello %s", word);
		if(out == NULL || strcmp(out, want) != 0)
		{
			bad++;
		}
		free(out);
	}
	return (void *)(intptr_t)bad;
}

static void launch_from_several_threads_at_once(void **state)
{
	pthread_t t[4];
	intptr_t i;
	(void)state;
	for(i = 0; i < 4; i++)
	{
		assert_int_equal(pthread_create(&t[i], NULL, launch_in_thread, (void *)i), 0);
	}
	for(i = 0; i < 4; i++)
	{
		void *bad;
		assert_int_equal(pthread_join(t[i], &bad), 0);
		assert_int_equal((intptr_t)bad, 0);
	}
}


/* ---- exile-run and the examples (built by make next to the test binary) ---- */

/* Runs argv with stdout and stderr captured into out (NUL-terminated,
 * truncated to size); returns the exit status, or 128 + signal. */
static int run_capture(char *const argv[], char *out, size_t size)
{
	int fds[2], status = 0;
	size_t len = 0;
	pid_t pid;
	ssize_t r;
	assert_int_equal(pipe2(fds, O_CLOEXEC), 0);
	fflush(stdout);
	pid = fork();
	assert_true(pid >= 0);
	if(pid == 0)
	{
		dup2(fds[1], 1);
		dup2(fds[1], 2);
		execv(argv[0], argv);
		_exit(127);
	}
	close(fds[1]);
	for(;;)
	{
		char spill[4096]; /* read everything, keep what fits: no SIGPIPE for a chatty program */
		r = len < size - 1 ? read(fds[0], out + len, size - 1 - len) : read(fds[0], spill, sizeof(spill));
		if(r <= 0)
		{
			break;
		}
		if(len < size - 1)
		{
			len += (size_t)r;
		}
	}
	out[len] = '\0';
	close(fds[0]);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static const char *const exile_run = "./examples/exile-run";

static void need_examples(void)
{
	if(access(exile_run, X_OK) != 0 || access("./examples/libexile-run-preload.so", R_OK) != 0)
	{
		print_message("# skipped: the examples are not built next to the test binary (run make)\n");
		skip();
	}
}

/* exile-run --vows VOWS -- PROGRAM ARGS..., at most 8 program words */
static int run_under(const char *vows, const char *const prog[], char *out, size_t size)
{
	const char *argv[16];
	size_t n = 0, i;
	argv[n++] = exile_run;
	argv[n++] = "--vows";
	argv[n++] = vows;
	argv[n++] = "--";
	for(i = 0; prog[i] != NULL && i < 8; i++)
	{
		argv[n++] = prog[i];
	}
	argv[n] = NULL;
	return run_capture((char *const *)argv, out, size);
}

struct real_program
{
	const char *argv[8];
	const char *vows; /* the minimal vows, found by trying */
	const char *expect;
};

static void exile_run_runs_real_programs_with_minimal_vows(void **state)
{
	char dir[] = "/tmp/exile-run-test.XXXXXX", file[64], out[8192], ran[1024] = "";
	int have_report, i;
	FILE *f;
	(void)state;
	need_examples();
	assert_non_null(mkdtemp(dir));
	snprintf(file, sizeof(file), "%s/data.txt", dir);
	f = fopen(file, "w");
	assert_non_null(f);
	fputs("exile\n", f);
	fclose(f);
	chmod(dir, 0755);
	chmod(file, 0644);
	have_report = report_mode_available();
	{
		const struct real_program progs[] = {
			{ { "/bin/cat", file, NULL }, "stdio rpath", "exile\n" },
			{ { "/bin/ls", dir, NULL }, "stdio rpath", "data.txt\n" },
			{ { "/bin/sh", "-c", "echo $((6 * 7))", NULL }, "stdio rpath", "42\n" },
			{ { "/usr/bin/sha256sum", file, NULL }, "stdio rpath", "76ca268cab97a441c822dbd5ce5da00c410cde85615eeec8f4de640ff2529743" },
			{ { "/usr/bin/python3", "-c", "print(6 * 7)", NULL }, "stdio rpath", "42\n" },
			{ { "/sbin/ldconfig", "-p", NULL }, "stdio rpath", "libs found in cache" }, /* statically linked */
		};
		for(i = 0; i < (int)(sizeof(progs) / sizeof(progs[0])); i++)
		{
			char vows[64], *word, *save = NULL;
			if(access(progs[i].argv[0], X_OK) != 0)
			{
				continue;
			}
			assert_int_equal(run_under(progs[i].vows, progs[i].argv, out, sizeof(out)), 0);
			if(strstr(out, progs[i].expect) == NULL)
			{
				fail_msg("%s under \"%s\" printed: %s", progs[i].argv[0], progs[i].vows, out);
			}
			/* one vow fewer: the sandbox kills it */
			snprintf(vows, sizeof(vows), "%s", progs[i].vows);
			for(word = strtok_r(vows, " ", &save); word != NULL; word = strtok_r(NULL, " ", &save))
			{
				char fewer[64] = "";
				const char *all = progs[i].vows, *w;
				for(w = all; *w != '\0';)
				{
					size_t n = strcspn(w, " ");
					if(n != strlen(word) || strncmp(w, word, n) != 0)
					{
						snprintf(fewer + strlen(fewer), sizeof(fewer) - strlen(fewer), "%s%.*s", fewer[0] ? " " : "", (int)n, w);
					}
					w += n + (w[n] == ' ');
				}
				if(run_under(fewer, progs[i].argv, out, sizeof(out)) != 128 + SIGSYS || strstr(out, "killed by the sandbox") == NULL)
				{
					fail_msg("%s under \"%s\" was not killed by the sandbox: %s", progs[i].argv[0], fewer, out);
				}
				if(have_report && strcmp(progs[i].argv[0], "/sbin/ldconfig") != 0
					&& (strstr(out, "(syscall ") == NULL || strstr(out, "would allow it") == NULL))
				{
					fail_msg("%s under \"%s\": the denied syscall is not named: %s", progs[i].argv[0], fewer, out);
				}
			}
			snprintf(ran + strlen(ran), sizeof(ran) - strlen(ran), "%s%s (\"%s\")", ran[0] ? ", " : "", progs[i].argv[0], progs[i].vows);
		}
	}
	print_message("# exile-run ran: %s; each was killed with any one of its vows removed%s\n", ran,
			have_report ? " (naming the syscall)" : " (report mode absent: the syscall is not named yet)");
	unlink(file);
	rmdir(dir);
}

static void exile_run_narrows_to_the_given_vows_after_loading(void **state)
{
	const char *grep[] = { "/bin/grep", "Seccomp_filters", "/proc/self/status", NULL };
	const char *mmap_exec[] = { "/usr/bin/python3", "-c",
		"import mmap; mmap.mmap(-1, 4096, prot=mmap.PROT_READ | mmap.PROT_EXEC); print('mapped')", NULL };
	char out[4096];
	(void)state;
	need_examples();
	/* dynamic: the loader's filter, then the preloaded one with the user's vows */
	assert_int_equal(run_under("stdio rpath", grep, out, sizeof(out)), 0);
	assert_non_null(strstr(out, "Seccomp_filters:\t2"));
	if(access(mmap_exec[0], X_OK) != 0)
	{
		print_message("# skipped: no /usr/bin/python3 to map executable memory after main\n");
		skip();
	}
	/* the loader had prot_exec; the program does not keep it */
	assert_int_equal(run_under("stdio rpath", mmap_exec, out, sizeof(out)), 128 + SIGSYS);
	assert_int_equal(run_under("stdio rpath prot_exec", mmap_exec, out, sizeof(out)), 0);
	assert_non_null(strstr(out, "mapped"));
}

static void exile_run_no_net_refuses_a_local_tcp_connect(void **state)
{
	struct sockaddr_in sa;
	socklen_t len = sizeof(sa);
	char code[256], out[4096];
	const char *prog[] = { "/usr/bin/python3", "-c", code, NULL };
	const char *argv[] = { exile_run, "--vows", "stdio rpath inet", "--no-net", "--", prog[0], prog[1], code, NULL };
	int srv;
	(void)state;
	need_examples();
	if(access(prog[0], X_OK) != 0)
	{
		print_message("# skipped: no /usr/bin/python3 to connect with\n");
		skip();
	}
	srv = socket(AF_INET, SOCK_STREAM, 0);
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(srv, (struct sockaddr *)&sa, sizeof(sa)), 0);
	assert_int_equal(listen(srv, 4), 0);
	assert_int_equal(getsockname(srv, (struct sockaddr *)&sa, &len), 0);
	snprintf(code, sizeof(code), "import socket; socket.create_connection(('127.0.0.1', %d)); print('connected')", ntohs(sa.sin_port));
	assert_int_equal(run_under("stdio rpath inet", prog, out, sizeof(out)), 0);
	assert_non_null(strstr(out, "connected"));
	assert_int_equal(run_capture((char *const *)argv, out, sizeof(out)), 1);
	assert_non_null(strstr(out, "PermissionError"));
	assert_null(strstr(out, "connected"));
	close(srv);
}

static void exile_run_rejects_bad_flags(void **state)
{
	static const char *const bad[][6] = {
		{ "--bogus", "--", "/bin/true" },
		{ "--vows", "stdoi", "--", "/bin/true" },
		{ "--vows" },
		{ "--connect", "http", "--", "/bin/true" },
		{ "--bind", "70000", "--", "/bin/true" },
		{ "--unshare", "user,space", "--", "/bin/true" },
		{ "--keep-fd", "-1", "--", "/bin/true" },
		{ "--setenv", "NOEQUALS", "--", "/bin/true" },
		{ "--no-net=yes", "--", "/bin/true" },
		{ "--timeout", "0", "--", "/bin/true" },
		{ "--" },
		{ NULL },
	};
	char out[4096];
	size_t i, j;
	(void)state;
	need_examples();
	for(i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
	{
		const char *argv[8];
		argv[0] = exile_run;
		for(j = 0; j < 6 && bad[i][j] != NULL; j++)
		{
			argv[j + 1] = bad[i][j];
		}
		argv[j + 1] = NULL;
		if(run_capture((char *const *)argv, out, sizeof(out)) != 2 || strstr(out, "Try 'exile-run --help'") == NULL)
		{
			fail_msg("bad flags #%zu did not give a usage error: %s", i, out);
		}
	}
	{
		const char *help[] = { exile_run, "--help", NULL };
		assert_int_equal(run_capture((char *const *)help, out, sizeof(out)), 0);
		assert_non_null(strstr(out, "usage: exile-run"));
	}
}

static void exile_run_explain_states_what_the_program_gets(void **state)
{
	const char *argv[] = { exile_run, "--explain", "--vows", "stdio rpath", "--", "/bin/cat", "/etc/hostname", NULL };
	const char *stat_argv[] = { exile_run, "--explain", "--vows", "stdio rpath", "--", "/sbin/ldconfig", NULL };
	char out[8192];
	(void)state;
	need_examples();
	assert_int_equal(run_capture((char *const *)argv, out, sizeof(out)), 0);
	assert_non_null(strstr(out, "dynamically linked"));
	assert_non_null(strstr(out, "vows \"prot_exec rpath seccomp_install stdio\", plus this one execve"));
	assert_non_null(strstr(out, "vows \"rpath stdio\"; execve is denied"));
	assert_non_null(strstr(out, "check: this policy can be enabled here"));
	if(access(stat_argv[5], X_OK) == 0)
	{
		assert_int_equal(run_capture((char *const *)stat_argv, out, sizeof(out)), 0);
		assert_non_null(strstr(out, "statically linked"));
		assert_non_null(strstr(out, "vows \"rpath stdio\", plus this one execve"));
	}
}

static void examples_show_what_the_sandbox_allows_and_denies(void **state)
{
	static const struct
	{
		const char *path;
		const char *expect[3];
	} examples[] = {
		{ "./examples/vow_quickstart", { "reading /etc/os-release: allowed", "denied (Permission denied)", "killed the process with signal 31" } },
		{ "./examples/readonly_fs", { "reading /etc/os-release: allowed", "/file: denied (Permission denied)", "/new: denied (Permission denied)" } },
		{ "./examples/no_network", { "connect to 127.0.0.1:", ": allowed", "socket(AF_INET): denied (Permission denied)" } },
		{ "./examples/syscall_blacklist", { "socket(AF_INET)                              denied (Permission denied)",
			"kill(its parent, 0)                          denied (Operation not permitted)", "killed by signal 31" } },
		{ "./examples/parse_untrusted", { "parsed: title: Notes", "rejected: the sandbox killed the parser",
			"rejected: the parser ran longer than 0.5 s" } },
	};
	char out[8192];
	size_t i, j;
	(void)state;
	need_examples();
	for(i = 0; i < sizeof(examples) / sizeof(examples[0]); i++)
	{
		const char *argv[] = { examples[i].path, NULL };
		assert_int_equal(run_capture((char *const *)argv, out, sizeof(out)), 0);
		for(j = 0; j < 3; j++)
		{
			if(strstr(out, examples[i].expect[j]) == NULL)
			{
				fail_msg("%s: \"%s\" missing from: %s", examples[i].path, examples[i].expect[j], out);
			}
		}
	}
}

/* (end of >>tests:launch) */

/* ------------------------------------------------------------------------ */
/* >>tests:diag — diagnostics, report mode, learning mode (issue 5) */
/* (end of >>tests:diag) */

/* ------------------------------------------------------------------------ */

int main(void)
{
	static const struct CMUnitTest fixed[] = {
		cmocka_unit_test(vows_from_str_parses_names),
		cmocka_unit_test(vows_from_str_unknown_word),
		cmocka_unit_test(enable_rejects_invalid_vows),
		cmocka_unit_test(enable_rejects_null_policy),
		cmocka_unit_test(bad_action_is_rejected_and_poisons_policy),
		cmocka_unit_test(rules_without_default_are_rejected),
		cmocka_unit_test(vows_with_allowing_default_are_rejected),
		cmocka_unit_test(too_many_rules_give_e2big),
		cmocka_unit_test(syscall_names_both_ways),
		cmocka_unit_test(syscall_names_match_libseccomp),
		cmocka_unit_test(ioctl_sets_never_hold_tiocsti),
		cmocka_unit_test(vow_table_is_consistent),
		cmocka_unit_test(filter_checks_arch_and_x32),
		cmocka_unit_test(filter_decides_every_syscall_number),
		cmocka_unit_test(typical_policy_is_cacheable_and_short),
		cmocka_unit_test(long_jumps_go_through_trampolines),
		cmocka_unit_test(structured_comparisons),
		cmocka_unit_test(to_bpf_does_not_change_the_policy),
		cmocka_unit_test(simulator_rejects_bad_programs),
		cmocka_unit_test(simulator_agrees_with_kernel),
		cmocka_unit_test(explicit_rule_wins_over_vow),
		cmocka_unit_test(upstream_blacklist_with_raw_snippet),
		cmocka_unit_test(structured_rule_enforced_on_low_half),
		cmocka_unit_test(vow_stacking_cannot_regain),
		cmocka_unit_test(vow_zero_leaves_only_the_base_set),
		cmocka_unit_test(enabling_twice),
		cmocka_unit_test(vow_tsync_covers_existing_thread),
		cmocka_unit_test(init_policy_defaults_apply),
		cmocka_unit_test(close_fds_keeps_stdio_and_keep_list),
		cmocka_unit_test(keep_fds_open_overrides_close_fds),
		cmocka_unit_test(no_new_fds_gives_emfile),
		cmocka_unit_test(seccomp_without_nnp_is_refused_unprivileged),
		cmocka_unit_test(unimplemented_confinement_fails_closed),
		cmocka_unit_test(launch_get_returns_output_and_refuses_failures),
		/* >>list:landlock */
		/* (end of >>list:landlock) */
		/* >>list:ns */
		/* (end of >>list:ns) */
		/* >>list:launch */
		cmocka_unit_test(launch_output_round_trip_empty_and_1mib),
		cmocka_unit_test(launch_reports_how_a_violating_child_died),
		cmocka_unit_test(launch_supervisor_ends_like_the_child),
		cmocka_unit_test(launch_timeout_kills_a_looping_child),
		cmocka_unit_test(launch_leaves_no_descendant_behind),
		cmocka_unit_test(launch_child_dies_with_its_parent),
		cmocka_unit_test(launch_1000_times_without_fd_growth),
		cmocka_unit_test(launch_reports_a_policy_the_child_cannot_apply),
		cmocka_unit_test(launch_output_cap_kills_the_child),
		cmocka_unit_test(launch_sets_rlimits_in_the_child),
		cmocka_unit_test(launch_from_several_threads_at_once),
		cmocka_unit_test(exile_run_runs_real_programs_with_minimal_vows),
		cmocka_unit_test(exile_run_narrows_to_the_given_vows_after_loading),
		cmocka_unit_test(exile_run_no_net_refuses_a_local_tcp_connect),
		cmocka_unit_test(exile_run_rejects_bad_flags),
		cmocka_unit_test(exile_run_explain_states_what_the_program_gets),
		cmocka_unit_test(examples_show_what_the_sandbox_allows_and_denies),
		/* (end of >>list:launch) */
		/* >>list:diag */
		/* (end of >>list:diag) */
	};
	size_t nfixed = sizeof(fixed) / sizeof(fixed[0]), nprobes = sizeof(probes) / sizeof(probes[0]), i;
	struct CMUnitTest *all = (struct CMUnitTest *)calloc(nfixed + nprobes, sizeof(*all));
	if(all == NULL)
	{
		return 1;
	}
	memcpy(all, fixed, sizeof(fixed));
	for(i = 0; i < nprobes; i++)
	{
		all[nfixed + i].name = probes[i].name;
		all[nfixed + i].test_func = test_probe;
		all[nfixed + i].initial_state = (void *)&probes[i];
	}
	return _cmocka_run_group_tests("exile", all, nfixed + nprobes, NULL, NULL);
}
