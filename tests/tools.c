/* tests/tools.c — exile-run and the examples, run as programs; real programs of the system under exile-run.
 * Part of the suite built by test.c (one translation unit); helpers in tests/harness.h. */

/* ---- exile-run and the examples (built by make next to the test binary) ---- */

/* Starts argv with stdout and stderr into a pipe; *fd reads them. */
static pid_t rp_spawn(char *const argv[], int *fd)
{
	int fds[2];
	pid_t pid;
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
	*fd = fds[0];
	return pid;
}

/* Runs argv with stdout and stderr captured into out (NUL-terminated,
 * truncated to size); returns the exit status, or 128 + signal. */
static int run_capture(char *const argv[], char *out, size_t size)
{
	int fd, status = 0;
	size_t len = 0;
	ssize_t r;
	pid_t pid = rp_spawn(argv, &fd);
	for(;;)
	{
		char spill[4096]; /* read everything, keep what fits: no SIGPIPE for a chatty program */
		r = len < size - 1 ? read(fd, out + len, size - 1 - len) : read(fd, spill, sizeof(spill));
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
	close(fd);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static const char *const exile_run = "./tools/exile-run";

static void need_tools(void)
{
	if(access(exile_run, X_OK) != 0 || access("./tools/libexile-run-preload.so", R_OK) != 0)
	{
		print_message("# skipped: tools/exile-run is not built next to the test binary (run make)\n");
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
	need_tools();
	assert_non_null(mkdtemp(dir));
	snprintf(file, sizeof(file), "%s/data.txt", dir);
	f = fopen(file, "w");
	assert_non_null(f);
	fputs("exile\n", f);
	fclose(f);
	chmod(dir, 0755);
	chmod(file, 0644);
	have_report = report_mode_available();
	assert_true(have_report);
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
				/* the report is written with write(): without stdio it cannot be */
				if(have_report && strcmp(progs[i].argv[0], "/sbin/ldconfig") != 0 && strstr(fewer, "stdio") != NULL
					&& (strstr(out, "denied ") == NULL || strstr(out, "would allow it") == NULL))
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
	need_tools();
	/* dynamic: one filter with the user's vows; the loader's calls beyond
	 * them were the supervisor's startup_vows, withdrawn before main */
	assert_int_equal(run_under("stdio rpath", grep, out, sizeof(out)), 0);
	assert_non_null(strstr(out, "Seccomp_filters:\t1"));
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
	need_tools();
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
	need_tools();
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
	need_tools();
	assert_int_equal(run_capture((char *const *)argv, out, sizeof(out)), 0);
	assert_non_null(strstr(out, "dynamically linked"));
	assert_non_null(strstr(out, "vows \"prot_exec rpath stdio\", plus this one execve"));
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
	need_tools();
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

/* exile-run narrows a dynamic program through a preloaded library, which
 * only a dynamic loader runs. A script whose interpreter is static never
 * loads it: it must get exactly its vows, never the wider start-up filter
 * (stdio rpath prot_exec seccomp_install) for good. ldconfig is static and
 * reads /etc/ld.so.cache (rpath) for -p. */
static void exile_run_script_with_static_interpreter_gets_exactly_its_vows(void **state)
{
	char dir[] = "/tmp/exile-rc.XXXXXX", script[64], out[8192];
	const char *prog[] = { script, NULL };
	const char *explain[] = { exile_run, "--explain", "--vows", "stdio", "--", script, NULL };
	(void)state;
	need_tools();
	if(access("/sbin/ldconfig", X_OK) != 0)
	{
		print_message("# skipped: no /sbin/ldconfig (a static program) on this machine\n");
		skip();
	}
	assert_non_null(mkdtemp(dir));
	chmod(dir, 0755);
	snprintf(script, sizeof(script), "%s/cache", dir);
	ll_write_file(script, "#!/sbin/ldconfig -p\n", 0755);
	assert_int_equal(run_under("stdio rpath", prog, out, sizeof(out)), 0);
	assert_non_null(strstr(out, "libs found in cache"));
	/* without rpath the interpreter may not read the cache */
	assert_int_equal(run_under("stdio", prog, out, sizeof(out)), 128 + SIGSYS);
	assert_null(strstr(out, "libs found in cache"));
	assert_int_equal(run_capture((char *const *)explain, out, sizeof(out)), 0);
	assert_non_null(strstr(out, "a script run by /sbin/ldconfig, statically linked"));
	assert_int_equal(unlink(script), 0);
	assert_int_equal(rmdir(dir), 0);
}

/* The loader splits LD_PRELOAD at blanks and colons and ignores a library
 * it cannot load, with a message, and runs the program on: a second stage
 * whose path holds a blank would never narrow the filter. exile-run must
 * refuse (125), not run cat under the wide start-up filter. */
static void exile_run_refuses_a_preload_path_the_loader_would_split(void **state)
{
	char dir[] = "/tmp/exile-rc.XXXXXX", link[96], real[PATH_MAX], out[8192];
	const char *prog[] = { "/bin/cat", "/etc/hostname", NULL };
	int rc;
	(void)state;
	need_tools();
	assert_non_null(realpath("./tools/libexile-run-preload.so", real));
	assert_non_null(mkdtemp(dir));
	chmod(dir, 0755);
	snprintf(link, sizeof(link), "%s/second stage.so", dir);
	assert_int_equal(symlink(real, link), 0);
	assert_int_equal(setenv("EXILE_RUN_PRELOAD", link, 1), 0);
	rc = run_under("stdio", prog, out, sizeof(out));
	unsetenv("EXILE_RUN_PRELOAD");
	assert_int_equal(unlink(link), 0);
	assert_int_equal(rmdir(dir), 0);
	assert_int_equal(rc, 125);
	assert_non_null(strstr(out, "LD_PRELOAD cannot carry"));
}

/* A temporary directory with one file "f" holding text, readable by nobody too. */
static void tools_tmpdir(char *dir, char *file, size_t size, const char *text)
{
	FILE *f;
	assert_non_null(mkdtemp(dir));
	chmod(dir, 0755);
	snprintf(file, size, "%s/f", dir);
	f = fopen(file, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	chmod(file, 0644);
}

static void tools_rmdir(const char *dir)
{
	char cmd[256];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

/* --deny-action: kill by default, or fail the call with the errno; the
 * program goes on and reports the failure itself. Comma-separated vows. */
static void exile_run_deny_action_chooses_kill_or_an_errno(void **state)
{
	char dir[] = "/tmp/exile-rd.XXXXXX", file[64], out[4096];
	const char *eperm[] = { exile_run, "--vows", "stdio", "--deny-action", "EPERM", "--", "/bin/cat", file, NULL };
	const char *enosys[] = { exile_run, "--vows", "stdio", "--deny-action=ENOSYS", "--", "/bin/cat", file, NULL };
	const char *num[] = { exile_run, "--vows", "stdio", "--deny-action", "13", "--", "/bin/cat", file, NULL };
	const char *kill[] = { exile_run, "--vows", "stdio", "--deny-action", "kill", "--", "/bin/cat", file, NULL };
	const char *commas[] = { exile_run, "--vows", "stdio,rpath", "--", "/bin/cat", file, NULL };
	(void)state;
	need_tools();
	tools_tmpdir(dir, file, sizeof(file), "denied\n");
	assert_int_equal(run_capture((char *const *)eperm, out, sizeof(out)), 1);
	assert_non_null(strstr(out, "Operation not permitted"));
	assert_null(strstr(out, "killed by the sandbox"));
	assert_int_equal(run_capture((char *const *)enosys, out, sizeof(out)), 1);
	assert_non_null(strstr(out, "Function not implemented"));
	assert_int_equal(run_capture((char *const *)num, out, sizeof(out)), 1);
	assert_non_null(strstr(out, "Permission denied"));
	assert_int_equal(run_capture((char *const *)kill, out, sizeof(out)), 128 + SIGSYS);
	assert_non_null(strstr(out, "killed by the sandbox"));
	assert_int_equal(run_capture((char *const *)commas, out, sizeof(out)), 0);
	assert_non_null(strstr(out, "denied\n"));
	tools_rmdir(dir);
}

/* --allow-syscall grants one call the vows do not; --deny-syscall takes one
 * away, with an errno or with the deny action. */
static void exile_run_allow_and_deny_syscall_rules(void **state)
{
	char dir[] = "/tmp/exile-rr.XXXXXX", file[64], out[4096];
	const char *allow[] = { exile_run, "--vows", "stdio", "--allow-syscall", "openat", "--", "/bin/cat", file, NULL };
	const char *deny_errno[] = { exile_run, "--vows", "stdio rpath", "--deny-syscall", "getdents64:EACCES", "--", "/bin/ls", dir, NULL };
	const char *deny_kill[] = { exile_run, "--vows", "stdio rpath", "--deny-syscall", "fadvise64", "--", "/bin/cat", file, NULL };
	const char *deny_static[] = { exile_run, "--vows", "stdio rpath", "--deny-syscall", "openat:ENOENT", "--", "/sbin/ldconfig", "-p", NULL };
	const char *deny_unheld[] = { exile_run, "--vows", "stdio", "--deny-syscall", "openat", "--", "/bin/cat", file, NULL };
	(void)state;
	need_tools();
	tools_tmpdir(dir, file, sizeof(file), "ruled\n");
	assert_int_equal(run_capture((char *const *)allow, out, sizeof(out)), 0);
	assert_non_null(strstr(out, "ruled\n"));
	assert_int_equal(run_capture((char *const *)deny_errno, out, sizeof(out)), 2);
	assert_non_null(strstr(out, "reading directory"));
	assert_non_null(strstr(out, "Permission denied"));
	assert_int_equal(run_capture((char *const *)deny_kill, out, sizeof(out)), 128 + SIGSYS);
	assert_non_null(strstr(out, "fadvise64"));
	/* a call the held vows lack, denied by a rule: no vow would let it through, and the line says so */
	assert_int_equal(run_capture((char *const *)deny_unheld, out, sizeof(out)), 128 + SIGSYS);
	if(strstr(out, "denied openat(") == NULL || strstr(out, "an explicit rule of the policy denies it, whatever the vows; killed") == NULL
		|| strstr(out, "vow \"rpath\" would allow it") != NULL)
	{
		fail_msg("the line blames a vow for a --deny-syscall rule: %s", out);
	}
	if(access(deny_static[6], X_OK) == 0)
	{
		/* a static program: the rule is in its only filter */
		assert_int_equal(run_capture((char *const *)deny_static, out, sizeof(out)), 1);
		assert_null(strstr(out, "libs found in cache"));
	}
	tools_rmdir(dir);
}

/* exile-run under a process that already holds a seccomp listener (here
 * exile-run --learn; one listener per filter chain): what needs the
 * supervisor (the loader's start-up vows, --log) fails with a message that
 * says why and what to do, never by widening the vows behind the user's
 * back; what does not need it runs with plain kills, and a kill says why
 * it has no line. */
static void exile_run_under_an_existing_listener(void **state)
{
	char dir[] = "/tmp/exile-rl.XXXXXX", file[64], out[16384];
	const char *startup[] = { exile_run, "--learn", "--", exile_run, "--vows", "stdio rpath", "--", "/bin/cat", file, NULL };
	const char *logm[] = { exile_run, "--learn", "--", exile_run, "--log", "--vows", "stdio rpath prot_exec", "--", "/bin/cat", file, NULL };
	const char *plain[] = { exile_run, "--learn", "--", exile_run, "--vows", "stdio rpath prot_exec", "--", "/bin/cat", file, NULL };
	const char *killed[] = { exile_run, "--learn", "--", exile_run, "--vows", "stdio rpath prot_exec", "--", "/bin/touch", file, NULL };
	(void)state;
	need_tools();
	tools_tmpdir(dir, file, sizeof(file), "listened\n");
	assert_int_equal(run_capture((char *const *)startup, out, sizeof(out)), 125);
	if(strstr(out, "one per filter chain") == NULL || strstr(out, "startup_vows needs the supervisor's") == NULL
		|| strstr(out, "--vows \"prot_exec rpath stdio\"") == NULL || strstr(out, "not recoverable") != NULL)
	{
		fail_msg("no clear message for the loader's vows under a listener: %s", out);
	}
	assert_int_equal(run_capture((char *const *)logm, out, sizeof(out)), 125);
	if(strstr(out, "log mode needs the supervisor's") == NULL || strstr(out, "--log needs one") == NULL)
	{
		fail_msg("no clear message for --log under a listener: %s", out);
	}
	assert_int_equal(run_capture((char *const *)plain, out, sizeof(out)), 0);
	assert_non_null(strstr(out, "listened\n"));
	assert_int_equal(run_capture((char *const *)killed, out, sizeof(out)), 128 + SIGSYS);
	if(strstr(out, "killed by SIGSYS for a call the sandbox denies (no supervisor") == NULL || strstr(out, "one per filter chain") == NULL)
	{
		fail_msg("a plain kill under a listener does not say why it has no line: %s", out);
	}
	tools_rmdir(dir);
}

/* --chdir: PROGRAM and relative paths are taken from DIR; --rlimit sets
 * both limits in the program. */
static void exile_run_chdir_and_rlimit(void **state)
{
	char dir[] = "/tmp/exile-rc.XXXXXX", file[64], out[4096];
	const char *cd[] = { exile_run, "--vows", "stdio rpath", "--chdir", dir, "--ro", ".", "--", "/bin/cat", "f", NULL };
	const char *lim[] = { exile_run, "--vows", "stdio rpath", "--rlimit", "nofile=17", "--rlimit", "fsize=1k", "--",
		"/bin/grep", "-E", "^Max (open files|file size)", "/proc/self/limits", NULL };
	const char *bad[] = { exile_run, "--chdir", "/nonexistent/dir", "--", "/bin/true", NULL };
	(void)state;
	need_tools();
	tools_tmpdir(dir, file, sizeof(file), "here\n");
	assert_int_equal(run_capture((char *const *)cd, out, sizeof(out)), 0);
	assert_non_null(strstr(out, "here\n"));
	assert_int_equal(run_capture((char *const *)lim, out, sizeof(out)), 0);
	if(strstr(out, "Max open files            17                   17") == NULL
		|| strstr(out, "Max file size             1024                 1024") == NULL)
	{
		fail_msg("the limits are not set: %s", out);
	}
	assert_int_equal(run_capture((char *const *)bad, out, sizeof(out)), 125);
	assert_non_null(strstr(out, "--chdir /nonexistent/dir"));
	tools_rmdir(dir);
}

static void exile_run_version(void **state)
{
	const char *argv[] = { exile_run, "--version", NULL };
	char out[256], want[64];
	(void)state;
	need_tools();
	assert_int_equal(run_capture((char *const *)argv, out, sizeof(out)), 0);
	snprintf(want, sizeof(want), "exile-run (exile.h) %d.%d.%d\n", EXILE_VERSION_MAJOR, EXILE_VERSION_MINOR, EXILE_VERSION_PATCH);
	assert_string_equal(out, want);
}

/* --explain's fd and environment lines, against what a program under
 * exile-run finds: ls lists /proc/self/fd (one of them its own), env prints
 * its environment. */
static void exile_run_explain_tells_the_truth_about_fds_and_env(void **state)
{
	const char *ls[] = { exile_run, "--keep-fd", "0", "--vows", "stdio rpath", "--", "/bin/ls", "/proc/self/fd", NULL };
	const char *ls_x[] = { exile_run, "--explain", "--keep-fd", "0", "--vows", "stdio rpath", "--", "/bin/ls", "/proc/self/fd", NULL };
	const char *env[] = { exile_run, "--clearenv", "--setenv", "A=1", "--setenv", "B=2", "--vows", "stdio rpath", "--",
		"/usr/bin/env", NULL };
	const char *env_x[] = { exile_run, "--explain", "--clearenv", "--setenv", "A=1", "--setenv", "B=2", "--vows", "stdio rpath",
		"--", "/usr/bin/env", NULL };
	char out[8192], *line, *p;
	int listed = 0, named = 0, seen = 0;
	(void)state;
	need_tools();
	assert_int_equal(run_capture((char *const *)ls, out, sizeof(out)), 0);
	for(p = out; *p != '\0'; p++)
	{
		listed += *p == '\n';
	}
	listed -= 1; /* ls's own handle on /proc/self/fd */
	assert_int_equal(run_capture((char *const *)ls_x, out, sizeof(out)), 0);
	line = strstr(out, "fds: the program starts with ");
	assert_non_null(line);
	for(p = line + strlen("fds: the program starts with "); *p != '\0' && *p != '\n' && strncmp(p, " open", 5) != 0; p++)
	{
		named += (*p >= '0' && *p <= '9') && !(p[1] >= '0' && p[1] <= '9');
	}
	if(named != listed)
	{
		fail_msg("--explain names %d open fds, the program has %d: %s", named, listed, line);
	}
	assert_int_equal(run_capture((char *const *)env, out, sizeof(out)), 0);
	for(p = out; *p != '\0'; p++)
	{
		seen += *p == '\n';
	}
	assert_non_null(strstr(out, "A=1\n"));
	assert_null(strstr(out, "EXILE_RUN_"));
	assert_null(strstr(out, "LD_PRELOAD"));
	assert_int_equal(run_capture((char *const *)env_x, out, sizeof(out)), 0);
	line = strstr(out, "environment: ");
	assert_non_null(line);
	if(atoi(line + strlen("environment: ")) != seen)
	{
		fail_msg("--explain says \"%.*s\", the program sees %d variables", (int)strcspn(line, "\n"), line, seen);
	}
}

/* The options of tools/exile-run.1 (".TP" then ".B --name" or ".BI --name " ARG"")
 * and of --help ("  --name ARG"), as "--name ARG" lines, sorted. */
static int tools_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static size_t man_options(const char *text, char **out, size_t max)
{
	const char *p = text;
	size_t n = 0;
	while((p = strstr(p, ".TP\n")) != NULL && n < max)
	{
		char word[128] = "", arg[64] = "", *w;
		const char *l = p + 4;
		size_t i = 0;
		p += 4;
		if(strncmp(l, ".B \\-\\-", 7) != 0 && strncmp(l, ".BI \\-\\-", 8) != 0)
		{
			continue;
		}
		l = strchr(l, ' ') + 1;
		for(; *l != '\0' && *l != ' ' && *l != '\n' && i < sizeof(word) - 1; l++)
		{
			if(*l != '\\')
			{
				word[i++] = *l;
			}
		}
		word[i] = '\0';
		if(*l == ' ' && l[1] == '"')
		{
			sscanf(l, " \" %63[^\"]", arg);
		}
		w = (char *)malloc(strlen(word) + strlen(arg) + 2);
		assert_non_null(w);
		sprintf(w, "%s%s%s", word, arg[0] ? " " : "", arg);
		out[n++] = w;
	}
	qsort(out, n, sizeof(*out), tools_cmp);
	return n;
}

static size_t help_options(const char *text, char **out, size_t max)
{
	const char *p = text;
	size_t n = 0;
	while((p = strstr(p, "\n  --")) != NULL && n < max)
	{
		char word[128], arg[64] = "", *w;
		p += 3;
		if(sscanf(p, "%127s", word) != 1)
		{
			break;
		}
		if(p[strlen(word)] == ' ' && p[strlen(word) + 1] != ' ')
		{
			sscanf(p + strlen(word) + 1, "%63s", arg);
		}
		w = (char *)malloc(strlen(word) + strlen(arg) + 2);
		assert_non_null(w);
		sprintf(w, "%s%s%s", word, arg[0] ? " " : "", arg);
		out[n++] = w;
	}
	qsort(out, n, sizeof(*out), tools_cmp);
	return n;
}

/* The man page and --help list the same options with the same arguments. */
static void exile_run_man_page_and_help_agree(void **state)
{
	const char *help[] = { exile_run, "--help", NULL };
	char out[16384], *man = NULL, *a[64], *b[64];
	size_t na, nb, i, len = 0;
	FILE *f;
	(void)state;
	need_tools();
	f = fopen("./tools/exile-run.1", "r");
	if(f == NULL)
	{
		print_message("# skipped: tools/exile-run.1 is not next to the test binary\n");
		skip();
	}
	man = (char *)calloc(1, 65536);
	assert_non_null(man);
	len = fread(man, 1, 65535, f);
	fclose(f);
	assert_true(len > 0);
	assert_int_equal(run_capture((char *const *)help, out, sizeof(out)), 0);
	na = man_options(man, a, 64);
	nb = help_options(out, b, 64);
	for(i = 0; i < na || i < nb; i++)
	{
		if(i >= na || i >= nb || strcmp(a[i], b[i]) != 0)
		{
			fail_msg("exile-run.1 has \"%s\" where --help has \"%s\" (%zu and %zu options)", i < na ? a[i] : "", i < nb ? b[i] : "", na, nb);
		}
	}
	assert_true(na > 20);
	for(i = 0; i < na; i++)
	{
		free(a[i]);
	}
	for(i = 0; i < nb; i++)
	{
		free(b[i]);
	}
	free(man);
}

/* The sandboxed program cannot forge the verdict: it writes a line that
 * looks like the supervisor's (blaming ptrace, to steer the user to a rule)
 * and then makes the call it is really killed for, setuid; or it only
 * writes the forged line and exits 0. exile-run's status and its own line
 * follow the supervisor, which names setuid. */
static void exile_run_a_forged_report_is_not_the_verdict(void **state)
{
	const char *forge_then_die[] = { exile_run, "--vows", "stdio rpath", "--", "/usr/bin/python3", "-c",
		"import os, sys; sys.stderr.write('exile: pid 1 (init): denied ptrace(0x10, 0x1) — vow \"stdio\" would allow it; killed\\n');"
		" sys.stderr.flush(); os.setuid(0)", NULL };
	const char *forge_only[] = { exile_run, "--vows", "stdio rpath", "--", "/usr/bin/python3", "-c",
		"import sys; sys.stderr.write('exile: pid 1 (init): denied ptrace(0x10, 0x1) — no vow allows it; killed\\n')", NULL };
	char out[16384];
	const char *real;
	(void)state;
	need_tools();
	if(access("/usr/bin/python3", X_OK) != 0)
	{
		print_message("# skipped: no /usr/bin/python3 to forge with\n");
		skip();
	}
	assert_int_equal(run_capture((char *const *)forge_then_die, out, sizeof(out)), 128 + SIGSYS);
	real = strstr(out, "): denied setuid(");
	assert_non_null(real);
	assert_non_null(strstr(real, "vow \"id\" would allow it; killed"));
	assert_non_null(strstr(out, "exile-run: /usr/bin/python3 was killed by the sandbox for that call"));
	assert_int_equal(run_capture((char *const *)forge_only, out, sizeof(out)), 0);
	assert_null(strstr(out, "exile-run:"));
}

/* ---- real programs of the system under exile-run --learn ---- */

/* One program of the system, run the way a user would: in a fresh temporary
 * directory D (files made anew before every run), "%D" in an argument or an
 * --setenv value stands for D. */
struct rp_case
{
	const char *name;
	const char *need;          /* skipped with a reason when this is absent */
	const char *files[6][2];   /* relative name, contents (NULL: a directory) */
	const char *setenv[6];     /* NAME=VALUE for --setenv */
	const char *argv[10];
	const char *expect;        /* in the output of a run that worked */
	const char *result;        /* a file (relative) the run leaves behind */
	const char *remove;        /* a vow the program needs, to take away */
	int resets_sigsys;         /* starts children that reset SIGSYS, which the second stage's in-process
	                              report mode kills today (until the supervisor replaces it) */
};

static const char rp_makefile[] = "all: out.txt\n\nout.txt: in.txt\n\tcat in.txt > out.txt\n\techo built\n";
static const char rp_script[] = "#!/bin/sh\nls . | grep -c txt\nfor f in a.txt b.txt; do wc -l < $f; done\ndate +%Y > year.txt\necho done\n";
static const char rp_hello[] = "#include <stdio.h>\nint main(void) { puts(\"hello, world\"); return 0; }\n";
static const char rp_subprocess[] = "import subprocess\nr = subprocess.run(['/bin/echo', 'from a child'], capture_output=True, text=True)\n"
	"print(r.stdout.strip(), r.returncode)\n";
static const char rp_argparse[] = "import argparse\np = argparse.ArgumentParser(description='exile')\n"
	"p.add_argument('--count', type=int, default=1)\np.add_argument('word')\na = p.parse_args()\nprint(a.word * a.count)\n";

static const struct rp_case rp_cases[] = {
	{ "cat", "/bin/cat", { { "a.txt", "cat me\n" } }, { NULL }, { "/bin/cat", "a.txt" }, "cat me", NULL, "rpath", 0 },
	{ "ls -la", "/bin/ls", { { "a.txt", "x\n" }, { "sub", NULL } }, { NULL }, { "/bin/ls", "-la", "%D" }, "a.txt", NULL, "rpath", 0 },
	{ "grep -r", "/bin/grep", { { "sub", NULL }, { "sub/a.txt", "needle\n" }, { "b.txt", "hay\n" } }, { NULL },
		{ "/bin/grep", "-r", "needle", "." }, "sub/a.txt:needle", NULL, "rpath", 0 },
	{ "find", "/usr/bin/find", { { "sub", NULL }, { "sub/a.txt", "x\n" } }, { NULL }, { "/usr/bin/find", ".", "-name", "*.txt" },
		"./sub/a.txt", NULL, "rpath", 0 },
	{ "tar czf", "/bin/tar", { { "a.txt", "archived\n" } }, { NULL }, { "/bin/tar", "czf", "out.tgz", "a.txt" }, NULL, "out.tgz", "exec", 0 },
	{ "tar xzf", "/bin/tar", { { "a.txt", "archived\n" } }, { NULL },
		{ "/bin/sh", "-c", "tar czf in.tgz a.txt && rm a.txt && exec tar xzf in.tgz" }, NULL, "a.txt", "cpath", 0 },
	{ "gzip", "/bin/gzip", { { "a.txt", "squeeze me\n" } }, { NULL }, { "/bin/gzip", "a.txt" }, NULL, "a.txt.gz", "cpath", 0 },
	{ "sort", "/usr/bin/sort", { { "a.txt", "b\na\nc\n" } }, { NULL }, { "/usr/bin/sort", "a.txt" }, "a\nb\nc\n", NULL, "rpath", 0 },
	{ "sed -i", "/bin/sed", { { "a.txt", "old text\n" } }, { NULL }, { "/bin/sed", "-i", "s/old/new/", "a.txt" }, NULL, "a.txt", "cpath", 0 },
	{ "cp -r", "/bin/cp", { { "src", NULL }, { "src/a.txt", "copied\n" } }, { NULL }, { "/bin/cp", "-r", "src", "dst" }, NULL,
		"dst/a.txt", "cpath", 0 },
	{ "git init/add/commit", "/usr/bin/git", { { "a.txt", "versioned\n" } },
		{ "HOME=%D", "GIT_CONFIG_NOSYSTEM=1", "GIT_AUTHOR_NAME=e", "GIT_AUTHOR_EMAIL=e@x", "GIT_COMMITTER_NAME=e",
			"GIT_COMMITTER_EMAIL=e@x" },
		{ "/bin/sh", "-c", "git init -q . && git add a.txt && git commit -q -m first && git log --oneline" }, "first", ".git/HEAD",
		"exec", 0 },
	{ "make", "/usr/bin/make", { { "Makefile", rp_makefile }, { "in.txt", "made\n" } }, { NULL }, { "/usr/bin/make" }, "built",
		"out.txt", "clone", 1 },
	{ "gcc", "/usr/bin/gcc", { { "hello.c", rp_hello } }, { "TMPDIR=%D" },
		{ "/bin/sh", "-c", "gcc -o hello hello.c && ./hello" }, "hello, world", "hello", "exec", 0 },
	{ "sh script", "/bin/sh", { { "run.sh", rp_script }, { "a.txt", "1\n2\n" }, { "b.txt", "3\n" } }, { NULL },
		{ "/bin/sh", "run.sh" }, "done", "year.txt", "clone", 0 },
	{ "bash -c", "/bin/bash", { { "a.txt", "bash\n" } }, { NULL }, { "/bin/bash", "-c", "x=$(cat a.txt); echo \"got $x\" | tr a-z A-Z" },
		"GOT BASH", NULL, "clone", 1 },
	{ "python3 subprocess", "/usr/bin/python3", { { "sub.py", rp_subprocess } }, { NULL }, { "/usr/bin/python3", "sub.py" },
		"from a child 0", NULL, "exec", 1 },
	{ "python3 argparse", "/usr/bin/python3", { { "args.py", rp_argparse } }, { NULL },
		{ "/usr/bin/python3", "args.py", "--count", "3", "ab" }, "ababab", NULL, "rpath", 0 },
};

/* "%D" in s replaced by dir */
static void rp_subst(char *out, size_t size, const char *s, const char *dir)
{
	const char *p = strstr(s, "%D");
	if(p == NULL)
	{
		snprintf(out, size, "%s", s);
	}
	else
	{
		snprintf(out, size, "%.*s%s%s", (int)(p - s), s, dir, p + 2);
	}
}

/* Empties dir and makes the case's files again. */
static void rp_setup(const struct rp_case *c, const char *dir)
{
	char cmd[256], path[256];
	size_t i;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'/* '%s'/.[!.]*", dir, dir);
	assert_int_equal(system(cmd), 0);
	for(i = 0; i < 6 && c->files[i][0] != NULL; i++)
	{
		snprintf(path, sizeof(path), "%s/%s", dir, c->files[i][0]);
		if(c->files[i][1] == NULL)
		{
			assert_int_equal(mkdir(path, 0755), 0);
		}
		else
		{
			ll_write_file(path, c->files[i][1], strstr(c->files[i][0], ".sh") ? 0755 : 0644);
		}
	}
}

/* exile-run [--learn] --chdir DIR [--setenv ...] [extra...] -- argv..., into
 * out; the exit status. */
static int rp_run(const struct rp_case *c, const char *dir, const char *const extra[], char *out, size_t size)
{
	char words[32][256];
	const char *argv[48];
	size_t n = 0, w = 0, i;
	argv[n++] = exile_run;
	for(i = 0; extra != NULL && extra[i] != NULL; i++)
	{
		argv[n++] = extra[i];
	}
	argv[n++] = "--chdir";
	argv[n++] = dir;
	for(i = 0; i < 6 && c->setenv[i] != NULL; i++)
	{
		rp_subst(words[w], sizeof(words[w]), c->setenv[i], dir);
		argv[n++] = "--setenv";
		argv[n++] = words[w++];
	}
	argv[n++] = "--";
	for(i = 0; i < 10 && c->argv[i] != NULL; i++)
	{
		rp_subst(words[w], sizeof(words[w]), c->argv[i], dir);
		argv[n++] = words[w++];
	}
	argv[n] = NULL;
	return run_capture((char *const *)argv, out, size);
}

/* The suggested command line of a --learn run (the line after the header). */
static int rp_suggestion(const char *out, char *line, size_t size)
{
	const char *h = strstr(out, "the command line this run needed");
	const char *s = h != NULL ? strchr(h, '\n') : NULL, *e;
	if(s == NULL)
	{
		return -1;
	}
	s++;
	e = strchr(s, '\n');
	snprintf(line, size, "%.*s", (int)(e != NULL ? e - s : (long)strlen(s)), s);
	return 0;
}

static int rp_sh(const char *line, char *out, size_t size)
{
	const char *argv[] = { "/bin/sh", "-c", line, NULL };
	return run_capture((char *const *)argv, out, size);
}

static int rp_worked(const struct rp_case *c, const char *dir, const char *out)
{
	char path[256];
	if(c->expect != NULL && strstr(out, c->expect) == NULL)
	{
		return 0;
	}
	snprintf(path, sizeof(path), "%s/%s", dir, c->result ? c->result : ".");
	return access(path, F_OK) == 0;
}

/* the vows of a suggested line: the word after --vows, unquoted */
static void rp_vows_of(const char *line, char *vows, size_t size)
{
	const char *s = strstr(line, "--vows ");
	size_t n;
	vows[0] = '\0';
	if(s == NULL)
	{
		return;
	}
	s += 7;
	if(*s == '\'')
	{
		s++;
		n = strcspn(s, "'");
	}
	else
	{
		n = strcspn(s, " ");
	}
	snprintf(vows, size, "%.*s", (int)n, s);
}

/* The suggested line with the vow `drop` taken out of --vows and `extra`
 * options put right after exile-run. -1 when the vows do not hold it. */
static int rp_without(const char *line, const char *drop, const char *extra, char *out, size_t size)
{
	char vows[256], fewer[256] = "", *w, *save = NULL;
	const char *s = strstr(line, "--vows "), *rest, *sp = strchr(line, ' ');
	int found = 0;
	if(s == NULL || sp == NULL)
	{
		return -1;
	}
	rp_vows_of(line, vows, sizeof(vows));
	for(w = strtok_r(vows, " ", &save); w != NULL; w = strtok_r(NULL, " ", &save))
	{
		if(strcmp(w, drop) == 0)
		{
			found = 1;
			continue;
		}
		snprintf(fewer + strlen(fewer), sizeof(fewer) - strlen(fewer), "%s%s", fewer[0] ? " " : "", w);
	}
	rest = s + 7;
	rest += *rest == '\'' ? strcspn(rest + 1, "'") + 2 : strcspn(rest, " ");
	snprintf(out, size, "%.*s %s%.*s--vows '%s'%s", (int)(sp - line), line, extra, (int)(s - sp - 1), sp + 1, fewer, rest);
	return found ? 0 : -1;
}

/* A supervisor line "exile: pid N (comm): denied NAME(...) — vow(s) "..." would
 * allow it; OUTCOME" whose hint names vow; the first such line, or NULL. */
static const char *rp_line_naming(const char *out, const char *vow, const char *outcome)
{
	const char *l = out;
	while((l = strstr(l, "exile: pid ")) != NULL)
	{
		const char *e = strchr(l, '\n'), *h = strstr(l, " would allow it"), *q;
		size_t n = e != NULL ? (size_t)(e - l) : strlen(l), k = strlen(outcome);
		/* the outcome ends the line: "; killed", "; failed with EPERM" */
		if(h != NULL && (size_t)(h - l) < n && strstr(l, "): denied ") != NULL && n > k + 2 && strncmp(l + n - k, outcome, k) == 0
			&& strncmp(l + n - k - 2, "; ", 2) == 0)
		{
			for(q = h; q > l && !(q[0] == 'v' && q[1] == 'o' && q[2] == 'w'); q--)
			{
			}
			for(; q < h; q++)
			{
				if(strncmp(q, vow, strlen(vow)) == 0 && (q[-1] == '"' || q[-1] == ' ')
					&& (q[strlen(vow)] == '"' || q[strlen(vow)] == ' '))
				{
					return l;
				}
			}
		}
		l += n;
	}
	return NULL;
}

/* (1) --learn, then the suggested command line fed back unchanged (through
 * sh, as a user pastes it) does the same work; (2) with one vow it needs
 * taken away, the program is killed and the supervisor's line names a
 * denied call and that vow; (3) the same under --log runs on (or fails
 * cleanly), with the denials listed and nothing killed. */
static void exile_run_learn_round_trips_on_real_programs(void **state)
{
	char dir[] = "/tmp/exile-rp.XXXXXX", out[65536], line[4096], vows[256], fewer[4096], kill_line[512];
	const char *named;
	size_t i;
	int ran = 0, bad = 0, denials;
	(void)state;
	need_tools();
	assert_non_null(mkdtemp(dir));
	chmod(dir, 0755);
	for(i = 0; i < sizeof(rp_cases) / sizeof(rp_cases[0]); i++)
	{
		const struct rp_case *c = &rp_cases[i];
		const char *learn[] = { "--learn", NULL };
		int rc;
		if(access(c->need, X_OK) != 0)
		{
			print_message("# %s: skipped, %s is not installed (make deps)\n", c->name, c->need);
			continue;
		}
		/* unconfined, it works at all */
		rp_setup(c, dir);
		rc = rp_run(c, dir, learn, out, sizeof(out));
		if(rc != 0 || !rp_worked(c, dir, out) || rp_suggestion(out, line, sizeof(line)) != 0)
		{
			fail_msg("%s: learning run: status %d: %s", c->name, rc, out);
		}
		rp_setup(c, dir);
		rc = rp_sh(line, out, sizeof(out));
		if(rc != 0 || !rp_worked(c, dir, out))
		{
			print_message("%s: the suggestion fed back: status %d\n%s\n%s", c->name, rc, line, out);
			bad++;
			continue;
		}
		rp_vows_of(line, vows, sizeof(vows));
		if(strcmp(c->name, "cat") == 0 && strcmp(vows, "rpath stdio") != 0)
		{
			/* the loader's prot_exec is the start-up's, not the program's */
			print_message("cat: learned \"%s\", not \"rpath stdio\"\n", vows);
			bad++;
		}
		/* (2) */
		if(rp_without(line, c->remove, "", fewer, sizeof(fewer)) != 0)
		{
			print_message("%s: the learned vows \"%s\" lack %s, which it was expected to need\n", c->name, vows, c->remove);
			bad++;
			continue;
		}
		rp_setup(c, dir);
		rc = rp_sh(fewer, out, sizeof(out));
		if(rc != 128 + SIGSYS || (named = rp_line_naming(out, c->remove, "killed")) == NULL)
		{
			print_message("%s: without %s: status %d, no line naming it:\n%s\n%s", c->name, c->remove, rc, fewer, out);
			bad++;
			continue;
		}
		snprintf(kill_line, sizeof(kill_line), "%.*s", (int)strcspn(named, "\n"), named);
		/* (3) */
		rp_without(line, c->remove, "--log ", fewer, sizeof(fewer));
		rp_setup(c, dir);
		rc = rp_sh(fewer, out, sizeof(out));
		/* cleanly: the program's own exit status, not a signal's */
		if((rc >= 128 && rc <= 128 + 64) || rp_line_naming(out, c->remove, "failed with EPERM") == NULL || strstr(out, "; killed") != NULL)
		{
			print_message("%s: --log without %s: status %d:\n%s\n%s", c->name, c->remove, rc, fewer, out);
			bad++;
			continue;
		}
		for(denials = 0, named = out; (named = strstr(named, "; failed with ")) != NULL; named++)
		{
			denials++;
		}
		print_message("#   %-20s \"%s\"\n#     without %s: %s\n#     --log: status %d, %d denials listed\n", c->name, vows,
				c->remove, kill_line, rc, denials);
		ran++;
	}
	print_message("# learned, then run under the suggestion: %d programs\n", ran);
	tools_rmdir(dir);
	assert_int_equal(bad, 0);
}

/* GET / from 127.0.0.1:port, retrying while the server starts; 0 when the
 * answer is an HTTP 200 that lists name. */
static int rp_fetch(int port, const char *name)
{
	int tries;
	for(tries = 0; tries < 200; tries++)
	{
		struct sockaddr_in sa;
		char buf[8192];
		ssize_t n, len = 0;
		int s = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
		memset(&sa, 0, sizeof(sa));
		sa.sin_family = AF_INET;
		sa.sin_port = htons((uint16_t)port);
		sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		if(connect(s, (struct sockaddr *)&sa, sizeof(sa)) != 0)
		{
			close(s);
			usleep(25000);
			continue;
		}
		if(write(s, "GET / HTTP/1.0\r\n\r\n", 18) != 18)
		{
			close(s);
			return -1;
		}
		while(len < (ssize_t)sizeof(buf) - 1 && (n = read(s, buf + len, sizeof(buf) - 1 - (size_t)len)) > 0)
		{
			len += n;
		}
		close(s);
		buf[len] = '\0';
		return strstr(buf, " 200 ") != NULL && strstr(buf, name) != NULL ? 0 : -1;
	}
	return -1;
}

/* Reads what is left in fd (after the process ended) into out. */
static void rp_drain(int fd, char *out, size_t size)
{
	size_t len = 0;
	ssize_t r;
	while(len < size - 1 && (r = read(fd, out + len, size - 1 - len)) > 0)
	{
		len += (size_t)r;
	}
	out[len] = '\0';
	close(fd);
}

/* python3 -m http.server on a loopback port, fetched from outside: learned
 * (and stopped by SIGTERM, which still prints what it saw, with the port),
 * then the suggestion run and fetched again. */
static void exile_run_learns_a_server_and_its_port(void **state)
{
	char dir[] = "/tmp/exile-http.XXXXXX", file[64], out[65536], line[4096], portstr[16], want[32], wrapped[4200];
	const char *learn[] = { exile_run, "--learn", "--chdir", dir, "--", "/usr/bin/python3", "-m", "http.server", portstr,
		"--bind", "127.0.0.1", NULL };
	const char *sh[] = { "/bin/sh", "-c", wrapped, NULL };
	struct sockaddr_in sa;
	socklen_t sl = sizeof(sa);
	int s, fd, status, port;
	pid_t pid;
	(void)state;
	need_tools();
	if(access("/usr/bin/python3", X_OK) != 0)
	{
		print_message("# skipped: no /usr/bin/python3 for http.server\n");
		skip();
	}
	tools_tmpdir(dir, file, sizeof(file), "served\n");
	/* a free port: bound and released (http.server sets SO_REUSEADDR) */
	s = socket(AF_INET, SOCK_STREAM, 0);
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(s, (struct sockaddr *)&sa, sizeof(sa)), 0);
	assert_int_equal(getsockname(s, (struct sockaddr *)&sa, &sl), 0);
	port = ntohs(sa.sin_port);
	close(s);
	snprintf(portstr, sizeof(portstr), "%d", port);
	pid = rp_spawn((char *const *)learn, &fd);
	if(rp_fetch(port, "f") != 0)
	{
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		rp_drain(fd, out, sizeof(out));
		fail_msg("the learned server did not answer: %s", out);
	}
	kill(pid, SIGTERM); /* exile-run: the run ends, and the report is printed */
	assert_int_equal(waitpid(pid, &status, 0), pid);
	rp_drain(fd, out, sizeof(out));
	snprintf(want, sizeof(want), "--bind %d", port);
	if(rp_suggestion(out, line, sizeof(line)) != 0 || strstr(out, "it was interrupted") == NULL || strstr(line, want) == NULL
		|| strstr(line, "inet") == NULL)
	{
		fail_msg("learning the server: %s", out);
	}
	/* the suggestion, as it is, in the background: exec keeps exile-run's pid */
	snprintf(wrapped, sizeof(wrapped), "exec %s", line);
	pid = rp_spawn((char *const *)sh, &fd);
	if(rp_fetch(port, "f") != 0)
	{
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		rp_drain(fd, out, sizeof(out));
		fail_msg("the server under the suggestion did not answer:\n%s\n%s", line, out);
	}
	kill(pid, SIGTERM);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	rp_drain(fd, out, sizeof(out));
	print_message("# python3 -m http.server: learned %s, fetched from outside under it\n", want);
	tools_rmdir(dir);
}

static const struct CMUnitTest tools_tests[] = {
	cmocka_unit_test(exile_run_runs_real_programs_with_minimal_vows),
	cmocka_unit_test(exile_run_narrows_to_the_given_vows_after_loading),
	cmocka_unit_test(exile_run_no_net_refuses_a_local_tcp_connect),
	cmocka_unit_test(exile_run_rejects_bad_flags),
	cmocka_unit_test(exile_run_explain_states_what_the_program_gets),
	cmocka_unit_test(examples_show_what_the_sandbox_allows_and_denies),
	cmocka_unit_test(exile_run_script_with_static_interpreter_gets_exactly_its_vows),
	cmocka_unit_test(exile_run_refuses_a_preload_path_the_loader_would_split),
	cmocka_unit_test(exile_run_deny_action_chooses_kill_or_an_errno),
	cmocka_unit_test(exile_run_allow_and_deny_syscall_rules),
	cmocka_unit_test(exile_run_chdir_and_rlimit),
	cmocka_unit_test(exile_run_under_an_existing_listener),
	cmocka_unit_test(exile_run_version),
	cmocka_unit_test(exile_run_explain_tells_the_truth_about_fds_and_env),
	cmocka_unit_test(exile_run_learn_round_trips_on_real_programs),
	cmocka_unit_test(exile_run_man_page_and_help_agree),
	cmocka_unit_test(exile_run_a_forged_report_is_not_the_verdict),
	cmocka_unit_test(exile_run_learns_a_server_and_its_port),
};
