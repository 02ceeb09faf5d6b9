/*
 * programs: the program finder (see programs.h).
 */
#include "programs.h"
#include "career.h"
#include "geo.h"
#include "training.h"
#include "xmalloc.h"

#include <assert.h>
#include <math.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

const char *const programs_option_names[] = {
	"radius", "schedule", "day", "evening", "weekend", "part-time", "online", "hybrid", "max-months",
	"credential", "accredited", NULL,
};

static void index_free(struct programs_index *ix);

void program_list_init(struct program_list *l)
{
	memset(l, 0, sizeof(*l));
	strvec_init(&l->strings);
}

void program_list_release(struct program_list *l)
{
	index_free(atomic_load(&l->index));
	free(l->v);
	strvec_release(&l->strings);
	program_list_init(l);
}

const char *program_list_keep(struct program_list *l, const char *s)
{
	if (!s)
		return NULL;
	strvec_push(&l->strings, s);
	return l->strings.v[l->strings.n - 1];
}

void programs_query_init(struct program_query *q)
{
	memset(q, 0, sizeof(*q));
	q->radius_miles = PROGRAMS_DEFAULT_RADIUS_MILES;
	q->max_months = NAN;
	q->credential = -1;
}

int programs_option_has_value(const char *name)
{
	for (size_t i = 0; programs_option_names[i]; i++)
		if (strcmp(programs_option_names[i], name) == 0)
			return strcmp(name, "radius") == 0 || strcmp(name, "schedule") == 0 ||
			       strcmp(name, "max-months") == 0 || strcmp(name, "credential") == 0;
	return -1;
}

static int schedule_bit(const char *name)
{
	for (int k = 0; k < SCHEDULE_COUNT; k++)
		if (strcmp(training_schedule_id(k), name) == 0)
			return k;
	return -1;
}

int programs_set(struct program_query *q, const char *name, const char *value, struct diag *err)
{
	char *end;
	int bit;

	if (programs_option_has_value(name) == 1 && (!value || !*value))
		return diag_set(err, ALLIED_EUSAGE, "option '--%s' needs a value", name);
	if (strcmp(name, "radius") == 0) {
		double r = strtod(value, &end);
		if (end == value || *end || !(r >= 1 && r <= PROGRAMS_MAX_RADIUS_MILES))
			return diag_set(err, ALLIED_EINVAL, "--radius: '%s' is not a distance from 1 to %d miles", value,
					PROGRAMS_MAX_RADIUS_MILES);
		q->radius_miles = r;
	} else if (strcmp(name, "schedule") == 0) {
		char *copy = xstrdup(value), *save = NULL;
		int rc = 0;
		for (char *t = strtok_r(copy, ",", &save); t && rc == 0; t = strtok_r(NULL, ",", &save)) {
			if ((bit = schedule_bit(t)) < 0)
				rc = diag_set(err, ALLIED_EINVAL, "--schedule: unknown schedule '%s' (allowed: day, evening, "
					      "weekend, part-time, online, hybrid)", t);
			else
				q->schedule_any |= 1u << bit;
		}
		free(copy);
		return rc;
	} else if ((bit = schedule_bit(name)) >= 0) {
		q->schedule_any |= 1u << bit;
	} else if (strcmp(name, "max-months") == 0) {
		double m = strtod(value, &end);
		if (end == value || *end || !(m > 0 && m <= 120))
			return diag_set(err, ALLIED_EINVAL, "--max-months: '%s' is not a number of months from 1 to 120", value);
		q->max_months = m;
	} else if (strcmp(name, "credential") == 0) {
		if (strcmp(value, "noncredit") == 0)
			q->credential = CREDENTIAL_NONCREDIT;
		else if ((q->credential = career_scale_parse(SCALE_CREDENTIAL, value)) == CAREER_UNKNOWN)
			return diag_set(err, ALLIED_EINVAL, "--credential: unknown credential '%s' (allowed: %s, noncredit)",
					value, career_scale_list(SCALE_CREDENTIAL));
	} else if (strcmp(name, "accredited") == 0) {
		q->accredited = true;
	} else {
		return diag_set(err, ALLIED_EUSAGE, "unknown option '--%s'", name);
	}
	return 0;
}

