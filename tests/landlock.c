/* tests/landlock.c — Landlock: path rules, no_fs, network rules, scopes, the filter rules that close its gaps, the report.
 * Part of the suite built by test.c (one translation unit); helpers in tests/harness.h. */

/* ------------------------------------------------------------------------ */
/* Each probe below runs in its own child: the child builds a policy of one
 * kind over a fresh tree under /tmp, enables it, runs one operation and exits
 * with its errno (0: it worked). */

#include <ftw.h>
#include <sys/un.h>
#include <arpa/inet.h>

struct ll_tree
{
	char base[64], ro[96], rw[96], rw2[96], out[96], x[96];
};

static int ll_abi(void)
{
	struct exile_landlock_report r;
	struct exile_policy *p = exile_create_policy();
	p->landlock_scopes = EXILE_LANDLOCK_SCOPE_SIGNAL | EXILE_LANDLOCK_SCOPE_IF_AVAILABLE;
	exile_landlock_report(p, &r);
	exile_free_policy(p);
	return r.abi;
}

#define LL_NEED_ABI(n, what) \
	do \
	{ \
		if(ll_abi() < (n)) \
		{ \
			printf("skipped: %s needs Landlock ABI %d, this kernel has %d\n", what, n, ll_abi()); \
			skip(); \
		} \
	} while(0)

static void ll_write_file(const char *path, const char *data, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, data, strlen(data)), (ssize_t)strlen(data));
	close(fd);
}

static void ll_copy_true(const char *dir)
{
	char buf[65536], path[128];
	ssize_t n;
	int in = open("/bin/true", O_RDONLY | O_CLOEXEC), out;
	snprintf(path, sizeof(path), "%s/true", dir);
	out = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0755);
	assert_true(in >= 0 && out >= 0);
	while((n = read(in, buf, sizeof(buf))) > 0)
	{
		assert_int_equal(write(out, buf, (size_t)n), n);
	}
	close(in);
	close(out);
}

/* base/{ro/f, ro/link -> ../out/secret, rw/f, rw/true, rw2, out/secret, x/true} */
static void ll_tree_make(struct ll_tree *t)
{
	char path[128];
	snprintf(t->base, sizeof(t->base), "/tmp/exile-ll.XXXXXX");
	assert_non_null(mkdtemp(t->base));
	chmod(t->base, 0755);
	snprintf(t->ro, sizeof(t->ro), "%s/ro", t->base);
	snprintf(t->rw, sizeof(t->rw), "%s/rw", t->base);
	snprintf(t->rw2, sizeof(t->rw2), "%s/rw2", t->base);
	snprintf(t->out, sizeof(t->out), "%s/out", t->base);
	snprintf(t->x, sizeof(t->x), "%s/x", t->base);
	assert_int_equal(mkdir(t->ro, 0755) | mkdir(t->rw, 0755) | mkdir(t->rw2, 0755) | mkdir(t->out, 0755) | mkdir(t->x, 0755), 0);
	snprintf(path, sizeof(path), "%s/f", t->ro);
	ll_write_file(path, "read-only data", 0644);
	snprintf(path, sizeof(path), "%s/f", t->rw);
	ll_write_file(path, "writable data", 0644);
	snprintf(path, sizeof(path), "%s/secret", t->out);
	ll_write_file(path, "secret", 0644);
	snprintf(path, sizeof(path), "%s/link", t->ro);
	assert_int_equal(symlink("../out/secret", path), 0);
	ll_copy_true(t->rw);
	ll_copy_true(t->x);
}

static int ll_rm(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	return flag == FTW_DP ? rmdir(path) : unlink(path);
}

static void ll_tree_remove(struct ll_tree *t)
{
	assert_int_equal(nftw(t->base, ll_rm, 16, FTW_DEPTH | FTW_PHYS), 0);
}

enum ll_kind
{
	LK_BASIC,   /* ro: read; rw, rw2: read+write; x: read+exec; system: read+exec; /dev/null: read */
	LK_NOREFER, /* as BASIC, but rw and rw2 may only create and remove regular files (no REFER) */
	LK_DEV,     /* as BASIC, and /dev/null also EXILE_FS_ALLOW_DEV */
};

enum ll_op
{
	OP_READ_RO, OP_WRITE_RO, OP_CREATE_RO, OP_UNLINK_RO, OP_TRUNCATE_RO, OP_MKDIR_RO, OP_OPEN_OUT,
	OP_SYMLINK_OUT, OP_WRITE_RW, OP_CREATE_RW, OP_UNLINK_RW, OP_TRUNCATE_RW, OP_RENAME_WITHIN, OP_RENAME_ACROSS,
	OP_LINK_ACROSS, OP_EXEC_X, OP_EXEC_RW, OP_IOCTL_DEVNULL, OP_PROC_REOPEN_OUT, OP_READ_PREOPENED_OUT,
	OP_PROC_REOPEN_RO, OP_PROC_REOPEN_RO_WRITE
};

struct ll_case
{
	const struct ll_tree *t;
	enum ll_kind kind;
	enum ll_op op;
};

static int ll_add_system(struct exile_policy *p)
{
	/* the last one is missing: EXILE_FS_OPTIONAL skips it when enabling */
	return exile_append_path_policies(p, EXILE_FS_ALLOW_ALL_READ | EXILE_FS_ALLOW_EXEC | EXILE_FS_OPTIONAL, "/usr", "/lib",
			"/lib64", "/bin", "/etc", "/nonexistent-exile-ll-optional");
}

