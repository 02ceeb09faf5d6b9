/*
 * programs: finding training programs — near a ZIP code, for a career, by schedule, length,
 * credential and accreditation.
 *
 * Core layer, pure: the store loads every program with its school into a struct program_list
 * once; programs_find filters and orders it, using an index of the list that it builds itself
 * the first time (see struct program_list). Option names are shared by the command line and
 * the API, like filter.h's. A program whose value for a limit is unknown does not pass it, and
 * a program with no known location is never placed "near" anything.
 */
#ifndef ALLIED_PROGRAMS_H
#define ALLIED_PROGRAMS_H

#include "buf.h"
#include "diag.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PROGRAMS_DEFAULT_RADIUS_MILES 25
#define PROGRAMS_MAX_RADIUS_MILES 500

/* One program with what the finder and the listings need of its school. Strings are owned by the list. */
struct program_row {
	const char *id, *name;
	const char *careers;			/* career ids separated by spaces ("" when none) */
	const char *career_name;		/* a career allied has no file for, or NULL */
	const char *institution_id, *institution, *campus, *city, *state, *zip;
	double lat, lon;			/* NAN when the location is unknown */
	bool located_by_zip;			/* lat/lon are the centroid of the school's ZIP code */
	bool campus_unknown;
	int credential;				/* training.h: career credential, CREDENTIAL_NONCREDIT, or CAREER_UNKNOWN */
	double months;				/* NAN when unknown */
	unsigned schedule;			/* 1u << enum program_schedule; 0 = unknown */
	const char *accreditor;			/* programmatic accreditor id, or NULL */
	int status;				/* enum program_status */
	int admission;				/* enum program_admission or CAREER_UNKNOWN */
	int64_t cost_usd, clinical_hours;	/* CAREER_UNKNOWN when unknown */
	double exam_pass_pct, completion_pct, placement_pct;	/* NAN when unpublished */
	int64_t outcomes_year;
	const char *note, *as_of, *sources;	/* sources: ids separated by spaces */
	const char *prerequisites, *cip;	/* NULL when unknown */
};

struct programs_index;

/*
 * Fill v (xgrow) and keep strings, then find. The first programs_find on a list builds an index
 * of it (programs sorted by latitude with what the limits read, each row's place in the order by
 * state, school and name, the distinct career lists) and keeps it in index until
 * program_list_release; several threads may find in one list at once. So a list must not change
 * after its first programs_find (the finder asserts that n has not).
 */
struct program_list {
	struct program_row *v;
	size_t n, cap;
	struct strvec strings;			/* owns every string of the rows */
	struct programs_index *_Atomic index;	/* NULL until the first programs_find; owned */
};

void program_list_init(struct program_list *l);
void program_list_release(struct program_list *l);
/* Keep a copy of s (may be NULL) for the list's lifetime. */
const char *program_list_keep(struct program_list *l, const char *s);

struct program_query {
	const char *career;		/* a career id, or NULL for any */
	bool near;			/* with lat/lon: only programs within radius_miles, nearest first */
	double lat, lon, radius_miles;
	unsigned schedule_any;		/* offered in at least one of these schedules; 0 = any */
	double max_months;		/* NAN = no limit */
	int credential;			/* exactly this credential, or -1 */
	bool accredited;		/* only programs whose programmatic accreditation is stated */
};

void programs_query_init(struct program_query *q);

/* The option names programs_set takes (without career and near, which need the store). */
extern const char *const programs_option_names[];
/* Does option name take a value? 1 yes, 0 a flag, -1 not an option of programs_set. */
int programs_option_has_value(const char *name);
/*
 * Set one option by name: radius MILES, schedule LIST, evening / weekend / online / part-time /
 * day / hybrid (flags: that schedule), max-months N, credential ID, accredited (flag). Bad
 * values give ALLIED_EINVAL naming what is allowed; a missing value (NULL or "") ALLIED_EUSAGE.
 */
int programs_set(struct program_query *q, const char *name, const char *value, struct diag *err);

struct program_hit {
	size_t row;			/* index into the list */
	double miles;			/* distance from the query's point, or NAN when not near */
};

/*
 * The programs of l that pass q, written to out (room for l->n): nearest first when q->near,
 * else by state, school and program name; ties by id. *unlocated (may be NULL) counts the
 * programs that pass every other limit but have no known location, when q->near.
 */
size_t programs_find(const struct program_list *l, const struct program_query *q, struct program_hit *out,
		     size_t *unlocated);

/* Does the space-separated id list contain id? An empty id is in no list. */
bool programs_has_career(const struct program_row *r, const char *id);

#endif
