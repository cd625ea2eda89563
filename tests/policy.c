/* tests/policy.c — building and enabling policies: validation, precedence of rules, upstream patterns, enabling twice.
 * Part of the suite built by test.c (one translation unit); helpers in tests/harness.h. */

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

/* The patterns of upstream exile.h's own test suite, written anew against
 * this implementation: programs that used them must keep working. */
static int upstream_patterns_child(void *arg)
{
	int step = *(int *)arg;
	struct exile_policy *p = exile_init_policy();
	/* upstream's JSET snippet: open with O_WRONLY set is denied, other opens fall through */
	struct sock_filter wronly[2] = {
		BPF_STMT(BPF_LD + BPF_W + BPF_ABS, (offsetof(struct seccomp_data, args[1]))),
		BPF_JUMP(BPF_JMP + BPF_JSET + BPF_K, O_WRONLY, 0, EXILE_SYSCALL_EXIT_BPF_NO_MATCH)
	};
	switch(step)
	{
	case 0: /* x32 numbers cannot bypass an explicit blacklist */
		exile_append_syscall_policy(p, EXILE_SYS(getuid), EXILE_SYSCALL_DENY_KILL_PROCESS, NULL, 0);
		exile_append_syscall_default_policy(p, EXILE_SYSCALL_ALLOW);
		if(exile_enable_policy(p) != 0)
		{
			return EXIT_ENABLE_FAILED;
		}
		syscall(EXILE_SYS(getuid) + 0x40000000);
		return 0;
	case 1: /* argument filter: O_RDONLY allowed, O_WRONLY denied */
		exile_append_syscall_policy(p, EXILE_SYS(stat), EXILE_SYSCALL_DENY_RET_ERROR, NULL, 0);
		exile_append_syscall_policy(p, EXILE_SYS(open), EXILE_SYSCALL_DENY_RET_ERROR, wronly, 2);
		exile_append_syscall_default_policy(p, EXILE_SYSCALL_ALLOW);
		if(exile_enable_policy(p) != 0)
		{
			return EXIT_ENABLE_FAILED;
		}
		if(syscall(EXILE_SYS(open), "/dev/null", O_RDONLY) < 0)
		{
			return 1;
		}
		if(syscall(EXILE_SYS(stat), "/dev/null", buf) != -1 || errno != EACCES)
		{
			return 2;
		}
		return errno_of(syscall(EXILE_SYS(open), "/dev/null", O_WRONLY));
	case 2: /* exile_vow() stacking with seccomp_install: regaining unix fails */
		if(exile_vow(EXILE_SYSCALL_VOW_STDIO | EXILE_SYSCALL_VOW_UNIX | EXILE_SYSCALL_VOW_SECCOMP_INSTALL | EXILE_SYSCALL_VOW_DENY_ERROR) != 0
			|| socket(AF_UNIX, SOCK_STREAM, 0) < 0)
		{
			return 1;
		}
		if(exile_vow(EXILE_SYSCALL_VOW_STDIO | EXILE_SYSCALL_VOW_SECCOMP_INSTALL | EXILE_SYSCALL_VOW_DENY_ERROR) != 0)
		{
			return 2;
		}
		if(exile_vow(EXILE_SYSCALL_VOW_STDIO | EXILE_SYSCALL_VOW_UNIX | EXILE_SYSCALL_VOW_SECCOMP_INSTALL | EXILE_SYSCALL_VOW_DENY_ERROR) != 0)
		{
			return 3;
		}
		return errno_of(socket(AF_UNIX, SOCK_STREAM, 0));
	default: /* vows set as bits, as upstream's tests do */
		p->vow_promises = EXILE_SYSCALL_VOW_STDIO | EXILE_SYSCALL_VOW_INET | EXILE_SYSCALL_VOW_DENY_ERROR;
		if(exile_enable_policy(p) != 0)
		{
			return EXIT_ENABLE_FAILED;
		}
		if(socket(AF_INET, SOCK_STREAM, 0) < 0)
		{
			return 1;
		}
		return errno_of(socket(AF_UNIX, SOCK_DGRAM, 0));
	}
}

