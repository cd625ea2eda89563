/* tests/libc-probe.c — what exile.h means under a C library, printed so
 * that two builds can be compared line by line (make musl-check builds it
 * with glibc and with musl and diffs the output).
 *
 * 1. verdicts: for every vow alone (with stdio) and a few sets, the filter
 *    exile_syscall_policy_to_bpf() builds is run by exile_bpf_simulate() on
 *    every syscall number with argument patterns that matter (access modes,
 *    O_PATH, O_LARGEFILE, creation flags, PROT_EXEC, socket domains, ioctl
 *    requests); one checksum of the verdicts per set. The libc's own
 *    O_ACCMODE, O_LARGEFILE, ... must not change a verdict.
 * 2. behaviour: in forked children, the libc's own wrappers (open, fopen,
 *    opendir, stat, printf, socket, mmap, malloc/free, pthread) under vows;
 *    each line is the outcome (ok, an errno name, or the signal).
 * 3. nothing after the filter: a policy that kills every syscall but
 *    exit_group is enabled; the child survives only if exile made no
 *    syscall (no free() -> munmap, no close, no write) once it was in.
 */
#define _GNU_SOURCE
#define EXILE_IMPLEMENTATION
#define EXILE_LOG_ERROR(...) ((void)0)
#include "exile.h"

#include <dirent.h>
#include <pthread.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <termios.h>

static uint64_t fnv(uint64_t h, uint32_t v)
{
	int i;
	for(i = 0; i < 4; i++)
	{
		h ^= (v >> (8 * i)) & 0xFF;
		h *= 0x100000001b3ULL;
	}
	return h;
}

static const char *const sets[] = {
	"stdio", "stdio rpath", "stdio wpath", "stdio cpath", "stdio rpath wpath", "stdio rpath wpath cpath",
	"stdio dpath", "stdio fattr", "stdio chown", "stdio exec", "stdio prot_exec", "stdio clone", "stdio thread",
	"stdio proc", "stdio id", "stdio inet", "stdio unix", "stdio ioctl", "stdio fsnotify", "stdio sched",
	"stdio shm", "stdio prctl", "stdio seccomp_install", "stdio error", "stdio rpath wpath cpath inet unix error",
	"chown clone cpath dpath exec fattr fsnotify id inet ioctl prctl proc prot_exec rpath sched seccomp_install shm stdio thread unix wpath",
};

/* The kernel's values (x86_64), not the libc's: a libc-specific value of
 * these (musl's O_ACCMODE includes O_PATH, its O_LARGEFILE is 0100000) is
 * exactly what must not matter. */
static const uint64_t argvals[] = {
	0, 1, 2, 3, 0100, 01000, 02000, 0100000, 010000000, 020000000, 020200000, 010000001, 010000002,
	0100 | 01, 0100 | 04000, 04755, 02755, 0755, 0x4, 0x7, 0x5401 /* TCGETS */, 0x5412 /* TIOCSTI */,
	0x5413 /* TIOCGWINSZ */, 0x541B /* FIONREAD */, 0xC020660B /* FS_IOC_FIEMAP */, 0x40086602 /* FS_IOC_SETFLAGS */,
	-100 /* AT_FDCWD */, 0x1000 /* AT_EMPTY_PATH */, (uint64_t)1 << 32, 0x10000,
};

static void verdicts(void)
{
	size_t s, a, pos;
	for(s = 0; s < sizeof(sets) / sizeof(sets[0]); s++)
	{
		struct exile_policy *p = exile_create_policy();
		struct sock_fprog prog;
		uint64_t h = 0xcbf29ce484222325ULL;
		long nr;
		p->vow_promises = exile_vows_from_str(sets[s]);
		if(exile_syscall_policy_to_bpf(p, &prog) != 0)
		{
			printf("verdicts \"%s\": cannot build: %s\n", sets[s], exile_last_error());
			exile_free_policy(p);
			continue;
		}
		for(nr = 0; nr < 480; nr++)
		{
			for(pos = 0; pos < 4; pos++)
			{
				for(a = 0; a < sizeof(argvals) / sizeof(argvals[0]); a++)
				{
					struct seccomp_data d;
					uint32_t action = 0;
					memset(&d, 0, sizeof(d));
					d.nr = (int)nr;
					d.arch = AUDIT_ARCH_X86_64;
					d.args[pos] = argvals[a];
					if(pos == 0)
					{
						d.args[1] = argvals[a]; /* open(path, flags) with the path pointer in arg 0 */
						d.args[0] = 0x1000;
					}
					if(exile_bpf_simulate(&prog, &d, &action) < 0)
					{
						action = 0xFFFFFFFFu;
					}
					h = fnv(h, action);
				}
			}
		}
		printf("verdicts \"%s\": %u instructions, checksum %016llx\n", sets[s], (unsigned)prog.len, (unsigned long long)h);
		free(prog.filter);
		exile_free_policy(p);
	}
}