static int ll_fs_child(void *arg)
{
	const struct ll_case *c = (const struct ll_case *)arg;
	const struct ll_tree *t = c->t;
	struct exile_policy *p = exile_create_policy();
	char a[160], b[160];
	int out_fd, ro_fd, fd, r;
	unsigned rw = c->kind == LK_NOREFER
		? EXILE_FS_ALLOW_ALL_READ | EXILE_FS_ALLOW_MAKE_REG | EXILE_FS_ALLOW_REMOVE_FILE | EXILE_FS_ALLOW_WRITE_FILE
		: EXILE_FS_ALLOW_ALL_READ | EXILE_FS_ALLOW_ALL_WRITE;
	p->no_new_privs = 1;
	snprintf(a, sizeof(a), "%s/secret", t->out);
	out_fd = open(a, O_RDONLY | O_CLOEXEC);
	snprintf(a, sizeof(a), "%s/f", t->ro);
	ro_fd = open(a, O_RDONLY | O_CLOEXEC);
	if(out_fd < 0 || ro_fd < 0 || ll_add_system(p) != 0 || exile_append_path_policies(p, EXILE_FS_ALLOW_ALL_READ, t->ro, "/proc") != 0
		|| exile_append_path_policies(p, rw, t->rw, t->rw2) != 0
		|| exile_append_path_policies(p, EXILE_FS_ALLOW_ALL_READ | EXILE_FS_ALLOW_EXEC, t->x) != 0
		|| exile_append_path_policies(p, EXILE_FS_ALLOW_ALL_READ | (c->kind == LK_DEV ? EXILE_FS_ALLOW_DEV : 0), "/dev/null") != 0)
	{
		return 101;
	}
	if(exile_enable_policy(p) != 0)
	{
		fprintf(stderr, "ll_fs_child: %s\n", exile_last_error());
		return EXIT_ENABLE_FAILED;
	}
	switch(c->op)
	{
	case OP_READ_RO:
		snprintf(a, sizeof(a), "%s/f", t->ro);
		fd = open(a, O_RDONLY);
		return fd < 0 ? errno : (read(fd, b, 4) == 4 ? 0 : 102);
	case OP_WRITE_RO:
		snprintf(a, sizeof(a), "%s/f", t->ro);
		return errno_of(open(a, O_WRONLY));
	case OP_CREATE_RO:
		snprintf(a, sizeof(a), "%s/new", t->ro);
		return errno_of(open(a, O_WRONLY | O_CREAT, 0644));
	case OP_UNLINK_RO:
		snprintf(a, sizeof(a), "%s/f", t->ro);
		return errno_of(unlink(a));
	case OP_TRUNCATE_RO:
		snprintf(a, sizeof(a), "%s/f", t->ro);
		return errno_of(truncate(a, 0));
	case OP_MKDIR_RO:
		snprintf(a, sizeof(a), "%s/d", t->ro);
		return errno_of(mkdir(a, 0755));
	case OP_OPEN_OUT:
		snprintf(a, sizeof(a), "%s/secret", t->out);
		return errno_of(open(a, O_RDONLY));
	case OP_SYMLINK_OUT:
		snprintf(a, sizeof(a), "%s/link", t->ro);
		return errno_of(open(a, O_RDONLY));
	case OP_WRITE_RW:
		snprintf(a, sizeof(a), "%s/f", t->rw);
		fd = open(a, O_WRONLY);
		return fd < 0 ? errno : (write(fd, "x", 1) == 1 ? 0 : 102);
	case OP_CREATE_RW:
		snprintf(a, sizeof(a), "%s/new", t->rw);
		return errno_of(open(a, O_WRONLY | O_CREAT, 0644));
	case OP_UNLINK_RW:
		snprintf(a, sizeof(a), "%s/f", t->rw);
		return errno_of(unlink(a));
	case OP_TRUNCATE_RW:
		snprintf(a, sizeof(a), "%s/f", t->rw);
		return errno_of(truncate(a, 0));
	case OP_RENAME_WITHIN:
		snprintf(a, sizeof(a), "%s/true", t->rw);
		snprintf(b, sizeof(b), "%s/true2", t->rw);
		return errno_of(rename(a, b));
	case OP_RENAME_ACROSS:
		snprintf(a, sizeof(a), "%s/f", t->rw);
		snprintf(b, sizeof(b), "%s/f", t->rw2);
		return errno_of(rename(a, b));
	case OP_LINK_ACROSS:
		snprintf(a, sizeof(a), "%s/f", t->rw);
		snprintf(b, sizeof(b), "%s/l", t->rw2);
		return errno_of(link(a, b));
	case OP_EXEC_X:
	case OP_EXEC_RW:
	{
		char *argv[] = { (char *)"true", NULL };
		snprintf(a, sizeof(a), "%s/true", c->op == OP_EXEC_X ? t->x : t->rw);
		execv(a, argv);
		return errno;
	}
	case OP_IOCTL_DEVNULL:
	{
		struct termios tio;
		fd = open("/dev/null", O_RDONLY);
		if(fd < 0)
		{
			return 102;
		}
		return errno_of(ioctl(fd, TCGETS, &tio));
	}
	case OP_READ_PREOPENED_OUT:
		return read(out_fd, b, 6) == 6 ? 0 : errno;
	case OP_PROC_REOPEN_OUT:
	case OP_PROC_REOPEN_RO:
	case OP_PROC_REOPEN_RO_WRITE:
		snprintf(a, sizeof(a), "/proc/self/fd/%d", c->op == OP_PROC_REOPEN_OUT ? out_fd : ro_fd);
		r = open(a, c->op == OP_PROC_REOPEN_RO_WRITE ? O_WRONLY : O_RDONLY);
		return errno_of(r);
	}
	return 103;
}

static int ll_run(const struct ll_tree *t, enum ll_kind kind, enum ll_op op)
{
	struct ll_case c;
	c.t = t;
	c.kind = kind;
	c.op = op;
	return in_child(ll_fs_child, &c);
}

static void landlock_read_only_dir_denies_write_create_unlink_truncate(void **state)
{
	struct ll_tree t;
	(void)state;
	LL_NEED_ABI(3, "truncate");
	ll_tree_make(&t);
	assert_int_equal(ll_run(&t, LK_BASIC, OP_READ_RO), 0);
	assert_int_equal(ll_run(&t, LK_BASIC, OP_WRITE_RO), EACCES);
	assert_int_equal(ll_run(&t, LK_BASIC, OP_CREATE_RO), EACCES);
	assert_int_equal(ll_run(&t, LK_BASIC, OP_UNLINK_RO), EACCES);
	assert_int_equal(ll_run(&t, LK_BASIC, OP_TRUNCATE_RO), EACCES);
	assert_int_equal(ll_run(&t, LK_BASIC, OP_MKDIR_RO), EACCES);
	assert_int_equal(ll_run(&t, LK_BASIC, OP_OPEN_OUT), EACCES);
	/* the neighbours in the writable directory work */
	assert_int_equal(ll_run(&t, LK_BASIC, OP_WRITE_RW), 0);
	assert_int_equal(ll_run(&t, LK_BASIC, OP_CREATE_RW), 0);
	assert_int_equal(ll_run(&t, LK_BASIC, OP_TRUNCATE_RW), 0);
	assert_int_equal(ll_run(&t, LK_BASIC, OP_UNLINK_RW), 0);
	ll_tree_remove(&t);
}

