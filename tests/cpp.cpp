/* tests/cpp.cpp — exile.hpp and exile.h from C++ (cmocka; built as
 * test-cpp by make, run by test.sh as the user and as nobody). Upstream's
 * test.cpp patterns (exile_launch<int>, <std::string>, with a serializer)
 * plus what this exile.hpp promises: the policy is applied in the child, a
 * value comes back even when the child may not write(), exceptions carry
 * the cause, exile::policy owns its policy. */
#define EXILE_IMPLEMENTATION
#define EXILE_LOG_ERROR(...) ((void)0)
#include "exile.hpp"

#include <algorithm>
#include <string>
#include <sys/wait.h>

extern "C" {
#include <setjmp.h>
#include <cmocka.h>
}

/* fn(arg) in a forked child: its exit code, or -signal. */
static int cpp_in_child(int (*fn)())
{
	int status = 0;
	fflush(stdout);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if(pid == 0)
	{
		_exit(fn());
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	return WIFSIGNALED(status) ? -WTERMSIG(status) : WEXITSTATUS(status);
}

static int incrementer(int arg)
{
	return ++arg;
}

static void cpp_launch_trivial_returns_the_value(void **)
{
	int u = 22;
	assert_int_equal(exile_launch<int>(exile::policy(), &incrementer, u), 23);
}

struct point
{
	int x, y;
	char tag[16];
};

static void cpp_launch_trivial_struct_and_lambda(void **)
{
	point p = exile_launch<point>(exile::policy(), [](int a, int b) {
		point r = { a, b, "sandboxed" };
		return r;
	}, 3, 4);
	assert_int_equal(p.x, 3);
	assert_int_equal(p.y, 4);
	assert_string_equal(p.tag, "sandboxed");
}

static std::string sandboxed_reverse(std::string str)
{
	std::reverse(str.begin(), str.end());
	return str;
}

static void cpp_launch_stdstring(void **)
{
	std::string str = "abc123";
	assert_true(exile_launch<std::string>(exile::policy(), &sandboxed_reverse, str) == "321cba");
	/* 1 MiB and the empty string */
	std::string big(1024 * 1024, 'x');
	big[12345] = 'y';
	std::string back = exile_launch<std::string>(exile::policy(), [](const std::string &s) { return s; }, big);
	assert_true(back == big);
	assert_true(exile_launch<std::string>(exile::policy(), []() { return std::string(); }).empty());
}

struct not_trivially_copyable
{
	std::string somecontent;
};

static void cpp_launch_serializer(void **)
{
	static_assert(!std::is_trivially_copyable<not_trivially_copyable>::value, "the serializer form");
	auto serializer = [](const not_trivially_copyable &obj, char *buf, size_t n) {
		serialize_stdstring<std::string>(obj.somecontent, buf, n);
		return obj.somecontent.size();
	};
	auto deserializer = [](const char *buffer, size_t n) {
		not_trivially_copyable obj;
		obj.somecontent = deserialize_stdstring<std::string>(buffer, n);
		return obj;
	};
	not_trivially_copyable result = exile_launch<not_trivially_copyable>(exile::policy(), serializer, deserializer, []() {
		not_trivially_copyable obj;
		obj.somecontent = "Just something";
		return obj;
	});
	assert_true(result.somecontent == "Just something");
}

/* The attack: the sandboxed function reads a file its vows forbid. Had the
 * policy not been applied, the bytes would come back; instead the sandbox
 * kills the child and the exception names the denied syscall. */
static void cpp_launch_applies_the_policy(void **)
{
	exile::policy pol;
	pol.vows("stdio");
	bool threw = false;
	try
	{
		std::string leaked = exile_launch<std::string>(pol, []() {
			char buf[64] = "";
			int fd = open("/etc/passwd", O_RDONLY);
			ssize_t n = fd >= 0 ? read(fd, buf, sizeof(buf)) : -1;
			return std::string(buf, n > 0 ? static_cast<size_t>(n) : 0);
		});
		print_error("the sandboxed function read /etc/passwd: %.20s\n", leaked.c_str());
	}
	catch(const exile::error &e)
	{
		threw = true;
		assert_int_equal(e.code(), -ECHILD);
		assert_non_null(strstr(e.what(), "open"));
	}
	assert_true(threw);
}

/* The value needs no syscall in the child: with vows "error" (every call
 * but exit fails with EACCES) write() to stdout fails, and its errno still
 * comes back. */
static void cpp_launch_result_needs_no_syscall(void **)
{
	exile::policy pol;
	pol.vows("error");
	int e = exile_launch<int>(pol, []() { return write(1, "x", 1) < 0 ? errno : 0; });
	assert_int_equal(e, EACCES);
}

static void cpp_launch_exception_carries_the_cause(void **)
{
	bool threw = false;
	try
	{
		(void)exile_launch<int>(exile::policy(), []() -> int { throw std::runtime_error("boom in the sandbox"); });
	}
	catch(const exile::error &e)
	{
		threw = true;
		assert_int_equal(e.code(), -ECANCELED);
		assert_non_null(strstr(e.what(), "boom in the sandbox"));
	}
	assert_true(threw);
	/* a policy the child cannot apply: its error, and fn never ran */
	threw = false;
	exile::policy bad;
	bad->vow_promises = EXILE_SYSCALL_VOW_INVALID;
	try
	{
		(void)exile_launch<int>(bad, []() { return 1; });
	}
	catch(const exile::error &e)
	{
		threw = true;
		assert_int_equal(e.code(), -EINVAL);
	}
	assert_true(threw);
}

static void cpp_policy_owns_and_moves(void **)
{
	exile::policy a;
	assert_non_null(a.get());
	assert_int_equal(a->no_new_privs, 1); /* exile_init_policy's defaults */
	a.vows("stdio rpath");
	assert_true((a->vow_promises & EXILE_SYSCALL_VOW_RPATH) != 0);
	exile::policy b(std::move(a));
	assert_null(a.get());
	assert_true((b->vow_promises & EXILE_SYSCALL_VOW_STDIO) != 0);
	exile::policy c = exile::policy::empty();
	assert_int_equal(c->no_new_privs, 0);
	c = std::move(b);
	assert_true((c->vow_promises & EXILE_SYSCALL_VOW_STDIO) != 0);
	struct exile_policy *raw = c.release();
	assert_null(c.get());
	exile_free_policy(raw);
	bool threw = false;
	try
	{
		c = exile::policy();
		c.vows("stdio rpaht");
	}
	catch(const exile::error &e)
	{
		threw = true;
		assert_int_equal(e.code(), -EINVAL);
		assert_non_null(strstr(e.what(), "rpaht"));
	}
	assert_true(threw);
}

static int cpp_enable_child()
{
	exile::policy p;
	p.vows("stdio");
	p.enable();
	/* the attack: create a file */
	int fd = open("/tmp", O_TMPFILE | O_WRONLY, 0600);
	return fd >= 0 ? 1 : 2;
}

static int cpp_enable_failure_child()
{
	exile::policy p;
	p->vow_promises = EXILE_SYSCALL_VOW_INVALID;
	try
	{
		p.enable();
	}
	catch(const exile::error &e)
	{
		return e.code() == -EINVAL ? 0 : 3;
	}
	return 4;
}

static void cpp_policy_enable_enforces_or_throws(void **)
{
	assert_int_equal(cpp_in_child(cpp_enable_child), -SIGSYS);
	assert_int_equal(cpp_in_child(cpp_enable_failure_child), 0);
}

/* The C declarations from C++: the report struct by its tag or typedef. */
static void cpp_landlock_report_is_usable(void **)
{
	struct exile_landlock_report r;
	exile_landlock_report_t r2;
	exile::policy p;
	memset(&r2, 0, sizeof(r2));
	assert_int_equal(exile_landlock_report(p, &r), 0);
	assert_true(r.summary[0] != '\0');
	assert_int_equal(r2.abi, 0);
	assert_string_equal(exile_version(), EXILE_VERSION_STRING);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(cpp_launch_trivial_returns_the_value),
		cmocka_unit_test(cpp_launch_trivial_struct_and_lambda),
		cmocka_unit_test(cpp_launch_stdstring),
		cmocka_unit_test(cpp_launch_serializer),
		cmocka_unit_test(cpp_launch_applies_the_policy),
		cmocka_unit_test(cpp_launch_result_needs_no_syscall),
		cmocka_unit_test(cpp_launch_exception_carries_the_cause),
		cmocka_unit_test(cpp_policy_owns_and_moves),
		cmocka_unit_test(cpp_policy_enable_enforces_or_throws),
		cmocka_unit_test(cpp_landlock_report_is_usable),
	};
	return cmocka_run_group_tests_name("cpp", tests, NULL, NULL);
}
