/*
 * store: the SQLite database (see store.h).
 *
 * Unknown values are stored as NULL. Every statement is finalized in the function that
 * prepared it, and text from sqlite3_column_text is copied before the next step.
 */
#include "store.h"
#include "files.h"
#include "store-internal.h"
#include "text.h"
#include "xmalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char schema_sql[] =
	"CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);\n"
	"CREATE TABLE source(id TEXT PRIMARY KEY, title TEXT NOT NULL, publisher TEXT NOT NULL,\n"
	"  url TEXT NOT NULL, as_of TEXT, checked TEXT, licence TEXT);\n"
	"CREATE TABLE vocab(kind TEXT NOT NULL, ord INTEGER NOT NULL, id TEXT NOT NULL, label TEXT NOT NULL,\n"
	"  PRIMARY KEY(kind, id));\n"
	"CREATE TABLE career(num INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, title TEXT NOT NULL,\n"
	"  grp INTEGER, soc TEXT, onet_soc TEXT, summary TEXT, origin TEXT NOT NULL,\n"
	"  patient_contact INTEGER, blood INTEGER, physical INTEGER, remote INTEGER, shifts INTEGER,\n"
	"  entry_credential INTEGER, regulated INTEGER, regulation_note TEXT,\n"
	"  pay_soc TEXT, wage_median INTEGER, wage_p10 INTEGER, wage_p90 INTEGER, wage_p90_capped INTEGER,\n"
	"  outlook_soc TEXT, employment_2024 INTEGER, employment_2034 INTEGER, change_pct REAL,\n"
	"  openings INTEGER, entry_education TEXT,\n"
	"  interest_onet_soc TEXT, interest_code TEXT, ri_r REAL, ri_i REAL, ri_a REAL, ri_s REAL,\n"
	"  ri_e REAL, ri_c REAL,\n"
	/* imported from O*NET (import-onet.c): job zone 1-5 */
	"  job_zone INTEGER);\n"
	/* kind: 1 alias, 2 duty, 3 setting, 4 interest */
	"CREATE TABLE career_text(career_num INTEGER NOT NULL, kind INTEGER NOT NULL, seq INTEGER NOT NULL,\n"
	"  text TEXT NOT NULL, PRIMARY KEY(career_num, kind, seq)) WITHOUT ROWID;\n"
	"CREATE TABLE career_path(career_num INTEGER NOT NULL, seq INTEGER NOT NULL, credential INTEGER NOT NULL,\n"
	"  months_min INTEGER, months_max INTEGER, note TEXT, PRIMARY KEY(career_num, seq)) WITHOUT ROWID;\n"
	"CREATE TABLE career_cert(career_num INTEGER NOT NULL, seq INTEGER NOT NULL, name TEXT NOT NULL,\n"
	"  body TEXT, kind INTEGER, required INTEGER, PRIMARY KEY(career_num, seq)) WITHOUT ROWID;\n"
	"CREATE TABLE career_source(career_num INTEGER NOT NULL, block INTEGER NOT NULL, seq INTEGER NOT NULL,\n"
	"  source_id TEXT NOT NULL REFERENCES source(id), PRIMARY KEY(career_num, block, seq)) WITHOUT ROWID;\n"
	/* kind: 0 id, 1 title, 2 alias, 3 imported title; lower kinds win when names collide */
	"CREATE TABLE career_name(norm TEXT NOT NULL, career_num INTEGER NOT NULL, kind INTEGER NOT NULL,\n"
	"  PRIMARY KEY(norm, career_num)) WITHOUT ROWID;\n"
	"CREATE VIRTUAL TABLE search USING fts5(text, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');\n"
	"CREATE VIRTUAL TABLE search_vocab USING fts5vocab(search, row);\n"
	/* the words of the index, materialised: scanning fts5vocab re-reads the whole index */
	"CREATE TABLE search_term(term TEXT PRIMARY KEY, docs INTEGER NOT NULL) WITHOUT ROWID;\n"
	/* the interest inventory, in question order; area is 0-5 in R I A S E C order */
	"CREATE TABLE quiz_item(seq INTEGER PRIMARY KEY, area INTEGER NOT NULL, text TEXT NOT NULL);\n"
	/* career ladders; sources are source ids separated by spaces */
	"CREATE TABLE specialty(id TEXT PRIMARY KEY, title TEXT NOT NULL, based_on TEXT NOT NULL,\n"
	"  summary TEXT NOT NULL, sources TEXT NOT NULL);\n"
	"CREATE TABLE ladder_step(seq INTEGER PRIMARY KEY, from_id TEXT NOT NULL, to_id TEXT NOT NULL,\n"
	"  bridge TEXT NOT NULL, credential INTEGER NOT NULL, kind INTEGER NOT NULL, months_min INTEGER,\n"
	"  months_max INTEGER, experience_months INTEGER NOT NULL, accreditation TEXT, exam TEXT,\n"
	"  licence TEXT, note TEXT, sources TEXT NOT NULL);\n"
	/* training (training.h); lists of ids are separated by spaces */
	"CREATE TABLE accreditor(id TEXT PRIMARY KEY, name TEXT NOT NULL, acronym TEXT, kind INTEGER NOT NULL,\n"
	"  recognized_by INTEGER NOT NULL, grants_through TEXT, scope TEXT NOT NULL, note TEXT, sources TEXT NOT NULL);\n"
	"CREATE TABLE institution(num INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, name TEXT NOT NULL, campus TEXT,\n"
	"  city TEXT, state TEXT NOT NULL, zip TEXT, ipeds_unitid INTEGER, latitude REAL, longitude REAL,\n"
	"  accreditor TEXT, note TEXT, sources TEXT NOT NULL,\n"
	/* origin: curated (data/training), ipeds, or a school file; address and website from IPEDS */
	"  origin TEXT NOT NULL DEFAULT 'curated', address TEXT, website TEXT, as_of TEXT);\n"
	"CREATE TABLE program(num INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, institution_num INTEGER NOT NULL,\n"
	"  name TEXT NOT NULL, careers TEXT NOT NULL, career_name TEXT, credential INTEGER, months REAL,\n"
	"  schedule INTEGER NOT NULL, accreditor TEXT, status INTEGER NOT NULL, admission INTEGER, cost_usd INTEGER,\n"
	"  clinical_hours INTEGER, exam_pass_pct REAL, completion_pct REAL, placement_pct REAL, outcomes_year INTEGER,\n"
	"  campus_unknown INTEGER NOT NULL, note TEXT, as_of TEXT, sources TEXT NOT NULL,\n"
	/* origin: curated (data/training) or the school file it was imported from; cip: CIP 2020 code */
	"  origin TEXT NOT NULL DEFAULT 'curated', cip TEXT, prerequisites TEXT);\n"
	"CREATE TABLE program_career(career_id TEXT NOT NULL, program_num INTEGER NOT NULL,\n"
	"  PRIMARY KEY(career_id, program_num)) WITHOUT ROWID;\n"
	"CREATE TABLE state_rule(seq INTEGER PRIMARY KEY, state TEXT NOT NULL, careers TEXT NOT NULL, career_name TEXT,\n"
	"  requirement INTEGER NOT NULL, authority TEXT, credential TEXT, legal_basis TEXT, note TEXT, as_of TEXT,\n"
	"  sources TEXT NOT NULL);\n"
	"CREATE TABLE zip(zip TEXT PRIMARY KEY, latitude REAL NOT NULL, longitude REAL NOT NULL) WITHOUT ROWID;\n"
	"CREATE TABLE exam_route(seq INTEGER PRIMARY KEY, career_id TEXT NOT NULL, state TEXT, exam TEXT NOT NULL,\n"
	"  requires INTEGER NOT NULL, accreditors TEXT NOT NULL, effective TEXT, note TEXT, sources TEXT NOT NULL);\n"
	/* imported official data; source is the id of a source row naming the imported file and release */
	"CREATE TABLE onet_related(onet_soc TEXT NOT NULL, seq INTEGER NOT NULL, related_onet_soc TEXT NOT NULL,\n"
	"  tier TEXT, PRIMARY KEY(onet_soc, seq)) WITHOUT ROWID;\n"
	/* O*NET's Required Level of Education (element 2.D.1, scale RL): percent of respondents per category */
	"CREATE TABLE onet_education(onet_soc TEXT NOT NULL, category INTEGER NOT NULL, pct REAL NOT NULL,\n"
	"  PRIMARY KEY(onet_soc, category)) WITHOUT ROWID;\n"
	/* BLS OEWS national wages in whole dollars a year, by SOC code */
	"CREATE TABLE wage(soc TEXT PRIMARY KEY, title TEXT NOT NULL, employment INTEGER, mean INTEGER, p10 INTEGER,\n"
	"  p25 INTEGER, median INTEGER, p75 INTEGER, p90 INTEGER, p90_capped INTEGER NOT NULL, source TEXT NOT NULL)\n"
	"  WITHOUT ROWID;\n"
	/* BLS Employment Projections, by SOC code; employment in jobs (not thousands) */
	"CREATE TABLE projection(soc TEXT PRIMARY KEY, title TEXT NOT NULL, employment_base INTEGER,\n"
	"  employment_target INTEGER, change_pct REAL, openings INTEGER, entry_education TEXT, source TEXT NOT NULL)\n"
	"  WITHOUT ROWID;\n"
	/* NCES CIP 2020 programs of study and the CIP-SOC crosswalk */
	"CREATE TABLE cip(cip TEXT PRIMARY KEY, title TEXT NOT NULL) WITHOUT ROWID;\n"
	"CREATE TABLE cip_soc(cip TEXT NOT NULL, soc TEXT NOT NULL, PRIMARY KEY(cip, soc)) WITHOUT ROWID;\n";

enum { CT_ALIAS = 1, CT_DUTY = 2, CT_SETTING = 3, CT_INTEREST = 4 };

int store_fail(struct store *st, struct diag *err, const char *what)
{
	return diag_set(err, ALLIED_EDB, "database '%s': %s: %s", st->path, what, sqlite3_errmsg(st->db));
}

