# exile.h: build the tests, the tools and the examples, run the checks.
#   make          builds the test binary, tools/exile-run (with its preload library) and the examples
#   make check    the compile checks, the suite under ASan/UBSan, then test.sh (root and nobody)
#   ./test.sh MODULE...   only these modules of the suite (./test --list names them)
#   make deps     installs the test-only packages (Debian/Ubuntu)
#   make demo     builds and runs the examples' tour
#   make bench    exile's filters side by side with libseccomp's: sizes, paths, call and setup costs
#   make bench-check  fails when a static figure of exile's filters is worse than bench/baseline.json,
#                 or exile_launch's round trip is over the bounds it holds
#   make cross-check  the header, the name table and the vow filters on aarch64, riscv64,
#                 i386, arm (cross compilers, qemu-user) and x86_64 (part of make check)
#   make lint     cppcheck and clang-tidy on exile.h (part of make check)
#   make valgrind memcheck over the pure API (the fuzz seeds) and exile_launch (part of make check)
#   make fuzz     runs each libFuzzer target (fuzz/*.c) for FUZZ_SECONDS (default 600)
#   make fuzz-short  each target for FUZZ_SHORT_SECONDS (default 20): part of make check
#   make mutation-check  removes each protection from a copy of exile.h and checks that its
#                 test then fails (tests/mutations.sh; minutes, as root; NOT part of make check)
#   make install  exile.h, exile.hpp, exile-run (+ its preload library), man pages, exile.pc, docs
#                 (PREFIX=/usr/local, DESTDIR=; also bindir, includedir, libdir, mandir, docdir)
# CPPFLAGS, CFLAGS, CXXFLAGS and LDFLAGS are honoured. -Werror is kept to the
# project's own checks (the test binaries, compile-checks, and what make check builds).
CC ?= cc
CXX ?= c++
CFLAGS ?= -O2 -g
CXXFLAGS ?= -O2 -g
WARN = -Wall -Wextra -Wpedantic -Wshadow
WERROR =
TEST_LIBS = -lcmocka -lseccomp -lpthread
PRELOAD = tools/libexile-run-preload.so
TOOLS = tools/exile-run
EXAMPLES = $(patsubst %.c,%,$(wildcard examples/*.c))

all: test test-cpp $(TOOLS) $(PRELOAD) $(EXAMPLES)

test: test.c tests/*.c tests/harness.h exile.h
	$(CC) $(CPPFLAGS) -std=gnu11 $(CFLAGS) -Wall -Wextra -Werror -I. test.c $(LDFLAGS) -o $@ $(TEST_LIBS)

# exile.hpp's suite (C++11, the oldest standard exile.hpp supports)
test-cpp: tests/cpp.cpp exile.hpp exile.h
	$(CXX) $(CPPFLAGS) -std=c++11 $(CXXFLAGS) $(WARN) -Werror -I. tests/cpp.cpp $(LDFLAGS) -o $@ -lcmocka

examples/%: examples/%.c exile.h
	$(CC) $(CPPFLAGS) $(EXILE_DEFS) -std=c99 $(CFLAGS) $(WARN) $(WERROR) -I. $< $(LDFLAGS) -o $@

tools/%: tools/%.c exile.h
	$(CC) $(CPPFLAGS) $(EXILE_DEFS) -std=c99 $(CFLAGS) $(WARN) $(WERROR) -I. $< $(LDFLAGS) -o $@

# exile-run's second stage, loaded into the programs it runs
$(PRELOAD): tools/libexile-run-preload.c exile.h
	$(CC) $(CPPFLAGS) -std=c99 $(CFLAGS) $(WARN) $(WERROR) -fPIC -shared -fvisibility=hidden -I. $< $(LDFLAGS) -o $@

deps:
	@missing=""; for p in libcmocka-dev libseccomp-dev libcap-dev gcc clang g++ make pkg-config libclang-rt-dev cppcheck clang-tidy valgrind musl-tools git python3 tar gzip sed findutils grep coreutils $(CROSS_DEPS); do \
		dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq $$missing; \
		else sudo apt-get update -qq && sudo apt-get install -y -qq $$missing; fi; \
	fi

# The header's sections come in their documented order and call only the
# sections above them.
layout-check: exile.h
	python3 tests/layout-check.py exile.h

# each protection's test fails when the protection is removed (tests/mutations.sh;
# MUTATION_ARGS, e.g. "-j 2" or a mutation's name)
mutation-check: exile.h test.c tests/*.c tests/harness.h
	tests/mutations.sh $(MUTATION_ARGS)

# The header must build in every mode a user may compile it in (each
# compiler and standard on its own; see the script).
compile-checks: exile.h
	./tests/compile-checks.sh

# The header against kernel headers trimmed to Linux 4.19, 5.10 and 5.15
# (generated from the installed ones; see the script).
old-headers: exile.h exile.hpp
	./tests/old-headers.sh

# The other architectures (aarch64, riscv64, i386, arm) and x86_64: the
# header in every C standard, and tests/cross.c (name table, vow filters
# through exile_bpf_simulate, constants) built with Debian's cross compilers
# and run under qemu-user. An architecture whose compiler or qemu is missing
# is skipped with a reason, except in CI (CI=true) or with CROSS_REQUIRE=1.
CROSS_DEPS = gcc-aarch64-linux-gnu gcc-riscv64-linux-gnu gcc-i686-linux-gnu gcc-arm-linux-gnueabihf \
	libc6-dev-arm64-cross libc6-dev-riscv64-cross libc6-dev-i386-cross libc6-dev-armhf-cross qemu-user-static
cross-check: exile.h tests/cross.c
	./tests/cross.sh

# The header with musl-gcc, and a probe built with glibc and with musl that
# must print the same (see the script); skipped where musl-gcc is missing.
musl-check: exile.h tests/libc-probe.c
	./tests/musl.sh

# The benchmark (libseccomp is a bench-only dependency, like the tests'):
# static figures, call costs and setup costs as ratios measured in one run.
BENCH = bench/exile-bench
$(BENCH): bench/exile-bench.c exile.h
	$(CC) $(CPPFLAGS) -std=gnu11 $(CFLAGS) $(WARN) -Werror -I. $< $(LDFLAGS) -o $@ -lseccomp

bench: $(BENCH)
	nice ./$(BENCH) --json bench/results.json

# The static figures are deterministic: a change that makes a filter longer,
# a path longer or a call uncacheable fails here (renew the baseline with
# ./bench/exile-bench --write-baseline bench/baseline.json when it is meant),
# as does a filter longer than 0.8x libseccomp level 2's or with a longer path.
# exile_launch's round trip is timed: it fails over the bounds (ratios to a
# bare fork) the baseline holds, when five runs in a row miss them.
bench-check: $(BENCH)
	./$(BENCH) --check bench/baseline.json

# The whole suite once more under AddressSanitizer and UBSan (leaks included).
sanitize: test.c tests/*.c tests/harness.h exile.h $(TOOLS) $(PRELOAD) $(EXAMPLES)
	$(CC) $(CPPFLAGS) -std=gnu11 -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer \
		-Wall -Wextra -Werror -I. test.c $(LDFLAGS) -o test-sanitize $(TEST_LIBS)
	@if ASAN_OPTIONS=detect_leaks=1 ./test-sanitize > test-sanitize.log 2>&1 \
		&& ! grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error' test-sanitize.log; then \
		echo "sanitize: the suite passed under ASan and UBSan"; \
	else tail -n 60 test-sanitize.log; echo "sanitize: FAILED (see test-sanitize.log)"; exit 1; fi

# libFuzzer targets (clang, -fsanitize=fuzzer: Debian's libclang-rt-dev).
# Each runs on a working corpus in fuzz/work/ (not committed), seeded from
# the committed fuzz/corpus/; a finding stops the run and leaves its input
# in fuzz/work/ (crash-*): run the target on that file to see it again.
FUZZ_CC ?= clang
FUZZ_FLAGS = -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -Wall -Wextra -Werror
FUZZ_TARGETS = vows build splice diff sim
FUZZ_SECONDS ?= 600
FUZZ_SHORT_SECONDS ?= 20
FUZZ_BINS = $(patsubst %,fuzz/fuzz-%,$(FUZZ_TARGETS))

fuzz/fuzz-%: fuzz/%.c fuzz/fuzz.h exile.h
	$(FUZZ_CC) $(FUZZ_FLAGS) $< -o $@ -lseccomp

fuzz: $(FUZZ_BINS)
	@for t in $(FUZZ_TARGETS); do \
		mkdir -p fuzz/work/$$t; \
		echo "fuzz: $$t for $(FUZZ_SECONDS) s"; \
		(cd fuzz/work && nice -n 10 ../fuzz-$$t -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 $$t ../corpus/$$t \
			> $$t.log 2>&1) || { tail -n 40 fuzz/work/$$t.log; echo "fuzz: $$t FOUND SOMETHING (fuzz/work/$$t.log)"; exit 1; }; \
		grep -E 'stat::number_of_executed_units|DONE' fuzz/work/$$t.log | tr '\n' ' '; echo; \
	done

# Static analysis of the header (implementation included): cppcheck with
# cppcheck-suppressions.xml and clang-tidy with .clang-tidy, both clean;
# every suppression says why.
lint: exile.h .clang-tidy cppcheck-suppressions.xml
	@tmp=$$(mktemp -d); status=0; \
	printf '#define _GNU_SOURCE\n#define EXILE_IMPLEMENTATION\n#include "exile.h"\n' > $$tmp/lint.c; \
	nice cppcheck --std=c11 --enable=warning,style,performance,portability --suppress-xml=cppcheck-suppressions.xml \
		--error-exitcode=1 --quiet -I. $$tmp/lint.c || { echo "lint: cppcheck FAILED"; status=1; }; \
	nice clang-tidy --quiet --config-file=.clang-tidy $$tmp/lint.c -- -std=c11 -I. > $$tmp/tidy.log 2>&1 \
		|| { grep -E -A3 'error:|warning:' $$tmp/tidy.log; echo "lint: clang-tidy FAILED"; status=1; }; \
	rm -rf $$tmp; [ $$status = 0 ] && echo "lint: cppcheck and clang-tidy find nothing in exile.h"; exit $$status

# valgrind (memcheck: no errors, no leaks) over the pure API, through every
# fuzz target's seed corpus without libFuzzer, and over exile_launch
# (valgrind/launch.c, which also checks that no fd is left open). valgrind
# has no seccomp(2), so the suite's enforcing tests cannot run under it;
# they run under ASan in make sanitize.
VALGRIND = valgrind --leak-check=full --show-leak-kinds=all --errors-for-leak-kinds=definite,indirect,possible \
	--child-silent-after-fork=yes
# sim is left out: its checks need CLONE_VM children, which valgrind cannot run
VG_TARGETS = vows build splice diff
VG_BINS = $(patsubst %,valgrind/fuzz-%,$(VG_TARGETS)) valgrind/launch

valgrind/fuzz-%: fuzz/%.c fuzz/fuzz.h fuzz/standalone.c exile.h
	$(CC) -std=gnu11 -g -O0 -Wall -Wextra -Werror -DFZ_NO_REAL_LOAD $< fuzz/standalone.c -o $@ -lseccomp

valgrind/launch: valgrind/launch.c exile.h
	$(CC) -std=c99 -g -O0 -Wall -Wextra -Werror -I. $< -o $@

valgrind: $(VG_BINS)
	@tmp=$$(mktemp -d); status=0; \
	for t in $(VG_TARGETS) launch; do \
		if [ $$t = launch ]; then args=""; else args=fuzz/corpus/$$t; fi; \
		bin=valgrind/$$t; [ $$t = launch ] || bin=valgrind/fuzz-$$t; \
		if $(VALGRIND) --log-file=$$tmp/$$t.log $$bin $$args > $$tmp/$$t.out 2>&1 \
			&& grep -q 'ERROR SUMMARY: 0 errors' $$tmp/$$t.log; then \
			if [ $$t = launch ]; then what="$$(grep -c ' ok$$' $$tmp/$$t.out) launch checks"; \
			else what="$$(tail -n 1 $$tmp/$$t.out | sed 's/^standalone: //')"; fi; \
			echo "valgrind: $$t: $$what, no errors, no leaks"; \
		else cat $$tmp/$$t.out; grep -v '^==[0-9]*== *$$' $$tmp/$$t.log | tail -n 40; echo "valgrind: $$t FAILED"; status=1; fi; \
	done; rm -rf $$tmp; exit $$status

# What make check runs: every seed once, then a short random search per target.
fuzz-short: $(FUZZ_BINS)
	@tmp=$$(mktemp -d); status=0; \
	for t in $(FUZZ_TARGETS); do \
		mkdir -p $$tmp/$$t; \
		if (cd $$tmp && nice -n 10 $(CURDIR)/fuzz/fuzz-$$t -max_total_time=$(FUZZ_SHORT_SECONDS) -print_final_stats=1 \
			$$tmp/$$t $(CURDIR)/fuzz/corpus/$$t > $$tmp/$$t.log 2>&1); then \
			echo "fuzz-short: $$t: $$(sed -n 's/^stat::number_of_executed_units: *//p' $$tmp/$$t.log) runs, no finding"; \
		else \
			tail -n 40 $$tmp/$$t.log; mkdir -p fuzz/work; cp $$tmp/crash-* $$tmp/leak-* $$tmp/timeout-* fuzz/work/ 2>/dev/null; \
			echo "fuzz-short: $$t FOUND SOMETHING (the input is in fuzz/work/)"; status=1; \
		fi; \
	done; rm -rf $$tmp; exit $$status

# ---- install and packaging --------------------------------------------------
# The header is the library; make install adds exile-run, its preload library
# (in a directory of its own that exile-run was built to look in), the man
# pages, exile.pc and the docs. PREFIX/DESTDIR as usual; `make uninstall`
# with the same variables removes exactly that.
VERSION := $(shell sed -n 's/^\#define EXILE_VERSION_STRING "\(.*\)"/\1/p' exile.h)
PREFIX ?= /usr/local
prefix ?= $(PREFIX)
bindir ?= $(prefix)/bin
includedir ?= $(prefix)/include
libdir ?= $(prefix)/lib
pkglibdir ?= $(libdir)/exile
pkgconfigdir ?= $(libdir)/pkgconfig
datarootdir ?= $(prefix)/share
mandir ?= $(datarootdir)/man
docdir ?= $(datarootdir)/doc/exile
INSTALL ?= install
# exile-run's binary (wherever the Makefile builds it) and its man pages
EXILE_RUN ?= tools/exile-run
MAN1 = $(sort $(wildcard man/*.1 tools/*.1 docs/*.1))
MAN3 = $(sort $(wildcard man/*.3))
DOCS = README.md CHANGELOG.md LICENSE $(sort $(wildcard docs/*.md))

# exile-run is rebuilt when the directory it looks for its preload in changes
.exile-run-libdir: FORCE
	@echo '$(pkglibdir)' | cmp -s - $@ || echo '$(pkglibdir)' > $@
$(EXILE_RUN): .exile-run-libdir
$(EXILE_RUN): EXILE_DEFS = -DEXILE_RUN_LIBDIR='"$(pkglibdir)"'

exile.pc: exile.pc.in exile.h FORCE
	sed -e 's|@prefix@|$(prefix)|' -e 's|@includedir@|$(includedir)|' -e 's|@version@|$(VERSION)|' exile.pc.in > $@

install: $(EXILE_RUN) $(PRELOAD) exile.pc
	$(INSTALL) -d '$(DESTDIR)$(includedir)' '$(DESTDIR)$(bindir)' '$(DESTDIR)$(pkglibdir)' \
		'$(DESTDIR)$(pkgconfigdir)' '$(DESTDIR)$(docdir)'
	$(INSTALL) -m 644 exile.h exile.hpp '$(DESTDIR)$(includedir)/'
	$(INSTALL) -m 755 $(EXILE_RUN) '$(DESTDIR)$(bindir)/exile-run'
	$(INSTALL) -m 644 $(PRELOAD) '$(DESTDIR)$(pkglibdir)/libexile-run-preload.so'
	$(INSTALL) -m 644 exile.pc '$(DESTDIR)$(pkgconfigdir)/exile.pc'
	$(INSTALL) -m 644 $(DOCS) '$(DESTDIR)$(docdir)/'
	$(if $(MAN1),$(INSTALL) -d '$(DESTDIR)$(mandir)/man1' && $(INSTALL) -m 644 $(MAN1) '$(DESTDIR)$(mandir)/man1/')
	$(if $(MAN3),$(INSTALL) -d '$(DESTDIR)$(mandir)/man3' && $(INSTALL) -m 644 $(MAN3) '$(DESTDIR)$(mandir)/man3/')

uninstall:
	rm -f '$(DESTDIR)$(includedir)/exile.h' '$(DESTDIR)$(includedir)/exile.hpp' '$(DESTDIR)$(bindir)/exile-run' \
		'$(DESTDIR)$(pkglibdir)/libexile-run-preload.so' '$(DESTDIR)$(pkgconfigdir)/exile.pc' \
		$(foreach f,$(notdir $(DOCS)),'$(DESTDIR)$(docdir)/$(f)') \
		$(foreach f,$(notdir $(MAN1)),'$(DESTDIR)$(mandir)/man1/$(f)') \
		$(foreach f,$(notdir $(MAN3)),'$(DESTDIR)$(mandir)/man3/$(f)')
	-rmdir '$(DESTDIR)$(pkglibdir)' '$(DESTDIR)$(docdir)' 2>/dev/null

# A shared library that exports exactly the public API (exile_*), for
# programs that would rather link than carry the implementation:
# -fvisibility=hidden hides everything, EXILE_API marks the API visible.
libexile.so: exile.h
	printf '#define EXILE_IMPLEMENTATION\n#include "exile.h"\n' | $(CC) $(CPPFLAGS) -std=c99 $(CFLAGS) $(WARN) $(WERROR) \
		-fPIC -shared -fvisibility=hidden '-DEXILE_API=extern __attribute__((visibility("default")))' \
		-I. -x c - $(LDFLAGS) -o $@

# Installs into a scratch DESTDIR and a scratch PREFIX, builds a program
# through pkg-config, runs the installed exile-run, uninstalls; and links a
# program against libexile.so.
install-check:
	./tests/install.sh

# what make check builds, it builds with -Werror
check: WERROR = -Werror
check: all compile-checks layout-check old-headers cross-check musl-check lint install-check sanitize fuzz-short valgrind bench-check
	./test.sh

demo: $(TOOLS) $(PRELOAD) $(EXAMPLES)
	@./examples/demo.sh

clean:
	rm -f test test-cpp test-sanitize test-sanitize.log exile.pc libexile.so .exile-run-libdir $(BENCH) bench/results.json $(TOOLS) $(EXAMPLES) $(PRELOAD) $(FUZZ_BINS) $(VG_BINS)

.PHONY: all deps check compile-checks layout-check mutation-check sanitize bench bench-check clean demo install uninstall install-check old-headers cross-check musl-check FORCE fuzz fuzz-short lint valgrind
