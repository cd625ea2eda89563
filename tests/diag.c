/* tests/diag.c — reverse vow lookup, report mode, learning mode, exile_policy_describe.
 * Part of the suite built by test.c (one translation unit); helpers in tests/harness.h. */

/* ------------------------------------------------------------------------ */

/* The vow set as a string, "(none)" for EXILE_VOWS_NONE. */
static const char *vows_str(uint64_t v)
{
	static char buf[256];
	if(v == EXILE_VOWS_NONE)
	{
		return "(none)";
	}
	exile_vows_to_str(v, buf, sizeof(buf));
	return buf;
}

/* The real filter for a vow set, cached (the reverse lookup is checked
 * against what enabling would install). */
static uint32_t filter_verdict(uint64_t vows, long nr, const uint64_t *args)
{
	static struct
	{
		uint64_t vows;
		struct sock_fprog prog;
	} cache[64];
	static size_t n;
	struct seccomp_data d;
	uint32_t action = 0;
	size_t i;
	for(i = 0; i < n && cache[i].vows != vows; i++)
	{
	}
	if(i == n)
	{
		struct exile_policy *p = exile_create_policy();
		assert_true(n < 64);
		p->vow_promises = vows != 0 ? vows : EXILE_SYSCALL_VOW_BASE; /* vows 0: the base set alone */
		assert_int_equal(exile_syscall_policy_to_bpf(p, &cache[n].prog), 0);
		cache[n].vows = vows;
		exile_free_policy(p);
		n++;
	}
	memset(&d, 0, sizeof(d));
	d.nr = (int)nr;
	d.arch = AUDIT_ARCH_X86_64;
	memcpy(d.args, args, sizeof(d.args));
	assert_true(exile_bpf_simulate(&cache[i].prog, &d, &action) > 0);
	return action;
}

/* The answer allows the call in the real filter, and no vow of it can go. */
static void assert_minimal_in_filter(long nr, const uint64_t *args, uint64_t vows)
{
	size_t i;
	if(filter_verdict(vows, nr, args) != SECCOMP_RET_ALLOW)
	{
		fail_msg("%s: vows \"%s\" do not allow it in the real filter", exile_syscall_name(nr), vows_str(vows));
	}
	for(i = 0; i < EXILE__N(exile__vow_names); i++)
	{
		uint64_t bit = exile__vow_names[i].bit;
		if((vows & bit) && filter_verdict(vows & ~bit, nr, args) == SECCOMP_RET_ALLOW)
		{
			fail_msg("%s: \"%s\" is not minimal, %s can go", exile_syscall_name(nr), vows_str(vows), exile__vow_names[i].name);
		}
	}
}

/* Every syscall of every vow: the lookup names a vow that lists it, and the
 * real filter agrees that this set allows it and that no smaller one does. */
static void vows_allowing_covers_every_vow_syscall(void **state)
{
	static const uint64_t zero[6] = { 0, 0, 0, 0, 0, 0 };
	size_t i, checked = 0;
	(void)state;
	for(i = 0; i < EXILE__N(exile__vow_table); i++)
	{
		long nr = exile__vow_table[i].nr;
		uint64_t v;
		if(nr == EXILE__NR_NONE)
		{
			continue; /* a call this architecture lacks */
		}
		v = exile_vows_allowing(nr, zero);
		if(exile__vow_table[i].kind == EXILE__K_NONE)
		{
			/* no argument rule: one vow, the most preferred that lists it */
			size_t k;
			uint64_t first = 0;
			for(k = 0; k < EXILE__N(exile__diag_pref) && first == 0; k++)
			{
				first = exile__vow_table[i].vows & exile__diag_pref[k];
			}
			if(v != first)
			{
				fail_msg("%s: lookup says \"%s\", expected \"%s\"", exile_syscall_name(nr), vows_str(v), exile_vow_name(first));
			}
		}
		if(v != EXILE_VOWS_NONE)
		{
			assert_minimal_in_filter(nr, zero, v);
			checked++;
		}
	}
	assert_true(checked > 280);
	assert_int_equal(exile_vows_allowing(__NR_exit_group, NULL), 0);
	assert_int_equal(exile_vows_allowing(__NR_rt_sigreturn, NULL), 0);
	assert_int_equal(exile_vows_allowing(__NR_ptrace, NULL), EXILE_VOWS_NONE);
	assert_int_equal(exile_vows_allowing(__NR_bpf, NULL), EXILE_VOWS_NONE);
	assert_int_equal(exile_vows_allowing(-1, NULL), EXILE_VOWS_NONE);
	assert_int_equal(exile_vows_allowing(100000, NULL), EXILE_VOWS_NONE);
}

