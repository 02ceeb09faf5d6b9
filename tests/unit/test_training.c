/* Unit tests for training: the real data/training files, and hand-made broken ones. */
#include "testutil.h"
#include "kb.h"
#include "training.h"

#include <math.h>
#include <sys/stat.h>

static bool known_career(const char *id, void *ctx)
{
	(void)ctx;
	return strcmp(id, "paramedic") == 0 || strcmp(id, "radiologic-technologist") == 0;
}

static bool known_source(const char *id, void *ctx)
{
	(void)ctx;
	return strcmp(id, "shared/src") == 0;
}

static const char accreditors_ok[] =
	"accreditors:\n"
	"  - id: caahep\n    name: CAAHEP\n    kind: programmatic\n    recognized_by: [chea]\n    source: [shared/src]\n"
	"  - id: msche\n    name: MSCHE\n    kind: institutional\n    recognized_by: [usde, chea]\n    source: [shared/src]\n";

static const char institutions_ok[] =
	"institutions:\n"
	"  - id: school\n    name: A School\n    state: NJ\n    zip: \"07102\"\n    latitude: 40.7\n    longitude: -74.2\n"
	"    accreditor: msche\n    source: [training/school]\n"
	"    programs:\n"
	"      - id: school/paramedic\n        name: Paramedic certificate\n        careers: [paramedic]\n"
	"        credential: certificate\n        months: 12.5\n        schedule: [evening, part-time]\n"
	"        accreditor: caahep\n        accreditation_status: accredited\n        admission: selective\n"
	"        note: Evening cohort.\n        source: [training/school]\n"
	"sources:\n"
	"  - id: training/school\n    title: Program page\n    publisher: A School\n    url: https://example.edu/\n"
	"    checked: 2026-11-26\n";

static const char rules_ok[] =
	"rules:\n"
	"  - state: nj\n    careers: [radiologic-technologist]\n    requirement: licence\n    source: [shared/src]\n"
	"  - state: NJ\n    career_name: patient care technician\n    requirement: unknown\n";

static const char routes_ok[] =
	"routes:\n"
	"  - career: paramedic\n    exam: NREMT\n    requires: programmatic\n    accreditors: [caahep]\n"
	"    source: [shared/src]\n";

static char *write_tree(const char *accreditors, const char *institutions, const char *rules, const char *routes)
{
	char *dir = tu_tmpdir(), path[512];
	snprintf(path, sizeof(path), "%s/training", dir);
	assert_int_equal(mkdir(path, 0700), 0);
	const char *names[] = { "accreditors.yaml", "institutions.yaml", "rules.yaml", "exam-routes.yaml" };
	const char *texts[] = { accreditors, institutions, rules, routes };
	for (int i = 0; i < 4; i++) {
		snprintf(path, sizeof(path), "%s/training/%s", dir, names[i]);
		tu_write(path, texts[i]);
	}
	return dir;
}

/* Load a tree; returns the number of problems, with the messages in err. */
static int load(const char *dir, struct training *t, struct diag *err)
{
	struct training_refs refs = { known_career, known_source, NULL, NULL };
	int n_errors = 0;
	diag_init(err);
	training_init(t);
	assert_int_equal(training_load(dir, t, &refs, err, &n_errors), 0);
	return n_errors;
}

static void test_fixture_loads(void **state)
{
	(void)state;
	char *dir = write_tree(accreditors_ok, institutions_ok, rules_ok, routes_ok);
	struct training t;
	struct diag err;
	assert_int_equal(load(dir, &t, &err), 0);
	assert_int_equal(t.n_accreditors, 2);
	assert_int_equal(t.accreditors[1].recognized_by, RECOGNIZED_USDE | RECOGNIZED_CHEA);
	assert_int_equal(t.n_institutions, 1);
	const struct program *p = &t.institutions[0].programs[0];
	assert_true(fabs(p->months - 12.5) < 1e-9);
	assert_int_equal(p->schedule, 1u << SCHEDULE_EVENING | 1u << SCHEDULE_PART_TIME);
	assert_int_equal(p->status, STATUS_ACCREDITED);
	assert_int_equal(p->admission, ADMISSION_SELECTIVE);
	assert_int_equal(p->cost_usd, CAREER_UNKNOWN);
	assert_string_equal(t.rules[0].state, "NJ");
	assert_int_equal(t.rules[1].requirement, REQUIRE_UNKNOWN);
	assert_int_equal(t.n_routes, 1);
	assert_int_equal(t.n_sources, 1);
	training_release(&t);
	tu_rmdir(dir);
}

static void test_missing_directory_is_empty(void **state)
{
	(void)state;
	char *dir = tu_tmpdir();
	struct training t;
	struct diag err;
	assert_int_equal(load(dir, &t, &err), 0);
	assert_int_equal(t.n_institutions + t.n_rules + t.n_accreditors + t.n_routes, 0);
	training_release(&t);
	tu_rmdir(dir);
}

