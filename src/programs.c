/*
 * programs: the program finder (see programs.h).
 */
#include "programs.h"
#include "career.h"
#include "geo.h"
#include "training.h"
#include "xmalloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const char *const programs_option_names[] = {
	"radius", "schedule", "day", "evening", "weekend", "part-time", "online", "hybrid", "max-months",
	"credential", "accredited", NULL,
};

void program_list_init(struct program_list *l)
{
	memset(l, 0, sizeof(*l));
	strvec_init(&l->strings);
}

void program_list_release(struct program_list *l)
{
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
	for (const char *p = r->careers; (p = strstr(p, id)); p += len)
		if ((p == r->careers || p[-1] == ' ') && (p[len] == ' ' || p[len] == '\0'))
			return true;
	return false;
}

/* Every limit but distance. */
static bool passes(const struct program_row *r, const struct program_query *q)
{
	if (q->career && !programs_has_career(r, q->career))
		return false;
	if (q->schedule_any && !(r->schedule & q->schedule_any))
		return false;
	if (!isnan(q->max_months) && !(r->months <= q->max_months))
		return false;	/* unknown months (NAN) fail too */
	if (q->credential >= 0 && r->credential != q->credential)
		return false;
	if (q->accredited && r->status != STATUS_ACCREDITED)
		return false;
	return true;
}

static int cmp_str(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "");
}

static int cmp_hit(const void *pa, const void *pb, void *ctx)
{
	const struct program_list *l = ctx;
	const struct program_hit *a = pa, *b = pb;
	const struct program_row *x = &l->v[a->row], *y = &l->v[b->row];
	int c;
	if (!isnan(a->miles) && a->miles != b->miles)
		return a->miles < b->miles ? -1 : 1;
	if ((c = cmp_str(x->state, y->state)) || (c = cmp_str(x->institution, y->institution)) ||
	    (c = cmp_str(x->name, y->name)))
		return c;
	return strcmp(x->id, y->id);
}

size_t programs_find(const struct program_list *l, const struct program_query *q, struct program_hit *out,
		     size_t *unlocated)
{
	/*
	 * A cheap prefilter before the filters and the haversine: a great-circle distance is never
	 * less than the difference in latitude, so a program further north or south than the
	 * radius (plus a hair for rounding) cannot be near. Results are the same as without it.
	 */
	double band_deg = q->near ? geo_lat_degrees(q->radius_miles) * (1 + 1e-9) + 1e-9 : 0;
	size_t n = 0, lost = 0;
	for (size_t i = 0; i < l->n; i++) {
		const struct program_row *r = &l->v[i];
		double miles = NAN;
		if (q->near && !isnan(r->lat) && fabs(r->lat - q->lat) > band_deg)
			continue;
		if (!passes(r, q))
			continue;
		if (q->near) {
			if (isnan(r->lat)) {
				lost++;
				continue;
			}
			miles = geo_miles(q->lat, q->lon, r->lat, r->lon);
			if (miles > q->radius_miles)
				continue;
		}
		out[n++] = (struct program_hit){ i, miles };
	}
	qsort_r(out, n, sizeof(*out), cmp_hit, (void *)l);
	if (unlocated)
		*unlocated = lost;
	return n;
}
