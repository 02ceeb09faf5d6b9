/*
 * Unit tests for xlsx (workbooks built here with libzip) and the BLS importers (import_oews,
 * import_projections) on a real database built from data/.
 */
#include "testutil.h"
#include "buf.h"
#include "import.h"
#include "xlsx.h"

#include <math.h>
#include <sqlite3.h>
#include <zip.h>

struct part {
	const char *name, *text;
};

/* A zip of these parts (NULL-ended), malloc'ed into *len bytes. */
static char *make_zip(const struct part *parts, size_t *len)
{
	zip_error_t ze;
	zip_source_t *src;
	zip_t *z;
	char *out;

	zip_error_init(&ze);
	src = zip_source_buffer_create(NULL, 0, 0, &ze);
	assert_non_null(src);
	z = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
	assert_non_null(z);
	zip_source_keep(src);
	for (const struct part *p = parts; p->name; p++) {
		zip_source_t *s = zip_source_buffer(z, p->text, strlen(p->text), 0);
		assert_non_null(s);
		assert_true(zip_file_add(z, p->name, s, ZIP_FL_ENC_UTF_8) >= 0);
	}
	assert_int_equal(zip_close(z), 0);
	assert_int_equal(zip_source_open(src), 0);
	assert_int_equal(zip_source_seek(src, 0, SEEK_END), 0);
	*len = (size_t)zip_source_tell(src);
	assert_int_equal(zip_source_seek(src, 0, SEEK_SET), 0);
	out = malloc(*len ? *len : 1);
	assert_int_equal(zip_source_read(src, out, *len), (zip_int64_t)*len);
	zip_source_close(src);
	zip_source_free(src);
	zip_error_fini(&ze);
	return out;
}

#define NS "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
#define RNS "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
#define REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

