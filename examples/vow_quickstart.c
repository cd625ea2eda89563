/* vow_quickstart: a program vows what it will do; everything else is denied.
 *
 * Each step runs in a child process, because a vow cannot be taken back:
 *   1. "stdio rpath"        reading a file works;
 *   2. "stdio rpath error"  creating a file fails with EACCES;
 *   3. "stdio rpath"        creating a file kills the process (SIGSYS).
 */
#define _GNU_SOURCE
#define EXILE_IMPLEMENTATION
#define EXILE_LOG_ERROR(...) ((void)0) /* this demo prints errors itself */
#include "exile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

static int vow(const char *vows)
{
	struct exile_policy *policy = exile_init_policy();
	if(policy == NULL)
	{
		return -1;
	}
	policy->keep_fds_open = 1; /* keep the pipe to the parent's terminal */
	policy->vow_promises = exile_vows_from_str(vows);
	if(exile_enable_policy(policy) != 0)
	{
		printf("    could not enable \"%s\": %s\n", vows, exile_last_error());
		return -1;
	}
	exile_free_policy(policy);
	return 0;
}

static void try_read(void)
{
	char line[128] = "";
	FILE *f = fopen("/etc/os-release", "r");
	if(f == NULL || fgets(line, sizeof(line), f) == NULL)
	{
		printf("    reading /etc/os-release: %s\n", strerror(errno));
		return;
	}
	line[strcspn(line, "\n")] = '\0';
	printf("    reading /etc/os-release: allowed (\"%s\")\n", line);
	fclose(f);
}

static void try_create(void)
{
	int fd = open("/tmp/exile-demo-file", O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if(fd < 0)
	{
		printf("    creating /tmp/exile-demo-file: denied (%s)\n", strerror(errno));
		return;
	}
	printf("    creating /tmp/exile-demo-file: allowed\n");
	close(fd);
	unlink("/tmp/exile-demo-file");
}

static void step(const char *title, const char *vows, void (*what)(void))
{
	pid_t pid;
	int status = 0;
	printf("%s\n  vows \"%s\"\n", title, vows);
	fflush(stdout);
	pid = fork();
	if(pid == 0)
	{
		struct rlimit nocore = { 0, 0 };
		setrlimit(RLIMIT_CORE, &nocore);
		if(vow(vows) != 0)
		{
			_exit(1);
		}
		what();
		fflush(stdout);
		_exit(0);
	}
	waitpid(pid, &status, 0);
	if(WIFSIGNALED(status))
	{
		printf("    -> the sandbox killed the process with signal %d (%s): open(O_CREAT) needs the cpath vow\n",
				WTERMSIG(status), strsignal(WTERMSIG(status)));
	}
}

int main(void)
{
	printf("exile.h vow quick start\n\n");
	step("1. read a file with the rpath vow", "stdio rpath", try_read);
	step("2. create a file without cpath; 'error' turns the kill into EACCES", "stdio rpath error", try_create);
	step("3. the same without 'error'", "stdio rpath", try_create);
	return 0;
}
