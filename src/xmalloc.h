/*
 * xmalloc: allocation that cannot fail.
 *
 * Base layer. Out of memory is not a condition allied recovers from: these wrappers print one
 * line and abort, so ordinary code never checks for NULL after allocating. Everything else in
 * allied allocates through them.
 */
#ifndef ALLIED_XMALLOC_H
#define ALLIED_XMALLOC_H

#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *ptr, size_t size);
/* Copies of a string; xstrndup copies at most len bytes and always terminates. NULL -> NULL. */
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t len);
/* A newly allocated formatted string; the caller frees it with free(). */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Out of memory in a library that reports it rather than aborting: print one line naming what, and abort. */
void xoom(const char *what) __attribute__((noreturn));

/* Grow *ptr (an array of elem_size elements with capacity *cap) to hold at least need. */
void xgrow(void **ptr, size_t *cap, size_t need, size_t elem_size);

#endif
