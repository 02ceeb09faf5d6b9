/* Unit tests for onet (the O*NET text release parser) and import_onet on a real database. */
#include "testutil.h"
#include "import.h"
#include "onet.h"
#include "search.h"
#include "yload.h"

#include <math.h>

#define NEW "tests/fixtures/onet-new"
#define OLD "tests/fixtures/onet-old"

/* The fixture release: each file from the first of dirs that has it. Free with fixture_free. */
struct fixture {
	struct onet_input in[ONET_FILE_COUNT];
	struct import_readme readme[2];
	char *data[ONET_FILE_COUNT], *readme_data[2], *paths[ONET_FILE_COUNT + 2];
};

static void fixture_load(struct fixture *fx, const char *const *dirs, size_t n_dirs)
{
	struct diag err;
	diag_init(&err);
	memset(fx, 0, sizeof(*fx));
	for (int f = 0; f < ONET_FILE_COUNT; f++) {
		fx->in[f].release = -1;
		for (size_t i = 0; i < n_dirs && !fx->data[f]; i++) {
			char path[256];
			snprintf(path, sizeof(path), "%s/%s", dirs[i], onet_file_names[f]);
			if (access(path, F_OK) != 0)
				continue;
			assert_int_equal(yload_read_file(path, &fx->data[f], &fx->in[f].len, &err), 0);
			fx->paths[f] = strdup(path);
			fx->in[f] = (struct onet_input){ fx->paths[f], fx->data[f], fx->in[f].len, (int)i };
		}
	}
	for (size_t i = 0; i < n_dirs; i++) {
		char path[256];
		snprintf(path, sizeof(path), "%s/%s", dirs[i], ONET_README);
		fx->paths[ONET_FILE_COUNT + i] = strdup(path);
		assert_int_equal(yload_read_file(path, &fx->readme_data[i], &fx->readme[i].len, &err), 0);
		fx->readme[i].path = fx->paths[ONET_FILE_COUNT + i];
		fx->readme[i].data = fx->readme_data[i];
	}
}

static void fixture_free(struct fixture *fx)
{
	for (int f = 0; f < ONET_FILE_COUNT; f++)
		free(fx->data[f]);
	for (size_t i = 0; i < ONET_FILE_COUNT + 2; i++)
		free(fx->paths[i]);
	free(fx->readme_data[0]);
	free(fx->readme_data[1]);
}

/* Parse fx with both releases known; returns onet_parse's status, d filled. */
static int parse(struct fixture *fx, struct onet_data *d, struct diag *err)
{
	onet_data_init(d);
	for (size_t i = 0; i < 2 && fx->readme[i].data; i++)
		assert_int_equal(onet_add_release(d, fx->readme[i].path, fx->readme[i].data, fx->readme[i].len, err), (int)i);
	return onet_parse(d, fx->in, NULL, NULL, err);
}

static void test_onet_both_layouts(void **state)
{
	(void)state;
	static const char *const dirs[] = { NEW, OLD };
	struct fixture fx;
	struct onet_data d;
	struct diag err;

	diag_init(&err);
	fixture_load(&fx, dirs, 2);
	if (parse(&fx, &d, &err) != 0)
		fail_msg("parse: %s", err.msg);
	assert_int_equal(d.n, 3);
	assert_string_equal(d.releases[0].as_of, "2025-05");
	assert_string_equal(d.releases[1].source_id, "import-onet-29.0");
	assert_int_equal(d.file_release[ONET_ALT_TITLES], 1);	/* 29.0 layout: no Title column */
	assert_int_equal(d.skipped[ONET_ALT_TITLES], 1);	/* 12-3456.00 is not an occupation here */
	const struct onet_occupation *fa = onet_find(&d, "53-2031.00"), *t = onet_find(&d, "99-9999.01");
	assert_non_null(fa);
	assert_null(t->description);
	assert_true(fabs(fa->riasec[5] - 4.57) < 1e-9);
	assert_string_equal(fa->interest_code, "CR");	/* high points 6, 1, 0 */
	assert_int_equal(fa->job_zone, 2);
	assert_int_equal(fa->alt_titles.n, 1);	/* listed twice, kept once */
	assert_int_equal(fa->tasks.n, 2);
	assert_int_equal(fa->n_related, 2);
	assert_string_equal(fa->related[0].code, "31-9092.00");	/* by Index, not file order */
	assert_true(fabs(fa->education_pct[2] - 80.5) < 1e-9);
	assert_true(isnan(fa->education_pct[1]));
	onet_data_release(&d);
	fixture_free(&fx);
}

/* Replace file f of fx by text, parse, and expect a problem containing want. */
static void expect_problem(enum onet_file f, const char *text, const char *want)
{
	static const char *const dirs[] = { NEW, OLD };
	struct fixture fx;
	struct onet_data d;
	struct diag err;

	diag_init(&err);
	fixture_load(&fx, dirs, 2);
	fx.in[f].data = text;
	fx.in[f].len = strlen(text);
	if (fx.in[f].release < 0)
		fx.in[f].release = 0;
	if (parse(&fx, &d, &err) != ALLIED_EINVAL)
		fail_msg("accepted, expected \"%s\"", want);
	assert_contains(err.msg, want);
	onet_data_release(&d);
	fixture_free(&fx);
}

