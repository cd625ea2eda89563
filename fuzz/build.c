/* fuzz/build.c — the path, network, fd and rule builders: random sequences
 * of exile_append_path_policies (random flags; paths in a temporary tree:
 * files, directories, symlinks, dangling links, missing and over-long
 * names), exile_append_net_policy, exile_keep_fd, exile_append_syscall_rule
 * (any number, action, operator, argument index, count) and vow bits, then
 * exile_syscall_policy_to_bpf, exile_landlock_report and
 * exile_policy_describe. Properties:
 *   - never a crash, a leak or undefined behaviour;
 *   - each append returns what its documentation says: 0 for valid input,
 *     -EINVAL (-E2BIG for too many comparisons, the stat errno for a path
 *     that cannot be looked up) otherwise, with a message;
 *   - once an append failed, the policy never builds (-EINVAL);
 *   - a program that builds is one the kernel would load. */
#include "fuzz.h"
#include <sys/stat.h>

static char root[64];
static char *paths[16];
static size_t npaths;

static void add_path(const char *fmt, const char *arg)
{
	char buf[256];
	snprintf(buf, sizeof(buf), fmt, root, arg);
	paths[npaths++] = strdup(buf);
}

static void remove_tree(void)
{
	static const char *const names[] = { "dir/file", "link", "dangling" };
	char buf[256];
	size_t i;
	for(i = 0; i < FZ_N(names); i++)
	{
		snprintf(buf, sizeof(buf), "%s/%s", root, names[i]);
		unlink(buf);
	}
	snprintf(buf, sizeof(buf), "%s/dir", root);
	rmdir(buf);
	rmdir(root);
	for(i = 0; i + 1 < npaths; i++) /* the last is the static long name */
	{
		free(paths[i]);
	}
}

static void make_tree(void)
{
	char buf[256];
	static char longname[EXILE_PATH_MAX + 64];
	snprintf(root, sizeof(root), "/tmp/exile-fuzz-build.XXXXXX");
	if(mkdtemp(root) == NULL)
	{
		fz_fail("mkdtemp");
	}
	snprintf(buf, sizeof(buf), "%s/dir", root);
	mkdir(buf, 0755);
	snprintf(buf, sizeof(buf), "%s/dir/file", root);
	close(open(buf, O_CREAT | O_WRONLY, 0644));
	snprintf(buf, sizeof(buf), "%s/link", root);
	if(symlink("dir/file", buf) != 0)
	{
		fz_fail("symlink");
	}
	snprintf(buf, sizeof(buf), "%s/dangling", root);
	if(symlink("nowhere", buf) != 0)
	{
		fz_fail("symlink");
	}
	atexit(remove_tree);
	add_path("%s%s", "");
	add_path("%s/%s", "dir");
	add_path("%s/%s", "dir/file");
	add_path("%s/%s", "link");
	add_path("%s/%s", "dangling");
	add_path("%s/%s", "missing");
	add_path("%s/%s", "dir/file/below-a-file");
	add_path("%s/%s", "dir/../dir/./file");
	paths[npaths++] = strdup("/");
	paths[npaths++] = strdup("");
	paths[npaths++] = strdup("relative/name");
	paths[npaths++] = strdup("/proc/self/fd/0");
	memset(longname, 'a', sizeof(longname) - 1);
	longname[0] = '/';
	paths[npaths++] = longname;
}

/* The flags a path rule may hold: the public EXILE_FS_* bits. */
#define KNOWN_FS (EXILE_FS_ALLOW_ALL_READ | EXILE_FS_ALLOW_ALL_WRITE | EXILE_FS_ALLOW_EXEC | EXILE_FS_ALLOW_DEV \
		| EXILE_FS_ALLOW_SETUID | EXILE_MOUNT_NOT_REC | EXILE_FS_ALLOW_REMOVE_DIR | EXILE_FS_ALLOW_REMOVE_FILE \
		| EXILE_FS_ALLOW_MAKE_CHAR | EXILE_FS_ALLOW_MAKE_DIR | EXILE_FS_ALLOW_MAKE_REG | EXILE_FS_ALLOW_MAKE_SOCK \
		| EXILE_FS_ALLOW_MAKE_FIFO | EXILE_FS_ALLOW_MAKE_BLOCK | EXILE_FS_ALLOW_MAKE_SYM | EXILE_FS_ALLOW_WRITE_FILE \
		| EXILE_FS_ALLOW_READ_DIR | EXILE_FS_ALLOW_REMOVE | EXILE_FS_ALLOW_REFER | EXILE_FS_ALLOW_CONNECT_UNIX | EXILE_FS_OPTIONAL)

static int path_expect(const char *path, unsigned flags)
{
	struct stat st;
	if(stat(path, &st) == 0)
	{
		return 0;
	}
	return (errno == ENOENT && (flags & EXILE_FS_OPTIONAL)) ? 0 : -errno;
}

static int action_valid(unsigned a)
{
	return (a >= EXILE_SYSCALL_ALLOW && a <= EXILE_SYSCALL_LOG) || ((a & 0xFFFF0000u) == 0x10000u && (a & 0xFFFFu) >= 1 && (a & 0xFFFFu) <= 4095);
}