/* Argument rules: the lookup evaluates them on the call's arguments. */
static const struct
{
	const char *what;
	long nr;
	uint64_t args[6];
	const char *vows;
} vow_lookups[] = {
	{ "openat O_RDONLY", __NR_openat, { (uint64_t)-100, 0, O_RDONLY, 0, 0, 0 }, "rpath" },
	{ "openat O_DIRECTORY", __NR_openat, { (uint64_t)-100, 0, O_RDONLY | O_DIRECTORY, 0, 0, 0 }, "rpath" },
	{ "openat O_WRONLY", __NR_openat, { (uint64_t)-100, 0, O_WRONLY, 0, 0, 0 }, "wpath" },
	{ "openat O_RDWR", __NR_openat, { (uint64_t)-100, 0, O_RDWR, 0, 0, 0 }, "rpath wpath" },
	{ "openat O_RDONLY|O_TRUNC", __NR_openat, { (uint64_t)-100, 0, O_RDONLY | O_TRUNC, 0, 0, 0 }, "rpath wpath" },
	{ "openat O_WRONLY|O_CREAT", __NR_openat, { (uint64_t)-100, 0, O_WRONLY | O_CREAT, 0644, 0, 0 }, "cpath wpath" },
	{ "openat O_RDWR|O_CREAT|O_TRUNC", __NR_openat, { (uint64_t)-100, 0, O_RDWR | O_CREAT | O_TRUNC, 0600, 0, 0 }, "cpath rpath wpath" },
	{ "openat O_CREAT mode 04755", __NR_openat, { (uint64_t)-100, 0, O_WRONLY | O_CREAT, 04755, 0, 0 }, "(none)" },
	{ "open O_RDONLY", __NR_open, { 0, O_RDONLY, 0, 0, 0, 0 }, "rpath" },
	{ "creat", __NR_creat, { 0, 0644, 0, 0, 0, 0 }, "cpath wpath" },
	{ "ioctl TCGETS", __NR_ioctl, { 0, TCGETS, 0, 0, 0, 0 }, "stdio" },
	{ "ioctl TCSETS", __NR_ioctl, { 0, TCSETS, 0, 0, 0, 0 }, "ioctl" },
	{ "ioctl TIOCGWINSZ", __NR_ioctl, { 0, TIOCGWINSZ, 0, 0, 0, 0 }, "stdio" },
	{ "ioctl TIOCSWINSZ", __NR_ioctl, { 0, TIOCSWINSZ, 0, 0, 0, 0 }, "ioctl" },
	{ "newfstatat fstat form", __NR_newfstatat, { 3, 0, 0, AT_EMPTY_PATH, 0, 0 }, "stdio" },
	{ "newfstatat a path", __NR_newfstatat, { (uint64_t)-100, 0, 0, 0, 0, 0 }, "rpath" },
	{ "ioctl SIOCGIFNAME", __NR_ioctl, { 0, 0x8910, 0, 0, 0, 0 }, "inet" },
	{ "ioctl TIOCSTI", __NR_ioctl, { 0, TIOCSTI, 0, 0, 0, 0 }, "(none)" },
	{ "socket AF_INET", __NR_socket, { AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0, 0, 0, 0 }, "inet" },
	{ "socket AF_INET6 udp", __NR_socket, { AF_INET6, SOCK_DGRAM, IPPROTO_UDP, 0, 0, 0 }, "inet" },
	{ "socket AF_UNIX", __NR_socket, { AF_UNIX, SOCK_STREAM, 0, 0, 0, 0 }, "unix" },
	{ "socket AF_PACKET", __NR_socket, { AF_PACKET, SOCK_RAW, 0, 0, 0, 0 }, "(none)" },
	{ "setsockopt SO_REUSEADDR", __NR_setsockopt, { 3, SOL_SOCKET, SO_REUSEADDR, 0, 0, 0 }, "unix" },
	{ "setsockopt TCP_NODELAY", __NR_setsockopt, { 3, IPPROTO_TCP, TCP_NODELAY, 0, 0, 0 }, "inet" },
	{ "sendto with address", __NR_sendto, { 3, 0, 0, 0, 0x1000, 16 }, "unix" },
	{ "sendto without address", __NR_sendto, { 3, 0, 0, 0, 0, 0 }, "stdio" },
	{ "mmap PROT_READ", __NR_mmap, { 0, 4096, PROT_READ, 0, 0, 0 }, "stdio" },
	{ "mmap PROT_EXEC", __NR_mmap, { 0, 4096, PROT_READ | PROT_EXEC, 0, 0, 0 }, "prot_exec" },
	{ "shmat SHM_EXEC", __NR_shmat, { 0, 0, 0100000, 0, 0, 0 }, "prot_exec shm" },
	{ "clone a thread", __NR_clone, { 0x3d0f00, 0, 0, 0, 0, 0 }, "thread" },
	{ "clone a process", __NR_clone, { 0x1200011, 0, 0, 0, 0, 0 }, "clone" },
	{ "fcntl F_GETFL", __NR_fcntl, { 0, F_GETFL, 0, 0, 0, 0 }, "stdio" },
	{ "fcntl F_SETOWN", __NR_fcntl, { 0, F_SETOWN, 0, 0, 0, 0 }, "proc" },
	{ "fcntl F_NOTIFY", __NR_fcntl, { 0, 1026, 0, 0, 0, 0 }, "fsnotify" },
	{ "prctl PR_SET_NAME", __NR_prctl, { PR_SET_NAME, 0, 0, 0, 0, 0 }, "stdio" },
	{ "prctl PR_SET_SECCOMP", __NR_prctl, { PR_SET_SECCOMP, 0, 0, 0, 0, 0 }, "seccomp_install" },
	{ "prctl PR_SET_MM", __NR_prctl, { 35, 0, 0, 0, 0, 0 }, "prctl" },
	{ "kill another process", __NR_kill, { 1, 0, 0, 0, 0, 0 }, "proc" },
	{ "chmod 0644", __NR_chmod, { 0, 0644, 0, 0, 0, 0 }, "fattr" },
	{ "chmod 04755", __NR_chmod, { 0, 04755, 0, 0, 0, 0 }, "(none)" },
	{ "mknodat fifo", __NR_mknodat, { 0, 0, 010644, 0, 0, 0 }, "dpath" },
	{ "personality query", __NR_personality, { 0xffffffff, 0, 0, 0, 0, 0 }, "stdio" },
	{ "seccomp SET_MODE_FILTER", __NR_seccomp, { 1, 0, 0, 0, 0, 0 }, "seccomp_install" },
};

static void vows_allowing_evaluates_argument_rules(void **state)
{
	size_t i;
	uint64_t self[6] = { 0, 0, 0, 0, 0, 0 };
	(void)state;
	for(i = 0; i < sizeof(vow_lookups) / sizeof(vow_lookups[0]); i++)
	{
		uint64_t v = exile_vows_allowing(vow_lookups[i].nr, vow_lookups[i].args);
		if(strcmp(vows_str(v), vow_lookups[i].vows) != 0)
		{
			fail_msg("%s: lookup says \"%s\", expected \"%s\"", vow_lookups[i].what, vows_str(v), vow_lookups[i].vows);
		}
		if(v != EXILE_VOWS_NONE)
		{
			assert_minimal_in_filter(vow_lookups[i].nr, vow_lookups[i].args, v);
		}
	}
	self[0] = (uint64_t)getpid();
	assert_string_equal(vows_str(exile_vows_allowing(__NR_kill, self)), "stdio");
	assert_minimal_in_filter(__NR_kill, self, EXILE__V_STDIO);
}

