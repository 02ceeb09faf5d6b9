/*
 * import-ipeds: the IPEDS HD directory into the institution table (see import.h).
 */
#include "import.h"
#include "import-internal.h"
#include "csvfile.h"
#include "training.h"
#include "xmalloc.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The USPS codes of the territories IPEDS lists, which training_state_parse does not know. */
static bool is_territory(const char *s)
{
	static const char *const codes[] = { "AS", "FM", "GU", "MH", "MP", "PW", "VI" };
	for (size_t i = 0; i < sizeof(codes) / sizeof(codes[0]); i++)
		if (strcmp(s, codes[i]) == 0)
			return true;
	return false;
}

static bool all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return false;
	return true;
}

/* "07102" or "07102-1234" (ZIP+4): the first five digits into zip[6]. */
static bool parse_zip(const char *s, char zip[6])
{
	size_t n = strlen(s);
	if (!((n == 5 && all_digits(s, 5)) || (n == 10 && all_digits(s, 5) && s[5] == '-' && all_digits(s + 6, 4))))
		return false;
	memcpy(zip, s, 5);
	zip[5] = '\0';
	return true;
}

static char *text_or_null(const char *s)
{
	return *s ? xstrdup(s) : NULL;
}

struct unitid_at {
	int64_t unitid;
	size_t line, column;
};

static int cmp_unitid(const void *a, const void *b)
{
	const struct unitid_at *x = a, *y = b;
	if (x->unitid != y->unitid)
		return x->unitid < y->unitid ? -1 : 1;
	return x->line < y->line ? -1 : x->line > y->line;
}

/* The source row of the release: "IPEDS HD2024", as of its collection year when the name says it. */
static void release_source(const char *name, struct source *src)
{
	char *stem = import_stem(name);
	memset(src, 0, sizeof(*src));
	src->id = xasprintf("import-ipeds-hd-%s", stem);
	if ((stem[0] == 'h' || stem[0] == 'H') && (stem[1] == 'd' || stem[1] == 'D') && strlen(stem) >= 6 &&
	    all_digits(stem + 2, 4) && !isdigit((unsigned char)stem[6])) {
		src->title = xasprintf("IPEDS HD%.4s: Institutional Characteristics, Directory information", stem + 2);
		src->as_of = xstrndup(stem + 2, 4);
	} else {
		src->title = xasprintf("IPEDS HD directory file %s", stem);
	}
	src->publisher = xstrdup("National Center for Education Statistics (NCES), IPEDS");
	src->url = xstrdup("https://nces.ed.gov/ipeds/datacenter/DataFiles.aspx");
	src->licence = xstrdup("public domain (U.S. federal government work)");
	free(stem);
}

