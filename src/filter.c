/*
 * filter: hard limits and sorting over a catalog (see filter.h).
 */
#include "filter.h"
#include "xmalloc.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum opt {
	OPT_GROUP, OPT_MAX_MONTHS, OPT_CONTACT, OPT_MIN_CONTACT, OPT_NO_BLOOD, OPT_MAX_BLOOD,
	OPT_PHYSICAL, OPT_EDUCATION, OPT_REMOTE, OPT_SETTINGS, OPT_INTERESTS, OPT_AVOID_SHIFTS,
	OPT_MIN_PAY, OPT_MIN_GROWTH, OPT_SORT, OPT_COUNT
};

const char *const filter_option_names[] = {
	[OPT_GROUP] = "group", [OPT_MAX_MONTHS] = "max-months", [OPT_CONTACT] = "patient-contact",
	[OPT_MIN_CONTACT] = "min-patient-contact", [OPT_NO_BLOOD] = "no-blood", [OPT_MAX_BLOOD] = "max-blood",
	[OPT_PHYSICAL] = "physical", [OPT_EDUCATION] = "education", [OPT_REMOTE] = "remote",
	[OPT_SETTINGS] = "settings", [OPT_INTERESTS] = "interests", [OPT_AVOID_SHIFTS] = "avoid-shifts",
	[OPT_MIN_PAY] = "min-pay", [OPT_MIN_GROWTH] = "min-growth", [OPT_SORT] = "sort", [OPT_COUNT] = NULL,
};

static const char *const sort_names[SORT_COUNT] = { "title", "pay", "months", "growth", "openings" };

void filter_init(struct career_filter *f)
{
	f->group = f->max_months = f->max_contact = f->min_contact = -1;
	f->max_blood = f->max_physical = f->max_credential = f->min_remote = -1;
	f->settings_any = f->interests_any = 0;
	f->avoid_shifts = 0;
	f->min_pay_usd = -1;
	f->min_growth_pct = NAN;
	f->sort = SORT_TITLE;
}

static int find_option(const char *name)
{
	for (int i = 0; i < OPT_COUNT; i++)
		if (strcmp(filter_option_names[i], name) == 0)
			return i;
	return -1;
}

int filter_option_has_value(const char *name)
{
	int o = find_option(name);
	if (o < 0)
		return -1;
	return !(o == OPT_NO_BLOOD || o == OPT_REMOTE);
}

static int scale_value(const char *opt, const char *value, enum career_scale scale, int *out, struct diag *err)
{
	int v = career_scale_parse(scale, value);
	if (v == CAREER_UNKNOWN)
		return diag_set(err, ALLIED_EINVAL, "--%s: unknown value '%s' (allowed: %s)", opt, value,
				career_scale_list(scale));
	*out = v;
	return 0;
}

static int group_value(const char *value, int *out, struct diag *err)
{
	static const struct { const char *name; int group; } aliases[] = {
		{ "primary", CAREER_GROUP_PRIMARY_CARE }, { "primary care", CAREER_GROUP_PRIMARY_CARE },
		{ "promotion", CAREER_GROUP_HEALTH_PROMOTION }, { "health promotion", CAREER_GROUP_HEALTH_PROMOTION },
		{ "administrative", CAREER_GROUP_HEALTH_PROMOTION }, { "rehabilitative", CAREER_GROUP_HEALTH_PROMOTION },
		{ "rehab", CAREER_GROUP_HEALTH_PROMOTION },
	};
	int v = career_scale_parse(SCALE_GROUP, value);
	for (size_t i = 0; v == CAREER_UNKNOWN && i < sizeof(aliases) / sizeof(aliases[0]); i++)
		if (strcmp(aliases[i].name, value) == 0)
			v = aliases[i].group;
	if (v == CAREER_UNKNOWN)
		return diag_set(err, ALLIED_EINVAL, "--group: unknown group '%s' (allowed: %s)", value,
				career_scale_list(SCALE_GROUP));
	*out = v;
	return 0;
}

/* A whole number, optionally with thousands commas, a leading '$' or a trailing 'k'. */
static int number_value(const char *opt, const char *value, int64_t lo, int64_t hi, int64_t *out,
			struct diag *err)
{
	char digits[32];
	size_t n = 0;
	int64_t scale = 1;
	const char *p = value;