/* The hint programs the SIGSYS handler runs give the lookup's answers. */
static void report_hints_agree_with_lookup(void **state)
{
	struct exile__diag_hints *h = NULL;
	uint32_t self = (uint32_t)getpid();
	long nr;
	size_t i, compiled = 0;
	(void)state;
	assert_int_equal(exile__diag_hints_build(self, &h), 0);
	for(nr = 0; nr < EXILE__NR_COUNT; nr++)
	{
		uint64_t zero[6] = { 0, 0, 0, 0, 0, 0 };
		compiled += h->prog[nr].filter != NULL;
		assert_true(exile__diag_hint(h, nr, zero) == exile__diag_lookup(nr, zero, self));
		if(h->prog[nr].filter == NULL)
		{
			continue;
		}
		for(i = 0; i < sizeof(vow_lookups) / sizeof(vow_lookups[0]); i++)
		{
			const uint64_t *a = vow_lookups[i].args;
			if(exile__diag_hint(h, nr, a) != exile__diag_lookup(nr, a, self))
			{
				fail_msg("%s with the arguments of \"%s\": hint %s", exile_syscall_name(nr), vow_lookups[i].what,
						vows_str(exile__diag_hint(h, nr, a)));
			}
		}
	}
	printf("hint programs: %zu syscalls need one (the others have a constant answer)\n", compiled);
	assert_true(compiled >= 20);
	exile__diag_hints_free(h);
}

/* Report mode pays nothing for its hints when it is enabled: the table is
 * lazy, and its answers (computed in the SIGSYS handler, allocating
 * nothing) are those of the compiled table learning mode uses. */
static void report_hints_are_lazy_and_agree_with_compiled(void **state)
{
	struct exile__diag_hints *lazy = NULL, *built = NULL;
	struct exile__diag_plan dp;
	struct exile__commit_info ci;
	struct exile_policy *p = exile_create_policy();
	uint32_t self = (uint32_t)getpid();
	long nr;
	size_t i;
	(void)state;
	p->vow_promises = EXILE__V_STDIO;
	p->report_violations = 1;
	memset(&ci, 0, sizeof(ci));
	assert_int_equal(exile__diag_prepare(p, &dp, &ci), 0);
	assert_non_null(dp.hints);
	assert_null(dp.hints->konst); /* nothing compiled at enable */
	exile__diag_release(&dp);
	exile_free_policy(p);
	assert_int_equal(exile__diag_hints_lazy(self, &lazy), 0);
	assert_int_equal(exile__diag_hints_build(self, &built), 0);
	for(nr = -1; nr <= EXILE__NR_COUNT; nr++)
	{
		uint64_t zero[6] = { 0, 0, 0, 0, 0, 0 };
		assert_true(exile__diag_hint(lazy, nr, zero) == exile__diag_hint(built, nr, zero));
		for(i = 0; i < sizeof(vow_lookups) / sizeof(vow_lookups[0]); i++)
		{
			if(exile__diag_hint(lazy, nr, vow_lookups[i].args) != exile__diag_hint(built, nr, vow_lookups[i].args))
			{
				fail_msg("%s with the arguments of \"%s\": the lazy hint %s differs from the compiled one", exile_syscall_name(nr),
						vow_lookups[i].what, vows_str(exile__diag_hint(lazy, nr, vow_lookups[i].args)));
			}
		}
	}
	exile__diag_hints_free(lazy);
	exile__diag_hints_free(built);
}

/* The report line: syscall, number, arguments, and what would allow it. */
static void report_line_names_syscall_and_vows(void **state)
{
	struct exile__diag_hints *h = NULL;
	struct exile__violation v;
	char line[600];
	(void)state;
	assert_int_equal(exile__diag_hints_build((uint32_t)getpid(), &h), 0);
	memset(&v, 0, sizeof(v));
	v.nr = __NR_openat;
	v.arch = AUDIT_ARCH_X86_64;
	v.args[0] = 0xffffff9c;
	v.args[2] = O_WRONLY | O_CREAT;
	exile__diag_format(&v, h, EXILE__V_STDIO, line, sizeof(line));
	assert_string_equal(line, "exile: denied syscall openat(257) args=(0xffffff9c, 0x0, 0x41, 0x0, 0x0, 0x0) \xe2\x80\x94 vows \"cpath wpath\" would allow it\n");
	exile__diag_format(&v, h, EXILE__V_STDIO | EXILE__V_WPATH, line, sizeof(line));
	assert_non_null(strstr(line, "vow \"cpath\" would allow it (with \"wpath\", held)"));
	exile__diag_format(&v, h, EXILE__V_CPATH | EXILE__V_WPATH, line, sizeof(line));
	assert_non_null(strstr(line, "the held vows \"cpath wpath\" allow it, so an explicit rule"));
	v.nr = __NR_ptrace;
	exile__diag_format(&v, h, EXILE__V_STDIO, line, sizeof(line));
	assert_non_null(strstr(line, "ptrace(101)"));
	assert_non_null(strstr(line, "no vow allows it"));
	exile__diag_hints_free(h);
}

/* In report mode the filter traps where it would kill, except that
 * rt_sigaction(SIGSYS, ...) kills; errno denials and the arch check stay. */
