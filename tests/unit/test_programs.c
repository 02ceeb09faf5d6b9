/* Unit tests for programs: option parsing and the finder, on generated program lists. */
#include "testutil.h"
#include "career.h"
#include "geo.h"
#include "programs.h"
#include "training.h"
#include "xmalloc.h"

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

/*
 * The reference finder: what programs_find did before it had an index — every row, the limits,
 * geo_miles, then qsort_r by distance, state, school, name and id.
 */
static const struct program_list *ref_list;

static int ref_cmp(const void *pa, const void *pb)
{
	const struct program_hit *a = pa, *b = pb;
	const struct program_row *x = &ref_list->v[a->row], *y = &ref_list->v[b->row];
	int c;
	if (!isnan(a->miles) && a->miles != b->miles)
		return a->miles < b->miles ? -1 : 1;
	if ((c = strcmp(x->state ? x->state : "", y->state ? y->state : "")) ||
	    (c = strcmp(x->institution ? x->institution : "", y->institution ? y->institution : "")) ||
	    (c = strcmp(x->name, y->name)))
		return c;
	return strcmp(x->id, y->id);
}

static size_t ref_find(const struct program_list *l, const struct program_query *q, struct program_hit *out,
		       size_t *unlocated)
{
	size_t n = 0;
	*unlocated = 0;
	for (size_t i = 0; i < l->n; i++) {
		const struct program_row *r = &l->v[i];
		double miles = NAN;
		if ((q->career && !programs_has_career(r, q->career)) || (q->schedule_any && !(r->schedule & q->schedule_any)) ||
		    (!isnan(q->max_months) && !(r->months <= q->max_months)) ||
		    (q->credential >= 0 && r->credential != q->credential) ||
		    (q->accredited && r->status != STATUS_ACCREDITED))
			continue;
		if (q->near) {
			if (isnan(r->lat)) {
				++*unlocated;
				continue;
			}
			if ((miles = geo_miles(q->lat, q->lon, r->lat, r->lon)) > q->radius_miles)
				continue;
		}
		out[n++] = (struct program_hit){ i, miles };
	}
	ref_list = l;
	qsort(out, n, sizeof(*out), ref_cmp);
	return n;
}

static double uniform(double lo, double hi)
{
	return lo + (hi - lo) * (rand() / (RAND_MAX + 1.0));
}

/*
 * Schools with 1-12 programs each (same place: ties in distance), mostly in the lower 48, some
 * in Alaska, Hawaii and on both sides of the antimeridian (the Aleutians), a few unlocated;
 * names, states and schools repeat so that the order's later keys matter too.
 */
static void spread_list(struct program_list *l, unsigned seed)
{
	static const char *const careers[] = { "paramedic", "phlebotomist", "paramedic phlebotomist",
		"medical-assistant paramedic", "", "dental-assistant", "phlebotomist dental-assistant" };
	static const char *const states[] = { "NJ", "NY", "CA", "AK", "HI", "TX" };
	char buf[32];
	srand(seed);
	program_list_init(l);
	for (int school = 0; school < 400; school++) {
		double lat, lon, where = uniform(0, 1);
		if (where < 0.8)
			lat = uniform(25, 49), lon = uniform(-124, -67);
		else if (where < 0.87)
			lat = uniform(51, 53), lon = uniform(172, 180) - (rand() % 2 ? 360 : 0);
		else if (where < 0.93)
			lat = uniform(55, 71), lon = uniform(-165, -140);
		else if (where < 0.97)
			lat = uniform(19, 22), lon = uniform(-160, -155);
		else
			lat = lon = NAN;
		snprintf(buf, sizeof(buf), "School %d", rand() % 300);
		const char *inst = program_list_keep(l, buf), *state = rand() % 20 ? states[rand() % 6] : NULL;
		for (int k = 1 + rand() % 12; k > 0; k--) {
			xgrow((void **)&l->v, &l->cap, l->n + 1, sizeof(*l->v));
			struct program_row *r = &l->v[l->n];
			memset(r, 0, sizeof(*r));
			snprintf(buf, sizeof(buf), "p%05zu", l->n);
			r->id = program_list_keep(l, buf);
			snprintf(buf, sizeof(buf), "Program %d", rand() % 40);
			r->name = program_list_keep(l, buf);
			r->institution = inst;
			r->state = state;
			r->careers = careers[rand() % 7];
			r->lat = lat;
			r->lon = lon;
			r->months = rand() % 5 ? 1 + rand() % 30 : NAN;
			r->schedule = (unsigned)(rand() % (1 << SCHEDULE_COUNT));
			r->credential = rand() % 6 ? CRED_CERTIFICATE + rand() % 3 : CAREER_UNKNOWN;
			r->status = rand() % STATUS_COUNT;
			l->n++;
		}
	}
}