int store_exec(struct store *st, const char *sql, struct diag *err)
{
	char *msg = NULL;
	if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		/* without memory for msg, the connection's message still says "out of memory" */
		diag_set(err, ALLIED_EDB, "database '%s': %s", st->path, msg ? msg : sqlite3_errmsg(st->db));
		sqlite3_free(msg);
		return ALLIED_EDB;
	}
	return 0;
}

int store_prepare(struct store *st, const char *sql, sqlite3_stmt **stmt, struct diag *err)
{
	if (sqlite3_prepare_v2(st->db, sql, -1, stmt, NULL) != SQLITE_OK)
		return store_fail(st, err, "cannot prepare a query");
	return 0;
}

static int open_db(const char *path, int flags, struct store **out, struct diag *err)
{
	struct store *st = xcalloc(1, sizeof(*st));
	st->path = xstrdup(path);
	if (sqlite3_open_v2(path, &st->db, flags, NULL) != SQLITE_OK) {
		/* sqlite says only "unable to open database file"; the system's reason says why */
		int sys = st->db ? sqlite3_system_errno(st->db) : 0;
		diag_set(err, flags & SQLITE_OPEN_CREATE ? ALLIED_EIO : ALLIED_EDB, "cannot open database '%s': %s%s%s%s",
			 path, st->db ? sqlite3_errmsg(st->db) : "out of memory", sys ? " (" : "", sys ? strerror(sys) : "",
			 sys ? ")" : "");
		store_close(st);
		return err->code;
	}
	sqlite3_busy_timeout(st->db, 2000);
	sqlite3_extended_result_codes(st->db, 1);
	*out = st;
	return 0;
}

int store_open(const char *path, int mode, struct store **out, struct diag *err)
{
	struct store *st;
	char *version = NULL;
	int rc;

	if (access(path, F_OK) != 0)
		return diag_set(err, ALLIED_EIO, "cannot open database '%s': %s", path, strerror(errno));
	rc = open_db(path, (mode & STORE_READ_WRITE) ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY, &st, err);
	if (rc < 0)
		return rc;
	rc = store_meta_get(st, "schema_version", &version, err);
	if (rc == 0 && !(mode & STORE_ANY_VERSION) && (!version || atoi(version) != STORE_SCHEMA_VERSION))
		rc = diag_set(err, ALLIED_EDB,
			      "database '%s' has schema version %s; this allied needs %d (run 'allied db reset')",
			      path, version ? version : "(none)", STORE_SCHEMA_VERSION);
	free(version);
	if (rc < 0) {
		store_close(st);
		return rc;
	}
	*out = st;
	return 0;
}

void store_close(struct store *st)
{
	if (!st)
		return;
	sqlite3_finalize(st->career_name_q);
	sqlite3_close(st->db);
	free(st->path);
	free(st);
}

