/* Unit tests for fetch: allowed addresses, --from rebasing, format checks and zip unpacking. */
#include "testutil.h"
#include "fetch.h"

#include <sys/stat.h>
#include <zip.h>

static void test_check_url(void **state)
{
	(void)state;
	static const struct { const char *url; int ok; } cases[] = {
		{ "https://www.bls.gov/emp/ind-occ-matrix/occupation.xlsx", 1 },
		{ "http://127.0.0.1:8000/x.zip", 1 },
		{ "http://localhost/x.zip", 1 },
		{ "http://[::1]:9/x.zip", 1 },
		{ "http://www.bls.gov/x.zip", 0 },
		{ "http://127.0.0.1.example.org/x.zip", 0 },
		{ "ftp://127.0.0.1/x.zip", 0 },
		{ "file:///etc/passwd", 0 },
		{ "not a url", 0 },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct diag err;
		diag_init(&err);
		int rc = fetch_check_url(cases[i].url, &err);
		if ((rc == 0) != cases[i].ok)
			fail_msg("%s: got %d (%s)", cases[i].url, rc, err.msg);
	}
}

static void test_rebase_url(void **state)
{
	(void)state;
	static const struct { const char *url, *base, *want; } cases[] = {
		{ "https://www.bls.gov/emp/x.xlsx", "http://127.0.0.1:8000", "http://127.0.0.1:8000/emp/x.xlsx" },
		{ "https://www.bls.gov/emp/x.xlsx", "https://mirror.example.org/", "https://mirror.example.org/emp/x.xlsx" },
		{ "https://www.bls.gov/emp/x.xlsx", "http://127.0.0.1:8000/sub/", NULL },
		{ "https://www.bls.gov/emp/x.xlsx", "127.0.0.1:8000", NULL },
		{ "https://www.bls.gov/emp/x.xlsx", "http://", NULL },
		{ "https://www.bls.gov", "https://m.example.org", NULL },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *got = fetch_rebase_url(cases[i].url, cases[i].base);
		if (!cases[i].want)
			assert_null(got);
		else
			assert_string_equal(got, cases[i].want);
		free(got);
	}
}

/* Write a zip at path holding n entries (names[i] -> texts[i]). */
static void make_zip(const char *path, const char *const *names, const char *const *texts, size_t n)
{
	int zerr = 0;
	zip_t *za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
	assert_non_null(za);
	for (size_t i = 0; i < n; i++) {
		zip_source_t *src = zip_source_buffer(za, texts[i], strlen(texts[i]), 0);
		assert_non_null(src);
		assert_true(zip_file_add(za, names[i], src, ZIP_FL_ENC_UTF_8) >= 0);
	}
	assert_int_equal(zip_close(za), 0);
}

static void test_check_format(void **state)
{
	(void)state;
	char *dir = tu_tmpdir();
	char path[512];
	struct diag err;

	snprintf(path, sizeof(path), "%s/a.csv", dir);
	tu_write(path, "\xef\xbb\xbf\"UNITID\",\"INSTNM\",\"ADDR\"\r\n1,a,b\r\n");
	diag_init(&err);
	assert_int_equal(fetch_check_format(path, "a.csv", FETCH_TEXT, "UNITID,INSTNM", &err), 0);
	assert_int_equal(fetch_check_format(path, "a.csv", FETCH_TEXT, "GEOID", &err), ALLIED_EINVAL);
	assert_contains(err.msg, "a.csv:1:1: does not start with the header 'GEOID' (it starts 'UNITID,INSTNM,ADDR')");

	/* an .xlsx must be a whole zip holding a workbook */
	assert_int_equal(fetch_check_format(path, "a.csv", FETCH_XLSX, NULL, &err), ALLIED_EINVAL);
	assert_contains(err.msg, "does not start with the zip signature");
	snprintf(path, sizeof(path), "%s/book.xlsx", dir);
	const char *wb_names[] = { "[Content_Types].xml", "xl/workbook.xml" }, *wb_texts[] = { "<Types/>", "<workbook/>" };
	make_zip(path, wb_names, wb_texts, 2);
	diag_init(&err);
	assert_int_equal(fetch_check_format(path, "book.xlsx", FETCH_XLSX, NULL, &err), 0);
	make_zip(path, wb_names, wb_texts, 1);
	assert_int_equal(fetch_check_format(path, "book.xlsx", FETCH_XLSX, NULL, &err), ALLIED_EINVAL);
	assert_contains(err.msg, "book.xlsx: is a zip but not an Excel workbook");
	tu_rmdir(dir);
}

