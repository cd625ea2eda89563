/* no_network: a process that cannot reach the network.
 *
 * The parent listens on 127.0.0.1; a sandboxed child tries to connect:
 *   1. vows "stdio inet error": connecting is allowed;
 *   2. vows "stdio error" (no inet): socket(AF_INET) fails with EACCES;
 *   3. vows "stdio inet" and no_network = 1: the filter may create
 *      sockets, but Landlock refuses the TCP connect.
 */
#define _GNU_SOURCE
#define EXILE_IMPLEMENTATION
#define EXILE_LOG_ERROR(...) ((void)0) /* this example prints errors itself */
#include "exile.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static struct sockaddr_in listener;

static int try_connect(void *arg)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	(void)arg;
	if(fd < 0)
	{
		printf("    socket(AF_INET): denied (%s)\n", strerror(errno));
		return 0;
	}
	if(connect(fd, (struct sockaddr *)&listener, sizeof(listener)) != 0)
	{
		printf("    connect to 127.0.0.1:%d: denied (%s)\n", ntohs(listener.sin_port), strerror(errno));
	}
	else
	{
		printf("    connect to 127.0.0.1:%d: allowed\n", ntohs(listener.sin_port));
	}
	close(fd);
	return 0;
}

static void step(const char *title, struct exile_policy *policy)
{
	struct exile_launch_params params;
	size_t n;
	char *out;
	if(title[0] != '\0')
	{
		printf("%s\n", title);
	}
	memset(&params, 0, sizeof(params));
	params.policy = policy;
	params.func = try_connect;
	out = exile_launch_get(&params, &n);
	if(out != NULL)
	{
		fputs(out, stdout);
	}
	else
	{
		printf("    the sandboxed child failed: %s\n", exile_last_error());
	}
	free(out);
}

/* whether this kernel's Landlock handles TCP (ABI 4), so that no_network
 * also denies TCP bind/connect on sockets opened before the sandbox */
static int landlock_net_on_this_kernel(void)
{
	struct exile_landlock_report r;
	struct exile_policy *p = exile_create_policy();
	int ok = 0;
	if(p != NULL)
	{
		p->no_network = 1;
		ok = exile_landlock_report(p, &r) == 0 && r.net_handled != 0;
	}
	exile_free_policy(p);
	return ok;
}

int main(void)
{
	socklen_t len = sizeof(listener);
	struct exile_policy *p;
	int srv = socket(AF_INET, SOCK_STREAM, 0);
	memset(&listener, 0, sizeof(listener));
	listener.sin_family = AF_INET;
	listener.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if(srv < 0 || bind(srv, (struct sockaddr *)&listener, sizeof(listener)) != 0 || listen(srv, 8) != 0
		|| getsockname(srv, (struct sockaddr *)&listener, &len) != 0)
	{
		perror("listening on 127.0.0.1");
		return 1;
	}
	printf("exile.h no network (listening on 127.0.0.1:%d)\n\n", ntohs(listener.sin_port));

	p = exile_init_policy();
	p->vow_promises = exile_vows_from_str("stdio inet error");
	step("1. vows \"stdio inet error\"", p);
	exile_free_policy(p);

	p = exile_init_policy();
	p->vow_promises = exile_vows_from_str("stdio error");
	step("2. vows \"stdio error\": no inet", p);
	exile_free_policy(p);

	printf("3. vows \"stdio inet\" and no_network = 1 (Landlock)\n");
	p = exile_init_policy();
	p->vow_promises = exile_vows_from_str("stdio inet");
	p->no_network = 1;
	p->best_effort = !landlock_net_on_this_kernel(); /* sockets are refused by the filter either way */
	step("", p);
	exile_free_policy(p);
	close(srv);
	return 0;
}