static void report_mode_filter_traps_instead_of_killing(void **state)
{
	struct exile_policy *p = exile_create_policy();
	struct sock_fprog plain, report, env, err;
	struct seccomp_data d;
	uint32_t action;
	(void)state;
	p->vow_promises = exile_vows_from_str("stdio");
	assert_int_equal(exile_syscall_policy_to_bpf(p, &plain), 0);
	p->report_violations = 1;
	assert_int_equal(exile_syscall_policy_to_bpf(p, &report), 0);
	p->report_violations = 0;
	setenv(EXILE_REPORT_ENV, "1", 1);
	assert_int_equal(exile_syscall_policy_to_bpf(p, &env), 0);
	p->vow_promises = exile_vows_from_str("stdio error");
	assert_int_equal(exile_syscall_policy_to_bpf(p, &err), 0);
	unsetenv(EXILE_REPORT_ENV);
	assert_int_equal(sim(&plain, __NR_openat, 0, 0, 0, NULL), SECCOMP_RET_KILL_PROCESS);
	assert_int_equal(sim(&report, __NR_openat, 0, 0, 0, NULL), SECCOMP_RET_TRAP);
	assert_int_equal(sim(&env, __NR_openat, 0, 0, 0, NULL), SECCOMP_RET_TRAP);
	assert_int_equal(sim(&err, __NR_openat, 0, 0, 0, NULL), SECCOMP_RET_ERRNO | EACCES);
	assert_int_equal(sim(&plain, __NR_rt_sigaction, SIGSYS, 0, 0, NULL), SECCOMP_RET_ALLOW);
	/* setting SIGSYS's action fails as it does for SIGKILL (posix_spawn's
	 * children do it and go on); the handler's own end kills */
	assert_int_equal(sim(&report, __NR_rt_sigaction, SIGSYS, 0x1000, 0, NULL), SECCOMP_RET_ERRNO | EINVAL);
	assert_int_equal(sim(&report, __NR_rt_sigaction, SIGSYS | (1ULL << 32), 1ULL << 40, 0, NULL), SECCOMP_RET_ERRNO | EINVAL);
	assert_int_equal(sim(&report, __NR_rt_sigaction, SIGSYS, 0, 0x1000, NULL), SECCOMP_RET_ALLOW); /* reading it */
	assert_int_equal(sim(&err, __NR_rt_sigaction, SIGSYS, 0x1000, 0, NULL), SECCOMP_RET_ERRNO | EINVAL);
	assert_int_equal(sim(&report, __NR_rt_sigaction, SIGUSR1, 0, 0, NULL), SECCOMP_RET_ALLOW);
	memset(&d, 0, sizeof(d));
	d.nr = __NR_rt_sigaction;
	d.arch = AUDIT_ARCH_X86_64;
	d.args[0] = SIGSYS;
	d.args[1] = 0x1000;
	d.args[3] = EXILE__DIAG_DIE_SIZE;
	assert_true(exile_bpf_simulate(&report, &d, &action) > 0);
	assert_int_equal(action, SECCOMP_RET_KILL_PROCESS);
	d.args[1] = 0;
	assert_true(exile_bpf_simulate(&report, &d, &action) > 0);
	assert_int_equal(action, SECCOMP_RET_KILL_PROCESS);
	assert_true(exile_bpf_simulate(&plain, &d, &action) > 0);
	assert_int_equal(action, SECCOMP_RET_ALLOW);
	memset(&d, 0, sizeof(d));
	d.nr = __NR_openat;
	d.arch = AUDIT_ARCH_I386;
	assert_true(exile_bpf_simulate(&report, &d, &action) > 0);
	assert_int_equal(action, SECCOMP_RET_KILL_PROCESS);
	free(plain.filter);
	free(report.filter);
	free(env.filter);
	free(err.filter);
	exile_free_policy(p);
	/* explicit kill rules are reported too; errno rules stay */
	p = exile_create_policy();
	p->report_violations = 1;
	assert_int_equal(exile_append_syscall_policy(p, EXILE_SYS(getuid), EXILE_SYSCALL_DENY_KILL_PROCESS, NULL, 0), 0);
	assert_int_equal(exile_append_syscall_policy(p, EXILE_SYS(getgid), EXILE_SYSCALL_DENY_RET_ERROR, NULL, 0), 0);
	assert_int_equal(exile_append_syscall_default_policy(p, EXILE_SYSCALL_ALLOW), 0);
	assert_int_equal(exile_syscall_policy_to_bpf(p, &report), 0);
	assert_int_equal(sim(&report, __NR_getuid, 0, 0, 0, NULL), SECCOMP_RET_TRAP);
	assert_int_equal(sim(&report, __NR_getgid, 0, 0, 0, NULL), SECCOMP_RET_ERRNO | EACCES);
	assert_int_equal(sim(&report, __NR_rt_sigaction, SIGSYS, 0x1000, 0, NULL), SECCOMP_RET_ERRNO | EINVAL);
	free(report.filter);
	exile_free_policy(p);
}

/* Enforcing tests of report mode: the child's stderr and the record fd go to
 * pipes the parent reads after the child ended. */
struct report_run
{
	const char *vows;
	int (*act)(void);
	int err[2];       /* stderr of the child */
	int rec[2];       /* exile__state.violation_fd_plus1 - 1 */
};

static int report_child(void *arg)
{
	struct report_run *r = (struct report_run *)arg;
	struct exile_policy *p = exile_create_policy();
	if(p == NULL || dup2(r->err[1], 2) < 0)
	{
		return EXIT_ENABLE_FAILED;
	}
	exile__state.violation_fd_plus1 = r->rec[1] + 1;
	p->no_new_privs = 1;
	p->report_violations = 1;
	p->vow_promises = exile_vows_from_str(r->vows);
	if(exile_enable_policy(p) != 0)
	{
		return EXIT_ENABLE_FAILED;
	}
	return r->act();
}

/* Runs act under vows in report mode; returns the outcome, fills the stderr
 * text and the record (rec->nr -1 when none came). */
static int report_run(const char *vows, int (*act)(void), char *err, size_t errsize, struct exile__violation *rec)
{
	struct report_run r;
	ssize_t n;
	int outcome;
	r.vows = vows;
	r.act = act;
	assert_int_equal(pipe(r.err), 0);
	assert_int_equal(pipe(r.rec), 0);
	outcome = in_child(report_child, &r);
	close(r.err[1]);
	close(r.rec[1]);
	n = read(r.err[0], err, errsize - 1);
	err[n > 0 ? n : 0] = '\0';
	memset(rec, 0, sizeof(*rec));
	rec->nr = -1;
	if(read(r.rec[0], rec, sizeof(*rec)) != (ssize_t)sizeof(*rec))
	{
		rec->nr = -1;
	}
	close(r.err[0]);
	close(r.rec[0]);
	return outcome;
}

static int open_passwd(void)
{
	return open("/etc/passwd", O_RDONLY) >= 0 ? 0 : 1;
}

