/* tests/vows.c — the vow table, the parser, and what each vow allows and denies (probes in forked children).
 * Part of the suite built by test.c (one translation unit); helpers in tests/harness.h. */
#include <asm/prctl.h>   /* ARCH_* (value_set_names_match_the_headers) */
#include <netinet/udp.h> /* UDP_* */

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
	/* open and its flags (docs/VOWS.md "Open flags") */
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
	/* ioctl ("Value lists" (ioctl)) */
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
	/* sockets ("Sockets", "Socket options") */
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
	/* processes ("thread", "stdio" (SELF)) */
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
	/* memory ("prot_exec") */
	P("vow_stdio_allows_mmap", "stdio error", __NR_mmap, 0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0, 0),
	P("vow_stdio_denies_prot_exec", "stdio error", __NR_mmap, 0, 4096, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0, EACCES),
	P("vow_stdio_denies_mprotect_exec", "stdio error", __NR_mprotect, 0, 4096, PROT_EXEC, 0, 0, 0, EACCES),
	P("vow_prot_exec_allows_it", "stdio prot_exec error", __NR_mmap, 0, 4096, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0, 0),
	P("vow_shm_denies_shm_exec", "stdio shm error", __NR_shmat, -1, 0, 0100000, 0, 0, 0, EACCES),
	P("vow_shm_allows_shmat", "stdio shm error", __NR_shmat, -1, 0, 0, 0, 0, 0, EINVAL),
	P("vow_personality_denies_read_implies_exec", "stdio error", __NR_personality, READ_IMPLIES_EXEC, 0, 0, 0, 0, 0, EACCES),
	P("vow_personality_allows_query", "stdio error", __NR_personality, 0xffffffffL, 0, 0, 0, 0, 0, 0),
	/* prctl, fcntl, seccomp ("Value lists" (prctl), "Value lists" (fcntl), "seccomp_install") */
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
	/* ENOSYS ("ENOSYS instead of a denial") */
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
	/* never in any vow ("Never") */
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
	/* no vow: the base set alone, never 0 ("no vow filter") */
	assert_true(exile_vows_from_str("") == EXILE_SYSCALL_VOW_BASE);
	assert_true(exile_vows_from_str(" \t\n ") == EXILE_SYSCALL_VOW_BASE);
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

/* The value sets name kernel constants as EXILE__<name> (>>uapi): each must
 * equal the build host's definition wherever its headers have the name. */
static void value_set_names_match_the_headers(void **state)
{
	int checked = 0;
	(void)state;
#define VS(name) do { checked++; if((uint32_t)(name) != EXILE__##name) fail_msg("EXILE__%s is 0x%x, the header says 0x%x", #name, (unsigned)EXILE__##name, (unsigned)(name)); } while(0)
	VS(TCGETS); VS(TCSETS); VS(TCSETSW); VS(TCSETSF); VS(TCSBRK); VS(TCXONC); VS(TCFLSH); VS(TIOCEXCL); VS(TIOCNXCL);
	VS(TIOCSCTTY); VS(TIOCGPGRP); VS(TIOCSPGRP); VS(TIOCOUTQ); VS(TIOCSTI); VS(TIOCGWINSZ); VS(TIOCSWINSZ); VS(FIONREAD);
	VS(TIOCLINUX); VS(TIOCPKT); VS(FIONBIO); VS(TIOCNOTTY); VS(TCSBRKP); VS(TIOCSBRK); VS(TIOCCBRK); VS(TIOCGSID);
	VS(TIOCGPTN); VS(TIOCSPTLCK); VS(FIONCLEX); VS(FIOCLEX); VS(FIOASYNC); VS(FIOQSIZE); VS(SIOCATMARK);
	VS(SIOCGIFNAME); VS(SIOCGIFINDEX);
#ifdef TIOCGPKT
	VS(TIOCGPKT); VS(TIOCGPTLCK); VS(TIOCGEXCL);
#endif
#ifdef TIOCGPTPEER
	VS(TIOCGPTPEER);
#endif
	/* sizes of struct termios2, long, int and struct file_clone_range */
	assert_int_equal(EXILE__TCGETS2, _IOR('T', 0x2A, char[44]));
	assert_int_equal(EXILE__TCSETS2, _IOW('T', 0x2B, char[44]));
	assert_int_equal(EXILE__TCSETSW2, _IOW('T', 0x2C, char[44]));
	assert_int_equal(EXILE__TCSETSF2, _IOW('T', 0x2D, char[44]));
	assert_int_equal(EXILE__FS_IOC_GETFLAGS, _IOR('f', 1, long));
	assert_int_equal(EXILE__FICLONE, _IOW(0x94, 9, int));
	assert_int_equal(EXILE__FICLONERANGE, _IOW(0x94, 13, char[32]));
	VS(F_DUPFD); VS(F_GETFD); VS(F_SETFD); VS(F_GETFL); VS(F_SETFL); VS(F_GETLK); VS(F_SETLK); VS(F_SETLKW);
	VS(F_SETOWN); VS(F_GETOWN); VS(F_SETSIG); VS(F_GETSIG); VS(F_SETOWN_EX); VS(F_GETOWN_EX); VS(F_OFD_GETLK);
	VS(F_OFD_SETLK); VS(F_OFD_SETLKW); VS(F_SETLEASE); VS(F_GETLEASE); VS(F_NOTIFY); VS(F_DUPFD_CLOEXEC);
	VS(F_SETPIPE_SZ); VS(F_GETPIPE_SZ); VS(F_ADD_SEALS); VS(F_GET_SEALS); VS(F_GET_RW_HINT); VS(F_SET_RW_HINT);
	VS(F_GET_FILE_RW_HINT); VS(F_SET_FILE_RW_HINT);
#ifdef F_GETOWNER_UIDS
	VS(F_GETOWNER_UIDS);
#endif
#ifdef F_DUPFD_QUERY
	VS(F_DUPFD_QUERY);
#endif
#ifdef F_CREATED_QUERY
	VS(F_CREATED_QUERY);
#endif
	VS(PR_SET_PDEATHSIG); VS(PR_GET_PDEATHSIG); VS(PR_GET_DUMPABLE); VS(PR_GET_KEEPCAPS); VS(PR_SET_NAME);
	VS(PR_GET_NAME); VS(PR_GET_SECCOMP); VS(PR_SET_SECCOMP); VS(PR_CAPBSET_READ); VS(PR_CAPBSET_DROP);
	VS(PR_GET_SECUREBITS); VS(PR_GET_TIMERSLACK); VS(PR_GET_CHILD_SUBREAPER); VS(PR_SET_NO_NEW_PRIVS);
	VS(PR_GET_NO_NEW_PRIVS); VS(PR_GET_TID_ADDRESS); VS(PR_GET_THP_DISABLE); VS(PR_GET_SPECULATION_CTRL);
#ifdef PR_SET_MDWE
	VS(PR_SET_MDWE); VS(PR_GET_MDWE);
#endif
#ifdef PR_SET_VMA
	VS(PR_SET_VMA);
#endif
#ifdef PR_GET_AUXV
	VS(PR_GET_AUXV);
#endif
#ifdef ARCH_SET_GS
	VS(ARCH_SET_GS); VS(ARCH_SET_FS); VS(ARCH_GET_FS); VS(ARCH_GET_GS);
#endif
#ifdef ARCH_GET_CPUID
	VS(ARCH_GET_CPUID);
#endif
#ifdef ARCH_GET_XCOMP_SUPP
	VS(ARCH_GET_XCOMP_SUPP); VS(ARCH_GET_XCOMP_PERM); VS(ARCH_REQ_XCOMP_PERM);
#endif
#ifdef ARCH_GET_UNTAG_MASK
	VS(ARCH_GET_UNTAG_MASK); VS(ARCH_GET_MAX_TAG_BITS);
#endif
#ifdef ARCH_SHSTK_ENABLE
	VS(ARCH_SHSTK_ENABLE); VS(ARCH_SHSTK_LOCK); VS(ARCH_SHSTK_STATUS);
#endif
	VS(SOL_IP); VS(SOL_SOCKET); VS(SOL_TCP); VS(SOL_UDP); VS(SOL_IPV6);
	VS(SO_REUSEADDR); VS(SO_BROADCAST); VS(SO_SNDBUF); VS(SO_RCVBUF); VS(SO_KEEPALIVE); VS(SO_OOBINLINE); VS(SO_LINGER);
	VS(SO_REUSEPORT); VS(SO_PASSCRED); VS(SO_RCVLOWAT); VS(SO_RCVTIMEO_OLD); VS(SO_SNDTIMEO_OLD); VS(SO_TIMESTAMP_OLD);
	VS(SO_TIMESTAMPNS_OLD); VS(SO_ZEROCOPY);
#ifdef SO_TIMESTAMP_NEW
	VS(SO_TIMESTAMP_NEW); VS(SO_TIMESTAMPNS_NEW); VS(SO_RCVTIMEO_NEW); VS(SO_SNDTIMEO_NEW);
#endif
	VS(IP_TOS); VS(IP_TTL); VS(IP_PKTINFO); VS(IP_MTU_DISCOVER); VS(IP_RECVERR); VS(IP_RECVTTL); VS(IP_RECVTOS);
	VS(IP_BIND_ADDRESS_NO_PORT); VS(IP_MULTICAST_IF); VS(IP_MULTICAST_TTL); VS(IP_MULTICAST_LOOP);
	VS(IP_ADD_MEMBERSHIP); VS(IP_DROP_MEMBERSHIP);
	VS(TCP_NODELAY); VS(TCP_MAXSEG); VS(TCP_CORK); VS(TCP_KEEPIDLE); VS(TCP_KEEPINTVL); VS(TCP_KEEPCNT);
	VS(TCP_SYNCNT); VS(TCP_LINGER2); VS(TCP_DEFER_ACCEPT); VS(TCP_WINDOW_CLAMP); VS(TCP_QUICKACK);
	VS(TCP_USER_TIMEOUT); VS(TCP_FASTOPEN); VS(TCP_NOTSENT_LOWAT); VS(TCP_FASTOPEN_CONNECT);
#ifdef UDP_CORK
	VS(UDP_CORK);
#endif
#ifdef UDP_SEGMENT
	VS(UDP_SEGMENT);
#endif
#ifdef UDP_GRO
	VS(UDP_GRO);
#endif
	VS(IPV6_UNICAST_HOPS); VS(IPV6_MULTICAST_IF); VS(IPV6_MULTICAST_HOPS); VS(IPV6_MULTICAST_LOOP);
	VS(IPV6_ADD_MEMBERSHIP); VS(IPV6_DROP_MEMBERSHIP); VS(IPV6_MTU_DISCOVER); VS(IPV6_RECVERR); VS(IPV6_V6ONLY);
	VS(IPV6_RECVPKTINFO); VS(IPV6_RECVHOPLIMIT); VS(IPV6_RECVTCLASS); VS(IPV6_TCLASS);
#undef VS
	print_message("# %d value-set names checked against the build host's headers\n", checked);
	assert_true(checked > 150);
}