static void test_onet_problems(void **state)
{
	(void)state;
	expect_problem(ONET_OCCUPATIONS, "O*NET-SOC Code\tTitle\n11-1011.00\tChief Executives\n",
		       "Occupation Data.txt:1:1: no column 'Description' (the header has: O*NET-SOC Code, Title)");
	expect_problem(ONET_OCCUPATIONS, "O*NET-SOC Code\tTitle\tDescription\n11-1011.00\tA\tx\n11-1011.00\tB\ty\n",
		       "O*NET-SOC Code 11-1011.00 appears twice");
	expect_problem(ONET_OCCUPATIONS, "O*NET-SOC Code\tTitle\tDescription\n11-1011\tA\tx\n",
		       ":2:1: O*NET-SOC Code '11-1011' is not like 29-2052.00");
	expect_problem(ONET_OCCUPATIONS, "O*NET-SOC Code\tTitle\tDescription\n11-1011.00\tCaf\xe9\tx\n",
		       "Occupation Data.txt:2:15: not UTF-8 text (byte 0xe9)");
	expect_problem(ONET_JOB_ZONES, "O*NET-SOC Code\tJob Zone\n53-2031.00\t2\n53-2031.00\t3\n",
		       "Job Zones.txt:3:1: 53-2031.00 has a job zone twice");
	expect_problem(ONET_JOB_ZONES, "O*NET-SOC Code\tJob Zone\n53-2031.00\t6\n",
		       "Job Zones.txt:2:12: Job Zone '6' is not a whole number from 1 to 5");
	expect_problem(ONET_INTERESTS, "O*NET-SOC Code\tElement ID\tScale ID\tData Value\n53-2031.00\t1.B.1.a\tOI\t2\n"
		       "53-2031.00\t1.B.1.a\tOI\t3\n", "53-2031.00 has element 1.B.1.a twice");
	expect_problem(ONET_INTERESTS, "O*NET-SOC Code\tElement ID\tScale ID\tData Value\n53-2031.00\t1.B.1.a\tOI\t9\n",
		       "Data Value '9' is not an interest level from 1 to 7");
	expect_problem(ONET_RELATED, "O*NET-SOC Code\tRelated O*NET-SOC Code\tRelatedness Tier\tIndex\n"
		       "53-2031.00\t31-9092.00\tPrimary-Short\t1\n53-2031.00\t39-7010.00\tPrimary-Short\t1\n",
		       "53-2031.00 has related occupation number 1 twice");
	expect_problem(ONET_EDUCATION, "O*NET-SOC Code\tElement ID\tScale ID\tCategory\tData Value\n"
		       "53-2031.00\t2.D.1\tRL\t2\t50\n53-2031.00\t2.D.1\tRL\t2\t40\n", "has education category 2 twice");
	expect_problem(ONET_TASKS, "O*NET-SOC Code\tTask\n53-2031.00\tServe.\n53-2031.00",
		       "Task Statements.txt:3:1: 1 fields where the header has more: is the file cut short?");
	expect_problem(ONET_TASKS, "O*NET-SOC Code\tTask\n53-2031.00\tServe.",
		       "Task Statements.txt:2:12: the last line has no line end: is the file cut short?");
}

/* Every prefix of Occupation Data: refused when cut inside a line, whole lines accepted, no crash. */
static void test_onet_every_prefix(void **state)
{
	(void)state;
	static const char *const dirs[] = { NEW };
	struct fixture fx;
	size_t wrong = 0;

	fixture_load(&fx, dirs, 1);
	const char *full = fx.in[ONET_OCCUPATIONS].data;
	size_t len = fx.in[ONET_OCCUPATIONS].len, header = strcspn(full, "\n") + 1;
	for (size_t cut = 0; cut <= len; cut++) {
		struct onet_data d;
		struct diag err;
		diag_init(&err);
		fx.in[ONET_OCCUPATIONS].len = cut;
		int rc = parse(&fx, &d, &err);
		bool whole = cut > header && full[cut - 1] == '\n';
		if ((rc == 0) != whole)
			wrong++;
		onet_data_release(&d);
	}
	fixture_free(&fx);
	if (wrong)
		fail_msg("%zu prefixes judged wrongly", wrong);
}

static void test_onet_readme(void **state)
{
	(void)state;
	struct onet_data d;
	struct diag err;
	static const char *const bad[] = { "", "O*NET Database\nMay 2025 Release\n", "O*NET 29.3 Database\nsoon\n",
					   "The 29.3 Database\nMay 2025 Release\n" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		diag_init(&err);
		onet_data_init(&d);
		if (onet_add_release(&d, "R", bad[i], strlen(bad[i]), &err) != ALLIED_EINVAL)
			fail_msg("case %zu: accepted", i);
		onet_data_release(&d);
	}
	onet_data_init(&d);
	assert_int_equal(onet_add_release(&d, "R", "O*NET 29.3 Database\r\nMay 2025 Release", 37, &err), 0);
	assert_int_equal(onet_add_release(&d, "R", "O*NET 29.3 Database\nMay 2025 Release\n", 37, &err), 0);
	assert_int_equal(d.n_releases, 1);	/* the same release twice */
	onet_data_release(&d);
}

