/*
 * store-import: the transaction frame of every import, and the ZIP centroids (store.h).
 */
#include "store.h"
#include "store-internal.h"

#include <stdio.h>
#include <stdlib.h>

int store_import_begin(struct store *st, struct diag *err)
{
	return store_exec(st, "BEGIN IMMEDIATE;", err);
}

int store_import_end(struct store *st, int rc, bool changed, const char *source_key, const char *source,
		     struct diag *err)
{
	char *imports = NULL, count[32];

	if (rc == 0 && changed) {
		rc = store_meta_get(st, "imports", &imports, err);
		snprintf(count, sizeof(count), "%ld", (imports ? atol(imports) : 0) + 1);
		if (rc == 0)
			rc = store_meta_set(st, "imports", count, err);
		if (rc == 0 && source_key)
			rc = store_meta_set(st, source_key, source, err);
		free(imports);
	}
	if (rc == 0)
		rc = store_exec(st, "COMMIT;", err);
	if (rc < 0) {
		struct diag ignore;
		diag_init(&ignore);
		store_exec(st, "ROLLBACK;", &ignore);
	}
	return rc;
}

int store_import_zips(struct store *st, const struct zip_table *z, const char *source, size_t *changed,
		      struct diag *err)
{
	sqlite3_stmt *q = NULL;
	int rc;

	*changed = 0;
	if ((rc = store_import_begin(st, err)) < 0)
		return rc;
	rc = store_prepare(st, "INSERT INTO zip VALUES(?1, ?2, ?3) ON CONFLICT(zip) DO UPDATE SET latitude = ?2,"
			   " longitude = ?3 WHERE latitude != ?2 OR longitude != ?3", &q, err);
	for (size_t i = 0; rc == 0 && i < z->n; i++) {
		sqlite3_bind_text(q, 1, z->v[i].zip, 5, SQLITE_STATIC);
		sqlite3_bind_double(q, 2, z->v[i].lat);
		sqlite3_bind_double(q, 3, z->v[i].lon);
		rc = store_step_done(st, q, err, "cannot store a ZIP centroid");
		*changed += (size_t)sqlite3_changes(st->db);
	}
	sqlite3_finalize(q);
	rc = store_import_end(st, rc, *changed > 0, "zips_source", source, err);
	if (rc < 0)
		*changed = 0;
	return rc;
}
