/*
 * cli: shared front-end helpers (see cli.h).
 */
#include "cli.h"
#include "embed.h"
#include "search.h"
#include "text.h"
#include "xmalloc.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const struct cli_command *cli_find_command(const char *name)
{
	for (const struct cli_command *c = cli_commands; c->name; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

char *cli_default_db_path(void)
{
	const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
	if (xdg && *xdg == '/')
		return xasprintf("%s/allied/allied.db", xdg);
	return xasprintf("%s/.local/share/allied/allied.db", home && *home ? home : ".");
}

int cli_install_default(const char *path, struct diag *err)
{
	size_t len = (size_t)(allied_db_image_end - allied_db_image);

	if (len == 0)
		return diag_set(err, ALLIED_EIO,
				"this allied was built without an embedded database; use --db FILE after 'allied db build'");
	return store_install_image(path, allied_db_image, len, "embedded", err);
}

/*
 * An embedded-origin database with nothing imported is refreshed when it came from another
 * knowledge base or schema version than the one in this binary.
 */
static int is_stale_default(const char *path)
{
	struct store *st;
	struct diag ignore;
	char *origin = NULL, *hash = NULL, *imports = NULL, *version = NULL;
	int stale = 0;

	diag_init(&ignore);
	if (!allied_kb_hash[0] || store_open(path, STORE_READ_ONLY | STORE_ANY_VERSION, &st, &ignore) < 0)
		return 0;
	if (store_meta_get(st, "origin", &origin, &ignore) == 0 && store_meta_get(st, "kb_hash", &hash, &ignore) == 0 &&
	    store_meta_get(st, "imports", &imports, &ignore) == 0 &&
	    store_meta_get(st, "schema_version", &version, &ignore) == 0)
		stale = origin && strcmp(origin, "embedded") == 0 && (!imports || strcmp(imports, "0") == 0) &&
			((hash && strcmp(hash, allied_kb_hash) != 0) || !version ||
			 atoi(version) != STORE_SCHEMA_VERSION);
	free(origin);
	free(hash);
	free(imports);
	free(version);
	store_close(st);
	return stale;
}

int cli_open_store(struct cli *cli, int mode, struct store **st, struct diag *err)
{
	int rc;
	if (access(cli->db_path, F_OK) != 0 || is_stale_default(cli->db_path))
		if ((rc = cli_install_default(cli->db_path, err)) < 0)
			return rc;
	return store_open(cli->db_path, mode, st, err);
}

int cli_fail(const struct diag *err)
{
	const char *p = err->msg;
	if (!*p)
		p = "failed";
	while (*p) {
		const char *nl = strchr(p, '\n');
		int len = nl ? (int)(nl - p) : (int)strlen(p);
		fprintf(stderr, "allied: %.*s\n", len, p);
		p += len + (nl != NULL);
	}
	return diag_exit_code(err->code ? err->code : ALLIED_EIO);
}

int cli_usage_error(const char *command, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "allied %s: ", command);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, " (see 'allied help %s')\n", command);
	return EXIT_USAGE;
}

void cli_print_json(struct cli *cli, json_t *doc)
{
	json_dumpf(doc, cli->out, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10));
	fputc('\n', cli->out);
	json_decref(doc);
}

int cli_parse(struct cli *cli, const char *command, int argc, char **argv, const struct cli_options *opts,
	      long *limit, struct strvec *args)
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--") == 0) {
			for (i++; i < argc; i++)
				strvec_push(args, argv[i]);
			break;
		}
		if (strncmp(a, "--", 2) != 0 || a[2] == '\0') {
			strvec_push(args, a);
			continue;
		}
		char name[64];
		const char *eq = strchr(a + 2, '='), *value = NULL;
		size_t len = eq ? (size_t)(eq - a - 2) : strlen(a + 2);
		if (len >= sizeof(name))
			return cli_usage_error(command, "unknown option '%s'", a);
		memcpy(name, a + 2, len);
		name[len] = '\0';
		if (strcmp(name, "json") == 0 && !eq) {
			cli->json = true;
			continue;
		}
		int has_value = strcmp(name, "limit") == 0 && limit ? 1 : (opts ? opts->has_value(name) : -1);
		if (has_value < 0)
			return cli_usage_error(command, "unknown option '--%s'", name);
		if (has_value) {
			if (eq)
				value = eq + 1;
			else if (i + 1 < argc)
				value = argv[++i];
			else
				return cli_usage_error(command, "option '--%s' needs a value", name);
		} else if (eq) {
			return cli_usage_error(command, "option '--%s' takes no value", name);
		}
		if (strcmp(name, "limit") == 0 && limit) {
			char *end;
			long v = strtol(value, &end, 10);
			if (end == value || *end || v < 1 || v > 10000)
				return cli_usage_error(command, "--limit: '%s' is not a number from 1 to 10000", value);
			*limit = v;
			continue;
		}
		struct diag err;
		diag_init(&err);
		if (opts->set(opts->ctx, name, value, &err) < 0) {
			if (err.code == ALLIED_EUSAGE)
				return cli_usage_error(command, "%s", err.msg);
			fprintf(stderr, "allied %s: %s\n", command, err.msg);
			return EXIT_REJECTED;
		}
	}
	return 0;
}

