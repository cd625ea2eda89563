#!/usr/bin/env bash
# tests/mutations.sh — each protection's test fails when the protection is
# removed (make mutation-check; not part of make check: it takes minutes).
#
# The table below lists mutations: a protection of exile.h, an exact text
# edit that removes it, and the tests that must then FAIL. For each, the
# script copies exile.h, test.c and tests/ into a fresh mktemp -d directory
# (the real tree is never edited), applies the edit there, builds only the
# test binary (-O1) and runs the named tests through EXILE_TEST_ONLY. Once,
# the unmutated copy must pass every named test (none skipped), or the
# mutations that name it are not checked.
#
# One line per mutation, then a summary; exit status 1 when a mutation
# survives (a named test still passes or skips), when an edit no longer
# applies (its text is not found exactly once in exile.h: the code moved,
# and the line says which edit, so that the table is maintained), when a
# mutated tree does not build, when a named test no longer exists, or when
# the baseline fails. Run as root (make mutation-check): a few tests attack
# only with capabilities to lose, and skip as nobody.
#
# Usage: tests/mutations.sh [-j N] [-k] [--nobody] [NAME-SUBSTRING...]
#   -j N        build and run N mutations at a time (default 1; the CPU is shared)
#   -k          keep the temporary trees (their paths are printed)
#   --nobody    also run the baseline as nobody and say which tests skip there
#   NAME...     only the mutations whose name contains one of the strings
set -u
cd "$(dirname "$0")/.."
exec nice -n "${MUTATION_NICE:-10}" python3 - "$@" <<'PYTHON'
import os, re, shutil, subprocess, sys, tempfile, time
from concurrent.futures import ThreadPoolExecutor

# (name, what the edit removes, [(old, new), ...], [tests that must fail])
# old must occur exactly once in exile.h; tabs are the header's indentation.
M = []
# user: who runs the tests ("nobody": where root's capabilities would stop
# the attack by themselves, e.g. ptrace's capability-subset rule)
def mutation(name, removed, edits, tests, user="root"):
    M.append({"name": name, "removed": removed, "edits": edits, "tests": tests, "user": user})

# ---- issue 8 item 1: io_uring state from before enable -------------------
mutation("io_uring rings from before enable", "the refusal of what the scan found",
    [("\tif(s.n != 0)\n\t{\n\t\texile__state.uring_clean = 0;", "\tif(0)\n\t{\n\t\texile__state.uring_clean = 0;")],
    ["escape_io_uring_state_from_before_enable_is_refused"])
mutation("io_uring detector: ring fds", "the /proc/self/fd check",
    [('if(strcmp(link, "anon_inode:[io_uring]") == 0 && exile__uring_fd_survives(', 'if(0 && exile__uring_fd_survives(')],
    ["escape_io_uring_state_from_before_enable_is_refused"])
mutation("io_uring detector: ring mappings", "the /proc/self/maps check",
    [('if(strstr(line, " anon_inode:[io_uring]") != NULL)', 'if(0)')],
    ["escape_io_uring_state_from_before_enable_is_refused"])
mutation("io_uring detector: SQPOLL threads", "the PF_IO_WORKER thread check",
    [('if(!(flags & EXILE__PF_IO_WORKER) || strncmp(open_paren + 1, "iou-wrk-", 8) == 0)', 'if(1)')],
    ["escape_io_uring_state_from_before_enable_is_refused"])
mutation("io_uring detector: registered ring fds", "the IORING_ENTER_REGISTERED_RING probe",
    [("\tif(probe && exile__earlier_filters_allow(__NR_io_uring_enter, 0, 0, 0)", "\tif(0 && exile__earlier_filters_allow(__NR_io_uring_enter, 0, 0, 0)")],
    ["escape_io_uring_state_from_before_enable_is_refused"])
