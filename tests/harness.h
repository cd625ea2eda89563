/* tests/harness.h — what every test file of the suite shares: includes, the
 * forked-child runner and small helpers for building and simulating filters. */
#define _GNU_SOURCE
#define EXILE_IMPLEMENTATION
#define EXILE_TESTING /* the test hooks of the implementation (never in a program) */
/* no EXILE_LOG_ERROR: the suite runs with the default, which is silent */
#include "exile.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <seccomp.h>
#include <signal.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/personality.h>
#include <sys/ptrace.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <termios.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <unistd.h>

#define EXIT_KILLED_SIGSYS (-SIGSYS)
#define EXIT_ENABLE_FAILED 200

/* ------------------------------------------------------------------------ */
/* helpers                                                                   */
/* ------------------------------------------------------------------------ */

/* Runs fn(arg) in a forked child and returns its outcome: the exit code, or
 * -signal when a signal killed it. */
static int in_child(int (*fn)(void *), void *arg)
{
	int status = 0;
	pid_t pid;
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	assert_true(pid >= 0);
	if(pid == 0)
	{
		struct rlimit nocore = { 0, 0 };
		setrlimit(RLIMIT_CORE, &nocore);
		_exit(fn(arg));
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	if(WIFSIGNALED(status))
	{
		return -WTERMSIG(status);
	}
	return WEXITSTATUS(status);
}

static int enable_vows(const char *vows)
{
	struct exile_policy *p = exile_create_policy();
	if(p == NULL)
	{
		return -ENOMEM;
	}
	p->no_new_privs = 1;
	p->vow_promises = exile_vows_from_str(vows);
	return exile_enable_policy(p);
}

static int errno_of(long r)
{
	return r < 0 ? errno : 0;
}

/* A kernel without Landlock, simulated in this (forked) process: syscalls
 * 444-446 (landlock_create_ruleset, _add_rule, restrict_self) answer err
 * (ENOSYS, or EOPNOTSUPP as a kernel built with Landlock but booted without
 * it), and exile forgets what its probe had found. 0, or -1 when the
 * simulating filter could not be installed. */
static int simulate_no_landlock(int err)
{
	struct sock_filter f[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, 444, 0, 2),
		BPF_JUMP(BPF_JMP | BPF_JGT | BPF_K, 446, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (uint32_t)err),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { 5, f };
	if(prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 || prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) != 0)
	{
		return -1;
	}
	exile__state.ll_probe.done = 0; /* forget the parent's answer */
	return 0;
}

/* A filter exile did not build, as a parent, an earlier stage or a service
 * manager installs one: syscall nr gets ret, every other call is allowed.
 * flags: SECCOMP_FILTER_FLAG_*. What seccomp() returned (the listener's fd
 * with FLAG_NEW_LISTENER), or -1. */
static int foreign_filter(long nr, uint32_t ret, unsigned int flags)
{
	struct sock_filter f[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (uint32_t)nr, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, ret),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { 4, f };
	if(prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
	{
		return -1;
	}
	return (int)syscall(__NR_seccomp, SECCOMP_SET_MODE_FILTER, flags, &prog);
}

static struct sock_fprog policy_bpf(const char *vows)
{
	struct sock_fprog prog;
	struct exile_policy *p = exile_create_policy();
	assert_non_null(p);
	p->vow_promises = exile_vows_from_str(vows);
	assert_int_equal(exile_syscall_policy_to_bpf(p, &prog), 0);
	exile_free_policy(p);
	return prog;
}

static uint32_t sim(const struct sock_fprog *prog, long nr, uint64_t a0, uint64_t a1, uint64_t a2, int *count)
{
	struct seccomp_data d;
	uint32_t action = 0xdead;
	int c;
	memset(&d, 0, sizeof(d));
	d.nr = (int)nr;
	d.arch = AUDIT_ARCH_X86_64;
	d.args[0] = a0;
	d.args[1] = a1;
	d.args[2] = a2;
	c = exile_bpf_simulate(prog, &d, &action);
	assert_true(c > 0);
	if(count != NULL)
	{
		*count = c;
	}
	return action;
}

/* The kernel's constant-action cache (kernel/seccomp.c, seccomp_is_const_allow)
 * emulates a filter for one syscall number with only arch and nr known: a
 * load of anything else, or an instruction other than constant jumps, makes
 * the number uncacheable. This re-implements that rule. */
static int kernel_would_cache_allow(const struct sock_fprog *prog, int nr)
{
	uint32_t A = 0;
	unsigned pc = 0;
	while(pc < prog->len)
	{
		const struct sock_filter *in = &prog->filter[pc++];
		switch(in->code)
		{
		case BPF_LD | BPF_W | BPF_ABS:
			if(in->k == offsetof(struct seccomp_data, nr))
			{
				A = (uint32_t)nr;
			}
			else if(in->k == offsetof(struct seccomp_data, arch))
			{
				A = AUDIT_ARCH_X86_64;
			}
			else
			{
				return 0;
			}
			break;
		case BPF_RET | BPF_K:
			return in->k == SECCOMP_RET_ALLOW;
		case BPF_JMP | BPF_JA:
			pc += in->k;
			break;
		case BPF_JMP | BPF_JEQ | BPF_K:
			pc += (A == in->k) ? in->jt : in->jf;
			break;
		case BPF_JMP | BPF_JGE | BPF_K:
			pc += (A >= in->k) ? in->jt : in->jf;
			break;
		case BPF_JMP | BPF_JGT | BPF_K:
			pc += (A > in->k) ? in->jt : in->jf;
			break;
		case BPF_JMP | BPF_JSET | BPF_K:
			pc += (A & in->k) ? in->jt : in->jf;
			break;
		case BPF_ALU | BPF_AND | BPF_K:
			A &= in->k;
			break;
		default:
			return 0;
		}
	}
	return 0;
}
