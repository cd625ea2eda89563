/* tests/bpf.c — the assembler, the simulator, the syscall name table, and a differential property test of the filter compiler.
 * Part of the suite built by test.c (one translation unit); helpers in tests/harness.h. */

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
		/* io_uring: EPERM in every filter unless a rule of the user allows it */
		int uring = nr == __NR_io_uring_setup || nr == __NR_io_uring_enter || nr == __NR_io_uring_register;
		assert_int_equal(sim(&prog, nr, 7, 0, 0, NULL), uring ? SECCOMP_RET_ERRNO | EPERM : SECCOMP_RET_ALLOW);
		assert_int_equal(sim(&prog, nr, 8, 0, 0, NULL), SECCOMP_RET_ERRNO | (uint32_t)(1 + nr % 100));
	}
	free(prog.filter);
	exile_free_policy(p);
}

/* A rule can hold EXILE_ARG_CMP_MAX conditions; one more must be an error,
 * never a silently shorter (wider) rule. */
static void rule_with_too_many_conditions_is_refused(void **state)
{
	struct exile__rules rs;
	struct exile__prog prog;
	struct exile__rule *r;
	int i;
	(void)state;
	memset(&rs, 0, sizeof(rs));
	memset(&prog, 0, sizeof(prog));
	r = exile__rules_add(&rs, SECCOMP_RET_ALLOW);
	for(i = 0; i <= EXILE_ARG_CMP_MAX; i++)
	{
		exile__rule_cond(r, 0, EXILE_CMP_NE, 1, (uint64_t)i, 0);
	}
	exile__prog_add(&prog, 0, rs.r, rs.n, SECCOMP_RET_KILL_PROCESS);
	assert_int_equal(prog.err, -E2BIG);
	exile__prog_free(&prog);
	exile__rules_free(&rs);
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

/* A fixed-seed generator (xorshift64*), so that every run checks the same policies. */
static uint64_t pt_state;
static uint64_t pt_rand(void)
{
	pt_state ^= pt_state >> 12;
	pt_state ^= pt_state << 25;
	pt_state ^= pt_state >> 27;
	return pt_state * 0x2545F4914F6CDD1DULL;
}
static uint64_t pt_below(uint64_t n)
{
	return n ? pt_rand() % n : 0;
}
static int pt_one_in(unsigned n)
{
	return pt_below(n) == 0;
}

#define PT_MAXRULES 48
#define PT_POOL 256
struct pt_rule
{
	long nr;
	unsigned int action;
	int raw;
	struct sock_filter snip[254];
	size_t nsnip;
	struct exile_arg_cmp cmps[EXILE_ARG_CMP_MAX];
	size_t ncmps;
};
struct pt_policy
{
	struct pt_rule rules[PT_MAXRULES];
	size_t nrules;
	int has_default, report, big;
	unsigned int deflt;
	uint64_t vows;
	uint64_t pool[PT_POOL]; /* constants the policy names: the interesting arguments */
	size_t npool;
};

static void pt_pool_add(struct pt_policy *p, uint64_t v)
{
	if(p->npool < PT_POOL)
	{
		p->pool[p->npool++] = v;
	}
}

/* A constant of the kind rules compare with: small, boundaries, random halves. */
static uint64_t pt_value(void)
{
	static const uint64_t edge[] = { 0, 1, 2, 3, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 0x100000000ULL, 0x100000001ULL,
		0xFFFFFFFF00000000ULL, ~0ULL, 0x8000000000000000ULL, 06000, 0x40, 0x10900 };
	switch(pt_below(4))
	{
	case 0: return edge[pt_below(sizeof(edge) / sizeof(edge[0]))];
	case 1: return pt_below(300);
	case 2: return (uint32_t)pt_rand();
	default: return pt_rand();
	}
}

static unsigned int pt_action(void)
{
	static const unsigned int a[] = { EXILE_SYSCALL_ALLOW, EXILE_SYSCALL_DENY_KILL_PROCESS, EXILE_SYSCALL_DENY_RET_ERROR,
		EXILE_SYSCALL_DENY_RET_NOSYS, EXILE_SYSCALL_DENY_TRAP, EXILE_SYSCALL_LOG };
	if(pt_one_in(7))
	{
		return EXILE_SYSCALL_DENY_ERRNO(1 + pt_below(4095));
	}
	return a[pt_below(sizeof(a) / sizeof(a[0]))];
}

/* The action as the documentation says it is returned (written here, not taken from exile.h). */
static uint32_t pt_ret(unsigned int a)
{
	switch(a)
	{
	case EXILE_SYSCALL_ALLOW: return SECCOMP_RET_ALLOW;
	case EXILE_SYSCALL_DENY_KILL_PROCESS: return SECCOMP_RET_KILL_PROCESS;
	case EXILE_SYSCALL_DENY_RET_ERROR: return SECCOMP_RET_ERRNO | EACCES;
	case EXILE_SYSCALL_DENY_RET_NOSYS: return SECCOMP_RET_ERRNO | ENOSYS;
	case EXILE_SYSCALL_DENY_TRAP: return SECCOMP_RET_TRAP;
	case EXILE_SYSCALL_LOG: return SECCOMP_RET_LOG;
	default: return SECCOMP_RET_ERRNO | (a & 0xFFFF);
	}
}

/* Syscall numbers worth a rule: ones the vows judge by argument, the report
 * guard, the ENOSYS fallbacks, unnamed numbers, numbers past the table. */
static long pt_nr(const struct pt_policy *p)
{
	static const long named[] = { __NR_read, __NR_write, __NR_openat, __NR_open, __NR_ioctl, __NR_socket, __NR_kill,
		__NR_mmap, __NR_prctl, __NR_rt_sigaction, __NR_clone, __NR_clone3, __NR_openat2, __NR_exit_group, __NR_fcntl,
		__NR_prlimit64, __NR_setsockopt, __NR_sendto, __NR_seccomp, __NR_personality, __NR_chmod, __NR_mknodat };
	static const long unnamed[] = { 337, 380, 423, 471, 472, 500, 1000, 4095, 4096, 70000, 0x3FFFFFFE, 0x3FFFFFFF };
	if(p->nrules > 0 && pt_one_in(3))
	{
		return p->rules[pt_below(p->nrules)].nr;
	}
	switch(pt_below(4))
	{
	case 0: return unnamed[pt_below(sizeof(unnamed) / sizeof(unnamed[0]))];
	case 1: return (long)pt_below(480);
	default: return named[pt_below(sizeof(named) / sizeof(named[0]))];
	}
}

/* A raw snippet in the upstream style: loads, ALU, conditional jumps to
 * later instructions or to the markers, JA markers, the odd RET. */
static size_t pt_snippet(struct pt_policy *p, struct sock_filter *s, size_t n)
{
	size_t i;
	for(i = 0; i < n; i++)
	{
		size_t room = n - i - 1; /* i + 1 + room is the end: matched */
		uint32_t k = (uint32_t)(pt_one_in(2) && p->npool ? p->pool[pt_below(p->npool)] >> (pt_one_in(3) ? 32 : 0) : pt_value());
		switch(pt_below(10))
		{
		case 0:
		case 1:
		{
			static const uint32_t offs[] = { 0, 4, 8, 12 };
			uint32_t off = pt_one_in(4) ? offs[pt_below(4)] : (uint32_t)(16 + 4 * pt_below(12));
			s[i] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, off);
			break;
		}
		case 2:
		{
			static const uint16_t ops[] = { BPF_AND, BPF_OR, BPF_ADD };
			s[i] = (struct sock_filter)BPF_STMT(BPF_ALU | ops[pt_below(3)] | BPF_K, k);
			break;
		}
		case 3:
		{
			static const uint32_t marks[] = { 1234, 5678, 0 };
			uint32_t m = marks[pt_below(3)];
			s[i] = (struct sock_filter)BPF_STMT(BPF_JMP | BPF_JA, m == 0 ? (uint32_t)pt_below(room + 1) : m);
			break;
		}
		case 4:
			if(pt_one_in(6))
			{
				s[i] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, pt_ret(pt_action()));
				break;
			}
			/* fall through */
		default:
		{
			static const uint16_t ops[] = { BPF_JEQ, BPF_JGT, BPF_JGE, BPF_JSET };
			uint8_t t[2];
			int side;
			for(side = 0; side < 2; side++)
			{
				uint64_t r = pt_below(5);
				if(r == 0)
				{
					t[side] = EXILE_SYSCALL_EXIT_BPF_NO_MATCH;
				}
				else if(r == 1)
				{
					t[side] = EXILE_SYSCALL_EXIT_BPF_RETURN;
				}
				else
				{
					size_t off = pt_below((room < 253 ? room : 253) + 1);
					t[side] = (uint8_t)off;
				}
			}
			s[i] = (struct sock_filter)BPF_JUMP(BPF_JMP | ops[pt_below(4)] | BPF_K, k, t[0], t[1]);
			pt_pool_add(p, k);
			break;
		}
		}
	}
	return n;
}

