/* fuzz/vows.c — the vow parser. The input, NUL-terminated, goes through
 * exile_vows_from_str(). Properties:
 *   - the result equals a reference parser (words split at the six C
 *     whitespace characters, each looked up among the names exile_vow_name()
 *     gives; an unknown word sets EXILE_SYSCALL_VOW_INVALID and leaves a
 *     message naming it); a string without words gives no unknown bit (what
 *     it means beyond that is the library's to decide);
 *   - exile_vows_to_str() gives it back: the names parse to the same bits,
 *     and every buffer size gets a NUL-terminated prefix and the full length;
 *   - a valid set builds a filter the kernel would load, and for a sampled
 *     call, the vows exile_vows_allowing() names build a filter that allows it. */
#include "fuzz.h"

static uint64_t reference(const char *s, int *words)
{
	uint64_t v = 0;
	const char *p = s;
	*words = 0;
	for(;;)
	{
		const char *w;
		size_t n;
		int b, found = 0;
		while(*p != '\0' && strchr(" \t\n\r\v\f", *p) != NULL)
		{
			p++;
		}
		if(*p == '\0')
		{
			return v;
		}
		w = p;
		while(*p != '\0' && strchr(" \t\n\r\v\f", *p) == NULL)
		{
			p++;
		}
		n = (size_t)(p - w);
		(*words)++;
		for(b = 0; b < 64 && !found; b++)
		{
			const char *name = exile_vow_name((uint64_t)1 << b);
			if(name != NULL && strlen(name) == n && memcmp(name, w, n) == 0)
			{
				v |= (uint64_t)1 << b;
				found = 1;
			}
		}
		if(!found)
		{
			v |= EXILE_SYSCALL_VOW_INVALID;
		}
	}
}

static struct sock_fprog build(uint64_t vows)
{
	struct sock_fprog prog = { 0, NULL };
	struct exile_policy *p = exile_create_policy();
	int err;
	if(p == NULL)
	{
		fz_fail("exile_create_policy");
	}
	p->vow_promises = vows;
	err = exile_syscall_policy_to_bpf(p, &prog);
	exile_free_policy(p);
	if(err != 0 || fz_kernel_accepts(prog.filter, prog.len) != 0)
	{
		fz_fail("vows 0x%llx: no filter the kernel would load (%d)", (unsigned long long)vows, err);
	}
	return prog;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = (char *)malloc(size + 1), buf[512], small[64];
	uint64_t v, want;
	int words;
	size_t len, cut;
	if(s == NULL)
	{
		return 0;
	}
	memcpy(s, data, size);
	s[size] = '\0';
	v = exile_vows_from_str(s);
	want = reference(s, &words);
	if(words == 0 ? (v & EXILE_SYSCALL_VOW_INVALID) != 0 : v != want)
	{
		fz_fail("\"%s\": exile 0x%llx, the reference 0x%llx", s, (unsigned long long)v, (unsigned long long)want);
	}
	if((v & EXILE_SYSCALL_VOW_INVALID) && strstr(exile_last_error(), "unknown vow") == NULL)
	{
		fz_fail("an unknown word without a message");
	}
	free(s);
	if(v & EXILE_SYSCALL_VOW_INVALID)
	{
		return 0;
	}
	len = exile_vows_to_str(v, buf, sizeof(buf));
	if(len >= sizeof(buf) || strlen(buf) != len || exile_vows_from_str(buf) != v)
	{
		fz_fail("0x%llx: \"%s\" (%zu) does not parse back", (unsigned long long)v, buf, len);
	}
	for(cut = 0; cut < sizeof(small) && cut <= len + 1; cut++)
	{
		memset(small, 'x', sizeof(small));
		if(exile_vows_to_str(v, small, cut) != len || (cut > 0 && (strlen(small) != (cut - 1 < len ? cut - 1 : len)
				|| memcmp(small, buf, strlen(small)) != 0)) || (cut == 0 && small[0] != 'x'))
		{
			fz_fail("exile_vows_to_str into %zu bytes", cut);
		}
	}
	if(v != 0 && (v & ~EXILE_SYSCALL_VOW_DENY_ERROR) != 0)
	{
		struct sock_fprog prog = build(v);
		struct seccomp_data d;
		uint64_t need, args[6];
		uint32_t action = 0;
		int a;
		/* one call, from the input's bytes (cycled) */
		memset(&d, 0, sizeof(d));
		d.arch = AUDIT_ARCH_X86_64;
		d.nr = (int)(((size > 0 ? data[0] : 0) * 7 + size) % 460); /* "" is the base set now: an empty input gets here */
		for(a = 0; a < 6; a++)
		{
			d.args[a] = args[a] = size > (size_t)a + 1 ? (uint64_t)data[a + 1] * 0x101 : 0;
		}
		free(prog.filter);
		need = exile_vows_allowing(d.nr, args);
		if(need != EXILE_VOWS_NONE && need != 0)
		{
			prog = build(need);
			if(exile_bpf_simulate(&prog, &d, &action) <= 0 || (action & SECCOMP_RET_ACTION_FULL) != SECCOMP_RET_ALLOW)
			{
				fz_fail("syscall %d: exile_vows_allowing says 0x%llx, whose filter returns 0x%x", d.nr, (unsigned long long)need, action);
			}
			free(prog.filter);
		}
	}
	return 0;
}