int store_meta_get(struct store *st, const char *key, char **value, struct diag *err)
{
	sqlite3_stmt *q;
	int rc;

	*value = NULL;
	/* only a plain SQL error (no meta table) means another kind of file; locks, I/O and memory are failures */
	if ((rc = sqlite3_prepare_v2(st->db, "SELECT value FROM meta WHERE key = ?", -1, &q, NULL)) != SQLITE_OK)
		return (rc & 0xff) == SQLITE_ERROR || (rc & 0xff) == SQLITE_NOTADB
			       ? diag_set(err, ALLIED_EDB, "'%s' is not an allied database: %s", st->path,
					  sqlite3_errmsg(st->db))
			       : store_fail(st, err, "cannot read meta");
	sqlite3_bind_text(q, 1, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		*value = xstrdup((const char *)sqlite3_column_text(q, 0));
	sqlite3_finalize(q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(st, err, "cannot read meta");
	return 0;
}

int store_meta_set(struct store *st, const char *key, const char *value, struct diag *err)
{
	sqlite3_stmt *q;
	if (store_prepare(st, "INSERT OR REPLACE INTO meta(key, value) VALUES(?, ?)", &q, err) < 0)
		return ALLIED_EDB;
	sqlite3_bind_text(q, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, value, -1, SQLITE_STATIC);
	int rc = sqlite3_step(q);
	sqlite3_finalize(q);
	return rc == SQLITE_DONE ? 0 : store_fail(st, err, "cannot write meta");
}

/* ---- building ---- */

void store_bind_text(sqlite3_stmt *q, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(q, i, s, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(q, i);
}

void store_bind_int(sqlite3_stmt *q, int i, int64_t v)
{
	if (v == CAREER_UNKNOWN)
		sqlite3_bind_null(q, i);
	else
		sqlite3_bind_int64(q, i, v);
}

void store_bind_real(sqlite3_stmt *q, int i, double v)
{
	if (isnan(v))
		sqlite3_bind_null(q, i);
	else
		sqlite3_bind_double(q, i, v);
}

int store_step_done(struct store *st, sqlite3_stmt *q, struct diag *err, const char *what)
{
	int rc = sqlite3_step(q);
	sqlite3_reset(q);
	sqlite3_clear_bindings(q);
	if (rc != SQLITE_DONE)
		return store_fail(st, err, what);
	return 0;
}

struct build_stmts {
	sqlite3_stmt *career, *text, *path, *cert, *source, *name, *search;
};

static int add_name(struct store *st, struct build_stmts *b, int64_t num, const char *name, int kind,
		    struct diag *err)
{
	char norm[512];
	if (!text_norm(name, norm, sizeof(norm)))
		return 0;
	sqlite3_bind_text(b->name, 1, norm, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(b->name, 2, num);
	sqlite3_bind_int(b->name, 3, kind);
	return store_step_done(st, b->name, err, "cannot store a career name");
}

static int add_search(struct store *st, struct build_stmts *b, int64_t num, int kind, int seq,
		      const char *text, struct diag *err)
{
	if (seq >= 512)
		return 0;	/* the rowid has room for 512 entries of a kind */
	sqlite3_bind_int64(b->search, 1, (num << 12) | ((int64_t)kind << 9) | seq);
	sqlite3_bind_text(b->search, 2, text, -1, SQLITE_STATIC);
	return store_step_done(st, b->search, err, "cannot index a career for search");
}

static int add_texts(struct store *st, struct build_stmts *b, int64_t num, int kind, const struct strvec *sv,
		     struct diag *err)
{
	for (size_t i = 0; i < sv->n; i++) {
		sqlite3_bind_int64(b->text, 1, num);
		sqlite3_bind_int(b->text, 2, kind);
		sqlite3_bind_int(b->text, 3, (int)i);
		sqlite3_bind_text(b->text, 4, sv->v[i], -1, SQLITE_STATIC);
		if (store_step_done(st, b->text, err, "cannot store career text") < 0)
			return ALLIED_EDB;
	}
	return 0;
}

static const char *vocab_label_of(const struct kb *kb, const char *id)
{
	for (size_t i = 0; i < kb->n_interests; i++)
		if (strcmp(kb->interests[i].id, id) == 0)
			return kb->interests[i].label;
	return id;
}

static int insert_career(struct store *st, struct build_stmts *b, const struct kb *kb, const struct career *c,
			 int64_t num, struct diag *err)
{
	sqlite3_stmt *q = b->career;
	int i = 1;

	sqlite3_bind_int64(q, i++, num);
	sqlite3_bind_text(q, i++, c->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, i++, c->title, -1, SQLITE_STATIC);
	store_bind_int(q, i++, c->group);
	store_bind_text(q, i++, c->soc);
	store_bind_text(q, i++, c->onet_soc);
	store_bind_text(q, i++, c->summary);
	sqlite3_bind_text(q, i++, c->origin ? c->origin : "curated", -1, SQLITE_STATIC);
	store_bind_int(q, i++, c->patient_contact);
	store_bind_int(q, i++, c->blood);
	store_bind_int(q, i++, c->physical);
	store_bind_int(q, i++, c->remote);
	store_bind_int(q, i++, c->shifts ? (int64_t)c->shifts : CAREER_UNKNOWN);
	store_bind_int(q, i++, c->entry_credential);
	store_bind_int(q, i++, c->regulated);
	store_bind_text(q, i++, c->regulation_note);
	store_bind_text(q, i++, c->pay_soc);
	store_bind_int(q, i++, c->wage_median_usd);
	store_bind_int(q, i++, c->wage_p10_usd);
	store_bind_int(q, i++, c->wage_p90_usd);
	sqlite3_bind_int(q, i++, c->wage_p90_capped);
	store_bind_text(q, i++, c->outlook_soc);
	store_bind_int(q, i++, c->employment_2024);
	store_bind_int(q, i++, c->employment_2034);
	store_bind_real(q, i++, c->change_pct);
	store_bind_int(q, i++, c->openings_per_year);
	store_bind_text(q, i++, c->entry_education);
	store_bind_text(q, i++, c->interest_onet_soc);
	store_bind_text(q, i++, c->interest_code[0] ? c->interest_code : NULL);
	for (int r = 0; r < RIASEC_COUNT; r++)
		store_bind_real(q, i++, c->riasec[r]);
	if (store_step_done(st, q, err, "cannot store a career") < 0)
		return ALLIED_EDB;

	if (add_texts(st, b, num, CT_ALIAS, &c->aliases, err) < 0 ||
	    add_texts(st, b, num, CT_DUTY, &c->duties, err) < 0 ||
	    add_texts(st, b, num, CT_SETTING, &c->settings, err) < 0 ||
	    add_texts(st, b, num, CT_INTEREST, &c->interests, err) < 0)
		return ALLIED_EDB;
	for (size_t k = 0; k < c->n_paths; k++) {
		const struct career_path *p = &c->paths[k];
		sqlite3_bind_int64(b->path, 1, num);
		sqlite3_bind_int(b->path, 2, (int)k);
		sqlite3_bind_int(b->path, 3, p->credential);
		store_bind_int(b->path, 4, p->months_min);
		store_bind_int(b->path, 5, p->months_max);
		store_bind_text(b->path, 6, p->note);
		if (store_step_done(st, b->path, err, "cannot store an education path") < 0)
			return ALLIED_EDB;
	}
	for (size_t k = 0; k < c->n_certs; k++) {
		const struct career_cert *ce = &c->certs[k];
		sqlite3_bind_int64(b->cert, 1, num);
		sqlite3_bind_int(b->cert, 2, (int)k);
		sqlite3_bind_text(b->cert, 3, ce->name, -1, SQLITE_STATIC);
		store_bind_text(b->cert, 4, ce->body);
		store_bind_int(b->cert, 5, ce->kind);
		store_bind_int(b->cert, 6, ce->required);
		if (store_step_done(st, b->cert, err, "cannot store a certification") < 0)
			return ALLIED_EDB;
	}
	for (int blk = 0; blk < BLOCK_COUNT; blk++)
		for (size_t k = 0; k < c->block_sources[blk].n; k++) {
			sqlite3_bind_int64(b->source, 1, num);
			sqlite3_bind_int(b->source, 2, blk);
			sqlite3_bind_int(b->source, 3, (int)k);
			sqlite3_bind_text(b->source, 4, c->block_sources[blk].v[k], -1, SQLITE_STATIC);
			if (store_step_done(st, b->source, err, "cannot store a source reference") < 0)
				return ALLIED_EDB;
		}

	/* names for lookup, text for search */
	if (add_name(st, b, num, c->id, 0, err) < 0 || add_name(st, b, num, c->title, 1, err) < 0)
		return ALLIED_EDB;
	for (size_t k = 0; k < c->aliases.n; k++)
		if (add_name(st, b, num, c->aliases.v[k], 2, err) < 0)
			return ALLIED_EDB;
	if (add_search(st, b, num, TEXT_TITLE, 0, c->title, err) < 0)
		return ALLIED_EDB;
	for (size_t k = 0; k < c->aliases.n; k++)
		if (add_search(st, b, num, TEXT_ALIAS, (int)k, c->aliases.v[k], err) < 0)
			return ALLIED_EDB;
	if (c->summary && add_search(st, b, num, TEXT_SUMMARY, 0, c->summary, err) < 0)
		return ALLIED_EDB;
	for (size_t k = 0; k < c->duties.n; k++)
		if (add_search(st, b, num, TEXT_DUTY, (int)k, c->duties.v[k], err) < 0)
			return ALLIED_EDB;
	/* interest areas are searchable by their labels ("heart" -> "Heart and circulation") */
	for (size_t k = 0; k < c->interests.n; k++)
		if (add_search(st, b, num, TEXT_INTEREST, (int)k, vocab_label_of(kb, c->interests.v[k]), err) < 0)
			return ALLIED_EDB;
	return 0;
}

static int insert_vocab(struct store *st, const char *kind, const struct vocab_item *v, size_t n,
			struct diag *err)
{
	sqlite3_stmt *q;
	if (store_prepare(st, "INSERT INTO vocab(kind, ord, id, label) VALUES(?, ?, ?, ?)", &q, err) < 0)
		return ALLIED_EDB;
	for (size_t i = 0; i < n; i++) {
		sqlite3_bind_text(q, 1, kind, -1, SQLITE_STATIC);
		sqlite3_bind_int(q, 2, (int)i);
		sqlite3_bind_text(q, 3, v[i].id, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 4, v[i].label, -1, SQLITE_STATIC);
		if (store_step_done(st, q, err, "cannot store the vocabulary") < 0) {
			sqlite3_finalize(q);
			return ALLIED_EDB;
		}
	}
	sqlite3_finalize(q);
	return 0;
}

static int insert_sources(struct store *st, const struct kb *kb, struct diag *err)
{
	sqlite3_stmt *q;
	if (store_prepare(st, "INSERT INTO source(id, title, publisher, url, as_of, checked, licence)"
			" VALUES(?, ?, ?, ?, ?, ?, ?)", &q, err) < 0)
		return ALLIED_EDB;
	for (size_t i = 0; i < kb->n_sources; i++) {
		const struct source *s = &kb->sources[i];
		store_bind_text(q, 1, s->id);
		store_bind_text(q, 2, s->title);
		store_bind_text(q, 3, s->publisher);
		store_bind_text(q, 4, s->url);
		store_bind_text(q, 5, s->as_of);
		store_bind_text(q, 6, s->checked);
		store_bind_text(q, 7, s->licence);
		if (store_step_done(st, q, err, "cannot store a source") < 0) {
			sqlite3_finalize(q);
			return ALLIED_EDB;
		}
	}
	sqlite3_finalize(q);
	return 0;
}

static char *joined(const struct strvec *sv)
{
	struct buf b;
	buf_init(&b, 0);
	for (size_t i = 0; i < sv->n; i++) {
		if (i)
			buf_addc(&b, ' ');
		buf_adds(&b, sv->v[i]);
	}
	char *s = buf_detach(&b, NULL);
	buf_release(&b);	/* buf_detach leaves b empty but allocated */
	return s;
}

static int insert_quiz_and_ladders(struct store *st, const struct kb *kb, struct diag *err)
{
	sqlite3_stmt *quiz = NULL, *spec = NULL, *step = NULL;
	int rc = store_prepare(st, "INSERT INTO quiz_item VALUES(?, ?, ?)", &quiz, err);

	if (!rc) rc = store_prepare(st, "INSERT INTO specialty VALUES(?, ?, ?, ?, ?)", &spec, err);
	if (!rc) rc = store_prepare(st, "INSERT INTO ladder_step VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?)", &step, err);
	for (size_t i = 0; !rc && i < kb->n_quiz; i++) {
		sqlite3_bind_int64(quiz, 1, (int64_t)i);
		sqlite3_bind_int(quiz, 2, kb->quiz[i].area);
		sqlite3_bind_text(quiz, 3, kb->quiz[i].text, -1, SQLITE_STATIC);
		rc = store_step_done(st, quiz, err, "cannot store a quiz item");
	}
	for (size_t i = 0; !rc && i < kb->n_specialties; i++) {
		const struct specialty *sp = &kb->specialties[i];
		char *sources = joined(&sp->sources);
		sqlite3_bind_text(spec, 1, sp->id, -1, SQLITE_STATIC);
		sqlite3_bind_text(spec, 2, sp->title, -1, SQLITE_STATIC);
		sqlite3_bind_text(spec, 3, sp->based_on, -1, SQLITE_STATIC);
		sqlite3_bind_text(spec, 4, sp->summary, -1, SQLITE_STATIC);
		sqlite3_bind_text(spec, 5, sources, -1, SQLITE_TRANSIENT);
		rc = store_step_done(st, spec, err, "cannot store a specialty");
		free(sources);
	}
	for (size_t i = 0; !rc && i < kb->n_steps; i++) {
		const struct ladder_step *ls = &kb->steps[i];
		char *sources = joined(&ls->sources);
		int k = 1;
		sqlite3_bind_int64(step, k++, (int64_t)i);
		sqlite3_bind_text(step, k++, ls->from, -1, SQLITE_STATIC);
		sqlite3_bind_text(step, k++, ls->to, -1, SQLITE_STATIC);
		sqlite3_bind_text(step, k++, ls->bridge, -1, SQLITE_STATIC);
		sqlite3_bind_int(step, k++, ls->credential);
		sqlite3_bind_int(step, k++, ls->kind);
		store_bind_int(step, k++, ls->months_min);
		store_bind_int(step, k++, ls->months_max);
		sqlite3_bind_int(step, k++, ls->experience_months);
		store_bind_text(step, k++, ls->accreditation);
		store_bind_text(step, k++, ls->exam);
		store_bind_text(step, k++, ls->licence);
		store_bind_text(step, k++, ls->note);
		sqlite3_bind_text(step, k++, sources, -1, SQLITE_TRANSIENT);
		rc = store_step_done(st, step, err, "cannot store a ladder step");
		free(sources);
	}
	sqlite3_finalize(quiz);
	sqlite3_finalize(spec);
	sqlite3_finalize(step);
	return rc;
}

void store_bind_joined(sqlite3_stmt *q, int i, const struct strvec *sv)
{
	sqlite3_bind_text(q, i, joined(sv), -1, free);
}

int store_bind_institution(sqlite3_stmt *q, int i, const struct institution *in)
{
	store_bind_text(q, i++, in->id);
	store_bind_text(q, i++, in->name);
	store_bind_text(q, i++, in->campus);
	store_bind_text(q, i++, in->city);
	store_bind_text(q, i++, in->state);
	store_bind_text(q, i++, in->zip);
	store_bind_int(q, i++, in->ipeds_unitid);
	store_bind_real(q, i++, in->latitude);
	store_bind_real(q, i++, in->longitude);
	return i;
}

int store_bind_program(sqlite3_stmt *q, int i, const struct program *p)
{
	store_bind_text(q, i++, p->name);
	store_bind_joined(q, i++, &p->careers);
	store_bind_text(q, i++, p->career_name);
	store_bind_int(q, i++, p->credential);
	store_bind_real(q, i++, p->months);
	sqlite3_bind_int(q, i++, (int)p->schedule);
	store_bind_text(q, i++, p->accreditor);
	sqlite3_bind_int(q, i++, p->status);
	store_bind_int(q, i++, p->admission);
	store_bind_int(q, i++, p->cost_usd);
	store_bind_int(q, i++, p->clinical_hours);
	store_bind_real(q, i++, p->exam_pass_pct);
	store_bind_real(q, i++, p->completion_pct);
	store_bind_real(q, i++, p->placement_pct);
	store_bind_int(q, i++, p->outcomes_year);
	return i;
}

static int insert_training(struct store *st, const struct training *t, struct diag *err)
{
	sqlite3_stmt *acc = NULL, *inst = NULL, *prog = NULL, *pc = NULL, *rule = NULL, *route = NULL;
	int64_t program_num = 0;
	int rc = store_prepare(st, "INSERT INTO accreditor VALUES(?,?,?,?,?,?,?,?,?)", &acc, err);

	if (!rc) rc = store_prepare(st, "INSERT INTO institution(num, id, name, campus, city, state, zip, ipeds_unitid, latitude, longitude, accreditor, note, sources) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)", &inst, err);
	if (!rc) rc = store_prepare(st, "INSERT INTO program(num, id, institution_num, name, careers, career_name, credential, months, schedule, accreditor, status, admission, cost_usd, clinical_hours, exam_pass_pct, completion_pct, placement_pct, outcomes_year, campus_unknown, note, as_of, sources) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", &prog, err);
	if (!rc) rc = store_prepare(st, "INSERT OR IGNORE INTO program_career VALUES(?,?)", &pc, err);
	if (!rc) rc = store_prepare(st, "INSERT INTO state_rule VALUES(?,?,?,?,?,?,?,?,?,?,?)", &rule, err);
	if (!rc) rc = store_prepare(st, "INSERT INTO exam_route VALUES(?,?,?,?,?,?,?,?,?)", &route, err);
	for (size_t i = 0; !rc && i < t->n_accreditors; i++) {
		const struct accreditor *a = &t->accreditors[i];
		struct buf scope;
		buf_init(&scope, 0);
		for (size_t k = 0; k < a->scope.n; k++)
			buf_addf(&scope, "%s%s", k ? "; " : "", a->scope.v[k]);
		sqlite3_bind_text(acc, 1, a->id, -1, SQLITE_STATIC);
		sqlite3_bind_text(acc, 2, a->name, -1, SQLITE_STATIC);
		store_bind_text(acc, 3, a->acronym);
		sqlite3_bind_int(acc, 4, a->kind);
		sqlite3_bind_int(acc, 5, (int)a->recognized_by);
		store_bind_text(acc, 6, a->grants_through);
		sqlite3_bind_text(acc, 7, scope.data, -1, SQLITE_TRANSIENT);
		store_bind_text(acc, 8, a->note);
		store_bind_joined(acc, 9, &a->sources);
		rc = store_step_done(st, acc, err, "cannot store an accreditor");
		buf_release(&scope);
	}
	for (size_t i = 0; !rc && i < t->n_institutions; i++) {
		const struct institution *in = &t->institutions[i];
		int k = 1;
		sqlite3_bind_int64(inst, k++, (int64_t)i + 1);
		k = store_bind_institution(inst, k, in);
		store_bind_text(inst, k++, in->accreditor);
		store_bind_text(inst, k++, in->note);
		store_bind_joined(inst, k++, &in->sources);
		rc = store_step_done(st, inst, err, "cannot store an institution");
		for (size_t j = 0; !rc && j < in->n_programs; j++) {
			const struct program *p = &in->programs[j];
			k = 1;
			sqlite3_bind_int64(prog, k++, ++program_num);
			sqlite3_bind_text(prog, k++, p->id, -1, SQLITE_STATIC);
			sqlite3_bind_int64(prog, k++, (int64_t)i + 1);
			k = store_bind_program(prog, k, p);
			sqlite3_bind_int(prog, k++, p->campus_unknown);
			store_bind_text(prog, k++, p->note);
			store_bind_text(prog, k++, p->as_of);
			store_bind_joined(prog, k++, &p->sources);
			rc = store_step_done(st, prog, err, "cannot store a program");
			for (size_t c = 0; !rc && c < p->careers.n; c++) {
				sqlite3_bind_text(pc, 1, p->careers.v[c], -1, SQLITE_STATIC);
				sqlite3_bind_int64(pc, 2, program_num);
				rc = store_step_done(st, pc, err, "cannot store a program's career");
			}
		}
	}
	for (size_t i = 0; !rc && i < t->n_rules; i++) {
		const struct state_rule *r = &t->rules[i];
		int k = 1;
		sqlite3_bind_int64(rule, k++, (int64_t)i);
		sqlite3_bind_text(rule, k++, r->state, -1, SQLITE_STATIC);
		store_bind_joined(rule, k++, &r->careers);
		store_bind_text(rule, k++, r->career_name);
		sqlite3_bind_int(rule, k++, r->requirement);
		store_bind_text(rule, k++, r->authority);
		store_bind_text(rule, k++, r->credential);
		store_bind_text(rule, k++, r->legal_basis);
		store_bind_text(rule, k++, r->note);
		store_bind_text(rule, k++, r->as_of);
		store_bind_joined(rule, k++, &r->sources);
		rc = store_step_done(st, rule, err, "cannot store a state rule");
	}
	for (size_t i = 0; !rc && i < t->n_routes; i++) {
		const struct exam_route *r = &t->routes[i];
		int k = 1;
		sqlite3_bind_int64(route, k++, (int64_t)i);
		sqlite3_bind_text(route, k++, r->career, -1, SQLITE_STATIC);
		store_bind_text(route, k++, r->state[0] ? r->state : NULL);
		sqlite3_bind_text(route, k++, r->exam, -1, SQLITE_STATIC);
		sqlite3_bind_int(route, k++, r->requires);
		store_bind_joined(route, k++, &r->accreditors);
		store_bind_text(route, k++, r->effective);
		store_bind_text(route, k++, r->note);
		store_bind_joined(route, k++, &r->sources);
		rc = store_step_done(st, route, err, "cannot store an exam route");
	}
	sqlite3_finalize(acc);
	sqlite3_finalize(inst);
	sqlite3_finalize(prog);
	sqlite3_finalize(pc);
	sqlite3_finalize(rule);
	sqlite3_finalize(route);
	return rc;
}

static int insert_zips(struct store *st, const struct zip_table *z, struct diag *err)
{
	sqlite3_stmt *q = NULL;
	int rc = store_prepare(st, "INSERT OR REPLACE INTO zip VALUES(?, ?, ?)", &q, err);
	for (size_t i = 0; !rc && i < z->n; i++) {
		sqlite3_bind_text(q, 1, z->v[i].zip, 5, SQLITE_STATIC);
		sqlite3_bind_double(q, 2, z->v[i].lat);
		sqlite3_bind_double(q, 3, z->v[i].lon);
		rc = store_step_done(st, q, err, "cannot store a ZIP centroid");
	}
	sqlite3_finalize(q);
	return rc;
}

static int fill_new_db(struct store *st, const struct kb *kb, struct diag *err)
{
	struct build_stmts b = { 0 };
	char hash[32];
	int rc;

	if ((rc = store_exec(st, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; BEGIN;", err)) < 0 ||
	    (rc = store_exec(st, schema_sql, err)) < 0)
		return rc;
	rc = store_prepare(st, "INSERT INTO career(num, id, title, grp, soc, onet_soc, summary, origin, patient_contact, blood, physical, remote, shifts, entry_credential, regulated, regulation_note, pay_soc, wage_median, wage_p10, wage_p90, wage_p90_capped, outlook_soc, employment_2024, employment_2034, change_pct, openings, entry_education, interest_onet_soc, interest_code, ri_r, ri_i, ri_a, ri_s, ri_e, ri_c) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,"
			 "?,?,?,?,?,?)", &b.career, err);
	if (!rc) rc = store_prepare(st, "INSERT INTO career_text VALUES(?,?,?,?)", &b.text, err);
	if (!rc) rc = store_prepare(st, "INSERT INTO career_path VALUES(?,?,?,?,?,?)", &b.path, err);
	if (!rc) rc = store_prepare(st, "INSERT INTO career_cert VALUES(?,?,?,?,?,?)", &b.cert, err);
	if (!rc) rc = store_prepare(st, "INSERT INTO career_source VALUES(?,?,?,?)", &b.source, err);
	if (!rc) rc = store_prepare(st, "INSERT OR IGNORE INTO career_name VALUES(?,?,?)", &b.name, err);
	if (!rc) rc = store_prepare(st, "INSERT INTO search(rowid, text) VALUES(?, ?)", &b.search, err);
	if (!rc) rc = insert_vocab(st, "interest", kb->interests, kb->n_interests, err);
	if (!rc) rc = insert_vocab(st, "setting", kb->settings, kb->n_settings, err);
	if (!rc) rc = insert_sources(st, kb, err);
	for (size_t i = 0; !rc && i < kb->n_careers; i++)
		rc = insert_career(st, &b, kb, &kb->careers[i], (int64_t)i + 1, err);
	if (!rc) rc = insert_quiz_and_ladders(st, kb, err);
	if (!rc) rc = insert_training(st, &kb->training, err);
	if (!rc) rc = insert_zips(st, &kb->zips, err);
	sqlite3_finalize(b.career);
	sqlite3_finalize(b.text);
	sqlite3_finalize(b.path);
	sqlite3_finalize(b.cert);
	sqlite3_finalize(b.source);
	sqlite3_finalize(b.name);
	sqlite3_finalize(b.search);
	if (rc < 0)
		return rc;

	snprintf(hash, sizeof(hash), "%016llx", (unsigned long long)kb->content_hash);
	char version[16], built[32];
	snprintf(version, sizeof(version), "%d", STORE_SCHEMA_VERSION);
	time_t now = time(NULL);
	strftime(built, sizeof(built), "%Y-%m-%dT%H:%M:%SZ", gmtime(&now));
	if ((rc = store_meta_set(st, "schema_version", version, err)) < 0 ||
	    (rc = store_meta_set(st, "kb_hash", hash, err)) < 0 ||
	    (rc = store_meta_set(st, "origin", "build", err)) < 0 ||
	    (rc = store_meta_set(st, "built_at", built, err)) < 0 ||
	    (rc = store_meta_set(st, "imports", "0", err)) < 0)
		return rc;
	if ((rc = store_exec(st, "INSERT INTO search(search) VALUES('optimize');", err)) < 0 ||
	    (rc = store_refresh_search_terms(st, err)) < 0 ||
	    (rc = store_exec(st, "COMMIT;", err)) < 0)
		return rc;
	return store_exec(st, "VACUUM;", err);
}

static char *temp_path_for(const char *path)
{
	return xasprintf("%s.tmp-%ld", path, (long)getpid());
}

/* Create the directories above path. */
static int mkdirs_for(const char *path, struct diag *err)
{
	char *dir = xstrdup(path);
	char *slash = strrchr(dir, '/');
	int rc = 0;

	if (slash && slash != dir) {
		*slash = '\0';
		rc = files_make_dirs(dir, err);
	}
	free(dir);
	return rc;
}

/* The database is built with synchronous = OFF: its bytes must reach the disk before the rename. */
static int sync_file(const char *path, struct diag *err)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0 || fsync(fd) != 0) {
		int rc = diag_set(err, ALLIED_EIO, "cannot write '%s': %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return rc;
	}
	close(fd);
	return 0;
}

int store_build(const char *path, const struct kb *kb, struct diag *err)
{
	char *tmp = temp_path_for(path);
	struct store *st;
	int rc;

	if ((rc = mkdirs_for(path, err)) < 0) {
		free(tmp);
		return rc;
	}
	/* created here rather than by sqlite, whose message for a failure has no reason */
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0) {
		rc = diag_set(err, ALLIED_EIO, "cannot create '%s': %s", tmp, strerror(errno));
		free(tmp);
		return rc;
	}
	close(fd);
	rc = open_db(tmp, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, &st, err);
	if (rc == 0) {
		rc = fill_new_db(st, kb, err);
		if (sqlite3_close(st->db) != SQLITE_OK && rc == 0)
			rc = diag_set(err, ALLIED_EDB, "cannot close database '%s'", tmp);
		st->db = NULL;
		store_close(st);
	}
	if (rc == 0)
		rc = sync_file(tmp, err);
	if (rc == 0 && rename(tmp, path) != 0)
		rc = diag_set(err, ALLIED_EIO, "cannot replace '%s': %s", path, strerror(errno));
	if (rc < 0)
		unlink(tmp);
	free(tmp);
	return rc;
}

int store_install_image(const char *path, const void *image, size_t len, const char *origin, struct diag *err)
{
	char *tmp = temp_path_for(path);
	int rc = mkdirs_for(path, err), fd = -1;
	struct store *st;

	if (rc == 0 && (fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644)) < 0)
		rc = diag_set(err, ALLIED_EIO, "cannot create '%s': %s", tmp, strerror(errno));
	for (size_t done = 0; rc == 0 && done < len;) {
		ssize_t n = write(fd, (const char *)image + done, len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			rc = diag_set(err, ALLIED_EIO, "cannot write '%s': %s", tmp, strerror(errno));
		else
			done += (size_t)n;
	}
	if (fd >= 0 && close(fd) != 0 && rc == 0)
		rc = diag_set(err, ALLIED_EIO, "cannot write '%s': %s", tmp, strerror(errno));
	/* the origin goes into the new file before it replaces the old one, so that both change at once */
	if (rc == 0 && origin && (rc = open_db(tmp, SQLITE_OPEN_READWRITE, &st, err)) == 0) {
		rc = store_exec(st, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;", err);
		if (rc == 0)
			rc = store_meta_set(st, "origin", origin, err);
		if (sqlite3_close(st->db) != SQLITE_OK && rc == 0)
			rc = diag_set(err, ALLIED_EDB, "cannot close database '%s'", tmp);
		st->db = NULL;
		store_close(st);
	}
	if (rc == 0)
		rc = sync_file(tmp, err);
	if (rc == 0 && rename(tmp, path) != 0)
		rc = diag_set(err, ALLIED_EIO, "cannot replace '%s': %s", path, strerror(errno));
	if (rc < 0 && fd >= 0)
		unlink(tmp);
	free(tmp);
	return rc;
}

/* ---- reading ---- */

int64_t store_col_int(sqlite3_stmt *q, int i)
{
	return sqlite3_column_type(q, i) == SQLITE_NULL ? CAREER_UNKNOWN : sqlite3_column_int64(q, i);
}

double store_col_real(sqlite3_stmt *q, int i)
{
	return sqlite3_column_type(q, i) == SQLITE_NULL ? NAN : sqlite3_column_double(q, i);
}

char *store_col_str(sqlite3_stmt *q, int i)
{
	const unsigned char *s = sqlite3_column_text(q, i);
	return s ? xstrdup((const char *)s) : NULL;
}

static int load_vocab(struct store *st, const char *kind, struct vocab_item **out, size_t *n, struct diag *err)
{
	sqlite3_stmt *q;
	size_t cap = 0;
	int rc;

	if (store_prepare(st, "SELECT id, label FROM vocab WHERE kind = ? ORDER BY ord", &q, err) < 0)
		return ALLIED_EDB;
	sqlite3_bind_text(q, 1, kind, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		xgrow((void **)out, &cap, *n + 1, sizeof(**out));
		(*out)[*n].id = store_col_str(q, 0);
		(*out)[*n].label = store_col_str(q, 1);
		(*n)++;
	}
	sqlite3_finalize(q);
	return rc == SQLITE_DONE ? 0 : store_fail(st, err, "cannot read the vocabulary");
}

/* Binary search of the briefs by store number (they are sorted by id, so build an index). */
struct num_index {
	int64_t num;
	size_t at;
};

static int cmp_num_index(const void *a, const void *b)
{
	int64_t x = ((const struct num_index *)a)->num, y = ((const struct num_index *)b)->num;
	return (x > y) - (x < y);
}

int store_load_vocab(struct store *st, struct catalog *cat, struct diag *err)
{
	int rc;
	if ((rc = load_vocab(st, "interest", &cat->interests, &cat->n_interests, err)) < 0)
		return rc;
	return load_vocab(st, "setting", &cat->settings, &cat->n_settings, err);
}

int store_load_catalog(struct store *st, struct catalog *cat, struct diag *err)
{
	sqlite3_stmt *q;
	size_t cap = 0;
	int rc;

	if ((rc = store_load_vocab(st, cat, err)) < 0)
		return rc;
	if (store_prepare(st,
		    "SELECT num, id, title, origin, pay_soc, soc, grp, patient_contact, blood, physical, remote,"
		    " shifts, entry_credential, regulated, wage_median, wage_p10, wage_p90, wage_p90_capped,"
		    " openings, change_pct,"
		    " ri_r, ri_i, ri_a, ri_s, ri_e, ri_c,"
		    " (SELECT min(credential) FROM career_path p WHERE p.career_num = num)"
		    " FROM career ORDER BY id", &q, err) < 0)
		return ALLIED_EDB;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct career_brief *b;
		int i = 0;
		xgrow((void **)&cat->v, &cap, cat->n + 1, sizeof(*cat->v));
		b = &cat->v[cat->n++];
		memset(b, 0, sizeof(*b));
		b->num = sqlite3_column_int64(q, i++);
		b->id = catalog_intern(cat, (const char *)sqlite3_column_text(q, i++));
		b->title = catalog_intern(cat, (const char *)sqlite3_column_text(q, i++));
		b->origin = catalog_intern(cat, (const char *)sqlite3_column_text(q, i++));
		b->pay_soc = catalog_intern(cat, (const char *)sqlite3_column_text(q, i++));
		b->soc = catalog_intern(cat, (const char *)sqlite3_column_text(q, i++));
		b->group = (int)store_col_int(q, i++);
		b->patient_contact = (int)store_col_int(q, i++);
		b->blood = (int)store_col_int(q, i++);
		b->physical = (int)store_col_int(q, i++);
		b->remote = (int)store_col_int(q, i++);
		int64_t shifts = store_col_int(q, i++);
		b->shifts = shifts == CAREER_UNKNOWN ? 0 : (unsigned)shifts;
		b->entry_credential = (int)store_col_int(q, i++);
		b->regulated = (int)store_col_int(q, i++);
		b->wage_median_usd = store_col_int(q, i++);
		b->wage_p10_usd = store_col_int(q, i++);
		b->wage_p90_usd = store_col_int(q, i++);
		b->wage_p90_capped = sqlite3_column_int(q, i++) != 0;
		b->openings_per_year = store_col_int(q, i++);
		b->change_pct = store_col_real(q, i++);
		for (int r = 0; r < RIASEC_COUNT; r++)
			b->riasec[r] = store_col_real(q, i++);
		b->min_credential = (int)store_col_int(q, i++);
		b->months_min = b->months_max = CAREER_UNKNOWN;
	}
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE)
		return store_fail(st, err, "cannot read careers");

	/* settings, interests and training time, joined in C by career number */
	struct num_index *idx = xmalloc((cat->n ? cat->n : 1) * sizeof(*idx));
	for (size_t k = 0; k < cat->n; k++)
		idx[k] = (struct num_index){ cat->v[k].num, k };
	qsort(idx, cat->n, sizeof(*idx), cmp_num_index);

	if (store_prepare(st, "SELECT career_num, kind, text FROM career_text WHERE kind IN (3, 4)", &q, err) < 0) {
		free(idx);
		return ALLIED_EDB;
	}
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct num_index key = { sqlite3_column_int64(q, 0), 0 }, *hit;
		hit = bsearch(&key, idx, cat->n, sizeof(*idx), cmp_num_index);
		if (!hit)
			continue;
		const char *text = (const char *)sqlite3_column_text(q, 2);
		struct career_brief *b = &cat->v[hit->at];
		if (sqlite3_column_int(q, 1) == CT_SETTING) {
			int bit = catalog_setting_index(cat, text);
			if (bit >= 0)
				b->settings |= 1ULL << bit;
		} else {
			int bit = catalog_interest_index(cat, text);
			if (bit >= 0)
				b->interests |= 1ULL << bit;
		}
	}
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE) {
		free(idx);
		return store_fail(st, err, "cannot read career settings");
	}

	/* training time, by the same rule as a full career (career_training_months) */
	if (store_prepare(st, "SELECT career_num, credential, months_min, months_max FROM career_path ORDER BY career_num",
		    &q, err) < 0) {
		free(idx);
		return ALLIED_EDB;
	}
	struct career_path paths[32];
	size_t n_paths = 0;
	int64_t current = -1;
	for (;;) {
		rc = sqlite3_step(q);
		int64_t num = rc == SQLITE_ROW ? sqlite3_column_int64(q, 0) : -2;
		if (num != current && current >= 0) {
			struct num_index key = { current, 0 }, *hit;
			hit = bsearch(&key, idx, cat->n, sizeof(*idx), cmp_num_index);
			if (hit)
				career_training_months(paths, n_paths, cat->v[hit->at].entry_credential,
						       &cat->v[hit->at].months_min, &cat->v[hit->at].months_max);
			n_paths = 0;
		}
		if (rc != SQLITE_ROW)
			break;
		current = num;
		if (n_paths < sizeof(paths) / sizeof(paths[0]))
			paths[n_paths++] = (struct career_path){ sqlite3_column_int(q, 1), (int)store_col_int(q, 2),
								  (int)store_col_int(q, 3), NULL };
	}
	sqlite3_finalize(q);
	free(idx);
	return rc == SQLITE_DONE ? 0 : store_fail(st, err, "cannot read education paths");
}

static int load_texts(struct store *st, int64_t num, struct career *c, struct diag *err)
{
	sqlite3_stmt *q;
	int rc;
	if (store_prepare(st, "SELECT kind, text FROM career_text WHERE career_num = ? ORDER BY kind, seq", &q, err) < 0)
		return ALLIED_EDB;
	sqlite3_bind_int64(q, 1, num);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		const char *text = (const char *)sqlite3_column_text(q, 1);
		switch (sqlite3_column_int(q, 0)) {
		case CT_ALIAS: strvec_push(&c->aliases, text); break;
		case CT_DUTY: strvec_push(&c->duties, text); break;
		case CT_SETTING: strvec_push(&c->settings, text); break;
		case CT_INTEREST: strvec_push(&c->interests, text); break;
		}
	}
	sqlite3_finalize(q);
	return rc == SQLITE_DONE ? 0 : store_fail(st, err, "cannot read career text");
}

