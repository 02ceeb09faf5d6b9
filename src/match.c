/*
 * match: explainable ranking of careers against limits, preferences and an interest profile
 * (see match.h and docs/matching.md).
 */
#include "match.h"
#include "text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
	const char *option;	/* the filter option that sets it */
	const char *label;
} factors[MATCH_FACTOR_COUNT] = {
	[MATCH_GROUP] = { "group", "group" },
	[MATCH_MONTHS] = { "max-months", "training time" },
	[MATCH_CONTACT_MAX] = { "patient-contact", "patient contact" },
	[MATCH_CONTACT_MIN] = { "min-patient-contact", "patient contact" },
	[MATCH_BLOOD] = { "max-blood", "blood and needles" },
	[MATCH_PHYSICAL] = { "physical", "physical demands" },
	[MATCH_EDUCATION] = { "education", "education" },
	[MATCH_REMOTE] = { "remote", "remote work" },
	[MATCH_SETTINGS] = { "settings", "work settings" },
	[MATCH_INTERESTS] = { "interests", "interest areas" },
	[MATCH_SHIFTS] = { "avoid-shifts", "shifts" },
	[MATCH_PAY] = { "min-pay", "pay" },
	[MATCH_GROWTH] = { "min-growth", "job growth" },
	[MATCH_PROFILE] = { "profile", "interest profile" },
};

static const char *const status_ids[MATCH_STATUS_COUNT] = { "met", "partly", "unmet", "unknown" };
static const char *const fit_ids[FIT_COUNT] = { "strong", "good", "possible", "weak", "unranked" };
static const char *const fit_labels[FIT_COUNT] = {
	"strong fit", "good fit", "possible fit", "weak fit", "meets your limits"
};

const char *match_factor_label(int factor)
{
	return factor >= 0 && factor < MATCH_FACTOR_COUNT ? factors[factor].label : "?";
}

const char *match_factor_id(int factor)
{
	return factor >= 0 && factor < MATCH_FACTOR_COUNT ? factors[factor].option : "?";
}

const char *match_status_id(int status)
{
	return status >= 0 && status < MATCH_STATUS_COUNT ? status_ids[status] : "?";
}

const char *match_fit_id(int fit)
{
	return fit >= 0 && fit < FIT_COUNT ? fit_ids[fit] : "?";
}

const char *match_fit_label(int fit)
{
	return fit >= 0 && fit < FIT_COUNT ? fit_labels[fit] : "?";
}

void match_prefs_init(struct match_prefs *p)
{
	memset(p, 0, sizeof(*p));
	filter_init(&p->limit);
	filter_init(&p->want);
}

/* The factor a filter option sets, or -1 ("sort" and unknown names). */
static int option_factor(const char *name)
{
	if (strcmp(name, "no-blood") == 0)
		return MATCH_BLOOD;
	for (int f = 0; f < MATCH_PROFILE; f++)
		if (strcmp(factors[f].option, name) == 0)
			return f;
	return -1;
}

int match_option_has_value(const char *name)
{
	if (strcmp(name, "prefer") == 0 || strcmp(name, "require") == 0 || strcmp(name, "profile-weight") == 0)
		return 1;
	if (strcmp(name, "part-time") == 0)
		return 0;
	if (option_factor(name) < 0)
		return -1;
	return filter_option_has_value(name);
}

static int parse_weight(const char *s, const char *what, int *out, struct diag *err)
{
	char *end;
	long w = strtol(s, &end, 10);
	if (end == s || *end)
		return diag_set(err, ALLIED_EINVAL, "%s: weight '%s' is not a whole number from %d to %d", what, s,
				MATCH_WEIGHT_MIN, MATCH_WEIGHT_MAX);
	if (w < MATCH_WEIGHT_MIN || w > MATCH_WEIGHT_MAX)
		return diag_set(err, ALLIED_EINVAL, "%s: weight %ld is out of range (%d to %d)", what, w,
				MATCH_WEIGHT_MIN, MATCH_WEIGHT_MAX);
	*out = (int)w;
	return 0;
}