static void landlock_rename_and_link_across_dirs_need_refer(void **state)
{
	struct ll_tree t;
	(void)state;
	LL_NEED_ABI(2, "REFER");
	ll_tree_make(&t);
	assert_int_equal(ll_run(&t, LK_NOREFER, OP_RENAME_WITHIN), 0);
	assert_int_equal(ll_run(&t, LK_NOREFER, OP_RENAME_ACROSS), EXDEV);
	assert_int_equal(ll_run(&t, LK_NOREFER, OP_LINK_ACROSS), EXDEV);
	/* EXILE_FS_ALLOW_ALL_WRITE on both includes REFER */
	assert_int_equal(ll_run(&t, LK_BASIC, OP_LINK_ACROSS), 0);
	assert_int_equal(ll_run(&t, LK_BASIC, OP_RENAME_ACROSS), 0);
	ll_tree_remove(&t);
}

static void landlock_symlink_inside_pointing_outside_is_denied(void **state)
{
	struct ll_tree t;
	(void)state;
	LL_NEED_ABI(1, "path rules");
	ll_tree_make(&t);
	assert_int_equal(ll_run(&t, LK_BASIC, OP_SYMLINK_OUT), EACCES);
	ll_tree_remove(&t);
}

static void landlock_reopening_preopened_fd_through_proc_is_checked(void **state)
{
	struct ll_tree t;
	(void)state;
	LL_NEED_ABI(1, "path rules");
	ll_tree_make(&t);
	/* the fd itself keeps working: Landlock checks opens, not reads */
	assert_int_equal(ll_run(&t, LK_BASIC, OP_READ_PREOPENED_OUT), 0);
	assert_int_equal(ll_run(&t, LK_BASIC, OP_PROC_REOPEN_OUT), EACCES);
	assert_int_equal(ll_run(&t, LK_BASIC, OP_PROC_REOPEN_RO), 0);
	assert_int_equal(ll_run(&t, LK_BASIC, OP_PROC_REOPEN_RO_WRITE), EACCES);
	ll_tree_remove(&t);
}

static void landlock_exec_needs_exec_right(void **state)
{
	struct ll_tree t;
	(void)state;
	LL_NEED_ABI(1, "path rules");
	ll_tree_make(&t);
	assert_int_equal(ll_run(&t, LK_BASIC, OP_EXEC_X), 0);
	assert_int_equal(ll_run(&t, LK_BASIC, OP_EXEC_RW), EACCES);
	ll_tree_remove(&t);
}

static void landlock_device_ioctl_needs_dev_right(void **state)
{
	struct ll_tree t;
	(void)state;
	LL_NEED_ABI(5, "IOCTL_DEV");
	ll_tree_make(&t);
	assert_int_equal(ll_run(&t, LK_BASIC, OP_IOCTL_DEVNULL), EACCES);
	assert_int_equal(ll_run(&t, LK_DEV, OP_IOCTL_DEVNULL), ENOTTY);
	ll_tree_remove(&t);
}

/* ---- scopes ---- */

static int ll_abstract_listener(const char *name)
{
	struct sockaddr_un sa;
	int s = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	memset(&sa, 0, sizeof(sa));
	sa.sun_family = AF_UNIX;
	memcpy(sa.sun_path + 1, name, strlen(name));
	if(s < 0 || bind(s, (struct sockaddr *)&sa, (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + strlen(name))) != 0
		|| listen(s, 4) != 0)
	{
		return -1;
	}
	return s;
}

static int ll_abstract_connect(const char *name)
{
	struct sockaddr_un sa;
	int s = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	memset(&sa, 0, sizeof(sa));
	sa.sun_family = AF_UNIX;
	memcpy(sa.sun_path + 1, name, strlen(name));
	if(s < 0)
	{
		return 102;
	}
	return errno_of(connect(s, (struct sockaddr *)&sa, (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + strlen(name))));
}

/* arg NULL: connect to a listener made before enabling; else after */
static int ll_abstract_child(void *arg)
{
	struct exile_policy *p = exile_create_policy();
	char name[64];
	snprintf(name, sizeof(name), "exile-ll-%d", (int)getpid());
	p->no_new_privs = 1;
	p->landlock_scopes = EXILE_LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET;
	if(arg == NULL && ll_abstract_listener(name) < 0)
	{
		return 101;
	}
	if(exile_enable_policy(p) != 0)
	{
		return EXIT_ENABLE_FAILED;
	}
	if(arg != NULL && ll_abstract_listener(name) < 0)
	{
		return 101;
	}
	return ll_abstract_connect(name);
}

static void landlock_scope_blocks_abstract_unix_outside(void **state)
{
	(void)state;
	LL_NEED_ABI(6, "scopes");
	assert_int_equal(in_child(ll_abstract_child, NULL), EPERM);
	assert_int_equal(in_child(ll_abstract_child, (void *)"inside"), 0);
}

/* arg: 0 scope on, kill the parent; 1 scope on, kill itself; 2 exile_init_policy, kill the parent; 3 create_policy */
static int ll_signal_child(void *arg)
{
	int mode = (int)(intptr_t)arg;
	struct exile_policy *p = mode == 2 ? exile_init_policy() : exile_create_policy();
	p->no_new_privs = 1;
	if(mode < 2)
	{
		p->landlock_scopes = EXILE_LANDLOCK_SCOPE_SIGNAL;
	}
	if(exile_enable_policy(p) != 0)
	{
		return EXIT_ENABLE_FAILED;
	}
	return errno_of(kill(mode == 1 ? getpid() : getppid(), 0));
}

static void landlock_scope_blocks_signals_outside(void **state)
{
	(void)state;
	LL_NEED_ABI(6, "scopes");
	assert_int_equal(in_child(ll_signal_child, (void *)0), EPERM);
	assert_int_equal(in_child(ll_signal_child, (void *)1), 0);
	/* exile_init_policy asks for both scopes where the kernel has them */
	assert_int_equal(in_child(ll_signal_child, (void *)2), EPERM);
	assert_int_equal(in_child(ll_signal_child, (void *)3), 0);
}

/* ---- network ---- */

static int ll_listener(uint16_t *port)
{
	struct sockaddr_in sa;
	socklen_t len = sizeof(sa);
	int s = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if(s < 0 || bind(s, (struct sockaddr *)&sa, sizeof(sa)) != 0 || listen(s, 4) != 0
		|| getsockname(s, (struct sockaddr *)&sa, &len) != 0)
	{
		return -1;
	}
	*port = ntohs(sa.sin_port);
	return s;
}

