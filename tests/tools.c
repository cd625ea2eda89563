/* tests/tools.c — exile-run, exile-learn and the examples, run as programs.
 * Part of the suite built by test.c (one translation unit); helpers in tests/harness.h. */

/* ---- exile-run and the examples (built by make next to the test binary) ---- */

/* Runs argv with stdout and stderr captured into out (NUL-terminated,
 * truncated to size); returns the exit status, or 128 + signal. */
static int run_capture(char *const argv[], char *out, size_t size)
{
	int fds[2], status = 0;
	size_t len = 0;
	pid_t pid;
	ssize_t r;
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
	for(;;)
	{
		char spill[4096]; /* read everything, keep what fits: no SIGPIPE for a chatty program */
		r = len < size - 1 ? read(fds[0], out + len, size - 1 - len) : read(fds[0], spill, sizeof(spill));
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
	close(fds[0]);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static const char *const exile_run = "./examples/exile-run";

static void need_examples(void)
{
	if(access(exile_run, X_OK) != 0 || access("./examples/libexile-run-preload.so", R_OK) != 0)
	{
		print_message("# skipped: the examples are not built next to the test binary (run make)\n");
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
	need_examples();
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
					&& (strstr(out, "(syscall ") == NULL || strstr(out, "would allow it") == NULL))
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
	need_examples();
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
	need_examples();
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
	need_examples();
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
	need_examples();
	assert_int_equal(run_capture((char *const *)argv, out, sizeof(out)), 0);
	assert_non_null(strstr(out, "dynamically linked"));
	assert_non_null(strstr(out, "vows \"prot_exec rpath seccomp_install stdio\", plus this one execve"));
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
	need_examples();
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

/* exile-run --learn: the learned vows, handed back to exile-run, run the
 * same command; with one of them taken away it is killed. */
static void exile_run_learn_suggests_vows_that_work(void **state)
{
	char dir[] = "/tmp/exile-learn-test.XXXXXX", file[64], out[8192], vows[128] = "", fewer[128];
	const char *learn[] = { NULL, "--learn", "--", "/bin/cat", NULL, NULL };
	const char *cat[] = { "/bin/cat", NULL, NULL };
	const char *s, *e;
	FILE *f;
	(void)state;
	need_examples();
	assert_non_null(mkdtemp(dir));
	snprintf(file, sizeof(file), "%s/in", dir);
	f = fopen(file, "w");
	assert_non_null(f);
	fputs("learned\n", f);
	fclose(f);
	learn[0] = exile_run;
	learn[4] = file;
	cat[1] = file;
	assert_int_equal(run_capture((char *const *)learn, out, sizeof(out)), 0);
	s = strstr(out, "for exile-run: --vows \"");
	assert_non_null(s);
	s += strlen("for exile-run: --vows \"");
	e = strchr(s, '"');
	assert_non_null(e);
	snprintf(vows, sizeof(vows), "%.*s", (int)(e - s), s);
	assert_string_equal(vows, "rpath stdio");
	assert_int_equal(run_under(vows, cat, out, sizeof(out)), 0);
	assert_non_null(strstr(out, "learned"));
	snprintf(fewer, sizeof(fewer), "stdio");
	assert_int_equal(run_under(fewer, cat, out, sizeof(out)), 128 + SIGSYS);
	unlink(file);
	rmdir(dir);
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
	need_examples();
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
	need_examples();
	assert_non_null(realpath("./examples/libexile-run-preload.so", real));
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

static const struct CMUnitTest tools_tests[] = {
	cmocka_unit_test(exile_run_runs_real_programs_with_minimal_vows),
	cmocka_unit_test(exile_run_narrows_to_the_given_vows_after_loading),
	cmocka_unit_test(exile_run_no_net_refuses_a_local_tcp_connect),
	cmocka_unit_test(exile_run_rejects_bad_flags),
	cmocka_unit_test(exile_run_explain_states_what_the_program_gets),
	cmocka_unit_test(examples_show_what_the_sandbox_allows_and_denies),
	cmocka_unit_test(exile_run_learn_suggests_vows_that_work),
	cmocka_unit_test(exile_run_script_with_static_interpreter_gets_exactly_its_vows),
	cmocka_unit_test(exile_run_refuses_a_preload_path_the_loader_would_split),
};
