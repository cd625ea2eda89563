/* tests/ns.c — namespaces, the mount fallback, chroot_target_path and chdir_path.
 * Part of the suite built by test.c (one translation unit); helpers in tests/harness.h. */

/* ------------------------------------------------------------------------ */

/* readlink of /proc/self/ns/<name> into out ("" when absent). */
static void ns_link(const char *name, char *out, size_t n)
{
	char path[64];
	ssize_t len;
	snprintf(path, sizeof(path), "/proc/self/ns/%s", name);
	len = readlink(path, out, n - 1);
	out[len > 0 ? len : 0] = '\0';
}

static int ns_enable_or_report(struct exile_policy *p)
{
	int err = exile_enable_policy(p);
	if(err != 0)
	{
		fprintf(stderr, "exile_enable_policy: %d %s\n", err, exile_last_error());
	}
	return err;
}

static const char *const ns_names[] = { "net", "uts", "ipc", "cgroup", "mnt", "user", "pid_for_children" };

/* Every namespace flag: each /proc/self/ns link changes; the process itself
 * stays in its PID namespace, its first child is PID 1 of the new one. */
static int ns_enter_all(void *arg)
{
	char before[7][128], after[128];
	struct exile_policy *p = exile_create_policy();
	size_t i;
	int status;
	pid_t pid;
	(void)arg;
	for(i = 0; i < 7; i++)
	{
		ns_link(ns_names[i], before[i], sizeof(before[i]));
	}
	ns_link("pid", after, sizeof(after));
	p->namespace_options = EXILE_UNSHARE_USER | EXILE_UNSHARE_MOUNT | EXILE_UNSHARE_NETWORK | EXILE_UNSHARE_PID
		| EXILE_UNSHARE_IPC | EXILE_UNSHARE_UTS | EXILE_UNSHARE_CGROUP;
	if(ns_enable_or_report(p) != 0)
	{
		return EXIT_ENABLE_FAILED;
	}
	pid = fork();
	if(pid == 0)
	{
		_exit(getpid() == 1 ? 0 : 1);
	}
	if(pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
	{
		return 21; /* the first child is PID 1 of the new namespace */
	}
	pid = fork();
	if(pid == 0)
	{
		_exit(0);
	}
	if(pid >= 0 || errno != ENOMEM)
	{
		return 22; /* its init has exited: the namespace takes no more processes */
	}
	for(i = 0; i < 7; i++)
	{
		char now[128];
		/* (pid_for_children reads empty until that first child exists) */
		ns_link(ns_names[i], now, sizeof(now));
		if(now[0] == '\0' || strcmp(now, before[i]) == 0)
		{
			fprintf(stderr, "namespace %s unchanged: %s\n", ns_names[i], now);
			return 10 + (int)i;
		}
	}
	ns_link("pid", before[0], sizeof(before[0]));
	if(strcmp(before[0], after) != 0)
	{
		return 20; /* the caller's own PID namespace must not change */
	}
	return 0;
}

static void ns_each_namespace_is_entered(void **state)
{
	(void)state;
	assert_int_equal(in_child(ns_enter_all, NULL), 0);
}

static int ns_uid_inside(void *arg)
{
	struct exile_policy *p = exile_create_policy();
	char setgroups[16] = "";
	int fd;
	uid_t host = geteuid();
	struct stat st;
	p->namespace_options = EXILE_UNSHARE_USER;
	p->namespace_uid = 1234;
	p->namespace_gid = 4321;
	if(ns_enable_or_report(p) != 0)
	{
		return EXIT_ENABLE_FAILED;
	}
	if(stat("/", &st) != 0 || st.st_uid != (host == 0 ? 1234u : 65534u))
	{
		return 13; /* root's files: our own id when we are root, else the overflow id */
	}
	(void)arg;
	if(getuid() != 1234 || geteuid() != 1234)
	{
		return 10;
	}
	if(getgid() != 4321 || getegid() != 4321)
	{
		return 11;
	}
	fd = open("/proc/self/setgroups", O_RDONLY);
	if(fd < 0 || read(fd, setgroups, sizeof(setgroups) - 1) <= 0 || strncmp(setgroups, "deny", 4) != 0)
	{
		return 12;
	}
	close(fd);
	return 0;
}

static void ns_user_maps_namespace_uid_and_denies_setgroups(void **state)
{
	(void)state;
	assert_int_equal(in_child(ns_uid_inside, NULL), 0);
}

static int ns_net_inside(void *arg)
{
	struct exile_policy *p = exile_create_policy();
	struct sockaddr_in a;
	socklen_t alen = sizeof(a);
	struct ifreq ifr;
	int l, c, u;
	(void)arg;
	p->namespace_options = EXILE_UNSHARE_NETWORK;
	if(ns_enable_or_report(p) != 0)
	{
		return EXIT_ENABLE_FAILED;
	}
	/* loopback up: a TCP connection to a listener on 127.0.0.1 */
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	l = socket(AF_INET, SOCK_STREAM, 0);
	if(l < 0 || bind(l, (struct sockaddr *)&a, sizeof(a)) != 0 || listen(l, 1) != 0
		|| getsockname(l, (struct sockaddr *)&a, &alen) != 0)
	{
		return 10;
	}
	c = socket(AF_INET, SOCK_STREAM, 0);
	if(connect(c, (struct sockaddr *)&a, sizeof(a)) != 0)
	{
		return 11;
	}
	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, "lo");
	if(ioctl(c, SIOCGIFFLAGS, &ifr) != 0 || !(ifr.ifr_flags & IFF_UP))
	{
		return 12;
	}
	/* no route out: only lo exists */
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_port = htons(53);
	a.sin_addr.s_addr = htonl(0xC0000201); /* 192.0.2.1, TEST-NET-1 */
	u = socket(AF_INET, SOCK_DGRAM, 0);
	if(connect(u, (struct sockaddr *)&a, sizeof(a)) == 0 || errno != ENETUNREACH)
	{
		return 13;
	}
	if(if_nametoindex("lo") == 0 || if_nametoindex("eth0") != 0)
	{
		return 14;
	}
	return 0;
}

