/*
 * xlsx: the cells of an .xlsx workbook, over libzip and expat (see xlsx.h).
 *
 * Every XML part goes through xml_part: it inflates the part in chunks and feeds them to an
 * expat parser with namespace processing, so element names arrive as "URI|local" and we
 * match the local part only (SpreadsheetML has a transitional and a strict namespace). A
 * handler that finds a problem sets the message and stops the parser (xml_fail).
 */
#include "xlsx.h"
#include "buf.h"
#include "xmalloc.h"

#include <expat.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

struct xlsx_sheet {
	char *name;
	char *rel_id;		/* its relationship id in the workbook */
	char *part;		/* e.g. "xl/worksheets/sheet1.xml" */
};

struct xlsx {
	char *name;		/* the file, for messages */
	zip_t *zip;
	struct xlsx_sheet *sheets;
	size_t n_sheets;
	char *strings_part;	/* the shared strings part, or NULL */
	char **strings;
	size_t n_strings;
};

/* ---- the frame: one part through expat ---- */

struct xml_state {
	XML_Parser parser;
	struct xlsx *x;
	const char *part;
	struct diag *err;
	int rc;			/* set by xml_fail */
	size_t done, size;	/* bytes of the part fed so far, and its stated size */
};

static const char *local_name(const char *name)
{
	const char *bar = strrchr(name, '|');
	return bar ? bar + 1 : name;
}

/* The value of the attribute with this local name (in no namespace unless any_ns), or NULL. */
static const char *attr(const XML_Char **atts, const char *name, bool any_ns)
{
	for (size_t i = 0; atts[i]; i += 2) {
		bool has_ns = strchr(atts[i], '|') != NULL;
		if ((any_ns || !has_ns) && strcmp(local_name(atts[i]), name) == 0)
			return atts[i + 1];
	}
	return NULL;
}

static void xml_fail(struct xml_state *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void xml_fail(struct xml_state *s, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	if (s->rc < 0)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	s->rc = diag_set(s->err, ALLIED_EINVAL, "%s: %s:%lu:%lu: %s", s->x->name, s->part,
			 (unsigned long)XML_GetCurrentLineNumber(s->parser),
			 (unsigned long)XML_GetCurrentColumnNumber(s->parser) + 1, msg);
	XML_StopParser(s->parser, XML_FALSE);
}

/* A status from a row callback: keep its message, stop the parser. */
static void xml_stop(struct xml_state *s, int rc)
{
	if (s->rc < 0)
		return;
	s->rc = rc;
	XML_StopParser(s->parser, XML_FALSE);
}

static void XMLCALL refuse_dtd(void *ud, const XML_Char *name, const XML_Char *sysid, const XML_Char *pubid,
			       int has_internal)
{
	(void)name, (void)sysid, (void)pubid, (void)has_internal;
	xml_fail(ud, "a DTD is not allowed in a workbook");
}

static int zip_fail(struct xlsx *x, struct diag *err, const char *what, const char *part, const char *why)
{
	return diag_set(err, ALLIED_EINVAL, "%s: not an xlsx workbook (zip: %s '%s': %s)", x->name, what, part, why);
}

/*
 * Parse one part with these handlers; s is the handlers' user data and starts with a struct
 * xml_state. Returns 0, ALLIED_ENOTFOUND when the part is missing (err untouched), or a failure.
 */
static int xml_part(struct xlsx *x, const char *part, struct xml_state *s, XML_StartElementHandler start,
		    XML_EndElementHandler end, XML_CharacterDataHandler text, struct diag *err)
{
	char chunk[65536];
	zip_stat_t sb;
	zip_file_t *f;
	zip_int64_t n;

	zip_stat_init(&sb);
	if (zip_stat(x->zip, part, 0, &sb) < 0) {
		if (zip_error_code_zip(zip_get_error(x->zip)) == ZIP_ER_NOENT)
			return ALLIED_ENOTFOUND;
		return zip_fail(x, err, "cannot find", part, zip_strerror(x->zip));
	}
	if (!(f = zip_fopen(x->zip, part, 0)))
		return zip_fail(x, err, "cannot open", part, zip_strerror(x->zip));
	s->parser = XML_ParserCreateNS(NULL, '|');
	if (!s->parser)
		abort();	/* out of memory */
	s->x = x;
	s->part = part;
	s->err = err;
	s->rc = 0;
	s->done = 0;
	s->size = (sb.valid & ZIP_STAT_SIZE) ? (size_t)sb.size : 0;
	XML_SetUserData(s->parser, s);
	XML_SetElementHandler(s->parser, start, end);
	XML_SetCharacterDataHandler(s->parser, text);
	XML_SetStartDoctypeDeclHandler(s->parser, refuse_dtd);
	do {
		n = zip_fread(f, chunk, sizeof(chunk));
		if (n < 0) {
			s->rc = zip_fail(x, err, "cannot read", part, zip_file_strerror(f));
			break;
		}
		s->done += (size_t)n;
		if (s->done > XLSX_MAX_PART_BYTES) {
			s->rc = diag_set(err, ALLIED_EINVAL, "%s: %s is larger than %zu MiB uncompressed", x->name, part,
					 XLSX_MAX_PART_BYTES >> 20);
			break;
		}
		if (XML_Parse(s->parser, chunk, (int)n, n == 0) == XML_STATUS_ERROR) {
			if (s->rc == 0)	/* expat's own error, not one of ours */
				s->rc = diag_set(err, ALLIED_EINVAL, "%s: %s:%lu:%lu: XML error: %s", x->name, part,
						 (unsigned long)XML_GetCurrentLineNumber(s->parser),
						 (unsigned long)XML_GetCurrentColumnNumber(s->parser) + 1,
						 XML_ErrorString(XML_GetErrorCode(s->parser)));
			break;
		}
	} while (n > 0 && s->rc == 0);
	XML_ParserFree(s->parser);
	s->parser = NULL;
	zip_fclose(f);
	return s->rc;
}

/* ---- xl/workbook.xml and its relationships ---- */

static void XMLCALL workbook_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xml_state *s = ud;
	struct xlsx *x = s->x;
	size_t cap = x->n_sheets;
	if (strcmp(local_name(name), "sheet") != 0)
		return;
	const char *sheet = attr(atts, "name", false), *rid = attr(atts, "id", true);
	if (!sheet || !rid) {
		xml_fail(s, "a sheet without a name or relationship id");
		return;
	}
	xgrow((void **)&x->sheets, &cap, x->n_sheets + 1, sizeof(*x->sheets));
	x->sheets[x->n_sheets++] = (struct xlsx_sheet){ xstrdup(sheet), xstrdup(rid), NULL };
}