	if (*p == '$')
		p++;
	for (; *p; p++) {
		if (*p == ',')
			continue;
		if ((*p == 'k' || *p == 'K') && p[1] == '\0' && n) {
			scale = 1000;
			break;
		}
		if (*p < '0' || *p > '9' || n + 1 >= sizeof(digits))
			return diag_set(err, ALLIED_EINVAL, "--%s: '%s' is not a whole number", opt, value);
		digits[n++] = *p;
	}
	digits[n] = '\0';
	if (!n)
		return diag_set(err, ALLIED_EINVAL, "--%s: '%s' is not a whole number", opt, value);
	errno = 0;
	long long v = strtoll(digits, NULL, 10);
	if (errno || v > hi / scale || v * scale < lo)
		return diag_set(err, ALLIED_EINVAL, "--%s: %s is out of range (%lld to %lld)", opt, value,
				(long long)lo, (long long)hi);
	*out = v * scale;
	return 0;
}

/* A comma-separated list of vocabulary ids into a bit set. */
static int vocab_list(const char *opt, const char *value, const struct vocab_item *v, size_t n,
		      uint64_t *out, struct diag *err)
{
	char *copy = xstrdup(value), *save = NULL;
	uint64_t bits = 0;
	int rc = 0;

	for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		while (*tok == ' ')
			tok++;
		size_t i;
		for (i = 0; i < n; i++)
			if (strcmp(v[i].id, tok) == 0)
				break;
		if (i == n) {
			char list[1024];
			size_t len = 0;
			list[0] = '\0';
			for (size_t k = 0; k < n && len + strlen(v[k].id) + 3 < sizeof(list); k++)
				len += (size_t)snprintf(list + len, sizeof(list) - len, "%s%s", k ? ", " : "", v[k].id);
			rc = diag_set(err, ALLIED_EINVAL, "--%s: unknown value '%s' (allowed: %s)", opt, tok, list);
			break;
		}
		bits |= 1ULL << i;
	}
	free(copy);
	if (rc == 0 && bits == 0)
		rc = diag_set(err, ALLIED_EINVAL, "--%s: give at least one value", opt);
	if (rc == 0)
		*out = bits;
	return rc;
}

static int shift_list(const char *value, unsigned *out, struct diag *err)
{
	char *copy = xstrdup(value), *save = NULL;
	unsigned bits = 0;
	int rc = 0;
	for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		int s = 0;
		if ((rc = scale_value("avoid-shifts", tok, SCALE_SHIFT, &s, err)) < 0)
			break;
		bits |= 1u << s;
	}
	free(copy);
	if (rc == 0)
		*out = bits;
	return rc;
}

int filter_set(struct career_filter *f, const struct catalog *cat, const char *name, const char *value,
	       struct diag *err)
{
	int o = find_option(name);
	int64_t n;
	int rc = 0;

	if (o < 0)
		return diag_set(err, ALLIED_EUSAGE, "unknown option '--%s'", name);
	if (filter_option_has_value(name) && (!value || !*value))
		return diag_set(err, ALLIED_EUSAGE, "option '--%s' needs a value", name);
	switch (o) {
	case OPT_GROUP:
		return group_value(value, &f->group, err);
	case OPT_MAX_MONTHS:
		if ((rc = number_value(name, value, 0, 240, &n, err)) == 0)
			f->max_months = (int)n;
		return rc;
	case OPT_CONTACT:
		return scale_value(name, value, SCALE_CONTACT, &f->max_contact, err);
	case OPT_MIN_CONTACT:
		return scale_value(name, value, SCALE_CONTACT, &f->min_contact, err);
	case OPT_NO_BLOOD:
		f->max_blood = BLOOD_NONE;
		return 0;
	case OPT_MAX_BLOOD:
		return scale_value(name, value, SCALE_BLOOD, &f->max_blood, err);
	case OPT_PHYSICAL:
		return scale_value(name, value, SCALE_PHYSICAL, &f->max_physical, err);
	case OPT_EDUCATION:
		return scale_value(name, value, SCALE_CREDENTIAL, &f->max_credential, err);
	case OPT_REMOTE:
		f->min_remote = REMOTE_SOME;
		return 0;
	case OPT_SETTINGS:
		return vocab_list(name, value, cat->settings, cat->n_settings, &f->settings_any, err);
	case OPT_INTERESTS:
		return vocab_list(name, value, cat->interests, cat->n_interests, &f->interests_any, err);
	case OPT_AVOID_SHIFTS:
		return shift_list(value, &f->avoid_shifts, err);
	case OPT_MIN_PAY:
		if ((rc = number_value(name, value, 0, 1000000, &n, err)) == 0)
			f->min_pay_usd = n;
		return rc;
	case OPT_MIN_GROWTH: {
		char *end;
		double g = strtod(value, &end);
		if (end == value || *end || !isfinite(g) || g < -100 || g > 1000)
			return diag_set(err, ALLIED_EINVAL, "--min-growth: '%s' is not a percentage", value);
		f->min_growth_pct = g;
		return 0;
	}
	case OPT_SORT:
		for (int s = 0; s < SORT_COUNT; s++)
			if (strcmp(sort_names[s], value) == 0) {
				f->sort = s;
				return 0;
			}
		return diag_set(err, ALLIED_EINVAL, "--sort: unknown key '%s' (allowed: title, pay, months, growth, openings)",
				value);
	}
	return 0;
}

