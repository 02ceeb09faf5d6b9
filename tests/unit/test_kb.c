/* Unit tests for kb: the real knowledge base, and clear file:line errors for broken files. */
#include "testutil.h"
#include "kb.h"

#include <math.h>
#include <sys/stat.h>

static const char good_career[] =
	"id: test-career\n"
	"title: Test careers\n"
	"group: diagnostic\n"
	"soc: 29-2031\n"
	"onet_soc: 29-2031.00\n"
	"aliases: [tester]\n"
	"summary: A career for tests.\n"
	"duties: [one, two, three]\n"
	"education:\n"
	"  entry: certificate\n"
	"  paths:\n"
	"    - credential: certificate\n"
	"      months: [6, 12]\n"
	"  source: [test-career/a]\n"
	"sources:\n"
	"  - id: test-career/a\n"
	"    title: A\n"
	"    publisher: P\n"
	"    url: https://example.org/\n"
	"    checked: 2026-11-26\n";

/* Parse text as a career; returns the status and leaves the message in err. */
static int parse(const char *text, struct diag *err)
{
	struct career c;
	struct source *src = NULL;
	size_t n = 0;
	career_init(&c);
	diag_init(err);
	int rc = kb_parse_career("t.yaml", text, strlen(text), &c, &src, &n, err);
	for (size_t i = 0; i < n; i++)
		source_release(&src[i]);
	free(src);
	career_release(&c);
	return rc;
}

/* good_career with the first occurrence of from replaced by to. */
static char *variant(const char *from, const char *to)
{
	const char *at = strstr(good_career, from);
	assert_non_null(at);
	size_t head = (size_t)(at - good_career);
	char *out = malloc(sizeof(good_career) + strlen(to));
	memcpy(out, good_career, head);
	strcpy(out + head, to);
	strcat(out, at + strlen(from));
	return out;
}

static void test_good_career(void **state)
{
	(void)state;
	struct career c;
	struct source *src = NULL;
	size_t n = 0;
	struct diag err;
	career_init(&c);
	diag_init(&err);
	assert_int_equal(kb_parse_career("t.yaml", good_career, strlen(good_career), &c, &src, &n, &err), 0);
	assert_string_equal(c.id, "test-career");
	assert_int_equal(c.group, CAREER_GROUP_DIAGNOSTIC);
	assert_int_equal(c.n_paths, 1);
	assert_int_equal(c.paths[0].months_min, 6);
	assert_int_equal(c.paths[0].months_max, 12);
	assert_int_equal(career_months_min(&c), 6);
	/* what the file does not say stays unknown */
	assert_int_equal(c.patient_contact, CAREER_UNKNOWN);
	assert_int_equal(c.wage_median_usd, CAREER_UNKNOWN);
	assert_true(isnan(c.change_pct));
	assert_int_equal(n, 1);
	assert_string_equal(src[0].checked, "2026-11-26");
	source_release(&src[0]);
	free(src);
	career_release(&c);
}

static void test_errors_name_line_and_value(void **state)
{
	(void)state;
	static const struct { const char *from, *to, *want; } cases[] = {
		{ "group: diagnostic", "group: diagnostics", "t.yaml:3: 'group' has unknown value 'diagnostics' (allowed: primary-care, health-promotion, diagnostic)" },
		{ "group: diagnostic", "gruop: diagnostic", "t.yaml:3: unknown field 'gruop' in a career" },
		{ "soc: 29-2031", "soc: 292031", "t.yaml:4: 'soc' must look like 29-2052, not '292031'" },
		{ "months: [6, 12]", "months: [12, 6]", "t.yaml:13: 'months' range [12, 6]" },
		{ "months: [6, 12]", "months: six", "t.yaml:13: 'months' must be a whole number of 0 or more, not 'six'" },
		{ "entry: certificate", "entry: associate", "'entry' is 'associate' but no path has that credential" },
		{ "duties: [one, two, three]", "duties: [one, two]", "t.yaml:8: 'duties' lists 2 items; write 3 to 6" },
		{ "title: Test careers\n", "", "t.yaml:1: a career has no 'title'" },
		{ "checked: 2026-11-26", "checked: last week", "t.yaml:20: 'checked' must be a date" },
		{ "id: test-career/a", "id: other/a", "a career's own source id must start with 'test-career/'" },
		{ "url: https://example.org/", "url: example.org", "'url' must start with https:// or http://" },
		{ "aliases: [tester]", "aliases: [tester, tester]", "'aliases' lists 'tester' twice" },
		{ "summary: A career for tests.", "summary: [a, b]", "t.yaml:7: 'summary' must be a single value" },
		{ "aliases: [tester]", "aliases: [tester", "t.yaml:" },	/* YAML syntax error: line and column */
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct diag err;
		char *text = variant(cases[i].from, cases[i].to);
		assert_int_equal(parse(text, &err), ALLIED_EINVAL);
		assert_contains(err.msg, cases[i].want);
		free(text);
	}
}

