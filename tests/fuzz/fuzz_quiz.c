/*
 * fuzz_quiz: quiz answer strings (profile_score in src/profile.c) against the real inventory
 * in data/quiz.yaml, then the profile's fit to every career's interest levels.
 *
 * The input is the answer string as a person or a client sends it (one digit 1-5 per item).
 */
#include "fuzz.h"
#include "catalog.h"
#include "profile.h"

#include <assert.h>
#include <math.h>

static struct kb kb;
static struct catalog cat;
static int ready;

static void setup(void)
{
	struct store *st;
	struct diag err;
	diag_init(&err);
	if (kb_load("data", &kb, &err) != 0)
		fuzz_die("loading data/ (run from the repository root)", &err);
	catalog_init(&cat);
	if (store_open(fuzz_db(), STORE_READ_ONLY, &st, &err) != 0 || store_load_catalog(st, &cat, &err) != 0)
		fuzz_die("loading the catalog", &err);
	store_close(st);
	ready = 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct profile p;
	struct diag err;

	if (!ready)
		setup();
	char *answers = fuzz_cstr(data, size);
	diag_init(&err);
	int rc = profile_score(kb.quiz, kb.n_quiz, answers, &p, &err);
	if (rc == 0) {
		assert(strlen(answers) == kb.n_quiz && p.n_items == kb.n_quiz);
		assert(strlen(p.code) == 3);
		for (int a = 0; a < RIASEC_COUNT; a++)
			assert(p.score[a] >= p.min_score[a] && p.score[a] <= p.max_score[a]);
		for (size_t i = 0; i < cat.n; i++) {
			double r = profile_fit(&p, cat.v[i].riasec);
			assert(isnan(r) || (r >= -1.0 - 1e-9 && r <= 1.0 + 1e-9));
		}
	} else {
		assert(rc == ALLIED_EINVAL && err.msg[0]);
	}
	free(answers);
	return 0;
}