# ---- items 1, 2: io_uring in every filter, late rings --------------------
mutation("io_uring_enter/register denied in every filter", "their rules in filters without vows",
    [("\tEXILE__XR(io_uring_enter, EXILE_SYSCALL_DENY_ERRNO(EPERM), 0, EXILE__XNONE, EXILE__XNONE),\n"
      "\tEXILE__XR(io_uring_register, EXILE_SYSCALL_DENY_ERRNO(EPERM), 0, EXILE__XNONE, EXILE__XNONE),\n", "")],
    ["escape_registered_ring_is_stopped_by_the_filter"])
mutation("io_uring_setup denied under path rules (late rings: IORING_OP_SETXATTR, set-id OPENAT)", "the io_uring_setup rule of filters without vows",
    [("static const struct exile__xrule exile__xrules_uring[] = {\n\tEXILE__XR(io_uring_setup, EXILE_SYSCALL_DENY_ERRNO(EPERM), 0, EXILE__XNONE, EXILE__XNONE),\n",
      "static const struct exile__xrule exile__xrules_uring[] = {\n")],
    ["escape_landlock_only_flags_and_late_rings_are_refused"])
mutation("io_uring_setup denied under no_network (a late ring sends UDP)", "the io_uring_setup rule of the network rules",
    [("\tEXILE__XR(socketcall, EXILE_SYSCALL_DENY_RET_ERROR, 1, EXILE_ARG32_EQ(0, 8 /* SYS_SOCKETPAIR */), EXILE__XNONE),\n"
      "\tEXILE__XR(io_uring_setup, EXILE_SYSCALL_DENY_ERRNO(EPERM), 0, EXILE__XNONE, EXILE__XNONE),\n",
      "\tEXILE__XR(socketcall, EXILE_SYSCALL_DENY_RET_ERROR, 1, EXILE_ARG32_EQ(0, 8 /* SYS_SOCKETPAIR */), EXILE__XNONE),\n")],
    ["escape_late_ring_under_no_network_with_accepted_rings"])
# ---- item 2: the Landlock gap rules --------------------------------------
mutation("FS_IOC_SETFLAGS/FS_IOC_FSSETXATTR under path rules", "the gap ioctl rules",
    [("\tif(gaps)\n\t{\n\t\texile__xrules_add(nodes, &n, exile__xrules_gap_ioctls,", "\tif(0)\n\t{\n\t\texile__xrules_add(nodes, &n, exile__xrules_gap_ioctls,")],
    ["escape_landlock_only_flags_and_late_rings_are_refused"])
mutation("metadata gaps under path rules (chmod, chown, xattr, utime)", "the gap syscall rules",
    [("for(i = 0; gaps && i < EXILE__N(exile__xrules_gaps); i++)", "for(i = 0; 0 && i < EXILE__N(exile__xrules_gaps); i++)")],
    ["escape_landlock_metadata_gaps"])
mutation("set-id mode bits under path rules", "the set-id rules",
    [("\tif(gaps)\n\t{\n\t\texile__xrules_add(nodes, &n, exile__xrules_setid,", "\tif(0)\n\t{\n\t\texile__xrules_add(nodes, &n, exile__xrules_setid,")],
    ["escape_setid"])
# ---- item 5: terminal injection ------------------------------------------
mutation("TIOCSTI/TIOCLINUX in every filter", "the tty rules",
    [("\t/* hard rules */\n\texile__xrules_add(nodes, &n, exile__xrules_tty, EXILE__N(exile__xrules_tty));\n", "\t/* hard rules */\n")],
    ["escape_tiocsti_is_refused_by_every_filter"])
# ---- item 6: exec allowlists ---------------------------------------------
mutation("memfd_create without MFD_NOEXEC_SEAL under path rules", "the memfd_create rule",
    [("\tEXILE__XR(memfd_create, EXILE_SYSCALL_DENY_RET_NOSYS, 1, EXILE_ARG32_MASKED_EQ(1, 0x0008 /* MFD_NOEXEC_SEAL */, 0), EXILE__XNONE),\n", "")],
    ["escape_memfd_exec_under_path_rules_is_refused"])