static int enable(const char *vows)
{
	struct exile_policy *p = exile_create_policy();
	p->no_new_privs = 1;
	p->vow_promises = exile_vows_from_str(vows);
	return exile_enable_policy(p);
}

static void *thread_fn(void *arg)
{
	return arg;
}

enum what
{
	W_OPEN_RDONLY, W_OPEN_PATH, W_OPEN_WRONLY, W_OPEN_RDWR, W_OPEN_CREAT, W_FOPEN_R, W_FOPEN_W, W_OPENDIR, W_STAT, W_PRINTF,
	W_SOCKET_INET, W_SOCKET_UNIX, W_MMAP_EXEC, W_MALLOC_BIG, W_PTHREAD, W_GETPID, W_TCGETATTR
};
static const struct
{
	const char *vows;
	enum what what;
	const char *name;
} behaviours[] = {
	{ "stdio", W_OPEN_RDONLY, "open(O_RDONLY)" }, { "stdio rpath", W_OPEN_RDONLY, "open(O_RDONLY)" },
	{ "stdio", W_OPEN_PATH, "open(O_PATH)" }, { "stdio rpath", W_OPEN_PATH, "open(O_PATH)" },
	{ "stdio wpath", W_OPEN_PATH, "open(O_PATH)" },
	{ "stdio rpath", W_OPEN_WRONLY, "open(O_WRONLY)" }, { "stdio wpath", W_OPEN_WRONLY, "open(O_WRONLY)" },
	{ "stdio wpath", W_OPEN_RDONLY, "open(O_RDONLY)" },
	{ "stdio rpath", W_OPEN_RDWR, "open(O_RDWR)" }, { "stdio rpath wpath", W_OPEN_RDWR, "open(O_RDWR)" },
	{ "stdio rpath wpath", W_OPEN_CREAT, "open(O_CREAT)" }, { "stdio rpath wpath cpath", W_OPEN_CREAT, "open(O_CREAT)" },
	{ "stdio", W_FOPEN_R, "fopen(r)" }, { "stdio rpath", W_FOPEN_R, "fopen(r)" },
	{ "stdio rpath", W_FOPEN_W, "fopen(w)" }, { "stdio rpath wpath cpath", W_FOPEN_W, "fopen(w)" },
	{ "stdio", W_OPENDIR, "opendir" }, { "stdio rpath", W_OPENDIR, "opendir" },
	{ "stdio", W_STAT, "stat" }, { "stdio rpath", W_STAT, "stat" },
	{ "stdio", W_PRINTF, "printf" },
	{ "stdio", W_SOCKET_INET, "socket(AF_INET)" }, { "stdio inet", W_SOCKET_INET, "socket(AF_INET)" },
	{ "stdio inet", W_SOCKET_UNIX, "socket(AF_UNIX)" }, { "stdio unix", W_SOCKET_UNIX, "socket(AF_UNIX)" },
	{ "stdio", W_MMAP_EXEC, "mmap(PROT_EXEC)" }, { "stdio prot_exec", W_MMAP_EXEC, "mmap(PROT_EXEC)" },
	{ "stdio", W_MALLOC_BIG, "malloc/free 4 MiB" }, { "stdio", W_PTHREAD, "pthread_create" },
	{ "stdio thread", W_PTHREAD, "pthread_create" }, { "stdio", W_GETPID, "getpid" }, { "stdio", W_TCGETATTR, "tcgetattr" },
};

