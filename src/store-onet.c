/*
 * store-onet: an O*NET release into the careers, the search index and the O*NET tables
 * (store.h, store_import_onet).
 *
 * Idempotent by comparison: every set of rows an occupation owns (its search entries of one
 * kind, its duties, names, sources, related occupations, education levels) is read back as
 * "images" (the columns joined, in order) and compared with what the release says; only a set
 * that differs is deleted and written again. So a second import of the same files writes
 * nothing at all, and the database file keeps its bytes.
 */
#include "store.h"
#include "store-internal.h"
#include "text.h"
#include "xmalloc.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ONET_PUBLISHER "National Center for O*NET Development for USDOL/ETA"
#define ONET_URL "https://www.onetcenter.org/database.html"
#define SEARCH_SEQ_MAX 512	/* a search rowid has room for 512 entries of a kind (store.c) */

enum { CT_DUTY = 2 };		/* career_text kinds (store.c) */
enum { NAME_ID = 0, NAME_TITLE = 1, NAME_IMPORTED = 3 };

/* A career that has an O*NET code already. */
struct known {
	char *onet_soc, *id;
	int64_t num;
	bool curated;
};

struct name_row {
	int64_t num;
	char *norm;
	int kind;
};

/* The statements of one set of rows: select its images, delete it, insert one row. */
struct row_set {
	sqlite3_stmt *sel, *del, *ins;
};

struct writer {
	struct store *st;
	const struct onet_data *d;
	struct known *known;
	size_t n_known;
	struct name_row *names;		/* every career_name row, by career and name */
	size_t n_names;
	struct row_set search, duty, source, related, education;
	sqlite3_stmt *insert, *update, *id_taken, *wage, *projection, *name_del, *name_ins;
	int64_t next_num;
	bool search_changed;
	struct diag *err;
};

/* ---- images ---- */

static void img_sep(struct buf *b)
{
	if (b->len)
		buf_addc(b, '\x1f');
}

static void img_int(struct buf *b, int64_t v)
{
	img_sep(b);
	buf_addf(b, "%lld", (long long)v);
}

static void img_real(struct buf *b, double v)
{
	img_sep(b);
	buf_addf(b, "%.17g", v);
}

static void img_text(struct buf *b, const char *s)
{
	img_sep(b);
	buf_adds(b, s ? s : "\x1e");
}

/* The image of the row q is on: its columns in order, as img_* writes them. */
static void row_image(sqlite3_stmt *q, struct buf *b)
{
	buf_reset(b);
	for (int i = 0; i < sqlite3_column_count(q); i++)
		switch (sqlite3_column_type(q, i)) {
		case SQLITE_INTEGER: img_int(b, sqlite3_column_int64(q, i)); break;
		case SQLITE_FLOAT: img_real(b, sqlite3_column_double(q, i)); break;
		case SQLITE_NULL: img_text(b, NULL); break;
		default: img_text(b, (const char *)sqlite3_column_text(q, i)); break;
		}
}

/* Bind the key of a row set: text, or one or two integers, to ?1 and ?2. */
static void bind_key(sqlite3_stmt *q, const char *text, int64_t a, int64_t b)
{
	if (text)
		sqlite3_bind_text(q, 1, text, -1, SQLITE_STATIC);
	else
		sqlite3_bind_int64(q, 1, a);
	if (sqlite3_bind_parameter_count(q) >= 2)
		sqlite3_bind_int64(q, 2, b);
}

/*
 * Does the set keyed (text | a, b) hold exactly the rows want (images, in order)? When it does
 * not, delete it and say so in *differs: the caller then inserts want's rows.
 */
static int sync_rows(struct writer *w, struct row_set *rs, const char *text, int64_t a, int64_t b,
		     const struct strvec *want, bool *differs)
{
	struct buf img;
	size_t i = 0;
	int rc;

	*differs = false;
	buf_init(&img, 0);
	bind_key(rs->sel, text, a, b);
	while ((rc = sqlite3_step(rs->sel)) == SQLITE_ROW && !*differs) {
		row_image(rs->sel, &img);
		*differs = i >= want->n || strcmp(img.data, want->v[i]) != 0;
		i++;
	}
	sqlite3_reset(rs->sel);
	sqlite3_clear_bindings(rs->sel);
	buf_release(&img);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return store_fail(w->st, w->err, "cannot read imported rows");
	*differs = *differs || i != want->n;
	if (!*differs)
		return 0;
	bind_key(rs->del, text, a, b);
	return store_step_done(w->st, rs->del, w->err, "cannot replace imported rows");
}

