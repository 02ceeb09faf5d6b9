/* Unit tests for text: normalisation, edit distance, slugs. */
#include "testutil.h"
#include "text.h"

static void test_norm(void **state)
{
	(void)state;
	static const struct { const char *in, *out; } cases[] = {
		{ "EKG Tech", "ekg tech" }, { "  ekg--tech ", "ekg tech" }, { "X-Ray", "x ray" },
		{ "", "" }, { "!!!", "" }, { "Café", "caf\xc3\xa9" }, { "O*NET-SOC", "o net soc" },
	};
	char out[64];
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		text_norm(cases[i].in, out, sizeof(out));
		assert_string_equal(out, cases[i].out);
	}
	/* a small buffer is cut, never overrun, and stays terminated */
	char small[4];
	assert_int_equal(text_norm("abcdefgh", small, sizeof(small)), 3);
	assert_string_equal(small, "abc");
}

static void test_distance(void **state)
{
	(void)state;
	static const struct { const char *a, *b; int max, want; } cases[] = {
		{ "sonograher", "sonographer", 2, 1 },	/* insertion */
		{ "flebotomist", "phlebotomist", 2, 2 },	/* substitution + insertion */
		{ "hygeinist", "hygienist", 2, 1 },	/* swap of neighbours */
		{ "abc", "abc", 0, 0 },
		{ "abc", "xyz", 1, 2 },			/* over max: max + 1 */
		{ "a", "abcdef", 2, 3 },		/* length gap alone exceeds max */
		{ "", "ab", 2, 2 },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_int_equal(text_distance(cases[i].a, strlen(cases[i].a), cases[i].b, strlen(cases[i].b),
					       cases[i].max), cases[i].want);
}

static void test_prefix_distance(void **state)
{
	(void)state;
	assert_int_equal(text_prefix_distance("phlebotomist", 12, "phlebotomists", 13, 2), 0);
	assert_int_equal(text_prefix_distance("flebotomist", 11, "phlebotomists", 13, 2), 2);
	assert_int_equal(text_prefix_distance("sono", 4, "sonographer", 11, 1), 0);
	assert_int_equal(text_prefix_distance("xyz", 3, "sonographer", 11, 1), 2);
}

static void test_slug_and_allowance(void **state)
{
	(void)state;
	assert_true(text_is_slug("medical-assistant"));
	assert_true(text_is_slug("a1"));
	assert_false(text_is_slug("Medical"));
	assert_false(text_is_slug("-x"));
	assert_false(text_is_slug("x-"));
	assert_false(text_is_slug(""));
	assert_false(text_is_slug("a b"));
	assert_int_equal(text_typo_allowance(3), 0);
	assert_int_equal(text_typo_allowance(4), 1);
	assert_int_equal(text_typo_allowance(8), 2);
}

static void test_utf8(void **state)
{
	(void)state;
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "plain", "plain" },
		{ "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80" },
		{ "a\xff" "b", "a?b" },			/* never valid */
		{ "\xc3", "?" },			/* cut short at the end */
		{ "x\xe2\x82", "x??" },		/* cut short: each byte on its own */
		{ "\xc0\xaf", "??" },			/* overlong '/' */
		{ "\xed\xa0\x80", "???" },		/* a surrogate */
		{ "\xf4\x90\x80\x80", "????" },	/* above U+10FFFF */
		{ "\x80" "abc", "?abc" },			/* a stray continuation byte */
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char buf[32];
		strcpy(buf, cases[i].in);
		assert_int_equal(text_utf8_repair(buf), strcmp(cases[i].in, cases[i].out) != 0);
		assert_string_equal(buf, cases[i].out);
		assert_int_equal(text_is_utf8(cases[i].in), strcmp(cases[i].in, cases[i].out) == 0);
		assert_true(text_is_utf8(buf));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_norm),
		cmocka_unit_test(test_distance),
		cmocka_unit_test(test_prefix_distance),
		cmocka_unit_test(test_slug_and_allowance),
		cmocka_unit_test(test_utf8),
	};
	return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
