/* exile-run: run a program under an exile.h policy built from flags.
 *
 *   exile-run [options] -- PROGRAM [ARGS...]
 *
 * How a program gets its vows. A seccomp filter survives execve, so the
 * program's own start-up runs under it. exile-run resolves PROGRAM, then
 * starts it through exile_launch (a supervised child that dies with
 * exile-run and leaves nothing behind):
 *   - statically linked (or a script whose interpreter is, or a format
 *     this cannot read): one filter with exactly the given vows, plus the
 *     right to make this one execve (its three pointer arguments pinned);
 *   - dynamically linked (or a script whose interpreter is): the same one
 *     filter, and the supervisor of exile_launch also lets through what the
 *     loader needs (stdio rpath prot_exec: startup_vows) until
 *     LD_PRELOAD=libexile-run-preload.so says main() is next
 *     (exile_launch_started). --explain prints what the program ends up with.
 * The supervisor, not the program, sees every denied call of the tree and
 * writes its line; --log makes denials fail with an errno instead of killing.
 * Explicit rules (--allow-syscall, --deny-syscall) and the deny action
 * (--deny-action) are part of the filter from execve on.
 *
 * Exit status: the program's own; 128+N when a signal N killed it; 159
 * (128+SIGSYS) when the sandbox killed it, after one line on stderr naming
 * the denied syscall and the vow that would allow it (when known); 124 when
 * --timeout expired; 125 when the sandbox could not be set up; 126/127 when
 * the program cannot be executed / was not found; 2 for a usage error.
 * The man page is tools/exile-run.1.
 */
#define _GNU_SOURCE
#define EXILE_IMPLEMENTATION
#define EXILE_LOG_ERROR(...) ((void)0) /* exile-run prints its own messages */
#include "exile.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define EXIT_USAGE 2
#define EXIT_TIMEOUT 124
#define EXIT_SETUP 125
#define EXIT_NOEXEC 126
#define EXIT_NOTFOUND 127
#define EXIT_SANDBOX (128 + SIGSYS)

extern char **environ;

#define MAX_LIST 64

/* what a dynamically linked program's start-up (its loader) gets besides its vows */
#define STARTUP_VOWS (EXILE_SYSCALL_VOW_STDIO | EXILE_SYSCALL_VOW_RPATH | EXILE_SYSCALL_VOW_PROT_EXEC)

struct rule
{
	long nr;
	int deny;  /* 0: allow; 1: deny */
	int errnum; /* deny with this errno; 0: the deny action */
};

struct options
{
	const char *vows;
	const char *ro[MAX_LIST], *rw[MAX_LIST], *ex[MAX_LIST];
	size_t nro, nrw, nex;
	int connect[MAX_LIST], bind[MAX_LIST];
	size_t nconnect, nbind;
	const char *setenv[MAX_LIST];
	size_t nsetenv;
	int keep[MAX_LIST];
	size_t nkeep;
	struct rule rules[MAX_LIST];
	size_t nrules;
	struct exile_launch_rlimit rlimits[MAX_LIST];
	size_t nrlimits;
	int deny_errno; /* 0: kill */
	const char *chdir;
	int no_net, best_effort, clearenv, explain, learn, verify, unshare, log, new_session;
	/* what --learn's suggestion carries over: the options that are not learned */
	const char *carry[2 * MAX_LIST * 4];
	size_t ncarry;
	unsigned int timeout_s;
	char **argv; /* PROGRAM [ARGS...] */
};

/* What the launched child needs: everything is prepared before exile_launch,
 * so that the pointers the filter pins are the ones execve receives. */
struct exec_plan
{
	char path[PATH_MAX];
	char loader[PATH_MAX]; /* PT_INTERP, "" for a static program */
	int is_script;
	char interp[PATH_MAX]; /* a script's interpreter, after every "#!" level */
	char **argv;
	char **envp;
	int preload;           /* LD_PRELOAD the second stage, which ends the start-up */
};

/* The options, in the order --help and the man page list them. The parser,
 * --help and a test that compares them with tools/exile-run.1 all read this
 * one table. */
enum opt_id
{
	OPT_VOWS, OPT_RO, OPT_RW, OPT_EXEC, OPT_NO_NET, OPT_CONNECT, OPT_BIND, OPT_ALLOW_SYSCALL, OPT_DENY_SYSCALL,
	OPT_DENY_ACTION, OPT_LOG, OPT_NEW_SESSION, OPT_UNSHARE, OPT_KEEP_FD, OPT_BEST_EFFORT, OPT_SETENV, OPT_CLEARENV, OPT_CHDIR, OPT_RLIMIT,
	OPT_TIMEOUT, OPT_EXPLAIN, OPT_LEARN, OPT_VERIFY, OPT_VERSION, OPT_HELP
};

static const struct option_doc
{
	int id;
	const char *name;
	const char *arg; /* NULL: a flag */
	const char *help;
} options_table[] = {
	{ OPT_VOWS, "--vows", "VOWS", "vows the program keeps, separated by blanks or commas (default \"stdio rpath\")" },
	{ OPT_RO, "--ro", "PATH", "read-only access to PATH (Landlock; repeatable)" },
	{ OPT_RW, "--rw", "PATH", "read and write access to PATH (repeatable)" },
	{ OPT_EXEC, "--exec", "PATH", "read and execute access to PATH (repeatable); with any of these three the rest\n"
		"of the filesystem is out of reach except the program, its loader, /usr, /lib*,\n"
		"/etc/ld.so.cache (read) and /dev/null" },
	{ OPT_NO_NET, "--no-net", NULL, "no network: IPv4/IPv6 sockets fail with EACCES (and Landlock denies TCP)" },
	{ OPT_CONNECT, "--connect", "PORT", "allow TCP connections to PORT (Landlock; repeatable)" },
	{ OPT_BIND, "--bind", "PORT", "allow binding TCP PORT (0: an ephemeral port; repeatable)" },
	{ OPT_ALLOW_SYSCALL, "--allow-syscall", "NAME", "allow the system call NAME whatever the vows say (repeatable)" },
	{ OPT_DENY_SYSCALL, "--deny-syscall", "NAME[:ERRNO]", "deny NAME: fail it with ERRNO (a name such as EPERM, or a number),\n"
		"else apply the deny action (repeatable)" },
	{ OPT_DENY_ACTION, "--deny-action", "ACTION", "what a call the vows do not allow does: kill (the default: the program\n"
		"is killed, exit status 159) or fail with an errno: EPERM, ENOSYS, EACCES, ..." },
	{ OPT_LOG, "--log", NULL, "log mode: a denied call fails (with the --deny-action errno, else EPERM),\n"
		"its line is written, and the program goes on" },
	{ OPT_NEW_SESSION, "--new-session", NULL, "run the program in a new session, without a controlling terminal" },
	{ OPT_UNSHARE, "--unshare", "LIST", "new namespaces: user,mount,pid,net,ipc,uts,cgroup (pid: under a minimal init)" },
	{ OPT_KEEP_FD, "--keep-fd", "N", "leave fd N open (every other fd above 2 is closed)" },
	{ OPT_BEST_EFFORT, "--best-effort", NULL, "enforce what this kernel supports instead of failing" },
	{ OPT_SETENV, "--setenv", "NAME=VALUE", "set an environment variable (repeatable)" },
	{ OPT_CLEARENV, "--clearenv", NULL, "start from an empty environment" },
	{ OPT_CHDIR, "--chdir", "DIR", "run in DIR, as if exile-run had been started there (PROGRAM and\n"
		"relative paths of --ro/--rw/--exec are taken from DIR)" },
	{ OPT_RLIMIT, "--rlimit", "NAME=VALUE", "set a resource limit, soft and hard (nofile=64, as=1g, cpu=10, nproc=...;\n"
		"VALUE may end in k, m or g, or be unlimited; repeatable)" },
	{ OPT_TIMEOUT, "--timeout", "SECONDS", "kill the program (and all it started) after SECONDS" },
	{ OPT_EXPLAIN, "--explain", NULL, "print what PROGRAM would run under, check that this kernel accepts it, exit" },
	{ OPT_LEARN, "--learn", NULL, "run PROGRAM once unconfined, record its syscalls, files and TCP ports, and\n"
		"print the exile-run command line that this run needed" },
	{ OPT_VERIFY, "--verify", NULL, "with --learn: then run that command line and report how it ended" },
	{ OPT_VERSION, "--version", NULL, "print the version and exit" },
	{ OPT_HELP, "--help", NULL, "print this text and exit" },
};

