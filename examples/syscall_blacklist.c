/* syscall_blacklist: allow everything except a few calls, some of them only
 * for certain arguments (upstream exile.h's style of policy, with structured
 * argument comparisons instead of raw BPF).
 *
 *   - socket(AF_INET / AF_INET6)           -> EACCES (other families work)
 *   - openat() for writing or creating     -> EACCES (reading works)
 *   - kill() of any process but itself     -> EPERM
 *   - ptrace()                             -> the process is killed
 * Rules for one syscall are tried in the order added; the first match wins.
 */
#define _GNU_SOURCE
#define EXILE_IMPLEMENTATION
#define EXILE_LOG_ERROR(...) ((void)0) /* this example prints errors itself */
#include "exile.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

static void report(const char *what, long r)
{
	if(r < 0)
	{
		printf("    %-44s denied (%s)\n", what, strerror(errno));
	}
	else
	{
		printf("    %-44s allowed\n", what);
	}
}

static int blacklist(void)
{
	struct exile_policy *p = exile_create_policy();
	struct exile_arg_cmp inet = EXILE_ARG32_EQ(0, AF_INET), inet6 = EXILE_ARG32_EQ(0, AF_INET6);
	struct exile_arg_cmp read_only = EXILE_ARG32_FLAGS_IN(2, O_RDONLY | O_CLOEXEC | O_DIRECTORY | O_NOFOLLOW | O_NONBLOCK);
	struct exile_arg_cmp self = EXILE_ARG32_EQ(0, getpid());
	int err = 0;
	p->no_new_privs = 1;
	err |= exile_append_syscall_rule(p, EXILE_SYS(socket), EXILE_SYSCALL_DENY_RET_ERROR, &inet, 1);
	err |= exile_append_syscall_rule(p, EXILE_SYS(socket), EXILE_SYSCALL_DENY_RET_ERROR, &inet6, 1);
	err |= exile_append_syscall_rule(p, EXILE_SYS(openat), EXILE_SYSCALL_ALLOW, &read_only, 1);
	err |= exile_append_syscall_rule(p, EXILE_SYS(openat), EXILE_SYSCALL_DENY_RET_ERROR, NULL, 0);
	err |= exile_append_syscall_rule(p, EXILE_SYS(kill), EXILE_SYSCALL_ALLOW, &self, 1);
	err |= exile_append_syscall_rule(p, EXILE_SYS(kill), EXILE_SYSCALL_DENY_ERRNO(EPERM), NULL, 0);
	err |= exile_append_syscall_rule(p, EXILE_SYS(ptrace), EXILE_SYSCALL_DENY_KILL_PROCESS, NULL, 0);
	err |= exile_append_syscall_default_policy(p, EXILE_SYSCALL_ALLOW);
	if(err != 0 || exile_enable_policy(p) != 0)
	{
		printf("    could not enable the blacklist: %s\n", exile_last_error());
		return -1;
	}
	exile_free_policy(p);
	return 0;
}

int main(void)
{
	char dir[] = "/tmp/exile-blacklist.XXXXXX", path[64];
	int fd, status = 0;
	pid_t child;
	if(mkdtemp(dir) == NULL)
	{
		perror("mkdtemp");
		return 1;
	}
	snprintf(path, sizeof(path), "%s/new", dir);
	printf("exile.h syscall blacklist with argument filters\n\n");
	fflush(stdout);
	child = fork();
	if(child == 0)
	{
		pid_t parent = getppid();
		if(blacklist() != 0)
		{
			_exit(1);
		}
		fd = socket(AF_UNIX, SOCK_STREAM, 0);
		report("socket(AF_UNIX)", fd);
		close(fd);
		report("socket(AF_INET)", socket(AF_INET, SOCK_STREAM, 0));
		report("socket(AF_INET6)", socket(AF_INET6, SOCK_DGRAM, 0));
		fd = open("/etc/os-release", O_RDONLY);
		report("open(\"/etc/os-release\", O_RDONLY)", fd);
		close(fd);
		report("open(new file, O_WRONLY|O_CREAT)", open(path, O_WRONLY | O_CREAT, 0600));
		report("kill(itself, 0)", kill(getpid(), 0));
		report("kill(its parent, 0)", kill(parent, 0));
		printf("    ptrace(PTRACE_TRACEME) next: the rule kills the process\n");
		fflush(stdout);
		ptrace(PTRACE_TRACEME, 0, NULL, NULL);
		printf("    ptrace was allowed?!\n");
		_exit(0);
	}
	waitpid(child, &status, 0);
	if(WIFSIGNALED(status))
	{
		printf("    -> killed by signal %d (%s), as the ptrace rule says\n", WTERMSIG(status), strsignal(WTERMSIG(status)));
	}
	unlink(path);
	rmdir(dir);
	return 0;
}