/* ---- loading what is there ---- */

static int cmp_known(const void *a, const void *b)
{
	const struct known *x = a, *y = b;
	int c = strcmp(x->onet_soc, y->onet_soc);
	return c ? c : (int)y->curated - (int)x->curated;	/* curated first */
}

static int cmp_name_row(const void *a, const void *b)
{
	const struct name_row *x = a, *y = b;
	if (x->num != y->num)
		return x->num < y->num ? -1 : 1;
	return strcmp(x->norm, y->norm);
}

static int load_existing(struct writer *w, struct diag *err)
{
	sqlite3_stmt *q;
	size_t cap = 0;
	int rc;

	if (store_prepare(w->st, "SELECT onet_soc, num, origin = 'curated', id FROM career WHERE onet_soc IS NOT NULL", &q, err) < 0)
		return ALLIED_EDB;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		xgrow((void **)&w->known, &cap, w->n_known + 1, sizeof(*w->known));
		w->known[w->n_known++] = (struct known){ store_col_str(q, 0), store_col_str(q, 3),
							 sqlite3_column_int64(q, 1), sqlite3_column_int(q, 2) != 0 };
	}
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE)
		return store_fail(w->st, err, "cannot read careers");
	if (w->n_known)
		qsort(w->known, w->n_known, sizeof(*w->known), cmp_known);

	cap = 0;
	if (store_prepare(w->st, "SELECT career_num, norm, kind FROM career_name", &q, err) < 0)
		return ALLIED_EDB;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		xgrow((void **)&w->names, &cap, w->n_names + 1, sizeof(*w->names));
		w->names[w->n_names++] = (struct name_row){ sqlite3_column_int64(q, 0), store_col_str(q, 1),
							    sqlite3_column_int(q, 2) };
	}
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE)
		return store_fail(w->st, err, "cannot read career names");
	if (w->n_names)
		qsort(w->names, w->n_names, sizeof(*w->names), cmp_name_row);

	if (store_prepare(w->st, "SELECT coalesce(max(num), 0) + 1 FROM career", &q, err) < 0)
		return ALLIED_EDB;
	rc = sqlite3_step(q);
	w->next_num = sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	return rc == SQLITE_ROW ? 0 : store_fail(w->st, err, "cannot read careers");
}

static const struct known *find_known(const struct writer *w, const char *code)
{
	size_t lo = 0, hi = w->n_known;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (strcmp(w->known[mid].onet_soc, code) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < w->n_known && strcmp(w->known[lo].onet_soc, code) == 0 ? &w->known[lo] : NULL;
}

/* ---- the career row ---- */

/* The columns an O*NET career gets, bound from ?3 on (?1 num, ?2 id). */
static const char *const career_cols[] = {
	"title", "soc", "onet_soc", "summary", "pay_soc", "wage_median", "wage_p10", "wage_p90", "wage_p90_capped",
	"outlook_soc", "employment_2024", "employment_2034", "change_pct", "openings", "entry_education",
	"interest_onet_soc", "interest_code", "ri_r", "ri_i", "ri_a", "ri_s", "ri_e", "ri_c", "job_zone",
};
#define N_CAREER_COLS (sizeof(career_cols) / sizeof(career_cols[0]))

static char *career_sql(bool insert)
{
	struct buf b;
	buf_init(&b, 0);
	if (insert) {
		buf_adds(&b, "INSERT INTO career(num, id, origin");
		for (size_t i = 0; i < N_CAREER_COLS; i++)
			buf_addf(&b, ", %s", career_cols[i]);
		buf_adds(&b, ") VALUES(?1, ?2, 'onet'");
		for (size_t i = 0; i < N_CAREER_COLS; i++)
			buf_addf(&b, ", ?%zu", i + 3);
		buf_adds(&b, ")");
	} else {
		buf_adds(&b, "UPDATE career SET ");
		for (size_t i = 0; i < N_CAREER_COLS; i++)
			buf_addf(&b, "%s%s = ?%zu", i ? ", " : "", career_cols[i], i + 3);
		buf_adds(&b, " WHERE num = ?1 AND (");
		for (size_t i = 0; i < N_CAREER_COLS; i++)
			buf_addf(&b, "%s%s IS NOT ?%zu", i ? " OR " : "", career_cols[i], i + 3);
		buf_adds(&b, ")");
	}
	char *s = buf_detach(&b, NULL);
	buf_release(&b);
	return s;
}

/* Figures another importer keeps by SOC code (OEWS wages, projections), or unknown. */
struct soc_figures {
	int64_t median, p10, p90, capped, emp_base, emp_target, openings;
	double change_pct;
	char *entry_education, *wage_source, *projection_source;
};

static int read_soc_figures(struct writer *w, const char *soc, struct soc_figures *f)
{
	int rc;
	*f = (struct soc_figures){ CAREER_UNKNOWN, CAREER_UNKNOWN, CAREER_UNKNOWN, 0, CAREER_UNKNOWN,
				   CAREER_UNKNOWN, CAREER_UNKNOWN, NAN, NULL, NULL, NULL };
	sqlite3_bind_text(w->wage, 1, soc, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(w->wage)) == SQLITE_ROW) {
		f->median = store_col_int(w->wage, 0);
		f->p10 = store_col_int(w->wage, 1);
		f->p90 = store_col_int(w->wage, 2);
		f->capped = sqlite3_column_int(w->wage, 3);
		f->wage_source = store_col_str(w->wage, 4);
	}
	sqlite3_reset(w->wage);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(w->st, w->err, "cannot read wages");
	sqlite3_bind_text(w->projection, 1, soc, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(w->projection)) == SQLITE_ROW) {
		f->emp_base = store_col_int(w->projection, 0);
		f->emp_target = store_col_int(w->projection, 1);
		f->change_pct = store_col_real(w->projection, 2);
		f->openings = store_col_int(w->projection, 3);
		f->entry_education = store_col_str(w->projection, 4);
		f->projection_source = store_col_str(w->projection, 5);
	}
	sqlite3_reset(w->projection);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_fail(w->st, w->err, "cannot read projections");
}

