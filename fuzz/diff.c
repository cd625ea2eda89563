/* fuzz/diff.c — the differential target: a random policy (per-syscall
 * allow/errno/kill/trap/log, a default, structured argument comparisons of
 * every operator and width) built with exile.h and with libseccomp, both
 * filters run by exile_bpf_simulate for every syscall number, the foreign
 * arch (i386) and others, x32 numbers, and arguments sampled around the
 * rules' constants. Properties:
 *   - exile's verdict equals a reference that reads the rules directly
 *     (first matching rule for the number, else the default; numbers exile's
 *     table does not name get ENOSYS where the default denies), except on
 *     calls that exile's filters decide whatever the rules
 *     (fz_library_decides in fuzz.h);
 *   - where libseccomp can say the same thing (one action per syscall, at
 *     most one comparison per argument in a rule, no rule repeating the
 *     default, widths alike; masked values are kept inside their masks,
 *     since exile refuses the others), its verdict equals exile's,
 *     with that ENOSYS the only difference;
 *   - a rule of 32-bit comparisons ignores the upper halves: exile's verdict
 *     is the same with garbage there;
 *   - exile's program is one the kernel loads (the checker in fuzz.h). */
#include "fuzz.h"
#include <seccomp.h>

#define MAXRULES 8

struct rule
{
	long nr;
	unsigned int action;
	struct exile_arg_cmp c[EXILE_ARG_CMP_MAX];
	size_t n;
};

static uint32_t scmp_action(unsigned int a)
{
	uint32_t r = fz_action_ret(a);
	return r == SECCOMP_RET_KILL_PROCESS ? SCMP_ACT_KILL_PROCESS : r == SECCOMP_RET_TRAP ? SCMP_ACT_TRAP
		: r == SECCOMP_RET_LOG ? SCMP_ACT_LOG : r == SECCOMP_RET_ALLOW ? SCMP_ACT_ALLOW : SCMP_ACT_ERRNO(r & 0xFFFF);
}

static int cmp_holds(const struct exile_arg_cmp *c, const struct seccomp_data *d)
{
	uint64_t x = d->args[c->arg], v = c->value, m = c->mask;
	if(c->is32)
	{
		x &= 0xFFFFFFFFu;
		v &= 0xFFFFFFFFu;
		m &= 0xFFFFFFFFu;
	}
	switch(c->op)
	{
	case EXILE_CMP_EQ: return x == v;
	case EXILE_CMP_NE: return x != v;
	case EXILE_CMP_LT: return x < v;
	case EXILE_CMP_LE: return x <= v;
	case EXILE_CMP_GT: return x > v;
	case EXILE_CMP_GE: return x >= v;
	default: return (x & m) == v;
	}
}

static uint32_t reference(const struct rule *r, size_t nr_rules, uint32_t deflt, const struct seccomp_data *d)
{
	size_t i, j;
	if(d->arch != AUDIT_ARCH_X86_64 || (d->nr & 0x40000000))
	{
		return SECCOMP_RET_KILL_PROCESS;
	}
	for(i = 0; i < nr_rules; i++)
	{
		int all = 1;
		if(r[i].nr != d->nr)
		{
			continue;
		}
		for(j = 0; j < r[i].n && all; j++)
		{
			all = cmp_holds(&r[i].c[j], d);
		}
		if(all)
		{
			return fz_action_ret(r[i].action);
		}
	}
	return fz_unnamed(d->nr, deflt);
}

/* A rule with an ordering comparison on 64 bits. */
static int ordered64(const struct rule *r)
{
	size_t j;
	for(j = 0; j < r->n; j++)
	{
		if(!r->c[j].is32 && r->c[j].op >= EXILE_CMP_LT && r->c[j].op <= EXILE_CMP_GE)
		{
			return 1;
		}
	}
	return 0;
}

