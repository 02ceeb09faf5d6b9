/*
 * import: the importers (see import.h).
 */
#include "import.h"
#include "import-internal.h"
#include "geo.h"
#include "tsv.h"
#include "xmalloc.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void import_problem(struct diag *err, int *n, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	if (++*n > IMPORT_MAX_ERRORS)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	diag_append(err, ALLIED_EINVAL, "%s", msg);
}

bool import_row_complete(const struct tsv *t, const size_t *idx, size_t n_idx, struct diag *err, int *n)
{
	size_t need = 0;
	for (size_t k = 0; k < n_idx; k++)
		need = idx[k] + 1 > need ? idx[k] + 1 : need;
	if (t->n_fields < need)
		import_problem(err, n, "%s:%zu:%zu: %zu fields where the header has more: is the file cut short?",
			       t->name, t->line, t->column[t->n_fields - 1], t->n_fields);
	else if (t->unterminated)
		import_problem(err, n, "%s:%zu:%zu: the last line has no line end: is the file cut short?", t->name,
			       t->line, t->column[t->n_fields - 1]);
	return t->n_fields >= need && !t->unterminated;
}

bool import_parse_degrees(const char *s, double limit, double *out)
{
	char *end;
	double v = strtod(s, &end);
	while (*end == ' ')
		end++;
	if (end == s || *end || !isfinite(v) || fabs(v) > limit)
		return false;
	*out = v;
	return true;
}

int import_checked(struct diag *err, const char *name, int n_errors, int rc)
{
	if (rc < 0 && err->code == ALLIED_EINVAL && n_errors == 0)
		n_errors++;	/* a line the reader could not read (encoding, cut short) */
	if (n_errors > IMPORT_MAX_ERRORS)
		diag_append(err, ALLIED_EINVAL, "%s: %d problems in all", name, n_errors);
	if (n_errors) {
		err->code = ALLIED_EINVAL;
		return ALLIED_EINVAL;
	}
	return rc < 0 ? rc : 0;
}

char *import_stem(const char *name)
{
	const char *base = strrchr(name, '/') ? strrchr(name, '/') + 1 : name, *dot = strrchr(base, '.');
	return xstrndup(base, dot && dot != base ? (size_t)(dot - base) : strlen(base));
}

static int cmp_zip(const void *a, const void *b)
{
	return strcmp(((const struct zip_point *)a)->zip, ((const struct zip_point *)b)->zip);
}

int import_zcta(struct store *st, const char *name, const char *data, size_t len,
		const struct import_options *opt, struct import_result *res, struct diag *err)
{
	static const char *const cols[] = { "GEOID", "INTPTLAT", "INTPTLONG" };
	struct zip_table z;
	struct tsv t;
	size_t idx[3], cap = 0;
	int n_errors = 0, rc;

	memset(res, 0, sizeof(*res));
	zip_table_init(&z);
	tsv_init(&t, name, data, len);
	rc = tsv_next(&t, err);
	if (rc == 0)
		rc = diag_set(err, ALLIED_EINVAL, "%s:1:1: the file is empty; expected a header with GEOID, INTPTLAT and INTPTLONG",
			      name);
	if (rc > 0)
		rc = tsv_columns(&t, cols, 3, idx, err);
	while (rc >= 0 && (rc = tsv_next(&t, err)) > 0) {
		struct zip_point p;
		res->rows++;
		if (!import_row_complete(&t, idx, 3, err, &n_errors))
			continue;
		const char *geoid = t.field[idx[0]];
		if (!geo_is_zip(geoid)) {
			import_problem(err, &n_errors, "%s:%zu:%zu: GEOID '%.20s' is not five digits", name, t.line, t.column[idx[0]], geoid);
			continue;
		}
		if (!import_parse_degrees(t.field[idx[1]], 90, &p.lat)) {
			import_problem(err, &n_errors, "%s:%zu:%zu: INTPTLAT '%.20s' is not a latitude", name, t.line, t.column[idx[1]],
				t.field[idx[1]]);
			continue;
		}
		if (!import_parse_degrees(t.field[idx[2]], 180, &p.lon)) {
			import_problem(err, &n_errors, "%s:%zu:%zu: INTPTLONG '%.20s' is not a longitude", name, t.line, t.column[idx[2]],
				t.field[idx[2]]);
			continue;
		}
		memcpy(p.zip, geoid, 6);
		xgrow((void **)&z.v, &cap, z.n + 1, sizeof(*z.v));
		z.v[z.n++] = p;
	}
	if (rc < 0 && err->code == ALLIED_EINVAL && n_errors == 0)
		n_errors++;	/* a line tsv could not read (encoding) */
	if (rc >= 0 && n_errors == 0 && z.n) {
		qsort(z.v, z.n, sizeof(*z.v), cmp_zip);
		for (size_t i = 1; i < z.n; i++)
			if (strcmp(z.v[i].zip, z.v[i - 1].zip) == 0)
				import_problem(err, &n_errors, "%s: GEOID %s appears twice", name, z.v[i].zip);
	}
	if (rc >= 0 && n_errors == 0 && z.n == 0)
		import_problem(err, &n_errors, "%s: no ZIP code rows after the header", name);
	if (n_errors > IMPORT_MAX_ERRORS)
		diag_append(err, ALLIED_EINVAL, "%s: %d problems in all", name, n_errors);
	if (n_errors) {
		rc = ALLIED_EINVAL;
		err->code = ALLIED_EINVAL;
	} else if (rc >= 0) {
		rc = opt->dry_run ? 0 : store_import_zips(st, &z, name, &res->changed, err);
	}
	tsv_release(&t);
	zip_table_release(&z);
	return rc < 0 ? rc : 0;
}