static const char workbook[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook " NS " " RNS "><sheets>"
	"<sheet name=\"Data\" sheetId=\"1\" r:id=\"rId1\"/><sheet name=\"Other &amp; more\" sheetId=\"2\" r:id=\"rId2\"/>"
	"</sheets></workbook>";
static const char rels[] =
	"<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	"<Relationship Id=\"rId2\" Type=\"" REL "worksheet\" Target=\"/xl/worksheets/other.xml\"/>"
	"<Relationship Id=\"rId1\" Type=\"" REL "worksheet\" Target=\"worksheets/sheet1.xml\"/>"
	"<Relationship Id=\"rId3\" Type=\"" REL "sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>";
static const char rels_no_strings[] =
	"<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	"<Relationship Id=\"rId2\" Type=\"" REL "worksheet\" Target=\"/xl/worksheets/other.xml\"/>"
	"<Relationship Id=\"rId1\" Type=\"" REL "worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>";
static const char strings[] =
	"<sst " NS "><si><t>plain</t></si><si><r><rPr><b/></rPr><t>rich </t></r><r><t xml:space=\"preserve\">text</t></r>"
	"<rPh sb=\"0\" eb=\"1\"><t>PHONETIC</t></rPh></si><si><t>caf\xc3\xa9 &lt;1&gt;</t></si></sst>";
/* gaps, every cell type, a formula, an empty row, a row and cells without references */
static const char sheet1[] =
	"<worksheet " NS "><dimension ref=\"A1:E5\"/><sheetData>"
	"<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"C1\" t=\"s\"><v>1</v></c><c r=\"D1\" s=\"3\"/></row>"
	"<row r=\"2\"><c r=\"B2\" t=\"inlineStr\"><is><t>in</t><r><t>line</t></r></is></c><c r=\"C2\"><v>8.1999999999999993</v></c>"
	"<c r=\"D2\" t=\"b\"><v>1</v></c><c r=\"E2\" t=\"str\"><f>A1</f><v>formula</v></c></row>"
	"<row r=\"3\"><c r=\"A3\" s=\"1\"/></row>"
	"<row r=\"5\"><c t=\"s\"><v>2</v></c><c t=\"n\"><v>-3</v></c></row>"
	"<row><c r=\"A6\" t=\"e\"><v>#N/A</v></c></row>"
	"</sheetData></worksheet>";
static const char other[] = "<worksheet " NS "><sheetData/></worksheet>";

/* The rows of a sheet as text: "ROW:cell|cell|...;" each. */
static int collect(void *ctx, const struct xlsx_row *r, struct diag *err)
{
	struct buf *b = ctx;
	(void)err;
	buf_addf(b, "%zu:", r->row);
	for (size_t i = 0; i < r->n_cells; i++)
		buf_addf(b, "%s%s", i ? "|" : "", r->cell[i]);
	buf_adds(b, ";");
	return 0;
}

/* Open data/len and read sheet 0 into *out; returns the status, err says why. */
static int read_all(const char *data, size_t len, struct buf *out, struct diag *err)
{
	struct xlsx *x;
	int rc = xlsx_open("t.xlsx", data, len, &x, err);
	if (rc == 0)
		rc = xlsx_read_sheet(x, 0, collect, out, err);
	xlsx_free(x);
	return rc;
}

static const char want_cells[] = "1:plain||rich text;2:|inline|8.1999999999999993|TRUE|formula;5:caf\xc3\xa9 <1>|-3;6:#N/A;";

static void test_xlsx_cells(void **state)
{
	(void)state;
	const struct part parts[] = { { "xl/workbook.xml", workbook }, { "xl/_rels/workbook.xml.rels", rels },
				      { "xl/sharedStrings.xml", strings }, { "xl/worksheets/sheet1.xml", sheet1 },
				      { "xl/worksheets/other.xml", other }, { NULL, NULL } };
	struct xlsx *x;
	struct diag err;
	struct buf b;
	size_t len;
	char *data = make_zip(parts, &len), col[XLSX_COLUMN_NAME_MAX];

	diag_init(&err);
	buf_init(&b, 0);
	assert_int_equal(xlsx_open("t.xlsx", data, len, &x, &err), 0);
	assert_int_equal(xlsx_sheet_count(x), 2);
	assert_string_equal(xlsx_sheet_name(x, 1), "Other & more");
	assert_int_equal(xlsx_sheet_index(x, "Other & more"), 1);
	assert_int_equal(xlsx_sheet_index(x, "Nope"), -1);
	assert_int_equal(xlsx_read_sheet(x, 0, collect, &b, &err), 0);
	assert_string_equal(b.data, want_cells);
	buf_reset(&b);
	assert_int_equal(xlsx_read_sheet(x, 1, collect, &b, &err), 0);	/* an absolute target, no rows */
	assert_string_equal(b.data, "");
	xlsx_free(x);
	xlsx_column_name(1, col);
	assert_string_equal(col, "A");
	xlsx_column_name(26, col);
	assert_string_equal(col, "Z");
	xlsx_column_name(27, col);
	assert_string_equal(col, "AA");
	xlsx_column_name(XLSX_MAX_COLUMNS, col);
	assert_string_equal(col, "AMJ");

	/* every prefix is refused (the zip directory is at the end) or read whole */
	for (size_t n = 0; n < len; n++) {
		buf_reset(&b);
		diag_init(&err);
		int rc = read_all(data, n, &b, &err);
		if (rc == 0 && strcmp(b.data, want_cells) != 0)
			fail_msg("prefix %zu: a partial result '%s'", n, b.data);
		if (rc != 0 && !strstr(err.msg, "t.xlsx: "))
			fail_msg("prefix %zu: the message does not name the file: %s", n, err.msg);
	}
	/* every single changed byte: an error or a result, never a crash */
	for (size_t n = 0; n < len; n++) {
		char saved = data[n];
		data[n] ^= 0x5a;
		buf_reset(&b);
		diag_init(&err);
		if (read_all(data, len, &b, &err) != 0)
			assert_true(err.msg[0] != '\0');
		data[n] = saved;
	}
	buf_release(&b);
	free(data);
}

/* Read a workbook whose sheet1 is sheet (and with or without shared strings); the status. */
static int read_sheet_text(const char *sheet, bool with_strings, struct buf *b, struct diag *err)
{
	const struct part parts[] = { { "xl/workbook.xml", workbook },
				      { "xl/_rels/workbook.xml.rels", with_strings ? rels : rels_no_strings },
				      { "xl/worksheets/sheet1.xml", sheet }, { "xl/worksheets/other.xml", other },
				      { with_strings ? "xl/sharedStrings.xml" : NULL, strings }, { NULL, NULL } };
	size_t len;
	char *data = make_zip(parts, &len);
	diag_init(err);
	buf_reset(b);
	int rc = read_all(data, len, b, err);
	free(data);
	return rc;
}

static void test_xlsx_damage(void **state)
{
	(void)state;
	static const struct {
		const char *sheet, *want;
	} cases[] = {
		{ "<worksheet " NS "><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row></sheetData></worksheet>",
		  "t.xlsx: xl/worksheets/sheet1.xml:1:" },
		{ "<worksheet " NS "><sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></row></sheetData></worksheet>",
		  "XML error: mismatched tag" },
		{ "<!DOCTYPE x [<!ENTITY a \"aaaa\">]><worksheet " NS "/>", "a DTD is not allowed" },
		{ "<worksheet " NS "><sheetData><row r=\"2\"/><row r=\"1\"/></sheetData></worksheet>",
		  "row 1 comes after row 2" },
		{ "<worksheet " NS "><sheetData><row r=\"1\"><c r=\"B1\"><v>1</v></c><c r=\"A1\"><v>2</v></c></row></sheetData></worksheet>",
		  "cell A1 comes after column B of its row" },
		{ "<worksheet " NS "><sheetData><row r=\"1\"><c r=\"AMK1\"><v>1</v></c></row></sheetData></worksheet>",
		  "a cell beyond the last column allied reads (1024) in row 1" },
		{ "<worksheet " NS "><sheetData><row r=\"1\"><c r=\"A2\"><v>1</v></c></row></sheetData></worksheet>",
		  "cell A2 is in row 1" },
		{ "<worksheet " NS "><sheetData><row r=\"1\"><c r=\"A1\" t=\"q\"><v>1</v></c></row></sheetData></worksheet>",
		  "unknown cell type 'q'" },
		{ "<worksheet " NS "><sheetData><row r=\"1\"><c r=\"A1\" t=\"b\"><v>2</v></c></row></sheetData></worksheet>",
		  "boolean '2' is not 0 or 1" },
		{ "<worksheet " NS "><sheetData><row r=\"1048577\"/></sheetData></worksheet>",
		  "row number '1048577' is not one from 1 to 1048576" },
	};
	struct diag err;
	struct buf b;

	buf_init(&b, 0);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (read_sheet_text(cases[i].sheet, i != 0, &b, &err) != ALLIED_EINVAL)
			fail_msg("case %zu was read: %s", i, b.data);
		assert_contains(err.msg, cases[i].want);
	}
	/* case 0 again, with shared strings: it reads */
	assert_int_equal(read_sheet_text(cases[0].sheet, true, &b, &err), 0);
	assert_string_equal(b.data, "1:plain;");
	/* a missing sharedStrings part is fine for a sheet of inline strings */
	assert_int_equal(read_sheet_text("<worksheet " NS "><sheetData><row><c t=\"inlineStr\"><is><t>x</t></is></c></row>"
					 "</sheetData></worksheet>", false, &b, &err), 0);
	assert_string_equal(b.data, "1:x;");
	/* a corrupt zip, and a zip that is not a workbook */
	assert_int_equal(read_all("PK\x03\x04 not really", 16, &b, &err), ALLIED_EINVAL);
	assert_contains(err.msg, "t.xlsx: not an xlsx workbook (zip: ");
	const struct part not_book[] = { { "word/document.xml", "<w/>" }, { NULL, NULL } };
	size_t len;
	char *data = make_zip(not_book, &len);
	diag_init(&err);
	assert_int_equal(read_all(data, len, &b, &err), ALLIED_EINVAL);
	assert_contains(err.msg, "t.xlsx: not an xlsx workbook (it has no part 'xl/workbook.xml')");
	free(data);
	buf_release(&b);
}

