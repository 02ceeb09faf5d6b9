/*
 * filter: hard limits on careers ("--group diagnostic --max-months 12 --no-blood") and sorting.
 *
 * Core layer, pure: parses named options (shared by the command line and the API's query
 * parameters, so both accept exactly the same names and values) and applies them to a catalog.
 * A limit excludes careers whose value for it is unknown: allied never guesses that a career
 * meets a limit.
 */
#ifndef ALLIED_FILTER_H
#define ALLIED_FILTER_H

#include "catalog.h"
#include "diag.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum filter_sort { SORT_TITLE, SORT_PAY, SORT_MONTHS, SORT_GROWTH, SORT_OPENINGS, SORT_COUNT };

struct career_filter {
	int group;		/* enum career_group, or -1 for any */
	int max_months;		/* usual training (career_training_months) at most this many months, or -1 */
	int max_contact;	/* patient contact at most, or -1 */
	int min_contact;	/* patient contact at least, or -1 */
	int max_blood;		/* blood exposure at most, or -1 */
	int max_physical;	/* physical demands at most, or -1 */
	int max_credential;	/* some route needs at most this credential, or -1 */
	int min_remote;		/* remote work at least, or -1 */
	uint64_t settings_any;	/* works in at least one of these settings; 0 = any */
	uint64_t interests_any;	/* touches at least one of these interests; 0 = any */
	unsigned avoid_shifts;	/* usual shifts include none of these; 0 = no limit */
	int64_t min_pay_usd;	/* median annual wage at least, or -1 */
	double min_growth_pct;	/* projected growth 2024-34 at least; NAN = no limit */
	int sort;		/* enum filter_sort */
};

/* The option names filter_set accepts, for help texts and error messages. */
extern const char *const filter_option_names[];

void filter_init(struct career_filter *f);

/*
 * Set one option by name (without leading dashes), e.g. ("max-months", "12"), ("no-blood",
 * NULL). Flags take value NULL. Unknown names give ALLIED_EUSAGE; bad values give ALLIED_EINVAL
 * naming the value and what is allowed. Vocabulary ids are checked against cat.
 */
int filter_set(struct career_filter *f, const struct catalog *cat, const char *name, const char *value,
	       struct diag *err);

/* Does option name take a value? (-1 if it is not an option.) */
int filter_option_has_value(const char *name);

/* Does brief b pass every limit in f? */
bool filter_match(const struct career_filter *f, const struct career_brief *b);

/*
 * The indexes of the careers in cat that pass f, ordered by f->sort (ties by id), written to
 * out (room for cat->n). Returns how many.
 */
size_t filter_apply(const struct career_filter *f, const struct catalog *cat, size_t *out);

/* Order idx[0..n) (indexes into cat) by f->sort, ties by id. */
void filter_sort(const struct career_filter *f, const struct catalog *cat, size_t *idx, size_t n);

#endif