static void pt_policy_gen(struct pt_policy *p)
{
	size_t i, c, n;
	memset(p, 0, sizeof(*p));
	p->big = pt_one_in(25);
	n = p->big ? 10 + pt_below(PT_MAXRULES - 10) : pt_below(9);
	for(i = 0; i < n; i++)
	{
		struct pt_rule *r = &p->rules[p->nrules];
		r->nr = pt_nr(p);
		r->action = pt_action();
		r->raw = p->big ? !pt_one_in(4) : pt_one_in(3);
		if(r->raw)
		{
			r->nsnip = pt_snippet(p, r->snip, p->big ? 100 + pt_below(155) : 1 + pt_below(12));
		}
		else
		{
			r->ncmps = pt_one_in(8) ? EXILE_ARG_CMP_MAX : pt_below(4);
			for(c = 0; c < r->ncmps; c++)
			{
				struct exile_arg_cmp *x = &r->cmps[c];
				x->arg = (unsigned char)pt_below(6);
				x->op = (unsigned char)(EXILE_CMP_EQ + pt_below(7));
				x->is32 = (unsigned char)pt_below(2);
				x->value = pt_value();
				x->mask = pt_one_in(2) ? pt_value() : ~x->value;
				if(x->op == EXILE_CMP_MASKED_EQ)
				{
					/* a value with bits outside the mask can never match and
					 * is refused when appended (tests/policy.c); half the
					 * time the value keeps only some of the mask's bits */
					x->value &= x->mask & (pt_one_in(2) ? pt_value() : ~(uint64_t)0);
				}
				pt_pool_add(p, x->value);
				pt_pool_add(p, x->value + 1);
				pt_pool_add(p, x->value - 1);
				pt_pool_add(p, x->mask);
			}
		}
		p->nrules++;
	}
	if(!pt_one_in(3))
	{
		p->vows = pt_rand() & 0x3FFFFEULL & (pt_one_in(2) ? pt_rand() : ~0ULL);
		if(pt_one_in(4))
		{
			p->vows |= EXILE_SYSCALL_VOW_DENY_ERROR;
		}
	}
	p->has_default = !pt_one_in(5);
	p->deflt = pt_action();
	p->report = pt_one_in(5);
}

