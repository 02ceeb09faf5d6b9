/*
 * Unit tests for match: option syntax, scoring arithmetic, explanations, and properties checked
 * over many random catalogs and preference sets (limits filter exactly, tightening a limit never
 * adds a result, a heavier preference never hurts a career that meets it, scores add up,
 * ranking is deterministic).
 */
#include "testutil.h"
#include "match.h"

#include <math.h>

static struct vocab_item settings[] = {
	{ "hospital", "Hospitals" }, { "remote", "Remote" }, { "lab", "Labs" }, { "office", "Offices" },
};
static struct vocab_item interests[] = {
	{ "heart", "Heart" }, { "teeth", "Teeth" }, { "imaging", "Imaging" }, { "records", "Records" },
};

#define N_RANDOM 120
static struct career_brief random_v[N_RANDOM];
static char random_ids[N_RANDOM][16];

static uint64_t rng_state;

static unsigned rnd(unsigned n)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (unsigned)(rng_state % n);
}

/* A value on a scale of n values, unknown one time in ten. */
static int scale(int n)
{
	return rnd(10) == 0 ? CAREER_UNKNOWN : (int)rnd((unsigned)n);
}

static void random_catalog(struct catalog *cat, uint64_t seed)
{
	rng_state = seed * 2654435761u + 1;
	for (int i = 0; i < N_RANDOM; i++) {
		struct career_brief *b = &random_v[i];
		snprintf(random_ids[i], sizeof(random_ids[i]), "c%03d", i);
		int months = rnd(10) == 0 ? CAREER_UNKNOWN : (int)rnd(80);
		double riasec[RIASEC_COUNT];
		for (int a = 0; a < RIASEC_COUNT; a++)
			riasec[a] = 1 + rnd(60) / 10.0;
		*b = (struct career_brief){
			.num = i + 1, .id = random_ids[i], .title = random_ids[i], .group = (int)rnd(CAREER_GROUP_COUNT),
			.patient_contact = scale(CONTACT_COUNT), .blood = scale(BLOOD_COUNT), .physical = scale(PHYSICAL_COUNT),
			.remote = scale(REMOTE_COUNT), .shifts = rnd(10) == 0 ? 0 : 1u + rnd(31),
			.settings = rnd(16), .interests = rnd(16),
			.months_min = months, .months_max = months == CAREER_UNKNOWN ? months : months + (int)rnd(12),
			.entry_credential = (int)rnd(CRED_COUNT), .min_credential = scale(CRED_COUNT),
			.wage_median_usd = rnd(10) == 0 ? CAREER_UNKNOWN : 25000 + 1000 * (int64_t)rnd(80),
			.change_pct = rnd(10) == 0 ? NAN : (double)rnd(30) - 5,
		};
		memcpy(b->riasec, riasec, sizeof(riasec));
		if (rnd(15) == 0)
			b->riasec[0] = NAN;
	}
	catalog_init(cat);
	cat->v = random_v;
	cat->n = N_RANDOM;
	cat->settings = settings;
	cat->n_settings = 4;
	cat->interests = interests;
	cat->n_interests = 4;
}

static void set(struct match_prefs *p, const struct catalog *cat, const char *name, const char *value)
{
	struct diag err;
	diag_init(&err);
	if (match_set(p, cat, name, value, &err) != 0)
		fail_msg("--%s %s: %s", name, value ? value : "", err.msg);
}

static int set_fails(const struct catalog *cat, const char *name, const char *value, const char *msg)
{
	struct match_prefs p;
	struct diag err;
	match_prefs_init(&p);
	diag_init(&err);
	int rc = match_set(&p, cat, name, value, &err);
	assert_true(rc < 0);
	assert_contains(err.msg, msg);
	return rc;
}

/* Random limits and preferences (each present half the time). */
static void random_prefs(struct match_prefs *p, const struct catalog *cat)
{
	static const char *const contact[] = { "none", "low", "some", "high", "constant" };
	static const char *const blood[] = { "none", "occasional", "frequent" };
	char v[64];

	match_prefs_init(p);
	for (int hard = 0; hard < 2; hard++) {
		const char *kind = hard ? "require" : "prefer";
#define MAYBE(fmt, ...) do { if (rnd(3) == 0) { snprintf(v, sizeof(v), fmt, __VA_ARGS__); set(p, cat, kind, v); } } while (0)
		MAYBE("max-months=%u%s", 6 + rnd(60), hard ? "" : ":3");
		MAYBE("patient-contact=%s", contact[rnd(5)]);
		MAYBE("max-blood=%s", blood[rnd(3)]);
		MAYBE("min-pay=%u", 30000 + 1000 * rnd(50));
		MAYBE("settings=%s", rnd(2) ? "hospital,lab" : "remote");
		MAYBE("avoid-shifts=%s", rnd(2) ? "nights" : "nights,weekends");
		MAYBE("min-growth=%u", rnd(10));
#undef MAYBE
		if (!hard && rnd(2)) {
			snprintf(v, sizeof(v), "interests=heart,imaging:%u", 1 + rnd(5));
			set(p, cat, "prefer", v);
		}
	}
	if (rnd(3) == 0)
		set(p, cat, "part-time", NULL);
	if (rnd(2)) {
		struct profile prof = { 0 };
		for (int a = 0; a < RIASEC_COUNT; a++)
			prof.score[a] = 5 + (int)rnd(21);
		prof.range = 10;
		match_set_profile(p, &prof);
	}
}