static int load_paths_certs_sources(struct store *st, int64_t num, struct career *c, struct diag *err)
{
	sqlite3_stmt *q;
	int rc;
	size_t cap;

	if (store_prepare(st, "SELECT credential, months_min, months_max, note FROM career_path"
			" WHERE career_num = ? ORDER BY seq", &q, err) < 0)
		return ALLIED_EDB;
	sqlite3_bind_int64(q, 1, num);
	cap = 0;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		xgrow((void **)&c->paths, &cap, c->n_paths + 1, sizeof(*c->paths));
		struct career_path *p = &c->paths[c->n_paths++];
		p->credential = sqlite3_column_int(q, 0);
		p->months_min = (int)store_col_int(q, 1);
		p->months_max = (int)store_col_int(q, 2);
		p->note = store_col_str(q, 3);
	}
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE)
		return store_fail(st, err, "cannot read education paths");

	if (store_prepare(st, "SELECT name, body, kind, required FROM career_cert WHERE career_num = ? ORDER BY seq",
		    &q, err) < 0)
		return ALLIED_EDB;
	sqlite3_bind_int64(q, 1, num);
	cap = 0;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		xgrow((void **)&c->certs, &cap, c->n_certs + 1, sizeof(*c->certs));
		struct career_cert *ce = &c->certs[c->n_certs++];
		ce->name = store_col_str(q, 0);
		ce->body = store_col_str(q, 1);
		ce->kind = (int)store_col_int(q, 2);
		ce->required = (int)store_col_int(q, 3);
	}
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE)
		return store_fail(st, err, "cannot read certifications");

	if (store_prepare(st, "SELECT block, source_id FROM career_source WHERE career_num = ? ORDER BY block, seq",
		    &q, err) < 0)
		return ALLIED_EDB;
	sqlite3_bind_int64(q, 1, num);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		int blk = sqlite3_column_int(q, 0);
		if (blk >= 0 && blk < BLOCK_COUNT)
			strvec_push(&c->block_sources[blk], (const char *)sqlite3_column_text(q, 1));
	}
	sqlite3_finalize(q);
	return rc == SQLITE_DONE ? 0 : store_fail(st, err, "cannot read career sources");
}