static int pt_policy_build(const struct pt_policy *rp, struct sock_fprog *out)
{
	struct exile_policy *p = exile_create_policy();
	size_t i;
	int err;
	assert_non_null(p);
	p->vow_promises = rp->vows;
	p->report_violations = rp->report;
	for(i = 0; i < rp->nrules; i++)
	{
		const struct pt_rule *r = &rp->rules[i];
		if(r->raw)
		{
			assert_int_equal(exile_append_syscall_policy(p, r->nr, r->action, (struct sock_filter *)r->snip, r->nsnip), 0);
		}
		else
		{
			assert_int_equal(exile_append_syscall_rule(p, r->nr, r->action, r->cmps, r->ncmps), 0);
		}
	}
	if(rp->has_default)
	{
		assert_int_equal(exile_append_syscall_default_policy(p, rp->deflt), 0);
	}
	err = exile_syscall_policy_to_bpf(p, out);
	exile_free_policy(p);
	return err;
}

/* The reference: the documented semantics, one rule at a time. */
static int pt_cmp_holds(unsigned op, int is32, uint64_t x, uint64_t v, uint64_t m)
{
	if(is32)
	{
		x &= 0xFFFFFFFFu;
		v &= 0xFFFFFFFFu;
		m &= 0xFFFFFFFFu;
	}
	switch(op)
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
	fail_msg("unknown operator %u", op);
	return 0;
}

/* 1 matched, 0 not matched, 2 the snippet returned *ret itself. */
static int pt_snippet_run(const struct sock_filter *s, size_t n, const struct seccomp_data *d, uint32_t *ret)
{
	uint32_t A = (uint32_t)d->nr;
	size_t pc = 0;
	for(;;)
	{
		const struct sock_filter *in;
		uint32_t off;
		if(pc == n)
		{
			return 1;
		}
		assert_true(pc < n);
		in = &s[pc];
		switch(BPF_CLASS(in->code))
		{
		case BPF_LD:
			memcpy(&A, (const char *)d + in->k, 4);
			pc++;
			continue;
		case BPF_ALU:
			A = BPF_OP(in->code) == BPF_AND ? A & in->k : BPF_OP(in->code) == BPF_OR ? A | in->k : A + in->k;
			pc++;
			continue;
		case BPF_RET:
			*ret = in->k;
			return 2;
		}
		if(BPF_OP(in->code) == BPF_JA)
		{
			if(in->k == 1234 || in->k == 5678)
			{
				return in->k == 1234;
			}
			pc += 1 + in->k;
			continue;
		}
		switch(BPF_OP(in->code))
		{
		case BPF_JEQ: off = A == in->k ? in->jt : in->jf; break;
		case BPF_JGT: off = A > in->k ? in->jt : in->jf; break;
		case BPF_JGE: off = A >= in->k ? in->jt : in->jf; break;
		default: off = (A & in->k) ? in->jt : in->jf; break;
		}
		if(off == EXILE_SYSCALL_EXIT_BPF_RETURN || off == EXILE_SYSCALL_EXIT_BPF_NO_MATCH)
		{
			return off == EXILE_SYSCALL_EXIT_BPF_RETURN;
		}
		pc += 1 + off;
	}
}

/* The vows' decision: exile__vow_rules lists the rules, this walks them with
 * its own reading of each condition. 1 and *ret when a rule matched. */
static int pt_vow_decides(long nr, uint64_t held, uint32_t deny, const uint64_t *args, uint32_t *ret)
{
	struct exile__rules rs;
	size_t i, j;
	int found = 0;
	memset(&rs, 0, sizeof(rs));
	exile__vow_rules(&rs, nr, held, deny, (uint32_t)getpid());
	assert_int_equal(rs.err, 0);
	for(i = 0; i < rs.n && !found; i++)
	{
		int all = 1;
		assert_null(rs.r[i].raw);
		for(j = 0; j < rs.r[i].ncond && all; j++)
		{
			const struct exile__cond *c = &rs.r[i].cond[j];
			if(c->op == EXILE__OP_IN)
			{
				uint32_t lo = (uint32_t)args[c->arg] & (c->mask ? (uint32_t)c->mask : 0xFFFFFFFFu);
				size_t v;
				all = 0;
				for(v = 0; v < c->nvals; v++)
				{
					all |= c->vals[v] == lo;
				}
			}
			else
			{
				all = pt_cmp_holds(c->op, c->is32, args[c->arg], c->value, c->mask);
			}
		}
		if(all)
		{
			*ret = rs.r[i].ret;
			found = 1;
		}
	}
	exile__rules_free(&rs);
	return found;
}

