/* fuzz/splice.c — the raw-snippet splicer: random struct sock_filter snippets
 * (with the upstream markers, relative jumps to the snippet's end and past
 * it, every opcode class) through exile_append_syscall_policy and
 * exile_syscall_policy_to_bpf. Properties:
 *   - never a crash, a leak or undefined behaviour;
 *   - a snippet with an instruction the kernel refuses, or jumping farther
 *     than one past its end, is refused when appended (-EINVAL), and the
 *     policy then never builds;
 *   - every program exile hands out is one the kernel loads: the static
 *     checker in fuzz.h accepts it, and a sample is loaded for real;
 *   - the program means what the rules say: for sampled seccomp_data its
 *     verdict equals a reference interpreter that runs the snippets one after
 *     another (A = nr at each start; X and scratch memory carry over, as in
 *     the spliced program), then the default. */
#include "fuzz.h"

#define MAXRULES 3
#define MAXRAW 48

struct rule
{
	long nr;
	unsigned int action;
	struct sock_filter raw[MAXRAW];
	size_t n;
};

static struct sock_filter gen_ins(struct fz *f, size_t i, size_t n)
{
	static const uint16_t alu[] = { BPF_ADD, BPF_SUB, BPF_MUL, BPF_DIV, BPF_MOD, BPF_AND, BPF_OR, BPF_XOR, BPF_LSH, BPF_RSH, BPF_NEG };
	static const uint16_t jop[] = { BPF_JEQ, BPF_JGT, BPF_JGE, BPF_JSET };
	struct sock_filter in;
	uint8_t kind = fz_u8(f), b = fz_u8(f);
	uint8_t far = (uint8_t)(n - i - 1); /* a jump of this length lands on the end */
	memset(&in, 0, sizeof(in));
	switch(kind % 16)
	{
	case 0: case 1: case 2: /* load an argument word, nr or arch */
		in.code = BPF_LD | BPF_W | BPF_ABS;
		in.k = (uint32_t)(b % 16) * 4;
		break;
	case 3: /* a load from anywhere */
		in.code = (uint16_t)(BPF_LD | ((b & 3) == 0 ? BPF_W : (b & 3) == 1 ? BPF_H : BPF_B) | BPF_ABS);
		in.k = fz_u8(f);
		break;
	case 4:
		in.code = (uint16_t)((b & 1) ? BPF_LD | BPF_IMM : BPF_LDX | BPF_IMM);
		in.k = fz_u32(f);
		break;
	case 5: case 6: /* ALU with a constant or X */
		in.code = (uint16_t)(BPF_ALU | alu[b % FZ_N(alu)] | ((b & 0x80) ? BPF_X : BPF_K));
		in.k = (b & 0x40) ? fz_u32(f) : fz_u8(f) % 40;
		break;
	case 7: case 8: case 9: case 10: /* conditional jump */
	{
		uint8_t t = fz_u8(f), e = fz_u8(f);
		in.code = (uint16_t)(BPF_JMP | jop[b % FZ_N(jop)] | ((b & 0x80) ? BPF_X : BPF_K));
		in.k = (b & 0x40) ? fz_u32(f) : fz_u8(f);
		/* targets: the markers, the end, one past it, near, or anything */
		in.jt = t < 60 ? EXILE_SYSCALL_EXIT_BPF_RETURN : t < 120 ? EXILE_SYSCALL_EXIT_BPF_NO_MATCH : t < 140 ? far
			: t < 160 ? (uint8_t)(far + 1) : t < 250 ? (uint8_t)(far ? t % far : 0) : t;
		in.jf = e < 40 ? EXILE_SYSCALL_EXIT_BPF_RETURN : e < 80 ? EXILE_SYSCALL_EXIT_BPF_NO_MATCH : e < 100 ? far
			: e < 120 ? (uint8_t)(far + 1) : e < 250 ? (uint8_t)(far ? e % far : 0) : e;
		break;
	}
	case 11: /* unconditional jump: the markers or an offset */
		in.code = BPF_JMP | BPF_JA;
		in.k = b < 80 ? 1234 : b < 160 ? 5678 : b < 200 ? far : b < 220 ? (uint32_t)far + 1 : b < 250 ? (far ? b % far : 0) : fz_u32(f);
		break;
	case 12: /* return */
		in.code = (uint16_t)((b & 7) == 0 ? BPF_RET | BPF_A : BPF_RET | BPF_K);
		in.k = (b & 8) ? fz_u32(f) : fz_action_ret(fz_action(fz_u8(f)));
		break;
	case 13: /* scratch memory */
		in.code = (uint16_t)((b & 3) == 0 ? BPF_ST : (b & 3) == 1 ? BPF_STX : (b & 3) == 2 ? BPF_LD | BPF_MEM : BPF_LDX | BPF_MEM);
		in.k = (b >> 2) % 18;
		break;
	case 14:
		in.code = (uint16_t)((b & 1) ? BPF_MISC | BPF_TAX : BPF_MISC | BPF_TXA);
		break;
	default: /* any code at all */
		in.code = fz_u16(f);
		in.k = fz_u32(f);
		in.jt = fz_u8(f);
		in.jf = fz_u8(f);
	}
	return in;
}

