/*
 * csvfile: comma-separated files by column name (see csvfile.h), on top of libcsv.
 *
 * libcsv is a push parser that reports fields and records through callbacks but not where they
 * are. So the file is fed to it one character at a time: before each character we know its
 * line and column, and the first character fed after a field ends is where the next one starts.
 */
#include "csvfile.h"
#include "text.h"
#include "tsv.h"
#include "xmalloc.h"

#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* libcsv trims spaces and tabs around unquoted fields by default: keep them, columns stay true. */
static int no_space(unsigned char ch)
{
	(void)ch;
	return 0;
}

void csvfile_init(struct csvfile *c, const char *name, const char *data, size_t len)
{
	memset(c, 0, sizeof(*c));
	c->name = name;
	c->data = c->pos = (const unsigned char *)data;
	c->end = c->data + len;
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		c->pos += 3;	/* a byte order mark (Excel's "CSV UTF-8") */
	c->at_line = c->at_column = 1;
	c->want_start = true;
	c->parser = xmalloc(sizeof(*c->parser));
	if (csv_init(c->parser, CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
		abort();	/* only fails without memory */
	csv_set_realloc_func(c->parser, xrealloc);
	csv_set_space_func(c->parser, no_space);
}

void csvfile_release(struct csvfile *c)
{
	if (c->parser) {
		csv_free(c->parser);
		free(c->parser);
	}
	free(c->buf);
	free(c->offset);
	free(c->field);
	free(c->field_line);
	free(c->column);
	memset(c, 0, sizeof(*c));
}

static void on_field(void *s, size_t len, void *ctx)
{
	struct csvfile *c = ctx;
	size_t k = c->n_fields++;

	if (c->n_fields > c->fields_cap) {
		c->fields_cap = c->fields_cap ? 2 * c->fields_cap : 16;
		c->offset = xrealloc(c->offset, c->fields_cap * sizeof(*c->offset));
		c->field = xrealloc(c->field, c->fields_cap * sizeof(*c->field));
		c->field_line = xrealloc(c->field_line, c->fields_cap * sizeof(*c->field_line));
		c->column = xrealloc(c->column, c->fields_cap * sizeof(*c->column));
	}
	xgrow((void **)&c->buf, &c->buf_cap, c->buf_len + len + 1, 1);
	if (len)
		memcpy(c->buf + c->buf_len, s, len);
	c->buf[c->buf_len + len] = '\0';
	c->offset[k] = c->buf_len;
	c->buf_len += len + 1;
	/* a field that ends where it starts (",," or a line end) has no character of its own */
	c->field_line[k] = c->want_start ? c->at_line : c->start_line;
	c->column[k] = c->want_start ? c->at_column : c->start_column;
	c->want_start = true;
}

static void on_record(int term, void *ctx)
{
	struct csvfile *c = ctx;
	c->record_done = true;
	c->ended_on_cr = term == '\r';
	c->in_record = false;
}

static int fail_at(struct csvfile *c, struct diag *err, size_t line, size_t column, const char *what)
{
	c->pos = c->end;
	c->in_record = false;
	return diag_set(err, ALLIED_EINVAL, "%s:%zu:%zu: %s", c->name, line, column, what);
}

/* Is every field of the record empty or only spaces? */
static bool record_is_blank(const struct csvfile *c)
{
	for (size_t i = 0; i < c->n_fields; i++)
		if (c->field[i][strspn(c->field[i], " \t")])
			return false;
	return true;
}

int csvfile_next(struct csvfile *c, struct diag *err)
{
	for (;;) {
		c->n_fields = 0;
		c->buf_len = 0;
		c->record_done = false;
		bool cut_short = false;
		while (!c->record_done && c->pos < c->end) {
			unsigned char ch = *c->pos;
			size_t k = text_utf8_len(c->pos, (size_t)(c->end - c->pos));
			if (!k || ch == '\0') {
				char msg[96];
				snprintf(msg, sizeof(msg), "not UTF-8 text (byte 0x%02x); is the file in another encoding?", ch);
				return fail_at(c, err, c->at_line, c->at_column, msg);
			}
			if (!c->in_record && (ch == '\r' || ch == '\n')) {
				/* between records: libcsv skips line ends there too */
			} else {
				if (!c->in_record) {
					c->in_record = true;
					c->line = c->at_line;
				}
				if (c->want_start) {
					c->start_line = c->at_line;
					c->start_column = c->at_column;
					c->want_start = false;
					c->field_quotes = 0;
					c->field_quoted = ch == '"';
				}
				c->field_quotes += ch == '"';
			}
			if (csv_parse(c->parser, c->pos, k, on_field, on_record, c) != k)
				return fail_at(c, err, c->at_line, c->at_column, csv_strerror(csv_error(c->parser)));
			c->pos += k;
			if (ch == '\n') {
				c->at_line++;
				c->at_column = 1;
			} else {
				c->at_column++;
			}
		}
		if (!c->record_done) {
			if (!c->in_record)
				return 0;
			size_t line = c->start_line, column = c->start_column;
			/*
			 * libcsv's CSV_STRICT_FINI only refuses an open quoted field in CSV_STRICT mode, which
			 * would refuse more than we want: a field that starts with a quote and has an odd
			 * number of them is still open.
			 */
			bool open_quote = !c->want_start && c->field_quoted && c->field_quotes % 2 == 1;
			if (csv_fini(c->parser, on_field, on_record, c) != 0 || open_quote)
				return fail_at(c, err, line, column, "a quoted field is never closed: is the file cut short?");
			cut_short = true;
		} else if (c->ended_on_cr && c->pos == c->end) {
			cut_short = true;	/* "...\r" with the "\n" cut off */
		}
		for (size_t i = 0; i < c->n_fields; i++)
			c->field[i] = c->buf + c->offset[i];
		if (record_is_blank(c))
			continue;
		c->unterminated = cut_short;
		if (cut_short && !c->lenient_end)
			return fail_at(c, err, c->at_line, c->at_column,
				       "the last line has no line end: is the file cut short?");
		return 1;
	}
}

int csvfile_columns(struct csvfile *c, const char *const *names, size_t n, size_t *idx, struct diag *err)
{
	return tsv_find_columns(c->name, c->line, c->field, c->n_fields, names, n, idx, err);
}

size_t csvfile_offset(const struct csvfile *c)
{
	return (size_t)(c->pos - c->data);
}