static void test_option_syntax(void **state)
{
	(void)state;
	struct catalog cat;
	struct match_prefs p;
	random_catalog(&cat, 1);

	match_prefs_init(&p);
	set(&p, &cat, "max-months", "12");
	assert_int_equal(p.limit.max_months, 12);
	set(&p, &cat, "prefer", "min-pay=40k:5");
	assert_int_equal(p.want.min_pay_usd, 40000);
	assert_int_equal(p.weight[MATCH_PAY], 5);
	set(&p, &cat, "prefer", "no-blood");
	assert_int_equal(p.want.max_blood, BLOOD_NONE);
	assert_int_equal(p.weight[MATCH_BLOOD], MATCH_WEIGHT_DEFAULT);
	set(&p, &cat, "interests", "heart");
	assert_int_equal(p.want.interests_any, 1);
	assert_int_equal(p.limit.interests_any, 0);
	set(&p, &cat, "require", "interests=teeth");
	assert_int_equal(p.limit.interests_any, 2);
	assert_true(match_is_ranked(&p));

	assert_int_equal(set_fails(&cat, "prefer", "min-pay=40000:9", "weight 9 is out of range (1 to 5)"), ALLIED_EINVAL);
	assert_int_equal(set_fails(&cat, "prefer", "min-pay=40000:0", "out of range"), ALLIED_EINVAL);
	assert_int_equal(set_fails(&cat, "prefer", "min-pay=40000:high", "not a whole number"), ALLIED_EINVAL);
	assert_int_equal(set_fails(&cat, "prefer", "salary=40000", "unknown preference 'salary'"), ALLIED_EUSAGE);
	assert_int_equal(set_fails(&cat, "prefer", "min-pay", "needs a value"), ALLIED_EUSAGE);
	assert_int_equal(set_fails(&cat, "prefer", "no-blood=yes", "takes no value"), ALLIED_EUSAGE);
	assert_int_equal(set_fails(&cat, "require", "min-pay=40000:2", "a limit has no weight"), ALLIED_EINVAL);
	assert_int_equal(set_fails(&cat, "settings", "moon", "unknown value 'moon'"), ALLIED_EINVAL);
	assert_int_equal(set_fails(&cat, "sort", "pay", "unknown option"), ALLIED_EUSAGE);
	assert_int_equal(set_fails(&cat, "profile-weight", "6", "out of range"), ALLIED_EINVAL);
	assert_int_equal(match_option_has_value("part-time"), 0);
	assert_int_equal(match_option_has_value("prefer"), 1);
	assert_int_equal(match_option_has_value("colour"), -1);
}

/* A one-career catalog for exact arithmetic. */
static struct career_brief one;
static void single(struct catalog *cat, int months, int64_t pay, int blood)
{
	one = (struct career_brief){ .num = 1, .id = "x", .title = "X", .group = 0, .patient_contact = CONTACT_LOW,
				     .blood = blood, .physical = PHYSICAL_LIGHT, .remote = REMOTE_NONE,
				     .months_min = months, .months_max = months + 12, .entry_credential = CRED_ASSOCIATE,
				     .min_credential = CRED_ASSOCIATE, .wage_median_usd = pay, .change_pct = NAN };
	for (int a = 0; a < RIASEC_COUNT; a++)
		one.riasec[a] = NAN;
	catalog_init(cat);
	cat->v = &one;
	cat->n = 1;
	cat->settings = settings;
	cat->n_settings = 4;
	cat->interests = interests;
	cat->n_interests = 4;
}

