/* parse_untrusted: parse untrusted documents in a sandboxed child and get
 * the result back with exile_launch_get() -- the pattern of looqs, a desktop
 * search tool that runs its document parsers this way.
 *
 * The parser below is deliberately buggy: a document containing "EXPLOIT"
 * makes it try to write ~/.bashrc (as injected code would), and one
 * containing "LOOP" makes it spin forever. The child may only read
 * ("stdio rpath"), may run half a second, may print 64 KiB and use 256 MiB of
 * memory; the parent gets the extracted text or learns how the child died.
 *
 *   parse_untrusted [FILE...]   (without files: three demo documents)
 */
#define _GNU_SOURCE
#define EXILE_IMPLEMENTATION
#define EXILE_LOG_ERROR(...) ((void)0) /* this example prints errors itself */
#include "exile.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

/* The "parser": prints the title line and counts words. Runs sandboxed. */
static int parse(void *arg)
{
	const char *path = (const char *)arg;
	char line[512];
	long words = 0;
	FILE *f = fopen(path, "r");
	if(f == NULL)
	{
		return 2;
	}
	while(fgets(line, sizeof(line), f) != NULL)
	{
		char *w;
		if(strstr(line, "EXPLOIT") != NULL)
		{
			/* what injected code would do: the filter kills the child here */
			open("/root/.bashrc", O_WRONLY | O_APPEND);
		}
		while(strstr(line, "LOOP") != NULL)
		{
			/* a parser stuck on a malformed input: the timeout ends it */
		}
		if(strncmp(line, "title:", 6) == 0)
		{
			printf("title:%s", line + 6);
		}
		for(w = strtok(line, " \t\n"); w != NULL; w = strtok(NULL, " \t\n"))
		{
			words++;
		}
	}
	printf("words: %ld\n", words);
	fclose(f);
	return 0;
}

static void parse_sandboxed(struct exile_policy *policy, const char *path, const char *label)
{
	static const struct exile_launch_rlimit limits[] = { { RLIMIT_AS, 256u << 20 } };
	struct exile_launch_params params;
	struct exile_launch_status st;
	size_t n;
	char *out;
	memset(&params, 0, sizeof(params));
	params.policy = policy;
	params.func = parse;
	params.funcarg = (void *)path;
	params.timeout_ms = 500;
	params.max_output = 64 * 1024;
	params.rlimits = limits;
	params.nrlimits = 1;
	params.status = &st;
	printf("%s\n", label);
	out = exile_launch_get(&params, &n);
	if(out != NULL)
	{
		char *line, *save = NULL;
		for(line = strtok_r(out, "\n", &save); line != NULL; line = strtok_r(NULL, "\n", &save))
		{
			printf("    parsed: %s\n", line);
		}
		free(out);
	}
	else if(st.signal == SIGSYS && st.syscall_name != NULL)
	{
		printf("    rejected: the sandbox killed the parser for %s(), which \"stdio rpath\" does not allow\n", st.syscall_name);
	}
	else if(st.signal == SIGSYS)
	{
		printf("    rejected: the sandbox killed the parser (SIGSYS) for a syscall \"stdio rpath\" does not allow\n");
	}
	else if(st.timed_out)
	{
		printf("    rejected: the parser ran longer than 0.5 s and was killed\n");
	}
	else
	{
		printf("    rejected: %s\n", exile_last_error());
	}
}

static const char *const demo[][2] = {
	{ "a harmless document", "title: Notes\nexile.h sandboxes document parsers\n" },
	{ "a document that exploits the parser", "title: Invoice\nEXPLOIT\n" },
	{ "a document that makes the parser loop", "title: Report\nLOOP\n" },
};

int main(int argc, char **argv)
{
	struct exile_policy *policy = exile_init_policy();
	char dir[] = "/tmp/exile-parse.XXXXXX", path[64], label[128];
	size_t i;
	policy->vow_promises = exile_vows_from_str("stdio rpath");
	printf("exile.h parsing untrusted input in a sandboxed child\n\n");
	if(argc > 1)
	{
		int a;
		for(a = 1; a < argc; a++)
		{
			snprintf(label, sizeof(label), "%s", argv[a]);
			parse_sandboxed(policy, argv[a], label);
		}
		exile_free_policy(policy);
		return 0;
	}
	if(mkdtemp(dir) == NULL)
	{
		perror("mkdtemp");
		return 1;
	}
	for(i = 0; i < sizeof(demo) / sizeof(demo[0]); i++)
	{
		FILE *f;
		snprintf(path, sizeof(path), "%s/doc%zu.txt", dir, i);
		f = fopen(path, "w");
		if(f == NULL)
		{
			perror(path);
			return 1;
		}
		fputs(demo[i][1], f);
		fclose(f);
		snprintf(label, sizeof(label), "%zu. %s", i + 1, demo[i][0]);
		parse_sandboxed(policy, path, label);
		unlink(path);
	}
	rmdir(dir);
	exile_free_policy(policy);
	return 0;
}