bool programs_has_career(const struct program_row *r, const char *id)
{
	size_t len = strlen(id);
	if (len == 0)
		return false;
	for (const char *p = r->careers; (p = strstr(p, id)); p += len)
		if ((p == r->careers || p[-1] == ' ') && (p[len] == ' ' || p[len] == '\0'))
			return true;
	return false;
}

/*
 * The index. Distances are computed here with geo_miles' formula and constants, operation for
 * operation, but with each latitude's cosine computed once: the unit test checks that the two
 * agree to the last bit, so the answers are those of geo_miles.
 */
#define EARTH_RADIUS_MILES 3958.8
#define DEG_TO_RAD (M_PI / 180.0)

/* What the limits and the distance read of one program, packed together for the scans. */
struct spot {
	double lat, lon, cos_lat;	/* degrees, degrees, cos(lat * DEG_TO_RAD) */
	double months;
	uint32_t row;			/* index into the list */
	uint32_t careers;		/* which distinct career list (index->careers) */
	int credential;
	unsigned schedule;
	bool accredited;
};

struct programs_index {
	size_t n;			/* the list's n when built */
	size_t n_located;		/* spots[0, n_located) have a location, by latitude; the rest none */
	struct spot *spots;		/* n */
	uint32_t *rank;			/* per row: its place when ordered by state, school, name and id */
	const char **careers;		/* the distinct career lists, borrowed from the rows */
	size_t n_careers;
};

static int cmp_str(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "");
}

/* The order without distance: by state, school and program name; ties by id. */
static int cmp_rows(const void *pa, const void *pb, void *ctx)
{
	const struct program_list *l = ctx;
	const struct program_row *x = &l->v[*(const uint32_t *)pa], *y = &l->v[*(const uint32_t *)pb];
	int c;
	if ((c = cmp_str(x->state, y->state)) || (c = cmp_str(x->institution, y->institution)) ||
	    (c = cmp_str(x->name, y->name)))
		return c;
	return strcmp(x->id, y->id);
}

static int cmp_spots(const void *pa, const void *pb)
{
	const struct spot *a = pa, *b = pb;
	if (a->lat != b->lat)
		return a->lat < b->lat ? -1 : 1;
	return a->row < b->row ? -1 : a->row > b->row;
}

/* Number the distinct career lists of l (a hash table of indexes into ix->careers). */
static void index_careers(const struct program_list *l, struct programs_index *ix)
{
	size_t cap = 16;
	while (cap < 2 * l->n)
		cap *= 2;
	uint32_t *slot = xcalloc(cap, sizeof(*slot));	/* 0 empty, else career list index + 1 */
	ix->careers = xmalloc((l->n ? l->n : 1) * sizeof(*ix->careers));
	for (size_t i = 0; i < l->n; i++) {
		const char *c = l->v[i].careers ? l->v[i].careers : "";
		uint64_t h = 1469598103934665603ULL;
		for (const char *p = c; *p; p++)
			h = (h ^ (unsigned char)*p) * 1099511628211ULL;
		size_t k = (size_t)h & (cap - 1);
		while (slot[k] && strcmp(ix->careers[slot[k] - 1], c) != 0)
			k = (k + 1) & (cap - 1);
		if (!slot[k]) {
			ix->careers[ix->n_careers++] = c;
			slot[k] = (uint32_t)ix->n_careers;
		}
		ix->spots[i].careers = slot[k] - 1;
	}
	free(slot);
}

