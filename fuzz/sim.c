/* fuzz/sim.c — exile_bpf_simulate against the kernel itself. Random classic
 * BPF programs (every opcode class, in-range and stray jumps, scratch
 * memory, every return action and garbage ones) are simulated for a
 * getppid() call with arguments from the input, then loaded into a child
 * that makes exactly that call. Properties:
 *   - the simulator refuses (-EINVAL) exactly the programs the kernel
 *     refuses to load;
 *   - for a program both accept, the simulated return value predicts what
 *     the call did: killed (KILL_*, and any action the kernel does not
 *     know), SIGSYS to a handler (TRAP), failed with the errno (ERRNO, data
 *     capped at 4095; 0 is a return of 0), ENOSYS (TRACE and USER_NOTIF
 *     with nobody listening), or ran (ALLOW, LOG).
 * Half the programs end in "A & 0xfff as the errno", which compares the
 * kernel's arithmetic bit by bit. Programs that load the instruction
 * pointer are only checked for
 * acceptance (the child's is not known here). The other targets trust the
 * simulator's verdicts; this one checks them against the kernel. */
#include "fuzz.h"

#define MAXLEN 64

struct run
{
	const struct sock_fprog *prog;
	uint64_t args[6];
	volatile int state; /* 0: running; 1: the call returned; 2: SIGSYS reached the handler */
	volatile int load_err;
	volatile long ret;
	volatile int err;
};

static struct run *current_run;

__attribute__((no_sanitize("address", "undefined"))) static void on_sigsys(int sig, siginfo_t *si, void *ctx)
{
	(void)sig;
	(void)si;
	(void)ctx;
	current_run->state = 2;
	fz_die();
}

