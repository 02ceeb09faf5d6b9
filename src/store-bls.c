/*
 * store-bls: BLS wages (OEWS) and employment projections into the database, and onto the
 * careers that cite their SOC codes (store.h, store-internal.h).
 *
 * Every write compares first ("... WHERE x IS NOT new"), so that importing the same release
 * again changes no row and reports 0.
 */
#include "store.h"
#include "store-internal.h"
#include "xmalloc.h"

#include <stdlib.h>

int store_put_source(struct store *st, const struct source *src, size_t *changed, struct diag *err)
{
	sqlite3_stmt *q = NULL;
	int rc = store_prepare(st, "INSERT INTO source(id, title, publisher, url, as_of, checked, licence)"
			       " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(id) DO UPDATE SET title = ?2,"
			       " publisher = ?3, url = ?4, as_of = ?5, checked = ?6, licence = ?7"
			       " WHERE title IS NOT ?2 OR publisher IS NOT ?3 OR url IS NOT ?4 OR as_of IS NOT ?5"
			       " OR checked IS NOT ?6 OR licence IS NOT ?7", &q, err);
	if (rc == 0) {
		store_bind_text(q, 1, src->id);
		store_bind_text(q, 2, src->title);
		store_bind_text(q, 3, src->publisher);
		store_bind_text(q, 4, src->url);
		store_bind_text(q, 5, src->as_of);
		store_bind_text(q, 6, src->checked);
		store_bind_text(q, 7, src->licence);
		rc = store_step_done(st, q, err, "cannot store a source");
		*changed += (size_t)sqlite3_changes(st->db);
	}
	sqlite3_finalize(q);
	return rc;
}

/* A career to update: its number, then the values to give it, as read by the finding query. */
struct career_update {
	int64_t num;
	sqlite3_value *v[8];
};

/*
 * Run find (rows: career num, n_values values, then the source id), then for each row run
 * set (?1 = num, ?2... = the values) and make the career's block sources that one source.
 * The rows are read first: the career table is not changed while find walks it.
 */
static int apply(struct store *st, const char *find, const char *set, int n_values, int block, size_t *changed,
		 struct diag *err)
{
	sqlite3_stmt *q = NULL, *upd = NULL, *del = NULL, *ins = NULL;
	struct career_update *u = NULL;
	size_t n = 0, cap = 0;
	int rc, step;

	rc = store_prepare(st, find, &q, err);
	if (rc == 0) {
		sqlite3_bind_int(q, 1, block);
		while ((step = sqlite3_step(q)) == SQLITE_ROW) {
			xgrow((void **)&u, &cap, n + 1, sizeof(*u));
			u[n].num = sqlite3_column_int64(q, 0);
			for (int i = 0; i <= n_values; i++)
				u[n].v[i] = sqlite3_value_dup(sqlite3_column_value(q, 1 + i));
			n++;
		}
		if (step != SQLITE_DONE)
			rc = store_fail(st, err, "cannot find the careers to update");
	}
	sqlite3_finalize(q);
	if (rc == 0)
		rc = store_prepare(st, set, &upd, err);
	if (rc == 0)
		rc = store_prepare(st, "DELETE FROM career_source WHERE career_num = ?1 AND block = ?2", &del, err);
	if (rc == 0)
		rc = store_prepare(st, "INSERT INTO career_source(career_num, block, seq, source_id) VALUES(?1, ?2, 0, ?3)",
				   &ins, err);
	for (size_t k = 0; rc == 0 && k < n; k++) {
		sqlite3_bind_int64(upd, 1, u[k].num);
		for (int i = 0; i < n_values; i++)
			sqlite3_bind_value(upd, 2 + i, u[k].v[i]);
		rc = store_step_done(st, upd, err, "cannot update a career's figures");
		sqlite3_bind_int64(del, 1, u[k].num);
		sqlite3_bind_int(del, 2, block);
		if (rc == 0)
			rc = store_step_done(st, del, err, "cannot update a career's sources");
		sqlite3_bind_int64(ins, 1, u[k].num);
		sqlite3_bind_int(ins, 2, block);
		sqlite3_bind_value(ins, 3, u[k].v[n_values]);
		if (rc == 0)
			rc = store_step_done(st, ins, err, "cannot update a career's sources");
		if (rc == 0)
			++*changed;
	}
	for (size_t k = 0; k < n; k++)
		for (int i = 0; i <= n_values; i++)
			sqlite3_value_free(u[k].v[i]);
	free(u);
	sqlite3_finalize(upd);
	sqlite3_finalize(del);
	sqlite3_finalize(ins);
	return rc;
}

/*
 * The block's sources of career c as one string; a single source id has no space in it, so
 * comparing this with the row's source is true exactly when that is the one source cited.
 */
#define BLOCK_SOURCES "(SELECT group_concat(s.source_id, ' ') FROM career_source s WHERE s.career_num = c.num AND s.block = ?1)"

int store_apply_wages(struct store *st, size_t *changed, struct diag *err)
{
	return apply(st,
		     "SELECT c.num, w.median, w.p10, w.p90, w.p90_capped, w.source FROM career c JOIN wage w ON w.soc = c.pay_soc"
		     " WHERE c.wage_median IS NOT w.median OR c.wage_p10 IS NOT w.p10 OR c.wage_p90 IS NOT w.p90"
		     " OR c.wage_p90_capped IS NOT w.p90_capped OR " BLOCK_SOURCES " IS NOT w.source ORDER BY c.num",
		     "UPDATE career SET wage_median = ?2, wage_p10 = ?3, wage_p90 = ?4, wage_p90_capped = ?5 WHERE num = ?1",
		     4, BLOCK_PAY, changed, err);
}