/* Each syscall has one argument rule kind, and every entry names a syscall. */
static void vow_table_is_consistent(void **state)
{
	size_t i, j;
	(void)state;
	for(i = 0; i < EXILE__N(exile__vow_table); i++)
	{
		if(exile__vow_table[i].nr == EXILE__NR_NONE)
		{
			continue; /* a call this architecture lacks (the 32-bit, arm and riscv64 ones here) */
		}
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

/* docs/VOWS.md, "Decisions": SELF is the pid the filter was built for, so a child
 * forked under "clone" cannot signal itself without "proc" (it can still
 * signal its parent). Documented in exile.h's vow table. */
static int clone_child_signal_child(void *arg)
{
	const char *vows = (const char *)arg;
	pid_t pid;
	int status = 0;
	if(enable_vows(vows) != 0)
	{
		return EXIT_ENABLE_FAILED;
	}
	pid = fork();
	if(pid == 0)
	{
		_exit(errno_of(syscall(__NR_kill, getpid(), 0)) | (errno_of(syscall(__NR_kill, getppid(), 0)) << 4));
	}
	if(pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
	{
		return 101;
	}
	return WEXITSTATUS(status);
}

static void vow_clone_child_signals_itself_only_with_proc(void **state)
{
	(void)state;
	/* low nibble: kill(self) errno; high nibble: kill(parent) errno (0 = allowed) */
	assert_int_equal(in_child(clone_child_signal_child, (void *)"stdio clone error"), EACCES & 0xF);
	assert_int_equal(in_child(clone_child_signal_child, (void *)"stdio clone proc error"), 0);
}

/* A filter program under "stdio" alone: its first printf() and getchar()
 * must not need rpath (glibc's fstat is newfstatat(fd, "", AT_EMPTY_PATH)). */
static int stdio_filter_child(void *arg)
{
	int fds[2], c;
	(void)arg;
	if(pipe(fds) != 0 || dup2(fds[0], 0) < 0 || write(fds[1], "x", 1) != 1 || dup2(fds[1], 1) < 0)
	{
		return 101;
	}
	if(enable_vows("stdio") != 0)
	{
		return EXIT_ENABLE_FAILED;
	}
	c = getchar();
	printf("%c", c);
	fflush(stdout);
	return c == 'x' ? 0 : 102;
}

static void vow_stdio_alone_can_printf_and_read_stdin(void **state)
{
	(void)state;
	assert_int_equal(in_child(stdio_filter_child, NULL), 0);
}

/* A FILE the program opened itself before enabling "stdio": its first read
 * allocates the buffer, and glibc 2.33-2.38 ask newfstatat(fd, "",
 * AT_EMPTY_PATH) for the block size; an explicit fstat() is the same call. */
static int stdio_fopen_child(void *arg)
{
	char dir[] = "/tmp/exile-fstat.XXXXXX", path[64], line[32] = "";
	struct stat st;
	FILE *f;
	int fd;
	(void)arg;
	if(mkdtemp(dir) == NULL)
	{
		return 101;
	}
	snprintf(path, sizeof(path), "%s/f", dir);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	if(fd < 0 || write(fd, "opened before\n", 14) != 14 || close(fd) != 0 || (f = fopen(path, "r")) == NULL)
	{
		return 102;
	}
	unlink(path);
	rmdir(dir);
	if(enable_vows("stdio") != 0)
	{
		return EXIT_ENABLE_FAILED;
	}
	if(fgets(line, sizeof(line), f) == NULL || strcmp(line, "opened before\n") != 0)
	{
		return 103;
	}
	return fstat(fileno(f), &st) == 0 && st.st_size == 14 ? 0 : 104;
}

static void vow_stdio_reads_a_file_opened_before_enable(void **state)
{
	(void)state;
	assert_int_equal(in_child(stdio_fopen_child, NULL), 0);
}

/* Under stdio alone, newfstatat and statx are allowed in their fstat form
 * only: flags exactly AT_EMPTY_PATH. One bit per probe that failed as
 * expected; the last probe shows what the decision makes visible (a
 * non-empty path is still resolved, so "/" can be stat()ed). */
static int stdio_fstat_forms_child(void *arg)
{
	struct stat st;
	char stx[256]; /* struct statx */
	int r = 0, fd = open("/", O_RDONLY | O_DIRECTORY);
	(void)arg;
	if(fd < 0)
	{
		return 101;
	}
	if(enable_vows("stdio error") != 0)
	{
		return EXIT_ENABLE_FAILED;
	}
	r |= syscall(__NR_newfstatat, fd, "", &st, AT_EMPTY_PATH) == 0 ? 0 : 1;
	r |= syscall(__NR_statx, fd, "", AT_EMPTY_PATH, 0x7ff, stx) == 0 ? 0 : 2;
	r |= syscall(__NR_newfstatat, (uint64_t)fd, "", &st, (uint64_t)AT_EMPTY_PATH | ((uint64_t)1 << 32)) == 0 ? 0 : 4;
	r |= errno_of(syscall(__NR_newfstatat, AT_FDCWD, "/", &st, 0)) == EACCES ? 0 : 8;
	r |= errno_of(syscall(__NR_newfstatat, AT_FDCWD, "/", &st, AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW)) == EACCES ? 0 : 16;
	r |= errno_of(syscall(__NR_statx, AT_FDCWD, "/", 0, 0x7ff, stx)) == EACCES ? 0 : 32;
	r |= errno_of(syscall(__NR_stat, "/", &st)) == EACCES ? 0 : 64;
	r |= syscall(__NR_newfstatat, AT_FDCWD, "/", &st, AT_EMPTY_PATH) == 0 ? 0 : 128; /* documented */
	return r;
}

static int stdio_stat_path_child(void *arg)
{
	struct stat st;
	(void)arg;
	if(enable_vows("stdio") != 0)
	{
		return EXIT_ENABLE_FAILED;
	}
	syscall(__NR_newfstatat, AT_FDCWD, "/", &st, 0);
	return 0;
}

static void vow_stdio_allows_only_the_fstat_form_of_newfstatat(void **state)
{
	(void)state;
	assert_int_equal(in_child(stdio_fstat_forms_child, NULL), 0);
	assert_int_equal(in_child(stdio_stat_path_child, NULL), EXIT_KILLED_SIGSYS);
}

/* isatty() of musl and Python's terminal-size query are TIOCGWINSZ: stdio
 * allows it (reading the size), not TIOCSWINSZ (setting it). */
static int stdio_winsz_child(void *arg)
{
	struct winsize ws;
	int m = posix_openpt(O_RDWR | O_NOCTTY), s, r = 0;
	(void)arg;
	if(m < 0 || grantpt(m) != 0 || unlockpt(m) != 0 || (s = open(ptsname(m), O_RDWR | O_NOCTTY)) < 0)
	{
		return 100;
	}
	if(enable_vows("stdio error") != 0)
	{
		return EXIT_ENABLE_FAILED;
	}
	memset(&ws, 0, sizeof(ws));
	r |= ioctl(s, TIOCGWINSZ, &ws) == 0 ? 0 : 1;
	r |= ioctl(m, TIOCGWINSZ, &ws) == 0 ? 0 : 2;
	r |= isatty(s) ? 0 : 4;
	r |= errno_of(ioctl(s, TIOCSWINSZ, &ws)) == EACCES ? 0 : 8;
	return r;
}

static void vow_stdio_allows_tiocgwinsz(void **state)
{
	int r;
	(void)state;
	r = in_child(stdio_winsz_child, NULL);
	if(r == 100)
	{
		print_message("# skipped: no pseudo-terminal (/dev/ptmx) to ask for its size\n");
		skip();
	}
	assert_int_equal(r, 0);
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

/* Everything below is written from docs/VOWS.md (the base set of "How a
 * call is decided", each vow's section, "Argument rules" and its value
 * lists, "Never" and "ENOSYS instead of a denial"), not from exile.h, and checked through the public API only: each
 * filter is built with exile_syscall_policy_to_bpf() and asked with
 * exile_bpf_simulate(). A row is (call, arguments, the vows that grant it):
 * allowed when at least one vow of `any` and all vows of `need` are held. */
#define VC_CH  EXILE_SYSCALL_VOW_CHOWN
#define VC_CL  EXILE_SYSCALL_VOW_CLONE
#define VC_C   EXILE_SYSCALL_VOW_CPATH
#define VC_D   EXILE_SYSCALL_VOW_DPATH
#define VC_E   EXILE_SYSCALL_VOW_EXEC
#define VC_F   EXILE_SYSCALL_VOW_FATTR
#define VC_FS  EXILE_SYSCALL_VOW_FSNOTIFY
#define VC_ID  EXILE_SYSCALL_VOW_ID
#define VC_I   EXILE_SYSCALL_VOW_INET
#define VC_IO  EXILE_SYSCALL_VOW_IOCTL
#define VC_PR  EXILE_SYSCALL_VOW_PRCTL
#define VC_P   EXILE_SYSCALL_VOW_PROC
#define VC_PX  EXILE_SYSCALL_VOW_PROT_EXEC
#define VC_R   EXILE_SYSCALL_VOW_RPATH
#define VC_SC  EXILE_SYSCALL_VOW_SCHED
#define VC_SEC EXILE_SYSCALL_VOW_SECCOMP_INSTALL
#define VC_SHM EXILE_SYSCALL_VOW_SHM
#define VC_S   EXILE_SYSCALL_VOW_STDIO
#define VC_T   EXILE_SYSCALL_VOW_THREAD
#define VC_U   EXILE_SYSCALL_VOW_UNIX
#define VC_W   EXILE_SYSCALL_VOW_WPATH
#define VC_ERR EXILE_SYSCALL_VOW_DENY_ERROR
#define VC_ALL ((uint64_t)0x3FFFFE) /* the 21 vows, bits 1..21 */
#define VC_SELF ((uint64_t)0x5E1F5E1E00000000ull) /* stands for getpid() (bit 32 clear) */
#define VC_PTR ((uint64_t)0x7ffd00001000ull)      /* a pointer that is not NULL */
#define VC_HI ((uint64_t)1 << 32)                 /* a high half the kernel ignores */

struct vc_row
{
	const char *name; /* syscall name, or "#nr" for a number the table has no name for */
	uint64_t any, need;
	int enosys; /* denied with ENOSYS, not the deny action ("ENOSYS instead of a denial") */
	uint64_t a[6];
};

/* "vows that grant it" for calls without argument rules, or with arguments
 * the rule accepts; and the argument rules' edges. */
static const struct vc_row vc_rows[] = {
	/* "How a call is decided" base set: under every vow set */
	{ "exit", VC_ALL, 0, 0, { 0 } }, { "exit_group", VC_ALL, 0, 0, { 0 } },
	{ "rt_sigreturn", VC_ALL, 0, 0, { 0 } }, { "restart_syscall", VC_ALL, 0, 0, { 0 } },
	{ "uretprobe", VC_ALL, 0, 0, { 0 } }, { "uprobe", VC_ALL, 0, 0, { 0 } },
	/* "stdio" stdio: fd I/O (fcntl and ioctl: the value tables below) */
	{ "read", VC_S, 0, 0, { 0 } }, { "write", VC_S, 0, 0, { 0 } }, { "readv", VC_S, 0, 0, { 0 } },
	{ "writev", VC_S, 0, 0, { 0 } }, { "pread64", VC_S, 0, 0, { 0 } }, { "pwrite64", VC_S, 0, 0, { 0 } },
	{ "preadv", VC_S, 0, 0, { 0 } }, { "pwritev", VC_S, 0, 0, { 0 } }, { "preadv2", VC_S, 0, 0, { 0 } },
	{ "pwritev2", VC_S, 0, 0, { 0 } }, { "lseek", VC_S, 0, 0, { 0 } }, { "sendfile", VC_S, 0, 0, { 0 } },
	{ "splice", VC_S, 0, 0, { 0 } }, { "tee", VC_S, 0, 0, { 0 } }, { "vmsplice", VC_S, 0, 0, { 0 } },
	{ "copy_file_range", VC_S, 0, 0, { 0 } }, { "close", VC_S, 0, 0, { 0 } },
	{ "close_range", VC_S, 0, 0, { 0 } }, { "dup", VC_S, 0, 0, { 0 } }, { "dup2", VC_S, 0, 0, { 0 } },
	{ "dup3", VC_S, 0, 0, { 0 } }, { "pipe", VC_S, 0, 0, { 0 } }, { "pipe2", VC_S, 0, 0, { 0 } },
	{ "flock", VC_S, 0, 0, { 0 } }, { "fstat", VC_S | VC_R, 0, 0, { 0 } }, { "fsync", VC_S, 0, 0, { 0 } },
	{ "fdatasync", VC_S, 0, 0, { 0 } }, { "syncfs", VC_S, 0, 0, { 0 } }, { "sync", VC_S, 0, 0, { 0 } },
	{ "sync_file_range", VC_S, 0, 0, { 0 } }, { "fadvise64", VC_S, 0, 0, { 0 } },
	{ "readahead", VC_S, 0, 0, { 0 } }, { "ftruncate", VC_S, 0, 0, { 0 } }, { "cachestat", VC_S, 0, 0, { 0 } },
	/* stdio: readiness and event fds */
	{ "poll", VC_S, 0, 0, { 0 } }, { "ppoll", VC_S, 0, 0, { 0 } }, { "select", VC_S, 0, 0, { 0 } },
	{ "pselect6", VC_S, 0, 0, { 0 } }, { "epoll_create", VC_S, 0, 0, { 0 } },
	{ "epoll_create1", VC_S, 0, 0, { 0 } }, { "epoll_ctl", VC_S, 0, 0, { 0 } },
	{ "epoll_wait", VC_S, 0, 0, { 0 } }, { "epoll_pwait", VC_S, 0, 0, { 0 } },
	{ "epoll_pwait2", VC_S, 0, 0, { 0 } }, { "eventfd", VC_S, 0, 0, { 0 } }, { "eventfd2", VC_S, 0, 0, { 0 } },
	{ "signalfd", VC_S, 0, 0, { 0 } }, { "signalfd4", VC_S, 0, 0, { 0 } },
	{ "timerfd_create", VC_S, 0, 0, { 0 } }, { "timerfd_settime", VC_S, 0, 0, { 0 } },
	{ "timerfd_gettime", VC_S, 0, 0, { 0 } },
	/* stdio: memory; "prot_exec" PROT_EXEC (0x4) needs prot_exec */
	{ "brk", VC_S, 0, 0, { 0 } },
	{ "mmap", VC_S | VC_PX, 0, 0, { 0, 4096, 3 } }, { "mmap", VC_PX, 0, 0, { 0, 4096, 7 } },
	{ "mmap", VC_PX, 0, 0, { 0, 4096, 4 | VC_HI } },
	{ "mprotect", VC_S | VC_PX, 0, 0, { 0, 4096, 1 } }, { "mprotect", VC_PX, 0, 0, { 0, 4096, 5 } },
	{ "pkey_mprotect", VC_S | VC_PX, 0, 0, { 0, 4096, 3 } }, { "pkey_mprotect", VC_PX, 0, 0, { 0, 4096, 4 } },
	{ "pkey_alloc", VC_S, 0, 0, { 0 } }, { "pkey_free", VC_S, 0, 0, { 0 } }, { "munmap", VC_S, 0, 0, { 0 } },
	{ "mremap", VC_S, 0, 0, { 0 } }, { "remap_file_pages", VC_S, 0, 0, { 0 } }, { "msync", VC_S, 0, 0, { 0 } },
	{ "mincore", VC_S, 0, 0, { 0 } }, { "madvise", VC_S, 0, 0, { 0 } },
	{ "process_madvise", VC_S, 0, 0, { 0 } }, { "mlock", VC_S, 0, 0, { 0 } }, { "mlock2", VC_S, 0, 0, { 0 } },
	{ "munlock", VC_S, 0, 0, { 0 } }, { "mlockall", VC_S, 0, 0, { 0 } }, { "munlockall", VC_S, 0, 0, { 0 } },
	{ "mseal", VC_S, 0, 0, { 0 } }, { "map_shadow_stack", VC_S, 0, 0, { 0 } },
	{ "membarrier", VC_S, 0, 0, { 0 } }, { "memfd_create", VC_S, 0, 0, { 0 } },
	{ "shmdt", VC_S | VC_SHM, 0, 0, { 0 } }, { "mbind", VC_S, 0, 0, { 0 } },
	{ "get_mempolicy", VC_S, 0, 0, { 0 } }, { "set_mempolicy", VC_S, 0, 0, { 0 } },
	{ "set_mempolicy_home_node", VC_S, 0, 0, { 0 } },
	/* "stdio" (SELF) move_pages, migrate_pages: arg0 in {0, SELF} under stdio; no vow grants others */
	{ "move_pages", VC_S, 0, 0, { 0 } }, { "move_pages", VC_S, 0, 0, { VC_SELF } },
	{ "move_pages", 0, 0, 0, { 1 } }, { "migrate_pages", VC_S, 0, 0, { 0 } },
	{ "migrate_pages", VC_S, 0, 0, { VC_SELF } }, { "migrate_pages", 0, 0, 0, { 1 } },
	/* stdio: signals; "stdio" (SELF) to SELF only, any target with proc */
	{ "rt_sigaction", VC_S, 0, 0, { 0 } }, { "rt_sigprocmask", VC_S, 0, 0, { 0 } },
	{ "rt_sigpending", VC_S, 0, 0, { 0 } }, { "rt_sigsuspend", VC_S, 0, 0, { 0 } },
	{ "rt_sigtimedwait", VC_S, 0, 0, { 0 } }, { "sigaltstack", VC_S, 0, 0, { 0 } },
	{ "pause", VC_S, 0, 0, { 0 } }, { "alarm", VC_S, 0, 0, { 0 } },
	{ "kill", VC_S | VC_P, 0, 0, { VC_SELF } }, { "kill", VC_S | VC_P, 0, 0, { VC_SELF | VC_HI } },
	{ "kill", VC_P, 0, 0, { 0 } }, { "kill", VC_P, 0, 0, { 1 } }, { "kill", VC_P, 0, 0, { (uint64_t)-1 } },
	{ "tgkill", VC_S | VC_P, 0, 0, { VC_SELF, VC_SELF } }, { "tgkill", VC_P, 0, 0, { 1, 1 } },
	{ "rt_sigqueueinfo", VC_S | VC_P, 0, 0, { VC_SELF } }, { "rt_sigqueueinfo", VC_P, 0, 0, { 1 } },
	{ "rt_tgsigqueueinfo", VC_S | VC_P, 0, 0, { VC_SELF } }, { "rt_tgsigqueueinfo", VC_P, 0, 0, { 1 } },
	/* stdio: time */
	{ "nanosleep", VC_S, 0, 0, { 0 } }, { "clock_nanosleep", VC_S, 0, 0, { 0 } },
	{ "clock_gettime", VC_S, 0, 0, { 0 } }, { "clock_getres", VC_S, 0, 0, { 0 } },
	{ "gettimeofday", VC_S, 0, 0, { 0 } }, { "time", VC_S, 0, 0, { 0 } }, { "getitimer", VC_S, 0, 0, { 0 } },
	{ "setitimer", VC_S, 0, 0, { 0 } }, { "timer_create", VC_S, 0, 0, { 0 } },
	{ "timer_settime", VC_S, 0, 0, { 0 } }, { "timer_gettime", VC_S, 0, 0, { 0 } },
	{ "timer_getoverrun", VC_S, 0, 0, { 0 } }, { "timer_delete", VC_S, 0, 0, { 0 } },
	{ "times", VC_S, 0, 0, { 0 } },
	/* stdio: about itself; "stdio" (SELF) prlimit64 read-only for 0 or SELF */
	{ "getpid", VC_S, 0, 0, { 0 } }, { "gettid", VC_S, 0, 0, { 0 } }, { "getppid", VC_S, 0, 0, { 0 } },
	{ "getuid", VC_S, 0, 0, { 0 } }, { "geteuid", VC_S, 0, 0, { 0 } }, { "getgid", VC_S, 0, 0, { 0 } },
	{ "getegid", VC_S, 0, 0, { 0 } }, { "getresuid", VC_S, 0, 0, { 0 } }, { "getresgid", VC_S, 0, 0, { 0 } },
	{ "getgroups", VC_S, 0, 0, { 0 } }, { "getpgid", VC_S, 0, 0, { 0 } }, { "getpgrp", VC_S, 0, 0, { 0 } },
	{ "getsid", VC_S, 0, 0, { 0 } }, { "getrlimit", VC_S, 0, 0, { 0 } },
	{ "prlimit64", VC_S | VC_P, 0, 0, { 0, 0, 0, VC_PTR } }, { "prlimit64", VC_S | VC_P, 0, 0, { VC_SELF, 0, 0, VC_PTR } },
	{ "prlimit64", VC_P, 0, 0, { 0, 0, VC_PTR } }, { "prlimit64", VC_P, 0, 0, { 0, 0, VC_HI } },
	{ "prlimit64", VC_P, 0, 0, { 1 } },
	{ "getrusage", VC_S, 0, 0, { 0 } }, { "sysinfo", VC_S, 0, 0, { 0 } }, { "uname", VC_S | VC_P, 0, 0, { 0 } },
	{ "capget", VC_S, 0, 0, { 0 } }, { "getcpu", VC_S, 0, 0, { 0 } }, { "getpriority", VC_S, 0, 0, { 0 } },
	{ "sched_getaffinity", VC_S, 0, 0, { 0 } }, { "sched_yield", VC_S, 0, 0, { 0 } },
	{ "getcwd", VC_S, 0, 0, { 0 } }, { "umask", VC_S, 0, 0, { 0 } }, { "getrandom", VC_S, 0, 0, { 0 } },
	/* "stdio" (SELF) personality: PER_LINUX and the query only, under no other vow */
	{ "personality", VC_S, 0, 0, { 0 } }, { "personality", VC_S, 0, 0, { 0xffffffff } },
	{ "personality", 0, 0, 0, { 0x0400000 /* READ_IMPLIES_EXEC */ } },
	{ "personality", 0, 0, 0, { 0x0040000 /* ADDR_NO_RANDOMIZE */ } },
	/* stdio and thread: libc's bookkeeping */
	{ "futex", VC_S | VC_T, 0, 0, { 0 } }, { "futex_waitv", VC_S | VC_T, 0, 0, { 0 } },
	{ "futex_wait", VC_S | VC_T, 0, 0, { 0 } }, { "futex_wake", VC_S | VC_T, 0, 0, { 0 } },
	{ "futex_requeue", VC_S | VC_T, 0, 0, { 0 } }, { "set_robust_list", VC_S | VC_T, 0, 0, { 0 } },
	{ "set_tid_address", VC_S, 0, 0, { 0 } }, { "rseq", VC_S | VC_T, 0, 0, { 0 } },
	/* stdio: children, sockets it holds */
	{ "wait4", VC_S, 0, 0, { 0 } }, { "waitid", VC_S, 0, 0, { 0 } },
	{ "sendto", VC_S | VC_I | VC_U, 0, 0, { 0 } }, { "sendto", VC_I | VC_U, 0, 0, { 0, 0, 0, 0, VC_PTR } },
	{ "sendto", VC_I | VC_U, 0, 0, { 0, 0, 0, 0, VC_HI } },
	{ "recvfrom", VC_S, 0, 0, { 0 } }, { "sendmsg", VC_S, 0, 0, { 0 } }, { "recvmsg", VC_S, 0, 0, { 0 } },
	{ "sendmmsg", VC_S, 0, 0, { 0 } }, { "recvmmsg", VC_S, 0, 0, { 0 } }, { "shutdown", VC_S, 0, 0, { 0 } },
	/* "Sockets" socketpair: AF_UNIX, any type and protocol */
	{ "socketpair", VC_S, 0, 0, { 1, 1, 0 } }, { "socketpair", VC_S, 0, 0, { 1 | VC_HI, 3, 7 } },
	{ "socketpair", 0, 0, 0, { 2, 1, 0 } },
	/* "rpath" rpath, "wpath" wpath, "cpath" cpath; "Open flags" open flags (open arg1, openat arg2) */
	{ "open", VC_R, 0, 0, { 0, 00 } }, { "open", VC_R, 0, 0, { 0, 0200000 /* O_DIRECTORY */ } },
	{ "open", VC_R, 0, 0, { 0, 010000000 /* O_PATH */ | 0400000 /* O_NOFOLLOW */ | 02000000 /* O_CLOEXEC */ } },
	{ "open", VC_W, 0, 0, { 0, 01 } }, { "open", VC_R, VC_R | VC_W, 0, { 0, 02 } },
	{ "open", VC_R, VC_R | VC_W, 0, { 0, 03 } }, { "open", VC_R, VC_R | VC_W, 0, { 0, 01000 /* O_TRUNC */ } },
	{ "open", VC_W, 0, 0, { 0, 01 | 02000 /* O_APPEND */ } },
	{ "open", VC_C, VC_C | VC_W, 0, { 0, 01 | 0100 /* O_CREAT */ | 01000, 0644 } },
	{ "open", VC_C, VC_C | VC_W, 0, { 0, 01 | 0100 | 0200 /* O_EXCL */, 01777 } },
	{ "open", 0, 0, 0, { 0, 01 | 0100, 04755 } }, { "open", 0, 0, 0, { 0, 01 | 0100, 02755 } },
	{ "open", VC_C, VC_R | VC_W | VC_C, 0, { 0, 02 | 020000000 /* __O_TMPFILE */ | 0200000, 0600 } },
	{ "open", 0, 0, 0, { 0, 02 | 020000000, 06600 } },
	{ "openat", VC_R, 0, 0, { 0, 0, 0 } }, { "openat", VC_R, 0, 0, { 0, 0, VC_HI } },
	{ "openat", VC_R, 0, 0, { 0, 0, 0200000 } }, { "openat", VC_W, 0, 0, { 0, 0, 01 } },
	{ "openat", VC_R, VC_R | VC_W, 0, { 0, 0, 02 } }, { "openat", VC_R, VC_R | VC_W, 0, { 0, 0, 01000 } },
	{ "openat", VC_W, 0, 0, { 0, 0, 01 | 02000 } },
	{ "openat", VC_C, VC_C | VC_W, 0, { 0, 0, 01 | 0100, 0644 } },
	{ "openat", 0, 0, 0, { 0, 0, 01 | 0100, 04644 } },
	{ "openat", VC_C, VC_R | VC_W | VC_C, 0, { 0, 0, 02 | 020000000 | 0200000, 0600 } },
	{ "openat", 0, 0, 0, { 0, 0, 02 | 020000000 | 0200000, 02600 } },
	{ "creat", VC_C, VC_C | VC_W, 0, { 0, 0644 } }, { "creat", 0, 0, 0, { 0, 04755 } },
	{ "openat2", 0, 0, 1, { 0 } },
	{ "stat", VC_R, 0, 0, { 0 } }, { "lstat", VC_R, 0, 0, { 0 } }, { "newfstatat", VC_R, 0, 0, { 0 } },
	{ "statx", VC_R, 0, 0, { 0 } },
	/* "stdio" (the fstat form) the fstat form (flags exactly AT_EMPTY_PATH 0x1000: newfstatat arg3, statx arg2) under stdio too */
	{ "newfstatat", VC_S | VC_R, 0, 0, { 3, 0, 0, 0x1000 } }, { "newfstatat", VC_S | VC_R, 0, 0, { 3, 0, 0, 0x1000 | VC_HI } },
	{ "newfstatat", VC_R, 0, 0, { 3, 0, 0, 0x1100 } }, { "newfstatat", VC_R, 0, 0, { 3, 0, 0, 0x100 } },
	{ "statx", VC_S | VC_R, 0, 0, { 3, 0, 0x1000, 0x7ff } }, { "statx", VC_R, 0, 0, { 3, 0, 0x1800, 0x7ff } },
	{ "statx", VC_R, 0, 0, { 3, 0, 0, 0x7ff, 0x1000 } }, { "access", VC_R, 0, 0, { 0 } }, { "faccessat", VC_R, 0, 0, { 0 } },
	{ "faccessat2", VC_R, 0, 0, { 0 } }, { "readlink", VC_R, 0, 0, { 0 } }, { "readlinkat", VC_R, 0, 0, { 0 } },
	{ "getdents", VC_R, 0, 0, { 0 } }, { "getdents64", VC_R, 0, 0, { 0 } }, { "chdir", VC_R, 0, 0, { 0 } },
	{ "fchdir", VC_R, 0, 0, { 0 } }, { "statfs", VC_R, 0, 0, { 0 } }, { "fstatfs", VC_R, 0, 0, { 0 } },
	{ "getxattr", VC_R, 0, 0, { 0 } }, { "lgetxattr", VC_R, 0, 0, { 0 } }, { "fgetxattr", VC_R, 0, 0, { 0 } },
	{ "listxattr", VC_R, 0, 0, { 0 } }, { "llistxattr", VC_R, 0, 0, { 0 } },
	{ "flistxattr", VC_R, 0, 0, { 0 } }, { "getxattrat", VC_R, 0, 0, { 0 } },
	{ "listxattrat", VC_R, 0, 0, { 0 } }, { "file_getattr", VC_R, 0, 0, { 0 } },
	{ "truncate", VC_W, 0, 0, { 0 } }, { "fallocate", VC_W | VC_C, 0, 0, { 0 } },
	{ "mkdir", VC_C, 0, 0, { 0 } }, { "mkdirat", VC_C, 0, 0, { 0 } }, { "rmdir", VC_C, 0, 0, { 0 } },
	{ "unlink", VC_C, 0, 0, { 0 } }, { "unlinkat", VC_C, 0, 0, { 0 } }, { "rename", VC_C, 0, 0, { 0 } },
	{ "renameat", VC_C, 0, 0, { 0 } }, { "renameat2", VC_C, 0, 0, { 0 } }, { "link", VC_C, 0, 0, { 0 } },
	{ "linkat", VC_C, 0, 0, { 0 } }, { "symlink", VC_C, 0, 0, { 0 } }, { "symlinkat", VC_C, 0, 0, { 0 } },
	/* "dpath" dpath: mode (mknod arg1, mknodat arg2) none of 06000 */
	{ "mknod", VC_D, 0, 0, { 0, 010644 } }, { "mknod", 0, 0, 0, { 0, 014644 } },
	{ "mknodat", VC_D, 0, 0, { 0, 0, 010644 } }, { "mknodat", 0, 0, 0, { 0, 0, 012644 } },
	/* "fattr" fattr: mode (chmod arg1, fchmod arg1, fchmodat arg2, fchmodat2 arg2) none of 06000, sticky allowed */
	{ "chmod", VC_F, 0, 0, { 0, 01777 } }, { "chmod", 0, 0, 0, { 0, 04755 } },
	{ "fchmod", VC_F, 0, 0, { 0, 0644 } }, { "fchmod", 0, 0, 0, { 0, 02755 } },
	{ "fchmodat", VC_F, 0, 0, { 0, 0, 0644 } }, { "fchmodat", 0, 0, 0, { 0, 0, 06755 } },
	{ "fchmodat2", VC_F, 0, 0, { 0, 0, 0644 } }, { "fchmodat2", 0, 0, 0, { 0, 0, 04000 } },
	{ "utime", VC_F, 0, 0, { 0 } }, { "utimes", VC_F, 0, 0, { 0 } }, { "futimesat", VC_F, 0, 0, { 0 } },
	{ "utimensat", VC_F, 0, 0, { 0 } }, { "setxattr", VC_F, 0, 0, { 0 } }, { "lsetxattr", VC_F, 0, 0, { 0 } },
	{ "fsetxattr", VC_F, 0, 0, { 0 } }, { "removexattr", VC_F, 0, 0, { 0 } },
	{ "lremovexattr", VC_F, 0, 0, { 0 } }, { "fremovexattr", VC_F, 0, 0, { 0 } },
	{ "setxattrat", VC_F, 0, 0, { 0 } }, { "removexattrat", VC_F, 0, 0, { 0 } },
	{ "file_setattr", VC_F, 0, 0, { 0 } },
	/* "chown" chown, "exec" exec */
	{ "chown", VC_CH, 0, 0, { 0 } }, { "fchown", VC_CH, 0, 0, { 0 } }, { "lchown", VC_CH, 0, 0, { 0 } },
	{ "fchownat", VC_CH, 0, 0, { 0 } }, { "execve", VC_E, 0, 0, { 0 } }, { "execveat", VC_E, 0, 0, { 0 } },
	/* "clone" clone, "thread" thread, "thread" */
	{ "clone", VC_CL | VC_T, 0, 0, { 0x3d0f00 /* what pthread_create passes */ } },
	{ "clone", VC_CL | VC_T, 0, 0, { 0x10900 | VC_HI } },
	{ "clone", VC_CL, 0, 0, { 17 /* SIGCHLD: fork */ } }, { "clone", VC_CL, 0, 0, { 0x100 | 0x800 } },
	{ "clone", VC_CL, 0, 0, { 0x10900 | 0x10000000 /* CLONE_NEWUSER */ } },
	{ "clone", VC_CL, 0, 0, { 0x10900 | 0x20000 /* CLONE_NEWNS */ } },
	{ "clone", VC_CL, 0, 0, { 0x10900 | 0x40000000 /* CLONE_NEWNET */ } },
	{ "clone3", VC_CL, 0, 1, { 0 } }, { "fork", VC_CL, 0, 0, { 0 } }, { "vfork", VC_CL, 0, 0, { 0 } },
	{ "unshare", VC_CL, 0, 0, { 0x10000000 } }, { "get_robust_list", VC_T, 0, 0, { 0 } },
	/* "proc" proc */
	{ "tkill", VC_P, 0, 0, { 0 } }, { "pidfd_open", VC_P, 0, 0, { 0 } },
	{ "pidfd_send_signal", VC_P, 0, 0, { 0 } }, { "process_mrelease", VC_P, 0, 0, { 0 } },
	{ "setpgid", VC_P, 0, 0, { 0 } }, { "setsid", VC_P, 0, 0, { 0 } },
	{ "setpriority", VC_P | VC_SC, 0, 0, { 0 } }, { "setrlimit", VC_P, 0, 0, { 0 } },
	/* "id" id */
	{ "setuid", VC_ID, 0, 0, { 0 } }, { "setgid", VC_ID, 0, 0, { 0 } }, { "setreuid", VC_ID, 0, 0, { 0 } },
	{ "setregid", VC_ID, 0, 0, { 0 } }, { "setresuid", VC_ID, 0, 0, { 0 } },
	{ "setresgid", VC_ID, 0, 0, { 0 } }, { "setgroups", VC_ID, 0, 0, { 0 } },
	{ "setfsuid", VC_ID, 0, 0, { 0 } }, { "setfsgid", VC_ID, 0, 0, { 0 } }, { "capset", VC_ID, 0, 0, { 0 } },
	/* "sched" sched */
	{ "sched_setparam", VC_SC, 0, 0, { 0 } }, { "sched_getparam", VC_SC, 0, 0, { 0 } },
	{ "sched_setscheduler", VC_SC, 0, 0, { 0 } }, { "sched_getscheduler", VC_SC, 0, 0, { 0 } },
	{ "sched_get_priority_max", VC_SC, 0, 0, { 0 } }, { "sched_get_priority_min", VC_SC, 0, 0, { 0 } },
	{ "sched_rr_get_interval", VC_SC, 0, 0, { 0 } }, { "sched_setattr", VC_SC, 0, 0, { 0 } },
	{ "sched_getattr", VC_SC, 0, 0, { 0 } }, { "sched_setaffinity", VC_SC, 0, 0, { 0 } },
	{ "ioprio_get", VC_SC, 0, 0, { 0 } }, { "ioprio_set", VC_SC, 0, 0, { 0 } },
	/* "shm" shm; "prot_exec" SHM_EXEC (0100000) needs prot_exec */
	{ "shmget", VC_SHM, 0, 0, { 0 } }, { "shmat", VC_SHM, 0, 0, { 0, 0, 010000 /* SHM_RDONLY */ } },
	{ "shmat", VC_SHM, VC_SHM | VC_PX, 0, { 0, 0, 0100000 } },
	{ "shmctl", VC_SHM, 0, 0, { 0 } }, { "semget", VC_SHM, 0, 0, { 0 } }, { "semop", VC_SHM, 0, 0, { 0 } },
	{ "semtimedop", VC_SHM, 0, 0, { 0 } }, { "semctl", VC_SHM, 0, 0, { 0 } }, { "msgget", VC_SHM, 0, 0, { 0 } },
	{ "msgsnd", VC_SHM, 0, 0, { 0 } }, { "msgrcv", VC_SHM, 0, 0, { 0 } }, { "msgctl", VC_SHM, 0, 0, { 0 } },
	{ "mq_open", VC_SHM, 0, 0, { 0 } }, { "mq_unlink", VC_SHM, 0, 0, { 0 } },
	{ "mq_timedsend", VC_SHM, 0, 0, { 0 } }, { "mq_timedreceive", VC_SHM, 0, 0, { 0 } },
	{ "mq_notify", VC_SHM, 0, 0, { 0 } }, { "mq_getsetattr", VC_SHM, 0, 0, { 0 } },
	/* "inet" inet, "unix" unix; "Sockets" socket (type without SOCK_NONBLOCK 04000, SOCK_CLOEXEC 02000000) */
	{ "connect", VC_I | VC_U, 0, 0, { 0 } }, { "bind", VC_I | VC_U, 0, 0, { 0 } },
	{ "listen", VC_I | VC_U, 0, 0, { 0 } }, { "accept", VC_I | VC_U, 0, 0, { 0 } },
	{ "accept4", VC_I | VC_U, 0, 0, { 0 } }, { "getsockname", VC_I | VC_U, 0, 0, { 0 } },
	{ "getpeername", VC_I | VC_U, 0, 0, { 0 } },
	{ "socket", VC_U, 0, 0, { 1, 1, 0 } }, { "socket", VC_U, 0, 0, { 1, 2 | 04000 | 02000000, 0 } },
	{ "socket", VC_U, 0, 0, { 1, 5, 0 } }, { "socket", 0, 0, 0, { 1, 3, 0 } }, { "socket", 0, 0, 0, { 1, 1, 1 } },
	{ "socket", VC_I, 0, 0, { 2, 1, 0 } }, { "socket", VC_I, 0, 0, { 2, 1, 6 } }, { "socket", VC_I, 0, 0, { 2, 2, 17 } },
	{ "socket", VC_I, 0, 0, { 2, 2, 1 } }, { "socket", VC_I, 0, 0, { 10, 1 | 02000000, 262 } },
	{ "socket", VC_I, 0, 0, { 10, 2, 58 } }, { "socket", VC_I, 0, 0, { 2 | VC_HI, 1, 0 } },
	{ "socket", 0, 0, 0, { 2, 3 /* SOCK_RAW */, 1 } }, { "socket", 0, 0, 0, { 10, 3, 58 } },
	{ "socket", 0, 0, 0, { 2, 5, 132 /* SCTP */ } }, { "socket", 0, 0, 0, { 2, 1 | 0100, 0 } },
	{ "socket", 0, 0, 0, { 2, 1, 255 /* IPPROTO_RAW */ } },
	{ "socket", VC_I, 0, 0, { 16, 3, 0 } }, { "socket", VC_I, 0, 0, { 16, 2 | 04000, 0 } },
	{ "socket", 0, 0, 0, { 16, 3, 9 /* NETLINK_AUDIT */ } }, { "socket", 0, 0, 0, { 16, 1, 0 } },
	{ "socket", 0, 0, 0, { 17 /* AF_PACKET */, 3, 0 } }, { "socket", 0, 0, 0, { 17 | VC_HI, 3, 0 } },
	{ "socket", 0, 0, 0, { 38 /* AF_ALG */, 5, 0 } }, { "socket", 0, 0, 0, { 40 /* AF_VSOCK */, 1, 0 } },
	/* "Socket options" getsockopt by level: SOL_SOCKET under unix or inet, the IP levels under inet */
	{ "getsockopt", VC_I | VC_U, 0, 0, { 0, 1, 4 } }, { "getsockopt", VC_I, 0, 0, { 0, 0, 1 } },
	{ "getsockopt", VC_I, 0, 0, { 0, 6, 11 } }, { "getsockopt", VC_I, 0, 0, { 0, 17, 1 } },
	{ "getsockopt", VC_I, 0, 0, { 0, 41, 26 } }, { "getsockopt", 0, 0, 0, { 0, 270 /* SOL_NETLINK */, 1 } },
	/* "fsnotify" fsnotify */
	{ "inotify_init", VC_FS, 0, 0, { 0 } }, { "inotify_init1", VC_FS, 0, 0, { 0 } },
	{ "inotify_add_watch", VC_FS, 0, 0, { 0 } }, { "inotify_rm_watch", VC_FS, 0, 0, { 0 } },
	{ "fanotify_init", VC_FS, 0, 0, { 0 } }, { "fanotify_mark", VC_FS, 0, 0, { 0 } },
	/* "seccomp_install" seccomp_install: seccomp arg0 in {0..3}, arg1 none of SPEC_ALLOW (4) */
	{ "seccomp", VC_SEC, 0, 0, { 0 } }, { "seccomp", VC_SEC, 0, 0, { 1, 1 /* TSYNC */ } },
	{ "seccomp", VC_SEC, 0, 0, { 2 } }, { "seccomp", VC_SEC, 0, 0, { 3 } },
	{ "seccomp", 0, 0, 0, { 1, 4 } }, { "seccomp", 0, 0, 0, { 1, 5 } }, { "seccomp", 0, 0, 0, { 4 } },
	{ "landlock_create_ruleset", VC_SEC, 0, 0, { 0 } }, { "landlock_add_rule", VC_SEC, 0, 0, { 0 } },
	{ "landlock_restrict_self", VC_SEC, 0, 0, { 0 } },
	/* "Value lists" (ioctl) requests no vow allows (TIOCSTI also with a high half) */
	{ "ioctl", 0, 0, 0, { 0, 0x5412 } }, { "ioctl", 0, 0, 0, { 0, 0x5412 | VC_HI } },
	{ "ioctl", 0, 0, 0, { 0, 0x541C } }, { "ioctl", 0, 0, 0, { 0, 0x5423 /* TIOCSETD */ } },
	{ "ioctl", 0, 0, 0, { 0, 0x541D /* TIOCCONS */ } }, { "ioctl", 0, 0, 0, { 0, 0x5437 /* TIOCVHANGUP */ } },
	{ "ioctl", 0, 0, 0, { 0, 0x40086602 /* FS_IOC_SETFLAGS */ } },
	{ "ioctl", VC_S | VC_IO, 0, 0, { 0, 0x5401 | VC_HI } },
	/* "Value lists" (fcntl) commands no vow allows */
	{ "fcntl", 0, 0, 0, { 0, 12 } }, { "fcntl", 0, 0, 0, { 0, 1029 } }, { "fcntl", 0, 0, 0, { 0, 0xffffffff } },
	/* "ENOSYS instead of a denial": numbers the table does not name */
	{ "#471", 0, 0, 1, { 0 } }, { "#400", 0, 0, 1, { 0 } }, { "#337", 0, 0, 1, { 0 } },
};

/* "Never": no vow grants these */
static const char *const vc_never[] = {
	"io_uring_setup", "io_uring_enter", "io_uring_register", "bpf", "perf_event_open", "userfaultfd", "io_setup",
	"io_destroy", "io_submit", "io_cancel", "io_getevents", "io_pgetevents", "keyctl", "add_key", "request_key",
	"ptrace", "process_vm_readv", "process_vm_writev", "kcmp", "pidfd_getfd", "kexec_load", "kexec_file_load",
	"init_module", "finit_module", "delete_module", "reboot", "swapon", "swapoff", "acct", "quotactl", "quotactl_fd",
	"syslog", "sethostname", "setdomainname", "iopl", "ioperm", "settimeofday", "clock_settime", "adjtimex",
	"clock_adjtime", "mount", "umount2", "open_tree", "open_tree_attr", "move_mount", "fsopen", "fsconfig",
	"fsmount", "fspick", "mount_setattr", "statmount", "listmount", "listns", "pivot_root", "chroot", "setns",
	"name_to_handle_at", "open_by_handle_at", "uselib", "ustat", "sysfs", "_sysctl", "vhangup", "lookup_dcookie",
	"modify_ldt", "create_module", "get_kernel_syms", "query_module", "nfsservctl", "getpmsg", "putpmsg",
	"afs_syscall", "tuxcall", "security", "vserver", "epoll_ctl_old", "epoll_wait_old", "set_thread_area",
	"get_thread_area", "memfd_secret", "lsm_get_self_attr", "lsm_set_self_attr", "lsm_list_modules"
};

/* "Value lists" (ioctl) ioctl requests (arg1), "Value lists" (prctl) prctl and arch_prctl options (arg0), "Value lists" (fcntl)
 * fcntl commands (arg1), "Socket options" setsockopt (level arg1, optname arg2) */
static const uint32_t vc_ioctl_stdio[] = { 0x541B, 0x5421, 0x5450, 0x5451, 0x5401, 0x5413 /* TIOCGWINSZ */ };
static const uint32_t vc_ioctl_inet[] = { 0x8905, 0x8910, 0x8933, 0x5411 };
static const uint32_t vc_ioctl_ioctl[] = {
	0x5401, 0x5402, 0x5403, 0x5404, 0x802C542A, 0x402C542B, 0x402C542C, 0x402C542D, /* termios */
	0x5409, 0x540A, 0x540B, 0x5425, 0x5427, 0x5428, 0x5411, /* line */
	0x5413, 0x5414, /* size */
	0x540E, 0x540F, 0x5410, 0x5422, 0x5429, /* job control */
	0x540C, 0x540D, 0x80045440, /* exclusive */
	0x5420, 0x80045430, 0x40045431, 0x80045438, 0x80045439, 0x5441, /* pty */
	0x5452, 0x5460, 0x80086601, 0x40049409, 0x4020940D /* files */
};
static const uint32_t vc_prctl_stdio[] = {
	1, 2, 3, 7, 15, 16, 21, 23, 24, 27, 30, 37, 38, 39, 40, 42, 52, 65, 66, 0x53564D41, 0x41555856
};
static const uint32_t vc_prctl_seccomp[] = { 21, 22, 38 };
static const uint32_t vc_prctl_other[] = { 4 /* SET_DUMPABLE */, 8 /* SET_KEEPCAPS */, 28 /* SET_SECUREBITS */,
	35 /* SET_MM */, 36 /* SET_CHILD_SUBREAPER */, 47 /* CAP_AMBIENT */, 53 /* SET_SPECULATION_CTRL */,
	0x59616d61 /* SET_PTRACER */, 26 /* SET_TSC */, 59 /* SET_SYSCALL_USER_DISPATCH */, 57 /* SET_IO_FLUSHER */,
	0x7fffffff };
static const uint32_t vc_arch_prctl_stdio[] = {
	0x1001, 0x1002, 0x1003, 0x1004, 0x1011, 0x1021, 0x1022, 0x1023, 0x4001, 0x4003, 0x5001, 0x5003, 0x5005
};
static const uint32_t vc_arch_prctl_other[] = { 0x1012 /* SET_CPUID */, 0x2001 /* MAP_VDSO_X32 */,
	0x4002 /* ENABLE_TAGGED_ADDR */, 0x4004, 0x5002 /* SHSTK_DISABLE */, 0x5004 /* SHSTK_UNLOCK */ };
static const uint32_t vc_fcntl_stdio[] = {
	0, 1, 2, 3, 4, 5, 6, 7, 9, 11, 16, 17, 36, 37, 38, 1025, 1027, 1028, 1030, 1031, 1032, 1033, 1034, 1035, 1036,
	1037, 1038
};
static const uint32_t vc_fcntl_proc[] = { 8, 10, 15 };
static const uint32_t vc_fcntl_fsnotify[] = { 1024, 1026 };
static const uint32_t vc_so_socket[] = { 2, 6, 7, 8, 9, 10, 13, 15, 16, 18, 20, 21, 29, 35, 60, 63, 64, 66, 67 };
static const uint32_t vc_so_ip[] = { 1, 2, 8, 10, 11, 12, 13, 24, 32, 33, 34, 35, 36 };
static const uint32_t vc_so_tcp[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 18, 23, 25, 30 };
static const uint32_t vc_so_udp[] = { 1, 103, 104 };
static const uint32_t vc_so_ipv6[] = { 16, 17, 18, 19, 20, 21, 23, 25, 26, 49, 51, 66, 67 };
/* "notably refused" pairs of "Socket options" */
static const uint32_t vc_so_refused[][2] = {
	{ 1, 1 }, { 1, 25 }, { 1, 62 }, { 1, 36 }, { 1, 32 }, { 1, 33 }, { 1, 26 }, { 1, 50 }, { 1, 51 }, { 1, 52 },
	{ 1, 12 /* SO_PRIORITY: TCP_QUICKACK's number at the wrong level */ },
	{ 0, 3 /* IP_HDRINCL */ }, { 0, 4 /* IP_OPTIONS */ }, { 0, 19 /* IP_TRANSPARENT */ }, { 0, 16 }, { 0, 17 },
	{ 6, 13 /* TCP_CONGESTION */ }, { 6, 14 /* TCP_MD5SIG */ }, { 6, 19 /* TCP_REPAIR */ }, { 6, 31 /* TCP_ULP */ },
	{ 17, 100 /* UDP_ENCAP */ }, { 41, 1 }, { 270, 1 /* SOL_NETLINK */ }
};

struct vc_filter
{
	uint64_t held;
	struct sock_fprog prog;
};

struct vc_ctx
{
	struct vc_filter f[80];
	size_t nf;
	uint32_t self;
	int bad;
};

static void vc_add_filter(struct vc_ctx *c, uint64_t held)
{
	struct exile_policy *p;
	size_t i;
	for(i = 0; i < c->nf; i++)
	{
		if(c->f[i].held == held)
		{
			return;
		}
	}
	assert_true(c->nf < sizeof(c->f) / sizeof(c->f[0]));
	p = exile_create_policy();
	assert_non_null(p);
	p->vow_promises = held;
	assert_int_equal(exile_syscall_policy_to_bpf(p, &c->f[c->nf].prog), 0);
	exile_free_policy(p);
	c->f[c->nf++].held = held;
}

static const char *vc_vows(uint64_t v, char *buf, size_t cap)
{
	uint64_t b;
	size_t len = 0;
	buf[0] = '\0';
	for(b = 2; b <= ((uint64_t)1 << 21); b <<= 1)
	{
		if((v & b) && len < cap)
		{
			len += (size_t)snprintf(buf + len, cap - len, "%s%s", len ? " " : "", exile_vow_name(b));
		}
	}
	if((v & VC_ERR) && len < cap)
	{
		snprintf(buf + len, cap - len, "%serror", len ? " " : "");
	}
	return buf;
}

/* Checks one call under every filter of the context and says each
 * difference from the expected verdict. */
static void vc_check(struct vc_ctx *c, const char *name, const uint64_t a[6], uint64_t any, uint64_t need, int enosys)
{
	struct seccomp_data d;
	long nr = name[0] == '#' ? strtol(name + 1, NULL, 10) : exile_syscall_nr(name);
	size_t i, j;
	if(nr < 0)
	{
		print_message("docs/VOWS.md names %s, which exile_syscall_nr() does not know\n", name);
		c->bad++;
		return;
	}
	memset(&d, 0, sizeof(d));
	d.nr = (int)nr;
	d.arch = AUDIT_ARCH_X86_64;
	for(j = 0; j < 6; j++)
	{
		d.args[j] = (a[j] & ~VC_HI) == VC_SELF ? (c->self | (a[j] & VC_HI)) : a[j];
	}
	for(i = 0; i < c->nf; i++)
	{
		uint64_t h = c->f[i].held;
		uint32_t want, got = 0xdead;
		int allowed = (h & need) == need && (h & any) != 0;
		want = allowed ? SECCOMP_RET_ALLOW
			: enosys ? (SECCOMP_RET_ERRNO | ENOSYS)
			: (h & VC_ERR) ? (SECCOMP_RET_ERRNO | EACCES) : SECCOMP_RET_KILL_PROCESS;
		assert_true(exile_bpf_simulate(&c->f[i].prog, &d, &got) > 0);
		if(got != want)
		{
			char vb[256];
			print_message("%s(0x%llx, 0x%llx, 0x%llx, 0x%llx, 0x%llx) under \"%s\": 0x%x, docs/VOWS.md says 0x%x\n", name,
					(unsigned long long)d.args[0], (unsigned long long)d.args[1], (unsigned long long)d.args[2],
					(unsigned long long)d.args[3], (unsigned long long)d.args[4], vc_vows(h, vb, sizeof(vb)), got,
					want);
			c->bad++;
		}
	}
}

static int vc_in(const uint32_t *set, size_t n, uint32_t v)
{
	size_t i;
	for(i = 0; i < n; i++)
	{
		if(set[i] == v)
		{
			return 1;
		}
	}
	return 0;
}

/* One call per value of a set; the vows granting value v are those whose
 * set holds v (plus `also`, for prctl's escape hatch). */
static void vc_values(struct vc_ctx *c, const char *name, unsigned arg, const uint32_t *vals, size_t n, uint64_t also,
		const uint32_t *s1, size_t n1, uint64_t v1, const uint32_t *s2, size_t n2, uint64_t v2, const uint32_t *s3,
		size_t n3, uint64_t v3)
{
	size_t i;
	for(i = 0; i < n; i++)
	{
		uint64_t a[6] = { 0 }, any = also;
		a[arg] = vals[i];
		any |= vc_in(s1, n1, vals[i]) ? v1 : 0;
		any |= vc_in(s2, n2, vals[i]) ? v2 : 0;
		any |= vc_in(s3, n3, vals[i]) ? v3 : 0;
		vc_check(c, name, a, any, 0, 0);
	}
}

#define VC_N(a) (sizeof(a) / sizeof((a)[0]))
#define VC_SET(s) (s), VC_N(s)

static void vc_sockopts(struct vc_ctx *c, uint32_t level, const uint32_t *opts, size_t n, uint64_t vows)
{
	size_t i;
	for(i = 0; i < n; i++)
	{
		uint64_t a[6] = { 0, level, opts[i] };
		vc_check(c, "setsockopt", a, vows, 0, 0);
		a[1] |= VC_HI; /* level and optname are compared on the low half */
		a[2] |= VC_HI;
		vc_check(c, "setsockopt", a, vows, 0, 0);
	}
}

/* The other direction: sweeps over argument values, so that a value the
 * library allows and docs/VOWS.md does not name shows up too. `allowed` says what
 * docs/VOWS.md says for one call under one vow set. */
typedef int (*vc_rule_fn)(uint64_t held, const uint64_t a[6]);

static void vc_sweep(struct vc_ctx *c, const char *name, const uint64_t a[6], vc_rule_fn allowed, const uint64_t *sets,
		size_t nsets)
{
	struct seccomp_data d;
	size_t i, j;
	memset(&d, 0, sizeof(d));
	d.nr = (int)exile_syscall_nr(name);
	d.arch = AUDIT_ARCH_X86_64;
	memcpy(d.args, a, sizeof(d.args));
	for(i = 0; i < nsets; i++)
	{
		uint32_t got = 0xdead, want;
		for(j = 0; j < c->nf && c->f[j].held != sets[i]; j++)
		{
		}
		assert_true(j < c->nf);
		want = allowed(sets[i], a) ? SECCOMP_RET_ALLOW : SECCOMP_RET_KILL_PROCESS;
		assert_true(exile_bpf_simulate(&c->f[j].prog, &d, &got) > 0);
		if(got != want && c->bad++ < 50)
		{
			char vb[256];
			print_message("%s(0x%llx, 0x%llx, 0x%llx, 0x%llx) under \"%s\": 0x%x, docs/VOWS.md says 0x%x\n", name,
					(unsigned long long)a[0], (unsigned long long)a[1], (unsigned long long)a[2],
					(unsigned long long)a[3], vc_vows(sets[i], vb, sizeof(vb)), got, want);
		}
	}
}

/* "Open flags": every condition that holds must be met */
static int vc_open_rule(uint64_t h, const uint64_t a[6], uint64_t flags, uint64_t mode)
{
	uint64_t need;
	(void)a;
	flags &= 0xffffffffu;
	need = (flags & 3) == 0 ? VC_R : (flags & 3) == 1 ? VC_W : (VC_R | VC_W);
	need |= (flags & (01000 | 02000)) ? VC_W : 0;
	if(flags & (0100 | 020000000))
	{
		if(mode & 06000)
		{
			return 0;
		}
		need |= VC_C;
	}
	return (h & need) == need;
}
static int vc_open(uint64_t h, const uint64_t a[6]) { return vc_open_rule(h, a, a[1], a[2]); }
static int vc_openat(uint64_t h, const uint64_t a[6]) { return vc_open_rule(h, a, a[2], a[3]); }

static uint64_t vc_grant(uint32_t v, const uint32_t *s1, size_t n1, uint64_t v1, const uint32_t *s2, size_t n2, uint64_t v2,
		const uint32_t *s3, size_t n3, uint64_t v3)
{
	return (vc_in(s1, n1, v) ? v1 : 0) | (vc_in(s2, n2, v) ? v2 : 0) | (vc_in(s3, n3, v) ? v3 : 0);
}
static int vc_ioctl(uint64_t h, const uint64_t a[6])
{
	uint32_t r = (uint32_t)a[1];
	return (h & vc_grant(r, VC_SET(vc_ioctl_stdio), VC_S, VC_SET(vc_ioctl_inet), VC_I, VC_SET(vc_ioctl_ioctl), VC_IO)) != 0;
}
static int vc_fcntl(uint64_t h, const uint64_t a[6])
{
	uint32_t r = (uint32_t)a[1];
	return (h & vc_grant(r, VC_SET(vc_fcntl_stdio), VC_S, VC_SET(vc_fcntl_proc), VC_P, VC_SET(vc_fcntl_fsnotify), VC_FS)) != 0;
}
static int vc_prctl(uint64_t h, const uint64_t a[6])
{
	uint32_t r = (uint32_t)a[0];
	return (h & (VC_PR | vc_grant(r, VC_SET(vc_prctl_stdio), VC_S, VC_SET(vc_prctl_seccomp), VC_SEC, NULL, 0, 0))) != 0;
}
static int vc_arch_prctl(uint64_t h, const uint64_t a[6])
{
	uint32_t r = (uint32_t)a[0];
	return (h & (VC_PR | vc_grant(r, VC_SET(vc_arch_prctl_stdio), VC_S, NULL, 0, 0, NULL, 0, 0))) != 0;
}
static int vc_setsockopt(uint64_t h, const uint64_t a[6])
{
	uint32_t level = (uint32_t)a[1], opt = (uint32_t)a[2];
	if(level == 1)
	{
		return (h & (VC_I | VC_U)) != 0 && vc_in(VC_SET(vc_so_socket), opt);
	}
	return (h & VC_I) != 0
		&& ((level == 0 && vc_in(VC_SET(vc_so_ip), opt)) || (level == 6 && vc_in(VC_SET(vc_so_tcp), opt))
			|| (level == 17 && vc_in(VC_SET(vc_so_udp), opt)) || (level == 41 && vc_in(VC_SET(vc_so_ipv6), opt)));
}
static int vc_getsockopt(uint64_t h, const uint64_t a[6])
{
	uint32_t level = (uint32_t)a[1];
	return ((h & (VC_I | VC_U)) != 0 && level == 1)
		|| ((h & VC_I) != 0 && (level == 0 || level == 6 || level == 17 || level == 41));
}
/* "Sockets" */
static int vc_socket(uint64_t h, const uint64_t a[6])
{
	uint32_t dom = (uint32_t)a[0], type = (uint32_t)a[1] & ~(uint32_t)(04000 | 02000000), proto = (uint32_t)a[2];
	static const uint32_t ip_protos[] = { 0, 1, 6, 17, 58, 262 };
	if(dom == 1)
	{
		return (h & VC_U) != 0 && (type == 1 || type == 2 || type == 5) && proto == 0;
	}
	if(dom == 2 || dom == 10)
	{
		return (h & VC_I) != 0 && (type == 1 || type == 2) && vc_in(VC_SET(ip_protos), proto);
	}
	return dom == 16 && (h & VC_I) != 0 && (type == 3 || type == 2) && proto == 0;
}
/* "seccomp_install" */
static int vc_seccomp(uint64_t h, const uint64_t a[6])
{
	return (h & VC_SEC) != 0 && (uint32_t)a[0] <= 3 && ((uint32_t)a[1] & 4) == 0;
}

/* "thread" thread: all of 0x10900, none of 0x7E020000; clone: any */
static int vc_clone(uint64_t h, const uint64_t a[6])
{
	uint32_t f = (uint32_t)a[0];
	return (h & VC_CL) != 0 || ((h & VC_T) != 0 && (f & 0x10900) == 0x10900 && (f & 0x7E020000) == 0);
}
/* "prot_exec" */
static int vc_prot(uint64_t h, const uint64_t a[6])
{
	return (h & VC_PX) != 0 || ((h & VC_S) != 0 && ((uint32_t)a[2] & 4) == 0);
}
static int vc_shmat(uint64_t h, const uint64_t a[6])
{
	return (h & VC_SHM) != 0 && ((h & VC_PX) != 0 || ((uint32_t)a[2] & 0100000) == 0);
}
/* "dpath", "fattr": the mode none of 06000 (mknod arg1, mknodat arg2, chmod arg1, fchmod arg1, fchmodat(2) arg2) */
static int vc_mode1(uint64_t h, const uint64_t a[6])
{
	return (h & (VC_D | VC_F)) != 0 && ((uint32_t)a[1] & 06000) == 0;
}
static int vc_mode2(uint64_t h, const uint64_t a[6])
{
	return (h & (VC_D | VC_F)) != 0 && ((uint32_t)a[2] & 06000) == 0;
}
/* "stdio" (SELF) */
static int vc_personality(uint64_t h, const uint64_t a[6])
{
	return (h & VC_S) != 0 && ((uint32_t)a[0] == 0 || (uint32_t)a[0] == 0xffffffffu);
}

static void vc_sweeps(struct vc_ctx *c)
{
	static const uint64_t rwc[] = { VC_S, VC_S | VC_R, VC_S | VC_W, VC_S | VC_C, VC_S | VC_R | VC_W,
		VC_S | VC_R | VC_C, VC_S | VC_W | VC_C, VC_S | VC_R | VC_W | VC_C };
	static const uint64_t io[] = { VC_S, VC_I, VC_IO, VC_ALL }, fc[] = { VC_S, VC_P, VC_FS, VC_ALL };
	static const uint64_t pr[] = { VC_S, VC_SEC, VC_PR, VC_ALL }, net[] = { VC_I, VC_U, VC_S, VC_ALL };
	static const uint32_t sizes[] = { 0, 4, 8, 0x20, 0x2C }, types[] = { 'T', 0x89, 0x94, 'f' };
	static const uint32_t levels[] = { 0, 1, 6, 17, 41, 255, 263, 270, 280, 0x10001 };
	static const uint32_t protos[] = { 0, 1, 2, 6, 9, 17, 58, 132, 255, 262, 263 };
	uint64_t a[6] = { 0 };
	uint32_t x, y, z, w;
	/* open and openat: access mode × O_TRUNC × O_APPEND × O_CREAT × __O_TMPFILE × O_DIRECTORY, mode with and without set-id */
	for(x = 0; x < 128; x++)
	{
		uint64_t flags = (x & 3) | ((x & 4) ? 01000 : 0) | ((x & 8) ? 02000 : 0) | ((x & 16) ? 0100 : 0)
			| ((x & 32) ? 020000000 : 0) | ((x & 64) ? 0200000 : 0);
		for(y = 0; y < 3; y++)
		{
			uint64_t mode = y == 0 ? 0644 : y == 1 ? 04755 : 02644;
			uint64_t o[6] = { 0, flags, mode }, oa[6] = { 0, 0, flags, mode };
			vc_sweep(c, "open", o, vc_open, VC_SET(rwc));
			vc_sweep(c, "openat", oa, vc_openat, VC_SET(rwc));
		}
	}
	/* ioctl: every request of the types the sets use, in every direction and size they use */
	for(w = 0; w < 4; w++)
	{
		for(x = 0; x < VC_N(sizes); x++)
		{
			for(y = 0; y < VC_N(types); y++)
			{
				for(z = 0; z < 256; z++)
				{
					a[1] = ((uint64_t)w << 30) | (sizes[x] << 16) | (types[y] << 8) | z;
					vc_sweep(c, "ioctl", a, vc_ioctl, VC_SET(io));
				}
			}
		}
	}
	a[1] = 0;
	for(x = 0; x < 2048; x++)
	{
		a[1] = x;
		vc_sweep(c, "fcntl", a, vc_fcntl, VC_SET(fc));
	}
	a[1] = 0;
	for(x = 0; x < 256 + 3; x++)
	{
		a[0] = x < 256 ? x : x == 256 ? 0x53564D41 : x == 257 ? 0x41555856 : 0x59616d61;
		vc_sweep(c, "prctl", a, vc_prctl, VC_SET(pr));
	}
	for(x = 0; x < 6 * 256; x++)
	{
		a[0] = 0x1000 * (x / 256) + (x % 256);
		vc_sweep(c, "arch_prctl", a, vc_arch_prctl, VC_SET(pr));
	}
	a[0] = 0;
	for(x = 0; x < VC_N(levels); x++)
	{
		for(y = 0; y < 256; y++)
		{
			a[1] = levels[x];
			a[2] = y;
			vc_sweep(c, "setsockopt", a, vc_setsockopt, VC_SET(net));
		}
	}
	a[2] = 1;
	for(x = 0; x < 300; x++)
	{
		a[1] = x;
		vc_sweep(c, "getsockopt", a, vc_getsockopt, VC_SET(net));
	}
	for(x = 0; x < 46; x++)
	{
		for(y = 0; y < 4 * 12; y++)
		{
			for(z = 0; z < VC_N(protos); z++)
			{
				a[0] = x;
				a[1] = (y % 12) | ((y / 12) & 1 ? 04000 : 0) | ((y / 12) & 2 ? 02000000 : 0);
				a[2] = protos[z];
				vc_sweep(c, "socket", a, vc_socket, VC_SET(net));
			}
		}
	}
	memset(a, 0, sizeof(a));
	for(x = 0; x < 33 * 4; x++)
	{
		static const uint64_t cl[] = { VC_T, VC_CL, VC_S, VC_T | VC_S, VC_ALL };
		uint32_t base = (x / 33) == 0 ? 0x3d0f00 : (x / 33) == 1 ? 0x10900 : (x / 33) == 2 ? 0x900 : 0x10100;
		a[0] = (x % 33) == 32 ? base : (base | ((uint64_t)1 << (x % 33)));
		vc_sweep(c, "clone", a, vc_clone, VC_SET(cl));
		a[0] |= VC_HI;
		vc_sweep(c, "clone", a, vc_clone, VC_SET(cl));
	}
	memset(a, 0, sizeof(a));
	for(x = 0; x < 16; x++)
	{
		static const uint64_t pm[] = { VC_S, VC_PX, VC_SHM, VC_SHM | VC_PX, VC_ALL };
		a[2] = x;
		vc_sweep(c, "mmap", a, vc_prot, VC_SET(pm));
		vc_sweep(c, "mprotect", a, vc_prot, VC_SET(pm));
		vc_sweep(c, "pkey_mprotect", a, vc_prot, VC_SET(pm));
		a[2] = ((uint64_t)x << 12) | (x & 1 ? VC_HI : 0);
		vc_sweep(c, "shmat", a, vc_shmat, VC_SET(pm));
	}
	memset(a, 0, sizeof(a));
	for(x = 0; x < 010000; x += 0111)
	{
		static const uint64_t md[] = { VC_D, VC_F, VC_ALL };
		a[1] = 010000 | x;
		a[2] = 010000 | x;
		vc_sweep(c, "mknod", a, vc_mode1, &md[0], 1);
		vc_sweep(c, "chmod", a, vc_mode1, &md[1], 1);
		vc_sweep(c, "fchmod", a, vc_mode1, &md[1], 1);
		vc_sweep(c, "mknodat", a, vc_mode2, &md[0], 1);
		vc_sweep(c, "fchmodat", a, vc_mode2, &md[1], 1);
		vc_sweep(c, "fchmodat2", a, vc_mode2, &md[1], 1);
		vc_sweep(c, "chmod", a, vc_mode1, &md[2], 1);
	}
	memset(a, 0, sizeof(a));
	for(x = 0; x < 34; x++)
	{
		static const uint64_t ps[] = { VC_S, VC_ALL };
		a[0] = x == 32 ? 0 : x == 33 ? 0xffffffffu : ((uint64_t)1 << x);
		vc_sweep(c, "personality", a, vc_personality, VC_SET(ps));
		a[0] |= VC_HI;
		vc_sweep(c, "personality", a, vc_personality, VC_SET(ps));
	}
	memset(a, 0, sizeof(a));
	for(x = 0; x < 8; x++)
	{
		for(y = 0; y < 64; y++)
		{
			static const uint64_t sec[] = { VC_SEC, VC_ALL };
			a[0] = x;
			a[1] = y;
			vc_sweep(c, "seccomp", a, vc_seccomp, VC_SET(sec));
		}
	}
}

static void vow_table_matches_vows_md(void **state)
{
	static struct vc_ctx c;
	uint64_t v;
	size_t i;
	(void)state;
	memset(&c, 0, sizeof(c));
	c.self = (uint32_t)getpid();
	/* each vow alone, each with stdio, all 21, and with "error" */
	for(v = 2; v <= ((uint64_t)1 << 21); v <<= 1)
	{
		vc_add_filter(&c, v);
		vc_add_filter(&c, v | VC_S);
	}
	vc_add_filter(&c, VC_ALL);
	vc_add_filter(&c, VC_ALL | VC_ERR);
	vc_add_filter(&c, VC_S | VC_ERR);
	vc_add_filter(&c, VC_CL | VC_ERR);
	vc_add_filter(&c, VC_S | VC_R | VC_W);
	vc_add_filter(&c, VC_S | VC_R | VC_C);
	vc_add_filter(&c, VC_S | VC_W | VC_C);
	vc_add_filter(&c, VC_S | VC_R | VC_W | VC_C);
	/* the combinations that rows need, with and without one of them */
	for(i = 0; i < VC_N(vc_rows); i++)
	{
		if(vc_rows[i].need != 0)
		{
			vc_add_filter(&c, vc_rows[i].need);
			vc_add_filter(&c, vc_rows[i].need | VC_S);
			for(v = 2; v <= ((uint64_t)1 << 21); v <<= 1)
			{
				if((vc_rows[i].need & v) != 0)
				{
					vc_add_filter(&c, (vc_rows[i].need & ~v) | VC_S);
				}
			}
		}
	}

	for(i = 0; i < VC_N(vc_rows); i++)
	{
		vc_check(&c, vc_rows[i].name, vc_rows[i].a, vc_rows[i].any, vc_rows[i].need, vc_rows[i].enosys);
	}
	for(i = 0; i < VC_N(vc_never); i++)
	{
		uint64_t a[6] = { 0 };
		vc_check(&c, vc_never[i], a, 0, 0, 0);
	}
	vc_values(&c, "ioctl", 1, VC_SET(vc_ioctl_stdio), 0, VC_SET(vc_ioctl_stdio), VC_S, VC_SET(vc_ioctl_inet), VC_I,
			VC_SET(vc_ioctl_ioctl), VC_IO);
	vc_values(&c, "ioctl", 1, VC_SET(vc_ioctl_inet), 0, VC_SET(vc_ioctl_stdio), VC_S, VC_SET(vc_ioctl_inet), VC_I,
			VC_SET(vc_ioctl_ioctl), VC_IO);
	vc_values(&c, "ioctl", 1, VC_SET(vc_ioctl_ioctl), 0, VC_SET(vc_ioctl_stdio), VC_S, VC_SET(vc_ioctl_inet), VC_I,
			VC_SET(vc_ioctl_ioctl), VC_IO);
	vc_values(&c, "fcntl", 1, VC_SET(vc_fcntl_stdio), 0, VC_SET(vc_fcntl_stdio), VC_S, VC_SET(vc_fcntl_proc), VC_P,
			VC_SET(vc_fcntl_fsnotify), VC_FS);
	vc_values(&c, "fcntl", 1, VC_SET(vc_fcntl_proc), 0, VC_SET(vc_fcntl_stdio), VC_S, VC_SET(vc_fcntl_proc), VC_P,
			VC_SET(vc_fcntl_fsnotify), VC_FS);
	vc_values(&c, "fcntl", 1, VC_SET(vc_fcntl_fsnotify), 0, VC_SET(vc_fcntl_stdio), VC_S, VC_SET(vc_fcntl_proc), VC_P,
			VC_SET(vc_fcntl_fsnotify), VC_FS);
	vc_values(&c, "prctl", 0, VC_SET(vc_prctl_stdio), VC_PR, VC_SET(vc_prctl_stdio), VC_S, VC_SET(vc_prctl_seccomp),
			VC_SEC, NULL, 0, 0);
	vc_values(&c, "prctl", 0, VC_SET(vc_prctl_seccomp), VC_PR, VC_SET(vc_prctl_stdio), VC_S,
			VC_SET(vc_prctl_seccomp), VC_SEC, NULL, 0, 0);
	vc_values(&c, "prctl", 0, VC_SET(vc_prctl_other), VC_PR, NULL, 0, 0, NULL, 0, 0, NULL, 0, 0);
	vc_values(&c, "arch_prctl", 0, VC_SET(vc_arch_prctl_stdio), VC_PR, VC_SET(vc_arch_prctl_stdio), VC_S, NULL, 0, 0,
			NULL, 0, 0);
	vc_values(&c, "arch_prctl", 0, VC_SET(vc_arch_prctl_other), VC_PR, NULL, 0, 0, NULL, 0, 0, NULL, 0, 0);
	vc_sockopts(&c, 1, VC_SET(vc_so_socket), VC_I | VC_U);
	vc_sockopts(&c, 0, VC_SET(vc_so_ip), VC_I);
	vc_sockopts(&c, 6, VC_SET(vc_so_tcp), VC_I);
	vc_sockopts(&c, 17, VC_SET(vc_so_udp), VC_I);
	vc_sockopts(&c, 41, VC_SET(vc_so_ipv6), VC_I);
	for(i = 0; i < VC_N(vc_so_refused); i++)
	{
		vc_sockopts(&c, vc_so_refused[i][0], &vc_so_refused[i][1], 1, 0);
	}

	vc_sweeps(&c);

	for(i = 0; i < c.nf; i++)
	{
		free(c.f[i].prog.filter);
	}
	if(c.bad != 0)
	{
		fail_msg("%d verdicts differ from docs/VOWS.md (listed above)", c.bad);
	}
}

static const struct CMUnitTest vows_tests[] = {
	cmocka_unit_test(vows_from_str_parses_names),
	cmocka_unit_test(vows_from_str_unknown_word),
	cmocka_unit_test(ioctl_sets_never_hold_tiocsti),
	cmocka_unit_test(vow_table_is_consistent),
	cmocka_unit_test(value_set_names_match_the_headers),
	cmocka_unit_test(vow_stdio_alone_can_printf_and_read_stdin),
	cmocka_unit_test(vow_stdio_reads_a_file_opened_before_enable),
	cmocka_unit_test(vow_stdio_allows_only_the_fstat_form_of_newfstatat),
	cmocka_unit_test(vow_stdio_allows_tiocgwinsz),
	cmocka_unit_test(vow_clone_child_signals_itself_only_with_proc),
	cmocka_unit_test(vow_stacking_cannot_regain),
	cmocka_unit_test(vow_zero_leaves_only_the_base_set),
	cmocka_unit_test(vow_tsync_covers_existing_thread),
	cmocka_unit_test(vow_table_matches_vows_md),
};