int store_get_career(struct store *st, const char *id, struct career *c, struct diag *err)
{
	sqlite3_stmt *q;
	int rc, i = 0;

	if (store_prepare(st,
		    "SELECT num, id, title, grp, soc, onet_soc, summary, origin, patient_contact, blood, physical,"
		    " remote, shifts, entry_credential, regulated, regulation_note, pay_soc, wage_median, wage_p10,"
		    " wage_p90, wage_p90_capped, outlook_soc, employment_2024, employment_2034, change_pct,"
		    " openings, entry_education, interest_onet_soc, interest_code, ri_r, ri_i, ri_a, ri_s, ri_e,"
		    " ri_c FROM career WHERE id = ?", &q, err) < 0)
		return ALLIED_EDB;
	sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
	rc = sqlite3_step(q);
	if (rc != SQLITE_ROW) {
		sqlite3_finalize(q);
		if (rc == SQLITE_DONE)
			return diag_set(err, ALLIED_ENOTFOUND, "no career with id '%s'", id);
		return store_fail(st, err, "cannot read a career");
	}
	c->num = sqlite3_column_int64(q, i++);
	c->id = store_col_str(q, i++);
	c->title = store_col_str(q, i++);
	c->group = (int)store_col_int(q, i++);
	c->soc = store_col_str(q, i++);
	c->onet_soc = store_col_str(q, i++);
	c->summary = store_col_str(q, i++);
	c->origin = store_col_str(q, i++);
	c->patient_contact = (int)store_col_int(q, i++);
	c->blood = (int)store_col_int(q, i++);
	c->physical = (int)store_col_int(q, i++);
	c->remote = (int)store_col_int(q, i++);
	int64_t shifts = store_col_int(q, i++);
	c->shifts = shifts == CAREER_UNKNOWN ? 0 : (unsigned)shifts;
	c->entry_credential = (int)store_col_int(q, i++);
	c->regulated = (int)store_col_int(q, i++);
	c->regulation_note = store_col_str(q, i++);
	c->pay_soc = store_col_str(q, i++);
	c->wage_median_usd = store_col_int(q, i++);
	c->wage_p10_usd = store_col_int(q, i++);
	c->wage_p90_usd = store_col_int(q, i++);
	c->wage_p90_capped = sqlite3_column_int(q, i++) != 0;
	c->outlook_soc = store_col_str(q, i++);
	c->employment_2024 = store_col_int(q, i++);
	c->employment_2034 = store_col_int(q, i++);
	c->change_pct = store_col_real(q, i++);
	c->openings_per_year = store_col_int(q, i++);
	c->entry_education = store_col_str(q, i++);
	c->interest_onet_soc = store_col_str(q, i++);
	const unsigned char *code = sqlite3_column_text(q, i++);
	if (code)
		snprintf(c->interest_code, sizeof(c->interest_code), "%s", (const char *)code);
	for (int r = 0; r < RIASEC_COUNT; r++)
		c->riasec[r] = store_col_real(q, i++);
	sqlite3_finalize(q);

	if ((rc = load_texts(st, c->num, c, err)) < 0 || (rc = load_paths_certs_sources(st, c->num, c, err)) < 0) {
		career_release(c);
		return rc;
	}
	return 0;
}

