/*
 * import-programs: a school's own program file, CSV or JSON (docs/program-format.md; import.h).
 *
 * Both formats become the same rows of (key, text) pairs, checked by one function: a JSON
 * number becomes its text and a JSON list of strings becomes the text joined by ';'. CSV
 * problems point at file:line:column; JSON values at file:[index].key (jansson keeps no
 * position for values), JSON syntax at file:line:column.
 */
#include "import.h"
#include "import-internal.h"
#include "csvfile.h"
#include "training.h"
#include "xmalloc.h"

#include <ctype.h>
#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
	K_INSTITUTION, K_UNITID, K_SCHOOL, K_ADDRESS, K_CITY, K_STATE, K_ZIP, K_LATITUDE, K_LONGITUDE, K_PROGRAM,
	K_CAREERS, K_CIP, K_CREDENTIAL, K_MONTHS, K_SCHEDULE, K_COST, K_ADMISSION, K_PREREQUISITES, K_CLINICAL,
	K_ACCREDITOR, K_STATUS, K_EXAM, K_COMPLETION, K_PLACEMENT, K_OUTCOMES_YEAR, K_SOURCE_URL, K_AS_OF, N_KEYS
};
static const char *const key_names[N_KEYS] = {
	"institution", "unitid", "school_name", "address", "city", "state", "zip", "latitude", "longitude", "program",
	"careers", "cip", "credential", "months", "schedule", "cost_usd", "admission", "prerequisites",
	"clinical_hours", "accreditor", "accreditation_status", "exam_pass_pct", "completion_pct", "placement_pct",
	"outcomes_year", "source_url", "as_of",
};

/* One program row of either format: v[k] is "" when the key is absent or empty. */
struct row {
	const char *v[N_KEYS];
	size_t line[N_KEYS], column[N_KEYS];	/* CSV */
	size_t index;				/* JSON: the array index */
	bool json;
};

struct ctx {
	struct store *st;
	const char *name;
	struct diag *err;
	int n_errors;
	char *origin;			/* the file's key, from its first school */
	struct institution *schools;	/* in order of first appearance, each with its programs */
	struct strvec *urls;		/* per school: each program's source_url */
	size_t n_schools, cap;
	struct strvec accreditors;	/* the valid ids, read when first needed */
	bool db_failed;
};