/* ---- the importers ---- */

/* A one-sheet workbook of inline strings: rows separated by '\n', cells by '\t' (an empty cell is a gap). */
static char *make_book(const char *sheet_name, const char *table, size_t *len)
{
	struct buf wb, ws;
	size_t row = 0;
	buf_init(&wb, 0);
	buf_init(&ws, 0);
	buf_addf(&wb, "<workbook " NS " " RNS "><sheets><sheet name=\"%s\" sheetId=\"1\" r:id=\"rId1\"/>"
		 "<sheet name=\"Notes\" sheetId=\"2\" r:id=\"rId2\"/></sheets></workbook>", sheet_name);
	buf_adds(&ws, "<worksheet " NS "><sheetData>");
	for (const char *line = table; *line;) {
		const char *end = strchr(line, '\n');
		size_t col = 0;
		buf_addf(&ws, "<row r=\"%zu\">", ++row);
		for (const char *cell = line; cell <= end;) {
			const char *stop = memchr(cell, '\t', (size_t)(end - cell));
			if (!stop)
				stop = end;
			col++;
			if (stop > cell) {
				char name[XLSX_COLUMN_NAME_MAX];
				xlsx_column_name(col, name);
				buf_addf(&ws, "<c r=\"%s%zu\" t=\"inlineStr\"><is><t>%.*s</t></is></c>", name, row,
					 (int)(stop - cell), cell);
			}
			cell = stop + 1;
		}
		buf_adds(&ws, "</row>");
		line = end + 1;
	}
	buf_adds(&ws, "</sheetData></worksheet>");
	const struct part parts[] = { { "xl/workbook.xml", wb.data }, { "xl/_rels/workbook.xml.rels", rels_no_strings },
				      { "xl/worksheets/sheet1.xml", ws.data }, { "xl/worksheets/other.xml", other },
				      { NULL, NULL } };
	char *data = make_zip(parts, len);
	buf_release(&wb);
	buf_release(&ws);
	return data;
}

