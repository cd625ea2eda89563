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


/* ---- supervisor block (issue 8 item 8): exile_launch's guarantees ------- */

/* The sandboxed function forges a violation record on every fd it can write
 * (main before the supervisor: it held the report pipe, so the caller blamed
 * ptrace), then makes a real denied call. The caller must see the real one. */
static int forge_a_report(void *arg)
{
	struct exile__violation v;
	struct exile__launch_msg m;
	int fd;
	(void)arg;
	memset(&v, 0, sizeof(v));
	v.nr = __NR_ptrace;
	v.arch = AUDIT_ARCH_X86_64;
	memset(&m, 0, sizeof(m));
	m.magic = EXILE__LAUNCH_MAGIC;
	m.kind = EXILE__LAUNCH_REPORT;
	m.v = v;
	snprintf(m.line, sizeof(m.line), "exile: pid 1 (init): denied ptrace(0x10) \xe2\x80\x94 no vow allows it; killed");
	for(fd = 3; fd < 1024; fd++)
	{
		int fl = fcntl(fd, F_GETFL);
		if(fl >= 0 && (fl & O_ACCMODE) != O_RDONLY)
		{
			if(write(fd, &v, sizeof(v)) < 0 || write(fd, &m, sizeof(m)) < 0)
			{
				continue;
			}
		}
	}
	syscall(__NR_mkdir, "/tmp/exile-forged-report", 0700);
	return 0;
}

static void escape_launch_report_cannot_be_forged(void **state)
{
	struct exile_policy *p = exile_create_policy();
	struct exile_launch_params params;
	struct exile_launch_status st;
	struct sup_reports rep;
	size_t n;
	(void)state;
	p->no_new_privs = 1;
	p->vow_promises = exile_vows_from_str("stdio");
	memset(&params, 0, sizeof(params));
	memset(&rep, 0, sizeof(rep));
	params.policy = p; /* no close_fds: the child keeps every fd it inherits */
	params.func = forge_a_report;
	params.status = &st;
	params.report_fd = -1;
	params.on_report = sup_collect;
	params.on_report_arg = &rep;
	assert_null(exile_launch_get(&params, &n));
	assert_int_equal(st.syscall_nr, __NR_mkdir);
	assert_int_equal(st.denials, 1);
	assert_int_equal(rep.n, 1);
	assert_int_equal(rep.nr[0], __NR_mkdir);
	assert_null(strstr(st.line, "ptrace"));
	exile_free_policy(p);
}

/* The listener must never be in the sandboxed side's fd table: a process
 * holding its own listener answers CONTINUE and runs anything. The function
 * (ioctl allowed outright, every inherited fd kept) looks for it: a listener
 * answers SECCOMP_IOCTL_NOTIF_ID_VALID with 0 or ENOENT, every other fd
 * with ENOTTY or EINVAL. It also looks for exile's other fds. */
static int look_for_the_listener(void *arg)
{
	int fd, found = 0, others = 0;
	(void)arg;
	for(fd = 0; fd < 1024; fd++)
	{
		uint64_t id = 0;
		char link[64], target[256];
		ssize_t r;
		if(fcntl(fd, F_GETFD) < 0)
		{
			continue;
		}
		if(ioctl(fd, EXILE__NOTIF_ID_VALID, &id) == 0 || errno == ENOENT)
		{
			found++;
		}
		snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
		r = readlink(link, target, sizeof(target) - 1);
		target[r > 0 ? r : 0] = '\0';
		if(strstr(target, "seccomp") != NULL)
		{
			found++;
		}
		if(strstr(target, "/mem") != NULL)
		{
			others++;
		}
	}
	printf("%d %d", found, others);
	return 0;
}

static void escape_launch_listener_is_out_of_reach(void **state)
{
	struct exile_policy *p = exile_create_policy();
	struct exile_launch_params params;
	struct exile_launch_status st;
	size_t n;
	char *out;
	(void)state;
	p->no_new_privs = 1;
	p->vow_promises = exile_vows_from_str("stdio rpath");
	assert_int_equal(exile_append_syscall_rule(p, __NR_ioctl, EXILE_SYSCALL_ALLOW, NULL, 0), 0);
	memset(&params, 0, sizeof(params));
	params.policy = p;
	params.func = look_for_the_listener;
	params.status = &st;
	out = exile_launch_get(&params, &n);
	assert_non_null(out);
	assert_int_equal(st.supervised, 1);
	assert_string_equal(out, "0 0");
	free(out);
	exile_free_policy(p);
}

/* "Nothing survives the call": the sandboxed function leaves a daemon
 * (setsid, double fork) and tries to kill the supervisor, which would leave
 * the daemon alive. Each way is one mode. The policy has no scopes of its
 * own (exile_create_policy). Success is mechanical: the daemon's pid, sent
 * over a kept pipe, still exists after the launch returned. */
struct sup_attack
{
	int mode;   /* 0 kill(S), 1 pidfd from /proc/S, 2 pidfd_open(S), 3 RLIMIT_CPU of S, 4 kill(-1, 0), 5 write S's code */
	int pipe[2];
};