mutation("execveat AT_EMPTY_PATH under path rules", "the execveat rule",
    [("\tEXILE__XR(execveat, EXILE_SYSCALL_DENY_RET_ERROR, 1, EXILE__XANY(4, 0x1000 /* AT_EMPTY_PATH */), EXILE__XNONE),\n", "")],
    ["escape_memfd_exec_under_path_rules_is_refused"])
# ---- item 3: other processes' memory -------------------------------------
mutation("ptrace isolation (exile's own Landlock domain)", "the isolation domain",
    [("\tif(why != NULL)\n\t{\n\t\tsnprintf(r->summary + len, sizeof(r->summary) - len, \"; ptrace: NOT isolated: %s\", why);",
      "\tif(1)\n\t{\n\t\tsnprintf(r->summary + len, sizeof(r->summary) - len, \"; ptrace: NOT isolated: %s\", why);")],
    ["escape_parent_memory_through_proc_mem", "escape_sibling_memory_through_proc_mem"])
# exile_launch's supervisor is protected three times: it is outside the
# child's Landlock domain (the signal scope exile_launch adds, or else the
# isolation domain), and it is not dumpable; each alone stops the read
mutation("exile_launch: the supervisor's memory (its scope domain, the isolation domain, not dumpable)", "all three",
    [("\t\t\tcopy.landlock_scopes = copy.landlock_scopes == 0 ? (EXILE_LANDLOCK_SCOPE_SIGNAL | EXILE_LANDLOCK_SCOPE_IF_AVAILABLE)\n"
      "\t\t\t\t: (copy.landlock_scopes | EXILE_LANDLOCK_SCOPE_SIGNAL);\n", ""),
     ("\tif(why != NULL)\n\t{\n\t\tsnprintf(r->summary + len, sizeof(r->summary) - len, \"; ptrace: NOT isolated: %s\", why);",
      "\tif(1)\n\t{\n\t\tsnprintf(r->summary + len, sizeof(r->summary) - len, \"; ptrace: NOT isolated: %s\", why);"),
     ("\t/* the sandboxed tree can neither ptrace S nor write its memory */\n\tprctl(PR_SET_DUMPABLE, 0, 0, 0, 0);\n",
      "\t/* the sandboxed tree can neither ptrace S nor write its memory */\n")],
    ["escape_launch_supervisor_memory"], user="nobody")
# ---- item 4: W^X ---------------------------------------------------------
mutation("READ_IMPLIES_EXEC refused", "the personality check",
    [("if(pers != -1 && (pers & EXILE__READ_IMPLIES_EXEC) != 0)", "if(0)")],
    ["escape_read_implies_exec_personality"])
# ---- item 7: per-thread state --------------------------------------------
mutation("drop_caps with a thread holding capabilities: -EAGAIN", "the other threads' capability check",
    [("\tr = exile__other_threads(exile__thread_holds_caps, &holder);\n\tif(holder != 0)", "\tr = exile__other_threads(exile__thread_holds_caps, &holder);\n\tif(0)")],
    ["escape_capabilities_kept_by_an_earlier_thread"])
mutation("no_new_privs without a filter, with a thread lacking it: -EAGAIN", "the other threads' no_new_privs check",
    [("\tr = exile__other_threads(exile__thread_lacks_nnp, &lacking);\n\tif(lacking != 0)", "\tr = exile__other_threads(exile__thread_lacks_nnp, &lacking);\n\tif(0)")],
    ["escape_no_new_privs_missing_in_an_earlier_thread"])