/* The preference names for messages: "group, max-months, ..., no-blood". */
static void preference_names(char *buf, size_t n)
{
	size_t len = 0;
	buf[0] = '\0';
	for (int f = 0; f < MATCH_PROFILE && len < n; f++)
		len += (size_t)snprintf(buf + len, n - len, "%s, ", factors[f].option);
	if (len < n)
		snprintf(buf + len, n - len, "no-blood");
}

/* "prefer" and "require": NAME[=VALUE][:WEIGHT] (a weight only when soft). */
static int set_kind(struct match_prefs *p, const struct catalog *cat, const char *opt, const char *spec,
		    bool soft, struct diag *err)
{
	char name[64], value[512], what[80];
	const char *eq = strchr(spec, '='), *colon = strrchr(spec, ':');
	int weight = MATCH_WEIGHT_DEFAULT;
	size_t name_len = eq ? (size_t)(eq - spec) : colon ? (size_t)(colon - spec) : strlen(spec);

	if (colon && eq && colon < eq)
		colon = NULL;
	if (name_len == 0 || name_len >= sizeof(name))
		return diag_set(err, ALLIED_EUSAGE, "--%s: '%s' is not NAME[=VALUE]%s", opt, spec, soft ? "[:WEIGHT]" : "");
	memcpy(name, spec, name_len);
	name[name_len] = '\0';
	int factor = option_factor(name);
	if (factor < 0) {
		char list[512];
		preference_names(list, sizeof(list));
		return diag_set(err, ALLIED_EUSAGE, "--%s: unknown preference '%s' (allowed: %s)", opt, name, list);
	}
	snprintf(what, sizeof(what), "--%s %s", opt, name);
	if (colon) {
		if (!soft)
			return diag_set(err, ALLIED_EINVAL, "%s: a limit has no weight ('%s')", what, spec);
		if (parse_weight(colon + 1, what, &weight, err) < 0)
			return err->code;
	}
	const char *v = NULL;
	if (eq) {
		size_t len = colon ? (size_t)(colon - eq - 1) : strlen(eq + 1);
		if (len >= sizeof(value))
			return diag_set(err, ALLIED_EINVAL, "%s: value too long", what);
		memcpy(value, eq + 1, len);
		value[len] = '\0';
		v = value;
	}
	int has_value = filter_option_has_value(name);
	if (has_value && !v)
		return diag_set(err, ALLIED_EUSAGE, "%s needs a value: --%s %s=VALUE", what, opt, name);
	if (!has_value && v)
		return diag_set(err, ALLIED_EUSAGE, "%s takes no value", what);
	if (filter_set(soft ? &p->want : &p->limit, cat, name, v, err) < 0) {
		/* filter says "--settings: ..."; say what the person typed */
		char prefix[80];
		int len = snprintf(prefix, sizeof(prefix), "--%s:", name);
		if (strncmp(err->msg, prefix, (size_t)len) == 0) {
			char rest[512];
			snprintf(rest, sizeof(rest), "%s", err->msg + len);
			diag_set(err, err->code, "%s:%s", what, rest);
		}
		return err->code;
	}
	if (soft)
		p->weight[factor] = weight;
	return 0;
}

int match_set(struct match_prefs *p, const struct catalog *cat, const char *name, const char *value,
	      struct diag *err)
{
	if (strcmp(name, "part-time") == 0) {
		p->part_time = true;
		return 0;
	}
	if (strcmp(name, "profile-weight") == 0)
		return parse_weight(value ? value : "", "--profile-weight", &p->weight[MATCH_PROFILE], err);
	if (strcmp(name, "prefer") == 0 || strcmp(name, "require") == 0)
		return set_kind(p, cat, name, value ? value : "", strcmp(name, "prefer") == 0, err);
	int factor = option_factor(name);
	if (factor < 0)
		return diag_set(err, ALLIED_EUSAGE, "unknown option '--%s'", name);
	if (factor == MATCH_INTERESTS) {
		if (filter_set(&p->want, cat, name, value, err) < 0)
			return err->code;
		if (!p->weight[factor])
			p->weight[factor] = MATCH_WEIGHT_DEFAULT;
		return 0;
	}
	return filter_set(&p->limit, cat, name, value, err);
}