static void bind_career(sqlite3_stmt *q, const struct onet_occupation *o, const char *soc, const struct soc_figures *f)
{
	bool interests = false;
	int i = 3;
	for (int a = 0; a < RIASEC_COUNT; a++)
		interests = interests || !isnan(o->riasec[a]);
	sqlite3_bind_text(q, i++, o->title, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, i++, soc, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, i++, o->code, -1, SQLITE_STATIC);
	store_bind_text(q, i++, o->description);
	sqlite3_bind_text(q, i++, soc, -1, SQLITE_STATIC);
	store_bind_int(q, i++, f->median);
	store_bind_int(q, i++, f->p10);
	store_bind_int(q, i++, f->p90);
	sqlite3_bind_int64(q, i++, f->capped);
	sqlite3_bind_text(q, i++, soc, -1, SQLITE_STATIC);
	store_bind_int(q, i++, f->emp_base);
	store_bind_int(q, i++, f->emp_target);
	store_bind_real(q, i++, f->change_pct);
	store_bind_int(q, i++, f->openings);
	store_bind_text(q, i++, f->entry_education);
	store_bind_text(q, i++, interests ? o->code : NULL);
	store_bind_text(q, i++, o->interest_code[0] ? o->interest_code : NULL);
	for (int a = 0; a < RIASEC_COUNT; a++)
		store_bind_real(q, i++, o->riasec[a]);
	store_bind_int(q, i++, o->job_zone);
}

/* A readable id not yet taken: the slug of the title, else with the code appended. */
static int new_id(struct writer *w, const struct onet_occupation *o, char *id, size_t size)
{
	size_t n = 0;
	for (const char *p = o->title; *p && n < 50; p++) {
		char c = (*p >= 'A' && *p <= 'Z') ? (char)(*p - 'A' + 'a') : *p;
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			id[n++] = c;
		else if (n && id[n - 1] != '-')
			id[n++] = '-';
	}
	while (n && id[n - 1] == '-')
		n--;
	id[n] = '\0';
	for (int attempt = 0; attempt < 2; attempt++) {
		if (attempt == 1 || n == 0)
			snprintf(id + n, size - n, "%s%.2s-%.4s-%.2s", n ? "-" : "onet-", o->code, o->code + 3, o->code + 8);
		sqlite3_bind_text(w->id_taken, 1, id, -1, SQLITE_STATIC);
		int rc = sqlite3_step(w->id_taken);
		sqlite3_reset(w->id_taken);
		if (rc == SQLITE_DONE)
			return 0;
		if (rc != SQLITE_ROW)
			return store_fail(w->st, w->err, "cannot read careers");
	}
	return diag_set(w->err, ALLIED_EDB, "no free id for O*NET occupation %s", o->code);
}