# ---- item 10: nothing after the filter -----------------------------------
# (the Landlock commit closes its ruleset fd itself: the release after the
# install is only a close when that close is gone too, as it was before)
mutation("no system call after the caller's filter", "the ruleset's close at the Landlock commit, and the plan's release before the install (moved after it)",
    [("\tclose(lp->ruleset_fd);\n\tlp->ruleset_fd = -1;\n\texile__state.ll_in_domain |= err == 0;", "\texile__state.ll_in_domain |= err == 0;"),
     ("\tinstalled = &exile__state.installed[exile__state.ninstalled - 1];\n\texile__plan_release(pl);\n",
      "\tinstalled = &exile__state.installed[exile__state.ninstalled - 1];\n"),
     ("\texile__diag_guarded(&diag); /* >>diag: no system call */\n\treturn 0;",
      "\texile__diag_guarded(&diag); /* >>diag: no system call */\n\texile__plan_release(pl);\n\treturn 0;")],
    ["escape_strict_allow_list_survives_enable", "escape_seccomp_is_the_last_call_of_enable"])
# ---- item 9: fail-open inputs --------------------------------------------
mutation("\"\" is the base set", "the base-set answer of exile_vows_from_str",
    [("return result != 0 ? result : EXILE_SYSCALL_VOW_BASE;", "return result;")],
    ["escape_empty_vow_string_is_the_base_set"])
mutation("disable_syscall_filter with vows or rules refused", "the validation",
    [("\tif(p->disable_syscall_filter && (exile__vows_active(p) || p->syscall_policies != NULL))\n\t{\n\t\t/* the vows or rules would be dropped without a word */",
      "\tif(0)\n\t{\n\t\t/* the vows or rules would be dropped without a word */")],
    ["escape_disabled_filter_with_vows_or_rules_is_refused"])
mutation("EXILE_SYSCALL_DENY_ERRNO outside 1..4095 refused", "the errno range check of rule actions",
    [("return (a & 0xFFFFu) >= 1 && (a & 0xFFFFu) <= 4095;", "return 1;")],
    ["escape_deny_errno_outside_range_is_refused"])
# ---- earlier work: the filter's frame ------------------------------------
mutation("foreign architectures killed", "the AUDIT_ARCH check",
    [("exile__asm_jmp(&as, BPF_JEQ, EXILE__AUDIT_ARCH, ok, exile__em_ret(&em, SECCOMP_RET_KILL_PROCESS));",
      "exile__asm_jmp(&as, BPF_JEQ, EXILE__AUDIT_ARCH, ok, ok);")],
    ["escape_i386_entry_is_killed"])
mutation("x32 numbers killed", "the __X32_SYSCALL_BIT check",
    [("\texile__asm_jmp(&as, BPF_JGE, EXILE__X32_SYSCALL_BIT, exile__em_ret(&em, SECCOMP_RET_KILL_PROCESS), EXILE__NOLABEL);\n", "")],
    ["escape_x32_numbers_are_killed"])
# ---- earlier work: vows --------------------------------------------------
mutation("clone: namespace flags without the clone vow", "CLONE_NEW* from clone's flag mask",
    [("exile__rule_cond(r, 0, EXILE_CMP_MASKED_EQ, 1, 0x10900, 0x10900 | 0x7E020000);", "exile__rule_cond(r, 0, EXILE_CMP_MASKED_EQ, 1, 0x10900, 0x10900);")],
    ["escape_namespaces_without_clone_vow"])
mutation("unshare only with the clone vow", "unshare given to the thread vow",
    [("EXILE__E(unshare, NONE, EXILE__V_CLONE)", "EXILE__E(unshare, NONE, EXILE__V_CLONE | EXILE__V_THREAD)")],
    ["escape_namespaces_without_clone_vow"])
mutation("clone3 only with the clone vow", "clone3 given to the thread vow",
    [("EXILE__E(clone3, NONE, EXILE__V_CLONE)", "EXILE__E(clone3, NONE, EXILE__V_CLONE | EXILE__V_THREAD)")],
    ["escape_namespaces_without_clone_vow"])
# ---- earlier work: process state -----------------------------------------
mutation("close_fds", "closing the inherited fds",
    [("\terr = exile__close_fds(keep, n);\n\tfree(keep);", "\terr = 0;\n\tfree(keep);")],
    ["escape_inherited_fd_is_closed"])