#define N_OPTIONS (sizeof(options_table) / sizeof(options_table[0]))

static void usage(FILE *out)
{
	size_t i;
	fprintf(out, "usage: exile-run [options] -- PROGRAM [ARGS...]\n"
		"Runs PROGRAM under an exile.h sandbox (see exile-run(1)).\n");
	for(i = 0; i < N_OPTIONS; i++)
	{
		char left[64];
		const char *h = options_table[i].help;
		snprintf(left, sizeof(left), "%s%s%s", options_table[i].name, options_table[i].arg ? " " : "",
				options_table[i].arg ? options_table[i].arg : "");
		fprintf(out, "  %-28s", left);
		while(*h != '\0')
		{
			size_t n = strcspn(h, "\n");
			fprintf(out, "%.*s\n", (int)n, h);
			h += n;
			if(*h == '\n')
			{
				h++;
				fprintf(out, "  %-28s", "");
			}
		}
	}
	fprintf(out, "exit status: PROGRAM's own; 128+N if signal N killed it; 159 if the sandbox killed it;\n"
		"124 timeout; 125 sandbox setup failed; 126 cannot execute; 127 not found; 2 usage error\n");
}

static int usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "exile-run: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\nTry 'exile-run --help'.\n");
	return EXIT_USAGE;
}

static int parse_number(const char *s, long min, long max, long *out)
{
	char *end;
	long v;
	if(s == NULL || *s == '\0')
	{
		return -1;
	}
	errno = 0;
	v = strtol(s, &end, 10);
	if(errno != 0 || *end != '\0' || v < min || v > max)
	{
		return -1;
	}
	*out = v;
	return 0;
}