int import_ipeds_hd(struct store *st, const char *name, const char *data, size_t len,
		    const struct import_options *opt, struct import_result *res, struct diag *err)
{
	enum { UNITID, INSTNM, ADDR, CITY, STABBR, ZIP, LATITUDE, LONGITUD, WEBADDR, CYACTIVE, N_COLS };
	static const char *const cols[N_COLS] = { "UNITID", "INSTNM", "ADDR", "CITY", "STABBR", "ZIP", "LATITUDE",
						  "LONGITUD", "WEBADDR", "CYACTIVE" };
	struct institution *v = NULL;
	struct unitid_at *keys = NULL;
	size_t n = 0, cap = 0, n_keys = 0, keys_cap = 0, idx[N_COLS], kept = 0;
	struct csvfile c;
	struct source src;
	int n_errors = 0, rc;

	memset(res, 0, sizeof(*res));
	release_source(name, &src);
	csvfile_init(&c, name, data, len);
	rc = csvfile_next(&c, err);
	if (rc == 0)
		rc = diag_set(err, ALLIED_EINVAL, "%s:1:1: the file is empty; expected the IPEDS HD header (UNITID, INSTNM, ...)",
			      name);
	if (rc > 0)
		rc = csvfile_columns(&c, cols, N_COLS, idx, err);
	while (rc >= 0 && (rc = csvfile_next(&c, err)) > 0) {
		const char *f[N_COLS];
		size_t col[N_COLS];
		res->rows++;
		if (opt->progress.fn && res->rows % 500 == 0)
			opt->progress.fn(opt->progress.ctx, "checking institutions", csvfile_offset(&c), len);
		bool short_row = false;
		for (int k = 0; k < N_COLS; k++) {
			short_row |= idx[k] >= c.n_fields;
			f[k] = idx[k] < c.n_fields ? c.field[idx[k]] : "";
			col[k] = idx[k] < c.n_fields ? c.column[idx[k]] : 1;
		}
		if (short_row) {
			import_problem(err, &n_errors, "%s:%zu:%zu: %zu fields where the header has more", name, c.line,
				       c.column[c.n_fields - 1], c.n_fields);
			continue;
		}
		struct institution in;
		char zip[6], state[3];
		char *end;
		long long unitid = strtoll(f[UNITID], &end, 10);
		memset(&in, 0, sizeof(in));
		in.latitude = in.longitude = NAN;
		bool ok = true;
#define PROBLEM(k, ...) do { import_problem(err, &n_errors, "%s:%zu:%zu: " __VA_ARGS__); ok = false; } while (0)
		if (!isdigit((unsigned char)f[UNITID][0]) || *end || unitid <= 0 || unitid > 999999999)
			PROBLEM(UNITID, "UNITID '%.20s' is not a positive whole number", name, c.line, col[UNITID], f[UNITID]);
		if (!f[INSTNM][0])
			PROBLEM(INSTNM, "INSTNM is empty", name, c.line, col[INSTNM]);
		if (!training_state_parse(f[STABBR], state) && !is_territory(f[STABBR]))
			PROBLEM(STABBR, "STABBR '%.20s' is not a U.S. state or territory code", name, c.line, col[STABBR], f[STABBR]);
		else if (is_territory(f[STABBR]))
			snprintf(state, sizeof(state), "%s", f[STABBR]);
		if (!parse_zip(f[ZIP], zip))
			PROBLEM(ZIP, "ZIP '%.20s' is not a ZIP code (12345 or 12345-6789)", name, c.line, col[ZIP], f[ZIP]);
		if (f[LATITUDE][0] && !import_parse_degrees(f[LATITUDE], 90, &in.latitude))
			PROBLEM(LATITUDE, "LATITUDE '%.20s' is not a latitude from -90 to 90", name, c.line, col[LATITUDE],
				f[LATITUDE]);
		if (f[LONGITUD][0] && !import_parse_degrees(f[LONGITUD], 180, &in.longitude))
			PROBLEM(LONGITUD, "LONGITUD '%.20s' is not a longitude from -180 to 180", name, c.line, col[LONGITUD],
				f[LONGITUD]);
		if (ok && isnan(in.latitude) != isnan(in.longitude))
			PROBLEM(LATITUDE, "LATITUDE and LONGITUD must be given together", name, c.line, col[LATITUDE]);
		if (strcmp(f[CYACTIVE], "1") != 0 && strcmp(f[CYACTIVE], "2") != 0 && strcmp(f[CYACTIVE], "3") != 0)
			PROBLEM(CYACTIVE, "CYACTIVE '%.20s' is not 1 (active), 2 or 3 (closed, merged)", name, c.line,
				col[CYACTIVE], f[CYACTIVE]);
#undef PROBLEM
		/* CYACTIVE 1: active this collection year; 2 and 3: new-but-not-yet-active or closed, not listed */
		if (!ok)
			continue;
		xgrow((void **)&keys, &keys_cap, n_keys + 1, sizeof(*keys));
		keys[n_keys++] = (struct unitid_at){ unitid, c.line, col[UNITID] };
		if (strcmp(f[CYACTIVE], "1") != 0)
			continue;
		in.id = xasprintf("ipeds-%lld", unitid);
		in.name = xstrdup(f[INSTNM]);
		in.city = text_or_null(f[CITY]);
		in.state = xstrdup(state);
		in.zip = xstrdup(zip);
		in.ipeds_unitid = unitid;
		in.address = text_or_null(f[ADDR]);
		in.website = text_or_null(f[WEBADDR]);
		in.as_of = src.as_of ? xstrdup(src.as_of) : NULL;
		in.origin = xstrdup("ipeds");
		strvec_init(&in.sources);
		strvec_push(&in.sources, src.id);
		xgrow((void **)&v, &cap, n + 1, sizeof(*v));
		v[n] = in;
		n++;
	}
	if (rc >= 0 && n_errors == 0 && n_keys) {	/* keys is NULL when no row was kept: qsort wants a pointer */
		qsort(keys, n_keys, sizeof(*keys), cmp_unitid);
		for (size_t i = 1; i < n_keys; i++)
			if (keys[i].unitid == keys[i - 1].unitid)
				import_problem(err, &n_errors, "%s:%zu:%zu: UNITID %lld appears twice (first on line %zu)", name,
					       keys[i].line, keys[i].column, (long long)keys[i].unitid, keys[i - 1].line);
	}
	if (rc >= 0 && n_errors == 0 && res->rows == 0)
		import_problem(err, &n_errors, "%s: no institution rows after the header", name);
	rc = import_checked(err, name, n_errors, rc);
	if (rc == 0 && !opt->dry_run) {
		if (opt->progress.fn)
			opt->progress.fn(opt->progress.ctx, "writing institutions", 0, 0);
		rc = store_import_institutions(st, &src, v, n, &res->changed, &kept, err);
	}
	for (size_t i = 0; i < n; i++)
		institution_release(&v[i]);
	free(v);
	free(keys);
	source_release(&src);
	csvfile_release(&c);
	return rc;
}
