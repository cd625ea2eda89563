# exile.h: build the tests and examples, run the checks.
#   make          builds the test binary and the examples
#   make check    the compile checks, the suite under ASan/UBSan, then test.sh (root and nobody)
#   ./test.sh MODULE...   only these modules of the suite (./test --list names them)
#   make deps     installs the test-only packages (Debian/Ubuntu)
#   make demo     builds and runs the examples' tour
#   make bench    exile's filters side by side with libseccomp's: sizes, paths, call and setup costs
#   make bench-check  fails when a static figure of exile's filters is worse than bench/baseline.json
CC ?= cc
CFLAGS ?= -O2 -g
WARN = -Wall -Wextra -Wpedantic -Werror -Wshadow
TEST_LIBS = -lcmocka -lseccomp -lpthread
PRELOAD = examples/libexile-run-preload.so
EXAMPLES = $(filter-out examples/libexile-run-preload,$(patsubst %.c,%,$(wildcard examples/*.c)))

all: test $(EXAMPLES) $(PRELOAD)

test: test.c tests/*.c tests/harness.h exile.h
	$(CC) -std=gnu11 $(CFLAGS) -Wall -Wextra -Werror -I. test.c -o $@ $(TEST_LIBS)

examples/%: examples/%.c exile.h
	$(CC) -std=c99 $(CFLAGS) $(WARN) -I. $< -o $@

# exile-run's second stage, loaded into the programs it runs
$(PRELOAD): examples/libexile-run-preload.c exile.h
	$(CC) -std=c99 $(CFLAGS) $(WARN) -fPIC -shared -fvisibility=hidden -I. $< -o $@

deps:
	@missing=""; for p in libcmocka-dev libseccomp-dev libcap-dev gcc clang g++ make; do \
		dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq $$missing; \
		else sudo apt-get update -qq && sudo apt-get install -y -qq $$missing; fi; \
	fi

# The header must build in every mode a user may compile it in.
compile-checks: exile.h
	@tmp=$$(mktemp -d); \
	printf '#ifndef _GNU_SOURCE\n#define _GNU_SOURCE\n#endif\n#define EXILE_IMPLEMENTATION\n#include "exile.h"\nint main(void){return 0;}\n' > $$tmp/impl.c; \
	printf '#define EXILE_IMPLEMENTATION\n#include "exile.h"\nint main(void){return 0;}\n' > $$tmp/first.c; \
	printf '#include "exile.h"\nint main(void){return 0;}\n' > $$tmp/decl.c; \
	printf '#include <stdio.h>\n#define EXILE_IMPLEMENTATION\n#include "exile.h"\nint main(void){return 0;}\n' > $$tmp/late.c; \
	printf '#define _GNU_SOURCE\n#define EXILE_STATIC\n#define EXILE_IMPLEMENTATION\n#include "exile.h"\nint s1(void){return exile_vows_from_str("stdio") != 0;}\n' > $$tmp/s1.c; \
	printf '#define _GNU_SOURCE\n#define EXILE_STATIC\n#define EXILE_IMPLEMENTATION\n#include "exile.h"\nint s1(void);\nint main(void){return s1() && exile_vows_from_str("rpath") ? 0 : 1;}\n' > $$tmp/s2.c; \
	set -e; \
	for std in c99 c11; do \
		gcc -std=$$std $(WARN) -Wstrict-prototypes -I. -c $$tmp/impl.c -o $$tmp/impl.o; \
		clang -std=$$std $(WARN) -Wstrict-prototypes -I. -c $$tmp/impl.c -o $$tmp/impl.o; \
		gcc -std=$$std $(WARN) -I. -c $$tmp/first.c -o $$tmp/first.o; \
		gcc -std=$$std $(WARN) -I. -c $$tmp/decl.c -o $$tmp/decl.o; \
	done; \
	g++ -x c++ -std=c++17 -Wall -Wextra -Wpedantic -Werror -I. -c $$tmp/impl.c -o $$tmp/implxx.o; \
	clang++ -x c++ -std=c++17 -Wall -Wextra -Werror -I. -c $$tmp/impl.c -o $$tmp/implxx2.o 2>/dev/null || \
		g++ -x c++ -std=c++11 -Wall -Wextra -Werror -I. -c $$tmp/impl.c -o $$tmp/implxx2.o; \
	if gcc -std=c99 -I. -c $$tmp/late.c -o $$tmp/late.o 2>$$tmp/late.err; then \
		echo "compile-checks: a late EXILE_IMPLEMENTATION without _GNU_SOURCE must stop with #error"; exit 1; fi; \
	grep -q '_GNU_SOURCE' $$tmp/late.err; \
	gcc -std=c99 $(WARN) -I. -c $$tmp/s1.c -o $$tmp/s1.o; \
	gcc -std=c99 $(WARN) -I. -c $$tmp/s2.c -o $$tmp/s2.o; \
	gcc $$tmp/s1.o $$tmp/s2.o -o $$tmp/static2; $$tmp/static2; \
	printf '#define EXILE_IMPLEMENTATION\n#include "exile.h"\nint main(void){struct exile_policy *p = exile_init_policy(); return p == NULL;}\n' > $$tmp/optout.c; \
	for o in EXILE_NO_LEARN EXILE_NO_DESCRIBE EXILE_NO_LAUNCH "EXILE_NO_LEARN -DEXILE_NO_DESCRIBE -DEXILE_NO_LAUNCH"; do \
		gcc -std=c99 $(WARN) -D$$o -I. $$tmp/optout.c -o $$tmp/optout; $$tmp/optout; \
		clang -std=c11 $(WARN) -D$$o -I. -c $$tmp/optout.c -o $$tmp/optout.o; \
	done; \
	rm -rf $$tmp; echo "compile-checks: gcc/clang c99/c11, g++ c++17, EXILE_STATIC twice, EXILE_NO_*: ok"

# The benchmark (libseccomp is a bench-only dependency, like the tests'):
# static figures, call costs and setup costs as ratios measured in one run.
BENCH = bench/exile-bench
$(BENCH): bench/exile-bench.c exile.h
	$(CC) -std=gnu11 $(CFLAGS) $(WARN) -I. $< -o $@ -lseccomp

bench: $(BENCH)
	nice ./$(BENCH) --json bench/results.json

# The static figures are deterministic: a change that makes a filter longer,
# a path longer or a call uncacheable fails here (renew the baseline with
# ./bench/exile-bench --write-baseline bench/baseline.json when it is meant).
bench-check: $(BENCH)
	./$(BENCH) --check bench/baseline.json

# The whole suite once more under AddressSanitizer and UBSan (leaks included).
sanitize: test.c tests/*.c tests/harness.h exile.h $(EXAMPLES)
	$(CC) -std=gnu11 -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer \
		-Wall -Wextra -Werror -I. test.c -o test-sanitize $(TEST_LIBS)
	@if ASAN_OPTIONS=detect_leaks=1 ./test-sanitize > test-sanitize.log 2>&1 \
		&& ! grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error' test-sanitize.log; then \
		echo "sanitize: the suite passed under ASan and UBSan"; \
	else tail -n 60 test-sanitize.log; echo "sanitize: FAILED (see test-sanitize.log)"; exit 1; fi

check: all compile-checks sanitize bench-check
	./test.sh

demo: $(EXAMPLES) $(PRELOAD)
	@./examples/demo.sh

clean:
	rm -f test test-sanitize test-sanitize.log $(BENCH) bench/results.json $(EXAMPLES) $(PRELOAD)

.PHONY: all deps check compile-checks sanitize bench bench-check clean demo
