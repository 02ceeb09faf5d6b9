/*
 * tsv: reading tab-separated official files (Census gazetteers, O*NET text files) by column name.
 *
 * Base layer, pure: works on bytes in memory, so that tests and fuzzers can feed it anything.
 * Lines end in LF or CRLF; a line that is empty or only tabs is skipped; every byte must be
 * valid UTF-8. Problems are reported as "file:line:column: message", the column counted in
 * characters from 1.
 */
#ifndef ALLIED_TSV_H
#define ALLIED_TSV_H

#include "diag.h"

#include <stdbool.h>
#include <stddef.h>

#define TSV_MAX_FIELDS 64

struct tsv {
	const char *name;		/* for messages */
	const char *data, *end;		/* the whole file (not owned) */
	const char *next;		/* the start of the next line */
	size_t line;			/* the number of the line last read */
	char *buf;			/* the current line, split in place (owned) */
	size_t cap;
	const char *field[TSV_MAX_FIELDS];
	size_t column[TSV_MAX_FIELDS];	/* the 1-based character column where each field starts */
	size_t n_fields;
	bool unterminated;		/* the line last read had no line end: a file cut short? */
};

void tsv_init(struct tsv *t, const char *name, const char *data, size_t len);
void tsv_release(struct tsv *t);

/*
 * Read the next line into t->field[0..n_fields). Returns 1 for a line, 0 at the end, and
 * ALLIED_EINVAL (err says where) for invalid UTF-8 or more than TSV_MAX_FIELDS fields.
 */
int tsv_next(struct tsv *t, struct diag *err);

/*
 * After reading the header line: the index of each of the n names into idx[], or ALLIED_EINVAL
 * naming the first missing column and the columns the file has.
 */
int tsv_columns(struct tsv *t, const char *const *names, size_t n, size_t *idx, struct diag *err);

/*
 * Shared with the CSV reader (csvfile.h): the same lookup over any header's fields (line is
 * the header's line number, for the message).
 */
int tsv_find_columns(const char *name, size_t line, const char *const *fields, size_t n_fields,
		     const char *const *names, size_t n, size_t *idx, struct diag *err);

#endif