static void upstream_test_patterns_behave(void **state)
{
	int step;
	int expect[] = { EXIT_KILLED_SIGSYS, EACCES, EACCES, EACCES };
	(void)state;
	for(step = 0; step < 4; step++)
	{
		int got = in_child(upstream_patterns_child, &step);
		if(got != expect[step])
		{
			fail_msg("upstream pattern %d: expected %d, got %d", step, expect[step], got);
		}
	}
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

/* Until the namespace module exists, asking for it fails closed instead of
 * enabling less than asked. (Path rules are enforced now: see tests/landlock.c.) */
static void unimplemented_confinement_fails_closed(void **state)
{
	struct exile_policy *p = exile_init_policy();
	(void)state;
	assert_int_equal(exile_append_path_policies(p, EXILE_FS_ALLOW_ALL_READ, "/tmp", "/"), 0);
	assert_string_equal(p->path_policies->path, "/tmp");
	assert_string_equal(p->path_policies->next->path, "/");
	exile_free_policy(p);
	p = exile_init_policy();
	assert_int_equal(exile_append_path_policies(p, EXILE_FS_ALLOW_ALL_READ, "/nonexistent-exile-test"), -ENOENT);
	assert_non_null(strstr(exile_last_error(), "/nonexistent-exile-test"));
	exile_free_policy(p);
}

/* One enable path: exile_enable_syscall_policy() is a mode of the same
 * prepare and commit, stdio pre-buffering included. The first read of a
 * stream allocates its buffer, which glibc 2.33-2.38 does with
 * newfstatat(fd, "", AT_EMPTY_PATH): under vows "stdio" alone that would
 * be killed. stdin, which the runner never read, shows it. 0: the byte was
 * read; 3: stdin had a buffer already (nothing to show). */
static int syscall_policy_stdio_child(void *arg)
{
	struct exile_policy *p = exile_create_policy();
	int fds[2], c;
	if(__fbufsize(stdin) != 0)
	{
		return 3;
	}
	if(pipe(fds) != 0 || write(fds[1], "x", 1) != 1 || dup2(fds[0], 0) != 0 || prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
	{
		return 101;
	}
	p->vow_promises = exile_vows_from_str("stdio");
	if((arg != NULL ? exile_enable_syscall_policy(p) : exile_enable_policy(p)) != 0)
	{
		return EXIT_ENABLE_FAILED;
	}
	c = fgetc(stdin);
	return c == 'x' ? 0 : 102;
}

static void syscall_policy_prebuffers_stdio(void **state)
{
	int rc;
	(void)state;
	rc = in_child(syscall_policy_stdio_child, NULL);
	if(rc == 3)
	{
		printf("skipped: stdin of the runner has a buffer already\n");
		skip();
	}
	assert_int_equal(rc, 0);
	assert_int_equal(in_child(syscall_policy_stdio_child, (void *)1), 0);
}


/* exile_append_vow_promises(p, 0) means the base set (as exile_vow(0)), the
 * public replacement of a private flag the tools used for --vows "". */
static int getuid_under_appended_empty_vows(void *arg)
{
	struct exile_policy *p = exile_create_policy();
	(void)arg;
	p->no_new_privs = 1;
	if(exile_append_vow_promises(p, 0) != 0 || exile_enable_policy(p) != 0)
	{
		return EXIT_ENABLE_FAILED;
	}
	syscall(__NR_getuid);
	return 0;
}

static void append_empty_vows_is_the_base_set(void **state)
{
	(void)state;
	assert_int_equal(in_child(getuid_under_appended_empty_vows, NULL), EXIT_KILLED_SIGSYS);
}

/* Logging: silent by default (this suite does not define EXILE_LOG_ERROR),
 * exile_set_log() turns it on, and an expected outcome is never logged. */
static int log_lines;
static char log_last[EXILE__ERRLEN];

static void log_collect(const char *message, void *ctx)
{
	(void)ctx;
	log_lines++;
	snprintf(log_last, sizeof(log_last), "%s", message);
}

static int log_exit3(void *arg)
{
	(void)arg;
	return 3;
}

static int log_child(void *arg)
{
	struct exile_launch_params params;
	char buf[64];
	size_t n = 0;
	int fds[2];
	(void)arg;
	if(pipe(fds) != 0 || dup2(fds[1], 2) != 2 || fcntl(fds[0], F_SETFL, O_NONBLOCK) != 0)
	{
		return 101;
	}
	if(exile_enable_policy(NULL) != -EINVAL || exile_vows_from_str("stdio nonsense") == 0)
	{
		return 102;
	}
	if(read(fds[0], buf, sizeof(buf)) > 0)
	{
		return 1; /* something was printed */
	}
	exile_set_log(log_collect, NULL);
	if(exile_enable_policy(NULL) != -EINVAL || log_lines != 1 || strcmp(log_last, exile_last_error()) != 0)
	{
		return 2;
	}
	memset(&params, 0, sizeof(params));
	params.func = log_exit3;
	if(exile_launch_get(&params, &n) != NULL || strstr(exile_last_error(), "exited with 3") == NULL)
	{
		return 103;
	}
	if(log_lines != 1)
	{
		return 3; /* the function's exit code was logged */
	}
	exile_set_log(NULL, NULL);
	exile_enable_policy(NULL);
	return log_lines == 1 && read(fds[0], buf, sizeof(buf)) <= 0 ? 0 : 4;
}

static void logging_silent_by_default_and_on_request(void **state)
{
	(void)state;
	assert_int_equal(in_child(log_child, NULL), 0);
}

/* The commit makes no system call that its prepare did not declare (and so
 * check against the filters installed earlier): the list comes from the
 * step table, and this trace holds it to the code. The child marks the
 * commit's start (EXILE_TESTING), the tracer records every call from there
 * to the install, and the child sends the declared list afterwards. */
enum { DECL_VOWS, DECL_PATHS, DECL_NOFILE, DECL_REPORT, DECL_NS };

static int decl_child(int kind, int out)
{
	struct exile_policy *p = exile_init_policy();
	size_t i;
	p->vow_promises = exile_vows_from_str("stdio");
	exile_keep_fd(p, out);
	switch(kind)
	{
	case DECL_PATHS:
		exile_append_path_policies(p, EXILE_FS_ALLOW_ALL_READ, "/");
		break;
	case DECL_NOFILE:
		p->no_new_fds = 1;
		break;
	case DECL_REPORT:
		p->report_violations = 1;
		break;
	case DECL_NS:
		p->namespace_options = EXILE_UNSHARE_NETWORK | EXILE_UNSHARE_USER;
		p->mount_path_policies_to_chroot = 1;
		exile_append_path_policies(p, EXILE_FS_ALLOW_ALL_READ, "/usr");
		break;
	}
	exile__test_mark_commit = 1;
	if(exile_enable_policy(p) != 0)
	{
		return 1;
	}
	for(i = 0; i < exile__test_calls.ncalls; i++)
	{
		int32_t nr = (int32_t)exile__test_calls.calls[i].nr;
		if(write(out, &nr, sizeof(nr)) != (ssize_t)sizeof(nr))
		{
			return 2;
		}
	}
	return 0;
}

/* Returns NULL, or the name of a call the commit made without declaring it. */
static const char *decl_trace(int kind)
{
	static char undeclared[256];
	long seen[512];
	size_t nseen = 0, i, k;
	int32_t decl[EXILE__MAX_CALLS];
	size_t ndecl = 0;
	int status, sig = 0, fds[2], on = 0;
	ssize_t got;
	pid_t pid;
	assert_int_equal(pipe(fds), 0);
	fflush(stdout);
	pid = fork();
	assert_true(pid >= 0);
	if(pid == 0)
	{
		int r;
		close(fds[0]);
		if(ptrace(PTRACE_TRACEME, 0, 0, 0) != 0 || raise(SIGSTOP) != 0)
		{
			_exit(101);
		}
		r = decl_child(kind, fds[1]);
		syscall(__NR_exit_group, r);
	}
	close(fds[1]);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_int_equal(ptrace(PTRACE_SETOPTIONS, pid, 0, PTRACE_O_TRACESYSGOOD | PTRACE_O_EXITKILL), 0);
	for(;;)
	{
		struct __ptrace_syscall_info info;
		assert_int_equal(ptrace(PTRACE_SYSCALL, pid, 0, sig), 0);
		sig = 0;
		assert_int_equal(waitpid(pid, &status, 0), pid);
		if(WIFEXITED(status) || WIFSIGNALED(status))
		{
			break;
		}
		if(WSTOPSIG(status) != (SIGTRAP | 0x80))
		{
			sig = WSTOPSIG(status);
			continue;
		}
		memset(&info, 0, sizeof(info));
		if(ptrace(PTRACE_GET_SYSCALL_INFO, pid, sizeof(info), &info) <= 0 || info.op != PTRACE_SYSCALL_INFO_ENTRY)
		{
			continue;
		}
		if(!on)
		{
			on = info.entry.nr == __NR_getppid;
			continue;
		}
		if(info.entry.nr == __NR_seccomp && info.entry.args[0] == SECCOMP_SET_MODE_FILTER && (info.entry.args[1] & SECCOMP_FILTER_FLAG_TSYNC))
		{
			on = 0; /* the install: the commit's last call */
			continue;
		}
		if(nseen < sizeof(seen) / sizeof(seen[0]))
		{
			seen[nseen++] = (long)info.entry.nr;
		}
	}
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	while(ndecl < EXILE__MAX_CALLS && (got = read(fds[0], &decl[ndecl], sizeof(decl[0]))) == (ssize_t)sizeof(decl[0]))
	{
		ndecl++;
	}
	close(fds[0]);
	undeclared[0] = '\0';
	for(i = 0; i < nseen; i++)
	{
		for(k = 0; k < ndecl && decl[k] != seen[i]; k++)
		{
		}
		if(k == ndecl && strstr(undeclared, exile_syscall_name(seen[i])) == NULL)
		{
			size_t len = strlen(undeclared);
			snprintf(undeclared + len, sizeof(undeclared) - len, " %s", exile_syscall_name(seen[i]));
		}
	}
	printf("  %zu calls traced in the commit, %zu declared\n", nseen, ndecl);
	return undeclared[0] ? undeclared : NULL;
}

static void commit_makes_only_declared_calls(void **state)
{
	static const char *const names[] = { "vows", "path rules", "no_new_fds", "report mode", "namespaces and a new root" };
	int kind;
	(void)state;
	for(kind = DECL_VOWS; kind <= DECL_NS; kind++)
	{
		const char *u = decl_trace(kind);
		if(u != NULL)
		{
			fail_msg("%s: the commit made calls its prepare did not declare:%s", names[kind], u);
		}
	}
}

/* seccomp's TSYNC cannot cover a thread that runs under a filter of its
 * own. That is found out before anything changes: -EAGAIN, and an inherited
 * fd that close_fds would have closed is still open (it was -ENOTRECOVERABLE
 * after the fds were closed). */
static int tsync_conflict_pipe[2], tsync_conflict_ready[2];

static void *tsync_filtered_thread(void *arg)
{
	struct sock_filter allow[] = { BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW) };
	struct sock_fprog prog = { 1, allow };
	char c;
	(void)arg;
	if(prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 || prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) != 0
		|| write(tsync_conflict_ready[1], "r", 1) != 1)
	{
		return (void *)1;
	}
	if(read(tsync_conflict_pipe[0], &c, 1) < 0)
	{
		return (void *)2;
	}
	return NULL;
}

