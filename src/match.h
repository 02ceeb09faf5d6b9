/*
 * match: "which of these jobs fits me?" — hard limits filter, soft preferences and interests
 * score, and every result says why.
 *
 * Core layer, pure: works on a catalog in memory, never prints. Options are set by name, so
 * the command line and the API accept exactly the same names and values:
 *
 *   NAME VALUE           the option's default kind: a hard limit for every filter option
 *                        (filter.h), a preference of weight MATCH_WEIGHT_DEFAULT for interests
 *   prefer  NAME[=VALUE][:WEIGHT]   make it a soft preference, weight 1-5
 *   require NAME[=VALUE]            make it a hard limit
 *   part-time            training is studied part time: study months x CAREER_PART_TIME_FACTOR
 *   profile-weight W     the weight of the interest profile (match_set_profile)
 *
 * A result's score is 0-100: each preference contributes 100 x weight x satisfaction / total
 * weight, where satisfaction is 1 (met), 0.5 (nearly met), 0 (not met or unknown) or, for
 * interest areas and the profile, a fraction. The method and its cut-offs are documented in
 * docs/matching.md. Ranking allocates nothing per career: it scores without building the reasons,
 * which match_evaluate gives for the careers a person is shown.
 */
#ifndef ALLIED_MATCH_H
#define ALLIED_MATCH_H

#include "catalog.h"
#include "diag.h"
#include "filter.h"
#include "profile.h"

#include <stdbool.h>
#include <stddef.h>

enum match_factor {
	MATCH_GROUP, MATCH_MONTHS, MATCH_CONTACT_MAX, MATCH_CONTACT_MIN, MATCH_BLOOD, MATCH_PHYSICAL,
	MATCH_EDUCATION, MATCH_REMOTE, MATCH_SETTINGS, MATCH_INTERESTS, MATCH_SHIFTS, MATCH_PAY,
	MATCH_GROWTH, MATCH_PROFILE, MATCH_FACTOR_COUNT
};

enum match_status { MATCH_MET, MATCH_PARTLY, MATCH_UNMET, MATCH_UNKNOWN, MATCH_STATUS_COUNT };

/* Labels for people, with documented cut-offs on the score (docs/matching.md). */
enum match_fit { FIT_STRONG, FIT_GOOD, FIT_POSSIBLE, FIT_WEAK, FIT_UNRANKED, FIT_COUNT };
#define MATCH_STRONG_MIN 75.0
#define MATCH_GOOD_MIN 50.0
#define MATCH_POSSIBLE_MIN 25.0

#define MATCH_WEIGHT_MIN 1
#define MATCH_WEIGHT_MAX 5
#define MATCH_WEIGHT_DEFAULT 3

struct match_prefs {
	struct career_filter limit;	/* hard limits; its sort is unused */
	struct career_filter want;	/* the values of soft preferences */
	int weight[MATCH_FACTOR_COUNT];	/* 0 = no soft preference on this factor, else 1-5 */
	bool part_time;
	bool has_profile;
	struct profile profile;		/* when has_profile; its weight is weight[MATCH_PROFILE] */
};

struct match_reason {
	int factor;		/* enum match_factor */
	bool hard;		/* a hard limit (scores nothing) rather than a preference */
	int status;		/* enum match_status */
	double satisfaction;	/* 0 to 1 */
	double points;		/* exact contribution to the score */
	int points_tenths;	/* the contribution rounded so that the reasons add up to score_tenths */
};

struct match_result {
	size_t career;		/* index into the catalog */
	bool passes;		/* meets every hard limit */
	double score;		/* 0 to 100: the sum of the reasons' points, to a millionth */
	int score_tenths;	/* score rounded to tenths: the sum of points_tenths */
	int fit;		/* enum match_fit */
	double profile_r;	/* correlation with the interest profile; NAN when none */
	size_t n_reasons;
	struct match_reason reasons[2 * MATCH_FACTOR_COUNT];	/* limits first, then preferences */
};

void match_prefs_init(struct match_prefs *p);

/* Does option name take a value? 1 yes, 0 no (a flag), -1 not a match option. */
int match_option_has_value(const char *name);

/*
 * Set one option by name (no leading dashes). Unknown names give ALLIED_EUSAGE; bad values and
 * weights out of range give ALLIED_EINVAL naming the value and what is allowed.
 */
int match_set(struct match_prefs *p, const struct catalog *cat, const char *name, const char *value,
	      struct diag *err);

/* Use a scored profile (profile.h); weight 0 keeps the current or default weight. */
void match_set_profile(struct match_prefs *p, const struct profile *profile);

/* Is there anything to rank by (a soft preference or a profile)? */
bool match_is_ranked(const struct match_prefs *p);

/* Evaluate one career (index i of cat) against every limit and preference. */
void match_evaluate(const struct match_prefs *p, const struct catalog *cat, size_t i, struct match_result *r);

/* One ranked career: match_evaluate gives its reasons. */
struct match_hit {
	size_t career;		/* index into the catalog */
	double score;		/* exactly match_evaluate's score */
};

/*
 * Rank every career that meets the hard limits into out (room for cat->n): best score first,
 * ties (equal to a millionth of a point) by career id. Returns how many. Deterministic, and allocates nothing per career.
 */
size_t match_rank(const struct match_prefs *p, const struct catalog *cat, struct match_hit *out);

/* The fit label for a score under p (FIT_UNRANKED when p has nothing to rank by). */
int match_fit(const struct match_prefs *p, double score);

/*
 * For each hard limit, how many careers fail that limit alone (so dropping it would add them);
 * returns how many careers pass every limit.
 */
size_t match_near_misses(const struct match_prefs *p, const struct catalog *cat, size_t counts[MATCH_FACTOR_COUNT]);

/*
 * One sentence for a reason, about career b: what the career has and, when it falls short,
 * what was asked ("needs an associate degree (24-36 months); you asked for 12 or less").
 */
void match_explain(const struct match_prefs *p, const struct catalog *cat, const struct career_brief *b,
		   const struct match_reason *r, char *buf, size_t n);

/* What was asked of a factor, for people ("training: 12 months or less"). */
void match_describe(const struct match_prefs *p, const struct catalog *cat, int factor, bool hard, char *buf,
		    size_t n);
/* Is factor set as a limit (hard) or as a weighted preference (!hard)? */
bool match_factor_is_set(const struct match_prefs *p, int factor, bool hard);

/* A short name for what the factor is about ("training time", "pay", ...). */
const char *match_factor_label(int factor);
/* The option name of a factor ("max-months", ...). */
const char *match_factor_id(int factor);
const char *match_status_id(int status);	/* "met", "partly", "unmet", "unknown" */
const char *match_fit_id(int fit);		/* "strong", "good", "possible", "weak", "unranked" */
const char *match_fit_label(int fit);		/* "strong fit", ... */

/* Training months as the match sees them (part-time stretches study, not on-the-job training). */
int match_months(const struct match_prefs *p, const struct career_brief *b, int months);

#endif