static void XMLCALL ignore_end(void *ud, const XML_Char *name)
{
	(void)ud, (void)name;
}

static void XMLCALL ignore_text(void *ud, const XML_Char *text, int len)
{
	(void)ud, (void)text, (void)len;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* A relationship's target is relative to the workbook's folder, or absolute from the root. */
static char *resolve_target(const char *target)
{
	return target[0] == '/' ? xstrdup(target + 1) : xasprintf("xl/%s", target);
}

static void XMLCALL rels_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xml_state *s = ud;
	struct xlsx *x = s->x;
	if (strcmp(local_name(name), "Relationship") != 0)
		return;
	const char *id = attr(atts, "Id", false), *target = attr(atts, "Target", false), *type = attr(atts, "Type", false);
	if (!id || !target || !type) {
		xml_fail(s, "a relationship without an Id, Target or Type");
		return;
	}
	if (ends_with(type, "/sharedStrings") && !x->strings_part)
		x->strings_part = resolve_target(target);
	for (size_t i = 0; i < x->n_sheets; i++)
		if (!x->sheets[i].part && strcmp(x->sheets[i].rel_id, id) == 0)
			x->sheets[i].part = resolve_target(target);
}

/* ---- xl/sharedStrings.xml ---- */

struct strings_state {
	struct xml_state xml;
	struct buf text;
	int in_si, in_t, in_phonetic;
	size_t cap;
};

static void XMLCALL strings_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct strings_state *s = ud;
	const char *n = local_name(name);
	(void)atts;
	if (strcmp(n, "si") == 0) {
		if (s->in_si)
			xml_fail(&s->xml, "a string inside a string");
		s->in_si = 1;
		buf_reset(&s->text);
	} else if (strcmp(n, "rPh") == 0) {
		s->in_phonetic++;
	} else if (strcmp(n, "t") == 0 && s->in_si && !s->in_phonetic) {
		s->in_t = 1;
	}
}

static void XMLCALL strings_end(void *ud, const XML_Char *name)
{
	struct strings_state *s = ud;
	struct xlsx *x = s->xml.x;
	const char *n = local_name(name);
	if (strcmp(n, "t") == 0) {
		s->in_t = 0;
	} else if (strcmp(n, "rPh") == 0) {
		s->in_phonetic--;
	} else if (strcmp(n, "si") == 0 && s->in_si) {
		s->in_si = 0;
		if (buf_overflowed(&s->text)) {
			xml_fail(&s->xml, "a string longer than %zu bytes", XLSX_MAX_CELL_BYTES);
			return;
		}
		xgrow((void **)&x->strings, &s->cap, x->n_strings + 1, sizeof(*x->strings));
		x->strings[x->n_strings++] = xstrndup(s->text.data, s->text.len);
	}
}

