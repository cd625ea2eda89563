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
 */
#include "tests/harness.h"

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

/* One group: the module's tests, and for "vows" the table-driven probes. */
static int run_module(size_t m)
{
	size_t nprobes = strcmp(modules[m].name, "vows") == 0 ? sizeof(probes) / sizeof(probes[0]) : 0, i;
	struct CMUnitTest *all = (struct CMUnitTest *)calloc(modules[m].n + nprobes, sizeof(*all));
	int failed;
	if(all == NULL)
	{
		return 1;
	}
	memcpy(all, modules[m].tests, modules[m].n * sizeof(*all));
	for(i = 0; i < nprobes; i++)
	{
		all[modules[m].n + i].name = probes[i].name;
		all[modules[m].n + i].test_func = test_probe;
		all[modules[m].n + i].initial_state = (void *)&probes[i];
	}
	failed = _cmocka_run_group_tests(modules[m].name, all, modules[m].n + nprobes, NULL, NULL);
	free(all);
	return failed;
}

int main(int argc, char **argv)
{
	size_t m;
	int a, failed = 0;
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
	return failed != 0;
}
