#!/usr/bin/env python3
"""The layout of exile.h, checked: the implementation's sections (the
"/* >>name: ..." banners) come in the order the header's LAYOUT comment
lists, and a function of one section calls only functions of the sections
above it. The one exception is declared in >>core: exile__earlier_filters_allow
(>>bpf keeps the filters it simulates, and every module asks it). Every
BPF program is built by the assembler: no section of the implementation
writes BPF_STMT/BPF_JUMP by hand (the public EXILE_BPF_* macros of
>>constants, upstream's raw-snippet vocabulary, are the only ones)."""
import re, sys

ORDER = ['uapi', 'core', 'systab', 'bpf', 'vows', 'landlock', 'ns', 'privs', 'lookup', 'report', 'policy',
         'notif', 'launch', 'learn', 'inspect']
ALLOWED_UPWARD = {('core', 'exile__earlier_filters_allow')}

src = open(sys.argv[1] if len(sys.argv) > 1 else 'exile.h').read().split('\n')
impl = next(i for i, l in enumerate(src) if l.startswith('#if defined(EXILE_IMPLEMENTATION)'))
secs = []
for i in range(impl, len(src)):
    m = re.match(r'/\* >>([a-z]+): ', src[i])
    if m and src[i - 1].startswith('/* ----'):
        secs.append((m.group(1), i))
names = [n for n, _ in secs]
if names != ORDER:
    print('layout-check: the sections are %s, the LAYOUT comment says %s' % (names, ORDER))
    sys.exit(1)
bounds = [(secs[k][0], secs[k][1], secs[k + 1][1] if k + 1 < len(secs) else len(src)) for k in range(len(secs))]
defs = {}
for name, a, b in bounds:
    for l in src[a:b]:
        m = re.match(r'(?:EXILE__PRIVATE|EXILE_API)[^(]*?\b(exile_{1,2}[a-z0-9_]+)\s*\(', l)
        if m and not l.rstrip().endswith(';'):
            defs.setdefault(m.group(1), name)
bad = 0
for name, a, b in bounds:
    # code only: comments may name anything
    text = re.sub(r'/\*.*?\*/', '', '\n'.join(src[a:b]), flags=re.S)
    for fn, sec in defs.items():
        if ORDER.index(sec) > ORDER.index(name) and (name, fn) not in ALLOWED_UPWARD \
                and re.search(r'\b%s\s*\(' % re.escape(fn), text):
            print('layout-check: >>%s calls %s() of >>%s, a section below it' % (name, fn, sec))
            bad = 1
    if re.search(r'\bBPF_(STMT|JUMP)\s*\(', text):
        print('layout-check: >>%s writes BPF by hand (build it with exile__prog_add/exile__prog_assemble)' % name)
        bad = 1
if bad:
    sys.exit(1)
print('layout-check: %d sections in order, each calls only the sections above it, no BPF by hand' % len(secs))
