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
	signal(SIGPIPE, SIG_IGN); /* an inherited pipe may have no reader */
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
/* ======================================================================== */
/* harden-process: other processes' memory, W^X through /proc/self/mem and
 * READ_IMPLIES_EXEC, the capabilities of other threads, nothing after the
 * filter (issue 8 items 3, 4, 7, 10). */
#include <sys/personality.h>

static volatile char hp_secret[32] = "exile-secret-untouched";

/* The attack on another process's memory: write through /proc/PID/mem.
 * 0 when the bytes went in, else the errno. */
static int hp_poke_mem(pid_t pid)
{
	char path[64];
	ssize_t n;
	int fd, e;
	snprintf(path, sizeof(path), "/proc/%d/mem", (int)pid);
	fd = open(path, O_RDWR | O_CLOEXEC);
	if(fd < 0)
	{
		return errno;
	}
	n = pwrite(fd, "PWNED", 5, (off_t)(uintptr_t)hp_secret);
	e = n == 5 ? 0 : n < 0 ? errno : EIO;
	close(fd);
	return e;
}

enum { HP_VOWS, HP_VOW_CALL, HP_RULES, HP_CAPS_ONLY, HP_INIT_NO_SCOPES, HP_SYSCALL_ONLY };

/* The sandboxes the attacker runs in: every kind of policy that restricts
 * something but asks nothing of Landlock itself. */
