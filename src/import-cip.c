/*
 * import-cip: NCES CIP 2020 codes and the CIP 2020 - SOC 2018 crosswalk (see import.h).
 */
#include "import.h"
#include "import-internal.h"
#include "csvfile.h"
#include "xmalloc.h"

#include <ctype.h>
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

/* Read one of the two files: crosswalk (codes_file false) or the code list. */
static int read_file(struct cip_read *r, const char *name, const char *data, size_t len, bool codes_file,
		     size_t *rows, struct diag *err)
{
	static const char *const walk_cols[] = { "CIP2020Code", "CIP2020Title", "SOC2018Code" };
	static const char *const code_cols[] = { "CIPCode", "CIPTitle" };
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
		char code_buf[16];
		(*rows)++;
		if (c.n_fields <= idx[0] || c.n_fields <= idx[1] || (!codes_file && c.n_fields <= idx[2]) ||
		    (c.unterminated && c.n_fields != header_fields)) {
			import_problem(err, &r->n_errors, "%s:%zu:%zu: %zu fields where the header has more", name, c.line,
				       c.column[c.n_fields - 1], c.n_fields);
			continue;
		}
		const char *code = unwrap_excel(c.field[idx[0]], code_buf, sizeof(code_buf)), *title = c.field[idx[1]];
		if (!is_cip(code, !codes_file)) {
			import_problem(err, &r->n_errors, "%s:%zu:%zu: '%.20s' is not a CIP 2020 code (like 51.0801)", name,
				       c.field_line[idx[0]], c.column[idx[0]], c.field[idx[0]]);
			continue;
		}
		if (!title[0]) {
			import_problem(err, &r->n_errors, "%s:%zu:%zu: CIP %s has no title", name, c.field_line[idx[1]],
				       c.column[idx[1]], code);
			continue;
		}
		if (codes_file) {
			add_code(r, code, title);
			continue;
		}
		const char *soc = c.field[idx[2]];
		if (!is_soc(soc)) {
			import_problem(err, &r->n_errors, "%s:%zu:%zu: '%.20s' is not a SOC 2018 code (like 31-9092)", name,
				       c.field_line[idx[2]], c.column[idx[2]], soc);
			continue;
		}
		add_code(r, code, title);
		if (strcmp(soc, "99-9999") == 0)
			continue;	/* NO MATCH: a program of study with no occupation */
		xgrow((void **)&r->pairs, &r->pairs_cap, r->n_pairs + 1, sizeof(*r->pairs));
		r->pairs[r->n_pairs++] = (struct store_cip_soc){ keep(r, code), keep(r, soc) };
	}
	if (rc >= 0 && r->n_errors == 0 && *rows == 0)
		import_problem(err, &r->n_errors, "%s: no rows after the header", name);
	csvfile_release(&c);
	return import_checked(err, name, r->n_errors, rc);
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
	rc = read_file(&r, name, data, len, false, &res->rows, err);
	if (rc == 0 && codes_name) {
		/* the code list's titles win: read it into a fresh list, then add the crosswalk's others */
		struct cip_read list;
		size_t rows = 0;
		memset(&list, 0, sizeof(list));
		strvec_init(&list.strings);
		rc = read_file(&list, codes_name, codes, codes_len, true, &rows, err);
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