static int parse_unshare(const char *list, int *flags)
{
	static const struct
	{
		const char *name;
		int flag;
	} names[] = {
		{ "user", EXILE_UNSHARE_USER }, { "mount", EXILE_UNSHARE_MOUNT }, { "pid", EXILE_UNSHARE_PID },
		{ "net", EXILE_UNSHARE_NETWORK }, { "network", EXILE_UNSHARE_NETWORK }, { "ipc", EXILE_UNSHARE_IPC },
		{ "uts", EXILE_UNSHARE_UTS }, { "cgroup", EXILE_UNSHARE_CGROUP },
	};
	const char *p = list;
	while(*p != '\0')
	{
		size_t n = strcspn(p, ","), i;
		int found = 0;
		for(i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		{
			if(strlen(names[i].name) == n && strncmp(names[i].name, p, n) == 0)
			{
				*flags |= names[i].flag;
				found = 1;
			}
		}
		if(!found)
		{
			return -1;
		}
		p += n;
		if(*p == ',')
		{
			p++;
		}
	}
	return 0;
}

/* errno names a user may give (--deny-action, --deny-syscall NAME:ERRNO) */
static const struct
{
	const char *name;
	int value;
} errno_names[] = {
	{ "EPERM", EPERM }, { "ENOENT", ENOENT }, { "ESRCH", ESRCH }, { "EINTR", EINTR }, { "EIO", EIO },
	{ "ENXIO", ENXIO }, { "E2BIG", E2BIG }, { "EBADF", EBADF }, { "EAGAIN", EAGAIN }, { "ENOMEM", ENOMEM },
	{ "EACCES", EACCES }, { "EFAULT", EFAULT }, { "EBUSY", EBUSY }, { "EEXIST", EEXIST }, { "ENODEV", ENODEV },
	{ "EINVAL", EINVAL }, { "ENFILE", ENFILE }, { "EMFILE", EMFILE }, { "ENOTTY", ENOTTY }, { "ENOSPC", ENOSPC },
	{ "EROFS", EROFS }, { "ENOSYS", ENOSYS }, { "ENOTSUP", ENOTSUP }, { "EOPNOTSUPP", EOPNOTSUPP },
	{ "EAFNOSUPPORT", EAFNOSUPPORT }, { "ECONNREFUSED", ECONNREFUSED }, { "ENETUNREACH", ENETUNREACH },
};

/* An errno by name or number (1-4095); 0 when it is neither. */
static int parse_errno(const char *s)
{
	size_t i;
	long v;
	for(i = 0; i < sizeof(errno_names) / sizeof(errno_names[0]); i++)
	{
		if(strcasecmp(s, errno_names[i].name) == 0)
		{
			return errno_names[i].value;
		}
	}
	return parse_number(s, 1, 4095, &v) == 0 ? (int)v : 0;
}

static const char *errno_name(int e)
{
	size_t i;
	for(i = 0; i < sizeof(errno_names) / sizeof(errno_names[0]); i++)
	{
		if(errno_names[i].value == e)
		{
			return errno_names[i].name;
		}
	}
	return NULL;
}

/* --rlimit NAME=VALUE */
static int parse_rlimit(const char *s, struct exile_launch_rlimit *out)
{
	static const struct
	{
		const char *name;
		int resource;
	} names[] = {
		{ "as", RLIMIT_AS }, { "core", RLIMIT_CORE }, { "cpu", RLIMIT_CPU }, { "data", RLIMIT_DATA },
		{ "fsize", RLIMIT_FSIZE }, { "locks", RLIMIT_LOCKS }, { "memlock", RLIMIT_MEMLOCK },
		{ "msgqueue", RLIMIT_MSGQUEUE }, { "nice", RLIMIT_NICE }, { "nofile", RLIMIT_NOFILE },
		{ "nproc", RLIMIT_NPROC }, { "rss", RLIMIT_RSS }, { "rtprio", RLIMIT_RTPRIO }, { "rttime", RLIMIT_RTTIME },
		{ "sigpending", RLIMIT_SIGPENDING }, { "stack", RLIMIT_STACK },
	};
	size_t n = strcspn(s, "="), i;
	const char *v = s + n + 1;
	char *end;
	unsigned long long x;
	if(s[n] != '=' || *v == '\0')
	{
		return -1;
	}
	for(i = 0; i < sizeof(names) / sizeof(names[0]); i++)
	{
		if(strlen(names[i].name) == n && strncasecmp(names[i].name, s, n) == 0)
		{
			break;
		}
	}
	if(i == sizeof(names) / sizeof(names[0]))
	{
		return -1;
	}
	out->resource = names[i].resource;
	if(strcmp(v, "unlimited") == 0 || strcmp(v, "infinity") == 0)
	{
		out->limit = (uint64_t)-1;
		return 0;
	}
	if(*v < '0' || *v > '9')
	{
		return -1;
	}
	errno = 0;
	x = strtoull(v, &end, 10);
	if(errno != 0)
	{
		return -1;
	}
	if(*end != '\0')
	{
		int shift = (*end == 'k' || *end == 'K') ? 10 : (*end == 'm' || *end == 'M') ? 20 : (*end == 'g' || *end == 'G') ? 30 : -1;
		if(shift < 0 || end[1] != '\0' || x > (~0ull >> shift))
		{
			return -1;
		}
		x <<= shift;
	}
	out->limit = (uint64_t)x;
	return 0;
}

/* --allow-syscall NAME, --deny-syscall NAME[:ERRNO] */
static int parse_rule(const char *s, int deny, struct rule *r)
{
	char name[64];
	size_t n = strcspn(s, ":");
	if(n == 0 || n >= sizeof(name) || (!deny && s[n] != '\0'))
	{
		return -1;
	}
	memcpy(name, s, n);
	name[n] = '\0';
	r->nr = exile_syscall_nr(name);
	r->deny = deny;
	r->errnum = 0;
	if(r->nr < 0)
	{
		return -1;
	}
	if(s[n] == ':' && (r->errnum = parse_errno(s + n + 1)) == 0)
	{
		return -2;
	}
	return 0;
}

static const struct option_doc *find_option(const char *name)
{
	size_t i;
	for(i = 0; i < N_OPTIONS; i++)
	{
		if(strcmp(options_table[i].name, name) == 0)
		{
			return &options_table[i];
		}
	}
	return NULL;
}

/* Returns 0, or an exit status (a usage error; 0 for --help and --version,
 * reported through *done). */
static int parse(int argc, char **argv, struct options *o, int *done)
{
	int i;
	memset(o, 0, sizeof(*o));
	*done = 0;
	for(i = 1; i < argc; i++)
	{
		const struct option_doc *d;
		const char *a = argv[i], *val = NULL;
		char name[32];
		size_t n;
		long num;
		int r;
		if(strcmp(a, "--") == 0)
		{
			i++;
			break;
		}
		if(strncmp(a, "--", 2) != 0)
		{
			break; /* PROGRAM */
		}
		/* --name=value or --name value */
		n = strcspn(a, "=");
		if(n >= sizeof(name))
		{
			return usage_error("unknown option %s", a);
		}
		memcpy(name, a, n);
		name[n] = '\0';
		if(a[n] == '=')
		{
			val = a + n + 1;
		}
		if((d = find_option(name)) == NULL)
		{
			return usage_error("unknown option %s", a);
		}
		if(d->arg == NULL)
		{
			if(val != NULL)
			{
				return usage_error("%s takes no value", name);
			}
		}
		else if(val == NULL)
		{
			if(i + 1 >= argc)
			{
				return usage_error("%s needs a value", name);
			}
			val = argv[++i];
		}
		if(o->nro >= MAX_LIST || o->nrw >= MAX_LIST || o->nex >= MAX_LIST || o->nconnect >= MAX_LIST || o->nbind >= MAX_LIST
			|| o->nkeep >= MAX_LIST || o->nsetenv >= MAX_LIST || o->nrules >= MAX_LIST || o->nrlimits >= MAX_LIST)
		{
			return usage_error("too many %s options", name);
		}
		if(d->id != OPT_VOWS && d->id != OPT_RO && d->id != OPT_RW && d->id != OPT_EXEC && d->id != OPT_CONNECT
			&& d->id != OPT_BIND && d->id != OPT_LEARN && d->id != OPT_VERIFY && d->id != OPT_EXPLAIN)
		{
			o->carry[o->ncarry++] = d->name;
			o->carry[o->ncarry++] = val; /* NULL for a flag */
		}
		switch(d->id)
		{
		case OPT_HELP:
			usage(stdout);
			*done = 1;
			return 0;
		case OPT_VERSION:
			printf("exile-run (exile.h) %d.%d.%d\n", EXILE_VERSION_MAJOR, EXILE_VERSION_MINOR, EXILE_VERSION_PATCH);
			*done = 1;
			return 0;
		case OPT_NO_NET: o->no_net = 1; break;
		case OPT_BEST_EFFORT: o->best_effort = 1; break;
		case OPT_CLEARENV: o->clearenv = 1; break;
		case OPT_EXPLAIN: o->explain = 1; break;
		case OPT_LEARN: o->learn = 1; break;
		case OPT_VERIFY: o->verify = 1; break;
		case OPT_LOG: o->log = 1; break;
		case OPT_NEW_SESSION: o->new_session = 1; break;
		case OPT_VOWS: o->vows = val; break;
		case OPT_RO:
		case OPT_RW:
		case OPT_EXEC:
			if(*val == '\0')
			{
				return usage_error("%s needs a path", name);
			}
			if(d->id == OPT_RO)
			{
				o->ro[o->nro++] = val;
			}
			else if(d->id == OPT_RW)
			{
				o->rw[o->nrw++] = val;
			}
			else
			{
				o->ex[o->nex++] = val;
			}
			break;
		case OPT_CONNECT:
		case OPT_BIND:
			if(parse_number(val, d->id == OPT_BIND ? 0 : 1, 65535, &num) != 0)
			{
				return usage_error(d->id == OPT_BIND ? "not a TCP port (0-65535): %s" : "not a TCP port (1-65535): %s", val);
			}
			if(d->id == OPT_CONNECT)
			{
				o->connect[o->nconnect++] = (int)num;
			}
			else
			{
				o->bind[o->nbind++] = (int)num;
			}
			break;
		case OPT_ALLOW_SYSCALL:
		case OPT_DENY_SYSCALL:
			r = parse_rule(val, d->id == OPT_DENY_SYSCALL, &o->rules[o->nrules]);
			if(r == -2)
			{
				return usage_error("not an errno name or number (1-4095) in \"%s\"", val);
			}
			if(r != 0)
			{
				return usage_error(d->id == OPT_DENY_SYSCALL ? "--deny-syscall needs NAME[:ERRNO] with a system call name, not \"%s\""
						: "--allow-syscall needs a system call name, not \"%s\"", val);
			}
			o->nrules++;
			break;
		case OPT_DENY_ACTION:
			if(strcmp(val, "kill") == 0)
			{
				o->deny_errno = 0;
			}
			else if((o->deny_errno = parse_errno(val)) == 0)
			{
				return usage_error("--deny-action takes kill or an errno (EPERM, ENOSYS, EACCES, a number), not \"%s\"", val);
			}
			break;
		case OPT_UNSHARE:
			if(parse_unshare(val, &o->unshare) != 0)
			{
				return usage_error("--unshare takes a list of user,mount,pid,net,ipc,uts,cgroup, not \"%s\"", val);
			}
			break;
		case OPT_KEEP_FD:
			if(parse_number(val, 0, INT_MAX, &num) != 0)
			{
				return usage_error("--keep-fd needs a file descriptor number, not \"%s\"", val);
			}
			o->keep[o->nkeep++] = (int)num;
			break;
		case OPT_SETENV:
			if(strchr(val, '=') == NULL || val[0] == '=')
			{
				return usage_error("--setenv needs NAME=VALUE, not \"%s\"", val);
			}
			o->setenv[o->nsetenv++] = val;
			break;
		case OPT_CHDIR:
			if(*val == '\0')
			{
				return usage_error("%s needs a directory", name);
			}
			o->chdir = val;
			break;
		case OPT_RLIMIT:
			if(parse_rlimit(val, &o->rlimits[o->nrlimits]) != 0)
			{
				return usage_error("--rlimit needs NAME=VALUE (as, core, cpu, data, fsize, nofile, nproc, stack, ...;"
						" a number with k/m/g, or unlimited), not \"%s\"", val);
			}
			o->nrlimits++;
			break;
		case OPT_TIMEOUT:
			if(parse_number(val, 1, 86400, &num) != 0)
			{
				return usage_error("--timeout needs seconds (1-86400), not \"%s\"", val);
			}
			o->timeout_s = (unsigned int)num;
			break;
		}
	}
	if(i >= argc)
	{
		return usage_error("%s", "no PROGRAM given");
	}
	if(o->verify && !o->learn)
	{
		return usage_error("%s", "--verify goes with --learn");
	}
	if(o->learn && o->log)
	{
		return usage_error("%s", "--learn runs the program unconfined: --log does not go with it");
	}
	if(o->learn && o->explain)
	{
		return usage_error("%s", "--learn and --explain do not go together");
	}
	o->argv = argv + i;
	return 0;
}

/* The vows of --vows: blanks or commas between the names. */
static uint64_t parse_vows(const char *s)
{
	char buf[1024];
	size_t i;
	snprintf(buf, sizeof(buf), "%s", s);
	for(i = 0; buf[i] != '\0'; i++)
	{
		if(buf[i] == ',')
		{
			buf[i] = ' ';
		}
	}
	return exile_vows_from_str(buf);
}

/* Finds PROGRAM the way a shell would. 0, or an exit status. */
static int resolve(const char *prog, char *out)
{
	const char *path = getenv("PATH");
	if(strchr(prog, '/') != NULL)
	{
		if(realpath(prog, out) == NULL)
		{
			fprintf(stderr, "exile-run: %s: %s\n", prog, strerror(errno));
			return errno == ENOENT ? EXIT_NOTFOUND : EXIT_NOEXEC;
		}
		return access(out, X_OK) == 0 ? 0 : (fprintf(stderr, "exile-run: %s: %s\n", prog, strerror(errno)), EXIT_NOEXEC);
	}
	for(path = path ? path : "/usr/local/bin:/usr/bin:/bin"; *path != '\0';)
	{
		size_t n = strcspn(path, ":");
		char cand[PATH_MAX];
		struct stat st;
		if(n > 0 && (size_t)snprintf(cand, sizeof(cand), "%.*s/%s", (int)n, path, prog) < sizeof(cand)
			&& stat(cand, &st) == 0 && S_ISREG(st.st_mode) && access(cand, X_OK) == 0 && realpath(cand, out) != NULL)
		{
			return 0;
		}
		path += n + (path[n] == ':');
	}
	fprintf(stderr, "exile-run: %s: command not found\n", prog);
	return EXIT_NOTFOUND;
}

/* Reads the ELF program headers of path: its loader (PT_INTERP) into
 * loader, "" for a static program. Returns 0 for an ELF file, 1 for a script
 * (its interpreter in interp), -1 for anything else. */
static int inspect_file(const char *path, char *loader, char *interp)
{
	Elf64_Ehdr eh;
	char line[256];
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC), i;
	loader[0] = '\0';
	if(fd < 0)
	{
		return -1;
	}
	n = pread(fd, line, sizeof(line) - 1, 0);
	if(n >= 2 && line[0] == '#' && line[1] == '!')
	{
		/* "#!" [blanks] interpreter [blanks argument] newline, as the kernel reads it */
		size_t s = 2, e;
		line[n] = '\0';
		while(line[s] == ' ' || line[s] == '\t')
		{
			s++;
		}
		e = s + strcspn(line + s, " \t\n");
		close(fd);
		if(e == s || e - s >= PATH_MAX)
		{
			return -1;
		}
		memcpy(interp, line + s, e - s);
		interp[e - s] = '\0';
		return 1;
	}
	if(pread(fd, &eh, sizeof(eh), 0) != (ssize_t)sizeof(eh) || memcmp(eh.e_ident, ELFMAG, SELFMAG) != 0)
	{
		close(fd);
		return -1;
	}
	for(i = 0; i < eh.e_phnum; i++)
	{
		Elf64_Phdr ph;
		if(pread(fd, &ph, sizeof(ph), (off_t)(eh.e_phoff + (Elf64_Off)i * eh.e_phentsize)) != (ssize_t)sizeof(ph))
		{
			break;
		}
		if(ph.p_type == PT_INTERP && ph.p_filesz < PATH_MAX)
		{
			if(pread(fd, loader, ph.p_filesz, (off_t)ph.p_offset) == (ssize_t)ph.p_filesz)
			{
				loader[ph.p_filesz] = '\0';
			}
			break;
		}
	}
	close(fd);
	return 0;
}