static void test_scores_and_fit(void **state)
{
	(void)state;
	struct catalog cat;
	struct match_prefs p;
	struct match_result r;
	char text[512];

	/* weights 1 and 3: the pay preference (met) gives 75 of 100 points, training (unmet) none */
	single(&cat, 24, 50000, BLOOD_NONE);
	match_prefs_init(&p);
	set(&p, &cat, "prefer", "max-months=12:1");
	set(&p, &cat, "prefer", "min-pay=40000:3");
	match_evaluate(&p, &cat, 0, &r);
	assert_true(r.passes);
	assert_int_equal(r.score_tenths, 750);
	assert_int_equal(r.fit, FIT_STRONG);
	assert_int_equal(r.n_reasons, 2);
	assert_int_equal(r.reasons[0].status, MATCH_UNMET);
	assert_int_equal(r.reasons[0].points_tenths, 0);
	assert_int_equal(r.reasons[1].points_tenths, 750);
	match_explain(&p, &cat, &one, &r.reasons[0], text, sizeof(text));
	assert_string_equal(text, "needs an associate degree (24-36 months); you asked for 12 months or less");

	/* 18 months is within 1.5 x 12: nearly met, half points: 12.5 + 75 = 87.5 */
	single(&cat, 18, 50000, BLOOD_NONE);
	match_evaluate(&p, &cat, 0, &r);
	assert_int_equal(r.reasons[0].status, MATCH_PARTLY);
	assert_int_equal(r.score_tenths, 875);

	/* unknown pay counts as not met: 12.5 -> weak */
	single(&cat, 18, CAREER_UNKNOWN, BLOOD_NONE);
	match_evaluate(&p, &cat, 0, &r);
	assert_int_equal(r.reasons[1].status, MATCH_UNKNOWN);
	assert_int_equal(r.score_tenths, 125);
	assert_int_equal(r.fit, FIT_WEAK);
	match_explain(&p, &cat, &one, &r.reasons[1], text, sizeof(text));
	assert_string_equal(text, "pay unknown, so it counts as not met");

	/* the cut-offs: exactly 25 is possible, exactly 50 is good */
	single(&cat, 6, 30000, BLOOD_NONE);
	match_prefs_init(&p);
	set(&p, &cat, "prefer", "max-months=12:1");
	set(&p, &cat, "prefer", "min-pay=40000:3");
	match_evaluate(&p, &cat, 0, &r);
	assert_int_equal(r.score_tenths, 250);
	assert_int_equal(r.fit, FIT_POSSIBLE);
	match_prefs_init(&p);
	set(&p, &cat, "prefer", "max-months=12:2");
	set(&p, &cat, "prefer", "min-pay=40000:2");
	match_evaluate(&p, &cat, 0, &r);
	assert_int_equal(r.score_tenths, 500);
	assert_int_equal(r.fit, FIT_GOOD);

	/* a hard limit the career misses: it does not pass, and the reason says why */
	match_prefs_init(&p);
	set(&p, &cat, "no-blood", NULL);
	single(&cat, 6, 30000, BLOOD_FREQUENT);
	match_evaluate(&p, &cat, 0, &r);
	assert_false(r.passes);
	assert_int_equal(r.fit, FIT_UNRANKED);
	match_explain(&p, &cat, &one, &r.reasons[0], text, sizeof(text));
	assert_string_equal(text, "blood and needles: frequent; you asked for none");

	/* part time stretches study: 10 months of associate study is 15 part time */
	single(&cat, 10, 30000, BLOOD_NONE);
	match_prefs_init(&p);
	set(&p, &cat, "max-months", "12");
	match_evaluate(&p, &cat, 0, &r);
	assert_true(r.passes);
	set(&p, &cat, "part-time", NULL);
	match_evaluate(&p, &cat, 0, &r);
	assert_false(r.passes);
	assert_int_equal(match_months(&p, &one, 10), 15);
}

static void test_thirds_add_up(void **state)
{
	(void)state;
	struct catalog cat;
	struct match_prefs p;
	struct match_result r;

	/* three equal weights, all met: 33.3 + 33.3 + 33.4 = 100.0 exactly */
	single(&cat, 6, 50000, BLOOD_NONE);
	match_prefs_init(&p);
	set(&p, &cat, "prefer", "max-months=12");
	set(&p, &cat, "prefer", "min-pay=40000");
	set(&p, &cat, "prefer", "no-blood");
	match_evaluate(&p, &cat, 0, &r);
	assert_int_equal(r.score_tenths, 1000);
	int sum = 0;
	for (size_t i = 0; i < r.n_reasons; i++)
		sum += r.reasons[i].points_tenths;
	assert_int_equal(sum, 1000);
}

static bool contains(const struct match_hit *r, size_t n, size_t career)
{
	for (size_t i = 0; i < n; i++)
		if (r[i].career == career)
			return true;
	return false;
}

