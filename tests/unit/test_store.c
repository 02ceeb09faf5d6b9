/* Unit tests for store, search and render, on a database built from the real data/. */
#include "testutil.h"
#include "render.h"
#include "search.h"
#include "store.h"

#include <math.h>

static char *dir;
static char db_path[512];
static struct store *st;

static int setup(void **state)
{
	(void)state;
	struct diag err;
	dir = tu_tmpdir();
	snprintf(db_path, sizeof(db_path), "%s/allied.db", dir);
	diag_init(&err);
	if (tu_build_db(db_path) < 0)
		return -1;
	if (store_open(db_path, STORE_READ_ONLY, &st, &err) != 0) {
		fprintf(stderr, "setup: %s\n", err.msg);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	store_close(st);
	tu_rmdir(dir);
	return 0;
}

static void test_catalog_and_career(void **state)
{
	(void)state;
	struct catalog cat;
	struct career c;
	struct diag err;
	catalog_init(&cat);
	career_init(&c);
	diag_init(&err);
	assert_int_equal(store_load_catalog(st, &cat, &err), 0);
	assert_true(cat.n >= 45);
	const struct career_brief *b = catalog_find(&cat, "pharmacy-technician");
	assert_non_null(b);
	assert_int_equal(b->group, CAREER_GROUP_PRIMARY_CARE);
	assert_true(b->wage_median_usd > 20000);
	assert_true(b->settings != 0);

	assert_int_equal(store_get_career(st, "pharmacy-technician", &c, &err), 0);
	assert_string_equal(c.title, "Pharmacy technicians");
	assert_int_equal(c.wage_median_usd, b->wage_median_usd);
	assert_int_equal(career_months_min(&c), b->months_min);	/* one rule for both */
	assert_true(c.aliases.n > 0 && c.duties.n >= 3 && c.n_paths > 0);
	assert_true(c.block_sources[BLOCK_PAY].n == 1);
	career_release(&c);

	assert_int_equal(store_get_career(st, "no-such-career", &c, &err), ALLIED_ENOTFOUND);
	catalog_release(&cat);
}

static void test_resolve(void **state)
{
	(void)state;
	static const struct { const char *name, *id; } cases[] = {
		{ "EKG tech", "cardiovascular-technologist" }, { "ekg-TECH", "cardiovascular-technologist" },
		{ "ultrasound tech", "diagnostic-medical-sonographer" }, { "SPT", "sterile-processing-technician" },
		{ "medical instrument preparer", "sterile-processing-technician" },
		{ "rad tech", "radiologic-technologist" }, { "Dental Hygienists", "dental-hygienist" },
		{ "paramedic", "paramedic" },
	};
	struct diag err;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *id = NULL;
		diag_init(&err);
		if (store_resolve(st, cases[i].name, &id, &err) != 0)
			fail_msg("'%s' did not resolve: %s", cases[i].name, err.msg);
		assert_string_equal(id, cases[i].id);
		free(id);
	}
	char *id = NULL;
	assert_int_equal(store_resolve(st, "astronaut", &id, &err), ALLIED_ENOTFOUND);
	assert_null(id);
}

/* The id of the first hit for query, and whether the word was corrected. */
static void expect_top(const char *query, size_t within, const char *id, int corrected)
{
	struct search_result r;
	struct diag err;
	search_result_init(&r);
	diag_init(&err);
	assert_int_equal(search_run(st, query, 10, &r, &err), 0);
	int found = 0;
	for (size_t i = 0; i < r.n && i < within; i++)
		found |= strcmp(r.v[i].id, id) == 0;
	if (!found)
		fail_msg("'%s' not in the first %zu results for '%s' (first: %s)", id, within, query,
			 r.n ? r.v[0].id : "none");
	assert_int_equal(r.corrections.n > 0, corrected);
	for (size_t i = 1; i < r.n; i++)	/* best first, ties by id */
		assert_true(r.v[i - 1].score > r.v[i].score ||
			    (r.v[i - 1].score == r.v[i].score && strcmp(r.v[i - 1].id, r.v[i].id) < 0));
	search_result_release(&r);
}

static void test_search(void **state)
{
	(void)state;
	expect_top("phlebotomist", 1, "phlebotomist", 0);
	expect_top("flebotomist", 1, "phlebotomist", 1);
	expect_top("sonograher", 2, "diagnostic-medical-sonographer", 1);
	expect_top("heart imaging", 2, "cardiovascular-technologist", 0);
	expect_top("sono", 2, "diagnostic-medical-sonographer", 0);	/* prefix */
	expect_top("EKG tech", 1, "cardiovascular-technologist", 0);	/* a name ranks first */
	expect_top("teeth", 3, "dental-hygienist", 0);

	struct search_result r;
	struct diag err;
	search_result_init(&r);
	diag_init(&err);
	assert_int_equal(search_run(st, "xqzvw", 10, &r, &err), 0);
	assert_int_equal(r.n, 0);
	assert_int_equal(search_run(st, " !! ", 10, &r, &err), ALLIED_EINVAL);
	/* FTS syntax in the query is just text */
	assert_int_equal(search_run(st, "\"NEAR( OR * AND", 10, &r, &err), 0);
	search_result_release(&r);
}

static void test_suggest(void **state)
{
	(void)state;
	struct strvec ids;
	struct diag err;
	strvec_init(&ids);
	diag_init(&err);
	assert_int_equal(search_suggest(st, "dental higienist", 3, &ids, &err), 0);
	assert_true(ids.n >= 1);
	assert_string_equal(ids.v[0], "dental-hygienist");
	strvec_release(&ids);
}

static void test_render_unknown_is_null(void **state)
{
	(void)state;
	struct career c;
	struct catalog vocab;
	catalog_init(&vocab);
	career_init(&c);
	c.id = strdup("x");
	c.title = strdup("X");
	json_t *doc = render_career(&c, NULL, 0, &vocab);
	assert_non_null(doc);
	assert_true(json_is_null(json_object_get(json_object_get(doc, "pay"), "median_usd")));
	assert_true(json_is_null(json_object_get(doc, "training_months")));
	assert_true(json_is_null(json_object_get(json_object_get(doc, "work"), "blood")));
	assert_true(json_is_null(json_object_get(doc, "interest_profile")));
	json_decref(doc);
	career_release(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_catalog_and_career),
		cmocka_unit_test(test_resolve),
		cmocka_unit_test(test_search),
		cmocka_unit_test(test_suggest),
		cmocka_unit_test(test_render_unknown_is_null),
	};
	return cmocka_run_group_tests_name("store", tests, setup, teardown);
}
