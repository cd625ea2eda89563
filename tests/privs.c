/* tests/privs.c — fds, rlimits, capabilities, no_new_privs and dumpable.
 * Part of the suite built by test.c (one translation unit); helpers in tests/harness.h. */

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

static int drop_caps_no_nnp_child(void *arg)
{
	struct exile_policy *p = exile_create_policy();
	int r;
	(void)arg;
	p->drop_caps = 1;
	p->vow_promises = EXILE_SYSCALL_VOW_STDIO;
	r = exile_enable_policy(p);
	if(r == 0)
	{
		return 0;
	}
	return strstr(exile_last_error(), "no_new_privs") != NULL ? -r : 1;
}

/* CAP_SYS_ADMIN would let root install a filter without no_new_privs, but
 * not after drop_caps dropped it: refused before anything changes. */
static void seccomp_after_drop_caps_needs_nnp(void **state)
{
	(void)state;
	assert_int_equal(in_child(drop_caps_no_nnp_child, NULL), EPERM);
}

/* uid 0 without CAP_SETPCAP: the bounding set stays full, so dropping
 * capabilities holds only with no_new_privs; refused before any change. */
static int root_without_setpcap_child(void *arg)
{
	struct __user_cap_header_struct h;
	struct __user_cap_data_struct d[2];
	struct exile_policy *p = exile_create_policy();
	int r;
	(void)arg;
	h.version = _LINUX_CAPABILITY_VERSION_3;
	h.pid = 0;
	if(syscall(__NR_capget, &h, d) != 0)
	{
		return 101;
	}
	d[0].effective &= ~(1u << CAP_SETPCAP);
	d[0].permitted &= ~(1u << CAP_SETPCAP);
	if(syscall(__NR_capset, &h, d) != 0)
	{
		return 102;
	}
	p->drop_caps = 1;
	r = exile_enable_policy(p);
	if(r != -EPERM || strstr(exile_last_error(), "bounding set") == NULL)
	{
		return 1;
	}
	p->no_new_privs = 1;
	return exile_enable_policy(p) == 0 ? 0 : 2;
}

static void drop_caps_for_root_without_setpcap_needs_nnp(void **state)
{
	(void)state;
	if(getuid() != 0)
	{
		printf("skipped: needs uid 0 (the case is root without CAP_SETPCAP)\n");
		skip();
	}
	assert_int_equal(in_child(root_without_setpcap_child, NULL), 0);
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

/* close_fds before Linux 5.9 (close_range answers ENOSYS) closes one fd at
 * a time: an inherited fd above a lowered soft RLIMIT_NOFILE must be closed
 * too, not left open because the loop stopped at the limit. */
static int close_fds_above_limit_child(void *arg)
{
	scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);
	struct exile_policy *p = exile_create_policy();
	struct rlimit rl;
	(void)arg;
	if(ctx == NULL || seccomp_rule_add(ctx, SCMP_ACT_ERRNO(ENOSYS), __NR_close_range, 0) != 0 || seccomp_load(ctx) != 0)
	{
		return 101;
	}
	if(dup2(2, 900) != 900 || dup2(2, 40) != 40 || getrlimit(RLIMIT_NOFILE, &rl) != 0)
	{
		return 102;
	}
	rl.rlim_cur = 64;
	if(setrlimit(RLIMIT_NOFILE, &rl) != 0)
	{
		return 103;
	}
	p->close_fds = 1;
	if(exile_enable_policy(p) != 0)
	{
		return 104;
	}
	if(fcntl(40, F_GETFD) != -1)
	{
		return 105;
	}
	return fcntl(900, F_GETFD) == -1 && errno == EBADF ? 0 : 106;
}

static void close_fds_without_close_range_closes_fds_above_the_limit(void **state)
{
	(void)state;
	assert_int_equal(in_child(close_fds_above_limit_child, NULL), 0);
}

static const struct CMUnitTest privs_tests[] = {
	cmocka_unit_test(init_policy_defaults_apply),
	cmocka_unit_test(close_fds_keeps_stdio_and_keep_list),
	cmocka_unit_test(keep_fds_open_overrides_close_fds),
	cmocka_unit_test(no_new_fds_gives_emfile),
	cmocka_unit_test(seccomp_without_nnp_is_refused_unprivileged),
	cmocka_unit_test(seccomp_after_drop_caps_needs_nnp),
	cmocka_unit_test(drop_caps_for_root_without_setpcap_needs_nnp),
	cmocka_unit_test(close_fds_without_close_range_closes_fds_above_the_limit),
};