static void test_unzip(void **state)
{
	(void)state;
	char *dir = tu_tmpdir();
	char zpath[512], out[512], *member = NULL;
	struct diag err;
	struct stat st;

	snprintf(zpath, sizeof(zpath), "%s/r.zip", dir);
	snprintf(out, sizeof(out), "%s/r", dir);
	const char *names[] = { "db/Read Me.txt", "db/Occupation Data.txt" }, *texts[] = { "hello\n", "O*NET-SOC Code\n" };
	make_zip(zpath, names, texts, 2);
	diag_init(&err);
	assert_int_equal(fetch_unzip(zpath, "r.zip", out, "occupation data.TXT", NULL, &member, &err), 0);
	assert_non_null(member);
	assert_string_equal(member + strlen(dir), "/r/db/Occupation Data.txt");
	free(member);

	/* the limits: one entry's size, the total, the number of names; a failure leaves no directory */
	struct fetch_limits entry = { .entry_bytes_max = 10 }, total = { .unpacked_bytes_max = 20 }, count = { .entries_max = 1 };
	assert_int_equal(fetch_unzip(zpath, "r.zip", out, "Read Me.txt", &entry, &member, &err), ALLIED_EINVAL);
	assert_contains(err.msg, "r.zip: 'db/Occupation Data.txt' unpacks to more than 10 bytes");
	assert_null(member);
	assert_int_not_equal(stat(out, &st), 0);
	diag_init(&err);
	assert_int_equal(fetch_unzip(zpath, "r.zip", out, "Read Me.txt", &total, &member, &err), ALLIED_EINVAL);
	assert_contains(err.msg, "r.zip: unpacks to more than 20 bytes");
	diag_init(&err);
	assert_int_equal(fetch_unzip(zpath, "r.zip", out, "Read Me.txt", &count, &member, &err), ALLIED_EINVAL);
	assert_contains(err.msg, "r.zip: has more than 1 names");

	/* names that would land outside the directory */
	const char *bad[] = { "a/../../x.txt", "/etc/x.txt", "..", "a\\..\\x.txt" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		const char *one[] = { bad[i] }, *text[] = { "x\n" };
		make_zip(zpath, one, text, 1);
		diag_init(&err);
		if (fetch_unzip(zpath, "r.zip", out, "x.txt", NULL, &member, &err) != ALLIED_EINVAL)
			fail_msg("the name '%s' was accepted", bad[i]);
		assert_contains(err.msg, "refused the name");
	}
	/* a name like "a..b" is an ordinary name */
	const char *fine[] = { "a..b/x.txt" }, *text[] = { "x\n" };
	make_zip(zpath, fine, text, 1);
	assert_int_equal(fetch_unzip(zpath, "r.zip", out, "x.txt", NULL, &member, &err), 0);
	free(member);

	/* not a zip, and a zip cut short */
	tu_write(zpath, "<html>not found</html>\n");
	diag_init(&err);
	assert_int_equal(fetch_unzip(zpath, "r.zip", out, "x.txt", NULL, &member, &err), ALLIED_EINVAL);
	assert_contains(err.msg, "r.zip: is not a zip archive: it does not start with the zip signature");
	make_zip(zpath, names, texts, 2);
	assert_int_equal(truncate(zpath, 60), 0);
	diag_init(&err);
	assert_int_equal(fetch_unzip(zpath, "r.zip", out, "x.txt", NULL, &member, &err), ALLIED_EINVAL);
	assert_contains(err.msg, "r.zip: is not a whole zip archive");
	tu_rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_check_url),
		cmocka_unit_test(test_rebase_url),
		cmocka_unit_test(test_check_format),
		cmocka_unit_test(test_unzip),
	};
	return cmocka_run_group_tests_name("fetch", tests, NULL, NULL);
}
