/* readonly_fs: a process that can read files but change none.
 *
 *   1. vows "stdio rpath error": the syscall filter refuses every call that
 *      opens for writing or creates, with EACCES ("error" turns the kill
 *      into an error), while reading works;
 *   2. Landlock: a path rule "read-only below /" refuses writing wherever
 *      the filesystem is, even for a process whose vows would allow it.
 * Each step runs in a sandboxed child through exile_launch_get().
 */
#define _GNU_SOURCE
#define EXILE_IMPLEMENTATION
#define EXILE_LOG_ERROR(...) ((void)0) /* this example prints errors itself */
#include "exile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char target[64], fresh[64]; /* an existing and a new file in a fresh directory under /tmp */

static void try_open(const char *what, const char *path, int flags)
{
	int fd = open(path, flags, 0600);
	if(fd < 0)
	{
		printf("    %s %s: denied (%s)\n", what, path, strerror(errno));
		return;
	}
	printf("    %s %s: allowed\n", what, path);
	close(fd);
}

static int probe(void *arg)
{
	(void)arg;
	try_open("reading", "/etc/os-release", O_RDONLY);
	try_open("writing", target, O_WRONLY);
	try_open("creating", fresh, O_WRONLY | O_CREAT | O_EXCL);
	return 0;
}

static void step(const char *title, struct exile_policy *policy)
{
	struct exile_launch_params params;
	size_t n;
	char *out;
	printf("%s\n", title);
	memset(&params, 0, sizeof(params));
	params.policy = policy;
	params.func = probe;
	out = exile_launch_get(&params, &n);
	if(out != NULL)
	{
		fputs(out, stdout);
	}
	else if(strstr(exile_last_error(), "Operation not supported") != NULL)
	{
		printf("    not available on this kernel: %s\n", exile_last_error());
	}
	else
	{
		printf("    the sandboxed child failed: %s\n", exile_last_error());
	}
	free(out);
}

int main(void)
{
	char dir[] = "/tmp/exile-readonly.XXXXXX";
	struct exile_policy *p;
	int fd;
	if(mkdtemp(dir) == NULL)
	{
		perror("mkdtemp");
		return 1;
	}
	snprintf(target, sizeof(target), "%s/file", dir);
	snprintf(fresh, sizeof(fresh), "%s/new", dir);
	fd = open(target, O_WRONLY | O_CREAT, 0600);
	if(fd >= 0)
	{
		close(fd);
	}
	printf("exile.h read-only filesystem\n\n");

	p = exile_init_policy();
	p->vow_promises = exile_vows_from_str("stdio rpath error");
	step("1. vows \"stdio rpath error\": no wpath, no cpath", p);
	exile_free_policy(p);

	p = exile_init_policy();
	p->vow_promises = exile_vows_from_str("stdio rpath wpath cpath");
	exile_append_path_policies(p, EXILE_FS_ALLOW_ALL_READ, "/");
	step("2. vows \"stdio rpath wpath cpath\" and the Landlock rule: read-only below /", p);
	exile_free_policy(p);

	unlink(target);
	unlink(fresh); /* only there if a step failed to stop it */
	rmdir(dir);
	return 0;
}