/* Under "stdio" in report mode, opening a file prints one line naming openat
 * and rpath, sends the record, and the process dies by SIGSYS. */
static void report_mode_names_denied_syscall_and_dies(void **state)
{
	char err[1024];
	struct exile__violation rec;
	(void)state;
	assert_int_equal(report_run("stdio", open_passwd, err, sizeof(err), &rec), EXIT_KILLED_SIGSYS);
	printf("report line: %s", err);
	assert_non_null(strstr(err, "exile: denied syscall openat(257)"));
	assert_non_null(strstr(err, "vow \"rpath\" would allow it"));
	assert_int_equal(rec.nr, __NR_openat);
	assert_int_equal(rec.arch, AUDIT_ARCH_X86_64);
	assert_int_equal(rec.args[0] & 0xffffffff, (uint32_t)AT_FDCWD);
	assert_int_equal(rec.args[2] & O_ACCMODE, O_RDONLY);
	/* allowed calls are not reported */
	assert_int_equal(report_run("stdio rpath", open_passwd, err, sizeof(err), &rec), 0);
	assert_string_equal(err, "");
	assert_int_equal(rec.nr, -1);
}

static int replace_sigsys_handler(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_IGN;
	if(sigaction(SIGSYS, &sa, NULL) == 0 || errno != EINVAL)
	{
		fprintf(stderr, "the handler was replaced\n");
	}
	sa.sa_handler = SIG_DFL;
	if(sigaction(SIGSYS, &sa, NULL) == 0 || errno != EINVAL)
	{
		fprintf(stderr, "the handler was replaced\n");
	}
	return open_passwd();
}

static int block_sigsys_then_open(void)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGSYS);
	if(sigprocmask(SIG_BLOCK, &set, NULL) != 0)
	{
		return 1;
	}
	return open_passwd();
}

static int other_handlers_still_work(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_IGN;
	return sigaction(SIGUSR1, &sa, NULL) == 0 ? 0 : 1;
}

static int ask_sigsys_handler_then_open(void)
{
	struct sigaction old;
	/* reading SIGSYS's action (rt_sigaction(SIGSYS, NULL, &old)) is allowed */
	if(sigaction(SIGSYS, NULL, &old) != 0 || !(old.sa_flags & SA_SIGINFO))
	{
		return 2;
	}
	return open_passwd();
}

/* The sandboxed program cannot take the handler away: rt_sigaction(SIGSYS,
 * act) fails with EINVAL, and the next denied call is still reported;
 * blocking SIGSYS does not save it either. */
static void report_mode_handler_cannot_be_replaced(void **state)
{
	char err[1024];
	struct exile__violation rec;
	(void)state;
	assert_int_equal(report_run("stdio", replace_sigsys_handler, err, sizeof(err), &rec), EXIT_KILLED_SIGSYS);
	assert_null(strstr(err, "replaced"));
	assert_non_null(strstr(err, "exile: denied syscall openat(257)"));
	assert_int_equal(rec.nr, __NR_openat);
	assert_int_equal(report_run("stdio", ask_sigsys_handler_then_open, err, sizeof(err), &rec), EXIT_KILLED_SIGSYS);
	assert_int_equal(rec.nr, __NR_openat);
	assert_int_equal(report_run("stdio", block_sigsys_then_open, err, sizeof(err), &rec), EXIT_KILLED_SIGSYS);
	assert_int_equal(report_run("stdio", other_handlers_still_work, err, sizeof(err), &rec), 0);
}


/* Report mode with every vow: children made by posix_spawn, system(),
 * popen(), bash, make and Python's subprocess reset SIGSYS before their
 * execve; that must not kill them (it did while the guard rule killed every
 * rt_sigaction(SIGSYS, act)). 0, or the bit of the first way that failed. */
#include <spawn.h>
extern char **environ;
static int spawn_every_way(void)
{
	char *tru[] = { (char *)"/bin/true", NULL };
	char mk[] = "/tmp/exile-spawn-mk.XXXXXX", cmd[256], line[16] = "";
	pid_t pid;
	int status = -1, bits = 0;
	FILE *f;
	if(posix_spawn(&pid, tru[0], NULL, NULL, tru, environ) != 0 || waitpid(pid, &status, 0) != pid || status != 0)
	{
		bits |= 1;
	}
	if(system("exit 3") != 3 << 8)
	{
		bits |= 2;
	}
	f = popen("echo hi", "r");
	if(f == NULL || fgets(line, sizeof(line), f) == NULL || strcmp(line, "hi\n") != 0 || pclose(f) != 0)
	{
		bits |= 4;
	}
	if(access("/bin/bash", X_OK) == 0 && system("/bin/bash -c '/bin/true && exit 4'") != 4 << 8)
	{
		bits |= 8;
	}
	if(access("/usr/bin/python3", X_OK) == 0
		&& system("/usr/bin/python3 -c 'import subprocess; subprocess.run([\"/bin/true\"], check=True)'") != 0)
	{
		bits |= 16;
	}
	if(access("/usr/bin/make", X_OK) == 0 && mkdtemp(mk) != NULL)
	{
		snprintf(cmd, sizeof(cmd), "printf 'all:\\n\\t/bin/true\\n' > %s/Makefile && /usr/bin/make -s -C %s", mk, mk);
		if(system(cmd) != 0)
		{
			bits |= 32;
		}
		snprintf(cmd, sizeof(cmd), "rm -rf %s", mk);
		if(system(cmd) != 0)
		{
			bits |= 64;
		}
	}
	return bits;
}

static void report_mode_spares_children_that_reset_sigsys(void **state)
{
	char err[4096];
	struct exile__violation rec;
	(void)state;
	assert_int_equal(report_run("stdio rpath wpath cpath dpath fattr chown exec prot_exec clone thread proc id inet unix ioctl "
			"fsnotify sched shm prctl seccomp_install", spawn_every_way, err, sizeof(err), &rec), 0);
	assert_int_equal(rec.nr, -1);
}

static int getpid_without_stdio(void)
{
	return (int)getpid() > 0 ? 0 : 1;
}

