/* Unit tests for filter: option parsing, limits, unknown values, sorting, monotonicity. */
#include "testutil.h"
#include "filter.h"

#include <math.h>

static struct vocab_item settings[] = { { "hospital", "Hospitals" }, { "remote", "Remote" }, { "lab", "Labs" } };
static struct vocab_item interests[] = { { "heart", "Heart" }, { "teeth", "Teeth" } };

/* A small catalog, sorted by id: b has unknown blood and pay. */
static void make_catalog(struct catalog *cat)
{
	static struct career_brief v[4];
	memset(v, 0, sizeof(v));
	const struct { const char *id; int group, contact, blood, months; int64_t pay; double growth; uint64_t settings; } rows[4] = {
		{ "a", CAREER_GROUP_DIAGNOSTIC, CONTACT_LOW, BLOOD_NONE, 12, 50000, 5.0, 1 << 2 },
		{ "b", CAREER_GROUP_DIAGNOSTIC, CONTACT_HIGH, CAREER_UNKNOWN, 24, CAREER_UNKNOWN, NAN, 1 << 0 },
		{ "c", CAREER_GROUP_PRIMARY_CARE, CONTACT_CONSTANT, BLOOD_FREQUENT, 6, 40000, 10.0, 1 << 0 },
		{ "d", CAREER_GROUP_HEALTH_PROMOTION, CONTACT_NONE, BLOOD_NONE, CAREER_UNKNOWN, 60000, -1.0, 1 << 1 },
	};
	for (int i = 0; i < 4; i++) {
		v[i] = (struct career_brief){ .num = i + 1, .id = rows[i].id, .title = rows[i].id, .group = rows[i].group,
			.patient_contact = rows[i].contact, .blood = rows[i].blood, .physical = PHYSICAL_LIGHT,
			.remote = i == 3 ? REMOTE_COMMON : REMOTE_NONE, .months_min = rows[i].months,
			.months_max = rows[i].months, .min_credential = CRED_CERTIFICATE,
			.wage_median_usd = rows[i].pay, .change_pct = rows[i].growth, .settings = rows[i].settings,
			.interests = i == 0 ? 1 : 0, .shifts = 1u << SHIFT_DAYS | (i == 2 ? 1u << SHIFT_NIGHTS : 0),
			.openings_per_year = 1000 * (i + 1) };
	}
	catalog_init(cat);
	cat->v = v;
	cat->n = 4;
	cat->settings = settings;
	cat->n_settings = 3;
	cat->interests = interests;
	cat->n_interests = 2;
}

/* The ids passing f, joined with spaces. */
static const char *ids(const struct career_filter *f, const struct catalog *cat)
{
	static char out[64];
	size_t idx[4], n = filter_apply(f, cat, idx);
	out[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		strcat(out, i ? " " : "");
		strcat(out, cat->v[idx[i]].id);
	}
	return out;
}

static const char *with(const struct catalog *cat, const char *name, const char *value)
{
	struct career_filter f;
	struct diag err;
	filter_init(&f);
	diag_init(&err);
	if (filter_set(&f, cat, name, value, &err) != 0)
		fail_msg("--%s %s: %s", name, value ? value : "", err.msg);
	return ids(&f, cat);
}

static void test_limits(void **state)
{
	(void)state;
	struct catalog cat;
	make_catalog(&cat);
	assert_string_equal(with(&cat, "group", "diagnostic"), "a b");
	assert_string_equal(with(&cat, "group", "rehab"), "d");
	assert_string_equal(with(&cat, "max-months", "12"), "a c");	/* d: unknown months never passes */
	assert_string_equal(with(&cat, "patient-contact", "low"), "a d");
	assert_string_equal(with(&cat, "min-patient-contact", "high"), "b c");
	assert_string_equal(with(&cat, "no-blood", NULL), "a d");	/* b: unknown blood is excluded */
	assert_string_equal(with(&cat, "min-pay", "45k"), "a d");
	assert_string_equal(with(&cat, "min-pay", "$45,000"), "a d");
	assert_string_equal(with(&cat, "min-growth", "0"), "a c");
	assert_string_equal(with(&cat, "settings", "hospital,remote"), "b c d");
	assert_string_equal(with(&cat, "interests", "heart"), "a");
	assert_string_equal(with(&cat, "remote", NULL), "d");
	assert_string_equal(with(&cat, "avoid-shifts", "nights"), "a b d");
}

static void test_sorting(void **state)
{
	(void)state;
	struct catalog cat;
	make_catalog(&cat);
	assert_string_equal(with(&cat, "sort", "pay"), "d a c b");	/* unknown pay last */
	assert_string_equal(with(&cat, "sort", "months"), "c a b d");
	assert_string_equal(with(&cat, "sort", "growth"), "c a d b");
	assert_string_equal(with(&cat, "sort", "openings"), "d c b a");
	assert_string_equal(with(&cat, "sort", "title"), "a b c d");
}

static void test_bad_values(void **state)
{
	(void)state;
	static const struct { const char *name, *value, *want; int code; } cases[] = {
		{ "group", "surgery", "--group: unknown group 'surgery' (allowed: primary-care, health-promotion, diagnostic)", ALLIED_EINVAL },
		{ "max-months", "12x", "--max-months: '12x' is not a whole number", ALLIED_EINVAL },
		{ "max-months", "999", "--max-months: 999 is out of range (0 to 240)", ALLIED_EINVAL },
		{ "patient-contact", "lots", "allowed: none, low, some, high, constant", ALLIED_EINVAL },
		{ "settings", "hospital,moon", "--settings: unknown value 'moon' (allowed: hospital, remote, lab)", ALLIED_EINVAL },
		{ "sort", "size", "--sort: unknown key 'size'", ALLIED_EINVAL },
		{ "min-growth", "lots", "--min-growth: 'lots' is not a percentage", ALLIED_EINVAL },
		{ "colour", "red", "unknown option '--colour'", ALLIED_EUSAGE },
		{ "group", "", "option '--group' needs a value", ALLIED_EUSAGE },
	};
	struct catalog cat;
	make_catalog(&cat);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct career_filter f;
		struct diag err;
		filter_init(&f);
		diag_init(&err);
		assert_int_equal(filter_set(&f, &cat, cases[i].name, cases[i].value, &err), cases[i].code);
		assert_contains(err.msg, cases[i].want);
	}
}

/* Property: tightening a limit never adds a career, and every result meets every limit. */
static void test_tightening_never_adds(void **state)
{
	(void)state;
	struct catalog cat;
	make_catalog(&cat);
	for (int months = 240; months > 0; months -= 3) {
		struct career_filter loose, tight;
		size_t a[4], b[4];
		filter_init(&loose);
		filter_init(&tight);
		loose.max_months = months;
		tight.max_months = months - 3;
		size_t na = filter_apply(&loose, &cat, a), nb = filter_apply(&tight, &cat, b);
		assert_true(nb <= na);
		for (size_t i = 0; i < nb; i++) {
			int found = 0;
			for (size_t k = 0; k < na; k++)
				found |= a[k] == b[i];
			assert_true(found);
			assert_true(cat.v[b[i]].months_min <= months - 3);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_sorting),
		cmocka_unit_test(test_bad_values),
		cmocka_unit_test(test_tightening_never_adds),
	};
	return cmocka_run_group_tests_name("filter", tests, NULL, NULL);
}