static struct programs_index *index_build(const struct program_list *l)
{
	struct programs_index *ix = xcalloc(1, sizeof(*ix));
	size_t n = l->n, located = 0;
	assert(n < UINT32_MAX);
	ix->n = n;
	ix->spots = xmalloc((n ? n : 1) * sizeof(*ix->spots));
	ix->rank = xmalloc((n ? n : 1) * sizeof(*ix->rank));
	for (size_t i = 0; i < n; i++) {
		const struct program_row *r = &l->v[i];
		ix->spots[i] = (struct spot){ r->lat, r->lon, cos(r->lat * DEG_TO_RAD), r->months, (uint32_t)i, 0,
					      r->credential, r->schedule, r->status == STATUS_ACCREDITED };
		ix->rank[i] = (uint32_t)i;
	}
	index_careers(l, ix);
	/* the rank: sort the row numbers, then invert the permutation */
	uint32_t *order = ix->rank;
	qsort_r(order, n, sizeof(*order), cmp_rows, (void *)l);
	ix->rank = xmalloc((n ? n : 1) * sizeof(*ix->rank));
	for (size_t k = 0; k < n; k++)
		ix->rank[order[k]] = (uint32_t)k;
	free(order);
	/* located programs first, sorted by latitude; then the others */
	for (size_t i = 0; i < n; i++)
		if (!isnan(ix->spots[i].lat) && !isnan(ix->spots[i].lon)) {
			struct spot t = ix->spots[located];
			ix->spots[located++] = ix->spots[i];
			ix->spots[i] = t;
		}
	qsort(ix->spots, located, sizeof(*ix->spots), cmp_spots);
	ix->n_located = located;
	return ix;
}

static void index_free(struct programs_index *ix)
{
	if (!ix)
		return;
	free(ix->spots);
	free(ix->rank);
	free(ix->careers);
	free(ix);
}

/* l's index, built by the first caller; a thread that loses the race to store it frees its own. */
static const struct programs_index *index_of(const struct program_list *l)
{
	struct program_list *cache = (struct program_list *)l;	/* the index is a cache: it changes no answer */
	struct programs_index *ix = atomic_load(&cache->index), *none = NULL;
	if (!ix) {
		ix = index_build(l);
		if (!atomic_compare_exchange_strong(&cache->index, &none, ix)) {
			index_free(ix);
			ix = none;
		}
	}
	assert(ix->n == l->n);	/* the list changed after its first programs_find */
	return ix;
}

/* Every limit but distance. career_ok: per distinct career list, or NULL for any career. */
static bool passes(const struct spot *s, const struct program_query *q, const bool *career_ok)
{
	if (career_ok && !career_ok[s->careers])
		return false;
	if (q->schedule_any && !(s->schedule & q->schedule_any))
		return false;
	if (!isnan(q->max_months) && !(s->months <= q->max_months))
		return false;	/* unknown months (NAN) fail too */
	if (q->credential >= 0 && s->credential != q->credential)
		return false;
	if (q->accredited && !s->accredited)
		return false;
	return true;
}

/* geo_miles(lat, lon, s->lat, s->lon), where cos_lat = cos(lat * DEG_TO_RAD). */
static double spot_miles(double lat, double lon, double cos_lat, const struct spot *s)
{
	double dlat = (s->lat - lat) * DEG_TO_RAD, dlon = (s->lon - lon) * DEG_TO_RAD;
	double sin_dlat = sin(dlat / 2), sin_dlon = sin(dlon / 2);
	double a = sin_dlat * sin_dlat + cos_lat * s->cos_lat * sin_dlon * sin_dlon;
	return 2 * EARTH_RADIUS_MILES * atan2(sqrt(a), sqrt(1 - a));
}

/* The order of programs_find: nearer first (when miles are known), then by rank. */
static bool hit_before(const struct programs_index *ix, const struct program_hit *a, const struct program_hit *b)
{
	if (!isnan(a->miles) && a->miles != b->miles)
		return a->miles < b->miles;
	return ix->rank[a->row] < ix->rank[b->row];
}

static int cmp_hits(const void *pa, const void *pb, void *ctx)
{
	const struct programs_index *ix = ctx;
	return hit_before(ix, pa, pb) ? -1 : hit_before(ix, pb, pa);
}

/*
 * Sort hits nearest first, in linear time for distances spread over [0, radius_miles]: a
 * counting pass puts them into n + 1 buckets by a key that grows with the distance, then each
 * bucket (a few hits, or the programs of one school) is sorted in place; big buckets by qsort.
 */
