/*
 * store-import-schools: writing imported institutions (IPEDS HD), CIP codes and the CIP-SOC
 * crosswalk, and schools' own program files (store.h).
 *
 * Every write compares before it writes ("ON CONFLICT ... DO UPDATE ... WHERE something
 * differs"), so sqlite3_changes counts only real changes and a second import counts 0.
 */
#include "store.h"
#include "store-internal.h"
#include "xmalloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Run sql with the one text parameter key, counting the changes. */
static int exec_key(struct store *st, const char *sql, const char *key, size_t *changed, struct diag *err)
{
	sqlite3_stmt *q = NULL;
	int rc = store_prepare(st, sql, &q, err);
	if (rc == 0) {
		store_bind_text(q, 1, key);
		rc = store_step_done(st, q, err, "cannot update the database");
		*changed += (size_t)sqlite3_changes(st->db);
	}
	sqlite3_finalize(q);
	return rc;
}

/* The first column of every row of sql (with key bound to ?1), appended to out. */
static int column_strings(struct store *st, const char *sql, const char *key, struct strvec *out, struct diag *err)
{
	sqlite3_stmt *q = NULL;
	int rc = store_prepare(st, sql, &q, err);
	if (rc < 0)
		return rc;
	store_bind_text(q, 1, key);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW)
		strvec_push(out, (const char *)sqlite3_column_text(q, 0));
	sqlite3_finalize(q);
	return rc == SQLITE_DONE ? 0 : store_fail(st, err, "cannot read the database");
}

int store_import_cip(struct store *st, const struct source *src, const struct store_cip *codes, size_t n_codes,
		     const struct store_cip_soc *pairs, size_t n_pairs, size_t *changed, struct diag *err)
{
	sqlite3_stmt *code = NULL, *pair = NULL;
	int rc;

	*changed = 0;
	if ((rc = store_import_begin(st, err)) < 0)
		return rc;
	rc = store_put_source(st, src, changed, err);
	if (rc == 0)
		rc = store_exec(st, "CREATE TEMP TABLE new_cip_soc(cip TEXT NOT NULL, soc TEXT NOT NULL,"
				" PRIMARY KEY(cip, soc)) WITHOUT ROWID;", err);
	if (rc == 0)
		rc = store_prepare(st, "INSERT INTO cip VALUES(?1, ?2) ON CONFLICT(cip) DO UPDATE SET title = ?2"
				   " WHERE title IS NOT ?2", &code, err);
	if (rc == 0)
		rc = store_prepare(st, "INSERT OR IGNORE INTO new_cip_soc VALUES(?1, ?2)", &pair, err);
	for (size_t i = 0; rc == 0 && i < n_codes; i++) {
		store_bind_text(code, 1, codes[i].code);
		store_bind_text(code, 2, codes[i].title);
		rc = store_step_done(st, code, err, "cannot store a CIP code");
		*changed += (size_t)sqlite3_changes(st->db);
	}
	for (size_t i = 0; rc == 0 && i < n_pairs; i++) {
		store_bind_text(pair, 1, pairs[i].cip);
		store_bind_text(pair, 2, pairs[i].soc);
		rc = store_step_done(st, pair, err, "cannot store a CIP-SOC pair");
	}
	sqlite3_finalize(code);
	sqlite3_finalize(pair);
	if (rc == 0)
		rc = exec_key(st, "DELETE FROM cip_soc WHERE (cip, soc) NOT IN (SELECT cip, soc FROM new_cip_soc)"
			      " AND ?1 IS NOT NULL", "", changed, err);
	if (rc == 0)
		rc = exec_key(st, "INSERT OR IGNORE INTO cip_soc SELECT cip, soc FROM new_cip_soc WHERE ?1 IS NOT NULL", "",
			      changed, err);
	if (rc == 0)
		rc = store_exec(st, "DROP TABLE temp.new_cip_soc;", err);
	rc = store_import_end(st, rc, *changed > 0, "cip_source", src->id, err);
	if (rc < 0)
		*changed = 0;
	return rc;
}