void match_set_profile(struct match_prefs *p, const struct profile *profile)
{
	p->profile = *profile;
	p->has_profile = true;
	if (!p->weight[MATCH_PROFILE])
		p->weight[MATCH_PROFILE] = MATCH_WEIGHT_DEFAULT;
}

static bool is_set(int factor, const struct career_filter *v)
{
	switch (factor) {
	case MATCH_GROUP: return v->group >= 0;
	case MATCH_MONTHS: return v->max_months >= 0;
	case MATCH_CONTACT_MAX: return v->max_contact >= 0;
	case MATCH_CONTACT_MIN: return v->min_contact >= 0;
	case MATCH_BLOOD: return v->max_blood >= 0;
	case MATCH_PHYSICAL: return v->max_physical >= 0;
	case MATCH_EDUCATION: return v->max_credential >= 0;
	case MATCH_REMOTE: return v->min_remote >= 0;
	case MATCH_SETTINGS: return v->settings_any != 0;
	case MATCH_INTERESTS: return v->interests_any != 0;
	case MATCH_SHIFTS: return v->avoid_shifts != 0;
	case MATCH_PAY: return v->min_pay_usd >= 0;
	case MATCH_GROWTH: return !isnan(v->min_growth_pct);
	}
	return false;
}

bool match_is_ranked(const struct match_prefs *p)
{
	for (int f = 0; f < MATCH_FACTOR_COUNT; f++)
		if (match_factor_is_set(p, f, false))
			return true;
	return false;
}

int match_months(const struct match_prefs *p, const struct career_brief *b, int months)
{
	if (months == CAREER_UNKNOWN || !p->part_time || b->entry_credential == CRED_ON_THE_JOB)
		return months;
	return (int)ceil(months * CAREER_PART_TIME_FACTOR);
}

/* A satisfaction and its status. */
static double grade(int *status, int st, double s)
{
	*status = st;
	return s;
}

/* value at most limit: met; one step over: partly. */
static double at_most(int value, int limit, int *status)
{
	if (value == CAREER_UNKNOWN)
		return grade(status, MATCH_UNKNOWN, 0);
	if (value <= limit)
		return grade(status, MATCH_MET, 1);
	return value == limit + 1 ? grade(status, MATCH_PARTLY, 0.5) : grade(status, MATCH_UNMET, 0);
}

static int popcount64(uint64_t x)
{
	return __builtin_popcountll(x);
}

/*
 * How well career b satisfies one factor of v (0 to 1) and its status. The thresholds are the
 * documented ones (docs/matching.md).
 */