/*
 * Insert or update the career of an occupation that no curated career has: *num is its number
 * and id (size 80) its id, kept from an earlier import or made now.
 */
static int put_career(struct writer *w, const struct onet_occupation *o, const struct known *k,
		      const struct soc_figures *f, int64_t *num, char *id, bool *changed)
{
	char soc[8];
	int rc;

	snprintf(soc, sizeof(soc), "%.7s", o->code);
	if (k) {
		*num = k->num;
		snprintf(id, 80, "%s", k->id);
		sqlite3_bind_int64(w->update, 1, *num);
		bind_career(w->update, o, soc, f);
		rc = store_step_done(w->st, w->update, w->err, "cannot update a career");
		*changed = *changed || sqlite3_changes(w->st->db) > 0;
		return rc;
	}
	if ((rc = new_id(w, o, id, 80)) < 0)
		return rc;
	*num = w->next_num++;
	sqlite3_bind_int64(w->insert, 1, *num);
	sqlite3_bind_text(w->insert, 2, id, -1, SQLITE_STATIC);
	bind_career(w->insert, o, soc, f);
	*changed = true;
	return store_step_done(w->st, w->insert, w->err, "cannot add a career");
}

/* ---- the sets of rows an occupation owns ---- */

/* An image of (seq, text) rows, for search entries and duties. */
static void seq_text_images(const struct strvec *texts, struct strvec *want)
{
	struct buf b;
	buf_init(&b, 0);
	for (size_t i = 0; i < texts->n; i++) {
		buf_reset(&b);
		img_int(&b, (int64_t)i);
		img_text(&b, texts->v[i]);
		strvec_push(want, b.data);
	}
	buf_release(&b);
}

/*
 * The search entries of one kind. An occupation with more than SEARCH_SEQ_MAX texts of a kind
 * (51-9199.00 has 2,750 alternate titles) gets the rest joined in its last entry: search counts
 * a word once per career and kind, so every title stays findable with the same weight.
 */
static int sync_search(struct writer *w, int64_t num, int kind, const struct strvec *texts, bool *changed)
{
	struct strvec entries, want;
	int64_t lo = (num << 12) | ((int64_t)kind << 9);
	bool differs = false;
	int rc;

	strvec_init(&entries);
	strvec_init(&want);
	for (size_t i = 0; i < texts->n && i < SEARCH_SEQ_MAX - 1; i++)
		strvec_push(&entries, texts->v[i]);
	if (texts->n >= SEARCH_SEQ_MAX) {
		struct buf rest;
		buf_init(&rest, 0);
		for (size_t i = SEARCH_SEQ_MAX - 1; i < texts->n; i++)
			buf_addf(&rest, "%s%s", rest.len ? "; " : "", texts->v[i]);
		strvec_push_owned(&entries, buf_detach(&rest, NULL));
		buf_release(&rest);
	}
	seq_text_images(&entries, &want);
	rc = sync_rows(w, &w->search, NULL, lo, lo + SEARCH_SEQ_MAX - 1, &want, &differs);
	for (size_t i = 0; rc == 0 && differs && i < entries.n; i++) {
		sqlite3_bind_int64(w->search.ins, 1, lo + (int64_t)i);
		sqlite3_bind_text(w->search.ins, 2, entries.v[i], -1, SQLITE_STATIC);
		rc = store_step_done(w->st, w->search.ins, w->err, "cannot index a career for search");
	}
	w->search_changed = w->search_changed || differs;
	*changed = *changed || differs;
	strvec_release(&entries);
	strvec_release(&want);
	return rc;
}

static int sync_duties(struct writer *w, int64_t num, const struct strvec *tasks, bool *changed)
{
	struct strvec want;
	bool differs = false;
	int rc;

	strvec_init(&want);
	seq_text_images(tasks, &want);
	rc = sync_rows(w, &w->duty, NULL, num, CT_DUTY, &want, &differs);
	for (size_t i = 0; rc == 0 && differs && i < tasks->n; i++) {
		sqlite3_bind_int64(w->duty.ins, 1, num);
		sqlite3_bind_int(w->duty.ins, 2, CT_DUTY);
		sqlite3_bind_int64(w->duty.ins, 3, (int64_t)i);
		sqlite3_bind_text(w->duty.ins, 4, tasks->v[i], -1, SQLITE_STATIC);
		rc = store_step_done(w->st, w->duty.ins, w->err, "cannot store career text");
	}
	*changed = *changed || differs;
	strvec_release(&want);
	return rc;
}