int store_resolve(struct store *st, const char *name, char **id, struct diag *err)
{
	sqlite3_stmt *q;
	char norm[512];
	int rc;

	*id = NULL;
	text_norm(name, norm, sizeof(norm));
	if (store_prepare(st, "SELECT c.id FROM career_name n JOIN career c ON c.num = n.career_num"
			" WHERE n.norm = ? ORDER BY c.origin <> 'curated', n.kind, c.id LIMIT 1", &q, err) < 0)
		return ALLIED_EDB;
	sqlite3_bind_text(q, 1, norm, -1, SQLITE_STATIC);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		*id = store_col_str(q, 0);
	sqlite3_finalize(q);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc == SQLITE_DONE)
		return diag_set(err, ALLIED_ENOTFOUND, "no career called '%s'", name);
	return store_fail(st, err, "cannot look up a career name");
}

int store_each_name(struct store *st, void (*fn)(const char *norm, const char *id, void *ctx), void *ctx,
		    struct diag *err)
{
	sqlite3_stmt *q;
	int rc;
	if (store_prepare(st, "SELECT n.norm, c.id FROM career_name n JOIN career c ON c.num = n.career_num", &q, err) < 0)
		return ALLIED_EDB;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW)
		fn((const char *)sqlite3_column_text(q, 0), (const char *)sqlite3_column_text(q, 1), ctx);
	sqlite3_finalize(q);
	return rc == SQLITE_DONE ? 0 : store_fail(st, err, "cannot read career names");
}

int store_search_rowids(struct store *st, const char *match, int64_t **rowids, size_t *n, struct diag *err)
{
	sqlite3_stmt *q;
	size_t cap = 0;
	int rc;

	*rowids = NULL;
	*n = 0;
	if (store_prepare(st, "SELECT rowid FROM search WHERE search MATCH ?", &q, err) < 0)
		return ALLIED_EDB;
	sqlite3_bind_text(q, 1, match, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		xgrow((void **)rowids, &cap, *n + 1, sizeof(**rowids));
		(*rowids)[(*n)++] = sqlite3_column_int64(q, 0);
	}
	sqlite3_finalize(q);
	if (rc == SQLITE_DONE)
		return 0;
	free(*rowids);
	*rowids = NULL;
	*n = 0;
	if ((rc & 0xff) == SQLITE_ERROR)
		return diag_set(err, ALLIED_EINVAL, "cannot search for '%s'", match);
	return store_fail(st, err, "search failed");
}

int store_search_terms(struct store *st, void (*fn)(const char *term, int64_t docs, void *ctx), void *ctx,
		       struct diag *err)
{
	sqlite3_stmt *q;
	int rc;
	if (store_prepare(st, "SELECT term, docs FROM search_term", &q, err) < 0)
		return ALLIED_EDB;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW)
		fn((const char *)sqlite3_column_text(q, 0), sqlite3_column_int64(q, 1), ctx);
	sqlite3_finalize(q);
	return rc == SQLITE_DONE ? 0 : store_fail(st, err, "cannot read the search terms");
}

int store_refresh_search_terms(struct store *st, struct diag *err)
{
	return store_exec(st, "DELETE FROM search_term;"
			    " INSERT INTO search_term(term, docs) SELECT term, doc FROM search_vocab;", err);
}

int store_begin_read(struct store *st, struct diag *err)
{
	return store_exec(st, "BEGIN;", err);
}

void store_end_read(struct store *st)
{
	struct diag ignore;
	diag_init(&ignore);
	store_exec(st, "COMMIT;", &ignore);
}

int store_career_name(struct store *st, int64_t num, char **id, char **title, struct diag *err)
{
	sqlite3_stmt *q = st->career_name_q;
	int rc;
	if (!q && sqlite3_prepare_v3(st->db, "SELECT id, title FROM career WHERE num = ?", -1, SQLITE_PREPARE_PERSISTENT,
				     &st->career_name_q, NULL) != SQLITE_OK)
		return store_fail(st, err, "cannot prepare a query");
	q = st->career_name_q;
	sqlite3_bind_int64(q, 1, num);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		*id = store_col_str(q, 0);
		*title = store_col_str(q, 1);
	}
	sqlite3_reset(q);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc == SQLITE_DONE)
		return diag_set(err, ALLIED_ENOTFOUND, "no career number %lld", (long long)num);
	return store_fail(st, err, "cannot read a career");
}

