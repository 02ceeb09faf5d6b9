/* Unit tests for programs: option parsing and the finder, on generated program lists. */
#include "testutil.h"
#include "career.h"
#include "geo.h"
#include "programs.h"
#include "training.h"

#include <math.h>

static void test_geo_miles(void **state)
{
	(void)state;
	/* Newark (07102) to Jersey City (07306) centroids: about 5-6 miles; a point to itself: 0 */
	double d = geo_miles(40.735659, -74.173605, 40.732, -74.072);
	assert_true(d > 5 && d < 6);
	assert_true(geo_miles(40.7, -74.2, 40.7, -74.2) < 1e-9);
	/* one degree of latitude is about 69 miles anywhere */
	assert_true(fabs(geo_miles(10, 20, 11, 20) - 69.1) < 0.1);
	assert_true(geo_is_zip("07102") && !geo_is_zip("7102") && !geo_is_zip("0710x") && !geo_is_zip(NULL));
}

static void test_options(void **state)
{
	(void)state;
	struct program_query q;
	struct diag err;
	programs_query_init(&q);
	diag_init(&err);
	assert_int_equal(q.radius_miles, PROGRAMS_DEFAULT_RADIUS_MILES);
	assert_int_equal(programs_set(&q, "radius", "40", &err), 0);
	assert_true(q.radius_miles == 40);
	assert_int_equal(programs_set(&q, "radius", "0", &err), ALLIED_EINVAL);
	assert_int_equal(programs_set(&q, "radius", "501", &err), ALLIED_EINVAL);
	assert_int_equal(programs_set(&q, "schedule", "evening,weekend", &err), 0);
	assert_int_equal(programs_set(&q, "online", NULL, &err), 0);
	/* found by fuzz_options: an option that takes a value, given none */
	assert_int_equal(programs_set(&q, "schedule", NULL, &err), ALLIED_EUSAGE);
	assert_int_equal(programs_set(&q, "radius", "", &err), ALLIED_EUSAGE);
	assert_int_equal(q.schedule_any, 1u << SCHEDULE_EVENING | 1u << SCHEDULE_WEEKEND | 1u << SCHEDULE_ONLINE);
	assert_int_equal(programs_set(&q, "schedule", "nights", &err), ALLIED_EINVAL);
	assert_contains(err.msg, "unknown schedule 'nights'");
	assert_int_equal(programs_set(&q, "credential", "noncredit", &err), 0);
	assert_int_equal(q.credential, CREDENTIAL_NONCREDIT);
	assert_int_equal(programs_set(&q, "credential", "phd", &err), ALLIED_EINVAL);
	assert_int_equal(programs_set(&q, "max-months", "-1", &err), ALLIED_EINVAL);
	assert_int_equal(programs_option_has_value("accredited"), 0);
	assert_int_equal(programs_option_has_value("near"), -1);
}

/* A random list: schools on a grid around (40, -74), some without a location or values. */
static void random_list(struct program_list *l, unsigned seed)
{
	static const char *const careers[] = { "paramedic", "phlebotomist", "paramedic phlebotomist", "" };
	char id[32];
	srand(seed);
	program_list_init(l);
	for (int i = 0; i < 300; i++) {
		if (l->n == l->cap) {
			l->cap = l->cap ? 2 * l->cap : 16;
			l->v = realloc(l->v, l->cap * sizeof(*l->v));
		}
		struct program_row *r = &l->v[l->n++];
		memset(r, 0, sizeof(*r));
		snprintf(id, sizeof(id), "p%03d", i);
		r->id = program_list_keep(l, id);
		r->name = r->id;
		r->institution = program_list_keep(l, rand() % 2 ? "A school" : "B school");
		r->state = "NJ";
		r->careers = careers[rand() % 4];
		r->lat = rand() % 10 ? 40 + (rand() % 200 - 100) / 100.0 : NAN;
		r->lon = isnan(r->lat) ? NAN : -74 + (rand() % 200 - 100) / 100.0;
		r->months = rand() % 5 ? 1 + rand() % 30 : NAN;
		r->schedule = (unsigned)(rand() % (1 << SCHEDULE_COUNT));
		r->credential = rand() % 6 ? CRED_CERTIFICATE + rand() % 3 : CAREER_UNKNOWN;
		r->status = rand() % STATUS_COUNT;
	}
}

/* Every result meets every limit, every program that meets them is found, nearest first. */
static void test_finder_properties(void **state)
{
	(void)state;
	for (unsigned seed = 1; seed <= 50; seed++) {
		struct program_list l;
		struct program_query q;
		struct program_hit *hits;
		size_t unlocated, n, expect = 0, expect_lost = 0;
		random_list(&l, seed);
		hits = malloc(l.n * sizeof(*hits));
		programs_query_init(&q);
		q.career = seed % 3 ? "paramedic" : NULL;
		q.near = seed % 2;
		q.lat = 40.2;
		q.lon = -74.1;
		q.radius_miles = 10 + seed;
		q.max_months = seed % 4 ? 6 + seed % 20 : NAN;
		q.schedule_any = seed % 5 ? 1u << (seed % SCHEDULE_COUNT) : 0;
		q.credential = seed % 7 ? -1 : CRED_CERTIFICATE;
		q.accredited = seed % 4 == 0;
		n = programs_find(&l, &q, hits, &unlocated);
		for (size_t i = 0; i < l.n; i++) {
			const struct program_row *r = &l.v[i];
			bool ok = (!q.career || programs_has_career(r, q.career)) &&
				  (!q.schedule_any || (r->schedule & q.schedule_any)) &&
				  (isnan(q.max_months) || r->months <= q.max_months) &&
				  (q.credential < 0 || r->credential == q.credential) &&
				  (!q.accredited || r->status == STATUS_ACCREDITED);
			if (ok && q.near && isnan(r->lat))
				expect_lost++;
			else if (ok && (!q.near || geo_miles(q.lat, q.lon, r->lat, r->lon) <= q.radius_miles))
				expect++;
		}
		assert_int_equal(n, expect);
		if (q.near)
			assert_int_equal(unlocated, expect_lost);
		for (size_t i = 0; i < n; i++) {
			const struct program_row *r = &l.v[hits[i].row];
			if (q.career)
				assert_true(programs_has_career(r, q.career));
			if (q.near) {
				assert_true(hits[i].miles <= q.radius_miles);
				if (i)
					assert_true(hits[i - 1].miles <= hits[i].miles);
			} else {
				assert_true(isnan(hits[i].miles));
			}
		}
		free(hits);
		program_list_release(&l);
	}
}

static void test_has_career_matches_whole_ids(void **state)
{
	(void)state;
	struct program_row r = { .careers = "medical-assistant paramedic" };
	assert_true(programs_has_career(&r, "paramedic"));
	assert_true(programs_has_career(&r, "medical-assistant"));
	assert_false(programs_has_career(&r, "assistant"));
	assert_false(programs_has_career(&r, "medic"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_geo_miles),
		cmocka_unit_test(test_options),
		cmocka_unit_test(test_finder_properties),
		cmocka_unit_test(test_has_career_matches_whole_ids),
	};
	return cmocka_run_group_tests_name("programs", tests, NULL, NULL);
}
