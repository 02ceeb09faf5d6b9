/*
 * jw: the streaming JSON writer (see jw.h). The rules copied from jansson 2.14 (dump.c and
 * jsonp_dtostr) are tested against jansson itself in tests/unit/test_jw.c.
 */
#include "jw.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

void jw_init(struct jw *w, struct buf *out)
{
	assert(!out->max_len);
	w->out = out;
	w->comma = false;
}

/* buf_add without the call when there is room (most appends are a few bytes) */
static inline void put(struct buf *b, const char *s, size_t len)
{
	if (b->len + len < b->cap) {
		memcpy(b->data + b->len, s, len);
		b->len += len;
		b->data[b->len] = '\0';
	} else {
		buf_add(b, s, len);
	}
}

static inline void sep(struct jw *w)
{
	if (w->comma)
		put(w->out, ",", 1);
}

void jw_object_begin(struct jw *w)
{
	sep(w);
	put(w->out, "{", 1);
	w->comma = false;
}

void jw_object_end(struct jw *w)
{
	put(w->out, "}", 1);
	w->comma = true;
}

void jw_array_begin(struct jw *w)
{
	sep(w);
	put(w->out, "[", 1);
	w->comma = false;
}

void jw_array_end(struct jw *w)
{
	put(w->out, "]", 1);
	w->comma = true;
}

void jw_quote(struct buf *out, const char *s, size_t len)
{
	static const char hex[] = "0123456789ABCDEF";
	char *d;

	if (out->len + 6 * len + 3 > out->cap)	/* room for the worst case: every byte \u00XX */
		buf_grow(out, 6 * len + 2);
	d = out->data + out->len;
	*d++ = '"';
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c != '"' && c != '\\') {
			*d++ = (char)c;
			continue;
		}
		*d++ = '\\';
		switch (c) {
		case '"': *d++ = '"'; break;
		case '\\': *d++ = '\\'; break;
		case '\b': *d++ = 'b'; break;
		case '\f': *d++ = 'f'; break;
		case '\n': *d++ = 'n'; break;
		case '\r': *d++ = 'r'; break;
		case '\t': *d++ = 't'; break;
		default:	/* jansson: \u%04X */
			*d++ = 'u';
			*d++ = '0';
			*d++ = '0';
			*d++ = hex[c >> 4];
			*d++ = hex[c & 15];
		}
	}
	*d++ = '"';
	*d = '\0';
	out->len = (size_t)(d - out->data);
}

void jw_key_quoted(struct jw *w, const char *quoted_key_colon, size_t len)
{
	sep(w);
	put(w->out, quoted_key_colon, len);
	w->comma = false;
}

void jw_stringn(struct jw *w, const char *s, size_t len)
{
	sep(w);
	jw_quote(w->out, s, len);
	w->comma = true;
}

void jw_raw(struct jw *w, const char *fragment, size_t len)
{
	sep(w);
	put(w->out, fragment, len);
	w->comma = true;
}

void jw_int(struct jw *w, long long v)
{
	char digits[24];
	size_t n = 0;
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;

	do
		digits[sizeof(digits) - ++n] = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (v < 0)
		digits[sizeof(digits) - ++n] = '-';
	jw_raw(w, digits + sizeof(digits) - n, n);
}

void jw_bool(struct jw *w, bool v)
{
	jw_raw(w, v ? "true" : "false", v ? 4 : 5);
}

void jw_null(struct jw *w)
{
	jw_raw(w, "null", 4);
}

size_t jw_format_real(double v, char out[32])
{
	/*
	 * Fast path: a non-zero multiple of 1/1000 under 1e7 in size (scores, points and rounded
	 * correlations all are). %.10g prints such a value as its exact decimal, in %f style,
	 * without trailing zeros: the double is the closest one to k/1000, which has at most 10
	 * significant digits, and the exponent is from -3 to 6.
	 */
	if (v != 0 && v > -1e7 && v < 1e7) {
		long long k = llround(v * 1000);
		if ((double)k / 1000 == v) {
			unsigned long long u = (unsigned long long)(k < 0 ? -k : k), ip = u / 1000;
			unsigned fp = (unsigned)(u % 1000);
			char digits[24];
			size_t n = 0, len = 0;
			if (k < 0)
				out[len++] = '-';
			do
				digits[n++] = (char)('0' + ip % 10);
			while ((ip /= 10) != 0);
			while (n)
				out[len++] = digits[--n];
			out[len++] = '.';
			if (fp == 0) {
				out[len++] = '0';	/* jansson adds ".0" so that a real stays a real */
			} else {
				out[len++] = (char)('0' + fp / 100);
				if (fp % 100) {
					out[len++] = (char)('0' + fp / 10 % 10);
					if (fp % 10)
						out[len++] = (char)('0' + fp % 10);
				}
			}
			out[len] = '\0';
			return len;
		}
	}
	/* jansson's jsonp_dtostr (allied never calls setlocale: the decimal point is '.') */
	int n = snprintf(out, 32, "%.*g", JW_REAL_PRECISION, v);
	size_t len = n > 0 && n < 32 ? (size_t)n : 0;
	out[len] = '\0';
	if (!strchr(out, '.') && !strchr(out, 'e') && len + 2 < 32) {
		memcpy(out + len, ".0", 3);
		len += 2;
	}
	char *e = strchr(out, 'e');
	if (e) {	/* no '+' and no leading zeros in the exponent: 1e+20 -> 1e20, 1e-05 -> 1e-5 */
		char *start = e + 1, *end = e + 2;
		if (*start == '-')
			start++;
		while (*end == '0')
			end++;
		if (end != start) {
			memmove(start, end, len + 1 - (size_t)(end - out));
			len -= (size_t)(end - start);
		}
	}
	return len;
}

void jw_real(struct jw *w, double v)
{
	char text[32];
	jw_raw(w, text, jw_format_real(v, text));
}
