# exile.h: build the tests and examples, run the checks.
#   make          builds the test binary and the examples
#   make check    the compile checks, the suite under ASan/UBSan, then test.sh (root and nobody)
#   ./test.sh MODULE...   only these modules of the suite (./test --list names them)
#   make deps     installs the test-only packages (Debian/Ubuntu)
#   make demo     builds and runs the examples' tour
#   make bench    prints what a filter costs a syscall (ratios, one run)
#   make fuzz     runs each libFuzzer target (fuzz/*.c) for FUZZ_SECONDS (default 600)
#   make fuzz-short  each target for FUZZ_SHORT_SECONDS (default 20): part of make check
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
	@missing=""; for p in libcmocka-dev libseccomp-dev libcap-dev gcc clang g++ make libclang-rt-dev cppcheck clang-tidy valgrind; do \
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
	rm -rf $$tmp; echo "compile-checks: gcc/clang c99/c11, g++ c++17, EXILE_STATIC twice: ok"

# What a filter costs a syscall, as ratios measured in one run.
bench/filter_overhead: bench/filter_overhead.c exile.h
	$(CC) -std=c99 $(CFLAGS) $(WARN) -I. $< -o $@

bench: bench/filter_overhead
	./bench/filter_overhead

# The whole suite once more under AddressSanitizer and UBSan (leaks included).
sanitize: test.c tests/*.c tests/harness.h exile.h $(EXAMPLES)
	$(CC) -std=gnu11 -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer \
		-Wall -Wextra -Werror -I. test.c -o test-sanitize $(TEST_LIBS)
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
FUZZ_TARGETS = vows build splice diff
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

check: all compile-checks sanitize fuzz-short
	./test.sh

demo: $(EXAMPLES) $(PRELOAD)
	@./examples/demo.sh

clean:
	rm -f test test-sanitize test-sanitize.log bench/filter_overhead $(EXAMPLES) $(PRELOAD) $(FUZZ_BINS)

.PHONY: all deps check compile-checks sanitize bench clean demo fuzz fuzz-short
