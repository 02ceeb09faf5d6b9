/*
 * Unit tests for csvfile: quoting, line ends, the byte order mark, where each field is, UTF-8,
 * files cut short, and every prefix of a small file.
 */
#include "testutil.h"
#include "buf.h"
#include "csvfile.h"

/*
 * Read all of data/len; each record is appended to out as its fields joined by '|' and a line
 * "@line" with where each field starts ("line:column" joined by ' '), records separated by
 * '\n'. Returns the last status (0 at the end, or the error) and the record count in *n.
 */
static int read_all(const char *data, size_t len, bool lenient, struct buf *out, size_t *n, struct diag *err)
{
	struct csvfile c;
	int rc;
	*n = 0;
	csvfile_init(&c, "t.csv", data, len);
	c.lenient_end = lenient;
	while ((rc = csvfile_next(&c, err)) > 0) {
		(*n)++;
		for (size_t i = 0; i < c.n_fields; i++)
			buf_addf(out, "%s%s", i ? "|" : "", c.field[i]);
		buf_addf(out, "@%zu", c.line);
		for (size_t i = 0; i < c.n_fields; i++)
			buf_addf(out, " %zu:%zu", c.field_line[i], c.column[i]);
		buf_adds(out, "\n");
	}
	/* after the end or an error, it stays at the end */
	struct diag again;
	diag_init(&again);
	assert_int_equal(csvfile_next(&c, &again), 0);
	csvfile_release(&c);
	return rc;
}

/* Read s (a C string) and compare the records with want; returns the status. */
static int expect_records(const char *s, bool lenient, const char *want, struct diag *err)
{
	struct buf out;
	size_t n;
	buf_init(&out, 0);
	diag_init(err);
	int rc = read_all(s, strlen(s), lenient, &out, &n, err);
	if (want)
		assert_string_equal(out.data, want);
	buf_release(&out);
	return rc;
}

static void test_csvfile_quotes(void **state)
{
	struct diag err;
	(void)state;
	/* commas and doubled quotes inside quotes; spaces of unquoted fields kept; a quote inside an unquoted field kept */
	assert_int_equal(expect_records("a,\"b,c\",\"d\"\"e\", f ,=\"51.0801\"\n", false,
					"a|b,c|d\"e| f |=\"51.0801\"@1 1:1 1:3 1:9 1:16 1:20\n", &err), 0);
	/* empty fields have the column where they would start */
	assert_int_equal(expect_records("a,,\"\",d\n", false, "a|||d@1 1:1 1:3 1:4 1:7\n", &err), 0);
	/* blank lines and lines of empty fields are skipped */
	assert_int_equal(expect_records("h1,h2\n\n,,\nx,y\n", false, "h1|h2@1 1:1 1:4\nx|y@4 4:1 4:3\n", &err), 0);
}

static void test_csvfile_newline_in_quotes(void **state)
{
	struct diag err;
	(void)state;
	/* the record starts on line 2; its second field starts on line 3, after the quoted line end */
	assert_int_equal(expect_records("h1,h2\n\"x\ny\",z\nlast,1\n", false,
					"h1|h2@1 1:1 1:4\nx\ny|z@2 2:1 3:4\nlast|1@4 4:1 4:6\n", &err), 0);
	/* CRLF inside quotes is kept as it is */
	assert_int_equal(expect_records("\"a\r\nb\",c\r\n", false, "a\r\nb|c@1 1:1 2:4\n", &err), 0);
}

static void test_csvfile_bom_and_crlf(void **state)
{
	struct diag err;
	(void)state;
	/* a byte order mark is skipped and does not count as a column */
	assert_int_equal(expect_records("\xEF\xBB\xBF" "CIP2020Code,Title\r\n01.0000,\"Agriculture, General.\"\r\n", false,
					"CIP2020Code|Title@1 1:1 1:13\n01.0000|Agriculture, General.@2 2:1 2:9\n", &err), 0);
	/* CRLF and LF mixed; no '\r' is left in a field */
	assert_int_equal(expect_records("a,b\r\nc,d\ne,f\r\n", false, "a|b@1 1:1 1:3\nc|d@2 2:1 2:3\ne|f@3 3:1 3:3\n", &err), 0);
	/* columns count characters, not bytes */
	assert_int_equal(expect_records("\xc3\xa9t\xc3\xa9,x\n", false, "\xc3\xa9t\xc3\xa9|x@1 1:1 1:5\n", &err), 0);
}

static void test_csvfile_bad_utf8(void **state)
{
	struct diag err;
	(void)state;
	assert_int_equal(expect_records("a,b\nc,\xff\n", false, NULL, &err), ALLIED_EINVAL);
	assert_contains(err.msg, "t.csv:2:3: not UTF-8 text (byte 0xff)");
	/* after a two-byte character the column is still in characters */
	assert_int_equal(expect_records("a,b\n\xc3\xa9,x\xc3(\n", false, NULL, &err), ALLIED_EINVAL);
	assert_contains(err.msg, "t.csv:2:4: not UTF-8 text (byte 0xc3)");
	/* an overlong encoding and a NUL byte are not text either */
	assert_int_equal(expect_records("a,\xc0\xaf\n", false, NULL, &err), ALLIED_EINVAL);
	assert_contains(err.msg, "t.csv:1:3: not UTF-8");
	struct buf out;
	size_t n;
	buf_init(&out, 0);
	diag_init(&err);
	assert_int_equal(read_all("a,b\0c\n", 6, false, &out, &n, &err), ALLIED_EINVAL);
	assert_contains(err.msg, "t.csv:1:4: not UTF-8 text (byte 0x00)");
	buf_release(&out);
}