static const char oews_header[] =
	"AREA_TYPE\tOCC_CODE\tOCC_TITLE\tO_GROUP\tTOT_EMP\tA_MEAN\tA_PCT10\tA_PCT25\tA_MEDIAN\tA_PCT75\tA_PCT90\n";
/* a national file of a made-up release: a state row to skip, a broad and detailed twin, a capped p90 */
static const char oews_good[] =
	"1\t00-0000\tAll Occupations\ttotal\t1000\t50000\t20000\t30000\t40000\t60000\t90000\n"
	"2\t31-9092\tMedical Assistants (a state row)\tdetailed\t10\t1\t1\t1\t1\t1\t1\n"
	"1\t31-9092\t Medical Assistants \tdetailed\t800000\t45000\t35000\t37000\t44444\t48000\t#\n"
	"1\t29-2010\tClinical Laboratory Technologists and Technicians\tbroad\t**\t*\t*\t*\t*\t*\t*\n"
	"1\t29-2010\tClinical Laboratory Technologists and Technicians\tdetailed\t**\t*\t*\t*\t*\t*\t*\n";

static sqlite3 *db_of(const char *path)
{
	sqlite3 *db;
	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	return db;
}

static long long query_int(const char *path, const char *sql)
{
	sqlite3 *db = db_of(path);
	sqlite3_stmt *q;
	long long v = -1;
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &q, NULL), SQLITE_OK);
	if (sqlite3_step(q) == SQLITE_ROW)
		v = sqlite3_column_type(q, 0) == SQLITE_NULL ? -2 : sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	sqlite3_close(db);
	return v;
}

struct fixture {
	char *dir, path[512];
	struct store *st;
};

