/*
 * onet: the O*NET text release (see onet.h).
 *
 * Each file is read by one row function through the same frame (parse_file): header by column
 * name, then every row checked. Rows of occupations that Occupation Data does not list are
 * counted and left out (29.0's Alternate Titles names the same occupations as 29.3, but another
 * pairing of releases may not).
 */
#include "onet.h"
#include "import-internal.h"
#include "import.h"
#include "tsv.h"
#include "xmalloc.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const onet_file_names[ONET_FILE_COUNT] = {
	[ONET_OCCUPATIONS] = "Occupation Data.txt",
	[ONET_ALT_TITLES] = "Alternate Titles.txt",
	[ONET_INTERESTS] = "Interests.txt",
	[ONET_JOB_ZONES] = "Job Zones.txt",
	[ONET_RELATED] = "Related Occupations.txt",
	[ONET_TASKS] = "Task Statements.txt",
	[ONET_EDUCATION] = "Education, Training, and Experience.txt",
};

void onet_data_init(struct onet_data *d)
{
	memset(d, 0, sizeof(*d));
	for (int f = 0; f < ONET_FILE_COUNT; f++)
		d->file_release[f] = -1;
}

void onet_data_release(struct onet_data *d)
{
	for (size_t i = 0; i < d->n; i++) {
		struct onet_occupation *o = &d->occ[i];
		free(o->title);
		free(o->description);
		strvec_release(&o->alt_titles);
		strvec_release(&o->tasks);
		for (size_t k = 0; k < o->n_related; k++)
			free(o->related[k].tier);
		free(o->related);
	}
	free(d->occ);
	for (size_t i = 0; i < d->n_releases; i++) {
		free(d->releases[i].title);
		free(d->releases[i].as_of);
		free(d->releases[i].source_id);
	}
	free(d->releases);
	onet_data_init(d);
}

/* ---- Read Me.txt ---- */

static char *readme_line(const char **p, const char *end)
{
	const char *nl = memchr(*p, '\n', (size_t)(end - *p));
	const char *stop = nl ? nl : end;
	char *line = xstrndup(*p, (size_t)(stop - *p));
	size_t n = strlen(line);
	while (n && (line[n - 1] == '\r' || line[n - 1] == ' '))
		line[--n] = '\0';
	*p = nl ? nl + 1 : end;
	return line;
}

/* "May 2025 Release" -> "2025-05"; NULL when the line names no month and year. */
static char *release_month(const char *line)
{
	static const char *const months[] = { "January", "February", "March", "April", "May", "June", "July",
					      "August", "September", "October", "November", "December" };
	for (int m = 0; m < 12; m++) {
		size_t n = strlen(months[m]);
		const char *y = line + n + 1;
		if (strncmp(line, months[m], n) == 0 && line[n] == ' ' && isdigit((unsigned char)y[0]) &&
		    isdigit((unsigned char)y[1]) && isdigit((unsigned char)y[2]) && isdigit((unsigned char)y[3]) &&
		    !isdigit((unsigned char)y[4]))
			return xasprintf("%.4s-%02d", y, m + 1);
	}
	return NULL;
}

