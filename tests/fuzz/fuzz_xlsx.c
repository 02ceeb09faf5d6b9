/*
 * fuzz_xlsx: .xlsx workbooks (src/xlsx.c, over libzip and expat) and the BLS importers built on
 * them (import_oews, import_projections) as dry runs on a database opened read-only.
 *
 * The first byte picks the form of the rest and what it is given to. Bit 0x04 set: the rest is
 * the workbook's own bytes (a zip). Bit 0x04 clear: the rest is XML parts separated by NUL
 * bytes, zipped here (stored, so mutations reach expat instead of failing a checksum) as
 * xl/workbook.xml, xl/_rels/workbook.xml.rels, xl/sharedStrings.xml, xl/worksheets/sheet1.xml
 * and xl/worksheets/sheet2.xml, in that order; parts not given are absent. The low two bits:
 * 0 or 3 read every sheet, checking each row against what xlsx.h promises; 1 import_oews
 * (named national_M2024_dl.xlsx, so the release is known); 2 import_projections.
 */
#include "fuzz.h"
#include "import.h"
#include "xlsx.h"

#include <assert.h>
#include <zip.h>

static const char *const part_names[] = {
	"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/sharedStrings.xml", "xl/worksheets/sheet1.xml",
	"xl/worksheets/sheet2.xml",
};
#define N_PARTS (sizeof(part_names) / sizeof(part_names[0]))

static void zip_check(bool ok, const char *what)
{
	if (!ok)
		fuzz_die(what, NULL);
}

/* The parts in data/len (NUL-separated) as a zip, malloc'ed into *out_len bytes. */
static char *make_zip(const uint8_t *data, size_t len, size_t *out_len)
{
	zip_error_t ze;
	zip_source_t *src;
	zip_t *z;
	char *out;
	size_t at = 0;

	zip_error_init(&ze);
	src = zip_source_buffer_create(NULL, 0, 0, &ze);
	zip_check(src != NULL, "zip_source_buffer_create");
	z = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
	zip_check(z != NULL, "zip_open_from_source");
	zip_source_keep(src);
	for (size_t p = 0; p < N_PARTS && at <= len; p++) {
		const uint8_t *nul = at < len ? memchr(data + at, '\0', len - at) : NULL;
		size_t n = nul ? (size_t)(nul - (data + at)) : len - at;
		zip_source_t *s = zip_source_buffer(z, data + at, n, 0);
		zip_int64_t k;
		zip_check(s != NULL, "zip_source_buffer");
		k = zip_file_add(z, part_names[p], s, ZIP_FL_ENC_UTF_8);
		zip_check(k >= 0, "zip_file_add");
		zip_check(zip_set_file_compression(z, (zip_uint64_t)k, ZIP_CM_STORE, 0) == 0, "zip_set_file_compression");
		at += n + 1;
	}
	zip_check(zip_close(z) == 0, "zip_close");
	zip_check(zip_source_open(src) == 0, "zip_source_open");
	zip_check(zip_source_seek(src, 0, SEEK_END) == 0, "zip_source_seek");
	*out_len = (size_t)zip_source_tell(src);
	zip_check(zip_source_seek(src, 0, SEEK_SET) == 0, "zip_source_seek");
	out = xmalloc(*out_len ? *out_len : 1);
	zip_check(zip_source_read(src, out, *out_len) == (zip_int64_t)*out_len, "zip_source_read");
	zip_source_close(src);
	zip_source_free(src);
	zip_error_fini(&ze);
	return out;
}

struct check {
	size_t last_row;
};

static int check_row(void *ctx, const struct xlsx_row *row, struct diag *err)
{
	struct check *c = ctx;
	char name[XLSX_COLUMN_NAME_MAX];
	(void)err;
	assert(row->row > c->last_row && row->row <= XLSX_MAX_ROWS);
	c->last_row = row->row;
	assert(row->n_cells >= 1 && row->n_cells <= XLSX_MAX_COLUMNS);
	for (size_t i = 0; i < row->n_cells; i++) {
		assert(row->cell[i] != NULL);
		assert(strlen(row->cell[i]) <= XLSX_MAX_CELL_BYTES);
	}
	assert(row->cell[row->n_cells - 1][0] != '\0');
	xlsx_column_name(row->n_cells, name);
	assert(name[0] >= 'A' && name[0] <= 'Z' && strlen(name) <= 3);
	return 0;
}

static void read_all(const char *data, size_t len)
{
	struct xlsx *x;
	struct diag err;

	diag_init(&err);
	if (xlsx_open("fuzz.xlsx", data, len, &x, &err) != 0) {
		assert(x == NULL && strncmp(err.msg, "fuzz.xlsx: ", 11) == 0);
		return;
	}
	assert(xlsx_sheet_count(x) >= 1);
	for (size_t i = 0; i < xlsx_sheet_count(x); i++) {
		struct check c = { 0 };
		int k = xlsx_sheet_index(x, xlsx_sheet_name(x, i));
		assert(k >= 0 && (size_t)k <= i);
		diag_init(&err);
		int rc = xlsx_read_sheet(x, i, check_row, &c, &err);
		assert(rc == 0 || (rc == ALLIED_EINVAL && strncmp(err.msg, "fuzz.xlsx: ", 11) == 0));
	}
	xlsx_free(x);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct store *st = fuzz_store();
	struct import_options opt = { .dry_run = true };
	struct import_result res;
	struct diag err;
	char *zip = NULL;
	const char *bytes;
	size_t len;
	int rc = 0;

	if (size < 1)
		return 0;
	if (data[0] & 0x04) {
		bytes = (const char *)data + 1;
		len = size - 1;
	} else {
		bytes = zip = make_zip(data + 1, size - 1, &len);
	}
	diag_init(&err);
	memset(&res, 0xa5, sizeof(res));
	switch (data[0] & 0x03) {
	case 1:
		rc = import_oews(st, "national_M2024_dl.xlsx", bytes, len, &opt, &res, &err);
		break;
	case 2:
		rc = import_projections(st, "occupation.xlsx", bytes, len, &opt, &res, &err);
		break;
	default:
		read_all(bytes, len);
		res.rows = 1, res.changed = 0;
		break;
	}
	/* a bad workbook is ALLIED_EINVAL with a message; nothing else, and nothing written */
	assert(rc == 0 || (rc == ALLIED_EINVAL && err.msg[0]));
	assert(rc != 0 || res.rows > 0);
	assert(res.changed == 0);
	free(zip);
	return 0;
}
