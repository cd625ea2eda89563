/* fuzz/fuzz.h — what the libFuzzer targets share: the implementation (one
 * translation unit per target), a reader that turns the fuzzer's bytes into
 * choices, and a checker that accepts exactly the classic BPF programs the
 * kernel's seccomp accepts (written from bpf_check_classic(),
 * check_load_and_stores() and seccomp_check_filter(): an independent second
 * opinion next to exile_bpf_simulate).
 *
 * A violated property calls fz_fail(), which prints what broke and aborts:
 * libFuzzer saves the input as a crash. */
#define _GNU_SOURCE
#define EXILE_IMPLEMENTATION
#define EXILE_LOG_ERROR(...) ((void)0)
#include "../exile.h"

#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define FZ_N(a) (sizeof(a) / sizeof((a)[0]))

static void fz_fail(const char *what, ...) __attribute__((noreturn, format(printf, 1, 2)));
static void fz_fail(const char *what, ...)
{
	va_list ap;
	va_start(ap, what);
	fprintf(stderr, "fuzz property violated: ");
	vfprintf(stderr, what, ap);
	fprintf(stderr, "\n  exile_last_error: %s\n", exile_last_error());
	va_end(ap);
	abort();
}

/* The fuzzer's bytes as a stream of choices; past the end every read is 0. */
struct fz
{
	const uint8_t *p;
	size_t n, i;
};

__attribute__((unused)) static uint8_t fz_u8(struct fz *f)
{
	return f->i < f->n ? f->p[f->i++] : 0;
}

__attribute__((unused)) static uint16_t fz_u16(struct fz *f)
{
	return (uint16_t)(fz_u8(f) | (fz_u8(f) << 8));
}

__attribute__((unused)) static uint32_t fz_u32(struct fz *f)
{
	return (uint32_t)fz_u16(f) | ((uint32_t)fz_u16(f) << 16);
}

__attribute__((unused)) static uint64_t fz_u64(struct fz *f)
{
	return (uint64_t)fz_u32(f) | ((uint64_t)fz_u32(f) << 32);
}

/* One instruction as the kernel sees it, jump ranges aside: 1 if accepted. */
__attribute__((unused)) static int fz_insn_ok(const struct sock_filter *in)
{
	switch(in->code)
	{
	case BPF_LD | BPF_W | BPF_ABS:
		return in->k < sizeof(struct seccomp_data) && (in->k & 3) == 0;
	case BPF_LD | BPF_W | BPF_LEN:
	case BPF_LDX | BPF_W | BPF_LEN:
	case BPF_LD | BPF_IMM:
	case BPF_LDX | BPF_IMM:
	case BPF_MISC | BPF_TAX:
	case BPF_MISC | BPF_TXA:
	case BPF_RET | BPF_K:
	case BPF_RET | BPF_A:
	case BPF_ALU | BPF_ADD | BPF_K:
	case BPF_ALU | BPF_ADD | BPF_X:
	case BPF_ALU | BPF_SUB | BPF_K:
	case BPF_ALU | BPF_SUB | BPF_X:
	case BPF_ALU | BPF_MUL | BPF_K:
	case BPF_ALU | BPF_MUL | BPF_X:
	case BPF_ALU | BPF_DIV | BPF_X:
	case BPF_ALU | BPF_AND | BPF_K:
	case BPF_ALU | BPF_AND | BPF_X:
	case BPF_ALU | BPF_OR | BPF_K:
	case BPF_ALU | BPF_OR | BPF_X:
	case BPF_ALU | BPF_XOR | BPF_K:
	case BPF_ALU | BPF_XOR | BPF_X:
	case BPF_ALU | BPF_LSH | BPF_X:
	case BPF_ALU | BPF_RSH | BPF_X:
	case BPF_ALU | BPF_NEG:
	case BPF_JMP | BPF_JA:
	case BPF_JMP | BPF_JEQ | BPF_K:
	case BPF_JMP | BPF_JEQ | BPF_X:
	case BPF_JMP | BPF_JGT | BPF_K:
	case BPF_JMP | BPF_JGT | BPF_X:
	case BPF_JMP | BPF_JGE | BPF_K:
	case BPF_JMP | BPF_JGE | BPF_X:
	case BPF_JMP | BPF_JSET | BPF_K:
	case BPF_JMP | BPF_JSET | BPF_X:
		return 1;
	case BPF_ALU | BPF_DIV | BPF_K:
		return in->k != 0;
	case BPF_ALU | BPF_LSH | BPF_K:
	case BPF_ALU | BPF_RSH | BPF_K:
		return in->k < 32;
	case BPF_LD | BPF_MEM:
	case BPF_LDX | BPF_MEM:
	case BPF_ST:
	case BPF_STX:
		return in->k < BPF_MEMWORDS;
	default:
		return 0;
	}
}

