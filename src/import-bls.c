/*
 * import-bls: the BLS importers, OEWS national wages and Employment Projections (import.h).
 *
 * Both read an .xlsx workbook with xlsx.h, find the header row and their columns by name,
 * check every row, and only when the whole file is without a problem hand the rows to the
 * store (store_import_wages / store_import_projections), which writes them and applies them
 * to the careers in one transaction. A cell's problem is "FILE:ROW:COLUMN: message (cell C12)"
 * with the sheet's row number and the 1-based column index.
 */
#include "import.h"
#include "import-internal.h"
#include "buf.h"
#include "xlsx.h"
#include "xmalloc.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NO_COLUMN ((size_t)-1)
#define HEADER_SEARCH_ROWS 20	/* the projections header must be in the sheet's first rows */

static const char BLS_PUBLISHER[] = "U.S. Bureau of Labor Statistics";
static const char BLS_LICENCE[] = "public domain (U.S. federal work)";
static const char EM_DASH[] = "\xe2\x80\x94";

/* What both importers keep while a sheet streams by. */
struct reader {
	const char *name;		/* the file, for messages */
	const char *sheet;
	const struct import_options *opt;
	struct diag *err;
	int n_errors;
	size_t header_row;		/* 0 until the header is found */
	size_t rows;			/* data rows kept */
	char stage[160];		/* for the progress bar */
	struct code_at *codes;		/* the code of each row kept, in reading order */
	size_t codes_cap;
};

/* The code and sheet row of the index-th row kept. */
struct code_at {
	char soc[8];
	size_t row, index;
};

/* A row was kept: note its code and row. */
static void reader_keep(struct reader *rd, const char *soc, size_t row)
{
	xgrow((void **)&rd->codes, &rd->codes_cap, rd->rows + 1, sizeof(*rd->codes));
	memcpy(rd->codes[rd->rows].soc, soc, sizeof(rd->codes[rd->rows].soc));
	rd->codes[rd->rows].row = row;
	rd->codes[rd->rows].index = rd->rows;
	rd->rows++;
}

static int cmp_code_at(const void *a, const void *b)
{
	const struct code_at *x = a, *y = b;
	int c = strcmp(x->soc, y->soc);
	return c ? c : (x->row > y->row) - (x->row < y->row);
}

/*
 * Copy the rows to write (items: rd->rows of size bytes each) in code order to out (as many
 * slots); returns their count. A code that appears again is dropped when same(items, first,
 * again) says it repeats the figures, and is a problem (at column code_col of its row) when not.
 */
static size_t reader_unique(struct reader *rd, const char *what, size_t code_col,
			    bool (*same)(const void *items, size_t a, size_t b), const void *items, size_t size, void *out)
{
	size_t n = 0, first = 0;
	qsort(rd->codes, rd->rows, sizeof(*rd->codes), cmp_code_at);
	for (size_t i = 0; i < rd->rows; i++) {
		const struct code_at *c = &rd->codes[i];
		if (n && strcmp(rd->codes[first].soc, c->soc) == 0) {
			if (!same(items, rd->codes[first].index, c->index))
				import_problem(rd->err, &rd->n_errors, "%s:%zu:%zu: %s %s appears again with other figures"
					       " (first in row %zu)", rd->name, c->row, code_col + 1, what, c->soc,
					       rd->codes[first].row);
			continue;
		}
		first = i;
		memcpy((char *)out + n++ * size, (const char *)items + c->index * size, size);
	}
	return n;
}

static void reader_init(struct reader *rd, const char *name, const struct import_options *opt, struct diag *err)
{
	memset(rd, 0, sizeof(*rd));
	rd->name = name;
	rd->opt = opt;
	rd->err = err;
	const char *base = strrchr(name, '/');
	snprintf(rd->stage, sizeof(rd->stage), "reading %s", base ? base + 1 : name);
}

static void progress(struct reader *rd, const struct xlsx_row *r)
{
	if (rd->opt->progress.fn && r->row % 64 == 0)
		rd->opt->progress.fn(rd->opt->progress.ctx, rd->stage, r->part_done, r->part_size);
}