/* The sources each block cites: the releases of the files it came from, and the SOC tables'. */
static int sync_sources(struct writer *w, int64_t num, const struct onet_occupation *o, const struct soc_figures *f,
			bool *changed)
{
	const struct onet_data *d = w->d;
	const char *cite[BLOCK_COUNT][3] = { { NULL } };
	struct strvec want;
	struct buf b;
	bool differs = false, interests = false;
	int rc;

	for (int a = 0; a < RIASEC_COUNT; a++)
		interests = interests || !isnan(o->riasec[a]);
	bool education = false;
	for (int c = 1; c <= ONET_EDUCATION_MAX; c++)
		education = education || !isnan(o->education_pct[c]);
#define RELEASE_OF(f) (d->releases[d->file_release[f]].source_id)
	cite[BLOCK_WORK][0] = RELEASE_OF(ONET_OCCUPATIONS);
	if (o->tasks.n)
		cite[BLOCK_WORK][1] = RELEASE_OF(ONET_TASKS);
	if (o->job_zone != CAREER_UNKNOWN)
		cite[BLOCK_EDUCATION][0] = RELEASE_OF(ONET_JOB_ZONES);
	if (education)
		cite[BLOCK_EDUCATION][1] = RELEASE_OF(ONET_EDUCATION);
	if (interests)
		cite[BLOCK_INTERESTS][0] = RELEASE_OF(ONET_INTERESTS);
#undef RELEASE_OF
	cite[BLOCK_PAY][0] = f->wage_source;
	cite[BLOCK_OUTLOOK][0] = f->projection_source;

	strvec_init(&want);
	buf_init(&b, 0);
	for (int blk = 0; blk < BLOCK_COUNT; blk++) {
		int seq = 0;
		for (int k = 0; k < 3; k++) {
			if (!cite[blk][k] || (k == 1 && cite[blk][0] && strcmp(cite[blk][0], cite[blk][1]) == 0))
				continue;	/* cited once per block */
			buf_reset(&b);
			img_int(&b, blk);
			img_int(&b, seq++);
			img_text(&b, cite[blk][k]);
			strvec_push(&want, b.data);
		}
	}
	rc = sync_rows(w, &w->source, NULL, num, 0, &want, &differs);
	for (size_t i = 0; rc == 0 && differs && i < want.n; i++) {
		/* the image is "block\x1fseq\x1fid": insert from its parts */
		char *seq = strchr(want.v[i], '\x1f'), *id = strchr(seq + 1, '\x1f');
		sqlite3_bind_int64(w->source.ins, 1, num);
		sqlite3_bind_int(w->source.ins, 2, atoi(want.v[i]));
		sqlite3_bind_int(w->source.ins, 3, atoi(seq + 1));
		sqlite3_bind_text(w->source.ins, 4, id + 1, -1, SQLITE_STATIC);
		rc = store_step_done(w->st, w->source.ins, w->err, "cannot store a source reference");
	}
	*changed = *changed || differs;
	buf_release(&b);
	strvec_release(&want);
	return rc;
}

/* The rows keyed by the occupation's code: its related occupations, its education levels. */
static int sync_by_code(struct writer *w, const struct onet_occupation *o, bool *changed)
{
	struct strvec related, education;
	struct buf b;
	bool differs[2] = { false, false };
	int rc;

	strvec_init(&related);
	strvec_init(&education);
	buf_init(&b, 0);
	for (size_t i = 0; i < o->n_related; i++) {
		buf_reset(&b);
		img_int(&b, o->related[i].index);
		img_text(&b, o->related[i].code);
		img_text(&b, o->related[i].tier);
		strvec_push(&related, b.data);
	}
	for (int c = 1; c <= ONET_EDUCATION_MAX; c++)
		if (!isnan(o->education_pct[c])) {
			buf_reset(&b);
			img_int(&b, c);
			img_real(&b, o->education_pct[c]);
			strvec_push(&education, b.data);
		}
	rc = sync_rows(w, &w->related, o->code, 0, 0, &related, &differs[0]);
	for (size_t i = 0; rc == 0 && differs[0] && i < o->n_related; i++) {
		sqlite3_bind_text(w->related.ins, 1, o->code, -1, SQLITE_STATIC);
		sqlite3_bind_int(w->related.ins, 2, o->related[i].index);
		sqlite3_bind_text(w->related.ins, 3, o->related[i].code, -1, SQLITE_STATIC);
		store_bind_text(w->related.ins, 4, o->related[i].tier);
		rc = store_step_done(w->st, w->related.ins, w->err, "cannot store a related occupation");
	}
	if (rc == 0)
		rc = sync_rows(w, &w->education, o->code, 0, 0, &education, &differs[1]);
	for (int c = 1; rc == 0 && differs[1] && c <= ONET_EDUCATION_MAX; c++)
		if (!isnan(o->education_pct[c])) {
			sqlite3_bind_text(w->education.ins, 1, o->code, -1, SQLITE_STATIC);
			sqlite3_bind_int(w->education.ins, 2, c);
			sqlite3_bind_double(w->education.ins, 3, o->education_pct[c]);
			rc = store_step_done(w->st, w->education.ins, w->err, "cannot store an education level");
		}
	*changed = *changed || differs[0] || differs[1];
	buf_release(&b);
	strvec_release(&related);
	strvec_release(&education);
	return rc;
}