/* The kernel's acceptance of a seccomp program: 0, or -EINVAL. */
__attribute__((unused)) static int fz_kernel_accepts(const struct sock_filter *f, size_t len)
{
	uint32_t *masks;
	uint32_t valid = 0; /* the kernel: nothing is written at the start */
	size_t pc;
	if(len == 0 || len > BPF_MAXINSNS)
	{
		return -EINVAL;
	}
	for(pc = 0; pc < len; pc++)
	{
		const struct sock_filter *in = &f[pc];
		if(!fz_insn_ok(in))
		{
			return -EINVAL;
		}
		if(in->code == (BPF_JMP | BPF_JA) && in->k >= (uint32_t)(len - pc - 1))
		{
			return -EINVAL;
		}
		if(BPF_CLASS(in->code) == BPF_JMP && in->code != (BPF_JMP | BPF_JA) && (pc + in->jt + 1 >= len || pc + in->jf + 1 >= len))
		{
			return -EINVAL;
		}
	}
	if(BPF_CLASS(f[len - 1].code) != BPF_RET)
	{
		return -EINVAL;
	}
	/* scratch memory: read only where every path wrote it */
	masks = (uint32_t *)malloc(len * sizeof(*masks));
	if(masks == NULL)
	{
		return -ENOMEM;
	}
	for(pc = 0; pc < len; pc++)
	{
		masks[pc] = ~0u;
	}
	for(pc = 0; pc < len; pc++)
	{
		const struct sock_filter *in = &f[pc];
		valid &= masks[pc];
		switch(in->code)
		{
		case BPF_ST:
		case BPF_STX:
			valid |= 1u << in->k;
			break;
		case BPF_LD | BPF_MEM:
		case BPF_LDX | BPF_MEM:
			if(!(valid & (1u << in->k)))
			{
				free(masks);
				return -EINVAL;
			}
			break;
		case BPF_JMP | BPF_JA:
			masks[pc + 1 + in->k] &= valid;
			valid = ~0u;
			break;
		case BPF_JMP | BPF_JEQ | BPF_K:
		case BPF_JMP | BPF_JEQ | BPF_X:
		case BPF_JMP | BPF_JGT | BPF_K:
		case BPF_JMP | BPF_JGT | BPF_X:
		case BPF_JMP | BPF_JGE | BPF_K:
		case BPF_JMP | BPF_JGE | BPF_X:
		case BPF_JMP | BPF_JSET | BPF_K:
		case BPF_JMP | BPF_JSET | BPF_X:
			masks[pc + 1 + in->jt] &= valid;
			masks[pc + 1 + in->jf] &= valid;
			valid = ~0u;
			break;
		default:
			break;
		}
	}
	free(masks);
	return 0;
}

/* Runs fn(arg) in a child that shares our memory (so that a seccomp filter
 * it loads binds only that child), on a stack of its own, and returns its
 * wait status. fn must end by dying without a system call (the filter it
 * loaded may forbid them all): fz_die() executes an invalid instruction,
 * and SIGILL is reset to its default in the child, so it dies by SIGILL.
 * The parent blocks in waitpid: nothing spins. */
