/*
 * fuzz_tsv: tab-separated files (src/tsv.c) and the ZCTA gazetteer importer on top of them.
 *
 * The input is a whole file. It is read line by line, checking what tsv.h promises of every
 * line read, then given to import_zcta as a dry run (which writes nothing) on a database
 * opened read-only.
 */
#include "fuzz.h"
#include "import.h"
#include "tsv.h"

#include <assert.h>

static void read_all(const char *data, size_t len)
{
	static const char *const cols[] = { "GEOID", "INTPTLAT", "INTPTLONG" };
	struct tsv t;
	struct diag err;
	size_t idx[3];
	int rc;

	diag_init(&err);
	tsv_init(&t, "fuzz.txt", data, len);
	while ((rc = tsv_next(&t, &err)) > 0) {
		assert(t.n_fields >= 1 && t.n_fields <= TSV_MAX_FIELDS);
		for (size_t i = 0; i < t.n_fields; i++) {
			assert(!strchr(t.field[i], '\t') && !strchr(t.field[i], '\n'));
			assert(t.field[i] >= t.buf && t.field[i] < t.buf + t.cap);
			assert(i == 0 || t.column[i] > t.column[i - 1]);
		}
		if (t.line == 1 && tsv_columns(&t, cols, 3, idx, &err) == 0)
			assert(idx[0] < t.n_fields && idx[1] < t.n_fields && idx[2] < t.n_fields);
	}
	assert(rc == 0 || (rc == ALLIED_EINVAL && strncmp(err.msg, "fuzz.txt:", 9) == 0));
	tsv_release(&t);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct store *st = fuzz_store();
	struct import_options opt = { .dry_run = true };
	struct import_result res;
	struct diag err;

	read_all((const char *)data, size);
	diag_init(&err);
	int rc = import_zcta(st, "fuzz.txt", (const char *)data, size, &opt, &res, &err);
	assert(rc == 0 || rc == ALLIED_EINVAL);
	assert(rc != 0 || res.rows > 0);
	assert(res.changed == 0);
	return 0;
}