static int exec_cat_without_rpath(void)
{
	execl("/bin/cat", "cat", "/etc/hostname", (char *)NULL);
	return 127;
}

/* Without write (vow stdio) the line cannot be written, and after execve the
 * handler is gone: the process still dies by SIGSYS, silently. */
static void report_mode_without_write_or_after_exec_dies_silently(void **state)
{
	char err[1024];
	struct exile__violation rec;
	(void)state;
	assert_int_equal(report_run("rpath", getpid_without_stdio, err, sizeof(err), &rec), EXIT_KILLED_SIGSYS);
	assert_string_equal(err, "");
	assert_int_equal(report_run("stdio exec prot_exec", exec_cat_without_rpath, err, sizeof(err), &rec), EXIT_KILLED_SIGSYS);
	assert_string_equal(err, "");
	assert_int_equal(rec.nr, -1);
}

static void *open_in_thread(void *arg)
{
	(void)arg;
	open_passwd();
	return NULL;
}

static int deny_in_second_thread(void)
{
	pthread_t t;
	if(pthread_create(&t, NULL, open_in_thread, NULL) != 0)
	{
		return 1;
	}
	for(;;)
	{
		pause(); /* the whole process must end, this thread too */
	}
	return 0;
}

/* A denial in one thread ends the whole process, and the line is written. */
static void report_mode_ends_multithreaded_process(void **state)
{
	char err[1024];
	struct exile__violation rec;
	(void)state;
	assert_int_equal(report_run("stdio thread", deny_in_second_thread, err, sizeof(err), &rec), EXIT_KILLED_SIGSYS);
	assert_non_null(strstr(err, "openat(257)"));
	assert_int_equal(rec.nr, __NR_openat);
}

static void *create_in_thread(void *arg)
{
	(void)arg;
	syscall(__NR_openat, AT_FDCWD, "/nonexistent-exile-dir/f", O_WRONLY | O_CREAT, 0600);
	return NULL;
}

/* AddressSanitizer pads every frame: its build gets more room */
#if defined(__SANITIZE_ADDRESS__)
#define SMALL_THREAD_STACK 65536
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SMALL_THREAD_STACK 65536
#endif
#endif
#ifndef SMALL_THREAD_STACK
#define SMALL_THREAD_STACK 16384
#endif

static int deny_on_a_small_stack(void)
{
	pthread_attr_t a;
	pthread_t t;
	if(pthread_attr_init(&a) != 0 || pthread_attr_setstacksize(&a, SMALL_THREAD_STACK) != 0
		|| pthread_create(&t, &a, create_in_thread, NULL) != 0)
	{
		return 1;
	}
	for(;;)
	{
		pause();
	}
	return 0;
}

/* The hint is worked out in the handler, on the denied thread's stack: it
 * fits the smallest one glibc gives (16 KB, PTHREAD_STACK_MIN), and names
 * the vows an open for writing needs. */
static void report_mode_hint_fits_a_small_thread_stack(void **state)
{
	char err[1024];
	struct exile__violation rec;
	(void)state;
	assert_int_equal(report_run("stdio thread", deny_on_a_small_stack, err, sizeof(err), &rec), EXIT_KILLED_SIGSYS);
	assert_non_null(strstr(err, "openat(257)"));
	assert_non_null(strstr(err, "vows \"cpath wpath\" would allow it"));
	assert_int_equal(rec.nr, __NR_openat);
}

/* Learning mode needs seccomp user notification with CONTINUE (Linux 5.5). */
static int learn_or_skip(int err)
{
	if(err == -EINVAL || err == -ENOSYS || err == -EOPNOTSUPP)
	{
		printf("skipped: seccomp user notification is not available here (%s)\n", exile_last_error());
		return 0;
	}
	assert_int_equal(err, 0);
	return 1;
}

struct replay
{
	uint64_t vows;
	char *const *argv;        /* a command to exec, or */
	int (*fn)(void *);        /* a function to run */
	void *arg;
};

static int replay_child(void *arg)
{
	struct replay *r = (struct replay *)arg;
	struct exile_policy *p = exile_create_policy();
	int null = open("/dev/null", O_WRONLY);
	if(p == NULL || null < 0 || dup2(null, 1) < 0)
	{
		return EXIT_ENABLE_FAILED;
	}
	p->no_new_privs = 1;
	p->vow_promises = r->vows != 0 ? r->vows : EXILE_SYSCALL_VOW_BASE;
	if(exile_enable_policy(p) != 0)
	{
		return EXIT_ENABLE_FAILED;
	}
	if(r->argv != NULL)
	{
		execv(r->argv[0], r->argv);
		return 127;
	}
	return r->fn(r->arg);
}

/* The same run succeeds under the learned vows, and fails with any one of
 * them taken away. */
static void assert_learned_vows_are_needed(struct replay *r, uint64_t learned)
{
	size_t i;
	r->vows = learned;
	if(in_child(replay_child, r) != 0)
	{
		fail_msg("the run fails under the learned vows \"%s\"", vows_str(learned));
	}
	for(i = 0; i < EXILE__N(exile__vow_names); i++)
	{
		uint64_t bit = exile__vow_names[i].bit;
		if(learned & bit)
		{
			r->vows = learned & ~bit;
			if(in_child(replay_child, r) == 0)
			{
				fail_msg("the run still succeeds without \"%s\" (learned \"%s\")", exile__vow_names[i].name, vows_str(learned));
			}
		}
	}
}

/* Learning over /bin/ls / gives a vow string under which ls runs, and none
 * of whose vows it can do without. */
