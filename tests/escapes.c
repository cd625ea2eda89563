/* tests/escapes.c — the escape suite: each test tries one way out of the
 * sandbox the way an attacker would, in a forked child, and detects success
 * mechanically (a syscall that ran, bytes read or written, a file created).
 * The parent asserts the exact outcome (SIGSYS or the specific errno).
 * Part of the suite built by test.c (one translation unit). */

/* The x32 ABI shares x86_64's arch value; its numbers carry bit 30. A filter
 * that compared only the number's low bits would let __X32_SYSCALL_BIT | nr
 * reach a call the vows deny. Success would be a getuid that ran. */
static int escape_x32_child(void *arg)
{
	long r;
	(void)arg;
	if(enable_vows("stdio") != 0)
	{
		return EXIT_ENABLE_FAILED;
	}
	r = syscall(0x40000000L | __NR_getuid);
	return r >= 0 ? 1 : 2; /* either way the filter did not kill */
}

static void escape_x32_numbers_are_killed(void **state)
{
	(void)state;
	assert_int_equal(in_child(escape_x32_child, NULL), EXIT_KILLED_SIGSYS);
}

/* int 0x80 in a 64-bit process enters the kernel's i386 table (arch
 * AUDIT_ARCH_I386), where number 20 is getpid and 102 socketcall. The arch
 * check must kill before any number is looked at. */
static int escape_int80_child(void *arg)
{
	long r = 20;
	(void)arg;
	if(enable_vows("stdio") != 0)
	{
		return EXIT_ENABLE_FAILED;
	}
	__asm__ volatile("int $0x80" : "+a"(r) : : "memory");
	return r == -ENOSYS ? 3 : r >= 0 ? 1 : 2; /* ENOSYS: no i386 emulation in this kernel */
}

static void escape_i386_entry_is_killed(void **state)
{
	int rc;
	(void)state;
	rc = in_child(escape_int80_child, NULL);
	if(rc == 3)
	{
		skip(); /* the kernel has no IA32 emulation: the i386 entry does not exist here */
	}
	assert_int_equal(rc, EXIT_KILLED_SIGSYS);
}

/* ======================================================================== */
/* harden-filter: io_uring, the gap rules, terminal injection, exec          */
/* allowlists, fail-open inputs (issue 8 items 1, 2, 5, 6, 9)                */
/* ======================================================================== */

/* Item 9: an empty vow string is the base set, as pledge(""). Before, it was
 * 0, so exile_init_policy() with it installed no syscall filter at all.
 * Success for the attacker: getuid() runs. */
static int hf_empty_vows_child(void *arg)
{
	struct exile_policy *p = exile_init_policy();
	p->vow_promises = exile_vows_from_str((const char *)arg);
	if(exile_enable_policy(p) != 0)
	{
		return EXIT_ENABLE_FAILED;
	}
	return syscall(__NR_getuid) >= 0 ? 1 : 2;
}

static void escape_empty_vow_string_is_the_base_set(void **state)
{
	(void)state;
	assert_int_equal(in_child(hf_empty_vows_child, (void *)""), EXIT_KILLED_SIGSYS);
	assert_int_equal(in_child(hf_empty_vows_child, (void *)" \t "), EXIT_KILLED_SIGSYS);
	/* "error" alone: the base set, and denials fail with EACCES */
	assert_int_equal(in_child(hf_empty_vows_child, (void *)"error"), 2);
}

/* Item 9: disable_syscall_filter with vows or rules dropped them silently.
 * In a child: were it accepted, enabling would change the process. */
static int hf_disabled_filter_child(void *arg)
{
	struct exile_policy *p = exile_create_policy();
	int how = (int)(intptr_t)arg, err;
	p->no_new_privs = 1;
	p->disable_syscall_filter = 1;
	if(how == 0)
	{
		p->vow_promises = exile_vows_from_str("stdio");
	}
	else if(how == 1)
	{
		p->vow_promises = exile_vows_from_str("");
	}
	else if(exile_append_syscall_policy(p, EXILE_SYS(getuid), EXILE_SYSCALL_DENY_RET_ERROR, NULL, 0) != 0
		|| exile_append_syscall_default_policy(p, EXILE_SYSCALL_ALLOW) != 0)
	{
		return 101;
	}
	err = how == 3 ? exile_enable_syscall_policy(p) : exile_enable_policy(p);
	if(err == -EINVAL && strstr(exile_last_error(), "disable_syscall_filter") != NULL)
	{
		return 0;
	}
	return err == 0 ? (syscall(__NR_getuid) >= 0 ? 1 : 2) : 3; /* 1: the rules were dropped */
}

static void escape_disabled_filter_with_vows_or_rules_is_refused(void **state)
{
	(void)state;
	assert_int_equal(in_child(hf_disabled_filter_child, (void *)0), 0);
	assert_int_equal(in_child(hf_disabled_filter_child, (void *)1), 0);
	assert_int_equal(in_child(hf_disabled_filter_child, (void *)2), 0);
	assert_int_equal(in_child(hf_disabled_filter_child, (void *)3), 0);
}

/* Item 9: EXILE_SYSCALL_DENY_ERRNO(e) masked e to 16 bits, so 0x10001
 * became errno 1; every e outside 1..4095 is refused when appended. */
static void escape_deny_errno_outside_range_is_refused(void **state)
{
	static const long bad[] = { 0, -1, 4096, 0x10000, 0x10001, 0x1000D, 0x7FFFFFFF, -65535 };
	struct exile_policy *p;
	size_t i;
	(void)state;
	for(i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
	{
		p = exile_create_policy();
		assert_int_equal(exile_append_syscall_policy(p, EXILE_SYS(getuid), EXILE_SYSCALL_DENY_ERRNO(bad[i]), NULL, 0), -EINVAL);
		assert_non_null(strstr(exile_last_error(), "1..4095"));
		exile_free_policy(p);
	}
	p = exile_create_policy();
	assert_int_equal(exile_append_syscall_policy(p, EXILE_SYS(getuid), EXILE_SYSCALL_DENY_ERRNO(1), NULL, 0), 0);
	assert_int_equal(exile_append_syscall_policy(p, EXILE_SYS(getgid), EXILE_SYSCALL_DENY_ERRNO(4095), NULL, 0), 0);
	exile_free_policy(p);
}

static const struct CMUnitTest escapes_tests[] = {
	cmocka_unit_test(escape_x32_numbers_are_killed),
	cmocka_unit_test(escape_i386_entry_is_killed),
	/* harden-filter (issue 8 items 1, 2, 5, 6, 9) */
	cmocka_unit_test(escape_empty_vow_string_is_the_base_set),
	cmocka_unit_test(escape_disabled_filter_with_vows_or_rules_is_refused),
	cmocka_unit_test(escape_deny_errno_outside_range_is_refused),
	/* (end of harden-filter) */
};