/* A value near the rule's constants, or anything. */
static uint64_t sample(struct fz *f, const struct rule *r)
{
	const struct exile_arg_cmp *c = r->n ? &r->c[fz_u8(f) % r->n] : NULL;
	uint8_t how = fz_u8(f);
	uint64_t v = c ? c->value : 0, m = c ? c->mask : 0, hi = (uint64_t)fz_u32(f) << 32;
	switch(how % 10)
	{
	case 0: return v;
	case 1: return v - 1;
	case 2: return v + 1;
	case 3: return (v & 0xFFFFFFFFu) | hi;
	case 4: return v & m;
	case 5: return v | ~m;
	case 6: return (v ^ ((uint64_t)1 << (how % 64)));
	case 7: return how & 0x80 ? ~(uint64_t)0 : 0;
	case 8: return ((v - 1) & 0xFFFFFFFFu) | hi;
	default: return fz_u64(f);
	}
}

static void check(const struct sock_fprog *ex, const struct sock_fprog *lib, const struct rule *r, size_t n, unsigned int dact,
		const struct seccomp_data *d, int all32)
{
	uint32_t deflt = fz_action_ret(dact), e = 0xdead, l = 0xdead, want = reference(r, n, deflt, d);
	if(fz_library_decides(dact, d))
	{
		return;
	}
	if(exile_bpf_simulate(ex, d, &e) <= 0 || e != want)
	{
		fz_fail("nr %d arch 0x%x args %llx %llx %llx: exile 0x%x, the rules say 0x%x", d->nr, d->arch, (unsigned long long)d->args[0],
				(unsigned long long)d->args[1], (unsigned long long)d->args[2], e, want);
	}
	if(all32)
	{
		struct seccomp_data g = *d;
		int a;
		for(a = 0; a < 6; a++)
		{
			g.args[a] ^= (uint64_t)(0x9E3779B9u * (unsigned)(a + 1)) << 32;
		}
		if(exile_bpf_simulate(ex, &g, &e) <= 0 || e != want)
		{
			fz_fail("nr %d: 32-bit rules, but garbage in the upper halves changes the verdict to 0x%x from 0x%x", d->nr, e, want);
		}
	}
	if(lib != NULL)
	{
		struct seccomp_data z = *d;
		int a;
		uint32_t lwant;
		if(all32)
		{
			for(a = 0; a < 6; a++)
			{
				z.args[a] &= 0xFFFFFFFFu; /* libseccomp compares 64 bits: give it what a 32-bit rule sees */
			}
		}
		if(exile_bpf_simulate(lib, &z, &l) <= 0)
		{
			fz_fail("libseccomp's program does not run");
		}
		lwant = (l == deflt && z.arch == AUDIT_ARCH_X86_64 && !(z.nr & 0x40000000)) ? fz_unnamed(z.nr, deflt) : l;
		if(lwant != want)
		{
			fz_fail("nr %d arch 0x%x args %llx %llx %llx: libseccomp 0x%x, exile 0x%x", d->nr, d->arch, (unsigned long long)z.args[0],
					(unsigned long long)z.args[1], (unsigned long long)z.args[2], l, want);
		}
	}
}

static int lib_export(scmp_filter_ctx ctx, struct sock_fprog *out)
{
	static int fd = -1;
	static struct sock_filter buf[BPF_MAXINSNS + 1];
	off_t len;
	if(fd < 0 && (fd = memfd_create("fuzz-diff", MFD_CLOEXEC)) < 0)
	{
		fz_fail("memfd_create");
	}
	if(ftruncate(fd, 0) != 0 || lseek(fd, 0, SEEK_SET) != 0 || seccomp_export_bpf(ctx, fd) != 0)
	{
		return -1;
	}
	len = lseek(fd, 0, SEEK_CUR);
	if(len <= 0 || len > (off_t)sizeof(buf) || len % (off_t)sizeof(buf[0]) != 0 || pread(fd, buf, (size_t)len, 0) != len)
	{
		return -1;
	}
	out->len = (unsigned short)(len / (off_t)sizeof(buf[0]));
	out->filter = buf;
	return 0;
}