static void ns_network_has_loopback_and_no_route_out(void **state)
{
	(void)state;
	assert_int_equal(in_child(ns_net_inside, NULL), 0);
}

/* After exile put the process into namespaces, it may not make more (EPERM),
 * unless allow_nested_namespaces. */
static int ns_nested(void *arg)
{
	struct exile_policy *p = exile_create_policy();
	int allow = arg != NULL;
	p->namespace_options = EXILE_UNSHARE_USER | EXILE_UNSHARE_NETWORK;
	p->allow_nested_namespaces = allow;
	if(ns_enable_or_report(p) != 0)
	{
		return EXIT_ENABLE_FAILED;
	}
	if(allow)
	{
		return unshare(CLONE_NEWUSER) == 0 ? 0 : 10;
	}
	if(unshare(CLONE_NEWUSER) == 0 || errno != EPERM)
	{
		return 11;
	}
	if(unshare(CLONE_NEWNET) == 0 || errno != EPERM)
	{
		return 12;
	}
	if(setns(-1, 0) == 0 || errno != EPERM)
	{
		return 13; /* EBADF would mean setns reached the kernel */
	}
	if(syscall(__NR_clone, CLONE_NEWUSER | SIGCHLD, 0, 0, 0, 0) >= 0 || errno != EPERM)
	{
		return 14;
	}
	if(unshare(0) != 0)
	{
		return 15; /* unshare without namespace flags still works */
	}
	/* a second policy that asks for namespaces is refused before it changes anything */
	p->allow_nested_namespaces = 0;
	if(exile_enable_policy(p) != -EPERM || strstr(exile_last_error(), "unshare") == NULL)
	{
		return 16;
	}
	return 0;
}

static void ns_nested_namespaces_refused_unless_allowed(void **state)
{
	(void)state;
	assert_int_equal(in_child(ns_nested, NULL), 0);
	assert_int_equal(in_child(ns_nested, (void *)1), 0);
}

static void ns_nested_filter_verdicts(void **state)
{
	struct sock_fprog prog;
	struct seccomp_data d;
	uint32_t action = 0;
	(void)state;
	assert_int_equal(exile__ns_nested_build(&prog), 0);
	assert_int_equal(sim(&prog, __NR_unshare, CLONE_NEWUSER, 0, 0, NULL), SECCOMP_RET_ERRNO | EPERM);
	assert_int_equal(sim(&prog, __NR_unshare, 0x80 /* CLONE_NEWTIME */, 0, 0, NULL), SECCOMP_RET_ERRNO | EPERM);
	assert_int_equal(sim(&prog, __NR_unshare, CLONE_FILES, 0, 0, NULL), SECCOMP_RET_ALLOW);
	assert_int_equal(sim(&prog, __NR_clone, CLONE_NEWNS | SIGCHLD, 0, 0, NULL), SECCOMP_RET_ERRNO | EPERM);
	assert_int_equal(sim(&prog, __NR_clone, CLONE_VM | CLONE_THREAD | CLONE_SIGHAND, 0, 0, NULL), SECCOMP_RET_ALLOW);
	assert_int_equal(sim(&prog, __NR_clone3, 0, 0, 0, NULL), SECCOMP_RET_ERRNO | ENOSYS);
	assert_int_equal(sim(&prog, __NR_setns, 3, 0, 0, NULL), SECCOMP_RET_ERRNO | EPERM);
	assert_int_equal(sim(&prog, __NR_read, 0, 0, 0, NULL), SECCOMP_RET_ALLOW);
	assert_int_equal(sim(&prog, __NR_clone3 + 1, 0, 0, 0, NULL), SECCOMP_RET_ALLOW);
	/* like the main filter: x32 numbers and other arches kill */
	assert_int_equal(sim(&prog, __NR_unshare | 0x40000000, CLONE_NEWUSER, 0, 0, NULL), SECCOMP_RET_KILL_PROCESS);
	memset(&d, 0, sizeof(d));
	d.arch = AUDIT_ARCH_I386;
	d.nr = 310; /* i386 unshare */
	assert_true(exile_bpf_simulate(&prog, &d, &action) > 0);
	assert_int_equal(action, SECCOMP_RET_KILL_PROCESS);
	free(prog.filter);
}

/* A kernel that refuses user namespaces, simulated by a libseccomp filter
 * exile does not know about: the error names the setting, and nothing
 * changed. arg: the fake sysctl directory, or NULL for the real one. */
static int ns_blocked(void *arg)
{
	struct exile_policy *p = exile_create_policy();
	scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);
	char user[128], net[128], now[128];
	const char *want = arg != NULL ? (const char *)arg + strlen(arg) + 1 : "kernel.unprivileged_userns_clone";
	int err;
	if(ctx == NULL || seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(unshare), 1,
			SCMP_A0(SCMP_CMP_MASKED_EQ, CLONE_NEWUSER, CLONE_NEWUSER)) != 0 || seccomp_load(ctx) != 0)
	{
		return 30;
	}
	if(arg != NULL)
	{
		exile__ns_sysctl_dir = (const char *)arg;
	}
	ns_link("user", user, sizeof(user));
	ns_link("net", net, sizeof(net));
	p->namespace_options = EXILE_UNSHARE_USER | EXILE_UNSHARE_NETWORK;
	err = exile_enable_policy(p);
	if(err != -EPERM)
	{
		return 10;
	}
	if(strstr(exile_last_error(), "user namespace") == NULL || strstr(exile_last_error(), want) == NULL)
	{
		fprintf(stderr, "message: %s (want %s)\n", exile_last_error(), want);
		return 11;
	}
	ns_link("user", now, sizeof(now));
	if(strcmp(now, user) != 0)
	{
		return 12;
	}
	ns_link("net", now, sizeof(now));
	if(strcmp(now, net) != 0)
	{
		return 13;
	}
	return 0;
}