static struct fixture *fixture_new(void)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct diag err;
	diag_init(&err);
	f->dir = tu_tmpdir();
	snprintf(f->path, sizeof(f->path), "%s/allied.db", f->dir);
	assert_int_equal(tu_build_db(f->path), 0);
	if (store_open(f->path, STORE_READ_WRITE, &f->st, &err) != 0)
		fail_msg("setup: %s", err.msg);
	return f;
}

static void fixture_free(struct fixture *f)
{
	store_close(f->st);
	tu_rmdir(f->dir);
	free(f);
}

typedef int (*importer)(struct store *st, const char *name, const char *data, size_t len,
			const struct import_options *opt, struct import_result *res, struct diag *err);

/* Import table as a one-sheet workbook; returns the status, err and res filled. */
static int import_table(struct fixture *f, importer fn, const char *sheet, const char *table, bool dry,
			struct import_result *res, struct diag *err)
{
	const struct import_options opt = { .dry_run = dry };
	size_t len;
	char *data = make_book(sheet, table, &len);
	diag_init(err);
	int rc = fn(f->st, "b.xlsx", data, len, &opt, res, err);
	free(data);
	return rc;
}

static void test_import_oews(void **state)
{
	(void)state;
	struct fixture *f = fixture_new();
	struct import_result res;
	struct diag err;
	struct career c;
	char table[2048];

	snprintf(table, sizeof(table), "%s%s", oews_header, oews_good);
	assert_int_equal(import_table(f, import_oews, "national_M2031_dl", table, true, &res, &err), 0);
	assert_int_equal(res.rows, 4);
	assert_int_equal(query_int(f->path, "SELECT count(*) FROM wage"), 0);	/* dry run */
	assert_int_equal(import_table(f, import_oews, "national_M2031_dl", table, false, &res, &err), 0);
	assert_int_equal(res.rows, 4);
	assert_int_equal(query_int(f->path, "SELECT count(*) FROM wage"), 3);	/* the twin is one row */
	assert_int_equal(query_int(f->path, "SELECT p90 FROM wage WHERE soc = '31-9092'"), -2);
	assert_int_equal(query_int(f->path, "SELECT p90_capped FROM wage WHERE soc = '31-9092'"), 1);
	assert_int_equal(query_int(f->path, "SELECT employment FROM wage WHERE soc = '29-2010'"), -2);
	assert_int_equal(query_int(f->path, "SELECT count(*) FROM source WHERE id = 'import-oews-M2031'"
				   " AND as_of = '2031-05' AND title LIKE '%May 2031'"), 1);
	/* 3 wage rows, the source, and the careers citing 31-9092 or 29-2010 */
	size_t careers = (size_t)query_int(f->path, "SELECT count(*) FROM career WHERE pay_soc IN ('31-9092', '29-2010')");
	assert_true(careers >= 1);
	assert_int_equal(res.changed, 4 + careers);
	career_init(&c);
	assert_int_equal(store_get_career(f->st, "medical-assistant", &c, &err), 0);
	assert_int_equal(c.wage_median_usd, 44444);
	assert_int_equal(c.wage_p10_usd, 35000);
	assert_int_equal(c.wage_p90_usd, CAREER_UNKNOWN);
	assert_true(c.wage_p90_capped);
	assert_int_equal(c.block_sources[BLOCK_PAY].n, 1);
	assert_string_equal(c.block_sources[BLOCK_PAY].v[0], "import-oews-M2031");
	career_release(&c);
	assert_int_equal(import_table(f, import_oews, "national_M2031_dl", table, false, &res, &err), 0);
	assert_int_equal(res.changed, 0);	/* the same file again */

	/* a missing column, a bad number, a duplicate code with other figures: nothing written */
	long long before = query_int(f->path, "SELECT total(median) + total(p10) FROM wage");
	assert_int_equal(import_table(f, import_oews, "national_M2032_dl",
				      "OCC_CODE\tOCC_TITLE\tTOT_EMP\tA_MEAN\tA_PCT10\tA_PCT25\tA_MEDIAN\tA_PCT75\n", false, &res,
				      &err), ALLIED_EINVAL);
	assert_contains(err.msg, "b.xlsx:1:1: sheet 'national_M2032_dl' has no column 'A_PCT90' (the header has: OCC_CODE,");
	snprintf(table, sizeof(table), "%s%s", oews_header,
		 "1\t31-9092\tMedical Assistants\tdetailed\t800000\t45000\t35000\t37000\t4x200\t48000\t50000\n"
		 "1\t31-9093\tMedical Equipment Preparers\tdetailed\t1\t1\t1\t1\t1\t1\t1\n"
		 "1\t31-9093\tMedical Equipment Preparers\tdetailed\t2\t1\t1\t1\t1\t1\t1\n"
		 "1\t319094\tMedical Transcriptionists\tdetailed\t1\t1\t1\t1\t1\t1\t1\n");
	assert_int_equal(import_table(f, import_oews, "national_M2032_dl", table, false, &res, &err), ALLIED_EINVAL);
	assert_contains(err.msg, "b.xlsx:2:9: A_MEDIAN '4x200' is not a number of dollars, *, ** or # (cell I2)");
	assert_contains(err.msg, "b.xlsx:5:2: OCC_CODE '319094' is not a SOC code such as 31-9092 (cell B5)");
	snprintf(table, sizeof(table), "%s%s", oews_header,
		 "1\t31-9093\tMedical Equipment Preparers\tdetailed\t1\t1\t1\t1\t1\t1\t1\n"
		 "1\t31-9093\tMedical Equipment Preparers\tbroad\t2\t1\t1\t1\t1\t1\t1\n");
	assert_int_equal(import_table(f, import_oews, "national_M2032_dl", table, false, &res, &err), ALLIED_EINVAL);
	assert_contains(err.msg, "b.xlsx:3:2: OCC_CODE 31-9093 appears again with other figures (first in row 2)");
	snprintf(table, sizeof(table), "%s%s", oews_header, "2\t31-9093\tMedical Equipment Preparers\td\t1\t1\t1\t1\t1\t1\t1\n");
	assert_int_equal(import_table(f, import_oews, "state_M2032_dl", table, false, &res, &err), ALLIED_EINVAL);
	assert_contains(err.msg, "has no national cross-industry rows: is this the national file?");
	snprintf(table, sizeof(table), "%s%s", oews_header, oews_good);
	assert_int_equal(import_table(f, import_oews, "Sheet1", table, false, &res, &err), ALLIED_EINVAL);
	assert_contains(err.msg, "cannot tell the release");
	assert_int_equal(query_int(f->path, "SELECT total(median) + total(p10) FROM wage"), before);
	assert_int_equal(query_int(f->path, "SELECT count(*) FROM source WHERE id = 'import-oews-M2032'"), 0);

	/* every prefix of a good workbook: refused, or the whole import (which changes nothing new) */
	size_t len;
	char *data = make_book("national_M2031_dl", table, &len);
	const struct import_options wet = { .dry_run = false };
	for (size_t n = 0; n < len; n++) {
		diag_init(&err);
		int rc = import_oews(f->st, "b.xlsx", data, n, &wet, &res, &err);
		if (rc == 0 && res.rows != 4)
			fail_msg("prefix %zu: %zu rows imported", n, res.rows);
		if (rc != 0 && res.changed != 0)
			fail_msg("prefix %zu: refused but changed %zu", n, res.changed);
	}
	assert_int_equal(query_int(f->path, "SELECT total(median) + total(p10) FROM wage"), before);
	free(data);
	fixture_free(f);
}