/* Add (norm of name, kind) to want unless the name is empty or there already. */
static void want_name(struct name_row **want, size_t *n, size_t *cap, int64_t num, const char *name, int kind)
{
	char norm[512];
	if (!text_norm(name, norm, sizeof(norm)))
		return;
	for (size_t i = 0; i < *n; i++)
		if (strcmp((*want)[i].norm, norm) == 0)
			return;
	xgrow((void **)want, cap, *n + 1, sizeof(**want));
	(*want)[(*n)++] = (struct name_row){ num, xstrdup(norm), kind };
}

/*
 * The names of a career: for an O*NET career its id, title and alternate titles; for a curated
 * one only the alternate titles, and none that it already has by another kind (its own win).
 */
static int sync_names(struct writer *w, int64_t num, const struct onet_occupation *o, const char *id, bool curated,
		      bool *changed)
{
	struct name_row key = { num, "", 0 }, *want = NULL;
	size_t at = 0, n_want = 0, cap = 0, hi = w->n_names;
	int rc = 0;

	while (at < hi) {	/* the first name of this career */
		size_t mid = (at + hi) / 2;
		if (cmp_name_row(&w->names[mid], &key) < 0)
			at = mid + 1;
		else
			hi = mid;
	}
	size_t end = at;
	while (end < w->n_names && w->names[end].num == num)
		end++;
	if (curated) {
		for (size_t i = at; i < end; i++)
			if (w->names[i].kind != NAME_IMPORTED)
				want_name(&want, &n_want, &cap, num, w->names[i].norm, w->names[i].kind);
	} else {
		want_name(&want, &n_want, &cap, num, id, NAME_ID);
		want_name(&want, &n_want, &cap, num, o->title, NAME_TITLE);
	}
	size_t fixed = curated ? n_want : 0;	/* a curated career's own names are kept as they are */
	for (size_t i = 0; i < o->alt_titles.n; i++)
		want_name(&want, &n_want, &cap, num, o->alt_titles.v[i], NAME_IMPORTED);
	if (n_want > fixed)
		qsort(want + fixed, n_want - fixed, sizeof(*want), cmp_name_row);

	/* delete what is not wanted (managed names only), then add what is missing */
	for (size_t i = at; rc == 0 && i < end; i++) {
		const struct name_row *e = &w->names[i], *hit;
		if (curated && e->kind != NAME_IMPORTED)
			continue;
		hit = n_want > fixed ? bsearch(e, want + fixed, n_want - fixed, sizeof(*want), cmp_name_row) : NULL;
		if (hit && hit->kind == e->kind)
			continue;
		sqlite3_bind_text(w->name_del, 1, e->norm, -1, SQLITE_STATIC);
		sqlite3_bind_int64(w->name_del, 2, num);
		rc = store_step_done(w->st, w->name_del, w->err, "cannot replace a career name");
		*changed = true;
	}
	for (size_t i = fixed; rc == 0 && i < n_want; i++) {
		const struct name_row *hit = end > at ? bsearch(&want[i], w->names + at, end - at, sizeof(*want), cmp_name_row)
						      : NULL;
		if (hit && hit->kind == want[i].kind)
			continue;
		sqlite3_bind_text(w->name_ins, 1, want[i].norm, -1, SQLITE_STATIC);
		sqlite3_bind_int64(w->name_ins, 2, num);
		sqlite3_bind_int(w->name_ins, 3, want[i].kind);
		rc = store_step_done(w->st, w->name_ins, w->err, "cannot store a career name");
		*changed = true;
	}
	for (size_t i = 0; i < n_want; i++)
		free(want[i].norm);
	free(want);
	return rc;
}