static void test_many_errors_are_counted(void **state)
{
	(void)state;
	struct buf b;
	struct diag err;
	buf_init(&b, 0);
	buf_adds(&b, good_career);
	for (int i = 0; i < 30; i++)
		buf_addf(&b, "bogus%d: 1\n", i);
	assert_int_equal(parse(b.data, &err), ALLIED_EINVAL);
	assert_contains(err.msg, "unknown field 'bogus0'");
	assert_contains(err.msg, "10 more errors");
	buf_release(&b);
}

static void test_real_knowledge_base(void **state)
{
	(void)state;
	struct kb kb;
	struct diag err;
	static const char *const required[] = {
		"medical-assistant", "pharmacy-technician", "sterile-processing-technician",
		"cardiovascular-technologist", "radiologic-technologist", "mri-technologist",
		"diagnostic-medical-sonographer", "medical-records-specialist", "medical-laboratory-scientist",
		"medical-laboratory-technician", "phlebotomist", "emergency-medical-technician", "paramedic",
		"dental-assistant", "dental-hygienist", "surgical-technologist", "occupational-therapist",
		"physical-therapist", "speech-language-pathologist", "dietitian",
	};
	diag_init(&err);
	if (kb_load("data", &kb, &err) != 0)
		fail_msg("data/ does not load: %s", err.msg);
	assert_true(kb.n_careers >= 45);
	int groups[CAREER_GROUP_COUNT] = { 0 };
	for (size_t i = 0; i < kb.n_careers; i++) {
		const struct career *c = &kb.careers[i];
		groups[c->group]++;
		assert_non_null(c->summary);
		assert_true(c->duties.n >= 3 && c->duties.n <= 6);
		assert_non_null(c->soc);
		assert_non_null(c->onet_soc);
		/* every figure block names its source */
		if (c->wage_median_usd != CAREER_UNKNOWN)
			assert_true(c->block_sources[BLOCK_PAY].n > 0);
		if (c->n_paths)
			assert_true(c->block_sources[BLOCK_EDUCATION].n > 0);
		if (i)
			assert_true(strcmp(kb.careers[i - 1].id, c->id) < 0);
	}
	for (int g = 0; g < CAREER_GROUP_COUNT; g++)
		assert_true(groups[g] > 0);
	for (size_t r = 0; r < sizeof(required) / sizeof(required[0]); r++) {
		size_t i;
		for (i = 0; i < kb.n_careers; i++)
			if (strcmp(kb.careers[i].id, required[r]) == 0)
				break;
		if (i == kb.n_careers)
			fail_msg("required career '%s' is missing from data/", required[r]);
	}
	kb_release(&kb);
}

/* A knowledge base directory with careers/, a vocabulary and one shared source 's'. */
static void write_base(const char *dir)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/careers", dir);
	assert_int_equal(mkdir(path, 0755), 0);
	snprintf(path, sizeof(path), "%s/vocabulary.yaml", dir);
	tu_write(path, "interests: [{id: heart, label: Heart}]\nsettings: [{id: lab, label: Labs}]\n");
	snprintf(path, sizeof(path), "%s/sources.yaml", dir);
	tu_write(path, "- {id: s, title: T, publisher: P, url: 'https://x.org', as_of: 2024}\n");
}

static void test_broken_directory(void **state)
{
	(void)state;
	char *dir = tu_tmpdir(), path[512];
	struct kb kb;
	struct diag err;

	write_base(dir);
	snprintf(path, sizeof(path), "%s/careers/test-career.yaml", dir);
	char *text = variant("  source: [test-career/a]", "  source: [nope]");
	tu_write(path, text);
	free(text);

	diag_init(&err);
	assert_int_equal(kb_load(dir, &kb, &err), ALLIED_EINVAL);
	assert_contains(err.msg, "careers/test-career.yaml: 'education' cites unknown source 'nope'");
	assert_int_equal(kb.n_careers, 0);	/* nothing half-loaded */

	/* a file whose id differs from its name */
	snprintf(path, sizeof(path), "%s/careers/test-career.yaml", dir);
	assert_int_equal(unlink(path), 0);
	snprintf(path, sizeof(path), "%s/careers/other.yaml", dir);
	tu_write(path, good_career);
	diag_init(&err);
	assert_int_equal(kb_load(dir, &kb, &err), ALLIED_EINVAL);
	assert_contains(err.msg, "other.yaml:1: 'id' is 'test-career' but the file is named 'other.yaml'");

	/* a missing directory is an I/O error, not a crash */
	diag_init(&err);
	assert_int_equal(kb_load("/nonexistent/allied", &kb, &err), ALLIED_EIO);
	assert_contains(err.msg, "cannot open '/nonexistent/allied/vocabulary.yaml'");
	tu_rmdir(dir);
}

