/* valgrind/launch.c — exile_launch under valgrind (make valgrind): the ways
 * a launched child can end, seen from the caller, which must leak nothing
 * (valgrind checks) and hold no fd it did not hold before (checked here
 * through /proc/self/fd). The children are forked copies: what they hold
 * when they _exit is theirs, and --child-silent-after-fork keeps their
 * reports out. valgrind (3.19) does not implement seccomp(2), so under it
 * a policy cannot be applied: a launch with a policy takes the path of a
 * child whose setup failed (and without valgrind, the path that applies
 * it). The policy paths run under ASan in make sanitize. Exits non-zero
 * when a launch did not end as expected. */
#define _GNU_SOURCE
#define EXILE_IMPLEMENTATION
#define EXILE_LOG_ERROR(...) ((void)0)
#include "../exile.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <dirent.h>
#include <unistd.h>

static int say_hello(void *arg)
{
	(void)arg;
	printf("hello from the child\n");
	return 0;
}

static int exit_three(void *arg)
{
	(void)arg;
	return 3;
}

static int open_a_file(void *arg)
{
	(void)arg;
	return open("/etc/hostname", O_RDONLY) >= 0 ? 0 : 1; /* stdio only: denied */
}

static int sleep_long(void *arg)
{
	(void)arg;
	sleep(30);
	return 0;
}

static int talk_a_lot(void *arg)
{
	int i;
	(void)arg;
	for(i = 0; i < 100000; i++)
	{
		printf("0123456789abcdef\n");
	}
	return 0;
}

static int failures;

/* The number of open fds. */
static int count_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;
	int n = 0;
	if(d == NULL)
	{
		return -1;
	}
	while((e = readdir(d)) != NULL)
	{
		n += e->d_name[0] != '.';
	}
	closedir(d);
	return n - 1; /* the directory's own fd */
}

static void check(const char *what, int ok)
{
	printf("valgrind/launch: %-36s %s\n", what, ok ? "ok" : "UNEXPECTED");
	failures += !ok;
}

int main(void)
{
	struct exile_policy *stdio_only = exile_init_policy();
	struct exile_launch_params lp;
	struct exile_launch_status st;
	char *out;
	size_t n;
	int fds = count_fds(), applied;
	if(stdio_only == NULL)
	{
		return 2;
	}
	stdio_only->vow_promises = exile_vows_from_str("stdio");

	memset(&lp, 0, sizeof(lp));
	lp.func = say_hello;
	lp.status = &st;
	out = exile_launch_get(&lp, &n);
	check("no policy, output back", out != NULL && strcmp(out, "hello from the child\n") == 0);
	free(out);

	lp.policy = stdio_only;
	out = exile_launch_get(&lp, &n);
	applied = !(st.setup_failed && st.setup_error == -ENOSYS); /* ENOSYS: seccomp(2) under valgrind */
	check(applied ? "stdio vows, output back" : "stdio vows, setup failed (valgrind)",
			applied ? out != NULL && strcmp(out, "hello from the child\n") == 0 : out == NULL);
	free(out);
	lp.policy = applied ? stdio_only : NULL;

	lp.func = exit_three;
	out = exile_launch_get(&lp, &n);
	check("exit code 3", out == NULL && st.exited && st.exit_code == 3);
	free(out);

	if(applied)
	{
		lp.func = open_a_file;
		out = exile_launch_get(&lp, &n);
		check("denied syscall reported", out == NULL && st.signal == SIGSYS);
		free(out);
	}

	lp.func = sleep_long;
	lp.timeout_ms = 300;
	out = exile_launch_get(&lp, &n);
	check("timeout", out == NULL && st.timed_out);
	free(out);
	lp.timeout_ms = 0;

	lp.func = talk_a_lot;
	lp.max_output = 4096;
	out = exile_launch_get(&lp, &n);
	check("output cap", out == NULL && st.output_too_large);
	free(out);
	lp.max_output = 0;

	{
		struct exile_launch_result r;
		struct exile_launch_rlimit lim = { RLIMIT_CPU, 60 }; /* valgrind refuses RLIMIT_NOFILE changes */
		memset(&r, 0, sizeof(r));
		lp.func = say_hello;
		lp.rlimits = &lim;
		lp.nrlimits = 1;
		if(exile_launch(&lp, &r) == 0)
		{
			char buf[64];
			ssize_t got = read(r.read_fd, buf, sizeof(buf));
			int waited;
			close(r.read_fd);
			close(r.write_fd);
			waited = exile_launch_wait(&r, &st);
			if(got <= 0 || waited != 0)
			{
				printf("valgrind/launch: read %zd, wait %d: %s\n", got, waited, exile_last_error());
			}
			check("exile_launch + exile_launch_wait", got > 0 && waited == 0 && st.exited);
		}
		else
		{
			check("exile_launch + exile_launch_wait", 0);
		}
	}
	exile_free_policy(stdio_only);
	check("no fd left open", count_fds() == fds);
	return failures != 0;
}