int onet_add_release(struct onet_data *d, const char *path, const char *readme, size_t len, struct diag *err)
{
	const char *p = readme, *end = readme + len;
	char *title = readme_line(&p, end), *when = readme_line(&p, end);
	size_t n = strlen(title), vlen = n > 15 ? n - 15 : 0;
	const char *version = title + 6;
	char *r_as_of = NULL;
	int rc = 0;

	/* "O*NET 29.3 Database": the version is between the prefix and the suffix */
	if (n <= 15 || strncmp(title, "O*NET ", 6) != 0 || strcmp(title + n - 9, " Database") != 0 ||
	    strspn(version, "0123456789.") != vlen)
		rc = diag_set(err, ALLIED_EINVAL, "%s:1:1: expected a first line like 'O*NET 29.3 Database'; is this an O*NET release?",
			      path);
	if (rc == 0 && !(r_as_of = release_month(when)))
		rc = diag_set(err, ALLIED_EINVAL, "%s:2:1: expected a second line like 'May 2025 Release'", path);
	for (size_t i = 0; rc == 0 && i < d->n_releases; i++)
		if (strcmp(d->releases[i].title, title) == 0)
			rc = (int)i + 1;	/* the same release in two directories */
	if (rc == 0) {
		d->releases = xrealloc(d->releases, (d->n_releases + 1) * sizeof(*d->releases));
		struct onet_release *r = &d->releases[d->n_releases];
		r->title = title;
		r->as_of = r_as_of;
		r_as_of = NULL;
		r->source_id = xasprintf("import-onet-%.*s", (int)vlen, version);
		title = NULL;
		rc = (int)d->n_releases++ + 1;
	}
	free(title);
	free(when);
	free(r_as_of);
	return rc > 0 ? rc - 1 : rc;
}

/* ---- values ---- */

static bool is_code(const char *s)
{
	static const char shape[] = "99-9999.99";
	for (size_t i = 0; i < sizeof(shape) - 1; i++)
		if (shape[i] == '9' ? !isdigit((unsigned char)s[i]) : s[i] != shape[i])
			return false;
	return s[sizeof(shape) - 1] == '\0';
}

static bool parse_number(const char *s, double lo, double hi, double *out)
{
	char *end;
	double v = strtod(s, &end);
	if (end == s || *end || !isfinite(v) || v < lo || v > hi)
		return false;
	*out = v;
	return true;
}

static bool parse_whole(const char *s, int lo, int hi, int *out)
{
	double v;
	if (!parse_number(s, lo, hi, &v) || v != floor(v))
		return false;
	*out = (int)v;
	return true;
}

static int cmp_code(const void *a, const void *b)
{
	return strcmp(((const struct onet_occupation *)a)->code, ((const struct onet_occupation *)b)->code);
}

static int cmp_related(const void *a, const void *b)
{
	return ((const struct onet_related *)a)->index - ((const struct onet_related *)b)->index;
}

const struct onet_occupation *onet_find(const struct onet_data *d, const char *code)
{
	struct onet_occupation key;
	if (strlen(code) >= sizeof(key.code) || !d->n)
		return NULL;
	strcpy(key.code, code);
	return bsearch(&key, d->occ, d->n, sizeof(*d->occ), cmp_code);
}

/* ---- the files ---- */

struct reader {
	struct tsv t;
	size_t idx[6];
	const char *path;
	struct diag *err;
	int *n_problems;
	size_t cap;		/* of d->occ, while reading Occupation Data */
};

#define FIELD(r, k) ((r)->t.field[(r)->idx[k]])
#define COLUMN(r, k) ((r)->t.column[(r)->idx[k]])

