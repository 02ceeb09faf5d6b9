/*
 * tsv: tab-separated files by column name (see tsv.h).
 */
#include "tsv.h"
#include "buf.h"
#include "text.h"
#include "xmalloc.h"

#include <stdlib.h>
#include <string.h>

void tsv_init(struct tsv *t, const char *name, const char *data, size_t len)
{
	memset(t, 0, sizeof(*t));
	t->name = name;
	t->data = t->next = data;
	t->end = data + len;
}

void tsv_release(struct tsv *t)
{
	free(t->buf);
	t->buf = NULL;
}

int tsv_next(struct tsv *t, struct diag *err)
{
	for (;;) {
		if (t->next >= t->end)
			return 0;
		const char *start = t->next, *nl = memchr(start, '\n', (size_t)(t->end - start));
		size_t len = nl ? (size_t)(nl - start) : (size_t)(t->end - start);
		t->next = nl ? nl + 1 : t->end;
		t->unterminated = nl == NULL;
		t->line++;
		if (len && start[len - 1] == '\r')
			len--;
		size_t tabs = 0;
		while (tabs < len && start[tabs] == '\t')
			tabs++;
		if (tabs == len)
			continue;	/* empty, or only tabs */
		if (len + 1 > t->cap) {
			t->cap = len + 1;
			t->buf = xrealloc(t->buf, t->cap);
		}
		memcpy(t->buf, start, len);
		t->buf[len] = '\0';
		t->n_fields = 0;
		size_t col = 1;
		char *f = t->buf;
		t->field[t->n_fields] = f;
		t->column[t->n_fields++] = col;
		for (size_t i = 0; i < len;) {
			size_t k = text_utf8_len((const unsigned char *)t->buf + i, len - i);
			if (!k || t->buf[i] == '\0')
				return diag_set(err, ALLIED_EINVAL, "%s:%zu:%zu: not UTF-8 text (byte 0x%02x); is the file in another encoding?",
						t->name, t->line, col, (unsigned char)t->buf[i]);
			if (t->buf[i] == '\t') {
				t->buf[i] = '\0';
				if (t->n_fields == TSV_MAX_FIELDS)
					return diag_set(err, ALLIED_EINVAL, "%s:%zu:%zu: more than %d fields", t->name, t->line, col,
							TSV_MAX_FIELDS);
				t->field[t->n_fields] = t->buf + i + 1;
				t->column[t->n_fields++] = col + 1;
			}
			i += k;
			col++;
		}
		return 1;
	}
}

int tsv_columns(struct tsv *t, const char *const *names, size_t n, size_t *idx, struct diag *err)
{
	return tsv_find_columns(t->name, t->line, t->field, t->n_fields, names, n, idx, err);
}

int tsv_find_columns(const char *name, size_t line, const char *const *fields, size_t n_fields,
		     const char *const *names, size_t n, size_t *idx, struct diag *err)
{
	for (size_t k = 0; k < n; k++) {
		size_t i;
		for (i = 0; i < n_fields; i++)
			if (strcmp(fields[i], names[k]) == 0)
				break;
		if (i == n_fields) {
			struct buf have;
			buf_init(&have, 0);
			for (size_t j = 0; j < n_fields; j++)
				buf_addf(&have, "%s%s", j ? ", " : "", fields[j]);
			diag_set(err, ALLIED_EINVAL, "%s:%zu:1: no column '%s' (the header has: %s)", name, line, names[k],
				 have.data);
			buf_release(&have);
			return ALLIED_EINVAL;
		}
		idx[k] = i;
	}
	return 0;
}