mutation("no_network: non-TCP families", "the network rules",
    [("\tif(net)\n\t{\n\t\texile__xrules_add(nodes, &n, exile__xrules_net,", "\tif(0)\n\t{\n\t\texile__xrules_add(nodes, &n, exile__xrules_net,")],
    ["escape_network_families"])
mutation("Landlock scopes (signals, abstract unix sockets)", "the scoped attribute",
    [("attr[2] = r->isolation_domain ? 0 : r->scoped;", "attr[2] = 0;")],
    ["escape_landlock_scopes"])
mutation("32-bit argument comparisons (upper-bit garbage in int arguments)", "the low-word comparison (every argument compared in 64 bits)",
    [("\tc->is32 = (unsigned char)(is32 != 0);", "\tc->is32 = 0;")],
    ["escape_tiocsti_is_refused_by_every_filter", "escape_landlock_only_flags_and_late_rings_are_refused"])
mutation("W^X under vows: PROT_EXEC needs prot_exec", "the PROT_EXEC rule of mmap/mprotect",
    [("\tif(!EXILE__HELD(c, EXILE__V_PROTEXEC))\n\t{\n\t\texile__rule_cond(exile__rules_add(rs, c->deny), 2, EXILE__OP_ANYSET, 1, 0,",
      "\tif(0)\n\t{\n\t\texile__rule_cond(exile__rules_add(rs, c->deny), 2, EXILE__OP_ANYSET, 1, 0,")],
    ["vow_stdio_denies_prot_exec", "vow_stdio_denies_mprotect_exec"])
mutation("the filter covers every thread (TSYNC)", "SECCOMP_FILTER_FLAG_TSYNC",
    [("ret = exile__seccomp(SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_TSYNC | (diag.report", "ret = exile__seccomp(SECCOMP_SET_MODE_FILTER, 0 | (diag.report")],
    ["vow_tsync_covers_existing_thread"])
mutation("no_new_privs (a set-uid-root program gains nothing)", "prctl(PR_SET_NO_NEW_PRIVS)",
    [("return prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0 ? 0 : exile__fail(-errno, NULL, \"prctl(PR_SET_NO_NEW_PRIVS)\");", "return 0;")],
    ["escape_setid"])
mutation("drop_caps", "the capset() that drops them",
    [("\tif(exile__capset(d) != 0)\n\t{\n\t\treturn exile__fail(-errno, NULL, \"capset() dropping all capabilities\");", "\tif(0)\n\t{\n\t\treturn exile__fail(-errno, NULL, \"capset() dropping all capabilities\");")],
    ["escape_capabilities_thread_without_any_is_fine", "ns_user_namespace_caps_dropped_with_drop_caps"])
mutation("Landlock path rules", "landlock_restrict_self",
    [("\tif(err == 0 && syscall(__NR_landlock_restrict_self, lp->ruleset_fd, lp->flags) != 0)", "\tif(0)")],
    ["landlock_read_only_dir_denies_write_create_unlink_truncate", "landlock_no_fs_denies_every_path_keeps_stdio"])
# ---- item 8: exile_launch's guarantees -----------------------------------
mutation("exile_launch: the supervisor is not dumpable", "its PR_SET_DUMPABLE 0",
    [("\t/* the sandboxed tree can neither ptrace S nor write its memory */\n\tprctl(PR_SET_DUMPABLE, 0, 0, 0, 0);\n",
      "\t/* the sandboxed tree can neither ptrace S nor write its memory */\n")],
    ["escape_launch_supervisor_outlives_its_child_without_landlock"], user="nobody")
mutation("exile_launch: kill(supervisor) refused", "the kill rule for the supervisor's pid",
    [("\tok &= exile__launch_rule(&tail, __NR_kill, k, 1, a0s, none) != NULL;\n", "")],
    ["escape_launch_supervisor_outlives_its_child_without_landlock"])
