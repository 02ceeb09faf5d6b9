/*
 * profile: scoring the interest inventory (see profile.h and docs/matching.md).
 */
#include "profile.h"

#include <math.h>
#include <string.h>

const char *const profile_rating_labels[PROFILE_RATING_MAX] = {
	"strongly dislike", "dislike", "not sure", "like", "strongly like",
};

int profile_area_parse(const char *name)
{
	for (int i = 0; i < RIASEC_COUNT; i++)
		if (strcmp(career_riasec_names[i], name) == 0)
			return i;
	return -1;
}

/* Does area a come before area b? Higher score first, then more "strongly like", then R-I-A-S-E-C. */
static bool ranks_before(const struct profile *p, int a, int b)
{
	if (p->score[a] != p->score[b])
		return p->score[a] > p->score[b];
	if (p->n_top[a] != p->n_top[b])
		return p->n_top[a] > p->n_top[b];
	return a < b;
}

static bool ties(const struct profile *p, int a, int b)
{
	return p->score[a] == p->score[b] && p->n_top[a] == p->n_top[b];
}

int profile_score(const struct profile_item *items, size_t n_items, const char *answers, struct profile *p,
		  struct diag *err)
{
	size_t len = strlen(answers);

	memset(p, 0, sizeof(*p));
	if (len != n_items)
		return diag_set(err, ALLIED_EINVAL, "--answers: %zu digits given, the quiz has %zu questions "
				"(one digit 1-5 per question)", len, n_items);
	for (size_t i = 0; i < len; i++) {
		char ch = answers[i];
		if (ch < '0' + PROFILE_RATING_MIN || ch > '0' + PROFILE_RATING_MAX)
			return diag_set(err, ALLIED_EINVAL, "--answers: character %zu is '%c'; each answer is a digit "
					"from 1 (strongly dislike) to 5 (strongly like)", i + 1, ch);
		int a = items[i].area;
		p->score[a] += ch - '0';
		p->min_score[a] += PROFILE_RATING_MIN;
		p->max_score[a] += PROFILE_RATING_MAX;
		p->n_top[a] += ch - '0' == PROFILE_RATING_MAX;
	}
	for (int a = 0; a < RIASEC_COUNT; a++)
		if (!p->max_score[a])
			return diag_set(err, ALLIED_EINVAL, "the quiz has no questions for the %s area",
					career_riasec_names[a]);
	p->n_items = n_items;

	/* insertion sort of six areas */
	for (int a = 0; a < RIASEC_COUNT; a++) {
		int k = a;
		while (k > 0 && ranks_before(p, a, p->order[k - 1])) {
			p->order[k] = p->order[k - 1];
			k--;
		}
		p->order[k] = a;
	}
	for (int k = 0; k < 3; k++)
		p->code[k] = "RIASEC"[p->order[k]];
	p->code[3] = '\0';
	for (int k = 0; k < 3; k++)
		if (ties(p, p->order[k], p->order[k + 1]))
			p->tied = true;
	p->range = p->score[p->order[0]] - p->score[p->order[RIASEC_COUNT - 1]];
	p->flat = p->range <= PROFILE_FLAT_RANGE;
	return 0;
}

double profile_fit(const struct profile *p, const double levels[RIASEC_COUNT])
{
	double mx = 0, my = 0, sxy = 0, sxx = 0, syy = 0;

	for (int a = 0; a < RIASEC_COUNT; a++) {
		if (isnan(levels[a]))
			return NAN;
		mx += p->score[a];
		my += levels[a];
	}
	mx /= RIASEC_COUNT;
	my /= RIASEC_COUNT;
	for (int a = 0; a < RIASEC_COUNT; a++) {
		double dx = p->score[a] - mx, dy = levels[a] - my;
		sxy += dx * dy;
		sxx += dx * dx;
		syy += dy * dy;
	}
	if (sxx == 0 || syy == 0)
		return NAN;
	return sxy / sqrt(sxx * syy);
}