static int tsync_conflict_child(void *arg)
{
	struct exile_policy *p = exile_init_policy();
	pthread_t t;
	char c;
	int err, fd = open("/dev/null", O_RDONLY);
	(void)arg;
	if(fd < 3 || pipe(tsync_conflict_pipe) != 0 || pipe(tsync_conflict_ready) != 0
		|| pthread_create(&t, NULL, tsync_filtered_thread, NULL) != 0 || read(tsync_conflict_ready[0], &c, 1) != 1)
	{
		return 101;
	}
	p->vow_promises = exile_vows_from_str("stdio thread");
	p->drop_caps = 0; /* root's thread keeps its capabilities: refused for that first */
	exile_keep_fd(p, tsync_conflict_pipe[0]);
	exile_keep_fd(p, tsync_conflict_pipe[1]);
	err = exile_enable_policy(p);
	if(err != -EAGAIN)
	{
		fprintf(stderr, "enable: %d %s\n", err, exile_last_error());
		return 1;
	}
	return fcntl(fd, F_GETFD) >= 0 && strstr(exile_last_error(), "nothing was changed") != NULL ? 0 : 2;
}

static void tsync_conflict_found_before_any_change(void **state)
{
	(void)state;
	assert_int_equal(in_child(tsync_conflict_child, NULL), 0);
}