/* connect (bind == 0) or bind an existing or new socket to 127.0.0.1:port */
static int ll_tcp(int s, uint16_t port, int bind_it)
{
	struct sockaddr_in sa;
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	sa.sin_port = htons(port);
	if(s < 0 && (s = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0)
	{
		return errno;
	}
	return errno_of(bind_it ? bind(s, (struct sockaddr *)&sa, sizeof(sa)) : connect(s, (struct sockaddr *)&sa, sizeof(sa)));
}

/* 0: connect to the allowed port; 1: to another; 2: bind the allowed port; 3: bind another */
static int ll_net_child(void *arg)
{
	int mode = (int)(intptr_t)arg;
	uint16_t allowed, other, free_port;
	struct exile_policy *p = exile_create_policy();
	int tmp;
	p->no_new_privs = 1;
	if(ll_listener(&allowed) < 0 || ll_listener(&other) < 0 || (tmp = ll_listener(&free_port)) < 0)
	{
		return 101;
	}
	close(tmp);
	if(exile_append_net_policy(p, EXILE_NET_ALLOW_CONNECT, allowed) != 0
		|| exile_append_net_policy(p, EXILE_NET_ALLOW_BIND, free_port) != 0)
	{
		return 102;
	}
	if(exile_enable_policy(p) != 0)
	{
		fprintf(stderr, "ll_net_child: %s\n", exile_last_error());
		return EXIT_ENABLE_FAILED;
	}
	switch(mode)
	{
	case 0: return ll_tcp(-1, allowed, 0);
	case 1: return ll_tcp(-1, other, 0);
	case 2: return ll_tcp(-1, free_port, 1);
	default: return ll_tcp(-1, other, 1);
	}
}

static void landlock_tcp_connect_and_bind_only_on_allowed_ports(void **state)
{
	(void)state;
	LL_NEED_ABI(4, "TCP rules");
	assert_int_equal(in_child(ll_net_child, (void *)0), 0);
	assert_int_equal(in_child(ll_net_child, (void *)1), EACCES);
	assert_int_equal(in_child(ll_net_child, (void *)2), 0);
	assert_int_equal(in_child(ll_net_child, (void *)3), EACCES);
}

enum { NN_UDP_SENDTO, NN_TCP_SOCKET, NN_RAW, NN_NETLINK, NN_PACKET, NN_IO_URING, NN_UNIX, NN_HELD_TCP_CONNECT, NN_SOCKETPAIR };

static int ll_no_network_child(void *arg)
{
	int mode = (int)(intptr_t)arg, held = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0), sv[2], s;
	uint16_t port;
	struct exile_policy *p = exile_create_policy();
	struct sockaddr_in sa;
	p->no_new_privs = 1;
	p->no_network = 1;
	if(held < 0 || ll_listener(&port) < 0)
	{
		return 101;
	}
	if(exile_enable_policy(p) != 0)
	{
		fprintf(stderr, "ll_no_network_child: %s\n", exile_last_error());
		return EXIT_ENABLE_FAILED;
	}
	switch(mode)
	{
	case NN_UDP_SENDTO:
		memset(&sa, 0, sizeof(sa));
		sa.sin_family = AF_INET;
		sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		sa.sin_port = htons(port);
		if((s = socket(AF_INET, SOCK_DGRAM, 0)) < 0)
		{
			return errno;
		}
		return errno_of(sendto(s, "x", 1, 0, (struct sockaddr *)&sa, sizeof(sa)));
	case NN_TCP_SOCKET: return errno_of(socket(AF_INET6, SOCK_STREAM, 0));
	case NN_RAW: return errno_of(socket(AF_INET, SOCK_RAW, IPPROTO_ICMP));
	case NN_NETLINK: return errno_of(socket(AF_NETLINK, SOCK_RAW, 0));
	case NN_PACKET: return errno_of(socket(AF_PACKET, SOCK_DGRAM, 0));
	case NN_IO_URING: return errno_of(syscall(__NR_io_uring_setup, 1, NULL));
	case NN_UNIX: return errno_of(socket(AF_UNIX, SOCK_DGRAM, 0));
	case NN_SOCKETPAIR: return errno_of(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	default: return ll_tcp(held, port, 0);
	}
}

static void landlock_no_network_refuses_every_socket_but_unix(void **state)
{
	(void)state;
	assert_int_equal(in_child(ll_no_network_child, (void *)NN_UDP_SENDTO), EACCES);
	assert_int_equal(in_child(ll_no_network_child, (void *)NN_TCP_SOCKET), EACCES);
	assert_int_equal(in_child(ll_no_network_child, (void *)NN_RAW), EACCES);
	assert_int_equal(in_child(ll_no_network_child, (void *)NN_NETLINK), EACCES);
	assert_int_equal(in_child(ll_no_network_child, (void *)NN_PACKET), EACCES);
	assert_int_equal(in_child(ll_no_network_child, (void *)NN_IO_URING), EPERM); /* io_uring's errno in every filter */
	assert_int_equal(in_child(ll_no_network_child, (void *)NN_UNIX), 0);
	assert_int_equal(in_child(ll_no_network_child, (void *)NN_SOCKETPAIR), 0);
	LL_NEED_ABI(4, "TCP rules for sockets held before enabling");
	assert_int_equal(in_child(ll_no_network_child, (void *)NN_HELD_TCP_CONNECT), EACCES);
}

/* ---- no_fs ---- */

/* 0: open a file; 1: open "."; 2: exec; 3: fds 0-2 still work */
static int ll_no_fs_child(void *arg)
{
	int mode = (int)(intptr_t)arg;
	struct exile_policy *p = exile_init_policy();
	char *argv[] = { (char *)"true", NULL };
	p->no_fs = 1;
	if(exile_enable_policy(p) != 0)
	{
		fprintf(stderr, "ll_no_fs_child: %s\n", exile_last_error());
		return EXIT_ENABLE_FAILED;
	}
	switch(mode)
	{
	case 0: return errno_of(open("/etc/passwd", O_RDONLY));
	case 1: return errno_of(open(".", O_RDONLY | O_DIRECTORY));
	case 2: execv("/bin/true", argv); return errno;
	default:
		return fcntl(0, F_GETFD) >= 0 && fcntl(1, F_GETFD) >= 0 && fcntl(2, F_GETFD) >= 0 && write(1, "", 0) == 0 ? 0 : 102;
	}
}

static void landlock_no_fs_denies_every_path_keeps_stdio(void **state)
{
	(void)state;
	LL_NEED_ABI(3, "no_fs");
	assert_int_equal(in_child(ll_no_fs_child, (void *)0), EACCES);
	assert_int_equal(in_child(ll_no_fs_child, (void *)1), EACCES);
	assert_int_equal(in_child(ll_no_fs_child, (void *)2), EACCES);
	assert_int_equal(in_child(ll_no_fs_child, (void *)3), 0);
}

/* ---- Landlock's gaps, closed by the filter ---- */

enum { GAP_CHMOD, GAP_CHMOD_SETUID, GAP_CHOWN, GAP_UTIME, GAP_SETXATTR, GAP_CREATE_SETUID, GAP_CREATE };
struct ll_gap
{
	const struct ll_tree *t;
	int how; /* 0: path rules only; 1: plus an explicit rule allowing chmod; 2: plus vows with fattr */
	int op;
};

static int ll_gap_child(void *arg)
{
	const struct ll_gap *g = (const struct ll_gap *)arg;
	struct exile_policy *p = exile_create_policy();
	char f[160], n[160];
	p->no_new_privs = 1;
	if(exile_append_path_policies(p, EXILE_FS_ALLOW_ALL_READ | EXILE_FS_ALLOW_ALL_WRITE, g->t->rw) != 0)
	{
		return 101;
	}
	if(g->how == 1 && (exile_append_syscall_policy(p, EXILE_SYS(chmod), EXILE_SYSCALL_ALLOW, NULL, 0) != 0
		|| exile_append_syscall_default_policy(p, EXILE_SYSCALL_ALLOW) != 0))
	{
		return 102;
	}
	if(g->how == 2)
	{
		p->vow_promises = exile_vows_from_str("stdio rpath wpath cpath fattr error");
	}
	if(exile_enable_policy(p) != 0)
	{
		fprintf(stderr, "ll_gap_child: %s\n", exile_last_error());
		return EXIT_ENABLE_FAILED;
	}
	snprintf(f, sizeof(f), "%s/f", g->t->rw);
	snprintf(n, sizeof(n), "%s/n", g->t->rw);
	switch(g->op)
	{
	case GAP_CHMOD: return errno_of(chmod(f, 0600));
	case GAP_CHMOD_SETUID: return errno_of(chmod(f, 04755));
	case GAP_CHOWN: return errno_of(chown(f, getuid(), (gid_t)-1));
	case GAP_UTIME: return errno_of(utimensat(AT_FDCWD, f, NULL, 0));
	case GAP_SETXATTR: return errno_of(syscall(__NR_setxattr, f, "user.exile", "x", 1, 0));
	case GAP_CREATE_SETUID: return errno_of(open(n, O_WRONLY | O_CREAT, 04755));
	default: return errno_of(open(n, O_WRONLY | O_CREAT, 0644));
	}
}

static int ll_gap(const struct ll_tree *t, int how, int op)
{
	struct ll_gap g;
	g.t = t;
	g.how = how;
	g.op = op;
	return in_child(ll_gap_child, &g);
}

static void landlock_gaps_chmod_chown_xattr_utime_closed_by_filter(void **state)
{
	struct ll_tree t;
	(void)state;
	LL_NEED_ABI(3, "path rules");
	ll_tree_make(&t);
	/* path rules, no vows: the families fail, creating works */
	assert_int_equal(ll_gap(&t, 0, GAP_CHMOD), EACCES);
	assert_int_equal(ll_gap(&t, 0, GAP_CHOWN), EACCES);
	assert_int_equal(ll_gap(&t, 0, GAP_UTIME), EACCES);
	assert_int_equal(ll_gap(&t, 0, GAP_SETXATTR), EACCES);
	assert_int_equal(ll_gap(&t, 0, GAP_CREATE_SETUID), EACCES);
	assert_int_equal(ll_gap(&t, 0, GAP_CREATE), 0);
	/* an explicit rule allows chmod, but never set-id bits */
	assert_int_equal(ll_gap(&t, 1, GAP_CHMOD), 0);
	assert_int_equal(ll_gap(&t, 1, GAP_CHMOD_SETUID), EACCES);
	/* with vows, fattr decides (and refuses set-id bits) */
	assert_int_equal(ll_gap(&t, 2, GAP_CHMOD), 0);
	assert_int_equal(ll_gap(&t, 2, GAP_CHMOD_SETUID), EACCES);
	ll_tree_remove(&t);
}

static void landlock_extra_filter_rules_show_in_to_bpf(void **state)
{
	struct exile_policy *p = exile_create_policy();
	struct sock_fprog prog;
	(void)state;
	p->no_network = 1;
	assert_int_equal(exile_syscall_policy_to_bpf(p, &prog), 0);
	assert_int_equal(sim(&prog, __NR_socket, AF_INET, SOCK_DGRAM, 0, NULL), SECCOMP_RET_ERRNO | EACCES);
	/* int arguments: only the low 32 bits count */
	assert_int_equal(sim(&prog, __NR_socket, 0xFFFFFFFF00000000ULL | AF_UNIX, SOCK_DGRAM, 0, NULL), SECCOMP_RET_ALLOW);
	assert_int_equal(sim(&prog, __NR_socketpair, AF_INET, SOCK_STREAM, 0, NULL), SECCOMP_RET_ERRNO | EACCES);
	assert_int_equal(sim(&prog, __NR_getpid, 0, 0, 0, NULL), SECCOMP_RET_ALLOW);
	free(prog.filter);
	assert_null(p->syscall_policies); /* the policy itself is unchanged */
	exile_free_policy(p);
	/* path rules without vows: the gap rules */
	p = exile_create_policy();
	assert_int_equal(exile_append_path_policies(p, EXILE_FS_ALLOW_ALL_READ, "/"), 0);
	assert_int_equal(exile_syscall_policy_to_bpf(p, &prog), 0);
	assert_int_equal(sim(&prog, __NR_openat2, AT_FDCWD, 0, 0, NULL), SECCOMP_RET_ERRNO | ENOSYS);
	assert_int_equal(sim(&prog, __NR_mknod, 0, S_IFREG | 04755, 0, NULL), SECCOMP_RET_ERRNO | EACCES);
	assert_int_equal(sim(&prog, __NR_mknodat, AT_FDCWD, 0, S_IFIFO | 0644, NULL), SECCOMP_RET_ALLOW);
	assert_int_equal(sim(&prog, __NR_openat, AT_FDCWD, 0, O_CREAT | O_WRONLY, NULL), SECCOMP_RET_ALLOW);
	assert_int_equal(sim(&prog, __NR_fchownat, AT_FDCWD, 0, 0, NULL), SECCOMP_RET_ERRNO | EACCES);
	free(prog.filter);
	exile_free_policy(p);
}

/* ---- the enforcement level, threads, paths ---- */

static void landlock_reports_what_this_kernel_enforces(void **state)
{
	static const struct
	{
		const char *feature;
		int abi;
	} features[] = { { "filesystem rights", 1 }, { "refer", 2 }, { "truncate", 3 }, { "tcp bind/connect", 4 },
		{ "ioctl_dev", 5 }, { "scopes", 6 }, { "log flags", 7 }, { "tsync", 8 }, { "resolve_unix", 9 } };
	struct exile_policy *p = exile_create_policy();
	struct exile_landlock_report r;
	long kabi = syscall(__NR_landlock_create_ruleset, NULL, 0, 1);
	size_t i;
	(void)state;
	assert_int_equal(exile_append_path_policies(p, EXILE_FS_ALLOW_ALL_READ, "/"), 0);
	assert_int_equal(exile_append_net_policy(p, EXILE_NET_ALLOW_CONNECT, 443), 0);
	p->landlock_scopes = EXILE_LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET | EXILE_LANDLOCK_SCOPE_SIGNAL;
	p->landlock_log = EXILE_LANDLOCK_LOG_NEW_EXEC_ON;
	p->best_effort = 1;
	p->no_new_privs = 1;
	assert_int_equal(exile_landlock_report(p, &r), 0);
	printf("%s\n", r.summary);
	assert_int_equal(r.abi, kabi > 0 ? kabi : 0);
	for(i = 0; i < sizeof(features) / sizeof(features[0]); i++)
	{
		printf("  ABI %d %-18s %s\n", features[i].abi, features[i].feature, r.abi >= features[i].abi ? "enforced" : "dropped");
	}
	printf("  errata fixed: 0x%x\n", r.errata);
	assert_int_equal((r.fs_handled & EXILE_LANDLOCK_ACCESS_FS_TRUNCATE) != 0, r.abi >= 3);
	assert_int_equal((r.fs_dropped & EXILE_LANDLOCK_ACCESS_FS_RESOLVE_UNIX) != 0, r.abi < 9);
	assert_int_equal(r.net_handled == (EXILE_LANDLOCK_ACCESS_NET_BIND_TCP | EXILE_LANDLOCK_ACCESS_NET_CONNECT_TCP), r.abi >= 4);
	assert_int_equal(r.scoped == 3, r.abi >= 6);
	assert_int_equal(r.restrict_flags == EXILE_LANDLOCK_LOG_NEW_EXEC_ON, r.abi == 7);
	assert_int_equal(r.level, r.abi >= 9 ? EXILE_LANDLOCK_FULLY : r.abi >= 1 ? EXILE_LANDLOCK_PARTIALLY : EXILE_LANDLOCK_NOT);
	/* nothing asked: nothing required */
	exile_free_policy(p);
	p = exile_create_policy();
	assert_int_equal(exile_landlock_report(p, &r), 0);
	assert_int_equal(r.level, EXILE_LANDLOCK_NOTHING_ASKED);
	exile_free_policy(p);
}

/* After enabling, exile_landlock_report(NULL) says what was enforced. */
static int ll_last_report_child(void *arg)
{
	struct exile_policy *p = exile_create_policy();
	struct exile_landlock_report r;
	(void)arg;
	p->no_new_privs = 1;
	p->no_network = 1;
	p->landlock_log = EXILE_LANDLOCK_LOG_NEW_EXEC_ON | EXILE_LANDLOCK_LOG_SUBDOMAINS_OFF;
	if(exile_enable_policy(p) != 0)
	{
		fprintf(stderr, "ll_last_report_child: %s\n", exile_last_error());
		return EXIT_ENABLE_FAILED;
	}
	exile_landlock_report(NULL, &r);
	if((r.restrict_flags & ~EXILE_LANDLOCK_RESTRICT_SELF_TSYNC) != (EXILE_LANDLOCK_LOG_NEW_EXEC_ON | EXILE_LANDLOCK_LOG_SUBDOMAINS_OFF))
	{
		return 1;
	}
	return r.level;
}

static void landlock_log_flags_reach_the_kernel(void **state)
{
	(void)state;
	LL_NEED_ABI(7, "log flags");
	assert_int_equal(in_child(ll_last_report_child, NULL), EXILE_LANDLOCK_FULLY);
}

static void *ll_idle_thread(void *arg)
{
	char c;
	ssize_t n = read(*(int *)arg, &c, 1);
	(void)n;
	return NULL;
}

/* 0: path rules with a second thread; 1: exile_init_policy with a second thread */
static int ll_thread_child(void *arg)
{
	int fds[2], r;
	pthread_t th;
	struct exile_policy *p = arg ? exile_init_policy() : exile_create_policy();
	p->no_new_privs = 1;
	p->drop_caps = 0; /* root's second thread keeps its capabilities: refused too (tests/escapes.c) */
	if(arg)
	{
		/* without a filter no_new_privs would reach the calling thread only: refused too */
		p->vow_promises = exile_vows_from_str("stdio thread");
	}
	if(!arg && exile_append_path_policies(p, EXILE_FS_ALLOW_ALL_READ, "/") != 0)
	{
		return 101;
	}
	if(pipe(fds) != 0 || pthread_create(&th, NULL, ll_idle_thread, &fds[0]) != 0)
	{
		return 102;
	}
	r = exile_enable_policy(p);
	if(r != 0 && strstr(exile_last_error(), "before starting threads") == NULL)
	{
		return 103;
	}
	return -r;
}

static void landlock_refuses_several_threads_without_tsync(void **state)
{
	(void)state;
	LL_NEED_ABI(1, "path rules");
	if(ll_abi() >= 8)
	{
		printf("skipped: ABI %d has TSYNC, so several threads are fine\n", ll_abi());
		skip();
	}
	assert_int_equal(in_child(ll_thread_child, NULL), EAGAIN);
	/* optional scopes are skipped instead */
	assert_int_equal(in_child(ll_thread_child, (void *)"init"), 0);
}

/* Ptrace isolation in the report: a policy that confines the process but
 * asks nothing of Landlock gets exile's own domain; one that asks gets its
 * own; one that confines nothing gets none; and where the domain cannot be
 * had the summary says why. */
static int ll_isolation_child(void *arg)
{
	struct exile_landlock_report r;
	struct exile_policy *p = exile_create_policy();
	char *text;
	int fds[2];
	pthread_t th;
	if(exile_landlock_report(p, &r) != 0 || r.ptrace_isolated || r.isolation_domain || strstr(r.summary, "ptrace") != NULL)
	{
		return 1; /* nothing confined: nothing isolated, nothing said */
	}
	p->no_new_privs = 1;
	p->vow_promises = exile_vows_from_str("stdio");
	if(exile_landlock_report(p, &r) != 0 || !r.ptrace_isolated || !r.isolation_domain || r.level != EXILE_LANDLOCK_NOTHING_ASKED
		|| strstr(r.summary, "ptrace: isolated by a domain of exile's own") == NULL)
	{
		fprintf(stderr, "%s\n", r.summary);
		return 2;
	}
	text = exile_policy_describe(p);
	if(text == NULL || strstr(text, "ptrace: isolated") == NULL)
	{
		fprintf(stderr, "%s\n", text ? text : exile_last_error());
		return 3;
	}
	free(text);
	if(exile_append_path_policies(p, EXILE_FS_ALLOW_ALL_READ, "/") != 0 || exile_landlock_report(p, &r) != 0
		|| !r.ptrace_isolated || r.isolation_domain)
	{
		return 4; /* the policy's own domain isolates it */
	}
	exile_free_policy(p);
	if(arg != NULL)
	{
		return 0; /* ABI 8: several threads are covered */
	}
	p = exile_create_policy();
	p->no_new_privs = 1;
	p->vow_promises = exile_vows_from_str("stdio thread");
	if(pipe(fds) != 0 || pthread_create(&th, NULL, ll_idle_thread, &fds[0]) != 0)
	{
		return 102;
	}
	if(exile_landlock_report(p, &r) != 0 || r.ptrace_isolated || strstr(r.summary, "ptrace: NOT isolated: several threads") == NULL)
	{
		fprintf(stderr, "%s\n", r.summary);
		return 5;
	}
	/* enabled anyway: the policy did not ask for it */
	if(exile_enable_policy(p) != 0)
	{
		return EXIT_ENABLE_FAILED;
	}
	exile_landlock_report(NULL, &r);
	return r.ptrace_isolated ? 6 : 0;
}

static int ll_isolation_enabled_child(void *arg)
{
	struct exile_landlock_report r;
	(void)arg;
	if(exile_vow(EXILE_SYSCALL_VOW_STDIO | EXILE_SYSCALL_VOW_SECCOMP_INSTALL) != 0)
	{
		return EXIT_ENABLE_FAILED;
	}
	exile_landlock_report(NULL, &r);
	if(!r.ptrace_isolated || !r.isolation_domain)
	{
		return 1;
	}
	/* a second policy needs no second domain */
	if(exile_vow(EXILE_SYSCALL_VOW_STDIO) != 0)
	{
		return 2;
	}
	exile_landlock_report(NULL, &r);
	return r.ptrace_isolated && !r.isolation_domain && strstr(r.summary, "earlier policy") != NULL ? 0 : 3;
}

static void landlock_report_says_ptrace_isolation(void **state)
{
	(void)state;
	LL_NEED_ABI(2, "ptrace isolation (refer)");
	assert_int_equal(in_child(ll_isolation_child, ll_abi() >= 8 ? (void *)1 : NULL), 0);
	assert_int_equal(in_child(ll_isolation_enabled_child, NULL), 0);
}

/* The isolation domain, like every Landlock domain, refuses mount (it needs
 * CAP_SYS_ADMIN anyway: root keeps it here, nobody gets it in a user
 * namespace of its own). 0: mount failed with EPERM; 1: it worked. */
static int ll_mount_child(void *arg)
{
	struct exile_policy *p = exile_create_policy();
	char dir[] = "/tmp/exile-ll-mnt-XXXXXX", map[64];
	uid_t uid = geteuid();
	gid_t gid = getegid();
	int fd, r;
	if(mkdtemp(dir) == NULL)
	{
		return 101;
	}
	p->no_new_privs = 1;
	if(arg != NULL)
	{
		exile_append_syscall_policy(p, __NR_ptrace, EXILE_SYSCALL_DENY_RET_ERROR, NULL, 0);
		exile_append_syscall_default_policy(p, EXILE_SYSCALL_ALLOW);
		if(exile_enable_policy(p) != 0)
		{
			rmdir(dir);
			return EXIT_ENABLE_FAILED;
		}
	}
	if(unshare(uid == 0 ? CLONE_NEWNS : CLONE_NEWUSER | CLONE_NEWNS) != 0)
	{
		rmdir(dir);
		return 102;
	}
	if(uid != 0)
	{
		snprintf(map, sizeof(map), "0 %u 1\n", (unsigned)uid);
		if((fd = open("/proc/self/setgroups", O_WRONLY)) >= 0)
		{
			r = (int)write(fd, "deny", 4);
			(void)r;
			close(fd);
		}
		if((fd = open("/proc/self/uid_map", O_WRONLY)) < 0 || write(fd, map, strlen(map)) < 0)
		{
			rmdir(dir);
			return 103;
		}
		close(fd);
		snprintf(map, sizeof(map), "0 %u 1\n", (unsigned)gid);
		if((fd = open("/proc/self/gid_map", O_WRONLY)) < 0 || write(fd, map, strlen(map)) < 0)
		{
			rmdir(dir);
			return 104;
		}
		close(fd);
	}
	r = mount("tmpfs", dir, "tmpfs", 0, NULL);
	if(r == 0)
	{
		umount2(dir, MNT_DETACH);
	}
	rmdir(dir);
	return r == 0 ? 1 : errno == EPERM ? 0 : 100 + errno;
}

static void landlock_isolation_domain_refuses_mount(void **state)
{
	int rc;
	(void)state;
	LL_NEED_ABI(2, "ptrace isolation (refer)");
	rc = in_child(ll_mount_child, NULL); /* without a policy: the mount works */
	if(rc != 1)
	{
		printf("skipped: this process cannot mount even without a policy (%d)\n", rc);
		skip();
	}
	assert_int_equal(in_child(ll_mount_child, (void *)1), 0);
}

static int ll_stale_child(void *arg)
{
	const struct ll_tree *t = (const struct ll_tree *)arg;
	struct exile_policy *p = exile_create_policy();
	char old[128];
	p->no_new_privs = 1;
	if(exile_append_path_policies(p, EXILE_FS_ALLOW_ALL_READ, t->ro) != 0
		|| exile_append_path_policies(p, EXILE_FS_ALLOW_ALL_READ | EXILE_FS_OPTIONAL, "/nonexistent-exile-ll") != 0)
	{
		return 101;
	}
	snprintf(old, sizeof(old), "%s.old", t->ro);
	if(rename(t->ro, old) != 0 || mkdir(t->ro, 0755) != 0)
	{
		return 102;
	}
	return -exile_enable_policy(p);
}

static void landlock_path_swapped_after_adding_is_refused(void **state)
{
	struct ll_tree t;
	char old[128];
	(void)state;
	LL_NEED_ABI(3, "path rules");
	ll_tree_make(&t);
	assert_int_equal(in_child(ll_stale_child, &t), ESTALE);
	snprintf(old, sizeof(old), "%s.old", t.ro);
	assert_int_equal(nftw(old, ll_rm, 16, FTW_DEPTH | FTW_PHYS), 0);
	ll_tree_remove(&t);
}

static void landlock_invalid_requests_are_rejected(void **state)
{
	struct exile_policy *p = exile_create_policy();
	struct exile_landlock_report r;
	(void)state;
	assert_int_equal(exile_append_path_policies(p, 1u << 30, "/"), -EINVAL);
	exile_free_policy(p);
	p = exile_create_policy();
	assert_int_equal(exile_append_net_policy(p, 0, 80), -EINVAL);
	assert_int_equal(exile_enable_policy(p), -EINVAL); /* poisoned */
	exile_free_policy(p);
	p = exile_create_policy();
	p->no_fs = 1;
	assert_int_equal(exile_append_path_policies(p, EXILE_FS_ALLOW_ALL_READ, "/"), 0);
	assert_int_equal(exile_landlock_report(p, &r), -EINVAL);
	exile_free_policy(p);
	p = exile_create_policy();
	p->no_network = 1;
	assert_int_equal(exile_append_net_policy(p, EXILE_NET_ALLOW_CONNECT, 80), 0);
	assert_int_equal(exile_landlock_report(p, &r), -EINVAL);
	exile_free_policy(p);
}

/* ---- a kernel without Landlock, simulated ---- */

struct ll_sim
{
	int err;  /* what syscalls 444-446 return: ENOSYS or EOPNOTSUPP */
	int what; /* 0: TCP rule, default; 1: TCP rule, best_effort; 2: path rule (report only); 3: exile_init_policy;
	             4: path rule, enabled */
};

static int ll_sim_child(void *arg)
{
	const struct ll_sim *s = (const struct ll_sim *)arg;
	struct exile_policy *p = s->what == 3 ? exile_init_policy() : exile_create_policy();
	struct exile_landlock_report r;
	int ret;
	if(simulate_no_landlock(s->err) != 0)
	{
		return 101;
	}
	p->no_new_privs = 1;
	p->best_effort = s->what == 1;
	if(s->what == 2)
	{
		if(exile_append_path_policies(p, EXILE_FS_ALLOW_ALL_READ, "/") != 0 || exile_landlock_report(p, &r) != 0)
		{
			return 102;
		}
		return r.abi == 0 && r.abi_errno == s->err && r.fs_fallback && r.level == EXILE_LANDLOCK_NOT ? 0 : 103;
	}
	if(s->what < 2 && exile_append_net_policy(p, EXILE_NET_ALLOW_CONNECT, 443) != 0)
	{
		return 104;
	}
	if(s->what == 4)
	{
		/* fails closed, or the namespace fallback really confines (root
		 * must drop its capabilities for the fallback to hold) */
		p->drop_caps = 1;
		if(exile_append_path_policies(p, EXILE_FS_ALLOW_ALL_READ, "/usr") != 0)
		{
			return 107;
		}
		ret = exile_enable_policy(p);
		return ret != 0 ? -ret : (open("/etc/passwd", O_RDONLY) < 0 ? 0 : 108);
	}
	ret = exile_enable_policy(p);
	if(ret != 0)
	{
		const char *hint = s->err == ENOSYS ? "CONFIG_SECURITY_LANDLOCK" : "lsm=";
		return strstr(exile_last_error(), hint) != NULL && strstr(exile_last_error(), "TCP") != NULL ? -ret : 105;
	}
	exile_landlock_report(NULL, &r);
	return r.level == EXILE_LANDLOCK_NOT && r.abi == 0 ? 0 : 106;
}

static void landlock_missing_kernel_fails_closed_or_reports_not_enforced(void **state)
{
	static const int errs[] = { ENOSYS, EOPNOTSUPP };
	size_t i;
	int ret;
	(void)state;
	for(i = 0; i < 2; i++)
	{
		struct ll_sim s;
		s.err = errs[i];
		s.what = 0;
		assert_int_equal(in_child(ll_sim_child, &s), EOPNOTSUPP);
		s.what = 1;
		assert_int_equal(in_child(ll_sim_child, &s), 0);
		s.what = 2;
		assert_int_equal(in_child(ll_sim_child, &s), 0);
		s.what = 3;
		assert_int_equal(in_child(ll_sim_child, &s), 0);
		s.what = 4;
		ret = in_child(ll_sim_child, &s);
		assert_true(ret == EOPNOTSUPP || ret == 0);
	}
}

static const struct CMUnitTest landlock_tests[] = {
	cmocka_unit_test(landlock_read_only_dir_denies_write_create_unlink_truncate),
	cmocka_unit_test(landlock_rename_and_link_across_dirs_need_refer),
	cmocka_unit_test(landlock_symlink_inside_pointing_outside_is_denied),
	cmocka_unit_test(landlock_reopening_preopened_fd_through_proc_is_checked),
	cmocka_unit_test(landlock_exec_needs_exec_right),
	cmocka_unit_test(landlock_device_ioctl_needs_dev_right),
	cmocka_unit_test(landlock_scope_blocks_abstract_unix_outside),
	cmocka_unit_test(landlock_scope_blocks_signals_outside),
	cmocka_unit_test(landlock_tcp_connect_and_bind_only_on_allowed_ports),
	cmocka_unit_test(landlock_no_network_refuses_every_socket_but_unix),
	cmocka_unit_test(landlock_no_fs_denies_every_path_keeps_stdio),
	cmocka_unit_test(landlock_gaps_chmod_chown_xattr_utime_closed_by_filter),
	cmocka_unit_test(landlock_extra_filter_rules_show_in_to_bpf),
	cmocka_unit_test(landlock_reports_what_this_kernel_enforces),
	cmocka_unit_test(landlock_log_flags_reach_the_kernel),
	cmocka_unit_test(landlock_refuses_several_threads_without_tsync),
	cmocka_unit_test(landlock_report_says_ptrace_isolation),
	cmocka_unit_test(landlock_isolation_domain_refuses_mount),
	cmocka_unit_test(landlock_path_swapped_after_adding_is_refused),
	cmocka_unit_test(landlock_invalid_requests_are_rejected),
	cmocka_unit_test(landlock_missing_kernel_fails_closed_or_reports_not_enforced),
};