static int behave(enum what w, const char *dir)
{
	char path[4096];
	int fd = -1, r = 0;
	snprintf(path, sizeof(path), "%s/file", dir);
	switch(w)
	{
	case W_OPEN_RDONLY: fd = open(path, O_RDONLY); break;
	case W_OPEN_PATH: fd = open(path, O_PATH); break;
	case W_OPEN_WRONLY: fd = open(path, O_WRONLY); break;
	case W_OPEN_RDWR: fd = open(path, O_RDWR); break;
	case W_OPEN_CREAT:
		snprintf(path, sizeof(path), "%s/new", dir);
		fd = open(path, O_WRONLY | O_CREAT, 0600);
		break;
	case W_FOPEN_R:
	case W_FOPEN_W:
	{
		FILE *f;
		if(w == W_FOPEN_W)
		{
			snprintf(path, sizeof(path), "%s/new", dir);
		}
		f = fopen(path, w == W_FOPEN_R ? "r" : "w");
		return f == NULL ? errno : 0;
	}
	case W_OPENDIR: return opendir(dir) == NULL ? errno : 0;
	case W_STAT:
	{
		struct stat st;
		return stat(path, &st) != 0 ? errno : 0;
	}
	case W_PRINTF:
		r = printf("printed\n") < 0 || fflush(stdout) != 0;
		return r ? errno : 0;
	case W_SOCKET_INET: fd = socket(AF_INET, SOCK_STREAM, 0); break;
	case W_SOCKET_UNIX: fd = socket(AF_UNIX, SOCK_STREAM, 0); break;
	case W_MMAP_EXEC:
		return mmap(NULL, 4096, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED ? errno : 0;
	case W_MALLOC_BIG:
	{
		char *m = (char *)malloc(4 << 20);
		if(m == NULL)
		{
			return ENOMEM;
		}
		m[0] = 1;
		free(m);
		return 0;
	}
	case W_PTHREAD:
	{
		pthread_t t;
		r = pthread_create(&t, NULL, thread_fn, NULL);
		/* refused either way: glibc passes the clone's EACCES on, musl says EAGAIN */
		return r != 0 ? -1 : pthread_join(t, NULL);
	}
	case W_GETPID: return getpid() > 0 ? 0 : EINVAL;
	case W_TCGETATTR:
	{
		struct termios t;
		return tcgetattr(0, &t) != 0 ? errno : 0;
	}
	}
	return fd < 0 ? errno : 0;
}

static void outcome(int status, char *out, size_t n)
{
	if(WIFSIGNALED(status))
	{
		snprintf(out, n, "killed by signal %d", WTERMSIG(status));
	}
	else if(WEXITSTATUS(status) == 0)
	{
		snprintf(out, n, "ok");
	}
	else if(WEXITSTATUS(status) == 255)
	{
		snprintf(out, n, "enabling failed");
	}
	else if(WEXITSTATUS(status) == 254)
	{
		snprintf(out, n, "denied");
	}
	else
	{
		snprintf(out, n, "errno %d", WEXITSTATUS(status)); /* the number: libcs word the same errno differently */
	}
}

static void behaviour(const char *dir)
{
	size_t i;
	for(i = 0; i < sizeof(behaviours) / sizeof(behaviours[0]); i++)
	{
		char vows[128], out[64];
		int status = 0, fds[2];
		pid_t pid;
		snprintf(vows, sizeof(vows), "%s error", behaviours[i].vows);
		fflush(stdout);
		if(pipe(fds) != 0)
		{
			return;
		}
		pid = fork();
		if(pid == 0)
		{
			int r;
			dup2(fds[1], 1);
			if(enable(vows) != 0)
			{
				_exit(255);
			}
			r = behave(behaviours[i].what, dir);
			_exit(r > 0 && r < 255 ? r : (r != 0 ? 254 : 0));
		}
		close(fds[1]);
		while(read(fds[0], out, sizeof(out)) > 0)
		{
		}
		close(fds[0]);
		waitpid(pid, &status, 0);
		outcome(status, out, sizeof(out));
		printf("behaviour \"%s\" %s: %s\n", vows, behaviours[i].name, out);
		/* and without "error": a denial kills */
		fflush(stdout);
		pid = fork();
		if(pid == 0)
		{
			int r, devnull = open("/dev/null", O_WRONLY);
			dup2(devnull, 1);
			if(enable(behaviours[i].vows) != 0)
			{
				_exit(255);
			}
			r = behave(behaviours[i].what, dir);
			_exit(r > 0 && r < 255 ? r : (r != 0 ? 254 : 0));
		}
		waitpid(pid, &status, 0);
		outcome(status, out, sizeof(out));
		printf("behaviour \"%s\" %s: %s\n", behaviours[i].vows, behaviours[i].name, out);
	}
}

/* Every syscall but exit_group kills: the child lives to exit 0 only if
 * exile_enable_policy() made no syscall once the filter was in. */
static void nothing_after_the_filter(void)
{
	static const char *const kinds[] = { "rules", "vows", "vows+report" };
	size_t k;
	for(k = 0; k < 3; k++)
	{
		int status = 0;
		pid_t pid;
		char out[64];
		fflush(stdout);
		pid = fork();
		if(pid == 0)
		{
			struct exile_policy *p = exile_create_policy();
			p->no_new_privs = 1;
			if(k == 0)
			{
				exile_append_syscall_policy(p, __NR_exit_group, EXILE_SYSCALL_ALLOW, NULL, 0);
				exile_append_syscall_default_policy(p, EXILE_SYSCALL_DENY_KILL_PROCESS);
			}
			else
			{
				/* one narrow vow: munmap, close, write all kill */
				p->vow_promises = exile_vows_from_str("seccomp_install");
				p->report_violations = k == 2;
			}
			if(exile_enable_policy(p) != 0)
			{
				syscall(__NR_exit_group, 3);
			}
			syscall(__NR_exit_group, 0);
		}
		waitpid(pid, &status, 0);
		outcome(status, out, sizeof(out));
		printf("nothing after the filter (%s): %s\n", kinds[k], out);
	}
}

int main(int argc, char **argv)
{
	if(argc != 2)
	{
		fprintf(stderr, "usage: %s DIR (a directory with a readable file \"file\")\n", argv[0]);
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("exile %s\n", exile_version());
	verdicts();
	behaviour(argv[1]);
	nothing_after_the_filter();
	return 0;
}