static int pt_report_on(const struct pt_policy *p)
{
	const char *env = getenv(EXILE_REPORT_ENV);
	return p->report || (env != NULL && strcmp(env, "1") == 0);
}

/* The expected result of building: 0, or the errno the documentation gives. */
static int pt_expected_build(const struct pt_policy *p)
{
	if(p->vows != 0 && p->has_default && (p->deflt == EXILE_SYSCALL_ALLOW || p->deflt == EXILE_SYSCALL_LOG))
	{
		return -EINVAL;
	}
	if(p->vows == 0 && !p->has_default)
	{
		return p->nrules ? -EINVAL : -ENOENT;
	}
	return 0;
}

static uint32_t pt_deny(const struct pt_policy *p)
{
	if(p->has_default)
	{
		return pt_ret(p->deflt);
	}
	return (p->vows & EXILE_SYSCALL_VOW_DENY_ERROR) ? (SECCOMP_RET_ERRNO | EACCES) : SECCOMP_RET_KILL_PROCESS;
}

/* What no rule decides: the default, ENOSYS for what libc can replace under
 * vows, ENOSYS (or the allowing default) for numbers without a name. */
static uint32_t pt_fallback(const struct pt_policy *p, uint32_t nr)
{
	uint32_t deny = pt_deny(p);
	if(exile_syscall_name(nr) == NULL)
	{
		return (deny == SECCOMP_RET_ALLOW || deny == SECCOMP_RET_LOG) ? deny : (SECCOMP_RET_ERRNO | ENOSYS);
	}
	if(p->vows != 0 && (nr == __NR_openat2 || (nr == __NR_clone3 && !(p->vows & EXILE_SYSCALL_VOW_CLONE))))
	{
		return SECCOMP_RET_ERRNO | ENOSYS;
	}
	return deny;
}

static unsigned long pt_by[5]; /* verdicts by: arch/x32, explicit rule, snippet RET, vow rule, fallback */
static uint32_t pt_verdict(const struct pt_policy *p, const struct seccomp_data *d)
{
	uint32_t nr = (uint32_t)d->nr, deny = pt_deny(p), ret = 0, fallback;
	int report = pt_report_on(p);
	size_t i, j;
	if(d->arch != AUDIT_ARCH_X86_64 || nr >= 0x40000000u)
	{
		pt_by[0]++;
		return SECCOMP_RET_KILL_PROCESS;
	}
	if(report && nr == __NR_rt_sigaction && (uint32_t)d->args[0] == SIGSYS && d->args[3] == EXILE__DIAG_DIE_SIZE)
	{
		return SECCOMP_RET_KILL_PROCESS; /* the report handler's own end */
	}
	if(report && nr == __NR_rt_sigaction && (uint32_t)d->args[0] == SIGSYS && d->args[1] != 0)
	{
		return SECCOMP_RET_ERRNO | EINVAL; /* nothing replaces the report handler */
	}
	if(nr == __NR_ioctl && ((uint32_t)d->args[1] == TIOCSTI || (uint32_t)d->args[1] == TIOCLINUX))
	{
		/* every filter, before every rule: the vows' deny, else EACCES */
		pt_by[1]++;
		ret = p->vows != 0 ? deny : (SECCOMP_RET_ERRNO | EACCES);
		return report && ret == SECCOMP_RET_KILL_PROCESS ? SECCOMP_RET_TRAP : ret;
	}
	for(i = 0; i < p->nrules; i++)
	{
		const struct pt_rule *r = &p->rules[i];
		int match = 1;
		if((uint32_t)r->nr != nr)
		{
			continue;
		}
		if(r->raw)
		{
			match = pt_snippet_run(r->snip, r->nsnip, d, &ret);
			if(match == 2)
			{
				pt_by[2]++;
				return ret; /* the snippet's own RET, as written */
			}
		}
		for(j = 0; j < r->ncmps && match; j++)
		{
			match = pt_cmp_holds(r->cmps[j].op, r->cmps[j].is32, d->args[r->cmps[j].arg], r->cmps[j].value, r->cmps[j].mask);
		}
		if(match)
		{
			pt_by[1]++;
			ret = pt_ret(r->action);
			return report && ret == SECCOMP_RET_KILL_PROCESS ? SECCOMP_RET_TRAP : ret;
		}
	}
	if(p->vows == 0 && (nr == __NR_io_uring_setup || nr == __NR_io_uring_enter || nr == __NR_io_uring_register))
	{
		pt_by[1]++;
		return SECCOMP_RET_ERRNO | EPERM; /* every filter, after the explicit rules (vows deny them anyway) */
	}
	if(p->vows != 0 && pt_vow_decides(nr, p->vows, deny, (const uint64_t *)d->args, &ret))
	{
		pt_by[3]++;
		return report && ret == SECCOMP_RET_KILL_PROCESS ? SECCOMP_RET_TRAP : ret;
	}
	fallback = pt_fallback(p, nr);
	pt_by[4]++;
	return report && fallback == SECCOMP_RET_KILL_PROCESS ? SECCOMP_RET_TRAP : fallback;
}