/* A commit whose calls overflow the list the preflight checks must be
 * refused: an unchecked call could be one an earlier filter kills for. */
static void preflight_refuses_calls_it_could_not_record(void **state)
{
	struct exile__commit_info ci;
	size_t i;
	(void)state;
	memset(&ci, 0, sizeof(ci));
	for(i = 0; i < EXILE__MAX_CALLS; i++)
	{
		exile__will_call(&ci, __NR_getpid, 0, 0, 0);
	}
	assert_int_equal(exile__preflight(&ci), 0);
	exile__will_call(&ci, __NR_getpid, 0, 0, 0);
	assert_int_equal(exile__preflight(&ci), -E2BIG);
}

/* A masked comparison whose value has bits outside its mask never matches;
 * as a deny rule it would never fire. Refused when appended. */
static void masked_comparison_that_cannot_match_is_refused(void **state)
{
	struct exile_policy *p = exile_create_policy();
	struct exile_arg_cmp never[] = { EXILE_ARG_MASKED_EQ(1, 0xF0, 0x0F) };
	struct exile_arg_cmp never32[] = { EXILE_ARG32_MASKED_EQ(1, 0xF0, 0x1F) };
	struct exile_arg_cmp fine[] = { EXILE_ARG_MASKED_EQ(1, 0xF0, 0x10), EXILE_ARG32_MASKED_EQ(2, 0xF0, 0xFFFFFFFF00000010ULL) };
	(void)state;
	assert_non_null(p);
	assert_int_equal(exile_append_syscall_rule(p, __NR_ioctl, EXILE_SYSCALL_DENY_RET_ERROR, never, 1), -EINVAL);
	assert_non_null(strstr(exile_last_error(), "can never match"));
	assert_int_equal(exile_append_syscall_rule(p, __NR_ioctl, EXILE_SYSCALL_DENY_RET_ERROR, never32, 1), -EINVAL);
	exile_free_policy(p);
	p = exile_create_policy();
	assert_int_equal(exile_append_syscall_rule(p, __NR_ioctl, EXILE_SYSCALL_DENY_RET_ERROR, fine, 2), 0);
	exile_free_policy(p);
}

