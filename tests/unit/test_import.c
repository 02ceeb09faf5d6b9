/* Unit tests for tsv and import: tab-separated reading, and the ZCTA importer on a real database. */
#include "testutil.h"
#include "import.h"
#include "kb.h"
#include "store.h"
#include "tsv.h"

static void test_tsv_lines_and_columns(void **state)
{
	(void)state;
	static const char text[] = "A\tB\tC\r\n1\t2\t3\r\n\t\t\r\n\n4\t\xc3\xa9\t6";
	struct tsv t;
	struct diag err;
	size_t idx[2];
	const char *const want[] = { "C", "A" };

	diag_init(&err);
	tsv_init(&t, "f.txt", text, sizeof(text) - 1);
	assert_int_equal(tsv_next(&t, &err), 1);
	assert_int_equal(tsv_columns(&t, want, 2, idx, &err), 0);
	assert_int_equal(idx[0], 2);
	assert_int_equal(idx[1], 0);
	assert_int_equal(tsv_next(&t, &err), 1);
	assert_string_equal(t.field[2], "3");	/* CR removed */
	assert_false(t.unterminated);
	assert_int_equal(tsv_next(&t, &err), 1);	/* the tab-only and empty lines are skipped */
	assert_int_equal(t.line, 5);
	assert_string_equal(t.field[1], "\xc3\xa9");
	assert_int_equal(t.column[2], 5);	/* counted in characters: 4, tab, é, tab, 6 */
	assert_true(t.unterminated);
	assert_int_equal(tsv_next(&t, &err), 0);
	const char *const missing[] = { "D" };
	tsv_release(&t);

	tsv_init(&t, "f.txt", text, sizeof(text) - 1);
	assert_int_equal(tsv_next(&t, &err), 1);
	assert_int_equal(tsv_columns(&t, missing, 1, idx, &err), ALLIED_EINVAL);
	assert_contains(err.msg, "f.txt:1:1: no column 'D' (the header has: A, B, C)");
	tsv_release(&t);
}

static void test_tsv_encoding(void **state)
{
	(void)state;
	const char *bad[] = { "ok\n\xe9t\xe9\n", "ok\nab\xc3\n", "ok\n\xed\xa0\x80\n", "ok\na\0b\n", "ok\n\xc0\xaf\n" };
	const size_t len[] = { 10, 7, 7, 7, 6 };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct tsv t;
		struct diag err;
		diag_init(&err);
		tsv_init(&t, "f.txt", bad[i], len[i]);
		assert_int_equal(tsv_next(&t, &err), 1);
		if (tsv_next(&t, &err) != ALLIED_EINVAL)
			fail_msg("case %zu: invalid text was accepted", i);
		assert_contains(err.msg, "f.txt:2:");
		tsv_release(&t);
	}
}

static int count_zips(struct store *st)
{
	double lat, lon;
	struct diag err;
	diag_init(&err);
	return store_zip_location(st, "99998", &lat, &lon, &err) == 0 ? (int)(lat * 1000) : -1;
}

static void test_import_zcta(void **state)
{
	(void)state;
	char *dir = tu_tmpdir(), path[512];
	struct store *st;
	struct diag err;
	struct import_result res;
	const struct import_options dry = { .dry_run = true }, wet = { .dry_run = false };
	static const char good[] = "GEOID\tINTPTLONG\tINTPTLAT\n99998\t-70.5\t41.25\n";
	static const char bad[] = "GEOID\tINTPTLONG\tINTPTLAT\n99998\t-70.5\t43.5\n99999\t-70.5\t91\n";

	diag_init(&err);
	snprintf(path, sizeof(path), "%s/allied.db", dir);
	assert_int_equal(tu_build_db(path), 0);
	if (store_open(path, STORE_READ_WRITE, &st, &err) != 0)
		fail_msg("setup: %s", err.msg);
	assert_int_equal(count_zips(st), -1);
	assert_int_equal(import_zcta(st, "g.txt", good, sizeof(good) - 1, &dry, &res, &err), 0);
	assert_int_equal(count_zips(st), -1);	/* a dry run writes nothing */
	assert_int_equal(import_zcta(st, "g.txt", good, sizeof(good) - 1, &wet, &res, &err), 0);
	assert_int_equal(res.rows, 1);
	assert_int_equal(res.changed, 1);
	assert_int_equal(count_zips(st), 41250);
	assert_int_equal(import_zcta(st, "g.txt", good, sizeof(good) - 1, &wet, &res, &err), 0);
	assert_int_equal(res.changed, 0);	/* the same file again changes nothing */
	diag_init(&err);
	assert_int_equal(import_zcta(st, "b.txt", bad, sizeof(bad) - 1, &wet, &res, &err), ALLIED_EINVAL);
	assert_contains(err.msg, "b.txt:3:13: INTPTLAT '91' is not a latitude");
	assert_int_equal(count_zips(st), 41250);	/* the good row of a bad file was not written */
	store_close(st);
	tu_rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tsv_lines_and_columns),
		cmocka_unit_test(test_tsv_encoding),
		cmocka_unit_test(test_import_zcta),
	};
	return cmocka_run_group_tests_name("import", tests, NULL, NULL);
}