/* a fake /proc/sys with one setting; returns "dir\0setting name" in buf */
static char *ns_fake_sysctl(char *buf, size_t n, const char *file, const char *value, const char *name)
{
	char path[512];
	FILE *f;
	snprintf(buf, n, "/tmp/exile-ns-sysctl.XXXXXX");
	assert_non_null(mkdtemp(buf));
	snprintf(path, sizeof(path), "%s/kernel", buf);
	assert_int_equal(mkdir(path, 0755), 0);
	snprintf(path, sizeof(path), "%s/user", buf);
	assert_int_equal(mkdir(path, 0755), 0);
	snprintf(path, sizeof(path), "%s/%s", buf, file);
	f = fopen(path, "w");
	assert_non_null(f);
	fprintf(f, "%s\n", value);
	fclose(f);
	snprintf(buf + strlen(buf) + 1, n - strlen(buf) - 1, "%s", name);
	return buf;
}

static void ns_rm_fake_sysctl(const char *dir)
{
	char path[512];
	static const char *const files[] = { "kernel/unprivileged_userns_clone", "kernel/apparmor_restrict_unprivileged_userns",
		"user/max_user_namespaces", "kernel", "user" };
	size_t i;
	for(i = 0; i < 5; i++)
	{
		snprintf(path, sizeof(path), "%s/%s", dir, files[i]);
		remove(path);
	}
	assert_int_equal(rmdir(dir), 0);
}

static void ns_blocked_userns_names_the_setting(void **state)
{
	char dir[256];
	(void)state;
	/* this machine: no setting blocks; the message lists the ones it checked */
	assert_int_equal(in_child(ns_blocked, NULL), 0);
	ns_fake_sysctl(dir, sizeof(dir), "kernel/unprivileged_userns_clone", "0", "by kernel.unprivileged_userns_clone = 0 (Debian)");
	assert_int_equal(in_child(ns_blocked, dir), 0);
	ns_rm_fake_sysctl(dir);
	ns_fake_sysctl(dir, sizeof(dir), "kernel/apparmor_restrict_unprivileged_userns", "1", "by AppArmor (kernel.apparmor_restrict_unprivileged_userns = 1");
	assert_int_equal(in_child(ns_blocked, dir), 0);
	ns_rm_fake_sysctl(dir);
	ns_fake_sysctl(dir, sizeof(dir), "user/max_user_namespaces", "0", "by user.max_user_namespaces = 0");
	assert_int_equal(in_child(ns_blocked, dir), 0);
	ns_rm_fake_sysctl(dir);
}

/* ---- the filesystem fallback ---- */

struct ns_tree
{
	char dir[64];          /* mkdtemp under /tmp */
	char ro[128], rw[128], rx[128], secret[128];
	int how;               /* NS_FB_* */
};
#define NS_FB_MOUNT_METHOD 1   /* mount_path_policies_to_chroot = 1 */
#define NS_FB_NO_LANDLOCK  2   /* Landlock syscalls answer ENOSYS */
#define NS_FB_NO_SETATTR   3   /* as 1, and mount_setattr answers ENOSYS */

static void ns_write_file(const char *dir, const char *name, const char *text, mode_t mode)
{
	char path[256];
	int fd;
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
}

static void ns_tree_make(struct ns_tree *t)
{
	memset(t, 0, sizeof(*t));
	snprintf(t->dir, sizeof(t->dir), "/tmp/exile-ns.XXXXXX");
	assert_non_null(mkdtemp(t->dir));
	assert_int_equal(chmod(t->dir, 0755), 0);
	snprintf(t->ro, sizeof(t->ro), "%s/ro", t->dir);
	snprintf(t->rw, sizeof(t->rw), "%s/rw", t->dir);
	snprintf(t->rx, sizeof(t->rx), "%s/rx", t->dir);
	snprintf(t->secret, sizeof(t->secret), "%s/secret", t->dir);
	assert_int_equal(mkdir(t->ro, 0755), 0);
	assert_int_equal(mkdir(t->rw, 0777), 0);
	assert_int_equal(chmod(t->rw, 0777), 0);
	assert_int_equal(mkdir(t->rx, 0755), 0);
	assert_int_equal(mkdir(t->secret, 0755), 0);
	ns_write_file(t->ro, "data", "hello", 0644);
	ns_write_file(t->rw, "script", "#!/bin/sh\nexit 0\n", 0755);
	ns_write_file(t->rx, "script", "#!/bin/sh\nexit 0\n", 0755);
}

static void ns_tree_remove(struct ns_tree *t)
{
	char path[256];
	snprintf(path, sizeof(path), "%s/data", t->ro);
	assert_int_equal(unlink(path), 0);
	snprintf(path, sizeof(path), "%s/script", t->rw);
	assert_int_equal(unlink(path), 0);
	snprintf(path, sizeof(path), "%s/written", t->rw);
	unlink(path);
	snprintf(path, sizeof(path), "%s/script", t->rx);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(rmdir(t->ro), 0);
	assert_int_equal(rmdir(t->rw), 0);
	assert_int_equal(rmdir(t->rx), 0);
	assert_int_equal(rmdir(t->secret), 0);
	assert_int_equal(rmdir(t->dir), 0); /* fails if anything else was left in it */
}

/* A listing of a directory as one string (sorted names), to compare. */
static char *ns_listing(const char *dir)
{
	struct dirent **names = NULL;
	int n = scandir(dir, &names, NULL, alphasort), i;
	size_t len = 1;
	char *out;
	assert_true(n >= 0);
	for(i = 0; i < n; i++)
	{
		len += strlen(names[i]->d_name) + 1;
	}
	out = (char *)calloc(1, len);
	assert_non_null(out);
	for(i = 0; i < n; i++)
	{
		strcat(out, names[i]->d_name);
		strcat(out, "\n");
		free(names[i]);
	}
	free(names);
	return out;
}