/* 1 when the reference allows nr whatever the arguments, by rules that
 * look at no argument (raw snippets count as looking). */
static int pt_const_allow(const struct pt_policy *p, long nr)
{
	size_t i;
	int report = pt_report_on(p);
	struct exile__rules rs;
	uint32_t fallback;
	if((report && nr == __NR_rt_sigaction) || nr == __NR_ioctl)
	{
		return 0; /* ioctl: every filter looks at TIOCSTI and TIOCLINUX */
	}
	for(i = 0; i < p->nrules; i++)
	{
		const struct pt_rule *r = &p->rules[i];
		if(r->nr != nr)
		{
			continue;
		}
		if(r->raw)
		{
			return 0;
		}
		if(r->ncmps == 0)
		{
			return pt_ret(r->action) == SECCOMP_RET_ALLOW;
		}
		if(pt_ret(r->action) != SECCOMP_RET_ALLOW)
		{
			return 0;
		}
	}
	if(p->vows == 0 && (nr == __NR_io_uring_setup || nr == __NR_io_uring_enter || nr == __NR_io_uring_register))
	{
		return 0;
	}
	if(p->vows != 0)
	{
		memset(&rs, 0, sizeof(rs));
		exile__vow_rules(&rs, nr, p->vows, pt_deny(p), (uint32_t)getpid());
		for(i = 0; i < rs.n; i++)
		{
			if(rs.r[i].ncond == 0 || rs.r[i].ret != SECCOMP_RET_ALLOW)
			{
				int res = rs.r[i].ncond == 0 && rs.r[i].ret == SECCOMP_RET_ALLOW;
				exile__rules_free(&rs);
				return res;
			}
		}
		exile__rules_free(&rs);
	}
	fallback = pt_fallback(p, (uint32_t)nr);
	return fallback == SECCOMP_RET_ALLOW;
}

static uint64_t pt_arg(const struct pt_policy *p, const uint64_t *extra, size_t nextra)
{
	uint64_t v;
	switch(pt_below(6))
	{
	case 0: v = p->npool ? p->pool[pt_below(p->npool)] : pt_value(); break;
	case 1: v = nextra ? extra[pt_below(nextra)] : pt_value(); break;
	case 2: v = (uint64_t)getpid(); break;
	case 3: v = pt_one_in(2) ? SIGSYS : EXILE__DIAG_DIE_SIZE; break;
	default: v = pt_value(); break;
	}
	if(pt_one_in(4))
	{
		v = (v & 0xFFFFFFFFu) | (pt_rand() << 32); /* garbage in the upper half */
	}
	return v;
}

static void pt_data_gen(const struct pt_policy *p, struct seccomp_data *d)
{
	uint64_t extra[64];
	size_t nextra = 0, i;
	struct exile__rules rs;
	uint64_t r = pt_below(16);
	memset(d, 0, sizeof(*d));
	d->arch = pt_one_in(20) ? (pt_one_in(2) ? AUDIT_ARCH_I386 : (uint32_t)pt_rand()) : AUDIT_ARCH_X86_64;
	if(r == 0)
	{
		d->nr = (int)(uint32_t)pt_rand(); /* huge, negative */
	}
	else if(r == 1)
	{
		d->nr = (int)(0x40000000u | (uint32_t)pt_below(500)); /* x32 */
	}
	else if(r == 2)
	{
		d->nr = (int)(0x3FFFFFF0u + pt_below(16));
	}
	else
	{
		d->nr = (int)pt_nr(p);
	}
	/* the constants the vow rules of this number compare with */
	memset(&rs, 0, sizeof(rs));
	if(p->vows != 0 && (uint32_t)d->nr < 1000)
	{
		exile__vow_rules(&rs, d->nr, p->vows, 0, (uint32_t)getpid());
	}
	for(i = 0; i < rs.n; i++)
	{
		unsigned c;
		for(c = 0; c < rs.r[i].ncond; c++)
		{
			const struct exile__cond *x = &rs.r[i].cond[c];
			size_t v;
			for(v = 0; v < x->nvals && nextra < 60; v++)
			{
				extra[nextra++] = x->vals[v] | (pt_one_in(2) ? (pt_rand() & ~(uint64_t)x->mask) : 0);
			}
			if(nextra < 60)
			{
				extra[nextra++] = x->value;
				extra[nextra++] = x->mask;
				extra[nextra++] = x->value | (pt_rand() & ~x->mask);
			}
		}
	}
	exile__rules_free(&rs);
	if(d->nr == __NR_ioctl)
	{
		extra[nextra++] = TIOCSTI; /* refused by every filter */
		extra[nextra++] = TIOCLINUX | (pt_rand() << 32);
	}
	for(i = 0; i < 6; i++)
	{
		d->args[i] = pt_arg(p, extra, nextra);
	}
	d->instruction_pointer = pt_one_in(2) ? pt_value() : 0;
}