static double assess(const struct match_prefs *p, int factor, const struct career_filter *v, bool hard,
		     const struct career_brief *b, int *status)
{
	switch (factor) {
	case MATCH_GROUP:
		return b->group == v->group ? grade(status, MATCH_MET, 1) : grade(status, MATCH_UNMET, 0);
	case MATCH_MONTHS: {
		int m = match_months(p, b, b->months_min);
		if (m == CAREER_UNKNOWN)
			return grade(status, MATCH_UNKNOWN, 0);
		if (m <= v->max_months)
			return grade(status, MATCH_MET, 1);
		return 2 * m <= 3 * v->max_months ? grade(status, MATCH_PARTLY, 0.5) : grade(status, MATCH_UNMET, 0);
	}
	case MATCH_CONTACT_MAX:
		return at_most(b->patient_contact, v->max_contact, status);
	case MATCH_CONTACT_MIN:
		if (b->patient_contact == CAREER_UNKNOWN)
			return grade(status, MATCH_UNKNOWN, 0);
		return at_most(-b->patient_contact, -v->min_contact, status);
	case MATCH_BLOOD:
		return at_most(b->blood, v->max_blood, status);
	case MATCH_PHYSICAL:
		return at_most(b->physical, v->max_physical, status);
	case MATCH_EDUCATION:
		return at_most(b->min_credential, v->max_credential, status);
	case MATCH_REMOTE:
		if (b->remote == CAREER_UNKNOWN)
			return grade(status, MATCH_UNKNOWN, 0);
		if (hard)
			return b->remote >= v->min_remote ? grade(status, MATCH_MET, 1) : grade(status, MATCH_UNMET, 0);
		if (b->remote == REMOTE_COMMON)
			return grade(status, MATCH_MET, 1);
		return b->remote == REMOTE_SOME ? grade(status, MATCH_PARTLY, 0.5) : grade(status, MATCH_UNMET, 0);
	case MATCH_SETTINGS:
		return b->settings & v->settings_any ? grade(status, MATCH_MET, 1) : grade(status, MATCH_UNMET, 0);
	case MATCH_INTERESTS: {
		int want = popcount64(v->interests_any), have = popcount64(b->interests & v->interests_any);
		if (hard || have == want)
			return have ? grade(status, MATCH_MET, 1) : grade(status, MATCH_UNMET, 0);
		return have ? grade(status, MATCH_PARTLY, (double)have / want) : grade(status, MATCH_UNMET, 0);
	}
	case MATCH_SHIFTS: {
		if (!b->shifts)
			return grade(status, MATCH_UNKNOWN, 0);
		int avoid = __builtin_popcount(v->avoid_shifts), hit = __builtin_popcount(b->shifts & v->avoid_shifts);
		if (!hit)
			return grade(status, MATCH_MET, 1);
		if (hard || hit == avoid)
			return grade(status, MATCH_UNMET, 0);
		return grade(status, MATCH_PARTLY, 1.0 - (double)hit / avoid);
	}
	case MATCH_PAY:
		if (b->wage_median_usd == CAREER_UNKNOWN)
			return grade(status, MATCH_UNKNOWN, 0);
		if (b->wage_median_usd >= v->min_pay_usd)
			return grade(status, MATCH_MET, 1);
		return 10 * b->wage_median_usd >= 9 * v->min_pay_usd ? grade(status, MATCH_PARTLY, 0.5)
								      : grade(status, MATCH_UNMET, 0);
	case MATCH_GROWTH:
		if (isnan(b->change_pct))
			return grade(status, MATCH_UNKNOWN, 0);
		if (b->change_pct >= v->min_growth_pct)
			return grade(status, MATCH_MET, 1);
		return b->change_pct >= v->min_growth_pct - 2 ? grade(status, MATCH_PARTLY, 0.5)
							       : grade(status, MATCH_UNMET, 0);
	}
	return grade(status, MATCH_UNKNOWN, 0);
}

/* Round the points to tenths so that they add up to the rounded score (largest remainder). */
static void round_points(struct match_result *r)
{
	int floor_sum = 0;
	r->score_tenths = (int)lround(r->score * 10);
	for (size_t i = 0; i < r->n_reasons; i++) {
		r->reasons[i].points_tenths = (int)floor(r->reasons[i].points * 10 + 1e-9);
		floor_sum += r->reasons[i].points_tenths;
	}
	for (int left = r->score_tenths - floor_sum; left > 0; left--) {
		size_t best = r->n_reasons;
		double best_frac = -1;
		for (size_t i = 0; i < r->n_reasons; i++) {
			double frac = r->reasons[i].points * 10 - r->reasons[i].points_tenths;
			if (!r->reasons[i].hard && frac > best_frac) {
				best_frac = frac;
				best = i;
			}
		}
		if (best == r->n_reasons)
			break;
		r->reasons[best].points_tenths++;
	}
}

/*
 * Scores are sums of doubles whose order differs between careers, so equal scores can differ in
 * the last bits (74.99999999999999 against 75). Rounding to a millionth of a point makes equal
 * scores equal, so ties go to the id order and cut-offs are exact.
 */
static double quantize(double score)
{
	return (double)llround(score * 1e6) / 1e6;
}

/* What a query checks, worked out once: the limits, the preferences and their total weight. */
struct prepared {
	int hard[MATCH_FACTOR_COUNT], n_hard;
	int soft[MATCH_FACTOR_COUNT], n_soft;
	double total_weight;
};

