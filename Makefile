# exile.h: build the tests, the tools and the examples, run the checks.
#   make          builds the test binary, tools/exile-run (with its preload library) and the examples
#   make check    the compile checks, the suite under ASan/UBSan, then test.sh (root and nobody)
#   ./test.sh MODULE...   only these modules of the suite (./test --list names them)
#   make deps     installs the test-only packages (Debian/Ubuntu)
#   make demo     builds and runs the examples' tour
#   make bench    prints what a filter costs a syscall (ratios, one run)
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
	@missing=""; for p in libcmocka-dev libseccomp-dev libcap-dev gcc clang g++ make pkg-config git python3 tar gzip sed findutils grep coreutils; do \
		dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq $$missing; \
		else sudo apt-get update -qq && sudo apt-get install -y -qq $$missing; fi; \
	fi

# The header must build in every mode a user may compile it in (each
# compiler and standard on its own; see the script).
compile-checks: exile.h
	./tests/compile-checks.sh

# What a filter costs a syscall, as ratios measured in one run.
bench/filter_overhead: bench/filter_overhead.c exile.h
	$(CC) $(CPPFLAGS) -std=c99 $(CFLAGS) $(WARN) -Werror -I. $< $(LDFLAGS) -o $@

bench: bench/filter_overhead
	./bench/filter_overhead

# The whole suite once more under AddressSanitizer and UBSan (leaks included).
sanitize: test.c tests/*.c tests/harness.h exile.h $(TOOLS) $(PRELOAD) $(EXAMPLES)
	$(CC) $(CPPFLAGS) -std=gnu11 -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer \
		-Wall -Wextra -Werror -I. test.c $(LDFLAGS) -o test-sanitize $(TEST_LIBS)
	@if ASAN_OPTIONS=detect_leaks=1 ./test-sanitize > test-sanitize.log 2>&1 \
		&& ! grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error' test-sanitize.log; then \
		echo "sanitize: the suite passed under ASan and UBSan"; \
	else tail -n 60 test-sanitize.log; echo "sanitize: FAILED (see test-sanitize.log)"; exit 1; fi

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
check: all compile-checks install-check sanitize
	./test.sh

demo: $(TOOLS) $(PRELOAD) $(EXAMPLES)
	@./examples/demo.sh

clean:
	rm -f test test-cpp test-sanitize test-sanitize.log exile.pc libexile.so .exile-run-libdir bench/filter_overhead $(TOOLS) $(EXAMPLES) $(PRELOAD)

.PHONY: all deps check compile-checks sanitize bench clean demo install uninstall install-check FORCE