static void sort_near(const struct programs_index *ix, struct program_hit *v, size_t n, double radius_miles)
{
	size_t *end = xcalloc(n + 2, sizeof(*end));	/* end[b]: one past bucket b once filled */
	struct program_hit *tmp = xmalloc((n ? n : 1) * sizeof(*tmp));
	double scale = (double)n / radius_miles;
#define BUCKET(m) ((m) * scale < (double)n ? (size_t)((m) * scale) : n)
	for (size_t i = 0; i < n; i++)
		end[BUCKET(v[i].miles) + 1]++;
	for (size_t b = 1; b <= n + 1; b++)
		end[b] += end[b - 1];	/* end[b] is now where bucket b starts */
	for (size_t i = 0; i < n; i++)
		tmp[end[BUCKET(v[i].miles)]++] = v[i];	/* and then where it ends */
#undef BUCKET
	for (size_t b = 0, start = 0; b <= n; start = end[b++]) {
		size_t len = end[b] - start;
		struct program_hit *p = tmp + start;
		if (len > 16) {
			qsort_r(p, len, sizeof(*p), cmp_hits, (void *)ix);
			continue;
		}
		for (size_t i = 1; i < len; i++) {
			struct program_hit h = p[i];
			size_t j = i;
			for (; j > 0 && hit_before(ix, &h, &p[j - 1]); j--)
				p[j] = p[j - 1];
			p[j] = h;
		}
	}
	memcpy(v, tmp, n * sizeof(*v));
	free(tmp);
	free(end);
}

/* The first of the n located spots at or north of lat. */
static size_t first_at_or_north(const struct spot *s, size_t n, double lat)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (s[mid].lat < lat)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * The located programs within q's circle, into out. Only the latitudes of the band the circle
 * spans are read, and of those only the programs within the longitudes it spans (the widest
 * spread of a circle of angular radius t about latitude f is asin(sin t / cos f) either way,
 * when it holds no pole) are measured. Both bounds get a hair more for rounding, so they never
 * drop a program that geo_miles would place within the radius.
 */
static size_t find_near(const struct programs_index *ix, const struct program_query *q, const bool *career_ok,
			struct program_hit *out)
{
	double lat_deg = geo_lat_degrees(q->radius_miles), margin = 1 + 1e-9;
	double band_deg = lat_deg * margin + 1e-9, lon_deg = 360;
	double cos_lat = cos(q->lat * DEG_TO_RAD), sin_t = sin(lat_deg * DEG_TO_RAD);
	size_t n = 0;
	if (isnan(q->lat) || isnan(q->lon))
		return 0;	/* nothing is near an unknown place */
	if (sin_t < cos_lat * (1 - 1e-9))
		lon_deg = asin(sin_t / cos_lat) / DEG_TO_RAD * margin + 1e-9;
	for (size_t i = first_at_or_north(ix->spots, ix->n_located, q->lat - band_deg);
	     i < ix->n_located && ix->spots[i].lat <= q->lat + band_deg; i++) {
		const struct spot *s = &ix->spots[i];
		double dlon = fabs(s->lon - q->lon);
		if (dlon > 180)
			dlon = 360 - dlon;	/* across the antimeridian */
		if (dlon > lon_deg || !passes(s, q, career_ok))
			continue;
		double miles = spot_miles(q->lat, q->lon, cos_lat, s);
		if (miles <= q->radius_miles)
			out[n++] = (struct program_hit){ s->row, miles };
	}
	return n;
}

size_t programs_find(const struct program_list *l, const struct program_query *q, struct program_hit *out,
		     size_t *unlocated)
{
	const struct programs_index *ix = index_of(l);
	bool *career_ok = NULL;
	size_t n = 0, lost = 0;

	if (q->career) {
		career_ok = xmalloc((ix->n_careers ? ix->n_careers : 1) * sizeof(*career_ok));
		for (size_t k = 0; k < ix->n_careers; k++)
			career_ok[k] = programs_has_career(&(struct program_row){ .careers = ix->careers[k] }, q->career);
	}
	if (q->near) {
		n = find_near(ix, q, career_ok, out);
		for (size_t i = ix->n_located; i < ix->n; i++)
			lost += passes(&ix->spots[i], q, career_ok);
		sort_near(ix, out, n, q->radius_miles);
	} else {
		for (size_t i = 0; i < ix->n; i++)
			if (passes(&ix->spots[i], q, career_ok))
				out[n++] = (struct program_hit){ ix->spots[i].row, NAN };
		qsort_r(out, n, sizeof(*out), cmp_hits, (void *)ix);
	}
	free(career_ok);
	if (unlocated)
		*unlocated = lost;
	return n;
}