/* The loader of the program, through a script's "#!" levels (the kernel
 * follows at most 4): the preloaded second stage runs only where a dynamic
 * loader honours LD_PRELOAD. A script whose interpreter is static, or a
 * format this cannot read (binfmt_misc), counts as static: one filter with
 * exactly the given vows, never the wider start-up filter left in place. */
static void inspect(struct exec_plan *x)
{
	char file[PATH_MAX];
	int depth, kind;
	x->loader[0] = '\0';
	x->interp[0] = '\0';
	x->is_script = 0;
	snprintf(file, sizeof(file), "%s", x->path);
	for(depth = 0; depth < 5; depth++)
	{
		kind = inspect_file(file, x->loader, x->interp);
		if(kind != 1)
		{
			if(kind < 0)
			{
				x->loader[0] = '\0';
			}
			return;
		}
		x->is_script = 1;
		snprintf(file, sizeof(file), "%s", x->interp);
	}
	x->loader[0] = '\0';
}

static int is_dynamic(const struct exec_plan *x)
{
	return x->loader[0] != '\0';
}

/* The loader needs vows the program does not hold, so the supervisor grants
 * them until the preload says main() is next; else no preload at all. */
static uint64_t startup_vows_for(const struct exec_plan *x, uint64_t user_vows)
{
	return is_dynamic(x) ? (STARTUP_VOWS & ~user_vows) : 0;
}

/* the preload library: $EXILE_RUN_PRELOAD, else next to this executable
 * (the build tree), else in EXILE_RUN_LIBDIR (set by make install's build).
 * The loader splits LD_PRELOAD at blanks and colons and skips what it cannot
 * load: such a path would leave the program under the wide first filter, so
 * it is refused (-1 with errno EINVAL). */
static int find_preload(char *out)
{
	const char *env = getenv("EXILE_RUN_PRELOAD");
	char self[PATH_MAX];
	ssize_t n;
	char *slash;
	if(env != NULL)
	{
		snprintf(out, PATH_MAX, "%s", env);
	}
	else
	{
		n = readlink("/proc/self/exe", self, sizeof(self) - 1);
		if(n <= 0)
		{
			return -1;
		}
		self[n] = '\0';
		slash = strrchr(self, '/');
		if(slash == NULL || (size_t)(slash - self) + sizeof("/libexile-run-preload.so") > PATH_MAX)
		{
			return -1;
		}
		strcpy(slash, "/libexile-run-preload.so");
		strcpy(out, self);
#ifdef EXILE_RUN_LIBDIR
		/* installed: in the library directory make install put it in */
		if(access(out, R_OK) != 0)
		{
			snprintf(out, PATH_MAX, "%s", EXILE_RUN_LIBDIR "/libexile-run-preload.so");
		}
#endif
	}
	if(out[strcspn(out, " \t:")] != '\0')
	{
		errno = EINVAL;
		return -1;
	}
	return access(out, R_OK);
}