static const char upsert_institution_sql[] =
	"INSERT INTO institution(id, name, campus, city, state, zip, ipeds_unitid, latitude, longitude, sources, origin,"
	" address, website, as_of) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)"
	" ON CONFLICT(id) DO UPDATE SET name = ?2, campus = ?3, city = ?4, state = ?5, zip = ?6, ipeds_unitid = ?7,"
	" latitude = ?8, longitude = ?9, sources = ?10, address = ?12, website = ?13, as_of = ?14"
	" WHERE origin = ?11 AND (name, campus, city, state, zip, ipeds_unitid, latitude, longitude, sources, address,"
	" website, as_of) IS NOT (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?12, ?13, ?14)";

static int upsert_institution(struct store *st, sqlite3_stmt *q, const struct institution *in, size_t *changed,
			      struct diag *err)
{
	int k = store_bind_institution(q, 1, in);
	store_bind_joined(q, k++, &in->sources);
	store_bind_text(q, k++, in->origin);
	store_bind_text(q, k++, in->address);
	store_bind_text(q, k++, in->website);
	store_bind_text(q, k++, in->as_of);
	int rc = store_step_done(st, q, err, "cannot store an institution");
	*changed += (size_t)sqlite3_changes(st->db);
	return rc;
}

int store_import_institutions(struct store *st, const struct source *src, const struct institution *v, size_t n,
			      size_t *changed, size_t *kept, struct diag *err)
{
	sqlite3_stmt *up = NULL, *curated = NULL, *fill = NULL;
	int rc;

	*changed = *kept = 0;
	if ((rc = store_import_begin(st, err)) < 0)
		return rc;
	rc = store_put_source(st, src, changed, err);
	if (rc == 0)
		rc = store_prepare(st, upsert_institution_sql, &up, err);
	if (rc == 0)
		rc = store_prepare(st, "SELECT 1 FROM institution WHERE origin = 'curated' AND ipeds_unitid = ?1", &curated, err);
	if (rc == 0)
		rc = store_prepare(st, "UPDATE institution SET address = coalesce(address, ?2), website = coalesce(website, ?3)"
				   " WHERE origin = 'curated' AND ipeds_unitid = ?1"
				   " AND ((address IS NULL AND ?2 IS NOT NULL) OR (website IS NULL AND ?3 IS NOT NULL))", &fill, err);
	for (size_t i = 0; rc == 0 && i < n; i++) {
		sqlite3_bind_int64(curated, 1, v[i].ipeds_unitid);
		int step = sqlite3_step(curated);
		sqlite3_reset(curated);
		if (step == SQLITE_ROW) {
			(*kept)++;
			sqlite3_bind_int64(fill, 1, v[i].ipeds_unitid);
			store_bind_text(fill, 2, v[i].address);
			store_bind_text(fill, 3, v[i].website);
			rc = store_step_done(st, fill, err, "cannot update an institution");
			*changed += (size_t)sqlite3_changes(st->db);
		} else if (step == SQLITE_DONE) {
			rc = upsert_institution(st, up, &v[i], changed, err);
		} else {
			rc = store_fail(st, err, "cannot read institutions");
		}
	}
	sqlite3_finalize(up);
	sqlite3_finalize(curated);
	sqlite3_finalize(fill);
	rc = store_import_end(st, rc, *changed > 0, "ipeds_source", src->id, err);
	if (rc < 0)
		*changed = *kept = 0;
	return rc;
}

static const char upsert_program_sql[] =
	"INSERT INTO program(id, institution_num, name, careers, career_name, credential, months, schedule, accreditor,"
	" status, admission, cost_usd, clinical_hours, exam_pass_pct, completion_pct, placement_pct, outcomes_year,"
	" campus_unknown, note, as_of, sources, origin, cip, prerequisites)"
	" VALUES((?1), (SELECT num FROM institution WHERE id = ?2), ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,"
	" ?15, ?16, ?17, 0, NULL, ?18, ?19, ?20, ?21, ?22)"
	" ON CONFLICT(id) DO UPDATE SET institution_num = excluded.institution_num, name = ?3, careers = ?4,"
	" career_name = ?5, credential = ?6, months = ?7, schedule = ?8, accreditor = ?9, status = ?10, admission = ?11,"
	" cost_usd = ?12, clinical_hours = ?13, exam_pass_pct = ?14, completion_pct = ?15, placement_pct = ?16,"
	" outcomes_year = ?17, as_of = ?18, sources = ?19, cip = ?21, prerequisites = ?22"
	" WHERE origin = ?20 AND (institution_num, name, careers, career_name, credential, months, schedule, accreditor,"
	" status, admission, cost_usd, clinical_hours, exam_pass_pct, completion_pct, placement_pct, outcomes_year,"
	" as_of, sources, cip, prerequisites) IS NOT (excluded.institution_num, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,"
	" ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?21, ?22)";

