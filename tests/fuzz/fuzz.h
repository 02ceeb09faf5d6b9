/*
 * fuzz: what the libFuzzer targets in tests/fuzz/ share (docs/fuzzing.md).
 *
 * Each fuzz_<name>.c defines LLVMFuzzerTestOneInput, which must accept any bytes: a crash, a
 * sanitizer report or a leak is a bug in allied. The same file is linked either with clang's
 * libFuzzer (make fuzz) or with tests/fuzz/replay.c, a plain main() that feeds it the saved
 * corpus (make test, make check). Targets run from the repository root: they read data/.
 * Set-up that is costly (a database built from data/) is done once per process, lazily.
 */
#ifndef ALLIED_FUZZ_H
#define ALLIED_FUZZ_H

#include "api.h"
#include "diag.h"
#include "kb.h"
#include "store.h"
#include "xmalloc.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A setup failure is not a finding: say why and stop, so that it cannot pass silently. */
static inline void fuzz_die(const char *what, const struct diag *err)
{
	fprintf(stderr, "fuzz setup: %s: %s\n", what, err ? err->msg : "failed");
	exit(2);
}

/* The bytes as a NUL-terminated string (malloc'ed; free it). Inner NULs stay. */
static inline char *fuzz_cstr(const uint8_t *data, size_t size)
{
	char *s = xmalloc(size + 1);
	if (size)
		memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

static char fuzz_dir_path[64];

static inline void fuzz_remove_dir(void)
{
	char cmd[128];
	if (!fuzz_dir_path[0])
		return;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", fuzz_dir_path);
	if (system(cmd) != 0)
		fprintf(stderr, "fuzz: could not remove %s\n", fuzz_dir_path);
}

/* A temporary directory for this process, removed at exit (not after a crash). */
static inline const char *fuzz_dir(void)
{
	if (!fuzz_dir_path[0]) {
		strcpy(fuzz_dir_path, "/tmp/allied-fuzz-XXXXXX");
		if (!mkdtemp(fuzz_dir_path))
			fuzz_die("mkdtemp", NULL);
		atexit(fuzz_remove_dir);
	}
	return fuzz_dir_path;
}

/* The path of a database built from the real data/, once per process. */
static inline const char *fuzz_db(void)
{
	static char path[128];
	if (!path[0]) {
		struct kb kb;
		struct diag err;
		diag_init(&err);
		snprintf(path, sizeof(path), "%s/allied.db", fuzz_dir());
		if (kb_load("data", &kb, &err) != 0 || store_build(path, &kb, &err) != 0)
			fuzz_die("building a database from data/ (run from the repository root)", &err);
		kb_release(&kb);
	}
	return path;
}

/* fuzz_db() opened read-only, once per process: the importers' dry runs write nothing. */
static inline struct store *fuzz_store(void)
{
	static struct store *st;
	if (!st) {
		struct diag err;
		diag_init(&err);
		if (store_open(fuzz_db(), STORE_READ_ONLY, &st, &err) != 0)
			fuzz_die("opening the database", &err);
	}
	return st;
}

/* An api on fuzz_db(), opened once per process. */
static inline struct api *fuzz_api(void)
{
	static struct api *api;
	if (!api) {
		struct diag err;
		diag_init(&err);
		if (api_open(fuzz_db(), &api, &err) != 0)
			fuzz_die("opening the api", &err);
	}
	return api;
}

/*
 * What every answer must be: a status the API documents, never a 500 (a request cannot
 * break the server), and valid JSON whenever it says it is JSON.
 */
void fuzz_check_response(const struct api_response *res);

#endif