static char *ns_read_all(const char *path)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = fopen(path, "r"), *m = open_memstream(&out, &len);
	int c;
	assert_non_null(f);
	assert_non_null(m);
	while((c = fgetc(f)) != EOF)
	{
		fputc(c, m);
	}
	fclose(f);
	fclose(m);
	return out;
}

static int ns_enosys_filter(int landlock, int setattr)
{
	scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);
	int nr;
	if(ctx == NULL)
	{
		return -1;
	}
	for(nr = 444; landlock && nr <= 446; nr++)
	{
		if(seccomp_rule_add(ctx, SCMP_ACT_ERRNO(ENOSYS), nr, 0) != 0)
		{
			return -1;
		}
	}
	if(setattr && seccomp_rule_add(ctx, SCMP_ACT_ERRNO(ENOSYS), 442 /* mount_setattr */, 0) != 0)
	{
		return -1;
	}
	return seccomp_load(ctx);
}

static int ns_exec_errno(const char *dir)
{
	char path[256];
	char *const argv[] = { path, NULL };
	snprintf(path, sizeof(path), "%s/script", dir);
	execve(path, argv, environ);
	return errno;
}

/* Inside the new root, with /proc bound: 1 if more than one mount sits at
 * "/" (the old root stacked on it) or a staging name is visible. */
static int ns_old_root_left(void)
{
	FILE *f = fopen("/proc/self/mountinfo", "r");
	char line[1024], mp[512];
	int roots = 0, bad = 0;
	if(f == NULL)
	{
		return 1;
	}
	while(fgets(line, sizeof(line), f) != NULL)
	{
		if(sscanf(line, "%*s %*s %*s %*s %511s", mp) == 1)
		{
			roots += strcmp(mp, "/") == 0;
			bad |= strstr(mp, ".exile") != NULL;
		}
	}
	fclose(f);
	return roots != 1 || bad;
}

static int ns_fallback_child(void *arg)
{
	struct ns_tree *t = (struct ns_tree *)arg;
	struct exile_policy *p = exile_init_policy();
	char path[256], got[16] = "", cwd[64];
	struct stat st;
	int fd, err;
	if(t->how == NS_FB_NO_LANDLOCK && ns_enosys_filter(1, 0) != 0)
	{
		return 30;
	}
	exile__state.ll_probe.done = 0; /* forget the parent's Landlock answer */
	if(t->how == NS_FB_NO_SETATTR && ns_enosys_filter(0, 1) != 0)
	{
		return 30;
	}
	p->mount_path_policies_to_chroot = t->how != NS_FB_NO_LANDLOCK;
	if(exile_append_path_policies(p, EXILE_FS_ALLOW_ALL_READ, t->ro) != 0
		|| exile_append_path_policies(p, EXILE_FS_ALLOW_ALL_READ | EXILE_FS_ALLOW_ALL_WRITE, t->rw) != 0
		|| exile_append_path_policies(p, EXILE_FS_ALLOW_ALL_READ | EXILE_FS_ALLOW_EXEC, t->rx) != 0
		|| exile_append_path_policies(p, EXILE_FS_ALLOW_ALL_READ, "/proc", "/dev") != 0)
	{
		return 31;
	}
	err = exile_enable_policy(p);
	if(err != 0)
	{
		fprintf(stderr, "exile_enable_policy: %d %s\n", err, exile_last_error());
		return EXIT_ENABLE_FAILED;
	}
	snprintf(path, sizeof(path), "%s/data", t->ro);
	fd = open(path, O_RDONLY);
	if(fd < 0 || read(fd, got, sizeof(got) - 1) != 5 || strcmp(got, "hello") != 0)
	{
		return 10;
	}
	close(fd);
	snprintf(path, sizeof(path), "%s/new", t->ro);
	if(open(path, O_WRONLY | O_CREAT, 0644) >= 0 || errno != EROFS)
	{
		return 11;
	}
	if(stat(t->secret, &st) == 0 || errno != ENOENT)
	{
		return 12;
	}
	if(stat("/etc/passwd", &st) == 0 || errno != ENOENT)
	{
		return 13;
	}
	snprintf(path, sizeof(path), "%s/written", t->rw);
	fd = open(path, O_WRONLY | O_CREAT, 0644);
	if(fd < 0 || write(fd, "x", 1) != 1)
	{
		return 14;
	}
	close(fd);
	if(ns_exec_errno(t->rw) != EACCES)
	{
		return 15; /* no EXILE_FS_ALLOW_EXEC: noexec */
	}
	if(ns_exec_errno(t->rx) != ENOENT)
	{
		return 16; /* with EXEC: runs, and fails only for want of /bin/sh in the new root */
	}
	if(mkdir("/newdir", 0755) == 0 || errno != EROFS)
	{
		return 17; /* the root skeleton is read-only */
	}
	if(getcwd(cwd, sizeof(cwd)) == NULL || strcmp(cwd, "/") != 0)
	{
		return 18;
	}
	if(ns_old_root_left())
	{
		return 19; /* the old root is detached: one mount at "/", none of exile's staging */
	}
	if(open("/dev/null", O_RDONLY) >= 0 || errno != EACCES)
	{
		return 20; /* no EXILE_FS_ALLOW_DEV: nodev */
	}
	snprintf(path, sizeof(path), "/dev/shm/exile-ns-probe.%d", (int)getpid());
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	if(fd >= 0 || errno != EROFS)
	{
		if(fd >= 0)
		{
			unlink(path); /* the protection is missing: leave nothing behind */
		}
		return 21; /* read-only reaches the mounts below a recursive bind (/dev/shm) */
	}
	return 0;
}