# (not listed: the pidfd_open(S) rule. Without it the pidfd is made, but its
# only use against S, pidfd_send_signal, is refused by its own rule or by
# Landlock's signal scope: defence in depth, no test can fail without it.)
mutation("exile_launch: pidfd_send_signal without scopes refused", "the pidfd_send_signal rule",
    [("\t\tok &= exile__launch_rule(&tail, __NR_pidfd_send_signal, k, 0, none, none) != NULL;\n", "")],
    ["escape_launch_supervisor_outlives_its_child_without_landlock"])
mutation("exile_launch: prlimit on the supervisor refused", "the prlimit64 rule",
    [("\tok &= exile__launch_rule(&tail, __NR_prlimit64, k, 1, a0s, none) != NULL;\n", "")],
    ["escape_launch_supervisor_outlives_its_child_without_landlock"])
mutation("exile_launch: nothing survives the call (descendants killed)", "the supervisor's final kill of the tree",
    [("\t\tmsg.killed = exile__launch_reap_all(ss.helper);\n", "\t\tmsg.killed = 0;\n")],
    ["launch_leaves_no_descendant_behind", "escape_launch_supervisor_outlives_its_child"])
mutation("exile_launch: report forgery (the status pipe)", "closing the status pipe before the function runs",
    [("\th->close[h->nclose++] = f->status[1];\n", "")],
    ["escape_launch_report_cannot_be_forged"])

# ---------------------------------------------------------------------------
args = sys.argv[1:]
jobs, keep, nobody, only = 1, False, False, []
while args:
    a = args.pop(0)
    if a == "-j" and args:
        jobs = max(1, int(args.pop(0)))
    elif a == "-k":
        keep = True
    elif a == "--nobody":
        nobody = True
    elif a in ("-h", "--help"):
        print(open("tests/mutations.sh").read().split("set -u")[0])
        sys.exit(0)
    else:
        only.append(a)
todo = [m for m in M if not only or any(o in m["name"] for o in only)]
if not todo:
    print("mutations: no mutation matches %s" % " ".join(only))
    sys.exit(2)

CC = os.environ.get("CC", "cc")
TIMEOUT = int(os.environ.get("MUTATION_TIMEOUT", "900"))
original = open("exile.h").read()

def tree(tag):
    d = tempfile.mkdtemp(prefix="exile-mut-%s." % tag)
    os.chmod(d, 0o755)
    for f in ("exile.h", "test.c"):
        shutil.copy(f, d)
    shutil.copytree("tests", os.path.join(d, "tests"))
    return d

def build(d):
    r = subprocess.run([CC, "-std=gnu11", "-O1", "-I.", "test.c", "-o", "test", "-lcmocka", "-lseccomp", "-lpthread"],
                       cwd=d, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, text=True)
    return r.returncode == 0, r.stdout

def reap(d):
    """A mutated tree's attack may leave a process behind (a daemon that
    exile_launch failed to kill): every process running d's test binary
    is ended, by pid."""
    exe = os.path.join(d, "test")
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                if os.readlink("/proc/%s/exe" % pid) == exe:
                    os.kill(int(pid), 9)
            except OSError:
                pass

def run(d, tests, user="root"):
    """{test: 'OK' | 'FAILED' | 'SKIPPED' | 'MISSING'}, and the output"""
    env = dict(os.environ, EXILE_TEST_ONLY=",".join(tests))
    cmd = ["./test"]
    if user == "nobody":
        cmd = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "./test"]
    try:
        r = subprocess.run(cmd, cwd=d, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           stdin=subprocess.DEVNULL, timeout=TIMEOUT)
        out, rc = r.stdout.decode(errors="replace"), r.returncode
    except subprocess.TimeoutExpired as e:
        out, rc = (e.stdout or b"").decode(errors="replace") + "\n(timeout)", -1
    reap(d)
    res = {}
    for t in tests:
        if re.search(r"^\[ +OK \] %s$" % re.escape(t), out, re.M):
            res[t] = "OK"
        elif re.search(r"^\[ +SKIPPED \] %s$" % re.escape(t), out, re.M):
            res[t] = "SKIPPED"
        elif re.search(r"^\[ +FAILED +\] %s$" % re.escape(t), out, re.M):
            res[t] = "FAILED"
        elif re.search(r'no test matches "%s"' % re.escape(t), out):
            res[t] = "MISSING"
        elif re.search(r"^\[ RUN +\] %s$" % re.escape(t), out, re.M):
            res[t] = "FAILED" # the runner died in it (or timed out): the test did not pass
        else:
            res[t] = "MISSING" if rc == 2 else "FAILED"
    return res, out