static int hp_enable(int kind)
{
	struct exile_policy *p = kind == HP_INIT_NO_SCOPES ? exile_init_policy() : exile_create_policy();
	int err;
	if(p == NULL)
	{
		return -ENOMEM;
	}
	p->no_new_privs = 1;
	switch(kind)
	{
	case HP_VOWS:
	case HP_SYSCALL_ONLY:
		p->vow_promises = exile_vows_from_str("stdio rpath wpath");
		break;
	case HP_VOW_CALL:
		exile_free_policy(p);
		return exile_vow(EXILE_SYSCALL_VOW_STDIO | EXILE_SYSCALL_VOW_RPATH | EXILE_SYSCALL_VOW_WPATH);
	case HP_RULES: /* a deny list: everything but ptrace and process_vm_writev */
		exile_append_syscall_policy(p, __NR_ptrace, EXILE_SYSCALL_DENY_RET_ERROR, NULL, 0);
		exile_append_syscall_policy(p, __NR_process_vm_writev, EXILE_SYSCALL_DENY_RET_ERROR, NULL, 0);
		exile_append_syscall_default_policy(p, EXILE_SYSCALL_ALLOW);
		break;
	case HP_CAPS_ONLY:
		p->drop_caps = 1;
		break;
	case HP_INIT_NO_SCOPES:
		p->landlock_scopes = 0;
		p->vow_promises = exile_vows_from_str("stdio rpath wpath");
		break;
	}
	if(kind == HP_SYSCALL_ONLY && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
	{
		exile_free_policy(p);
		return -errno;
	}
	err = kind == HP_SYSCALL_ONLY ? exile_enable_syscall_policy(p) : exile_enable_policy(p);
	exile_free_policy(p);
	return err;
}

struct hp_mem_case
{
	int kind;
	int sibling; /* 0: the attacker's parent is the victim; 1: a sibling of the same uid */
};

/* The victim is this process (the parent) or a sibling forked from it, so
 * that hp_secret has the same address in all three. Returns 1 when the
 * victim's memory changed, else the attacker's errno (200: enable failed). */
static int hp_mem_attack(void *arg)
{
	const struct hp_mem_case *c = (const struct hp_mem_case *)arg;
	pid_t sib = -1, kid;
	int go[2], st = 0, rc;
	if(pipe(go) != 0)
	{
		return 101;
	}
	if(c->sibling && (sib = fork()) == 0)
	{
		char b;
		close(go[1]);
		if(read(go[0], &b, 1) < 0) /* until the attacker is done */
		{
			_exit(102);
		}
		_exit(memcmp((const char *)hp_secret, "PWNED", 5) == 0 ? 1 : 0);
	}
	kid = fork();
	if(kid == 0)
	{
		pid_t victim = c->sibling ? sib : getppid();
		close(go[0]);
		close(go[1]);
		_exit(hp_enable(c->kind) != 0 ? EXIT_ENABLE_FAILED : hp_poke_mem(victim));
	}
	close(go[0]);
	if(kid < 0 || waitpid(kid, &st, 0) != kid || !WIFEXITED(st))
	{
		return 103;
	}
	rc = WEXITSTATUS(st);
	if(c->sibling)
	{
		int sst = 0;
		close(go[1]);
		if(waitpid(sib, &sst, 0) != sib || !WIFEXITED(sst))
		{
			return 104;
		}
		return WEXITSTATUS(sst) == 1 ? 1 : rc;
	}
	close(go[1]);
	return memcmp((const char *)hp_secret, "PWNED", 5) == 0 ? 1 : rc;
}

/* Without a Landlock domain a sandboxed process could open /proc/<pid>/mem
 * of any same-uid process (its parent, a sibling) and write into it: code
 * execution outside the sandbox. exile puts every policy that restricts
 * anything into a Landlock domain, whose ptrace rule refuses that. */
static void hp_need_ptrace_isolation(void)
{
	if(ll_abi() < 2)
	{
		printf("skipped: ptrace isolation needs Landlock ABI 2, this kernel has %d (see \"What exile cannot stop\")\n", ll_abi());
		skip();
	}
}

static void escape_parent_memory_through_proc_mem(void **state)
{
	static const int kinds[] = { HP_VOWS, HP_VOW_CALL, HP_RULES, HP_CAPS_ONLY, HP_INIT_NO_SCOPES, HP_SYSCALL_ONLY };
	char got[256] = "";
	size_t i, len;
	int bad = 0;
	(void)state;
	hp_need_ptrace_isolation();
	for(i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
	{
		struct hp_mem_case c = { kinds[i], 0 };
		int rc = in_child(hp_mem_attack, &c);
		len = strlen(got);
		snprintf(got + len, sizeof(got) - len, " kind %d: %d", kinds[i], rc);
		bad |= rc != EACCES;
	}
	if(bad)
	{
		fail_msg("want EACCES (13) for every policy kind (1: the parent's memory changed):%s", got);
	}
}

static void escape_sibling_memory_through_proc_mem(void **state)
{
	struct hp_mem_case c = { HP_VOWS, 1 };
	(void)state;
	hp_need_ptrace_isolation();
	assert_int_equal(in_child(hp_mem_attack, &c), EACCES);
}

/* exile_launch: the sandboxed function reads its supervisor's memory (a
 * fork of the caller, so hp_secret is there). */
static int hp_launch_reader(void *arg)
{
	char path[64], buf[sizeof(hp_secret)];
	int fd;
	(void)arg;
	snprintf(path, sizeof(path), "/proc/%d/mem", (int)getppid());
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if(fd < 0)
	{
		printf("errno %d\n", errno);
		return 0;
	}
	memset(buf, 0, sizeof(buf));
	if(pread(fd, buf, sizeof(buf) - 1, (off_t)(uintptr_t)hp_secret) < 0)
	{
		printf("errno %d\n", errno);
		return 0;
	}
	printf("read %s\n", buf);
	return 0;
}

static void escape_launch_supervisor_memory(void **state)
{
	struct exile_launch_params params;
	struct exile_policy *p;
	char *out, want[32];
	size_t n = 0;
	(void)state;
	hp_need_ptrace_isolation();
	p = exile_create_policy();
	assert_non_null(p);
	p->no_new_privs = 1;
	p->vow_promises = exile_vows_from_str("stdio rpath");
	memset(&params, 0, sizeof(params));
	params.policy = p;
	params.func = hp_launch_reader;
	out = exile_launch_get(&params, &n);
	exile_free_policy(p);
	assert_non_null(out);
	if(strstr(out, "exile-secret") != NULL)
	{
		fail_msg("the sandboxed function read the supervisor's memory: %s", out);
	}
	snprintf(want, sizeof(want), "errno %d\n", EACCES);
	assert_string_equal(out, want);
	free(out);
}

/* W^X: code written through /proc/self/mem into the process's own text.
 * hp_victim returns 1; the attack makes it return 42. */
static int __attribute__((noinline)) hp_victim(void)
{
	__asm__ volatile("");
	return 1;
}
static const unsigned char hp_code42[] = { 0xb8, 0x2a, 0x00, 0x00, 0x00, 0xc3 }; /* mov eax, 42; ret */

/* 0: the code ran; else the errno of the step that failed */
static int hp_self_mem(void *arg)
{
	int (*volatile fn)(void) = hp_victim;
	struct exile_policy *p = exile_create_policy();
	const char *dir = (const char *)arg;
	int fd, e = 0;
	p->no_new_privs = 1;
	p->vow_promises = exile_vows_from_str("stdio rpath wpath");
	if(dir != NULL && exile_append_path_policies(p, EXILE_FS_ALLOW_ALL_READ | EXILE_FS_ALLOW_ALL_WRITE, dir) != 0)
	{
		return 101;
	}
	if(exile_enable_policy(p) != 0)
	{
		return EXIT_ENABLE_FAILED;
	}
	fd = open("/proc/self/mem", O_RDWR | O_CLOEXEC);
	if(fd < 0)
	{
		e = errno;
	}
	else if(pwrite(fd, hp_code42, sizeof(hp_code42), (off_t)(uintptr_t)fn) != (ssize_t)sizeof(hp_code42))
	{
		e = errno ? errno : EIO;
	}
	return e != 0 ? e : fn() == 42 ? 0 : 102;
}

/* Path rules that leave /proc out stop it (Landlock refuses the open). */
static void escape_self_mem_code_write_stopped_by_path_rules(void **state)
{
	char dir[] = "/tmp/exile-hp-XXXXXX";
	int rc;
	(void)state;
	LL_NEED_ABI(3, "path rules");
	assert_non_null(mkdtemp(dir));
	rc = in_child(hp_self_mem, dir);
	rmdir(dir);
	assert_int_equal(rc, EACCES);
}

/* Vows alone do not: the kernel's FOLL_FORCE write through /proc/self/mem
 * ignores the mapping's protection unless the kernel is booted with
 * proc_mem.force_override=never (Linux 6.12). README: "What exile cannot
 * stop". The test pins down that documented outcome. */
static void escape_self_mem_code_write_under_vows_is_documented(void **state)
{
	char cmdline[4096] = "";
	int fd = open("/proc/cmdline", O_RDONLY | O_CLOEXEC), rc;
	ssize_t n = fd >= 0 ? read(fd, cmdline, sizeof(cmdline) - 1) : -1;
	(void)state;
	if(fd >= 0)
	{
		close(fd);
	}
	cmdline[n > 0 ? n : 0] = '\0';
	rc = in_child(hp_self_mem, NULL);
	if(strstr(cmdline, "proc_mem.force_override=never") != NULL)
	{
		assert_true(rc != 0);
		return;
	}
	printf("documented: vows alone do not stop code written through /proc/self/mem (the kernel's proc_mem.force_override=never does)\n");
	assert_int_equal(rc, 0);
}

/* READ_IMPLIES_EXEC, inherited from the parent, makes every readable mapping
 * executable: without prot_exec, enable refuses it (clearing it would not
 * take exec away from the heap and stack mapped under it). 0: refused;
 * 1: the code in a PROT_READ|PROT_WRITE mapping ran. */
static int hp_rie(void *arg)
{
	int (*fn)(void);
	void *m;
	int err;
	if(personality(PER_LINUX | READ_IMPLIES_EXEC) < 0)
	{
		return 101;
	}
	err = enable_vows((const char *)arg);
	if(err != 0)
	{
		return err == -EPERM && strstr(exile_last_error(), "READ_IMPLIES_EXEC") != NULL ? 0 : 102;
	}
	m = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if(m == MAP_FAILED)
	{
		return 103;
	}
	memcpy(m, hp_code42, sizeof(hp_code42));
	memcpy(&fn, &m, sizeof(fn));
	return fn() == 42 ? 1 : 104;
}

static void escape_read_implies_exec_personality(void **state)
{
	(void)state;
	assert_int_equal(in_child(hp_rie, (void *)"stdio rpath"), 0);
	/* with prot_exec vowed, executable memory is what the program asked for */
	assert_int_equal(in_child(hp_rie, (void *)"stdio prot_exec"), 1);
}

/* Capabilities are per thread: a thread started before enable keeps them.
 * The victim file has mode 0000: only CAP_DAC_OVERRIDE (or
 * CAP_DAC_READ_SEARCH) reads it, even for its owner. */
struct hp_thread
{
	const char *file;
	int drop; /* the thread gives up its capabilities itself first */
	int ready[2], go[2];
	int got;  /* 1: the thread read the secret */
};

static void *hp_cap_thread(void *arg)
{
	struct hp_thread *t = (struct hp_thread *)arg;
	char b, buf[16] = "";
	int fd;
	if(t->drop)
	{
		struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
		struct __user_cap_data_struct d[2];
		int cap;
		for(cap = 0; cap < 64 && prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) == 0; cap++)
		{
		}
		memset(d, 0, sizeof(d));
		syscall(__NR_capset, &h, d);
	}
	if(write(t->ready[1], "r", 1) != 1 || read(t->go[0], &b, 1) != 1)
	{
		return NULL;
	}
	fd = open(t->file, O_RDONLY | O_CLOEXEC);
	if(fd >= 0)
	{
		t->got = read(fd, buf, sizeof(buf) - 1) > 0 && strncmp(buf, "topsecret", 9) == 0;
		close(fd);
	}
	return NULL;
}

/* 0: enable refused (-EAGAIN); 1: the thread read the secret after enable
 * returned 0; 2: enable returned 0 and the thread could not read it. */
static int hp_cap_threads(void *arg)
{
	struct hp_thread t;
	struct exile_policy *p;
	char dir[] = "/tmp/exile-hp-XXXXXX", file[64], b;
	pthread_t th;
	int fd, err, rc;
	memset(&t, 0, sizeof(t));
	t.drop = arg != NULL;
	if(mkdtemp(dir) == NULL)
	{
		return 101;
	}
	snprintf(file, sizeof(file), "%s/secret", dir);
	fd = open(file, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if(fd < 0 || write(fd, "topsecret", 9) != 9 || fchmod(fd, 0) != 0)
	{
		return 102;
	}
	close(fd);
	t.file = file;
	if(pipe(t.ready) != 0 || pipe(t.go) != 0 || pthread_create(&th, NULL, hp_cap_thread, &t) != 0 || read(t.ready[0], &b, 1) != 1)
	{
		return 103;
	}
	p = exile_init_policy();
	p->close_fds = 0;
	err = exile_enable_policy(p);
	if(err != 0)
	{
		rc = err == -EAGAIN && strstr(exile_last_error(), "thread") != NULL ? 0 : 104;
		if(rc != 0)
		{
			fprintf(stderr, "enable: %d %s\n", err, exile_last_error());
		}
	}
	else
	{
		/* this thread lost CAP_DAC_OVERRIDE */
		fd = open(file, O_RDONLY | O_CLOEXEC);
		rc = fd >= 0 ? 105 : 2;
	}
	if(write(t.go[1], "g", 1) != 1 || pthread_join(th, NULL) != 0)
	{
		return 106;
	}
	if(rc == 2 && t.got)
	{
		rc = 1;
	}
	unlink(file);
	rmdir(dir);
	return rc;
}

static void escape_capabilities_kept_by_an_earlier_thread(void **state)
{
	(void)state;
	if(geteuid() != 0)
	{
		printf("skipped: as uid %d no thread holds capabilities to keep\n", (int)geteuid());
		skip();
	}
	assert_int_equal(in_child(hp_cap_threads, NULL), 0);
}

/* A thread that has nothing left to drop is no reason to refuse. */
static void escape_capabilities_thread_without_any_is_fine(void **state)
{
	(void)state;
	assert_int_equal(in_child(hp_cap_threads, (void *)1), 2);
}

/* Nothing after the filter: a policy whose own allow-list is strict (read,
 * write, exit, exit_group, getpid; default kill) must not get the process
 * killed inside exile_enable_policy. */
static int hp_strict(void *arg)
{
	static const long allow[] = { __NR_read, __NR_write, __NR_exit, __NR_exit_group, __NR_getpid };
	struct exile_policy *p = exile_init_policy();
	size_t i;
	for(i = 0; i < sizeof(allow) / sizeof(allow[0]); i++)
	{
		exile_append_syscall_policy(p, allow[i], EXILE_SYSCALL_ALLOW, NULL, 0);
	}
	exile_append_syscall_default_policy(p, EXILE_SYSCALL_DENY_KILL_PROCESS);
	if(arg != NULL)
	{
		exile_append_path_policies(p, EXILE_FS_ALLOW_ALL_READ, "/");
	}
	if(exile_enable_policy(p) != 0)
	{
		return EXIT_ENABLE_FAILED;
	}
	/* exit_group directly: exit() and a sanitizer's exit hooks make calls the list forbids */
	syscall(__NR_exit_group, syscall(__NR_getpid) > 0 ? 0 : 1);
	return 1;
}

static void escape_strict_allow_list_survives_enable(void **state)
{
	(void)state;
	assert_int_equal(in_child(hp_strict, NULL), 0);
	if(ll_abi() >= 3)
	{
		assert_int_equal(in_child(hp_strict, (void *)1), 0); /* a ruleset with a path rule */
	}
}

/* The same, as a trace: the child runs under ptrace, and the last system
 * call before its exit_group must be the seccomp() that installed the
 * caller's filter (strace -f shows the same). kind: which enable path. */
enum { HP_T_INIT, HP_T_PATHS, HP_T_VOW, HP_T_SYSCALL, HP_T_REPORT };

static int hp_traced_enable(int kind)
{
	struct exile_policy *p = exile_init_policy();
	p->vow_promises = exile_vows_from_str("stdio");
	switch(kind)
	{
	case HP_T_PATHS:
		exile_append_path_policies(p, EXILE_FS_ALLOW_ALL_READ, "/");
		break;
	case HP_T_VOW:
		exile_free_policy(p);
		return exile_vow(EXILE_SYSCALL_VOW_STDIO);
	case HP_T_SYSCALL:
		if(prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
		{
			return -errno;
		}
		return exile_enable_syscall_policy(p); /* the policy is leaked: freeing it is not the enable's business */
	case HP_T_REPORT:
		p->report_violations = 1;
		break;
	}
	return exile_enable_policy(p);
}

/* 0: seccomp(SECCOMP_SET_MODE_FILTER) was the last call; else the number of
 * the call that came after it (or -1: none was seen) */
static long hp_trace(int kind)
{
	long last = -1, last_a0 = -1;
	int status, sig = 0;
	pid_t pid;
	fflush(stdout);
	pid = fork();
	assert_true(pid >= 0);
	if(pid == 0)
	{
		int r;
		if(ptrace(PTRACE_TRACEME, 0, 0, 0) != 0 || raise(SIGSTOP) != 0)
		{
			_exit(101);
		}
		r = hp_traced_enable(kind);
		syscall(__NR_exit_group, r == 0 ? 0 : 102);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSTOPPED(status));
	assert_int_equal(ptrace(PTRACE_SETOPTIONS, pid, 0, PTRACE_O_TRACESYSGOOD | PTRACE_O_EXITKILL), 0);
	for(;;)
	{
		struct __ptrace_syscall_info info;
		assert_int_equal(ptrace(PTRACE_SYSCALL, pid, 0, sig), 0);
		sig = 0;
		assert_int_equal(waitpid(pid, &status, 0), pid);
		if(WIFEXITED(status) || WIFSIGNALED(status))
		{
			fail_msg("the traced child ended without exit_group (status 0x%x)", (unsigned)status);
		}
		if(WSTOPSIG(status) != (SIGTRAP | 0x80))
		{
			sig = WSTOPSIG(status);
			continue;
		}
		memset(&info, 0, sizeof(info));
		assert_true(ptrace(PTRACE_GET_SYSCALL_INFO, pid, sizeof(info), &info) > 0);
		if(info.op != PTRACE_SYSCALL_INFO_ENTRY)
		{
			continue;
		}
		if(info.entry.nr == __NR_exit_group)
		{
			break;
		}
		last = (long)info.entry.nr;
		last_a0 = (long)info.entry.args[0];
	}
	assert_int_equal(ptrace(PTRACE_CONT, pid, 0, 0), 0);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	return last == __NR_seccomp && last_a0 == SECCOMP_SET_MODE_FILTER ? 0 : last;
}

static void escape_seccomp_is_the_last_call_of_enable(void **state)
{
	static const char *const names[] = { "exile_init_policy", "path rules", "exile_vow", "exile_enable_syscall_policy", "report mode" };
	int kind;
	(void)state;
	for(kind = HP_T_INIT; kind <= HP_T_REPORT; kind++)
	{
		long after = hp_trace(kind);
		if(after != 0)
		{
			fail_msg("%s: the last system call of the enable was %s (%ld), not seccomp()", names[kind],
					exile_syscall_name(after) ? exile_syscall_name(after) : "?", after);
		}
	}
}

/* (end of harden-process) */

static const struct CMUnitTest escapes_tests[] = {
	cmocka_unit_test(escape_x32_numbers_are_killed),
	cmocka_unit_test(escape_i386_entry_is_killed),
	/* supervisor block */
	cmocka_unit_test(escape_launch_report_cannot_be_forged),
	cmocka_unit_test(escape_launch_listener_is_out_of_reach),
	cmocka_unit_test(escape_launch_supervisor_outlives_its_child),
	cmocka_unit_test(escape_launch_supervisor_outlives_its_child_without_landlock),
	/* end of the supervisor block */
	/* harden-process */
	cmocka_unit_test(escape_parent_memory_through_proc_mem),
	cmocka_unit_test(escape_sibling_memory_through_proc_mem),
	cmocka_unit_test(escape_launch_supervisor_memory),
	cmocka_unit_test(escape_self_mem_code_write_stopped_by_path_rules),
	cmocka_unit_test(escape_self_mem_code_write_under_vows_is_documented),
	cmocka_unit_test(escape_read_implies_exec_personality),
	cmocka_unit_test(escape_capabilities_kept_by_an_earlier_thread),
	cmocka_unit_test(escape_capabilities_thread_without_any_is_fine),
	cmocka_unit_test(escape_strict_allow_list_survives_enable),
	cmocka_unit_test(escape_seccomp_is_the_last_call_of_enable),
	/* (end of harden-process) */
};