static int upsert_program(struct store *st, sqlite3_stmt *q, const char *origin, const char *institution_id,
			  const struct program *p, size_t *changed, struct diag *err)
{
	store_bind_text(q, 1, p->id);
	store_bind_text(q, 2, institution_id);
	int k = store_bind_program(q, 3, p);
	store_bind_text(q, k++, p->as_of);
	store_bind_joined(q, k++, &p->sources);
	store_bind_text(q, k++, origin);
	store_bind_text(q, k++, p->cip);
	store_bind_text(q, k++, p->prerequisites);
	int rc = store_step_done(st, q, err, "cannot store a program");
	*changed += (size_t)sqlite3_changes(st->db);
	return rc;
}

/*
 * The join table program_career follows program.careers: remove the pairs of the program's
 * old careers (by the table's key: it has no index on program_num alone), then add the new.
 */
static int put_program_careers(struct store *st, const char *id, const struct strvec *careers, struct diag *err)
{
	struct strvec old;
	sqlite3_stmt *del = NULL, *add = NULL;
	int rc;

	strvec_init(&old);
	rc = column_strings(st, "SELECT value FROM program p, json_each('[\"' || replace(p.careers, ' ', '\",\"') || '\"]')"
			    " WHERE p.id = ?1 AND p.careers != ''", id, &old, err);
	if (rc == 0)
		rc = store_prepare(st, "DELETE FROM program_career WHERE career_id = ?2"
				   " AND program_num = (SELECT num FROM program WHERE id = ?1)", &del, err);
	if (rc == 0)
		rc = store_prepare(st, "INSERT OR IGNORE INTO program_career SELECT ?2, num FROM program WHERE id = ?1", &add, err);
	for (size_t c = 0; rc == 0 && c < old.n; c++) {
		store_bind_text(del, 1, id);
		store_bind_text(del, 2, old.v[c]);
		rc = store_step_done(st, del, err, "cannot remove a program's career");
	}
	for (size_t c = 0; rc == 0 && careers && c < careers->n; c++) {
		store_bind_text(add, 1, id);
		store_bind_text(add, 2, careers->v[c]);
		rc = store_step_done(st, add, err, "cannot store a program's career");
	}
	sqlite3_finalize(del);
	sqlite3_finalize(add);
	strvec_release(&old);
	return rc;
}

