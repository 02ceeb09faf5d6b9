/*
 * buf: a growable byte buffer with a size cap.
 *
 * Base layer. The contents are always NUL-terminated. A buffer that would grow past its cap
 * stops growing and remembers that it overflowed (buf_overflowed), so untrusted input cannot
 * make it grow without bound; callers check once at the end instead of after every append.
 */
#ifndef ALLIED_BUF_H
#define ALLIED_BUF_H

#include <stdbool.h>
#include <stddef.h>

struct buf {
	char *data;		/* NUL-terminated contents (never NULL after buf_init) */
	size_t len;		/* bytes used, excluding the terminator */
	size_t cap;		/* bytes allocated */
	size_t max_len;		/* cap on len; 0 means no cap */
	bool overflowed;	/* an append was cut because of max_len */
};

/* Caller's storage; max_len 0 = unbounded. Release with buf_release. */
void buf_init(struct buf *b, size_t max_len);
void buf_release(struct buf *b);
/* Empty the buffer, keep its memory. */
void buf_reset(struct buf *b);
/* Make room for len more bytes, so that appending that much allocates nothing. */
void buf_grow(struct buf *b, size_t len);
void buf_add(struct buf *b, const void *data, size_t len);
void buf_adds(struct buf *b, const char *s);
void buf_addc(struct buf *b, char c);
void buf_addf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Hand the contents to the caller (free() them) and leave b empty and usable: b holds a new
 * allocation, so it still needs buf_release. */
char *buf_detach(struct buf *b, size_t *len);
bool buf_overflowed(const struct buf *b);

/* A growable array of owned strings. */
struct strvec {
	char **v;
	size_t n;
	size_t cap;
};

void strvec_init(struct strvec *sv);
/* Frees every string and the array. */
void strvec_release(struct strvec *sv);
/* Appends a copy of s. */
void strvec_push(struct strvec *sv, const char *s);
/* Appends s itself; the vector takes ownership. */
void strvec_push_owned(struct strvec *sv, char *s);
bool strvec_contains(const struct strvec *sv, const char *s);

#endif
