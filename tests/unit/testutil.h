/*
 * testutil: small helpers shared by the unit tests (run from the repository root).
 */
#ifndef ALLIED_TESTUTIL_H
#define ALLIED_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "kb.h"
#include "store.h"

/* A fresh temporary directory (malloc'ed path); removed by tu_rmdir. */
static inline char *tu_tmpdir(void)
{
	char tmpl[] = "/tmp/allied-test-XXXXXX";
	char *d = mkdtemp(tmpl);
	assert_non_null(d);
	return strdup(d);
}

static inline void tu_rmdir(char *dir)
{
	char cmd[512];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	free(dir);
}

static inline void tu_write(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

/*
 * Build a database from the real data/ at path (tests run from the repository root). Returns 0,
 * or -1 after printing why, so that group set-ups can use it too.
 */
static inline int tu_build_db(const char *path)
{
	struct kb kb;
	struct diag err;
	diag_init(&err);
	if (kb_load("data", &kb, &err) != 0 || store_build(path, &kb, &err) != 0) {
		fprintf(stderr, "cannot build %s from data/: %s\n", path, err.msg);
		return -1;
	}
	kb_release(&kb);
	return 0;
}

/* Does haystack contain needle? Fails the test with both strings shown when it does not. */
#define assert_contains(haystack, needle) do { \
		const char *h_ = (haystack), *n_ = (needle); \
		if (!strstr(h_, n_)) \
			fail_msg("expected to find \"%s\" in \"%s\"", n_, h_); \
	} while (0)

#endif
