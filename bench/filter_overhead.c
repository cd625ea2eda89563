/* filter_overhead: what an exile filter costs a syscall, as ratios measured
 * in one run (never absolute times: they say nothing on another machine).
 *
 * For each probe the cost per call is measured unfiltered, then in a child
 * under the vows "stdio rpath wpath cpath inet":
 *   getppid   allowed without argument rules: the kernel's constant-action
 *             cache should serve it without running the filter (ratio ~1);
 *   ioctl     an argument rule (request in the allowlist): the filter runs;
 *   openat    the open rules (flags and mode checked) run.
 * and getppid once more under the same filter plus a never-matching
 * argument rule for it, which makes it uncacheable: the difference is what
 * the constant-action cache saves.
 * Each figure is the best of several rounds, to keep scheduling noise out.
 * Build and run: make bench
 */
#define _GNU_SOURCE
#define EXILE_IMPLEMENTATION
#include "exile.h"

#include <fcntl.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#define CALLS 200000
#define ROUNDS 7

static double now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/* the best per-call time over ROUNDS rounds of CALLS calls */
static double per_call(int probe)
{
	double best = 1e30;
	int r, i;
	for(r = 0; r < ROUNDS; r++)
	{
		double t0 = now_ns(), t;
		for(i = 0; i < CALLS; i++)
		{
			switch(probe)
			{
			case 0: syscall(__NR_getppid); break;
			case 1: syscall(__NR_ioctl, -1, TCGETS, 0); break;
			default: syscall(__NR_openat, AT_FDCWD, "/nonexistent-exile-bench", O_RDONLY, 0); break;
			}
		}
		t = (now_ns() - t0) / CALLS;
		if(t < best)
		{
			best = t;
		}
	}
	return best;
}

/* per-call times of the three probes in a child under the filter; with
 * uncached, getppid gets a never-matching argument rule */
static int filtered_run(int uncached, double out[3])
{
	int fds[2], p, status = 0;
	pid_t pid;
	if(pipe(fds) != 0)
	{
		return -1;
	}
	pid = fork();
	if(pid == 0)
	{
		struct exile_policy *pol = exile_create_policy();
		struct exile_arg_cmp never[] = { EXILE_ARG_EQ(5, 0xDEADBEEFCAFEULL) };
		double t[3];
		pol->no_new_privs = 1;
		pol->vow_promises = exile_vows_from_str("stdio rpath wpath cpath inet");
		if((uncached && exile_append_syscall_rule(pol, __NR_getppid, EXILE_SYSCALL_DENY_ERRNO(EPERM), never, 1) != 0)
			|| exile_enable_policy(pol) != 0)
		{
			_exit(2);
		}
		for(p = 0; p < 3; p++)
		{
			t[p] = per_call(p);
		}
		_exit(write(fds[1], t, sizeof(t)) == (ssize_t)sizeof(t) ? 0 : 3);
	}
	close(fds[1]);
	p = pid >= 0 && read(fds[0], out, 3 * sizeof(double)) == (ssize_t)(3 * sizeof(double)) && waitpid(pid, &status, 0) == pid
		&& WIFEXITED(status) && WEXITSTATUS(status) == 0;
	close(fds[0]);
	return p ? 0 : -1;
}

int main(void)
{
	static const char *const names[] = { "getppid (constant-allow)", "ioctl TCGETS (argument rule)", "openat O_RDONLY (open rules)" };
	double plain[3], filtered[3], uncached[3];
	int p;
	for(p = 0; p < 3; p++)
	{
		plain[p] = per_call(p);
	}
	if(filtered_run(0, filtered) != 0 || filtered_run(1, uncached) != 0)
	{
		fprintf(stderr, "filter_overhead: a filtered child failed\n");
		return 1;
	}
	printf("filter: vows \"stdio rpath wpath cpath inet\"; %d calls x best of %d rounds\n", CALLS, ROUNDS);
	for(p = 0; p < 3; p++)
	{
		printf("  %-30s filtered / unfiltered = %.2f\n", names[p], filtered[p] / plain[p]);
	}
	printf("  %-30s filtered / unfiltered = %.2f (the cache saves %.0f%% of the filter's cost)\n",
			"getppid made uncacheable", uncached[0] / plain[0],
			uncached[0] > plain[0] ? 100.0 * (uncached[0] - filtered[0]) / (uncached[0] - plain[0]) : 0.0);
	return 0;
}