static void test_properties(void **state)
{
	(void)state;
	struct catalog cat;
	static struct match_hit hits[N_RANDOM], b[N_RANDOM];
	static struct match_result a[N_RANDOM];
	struct match_prefs p, q;
	size_t checked_pairs = 0, returned = 0;

	for (uint64_t seed = 1; seed <= 300; seed++) {
		random_catalog(&cat, seed);
		random_prefs(&p, &cat);
		size_t n = match_rank(&p, &cat, hits);
		returned += n;
		for (size_t i = 0; i < n; i++) {
			match_evaluate(&p, &cat, hits[i].career, &a[i]);
			assert_true(a[i].score == hits[i].score);	/* ranking and explaining agree exactly */
			assert_int_equal(a[i].fit, match_fit(&p, hits[i].score));
		}

		/* every result meets every limit; without part time that is exactly filter.h's rule */
		for (size_t i = 0; i < n; i++) {
			assert_true(a[i].passes);
			if (!p.part_time)
				assert_true(filter_match(&p.limit, &cat.v[a[i].career]));
		}
		if (!p.part_time) {
			size_t passing = 0;
			for (size_t i = 0; i < cat.n; i++)
				passing += filter_match(&p.limit, &cat.v[i]);
			assert_int_equal(passing, n);
		}
		/* scores add up, lie in 0-100, and are ordered; ties by id */
		for (size_t i = 0; i < n; i++) {
			double sum = 0;
			int tenths = 0;
			for (size_t k = 0; k < a[i].n_reasons; k++) {
				sum += a[i].reasons[k].points;
				tenths += a[i].reasons[k].points_tenths;
			}
			assert_true(fabs(sum - a[i].score) < 1e-6);
			assert_int_equal(tenths, a[i].score_tenths);
			assert_true(a[i].score >= 0 && a[i].score <= 100 + 1e-9);
			if (i)
				assert_true(a[i - 1].score > a[i].score ||
					    (a[i - 1].score == a[i].score &&
					     strcmp(cat.v[a[i - 1].career].id, cat.v[a[i].career].id) < 0));
		}
		/* deterministic */
		assert_int_equal(match_rank(&p, &cat, b), n);
		for (size_t i = 0; i < n; i++)
			assert_int_equal(a[i].career, b[i].career);

		/* tightening a limit never adds a result */
		q = p;
		q.limit.max_months = p.limit.max_months < 0 ? 40 : p.limit.max_months / 2;
		q.limit.min_pay_usd = p.limit.min_pay_usd < 0 ? 45000 : p.limit.min_pay_usd + 5000;
		q.limit.max_blood = p.limit.max_blood <= 0 ? BLOOD_NONE : p.limit.max_blood - 1;
		size_t m = match_rank(&q, &cat, b);
		assert_true(m <= n);
		for (size_t i = 0; i < m; i++)
			assert_true(contains(hits, n, b[i].career));

		/* raising a preference's weight never moves a career that meets it below one that does not */
		for (int f = 0; f < MATCH_FACTOR_COUNT; f++) {
			if (!match_factor_is_set(&p, f, false) || p.weight[f] == MATCH_WEIGHT_MAX)
				continue;
			q = p;
			q.weight[f] = MATCH_WEIGHT_MAX;
			match_rank(&q, &cat, b);
			for (size_t i = 0; i < n; i++)
				for (size_t j = 0; j < n; j++) {
					const struct match_reason *ri = NULL, *rj = NULL;
					for (size_t k = 0; k < a[i].n_reasons; k++)
						if (!a[i].reasons[k].hard && a[i].reasons[k].factor == f)
							ri = &a[i].reasons[k];
					for (size_t k = 0; k < a[j].n_reasons; k++)
						if (!a[j].reasons[k].hard && a[j].reasons[k].factor == f)
							rj = &a[j].reasons[k];
					if (!ri || !rj || ri->status != MATCH_MET || rj->satisfaction >= ri->satisfaction)
						continue;
					/* where are i and j after the change? */
					size_t pi = 0, pj = 0;
					for (size_t k = 0; k < n; k++) {
						if (b[k].career == a[i].career)
							pi = k;
						if (b[k].career == a[j].career)
							pj = k;
					}
					if (i < j)
						assert_true(pi < pj);
					if (ri->satisfaction == 1 && rj->satisfaction == 0)
						assert_true(b[pi].score - b[pj].score >= a[i].score - a[j].score - 1e-9);
					checked_pairs++;
				}
		}
	}
	/* the properties were exercised, not vacuously true */
	assert_true(returned > 1000);
	assert_true(checked_pairs > 1000);
}

static void test_near_misses(void **state)
{
	(void)state;
	struct catalog cat;
	struct match_prefs p;
	size_t counts[MATCH_FACTOR_COUNT];

	single(&cat, 24, 50000, BLOOD_FREQUENT);
	match_prefs_init(&p);
	set(&p, &cat, "max-months", "36");
	set(&p, &cat, "no-blood", NULL);
	assert_int_equal(match_near_misses(&p, &cat, counts), 0);
	assert_int_equal(counts[MATCH_BLOOD], 1);
	assert_int_equal(counts[MATCH_MONTHS], 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_option_syntax),
		cmocka_unit_test(test_scores_and_fit),
		cmocka_unit_test(test_thirds_add_up),
		cmocka_unit_test(test_properties),
		cmocka_unit_test(test_near_misses),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