static void prepare(const struct match_prefs *p, struct prepared *pr)
{
	pr->n_hard = pr->n_soft = 0;
	pr->total_weight = 0;
	for (int f = 0; f < MATCH_FACTOR_COUNT; f++) {
		if (match_factor_is_set(p, f, true))
			pr->hard[pr->n_hard++] = f;
		if (match_factor_is_set(p, f, false)) {
			pr->soft[pr->n_soft++] = f;
			pr->total_weight += p->weight[f];
		}
	}
}

static double profile_satisfaction(const struct match_prefs *p, const struct career_brief *b, int *status,
				   double *r)
{
	*r = profile_fit(&p->profile, b->riasec);
	if (isnan(*r))
		return grade(status, MATCH_UNKNOWN, 0);
	if (*r >= 0.5)
		return grade(status, MATCH_MET, *r);
	return *r > 0 ? grade(status, MATCH_PARTLY, *r) : grade(status, MATCH_UNMET, 0);
}

static double soft_satisfaction(const struct match_prefs *p, int f, const struct career_brief *b, int *status,
				double *r)
{
	if (f == MATCH_PROFILE)
		return profile_satisfaction(p, b, status, r);
	return assess(p, f, &p->want, false, b, status);
}

static int fit_of(const struct prepared *pr, double score)
{
	if (pr->total_weight <= 0)
		return FIT_UNRANKED;
	if (score >= MATCH_STRONG_MIN)
		return FIT_STRONG;
	if (score >= MATCH_GOOD_MIN)
		return FIT_GOOD;
	return score >= MATCH_POSSIBLE_MIN ? FIT_POSSIBLE : FIT_WEAK;
}

void match_evaluate(const struct match_prefs *p, const struct catalog *cat, size_t i, struct match_result *r)
{
	const struct career_brief *b = &cat->v[i];
	struct prepared pr;
	double corr = NAN;

	prepare(p, &pr);
	r->career = i;
	r->passes = true;
	r->score = 0;
	r->n_reasons = 0;
	r->profile_r = NAN;
	for (int k = 0; k < pr.n_hard; k++) {
		struct match_reason *x = &r->reasons[r->n_reasons++];
		x->factor = pr.hard[k];
		x->hard = true;
		x->satisfaction = assess(p, x->factor, &p->limit, true, b, &x->status);
		x->points = 0;
		if (x->status != MATCH_MET)
			r->passes = false;
	}
	for (int k = 0; k < pr.n_soft; k++) {
		struct match_reason *x = &r->reasons[r->n_reasons++];
		x->factor = pr.soft[k];
		x->hard = false;
		x->satisfaction = soft_satisfaction(p, x->factor, b, &x->status, &corr);
		if (x->factor == MATCH_PROFILE)
			r->profile_r = corr;
		/* the same arithmetic, in the same order, as match_rank */
		x->points = 100.0 * p->weight[x->factor] * x->satisfaction / pr.total_weight;
		r->score += x->points;
	}
	r->score = quantize(r->score);
	r->fit = fit_of(&pr, r->score);
	round_points(r);
}

int match_fit(const struct match_prefs *p, double score)
{
	struct prepared pr;
	prepare(p, &pr);
	return fit_of(&pr, score);
}

/* Best score first; ties by catalog position, which is id order (catalog.h). */
static int cmp_hit(const void *pa, const void *pb)
{
	const struct match_hit *a = pa, *b = pb;
	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	return (a->career > b->career) - (a->career < b->career);
}