static void learning_ls_yields_vows_it_runs_under(void **state)
{
	char *const argv[] = { (char *)"/bin/ls", (char *)"/", NULL };
	struct exile_learn_result res;
	struct replay r;
	int saved = dup(1), null = open("/dev/null", O_WRONLY), err;
	char *text;
	(void)state;
	assert_true(saved >= 0 && null >= 0);
	fflush(stdout);
	dup2(null, 1); /* ls writes its listing to our stdout */
	err = exile_learn_command(argv, &res);
	dup2(saved, 1);
	close(saved);
	close(null);
	if(!learn_or_skip(err))
	{
		skip();
	}
	assert_true(WIFEXITED(res.status) && WEXITSTATUS(res.status) == 0);
	printf("learned for ls /: \"%s\" (%lu syscalls, %zu distinct needs)\n", vows_str(res.vows), res.notifications, res.ncalls);
	assert_true((res.vows & (EXILE__V_STDIO | EXILE__V_RPATH | EXILE__V_EXEC)) == (EXILE__V_STDIO | EXILE__V_RPATH | EXILE__V_EXEC));
	text = exile_learn_result_describe(&res);
	assert_non_null(text);
	assert_non_null(strstr(text, "--ro /\n"));
	assert_non_null(strstr(text, "only the code paths and files this run exercised"));
	free(text);
	memset(&r, 0, sizeof(r));
	r.argv = argv;
	assert_learned_vows_are_needed(&r, res.vows);
	exile_learn_result_free(&res);
}

/* A small program: reads a file, creates one in dir, opens a unix socket. */
static int learned_function(void *arg)
{
	char path[512];
	char buf[16];
	int fd, s;
	snprintf(path, sizeof(path), "%s/out", (const char *)arg);
	if((fd = open("/etc/passwd", O_RDONLY)) < 0 || read(fd, buf, sizeof(buf)) <= 0)
	{
		return 1;
	}
	close(fd);
	if((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600)) < 0 || write(fd, buf, sizeof(buf)) != sizeof(buf))
	{
		return 2;
	}
	close(fd);
	if((s = socket(AF_UNIX, SOCK_STREAM, 0)) < 0)
	{
		return 3;
	}
	close(s);
	return 0;
}

static void learning_function_yields_vows_and_paths(void **state)
{
	char dir[] = "/tmp/exile-learn.XXXXXX", out[64], *text, line[128];
	struct exile_learn_result res;
	struct replay r;
	size_t i;
	int saw_out = 0, saw_passwd = 0;
	(void)state;
	assert_non_null(mkdtemp(dir));
	if(!learn_or_skip(exile_learn_function(learned_function, dir, &res)))
	{
		rmdir(dir);
		skip();
	}
	assert_true(WIFEXITED(res.status) && WEXITSTATUS(res.status) == 0);
	printf("learned for the test function: \"%s\"\n", vows_str(res.vows));
	assert_string_equal(vows_str(res.vows), "cpath rpath stdio unix wpath");
	snprintf(out, sizeof(out), "%s/out", dir);
	for(i = 0; i < res.npaths; i++)
	{
		if(strcmp(res.paths[i].path, out) == 0)
		{
			saw_out = res.paths[i].access == (EXILE_LEARN_WRITE | EXILE_LEARN_CREATE);
		}
		if(strcmp(res.paths[i].path, "/etc/passwd") == 0)
		{
			saw_passwd = res.paths[i].access == EXILE_LEARN_READ;
		}
	}
	assert_true(saw_out && saw_passwd);
	text = exile_learn_result_describe(&res);
	assert_non_null(text);
	snprintf(line, sizeof(line), "--rw %s\n", dir);
	assert_non_null(strstr(text, line));
	assert_non_null(strstr(text, "--ro /etc\n"));
	free(text);
	memset(&r, 0, sizeof(r));
	r.fn = learned_function;
	r.arg = dir;
	assert_learned_vows_are_needed(&r, res.vows);
	exile_learn_result_free(&res);
	unlink(out);
	assert_int_equal(rmdir(dir), 0);
}

static int calls_what_no_vow_allows(void *arg)
{
	(void)arg;
	ioctl(-1, TIOCSTI, NULL); /* EBADF: harmless, but no vow may ever allow it */
	return 0;
}

/* Calls no vow allows are listed, and leave the vow string alone. */
static void learning_lists_calls_no_vow_allows(void **state)
{
	struct exile_learn_result res;
	char *text;
	size_t i;
	int found = 0;
	(void)state;
	if(!learn_or_skip(exile_learn_function(calls_what_no_vow_allows, NULL, &res)))
	{
		skip();
	}
	for(i = 0; i < res.ncalls; i++)
	{
		found |= res.calls[i].nr == __NR_ioctl && res.calls[i].vows == EXILE_VOWS_NONE && res.calls[i].args[1] == TIOCSTI;
	}
	assert_true(found);
	assert_int_equal(res.vows & (EXILE__V_IOCTL | EXILE__V_INET), 0);
	text = exile_learn_result_describe(&res);
	assert_non_null(strstr(text, "no vow allows"));
	assert_non_null(strstr(text, "  ioctl(16) args=(0xffffffff, 0x5412,"));
	free(text);
	exile_learn_result_free(&res);
}

/* The summary names vows, rules with their actions and arguments, the
 * default, paths with rights, namespaces, and what this kernel offers. */
static void describe_names_rules_paths_and_kernel(void **state)
{
	struct exile_policy *p = exile_init_policy();
	struct exile_arg_cmp c[] = { EXILE_ARG32_EQ(0, 1) };
	char *d, want[128];
	long abi = syscall(__NR_landlock_create_ruleset, NULL, 0, 1);
	(void)state;
	p->vow_promises = exile_vows_from_str("stdio rpath inet");
	assert_int_equal(exile_append_syscall_rule(p, EXILE_SYS(write), EXILE_SYSCALL_DENY_RET_ERROR, c, 1), 0);
	assert_int_equal(exile_append_syscall_policy(p, EXILE_SYS(getuid), EXILE_SYSCALL_DENY_ERRNO(EPERM), NULL, 0), 0);
	assert_int_equal(exile_append_path_policies(p, EXILE_FS_ALLOW_ALL_READ | EXILE_FS_ALLOW_EXEC, "/usr"), 0);
	assert_int_equal(exile_append_net_policy(p, EXILE_NET_ALLOW_CONNECT, 443), 0);
	p->namespace_options = EXILE_UNSHARE_NETWORK;
	d = exile_policy_describe(p);
	assert_non_null(d);
	printf("%s", d);
	assert_non_null(strstr(d, "vows: \"inet rpath stdio\"; a call no vow allows kills the process"));
	assert_non_null(strstr(d, "write(1): fail with EACCES when arg0 == 0x1 (low 32 bits)"));
	assert_non_null(strstr(d, "getuid(102): fail with errno 1"));
	assert_non_null(strstr(d, "/usr: read, exec"));
	assert_non_null(strstr(d, "namespaces: network"));
	assert_non_null(strstr(d, "privileges: no_new_privs not_dumpable drop_caps close_fds"));
	assert_non_null(strstr(d, "seccomp: "));
	if(abi >= 1)
	{
		snprintf(want, sizeof(want), "Landlock: ABI %ld: path rules can be enforced", abi);
	}
	else
	{
		snprintf(want, sizeof(want), "Landlock: NOT available");
	}
	assert_non_null(strstr(d, want));
	assert_non_null(strstr(d, "network: connect TCP port 443;"));
	if(abi >= 4)
	{
		/* Landlock's own report of what this policy gets on this kernel */
		assert_non_null(strstr(d, "for this policy: Landlock ABI"));
	}
	free(d);
	p->report_violations = 1;
	d = exile_policy_describe(p);
	assert_non_null(strstr(d, "is reported, then kills the process (report mode)"));
	free(d);
	exile_free_policy(p);
}

