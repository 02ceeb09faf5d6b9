/*
 * import-cip: NCES CIP 2020 codes and the CIP 2020 - SOC 2018 crosswalk (see import.h).
 */
#include "import.h"
#include "import-internal.h"
#include "buf.h"
#include "csvfile.h"
#include "xlsx.h"
#include "xmalloc.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* "51", "51.08" or "51.0801" (digits = 2, 4 or 6 in all). */
static bool is_cip(const char *s, bool six_only)
{
	size_t n = strlen(s);
	if (!(n == 7 || (!six_only && (n == 2 || n == 5))))
		return false;
	for (size_t i = 0; i < n; i++)
		if (i == 2 ? s[i] != '.' : !isdigit((unsigned char)s[i]))
			return false;
	return true;
}

static bool is_soc(const char *s)
{
	if (strlen(s) != 7 || s[2] != '-')
		return false;
	for (size_t i = 0; i < 7; i++)
		if (i != 2 && !isdigit((unsigned char)s[i]))
			return false;
	return true;
}

/* NCES writes codes as ="51.0801" so that Excel keeps the leading zero: the text inside. */
static const char *unwrap_excel(const char *s, char *out, size_t size)
{
	size_t n = strlen(s);
	if (n >= 3 && s[0] == '=' && s[1] == '"' && s[n - 1] == '"' && n - 3 < size) {
		memcpy(out, s + 2, n - 3);
		out[n - 3] = '\0';
		return out;
	}
	return s;
}

struct cip_read {
	struct store_cip *codes;
	size_t n_codes, codes_cap;
	struct store_cip_soc *pairs;
	size_t n_pairs, pairs_cap;
	struct strvec strings;		/* owns every code and title */
	int n_errors;
	struct diag *err;
	const struct import_options *opt;
};

static const char *keep(struct cip_read *r, const char *s)
{
	strvec_push(&r->strings, s);
	return r->strings.v[r->strings.n - 1];
}

static void add_code(struct cip_read *r, const char *code, const char *title)
{
	for (size_t i = r->n_codes; i-- > 0;)	/* the crosswalk repeats a code once per SOC; the first title wins */
		if (strcmp(r->codes[i].code, code) == 0)
			return;
	xgrow((void **)&r->codes, &r->codes_cap, r->n_codes + 1, sizeof(*r->codes));
	r->codes[r->n_codes++] = (struct store_cip){ keep(r, code), keep(r, title) };
}

/*
 * Where a value is, for messages: "file:line:column: message" in a CSV file, and in a
 * workbook "file:row:column: message (cell C12)" as the BLS importers write them.
 */
struct cip_at {
	const char *name;
	size_t line, column;
	char cell[XLSX_COLUMN_NAME_MAX + 24];	/* "" for CSV, else " (cell C12)" */
};

