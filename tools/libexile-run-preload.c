/* libexile-run-preload.so: the second stage of exile-run.
 *
 * A seccomp filter survives execve, so a dynamically linked program starts
 * under whatever exile-run installed: the loader must still open and map
 * libraries (rpath, prot_exec). exile-run's filter holds exactly the user's
 * vows, and the supervisor of exile_launch also lets the loader's calls
 * through (startup_vows) until this library's constructor, which runs after
 * the loader has finished and before the program's main(), says so with
 * exile_launch_started(): from then on the supervisor treats them as the
 * denials they are for the user's vows. (A filter stacked here, as before,
 * would kill where the supervisor's listener should hear: a kill of a newer
 * filter outranks the older filter's user notification.)
 *
 * Configuration comes from the environment, set by exile-run and removed
 * here before the program sees it:
 *   EXILE_RUN_VOWS        set: this is exile-run's program
 *   EXILE_RUN_LD_PRELOAD  the LD_PRELOAD the user had (restored), if any
 * Without EXILE_RUN_VOWS the library does nothing. If the supervisor does
 * not take the end of the start-up the process exits with 125.
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
	const char *preload = getenv("EXILE_RUN_LD_PRELOAD");
	if(vows == NULL)
	{
		return;
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
	unsetenv("EXILE_RUN_LD_PRELOAD");
	if(exile_launch_started() != 0)
	{
		fprintf(stderr, "exile-run: the supervisor did not take the end of the start-up\n");
		_exit(125);
	}
}