int store_get_sources(struct store *st, const struct strvec *ids, struct source **out, size_t *n,
		      struct diag *err)
{
	sqlite3_stmt *q;
	int rc = 0;

	*out = xcalloc(ids->n ? ids->n : 1, sizeof(**out));
	*n = 0;
	if (store_prepare(st, "SELECT id, title, publisher, url, as_of, checked, licence FROM source WHERE id = ?",
		    &q, err) < 0) {
		free(*out);
		*out = NULL;
		return ALLIED_EDB;
	}
	for (size_t i = 0; i < ids->n; i++) {
		sqlite3_bind_text(q, 1, ids->v[i], -1, SQLITE_STATIC);
		int step = sqlite3_step(q);
		if (step == SQLITE_ROW) {
			struct source *s = &(*out)[(*n)++];
			s->id = store_col_str(q, 0);
			s->title = store_col_str(q, 1);
			s->publisher = store_col_str(q, 2);
			s->url = store_col_str(q, 3);
			s->as_of = store_col_str(q, 4);
			s->checked = store_col_str(q, 5);
			s->licence = store_col_str(q, 6);
		} else if (step != SQLITE_DONE) {
			rc = store_fail(st, err, "cannot read sources");
		}
		sqlite3_reset(q);
		if (rc < 0)
			break;
	}
	sqlite3_finalize(q);
	return rc;
}

/* ---- the quiz and the ladders ---- */

int store_load_quiz(struct store *st, struct profile_item **items, size_t *n, struct diag *err)
{
	sqlite3_stmt *q;
	size_t cap = 0;
	int rc;

	*items = NULL;
	*n = 0;
	if (store_prepare(st, "SELECT area, text FROM quiz_item ORDER BY seq", &q, err) < 0)
		return ALLIED_EDB;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW && *n < PROFILE_MAX_ITEMS) {
		int area = sqlite3_column_int(q, 0);
		if (area < 0 || area >= RIASEC_COUNT)
			continue;
		xgrow((void **)items, &cap, *n + 1, sizeof(**items));
		(*items)[*n].area = area;
		(*items)[(*n)++].text = store_col_str(q, 1);
	}
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return store_fail(st, err, "cannot read the quiz");
	return 0;
}

/* "Associate degree; NBDHE; State dental hygiene license" etc. for a career's entry routes. */
static char *required_certs(struct store *st, int64_t num, sqlite3_stmt *q)
{
	struct buf b;
	(void)st;
	buf_init(&b, 1024);
	sqlite3_bind_int64(q, 1, num);
	while (sqlite3_step(q) == SQLITE_ROW) {
		if (b.len)
			buf_adds(&b, "; ");
		buf_adds(&b, (const char *)sqlite3_column_text(q, 0));
		if (sqlite3_column_type(q, 1) != SQLITE_NULL && sqlite3_column_int(q, 1) == REQUIRED_EMPLOYER)
			buf_adds(&b, " (expected by employers)");
	}
	sqlite3_reset(q);
	char *s = b.len ? buf_detach(&b, NULL) : NULL;
	buf_release(&b);
	return s;
}

int store_load_ladder(struct store *st, struct ladder *l, struct diag *err)
{
	sqlite3_stmt *nodes = NULL, *paths = NULL, *certs = NULL, *specs = NULL, *steps = NULL;
	int rc = store_prepare(st, "SELECT num, id, title, regulated FROM career ORDER BY num", &nodes, err);

	if (!rc) rc = store_prepare(st, "SELECT credential, months_min, months_max, note FROM career_path"
			      " WHERE career_num = ? ORDER BY seq", &paths, err);
	if (!rc) rc = store_prepare(st, "SELECT name, required FROM career_cert WHERE career_num = ?"
			      " AND required IN (0, 1) ORDER BY seq", &certs, err);
	if (!rc) rc = store_prepare(st, "SELECT id, title, based_on FROM specialty ORDER BY id", &specs, err);
	if (!rc) rc = store_prepare(st, "SELECT from_id, to_id, bridge, credential, kind, months_min, months_max,"
			      " experience_months, accreditation, exam, licence, note, sources FROM ladder_step"
			      " ORDER BY seq", &steps, err);
	while (!rc && (rc = sqlite3_step(nodes)) == SQLITE_ROW) {
		int64_t num = sqlite3_column_int64(nodes, 0);
		size_t node = ladder_add_node(l, (const char *)sqlite3_column_text(nodes, 1),
					      (const char *)sqlite3_column_text(nodes, 2), NULL);
		int regulated = (int)store_col_int(nodes, 3);
		char *exam = required_certs(st, num, certs);
		sqlite3_bind_int64(paths, 1, num);
		while (sqlite3_step(paths) == SQLITE_ROW) {
			int cred = sqlite3_column_int(paths, 0);
			struct ladder_edge e = {
				.from = LADDER_START, .to = node, .entry = true,
				.kind = cred == CRED_ON_THE_JOB ? STEP_WORK : STEP_STUDY, .credential = cred,
				.months_min = (int)store_col_int(paths, 1), .months_max = (int)store_col_int(paths, 2),
				.bridge = career_scale_label(SCALE_CREDENTIAL, cred),
				.exam = exam,
				.licence = regulated == CAREER_UNKNOWN ? NULL : career_scale_label(SCALE_REGULATED, regulated),
				.note = (const char *)sqlite3_column_text(paths, 3),
			};
			ladder_add_edge(l, &e);
		}
		sqlite3_reset(paths);
		free(exam);
		rc = 0;
	}
	if (rc == SQLITE_DONE)
		rc = 0;
	else if (rc > 0)
		rc = store_fail(st, err, "cannot read careers for the ladder");
	while (!rc && (rc = sqlite3_step(specs)) == SQLITE_ROW) {
		ladder_add_node(l, (const char *)sqlite3_column_text(specs, 0), (const char *)sqlite3_column_text(specs, 1),
				(const char *)sqlite3_column_text(specs, 2));
		rc = 0;
	}
	if (rc == SQLITE_DONE)
		rc = 0;
	else if (rc > 0)
		rc = store_fail(st, err, "cannot read specialties");
	while (!rc && (rc = sqlite3_step(steps)) == SQLITE_ROW) {
		long from = ladder_find(l, (const char *)sqlite3_column_text(steps, 0));
		long to = ladder_find(l, (const char *)sqlite3_column_text(steps, 1));
		rc = 0;
		if (from < 0 || to < 0)
			continue;	/* the build checked references; a later import may have removed a career */
		struct ladder_edge e = {
			.from = (size_t)from, .to = (size_t)to, .entry = false,
			.credential = sqlite3_column_int(steps, 3), .kind = sqlite3_column_int(steps, 4),
			.months_min = (int)store_col_int(steps, 5), .months_max = (int)store_col_int(steps, 6),
			.experience_months = sqlite3_column_int(steps, 7),
			.bridge = (const char *)sqlite3_column_text(steps, 2),
			.accreditation = (const char *)sqlite3_column_text(steps, 8),
			.exam = (const char *)sqlite3_column_text(steps, 9),
			.licence = (const char *)sqlite3_column_text(steps, 10),
			.note = (const char *)sqlite3_column_text(steps, 11),
			.sources = (const char *)sqlite3_column_text(steps, 12),
		};
		ladder_add_edge(l, &e);
	}
	if (rc == SQLITE_DONE)
		rc = 0;
	else if (rc > 0)
		rc = store_fail(st, err, "cannot read ladder steps");
	sqlite3_finalize(nodes);
	sqlite3_finalize(paths);
	sqlite3_finalize(certs);
	sqlite3_finalize(specs);
	sqlite3_finalize(steps);
	if (!rc)
		ladder_finish(l);
	return rc;
}

/* ---- training ---- */

/* Append the space-separated ids of s (may be NULL) to out. */
static void split_ids(const char *s, struct strvec *out)
{
	while (s && *s) {
		size_t len = strcspn(s, " ");
		if (len)
			strvec_push_owned(out, xstrndup(s, len));
		s += len + (s[len] == ' ');
	}
}

int store_get_rules(struct store *st, const char *career_id, const char *state, struct state_rule **out,
		    size_t *n, struct diag *err)
{
	sqlite3_stmt *q = NULL;
	size_t cap = 0;
	int rc = store_prepare(st, "SELECT state, careers, career_name, requirement, authority, credential, legal_basis, note,"
			 " as_of, sources FROM state_rule WHERE (' ' || careers || ' ') LIKE ('% ' || ?1 || ' %')"
			 " AND (?2 IS NULL OR state = ?2) ORDER BY seq", &q, err);

	*out = NULL;
	*n = 0;
	if (rc < 0)
		return rc;
	sqlite3_bind_text(q, 1, career_id, -1, SQLITE_STATIC);
	store_bind_text(q, 2, state);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		xgrow((void **)out, &cap, *n + 1, sizeof(**out));
		struct state_rule *r = &(*out)[(*n)++];
		state_rule_init(r);
		snprintf(r->state, sizeof(r->state), "%s", (const char *)sqlite3_column_text(q, 0));
		split_ids((const char *)sqlite3_column_text(q, 1), &r->careers);
		r->career_name = store_col_str(q, 2);
		r->requirement = sqlite3_column_int(q, 3);
		r->authority = store_col_str(q, 4);
		r->credential = store_col_str(q, 5);
		r->legal_basis = store_col_str(q, 6);
		r->note = store_col_str(q, 7);
		r->as_of = store_col_str(q, 8);
		split_ids((const char *)sqlite3_column_text(q, 9), &r->sources);
	}
	sqlite3_finalize(q);
	return rc == SQLITE_DONE ? 0 : store_fail(st, err, "cannot read state rules");
}

int store_get_exam_routes(struct store *st, const char *career_id, struct exam_route **out, size_t *n,
			  struct diag *err)
{
	sqlite3_stmt *q = NULL;
	size_t cap = 0;
	int rc = store_prepare(st, "SELECT career_id, state, exam, requires, accreditors, effective, note, sources"
			 " FROM exam_route WHERE career_id = ? ORDER BY seq", &q, err);

