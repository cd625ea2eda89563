/* exile-learn: runs a command and suggests the vows and paths it needs.
 *
 *     exile-learn [-q] -- CMD [ARGS...]
 *
 * The command runs under a seccomp user-notification filter: exile-learn
 * sees each of its syscalls (and those of its children), lets it continue,
 * and at the end prints to stderr the smallest vow string that allows all of
 * them, the calls no vow allows, and the directories touched as suggested
 * --ro/--rw lines. The command's own output is left alone. -q prints only the
 * vow string (to stdout). The exit status is the command's.
 *
 * Learning follows only what this run did: other inputs, options or errors
 * may need more. Check the result by running the command under it.
 */
#define _GNU_SOURCE
#define EXILE_IMPLEMENTATION
#include "exile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

static int usage(void)
{
	fprintf(stderr, "usage: exile-learn [-q] -- CMD [ARGS...]\n");
	return 2;
}

int main(int argc, char *argv[])
{
	struct exile_learn_result res;
	int i = 1, quiet = 0;
	char *report;
	if(i < argc && strcmp(argv[i], "-q") == 0)
	{
		quiet = 1;
		i++;
	}
	if(i < argc && strcmp(argv[i], "--") == 0)
	{
		i++;
	}
	if(i >= argc || argv[i][0] == '-')
	{
		return usage();
	}
	if(exile_learn_command(&argv[i], &res) != 0)
	{
		return 125; /* the library has printed why */
	}
	if(quiet)
	{
		char vows[512];
		exile_vows_to_str(res.vows, vows, sizeof(vows));
		printf("%s\n", vows);
	}
	else if((report = exile_learn_result_describe(&res)) != NULL)
	{
		fputs(report, stderr);
		free(report);
	}
	exile_learn_result_free(&res);
	if(WIFEXITED(res.status))
	{
		return WEXITSTATUS(res.status);
	}
	return 128 + (WIFSIGNALED(res.status) ? WTERMSIG(res.status) : 0);
}
