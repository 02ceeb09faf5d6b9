/*
 * profile: allied's own interest inventory (data/quiz.yaml) and what a person's answers say.
 *
 * Core layer, pure. Each item belongs to one of the six RIASEC areas and is rated 1 (strongly
 * dislike) to 5 (strongly like). An area's score is the sum of its items' ratings, so with five
 * items per area it runs from 5 to 25. The high-point code is the three highest areas; the
 * profile is matched to a career's six O*NET interest levels by shape (Pearson correlation).
 * The method is described in docs/matching.md. It is not the O*NET Interest Profiler.
 */
#ifndef ALLIED_PROFILE_H
#define ALLIED_PROFILE_H

#include "career.h"
#include "diag.h"

#include <stdbool.h>
#include <stddef.h>

#define PROFILE_MAX_ITEMS 64
#define PROFILE_RATING_MIN 1
#define PROFILE_RATING_MAX 5
/* A profile whose highest and lowest area scores differ by this much or less is "flat". */
#define PROFILE_FLAT_RANGE 2

/* One inventory item: an activity a person rates. */
struct profile_item {
	int area;		/* 0..RIASEC_COUNT-1, in career_riasec_names order */
	char *text;
};

/* The area named name (career_riasec_names: "realistic", ...), or -1. */
int profile_area_parse(const char *name);
/* How the 1-5 ratings read ("strongly dislike" ...), index rating - 1. */
extern const char *const profile_rating_labels[PROFILE_RATING_MAX];

struct profile {
	size_t n_items;
	int score[RIASEC_COUNT];	/* sum of the area's ratings */
	int min_score[RIASEC_COUNT];	/* lowest possible (items x 1) */
	int max_score[RIASEC_COUNT];	/* highest possible (items x 5) */
	int n_top[RIASEC_COUNT];	/* how many of the area's items were rated 5 */
	int order[RIASEC_COUNT];	/* areas from highest to lowest, ties broken as documented */
	char code[RIASEC_COUNT + 1];	/* the first three of order as letters, e.g. "SIR" */
	bool tied;			/* the code's order rests on the fixed R-I-A-S-E-C rule somewhere */
	bool flat;			/* max - min score <= PROFILE_FLAT_RANGE */
	int range;			/* highest minus lowest area score */
};

/*
 * Score an answer string: one digit 1-5 per item, in item order. A wrong length, a character
 * that is not a digit, or a digit outside 1-5 gives ALLIED_EINVAL naming the position and what
 * is allowed. Every area must have at least one item.
 */
int profile_score(const struct profile_item *items, size_t n_items, const char *answers, struct profile *p,
		  struct diag *err);

/*
 * How well the profile's shape matches a career's six O*NET interest levels: the Pearson
 * correlation, -1 to 1. NAN when either side has no spread or a level is unknown.
 */
double profile_fit(const struct profile *p, const double levels[RIASEC_COUNT]);

#endif