/* Structural checks the kernel makes (and the cache needs). */
static void pt_check_program(const struct sock_fprog *prog)
{
	size_t pc;
	assert_true(prog->len >= 1 && prog->len <= BPF_MAXINSNS);
	for(pc = 0; pc < prog->len; pc++)
	{
		const struct sock_filter *in = &prog->filter[pc];
		if(BPF_CLASS(in->code) != BPF_JMP)
		{
			continue;
		}
		if(BPF_OP(in->code) == BPF_JA)
		{
			assert_true(pc + 1 + (uint64_t)in->k < prog->len);
		}
		else
		{
			assert_true(pc + 1 + in->jt < prog->len);
			assert_true(pc + 1 + in->jf < prog->len);
		}
	}
	assert_int_equal(BPF_CLASS(prog->filter[prog->len - 1].code), BPF_RET);
}

static void pt_dump_policy(const struct pt_policy *p)
{
	size_t i, j;
	printf("# policy: vows 0x%llx default %s0x%x report %d, %zu rules\n", (unsigned long long)p->vows,
			p->has_default ? "" : "(none) ", p->deflt, p->report, p->nrules);
	for(i = 0; i < p->nrules; i++)
	{
		const struct pt_rule *r = &p->rules[i];
		printf("#   rule %zu: nr %ld action 0x%x %s", i, r->nr, r->action, r->raw ? "raw:" : "cmps:");
		for(j = 0; j < (r->raw ? r->nsnip : r->ncmps) && j < 16; j++)
		{
			if(r->raw)
			{
				printf(" {0x%x,%u,%u,0x%x}", r->snip[j].code, r->snip[j].jt, r->snip[j].jf, r->snip[j].k);
			}
			else
			{
				printf(" [arg%u op%u w%s v=0x%llx m=0x%llx]", r->cmps[j].arg, r->cmps[j].op, r->cmps[j].is32 ? "32" : "64",
						(unsigned long long)r->cmps[j].value, (unsigned long long)r->cmps[j].mask);
			}
		}
		printf("\n");
	}
}

#define PT_SEED 0x5EC0CA11EB0A7ULL
#define PT_POLICIES 600
#define PT_DATA 250

