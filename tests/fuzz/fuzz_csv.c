/*
 * fuzz_csv: comma-separated files (src/csvfile.c, over libcsv) and the importers built on them,
 * each as a dry run (which writes nothing) on a database opened read-only.
 *
 * The first byte picks what the rest is: 0 the IPEDS HD directory (import_ipeds_hd), 1 the
 * CIP-SOC crosswalk alone, 2 the CIP code list beside a small fixed crosswalk
 * (import_cip_soc), 3 a school's program file as CSV and 4 as JSON (import_programs; so the
 * JSON form needs no target of its own). Bit 0x80 also reads the bytes with lenient_end set.
 * Whatever the choice, the bytes are first read record by record, checking what csvfile.h
 * promises of each record.
 */
#include "csvfile.h"
#include "fuzz.h"
#include "import.h"

#include <assert.h>

static void read_all(const char *data, size_t len, bool lenient)
{
	static const char *const cols[] = { "UNITID", "CIP2020Code", "program" };
	struct csvfile c;
	struct diag err;
	size_t idx[3], last_line = 0;
	int rc;

	diag_init(&err);
	csvfile_init(&c, "fuzz.csv", data, len);
	c.lenient_end = lenient;
	while ((rc = csvfile_next(&c, &err)) > 0) {
		assert(c.n_fields >= 1);
		assert(c.line >= last_line);	/* a lone CR ends a record but not a line */
		last_line = c.line;
		assert(!c.unterminated || lenient);
		for (size_t i = 0; i < c.n_fields; i++) {
			assert(c.field[i] != NULL);
			assert(c.field_line[i] >= c.line);
			assert(c.column[i] >= 1);
			assert(i == 0 || c.field_line[i] > c.field_line[i - 1] || c.column[i] > c.column[i - 1]);
		}
		assert(csvfile_offset(&c) <= len);
		if (csvfile_columns(&c, cols, 3, idx, &err) == 0)
			assert(idx[0] < c.n_fields && idx[1] < c.n_fields && idx[2] < c.n_fields);
		diag_init(&err);
	}
	assert(rc == 0 || (rc == ALLIED_EINVAL && strncmp(err.msg, "fuzz.csv:", 9) == 0));
	assert(csvfile_next(&c, &err) == 0);	/* after the end or an error: 0 */
	csvfile_release(&c);
}

/* A crosswalk with the codes the code list is checked against. */
static const char crosswalk[] =
	"CIP2020Code,CIP2020Title,SOC2018Code,SOC2018Title\n"
	"51.0801,Medical/Clinical Assistant.,31-9092,Medical Assistants\n"
	"51.0602,Dental Hygiene/Hygienist.,29-1292,Dental Hygienists\n"
	"51.9999,\"Health Professions and Related Clinical Sciences, Other.\",99-9999,NO MATCH\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct store *st = fuzz_store();
	struct import_options opt = { .dry_run = true };
	struct import_result res;
	struct diag err;
	int rc;

	if (size < 1)
		return 0;
	const char *text = (const char *)data + 1;
	size_t len = size - 1;
	read_all(text, len, false);
	if (data[0] & 0x80)
		read_all(text, len, true);
	diag_init(&err);
	memset(&res, 0xa5, sizeof(res));
	switch (data[0] & 0x7f) {
	case 0:
		rc = import_ipeds_hd(st, "fuzz.csv", text, len, &opt, &res, &err);
		break;
	case 1:
		rc = import_cip_soc(st, "fuzz.csv", text, len, NULL, NULL, 0, &opt, &res, &err);
		break;
	case 2:
		rc = import_cip_soc(st, "walk.csv", crosswalk, sizeof(crosswalk) - 1, "fuzz.csv", text, len, &opt,
				    &res, &err);
		break;
	case 3:
		rc = import_programs(st, "fuzz.csv", text, len, &opt, &res, &err);
		break;
	case 4:
		rc = import_programs(st, "fuzz.json", text, len, &opt, &res, &err);
		break;
	default:
		return 0;
	}
	/* a bad file is ALLIED_EINVAL with a message; nothing else, and nothing written */
	assert(rc == 0 || (rc == ALLIED_EINVAL && err.msg[0]));
	assert(rc != 0 || res.rows > 0);
	assert(res.changed == 0);
	return 0;
}