static void value_problem(struct cip_read *r, const struct cip_at *at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void value_problem(struct cip_read *r, const struct cip_at *at, const char *fmt, ...)
{
	char msg[300];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	import_problem(r->err, &r->n_errors, "%s:%zu:%zu: %s%s", at->name, at->line, at->column, msg, at->cell);
}

/* The columns each file is read by: the crosswalk's (codes_file false) or the code list's. */
static const char *const walk_cols[] = { "CIP2020Code", "CIP2020Title", "SOC2018Code" };
static const char *const code_cols[] = { "CIPCode", "CIPTitle" };

/* Check one data row: v[] the values of the columns above, at[] where each is; keep what is good. */
static void take_row(struct cip_read *r, bool codes_file, const char *const *v, const struct cip_at *at)
{
	char code_buf[16];
	const char *code = unwrap_excel(v[0], code_buf, sizeof(code_buf)), *title = v[1];
	if (!is_cip(code, !codes_file)) {
		value_problem(r, &at[0], "'%.20s' is not a CIP 2020 code (like 51.0801)", v[0]);
		return;
	}
	if (!title[0]) {
		value_problem(r, &at[1], "CIP %s has no title", code);
		return;
	}
	if (codes_file) {
		add_code(r, code, title);
		return;
	}
	const char *soc = v[2];
	if (!is_soc(soc)) {
		value_problem(r, &at[2], "'%.20s' is not a SOC 2018 code (like 31-9092)", soc);
		return;
	}
	add_code(r, code, title);
	if (strcmp(soc, "99-9999") == 0)
		return;	/* NO MATCH: a program of study with no occupation */
	xgrow((void **)&r->pairs, &r->pairs_cap, r->n_pairs + 1, sizeof(*r->pairs));
	r->pairs[r->n_pairs++] = (struct store_cip_soc){ keep(r, code), keep(r, soc) };
}

/* Read a CSV file: the crosswalk (codes_file false) or the code list. */
static int read_csv(struct cip_read *r, const char *name, const char *data, size_t len, bool codes_file,
		    size_t *rows, struct diag *err)
{
	size_t idx[3], n_cols = codes_file ? 2 : 3;
	struct csvfile c;
	int rc;

	csvfile_init(&c, name, data, len);
	c.lenient_end = true;	/* the crosswalk CSV as published ends without a line end */
	rc = csvfile_next(&c, err);
	if (rc == 0)
		rc = diag_set(err, ALLIED_EINVAL, "%s:1:1: the file is empty; expected a header with %s", name,
			      codes_file ? "CIPCode and CIPTitle" : "CIP2020Code, CIP2020Title and SOC2018Code");
	if (rc > 0)
		rc = csvfile_columns(&c, codes_file ? code_cols : walk_cols, n_cols, idx, err);
	size_t header_fields = c.n_fields;
	while (rc >= 0 && (rc = csvfile_next(&c, err)) > 0) {
		(*rows)++;
		if (c.n_fields <= idx[0] || c.n_fields <= idx[1] || (!codes_file && c.n_fields <= idx[2]) ||
		    (c.unterminated && c.n_fields != header_fields)) {
			import_problem(err, &r->n_errors, "%s:%zu:%zu: %zu fields where the header has more", name, c.line,
				       c.column[c.n_fields - 1], c.n_fields);
			continue;
		}
		const char *v[3];
		struct cip_at at[3];
		for (size_t k = 0; k < n_cols; k++) {
			v[k] = c.field[idx[k]];
			at[k] = (struct cip_at){ .name = name, .line = c.field_line[idx[k]], .column = c.column[idx[k]] };
		}
		take_row(r, codes_file, v, at);
	}
	if (rc >= 0 && r->n_errors == 0 && *rows == 0)
		import_problem(err, &r->n_errors, "%s: no rows after the header", name);
	csvfile_release(&c);
	return import_checked(err, name, r->n_errors, rc);
}

/* ---- a workbook: the first sheet, in workbook order, whose header row has the columns ---- */

struct sheet_read {
	struct cip_read *r;
	const char *name, *sheet;
	bool codes_file;
	size_t n_cols, idx[3], header_row, *rows;
	bool skipped;			/* the sheet's header lacks a column: sheet_row stopped, err untouched */
	struct buf seen;		/* each sheet passed over with its header, for the message when none fits */
	const struct import_options *opt;
};

static const char *cell_at(const struct xlsx_row *row, size_t i)
{
	return i < row->n_cells ? row->cell[i] : "";
}

static int sheet_row(void *ctx, const struct xlsx_row *row, struct diag *err)
{
	struct sheet_read *s = ctx;
	const char *const *cols = s->codes_file ? code_cols : walk_cols;

	(void)err;
	if (!s->header_row) {	/* the first row with a cell is the header */
		bool all = true;
		for (size_t k = 0; k < s->n_cols; k++) {
			s->idx[k] = (size_t)-1;
			for (size_t i = 0; i < row->n_cells && s->idx[k] == (size_t)-1; i++)
				if (strcmp(row->cell[i], cols[k]) == 0)
					s->idx[k] = i;
			all &= s->idx[k] != (size_t)-1;
		}
		if (!all) {
			buf_addf(&s->seen, "%s'%s' (", s->seen.len ? ", " : "", s->sheet);
			for (size_t i = 0; i < row->n_cells && i < 8; i++)
				buf_addf(&s->seen, "%s%.40s", i ? ", " : "", row->cell[i]);
			buf_adds(&s->seen, row->n_cells > 8 ? ", ...)" : ")");
			s->skipped = true;
			return ALLIED_EINVAL;
		}
		s->header_row = row->row;
		return 0;
	}
	if (s->opt->progress.fn && row->row % 256 == 0)
		s->opt->progress.fn(s->opt->progress.ctx, "checking the crosswalk", row->part_done, row->part_size);
	(*s->rows)++;
	const char *v[3];
	struct cip_at at[3];
	for (size_t k = 0; k < s->n_cols; k++) {
		char col[XLSX_COLUMN_NAME_MAX];
		xlsx_column_name(s->idx[k] + 1, col);
		v[k] = cell_at(row, s->idx[k]);
		at[k] = (struct cip_at){ .name = s->name, .line = row->row, .column = s->idx[k] + 1 };
		snprintf(at[k].cell, sizeof(at[k].cell), " (cell %s%zu)", col, row->row);
	}
	take_row(s->r, s->codes_file, v, at);
	return 0;
}

static int read_xlsx(struct cip_read *r, const char *name, const char *data, size_t len, bool codes_file,
		     size_t *rows, struct diag *err)
{
	struct sheet_read s = { .r = r, .name = name, .codes_file = codes_file, .n_cols = codes_file ? 2 : 3,
				.rows = rows, .opt = r->opt };
	struct xlsx *x = NULL;
	int rc = xlsx_open(name, data, len, &x, err);

	buf_init(&s.seen, 2000);
	for (size_t i = 0; rc == 0 && x && i < xlsx_sheet_count(x); i++) {
		s.sheet = xlsx_sheet_name(x, i);
		s.skipped = false;
		rc = xlsx_read_sheet(x, i, sheet_row, &s, err);
		if (s.skipped)
			rc = 0;
		else if (rc == 0 && s.header_row)
			break;
	}
	if (rc == 0 && !s.header_row)
		import_problem(err, &r->n_errors, "%s: no sheet has a header row with the columns %s (the sheets: %s%s)", name,
			       codes_file ? "CIPCode and CIPTitle" : "CIP2020Code, CIP2020Title and SOC2018Code",
			       s.seen.len ? s.seen.data : "none", buf_overflowed(&s.seen) ? " ..." : "");
	else if (rc == 0 && r->n_errors == 0 && *rows == 0)
		import_problem(err, &r->n_errors, "%s: sheet '%s' has no rows after the header", name, s.sheet);
	buf_release(&s.seen);
	xlsx_free(x);
	return import_checked(err, name, r->n_errors, rc);
}

/* Read one of the two files, a workbook (by its zip signature, whatever its name) or CSV. */
static int read_file(struct cip_read *r, const char *name, const char *data, size_t len, bool codes_file,
		     const struct import_options *opt, size_t *rows, struct diag *err)
{
	r->err = err;
	r->opt = opt;
	if (len >= 4 && memcmp(data, "PK\3\4", 4) == 0)
		return read_xlsx(r, name, data, len, codes_file, rows, err);
	return read_csv(r, name, data, len, codes_file, rows, err);
}

static int cmp_code(const void *a, const void *b)
{
	return strcmp(((const struct store_cip *)a)->code, ((const struct store_cip *)b)->code);
}

int import_cip_soc(struct store *st, const char *name, const char *data, size_t len, const char *codes_name,
		   const char *codes, size_t codes_len, const struct import_options *opt, struct import_result *res,
		   struct diag *err)
{
	struct cip_read r;
	struct source src;
	int rc;

	memset(res, 0, sizeof(*res));
	memset(&r, 0, sizeof(r));
	strvec_init(&r.strings);
	if (opt->progress.fn)
		opt->progress.fn(opt->progress.ctx, "checking the crosswalk", 0, 0);
	rc = read_file(&r, name, data, len, false, opt, &res->rows, err);
	if (rc == 0 && codes_name) {
		/* the code list's titles win: read it into a fresh list, then add the crosswalk's others */
		struct cip_read list;
		size_t rows = 0;
		memset(&list, 0, sizeof(list));
		strvec_init(&list.strings);
		rc = read_file(&list, codes_name, codes, codes_len, true, opt, &rows, err);
		for (size_t i = 0; rc == 0 && i < r.n_codes; i++)
			add_code(&list, r.codes[i].code, r.codes[i].title);
		for (size_t i = 0; rc == 0 && i < r.n_pairs; i++) {
			xgrow((void **)&list.pairs, &list.pairs_cap, list.n_pairs + 1, sizeof(*list.pairs));
			list.pairs[list.n_pairs++] = (struct store_cip_soc){ keep(&list, r.pairs[i].cip), keep(&list, r.pairs[i].soc) };
		}
		free(r.codes);
		free(r.pairs);
		strvec_release(&r.strings);
		r = list;
		res->rows += rows;
	}
	if (rc == 0 && r.n_codes)	/* codes is NULL when there are none: qsort wants a pointer */
		qsort(r.codes, r.n_codes, sizeof(*r.codes), cmp_code);
	char *stem = import_stem(name);
	memset(&src, 0, sizeof(src));
	src.id = xasprintf("import-cip-soc-%s", stem);
	src.title = xstrdup("CIP 2020 to SOC 2018 crosswalk, with the CIP 2020 codes");
	src.publisher = xstrdup("National Center for Education Statistics (NCES) and Bureau of Labor Statistics (BLS)");
	src.url = xstrdup("https://nces.ed.gov/ipeds/cipcode/resources.aspx?y=56");
	src.as_of = xstrdup("2020");
	src.licence = xstrdup("public domain (U.S. federal government work)");
	free(stem);
	if (rc == 0 && !opt->dry_run) {
		if (opt->progress.fn)
			opt->progress.fn(opt->progress.ctx, "writing CIP codes", 0, 0);
		rc = store_import_cip(st, &src, r.codes, r.n_codes, r.pairs, r.n_pairs, &res->changed, err);
	}
	source_release(&src);
	free(r.codes);
	free(r.pairs);
	strvec_release(&r.strings);
	return rc;
}