static void XMLCALL strings_text(void *ud, const XML_Char *text, int len)
{
	struct strings_state *s = ud;
	if (s->in_t)
		buf_add(&s->text, text, (size_t)len);
}

/* ---- opening ---- */

int xlsx_open(const char *name, const void *data, size_t len, struct xlsx **out, struct diag *err)
{
	struct xlsx *x = xcalloc(1, sizeof(*x));
	struct xml_state xs;
	struct strings_state ss;
	zip_error_t ze;
	zip_source_t *src;
	int rc;

	*out = NULL;
	x->name = xstrdup(name);
	zip_error_init(&ze);
	src = zip_source_buffer_create(len ? data : "", len, 0, &ze);
	if (src && !(x->zip = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze)))
		zip_source_free(src);
	if (!x->zip) {
		rc = diag_set(err, ALLIED_EINVAL, "%s: not an xlsx workbook (zip: %s)", name, zip_error_strerror(&ze));
		zip_error_fini(&ze);
		xlsx_free(x);
		return rc;
	}
	zip_error_fini(&ze);
	memset(&xs, 0, sizeof(xs));
	rc = xml_part(x, "xl/workbook.xml", &xs, workbook_start, ignore_end, ignore_text, err);
	if (rc == ALLIED_ENOTFOUND)
		rc = diag_set(err, ALLIED_EINVAL, "%s: not an xlsx workbook (it has no part 'xl/workbook.xml')", name);
	if (rc == 0 && x->n_sheets == 0)
		rc = diag_set(err, ALLIED_EINVAL, "%s: the workbook has no sheets", name);
	if (rc == 0)
		rc = xml_part(x, "xl/_rels/workbook.xml.rels", &xs, rels_start, ignore_end, ignore_text, err);
	if (rc == ALLIED_ENOTFOUND)
		rc = diag_set(err, ALLIED_EINVAL, "%s: not an xlsx workbook (it has no part 'xl/_rels/workbook.xml.rels')",
			      name);
	for (size_t i = 0; rc == 0 && i < x->n_sheets; i++)
		if (!x->sheets[i].part)
			rc = diag_set(err, ALLIED_EINVAL, "%s: xl/workbook.xml: sheet '%s' has no relationship '%s'", name,
				      x->sheets[i].name, x->sheets[i].rel_id);
	if (rc == 0 && x->strings_part) {
		memset(&ss, 0, sizeof(ss));
		buf_init(&ss.text, XLSX_MAX_CELL_BYTES);
		rc = xml_part(x, x->strings_part, &ss.xml, strings_start, strings_end, strings_text, err);
		if (rc == ALLIED_ENOTFOUND)	/* named but missing: no strings, as when not named */
			rc = 0;
		buf_release(&ss.text);
	}
	if (rc < 0) {
		xlsx_free(x);
		return rc;
	}
	*out = x;
	return 0;
}

void xlsx_free(struct xlsx *x)
{
	if (!x)
		return;
	for (size_t i = 0; i < x->n_sheets; i++) {
		free(x->sheets[i].name);
		free(x->sheets[i].rel_id);
		free(x->sheets[i].part);
	}
	free(x->sheets);
	for (size_t i = 0; i < x->n_strings; i++)
		free(x->strings[i]);
	free(x->strings);
	free(x->strings_part);
	if (x->zip)
		zip_discard(x->zip);
	free(x->name);
	free(x);
}

size_t xlsx_sheet_count(const struct xlsx *x)
{
	return x->n_sheets;
}

const char *xlsx_sheet_name(const struct xlsx *x, size_t i)
{
	return x->sheets[i].name;
}

int xlsx_sheet_index(const struct xlsx *x, const char *name)
{
	for (size_t i = 0; i < x->n_sheets; i++)
		if (strcmp(x->sheets[i].name, name) == 0)
			return (int)i;
	return -1;
}

void xlsx_column_name(size_t col, char out[XLSX_COLUMN_NAME_MAX])
{
	char rev[XLSX_COLUMN_NAME_MAX];
	size_t n = 0;
	while (col > 0 && n < XLSX_COLUMN_NAME_MAX - 1) {
		rev[n++] = (char)('A' + (col - 1) % 26);
		col = (col - 1) / 26;
	}
	for (size_t i = 0; i < n; i++)
		out[i] = rev[n - 1 - i];
	out[n] = '\0';
}

/* ---- a worksheet ---- */

