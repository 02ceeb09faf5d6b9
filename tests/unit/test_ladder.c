/* Unit tests for ladder: the path planner's choices (fastest, cheapest, part time, experience
 * credit, ties, unknown lengths, no route) on small hand-made graphs. */
#include "testutil.h"
#include "ladder.h"

static struct ladder_edge edge(size_t from, size_t to, int kind, int lo, int hi, int exp)
{
	return (struct ladder_edge){ .from = from, .to = to, .entry = from == LADDER_START, .kind = kind,
				     .credential = CRED_CERTIFICATE, .months_min = lo, .months_max = hi,
				     .experience_months = exp, .bridge = "bridge" };
}

/*
 * start -> assistant (6, study)        assistant -> hygienist (12-24, study, 12 months' work first)
 * start -> hygienist (30-42, study)    hygienist -> specialist (unknown length, work)
 * start -> aide (3, work)              aide -> assistant (6, work)
 */
static size_t A, H, S, D, X;
static void make(struct ladder *l)
{
	ladder_init(l);
	A = ladder_add_node(l, "assistant", "Assistants", NULL);
	H = ladder_add_node(l, "hygienist", "Hygienists", NULL);
	S = ladder_add_node(l, "specialist", "Specialists", "hygienist");
	D = ladder_add_node(l, "aide", "Aides", NULL);
	X = ladder_add_node(l, "island", "Unreachable", NULL);
	struct ladder_edge e[] = {
		edge(LADDER_START, A, STEP_STUDY, 6, 6, 0),
		edge(A, H, STEP_STUDY, 12, 24, 12),
		edge(LADDER_START, H, STEP_STUDY, 30, 42, 0),
		edge(H, S, STEP_WORK, CAREER_UNKNOWN, CAREER_UNKNOWN, 0),
		edge(LADDER_START, D, STEP_WORK, 3, 3, 0),
		edge(D, A, STEP_WORK, 6, 6, 0),
	};
	for (size_t i = 0; i < sizeof(e) / sizeof(e[0]); i++)
		ladder_add_edge(l, &e[i]);
	ladder_finish(l);
}

static void plan_ok(const struct ladder *l, size_t from, size_t to, struct ladder_options o, struct ladder_plan *p)
{
	struct diag err;
	diag_init(&err);
	if (ladder_plan(l, from, to, &o, p, &err) != 0)
		fail_msg("plan %zu -> %zu: %s", from, to, err.msg);
}

static void test_fastest(void **state)
{
	(void)state;
	struct ladder l;
	struct ladder_plan p;
	make(&l);
	assert_int_equal(ladder_find(&l, "hygienist"), (long)H);
	assert_int_equal(ladder_find(&l, "none"), LADDER_START);
	assert_int_equal(ladder_find(&l, "nobody"), -1);

	/* an assistant: work 12 months, then the 12-24 month bridge (24-36) beats starting over (30-42) */
	plan_ok(&l, A, H, (struct ladder_options){ 0 }, &p);
	assert_int_equal(p.n_steps, 1);
	assert_int_equal(l.edges[p.steps[0].edge].from, A);
	assert_int_equal(p.steps[0].experience_months, 12);
	assert_int_equal(p.total_min, 24);
	assert_int_equal(p.total_max, 36);
	assert_int_equal(p.school_min, 12);
	assert_true(p.known);

	/* twelve months already worked count: 12-24 */
	plan_ok(&l, A, H, (struct ladder_options){ .experience_months = 20 }, &p);
	assert_int_equal(p.steps[0].experience_months, 0);
	assert_int_equal(p.total_min, 12);

	/* from nothing: course 6 + 12 work + 12-24 = 30-42, the same as the direct 30-42 route; on
	 * equal time the route with fewer school months wins (18-30 against 30-42) */
	plan_ok(&l, LADDER_START, H, (struct ladder_options){ 0 }, &p);
	assert_int_equal(p.total_min, 30);
	assert_int_equal(p.total_max, 42);
	assert_int_equal(p.n_steps, 2);
	assert_int_equal(p.school_min, 18);
	assert_int_equal(p.school_max, 30);
	assert_int_equal(p.steps[1].total_min, 30);
	ladder_release(&l);
}