static int describe_under_stdio(void *arg)
{
	char *d;
	(void)arg;
	if(enable_vows("stdio") != 0)
	{
		return EXIT_ENABLE_FAILED;
	}
	/* enabling asked Landlock (for ptrace isolation); forget the answer, so
	 * that describing would need the probe this filter kills for */
	exile__state.ll_probe.done = 0;
	d = exile_policy_describe((struct exile_policy *)arg);
	if(d == NULL)
	{
		return 1;
	}
	return strstr(d, "Landlock: unknown (a filter of this process forbids the probe)") != NULL
		&& strstr(d, "seccomp: in use (1 filter") != NULL ? 0 : 2;
}

/* Describing from inside a sandbox makes no probe the sandbox would kill for. */
static void describe_inside_sandbox_makes_no_forbidden_probe(void **state)
{
	struct exile_policy *p = exile_create_policy();
	(void)state;
	p->vow_promises = EXILE__V_STDIO;
	assert_int_equal(in_child(describe_under_stdio, p), 0);
	exile_free_policy(p);
}

/* Report mode after a failed enable: the first attempt installed exile's
 * SIGSYS handler but no filter (TSYNC met a thread under a filter of its
 * own), so nothing guarded the handler and the program replaced it. The
 * second, successful enable must install exile's handler again; before the
 * fix it trusted the first one, and a denied call went to the program's
 * handler, which returned: the process lived on past the "kill". */
static int reinstall_pipe[2];
static volatile sig_atomic_t reinstall_own_handler_ran;
static void reinstall_own_sigsys(int sig)
{
	(void)sig;
	reinstall_own_handler_ran = 1;
}
static void *reinstall_filtered_thread(void *arg)
{
	struct sock_filter allow[] = { BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW) };
	struct sock_fprog prog = { 1, allow };
	char c;
	(void)arg;
	if(prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 || syscall(__NR_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) != 0)
	{
		return (void *)1;
	}
	if(read(reinstall_pipe[0], &c, 1) < 0) /* until the main thread has failed once */
	{
		return (void *)1;
	}
	return NULL;
}
static int reinstall_report_after_failed_enable(void *arg)
{
	struct exile_policy *p = exile_create_policy();
	pthread_t t;
	void *tr = NULL;
	int err;
	(void)arg;
	if(p == NULL || pipe(reinstall_pipe) != 0 || pthread_create(&t, NULL, reinstall_filtered_thread, NULL) != 0)
	{
		return 101;
	}
	usleep(50000); /* the thread is under its own filter */
	p->report_violations = 1;
	p->vow_promises = exile_vows_from_str("stdio thread");
	if(prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
	{
		return 102;
	}
	err = exile_enable_syscall_policy(p);
	if(err != -EAGAIN)
	{
		return 103; /* TSYNC must have failed */
	}
	if(signal(SIGSYS, reinstall_own_sigsys) == SIG_ERR || write(reinstall_pipe[1], "x", 1) != 1 || pthread_join(t, &tr) != 0 || tr != NULL)
	{
		return 104;
	}
	if(exile_enable_syscall_policy(p) != 0)
	{
		return 105;
	}
	syscall(__NR_sched_getparam, -1, NULL); /* sched: not held */
	return reinstall_own_handler_ran ? 106 : 107;
}

static void report_handler_reinstalled_after_failed_enable(void **state)
{
	(void)state;
	assert_int_equal(in_child(reinstall_report_after_failed_enable, NULL), EXIT_KILLED_SIGSYS);
}

static const struct CMUnitTest diag_tests[] = {
	cmocka_unit_test(vows_allowing_covers_every_vow_syscall),
	cmocka_unit_test(vows_allowing_evaluates_argument_rules),
	cmocka_unit_test(report_hints_agree_with_lookup),
	cmocka_unit_test(report_hints_are_lazy_and_agree_with_compiled),
	cmocka_unit_test(report_line_names_syscall_and_vows),
	cmocka_unit_test(report_mode_filter_traps_instead_of_killing),
	cmocka_unit_test(report_mode_names_denied_syscall_and_dies),
	cmocka_unit_test(report_mode_handler_cannot_be_replaced),
	cmocka_unit_test(report_mode_spares_children_that_reset_sigsys),
	cmocka_unit_test(report_mode_ends_multithreaded_process),
	cmocka_unit_test(report_mode_hint_fits_a_small_thread_stack),
	cmocka_unit_test(report_mode_without_write_or_after_exec_dies_silently),
	cmocka_unit_test(learning_ls_yields_vows_it_runs_under),
	cmocka_unit_test(learning_function_yields_vows_and_paths),
	cmocka_unit_test(learning_lists_calls_no_vow_allows),
	cmocka_unit_test(describe_names_rules_paths_and_kernel),
	cmocka_unit_test(describe_inside_sandbox_makes_no_forbidden_probe),
	cmocka_unit_test(report_handler_reinstalled_after_failed_enable),
};