static void problem(struct ctx *x, const struct row *r, int k, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void problem(struct ctx *x, const struct row *r, int k, const char *fmt, ...)
{
	char msg[400];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (r->json)
		import_problem(x->err, &x->n_errors, "%s:[%zu].%s: %s", x->name, r->index, key_names[k], msg);
	else
		import_problem(x->err, &x->n_errors, "%s:%zu:%zu: %s", x->name, r->line[k], r->column[k], msg);
}

/* A database failure while checking: kept in err as it is (exit 1, not 3). */
static void db_failure(struct ctx *x, const struct diag *e)
{
	if (!x->db_failed)
		diag_set(x->err, e->code, "%s", e->msg);
	x->db_failed = true;
}

static char *slug(const char *s, size_t max)
{
	struct buf b;
	buf_init(&b, 0);
	for (; *s && b.len < max; s++) {
		if (isalnum((unsigned char)*s))
			buf_addc(&b, (char)tolower((unsigned char)*s));
		else if (b.len && b.data[b.len - 1] != '-')
			buf_addc(&b, '-');
	}
	while (b.len && b.data[b.len - 1] == '-')
		b.data[--b.len] = '\0';
	char *out = buf_detach(&b, NULL);
	buf_release(&b);	/* buf_detach leaves b empty but allocated */
	return out;
}

static bool parse_real(const char *s, double lo, double hi, double *out)
{
	char *end;
	double v = strtod(s, &end);
	if (end == s || *end || !isfinite(v) || v < lo || v > hi)
		return false;
	*out = v;
	return true;
}

static bool parse_whole(const char *s, int64_t lo, int64_t hi, int64_t *out)
{
	char *end;
	if (!isdigit((unsigned char)s[0]))
		return false;
	long long v = strtoll(s, &end, 10);
	if (*end || v < lo || v > hi)
		return false;
	*out = v;
	return true;
}

/* YYYY-MM or YYYY-MM-DD */
static bool is_date(const char *s)
{
	size_t n = strlen(s);
	if (n != 7 && n != 10)
		return false;
	for (size_t i = 0; i < n; i++)
		if ((i == 4 || i == 7) ? s[i] != '-' : !isdigit((unsigned char)s[i]))
			return false;
	int month = atoi(s + 5), day = n == 10 ? atoi(s + 8) : 1;
	return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

static int enum_parse(const char *(*id)(int), int count, const char *s)
{
	for (int k = 0; k < count; k++)
		if (id(k) && strcmp(id(k), s) == 0)
			return k;
	return -1;
}

static void enum_list(const char *(*id)(int), int count, char *out, size_t size)
{
	out[0] = '\0';
	for (int k = 0; k < count; k++)
		snprintf(out + strlen(out), size - strlen(out), "%s%s", k ? ", " : "", id(k));
}

/* Each ';'-separated item of s, trimmed, into out. */
static void split_list(const char *s, struct strvec *out)
{
	while (*s) {
		size_t len = strcspn(s, ";");
		const char *a = s, *b = s + len;
		while (a < b && isspace((unsigned char)*a))
			a++;
		while (b > a && isspace((unsigned char)b[-1]))
			b--;
		if (b > a)
			strvec_push_owned(out, xstrndup(a, (size_t)(b - a)));
		s += len + (s[len] == ';');
	}
}

/* The index of the school with this id in x->schools, adding it (a copy of model) when new. */
static size_t school_slot(struct ctx *x, const char *id, const struct institution *model)
{
	if (x->n_schools && strcmp(x->schools[x->n_schools - 1].id, id) == 0)
		return x->n_schools - 1;	/* rows usually come school by school */
	for (size_t i = 0; i < x->n_schools; i++)
		if (strcmp(x->schools[i].id, id) == 0)
			return i;
	size_t old_cap = x->cap;
	xgrow((void **)&x->schools, &x->cap, x->n_schools + 1, sizeof(*x->schools));
	if (x->cap != old_cap)
		x->urls = xrealloc(x->urls, x->cap * sizeof(*x->urls));
	struct institution *in = &x->schools[x->n_schools];
	*in = *model;
	in->id = xstrdup(id);
	strvec_init(&x->urls[x->n_schools]);
	return x->n_schools++;
}

static void set_origin(struct ctx *x, const char *school_id)
{
	if (!x->origin) {
		const char *base = strrchr(x->name, '/') ? strrchr(x->name, '/') + 1 : x->name;
		x->origin = xasprintf("school-file:%s/%s", school_id, base);
	}
}

/* A school the file describes itself: its slot, or -1 after a problem. */
static long new_school(struct ctx *x, const struct row *r, int64_t unitid)
{
	struct institution in;
	char state[3];
	bool ok = true;

	memset(&in, 0, sizeof(in));
	in.latitude = in.longitude = NAN;
	in.ipeds_unitid = unitid;
	if (!training_state_parse(r->v[K_STATE], state)) {
		problem(x, r, K_STATE, "a new school needs state, a two-letter U.S. state code ('%.20s' is not one)", r->v[K_STATE]);
		ok = false;
	}
	if (!r->v[K_CITY][0]) {
		problem(x, r, K_CITY, "a new school needs its city");
		ok = false;
	}
	if (r->v[K_ZIP][0] && !(strlen(r->v[K_ZIP]) == 5 && strspn(r->v[K_ZIP], "0123456789") == 5)) {
		problem(x, r, K_ZIP, "zip '%.20s' is not five digits", r->v[K_ZIP]);
		ok = false;
	}
	bool has_lat = r->v[K_LATITUDE][0], has_lon = r->v[K_LONGITUDE][0];
	if ((has_lat && !import_parse_degrees(r->v[K_LATITUDE], 90, &in.latitude)) || has_lat != has_lon) {
		problem(x, r, K_LATITUDE, "latitude and longitude go together, in degrees ('%.20s', '%.20s')",
			r->v[K_LATITUDE], r->v[K_LONGITUDE]);
		ok = false;
	} else if (has_lon && !import_parse_degrees(r->v[K_LONGITUDE], 180, &in.longitude)) {
		problem(x, r, K_LONGITUDE, "longitude '%.20s' is not from -180 to 180", r->v[K_LONGITUDE]);
		ok = false;
	}
	if (!ok)
		return -1;
	char *both = xasprintf("%s %s", r->v[K_SCHOOL], r->v[K_CITY]), *id = slug(both, 56), *found = NULL, *origin = NULL;
	free(both);
	set_origin(x, id);
	struct diag e;
	diag_init(&e);
	int rc = store_find_institution(x->st, id, 0, &found, &origin, &e);
	if (rc == 0 && strcmp(origin, x->origin) != 0) {
		problem(x, r, K_SCHOOL, "allied already has a school '%s': give it as institution instead of school_name", id);
		ok = false;
	} else if (rc < 0 && rc != ALLIED_ENOTFOUND) {
		db_failure(x, &e);
		ok = false;
	}
	free(found);
	free(origin);
	long slot = -1;
	if (ok) {
		in.name = xstrdup(r->v[K_SCHOOL]);
		in.city = xstrdup(r->v[K_CITY]);
		in.state = xstrdup(state);
		in.zip = r->v[K_ZIP][0] ? xstrdup(r->v[K_ZIP]) : NULL;
		in.address = r->v[K_ADDRESS][0] ? xstrdup(r->v[K_ADDRESS]) : NULL;
		in.origin = xstrdup(x->origin);
		strvec_init(&in.sources);
		size_t before = x->n_schools;
		slot = (long)school_slot(x, id, &in);
		if (x->n_schools == before)	/* named on an earlier row already */
			institution_release(&in);
		else
			strvec_push(&x->schools[slot].sources, "");	/* filled with the first program's source */
	}
	free(id);
	return slot;
}

/* The school a row names: its slot, or -1 after a problem. */
static long row_school(struct ctx *x, const struct row *r)
{
	char *id = NULL, *origin = NULL;
	int64_t unitid = CAREER_UNKNOWN;
	struct diag e;
	int rc = ALLIED_ENOTFOUND;
	int k = r->v[K_INSTITUTION][0] ? K_INSTITUTION : K_UNITID;

	diag_init(&e);
	if (r->v[K_INSTITUTION][0]) {
		rc = store_find_institution(x->st, r->v[K_INSTITUTION], 0, &id, &origin, &e);
		if (rc == ALLIED_ENOTFOUND) {
			problem(x, r, k, "allied has no institution '%.60s' (ids: allied programs --json)", r->v[K_INSTITUTION]);
			return -1;
		}
	} else if (r->v[K_UNITID][0]) {
		if (!parse_whole(r->v[K_UNITID], 1, 999999999, &unitid)) {
			problem(x, r, k, "unitid '%.20s' is not an IPEDS UNITID (a whole number)", r->v[K_UNITID]);
			return -1;
		}
		rc = store_find_institution(x->st, NULL, unitid, &id, &origin, &e);
		if (rc == ALLIED_ENOTFOUND && !r->v[K_SCHOOL][0]) {
			problem(x, r, k, "allied has no institution with UNITID %lld: import the IPEDS directory first "
				"(allied import ipeds-hd hd2024.csv) or describe the school (school_name, city, state, zip)",
				(long long)unitid);
			return -1;
		}
	} else if (!r->v[K_SCHOOL][0]) {
		problem(x, r, K_SCHOOL, "say which school: institution (an allied id), unitid (IPEDS) or school_name");
		return -1;
	}
	if (rc == ALLIED_ENOTFOUND)
		return new_school(x, r, unitid);
	if (rc < 0) {
		db_failure(x, &e);
		return -1;
	}
	struct institution model;
	memset(&model, 0, sizeof(model));
	strvec_init(&model.sources);
	set_origin(x, id);
	size_t slot = school_slot(x, id, &model);
	free(id);
	free(origin);
	return (long)slot;
}

/* The careers a row names, directly or through its CIP code; false after a problem. */
static bool row_careers(struct ctx *x, const struct row *r, struct program *p)
{
	struct diag e;
	bool ok = true;

	diag_init(&e);
	split_list(r->v[K_CAREERS], &p->careers);
	for (size_t i = 0; i < p->careers.n; i++) {
		char *title = NULL;
		int rc = store_career_title(x->st, p->careers.v[i], &title, &e);
		free(title);
		if (rc == ALLIED_ENOTFOUND) {
			problem(x, r, K_CAREERS, "no career with the id '%.60s' (the ids: allied careers --json)", p->careers.v[i]);
			ok = false;
		} else if (rc < 0) {
			db_failure(x, &e);
			return false;
		}
	}
	if (r->v[K_CIP][0]) {
		const char *c = r->v[K_CIP];
		if (strlen(c) != 7 || c[2] != '.' || strspn(c, "0123456789") != 2 || strspn(c + 3, "0123456789") != 4) {
			problem(x, r, K_CIP, "cip '%.20s' is not a six-digit CIP 2020 code like 51.0801", c);
			return false;
		}
		p->cip = xstrdup(c);
		if (p->careers.n == 0) {
			int rc = store_cip_careers(x->st, c, &p->careers, &e);
			if (rc == ALLIED_ENOTFOUND) {
				problem(x, r, K_CIP, "CIP %s is not in allied's CIP list: import the crosswalk first "
					"(allied import cip-soc CIP2020_SOC2018_Crosswalk.csv) or give careers", c);
				return false;
			}
			if (rc < 0) {
				db_failure(x, &e);
				return false;
			}
			if (p->careers.n == 0) {
				problem(x, r, K_CIP, "CIP %s leads to no occupation allied has a career for: give careers", c);
				return false;
			}
		}
	}
	if (ok && p->careers.n == 0) {
		problem(x, r, K_CAREERS, "give careers (allied career ids separated by ';') or cip");
		return false;
	}
	return ok;
}

/* The program fields of a row other than careers into p; false after a problem. */
static bool row_fields(struct ctx *x, const struct row *r, struct program *p)
{
	const char *const *v = r->v;
	char allowed[200];
	bool ok = true;
	int e;

#define BAD(k, ...) do { problem(x, r, k, __VA_ARGS__); ok = false; } while (0)
	if (v[K_CREDENTIAL][0]) {
		if (strcmp(v[K_CREDENTIAL], "noncredit") == 0)
			p->credential = CREDENTIAL_NONCREDIT;
		else if ((p->credential = career_scale_parse(SCALE_CREDENTIAL, v[K_CREDENTIAL])) == CAREER_UNKNOWN)
			BAD(K_CREDENTIAL, "unknown credential '%.30s' (allowed: %s, noncredit)", v[K_CREDENTIAL],
			    career_scale_list(SCALE_CREDENTIAL));
	}
	if (v[K_MONTHS][0] && !(parse_real(v[K_MONTHS], 0.1, 120, &p->months)))
		BAD(K_MONTHS, "months '%.20s' is not a number of months from 0.1 to 120", v[K_MONTHS]);
	struct strvec sched;
	strvec_init(&sched);
	split_list(v[K_SCHEDULE], &sched);
	for (size_t i = 0; i < sched.n; i++) {
		if ((e = enum_parse(training_schedule_id, SCHEDULE_COUNT, sched.v[i])) >= 0) {
			p->schedule |= 1u << e;
		} else {
			enum_list(training_schedule_id, SCHEDULE_COUNT, allowed, sizeof(allowed));
			BAD(K_SCHEDULE, "unknown schedule '%.30s' (allowed: %s; several separated by ';')", sched.v[i], allowed);
		}
	}
	strvec_release(&sched);
	if (v[K_COST][0] && !parse_whole(v[K_COST], 0, 10000000, &p->cost_usd))
		BAD(K_COST, "cost_usd '%.20s' is not a whole number of dollars", v[K_COST]);
	if (v[K_ADMISSION][0] && (p->admission = enum_parse(training_admission_id, ADMISSION_COUNT, v[K_ADMISSION])) < 0) {
		enum_list(training_admission_id, ADMISSION_COUNT, allowed, sizeof(allowed));
		BAD(K_ADMISSION, "unknown admission '%.30s' (allowed: %s)", v[K_ADMISSION], allowed);
	}
	if (v[K_PREREQUISITES][0])
		p->prerequisites = xstrdup(v[K_PREREQUISITES]);
	if (v[K_CLINICAL][0] && !parse_whole(v[K_CLINICAL], 0, 100000, &p->clinical_hours))
		BAD(K_CLINICAL, "clinical_hours '%.20s' is not a whole number of hours", v[K_CLINICAL]);
	if (v[K_ACCREDITOR][0]) {
		if (x->accreditors.n == 0) {
			struct diag de;
			diag_init(&de);
			if (store_accreditor_ids(x->st, &x->accreditors, &de) < 0)
				db_failure(x, &de);
		}
		if (!strvec_contains(&x->accreditors, v[K_ACCREDITOR])) {
			struct buf list;
			buf_init(&list, 0);
			for (size_t i = 0; i < x->accreditors.n; i++)
				buf_addf(&list, "%s%s", i ? ", " : "", x->accreditors.v[i]);
			BAD(K_ACCREDITOR, "unknown programmatic accreditor '%.30s' (allowed: %s)", v[K_ACCREDITOR],
			    list.data ? list.data : "");
			buf_release(&list);
		} else {
			p->accreditor = xstrdup(v[K_ACCREDITOR]);
		}
	}
	if (v[K_STATUS][0] && (p->status = enum_parse(training_status_id, STATUS_COUNT, v[K_STATUS])) < 0) {
		enum_list(training_status_id, STATUS_COUNT, allowed, sizeof(allowed));
		BAD(K_STATUS, "unknown accreditation_status '%.30s' (allowed: %s)", v[K_STATUS], allowed);
		p->status = STATUS_UNKNOWN;
	}
	double *pct[3] = { &p->exam_pass_pct, &p->completion_pct, &p->placement_pct };
	bool any_outcome = false;
	for (int k = 0; k < 3; k++) {
		if (!v[K_EXAM + k][0])
			continue;
		any_outcome = true;
		if (!parse_real(v[K_EXAM + k], 0, 100, pct[k]))
			BAD(K_EXAM + k, "%s '%.20s' is not a percentage from 0 to 100", key_names[K_EXAM + k], v[K_EXAM + k]);
	}
	if (v[K_OUTCOMES_YEAR][0] && !parse_whole(v[K_OUTCOMES_YEAR], 1990, 2100, &p->outcomes_year))
		BAD(K_OUTCOMES_YEAR, "outcomes_year '%.20s' is not a year", v[K_OUTCOMES_YEAR]);
	else if (any_outcome && !v[K_OUTCOMES_YEAR][0])
		BAD(K_OUTCOMES_YEAR, "outcomes (exam_pass_pct, completion_pct, placement_pct) need outcomes_year");
	if (strncmp(v[K_SOURCE_URL], "https://", 8) != 0 && strncmp(v[K_SOURCE_URL], "http://", 7) != 0)
		BAD(K_SOURCE_URL, "source_url is required: the http(s) address of the page that states these facts");
	if (!is_date(v[K_AS_OF]))
		BAD(K_AS_OF, "as_of is required: the date the source states, YYYY-MM or YYYY-MM-DD ('%.20s')", v[K_AS_OF]);
	else
		p->as_of = xstrdup(v[K_AS_OF]);
#undef BAD
	return ok;
}

static void add_row(struct ctx *x, const struct row *r)
{
	struct program p;

	if (!r->v[K_PROGRAM][0]) {
		problem(x, r, K_PROGRAM, "program (the program's name) is required");
		return;
	}
	long slot = row_school(x, r);
	memset(&p, 0, sizeof(p));
	strvec_init(&p.careers);
	strvec_init(&p.sources);
	p.credential = CAREER_UNKNOWN;
	p.months = p.exam_pass_pct = p.completion_pct = p.placement_pct = NAN;
	p.admission = CAREER_UNKNOWN;
	p.cost_usd = p.clinical_hours = p.outcomes_year = CAREER_UNKNOWN;
	p.status = STATUS_UNKNOWN;
	p.name = xstrdup(r->v[K_PROGRAM]);
	bool ok = row_careers(x, r, &p);
	ok = row_fields(x, r, &p) && ok && slot >= 0;
	if (ok) {
		struct institution *in = &x->schools[slot];
		char *s = slug(p.name, 60);
		p.id = xasprintf("%s/%s", in->id, s);
		free(s);
		for (size_t i = 0; i < in->n_programs && ok; i++)
			if (strcmp(in->programs[i].id, p.id) == 0) {
				problem(x, r, K_PROGRAM, "a second program '%.60s' at the same school (id %s)", p.name, p.id);
				ok = false;
			}
		char *origin = NULL;
		struct diag e;
		diag_init(&e);
		int rc = ok ? store_program_origin(x->st, p.id, &origin, &e) : ALLIED_ENOTFOUND;
		if (rc == 0 && strcmp(origin, x->origin) != 0) {
			problem(x, r, K_PROGRAM, "allied already has the program %s (from %s)", p.id, origin);
			ok = false;
		} else if (rc < 0 && rc != ALLIED_ENOTFOUND) {
			db_failure(x, &e);
			ok = false;
		}
		free(origin);
	}
	if (!ok) {
		struct institution tmp = { .programs = xmalloc(sizeof(p)), .n_programs = 1 };
		tmp.programs[0] = p;
		strvec_init(&tmp.sources);
		institution_release(&tmp);	/* frees p's fields and the copy */
		return;
	}
	struct institution *in = &x->schools[slot];
	strvec_push_owned(&p.sources, xasprintf("import-%s", p.id));
	if (in->origin && in->sources.n == 1 && !in->sources.v[0][0]) {
		free(in->sources.v[0]);
		in->sources.v[0] = xstrdup(p.sources.v[0]);	/* a new school cites its first program's page */
	}
	in->programs = xrealloc(in->programs, (in->n_programs + 1) * sizeof(*in->programs));
	in->programs[in->n_programs++] = p;
	strvec_push(&x->urls[slot], r->v[K_SOURCE_URL]);
}

static int key_index(const char *name)
{
	for (int k = 0; k < N_KEYS; k++)
		if (strcmp(key_names[k], name) == 0)
			return k;
	return -1;
}

static int read_csv(struct ctx *x, const char *data, size_t len, size_t *rows)
{
	static const char *const required[] = { "program", "source_url", "as_of" };
	int col_of[N_KEYS];
	size_t idx[3];
	struct csvfile c;
	int rc;

	csvfile_init(&c, x->name, data, len);
	rc = csvfile_next(&c, x->err);
	if (rc == 0)
		rc = diag_set(x->err, ALLIED_EINVAL, "%s:1:1: the file is empty; expected a header (docs/program-format.md)",
			      x->name);
	if (rc > 0)
		rc = csvfile_columns(&c, required, 3, idx, x->err);
	for (int k = 0; k < N_KEYS; k++)
		col_of[k] = -1;
	for (size_t i = 0; rc >= 0 && i < c.n_fields; i++) {
		int k = key_index(c.field[i]);
		if (k < 0 || col_of[k] >= 0)
			import_problem(x->err, &x->n_errors, "%s:%zu:%zu: %s column '%.40s' (the columns: docs/program-format.md)",
				       x->name, c.line, c.column[i], k < 0 ? "unknown" : "a second", c.field[i]);
		else
			col_of[k] = (int)i;
	}
	while (rc >= 0 && !x->db_failed && (rc = csvfile_next(&c, x->err)) > 0) {
		struct row r;
		memset(&r, 0, sizeof(r));
		(*rows)++;
		for (int k = 0; k < N_KEYS; k++) {
			bool have = col_of[k] >= 0 && (size_t)col_of[k] < c.n_fields;
			r.v[k] = have ? c.field[col_of[k]] : "";
			r.line[k] = have ? c.field_line[col_of[k]] : c.line;
			r.column[k] = have ? c.column[col_of[k]] : 1;
		}
		add_row(x, &r);
	}
	csvfile_release(&c);
	return rc < 0 ? rc : 0;
}

/* A JSON value as the text the checks read; NULL (after a problem) for what cannot be one. */
static char *json_text(struct ctx *x, const struct row *r, int k, json_t *v)
{
	if (json_is_string(v))
		return xstrdup(json_string_value(v));
	if (json_is_integer(v))
		return xasprintf("%" JSON_INTEGER_FORMAT, json_integer_value(v));
	if (json_is_real(v))
		return xasprintf("%.15g", json_real_value(v));
	if (json_is_null(v))
		return xstrdup("");
	if (json_is_array(v) && (k == K_CAREERS || k == K_SCHEDULE)) {
		struct buf b;
		size_t i;
		json_t *item;
		buf_init(&b, 0);
		json_array_foreach(v, i, item) {
			if (!json_is_string(item)) {
				problem(x, r, k, "the list must hold strings");
				buf_release(&b);
				return NULL;
			}
			buf_addf(&b, "%s%s", i ? ";" : "", json_string_value(item));
		}
		char *text = buf_detach(&b, NULL);
		buf_release(&b);	/* buf_detach leaves b empty but allocated */
		return text;
	}
	problem(x, r, k, "a string or number is needed here%s", k == K_CAREERS || k == K_SCHEDULE ? " (or a list of strings)" : "");
	return NULL;
}

static int read_json(struct ctx *x, const char *data, size_t len, size_t *rows)
{
	json_error_t je;
	json_t *doc = json_loadb(data, len, 0, &je), *item;
	size_t i;

	if (!doc)
		return diag_set(x->err, ALLIED_EINVAL, "%s:%d:%d: %s", x->name, je.line, je.column > 0 ? je.column : 1, je.text);
	if (!json_is_array(doc)) {
		json_decref(doc);
		return diag_set(x->err, ALLIED_EINVAL, "%s:1:1: expected an array of programs ([{...}, ...])", x->name);
	}
	json_array_foreach(doc, i, item) {
		struct row r;
		struct strvec texts;
		const char *key;
		json_t *v;
		bool ok = true;
		memset(&r, 0, sizeof(r));
		r.json = true;
		r.index = i;
		(*rows)++;
		for (int k = 0; k < N_KEYS; k++)
			r.v[k] = "";
		strvec_init(&texts);
		if (!json_is_object(item)) {
			import_problem(x->err, &x->n_errors, "%s:[%zu]: expected an object", x->name, i);
			continue;
		}
		json_object_foreach(item, key, v) {
			int k = key_index(key);
			char *text;
			if (k < 0) {
				import_problem(x->err, &x->n_errors, "%s:[%zu].%.40s: unknown key (the keys: docs/program-format.md)",
					       x->name, i, key);
				ok = false;
			} else if ((text = json_text(x, &r, k, v))) {
				strvec_push_owned(&texts, text);
				r.v[k] = text;
			} else {
				ok = false;
			}
		}
		if (ok && !x->db_failed)
			add_row(x, &r);
		strvec_release(&texts);
	}
	json_decref(doc);
	return 0;
}

int import_programs(struct store *st, const char *name, const char *data, size_t len,
		    const struct import_options *opt, struct import_result *res, struct diag *err)
{
	struct ctx x;
	size_t n = strlen(name);
	bool json = n > 5 && strcmp(name + n - 5, ".json") == 0;
	int rc;

	memset(res, 0, sizeof(*res));
	memset(&x, 0, sizeof(x));
	x.st = st;
	x.name = name;
	x.err = err;
	strvec_init(&x.accreditors);
	if (opt->progress.fn)
		opt->progress.fn(opt->progress.ctx, "checking programs", 0, 0);
	rc = json ? read_json(&x, data, len, &res->rows) : read_csv(&x, data, len, &res->rows);
	if (x.db_failed)
		rc = err->code;
	else if (rc >= 0 && x.n_errors == 0 && res->rows == 0)
		import_problem(err, &x.n_errors, "%s: no programs in the file", name);
	if (!x.db_failed)
		rc = import_checked(err, name, x.n_errors, rc);
	if (rc == 0 && !opt->dry_run) {
		size_t n_programs = 0, k = 0;
		for (size_t i = 0; i < x.n_schools; i++)
			n_programs += x.schools[i].n_programs;
		struct source *sources = xcalloc(n_programs ? n_programs : 1, sizeof(*sources));
		for (size_t i = 0; i < x.n_schools; i++)
			for (size_t j = 0; j < x.schools[i].n_programs; j++, k++) {
				const struct program *p = &x.schools[i].programs[j];
				sources[k].id = xstrdup(p->sources.v[0]);
				sources[k].title = xasprintf("%s (school program file %s)", p->name, x.origin);
				sources[k].publisher = xstrdup(x.schools[i].name ? x.schools[i].name : x.schools[i].id);
				sources[k].url = xstrdup(x.urls[i].v[j]);
				sources[k].as_of = xstrdup(p->as_of);
			}
		if (opt->progress.fn)
			opt->progress.fn(opt->progress.ctx, "writing programs", 0, 0);
		rc = store_import_programs(st, x.origin, x.schools, x.n_schools, sources, &res->changed, err);
		for (size_t i = 0; i < n_programs; i++)
			source_release(&sources[i]);
		free(sources);
	}
	for (size_t i = 0; i < x.n_schools; i++) {
		institution_release(&x.schools[i]);
		strvec_release(&x.urls[i]);
	}
	free(x.schools);
	free(x.urls);
	free(x.origin);
	strvec_release(&x.accreditors);
	return rc;
}