__attribute__((unused, noreturn, no_sanitize("address", "undefined"))) static void fz_die(void)
{
	__builtin_trap();
}

struct fz_vm
{
	int (*fn)(void *);
	void *arg;
};

__attribute__((unused, no_sanitize("address", "undefined"))) static int fz_vm_start(void *p)
{
	struct fz_vm *vm = (struct fz_vm *)p;
	/* the kernel's struct sigaction: handler, flags, restorer, mask */
	unsigned long dfl[4] = { 0 /* SIG_DFL */, 0, 0, 0 };
	static const int sigs[] = { SIGILL, SIGSEGV, SIGBUS, SIGFPE, SIGABRT };
	struct rlimit nocore = { 0, 0 };
	size_t i;
	/* the parent's handlers (libFuzzer's, ASan's) must not run on shared
	 * memory; the raw call, because ASan's sigaction() keeps its own */
	for(i = 0; i < FZ_N(sigs); i++)
	{
		syscall(__NR_rt_sigaction, sigs[i], dfl, NULL, 8);
	}
	syscall(__NR_setrlimit, RLIMIT_CORE, &nocore);
	vm->fn(vm->arg);
	fz_die();
}

__attribute__((unused)) static int fz_in_vm_child(int (*fn)(void *), void *arg)
{
	static char *stack;
	struct fz_vm vm;
	pid_t pid;
	int status = 0;
	if(stack == NULL
		&& (stack = (char *)mmap(NULL, 1 << 16, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)) == MAP_FAILED)
	{
		fz_fail("mmap for a child's stack");
	}
	vm.fn = fn;
	vm.arg = arg;
	pid = clone(fz_vm_start, stack + (1 << 16), CLONE_VM | SIGCHLD, &vm);
	if(pid < 0)
	{
		fz_fail("clone: %s", strerror(errno));
	}
	while(waitpid(pid, &status, 0) < 0)
	{
		if(errno != EINTR)
		{
			fz_fail("waitpid: %s", strerror(errno));
		}
	}
	return status;
}

/* The real kernel's verdict on loading the program: 0 or the errno of
 * seccomp(SET_MODE_FILTER), from a child that then dies. */
struct fz_load
{
	const struct sock_fprog *prog;
	volatile int result;
};