static void filter_agrees_with_reference_on_random_policies(void **state)
{
	static struct pt_policy p;
	unsigned it;
	unsigned long checks = 0, built = 0, e2big = 0, cached = 0, trampolines = 0;
	struct timespec t0, t1;
	(void)state;
	pt_state = PT_SEED;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for(it = 0; it < PT_POLICIES; it++)
	{
		struct sock_fprog prog;
		int err, want;
		unsigned k;
		long nr;
		pt_policy_gen(&p);
		memset(&prog, 0, sizeof(prog));
		err = pt_policy_build(&p, &prog);
		want = pt_expected_build(&p);
		if(want != 0 || (err == -E2BIG && p.big))
		{
			if(err != want && !(err == -E2BIG && want == 0))
			{
				pt_dump_policy(&p);
				fail_msg("policy %u: building returned %d, expected %d (%s)", it, err, want, exile_last_error());
			}
			e2big += err == -E2BIG;
			continue;
		}
		if(err != 0)
		{
			pt_dump_policy(&p);
			fail_msg("policy %u: building failed with %d: %s", it, err, exile_last_error());
		}
		built++;
		pt_check_program(&prog);
		for(k = 0; k < prog.len; k++)
		{
			trampolines += prog.filter[k].code == (BPF_JMP | BPF_JA) && prog.filter[k].k > 255;
		}
		for(k = 0; k < PT_DATA; k++)
		{
			struct seccomp_data d;
			uint32_t got = 0xdead, exp;
			pt_data_gen(&p, &d);
			exp = pt_verdict(&p, &d);
			if(exile_bpf_simulate(&prog, &d, &got) <= 0 || got != exp)
			{
				pt_dump_policy(&p);
				fail_msg("policy %u, data %u: nr %d arch 0x%x args 0x%llx 0x%llx 0x%llx 0x%llx 0x%llx 0x%llx: "
						"filter 0x%x, reference 0x%x", it, k, d.nr, d.arch, (unsigned long long)d.args[0],
						(unsigned long long)d.args[1], (unsigned long long)d.args[2], (unsigned long long)d.args[3],
						(unsigned long long)d.args[4], (unsigned long long)d.args[5], got, exp);
			}
			checks++;
		}
		for(nr = 0; nr < EXILE__NR_COUNT + 3; nr++)
		{
			int c = kernel_would_cache_allow(&prog, (int)nr);
			if(pt_const_allow(&p, nr) && !c)
			{
				pt_dump_policy(&p);
				fail_msg("policy %u: %ld is allowed whatever its arguments but is not constant-allow for the cache", it, nr);
			}
			cached += c;
		}
		free(prog.filter);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("# %u random policies (seed 0x%llx): %lu built, %lu too big (-E2BIG), %lu verdicts compared, "
			"%lu far jumps, %lu constant-allow numbers; verdicts by arch/x32 %lu, rule %lu, snippet RET %lu, vow %lu, "
			"fallback %lu; %.2f s\n", PT_POLICIES, (unsigned long long)PT_SEED, built, e2big, checks, trampolines, cached,
			pt_by[0], pt_by[1], pt_by[2], pt_by[3], pt_by[4], (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	assert_true(built > PT_POLICIES / 3);
	assert_true(e2big > 0);
	assert_true(trampolines > 0);
}

/* Building walked every number up to the highest rule, asking the vow table
 * for each: a rule for the last valid number (2^30 - 1) made enabling take
 * minutes. Unnamed numbers without rules are now one leaf. */
static void rule_for_the_highest_number_builds_at_once(void **state)
{
	struct exile_policy *p = exile_create_policy();
	struct sock_fprog prog;
	struct timespec t0, t1;
	double s;
	(void)state;
	assert_non_null(p);
	p->vow_promises = exile_vows_from_str("stdio");
	assert_int_equal(exile_append_syscall_policy(p, 0x3FFFFFFF, EXILE_SYSCALL_DENY_ERRNO(7), NULL, 0), 0);
	assert_int_equal(exile_append_syscall_policy(p, 0x3FFFFF00, EXILE_SYSCALL_ALLOW, NULL, 0), 0);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(exile_syscall_policy_to_bpf(p, &prog), 0);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	printf("# a rule for syscall 0x3FFFFFFF: built in %.4f s, %u instructions\n", s, prog.len);
	assert_true(s < 0.5);
	assert_int_equal(sim(&prog, 0x3FFFFFFF, 0, 0, 0, NULL), SECCOMP_RET_ERRNO | 7);
	assert_int_equal(sim(&prog, 0x3FFFFF00, 0, 0, 0, NULL), SECCOMP_RET_ALLOW);
	assert_int_equal(sim(&prog, 0x3FFFFFFE, 0, 0, 0, NULL), SECCOMP_RET_ERRNO | ENOSYS);
	assert_int_equal(sim(&prog, 0x3FFFFF01, 0, 0, 0, NULL), SECCOMP_RET_ERRNO | ENOSYS);
	assert_int_equal(sim(&prog, 0x3FFFFEFF, 0, 0, 0, NULL), SECCOMP_RET_ERRNO | ENOSYS);
	assert_int_equal(sim(&prog, EXILE__NR_COUNT, 0, 0, 0, NULL), SECCOMP_RET_ERRNO | ENOSYS);
	assert_int_equal(sim(&prog, __NR_read, 0, 0, 0, NULL), SECCOMP_RET_ALLOW);
	assert_int_equal(sim(&prog, __NR_ptrace, 0, 0, 0, NULL), SECCOMP_RET_KILL_PROCESS);
	free(prog.filter);
	exile_free_policy(p);
}

/* ---- found by make fuzz (fuzz/splice.c) --------------------------------- */

/* The kernel shifts A by X mod 32 (x86-64: the JIT's shl/shr and the
 * interpreter both mask the count); the simulator once said 0 for X >= 32.
 * Each shift count is run through a real filter: getppid fails with errno
 * (A & 0xfff), where 0 means success. */
static int shift_child(void *arg)
{
	int *out = (int *)arg, i;
	for(i = 0; i < 2 * 40; i++)
	{
		struct sock_filter f[] = {
			BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
			BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_getppid, 1, 0),
			BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
			BPF_STMT(BPF_LD | BPF_IMM, i < 40 ? 1u : 0x800u),
			BPF_STMT(BPF_LDX | BPF_IMM, (uint32_t)(i % 40)),
			BPF_STMT(BPF_ALU | (i < 40 ? BPF_LSH : BPF_RSH) | BPF_X, 0),
			BPF_STMT(BPF_ALU | BPF_AND | BPF_K, 0xFFF),
			BPF_STMT(BPF_ALU | BPF_OR | BPF_K, SECCOMP_RET_ERRNO),
			BPF_STMT(BPF_RET | BPF_A, 0),
		};
		struct sock_fprog prog = { (unsigned short)(sizeof(f) / sizeof(f[0])), f };
		pid_t pid = fork();
		int status;
		if(pid == 0)
		{
			long r;
			if(prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 || syscall(__NR_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) != 0)
			{
				_exit(255);
			}
			r = syscall(__NR_getppid);
			_exit(r < 0 ? errno & 0xFF : 0);
		}
		if(pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) == 255)
		{
			return 1;
		}
		out[i] = WEXITSTATUS(status);
	}
	return 0;
}

static void simulator_shifts_as_the_kernel_does(void **state)
{
	static int got[80]; /* what the kernel gave, filled in a child and read back through the pipe */
	int fds[2], i;
	(void)state;
	assert_int_equal(pipe(fds), 0);
	{
		pid_t pid = fork();
		int status;
		assert_true(pid >= 0);
		if(pid == 0)
		{
			int rc = shift_child(got);
			if(write(fds[1], got, sizeof(got)) != (ssize_t)sizeof(got))
			{
				rc = 1;
			}
			_exit(rc);
		}
		assert_int_equal(waitpid(pid, &status, 0), pid);
		assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	assert_int_equal(read(fds[0], got, sizeof(got)), (ssize_t)sizeof(got));
	close(fds[0]);
	close(fds[1]);
	for(i = 0; i < 80; i++)
	{
		struct sock_filter f[] = {
			BPF_STMT(BPF_LD | BPF_IMM, i < 40 ? 1u : 0x800u),
			BPF_STMT(BPF_LDX | BPF_IMM, (uint32_t)(i % 40)),
			BPF_STMT(BPF_ALU | (i < 40 ? BPF_LSH : BPF_RSH) | BPF_X, 0),
			BPF_STMT(BPF_ALU | BPF_AND | BPF_K, 0xFFF),
			BPF_STMT(BPF_RET | BPF_A, 0),
		};
		struct sock_fprog prog = { 5, f };
		struct seccomp_data d;
		uint32_t a = 0xdead;
		memset(&d, 0, sizeof(d));
		assert_int_equal(exile_bpf_simulate(&prog, &d, &a), 5);
		if((int)(a & 0xFF) != got[i])
		{
			fail_msg("%s by %d: the simulator gives 0x%x, the kernel 0x%x", i < 40 ? "1 <<" : "0x800 >>", i % 40, a, got[i]);
		}
	}
}

/* A snippet the kernel would refuse (BPF_MOD, a byte load, RET X) is refused
 * when it is appended, and one reading scratch memory that not every path
 * wrote when the filter is built: never a filter that only fails at the
 * commit, after irreversible steps. The simulator refuses such programs
 * even where the bad instruction is never executed, as the kernel does. */
static int refused_snippet_child(void *arg)
{
	struct sock_filter uninit[] = { BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0, 1, 0), BPF_STMT(BPF_ST, 2),
		BPF_STMT(BPF_LD | BPF_MEM, 2), EXILE_BPF_MATCH(7) };
	struct exile_policy *p = exile_init_policy();
	int err;
	(void)arg;
	if(exile_append_syscall_policy(p, __NR_getppid, EXILE_SYSCALL_DENY_RET_ERROR, uninit, 4) != 0
		|| exile_append_syscall_default_policy(p, EXILE_SYSCALL_ALLOW) != 0)
	{
		return 1;
	}
	err = exile_enable_policy(p);
	/* nothing changed: still dumpable, no no_new_privs, no filter */
	if(err != -EINVAL || prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) != 0 || prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) != 1
		|| syscall(__NR_getppid) < 0)
	{
		return 2;
	}
	return 0;
}