size_t match_rank(const struct match_prefs *p, const struct catalog *cat, struct match_hit *out)
{
	struct prepared pr;
	size_t n = 0;
	int status;
	double corr = NAN;

	prepare(p, &pr);
	for (size_t i = 0; i < cat->n; i++) {
		const struct career_brief *b = &cat->v[i];
		int k;
		for (k = 0; k < pr.n_hard; k++) {
			assess(p, pr.hard[k], &p->limit, true, b, &status);
			if (status != MATCH_MET)
				break;
		}
		if (k < pr.n_hard)
			continue;
		double score = 0;
		for (k = 0; k < pr.n_soft; k++)
			score += 100.0 * p->weight[pr.soft[k]] * soft_satisfaction(p, pr.soft[k], b, &status, &corr) /
				 pr.total_weight;
		out[n].career = i;
		out[n++].score = quantize(score);
	}
	qsort(out, n, sizeof(*out), cmp_hit);
	return n;
}

/* ---- explanations ---- */

static const char *credential_phrase(int c)
{
	static const char *const phrases[CRED_COUNT] = {
		"on-the-job training", "a certificate", "a diploma", "an associate degree", "a bachelor's degree",
		"a master's degree", "a doctoral degree",
	};
	return c >= 0 && c < CRED_COUNT ? phrases[c] : "training of unknown kind";
}

static const char *vocab_names(const struct vocab_item *v, size_t n_items, uint64_t bits, char *buf, size_t n)
{
	size_t len = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < n_items && len < n; i++)
		if (bits & (1ULL << i))
			len += (size_t)snprintf(buf + len, n - len, "%s%s", len ? ", " : "", v[i].label);
	return buf;
}

static const char *shift_names(unsigned bits, char *buf, size_t n)
{
	size_t len = 0;
	buf[0] = '\0';
	for (int s = 0; s < SHIFT_COUNT && len < n; s++)
		if (bits & (1u << s))
			len += (size_t)snprintf(buf + len, n - len, "%s%s", len ? ", " : "", career_scale_id(SCALE_SHIFT, s));
	return buf;
}

static const char *lower(const char *label, char *buf, size_t n)
{
	size_t i;
	for (i = 0; label[i] && i + 1 < n; i++)
		buf[i] = (char)(label[i] >= 'A' && label[i] <= 'Z' ? label[i] + 32 : label[i]);
	buf[i] = '\0';
	return buf;
}

