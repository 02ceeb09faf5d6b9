/* Unit tests for profile: scoring the inventory, the high-point code and its tie rule, flat
 * profiles, bad answer strings, and the correlation used for matching. */
#include "testutil.h"
#include "profile.h"

#include <math.h>

/* Twelve items, two per area, in R I A S E C order twice. */
static struct profile_item items[12];

static void make_items(void)
{
	for (int i = 0; i < 12; i++)
		items[i] = (struct profile_item){ i % RIASEC_COUNT, "activity" };
}

static void score(const char *answers, struct profile *p)
{
	struct diag err;
	diag_init(&err);
	if (profile_score(items, 12, answers, p, &err) != 0)
		fail_msg("%s: %s", answers, err.msg);
}

static void test_scores_and_code(void **state)
{
	(void)state;
	struct profile p;
	make_items();
	/*            RIASECRIASEC */
	score("125431135451", &p);
	assert_int_equal(p.score[0], 2);	/* R: 1 + 1 */
	assert_int_equal(p.score[1], 5);	/* I: 2 + 3 */
	assert_int_equal(p.score[2], 10);	/* A: 5 + 5 */
	assert_int_equal(p.score[3], 8);	/* S: 4 + 4 */
	assert_int_equal(p.score[4], 8);	/* E: 3 + 5 */
	assert_int_equal(p.score[5], 2);	/* C: 1 + 1 */
	assert_int_equal(p.min_score[0], 2);
	assert_int_equal(p.max_score[0], 10);
	/* S and E tie on 8; E has a 5 and S has none, so E comes first */
	assert_string_equal(p.code, "AES");
	assert_false(p.tied);
	assert_int_equal(p.range, 8);
	assert_false(p.flat);
}

static void test_tie_rule(void **state)
{
	(void)state;
	struct profile p;
	make_items();
	/* I and S tie exactly (4+4 each, no 5s): the fixed R-I-A-S-E-C order puts I first */
	score("142411141411", &p);
	assert_int_equal(p.score[1], 8);
	assert_int_equal(p.score[3], 8);
	assert_int_equal(p.order[0], 1);
	assert_int_equal(p.order[1], 3);
	assert_true(p.tied);
	assert_string_equal(p.code, "ISA");
	/* no tie at all: not reported */
	score("125431135451", &p);
	assert_false(p.tied);
	/* a tie only for third place is reported too: R, E and C tie on 2 behind A */
	score("112111112111", &p);
	assert_string_equal(p.code, "ARI");
	assert_true(p.tied);
}

static void test_flat(void **state)
{
	(void)state;
	struct profile p;
	make_items();
	score("333333333333", &p);
	assert_true(p.flat);
	assert_int_equal(p.range, 0);
	/* a range of exactly PROFILE_FLAT_RANGE is still flat; one more is not */
	score("334333333333", &p);
	assert_int_equal(p.range, 1);
	assert_true(p.flat);
	score("344333333333", &p);
	assert_true(p.flat);
	score("354333343333", &p);
	assert_int_equal(p.range, 3);
	assert_false(p.flat);
	/* a flat profile fits nothing */
	double levels[RIASEC_COUNT] = { 1, 2, 3, 4, 5, 6 };
	score("333333333333", &p);
	assert_true(isnan(profile_fit(&p, levels)));
}

static void test_bad_answers(void **state)
{
	(void)state;
	struct profile p;
	struct diag err;
	make_items();
	diag_init(&err);
	assert_int_equal(profile_score(items, 12, "12345", &p, &err), ALLIED_EINVAL);
	assert_contains(err.msg, "5 digits given, the quiz has 12 questions");
	diag_init(&err);
	assert_int_equal(profile_score(items, 12, "12345123451x", &p, &err), ALLIED_EINVAL);
	assert_contains(err.msg, "character 12 is 'x'");
	diag_init(&err);
	assert_int_equal(profile_score(items, 12, "123451234510", &p, &err), ALLIED_EINVAL);
	assert_contains(err.msg, "character 12 is '0'");
	diag_init(&err);
	assert_int_equal(profile_score(items, 12, "623451234511", &p, &err), ALLIED_EINVAL);
	assert_contains(err.msg, "character 1 is '6'");
	/* an inventory with an area missing cannot be scored */
	struct profile_item r_only[2] = { { 0, "a" }, { 0, "b" } };
	diag_init(&err);
	assert_int_equal(profile_score(r_only, 2, "11", &p, &err), ALLIED_EINVAL);
	assert_contains(err.msg, "no questions for the investigative area");
	assert_int_equal(profile_area_parse("social"), 3);
	assert_int_equal(profile_area_parse("Social"), -1);
}

static void test_fit(void **state)
{
	(void)state;
	struct profile p;
	make_items();
	score("125431135451", &p);	/* scores 2 5 10 8 8 2 */
	double same[RIASEC_COUNT] = { 1.5, 3, 5.5, 4.5, 4.5, 1.5 };	/* same shape: r = 1 */
	assert_true(fabs(profile_fit(&p, same) - 1.0) < 1e-9);
	double mirror[RIASEC_COUNT] = { 5.5, 4, 1.5, 2.5, 2.5, 5.5 };	/* opposite: r = -1 */
	assert_true(fabs(profile_fit(&p, mirror) + 1.0) < 1e-9);
	double other[RIASEC_COUNT] = { 4, 6, 2, 3, 1, 5 };
	double r = profile_fit(&p, other);
	assert_true(r > -1 && r < 1);
	double unknown[RIASEC_COUNT] = { 4, 6, NAN, 3, 1, 5 };
	assert_true(isnan(profile_fit(&p, unknown)));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scores_and_code),
		cmocka_unit_test(test_tie_rule),
		cmocka_unit_test(test_flat),
		cmocka_unit_test(test_bad_answers),
		cmocka_unit_test(test_fit),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
