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

static const struct CMUnitTest escapes_tests[] = {
	cmocka_unit_test(escape_x32_numbers_are_killed),
	cmocka_unit_test(escape_i386_entry_is_killed),
};