static void test_part_time_and_cheapest(void **state)
{
	(void)state;
	struct ladder l;
	struct ladder_plan p;
	make(&l);
	/* part time stretches study (12-24 -> 18-36) but not the 12 months of work */
	plan_ok(&l, A, H, (struct ladder_options){ .part_time = true }, &p);
	assert_int_equal(p.steps[0].months_min, 18);
	assert_int_equal(p.steps[0].months_max, 36);
	assert_int_equal(p.total_min, 30);
	assert_int_equal(p.total_max, 48);
	/* on-the-job steps are not stretched: aide -> assistant stays 6 months (the course would be 9) */
	plan_ok(&l, D, A, (struct ladder_options){ .part_time = true }, &p);
	assert_int_equal(p.n_steps, 1);
	assert_int_equal(l.edges[p.steps[0].edge].from, D);
	assert_int_equal(p.total_min, 6);
	/* cheapest = fewest school months: from nothing to assistant, the 6-month course is fastest,
	 * but aide (3) + on-the-job training (6) needs no school */
	plan_ok(&l, LADDER_START, A, (struct ladder_options){ 0 }, &p);
	assert_int_equal(p.n_steps, 1);
	assert_int_equal(p.total_min, 6);
	assert_int_equal(p.school_min, 6);
	plan_ok(&l, LADDER_START, A, (struct ladder_options){ .cheapest = true }, &p);
	assert_int_equal(p.n_steps, 2);
	assert_int_equal(p.school_min, 0);
	assert_int_equal(p.total_min, 9);
	ladder_release(&l);
}

static void test_unknown_and_no_route(void **state)
{
	(void)state;
	struct ladder l;
	struct ladder_plan p;
	struct diag err;
	struct ladder_options o = { 0 };
	make(&l);
	/* the only way to the specialist has an unknown length: planned, but flagged */
	plan_ok(&l, H, S, o, &p);
	assert_false(p.known);
	assert_int_equal(p.total_min, CAREER_UNKNOWN);
	assert_int_equal(p.n_untimed, 0);
	/* from nothing: assistant -> hygienist -> specialist, the last step untimed */
	plan_ok(&l, LADDER_START, S, o, &p);
	assert_int_equal(p.n_steps, 3);
	assert_false(p.known);
	diag_init(&err);
	assert_int_equal(ladder_plan(&l, A, X, &o, &p, &err), ALLIED_ENOTFOUND);
	assert_contains(err.msg, "no route to Unreachable");
	diag_init(&err);
	assert_int_equal(ladder_plan(&l, A, A, &o, &p, &err), ALLIED_EINVAL);
	ladder_release(&l);
}

static void test_untimed_alternative(void **state)
{
	(void)state;
	struct ladder l;
	struct ladder_plan p;
	make(&l);
	size_t M = ladder_add_node(&l, "mri", "MRI", NULL);
	struct ladder_edge e1 = edge(LADDER_START, M, STEP_STUDY, 24, 24, 0);
	struct ladder_edge e2 = edge(H, M, STEP_WORK, CAREER_UNKNOWN, CAREER_UNKNOWN, 0);
	ladder_add_edge(&l, &e1);
	ladder_add_edge(&l, &e2);
	ladder_finish(&l);
	/* the timed route wins, and the untimed step from the person's job is listed beside it */
	plan_ok(&l, H, M, (struct ladder_options){ 0 }, &p);
	assert_true(p.known);
	assert_int_equal(l.edges[p.steps[0].edge].from, LADDER_START);
	assert_int_equal(p.n_untimed, 1);
	assert_int_equal(l.edges[p.untimed[0]].from, H);
	ladder_release(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fastest),
		cmocka_unit_test(test_part_time_and_cheapest),
		cmocka_unit_test(test_unknown_and_no_route),
		cmocka_unit_test(test_untimed_alternative),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