static const char *cell_at(const struct xlsx_row *r, size_t i)
{
	return i < r->n_cells ? r->cell[i] : "";
}

/* A problem with the cell in column index i (0-based) of row r. */
static void cell_problem(struct reader *rd, const struct xlsx_row *r, size_t i, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void cell_problem(struct reader *rd, const struct xlsx_row *r, size_t i, const char *fmt, ...)
{
	char msg[400], col[XLSX_COLUMN_NAME_MAX];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	xlsx_column_name(i + 1, col);
	import_problem(rd->err, &rd->n_errors, "%s:%zu:%zu: %s (cell %s%zu)", rd->name, r->row, i + 1, msg, col, r->row);
}

/* Whitespace runs (and no-break spaces) as one space, none at either end; at most size - 1 bytes. */
static void normalize(const char *s, char *out, size_t size)
{
	size_t n = 0;
	bool space = false;
	while (*s && n + 1 < size) {
		bool ws = *s == ' ' || *s == '\t' || *s == '\n' || *s == '\r';
		size_t skip = 1;
		if ((unsigned char)s[0] == 0xc2 && (unsigned char)s[1] == 0xa0)
			ws = true, skip = 2;
		if (ws) {
			space = n > 0;
		} else {
			if (space && n + 2 < size)
				out[n++] = ' ';
			space = false;
			out[n++] = *s;
		}
		s += skip;
	}
	out[n] = '\0';
}

static char *trimmed(const char *s)
{
	char buf[1024];
	normalize(s, buf, sizeof(buf));
	return xstrdup(buf);
}

/* "31-9092": two digits, a hyphen, four digits. */
static bool is_soc(const char *s)
{
	static const char shape[] = "00-0000";
	for (size_t i = 0; i < sizeof(shape) - 1; i++)
		if (shape[i] == '0' ? (s[i] < '0' || s[i] > '9') : s[i] != shape[i])
			return false;
	return s[sizeof(shape) - 1] == '\0';
}

/*
 * A figure: 1 with *v for a number from lo to hi, 0 for an empty cell or one of the markers
 * in none (a NULL-ended list), -1 for anything else.
 */
static int figure(const char *cell, const char *const *none, double lo, double hi, double *v)
{
	char s[64], *end;
	normalize(cell, s, sizeof(s));
	if (!*s)
		return 0;
	for (size_t i = 0; none[i]; i++)
		if (strcmp(s, none[i]) == 0)
			return 0;
	*v = strtod(s, &end);
	if (end == s || *end || !isfinite(*v) || *v < lo || *v > hi)
		return -1;
	return 1;
}

/* The header's cells, for a message naming a missing column. */
static void header_problem(struct reader *rd, const struct xlsx_row *r, const char *missing)
{
	struct buf have;
	buf_init(&have, 300);
	for (size_t j = 0; j < r->n_cells; j++) {
		char c[80];
		normalize(r->cell[j], c, sizeof(c));
		if (*c)
			buf_addf(&have, "%s%s", have.len ? ", " : "", c);
	}
	import_problem(rd->err, &rd->n_errors, "%s:%zu:1: sheet '%s' has no column '%s' (the header has: %s%s)", rd->name,
		       r->row, rd->sheet, missing, have.data, buf_overflowed(&have) ? " ..." : "");
	buf_release(&have);
}

static void source_free(struct source *s)
{
	free(s->id);
	free(s->title);
	free(s->as_of);
}

/* End of a read: the problem count, and the status a problem makes. */
static int reader_finish(struct reader *rd, int rc)
{
	if (rc < 0 && rd->err->code == ALLIED_EINVAL && rd->n_errors == 0)
		rd->n_errors++;	/* the workbook itself could not be read */
	if (rd->n_errors > IMPORT_MAX_ERRORS)
		diag_append(rd->err, ALLIED_EINVAL, "%s: %d problems in all", rd->name, rd->n_errors);
	if (rd->n_errors) {
		rd->err->code = ALLIED_EINVAL;
		return ALLIED_EINVAL;
	}
	return rc;
}

/* ---- OEWS ---- */

enum {
	O_CODE, O_TITLE, O_EMP, O_MEAN, O_P10, O_P25, O_MEDIAN, O_P75, O_P90, O_REQUIRED,
	/* optional: when present, only the national, cross-industry, all-ownership rows are kept */
	O_AREA_TYPE = O_REQUIRED, O_NAICS, O_I_GROUP, O_OWN_CODE, O_COUNT
};
static const char *const oews_columns[O_COUNT] = {
	"OCC_CODE", "OCC_TITLE", "TOT_EMP", "A_MEAN", "A_PCT10", "A_PCT25", "A_MEDIAN", "A_PCT75", "A_PCT90",
	"AREA_TYPE", "NAICS", "I_GROUP", "OWN_CODE",
};
static const char *const oews_keep[O_COUNT] = {
	[O_AREA_TYPE] = "1", [O_NAICS] = "000000", [O_I_GROUP] = "cross-industry", [O_OWN_CODE] = "1235",
};

struct oews_read {
	struct reader rd;
	size_t col[O_COUNT];
	struct wage_row *v;
	size_t n, cap;
};

static bool oews_header(struct oews_read *o, const struct xlsx_row *r)
{
	for (size_t k = 0; k < O_COUNT; k++) {
		o->col[k] = NO_COLUMN;
		for (size_t i = 0; i < r->n_cells && o->col[k] == NO_COLUMN; i++) {
			char c[64];
			normalize(r->cell[i], c, sizeof(c));
			if (strcmp(c, oews_columns[k]) == 0)
				o->col[k] = i;
		}
		if (o->col[k] == NO_COLUMN && k < O_REQUIRED) {
			header_problem(&o->rd, r, oews_columns[k]);
			return false;
		}
	}
	o->rd.header_row = r->row;
	return true;
}

/* A wage or employment cell: *usd, or CAREER_UNKNOWN for BLS's "not available" markers. */
static bool oews_figure(struct oews_read *o, const struct xlsx_row *r, size_t k, int64_t *out, bool *capped)
{
	static const char *const none[] = { "*", "**", "~", "#", NULL };
	static const char *const no_emp[] = { "*", "**", "~", NULL };
	const char *s = cell_at(r, o->col[k]);
	double v;
	int got = figure(s, k == O_EMP ? no_emp : none, 0, k == O_EMP ? 1e10 : 1e8, &v);
	*out = got == 1 ? llround(v) : CAREER_UNKNOWN;
	if (capped)
		*capped = strcmp(s, "#") == 0;
	if (got < 0) {
		cell_problem(&o->rd, r, o->col[k], "%s '%.20s' is not %s", oews_columns[k], s,
			     k == O_EMP ? "a number of jobs or **" : "a number of dollars, *, ** or #");
		return false;
	}
	return true;
}

static int oews_row(void *ctx, const struct xlsx_row *r, struct diag *err)
{
	struct oews_read *o = ctx;
	struct wage_row w = { .p90_capped = false };
	bool ok = true;

	(void)err;
	progress(&o->rd, r);
	if (!o->rd.header_row)
		return oews_header(o, r) ? 0 : ALLIED_EINVAL;
	for (size_t k = O_REQUIRED; k < O_COUNT; k++) {
		char c[64];
		normalize(cell_at(r, o->col[k]), c, sizeof(c));
		if (o->col[k] != NO_COLUMN && strcmp(c, oews_keep[k]) != 0)
			return 0;	/* a state, area, industry or ownership row */
	}
	const char *code = cell_at(r, o->col[O_CODE]);
	char soc[16];
	normalize(code, soc, sizeof(soc));
	if (!is_soc(soc)) {
		cell_problem(&o->rd, r, o->col[O_CODE], "OCC_CODE '%.20s' is not a SOC code such as 31-9092", code);
		return 0;
	}
	memcpy(w.soc, soc, sizeof(w.soc));
	ok &= oews_figure(o, r, O_EMP, &w.employment, NULL);
	ok &= oews_figure(o, r, O_MEAN, &w.mean_usd, NULL);
	ok &= oews_figure(o, r, O_P10, &w.p10_usd, NULL);
	ok &= oews_figure(o, r, O_P25, &w.p25_usd, NULL);
	ok &= oews_figure(o, r, O_MEDIAN, &w.median_usd, NULL);
	ok &= oews_figure(o, r, O_P75, &w.p75_usd, NULL);
	ok &= oews_figure(o, r, O_P90, &w.p90_usd, &w.p90_capped);
	w.title = trimmed(cell_at(r, o->col[O_TITLE]));
	if (!*w.title) {
		cell_problem(&o->rd, r, o->col[O_TITLE], "OCC_TITLE is empty");
		ok = false;
	}
	if (!ok) {
		free(w.title);
		return 0;
	}
	xgrow((void **)&o->v, &o->cap, o->n + 1, sizeof(*o->v));
	o->v[o->n++] = w;
	reader_keep(&o->rd, w.soc, r->row);
	return 0;
}

static bool same_wages(const void *ctx, size_t i, size_t j)
{
	const struct wage_row *a = (const struct wage_row *)ctx + i, *b = (const struct wage_row *)ctx + j;
	return strcmp(a->title, b->title) == 0 && a->employment == b->employment && a->mean_usd == b->mean_usd &&
	       a->p10_usd == b->p10_usd && a->p25_usd == b->p25_usd && a->median_usd == b->median_usd &&
	       a->p75_usd == b->p75_usd && a->p90_usd == b->p90_usd && a->p90_capped == b->p90_capped;
}

/* "M2024" in s, not inside a longer word or number: the year, or 0. */
static int oews_release_year(const char *s)
{
	for (const char *p = strchr(s, 'M'); p; p = strchr(p + 1, 'M')) {
		bool start = p == s || !((p[-1] >= 'A' && p[-1] <= 'Z') || (p[-1] >= 'a' && p[-1] <= 'z'));
		int year = 0, i;
		for (i = 1; i <= 4 && p[i] >= '0' && p[i] <= '9'; i++)
			year = year * 10 + (p[i] - '0');
		if (start && i == 5 && !(p[5] >= '0' && p[5] <= '9') && year >= 1990 && year <= 2100)
			return year;
	}
	return 0;
}

int import_oews(struct store *st, const char *name, const char *data, size_t len, const struct import_options *opt,
		struct import_result *res, struct diag *err)
{
	struct oews_read o;
	struct xlsx *x = NULL;
	struct wage_row *rows = NULL;
	size_t n_rows = 0;
	int rc, year = 0;

	memset(res, 0, sizeof(*res));
	memset(&o, 0, sizeof(o));
	reader_init(&o.rd, name, opt, err);
	rc = xlsx_open(name, data, len, &x, err);
	if (rc == 0) {
		/* BLS puts the data first: national_M2024_dl, then Field Descriptions, ... */
		o.rd.sheet = xlsx_sheet_name(x, 0);
		year = oews_release_year(o.rd.sheet);
		if (!year) {
			const char *base = strrchr(name, '/');
			year = oews_release_year(base ? base + 1 : name);
		}
		rc = xlsx_read_sheet(x, 0, oews_row, &o, err);
	}
	if (rc == 0 && !o.rd.header_row)
		import_problem(err, &o.rd.n_errors, "%s: sheet '%s' is empty; expected a header with OCC_CODE", name, o.rd.sheet);
	else if (rc == 0 && o.n == 0 && o.rd.n_errors == 0)
		import_problem(err, &o.rd.n_errors, "%s: sheet '%s' has no national cross-industry rows: is this the national file?",
			       name, o.rd.sheet);
	if (rc == 0 && !year)
		import_problem(err, &o.rd.n_errors, "%s: cannot tell the release: neither the sheet name '%s' nor the file name"
			       " has 'M' and a year, as in national_M2024_dl", name, o.rd.sheet);
	if (rc == 0 && o.rd.n_errors == 0) {
		/* OEWS lists a broad occupation that has a single detailed one twice, as broad and detailed */
		rows = xcalloc(o.n, sizeof(*rows));
		n_rows = reader_unique(&o.rd, "OCC_CODE", o.col[O_CODE], same_wages, o.v, sizeof(*o.v), rows);
	}
	rc = reader_finish(&o.rd, rc);
	res->rows = o.rd.rows;
	if (rc == 0 && !opt->dry_run) {
		char *id = xasprintf("import-oews-M%d", year);
		struct source src = {
			.id = id, .title = xasprintf("BLS Occupational Employment and Wage Statistics, national, May %d", year),
			.publisher = (char *)BLS_PUBLISHER, .url = (char *)"https://www.bls.gov/oes/tables.htm",
			.as_of = xasprintf("%d-05", year), .licence = (char *)BLS_LICENCE,
		};
		rc = store_import_wages(st, &src, rows, n_rows, &res->changed, err);
		source_free(&src);
	}
	for (size_t i = 0; i < o.n; i++)
		free(o.v[i].title);
	free(o.v);
	free(o.rd.codes);
	free(rows);
	xlsx_free(x);
	return rc;
}

/* ---- Employment Projections ---- */

enum { P_CODE, P_TITLE, P_TYPE, P_BASE, P_TARGET, P_CHANGE, P_OPENINGS, P_EDUCATION, P_COUNT };
static const char *const projection_columns[P_COUNT] = {
	"YYYY National Employment Matrix code", "YYYY National Employment Matrix title", "Occupation type",
	"Employment, YYYY (the base year)", "Employment, YYYY (the target year)", "Employment change, percent, YYYY-YY",
	"Occupational openings, YYYY-YY annual average", "Typical education needed for entry",
};

struct projection_read {
	struct reader rd;
	size_t col[P_COUNT];
	int base_year, target_year;
	struct projection_row *v;
	size_t n, cap;
};

/* s is four digits, then rest: the year, or 0. */
static int year_then(const char *s, const char *rest)
{
	int year = 0;
	for (int i = 0; i < 4; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		year = year * 10 + (s[i] - '0');
	}
	return strcmp(s + 4, rest) == 0 ? year : 0;
}

static bool starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* Is r the header (it has the matrix code column)? Then find every column. */
static int projection_header(struct projection_read *p, const struct xlsx_row *r)
{
	bool is_header = false;
	char c[160];
	for (size_t k = 0; k < P_COUNT; k++)
		p->col[k] = NO_COLUMN;
	for (size_t i = 0; i < r->n_cells; i++) {
		normalize(r->cell[i], c, sizeof(c));
		int year;
		if (year_then(c, " National Employment Matrix code"))
			p->col[P_CODE] = i, is_header = true;
		else if (year_then(c, " National Employment Matrix title"))
			p->col[P_TITLE] = i;
		else if (strcmp(c, "Occupation type") == 0)
			p->col[P_TYPE] = i;
		else if (starts_with(c, "Employment, ") && (year = year_then(c + 12, "")) != 0) {
			if (p->col[P_BASE] == NO_COLUMN || year < p->base_year) {
				p->col[P_TARGET] = p->col[P_BASE], p->target_year = p->base_year;
				p->col[P_BASE] = i, p->base_year = year;
			} else if (p->col[P_TARGET] == NO_COLUMN || year > p->target_year) {
				p->col[P_TARGET] = i, p->target_year = year;
			}
		} else if (starts_with(c, "Employment change, percent"))
			p->col[P_CHANGE] = i;
		else if (starts_with(c, "Occupational openings") && strstr(c, "annual average"))
			p->col[P_OPENINGS] = i;
		else if (strcmp(c, "Typical education needed for entry") == 0)
			p->col[P_EDUCATION] = i;
	}
	if (!is_header) {
		if (r->row < HEADER_SEARCH_ROWS)
			return 0;
		import_problem(p->rd.err, &p->rd.n_errors, "%s: sheet '%s' has no header row with a 'YYYY National"
			       " Employment Matrix code' column in its first %d rows", p->rd.name, p->rd.sheet,
			       HEADER_SEARCH_ROWS);
		return ALLIED_EINVAL;
	}
	for (size_t k = 0; k < P_COUNT; k++)
		if (p->col[k] == NO_COLUMN) {
			header_problem(&p->rd, r, projection_columns[k]);
			return ALLIED_EINVAL;
		}
	if (p->target_year == p->base_year) {
		import_problem(p->rd.err, &p->rd.n_errors, "%s:%zu:%zu: two columns 'Employment, %d': expected a base and"
			       " a target year", p->rd.name, r->row, p->col[P_TARGET] + 1, p->base_year);
		return ALLIED_EINVAL;
	}
	p->rd.header_row = r->row;
	return 0;
}

/* Employment or openings in thousands -> jobs; change in percent. */
static bool projection_figure(struct projection_read *p, const struct xlsx_row *r, size_t k, int64_t *jobs,
			      double *pct)
{
	static const char *const none[] = { EM_DASH, NULL };
	const char *s = cell_at(r, p->col[k]);
	double v;
	int got = pct ? figure(s, none, -100, 1e6, &v) : figure(s, none, 0, 1e7, &v);
	if (got < 0) {
		cell_problem(&p->rd, r, p->col[k], "%s '%.20s' is not %s or \xe2\x80\x94", k == P_CHANGE ? "change" :
			     k == P_OPENINGS ? "openings" : "employment", s, pct ? "a percentage" : "a number (thousands)");
		return false;
	}
	if (pct)
		*pct = got == 1 ? v : NAN;
	else
		*jobs = got == 1 ? llround(v * 1000) : CAREER_UNKNOWN;
	return true;
}

static int projection_row_fn(void *ctx, const struct xlsx_row *r, struct diag *err)
{
	struct projection_read *p = ctx;
	struct projection_row row = { .change_pct = NAN };
	char soc[16], type[32];
	bool ok = true;

	(void)err;
	progress(&p->rd, r);
	if (!p->rd.header_row)
		return projection_header(p, r);
	const char *code = cell_at(r, p->col[P_CODE]);
	normalize(code, soc, sizeof(soc));
	if (!*soc && !*cell_at(r, p->col[P_BASE]))
		return 0;	/* the notes under the table */
	if (!is_soc(soc)) {
		cell_problem(&p->rd, r, p->col[P_CODE], "code '%.20s' is not a SOC code such as 31-9092", code);
		return 0;
	}
	memcpy(row.soc, soc, sizeof(row.soc));
	normalize(cell_at(r, p->col[P_TYPE]), type, sizeof(type));
	if (strcmp(type, "Summary") != 0 && strcmp(type, "Line item") != 0) {
		cell_problem(&p->rd, r, p->col[P_TYPE], "occupation type '%.20s' is not Summary or Line item", type);
		ok = false;
	}
	ok &= projection_figure(p, r, P_BASE, &row.employment_base, NULL);
	ok &= projection_figure(p, r, P_TARGET, &row.employment_target, NULL);
	ok &= projection_figure(p, r, P_CHANGE, NULL, &row.change_pct);
	ok &= projection_figure(p, r, P_OPENINGS, &row.openings_per_year, NULL);
	row.title = trimmed(cell_at(r, p->col[P_TITLE]));
	if (!*row.title) {
		cell_problem(&p->rd, r, p->col[P_TITLE], "the title is empty");
		ok = false;
	}
	char *education = trimmed(cell_at(r, p->col[P_EDUCATION]));
	if (*education && strcmp(education, EM_DASH) != 0)
		row.entry_education = education;
	else
		free(education);
	if (!ok) {
		free(row.title);
		free(row.entry_education);
		return 0;
	}
	xgrow((void **)&p->v, &p->cap, p->n + 1, sizeof(*p->v));
	p->v[p->n++] = row;
	reader_keep(&p->rd, row.soc, r->row);
	return 0;
}

static bool same_double(double a, double b)
{
	return a == b || (isnan(a) && isnan(b));
}

static bool same_projection(const void *ctx, size_t i, size_t j)
{
	const struct projection_row *a = (const struct projection_row *)ctx + i, *b = (const struct projection_row *)ctx + j;
	return strcmp(a->title, b->title) == 0 && a->employment_base == b->employment_base &&
	       a->employment_target == b->employment_target && same_double(a->change_pct, b->change_pct) &&
	       a->openings_per_year == b->openings_per_year &&
	       strcmp(a->entry_education ? a->entry_education : "", b->entry_education ? b->entry_education : "") == 0;
}

int import_projections(struct store *st, const char *name, const char *data, size_t len,
		       const struct import_options *opt, struct import_result *res, struct diag *err)
{
	static const char sheet[] = "Table 1.2";
	struct projection_read p;
	struct xlsx *x = NULL;
	struct projection_row *rows = NULL;
	size_t n_rows = 0;
	int rc, i;

	memset(res, 0, sizeof(*res));
	memset(&p, 0, sizeof(p));
	reader_init(&p.rd, name, opt, err);
	p.rd.sheet = sheet;
	rc = xlsx_open(name, data, len, &x, err);
	if (rc == 0 && (i = xlsx_sheet_index(x, sheet)) < 0) {
		struct buf have;
		buf_init(&have, 300);
		for (size_t k = 0; k < xlsx_sheet_count(x); k++)
			buf_addf(&have, "%s%s", k ? ", " : "", xlsx_sheet_name(x, k));
		rc = diag_set(err, ALLIED_EINVAL, "%s: the workbook has no sheet '%s' (it has: %s%s): is this the"
			      " occupation.xlsx of BLS Employment Projections?", name, sheet, have.data,
			      buf_overflowed(&have) ? " ..." : "");
		buf_release(&have);
	} else if (rc == 0) {
		rc = xlsx_read_sheet(x, (size_t)i, projection_row_fn, &p, err);
	}
	if (rc == 0 && !p.rd.header_row)
		import_problem(err, &p.rd.n_errors, "%s: sheet '%s' has no header row with a 'YYYY National Employment"
			       " Matrix code' column", name, sheet);
	else if (rc == 0 && p.n == 0 && p.rd.n_errors == 0)
		import_problem(err, &p.rd.n_errors, "%s: sheet '%s' has no occupations under its header", name, sheet);
	if (rc == 0 && p.rd.n_errors == 0) {
		rows = xcalloc(p.n, sizeof(*rows));
		n_rows = reader_unique(&p.rd, "code", p.col[P_CODE], same_projection, p.v, sizeof(*p.v), rows);
	}
	rc = reader_finish(&p.rd, rc);
	res->rows = p.rd.rows;
	if (rc == 0 && !opt->dry_run) {
		int short_target = p.target_year % 100;
		struct source src = {
			.id = xasprintf("import-ep-%d-%02d", p.base_year, short_target),
			.title = xasprintf("BLS Employment Projections %d\xe2\x80\x93%02d, occupational projections (Table 1.2)",
					   p.base_year, short_target),
			.publisher = (char *)BLS_PUBLISHER, .url = (char *)"https://www.bls.gov/emp/tables.htm",
			.as_of = xasprintf("%d", p.base_year), .licence = (char *)BLS_LICENCE,
		};
		rc = store_import_projections(st, &src, rows, n_rows, &res->changed, err);
		source_free(&src);
	}
	for (size_t k = 0; k < p.n; k++) {
		free(p.v[k].title);
		free(p.v[k].entry_education);
	}
	free(p.v);
	free(p.rd.codes);
	free(rows);
	xlsx_free(x);
	return rc;
}