static char *strdup_printf(const char *fmt, const char *a, const char *b)
{
	size_t n = strlen(fmt) + strlen(a) + strlen(b);
	char *s = (char *)malloc(n);
	if(s != NULL)
	{
		snprintf(s, n, fmt, a, b);
	}
	return s;
}

/* The environment the program gets. */
static int build_env(const struct options *o, struct exec_plan *x, const char *preload, uint64_t vows)
{
	size_t n = 0, cap = 16, i, j;
	char **src = o->clearenv ? NULL : environ;
	char hex[32];
	for(i = 0; src != NULL && src[i] != NULL; i++)
	{
		cap++;
	}
	cap += o->nsetenv + 4;
	x->envp = (char **)calloc(cap, sizeof(char *));
	if(x->envp == NULL)
	{
		return -1;
	}
	for(i = 0; src != NULL && src[i] != NULL; i++)
	{
		int replaced = strncmp(src[i], "EXILE_RUN_", 10) == 0 || (x->preload && strncmp(src[i], "LD_PRELOAD=", 11) == 0);
		for(j = 0; j < o->nsetenv && !replaced; j++)
		{
			size_t k = strcspn(o->setenv[j], "=");
			replaced = strncmp(src[i], o->setenv[j], k + 1) == 0;
		}
		if(!replaced)
		{
			x->envp[n++] = src[i];
		}
	}
	for(j = 0; j < o->nsetenv; j++)
	{
		x->envp[n++] = (char *)o->setenv[j];
	}
	if(x->preload)
	{
		const char *user_preload = NULL;
		for(i = 0; i < n; i++)
		{
			if(strncmp(x->envp[i], "LD_PRELOAD=", 11) == 0)
			{
				user_preload = x->envp[i] + 11;
			}
		}
		for(i = 0; src != NULL && src[i] != NULL && user_preload == NULL; i++)
		{
			if(strncmp(src[i], "LD_PRELOAD=", 11) == 0)
			{
				user_preload = src[i] + 11;
			}
		}
		snprintf(hex, sizeof(hex), "%llx", (unsigned long long)vows);
		x->envp[n++] = strdup_printf("EXILE_RUN_VOWS=%s%s", hex, "");
		if(user_preload != NULL)
		{
			/* ours first; the user's come back once ours has run */
			x->envp[n++] = strdup_printf("LD_PRELOAD=%s:%s", preload, user_preload);
			x->envp[n++] = strdup_printf("EXILE_RUN_LD_PRELOAD=%s%s", user_preload, "");
		}
		else
		{
			x->envp[n++] = strdup_printf("LD_PRELOAD=%s%s", preload, "");
		}

	}
	x->envp[n] = NULL;
	return 0;
}

/* Adds the policy parts that are not vows. 0, or an exit status. */
static int add_confinement(const struct options *o, const struct exec_plan *x, const char *preload,
		struct exile_policy *p, int quiet)
{
	size_t i;
	int err = 0;
	p->best_effort = o->best_effort;
	p->namespace_options = o->unshare;
	for(i = 0; i < o->nrules; i++)
	{
		/* all in the one filter: the supervisor lets the loader's calls
		 * through whatever these say (startup_vows), until main() is next */
		unsigned int action = !o->rules[i].deny ? EXILE_SYSCALL_ALLOW
			: o->rules[i].errnum ? EXILE_SYSCALL_DENY_ERRNO(o->rules[i].errnum)
			: o->deny_errno ? EXILE_SYSCALL_DENY_ERRNO(o->deny_errno) : EXILE_SYSCALL_DENY_KILL_PROCESS;
		err |= exile_append_syscall_rule(p, o->rules[i].nr, action, NULL, 0);
	}
	/* --deny-action ERRNO is the supervisor's answer (log_errno), not the
	 * filter's: the loader's calls must still reach it (startup_vows) */
	if(o->no_net)
	{
		struct exile_arg_cmp inet = EXILE_ARG32_EQ(0, AF_INET), inet6 = EXILE_ARG32_EQ(0, AF_INET6);
		p->no_network = 1;
		err |= exile_append_syscall_rule(p, EXILE_SYS(socket), EXILE_SYSCALL_DENY_ERRNO(EACCES), &inet, 1);
		err |= exile_append_syscall_rule(p, EXILE_SYS(socket), EXILE_SYSCALL_DENY_ERRNO(EACCES), &inet6, 1);
	}
	for(i = 0; i < o->nkeep; i++)
	{
		err |= exile_keep_fd(p, o->keep[i]);
	}
	if(o->nro + o->nrw + o->nex > 0)
	{
		/* what an ordinary dynamically linked program needs to start */
		static const char *const base[] = { "/usr", "/lib", "/lib64", "/lib32", "/etc/ld.so.cache", "/etc/ld.so.preload" };
		for(i = 0; i < sizeof(base) / sizeof(base[0]); i++)
		{
			if(access(base[i], F_OK) == 0)
			{
				err |= exile_append_path_policies(p, EXILE_FS_ALLOW_ALL_READ, base[i]);
			}
		}
		err |= exile_append_path_policies(p, EXILE_FS_ALLOW_ALL_READ | EXILE_FS_ALLOW_EXEC, x->path);
		if(x->loader[0] != '\0')
		{
			err |= exile_append_path_policies(p, EXILE_FS_ALLOW_ALL_READ | EXILE_FS_ALLOW_EXEC, x->loader);
		}
		if(x->preload)
		{
			err |= exile_append_path_policies(p, EXILE_FS_ALLOW_ALL_READ, preload);
		}
		err |= exile_append_path_policies(p, EXILE_FS_ALLOW_ALL_READ | EXILE_FS_ALLOW_ALL_WRITE, "/dev/null");
		for(i = 0; i < o->nro; i++)
		{
			err |= exile_append_path_policies(p, EXILE_FS_ALLOW_ALL_READ, o->ro[i]);
		}
		for(i = 0; i < o->nrw; i++)
		{
			err |= exile_append_path_policies(p, EXILE_FS_ALLOW_ALL_READ | EXILE_FS_ALLOW_ALL_WRITE, o->rw[i]);
		}
		for(i = 0; i < o->nex; i++)
		{
			err |= exile_append_path_policies(p, EXILE_FS_ALLOW_ALL_READ | EXILE_FS_ALLOW_EXEC, o->ex[i]);
		}
	}
	for(i = 0; i < o->nconnect; i++)
	{
		err |= exile_append_net_policy(p, EXILE_NET_ALLOW_CONNECT, (uint16_t)o->connect[i]);
	}
	for(i = 0; i < o->nbind; i++)
	{
		err |= exile_append_net_policy(p, EXILE_NET_ALLOW_BIND, (uint16_t)o->bind[i]);
	}
	if(err != 0 && !quiet)
	{
		fprintf(stderr, "exile-run: cannot build the sandbox: %s\n", exile_last_error());
		return EXIT_SETUP;
	}
	return 0;
}