struct filter_ctx {
	struct career_filter *filter;
	const struct catalog *cat;
};

static int set_filter(void *vctx, const char *name, const char *value, struct diag *err)
{
	struct filter_ctx *ctx = vctx;
	return filter_set(ctx->filter, ctx->cat, name, value, err);
}

int cli_parse_options(struct cli *cli, const char *command, int argc, char **argv, const struct catalog *cat,
		      struct career_filter *filter, long *limit, struct strvec *args)
{
	struct filter_ctx ctx = { filter, cat };
	struct cli_options opts = { filter_option_has_value, set_filter, &ctx };
	return cli_parse(cli, command, argc, argv, filter ? &opts : NULL, limit, args);
}

const char *cli_money(int64_t usd, char *buf, size_t n)
{
	if (usd == CAREER_UNKNOWN) {
		snprintf(buf, n, "unknown");
		return buf;
	}
	return text_usd(usd, buf, n);
}

const char *cli_count(int64_t v, char *buf, size_t n)
{
	if (v == CAREER_UNKNOWN) {
		snprintf(buf, n, "unknown");
		return buf;
	}
	cli_money(v, buf, n);
	memmove(buf, buf + 1, strlen(buf));	/* drop the '$' */
	return buf;
}

const char *cli_months(int lo, int hi, char *buf, size_t n)
{
	return text_months(lo, hi, buf, n);
}

void cli_wrap(FILE *f, int indent, int hang, const char *text, int width)
{
	const char *p = text;
	int col = 0, lines = 0;

	while (*p) {
		while (*p == ' ' || *p == '\n')
			p++;
		if (!*p)
			break;
		size_t len = strcspn(p, " \n");
		if (col > 0 && col + 1 + (int)len > width) {
			fputc('\n', f);
			col = 0;
		}
		if (col == 0) {
			int in = indent + (lines++ ? hang : 0);
			fprintf(f, "%*s", in, "");
			col = in;
		} else {
			fputc(' ', f);
			col++;
		}
		fwrite(p, 1, len, f);
		col += (int)len;
		p += len;
	}
	if (col)
		fputc('\n', f);
}

void cli_table_init(struct cli_table *t, size_t n_cols, unsigned right_align)
{
	t->n_cols = n_cols;
	t->right_align = right_align;
	strvec_init(&t->cells);
}

void cli_table_add(struct cli_table *t, const char *const *row)
{
	for (size_t i = 0; i < t->n_cols; i++)
		strvec_push(&t->cells, row[i] ? row[i] : "");
}

/* Display width of UTF-8 text: count the bytes that start a character. */
static int text_width(const char *s)
{
	int w = 0;
	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			w++;
	return w;
}

void cli_table_print(const struct cli_table *t, FILE *f, int indent)
{
	int width[16] = { 0 };
	size_t rows = t->n_cols ? t->cells.n / t->n_cols : 0;

	for (size_t r = 0; r < rows; r++)
		for (size_t c = 0; c < t->n_cols && c < 16; c++) {
			int w = text_width(t->cells.v[r * t->n_cols + c]);
			if (w > width[c])
				width[c] = w;
		}
	for (size_t r = 0; r < rows; r++) {
		fprintf(f, "%*s", indent, "");
		for (size_t c = 0; c < t->n_cols && c < 16; c++) {
			const char *cell = t->cells.v[r * t->n_cols + c];
			int pad = width[c] - text_width(cell);
			int last = c + 1 == t->n_cols;
			if (t->right_align & (1u << c))
				fprintf(f, "%*s%s", pad, "", cell);
			else if (last)
				fputs(cell, f);
			else
				fprintf(f, "%s%*s", cell, pad, "");
			if (!last)
				fputs("  ", f);
		}
		fputc('\n', f);
	}
}

void cli_table_release(struct cli_table *t)
{
	strvec_release(&t->cells);
}