/* Where a jump of the snippet goes: an index, n for "matched", n+1 for "no match". */
static size_t target(size_t i, size_t n, unsigned off, int is_ja)
{
	if(is_ja ? off == 1234 : off == EXILE_SYSCALL_EXIT_BPF_RETURN)
	{
		return n;
	}
	if(is_ja ? off == 5678 : off == EXILE_SYSCALL_EXIT_BPF_NO_MATCH)
	{
		return n + 1;
	}
	return i + 1 + off;
}

static int snippet_jumps_ok(const struct rule *r)
{
	size_t i;
	for(i = 0; i < r->n; i++)
	{
		const struct sock_filter *in = &r->raw[i];
		if(BPF_CLASS(in->code) != BPF_JMP)
		{
			continue;
		}
		if(BPF_OP(in->code) == BPF_JA ? target(i, r->n, in->k, 1) > r->n + 1
				: (target(i, r->n, in->jt, 0) > r->n + 1 || target(i, r->n, in->jf, 0) > r->n + 1))
		{
			return 0;
		}
	}
	return 1;
}

/* The reference: runs one snippet. 1 matched, 0 no match, 2 returned *ret. */
struct regs
{
	uint32_t A, X, mem[BPF_MEMWORDS];
};

static int run_snippet(const struct rule *r, const struct seccomp_data *d, struct regs *g, uint32_t *ret)
{
	size_t pc = 0;
	unsigned char buf[sizeof(*d)];
	memcpy(buf, d, sizeof(buf));
	g->A = (uint32_t)d->nr;
	while(pc < r->n)
	{
		const struct sock_filter *in = &r->raw[pc];
		uint32_t k = in->k, src = BPF_SRC(in->code) == BPF_X ? g->X : k;
		int taken = 0;
		switch(BPF_CLASS(in->code))
		{
		case BPF_LD:
			if(in->code == (BPF_LD | BPF_W | BPF_ABS))
			{
				memcpy(&g->A, buf + k, 4);
			}
			else if(in->code == (BPF_LD | BPF_IMM))
			{
				g->A = k;
			}
			else if(in->code == (BPF_LD | BPF_MEM))
			{
				g->A = g->mem[k];
			}
			else
			{
				g->A = sizeof(*d); /* BPF_LEN */
			}
			break;
		case BPF_LDX:
			g->X = in->code == (BPF_LDX | BPF_MEM) ? g->mem[k] : in->code == (BPF_LDX | BPF_IMM) ? k : (uint32_t)sizeof(*d);
			break;
		case BPF_ST:
			g->mem[k] = g->A;
			break;
		case BPF_STX:
			g->mem[k] = g->X;
			break;
		case BPF_ALU:
			switch(BPF_OP(in->code))
			{
			case BPF_ADD: g->A += src; break;
			case BPF_SUB: g->A -= src; break;
			case BPF_MUL: g->A *= src; break;
			case BPF_DIV:
				if(src == 0)
				{
					*ret = 0; /* the kernel's interpreter: the filter returns 0 */
					return 2;
				}
				g->A /= src;
				break;
			case BPF_AND: g->A &= src; break;
			case BPF_OR: g->A |= src; break;
			case BPF_XOR: g->A ^= src; break;
			case BPF_LSH: g->A <<= (src & 31); break; /* what the kernel does, tested in tests/bpf.c */
			case BPF_RSH: g->A >>= (src & 31); break;
			case BPF_NEG: g->A = 0u - g->A; break;
			}
			break;
		case BPF_JMP:
			if(BPF_OP(in->code) == BPF_JA)
			{
				pc = target(pc, r->n, k, 1);
				continue;
			}
			switch(BPF_OP(in->code))
			{
			case BPF_JEQ: taken = g->A == src; break;
			case BPF_JGT: taken = g->A > src; break;
			case BPF_JGE: taken = g->A >= src; break;
			case BPF_JSET: taken = (g->A & src) != 0; break;
			}
			pc = target(pc, r->n, taken ? in->jt : in->jf, 0);
			continue;
		case BPF_RET:
			*ret = in->code == (BPF_RET | BPF_A) ? g->A : k;
			return 2;
		case BPF_MISC:
			if(BPF_MISCOP(in->code) == BPF_TAX)
			{
				g->X = g->A;
			}
			else
			{
				g->A = g->X;
			}
			break;
		}
		pc++;
	}
	return pc == r->n ? 1 : 0;
}