int store_apply_projections(struct store *st, size_t *changed, struct diag *err)
{
	return apply(st,
		     "SELECT c.num, p.employment_base, p.employment_target, p.change_pct, p.openings, p.entry_education,"
		     " p.source FROM career c JOIN projection p ON p.soc = c.outlook_soc"
		     " WHERE c.employment_2024 IS NOT p.employment_base OR c.employment_2034 IS NOT p.employment_target"
		     " OR c.change_pct IS NOT p.change_pct OR c.openings IS NOT p.openings"
		     " OR c.entry_education IS NOT p.entry_education OR " BLOCK_SOURCES " IS NOT p.source ORDER BY c.num",
		     "UPDATE career SET employment_2024 = ?2, employment_2034 = ?3, change_pct = ?4, openings = ?5,"
		     " entry_education = ?6 WHERE num = ?1",
		     5, BLOCK_OUTLOOK, changed, err);
}

/* Bind the i-th row of rows to the table's upsert, citing source. */
typedef void (*bind_row_fn)(sqlite3_stmt *q, const void *rows, size_t i, const char *source);

/*
 * The frame of a BLS import: begin, the source row, every row through upsert, then apply the
 * table to the careers, and commit (recording meta_key) or roll back.
 */
static int import_release(struct store *st, const struct source *src, const char *upsert, bind_row_fn bind,
			  const void *rows, size_t n, int (*apply_fn)(struct store *, size_t *, struct diag *),
			  const char *meta_key, size_t *changed, struct diag *err)
{
	sqlite3_stmt *q = NULL;
	int rc;

	*changed = 0;
	if ((rc = store_import_begin(st, err)) < 0)
		return rc;
	rc = store_put_source(st, src, changed, err);
	if (rc == 0)
		rc = store_prepare(st, upsert, &q, err);
	for (size_t i = 0; rc == 0 && i < n; i++) {
		bind(q, rows, i, src->id);
		rc = store_step_done(st, q, err, "cannot store a row");
		*changed += (size_t)sqlite3_changes(st->db);
	}
	sqlite3_finalize(q);
	if (rc == 0)
		rc = apply_fn(st, changed, err);
	rc = store_import_end(st, rc, *changed > 0, meta_key, src->id, err);
	if (rc < 0)
		*changed = 0;
	return rc;
}

static void bind_wage(sqlite3_stmt *q, const void *rows, size_t i, const char *source)
{
	const struct wage_row *w = (const struct wage_row *)rows + i;
	store_bind_text(q, 1, w->soc);
	store_bind_text(q, 2, w->title);
	store_bind_int(q, 3, w->employment);
	store_bind_int(q, 4, w->mean_usd);
	store_bind_int(q, 5, w->p10_usd);
	store_bind_int(q, 6, w->p25_usd);
	store_bind_int(q, 7, w->median_usd);
	store_bind_int(q, 8, w->p75_usd);
	store_bind_int(q, 9, w->p90_usd);
	sqlite3_bind_int(q, 10, w->p90_capped);
	store_bind_text(q, 11, source);
}

int store_import_wages(struct store *st, const struct source *src, const struct wage_row *v, size_t n,
		       size_t *changed, struct diag *err)
{
	return import_release(st, src, "INSERT INTO wage(soc, title, employment, mean, p10, p25, median, p75, p90,"
			      " p90_capped, source) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) ON CONFLICT(soc)"
			      " DO UPDATE SET title = ?2, employment = ?3, mean = ?4, p10 = ?5, p25 = ?6, median = ?7,"
			      " p75 = ?8, p90 = ?9, p90_capped = ?10, source = ?11 WHERE title IS NOT ?2 OR employment IS NOT ?3"
			      " OR mean IS NOT ?4 OR p10 IS NOT ?5 OR p25 IS NOT ?6 OR median IS NOT ?7 OR p75 IS NOT ?8"
			      " OR p90 IS NOT ?9 OR p90_capped IS NOT ?10 OR source IS NOT ?11",
			      bind_wage, v, n, store_apply_wages, "oews_source", changed, err);
}

static void bind_projection(sqlite3_stmt *q, const void *rows, size_t i, const char *source)
{
	const struct projection_row *p = (const struct projection_row *)rows + i;
	store_bind_text(q, 1, p->soc);
	store_bind_text(q, 2, p->title);
	store_bind_int(q, 3, p->employment_base);
	store_bind_int(q, 4, p->employment_target);
	store_bind_real(q, 5, p->change_pct);
	store_bind_int(q, 6, p->openings_per_year);
	store_bind_text(q, 7, p->entry_education);
	store_bind_text(q, 8, source);
}

int store_import_projections(struct store *st, const struct source *src, const struct projection_row *v, size_t n,
			     size_t *changed, struct diag *err)
{
	return import_release(st, src, "INSERT INTO projection(soc, title, employment_base, employment_target,"
			      " change_pct, openings, entry_education, source) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
			      " ON CONFLICT(soc) DO UPDATE SET title = ?2, employment_base = ?3, employment_target = ?4,"
			      " change_pct = ?5, openings = ?6, entry_education = ?7, source = ?8 WHERE title IS NOT ?2"
			      " OR employment_base IS NOT ?3 OR employment_target IS NOT ?4 OR change_pct IS NOT ?5"
			      " OR openings IS NOT ?6 OR entry_education IS NOT ?7 OR source IS NOT ?8",
			      bind_projection, v, n, store_apply_projections, "projections_source", changed, err);
}
