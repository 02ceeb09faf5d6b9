/*
 * xlsx: reading the cells of an Office Open XML workbook (.xlsx), for the BLS importers.
 *
 * Base layer, pure: bytes in memory in, rows of cell text out; it never prints. The zip
 * container is read with libzip and every XML part with expat, streamed, so a large sheet is
 * never held whole. Against hostile files: no part may be larger than XLSX_MAX_PART_BYTES
 * uncompressed, a row longer than XLSX_MAX_COLUMNS columns, a cell's text longer than
 * XLSX_MAX_CELL_BYTES, and a part with a DTD is refused. Problems are messages like
 * "FILE: not an xlsx workbook (zip: ...)" or "FILE: xl/worksheets/sheet1.xml:LINE:COL: ...".
 */
#ifndef ALLIED_XLSX_H
#define ALLIED_XLSX_H

#include "diag.h"

#include <stddef.h>

#define XLSX_MAX_PART_BYTES ((size_t)256 << 20)
#define XLSX_MAX_COLUMNS 1024
#define XLSX_MAX_CELL_BYTES ((size_t)1 << 20)
#define XLSX_MAX_ROWS 1048576		/* Excel's own limit */
#define XLSX_COLUMN_NAME_MAX 8		/* "ZZZ" and the terminator fit */

struct xlsx;

/*
 * One row of a sheet, as handed to an xlsx_row_fn. Columns are 1-based in the sheet and
 * cell[i] is column i + 1; a column without a cell (a gap) or with an empty one is "". n_cells
 * ends at the last non-empty cell; rows without any non-empty cell are not handed out. The
 * text is the cell's value as stored: a shared or inline string (rich-text runs joined,
 * phonetic runs left out), a number as written in the file (e.g. "8.1999999999999993"),
 * TRUE or FALSE for a boolean, or a formula's cached result. Valid until fn returns.
 */
struct xlsx_row {
	size_t row;			/* the sheet row number, from 1 */
	size_t n_cells;
	const char *const *cell;
	size_t part_done, part_size;	/* bytes of the sheet part read so far and in all (for progress) */
};

/* Called for each row in order; returns 0 to go on, or a negative status (err set) to stop. */
typedef int (*xlsx_row_fn)(void *ctx, const struct xlsx_row *row, struct diag *err);

/*
 * Open the workbook in data/len (borrowed: it must stay valid until xlsx_free); name is the
 * file name for messages. Reads the list of sheets (xl/workbook.xml and its relationships)
 * and the shared strings (xl/sharedStrings.xml, which may be absent). *out is freed with
 * xlsx_free. Returns 0, or ALLIED_EINVAL when the bytes are not a readable workbook.
 */
int xlsx_open(const char *name, const void *data, size_t len, struct xlsx **out, struct diag *err);
void xlsx_free(struct xlsx *x);		/* NULL: no-op */

/* The sheets in workbook order: their count, the name of the i-th, the index of a name or -1. */
size_t xlsx_sheet_count(const struct xlsx *x);
const char *xlsx_sheet_name(const struct xlsx *x, size_t i);
int xlsx_sheet_index(const struct xlsx *x, const char *name);

/*
 * Stream sheet i (i < xlsx_sheet_count), calling fn for each row. Returns 0 after the last
 * row, fn's status when it stops, or ALLIED_EINVAL for a damaged part (err says where).
 */
int xlsx_read_sheet(struct xlsx *x, size_t i, xlsx_row_fn fn, void *ctx, struct diag *err);

/* The letters of 1-based column col ("A", "AB"), for messages; col up to XLSX_MAX_COLUMNS. */
void xlsx_column_name(size_t col, char out[XLSX_COLUMN_NAME_MAX]);

#endif
