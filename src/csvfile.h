/*
 * csvfile: reading comma-separated files (IPEDS, the NCES CIP files, schools' program files) by
 * column name, with the line and column of every field.
 *
 * Base layer, pure: works on bytes in memory, so that tests and fuzzers can feed it anything.
 * The parsing itself is Debian's libcsv (RFC 4180 quoting: fields in double quotes may hold
 * commas, doubled quotes and line ends); this module adds what libcsv does not know: where each
 * field starts, the UTF-8 check, a skipped byte order mark, and refusing a file cut short.
 * (Named csvfile, not csv, because libcsv already owns the csv_ prefix and <csv.h>.)
 *
 * Lines end in LF or CRLF. Empty lines and lines whose fields are all empty (",,,") are
 * skipped. Unquoted fields keep their spaces. A quote inside an unquoted field is kept as it is
 * (so NCES's ="51.0801" arrives as those 10 characters). Every byte must be valid UTF-8. A file
 * whose last line has no line end, or that ends inside a quoted field, is refused as cut short.
 * Problems are "file:line:column: message", the column counted in characters from 1.
 */
#ifndef ALLIED_CSVFILE_H
#define ALLIED_CSVFILE_H

#include "diag.h"

#include <stdbool.h>
#include <stddef.h>

struct csv_parser;

struct csvfile {
	const char *name;		/* for messages */
	size_t line;			/* the line where the record last read starts */
	const char **field;		/* its fields, NUL-terminated; valid until the next call */
	size_t *field_line;		/* the line where each field starts (a quoted field may span lines) */
	size_t *column;			/* the 1-based character column where each field starts */
	size_t n_fields;
	/*
	 * Set by the caller: accept a last line without a line end (unterminated is then set),
	 * for official files distributed that way; the caller must check that record is whole.
	 */
	bool lenient_end;
	bool unterminated;

	/* private */
	const unsigned char *data, *pos, *end;
	size_t at_line, at_column;	/* where pos is */
	struct csv_parser *parser;
	char *buf;			/* the record's field bytes, each NUL-terminated */
	size_t buf_len, buf_cap, *offset, fields_cap;
	size_t start_line, start_column;	/* where the field being read starts */
	bool want_start, in_record, record_done, ended_on_cr;
	bool field_quoted;		/* the field being read starts with '"' */
	size_t field_quotes;		/* the '"' seen in it: an odd number = the quoted field is still open */
};

/* data/len is the whole file (not copied: it must outlive c); name is kept for messages. */
void csvfile_init(struct csvfile *c, const char *name, const char *data, size_t len);
void csvfile_release(struct csvfile *c);

/*
 * Read the next record into c->field[0..n_fields). Returns 1 for a record, 0 at the end, and
 * ALLIED_EINVAL (err says where) for invalid UTF-8, a last line without a line end, or a quoted
 * field that is never closed. After an error, further calls return 0.
 */
int csvfile_next(struct csvfile *c, struct diag *err);

/*
 * After reading the header: the index of each of the n names into idx[], or ALLIED_EINVAL
 * naming the first missing column and the columns the file has.
 */
int csvfile_columns(struct csvfile *c, const char *const *names, size_t n, size_t *idx, struct diag *err);

/* How many bytes of the file have been read (for a progress bar). */
size_t csvfile_offset(const struct csvfile *c);

#endif