static void ns_fallback_run(int how)
{
	struct ns_tree t;
	char *mi_before = ns_read_all("/proc/self/mountinfo"), *mi_after, *ls_before, *ls_after;
	struct stat st;
	int rc;
	ns_tree_make(&t);
	t.how = how;
	ls_before = ns_listing(t.dir);
	rc = in_child(ns_fallback_child, &t);
	mi_after = ns_read_all("/proc/self/mountinfo");
	ls_after = ns_listing(t.dir);
	assert_int_equal(rc, 0);
	assert_string_equal(mi_before, mi_after);
	assert_string_equal(ls_before, ls_after);
	assert_int_equal(stat("/tmp/.exile-new", &st), -1);
	assert_int_equal(stat("/tmp/.exile-old", &st), -1);
	ns_tree_remove(&t);
	free(mi_before);
	free(mi_after);
	free(ls_before);
	free(ls_after);
}

static void fallback_mount_method_enforces_path_rules(void **state)
{
	(void)state;
	ns_fallback_run(NS_FB_MOUNT_METHOD);
}

static void fallback_mount_method_without_mount_setattr(void **state)
{
	(void)state;
	ns_fallback_run(NS_FB_NO_SETATTR);
}

static void fallback_without_landlock_enforces_path_rules(void **state)
{
	(void)state;
	ns_fallback_run(NS_FB_NO_LANDLOCK);
}

/* /proc/self/mountinfo as a string, without cmocka asserts (for children). */
static char *ns_mountinfo(void)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = fopen("/proc/self/mountinfo", "r"), *m = open_memstream(&out, &len);
	int c;
	if(f == NULL || m == NULL)
	{
		return NULL;
	}
	while((c = fgetc(f)) != EOF)
	{
		fputc(c, m);
	}
	fclose(f);
	fclose(m);
	return out;
}

static int ns_fallback_in_grandchild(struct ns_tree *t, const char *stage)
{
	int status;
	pid_t pid = fork();
	if(pid == 0)
	{
		struct exile_policy *p = exile_init_policy();
		exile__ns_stage_dir = stage;
		p->mount_path_policies_to_chroot = 1;
		if(exile_append_path_policies(p, EXILE_FS_ALLOW_ALL_READ, t->ro) != 0 || ns_enable_or_report(p) != 0)
		{
			_exit(EXIT_ENABLE_FAILED);
		}
		_exit(0);
	}
	if(pid < 0 || waitpid(pid, &status, 0) != pid)
	{
		return -1;
	}
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* Mounts made by the fallback stay in its namespace even where the staging
 * directory is a shared mount (as / is under systemd): a playground mount
 * namespace whose staging directory is shared with the one exile copies. */
static int ns_propagation_child(void *arg)
{
	struct ns_tree *t = (struct ns_tree *)arg;
	char *before, *after;
	int rc;
	if(!exile__has_cap(CAP_SYS_ADMIN))
	{
		char map[64];
		uid_t uid = getuid();
		gid_t gid = getgid();
		if(unshare(CLONE_NEWUSER | CLONE_NEWNS) != 0 || exile__ns_write("/proc/self/setgroups", "deny") != 0)
		{
			return 30;
		}
		snprintf(map, sizeof(map), "%u %u 1", (unsigned)gid, (unsigned)gid);
		if(exile__ns_write("/proc/self/gid_map", map) != 0)
		{
			return 31;
		}
		snprintf(map, sizeof(map), "%u %u 1", (unsigned)uid, (unsigned)uid);
		if(exile__ns_write("/proc/self/uid_map", map) != 0)
		{
			return 32;
		}
	}
	else if(unshare(CLONE_NEWNS) != 0)
	{
		return 33;
	}
	if(mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0 || mount("tmpfs", t->secret, "tmpfs", 0, NULL) != 0
		|| mount(NULL, t->secret, NULL, MS_SHARED, NULL) != 0)
	{
		return 34;
	}
	before = ns_mountinfo();
	rc = ns_fallback_in_grandchild(t, t->secret);
	after = ns_mountinfo();
	if(rc != 0)
	{
		return 10;
	}
	if(before == NULL || after == NULL || strcmp(before, after) != 0)
	{
		return 11;
	}
	return 0;
}

static void fallback_mounts_do_not_propagate_to_the_parent(void **state)
{
	struct ns_tree t;
	(void)state;
	ns_tree_make(&t);
	assert_int_equal(in_child(ns_propagation_child, &t), 0);
	ns_tree_remove(&t);
}

/* A step the kernel refuses after unshare (pivot_root, by a filter exile does
 * not know) is found by the probe: -EPERM, and the process is unchanged. */
static int ns_probe_child(void *arg)
{
	struct ns_tree *t = (struct ns_tree *)arg;
	struct exile_policy *p = exile_init_policy();
	scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);
	char mnt[128], user[128], now[128], cwd[256], cwd2[256];
	int err;
	if(ctx == NULL || seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(pivot_root), 0) != 0 || seccomp_load(ctx) != 0)
	{
		return 30;
	}
	ns_link("mnt", mnt, sizeof(mnt));
	ns_link("user", user, sizeof(user));
	if(getcwd(cwd, sizeof(cwd)) == NULL)
	{
		return 31;
	}
	p->mount_path_policies_to_chroot = 1;
	if(exile_append_path_policies(p, EXILE_FS_ALLOW_ALL_READ, t->ro) != 0)
	{
		return 32;
	}
	err = exile_enable_policy(p);
	if(err != -EPERM || strstr(exile_last_error(), "pivot_root") == NULL)
	{
		fprintf(stderr, "%d %s\n", err, exile_last_error());
		return 10;
	}
	ns_link("mnt", now, sizeof(now));
	if(strcmp(now, mnt) != 0)
	{
		return 11;
	}
	ns_link("user", now, sizeof(now));
	if(strcmp(now, user) != 0)
	{
		return 12;
	}
	if(getcwd(cwd2, sizeof(cwd2)) == NULL || strcmp(cwd, cwd2) != 0)
	{
		return 13;
	}
	return 0;
}