static int kill_supervisor_leave_daemon(void *arg)
{
	struct sup_attack *a = (struct sup_attack *)arg;
	pid_t s = getppid(), d;
	char path[64];
	int fd, r = 0, ready[2];
	if(pipe(ready) != 0)
	{
		return 1;
	}
	d = fork();
	if(d == 0)
	{
		setsid();
		if(fork() != 0)
		{
			_exit(0);
		}
		d = getpid();
		if(write(ready[1], &d, sizeof(d)) != (ssize_t)sizeof(d))
		{
			_exit(1);
		}
		for(fd = 0; fd < 1024; fd++)
		{
			close(fd); /* holds no pipe of the caller: only the supervisor can end it */
		}
		for(;;)
		{
			pause();
		}
	}
	waitpid(d, NULL, 0);
	/* the daemon runs: its pid to the caller, then the attack */
	if(read(ready[0], &d, sizeof(d)) != (ssize_t)sizeof(d) || write(a->pipe[1], &d, sizeof(d)) != (ssize_t)sizeof(d))
	{
		return 2;
	}
	switch(a->mode)
	{
	case 0: r = kill(s, SIGKILL); break;
	case 1:
		snprintf(path, sizeof(path), "/proc/%d", (int)s);
		fd = open(path, O_RDONLY | O_DIRECTORY);
		r = fd < 0 ? -2 : (int)syscall(__NR_pidfd_send_signal, fd, SIGKILL, NULL, 0);
		break;
	case 2:
		fd = (int)syscall(__NR_pidfd_open, s, 0);
		r = fd < 0 ? -2 : (int)syscall(__NR_pidfd_send_signal, fd, SIGKILL, NULL, 0);
		break;
	case 3:
	{
		struct rlimit none = { 0, 0 };
		r = prlimit(s, RLIMIT_CPU, &none, NULL);
		break;
	}
	case 4: r = kill(-1, 0); break;
	case 5:
	{
		/* int3 over waitpid() in S's memory (S is a fork of this image):
		 * S dies when it next reaps */
		static const unsigned char traps[16] = { 0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc,
			0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc };
		snprintf(path, sizeof(path), "/proc/%d/mem", (int)s);
		fd = open(path, O_RDWR);
		r = fd < 0 ? -2 : (int)pwrite(fd, traps, sizeof(traps), (off_t)(uintptr_t)&waitpid);
		break;
	}
	}
	printf("%d", r);
	fflush(stdout);
	usleep(300000); /* time for S to die, were it killed */
	return 0;
}

/* 0: the daemon was gone when the launch returned (and S reported); else
 * 10 + mode, after killing it. */
static int sup_attack_run(struct sup_attack *a)
{
	struct exile_policy *p = exile_create_policy();
	struct exile_launch_params params;
	struct exile_launch_status st;
	char *out;
	size_t n;
	pid_t d = 0;
	int i, alive, reported;
	p->no_new_privs = 1;
	p->drop_caps = 1; /* root's CAP_SYS_PTRACE and CAP_KILL would void the rest */
	p->vow_promises = exile_vows_from_str("stdio proc clone rpath wpath");
	memset(&params, 0, sizeof(params));
	if(pipe(a->pipe) != 0)
	{
		return 99;
	}
	params.policy = p;
	params.func = kill_supervisor_leave_daemon;
	params.funcarg = a;
	params.status = &st;
	params.report_fd = -1;
	out = exile_launch_get(&params, &n);
	reported = strstr(exile_last_error(), "without a report") == NULL;
	free(out);
	close(a->pipe[1]);
	if(read(a->pipe[0], &d, sizeof(d)) != (ssize_t)sizeof(d) || d <= 0)
	{
		close(a->pipe[0]);
		return 98;
	}
	close(a->pipe[0]);
	for(i = 0, alive = 1; i < 100 && (alive = kill(d, 0) == 0); i++)
	{
		usleep(10000);
	}
	exile_free_policy(p);
	if(alive || !reported)
	{
		print_message("# attack %d: alive %d, reported %d: %s | %s | note %s\n", a->mode, alive, reported, exile_last_error(), st.line, st.note);
		kill(d, SIGKILL);
		return 10 + a->mode;
	}
	return 0;
}

static void escape_launch_supervisor_outlives_its_child(void **state)
{
	int mode;
	(void)state;
	for(mode = 0; mode <= 5; mode++)
	{
		struct sup_attack a;
		memset(&a, 0, sizeof(a));
		a.mode = mode;
		if(sup_attack_run(&a) != 0)
		{
			fail_msg("attack %d on the supervisor left the daemon alive", mode);
		}
	}
}

/* The same on a kernel without Landlock (simulated: syscalls 444-446 answer
 * ENOSYS), where no signal scope exists: the filter's rules must hold. */
static int sup_attack_without_landlock(void *arg)
{
	struct sock_filter f[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, 444, 0, 2),
		BPF_JUMP(BPF_JMP | BPF_JGT | BPF_K, 446, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ENOSYS),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { 5, f };
	int mode, r;
	(void)arg;
	if(prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 || prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) != 0)
	{
		return 101;
	}
	exile__ll_probe_cache.done = 0; /* forget the parent's answer */
	for(mode = 0; mode <= 5; mode++)
	{
		struct sup_attack a;
		memset(&a, 0, sizeof(a));
		a.mode = mode;
		if((r = sup_attack_run(&a)) != 0)
		{
			return r;
		}
	}
	return 0;
}

static void escape_launch_supervisor_outlives_its_child_without_landlock(void **state)
{
	(void)state;
	assert_int_equal(in_child(sup_attack_without_landlock, NULL), 0);
}
/* ---- end of the supervisor block ---- */

static const struct CMUnitTest escapes_tests[] = {
	cmocka_unit_test(escape_x32_numbers_are_killed),
	cmocka_unit_test(escape_i386_entry_is_killed),
	/* supervisor block */
	cmocka_unit_test(escape_launch_report_cannot_be_forged),
	cmocka_unit_test(escape_launch_listener_is_out_of_reach),
	cmocka_unit_test(escape_launch_supervisor_outlives_its_child),
	cmocka_unit_test(escape_launch_supervisor_outlives_its_child_without_landlock),
	/* end of the supervisor block */
};