static void expect(int got, int want, const char *what)
{
	if(got != want)
	{
		fz_fail("%s: %d, documented %d", what, got, want);
	}
	if(got != 0 && exile_last_error()[0] == '\0')
	{
		fz_fail("%s failed without a message", what);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz f = { data, size, 0 };
	struct exile_policy *p;
	struct sock_fprog prog = { 0, NULL };
	struct exile_landlock_report rep;
	int failed = 0, ops, err;
	char *desc;
	if(npaths == 0)
	{
		make_tree();
	}
	p = (fz_u8(&f) & 1) ? exile_init_policy() : exile_create_policy();
	if(p == NULL)
	{
		fz_fail("allocating a policy");
	}
	for(ops = 0; ops < 24 && f.i < f.n; ops++)
	{
		uint8_t op = fz_u8(&f);
		switch(op % 8)
		{
		case 0: case 1: /* path rules */
		{
			unsigned flags = (op & 0x80) ? fz_u32(&f) : (fz_u32(&f) & KNOWN_FS);
			const char *a = paths[fz_u8(&f) % npaths], *b = paths[fz_u8(&f) % npaths];
			int want = (flags & ~KNOWN_FS) ? -EINVAL : path_expect(a, flags);
			if(op & 0x40)
			{
				if(want == 0)
				{
					want = path_expect(b, flags);
				}
				err = exile_append_path_policies(p, flags, a, b);
			}
			else
			{
				err = exile_append_path_policies(p, flags, a);
			}
			expect(err, want, "exile_append_path_policies");
			failed |= err != 0;
			break;
		}
		case 2: /* network rules */
		{
			unsigned flags = fz_u8(&f) % 6;
			uint16_t port = fz_u16(&f);
			err = exile_append_net_policy(p, flags, port);
			expect(err, (flags == 0 || (flags & ~3u)) ? -EINVAL : 0, "exile_append_net_policy");
			failed |= err != 0;
			break;
		}
		case 3: /* fds to keep (not a poisoning failure) */
		{
			int fd = (int)fz_u32(&f);
			expect(exile_keep_fd(p, fd), fd < 0 ? -EINVAL : 0, "exile_keep_fd");
			break;
		}
		case 4: case 5: /* structured rules */
		{
			struct exile_arg_cmp c[12];
			uint8_t shape = fz_u8(&f);
			long nr = (shape & 1) ? (long)(int32_t)fz_u32(&f) : (shape & 2) ? EXILE_SYSCALL_MATCH_ALL : fz_nr(&f);
			unsigned action = (shape & 4) ? fz_u32(&f) : fz_action(fz_u8(&f));
			size_t n = (shape >> 3) % 12, i;
			int bad = !action_valid(action) || (nr != EXILE_SYSCALL_MATCH_ALL && (nr < 0 || nr >= 0x40000000))
				|| (nr == EXILE_SYSCALL_MATCH_ALL && n != 0), big = n > EXILE_ARG_CMP_MAX;
			for(i = 0; i < n; i++)
			{
				uint8_t b = fz_u8(&f);
				c[i].arg = (unsigned char)(b % 7);
				c[i].op = (unsigned char)((b >> 3) % 9);
				c[i].is32 = (unsigned char)(b >> 7);
				c[i].value = fz_u64(&f);
				c[i].mask = fz_u64(&f);
				if(i < EXILE_ARG_CMP_MAX && (c[i].arg > 5 || c[i].op < EXILE_CMP_EQ || c[i].op > EXILE_CMP_MASKED_EQ))
				{
					bad = 1;
				}
				/* a masked comparison that can never match is refused */
				if(i < EXILE_ARG_CMP_MAX && c[i].op == EXILE_CMP_MASKED_EQ
					&& (c[i].value & ~c[i].mask & (c[i].is32 ? 0xFFFFFFFFu : ~(uint64_t)0)) != 0)
				{
					bad = 1;
				}
			}
			err = exile_append_syscall_rule(p, nr, action, n ? c : NULL, n);
			if(!bad && !big ? err != 0 : (err != -EINVAL && !(big && err == -E2BIG)))
			{
				fz_fail("exile_append_syscall_rule(nr %ld, action 0x%x, %zu comparisons): %d", nr, action, n, err);
			}
			failed |= err != 0;
			break;
		}
		case 6: /* vows */
			p->vow_promises |= (op & 0x80) ? fz_u64(&f) : exile_vows_from_str((op & 0x40) ? "stdio rpath inet" : "stdio");
			break;
		default: /* fields the filter view reads */
		{
			uint8_t b = fz_u8(&f);
			p->no_fs = b & 1;
			p->no_network = (b >> 1) & 1;
			p->best_effort = (b >> 2) & 1;
			p->disable_syscall_filter = (b >> 3) == 1;
			p->landlock_scopes = (b & 0x40) ? fz_u32(&f) : p->landlock_scopes;
			break;
		}
		}
	}
	err = exile_syscall_policy_to_bpf(p, &prog);
	if(failed && err != -EINVAL)
	{
		fz_fail("an append failed, yet building gives %d", err);
	}
	if(err == 0)
	{
		if(fz_kernel_accepts(prog.filter, prog.len) != 0)
		{
			fz_fail("a program the kernel would refuse");
		}
		free(prog.filter);
	}
	else if(prog.filter != NULL)
	{
		fz_fail("a failed build left a program");
	}
	exile_landlock_report(p, &rep);
	if(memchr(rep.summary, '\0', sizeof(rep.summary)) == NULL)
	{
		fz_fail("the Landlock summary is not terminated");
	}
	desc = exile_policy_describe(p);
	free(desc);
	exile_free_policy(p);
	return 0;
}
