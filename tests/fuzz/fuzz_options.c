/*
 * fuzz_options: the named options shared by the command line and the API's query parameters:
 * career filters (filter_set), program searches (programs_set) and match preferences
 * (match_set), each followed by what the options are for (filter_apply, programs_find,
 * match_rank and match_evaluate) on the catalog and programs of a database built from data/.
 *
 * The input: the first byte picks the parser (modulo 3: filter, programs, match); the rest is
 * one option per line, "name=value" or a bare "name" (a flag, value NULL).
 */
#include "fuzz.h"
#include "catalog.h"
#include "filter.h"
#include "match.h"
#include "programs.h"

#include <assert.h>

static struct catalog cat;
static struct program_list programs;
static size_t *out_idx;
static struct match_hit *out_hits;
static struct program_hit *out_programs;

static void setup(void)
{
	struct store *st;
	struct diag err;
	diag_init(&err);
	catalog_init(&cat);
	program_list_init(&programs);
	if (store_open(fuzz_db(), STORE_READ_ONLY, &st, &err) != 0 || store_load_catalog(st, &cat, &err) != 0 ||
	    store_load_programs(st, &programs, &err) != 0)
		fuzz_die("loading the catalog", &err);
	store_close(st);
	out_idx = xcalloc(cat.n + 1, sizeof(*out_idx));
	out_hits = xcalloc(cat.n + 1, sizeof(*out_hits));
	out_programs = xcalloc(programs.n + 1, sizeof(*out_programs));
}

/* Set each "name[=value]" line of text with set(); stop at the first refusal. */
static int set_lines(char *text, int (*set)(void *, const char *, const char *, struct diag *), void *what)
{
	char *save = NULL;
	struct diag err;
	for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *eq = strchr(line, '=');
		if (eq)
			*eq = '\0';
		diag_init(&err);
		int rc = set(what, line, eq ? eq + 1 : NULL, &err);
		if (rc < 0) {
			assert(rc == ALLIED_EINVAL || rc == ALLIED_EUSAGE);
			assert(err.msg[0]);
			return rc;
		}
	}
	return 0;
}

static int set_filter(void *f, const char *name, const char *value, struct diag *err)
{
	return filter_set(f, &cat, name, value, err);
}

static int set_programs(void *q, const char *name, const char *value, struct diag *err)
{
	return programs_set(q, name, value, err);
}

static int set_match(void *p, const char *name, const char *value, struct diag *err)
{
	return match_set(p, &cat, name, value, err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!out_idx)
		setup();
	if (size == 0)
		return 0;
	char *text = fuzz_cstr(data + 1, size - 1);
	switch (data[0] % 3) {
	case 0: {
		struct career_filter f;
		filter_init(&f);
		if (set_lines(text, set_filter, &f) == 0) {
			size_t n = filter_apply(&f, &cat, out_idx);
			assert(n <= cat.n);
			for (size_t i = 0; i < n; i++)
				assert(out_idx[i] < cat.n && filter_match(&f, &cat.v[out_idx[i]]));
		}
		break;
	}
	case 1: {
		struct program_query q;
		programs_query_init(&q);
		if (set_lines(text, set_programs, &q) == 0) {
			size_t unlocated = 0, n = programs_find(&programs, &q, out_programs, &unlocated);
			assert(n <= programs.n);
		}
		break;
	}
	default: {
		struct match_prefs p;
		struct match_result r;
		match_prefs_init(&p);
		if (set_lines(text, set_match, &p) == 0) {
			size_t n = match_rank(&p, &cat, out_hits);
			assert(n <= cat.n);
			for (size_t i = 0; i < n; i++) {
				match_evaluate(&p, &cat, out_hits[i].career, &r);
				assert(r.passes && r.score == out_hits[i].score);
				assert(r.score >= 0 && r.score <= 100);
			}
		}
		break;
	}
	}
	free(text);
	return 0;
}