t0 = time.time()
base = tree("base")
ok, log = build(base)
if not ok:
    print("mutations: the unmutated tree does not build:\n" + log)
    sys.exit(1)
baseline, bad = {}, {}
for user in ("root", "nobody"):
    names = sorted({t for m in todo if m["user"] == user for t in m["tests"]})
    if names:
        res, _ = run(base, names, user)
        baseline[user] = res
        for t, r in sorted(res.items()):
            if r != "OK":
                bad[(user, t)] = r
                print("baseline (%s): %s %s (the mutations naming it are not checked)" % (user, t, r))
if nobody:
    names = sorted({t for m in todo for t in m["tests"]})
    nb, _ = run(base, names, "nobody")
    for t in names:
        if nb[t] != "OK":
            print("baseline as nobody: %s %s" % (t, nb[t]))
    print("baseline as nobody: %d of %d named tests pass" % (sum(1 for t in names if nb[t] == "OK"), len(names)))
if keep:
    print("baseline tree: %s" % base)
else:
    shutil.rmtree(base, ignore_errors=True)

def one(m):
    text = original
    for i, (old, new) in enumerate(m["edits"]):
        c = text.count(old)
        if c != 1:
            first = old.strip().splitlines()[0][:70]
            return "STALE", "edit %d of %d found %d times in exile.h (expected once): \"%s\"" % (i + 1, len(m["edits"]), c, first), None
        text = text.replace(old, new)
    b = baseline[m["user"]]
    if any(b[t] != "OK" for t in m["tests"]):
        return "UNCHECKED", "baseline: " + ", ".join("%s %s" % (t, b[t]) for t in m["tests"] if b[t] != "OK"), None
    d = tree("m")
    open(os.path.join(d, "exile.h"), "w").write(text)
    ok, log = build(d)
    if not ok:
        res = ("NOBUILD", "the mutated tree does not build: " + " | ".join(log.strip().splitlines()[:3]), d)
    else:
        r, out = run(d, m["tests"], m["user"])
        survivors = [t for t in m["tests"] if r[t] != "FAILED"]
        if survivors:
            res = ("SURVIVED", ", ".join("%s %s" % (t, r[t]) for t in survivors), d)
        else:
            res = ("ok", "", d)
    if not keep:
        shutil.rmtree(d, ignore_errors=True)
    return res

with ThreadPoolExecutor(max_workers=jobs) as ex:
    results = list(ex.map(one, todo))
count = {}
for m, (status, why, d) in zip(todo, results):
    count[status] = count.get(status, 0) + 1
    line = "%s: removed %s -> %s FAILED%s: %s" % (m["name"], m["removed"], ", ".join(m["tests"]),
                                                  " (as nobody)" if m["user"] == "nobody" else "", status)
    if why:
        line += " (%s)" % why
    if keep and d:
        line += " [%s]" % d
    print(line, flush=True)
minutes = (time.time() - t0) / 60
print("mutations: %d run, %d killed, %d survived, %d stale, %d not built, %d not checked (%.1f min)" % (
    len(todo), count.get("ok", 0), count.get("SURVIVED", 0), count.get("STALE", 0), count.get("NOBUILD", 0),
    count.get("UNCHECKED", 0), minutes))
sys.exit(0 if count.get("ok", 0) == len(todo) and not bad else 1)
PYTHON