/* With FZ_DUMP set in the environment, the rules of each input go to stderr. */
static void dump(const struct rule *rules, size_t nrules, unsigned int dact, int comparable)
{
	size_t i, j;
	if(getenv("FZ_DUMP") == NULL)
	{
		return;
	}
	fprintf(stderr, "default action 0x%x, %scompared with libseccomp\n", dact, comparable ? "" : "not ");
	for(i = 0; i < nrules; i++)
	{
		fprintf(stderr, "rule %zu: nr %ld action 0x%x\n", i, rules[i].nr, rules[i].action);
		for(j = 0; j < rules[i].n; j++)
		{
			const struct exile_arg_cmp *c = &rules[i].c[j];
			fprintf(stderr, "  arg %u op %u%s value 0x%llx mask 0x%llx\n", c->arg, c->op, c->is32 ? " (32)" : "",
					(unsigned long long)c->value, (unsigned long long)c->mask);
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz f = { data, size, 0 };
	struct rule rules[MAXRULES];
	uint8_t mode = fz_u8(&f);
	int width = mode % 3; /* 0: all 64-bit, 1: all 32-bit, 2: mixed */
	size_t nrules = fz_u8(&f) % (MAXRULES + 1), i, j;
	unsigned int dact = fz_action(fz_u8(&f));
	uint32_t deflt = fz_action_ret(dact);
	int comparable = width != 2, err, t;
	long nr;
	struct exile_policy *p = exile_create_policy();
#ifdef FZ_NO_REAL_LOAD
	/* under valgrind, which has no seccomp(2), libseccomp would probe API
	 * level 1 and refuse KILL_PROCESS: say what this kernel offers */
	seccomp_api_set(6);
#endif
	/* libseccomp takes errno values up to 4094 only */
	scmp_filter_ctx ctx = dact == EXILE_SYSCALL_DENY_ERRNO(4095) ? NULL : seccomp_init(scmp_action(dact));
	struct sock_fprog ex, lib;
	if(p == NULL || (ctx == NULL && dact != EXILE_SYSCALL_DENY_ERRNO(4095)))
	{
		fz_fail("allocating the policies");
	}
	comparable &= ctx != NULL;
	memset(&ex, 0, sizeof(ex));
	if(ctx != NULL && (seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_KILL_PROCESS) != 0
		|| seccomp_attr_set(ctx, SCMP_FLTATR_CTL_OPTIMIZE, (mode & 0x80) ? 2 : 1) != 0))
	{
		fz_fail("libseccomp attributes");
	}
	for(i = 0; i < nrules; i++)
	{
		struct rule *r = &rules[i];
		unsigned used = 0;
		r->nr = (i > 0 && (fz_u8(&f) & 1)) ? rules[i - 1].nr : fz_nr(&f);
		r->action = fz_action(fz_u8(&f));
		r->n = fz_u8(&f) % 5;
		for(j = 0; j < r->n; j++)
		{
			uint8_t b = fz_u8(&f);
			struct exile_arg_cmp *c = &r->c[j];
			c->arg = (unsigned char)(b % 6);
			c->op = (unsigned char)(EXILE_CMP_EQ + (b >> 3) % 7);
			c->is32 = (unsigned char)(width == 1 || (width == 2 && (b & 0x80)));
			c->value = (fz_u8(&f) & 1) ? fz_u64(&f) : fz_u8(&f);
			c->mask = (b & 0x40) ? fz_u64(&f) : (uint64_t)fz_u8(&f) << (fz_u8(&f) % 57);
			if(c->op == EXILE_CMP_MASKED_EQ)
			{
				/* exile refuses a value with bits outside the mask (it could
				 * never match; libseccomp masks the value and matches) */
				c->value &= c->mask;
			}
			if(used & (1u << c->arg))
			{
				comparable = 0; /* libseccomp takes one comparison per argument */
			}
			used |= 1u << c->arg;
		}
		for(j = 0; j < i; j++)
		{
			if(rules[j].nr == r->nr && rules[j].action != r->action)
			{
				comparable = 0; /* libseccomp has no order between rules */
			}
			if(rules[j].nr == r->nr && ordered64(&rules[j]) && ordered64(r))
			{
				/* libseccomp 2.5.4 builds a wrong program for two rules of one
				 * syscall with 64-bit LT/LE/GT/GE comparisons: with rules
				 * "a1 < 0xf1f1f1f1f1f1f1f1" and "a1 < 0xf1f1f1f1" (same action)
				 * a1 = 0xf1f1f1f1 gets the default, although its own pseudo
				 * code (seccomp_export_pfc) says the action (found here) */
				comparable = 0;
			}
		}
		if(fz_action_ret(r->action) == deflt || r->action == EXILE_SYSCALL_DENY_ERRNO(4095))
		{
			comparable = 0; /* libseccomp refuses a rule that repeats the default, and errno 4095 */
		}
		if(exile_append_syscall_rule(p, r->nr, r->action, r->n ? r->c : NULL, r->n) != 0)
		{
			fz_fail("exile_append_syscall_rule for %ld (%zu comparisons)", r->nr, r->n);
		}
	}
	if(exile_append_syscall_default_policy(p, dact) != 0)
	{
		fz_fail("the default rule");
	}
	for(i = 0; comparable && i < nrules; i++)
	{
		struct scmp_arg_cmp sc[EXILE_ARG_CMP_MAX];
		const struct rule *r = &rules[i];
		for(j = 0; j < r->n; j++)
		{
			static const enum scmp_compare ops[] = { SCMP_CMP_EQ, SCMP_CMP_NE, SCMP_CMP_LT, SCMP_CMP_LE, SCMP_CMP_GT, SCMP_CMP_GE,
				SCMP_CMP_MASKED_EQ };
			const struct exile_arg_cmp *c = &r->c[j];
			uint64_t cut = c->is32 ? 0xFFFFFFFFu : ~(uint64_t)0;
			sc[j].arg = c->arg;
			sc[j].op = ops[c->op - EXILE_CMP_EQ];
			sc[j].datum_a = (c->op == EXILE_CMP_MASKED_EQ ? c->mask : c->value) & cut;
			sc[j].datum_b = c->op == EXILE_CMP_MASKED_EQ ? c->value & cut : 0;
		}
		if((err = seccomp_rule_add_exact_array(ctx, scmp_action(r->action), (int)r->nr, (unsigned)r->n, sc)) != 0)
		{
			fz_fail("libseccomp refused rule %zu (nr %ld, %zu comparisons): %d", i, r->nr, r->n, err);
		}
	}
	dump(rules, nrules, dact, comparable);
	err = exile_syscall_policy_to_bpf(p, &ex);
	exile_free_policy(p);
	if(err != 0)
	{
		if(err != -E2BIG)
		{
			fz_fail("exile_syscall_policy_to_bpf: %d", err);
		}
		if(ctx != NULL)
		{
			seccomp_release(ctx);
		}
		return 0;
	}
	if(fz_kernel_accepts(ex.filter, ex.len) != 0)
	{
		fz_fail("exile built a program the kernel refuses");
	}
	if(comparable && lib_export(ctx, &lib) != 0)
	{
		fz_fail("seccomp_export_bpf");
	}
	/* every number once (arguments from the input), and past the table */
	for(nr = 0; nr < 640; nr++)
	{
		struct seccomp_data d;
		memset(&d, 0, sizeof(d));
		d.nr = (int)nr;
		d.arch = AUDIT_ARCH_X86_64;
		d.args[nr % 6] = nrules ? sample(&f, &rules[nr % nrules]) : 0;
		check(&ex, comparable ? &lib : NULL, rules, nrules, dact, &d, width == 1);
	}
	/* each rule's number with sampled arguments, the other arches, x32 */
	for(t = 0; t < 48; t++)
	{
		struct seccomp_data d;
		const struct rule *r = nrules ? &rules[t % nrules] : NULL;
		int a;
		memset(&d, 0, sizeof(d));
		d.nr = r ? (int)r->nr : (int)fz_u16(&f);
		d.arch = AUDIT_ARCH_X86_64;
		if(t % 12 == 10)
		{
			d.arch = (t & 1) ? AUDIT_ARCH_I386 : fz_u32(&f);
		}
		else if(t % 12 == 11)
		{
			d.nr = (t & 1) ? (int)(0x40000000u | (uint32_t)d.nr) : (int)fz_u32(&f);
		}
		d.instruction_pointer = fz_u64(&f);
		for(a = 0; a < 6; a++)
		{
			d.args[a] = r ? sample(&f, r) : fz_u64(&f);
		}
		check(&ex, comparable ? &lib : NULL, rules, nrules, dact, &d, width == 1);
	}
	free(ex.filter);
	if(ctx != NULL)
	{
		seccomp_release(ctx);
	}
	return 0;
}