__attribute__((unused, no_sanitize("address", "undefined"))) static int fz_load_child(void *arg)
{
	struct fz_load *l = (struct fz_load *)arg;
	long r = syscall(__NR_prctl, PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
	if(r == 0)
	{
		r = syscall(__NR_seccomp, SECCOMP_SET_MODE_FILTER, 0, l->prog);
	}
	l->result = r == 0 ? 0 : errno;
	return 0;
}

__attribute__((unused)) static int fz_real_load(const struct sock_fprog *prog)
{
#ifdef FZ_NO_REAL_LOAD
	/* under valgrind (no CLONE_VM children): the checker answers */
	return fz_kernel_accepts(prog->filter, prog->len) == 0 ? 0 : EINVAL;
#else
	struct fz_load l;
	l.prog = prog;
	l.result = -1;
	fz_in_vm_child(fz_load_child, &l);
	if(l.result == -1)
	{
		fz_fail("the load-check child died before answering");
	}
	return l.result;
#endif
}

/* An exile action from a byte, and what the filter returns for it. */
__attribute__((unused)) static unsigned int fz_action(uint8_t b)
{
	static const unsigned int acts[] = {
		EXILE_SYSCALL_ALLOW, EXILE_SYSCALL_DENY_KILL_PROCESS, EXILE_SYSCALL_DENY_RET_ERROR, EXILE_SYSCALL_DENY_RET_NOSYS,
		EXILE_SYSCALL_DENY_TRAP, EXILE_SYSCALL_LOG, EXILE_SYSCALL_DENY_ERRNO(1), EXILE_SYSCALL_DENY_ERRNO(4095),
	};
	if(b >= 0xF0)
	{
		return EXILE_SYSCALL_DENY_ERRNO(1 + (b & 0x0F) * 97);
	}
	return acts[b % FZ_N(acts)];
}

__attribute__((unused)) static uint32_t fz_action_ret(unsigned int a)
{
	switch(a)
	{
	case EXILE_SYSCALL_ALLOW: return SECCOMP_RET_ALLOW;
	case EXILE_SYSCALL_DENY_KILL_PROCESS: return SECCOMP_RET_KILL_PROCESS;
	case EXILE_SYSCALL_DENY_RET_ERROR: return SECCOMP_RET_ERRNO | EACCES;
	case EXILE_SYSCALL_DENY_RET_NOSYS: return SECCOMP_RET_ERRNO | ENOSYS;
	case EXILE_SYSCALL_DENY_TRAP: return SECCOMP_RET_TRAP;
	case EXILE_SYSCALL_LOG: return SECCOMP_RET_LOG;
	default: return SECCOMP_RET_ERRNO | (a & 0xFFFFu);
	}
}

/* What exile gives a number without a rule: the default, except that
 * numbers its table does not name get ENOSYS where the default denies. */
__attribute__((unused)) static uint32_t fz_unnamed(long nr, uint32_t deflt)
{
	if(exile_syscall_name(nr) != NULL || deflt == SECCOMP_RET_ALLOW || deflt == SECCOMP_RET_LOG)
	{
		return deflt;
	}
	return SECCOMP_RET_ERRNO | ENOSYS;
}

/* What exile's filters carry on their own, whatever the rules (a refusal of
 * terminal injection, say): the verdicts of a policy holding only the
 * default rule. A target compares a rule set with its reference only where
 * this baseline gives what no rules at all would give, so that such
 * additions, and where exile places them among the rules, are not taken for
 * findings. 1 if d is such a call. */
__attribute__((unused)) static int fz_library_decides(unsigned int dact, const struct seccomp_data *d)
{
	static struct
	{
		unsigned int dact;
		struct sock_fprog prog;
	} cache[32];
	static size_t ncache;
	size_t i;
	uint32_t got = 0, plain;
	for(i = 0; i < ncache && cache[i].dact != dact; i++)
	{
	}
	if(i == ncache)
	{
		struct exile_policy *p = exile_create_policy();
		if(ncache == FZ_N(cache) || p == NULL || exile_append_syscall_default_policy(p, dact) != 0
			|| exile_syscall_policy_to_bpf(p, &cache[i].prog) != 0)
		{
			fz_fail("the baseline policy for default 0x%x", dact);
		}
		exile_free_policy(p);
		cache[i].dact = dact;
		ncache++;
	}
	plain = (d->arch != AUDIT_ARCH_X86_64 || (d->nr & 0x40000000)) ? SECCOMP_RET_KILL_PROCESS
		: fz_unnamed(d->nr, fz_action_ret(dact));
	if(exile_bpf_simulate(&cache[i].prog, d, &got) <= 0)
	{
		fz_fail("the baseline program does not run");
	}
	return got != plain;
}

/* Syscall numbers worth aiming at: common ones, the table's edges, unnamed
 * gaps, the last number below the x32 bit. */
__attribute__((unused)) static long fz_nr(struct fz *f)
{
	static const long nrs[] = { 0, 1, 2, 3, 9, 16, 41, 42, 56, 59, 72, 101, 157, 257, 287, 317, 321, 334, 335, 387, 424,
		434, 435, 437, 450, 470, 471, 511, 512, 547, 548, 1000, 0x3FFFFFFF };
	uint8_t b = fz_u8(f);
	if(b < 0xC0)
	{
		return nrs[b % FZ_N(nrs)];
	}
	return (long)(fz_u16(f) % 600);
}