	*out = NULL;
	*n = 0;
	if (rc < 0)
		return rc;
	sqlite3_bind_text(q, 1, career_id, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		xgrow((void **)out, &cap, *n + 1, sizeof(**out));
		struct exam_route *r = &(*out)[(*n)++];
		exam_route_init(r);
		r->career = store_col_str(q, 0);
		if (sqlite3_column_type(q, 1) != SQLITE_NULL)
			snprintf(r->state, sizeof(r->state), "%s", (const char *)sqlite3_column_text(q, 1));
		r->exam = store_col_str(q, 2);
		r->requires = sqlite3_column_int(q, 3);
		split_ids((const char *)sqlite3_column_text(q, 4), &r->accreditors);
		r->effective = store_col_str(q, 5);
		r->note = store_col_str(q, 6);
		split_ids((const char *)sqlite3_column_text(q, 7), &r->sources);
	}
	sqlite3_finalize(q);
	return rc == SQLITE_DONE ? 0 : store_fail(st, err, "cannot read exam routes");
}

/*
 * Run sql with key bound to its one parameter: 1 with *q on the first row (read it, then
 * sqlite3_finalize), 0 when there is none, or the failure (what says what was being read); *q
 * is finalized in both of those cases.
 */
int store_one_row(struct store *st, const char *sql, const char *key, sqlite3_stmt **q, const char *what,
		   struct diag *err)
{
	int rc = store_prepare(st, sql, q, err);
	if (rc < 0)
		return rc;
	sqlite3_bind_text(*q, 1, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(*q);
	if (rc == SQLITE_ROW)
		return 1;
	sqlite3_finalize(*q);
	*q = NULL;
	return rc == SQLITE_DONE ? 0 : store_fail(st, err, what);
}

int store_career_title(struct store *st, const char *id, char **title, struct diag *err)
{
	sqlite3_stmt *q;
	int rc = store_one_row(st, "SELECT title FROM career WHERE id = ?", id, &q, "cannot read a career's title", err);
	if (rc <= 0)
		return rc < 0 ? rc : diag_set(err, ALLIED_ENOTFOUND, "no career with id '%s'", id);
	*title = store_col_str(q, 0);
	sqlite3_finalize(q);
	return 0;
}

int store_accreditor_name(struct store *st, const char *id, char **acronym, char **name, struct diag *err)
{
	sqlite3_stmt *q;
	int rc = store_one_row(st, "SELECT acronym, name FROM accreditor WHERE id = ?", id, &q, "cannot read an accreditor", err);
	*acronym = *name = NULL;
	if (rc <= 0)
		return rc < 0 ? rc : diag_set(err, ALLIED_ENOTFOUND, "no accreditor with id '%s'", id);
	*acronym = store_col_str(q, 0);
	*name = store_col_str(q, 1);
	sqlite3_finalize(q);
	return 0;
}

int store_zip_location(struct store *st, const char *zip, double *lat, double *lon, struct diag *err)
{
	sqlite3_stmt *q;
	int rc = store_one_row(st, "SELECT latitude, longitude FROM zip WHERE zip = ?", zip, &q, "cannot read ZIP centroids", err);
	if (rc <= 0)
		return rc < 0 ? rc : diag_set(err, ALLIED_ENOTFOUND, "no ZIP code %s in allied's list of ZIP codes", zip);
	*lat = sqlite3_column_double(q, 0);
	*lon = sqlite3_column_double(q, 1);
	sqlite3_finalize(q);
	return 0;
}

int store_load_programs(struct store *st, struct program_list *l, struct diag *err)
{
	sqlite3_stmt *q = NULL;
	int rc = store_prepare(st,
		"SELECT p.id, p.name, p.careers, p.career_name, i.id, i.name, i.campus, i.city, i.state, i.zip,"
		" i.latitude, i.longitude, z.latitude, z.longitude, p.campus_unknown, p.credential, p.months, p.schedule,"
		" p.accreditor, p.status, p.admission, p.cost_usd, p.clinical_hours, p.exam_pass_pct, p.completion_pct,"
		" p.placement_pct, p.outcomes_year, p.note, p.as_of, p.sources, p.prerequisites, p.cip"
		" FROM program p JOIN institution i ON i.num = p.institution_num LEFT JOIN zip z ON z.zip = i.zip"
		" ORDER BY p.num", &q, err);
	if (rc < 0)
		return rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		xgrow((void **)&l->v, &l->cap, l->n + 1, sizeof(*l->v));
		struct program_row *r = &l->v[l->n++];
#define KEEP(i) program_list_keep(l, (const char *)sqlite3_column_text(q, i))
		r->id = KEEP(0);
		r->name = KEEP(1);
		r->careers = KEEP(2);
		r->career_name = KEEP(3);
		r->institution_id = KEEP(4);
		r->institution = KEEP(5);
		r->campus = KEEP(6);
		r->city = KEEP(7);
		r->state = KEEP(8);
		r->zip = KEEP(9);
		r->lat = store_col_real(q, 10);
		r->lon = store_col_real(q, 11);
		r->located_by_zip = isnan(r->lat) && !isnan(store_col_real(q, 12));
		if (r->located_by_zip) {
			r->lat = store_col_real(q, 12);
			r->lon = store_col_real(q, 13);
		}
		r->campus_unknown = sqlite3_column_int(q, 14) != 0;
		r->credential = (int)store_col_int(q, 15);
		r->months = store_col_real(q, 16);
		r->schedule = (unsigned)sqlite3_column_int(q, 17);
		r->accreditor = KEEP(18);
		r->status = sqlite3_column_int(q, 19);
		r->admission = (int)store_col_int(q, 20);
		r->cost_usd = store_col_int(q, 21);
		r->clinical_hours = store_col_int(q, 22);
		r->exam_pass_pct = store_col_real(q, 23);
		r->completion_pct = store_col_real(q, 24);
		r->placement_pct = store_col_real(q, 25);
		r->outcomes_year = store_col_int(q, 26);
		r->note = KEEP(27);
		r->as_of = KEEP(28);
		r->sources = KEEP(29);
		r->prerequisites = KEEP(30);
		r->cip = KEEP(31);
#undef KEEP
	}
	sqlite3_finalize(q);
	return rc == SQLITE_DONE ? 0 : store_fail(st, err, "cannot read programs");
}

int store_zip_neighbours(struct store *st, const char *zip, size_t max, struct strvec *out, struct diag *err)
{
	sqlite3_stmt *q = NULL;
	int rc = store_prepare(st, "SELECT zip FROM (SELECT zip FROM zip WHERE zip < ?1 ORDER BY zip DESC LIMIT ?2)"
			 " UNION SELECT zip FROM (SELECT zip FROM zip WHERE zip > ?1 ORDER BY zip LIMIT ?2) ORDER BY zip", &q, err);
	if (rc < 0)
		return rc;
	sqlite3_bind_text(q, 1, zip, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 2, (int64_t)(max + 1) / 2);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW)
		strvec_push(out, (const char *)sqlite3_column_text(q, 0));
	sqlite3_finalize(q);
	return rc == SQLITE_DONE ? 0 : store_fail(st, err, "cannot read ZIP codes");
}

int store_load_institutions(struct store *st, struct institution **out, size_t *n, struct diag *err)
{
	sqlite3_stmt *q = NULL;
	size_t cap = 0;
	int rc = store_prepare(st, "SELECT id, name, campus, city, state, zip, ipeds_unitid, latitude, longitude, accreditor,"
			 " note, sources, address, website, as_of, origin FROM institution ORDER BY num", &q, err);
	*out = NULL;
	*n = 0;
	if (rc < 0)
		return rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		xgrow((void **)out, &cap, *n + 1, sizeof(**out));
		struct institution *in = &(*out)[(*n)++];
		memset(in, 0, sizeof(*in));
		strvec_init(&in->sources);
		in->id = store_col_str(q, 0);
		in->name = store_col_str(q, 1);
		in->campus = store_col_str(q, 2);
		in->city = store_col_str(q, 3);
		in->state = store_col_str(q, 4);
		in->zip = store_col_str(q, 5);
		in->ipeds_unitid = store_col_int(q, 6);
		in->latitude = store_col_real(q, 7);
		in->longitude = store_col_real(q, 8);
		in->accreditor = store_col_str(q, 9);
		in->note = store_col_str(q, 10);
		split_ids((const char *)sqlite3_column_text(q, 11), &in->sources);
		in->address = store_col_str(q, 12);
		in->website = store_col_str(q, 13);
		in->as_of = store_col_str(q, 14);
		in->origin = store_col_str(q, 15);
	}
	sqlite3_finalize(q);
	return rc == SQLITE_DONE ? 0 : store_fail(st, err, "cannot read institutions");
}

void store_free_institutions(struct institution *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		institution_release(&v[i]);
	free(v);
}

int store_get_accreditor(struct store *st, const char *id, struct accreditor *a, struct diag *err)
{
	sqlite3_stmt *q;
	int rc = store_one_row(st, "SELECT id, name, acronym, kind, recognized_by, grants_through, scope, note, sources"
			 " FROM accreditor WHERE id = ?", id, &q, "cannot read an accreditor", err);
	memset(a, 0, sizeof(*a));
	strvec_init(&a->scope);
	strvec_init(&a->sources);
	if (rc <= 0)
		return rc < 0 ? rc : diag_set(err, ALLIED_ENOTFOUND, "no accreditor with id '%s'", id);
	a->id = store_col_str(q, 0);
	a->name = store_col_str(q, 1);
	a->acronym = store_col_str(q, 2);
	a->kind = sqlite3_column_int(q, 3);
	a->recognized_by = (unsigned)sqlite3_column_int(q, 4);
	a->grants_through = store_col_str(q, 5);
	for (const char *sc = (const char *)sqlite3_column_text(q, 6); sc && *sc;) {
		size_t len = strcspn(sc, ";");
		strvec_push_owned(&a->scope, xstrndup(sc, len));
		sc += len;
		sc += strspn(sc, "; ");
	}
	a->note = store_col_str(q, 7);
	split_ids((const char *)sqlite3_column_text(q, 8), &a->sources);
	sqlite3_finalize(q);
	return 0;
}