static uint32_t reference(const struct rule *rules, size_t nrules, uint32_t deflt, const struct seccomp_data *d)
{
	struct regs g;
	size_t i;
	uint32_t ret = 0;
	memset(&g, 0, sizeof(g));
	if(d->arch != AUDIT_ARCH_X86_64 || (d->nr & 0x40000000))
	{
		return SECCOMP_RET_KILL_PROCESS;
	}
	for(i = 0; i < nrules; i++)
	{
		int m;
		if(rules[i].nr != d->nr)
		{
			continue;
		}
		m = run_snippet(&rules[i], d, &g, &ret);
		if(m == 2)
		{
			return ret;
		}
		if(m == 1)
		{
			return fz_action_ret(rules[i].action);
		}
	}
	return fz_unnamed(d->nr, deflt);
}

/* With FZ_DUMP set in the environment, the rules of each input go to
 * stderr (for reading a crash: ./fuzz-splice crash-...). */
static void dump(const struct rule *rules, size_t nrules, unsigned int dact)
{
	size_t i, j;
	if(getenv("FZ_DUMP") == NULL)
	{
		return;
	}
	fprintf(stderr, "default action 0x%x\n", dact);
	for(i = 0; i < nrules; i++)
	{
		fprintf(stderr, "rule %zu: nr %ld action 0x%x, %zu instructions\n", i, rules[i].nr, rules[i].action, rules[i].n);
		for(j = 0; j < rules[i].n; j++)
		{
			const struct sock_filter *in = &rules[i].raw[j];
			fprintf(stderr, "  %2zu: code 0x%04x jt %3u jf %3u k 0x%x\n", j, in->code, in->jt, in->jf, in->k);
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz f = { data, size, 0 };
	struct rule rules[MAXRULES];
	size_t nrules = 1 + fz_u8(&f) % MAXRULES, i, j;
	unsigned int dact = fz_action(fz_u8(&f));
	struct exile_policy *p = exile_create_policy();
	struct sock_fprog prog;
	int err, insns_ok, rc, t;
	static unsigned long accepted;
	if(p == NULL)
	{
		fz_fail("exile_create_policy");
	}
	for(i = 0; i < nrules; i++)
	{
		struct rule *r = &rules[i];
		r->nr = (i > 0 && (fz_u8(&f) & 1)) ? rules[i - 1].nr : fz_nr(&f);
		r->action = fz_action(fz_u8(&f));
		r->n = fz_u8(&f) % (MAXRAW + 1);
		for(j = 0; j < r->n; j++)
		{
			r->raw[j] = gen_ins(&f, j, r->n);
		}
		for(j = 0, insns_ok = snippet_jumps_ok(r); j < r->n; j++)
		{
			insns_ok &= fz_insn_ok(&r->raw[j]);
		}
		err = exile_append_syscall_policy(p, r->nr, r->action, r->n ? r->raw : NULL, r->n);
		if(err != (insns_ok ? 0 : -EINVAL))
		{
			fz_fail("appending a snippet of %zu instructions for %ld gave %d (it is %s)", r->n, r->nr, err,
					insns_ok ? "valid" : "invalid");
		}
		if(err != 0)
		{
			/* the policy is poisoned: it must not build */
			struct sock_fprog none = { 0, NULL };
			if(exile_append_syscall_default_policy(p, dact) != 0 || exile_syscall_policy_to_bpf(p, &none) != -EINVAL
				|| none.filter != NULL)
			{
				fz_fail("a policy whose append failed still builds");
			}
			exile_free_policy(p);
			return 0;
		}
	}
	if(exile_append_syscall_default_policy(p, dact) != 0)
	{
		fz_fail("appending the default");
	}
	dump(rules, nrules, dact);
	memset(&prog, 0, sizeof(prog));
	err = exile_syscall_policy_to_bpf(p, &prog);
	exile_free_policy(p);
	if(err != 0)
	{
		/* the only other refusals: the kernel would not load it, or it is too long */
		if(err != -EINVAL && err != -E2BIG)
		{
			fz_fail("exile_syscall_policy_to_bpf: %d", err);
		}
		return 0;
	}
	rc = fz_kernel_accepts(prog.filter, prog.len);
	if(rc != 0 || (++accepted % 16) == 0)
	{
		int real = fz_real_load(&prog);
		if(real != (rc == 0 ? 0 : EINVAL))
		{
			fz_fail("the checker says %d, the kernel %d", rc, real);
		}
	}
	if(rc != 0)
	{
		fz_fail("exile built a program of %u instructions that the kernel refuses", prog.len);
	}
	/* the verdicts: each rule's number, with arguments from the fuzzer's
	 * bytes and from the snippets' constants; and some other numbers */
	for(t = 0; t < 24; t++)
	{
		struct seccomp_data d;
		uint32_t got = 0xdeadu, want;
		int a, c;
		memset(&d, 0, sizeof(d));
		d.arch = (t == 23) ? AUDIT_ARCH_I386 : AUDIT_ARCH_X86_64;
		d.nr = (int)(t < 16 ? rules[t % nrules].nr : t == 22 ? (rules[0].nr | 0x40000000) : fz_nr(&f));
		d.instruction_pointer = fz_u64(&f);
		for(a = 0; a < 6; a++)
		{
			const struct rule *r = &rules[fz_u8(&f) % nrules];
			uint8_t how = fz_u8(&f);
			uint32_t lo = r->n ? r->raw[how % r->n].k : 0;
			d.args[a] = (how & 1) ? fz_u64(&f) : ((uint64_t)((how & 2) ? fz_u32(&f) : 0) << 32) | (lo + (how >> 6) - 1);
		}
		if(fz_library_decides(dact, &d))
		{
			continue;
		}
		c = exile_bpf_simulate(&prog, &d, &got);
		want = reference(rules, nrules, fz_action_ret(dact), &d);
		if(c <= 0 || got != want)
		{
			fz_fail("nr %d arch 0x%x: the program returns 0x%x (%d), the rules say 0x%x", d.nr, d.arch, got, c, want);
		}
	}
	free(prog.filter);
	return 0;
}