/* Runs in the sandboxed child, after the first filter is installed. */
static int exec_program(void *arg)
{
	struct exec_plan *x = (struct exec_plan *)arg;
	syscall(EXILE_SYS(execve), x->path, x->argv, x->envp);
	fprintf(stderr, "exile-run: cannot execute %s: %s\n", x->path, strerror(errno));
	return errno == ENOENT ? EXIT_NOTFOUND : EXIT_NOEXEC;
}

static void vow_list(uint64_t vows, char *out, size_t size)
{
	uint64_t bit;
	size_t len = 0;
	out[0] = '\0';
	for(bit = 1; bit != 0; bit <<= 1)
	{
		const char *name = (vows & bit) ? exile_vow_name(bit) : NULL;
		if(name != NULL && len < size)
		{
			len += (size_t)snprintf(out + len, size - len, "%s%s", len ? " " : "", name);
		}
	}
}

/* What would let the recorded call through: the vows it lacks (from
 * exile_vows_allowing), or why none would. */
static void what_allows(uint64_t vows, const struct exile_launch_status *st, char *out, size_t size)
{
	uint64_t need = exile_vows_allowing(st->syscall_nr, st->syscall_args);
	char list[256];
	if(need == EXILE_VOWS_NONE)
	{
		snprintf(out, size, "no vow allows it with these arguments");
	}
	else if((need & ~vows) == 0)
	{
		snprintf(out, size, "the vows allow it, so a --deny-syscall rule denied it");
	}
	else
	{
		exile_vows_to_str(need & ~vows, list, sizeof(list));
		snprintf(out, size, "%s \"%s\" would allow it", strchr(list, ' ') ? "the vows" : "the vow", list);
	}
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

/* What the program's environment holds, and what exile-run adds to it. */
static void explain_env(const struct options *o, const struct exec_plan *x)
{
	size_t n = 0, ours = 0, i;
	for(i = 0; x->envp[i] != NULL; i++)
	{
		if(strncmp(x->envp[i], "EXILE_RUN_", 10) == 0 || (x->preload && strncmp(x->envp[i], "LD_PRELOAD=", 11) == 0))
		{
			ours++;
		}
		else
		{
			n++;
		}
	}
	printf("environment: %zu variable%s (%s exile-run's%s%s)\n", n, n == 1 ? "" : "s",
			o->clearenv ? "none of" : "those of", o->nsetenv ? ", with --setenv" : "",
			o->clearenv ? "" : "; a variable named EXILE_RUN_* is not passed on");
	if(ours != 0)
	{
		printf("  and, for the start-up only, %zu of exile-run's own:", ours);
		for(i = 0; x->envp[i] != NULL; i++)
		{
			if(strncmp(x->envp[i], "EXILE_RUN_", 10) == 0 || strncmp(x->envp[i], "LD_PRELOAD=", 11) == 0)
			{
				printf(" %.*s", (int)strcspn(x->envp[i], "="), x->envp[i]);
			}
		}
		printf("\n  (the second stage removes them before main(), so the program and what it starts do not\n"
			"  see them, and puts back an LD_PRELOAD of the user's; /proc/PID/environ still shows them)\n");
	}
}

static void explain(const struct options *o, const struct exec_plan *x, const char *preload, struct exile_policy *first,
		uint64_t user_vows, uint64_t first_vows, int build_err)
{
	char list[512], *desc;
	size_t i;
	printf("program: %s (%s%s%s%s)\n", x->path, x->is_script ? "a script run by " : "", x->interp,
			x->is_script ? ", " : "", x->loader[0] ? "dynamically linked" : "statically linked");
	if(x->loader[0])
	{
		printf("  loader: %s\n", x->loader);
	}
	vow_list(first_vows, list, sizeof(list));
	printf("from execve until main():\n  vows \"%s\"%s\n", list,
			(user_vows & EXILE_SYSCALL_VOW_EXEC) ? "" : ", plus this one execve (its three pointer arguments pinned)");
	vow_list(user_vows, list, sizeof(list));
	if(x->preload)
	{
		printf("from main() on (the supervisor withdraws the loader's vows when %s says main() is next):\n  vows \"%s\"%s\n", preload, list,
				(user_vows & EXILE_SYSCALL_VOW_EXEC) ? "" : "; execve is denied");
		printf("  (a hostile program can run code before that constructor: its bound is the first stage)\n");
	}
	else if(is_dynamic(x))
	{
		printf("from main() on: the same vows (they hold what the loader needs: no start-up stage)%s\n",
				(user_vows & EXILE_SYSCALL_VOW_EXEC) ? "" : "; the pinned execve stays allowed, every other execve is denied");
	}
	else
	{
		printf("from main() on: the same filter (a static program has no loader stage)%s\n",
				(user_vows & EXILE_SYSCALL_VOW_EXEC) ? "" : "; the pinned execve stays allowed, every other execve is denied");
	}
	if(o->log)
	{
		printf("a call the vows do not allow fails with %s and the supervisor writes its line (--log); the program goes on\n",
				errno_name(o->deny_errno ? o->deny_errno : EPERM) ? errno_name(o->deny_errno ? o->deny_errno : EPERM) : "that errno");
	}
	else if(o->deny_errno != 0)
	{
		printf("a call the vows do not allow fails with %s (--deny-action); the program is not killed for it, and no line is written\n",
				errno_name(o->deny_errno) ? errno_name(o->deny_errno) : "that errno");
	}
	else
	{
		printf("a call the vows do not allow kills the program and all it started (exit status 159), after the supervisor's line\n");
	}
	if(o->new_session)
	{
		printf("session: a new one, without a controlling terminal (--new-session)\n");
	}
	if(o->unshare & EXILE_UNSHARE_PID)
	{
		printf("pid namespace: a new one; the program is PID 2 under a minimal init (PID 1) that reaps orphans and\n"
			"  passes on SIGTERM, SIGINT, SIGHUP and SIGQUIT sent to it from outside; when the program ends, the init\n"
			"  ends with its status and the kernel kills everything left in the namespace (the init is not dumpable,\n"
			"  has a Landlock domain and a seccomp filter of its own; the supervisor stays outside)\n");
	}
	for(i = 0; i < o->nrules; i++)
	{
		const char *sc = exile_syscall_name(o->rules[i].nr);
		int e = o->rules[i].errnum ? o->rules[i].errnum : o->deny_errno;
		if(!o->rules[i].deny)
		{
			printf("rule: %s is allowed whatever the vows say (--allow-syscall)\n", sc);
		}
		else
		{
			printf("rule: %s %s%s (--deny-syscall; from execve on, so a call the loader needs stops the start)\n", sc,
					e ? "fails with " : "kills the program", e ? (errno_name(e) ? errno_name(e) : "an errno") : "");
		}
	}
	for(i = 0; i < o->nrlimits; i++)
	{
		printf("resource limit %d: %llu (soft and hard)\n", o->rlimits[i].resource, (unsigned long long)o->rlimits[i].limit);
	}
	if(o->chdir != NULL)
	{
		printf("working directory: %s\n", o->chdir);
	}
	if(o->no_net)
	{
		printf("network: socket(AF_INET/AF_INET6) fails with EACCES (--no-net)%s\n", landlock_net_on_this_kernel()
				? "; Landlock also denies TCP bind/connect" : "; this kernel's Landlock has no TCP rules (ABI < 4)");
	}
	for(i = 0; i < o->nconnect; i++)
	{
		printf("network: TCP connect to port %d allowed\n", o->connect[i]);
	}
	for(i = 0; i < o->nbind; i++)
	{
		printf("network: TCP bind to port %d allowed\n", o->bind[i]);
	}
	printf("fds: the program starts with 0, 1, 2");
	for(i = 0; i < o->nkeep; i++)
	{
		size_t j;
		int dup = o->keep[i] <= 2 || fcntl(o->keep[i], F_GETFD) < 0; /* kept only if open here */
		for(j = 0; j < i && !dup; j++)
		{
			dup = o->keep[j] == o->keep[i];
		}
		if(!dup)
		{
			printf(", %d", o->keep[i]);
		}
	}
	printf(" open\n  (every other fd of exile-run is closed; denials are reported by the supervisor, which\n"
		"  holds the seccomp listener: the program has no channel to it)\n");
	explain_env(o, x);
	desc = exile_policy_describe(first);
	if(desc != NULL)
	{
		printf("exile_policy_describe() of the first stage:\n");
		for(i = 0; desc[i] != '\0'; i++)
		{
			if(i == 0 || desc[i - 1] == '\n')
			{
				fputs("  ", stdout);
			}
			putchar(desc[i]);
		}
		if(i > 0 && desc[i - 1] != '\n')
		{
			putchar('\n');
		}
		free(desc);
	}
	printf("this kernel: Landlock %s\n", exile_landlock_is_available() ? "available" : "not available");
	if(build_err)
	{
		printf("this build: the policy cannot be built: %s\n", exile_last_error());
		return;
	}
}

static int do_nothing(void *arg)
{
	(void)arg;
	return 0;
}

static volatile int learn_stop;

static void on_learn_stop(int sig)
{
	(void)sig;
	learn_stop = 1;
}

/* A growing string for the suggested command line. */
struct line
{
	char *s;
	size_t len, cap;
};

static void line_add(struct line *l, const char *s)
{
	size_t n = strlen(s);
	if(l->len + n + 1 > l->cap)
	{
		char *t;
		l->cap = (l->len + n + 1) * 2;
		t = (char *)realloc(l->s, l->cap);
		if(t == NULL)
		{
			perror("exile-run");
			exit(EXIT_SETUP);
		}
		l->s = t;
	}
	memcpy(l->s + l->len, s, n + 1);
	l->len += n;
}

/* One word, quoted for a POSIX shell where it needs it. */
static void line_word(struct line *l, const char *w)
{
	const char *p;
	int plain = *w != '\0';
	char c[2] = { 0, 0 };
	for(p = w; *p != '\0' && plain; p++)
	{
		plain = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || strchr("/._-+=:,@%", *p) != NULL;
	}
	line_add(l, " ");
	if(plain)
	{
		line_add(l, w);
		return;
	}
	line_add(l, "'");
	for(p = w; *p != '\0'; p++)
	{
		c[0] = *p;
		line_add(l, *p == '\'' ? "'\\''" : c);
	}
	line_add(l, "'");
}

/* Drops the paths of exile-run's own start-up (the preload library) from
 * what learning saw: exile-run adds them itself. */
static void learn_forget(struct exile_learn_result *res, const char *path)
{
	size_t i, k = 0;
	for(i = 0; i < res->npaths; i++)
	{
		if(path[0] != '\0' && strcmp(res->paths[i].path, path) == 0)
		{
			free(res->paths[i].path);
			continue;
		}
		res->paths[k++] = res->paths[i];
	}
	res->npaths = k;
}

/* --learn: the learning mode of exile.h over one unconfined run, then the
 * exile-run command line that this run needed; --verify runs it. */
static int learn(const struct options *o, const char *self)
{
	struct exile_learn_params lp;
	struct exile_learn_result res;
	struct exec_plan x;
	struct sigaction sa;
	struct line l;
	char *report, *args, preload[PATH_MAX] = "";
	size_t i;
	int rc;
	memset(&lp, 0, sizeof(lp));
	memset(&res, 0, sizeof(res));
	memset(&l, 0, sizeof(l));
	memset(&x, 0, sizeof(x));
	/* the program runs as exile-run would run it: the same file, environment
	 * and, for a dynamic one, the preload that ends its start-up (learning
	 * answers its exile_launch_started), whose calls count for the start-up
	 * vows, not for the program's */
	if((rc = resolve(o->argv[0], x.path)) != 0)
	{
		return rc;
	}
	inspect(&x);
	x.preload = is_dynamic(&x);
	if(x.preload && find_preload(preload) != 0)
	{
		fprintf(stderr, "exile-run: --learn: the second stage %s cannot be used (set EXILE_RUN_PRELOAD)\n", preload);
		return EXIT_SETUP;
	}
	if(build_env(o, &x, preload, 0) != 0)
	{
		perror("exile-run");
		return EXIT_SETUP;
	}
	lp.argv = o->argv;
	lp.envp = x.envp;
	lp.timeout_ms = o->timeout_s * 1000;
	lp.stop = &learn_stop;
	lp.startup_vows = is_dynamic(&x) ? STARTUP_VOWS : 0;
	/* ^C reaches the program (the same process group) and ends it; SIGTERM
	 * and SIGHUP reach exile-run only: either way the run ends and what it
	 * did so far is printed */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_learn_stop;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	if(exile_learn_run(&lp, &res) != 0)
	{
		fprintf(stderr, "exile-run: --learn: %s\n", exile_last_error());
		return EXIT_SETUP;
	}
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	signal(SIGHUP, SIG_DFL);
	learn_forget(&res, preload);
	report = exile_learn_result_describe(&res);
	args = exile_learn_result_args(&res, 1);
	if(report == NULL || args == NULL)
	{
		fprintf(stderr, "exile-run: --learn: %s\n", exile_last_error());
		free(report);
		exile_learn_result_free(&res);
		return EXIT_SETUP;
	}
	fputs(report, stderr);
	free(report);
	line_add(&l, strchr(self, '/') != NULL ? self : "exile-run");
	for(i = 0; i < o->ncarry; i += 2)
	{
		line_word(&l, o->carry[i]);
		if(o->carry[i + 1] != NULL)
		{
			line_word(&l, o->carry[i + 1]);
		}
	}
	line_add(&l, " ");
	line_add(&l, args);
	line_add(&l, " --");
	for(i = 0; o->argv[i] != NULL; i++)
	{
		line_word(&l, o->argv[i]);
	}
	free(args);
	fprintf(stderr, "exile-run: the command line this run needed%s:\n%s\n",
			res.timed_out || res.interrupted ? " (until it was stopped)" : "", l.s);
	rc = WIFEXITED(res.status) ? WEXITSTATUS(res.status) : 128 + WTERMSIG(res.status);
	if(res.timed_out)
	{
		rc = EXIT_TIMEOUT;
	}
	exile_learn_result_free(&res);
	if(o->verify)
	{
		int status = 0, vrc;
		pid_t pid;
		fflush(stdout);
		fflush(stderr);
		pid = fork();
		if(pid == 0)
		{
			execl("/bin/sh", "sh", "-c", l.s, (char *)NULL);
			_exit(127);
		}
		if(pid < 0 || waitpid(pid, &status, 0) != pid)
		{
			perror("exile-run: --verify");
			free(l.s);
			return EXIT_SETUP;
		}
		vrc = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
		fprintf(stderr, "exile-run: --verify: under that command line it %s %d; unconfined it %s %d: %s\n",
				vrc > 128 ? "ended with status" : "exited with", vrc, rc > 128 ? "ended with status" : "exited with", rc,
				vrc == rc ? "the same" : vrc == EXIT_SANDBOX ? "the sandbox killed it (see the line above)" : "they differ");
		rc = vrc;
	}
	free(l.s);
	return rc;
}

int main(int argc, char **argv)
{
	struct options o;
	struct exec_plan x;
	struct exile_policy *first;
	struct exile_launch_params params;
	struct exile_launch_result res;
	struct exile_launch_status st;
	char preload[PATH_MAX] = "";
	uint64_t user_vows, first_vows;
	int rc, build_err, done;
	const char *name;

	if((rc = parse(argc, argv, &o, &done)) != 0 || done)
	{
		return rc;
	}
	if(o.chdir != NULL && chdir(o.chdir) != 0)
	{
		fprintf(stderr, "exile-run: --chdir %s: %s\n", o.chdir, strerror(errno));
		return EXIT_SETUP;
	}
	if(o.learn)
	{
		return learn(&o, argv[0]);
	}
	memset(&x, 0, sizeof(x));
	if((rc = resolve(o.argv[0], x.path)) != 0)
	{
		return rc;
	}
	inspect(&x);
	x.argv = o.argv;
	user_vows = parse_vows(o.vows != NULL ? o.vows : "stdio rpath");
	if(user_vows & EXILE_SYSCALL_VOW_INVALID)
	{
		return usage_error("--vows: %s", exile_last_error());
	}
	x.preload = startup_vows_for(&x, user_vows) != 0;
	if(x.preload && find_preload(preload) != 0)
	{
		fprintf(stderr, "exile-run: the second stage %s %s %s\n", preload, errno == EINVAL
				? "has a blank or a colon in its path, which LD_PRELOAD cannot carry: install it elsewhere (or set EXILE_RUN_PRELOAD)"
				: "is missing (set EXILE_RUN_PRELOAD):", errno == EINVAL ? "" : strerror(errno));
		return EXIT_SETUP;
	}
	first_vows = user_vows | startup_vows_for(&x, user_vows); /* the loader reads and maps libraries */
	if(build_env(&o, &x, preload, user_vows) != 0)
	{
		perror("exile-run");
		return EXIT_SETUP;
	}

	/* the first stage: the whole policy, vows widened for the start-up */
	first = exile_init_policy();
	if(first == NULL)
	{
		return EXIT_SETUP;
	}
	/* the loader's vows are startup_vows: the supervisor withdraws them; --vows "" is the base set, not "no filter" */
	exile_append_vow_promises(first, user_vows);
	if(!(user_vows & EXILE_SYSCALL_VOW_EXEC))
	{
		struct exile_arg_cmp pinned[3] = { EXILE_ARG_EQ(0, (uintptr_t)x.path), EXILE_ARG_EQ(1, (uintptr_t)x.argv),
			EXILE_ARG_EQ(2, (uintptr_t)x.envp) };
		exile_append_syscall_rule(first, EXILE_SYS(execve), EXILE_SYSCALL_ALLOW, pinned, 3);
	}
	build_err = add_confinement(&o, &x, preload, first, o.explain);
	if(o.explain)
	{
		explain(&o, &x, preload, first, user_vows, first_vows, build_err);
		memset(&params, 0, sizeof(params));
		params.policy = first;
		params.func = do_nothing;
		if(!build_err)
		{
			size_t n;
			char *out = exile_launch_get(&params, &n);
			if(out != NULL)
			{
				printf("check: this policy can be enabled here (tried in a throw-away child)\n");
			}
			else
			{
				printf("check: this policy cannot be enabled here: %s\n", exile_last_error());
			}
			free(out);
		}
		exile_free_policy(first);
		return 0;
	}
	if(build_err)
	{
		return build_err;
	}

	memset(&params, 0, sizeof(params));
	params.policy = first;
	params.func = exec_program;
	/* the supervisor allows the loader's calls until the preloaded second
	 * stage says main() is next (exile_launch_started) */
	params.startup_vows = startup_vows_for(&x, user_vows);
	params.funcarg = &x;
	params.inherit_stdio = 1;
	params.timeout_ms = o.timeout_s * 1000;
	params.log_errno = o.log ? (o.deny_errno ? o.deny_errno : EPERM) : o.deny_errno;
	params.report_fd = o.log ? 0 : o.deny_errno ? -1 : 0; /* --deny-action alone: no lines */
	params.new_session = o.new_session;
	params.rlimits = o.rlimits;
	params.nrlimits = o.nrlimits;
	if(exile_launch(&params, &res) != 0)
	{
		fprintf(stderr, "exile-run: %s\n", exile_last_error());
		return EXIT_SETUP;
	}
	/* the program decides what a ^C means; exile-run waits for its end */
	signal(SIGINT, SIG_IGN);
	signal(SIGQUIT, SIG_IGN);
	exile_launch_wait(&res, &st);
	exile_free_policy(first);
	name = o.argv[0];
	if(st.setup_failed)
	{
		fprintf(stderr, "exile-run: cannot set up the sandbox: %s\n", exile_last_error());
		if(st.setup_error == -EBUSY && strstr(exile_last_error(), "one per filter chain") != NULL)
		{
			/* under exile-run --learn, or any supervisor: no fallback that would widen the vows */
			char list[256];
			vow_list(STARTUP_VOWS | user_vows, list, sizeof(list));
			fprintf(stderr, "exile-run: a process above this one holds a seccomp listener, so this exile-run has no supervisor; %s\n",
					o.log ? "--log needs one: run without --log here (a denied call then kills, without its line)"
					: "the loader's start-up needs one: give the program the vows its loader needs too, then a denied call kills without its line:");
			if(!o.log)
			{
				fprintf(stderr, "exile-run:   --vows \"%s\"\n", list);
			}
		}
		return EXIT_SETUP;
	}
	if(st.timed_out)
	{
		fprintf(stderr, "exile-run: %s ran longer than %u s and was killed\n", name, o.timeout_s);
		return EXIT_TIMEOUT;
	}
	if(st.signal == SIGSYS)
	{
		if(st.supervised && st.line[0] != '\0')
		{
			/* the supervisor has written the line; one more says who ended it */
			fprintf(stderr, "exile-run: %s was killed by the sandbox for that call (exit status 159)\n", name);
		}
		else if(st.syscall_nr >= 0)
		{
			char why[320];
			what_allows(user_vows, &st, why, sizeof(why));
			fprintf(stderr, "exile-run: %s was killed by the sandbox: %s (syscall %ld) is not allowed; %s\n", name,
					st.syscall_name ? st.syscall_name : "an unknown syscall", st.syscall_nr, why);
		}
		else
		{
			fprintf(stderr, "exile-run: %s was killed by SIGSYS%s (%s)\n", name,
					st.supervised ? "; the supervisor saw no denied call" : " for a call the sandbox denies",
					st.note[0] ? st.note : "a --deny-syscall kill rule, or a filter of its own");
		}
		return EXIT_SANDBOX;
	}
	if(st.signal != 0)
	{
		return 128 + st.signal;
	}
	return st.exit_code;
}