static void row_problem(struct reader *r, int k, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void row_problem(struct reader *r, int k, const char *fmt, ...)
{
	char what[400];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	import_problem(r->err, r->n_problems, "%s:%zu:%zu: %s", r->path, r->t.line, COLUMN(r, k), what);
}

/* The occupation a row (column 0 is its code) is about; NULL after a problem or when unlisted. */
static struct onet_occupation *row_occupation(struct onet_data *d, struct reader *r, enum onet_file f)
{
	if (!is_code(FIELD(r, 0))) {
		row_problem(r, 0, "O*NET-SOC Code '%.20s' is not like 29-2052.00", FIELD(r, 0));
		return NULL;
	}
	struct onet_occupation *o = (struct onet_occupation *)onet_find(d, FIELD(r, 0));
	if (!o)
		d->skipped[f]++;
	return o;
}

static void occupation_row(struct onet_data *d, struct reader *r)
{
	if (!is_code(FIELD(r, 0))) {
		row_problem(r, 0, "O*NET-SOC Code '%.20s' is not like 29-2052.00", FIELD(r, 0));
		return;
	}
	if (!FIELD(r, 1)[0]) {
		row_problem(r, 1, "occupation %s has no title", FIELD(r, 0));
		return;
	}
	xgrow((void **)&d->occ, &r->cap, d->n + 1, sizeof(*d->occ));
	struct onet_occupation *o = &d->occ[d->n++];
	memset(o, 0, sizeof(*o));
	strcpy(o->code, FIELD(r, 0));
	o->title = xstrdup(FIELD(r, 1));
	o->description = FIELD(r, 2)[0] ? xstrdup(FIELD(r, 2)) : NULL;
	for (int a = 0; a < RIASEC_COUNT; a++)
		o->riasec[a] = NAN;
	for (int c = 0; c <= ONET_EDUCATION_MAX; c++)
		o->education_pct[c] = NAN;
	o->job_zone = CAREER_UNKNOWN;
	strvec_init(&o->alt_titles);
	strvec_init(&o->tasks);
}

static void alt_title_row(struct onet_data *d, struct reader *r)
{
	struct onet_occupation *o = row_occupation(d, r, ONET_ALT_TITLES);
	if (!o)
		return;
	if (!FIELD(r, 1)[0])
		row_problem(r, 1, "an empty alternate title for %s", o->code);
	else if (!strvec_contains(&o->alt_titles, FIELD(r, 1)))	/* 29.0 lists two titles twice */
		strvec_push(&o->alt_titles, FIELD(r, 1));
}

static void task_row(struct onet_data *d, struct reader *r)
{
	struct onet_occupation *o = row_occupation(d, r, ONET_TASKS);
	if (!o)
		return;
	if (!FIELD(r, 1)[0])
		row_problem(r, 1, "an empty task for %s", o->code);
	else if (!strvec_contains(&o->tasks, FIELD(r, 1)))
		strvec_push(&o->tasks, FIELD(r, 1));
}

/* Interests: scale OI (elements 1.B.1.a-f, 1-7) and the high points IH (1.B.1.g-i, 0-6). */
static void interest_row(struct onet_data *d, struct reader *r)
{
	struct onet_occupation *o = row_occupation(d, r, ONET_INTERESTS);
	const char *el = FIELD(r, 1), *scale = FIELD(r, 2);
	bool oi = strcmp(scale, "OI") == 0, ih = strcmp(scale, "IH") == 0;
	int k = strncmp(el, "1.B.1.", 6) == 0 && el[6] >= 'a' && el[6] <= 'i' && !el[7] ? el[6] - 'a' : -1;
	double v;

	if (!o || !(oi || ih) || k < 0 || (oi && k >= RIASEC_COUNT) || (ih && k < RIASEC_COUNT))
		return;
	if (!parse_number(FIELD(r, 3), oi ? 1 : 0, oi ? 7 : 6, &v) || (ih && v != floor(v))) {
		row_problem(r, 3, "Data Value '%.20s' is not %s", FIELD(r, 3), oi ? "an interest level from 1 to 7" :
			"a high point from 0 to 6");
		return;
	}
	bool seen = oi ? !isnan(o->riasec[k]) : o->interest_code[k - RIASEC_COUNT] != '\0';
	if (seen) {
		row_problem(r, 1, "%s has element %s twice", o->code, el);
		return;
	}
	if (oi)
		o->riasec[k] = v;
	else
		o->interest_code[k - RIASEC_COUNT] = v == 0 ? '0' : "RIASEC"[(int)v - 1];
}

static void job_zone_row(struct onet_data *d, struct reader *r)
{
	struct onet_occupation *o = row_occupation(d, r, ONET_JOB_ZONES);
	int zone;
	if (!o)
		return;
	if (!parse_whole(FIELD(r, 1), 1, 5, &zone))
		row_problem(r, 1, "Job Zone '%.20s' is not a whole number from 1 to 5", FIELD(r, 1));
	else if (o->job_zone != CAREER_UNKNOWN)
		row_problem(r, 0, "%s has a job zone twice", o->code);
	else
		o->job_zone = zone;
}

static void related_row(struct onet_data *d, struct reader *r)
{
	struct onet_occupation *o = row_occupation(d, r, ONET_RELATED);
	int index;
	if (!o)
		return;
	if (!is_code(FIELD(r, 1))) {
		row_problem(r, 1, "Related O*NET-SOC Code '%.20s' is not like 29-2052.00", FIELD(r, 1));
		return;
	}
	if (!parse_whole(FIELD(r, 3), 1, 9999, &index)) {
		row_problem(r, 3, "Index '%.20s' is not a whole number from 1", FIELD(r, 3));
		return;
	}
	for (size_t i = 0; i < o->n_related; i++)
		if (o->related[i].index == index) {
			row_problem(r, 3, "%s has related occupation number %s twice", o->code, FIELD(r, 3));
			return;
		}
	o->related = xrealloc(o->related, (o->n_related + 1) * sizeof(*o->related));
	struct onet_related *rel = &o->related[o->n_related++];
	strcpy(rel->code, FIELD(r, 1));
	rel->tier = FIELD(r, 2)[0] ? xstrdup(FIELD(r, 2)) : NULL;
	rel->index = index;
}

/* Education, Training, and Experience: only the Required Level of Education (2.D.1, RL). */
static void education_row(struct onet_data *d, struct reader *r)
{
	int cat;
	double pct;
	if (strcmp(FIELD(r, 1), "2.D.1") != 0 || strcmp(FIELD(r, 2), "RL") != 0)
		return;
	struct onet_occupation *o = row_occupation(d, r, ONET_EDUCATION);
	if (!o)
		return;
	if (!parse_whole(FIELD(r, 3), 1, ONET_EDUCATION_MAX, &cat))
		row_problem(r, 3, "Category '%.20s' is not a level of education from 1 to 12", FIELD(r, 3));
	else if (!parse_number(FIELD(r, 4), 0, 100, &pct))
		row_problem(r, 4, "Data Value '%.20s' is not a percentage", FIELD(r, 4));
	else if (!isnan(o->education_pct[cat]))
		row_problem(r, 3, "%s has education category %s twice", o->code, FIELD(r, 3));
	else
		o->education_pct[cat] = pct;
}

static const struct file_spec {
	const char *cols[6];
	void (*row)(struct onet_data *d, struct reader *r);
} specs[ONET_FILE_COUNT] = {
	[ONET_OCCUPATIONS] = { { "O*NET-SOC Code", "Title", "Description" }, occupation_row },
	[ONET_ALT_TITLES] = { { "O*NET-SOC Code", "Alternate Title" }, alt_title_row },
	[ONET_INTERESTS] = { { "O*NET-SOC Code", "Element ID", "Scale ID", "Data Value" }, interest_row },
	[ONET_JOB_ZONES] = { { "O*NET-SOC Code", "Job Zone" }, job_zone_row },
	[ONET_RELATED] = { { "O*NET-SOC Code", "Related O*NET-SOC Code", "Relatedness Tier", "Index" }, related_row },
	[ONET_TASKS] = { { "O*NET-SOC Code", "Task" }, task_row },
	[ONET_EDUCATION] = { { "O*NET-SOC Code", "Element ID", "Scale ID", "Category", "Data Value" }, education_row },
};

static void parse_file(struct onet_data *d, const struct onet_input *in, enum onet_file f, int *n_problems,
		       struct diag *err)
{
	const struct file_spec *spec = &specs[f];
	struct reader r = { .path = in->path, .err = err, .n_problems = n_problems };
	struct diag local;
	size_t n_cols = 0;
	int rc;

	while (n_cols < 6 && spec->cols[n_cols])
		n_cols++;
	diag_init(&local);
	tsv_init(&r.t, in->path, in->data, in->len);
	rc = tsv_next(&r.t, &local);
	if (rc == 0)
		rc = diag_set(&local, ALLIED_EINVAL, "%s:1:1: the file is empty; expected a header with %s", in->path,
			      spec->cols[0]);
	if (rc > 0)
		rc = tsv_columns(&r.t, spec->cols, n_cols, r.idx, &local);
	while (rc >= 0 && (rc = tsv_next(&r.t, &local)) > 0) {
		d->rows[f]++;
		if (import_row_complete(&r.t, r.idx, n_cols, err, n_problems))
			spec->row(d, &r);
	}
	if (rc < 0)
		import_problem(err, n_problems, "%s", local.msg);
	tsv_release(&r.t);
}

/* The code from the high points, else the three highest levels (ties in R I A S E C order). */
static void finish_interest_code(struct onet_occupation *o)
{
	const char *hp = o->interest_code;	/* while reading: the high points, '0' for none */
	char code[4] = "";
	size_t n = 0;
	int order[RIASEC_COUNT], known = 0;

	if (hp[0] || hp[1] || hp[2]) {
		for (int k = 0; k < 3; k++)
			if (hp[k] && hp[k] != '0')
				code[n++] = hp[k];
	} else {
		for (int a = 0; a < RIASEC_COUNT; a++) {
			known += !isnan(o->riasec[a]);
			order[a] = a;
			for (int j = a; j > 0 && o->riasec[order[j]] > o->riasec[order[j - 1]]; j--) {
				int t = order[j];
				order[j] = order[j - 1];
				order[j - 1] = t;
			}
		}
		for (; known == RIASEC_COUNT && n < 3; n++)
			code[n] = "RIASEC"[order[n]];
	}
	code[n] = '\0';
	memcpy(o->interest_code, code, sizeof(code));
}

int onet_parse(struct onet_data *d, const struct onet_input in[ONET_FILE_COUNT],
	       void (*progress)(void *ctx, const char *stage, size_t done, size_t total), void *ctx,
	       struct diag *err)
{
	int n_problems = 0;
	char stage[80];

	if (!in[ONET_OCCUPATIONS].data)
		return diag_set(err, ALLIED_EINVAL, "no '%s': the occupations are required", onet_file_names[ONET_OCCUPATIONS]);
	for (int f = 0; f < ONET_FILE_COUNT; f++) {
		if (!in[f].data)
			continue;
		if (progress) {
			snprintf(stage, sizeof(stage), "reading %s", onet_file_names[f]);
			progress(ctx, stage, (size_t)f, ONET_FILE_COUNT);
		}
		d->file_release[f] = in[f].release;
		parse_file(d, &in[f], (enum onet_file)f, &n_problems, err);
		if (f == ONET_OCCUPATIONS && d->n) {
			qsort(d->occ, d->n, sizeof(*d->occ), cmp_code);
			for (size_t i = 1; i < d->n; i++)
				if (strcmp(d->occ[i].code, d->occ[i - 1].code) == 0)
					import_problem(err, &n_problems, "%s: O*NET-SOC Code %s appears twice", in[f].path,
						       d->occ[i].code);
		}
		if (f == ONET_OCCUPATIONS && n_problems == 0 && d->n == 0)
			import_problem(err, &n_problems, "%s: no occupations after the header", in[f].path);
	}
	for (size_t i = 0; i < d->n; i++) {
		finish_interest_code(&d->occ[i]);
		if (d->occ[i].n_related)
			qsort(d->occ[i].related, d->occ[i].n_related, sizeof(*d->occ[i].related), cmp_related);
	}
	if (n_problems > IMPORT_MAX_ERRORS)
		diag_append(err, ALLIED_EINVAL, "%d problems in all", n_problems);
	if (n_problems) {
		err->code = ALLIED_EINVAL;
		return ALLIED_EINVAL;
	}
	return 0;
}