static void fallback_failure_is_found_before_any_change(void **state)
{
	struct ns_tree t;
	(void)state;
	ns_tree_make(&t);
	assert_int_equal(in_child(ns_probe_child, &t), 0);
	ns_tree_remove(&t);
}

static int ns_no_fs_child(void *arg)
{
	struct exile_policy *p = exile_init_policy();
	struct stat st;
	struct dirent *e;
	DIR *d;
	int entries = 0;
	if(arg != NULL)
	{
		snprintf(p->chroot_target_path, sizeof(p->chroot_target_path), "%s", (const char *)arg); /* no_fs wins */
	}
	p->no_fs = 1;
	p->mount_path_policies_to_chroot = 1;
	if(ns_enable_or_report(p) != 0)
	{
		return EXIT_ENABLE_FAILED;
	}
	/* Landlock's no_fs (where the kernel has it) also refuses to list the
	 * empty root: either way nothing is there */
	d = opendir("/");
	if(d == NULL && errno != EACCES)
	{
		return 10;
	}
	while(d != NULL && (e = readdir(d)) != NULL)
	{
		entries += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
	}
	if(d != NULL)
	{
		closedir(d);
	}
	if(entries != 0)
	{
		return 11;
	}
	if(stat("/tmp", &st) == 0 || errno != ENOENT)
	{
		return 12;
	}
	if(mkdir("/x", 0755) == 0 || (errno != EROFS && errno != EACCES))
	{
		return 13;
	}
	if(fcntl(0, F_GETFD) < 0 || fcntl(1, F_GETFD) < 0 || fcntl(2, F_GETFD) < 0 || write(1, "", 0) != 0)
	{
		return 14; /* fds 0-2 untouched */
	}
	return 0;
}

static void fallback_no_fs_gives_an_empty_root(void **state)
{
	(void)state;
	assert_int_equal(in_child(ns_no_fs_child, NULL), 0);
	assert_int_equal(in_child(ns_no_fs_child, (void *)"/"), 0);
}

/* chroot_target_path becomes "/" (pivot_root, not chroot(2)); chdir_path
 * is taken inside it. */
static int ns_chroot_child(void *arg)
{
	struct ns_tree *t = (struct ns_tree *)arg;
	struct exile_policy *p = exile_init_policy();
	char cwd[64];
	struct stat st;
	int fd;
	snprintf(p->chroot_target_path, sizeof(p->chroot_target_path), "%s", t->dir);
	p->chdir_path = "/rw";
	if(ns_enable_or_report(p) != 0)
	{
		return EXIT_ENABLE_FAILED;
	}
	if(getcwd(cwd, sizeof(cwd)) == NULL || strcmp(cwd, "/rw") != 0)
	{
		return 10;
	}
	if(stat("/ro/data", &st) != 0 || stat("script", &st) != 0)
	{
		return 11;
	}
	if(stat(t->dir, &st) == 0 || stat("/etc/passwd", &st) == 0)
	{
		return 12;
	}
	if(chdir("/..") != 0 || stat("ro/data", &st) != 0)
	{
		return 13; /* ".." of the root is the root */
	}
	fd = open("/rw/written", O_WRONLY | O_CREAT, 0644);
	if(fd < 0)
	{
		return 14; /* the directory as it is: writable where the host allows */
	}
	close(fd);
	return 0;
}

static int ns_chroot_missing_mount_point(void *arg)
{
	struct ns_tree *t = (struct ns_tree *)arg;
	struct exile_policy *p = exile_init_policy();
	char mnt[128], now[128];
	int err;
	snprintf(p->chroot_target_path, sizeof(p->chroot_target_path), "%s", t->ro);
	p->mount_path_policies_to_chroot = 1;
	if(exile_append_path_policies(p, EXILE_FS_ALLOW_ALL_READ, t->rw) != 0)
	{
		return 30;
	}
	ns_link("mnt", mnt, sizeof(mnt));
	err = exile_enable_policy(p);
	ns_link("mnt", now, sizeof(now));
	if(err != -ENOENT || strstr(exile_last_error(), t->rw) == NULL || strcmp(mnt, now) != 0)
	{
		fprintf(stderr, "%d %s\n", err, exile_last_error());
		return 10;
	}
	return 0;
}

static void chroot_target_path_becomes_the_root(void **state)
{
	struct ns_tree t;
	char *before = ns_read_all("/proc/self/mountinfo"), *after;
	(void)state;
	ns_tree_make(&t);
	assert_int_equal(in_child(ns_chroot_child, &t), 0);
	/* with the mount method, paths are mounted inside it: exile makes no mount point there */
	assert_int_equal(in_child(ns_chroot_missing_mount_point, &t), 0);
	after = ns_read_all("/proc/self/mountinfo");
	assert_string_equal(before, after);
	ns_tree_remove(&t);
	free(before);
	free(after);
}

static int ns_finer_rights_child(void *arg)
{
	struct ns_tree *t = (struct ns_tree *)arg;
	struct exile_policy *p = exile_init_policy();
	p->mount_path_policies_to_chroot = 1;
	if(exile_append_path_policies(p, EXILE_FS_ALLOW_ALL_READ | EXILE_FS_ALLOW_MAKE_DIR, t->rw) != 0)
	{
		return 30;
	}
	if(exile_enable_policy(p) != -EOPNOTSUPP || strstr(exile_last_error(), t->rw) == NULL)
	{
		return 10;
	}
	return 0;
}

