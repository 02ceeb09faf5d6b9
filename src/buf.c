/*
 * buf: growable buffers and string vectors (see buf.h).
 */
#include "buf.h"
#include "xmalloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void buf_init(struct buf *b, size_t max_len)
{
	b->cap = 64;
	b->data = xmalloc(b->cap);
	b->data[0] = '\0';
	b->len = 0;
	b->max_len = max_len;
	b->overflowed = false;
}

void buf_release(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

void buf_reset(struct buf *b)
{
	b->len = 0;
	b->data[0] = '\0';
	b->overflowed = false;
}

static size_t room_for(struct buf *b, size_t len)
{
	if (b->max_len && b->len + len > b->max_len) {
		b->overflowed = true;
		len = b->max_len - b->len;
	}
	if (b->len + len + 1 > b->cap) {
		size_t cap = b->cap;
		xgrow((void **)&b->data, &cap, b->len + len + 1, 1);
		b->cap = cap;
	}
	return len;
}

void buf_grow(struct buf *b, size_t len)
{
	size_t cap = b->cap;
	xgrow((void **)&b->data, &cap, b->len + len + 1, 1);
	b->cap = cap;
}

void buf_add(struct buf *b, const void *data, size_t len)
{
	len = room_for(b, len);
	memcpy(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = '\0';
}

void buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void buf_addc(struct buf *b, char c)
{
	buf_add(b, &c, 1);
}

void buf_addf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n <= 0)
		return;
	char *tmp = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(tmp, (size_t)n + 1, fmt, ap);
	va_end(ap);
	buf_add(b, tmp, (size_t)n);
	free(tmp);
}

char *buf_detach(struct buf *b, size_t *len)
{
	char *p = b->data;
	if (len)
		*len = b->len;
	buf_init(b, b->max_len);
	return p;
}

bool buf_overflowed(const struct buf *b)
{
	return b->overflowed;
}

void strvec_init(struct strvec *sv)
{
	sv->v = NULL;
	sv->n = sv->cap = 0;
}

void strvec_release(struct strvec *sv)
{
	for (size_t i = 0; i < sv->n; i++)
		free(sv->v[i]);
	free(sv->v);
	strvec_init(sv);
}

void strvec_push_owned(struct strvec *sv, char *s)
{
	xgrow((void **)&sv->v, &sv->cap, sv->n + 1, sizeof(*sv->v));
	sv->v[sv->n++] = s;
}

void strvec_push(struct strvec *sv, const char *s)
{
	strvec_push_owned(sv, xstrdup(s));
}

bool strvec_contains(const struct strvec *sv, const char *s)
{
	for (size_t i = 0; i < sv->n; i++)
		if (strcmp(sv->v[i], s) == 0)
			return true;
	return false;
}