/* quiz.yaml and ladders.yaml: checked field by field, references to careers and sources. */
static void test_quiz_and_ladders(void **state)
{
	(void)state;
	char *dir = tu_tmpdir(), path[512];
	struct kb kb;
	struct diag err;

	write_base(dir);
	snprintf(path, sizeof(path), "%s/careers/test-career.yaml", dir);
	tu_write(path, good_career);

	/* a good pair of files loads */
	snprintf(path, sizeof(path), "%s/quiz.yaml", dir);
	tu_write(path, "items:\n  - {area: realistic, text: a}\n  - {area: investigative, text: b}\n"
		 "  - {area: artistic, text: c}\n  - {area: social, text: d}\n  - {area: enterprising, text: e}\n"
		 "  - {area: conventional, text: f}\n");
	snprintf(path, sizeof(path), "%s/ladders.yaml", dir);
	tu_write(path, "specialties:\n  - {id: spec, title: Specs, based_on: test-career, summary: S, source: [s]}\n"
		 "steps:\n  - {from: test-career, to: spec, bridge: B, credential: certificate, kind: study,\n"
		 "     months: [6, 12], experience_months: 12, source: [s]}\n");
	diag_init(&err);
	if (kb_load(dir, &kb, &err) != 0)
		fail_msg("%s", err.msg);
	assert_int_equal(kb.n_quiz, 6);
	assert_int_equal(kb.quiz[3].area, 3);
	assert_int_equal(kb.n_specialties, 1);
	assert_int_equal(kb.n_steps, 1);
	assert_int_equal(kb.steps[0].months_max, 12);
	assert_int_equal(kb.steps[0].experience_months, 12);
	assert_int_equal(kb.steps[0].kind, STEP_STUDY);
	kb_release(&kb);

	/* bad values and references name the file and line */
	snprintf(path, sizeof(path), "%s/ladders.yaml", dir);
	tu_write(path, "steps:\n  - {from: test-career, to: nowhere, bridge: B, credential: certificate, kind: study,\n"
		 "     source: [s]}\n  - {from: none, to: test-career, bridge: B, credential: degree, kind: nap,\n"
		 "     source: [s]}\n");
	diag_init(&err);
	assert_int_equal(kb_load(dir, &kb, &err), ALLIED_EINVAL);
	assert_contains(err.msg, "ladders.yaml:4: 'credential' has unknown value 'degree'");
	assert_contains(err.msg, "ladders.yaml:4: 'kind' has unknown value 'nap' (allowed: study, work)");
	tu_write(path, "steps:\n  - {from: test-career, to: nowhere, bridge: B, credential: certificate, kind: study,\n"
		 "     source: [missing]}\n");
	diag_init(&err);
	assert_int_equal(kb_load(dir, &kb, &err), ALLIED_EINVAL);
	assert_contains(err.msg, "ladders.yaml:2: 'to' names unknown career or specialty 'nowhere'");
	assert_contains(err.msg, "ladders.yaml:2: cites unknown source 'missing'");
	assert_int_equal(kb.n_steps, 0);

	snprintf(path, sizeof(path), "%s/ladders.yaml", dir);
	assert_int_equal(unlink(path), 0);
	snprintf(path, sizeof(path), "%s/quiz.yaml", dir);
	tu_write(path, "items:\n  - {area: realistic, text: a}\n  - {area: fun, text: b}\n");
	diag_init(&err);
	assert_int_equal(kb_load(dir, &kb, &err), ALLIED_EINVAL);
	assert_contains(err.msg, "quiz.yaml:3: 'area' has unknown value 'fun'");
	tu_write(path, "items:\n  - {area: realistic, text: a}\n");
	diag_init(&err);
	assert_int_equal(kb_load(dir, &kb, &err), ALLIED_EINVAL);
	assert_contains(err.msg, "quiz.yaml:1: the quiz has no item for the investigative area");
	tu_rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_career),
		cmocka_unit_test(test_errors_name_line_and_value),
		cmocka_unit_test(test_many_errors_are_counted),
		cmocka_unit_test(test_real_knowledge_base),
		cmocka_unit_test(test_broken_directory),
		cmocka_unit_test(test_quiz_and_ladders),
	};
	return cmocka_run_group_tests_name("kb", tests, NULL, NULL);
}