/* ---- the import ---- */

static int write_occupation(struct writer *w, const struct onet_occupation *o, bool *changed)
{
	const struct known *k = find_known(w, o->code);
	bool curated = k && k->curated;
	struct soc_figures f;
	char soc[8], id[80];
	int64_t num = k ? k->num : 0;
	int rc = 0;

	snprintf(soc, sizeof(soc), "%.7s", o->code);
	snprintf(id, sizeof(id), "%s", k ? k->id : "");
	if (!curated) {
		/* a curated career keeps its own title, summary, facts and sources */
		struct strvec one;
		strvec_init(&one);
		rc = read_soc_figures(w, soc, &f);
		if (rc == 0)
			rc = put_career(w, o, k, &f, &num, id, changed);
		if (rc == 0)
			rc = sync_sources(w, num, o, &f, changed);
		if (rc == 0)
			rc = sync_duties(w, num, &o->tasks, changed);
		strvec_push(&one, o->title);
		if (rc == 0)
			rc = sync_search(w, num, TEXT_TITLE, &one, changed);
		strvec_release(&one);
		strvec_init(&one);
		if (o->description)
			strvec_push(&one, o->description);
		if (rc == 0)
			rc = sync_search(w, num, TEXT_SUMMARY, &one, changed);
		strvec_release(&one);
		free(f.entry_education);
		free(f.wage_source);
		free(f.projection_source);
	}
	if (rc == 0)
		rc = sync_names(w, num, o, id, curated, changed);
	if (rc == 0)
		rc = sync_search(w, num, TEXT_IMPORTED_TITLE, &o->alt_titles, changed);
	if (rc == 0)
		rc = sync_search(w, num, TEXT_TASK, &o->tasks, changed);
	if (rc == 0)
		rc = sync_by_code(w, o, changed);
	return rc;
}

/* A source row for each release a file came from; *changed when one was added or changed. */
static int put_releases(struct writer *w, bool *changed)
{
	sqlite3_stmt *q;
	int rc = store_prepare(w->st, "INSERT INTO source(id, title, publisher, url, as_of, licence)"
			       " VALUES(?1, ?2, ?3, ?4, ?5, 'CC BY 4.0') ON CONFLICT(id) DO UPDATE SET title = ?2,"
			       " publisher = ?3, url = ?4, as_of = ?5, licence = 'CC BY 4.0' WHERE title IS NOT ?2"
			       " OR publisher IS NOT ?3 OR url IS NOT ?4 OR as_of IS NOT ?5 OR licence IS NOT 'CC BY 4.0'",
			       &q, w->err);
	for (size_t i = 0; rc == 0 && i < w->d->n_releases; i++) {
		const struct onet_release *r = &w->d->releases[i];
		bool used = false;
		for (int f = 0; f < ONET_FILE_COUNT; f++)
			used = used || w->d->file_release[f] == (int)i;
		if (!used)
			continue;
		sqlite3_bind_text(q, 1, r->source_id, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 2, r->title, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 3, ONET_PUBLISHER, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 4, ONET_URL, -1, SQLITE_STATIC);
		store_bind_text(q, 5, r->as_of);
		rc = store_step_done(w->st, q, w->err, "cannot store a source");
		*changed = *changed || sqlite3_changes(w->st->db) > 0;
	}
	sqlite3_finalize(q);
	return rc;
}

static const struct {
	size_t offset;
	const char *sel, *del, *ins;
} row_sets[] = {
	{ offsetof(struct writer, search), "SELECT rowid & 511, text FROM search WHERE rowid BETWEEN ?1 AND ?2 ORDER BY rowid",
	  "DELETE FROM search WHERE rowid BETWEEN ?1 AND ?2", "INSERT INTO search(rowid, text) VALUES(?1, ?2)" },
	{ offsetof(struct writer, duty), "SELECT seq, text FROM career_text WHERE career_num = ?1 AND kind = ?2 ORDER BY seq",
	  "DELETE FROM career_text WHERE career_num = ?1 AND kind = ?2", "INSERT INTO career_text VALUES(?1, ?2, ?3, ?4)" },
	{ offsetof(struct writer, source), "SELECT block, seq, source_id FROM career_source WHERE career_num = ?1"
	  " ORDER BY block, seq", "DELETE FROM career_source WHERE career_num = ?1",
	  "INSERT INTO career_source VALUES(?1, ?2, ?3, ?4)" },
	{ offsetof(struct writer, related), "SELECT seq, related_onet_soc, tier FROM onet_related WHERE onet_soc = ?1"
	  " ORDER BY seq", "DELETE FROM onet_related WHERE onet_soc = ?1", "INSERT INTO onet_related VALUES(?1, ?2, ?3, ?4)" },
	{ offsetof(struct writer, education), "SELECT category, pct FROM onet_education WHERE onet_soc = ?1 ORDER BY category",
	  "DELETE FROM onet_education WHERE onet_soc = ?1", "INSERT INTO onet_education VALUES(?1, ?2, ?3)" },
};
#define N_ROW_SETS (sizeof(row_sets) / sizeof(row_sets[0]))

