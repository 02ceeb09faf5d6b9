/*
 * text: normalisation and edit distance (see text.h).
 */
#include "text.h"

#include <stdio.h>
#include <string.h>

size_t text_norm(const char *s, char *out, size_t out_size)
{
	size_t n = 0;
	int pending_space = 0;

	if (out_size == 0)
		return 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		unsigned char c = *p;
		int keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
		if (c >= 'A' && c <= 'Z') {
			c = (unsigned char)(c - 'A' + 'a');
			keep = 1;
		}
		if (!keep) {
			pending_space = n > 0;
			continue;
		}
		if (pending_space) {
			if (n + 1 >= out_size)
				break;
			out[n++] = ' ';
			pending_space = 0;
		}
		if (n + 1 >= out_size)
			break;
		out[n++] = (char)c;
	}
	out[n] = '\0';
	return n;
}

size_t text_words(const char *norm, void (*fn)(const char *word, size_t len, void *ctx), void *ctx)
{
	size_t count = 0;
	const char *p = norm;

	while (*p) {
		const char *end = strchr(p, ' ');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		if (len) {
			fn(p, len, ctx);
			count++;
		}
		p += len;
		while (*p == ' ')
			p++;
	}
	return count;
}

static int min3(int a, int b, int c)
{
	int m = a < b ? a : b;
	return m < c ? m : c;
}

static int distance(const char *a, size_t a_len, const char *b, size_t b_len, int max, int prefix)
{
	enum { N = 64 };
	int rows[3][N];		/* three rolling rows: i-2, i-1, i */

	if (a_len >= N || b_len >= N)
		return max + 1;
	if (prefix) {
		if (b_len > a_len + (size_t)max)
			b_len = a_len + (size_t)max;	/* longer prefixes are never closer */
	} else if ((a_len > b_len ? a_len - b_len : b_len - a_len) > (size_t)max) {
		return max + 1;
	}
	for (size_t j = 0; j <= b_len; j++)
		rows[0][j] = (int)j;
	for (size_t i = 1; i <= a_len; i++) {
		int *cur = rows[i % 3], *prev = rows[(i - 1) % 3], *prev2 = rows[(i + 1) % 3];
		int row_min;
		cur[0] = (int)i;
		row_min = cur[0];
		for (size_t j = 1; j <= b_len; j++) {
			int cost = a[i - 1] != b[j - 1];
			int d = min3(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && prev2[j - 2] + 1 < d)
				d = prev2[j - 2] + 1;
			cur[j] = d;
			if (d < row_min)
				row_min = d;
		}
		if (row_min > max)
			return max + 1;
	}
	int d = rows[a_len % 3][b_len];
	if (prefix)
		for (size_t j = 0; j < b_len; j++)
			if (rows[a_len % 3][j] < d)
				d = rows[a_len % 3][j];
	return d > max ? max + 1 : d;
}

int text_distance(const char *a, size_t a_len, const char *b, size_t b_len, int max)
{
	return distance(a, a_len, b, b_len, max, 0);
}

int text_prefix_distance(const char *a, size_t a_len, const char *b, size_t b_len, int max)
{
	return distance(a, a_len, b, b_len, max, 1);
}

int text_typo_allowance(size_t word_len)
{
	if (word_len < 4)
		return 0;
	return word_len < 8 ? 1 : 2;
}

int text_is_slug(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > 64 || s[0] == '-' || s[n - 1] == '-')
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
			return 0;
	}
	return 1;
}

const char *text_usd(int64_t usd, char *buf, size_t n)
{
	char digits[32];
	snprintf(digits, sizeof(digits), "%lld", (long long)usd);
	size_t len = strlen(digits), o = 0;
	if (n < len + len / 3 + 2)
		return "";
	buf[o++] = '$';
	for (size_t i = 0; i < len; i++) {
		if (i && digits[i - 1] != '-' && (len - i) % 3 == 0)
			buf[o++] = ',';
		buf[o++] = digits[i];
	}
	buf[o] = '\0';
	return buf;
}

const char *text_months(int lo, int hi, char *buf, size_t n)
{
	if (lo < 0)
		snprintf(buf, n, "unknown");
	else if (hi < 0 || hi == lo)
		snprintf(buf, n, "%d month%s", lo, lo == 1 ? "" : "s");
	else
		snprintf(buf, n, "%d-%d months", lo, hi);
	return buf;
}

size_t text_utf8_len(const unsigned char *s, size_t n)
{
	size_t len;
	unsigned min;
	if (s[0] < 0x80)
		return 1;
	if ((s[0] & 0xE0) == 0xC0)
		len = 2, min = 0x80;
	else if ((s[0] & 0xF0) == 0xE0)
		len = 3, min = 0x800;
	else if ((s[0] & 0xF8) == 0xF0 && s[0] <= 0xF4)
		len = 4, min = 0x10000;
	else
		return 0;
	if (len > n)
		return 0;
	unsigned cp = s[0] & (0x7F >> len);
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3F);
	}
	return cp >= min && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF) ? len : 0;
}

bool text_is_utf8(const char *s)
{
	size_t n = strlen(s), k;
	for (size_t i = 0; i < n; i += k)
		if ((k = text_utf8_len((const unsigned char *)s + i, n - i)) == 0)
			return false;
	return true;
}

bool text_utf8_repair(char *s)
{
	size_t n = strlen(s);
	bool changed = false;
	for (size_t i = 0; i < n;) {
		size_t k = text_utf8_len((const unsigned char *)s + i, n - i);
		if (k == 0) {
			s[i] = '?';
			changed = true;
			k = 1;
		}
		i += k;
	}
	return changed;
}