/* programs_find gives the reference's answer, hit for hit, distances to the last bit. */
static void test_finder_matches_reference(void **state)
{
	(void)state;
	static const char *const careers[] = { "paramedic", "phlebotomist", "dental-assistant", "medical-assistant",
		"medic", "no-such-career" };
	size_t queries = 0, hits_seen = 0, near_seen = 0, boundary = 0;
	for (unsigned seed = 1; seed <= 4; seed++) {
		struct program_list l;
		spread_list(&l, seed);
		struct program_hit *got = malloc(l.n * sizeof(*got)), *want = malloc(l.n * sizeof(*want));
		for (int t = 0; t < 500; t++, queries++) {
			struct program_query q;
			const struct program_row *at = &l.v[rand() % l.n];
			programs_query_init(&q);
			q.near = rand() % 8 != 0;
			q.lat = isnan(at->lat) ? uniform(20, 60) : at->lat + (rand() % 2 ? uniform(-0.3, 0.3) : 0);
			q.lon = isnan(at->lon) ? uniform(-170, -70) : at->lon + (rand() % 2 ? uniform(-0.3, 0.3) : 0);
			if (q.lon < -180)
				q.lon += 360;
			q.radius_miles = rand() % 3 ? uniform(1, 120) : uniform(1, PROGRAMS_MAX_RADIUS_MILES);
			/* sometimes a radius that puts another school exactly on the circle */
			for (int k = rand() % 4 ? 30 : 0; k < 30; k++) {
				const struct program_row *other = &l.v[rand() % l.n];
				double d = geo_miles(q.lat, q.lon, other->lat, other->lon);	/* NAN if unlocated */
				if (d >= 1 && d <= PROGRAMS_MAX_RADIUS_MILES) {
					q.radius_miles = d;
					boundary++;
					break;
				}
			}
			q.career = rand() % 3 ? NULL : careers[rand() % 6];
			q.schedule_any = rand() % 3 ? 0 : 1u << (rand() % SCHEDULE_COUNT);
			q.max_months = rand() % 3 ? NAN : 1 + rand() % 24;
			q.credential = rand() % 4 ? -1 : CRED_CERTIFICATE + rand() % 3;
			q.accredited = rand() % 4 == 0;
			size_t got_lost = 99, want_lost, n = programs_find(&l, &q, got, &got_lost);
			assert_int_equal(n, ref_find(&l, &q, want, &want_lost));
			assert_int_equal(got_lost, q.near ? want_lost : 0);
			for (size_t i = 0; i < n; i++) {
				assert_int_equal(got[i].row, want[i].row);
				if (q.near)
					assert_true(got[i].miles == want[i].miles);
				else
					assert_true(isnan(got[i].miles));
			}
			hits_seen += n;
			near_seen += q.near && n > 0;
		}
		free(got);
		free(want);
		program_list_release(&l);
	}
	print_message("%zu queries, %zu hits, %zu near with hits, %zu on the circle\n", queries, hits_seen, near_seen, boundary);
	/* the queries did exercise something */
	assert_true(hits_seen > queries * 10 && near_seen > queries / 2 && boundary > queries / 10);
}

/* Programs at the query's very place, across the antimeridian, and a list with no programs. */
static void test_finder_edges(void **state)
{
	(void)state;
	struct program_list l;
	struct program_query q;
	struct program_hit hits[4];
	size_t unlocated;
	program_list_init(&l);
	programs_query_init(&q);
	assert_int_equal(programs_find(&l, &q, hits, &unlocated), 0);
	program_list_release(&l);

	static const double where[][2] = { { 52, 179.9 }, { 52, -179.9 }, { 52, 178 }, { NAN, NAN } };
	for (int i = 0; i < 4; i++) {
		xgrow((void **)&l.v, &l.cap, l.n + 1, sizeof(*l.v));
		l.v[l.n] = (struct program_row){ .id = i % 2 ? "b" : "a", .name = "x", .careers = "paramedic",
			.lat = where[i][0], .lon = where[i][1], .months = NAN, .credential = CAREER_UNKNOWN };
		l.n++;
	}
	q.near = true;
	q.lat = 52;
	q.lon = 179.9;
	q.radius_miles = 20;	/* 0.2 degrees of longitude at 52N: about 8.5 miles */
	assert_int_equal(programs_find(&l, &q, hits, &unlocated), 2);
	assert_int_equal(hits[0].row, 0);
	assert_true(hits[0].miles == 0);
	assert_int_equal(hits[1].row, 1);
	assert_true(hits[1].miles > 8 && hits[1].miles < 9);
	assert_int_equal(unlocated, 1);
	q.career = "";
	assert_int_equal(programs_find(&l, &q, hits, &unlocated), 0);
	program_list_release(&l);
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
		cmocka_unit_test(test_finder_matches_reference),
		cmocka_unit_test(test_finder_edges),
		cmocka_unit_test(test_has_career_matches_whole_ids),
	};
	return cmocka_run_group_tests_name("programs", tests, NULL, NULL);
}
