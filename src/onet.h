/*
 * onet: the O*NET text release (tab-separated files) into occupations with their interests,
 * job zone, tasks, alternate titles, related occupations and required level of education.
 *
 * Parse layer, pure: bytes in, structs out, no I/O and no database, so that tests and fuzzers
 * can feed it anything. Files are read by column name, so both the 29.0 layout (no Title column
 * after O*NET-SOC Code in some files) and the 29.1+ layout work. Every row is checked; problems
 * are "file:line:column: message" lines (import-internal.h) and then nothing is returned.
 */
#ifndef ALLIED_ONET_H
#define ALLIED_ONET_H

#include "buf.h"
#include "career.h"
#include "diag.h"

#include <stdbool.h>
#include <stddef.h>

/* The files allied reads, by their names in a release directory. Only Occupation Data is required. */
enum onet_file {
	ONET_OCCUPATIONS, ONET_ALT_TITLES, ONET_INTERESTS, ONET_JOB_ZONES, ONET_RELATED, ONET_TASKS,
	ONET_EDUCATION, ONET_FILE_COUNT
};
extern const char *const onet_file_names[ONET_FILE_COUNT];
#define ONET_README "Read Me.txt"

/* Categories of O*NET's Required Level of Education (element 2.D.1, scale RL): 1-12. */
#define ONET_EDUCATION_MAX 12

/* One file of a release, as the front end read it. */
struct onet_input {
	const char *path;		/* for messages */
	const char *data;		/* NULL: the file is absent */
	size_t len;
	int release;			/* index into onet_data.releases of the directory it came from */
};

/* A release: "O*NET 29.3 Database", "May 2025 Release" from its Read Me.txt. */
struct onet_release {
	char *title;			/* the first line of Read Me.txt */
	char *as_of;			/* "2025-05" from the second line */
	char *source_id;		/* "import-onet-29.3": the id of its source row */
};

struct onet_related {
	char code[11];			/* the related occupation */
	char *tier;			/* "Primary-Short", ...; may be NULL */
	int index;			/* O*NET's order, from 1 */
};

struct onet_occupation {
	char code[11];			/* "29-2052.00" */
	char *title, *description;	/* description may be NULL */
	double riasec[RIASEC_COUNT];	/* occupational interests 1-7 (scale OI), NAN if not given */
	char interest_code[4];		/* from the high points (scale IH), else the top three OI; "" if unknown */
	int job_zone;			/* 1-5, CAREER_UNKNOWN if not given */
	struct strvec alt_titles, tasks;	/* in file order */
	struct onet_related *related;
	size_t n_related;
	double education_pct[ONET_EDUCATION_MAX + 1];	/* [category] percent (RL), NAN if not given */
};

struct onet_data {
	struct onet_occupation *occ;	/* sorted by code */
	size_t n;
	struct onet_release *releases;
	size_t n_releases;
	int file_release[ONET_FILE_COUNT];	/* the release each file came from; -1 when absent */
	size_t rows[ONET_FILE_COUNT];	/* data rows read from each file */
	size_t skipped[ONET_FILE_COUNT];	/* rows for occupations not in Occupation Data */
};

void onet_data_init(struct onet_data *d);
void onet_data_release(struct onet_data *d);

/*
 * Add a release from the bytes of its Read Me.txt (path for messages); returns its index (the
 * same for a release added before), or ALLIED_EINVAL when the first line does not name an O*NET
 * database ("O*NET 29.3 Database") or the second not its month ("May 2025 Release").
 */
int onet_add_release(struct onet_data *d, const char *path, const char *readme, size_t len, struct diag *err);

/*
 * Parse in[ONET_FILE_COUNT] (indexed by enum onet_file; in[ONET_OCCUPATIONS] must be present)
 * into d, which has the releases the inputs name. progress (may be NULL) is called once per
 * file with the number of files read so far. Returns 0, or ALLIED_EINVAL with every problem
 * in err (d is then to be released, not used).
 */
int onet_parse(struct onet_data *d, const struct onet_input in[ONET_FILE_COUNT],
	       void (*progress)(void *ctx, const char *stage, size_t done, size_t total), void *ctx,
	       struct diag *err);

/* The occupation with this code, or NULL. */
const struct onet_occupation *onet_find(const struct onet_data *d, const char *code);

#endif