int store_import_programs(struct store *st, const char *origin, const struct institution *v, size_t n,
			  const struct source *sources, size_t *changed, struct diag *err)
{
	sqlite3_stmt *inst = NULL, *prog = NULL;
	struct strvec old_programs, old_schools, new_programs, new_schools;
	size_t k = 0;
	int rc;

	*changed = 0;
	strvec_init(&old_programs);
	strvec_init(&old_schools);
	strvec_init(&new_programs);
	strvec_init(&new_schools);
	if ((rc = store_import_begin(st, err)) < 0)
		return rc;
	rc = column_strings(st, "SELECT id FROM program WHERE origin = ?1", origin, &old_programs, err);
	if (rc == 0)
		rc = column_strings(st, "SELECT id FROM institution WHERE origin = ?1", origin, &old_schools, err);
	if (rc == 0)
		rc = store_prepare(st, upsert_institution_sql, &inst, err);
	if (rc == 0)
		rc = store_prepare(st, upsert_program_sql, &prog, err);
	for (size_t i = 0; rc == 0 && i < n; i++) {
		const struct institution *in = &v[i];
		if (in->origin && strcmp(in->origin, origin) == 0) {
			rc = upsert_institution(st, inst, in, changed, err);
			strvec_push(&new_schools, in->id);
		}
		for (size_t j = 0; rc == 0 && j < in->n_programs; j++, k++) {
			rc = store_put_source(st, &sources[k], changed, err);
			if (rc == 0)
				rc = put_program_careers(st, in->programs[j].id, NULL, err);
			if (rc == 0)
				rc = upsert_program(st, prog, origin, in->id, &in->programs[j], changed, err);
			if (rc == 0)
				rc = put_program_careers(st, in->programs[j].id, &in->programs[j].careers, err);
			strvec_push(&new_programs, in->programs[j].id);
		}
	}
	sqlite3_finalize(inst);
	sqlite3_finalize(prog);
	for (size_t i = 0; rc == 0 && i < old_programs.n; i++) {
		const char *id = old_programs.v[i];
		if (strvec_contains(&new_programs, id))
			continue;
		char *source_id = xasprintf("import-%s", id);
		rc = put_program_careers(st, id, NULL, err);
		if (rc == 0)
			rc = exec_key(st, "DELETE FROM program WHERE id = ?1", id, changed, err);
		if (rc == 0)
			rc = exec_key(st, "DELETE FROM source WHERE id = ?1", source_id, changed, err);
		free(source_id);
	}
	for (size_t i = 0; rc == 0 && i < old_schools.n; i++)
		if (!strvec_contains(&new_schools, old_schools.v[i]))
			rc = exec_key(st, "DELETE FROM institution WHERE id = ?1 AND num NOT IN (SELECT institution_num FROM program)",
				      old_schools.v[i], changed, err);
	strvec_release(&old_programs);
	strvec_release(&old_schools);
	strvec_release(&new_programs);
	strvec_release(&new_schools);
	rc = store_import_end(st, rc, *changed > 0, NULL, NULL, err);
	if (rc < 0)
		*changed = 0;
	return rc;
}

int store_find_institution(struct store *st, const char *id, int64_t unitid, char **id_out, char **origin,
			   struct diag *err)
{
	sqlite3_stmt *q = NULL;
	int rc = store_prepare(st, id ? "SELECT id, origin FROM institution WHERE id = ?1"
			       : "SELECT id, origin FROM institution WHERE ipeds_unitid = ?1 ORDER BY origin != 'curated', num", &q, err);
	if (rc < 0)
		return rc;
	if (id)
		store_bind_text(q, 1, id);
	else
		sqlite3_bind_int64(q, 1, unitid);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		*id_out = store_col_str(q, 0);
		*origin = store_col_str(q, 1);
		rc = 0;
	} else {
		rc = rc == SQLITE_DONE ? ALLIED_ENOTFOUND : store_fail(st, err, "cannot read institutions");
	}
	sqlite3_finalize(q);
	return rc;
}

int store_program_origin(struct store *st, const char *id, char **origin, struct diag *err)
{
	sqlite3_stmt *q;
	int rc = store_one_row(st, "SELECT origin FROM program WHERE id = ?", id, &q, "cannot read programs", err);
	if (rc <= 0)
		return rc == 0 ? ALLIED_ENOTFOUND : rc;
	*origin = store_col_str(q, 0);
	sqlite3_finalize(q);
	return 0;
}

int store_accreditor_ids(struct store *st, struct strvec *out, struct diag *err)
{
	return column_strings(st, "SELECT id FROM accreditor WHERE kind = 0 AND ?1 IS NOT NULL ORDER BY id", "", out, err);
}

int store_cip_careers(struct store *st, const char *cip, struct strvec *out, struct diag *err)
{
	sqlite3_stmt *q;
	int rc = store_one_row(st, "SELECT 1 FROM cip WHERE cip = ?", cip, &q, "cannot read CIP codes", err);
	if (rc <= 0)
		return rc == 0 ? ALLIED_ENOTFOUND : rc;
	sqlite3_finalize(q);
	return column_strings(st, "SELECT DISTINCT c.id FROM cip_soc x JOIN career c ON c.soc = x.soc WHERE x.cip = ?1"
			      " ORDER BY c.id", cip, out, err);
}