enum cell_type { CELL_NUMBER, CELL_SHARED, CELL_INLINE, CELL_STRING, CELL_BOOL, CELL_ERROR, CELL_DATE };

struct sheet_state {
	struct xml_state xml;
	xlsx_row_fn fn;
	void *ctx;
	bool in_data, in_row, in_cell, in_value, in_inline_t;
	int in_phonetic;
	size_t row, col;		/* the current row and the last column seen in it */
	enum cell_type type;
	struct buf value;		/* the current cell's text */
	struct buf text;		/* the row's cell texts, each NUL-terminated */
	size_t *offset;			/* offset[c] in text of column c + 1, or SIZE_MAX for none */
	const char **cell;
	size_t n_cells;			/* columns up to the last non-empty one */
};

static bool parse_uint(const char *s, size_t max, size_t *out)
{
	size_t v = 0;
	if (!*s)
		return false;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || v > max / 10)
			return false;
		v = v * 10 + (size_t)(*s - '0');
	}
	if (v > max)
		return false;
	*out = v;
	return true;
}

/* "AB12" -> column 28 and row 12; false when malformed. */
static bool parse_ref(const char *ref, size_t *col, size_t *row)
{
	size_t c = 0, i = 0;
	for (; ref[i] >= 'A' && ref[i] <= 'Z'; i++) {
		if (i == 3)
			return false;
		c = c * 26 + (size_t)(ref[i] - 'A' + 1);
	}
	if (i == 0 || !parse_uint(ref + i, XLSX_MAX_ROWS, row) || *row == 0)
		return false;
	*col = c;
	return true;
}

static void row_start(struct sheet_state *s, const XML_Char **atts)
{
	const char *r = attr(atts, "r", false);
	size_t row = s->row + 1;
	if (s->in_row) {
		xml_fail(&s->xml, "a row inside a row");
		return;
	}
	if (r && (!parse_uint(r, XLSX_MAX_ROWS, &row) || row == 0)) {
		xml_fail(&s->xml, "row number '%.20s' is not one from 1 to %d", r, XLSX_MAX_ROWS);
		return;
	}
	if (row <= s->row) {
		xml_fail(&s->xml, "row %zu comes after row %zu", row, s->row);
		return;
	}
	if (row > XLSX_MAX_ROWS) {
		xml_fail(&s->xml, "more than %d rows", XLSX_MAX_ROWS);
		return;
	}
	s->in_row = true;
	s->row = row;
	s->col = 0;
	s->n_cells = 0;
	buf_reset(&s->text);
}

static void cell_start(struct sheet_state *s, const XML_Char **atts)
{
	static const struct { const char *name; enum cell_type type; } types[] = {
		{ "n", CELL_NUMBER }, { "s", CELL_SHARED }, { "inlineStr", CELL_INLINE }, { "str", CELL_STRING },
		{ "b", CELL_BOOL }, { "e", CELL_ERROR }, { "d", CELL_DATE },
	};
	const char *r = attr(atts, "r", false), *t = attr(atts, "t", false);
	size_t col = s->col + 1, row = s->row;
	char name[XLSX_COLUMN_NAME_MAX];

	if (!s->in_row || s->in_cell) {
		xml_fail(&s->xml, "a cell outside a row");
		return;
	}
	if (r && !parse_ref(r, &col, &row)) {
		xml_fail(&s->xml, "cell reference '%.20s' is not a column and a row such as B12", r);
		return;
	}
	if (row != s->row) {
		xml_fail(&s->xml, "cell %.20s is in row %zu", r, s->row);
		return;
	}
	if (col > XLSX_MAX_COLUMNS) {
		xml_fail(&s->xml, "a cell beyond the last column allied reads (%d) in row %zu", XLSX_MAX_COLUMNS, row);
		return;
	}
	if (col <= s->col) {
		xlsx_column_name(s->col, name);
		xml_fail(&s->xml, "cell %.20s comes after column %s of its row", r, name);
		return;
	}
	s->type = CELL_NUMBER;
	if (t) {
		size_t i;
		for (i = 0; i < sizeof(types) / sizeof(types[0]) && strcmp(types[i].name, t) != 0; i++)
			;
		if (i == sizeof(types) / sizeof(types[0])) {
			xml_fail(&s->xml, "unknown cell type '%.20s'", t);
			return;
		}
		s->type = types[i].type;
	}
	s->in_cell = true;
	s->col = col;
	buf_reset(&s->value);
}

