/* exile.h test suite (cmocka): the entry point.
 *
 * Two layers: pure tests (parsing, the assembler, the simulator, the name
 * table) run in the test process; every test that enforces anything runs in
 * a forked child, because seccomp, capability drops and no_new_privs cannot
 * be undone. The parent asserts the exact outcome: an exit code that carries
 * the probe's errno, or death by SIGSYS. Probes use harmless arguments (fd -1,
 * paths that do not exist) so that "allowed" shows as EBADF/ENOENT/EINVAL and
 * "denied" as EACCES (vow "error") or SIGSYS.
 *
 * The tests live in tests/, one file per module of exile.h, all compiled into
 * this one translation unit (so that a test may look at the implementation's
 * private parts). Usage:
 *   ./test                 every module
 *   ./test vows landlock   only these modules
 *   ./test --list          the modules and their test counts
 *   EXILE_TEST_ONLY=PATTERN[,PATTERN...] ./test [MODULE...]
 *                          only the tests whose name matches one of the
 *                          shell patterns (fnmatch: * ? [...]), in every
 *                          module asked for; a pattern that matches no test
 *                          is an error (exit 2), so a renamed test is noticed
 *                          (tests/mutations.sh relies on this)
 */
#include "tests/harness.h"

#include <fnmatch.h>

#include "tests/vows.c"
#include "tests/bpf.c"
#include "tests/policy.c"
#include "tests/privs.c"
#include "tests/landlock.c"
#include "tests/ns.c"
#include "tests/launch.c"
#include "tests/tools.c"
#include "tests/diag.c"
#include "tests/escapes.c"

#define MODULE(name) { #name, name##_tests, sizeof(name##_tests) / sizeof(name##_tests[0]) }
static const struct
{
	const char *name;
	const struct CMUnitTest *tests;
	size_t n;
} modules[] = {
	MODULE(vows), MODULE(bpf), MODULE(policy), MODULE(privs), MODULE(landlock), MODULE(ns), MODULE(launch),
	MODULE(tools), MODULE(diag), MODULE(escapes),
};
#define NMODULES (sizeof(modules) / sizeof(modules[0]))

/* EXILE_TEST_ONLY: comma-separated shell patterns; matched[k] counts the
 * tests pattern k selected (at most 64 patterns). */
#define MAX_PATTERNS 64
static char *only_patterns[MAX_PATTERNS];
static char *only_copy; /* the patterns point into it; kept for the run */
static size_t only_count, only_matched[MAX_PATTERNS];

static int parse_only(void)
{
	const char *env = getenv("EXILE_TEST_ONLY");
	char *tok, *save = NULL;
	if(env == NULL || *env == '\0')
	{
		return 0;
	}
	only_copy = strdup(env);
	if(only_copy == NULL)
	{
		return -1;
	}
	for(tok = strtok_r(only_copy, ", ", &save); tok != NULL; tok = strtok_r(NULL, ", ", &save))
	{
		if(only_count == MAX_PATTERNS)
		{
			fprintf(stderr, "test: EXILE_TEST_ONLY has more than %d patterns\n", MAX_PATTERNS);
			return -1;
		}
		only_patterns[only_count++] = tok;
	}
	return only_count == 0 ? -1 : 0;
}

static int selected(const char *name)
{
	size_t k;
	int hit = 0;
	if(only_count == 0)
	{
		return 1;
	}
	for(k = 0; k < only_count; k++)
	{
		if(fnmatch(only_patterns[k], name, 0) == 0)
		{
			only_matched[k]++;
			hit = 1;
		}
	}
	return hit;
}

/* One group: the module's tests, and for "vows" the table-driven probes;
 * with EXILE_TEST_ONLY only the selected ones (no group when none is). */
static int run_module(size_t m)
{
	size_t nprobes = strcmp(modules[m].name, "vows") == 0 ? sizeof(probes) / sizeof(probes[0]) : 0, i, n = 0;
	struct CMUnitTest *all = (struct CMUnitTest *)calloc(modules[m].n + nprobes, sizeof(*all));
	int failed = 0;
	if(all == NULL)
	{
		return 1;
	}
	for(i = 0; i < modules[m].n; i++)
	{
		if(selected(modules[m].tests[i].name))
		{
			all[n++] = modules[m].tests[i];
		}
	}
	for(i = 0; i < nprobes; i++)
	{
		if(selected(probes[i].name))
		{
			all[n].name = probes[i].name;
			all[n].test_func = test_probe;
			all[n].initial_state = (void *)&probes[i];
			n++;
		}
	}
	if(n > 0)
	{
		failed = _cmocka_run_group_tests(modules[m].name, all, n, NULL, NULL);
	}
	free(all);
	return failed;
}

int main(int argc, char **argv)
{
	size_t m, k;
	int a, failed = 0;
	if(parse_only() != 0)
	{
		fprintf(stderr, "test: EXILE_TEST_ONLY is not a list of patterns\n");
		return 2;
	}
	if(argc == 2 && strcmp(argv[1], "--list") == 0)
	{
		for(m = 0; m < NMODULES; m++)
		{
			printf("%-10s %zu tests\n", modules[m].name, modules[m].n);
		}
		return 0;
	}
	for(a = 1; a < argc; a++)
	{
		for(m = 0; m < NMODULES && strcmp(modules[m].name, argv[a]) != 0; m++)
		{
		}
		if(m == NMODULES)
		{
			fprintf(stderr, "test: no module \"%s\" (./test --list names them)\n", argv[a]);
			return 2;
		}
	}
	for(m = 0; m < NMODULES; m++)
	{
		int wanted = argc == 1;
		for(a = 1; a < argc; a++)
		{
			wanted |= strcmp(modules[m].name, argv[a]) == 0;
		}
		if(wanted)
		{
			failed += run_module(m);
		}
	}
	for(k = 0; k < only_count; k++)
	{
		if(only_matched[k] == 0)
		{
			fprintf(stderr, "test: EXILE_TEST_ONLY: no test matches \"%s\"\n", only_patterns[k]);
			return 2;
		}
	}
	return failed != 0;
}