/* A filter exile did not install in this image (an earlier stage's, before
 * execve; a parent's; a service manager's) cannot be asked what it allows.
 * Enabling under one must make only the calls a program that enables a
 * policy already makes, never an optional probe it may kill for: here a
 * foreign filter kills unshare() (a fast thread count once used it). */
static int foreign_filter_child(void *arg)
{
	struct exile_policy *p;
	(void)arg;
	if(foreign_filter(__NR_unshare, SECCOMP_RET_KILL_PROCESS, 0) != 0)
	{
		return 101;
	}
	p = exile_init_policy();
	p->vow_promises = exile_vows_from_str("stdio rpath seccomp_install");
	return exile_enable_policy(p) == 0 ? 0 : 102;
}

static void enable_under_a_foreign_filter_makes_no_optional_call(void **state)
{
	(void)state;
	assert_int_equal(in_child(foreign_filter_child, NULL), 0);
}

static const struct CMUnitTest policy_tests[] = {
	cmocka_unit_test(enable_rejects_invalid_vows),
	cmocka_unit_test(syscall_policy_prebuffers_stdio),
	cmocka_unit_test(logging_silent_by_default_and_on_request),
	cmocka_unit_test(commit_makes_only_declared_calls),
	cmocka_unit_test(tsync_conflict_found_before_any_change),
	cmocka_unit_test(enable_rejects_null_policy),
	cmocka_unit_test(bad_action_is_rejected_and_poisons_policy),
	cmocka_unit_test(rules_without_default_are_rejected),
	cmocka_unit_test(vows_with_allowing_default_are_rejected),
	cmocka_unit_test(explicit_rule_wins_over_vow),
	cmocka_unit_test(upstream_blacklist_with_raw_snippet),
	cmocka_unit_test(upstream_test_patterns_behave),
	cmocka_unit_test(enabling_twice),
	cmocka_unit_test(unimplemented_confinement_fails_closed),
	cmocka_unit_test(append_empty_vows_is_the_base_set),
	cmocka_unit_test(preflight_refuses_calls_it_could_not_record),
	cmocka_unit_test(masked_comparison_that_cannot_match_is_refused),
	cmocka_unit_test(enable_under_a_foreign_filter_makes_no_optional_call),
};