static void snippets_the_kernel_refuses_are_refused_early(void **state)
{
	struct sock_filter mod[] = { BPF_STMT(BPF_ALU | BPF_MOD | BPF_K, 3), EXILE_BPF_MATCH(0) };
	struct sock_filter byte[] = { BPF_STMT(BPF_LD | BPF_B | BPF_ABS, 0), EXILE_BPF_MATCH(0) };
	struct sock_filter retx[] = { BPF_STMT(BPF_RET | BPF_X, 0) };
	struct sock_filter shift[] = { BPF_STMT(BPF_ALU | BPF_LSH | BPF_K, 32), EXILE_BPF_MATCH(0) };
	struct sock_filter dead[] = { BPF_STMT(BPF_JMP | BPF_JA, 1), BPF_STMT(BPF_ALU | BPF_MOD | BPF_K, 3),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW) };
	struct sock_filter *bad[] = { mod, byte, retx, shift };
	size_t nbad[] = { 2, 2, 1, 2 }, i;
	struct sock_fprog prog = { 3, dead };
	struct seccomp_data d;
	uint32_t a;
	(void)state;
	for(i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
	{
		struct exile_policy *p = exile_create_policy();
		struct sock_fprog out = { 0, NULL };
		assert_int_equal(exile_append_syscall_policy(p, __NR_read, EXILE_SYSCALL_ALLOW, bad[i], nbad[i]), -EINVAL);
		assert_non_null(strstr(exile_last_error(), "the kernel refuses"));
		assert_int_equal(exile_append_syscall_default_policy(p, EXILE_SYSCALL_DENY_KILL_PROCESS), 0);
		assert_int_equal(exile_syscall_policy_to_bpf(p, &out), -EINVAL);
		assert_null(out.filter);
		exile_free_policy(p);
	}
	memset(&d, 0, sizeof(d));
	assert_int_equal(exile_bpf_simulate(&prog, &d, &a), -EINVAL);
	assert_int_equal(in_child(refused_snippet_child, NULL), 0);
}

static const struct CMUnitTest bpf_tests[] = {
	cmocka_unit_test(too_many_rules_give_e2big),
	cmocka_unit_test(syscall_names_both_ways),
	cmocka_unit_test(syscall_names_match_libseccomp),
	cmocka_unit_test(filter_checks_arch_and_x32),
	cmocka_unit_test(filter_decides_every_syscall_number),
	cmocka_unit_test(typical_policy_is_cacheable_and_short),
	cmocka_unit_test(long_jumps_go_through_trampolines),
	cmocka_unit_test(structured_comparisons),
	cmocka_unit_test(rule_with_too_many_conditions_is_refused),
	cmocka_unit_test(to_bpf_does_not_change_the_policy),
	cmocka_unit_test(simulator_rejects_bad_programs),
	cmocka_unit_test(simulator_agrees_with_kernel),
	cmocka_unit_test(structured_rule_enforced_on_low_half),
	cmocka_unit_test(filter_agrees_with_reference_on_random_policies),
	cmocka_unit_test(rule_for_the_highest_number_builds_at_once),
	cmocka_unit_test(simulator_shifts_as_the_kernel_does),
	cmocka_unit_test(snippets_the_kernel_refuses_are_refused_early),
};