static void cell_end(struct sheet_state *s)
{
	struct xlsx *x = s->xml.x;
	const char *text = s->value.data;
	size_t k;

	s->in_cell = false;
	if (buf_overflowed(&s->value)) {
		xml_fail(&s->xml, "a cell longer than %zu bytes", XLSX_MAX_CELL_BYTES);
		return;
	}
	if (s->type == CELL_SHARED && s->value.len) {
		if (!parse_uint(text, SIZE_MAX, &k) || k >= x->n_strings) {
			xml_fail(&s->xml, "shared string '%.20s' does not exist (the workbook has %zu)", text, x->n_strings);
			return;
		}
		text = x->strings[k];
	} else if (s->type == CELL_BOOL && s->value.len) {
		if (strcmp(text, "0") != 0 && strcmp(text, "1") != 0) {
			xml_fail(&s->xml, "boolean '%.20s' is not 0 or 1", text);
			return;
		}
		text = text[0] == '1' ? "TRUE" : "FALSE";
	}
	if (!*text)
		return;
	s->offset[s->col - 1] = s->text.len;
	buf_add(&s->text, text, strlen(text) + 1);
	if (buf_overflowed(&s->text)) {
		xml_fail(&s->xml, "a row longer than %zu bytes", XLSX_MAX_CELL_BYTES * 4);
		return;
	}
	for (size_t c = s->n_cells; c + 1 < s->col; c++)
		s->offset[c] = SIZE_MAX;
	s->n_cells = s->col;
}

static void row_end(struct sheet_state *s)
{
	s->in_row = false;
	if (s->n_cells == 0)
		return;
	for (size_t c = 0; c < s->n_cells; c++)
		s->cell[c] = s->offset[c] == SIZE_MAX ? "" : s->text.data + s->offset[c];
	struct xlsx_row r = { s->row, s->n_cells, s->cell, s->xml.done, s->xml.size };
	int rc = s->fn(s->ctx, &r, s->xml.err);
	if (rc < 0)
		xml_stop(&s->xml, rc);
}

static void XMLCALL sheet_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct sheet_state *s = ud;
	const char *n = local_name(name);
	if (strcmp(n, "sheetData") == 0)
		s->in_data = true;
	else if (!s->in_data)
		return;
	else if (strcmp(n, "row") == 0)
		row_start(s, atts);
	else if (strcmp(n, "c") == 0)
		cell_start(s, atts);
	else if (!s->in_cell)
		return;
	else if (strcmp(n, "v") == 0 && s->type != CELL_INLINE)
		s->in_value = true;
	else if (strcmp(n, "rPh") == 0)
		s->in_phonetic++;
	else if (strcmp(n, "t") == 0 && s->type == CELL_INLINE && !s->in_phonetic)
		s->in_inline_t = true;
}

static void XMLCALL sheet_end(void *ud, const XML_Char *name)
{
	struct sheet_state *s = ud;
	const char *n = local_name(name);
	if (!s->in_data)
		return;
	if (strcmp(n, "sheetData") == 0)
		s->in_data = false;
	else if (strcmp(n, "row") == 0 && s->in_row)
		row_end(s);
	else if (strcmp(n, "c") == 0 && s->in_cell)
		cell_end(s);
	else if (strcmp(n, "v") == 0)
		s->in_value = false;
	else if (strcmp(n, "t") == 0)
		s->in_inline_t = false;
	else if (strcmp(n, "rPh") == 0 && s->in_phonetic)
		s->in_phonetic--;
}

static void XMLCALL sheet_text(void *ud, const XML_Char *text, int len)
{
	struct sheet_state *s = ud;
	if (s->in_value || s->in_inline_t)
		buf_add(&s->value, text, (size_t)len);
}

int xlsx_read_sheet(struct xlsx *x, size_t i, xlsx_row_fn fn, void *ctx, struct diag *err)
{
	struct sheet_state s;
	int rc;

	memset(&s, 0, sizeof(s));
	s.fn = fn;
	s.ctx = ctx;
	buf_init(&s.value, XLSX_MAX_CELL_BYTES);
	buf_init(&s.text, XLSX_MAX_CELL_BYTES * 4);
	s.offset = xcalloc(XLSX_MAX_COLUMNS, sizeof(*s.offset));
	s.cell = xcalloc(XLSX_MAX_COLUMNS, sizeof(*s.cell));
	rc = xml_part(x, x->sheets[i].part, &s.xml, sheet_start, sheet_end, sheet_text, err);
	if (rc == ALLIED_ENOTFOUND)
		rc = diag_set(err, ALLIED_EINVAL, "%s: sheet '%s' has no part '%s'", x->name, x->sheets[i].name,
			      x->sheets[i].part);
	free(s.offset);
	free(s.cell);
	buf_release(&s.value);
	buf_release(&s.text);
	return rc;
}