static void fallback_refuses_rights_it_cannot_enforce(void **state)
{
	struct ns_tree t;
	(void)state;
	ns_tree_make(&t);
	assert_int_equal(in_child(ns_finer_rights_child, &t), 0);
	ns_tree_remove(&t);
}

/* The capabilities a new user namespace grants stay only when the policy
 * neither drops capabilities nor builds a new root. */
static int ns_caps_child(void *arg)
{
	struct exile_policy *p = exile_create_policy();
	int drop = arg != NULL;
	p->namespace_options = EXILE_UNSHARE_USER;
	p->drop_caps = drop;
	if(ns_enable_or_report(p) != 0)
	{
		return EXIT_ENABLE_FAILED;
	}
	if(exile__caps_empty() != drop)
	{
		return 10;
	}
	return 0;
}

static void ns_user_namespace_caps_dropped_with_drop_caps(void **state)
{
	(void)state;
	assert_int_equal(in_child(ns_caps_child, NULL), 0);
	assert_int_equal(in_child(ns_caps_child, (void *)1), 0);
}

/* A user namespace's default mapping is upstream's: the caller is uid and
 * gid 0 inside, mapped to its own effective ids outside; upstream's "own
 * uid" pattern (namespace_uid = getuid()) maps the ids to themselves. */
static int ns_map_is(const char *file, unsigned inside, unsigned outside)
{
	unsigned a = 1, b = 1, n = 0;
	FILE *f = fopen(file, "r");
	int ok = f != NULL && fscanf(f, "%u %u %u", &a, &b, &n) == 3 && a == inside && b == outside && n == 1;
	if(f != NULL)
	{
		fclose(f);
	}
	return ok;
}

static int ns_default_map_child(void *arg)
{
	struct exile_policy *p = exile_create_policy();
	uid_t uid = geteuid();
	gid_t gid = getegid();
	int own = arg != NULL;
	p->namespace_options = EXILE_UNSHARE_USER;
	if(own)
	{
		p->namespace_uid = uid;
		p->namespace_gid = gid;
	}
	if(ns_enable_or_report(p) != 0)
	{
		return EXIT_ENABLE_FAILED;
	}
	if(getuid() != (own ? uid : 0) || geteuid() != (own ? uid : 0) || getgid() != (own ? gid : 0))
	{
		return 10;
	}
	if(!ns_map_is("/proc/self/uid_map", own ? uid : 0, uid) || !ns_map_is("/proc/self/gid_map", own ? gid : 0, gid))
	{
		return 11;
	}
	return 0;
}

static void ns_user_default_maps_the_caller_to_root_inside(void **state)
{
	(void)state;
	assert_int_equal(in_child(ns_default_map_child, NULL), 0);
	assert_int_equal(in_child(ns_default_map_child, (void *)1), 0);
}

/* Root inside (the default mapping) must not get the namespace's
 * capabilities back by execve once drop_caps dropped them: without
 * no_new_privs, an exec by uid 0 would refill them from the bounding set
 * (enough to unmount a new root's binds). The exec'd program reports its
 * own capability sets. */