static int prepare_all(struct writer *w)
{
	char *insert = career_sql(true), *update = career_sql(false);
	int rc = store_prepare(w->st, insert, &w->insert, w->err);
	if (!rc) rc = store_prepare(w->st, update, &w->update, w->err);
	if (!rc) rc = store_prepare(w->st, "SELECT 1 FROM career WHERE id = ?1", &w->id_taken, w->err);
	if (!rc) rc = store_prepare(w->st, "SELECT median, p10, p90, p90_capped, source FROM wage WHERE soc = ?1",
				    &w->wage, w->err);
	if (!rc) rc = store_prepare(w->st, "SELECT employment_base, employment_target, change_pct, openings,"
				    " entry_education, source FROM projection WHERE soc = ?1", &w->projection, w->err);
	if (!rc) rc = store_prepare(w->st, "DELETE FROM career_name WHERE norm = ?1 AND career_num = ?2", &w->name_del,
				    w->err);
	if (!rc) rc = store_prepare(w->st, "INSERT INTO career_name VALUES(?1, ?2, ?3)", &w->name_ins, w->err);
	for (size_t i = 0; !rc && i < N_ROW_SETS; i++) {
		struct row_set *rs = (struct row_set *)((char *)w + row_sets[i].offset);
		rc = store_prepare(w->st, row_sets[i].sel, &rs->sel, w->err);
		if (!rc) rc = store_prepare(w->st, row_sets[i].del, &rs->del, w->err);
		if (!rc) rc = store_prepare(w->st, row_sets[i].ins, &rs->ins, w->err);
	}
	free(insert);
	free(update);
	return rc;
}

static void writer_release(struct writer *w)
{
	sqlite3_stmt *all[] = { w->insert, w->update, w->id_taken, w->wage, w->projection, w->name_del, w->name_ins };
	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		sqlite3_finalize(all[i]);
	for (size_t i = 0; i < N_ROW_SETS; i++) {
		struct row_set *rs = (struct row_set *)((char *)w + row_sets[i].offset);
		sqlite3_finalize(rs->sel);
		sqlite3_finalize(rs->del);
		sqlite3_finalize(rs->ins);
	}
	for (size_t i = 0; i < w->n_known; i++) {
		free(w->known[i].onet_soc);
		free(w->known[i].id);
	}
	free(w->known);
	for (size_t i = 0; i < w->n_names; i++)
		free(w->names[i].norm);
	free(w->names);
}

int store_import_onet(struct store *st, const struct onet_data *d,
		      void (*progress)(void *ctx, const char *stage, size_t done, size_t total), void *ctx,
		      size_t *changed, struct diag *err)
{
	struct writer w = { .st = st, .d = d, .err = err };
	struct buf titles;
	bool any = false;
	int rc;

	*changed = 0;
	if ((rc = store_import_begin(st, err)) < 0)
		return rc;
	rc = prepare_all(&w);
	if (rc == 0)
		rc = load_existing(&w, err);
	if (rc == 0)
		rc = put_releases(&w, &any);
	for (size_t i = 0; rc == 0 && i < d->n; i++) {
		bool one = false;
		if (progress && i % 32 == 0)
			progress(ctx, "writing careers", i, d->n);
		rc = write_occupation(&w, &d->occ[i], &one);
		*changed += one;
	}
	if (rc == 0 && w.search_changed)
		rc = store_refresh_search_terms(st, err);
	writer_release(&w);
	buf_init(&titles, 0);
	for (size_t i = 0; i < d->n_releases; i++)
		buf_addf(&titles, "%s%s", i ? "; " : "", d->releases[i].title);
	rc = store_import_end(st, rc, any || *changed > 0, "onet_source", titles.data, err);
	buf_release(&titles);
	if (rc < 0)
		*changed = 0;
	return rc;
}