void match_explain(const struct match_prefs *p, const struct catalog *cat, const struct career_brief *b,
		   const struct match_reason *r, char *buf, size_t n)
{
	const struct career_filter *v = r->hard ? &p->limit : &p->want;
	bool ok = r->status == MATCH_MET;
	char x[256], y[256];

	if (r->status == MATCH_UNKNOWN && r->factor != MATCH_PROFILE) {
		snprintf(buf, n, "%s unknown, so it %s", match_factor_label(r->factor),
			 r->hard ? "cannot be shown to meet your limit" : "counts as not met");
		return;
	}
	switch (r->factor) {
	case MATCH_GROUP:
		snprintf(buf, n, "%s group%s%s", career_scale_label(SCALE_GROUP, b->group), ok ? "" : "; you asked for ",
			 ok ? "" : career_scale_label(SCALE_GROUP, v->group));
		break;
	case MATCH_MONTHS: {
		int lo = b->months_min, hi = b->months_max;
		char part[96] = "";
		if (p->part_time && match_months(p, b, lo) != lo)
			snprintf(part, sizeof(part), ", %s part time",
				 text_months(match_months(p, b, lo), match_months(p, b, hi), y, sizeof(y)));
		if (ok && match_months(p, b, hi) > v->max_months)
			snprintf(buf, n, "usual training %s%s: the shortest is within your %d months",
				 text_months(lo, hi, x, sizeof(x)), part, v->max_months);
		else if (ok)
			snprintf(buf, n, "usual training %s%s, within your %d months", text_months(lo, hi, x, sizeof(x)),
				 part, v->max_months);
		else
			snprintf(buf, n, "needs %s (%s%s); you asked for %d months or less",
				 credential_phrase(b->entry_credential), text_months(lo, hi, x, sizeof(x)), part,
				 v->max_months);
		break;
	}
	case MATCH_CONTACT_MAX:
	case MATCH_CONTACT_MIN:
		if (ok)
			snprintf(buf, n, "patient contact %s",
				 lower(career_scale_label(SCALE_CONTACT, b->patient_contact), x, sizeof(x)));
		else
			snprintf(buf, n, "patient contact %s; you asked for %s %s",
				 lower(career_scale_label(SCALE_CONTACT, b->patient_contact), x, sizeof(x)),
				 r->factor == MATCH_CONTACT_MAX ? "at most" : "at least",
				 career_scale_id(SCALE_CONTACT, r->factor == MATCH_CONTACT_MAX ? v->max_contact : v->min_contact));
		break;
	case MATCH_BLOOD:
		if (ok)
			snprintf(buf, n, "blood and needles: %s", career_scale_id(SCALE_BLOOD, b->blood));
		else
			snprintf(buf, n, "blood and needles: %s; you asked for %s%s", career_scale_id(SCALE_BLOOD, b->blood),
				 v->max_blood == BLOOD_NONE ? "" : "at most ", career_scale_id(SCALE_BLOOD, v->max_blood));
		break;
	case MATCH_PHYSICAL:
		snprintf(buf, n, "physical demands %s%s%s", career_scale_id(SCALE_PHYSICAL, b->physical),
			 ok ? "" : "; you asked for at most ", ok ? "" : career_scale_id(SCALE_PHYSICAL, v->max_physical));
		break;
	case MATCH_EDUCATION:
		snprintf(buf, n, "%s %s%s%s", ok ? "can start with" : "needs at least",
			 credential_phrase(b->min_credential), ok ? "" : "; you asked for at most ",
			 ok ? "" : credential_phrase(v->max_credential));
		break;
	case MATCH_REMOTE:
		snprintf(buf, n, "remote work: %s", lower(career_scale_label(SCALE_REMOTE, b->remote), x, sizeof(x)));
		break;
	case MATCH_SETTINGS:
		if (ok)
			snprintf(buf, n, "works in %s",
				 vocab_names(cat->settings, cat->n_settings, b->settings & v->settings_any, x, sizeof(x)));
		else
			snprintf(buf, n, "not usually in %s",
				 vocab_names(cat->settings, cat->n_settings, v->settings_any, x, sizeof(x)));
		break;
	case MATCH_INTERESTS:
		if (b->interests & v->interests_any)
			snprintf(buf, n, "touches %s",
				 vocab_names(cat->interests, cat->n_interests, b->interests & v->interests_any, x, sizeof(x)));
		else
			snprintf(buf, n, "touches none of %s",
				 vocab_names(cat->interests, cat->n_interests, v->interests_any, x, sizeof(x)));
		if (r->status == MATCH_PARTLY)
			snprintf(buf + strlen(buf), n - strlen(buf), ", not %s",
				 vocab_names(cat->interests, cat->n_interests, v->interests_any & ~b->interests, y, sizeof(y)));
		break;
	case MATCH_SHIFTS:
		if (ok)
			snprintf(buf, n, "usual shifts avoid %s", shift_names(v->avoid_shifts, x, sizeof(x)));
		else
			snprintf(buf, n, "usual shifts include %s, which you want to avoid",
				 shift_names(b->shifts & v->avoid_shifts, x, sizeof(x)));
		break;
	case MATCH_PAY:
		if (ok)
			snprintf(buf, n, "median pay %s, at least your %s", text_usd(b->wage_median_usd, x, sizeof(x)),
				 text_usd(v->min_pay_usd, y, sizeof(y)));
		else
			snprintf(buf, n, "median pay %s; you asked for at least %s", text_usd(b->wage_median_usd, x, sizeof(x)),
				 text_usd(v->min_pay_usd, y, sizeof(y)));
		break;
	case MATCH_GROWTH:
		snprintf(buf, n, "jobs projected to grow %+.1f%% by 2034%s%.1f%%", b->change_pct,
			 ok ? ", at least your " : "; you asked for at least ", v->min_growth_pct);
		break;
	case MATCH_PROFILE:
		if (isnan(profile_fit(&p->profile, b->riasec)))
			snprintf(buf, n, "no O*NET interest levels for this career, so the profile counts as not met");
		else
			snprintf(buf, n, "your interest profile %s %s this career's O*NET interest levels "
				 "(correlation %+.2f)", p->profile.code,
				 r->status == MATCH_MET ? "matches" : r->status == MATCH_PARTLY ? "partly matches" :
				 "does not match", profile_fit(&p->profile, b->riasec));
		break;
	default:
		snprintf(buf, n, "?");
	}
}