static int ns_exec_caps_child(void *arg)
{
	struct exile_policy *p = exile_create_policy();
	char out[8192], *line;
	const char *which[] = { "CapPrm:", "CapEff:", "CapBnd:", "CapAmb:" };
	size_t len = 0, i;
	ssize_t n;
	int fds[2], status;
	pid_t pid;
	(void)arg;
	p->namespace_options = EXILE_UNSHARE_USER;
	p->drop_caps = 1;
	if(ns_enable_or_report(p) != 0)
	{
		return EXIT_ENABLE_FAILED;
	}
	if(getuid() != 0 || pipe(fds) != 0)
	{
		return 10;
	}
	pid = fork();
	if(pid == 0)
	{
		char *argv[] = { (char *)"cat", (char *)"/proc/self/status", NULL };
		dup2(fds[1], 1);
		execv("/bin/cat", argv);
		_exit(127);
	}
	close(fds[1]);
	while(len < sizeof(out) - 1 && (n = read(fds[0], out + len, sizeof(out) - 1 - len)) > 0)
	{
		len += (size_t)n;
	}
	out[len] = '\0';
	if(pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
	{
		return 11;
	}
	for(i = 0; i < sizeof(which) / sizeof(which[0]); i++)
	{
		line = strstr(out, which[i]);
		if(line == NULL)
		{
			return 12;
		}
		if(strtoull(line + strlen(which[i]), NULL, 16) != 0)
		{
			fprintf(stderr, "after execve as uid 0 inside: %.40s\n", line);
			return 20 + (int)i;
		}
	}
	return 0;
}

static void ns_root_inside_regains_no_caps_by_exec(void **state)
{
	(void)state;
	assert_int_equal(in_child(ns_exec_caps_child, NULL), 0);
}

static void *ns_sleeper(void *arg)
{
	(void)arg;
	pause();
	return NULL;
}

static int ns_threads_child(void *arg)
{
	struct exile_policy *p = exile_create_policy();
	char user[128], now[128];
	pthread_t th;
	(void)arg;
	if(pthread_create(&th, NULL, ns_sleeper, NULL) != 0)
	{
		return 30;
	}
	ns_link("net", user, sizeof(user));
	/* root enters a network namespace without a user namespace, which the
	   kernel would allow for the calling thread alone */
	p->namespace_options = EXILE_UNSHARE_NETWORK;
	if(exile_enable_policy(p) != -EINVAL || strstr(exile_last_error(), "this one has threads") == NULL)
	{
		return 10;
	}
	ns_link("net", now, sizeof(now));
	return strcmp(user, now) == 0 ? 0 : 11;
}

static void ns_refused_with_threads(void **state)
{
	(void)state;
	assert_int_equal(in_child(ns_threads_child, NULL), 0);
}

/* root that keeps CAP_SYS_ADMIN could undo the mounts: refused; a process
 * without it gets a user namespace and no capabilities inside. */
static int ns_root_keeps_caps_child(void *arg)
{
	struct ns_tree *t = (struct ns_tree *)arg;
	struct exile_policy *p = exile_create_policy();
	int root = exile__has_cap(CAP_SYS_ADMIN), err;
	p->mount_path_policies_to_chroot = 1;
	p->no_new_privs = 1; /* path rules bring the filter that closes Landlock's gaps */
	if(exile_append_path_policies(p, EXILE_FS_ALLOW_ALL_READ, t->ro) != 0)
	{
		return 30;
	}
	err = exile_enable_policy(p);
	if(root)
	{
		return err == -EINVAL && strstr(exile_last_error(), "drop_caps") != NULL ? 0 : 10;
	}
	return err == 0 && exile__caps_empty() ? 0 : 11;
}

static void fallback_refuses_root_that_keeps_cap_sys_admin(void **state)
{
	struct ns_tree t;
	(void)state;
	ns_tree_make(&t);
	assert_int_equal(in_child(ns_root_keeps_caps_child, &t), 0);
	ns_tree_remove(&t);
}

/* chdir_path without a new root; preserve_cwd with one. */
static int ns_cwd_child(void *arg)
{
	struct ns_tree *t = (struct ns_tree *)arg;
	struct exile_policy *p = exile_init_policy();
	char cwd[128];
	if(t->how == 0)
	{
		p->chdir_path = t->rw;
	}
	else
	{
		if(chdir(t->rw) != 0)
		{
			return 30;
		}
		snprintf(p->chroot_target_path, sizeof(p->chroot_target_path), "/");
		p->preserve_cwd = 1;
	}
	if(ns_enable_or_report(p) != 0)
	{
		return EXIT_ENABLE_FAILED;
	}
	return getcwd(cwd, sizeof(cwd)) != NULL && strcmp(cwd, t->rw) == 0 ? 0 : 10;
}

static void chdir_path_and_preserve_cwd_are_honoured(void **state)
{
	struct ns_tree t;
	(void)state;
	ns_tree_make(&t);
	assert_int_equal(in_child(ns_cwd_child, &t), 0);
	t.how = 1;
	assert_int_equal(in_child(ns_cwd_child, &t), 0);
	ns_tree_remove(&t);
}

/* ------------------------------------------------------------------------ */

/* The namespace fallback (no Landlock) binds the path a policy named; a path
 * that names another file than when it was added must be refused, as the
 * Landlock builder refuses it (-ESTALE), not bound wherever it points now. */
static int fallback_swap_child(void *arg)
{
	const struct ll_tree *t = (const struct ll_tree *)arg;
	struct exile_policy *p = exile_init_policy();
	char old[128];
	int ret;
	if(ns_enosys_filter(1, 0) != 0)
	{
		return 101;
	}
	exile__state.ll_probe.done = 0; /* forget the parent's Landlock answer */
	if(exile_append_path_policies(p, EXILE_FS_ALLOW_ALL_READ, t->ro, "/proc") != 0)
	{
		return 102;
	}
	/* ro now leads to the secret directory */
	snprintf(old, sizeof(old), "%s.old", t->ro);
	if(rename(t->ro, old) != 0 || symlink(t->out, t->ro) != 0)
	{
		return 103;
	}
	ret = exile_enable_policy(p);
	if(ret == 0)
	{
		char secret[128];
		snprintf(secret, sizeof(secret), "%s/secret", t->out);
		return open(secret, O_RDONLY) >= 0 ? 104 : 105;
	}
	return strstr(exile_last_error(), t->ro) != NULL ? -ret : 106;
}

static void fallback_path_swapped_after_adding_is_refused(void **state)
{
	struct ll_tree t;
	char old[128];
	(void)state;
	ll_tree_make(&t);
	assert_int_equal(in_child(fallback_swap_child, &t), ESTALE);
	snprintf(old, sizeof(old), "%s.old", t.ro);
	assert_int_equal(nftw(old, ll_rm, 16, FTW_DEPTH | FTW_PHYS), 0);
	assert_int_equal(unlink(t.ro), 0);
	assert_int_equal(mkdir(t.ro, 0755), 0);
	ll_tree_remove(&t);
}

static const struct CMUnitTest ns_tests[] = {
	cmocka_unit_test(ns_each_namespace_is_entered),
	cmocka_unit_test(ns_user_maps_namespace_uid_and_denies_setgroups),
	cmocka_unit_test(ns_network_has_loopback_and_no_route_out),
	cmocka_unit_test(ns_nested_namespaces_refused_unless_allowed),
	cmocka_unit_test(ns_nested_filter_verdicts),
	cmocka_unit_test(ns_blocked_userns_names_the_setting),
	cmocka_unit_test(fallback_mount_method_enforces_path_rules),
	cmocka_unit_test(fallback_mount_method_without_mount_setattr),
	cmocka_unit_test(fallback_without_landlock_enforces_path_rules),
	cmocka_unit_test(fallback_mounts_do_not_propagate_to_the_parent),
	cmocka_unit_test(fallback_failure_is_found_before_any_change),
	cmocka_unit_test(fallback_no_fs_gives_an_empty_root),
	cmocka_unit_test(chroot_target_path_becomes_the_root),
	cmocka_unit_test(fallback_refuses_rights_it_cannot_enforce),
	cmocka_unit_test(ns_user_namespace_caps_dropped_with_drop_caps),
	cmocka_unit_test(ns_user_default_maps_the_caller_to_root_inside),
	cmocka_unit_test(ns_root_inside_regains_no_caps_by_exec),
	cmocka_unit_test(ns_refused_with_threads),
	cmocka_unit_test(fallback_refuses_root_that_keeps_cap_sys_admin),
	cmocka_unit_test(chdir_path_and_preserve_cwd_are_honoured),
	cmocka_unit_test(fallback_path_swapped_after_adding_is_refused),
};