static bool at_most(int value, int limit)
{
	return limit < 0 || (value != CAREER_UNKNOWN && value <= limit);
}

bool filter_match(const struct career_filter *f, const struct career_brief *b)
{
	if (f->group >= 0 && b->group != f->group)
		return false;
	if (!at_most(b->months_min, f->max_months) || !at_most(b->patient_contact, f->max_contact) ||
	    !at_most(b->blood, f->max_blood) || !at_most(b->physical, f->max_physical) ||
	    !at_most(b->min_credential, f->max_credential))
		return false;
	if (f->min_contact >= 0 && (b->patient_contact == CAREER_UNKNOWN || b->patient_contact < f->min_contact))
		return false;
	if (f->min_remote >= 0 && (b->remote == CAREER_UNKNOWN || b->remote < f->min_remote))
		return false;
	if (f->settings_any && !(b->settings & f->settings_any))
		return false;
	if (f->interests_any && !(b->interests & f->interests_any))
		return false;
	if (f->avoid_shifts && (b->shifts == 0 || (b->shifts & f->avoid_shifts)))
		return false;
	if (f->min_pay_usd >= 0 && (b->wage_median_usd == CAREER_UNKNOWN || b->wage_median_usd < f->min_pay_usd))
		return false;
	if (!isnan(f->min_growth_pct) && (isnan(b->change_pct) || b->change_pct < f->min_growth_pct))
		return false;
	return true;
}

/* What cmp_brief sorts by (qsort_r's context, so that threads may sort at once). */
struct sort_ctx {
	const struct catalog *cat;
	int key;
};

/* Compare two optional numbers: known before unknown, then by direction. */
static int cmp_known(double a, double b, int descending)
{
	int ka = !isnan(a), kb = !isnan(b);
	if (ka != kb)
		return kb - ka;
	if (!ka || a == b)
		return 0;
	return (a < b ? -1 : 1) * (descending ? -1 : 1);
}

static double known(int64_t v)
{
	return v == CAREER_UNKNOWN ? NAN : (double)v;
}

static int cmp_brief(const void *pa, const void *pb, void *vctx)
{
	const struct sort_ctx *ctx = vctx;
	const struct career_brief *a = &ctx->cat->v[*(const size_t *)pa], *b = &ctx->cat->v[*(const size_t *)pb];
	int c = 0;
	switch (ctx->key) {
	case SORT_PAY:
		c = cmp_known(known(a->wage_median_usd), known(b->wage_median_usd), 1);
		break;
	case SORT_MONTHS:
		c = cmp_known(known(a->months_min), known(b->months_min), 0);
		break;
	case SORT_GROWTH:
		c = cmp_known(a->change_pct, b->change_pct, 1);
		break;
	case SORT_OPENINGS:
		c = cmp_known(known(a->openings_per_year), known(b->openings_per_year), 1);
		break;
	case SORT_TITLE:
		c = strcasecmp(a->title, b->title);
		break;
	}
	return c ? c : strcmp(a->id, b->id);
}

void filter_sort(const struct career_filter *f, const struct catalog *cat, size_t *idx, size_t n)
{
	struct sort_ctx ctx = { cat, f->sort };
	qsort_r(idx, n, sizeof(*idx), cmp_brief, &ctx);
}

size_t filter_apply(const struct career_filter *f, const struct catalog *cat, size_t *out)
{
	size_t n = 0;
	for (size_t i = 0; i < cat->n; i++)
		if (filter_match(f, &cat->v[i]))
			out[n++] = i;
	filter_sort(f, cat, out, n);
	return n;
}
