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
 *   - dynamically linked (or a script whose interpreter is): a first filter that also holds
 *     stdio, rpath and prot_exec (the loader opens libraries and maps them
 *     executable) and seccomp_install,
 *     and LD_PRELOAD=libexile-run-preload.so, whose constructor stacks the
 *     final filter with exactly the given vows after the loader finished and
 *     before main(). --explain prints what the program ends up with.
 *
 * Exit status: the program's own; 128+N when a signal N killed it; 159
 * (128+SIGSYS) when the sandbox killed it, after one line on stderr naming
 * the denied syscall and the vow that would allow it (when known); 124 when
 * --timeout expired; 125 when the sandbox could not be set up; 126/127 when
 * the program cannot be executed / was not found; 2 for a usage error.
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
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#define EXIT_USAGE 2
#define EXIT_TIMEOUT 124
#define EXIT_SETUP 125
#define EXIT_NOEXEC 126
#define EXIT_NOTFOUND 127
#define EXIT_SANDBOX (128 + SIGSYS)

extern char **environ;

#define MAX_LIST 64

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
	int no_net, best_effort, clearenv, explain, learn, unshare;
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
	char report_env[64]; /* "EXILE_RUN_REPORT_FD=" filled in by the child */
};

static void usage(FILE *out)
{
	fprintf(out,
		"usage: exile-run [options] -- PROGRAM [ARGS...]\n"
		"Runs PROGRAM under an exile.h sandbox.\n"
		"  --vows \"V ...\"     vows the program keeps (default \"stdio rpath\"); see exile.h >>vows\n"
		"  --ro PATH          read-only access to PATH (Landlock; repeatable)\n"
		"  --rw PATH          read and write access to PATH (repeatable)\n"
		"  --exec PATH        read and execute access to PATH (repeatable)\n"
		"                     with any of these, the rest of the filesystem is out of reach except\n"
		"                     the program, its loader, /usr, /lib*, /etc/ld.so.cache (read) and /dev/null\n"
		"  --no-net           no network: IPv4/IPv6 sockets fail with EACCES (and Landlock denies TCP)\n"
		"  --connect PORT     allow TCP connections to PORT (Landlock; repeatable)\n"
		"  --bind PORT        allow binding TCP PORT (Landlock; repeatable)\n"
		"  --unshare LIST     new namespaces: user,mount,pid,net,ipc,uts,cgroup\n"
		"  --keep-fd N        leave fd N open (every other fd above 2 is closed)\n"
		"  --best-effort      enforce what this kernel supports instead of failing\n"
		"  --setenv K=V       set an environment variable (repeatable)\n"
		"  --clearenv         start from an empty environment\n"
		"  --timeout SECONDS  kill the program (and all it started) after SECONDS\n"
		"  --explain          print what PROGRAM would run under, then exit\n"
		"  --learn            run PROGRAM unconfined, record its syscalls and files, and print\n"
		"                     the vows and --ro/--rw lines that this one run needed\n"
		"  --help             this text\n"
		"exit status: PROGRAM's own; 128+N if signal N killed it; 159 if the sandbox killed it;\n"
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

/* Returns 0, or an exit status for a usage error. */
static int parse(int argc, char **argv, struct options *o)
{
	int i;
	memset(o, 0, sizeof(*o));
	for(i = 1; i < argc; i++)
	{
		const char *a = argv[i], *val = NULL;
		char name[32];
		size_t n;
		long num;
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
		if(strcmp(name, "--help") == 0)
		{
			usage(stdout);
			exit(0);
		}
		if(strcmp(name, "--no-net") == 0 || strcmp(name, "--best-effort") == 0 || strcmp(name, "--clearenv") == 0
			|| strcmp(name, "--explain") == 0 || strcmp(name, "--learn") == 0)
		{
			if(val != NULL)
			{
				return usage_error("%s takes no value", name);
			}
			*(strcmp(name, "--no-net") == 0 ? &o->no_net : strcmp(name, "--best-effort") == 0 ? &o->best_effort
				: strcmp(name, "--clearenv") == 0 ? &o->clearenv : strcmp(name, "--learn") == 0 ? &o->learn : &o->explain) = 1;
			continue;
		}
		if(strcmp(name, "--vows") != 0 && strcmp(name, "--ro") != 0 && strcmp(name, "--rw") != 0 && strcmp(name, "--exec") != 0
			&& strcmp(name, "--connect") != 0 && strcmp(name, "--bind") != 0 && strcmp(name, "--unshare") != 0
			&& strcmp(name, "--keep-fd") != 0 && strcmp(name, "--setenv") != 0 && strcmp(name, "--timeout") != 0)
		{
			return usage_error("unknown option %s", a);
		}
		if(val == NULL)
		{
			if(i + 1 >= argc)
			{
				return usage_error("%s needs a value", name);
			}
			val = argv[++i];
		}
		if(o->nro >= MAX_LIST || o->nrw >= MAX_LIST || o->nex >= MAX_LIST || o->nconnect >= MAX_LIST
			|| o->nbind >= MAX_LIST || o->nkeep >= MAX_LIST || o->nsetenv >= MAX_LIST)
		{
			return usage_error("too many %s options", name);
		}
		if(strcmp(name, "--vows") == 0)
		{
			o->vows = val;
		}
		else if(strcmp(name, "--ro") == 0 || strcmp(name, "--rw") == 0 || strcmp(name, "--exec") == 0)
		{
			if(*val == '\0')
			{
				return usage_error("%s needs a path", name);
			}
			if(name[2] == 'r' && name[3] == 'o')
			{
				o->ro[o->nro++] = val;
			}
			else if(name[2] == 'r')
			{
				o->rw[o->nrw++] = val;
			}
			else
			{
				o->ex[o->nex++] = val;
			}
		}
		else if(strcmp(name, "--connect") == 0 || strcmp(name, "--bind") == 0)
		{
			if(parse_number(val, 1, 65535, &num) != 0)
			{
				return usage_error("not a TCP port (1-65535): %s", val);
			}
			if(name[2] == 'c')
			{
				o->connect[o->nconnect++] = (int)num;
			}
			else
			{
				o->bind[o->nbind++] = (int)num;
			}
		}
		else if(strcmp(name, "--unshare") == 0)
		{
			if(parse_unshare(val, &o->unshare) != 0)
			{
				return usage_error("--unshare takes a list of user,mount,pid,net,ipc,uts,cgroup, not \"%s\"", val);
			}
		}
		else if(strcmp(name, "--keep-fd") == 0)
		{
			if(parse_number(val, 0, INT_MAX, &num) != 0)
			{
				return usage_error("--keep-fd needs a file descriptor number, not \"%s\"", val);
			}
			o->keep[o->nkeep++] = (int)num;
		}
		else if(strcmp(name, "--setenv") == 0)
		{
			if(strchr(val, '=') == NULL || val[0] == '=')
			{
				return usage_error("--setenv needs NAME=VALUE, not \"%s\"", val);
			}
			o->setenv[o->nsetenv++] = val;
		}
		else if(strcmp(name, "--timeout") == 0)
		{
			if(parse_number(val, 1, 86400, &num) != 0)
			{
				return usage_error("--timeout needs seconds (1-86400), not \"%s\"", val);
			}
			o->timeout_s = (unsigned int)num;
		}
	}
	if(i >= argc)
	{
		return usage_error("%s", "no PROGRAM given");
	}
	o->argv = argv + i;
	return 0;
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

/* the preload library: $EXILE_RUN_PRELOAD, else next to this executable.
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
	cap += o->nsetenv;
	x->envp = (char **)calloc(cap, sizeof(char *));
	if(x->envp == NULL)
	{
		return -1;
	}
	for(i = 0; src != NULL && src[i] != NULL; i++)
	{
		int replaced = strncmp(src[i], "EXILE_RUN_", 10) == 0 || (is_dynamic(x) && strncmp(src[i], "LD_PRELOAD=", 11) == 0);
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
	if(is_dynamic(x))
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
		if(o->no_net)
		{
			x->envp[n++] = (char *)"EXILE_RUN_NO_NET=1";
		}
		snprintf(x->report_env, sizeof(x->report_env), "EXILE_RUN_REPORT_FD=-1");
		x->envp[n++] = x->report_env;
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
		if(is_dynamic(x))
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

/* The vow that, added to vows, would let the recorded call through: found by
 * running the filter exile would build on the recorded arguments. */
static const char *vow_that_allows(uint64_t vows, const struct exile_launch_status *st)
{
	uint64_t bit;
	for(bit = 1; bit != ((uint64_t)1 << 62); bit <<= 1)
	{
		struct exile_policy *p;
		struct sock_fprog prog;
		struct seccomp_data d;
		uint32_t action = 0;
		int ok;
		if(exile_vow_name(bit) == NULL || (vows & bit))
		{
			continue;
		}
		p = exile_create_policy();
		if(p == NULL)
		{
			return NULL;
		}
		p->vow_promises = (vows | bit) & ~EXILE_SYSCALL_VOW_DENY_ERROR;
		ok = exile_syscall_policy_to_bpf(p, &prog) == 0;
		exile_free_policy(p);
		if(!ok)
		{
			continue;
		}
		memset(&d, 0, sizeof(d));
		d.nr = (int)st->syscall_nr;
		d.arch = AUDIT_ARCH_X86_64;
		memcpy(d.args, st->syscall_args, sizeof(d.args));
		ok = exile_bpf_simulate(&prog, &d, &action) >= 0 && (action & SECCOMP_RET_ACTION_FULL) == SECCOMP_RET_ALLOW;
		free(prog.filter);
		if(ok)
		{
			return exile_vow_name(bit);
		}
	}
	return NULL;
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

static void explain(const struct options *o, const struct exec_plan *x, const char *preload, struct exile_policy *first,
		uint64_t user_vows, uint64_t first_vows, int build_err)
{
	char list[512], *desc;
	size_t i;
	printf("program: %s (%s%s%s%s)\n", x->path, x->is_script ? "a script run by " : "", x->interp,
			x->is_script ? ", " : "", x->loader[0] ? "dynamically linked, loader " : "statically linked");
	if(x->loader[0])
	{
		printf("  loader: %s\n", x->loader);
	}
	vow_list(first_vows, list, sizeof(list));
	printf("from execve until main():\n  vows \"%s\"%s\n", list,
			(user_vows & EXILE_SYSCALL_VOW_EXEC) ? "" : ", plus this one execve (its three pointer arguments pinned)");
	vow_list(user_vows, list, sizeof(list));
	if(is_dynamic(x))
	{
		printf("from main() on (the supervisor withdraws the loader's vows when %s says main() is next):\n  vows \"%s\"%s\n", preload, list,
				(user_vows & EXILE_SYSCALL_VOW_EXEC) ? "" : "; execve is denied");
		printf("  (a hostile program can run code before that constructor: its bound is the first stage)\n");
	}
	else
	{
		printf("from main() on: the same filter (a static program has no loader stage)%s\n",
				(user_vows & EXILE_SYSCALL_VOW_EXEC) ? "" : "; the pinned execve stays allowed, every other execve is denied");
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
	printf("fds: 0, 1, 2");
	for(i = 0; i < o->nkeep; i++)
	{
		printf(", %d", o->keep[i]);
	}
	printf(" stay open; every other one is closed\n");
	printf("environment: %s%zu variable(s) set\n", o->clearenv ? "cleared, " : "", o->nsetenv);
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

/* --learn: the learning mode of exile.h over one unconfined run. */
static int learn(const struct options *o)
{
	struct exile_learn_result res;
	char *report;
	int rc;
	memset(&res, 0, sizeof(res));
	if(exile_learn_command(o->argv, &res) != 0)
	{
		fprintf(stderr, "exile-run: --learn: %s\n", exile_last_error());
		return EXIT_SETUP;
	}
	report = exile_learn_result_describe(&res);
	if(report == NULL)
	{
		fprintf(stderr, "exile-run: --learn: %s\n", exile_last_error());
		exile_learn_result_free(&res);
		return EXIT_SETUP;
	}
	fputs(report, stderr);
	free(report);
	{
		/* exile-run grants exec and prot_exec to the start-up (loader) itself */
		uint64_t v = res.vows & ~(EXILE_SYSCALL_VOW_EXEC | EXILE_SYSCALL_VOW_PROT_EXEC);
		size_t i;
		fprintf(stderr, "for exile-run: --vows \"");
		for(i = 0; i < 64; i++)
		{
			const char *n = (v >> i) & 1 ? exile_vow_name((uint64_t)1 << i) : NULL;
			if(n != NULL)
			{
				v &= ~((uint64_t)1 << i);
				fprintf(stderr, "%s%s", n, v ? " " : "");
			}
		}
		fprintf(stderr, "\" (exile-run lets the loader exec and map code; add exec or prot_exec only if the program itself needs them after main)\n");
	}
	rc = WIFEXITED(res.status) ? WEXITSTATUS(res.status) : 128 + WTERMSIG(res.status);
	exile_learn_result_free(&res);
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
	int rc, build_err;
	const char *name;

	if((rc = parse(argc, argv, &o)) != 0)
	{
		return rc;
	}
	if(o.learn)
	{
		return learn(&o);
	}
	memset(&x, 0, sizeof(x));
	if((rc = resolve(o.argv[0], x.path)) != 0)
	{
		return rc;
	}
	inspect(&x);
	x.argv = o.argv;
	user_vows = exile_vows_from_str(o.vows != NULL ? o.vows : "stdio rpath");
	if(user_vows & EXILE_SYSCALL_VOW_INVALID)
	{
		return usage_error("--vows: %s", exile_last_error());
	}
	if(is_dynamic(&x) && find_preload(preload) != 0)
	{
		fprintf(stderr, "exile-run: the second stage %s %s %s\n", preload, errno == EINVAL
				? "has a blank or a colon in its path, which LD_PRELOAD cannot carry: install it elsewhere (or set EXILE_RUN_PRELOAD)"
				: "is missing (set EXILE_RUN_PRELOAD):", errno == EINVAL ? "" : strerror(errno));
		return EXIT_SETUP;
	}
	first_vows = user_vows;
	if(is_dynamic(&x))
	{
		/* the loader reads and maps libraries; the second stage installs a filter */
		first_vows |= EXILE_SYSCALL_VOW_STDIO | EXILE_SYSCALL_VOW_RPATH | EXILE_SYSCALL_VOW_PROT_EXEC
			| EXILE_SYSCALL_VOW_SECCOMP_INSTALL;
	}
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
	first->vow_promises = user_vows; /* the loader's vows are startup_vows: the supervisor withdraws them */
	first->exile_flags |= EXILE__FLAG_VOWS_ACTIVE; /* --vows "" is the base set, not "no filter" */
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
	params.startup_vows = first_vows & ~user_vows;
	params.funcarg = &x;
	params.inherit_stdio = 1;
	params.timeout_ms = o.timeout_s * 1000;
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
		return EXIT_SETUP;
	}
	if(st.timed_out)
	{
		fprintf(stderr, "exile-run: %s ran longer than %u s and was killed\n", name, o.timeout_s);
		return EXIT_TIMEOUT;
	}
	if(st.signal == SIGSYS)
	{
		if(st.syscall_nr >= 0)
		{
			const char *vow = vow_that_allows(user_vows, &st);
			fprintf(stderr, "exile-run: %s was killed by the sandbox: %s (syscall %ld) is not allowed; %s%s%s\n", name,
					st.syscall_name ? st.syscall_name : "an unknown syscall", st.syscall_nr,
					vow ? "the vow \"" : "no vow allows it with these arguments", vow ? vow : "", vow ? "\" would allow it" : "");
		}
		else
		{
			fprintf(stderr, "exile-run: %s was killed by the sandbox (SIGSYS) for a syscall its vows do not allow; %s\n", name,
					is_dynamic(&x) ? "which one is not known (this build of exile.h has no report mode)"
					: "which one is not known (a static program cannot report it)");
		}
		return EXIT_SANDBOX;
	}
	if(st.signal != 0)
	{
		return 128 + st.signal;
	}
	return st.exit_code;
}