static const char ep_table[] =
	"Table 1.2 Occupational projections, 2031\xe2\x80\x93" "41\n"
	"2031 National Employment Matrix title\t2031 National Employment Matrix code\tOccupation type\tEmployment, 2031\t"
	"Employment, 2041\tEmployment change, percent, 2031\xe2\x80\x93" "41\tOccupational openings, 2031\xe2\x80\x93" "41 annual average\t"
	"Typical education needed for entry\n"
	"Total, all occupations\t00-0000\tSummary\t169956.1\t175167.9\t3.1\t18863.3\t\xe2\x80\x94\n"
	"    Medical assistants\t31-9092\tLine item\t811.1\t912.2\t12.5\t112.3\tPostsecondary nondegree award\n"
	"  Medical transcriptionists\t31-9094\tLine item\t51.2\t45.9\t-10.4\t\xe2\x80\x94\tPostsecondary nondegree award\n"
	"Footnotes:\n"
	"[1] Data are from the Occupational Employment and Wage Statistics program\n";

static void test_import_projections(void **state)
{
	(void)state;
	struct fixture *f = fixture_new();
	struct import_result res;
	struct diag err;
	struct career c;

	assert_int_equal(import_table(f, import_projections, "Table 1.2", ep_table, false, &res, &err), 0);
	assert_int_equal(res.rows, 3);
	assert_int_equal(query_int(f->path, "SELECT employment_base FROM projection WHERE soc = '31-9092'"), 811100);
	assert_int_equal(query_int(f->path, "SELECT openings FROM projection WHERE soc = '31-9094'"), -2);
	assert_int_equal(query_int(f->path, "SELECT count(*) FROM projection WHERE soc = '00-0000' AND entry_education IS NULL"
				   " AND employment_target = 175167900"), 1);
	assert_int_equal(query_int(f->path, "SELECT count(*) FROM projection WHERE title = 'Medical assistants'"), 1);
	assert_int_equal(query_int(f->path, "SELECT count(*) FROM source WHERE id = 'import-ep-2031-41' AND as_of = '2031'"), 1);
	career_init(&c);
	assert_int_equal(store_get_career(f->st, "medical-assistant", &c, &err), 0);
	assert_int_equal(c.employment_2024, 811100);
	assert_int_equal(c.employment_2034, 912200);
	assert_int_equal(c.openings_per_year, 112300);
	assert_true(fabs(c.change_pct - 12.5) < 1e-9);
	assert_string_equal(c.block_sources[BLOCK_OUTLOOK].v[0], "import-ep-2031-41");
	career_release(&c);
	assert_int_equal(import_table(f, import_projections, "Table 1.2", ep_table, false, &res, &err), 0);
	assert_int_equal(res.changed, 0);

	long long before = query_int(f->path, "SELECT total(employment_base) FROM projection");
	assert_int_equal(import_table(f, import_projections, "Table 1.3", ep_table, false, &res, &err), ALLIED_EINVAL);
	assert_contains(err.msg, "b.xlsx: the workbook has no sheet 'Table 1.2' (it has: Table 1.3, Notes)");
	assert_int_equal(import_table(f, import_projections, "Table 1.2",
				      "title\n2031 National Employment Matrix title\t2031 National Employment Matrix code\t"
				      "Occupation type\tEmployment, 2031\n", false, &res, &err), ALLIED_EINVAL);
	assert_contains(err.msg, "b.xlsx:2:1: sheet 'Table 1.2' has no column 'Employment, YYYY (the target year)'");
	char bad[2048];
	snprintf(bad, sizeof(bad), "%s", ep_table);
	char *p = strstr(bad, "912.2");
	memcpy(p, "9l2.2", 5);
	assert_int_equal(import_table(f, import_projections, "Table 1.2", bad, false, &res, &err), ALLIED_EINVAL);
	assert_contains(err.msg, "b.xlsx:4:5: employment '9l2.2' is not a number (thousands) or \xe2\x80\x94 (cell E4)");
	assert_int_equal(query_int(f->path, "SELECT total(employment_base) FROM projection"), before);
	fixture_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_xlsx_cells),
		cmocka_unit_test(test_xlsx_damage),
		cmocka_unit_test(test_import_oews),
		cmocka_unit_test(test_import_projections),
	};
	return cmocka_run_group_tests_name("xlsx", tests, NULL, NULL);
}