/* Each broken variant names its file, line and problem. */
static void test_errors_name_file_and_line(void **state)
{
	(void)state;
	struct {
		const char *accreditors, *institutions, *rules, *routes, *want;
	} cases[] = {
		{ accreditors_ok, institutions_ok,
		  "rules:\n  - state: ZZ\n    careers: [paramedic]\n    requirement: licence\n    source: [shared/src]\n",
		  routes_ok, "rules.yaml:2: 'state' must be a two-letter state code" },
		{ accreditors_ok, institutions_ok,
		  "rules:\n  - state: NJ\n    careers: [paramedic]\n    requirement: license\n    source: [shared/src]\n",
		  routes_ok, "rules.yaml:4: 'requirement' has unknown value 'license'" },
		{ accreditors_ok, institutions_ok,
		  "rules:\n  - state: NJ\n    careers: [astronaut]\n    requirement: licence\n    source: [shared/src]\n",
		  routes_ok, "rules.yaml:2: names unknown career 'astronaut'" },
		{ accreditors_ok, institutions_ok,
		  "rules:\n  - state: NJ\n    careers: [paramedic]\n    requirement: licence\n",
		  routes_ok, "rules.yaml:2: a rule that states a requirement needs a 'source'" },
		{ accreditors_ok, institutions_ok, rules_ok,
		  "routes:\n  - career: paramedic\n    exam: X\n    requires: programmatic\n    accreditors: [msche]\n"
		  "    source: [shared/src]\n",
		  "exam-routes.yaml:2: 'msche' is not a programmatic accreditor" },
		{ accreditors_ok, institutions_ok, rules_ok,
		  "routes:\n  - career: paramedic\n    exam: X\n    requires: programmatic\n    accreditors: [caahep]\n"
		  "    source: [training/nope]\n",
		  "exam-routes.yaml:2: cites unknown source 'training/nope'" },
		{ accreditors_ok,
		  "institutions:\n  - id: s\n    name: S\n    state: NJ\n    zip: \"7102\"\n    source: [shared/src]\n"
		  "    programs: []\n",
		  rules_ok, routes_ok, "institutions.yaml:5: 'zip' must be five digits" },
		{ accreditors_ok,
		  "institutions:\n  - id: s\n    name: S\n    state: NJ\n    source: [shared/src]\n    programs:\n"
		  "      - id: other/p\n        name: P\n        careers: [paramedic]\n        accreditation_status: unknown\n"
		  "        source: [shared/src]\n",
		  rules_ok, routes_ok, "institutions.yaml:7: program id 'other/p' must start with its institution's id" },
		{ accreditors_ok,
		  "institutions:\n  - id: s\n    name: S\n    state: NJ\n    source: [shared/src]\n    programs:\n"
		  "      - id: s/p\n        name: P\n        accreditation_status: unknown\n        source: [shared/src]\n",
		  rules_ok, routes_ok, "institutions.yaml:7: a program needs 'careers'" },
		{ accreditors_ok,
		  "institutions:\n  - id: s\n    name: S\n    state: NJ\n    source: [shared/src]\n    programs:\n"
		  "      - id: s/p\n        name: P\n        careers: [paramedic]\n        months: -3\n"
		  "        accreditation_status: unknown\n        source: [shared/src]\n",
		  rules_ok, routes_ok, "institutions.yaml:10: 'months' must be more than 0" },
		{ accreditors_ok,
		  "institutions:\n  - id: s\n    name: S\n    state: NJ\n    latitude: 40\n    source: [shared/src]\n"
		  "    programs: []\n",
		  rules_ok, routes_ok, "institutions.yaml:2: give both 'latitude' and 'longitude'" },
		{ "accreditors:\n  - id: a\n    name: A\n    kind: programmatic\n    recognized_by: [ed]\n    source: [shared/src]\n",
		  institutions_ok, rules_ok, routes_ok, "accreditors.yaml:5: 'recognized_by' has unknown value 'ed'" },
		{ accreditors_ok, institutions_ok, "rules: [\n", routes_ok, "rules.yaml:" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *dir = write_tree(cases[i].accreditors, cases[i].institutions, cases[i].rules, cases[i].routes);
		struct training t;
		struct diag err;
		if (load(dir, &t, &err) == 0)
			fail_msg("case %zu loaded without a problem; wanted \"%s\"", i, cases[i].want);
		assert_contains(err.msg, cases[i].want);
		training_release(&t);
		tu_rmdir(dir);
	}
}

/* The shipped data: every row of the fact files, and every reference resolves. */
static void test_real_data(void **state)
{
	(void)state;
	struct kb kb;
	struct diag err;
	size_t programs = 0;
	diag_init(&err);
	if (kb_load("data", &kb, &err) != 0)
		fail_msg("%s", err.msg);
	assert_int_equal(kb.training.n_accreditors, 25);
	assert_int_equal(kb.training.n_institutions, 29);
	for (size_t i = 0; i < kb.training.n_institutions; i++)
		programs += kb.training.institutions[i].n_programs;
	assert_int_equal(programs, 66);
	assert_int_equal(kb.training.n_rules, 54);
	assert_true(kb.training.n_routes > 0);
	assert_non_null(kb_source(&kb, "training/ipeds-hd2024"));
	kb_release(&kb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fixture_loads),
		cmocka_unit_test(test_missing_directory_is_empty),
		cmocka_unit_test(test_errors_name_file_and_line),
		cmocka_unit_test(test_real_data),
	};
	return cmocka_run_group_tests_name("training", tests, NULL, NULL);
}