static void test_csvfile_cut_short(void **state)
{
	struct diag err;
	(void)state;
	/* a quoted field never closed: where it starts */
	assert_int_equal(expect_records("a,b\nc,\"open\nmore\n", false, NULL, &err), ALLIED_EINVAL);
	assert_contains(err.msg, "t.csv:2:3: a quoted field is never closed: is the file cut short?");
	/* a last line without a line end */
	assert_int_equal(expect_records("a,b\nc,d", false, NULL, &err), ALLIED_EINVAL);
	assert_contains(err.msg, "t.csv:2:4: the last line has no line end: is the file cut short?");
	/* "\r" without its "\n" */
	assert_int_equal(expect_records("a,b\r\nc,d\r", false, NULL, &err), ALLIED_EINVAL);
	assert_contains(err.msg, "the last line has no line end");
	/* lenient_end: the record is handed out, marked unterminated */
	struct csvfile c;
	const char *s = "a,b\nc,d";
	diag_init(&err);
	csvfile_init(&c, "t.csv", s, strlen(s));
	c.lenient_end = true;
	assert_int_equal(csvfile_next(&c, &err), 1);
	assert_false(c.unterminated);
	assert_int_equal(csvfile_next(&c, &err), 1);
	assert_true(c.unterminated);
	assert_string_equal(c.field[1], "d");
	assert_int_equal(csvfile_next(&c, &err), 0);
	csvfile_release(&c);
	/* an empty file and one of line ends only have no records */
	assert_int_equal(expect_records("", false, "", &err), 0);
	assert_int_equal(expect_records("\r\n\n", false, "", &err), 0);
}

static void test_csvfile_columns(void **state)
{
	static const char *const names[] = { "UNITID", "STABBR" };
	const char *s = "UNITID,INSTNM,CITY\n1,x,y\n";
	struct csvfile c;
	struct diag err;
	size_t idx[2];
	(void)state;
	diag_init(&err);
	csvfile_init(&c, "hd.csv", s, strlen(s));
	assert_int_equal(csvfile_next(&c, &err), 1);
	assert_int_equal(csvfile_columns(&c, names, 1, idx, &err), 0);
	assert_int_equal(idx[0], 0);
	assert_int_equal(csvfile_columns(&c, names, 2, idx, &err), ALLIED_EINVAL);
	assert_contains(err.msg, "hd.csv:1:1: no column 'STABBR' (the header has: UNITID, INSTNM, CITY)");
	csvfile_release(&c);
}

/*
 * Every prefix of a small file with all of the above: an error, or exactly the records of the
 * lines it holds whole (never a record cut in two, never a crash; the sanitizers run this too).
 */
static void test_csvfile_every_prefix(void **state)
{
	static const char file[] = "\xEF\xBB\xBF" "id,name,note\r\n1,\"Caf\xc3\xa9, \"\"Ol\xc3\xa9\"\"\",\"two\r\nlines\"\r\n"
				   "\r\n2,plain,\xe2\x82\xac" "5\r\n3,,last\r\n";
	size_t len = sizeof(file) - 1, whole_n;
	struct buf whole;
	struct diag err;
	(void)state;
	buf_init(&whole, 0);
	diag_init(&err);
	assert_int_equal(read_all(file, len, false, &whole, &whole_n, &err), 0);
	assert_int_equal(whole_n, 4);
	for (size_t n = 0; n <= len; n++) {
		char *copy = malloc(n ? n : 1);	/* exactly n bytes, so that reading past them is caught */
		memcpy(copy, file, n);
		struct buf got;
		size_t records;
		buf_init(&got, 0);
		diag_init(&err);
		int rc = read_all(copy, n, false, &got, &records, &err);
		if (rc == 0) {
			/* what was read is the first records of the whole file, each whole */
			if (strncmp(whole.data, got.data, got.len) != 0 || (got.len && got.data[got.len - 1] != '\n'))
				fail_msg("prefix of %zu bytes read as \"%s\"", n, got.data);
		} else {
			assert_int_equal(rc, ALLIED_EINVAL);
			assert_true(strncmp(err.msg, "t.csv:", 6) == 0);
		}
		if (n == len)
			assert_string_equal(got.data, whole.data);
		buf_release(&got);
		free(copy);
	}
	buf_release(&whole);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csvfile_quotes),
		cmocka_unit_test(test_csvfile_newline_in_quotes),
		cmocka_unit_test(test_csvfile_bom_and_crlf),
		cmocka_unit_test(test_csvfile_bad_utf8),
		cmocka_unit_test(test_csvfile_cut_short),
		cmocka_unit_test(test_csvfile_columns),
		cmocka_unit_test(test_csvfile_every_prefix),
	};
	return cmocka_run_group_tests_name("csvfile", tests, NULL, NULL);
}