__attribute__((no_sanitize("address", "undefined"))) static int child(void *arg)
{
	struct run *r = (struct run *)arg;
	struct sigaction sa;
	long ret;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_sigsys;
	sa.sa_flags = SA_SIGINFO;
	if(sigaction(SIGSYS, &sa, NULL) != 0 || syscall(__NR_prctl, PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
	{
		r->load_err = -1;
		r->state = 1;
		return 0;
	}
	if(syscall(__NR_seccomp, SECCOMP_SET_MODE_FILTER, 0, r->prog) != 0)
	{
		r->load_err = errno;
		r->state = 1;
		return 0;
	}
	ret = syscall(__NR_getppid, r->args[0], r->args[1], r->args[2], r->args[3], r->args[4], r->args[5]);
	r->err = ret < 0 ? errno : 0;
	r->ret = ret;
	r->state = 1;
	return 0;
}

/* Runs the program for real: fills r; returns 1 if the call was killed. */
static int run_for_real(struct run *r)
{
	int status;
	r->state = 0;
	r->load_err = 0;
	current_run = r;
	status = fz_in_vm_child(child, r);
	if(r->state == 0)
	{
		if(!(WIFSIGNALED(status) && WTERMSIG(status) == SIGSYS))
		{
			fz_fail("the child died by status 0x%x before answering", status);
		}
		return 1;
	}
	if(!(WIFSIGNALED(status) && WTERMSIG(status) == SIGILL))
	{
		fz_fail("the child ended by status 0x%x after answering", status);
	}
	return 0;
}

static const uint32_t rets[] = { SECCOMP_RET_ALLOW, SECCOMP_RET_LOG, SECCOMP_RET_KILL_PROCESS, SECCOMP_RET_KILL_THREAD,
	SECCOMP_RET_TRAP, SECCOMP_RET_TRACE, SECCOMP_RET_USER_NOTIF, SECCOMP_RET_ERRNO, SECCOMP_RET_ERRNO | 1,
	SECCOMP_RET_ERRNO | 13, SECCOMP_RET_ERRNO | 4095, SECCOMP_RET_ERRNO | 4096, SECCOMP_RET_ERRNO | 0xFFFF,
	SECCOMP_RET_TRAP | 7, SECCOMP_RET_ALLOW | 5, 0x00010000, 0x80010000, 0x7FFE0000 };

static struct sock_filter gen(struct fz *f, size_t pc, size_t len)
{

	static const uint16_t alu[] = { BPF_ADD, BPF_SUB, BPF_MUL, BPF_DIV, BPF_MOD, BPF_AND, BPF_OR, BPF_XOR, BPF_LSH, BPF_RSH, BPF_NEG };
	static const uint16_t jop[] = { BPF_JEQ, BPF_JGT, BPF_JGE, BPF_JSET };
	struct sock_filter in;
	uint8_t kind = fz_u8(f), b = fz_u8(f);
	size_t room = len - pc - 1; /* instructions after this one */
	memset(&in, 0, sizeof(in));
	switch(kind % 16)
	{
	case 0: case 1: case 2: /* nr, arch, an argument word (not the instruction pointer) */
		in.code = BPF_LD | BPF_W | BPF_ABS;
		in.k = (b % 3 == 0) ? 0 : (b % 3 == 1) ? 4 : 16 + 4 * (uint32_t)(b % 12);
		break;
	case 3: /* a load from anywhere, or the byte/half forms */
		in.code = (uint16_t)(BPF_LD | ((b & 3) == 0 ? BPF_W : (b & 3) == 1 ? BPF_H : BPF_B) | ((b & 4) ? BPF_ABS : BPF_LEN));
		in.k = fz_u8(f);
		break;
	case 4: /* constants: an action (for RET A), a shift count, anything */
		in.code = (uint16_t)((b & 1) ? BPF_LD | BPF_IMM : BPF_LDX | BPF_IMM);
		in.k = (b & 6) == 0 ? fz_u32(f) : (b & 6) == 2 ? rets[fz_u8(f) % FZ_N(rets)] : fz_u8(f) % 72;
		break;
	case 5: case 6:
		in.code = (uint16_t)(BPF_ALU | alu[b % FZ_N(alu)] | ((b & 0x80) ? BPF_X : BPF_K));
		in.k = (b & 0x40) ? fz_u32(f) : fz_u8(f) % 40;
		break;
	case 7: case 8: case 9:
		in.code = (uint16_t)(BPF_JMP | jop[b % FZ_N(jop)] | ((b & 0x80) ? BPF_X : BPF_K));
		in.k = (b & 0x40) ? fz_u32(f) : fz_u8(f);
		in.jt = (uint8_t)(room ? fz_u8(f) % (room + (b & 0x20 ? 2 : 0)) : fz_u8(f) % 2);
		in.jf = (uint8_t)(room ? fz_u8(f) % (room + (b & 0x10 ? 2 : 0)) : fz_u8(f) % 2);
		break;
	case 10:
		in.code = BPF_JMP | BPF_JA;
		in.k = (b & 0x80) ? fz_u32(f) : (uint32_t)(room ? b % (room + 1) : b % 2);
		break;
	case 11: case 12:
		in.code = (uint16_t)((b & 3) == 0 ? BPF_RET | BPF_A : BPF_RET | BPF_K);
		in.k = (b & 8) ? fz_u32(f) : rets[fz_u8(f) % FZ_N(rets)];
		break;
	case 13:
		in.code = (uint16_t)((b & 3) == 0 ? BPF_ST : (b & 3) == 1 ? BPF_STX : (b & 3) == 2 ? BPF_LD | BPF_MEM : BPF_LDX | BPF_MEM);
		in.k = (b >> 2) % 18;
		break;
	case 14:
		in.code = (uint16_t)((b & 1) ? BPF_MISC | BPF_TAX : BPF_MISC | BPF_TXA);
		break;
	default:
		in.code = fz_u16(f);
		in.k = fz_u32(f);
		in.jt = fz_u8(f);
		in.jf = fz_u8(f);
	}
	return in;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz f = { data, size, 0 };
	struct sock_filter prog[MAXLEN];
	struct sock_fprog fp;
	struct seccomp_data d;
	struct run r;
	uint8_t mode = fz_u8(&f);
	size_t len = 1 + fz_u8(&f) % (MAXLEN - 3), body = len, i;
	int sim, reads_ip = 0, killed, a;
	uint32_t action = 0, act, dat;
	if(mode & 1)
	{
		/* arithmetic: the low 12 bits of A come back as the errno, so the
		 * kernel's ALU, loads and scratch memory are compared bit by bit */
		len = body + 3;
	}
	for(i = 0; i < body; i++)
	{
		prog[i] = gen(&f, i, len);
		reads_ip |= prog[i].code == (BPF_LD | BPF_W | BPF_ABS) && (prog[i].k == 8 || prog[i].k == 12);
	}
	if(mode & 1)
	{
		struct sock_filter tail[] = { BPF_STMT(BPF_ALU | BPF_AND | BPF_K, 0xFFF), BPF_STMT(BPF_ALU | BPF_OR | BPF_K, SECCOMP_RET_ERRNO),
			BPF_STMT(BPF_RET | BPF_A, 0) };
		memcpy(&prog[body], tail, sizeof(tail));
	}
	else if(fz_u8(&f) < 0xE0)
	{
		/* most programs end as the kernel wants */
		prog[len - 1].code = BPF_RET | BPF_K;
		prog[len - 1].k = SECCOMP_RET_ALLOW;
	}
	fp.len = (unsigned short)len;
	fp.filter = prog;
	memset(&d, 0, sizeof(d));
	memset(&r, 0, sizeof(r));
	d.nr = __NR_getppid;
	d.arch = AUDIT_ARCH_X86_64;
	for(a = 0; a < 6; a++)
	{
		uint8_t how = fz_u8(&f);
		d.args[a] = r.args[a] = how < 100 ? fz_u8(&f) : how < 200 ? fz_u32(&f) : fz_u64(&f);
	}
	sim = exile_bpf_simulate(&fp, &d, &action);
	r.prog = &fp;
	killed = run_for_real(&r);
	if(sim >= 0 && r.load_err == 524)
	{
		/* the kernel's ENOTSUPP: its JIT failed on a valid program, and a
		 * kernel built with CONFIG_BPF_JIT_ALWAYS_ON has no interpreter to
		 * fall back to (seen on 6.18 with a 60-instruction program of many
		 * JGT X jumps and RET A; the simulator's verdict is not in question) */
		return 0;
	}
	if(sim < 0 || r.load_err != 0)
	{
		if(!(sim == -EINVAL && r.load_err == EINVAL))
		{
			fz_fail("a program of %zu instructions: the simulator %d, the kernel's load %d", len, sim, r.load_err);
		}
		return 0;
	}
	if(reads_ip)
	{
		return 0;
	}
	act = action & SECCOMP_RET_ACTION_FULL;
	dat = action & SECCOMP_RET_DATA;
	if(act == SECCOMP_RET_ALLOW || act == SECCOMP_RET_LOG)
	{
		if(killed || r.state != 1 || r.ret != (long)getpid())
		{
			fz_fail("simulated 0x%x (allow), but the call gave %ld (state %d, killed %d)", action, r.ret, r.state, killed);
		}
	}
	else if(act == SECCOMP_RET_ERRNO || act == SECCOMP_RET_TRACE || act == SECCOMP_RET_USER_NOTIF)
	{
		long want = act == SECCOMP_RET_ERRNO ? (dat > 4095 ? 4095 : (long)dat) : ENOSYS;
		if(killed || r.state != 1 || (want == 0 ? r.ret != 0 : (r.ret != -1 || r.err != want)))
		{
			fz_fail("simulated 0x%x, but the call gave %ld errno %d (state %d, killed %d)", action, r.ret, r.err, r.state, killed);
		}
	}
	else if(act == SECCOMP_RET_TRAP)
	{
		if(r.state != 2)
		{
			fz_fail("simulated 0x%x (trap), but the handler did not run (state %d, killed %d)", action, r.state, killed);
		}
	}
	else if(!killed)
	{
		fz_fail("simulated 0x%x (kill), but the call was not killed (state %d, ret %ld)", action, r.state, r.ret);
	}
	return 0;
}