static bool resolve_is(struct store *st, const char *name, const char *want)
{
	char *id = NULL;
	struct diag err;
	diag_init(&err);
	int ok = store_resolve(st, name, &id, &err) == 0 && strcmp(id, want) == 0;
	free(id);
	return ok;
}

static void test_import_onet_store(void **state)
{
	(void)state;
	static const char *const dirs[] = { NEW, OLD };
	char *dir = tu_tmpdir(), path[512];
	struct fixture fx;
	struct store *st;
	struct diag err;
	struct import_result res;
	struct career c;
	struct search_result sr;
	const struct import_options dry = { .dry_run = true }, wet = { .dry_run = false };

	diag_init(&err);
	snprintf(path, sizeof(path), "%s/allied.db", dir);
	assert_int_equal(tu_build_db(path), 0);
	if (store_open(path, STORE_READ_WRITE, &st, &err) != 0)
		fail_msg("setup: %s", err.msg);
	fixture_load(&fx, dirs, 2);
	assert_int_equal(import_onet(st, fx.readme, 2, fx.in, &dry, &res, &err), 0);
	assert_int_equal(res.rows, 3);
	assert_false(resolve_is(st, "flight attendants", "flight-attendants"));	/* a dry run writes nothing */
	if (import_onet(st, fx.readme, 2, fx.in, &wet, &res, &err) != 0)
		fail_msg("import: %s", err.msg);
	assert_int_equal(res.changed, 3);	/* two new careers, and the curated one's titles and tasks */
	assert_true(resolve_is(st, "Flight Attendants", "flight-attendants"));
	assert_true(resolve_is(st, "sky host", "flight-attendants"));
	assert_true(resolve_is(st, "Quuxian Clinic Aide", "medical-assistant"));
	assert_true(resolve_is(st, "test makers dr", "test-makers-dr"));

	career_init(&c);
	assert_int_equal(store_get_career(st, "medical-assistant", &c, &err), 0);
	assert_string_equal(c.title, "Medical assistants");	/* the curated career wins */
	assert_string_equal(c.origin, "curated");
	assert_false(strvec_contains(&c.duties, "Calibrate the zorbulator."));
	career_release(&c);
	search_result_init(&sr);
	assert_int_equal(search_run(st, "zorbulator", 5, &sr, &err), 0);	/* its O*NET task is searchable */
	assert_int_equal(sr.n, 1);
	assert_string_equal(sr.v[0].id, "medical-assistant");
	search_result_release(&sr);

	career_init(&c);
	assert_int_equal(store_get_career(st, "flight-attendants", &c, &err), 0);
	assert_string_equal(c.origin, "onet");
	assert_string_equal(c.soc, "53-2031");
	assert_string_equal(c.interest_code, "CR");
	assert_int_equal(c.group, CAREER_UNKNOWN);
	assert_int_equal(c.patient_contact, CAREER_UNKNOWN);
	assert_int_equal(c.wage_median_usd, CAREER_UNKNOWN);	/* no wage table rows: unknown */
	assert_int_equal(c.duties.n, 2);
	assert_string_equal(c.block_sources[BLOCK_WORK].v[0], "import-onet-29.3");
	assert_string_equal(c.block_sources[BLOCK_EDUCATION].v[1], "import-onet-29.0");
	career_release(&c);

	assert_int_equal(import_onet(st, fx.readme, 2, fx.in, &wet, &res, &err), 0);
	assert_int_equal(res.changed, 0);	/* the same files again change nothing */

	/* a newer description and one title fewer: updated in place, same id */
	static const char newer[] = "O*NET-SOC Code\tTitle\tDescription\n53-2031.00\tFlight Attendants\tNew words.\n";
	static const char fewer[] = "O*NET-SOC Code\tAlternate Title\n31-9092.00\tQuuxian Clinic Aide\n";
	fx.in[ONET_OCCUPATIONS].data = newer;
	fx.in[ONET_OCCUPATIONS].len = sizeof(newer) - 1;
	fx.in[ONET_ALT_TITLES].data = fewer;
	fx.in[ONET_ALT_TITLES].len = sizeof(fewer) - 1;
	assert_int_equal(import_onet(st, fx.readme, 2, fx.in, &wet, &res, &err), 0);
	assert_int_equal(res.changed, 1);
	assert_false(resolve_is(st, "sky host", "flight-attendants"));
	career_init(&c);
	assert_int_equal(store_get_career(st, "flight-attendants", &c, &err), 0);
	assert_string_equal(c.summary, "New words.");
	career_release(&c);
	fixture_free(&fx);
	store_close(st);
	tu_rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_onet_both_layouts),
		cmocka_unit_test(test_onet_problems),
		cmocka_unit_test(test_onet_every_prefix),
		cmocka_unit_test(test_onet_readme),
		cmocka_unit_test(test_import_onet_store),
	};
	return cmocka_run_group_tests_name("onet", tests, NULL, NULL);
}
