/* libexile-run-preload.so: the second stage of exile-run.
 *
 * A seccomp filter survives execve, so a dynamically linked program starts
 * under whatever exile-run installed: the loader must still map libraries
 * executable (prot_exec) and this library must still install a filter
 * (seccomp_install). exile-run therefore installs a wider first filter and
 * preloads this library, whose constructor runs after the loader has
 * finished and before the program's main(): it stacks the final filter with
 * exactly the user's vows. A filter can only narrow what the first allowed.
 *
 * Configuration comes from the environment, set by exile-run and removed
 * here before the program sees it:
 *   EXILE_RUN_VOWS        the final vows, as a hexadecimal bit set
 *   EXILE_RUN_NO_NET      1: also refuse AF_INET/AF_INET6 sockets (EACCES)
 *   EXILE_RUN_DENY        the deny action's errno (absent: kill)
 *   EXILE_RUN_RULES       explicit rules: "aNR.0" allows NR, "dNR.E" denies it
 *                         with errno E (0: the deny action), comma-separated
 *   EXILE_RUN_REPORT_FD   where report mode writes the denied syscall
 *   EXILE_RUN_LD_PRELOAD  the LD_PRELOAD the user had (restored), if any
 * Without EXILE_RUN_VOWS the library does nothing. If the final filter
 * cannot be installed the process exits with 125: it never runs wider than
 * asked.
 */
#define _GNU_SOURCE
#define EXILE_STATIC /* private copies: the program may use exile.h itself */
#define EXILE_IMPLEMENTATION
#include "exile.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

__attribute__((constructor)) static void exile_run_second_stage(void)
{
	const char *vows = getenv("EXILE_RUN_VOWS");
	const char *fd = getenv("EXILE_RUN_REPORT_FD");
	const char *preload = getenv("EXILE_RUN_LD_PRELOAD");
	const char *deny = getenv("EXILE_RUN_DENY"), *rules = getenv("EXILE_RUN_RULES");
	int deny_errno = deny != NULL ? atoi(deny) : 0, err = 0;
	int no_net = getenv("EXILE_RUN_NO_NET") != NULL;
	struct exile_policy *p;
	if(vows == NULL)
	{
		return;
	}
	p = exile_create_policy();
	if(p == NULL)
	{
		_exit(125);
	}
	p->no_new_privs = 1;
	p->vow_promises = (uint64_t)strtoull(vows, NULL, 16);
	p->exile_flags |= EXILE__FLAG_VOWS_ACTIVE; /* "" means the base set, not "no filter" */
	/* exile-run's first stage looked for io_uring rings before it enabled,
	 * and its filter denies io_uring_setup: none can exist here, and its
	 * Landlock rules may hide /proc from the check */
	p->exile_flags |= EXILE__FLAG_URING_CHECKED;
	p->report_violations = 1;
	if(fd != NULL)
	{
		exile__violation_fd = atoi(fd);
	}
	/* the same explicit rules and deny action as the first stage */
	while(rules != NULL && *rules != '\0')
	{
		char *end;
		int allow = *rules == 'a', e;
		long nr = strtol(rules + 1, &end, 10);
		if((*rules != 'a' && *rules != 'd') || *end != '.')
		{
			err = -1;
			break;
		}
		e = (int)strtol(end + 1, &end, 10);
		if(e == 0)
		{
			e = deny_errno;
		}
		err |= exile_append_syscall_rule(p, nr, allow ? EXILE_SYSCALL_ALLOW : e ? EXILE_SYSCALL_DENY_ERRNO(e)
				: EXILE_SYSCALL_DENY_KILL_PROCESS, NULL, 0);
		rules = *end == ',' ? end + 1 : end;
	}
	if(deny_errno != 0)
	{
		err |= exile_append_syscall_default_policy(p, EXILE_SYSCALL_DENY_ERRNO(deny_errno));
	}
	if(err != 0)
	{
		fprintf(stderr, "exile-run: the final filter's rules are malformed\n");
		_exit(125);
	}
	if(no_net)
	{
		struct exile_arg_cmp inet = EXILE_ARG32_EQ(0, AF_INET), inet6 = EXILE_ARG32_EQ(0, AF_INET6);
		exile_append_syscall_rule(p, EXILE_SYS(socket), EXILE_SYSCALL_DENY_ERRNO(EACCES), &inet, 1);
		exile_append_syscall_rule(p, EXILE_SYS(socket), EXILE_SYSCALL_DENY_ERRNO(EACCES), &inet6, 1);
	}
	/* the program and what it starts see the environment the user asked for */
	if(preload != NULL)
	{
		setenv("LD_PRELOAD", preload, 1);
	}
	else
	{
		unsetenv("LD_PRELOAD");
	}
	unsetenv("EXILE_RUN_VOWS");
	unsetenv("EXILE_RUN_NO_NET");
	unsetenv("EXILE_RUN_REPORT_FD");
	unsetenv("EXILE_RUN_LD_PRELOAD");
	unsetenv("EXILE_RUN_DENY");
	unsetenv("EXILE_RUN_RULES");
	if(exile_enable_policy(p) != 0)
	{
		fprintf(stderr, "exile-run: the final filter could not be installed: %s\n", exile_last_error());
		_exit(125);
	}
	exile_free_policy(p);
}
