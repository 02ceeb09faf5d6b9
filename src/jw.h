/*
 * jw: a small streaming JSON writer into a struct buf, byte for byte what jansson's
 * json_dumps(doc, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10)) prints for the
 * same document: the same string escaping (", \, control characters; UTF-8 passes through; '/'
 * is not escaped), integers as %lld and reals as jansson prints them at precision 10 ("45.0",
 * "0.333", "1e+20" -> "1e20").
 *
 * Base layer. Used where building a jansson document only to print it costs too much (the
 * match document, answered on every POST): report.c writes it with jw, and the command line
 * reads the same bytes back with jansson, so the two can never differ. The writer only
 * appends; it does not check that the document is well formed (keys and values must alternate
 * inside objects): that is the caller's job, and tests/unit/test_jw.c compares it with jansson.
 */
#ifndef ALLIED_JW_H
#define ALLIED_JW_H

#include "buf.h"

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

/* The real precision of every JSON document allied prints (jansson's JSON_REAL_PRECISION). */
#define JW_REAL_PRECISION 10

struct jw {
	struct buf *out;	/* borrowed; the writer appends to it */
	bool comma;		/* the last thing written was a value: the next key or value needs ',' */
};

/*
 * Write to out (borrowed; not reset), a buffer without a size cap (max_len 0): what jw writes
 * comes from allied's own data, never straight from a request.
 */
void jw_init(struct jw *w, struct buf *out);

void jw_object_begin(struct jw *w);
void jw_object_end(struct jw *w);
void jw_array_begin(struct jw *w);
void jw_array_end(struct jw *w);

/*
 * An object member's key, then its value. The key is a string literal with nothing to escape
 * (every key allied writes is one), pasted in quotes at compile time: jw_key(w, "score").
 */
#define jw_key(w, literal) jw_key_quoted((w), "\"" literal "\":", sizeof("\"" literal "\":") - 1)
void jw_key_quoted(struct jw *w, const char *quoted_key_colon, size_t len);

/* s[0..len) must be valid UTF-8 (as every string jansson accepts). */
void jw_stringn(struct jw *w, const char *s, size_t len);
void jw_int(struct jw *w, long long v);
/* v must be finite (jansson has no NaN or infinity either). */
void jw_real(struct jw *w, double v);
void jw_bool(struct jw *w, bool v);
void jw_null(struct jw *w);

/*
 * A value already written as compact JSON (fragment[0..len)), e.g. pre-rendered once; written
 * as it is.
 */
void jw_raw(struct jw *w, const char *fragment, size_t len);

/* A string (valid UTF-8); NULL writes null. Inline, so that a literal's length is known. */
static inline void jw_string(struct jw *w, const char *s)
{
	if (s)
		jw_stringn(w, s, strlen(s));
	else
		jw_null(w);
}

/* The quoted, escaped form of s[0..len) appended to out (uncapped; no comma handling). */
void jw_quote(struct buf *out, const char *s, size_t len);

/* jansson's text for the real v at precision 10 into out (room for 32 bytes); returns its length. */
size_t jw_format_real(double v, char out[32]);

#endif