void match_describe(const struct match_prefs *p, const struct catalog *cat, int factor, bool hard, char *buf,
		    size_t n)
{
	const struct career_filter *v = hard ? &p->limit : &p->want;
	char x[256];

	switch (factor) {
	case MATCH_GROUP:
		snprintf(buf, n, "group: %s", career_scale_label(SCALE_GROUP, v->group));
		break;
	case MATCH_MONTHS:
		snprintf(buf, n, "training: %d months or less%s", v->max_months, p->part_time ? " (studying part time)" : "");
		break;
	case MATCH_CONTACT_MAX:
		snprintf(buf, n, "patient contact: at most %s", career_scale_id(SCALE_CONTACT, v->max_contact));
		break;
	case MATCH_CONTACT_MIN:
		snprintf(buf, n, "patient contact: at least %s", career_scale_id(SCALE_CONTACT, v->min_contact));
		break;
	case MATCH_BLOOD:
		if (v->max_blood == BLOOD_NONE)
			snprintf(buf, n, "blood and needles: none");
		else
			snprintf(buf, n, "blood and needles: at most %s", career_scale_id(SCALE_BLOOD, v->max_blood));
		break;
	case MATCH_PHYSICAL:
		snprintf(buf, n, "physical demands: at most %s", career_scale_id(SCALE_PHYSICAL, v->max_physical));
		break;
	case MATCH_EDUCATION:
		snprintf(buf, n, "education: at most %s", credential_phrase(v->max_credential));
		break;
	case MATCH_REMOTE:
		snprintf(buf, n, "remote work possible");
		break;
	case MATCH_SETTINGS:
		snprintf(buf, n, "settings: %s", vocab_names(cat->settings, cat->n_settings, v->settings_any, x, sizeof(x)));
		break;
	case MATCH_INTERESTS:
		snprintf(buf, n, "interest areas: %s",
			 vocab_names(cat->interests, cat->n_interests, v->interests_any, x, sizeof(x)));
		break;
	case MATCH_SHIFTS:
		snprintf(buf, n, "avoid shifts: %s", shift_names(v->avoid_shifts, x, sizeof(x)));
		break;
	case MATCH_PAY:
		snprintf(buf, n, "median pay: at least %s", text_usd(v->min_pay_usd, x, sizeof(x)));
		break;
	case MATCH_GROWTH:
		snprintf(buf, n, "job growth 2024-34: at least %+.1f%%", v->min_growth_pct);
		break;
	case MATCH_PROFILE:
		snprintf(buf, n, "interest profile %s", p->has_profile ? p->profile.code : "(none)");
		break;
	default:
		snprintf(buf, n, "?");
	}
}

bool match_factor_is_set(const struct match_prefs *p, int factor, bool hard)
{
	if (factor == MATCH_PROFILE)
		return !hard && p->has_profile && p->weight[MATCH_PROFILE];
	if (hard)
		return is_set(factor, &p->limit);
	return p->weight[factor] && is_set(factor, &p->want);
}

size_t match_near_misses(const struct match_prefs *p, const struct catalog *cat, size_t counts[MATCH_FACTOR_COUNT])
{
	struct match_result r;
	size_t passing = 0;

	memset(counts, 0, MATCH_FACTOR_COUNT * sizeof(*counts));
	for (size_t i = 0; i < cat->n; i++) {
		int unmet = -1, n_unmet = 0;
		match_evaluate(p, cat, i, &r);
		passing += r.passes;
		for (size_t k = 0; k < r.n_reasons; k++)
			if (r.reasons[k].hard && r.reasons[k].status != MATCH_MET) {
				unmet = r.reasons[k].factor;
				n_unmet++;
			}
		if (n_unmet == 1)
			counts[unmet]++;
	}
	return passing;
}
