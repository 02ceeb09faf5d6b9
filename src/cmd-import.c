/*
 * allied import: official data files into the database, in one transaction each.
 *
 * One row of the kinds table per importer: how to read its files and what to say after.
 * The progress bar (progress.h) is drawn on standard error, only when that is a terminal and
 * the import has run for more than a second.
 */
#include "cmd.h"
#include "import.h"
#include "progress.h"
#include "yload.h"

#include <stdlib.h>
#include <string.h>

const char cmd_import_usage[] =
	"usage: allied import KIND FILE... [--dry-run]\n"
	"\n"
	"Import an official data file into the database. The whole file is checked first; only a\n"
	"file without a single problem is written, in one transaction, so a failed import leaves the\n"
	"database exactly as it was. Problems are listed as FILE:LINE:COLUMN: message. Importing the\n"
	"same file again changes nothing. --dry-run checks the file and writes nothing.\n"
	"\n"
	"Kinds:\n"
	"  zcta    the Census Bureau's ZCTA gazetteer (Gaz_zcta_national.txt): ZIP code centroids\n"
	"          for 'allied programs --near'\n"
	"\n"
	"Formats and sources: docs/importers.md.\n";

/* ---- the kinds ---- */

/* Read the one file of a single-file kind, then run fn on its bytes. */
typedef int (*bytes_importer)(struct store *st, const char *name, const char *data, size_t len,
			      const struct import_options *opt, struct import_result *res, struct diag *err);

static int import_one_file(bytes_importer fn, struct store *st, const struct strvec *files,
			   const struct import_options *opt, struct import_result *res, struct diag *err)
{
	char *data = NULL;
	size_t len = 0;
	int rc = yload_read_file(files->v[0], &data, &len, err);
	if (rc == 0)
		rc = fn(st, files->v[0], data, len, opt, res, err);
	free(data);
	return rc;
}

static int run_zcta(struct store *st, const struct strvec *files, const struct import_options *opt,
		    struct import_result *res, struct diag *err)
{
	return import_one_file(import_zcta, st, files, opt, res, err);
}

static const struct import_kind {
	const char *name;
	size_t min_files, max_files;
	const char *example;		/* for a usage error */
	const char *unit;		/* what a row is, plural */
	int (*run)(struct store *st, const struct strvec *files, const struct import_options *opt,
		   struct import_result *res, struct diag *err);
} kinds[] = {
	{ "zcta", 1, 1, "allied import zcta Gaz_zcta_national.txt", "ZIP code centroids", run_zcta },
};

static const struct import_kind *find_kind(const char *name)
{
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcmp(kinds[i].name, name) == 0)
			return &kinds[i];
	return NULL;
}

bool cmd_import_has_kind(const char *kind_name)
{
	return find_kind(kind_name) != NULL;
}

static int has_value(const char *name)
{
	return strcmp(name, "dry-run") == 0 ? 0 : -1;
}

static int set_option(void *vctx, const char *name, const char *value, struct diag *err)
{
	(void)name;
	(void)value;
	(void)err;
	*(bool *)vctx = true;
	return 0;
}

int cmd_import_run(struct cli *cli, const char *kind_name, const struct strvec *files, bool dry_run)
{
	const struct import_kind *kind = find_kind(kind_name);
	struct import_options opt = { .dry_run = dry_run };
	struct progress_bar bar;
	struct import_result res;
	struct store *st;
	struct diag err;
	int rc;

	diag_init(&err);
	if (!kind)
		return cli_usage_error("import", "unknown kind '%s'", kind_name);
	if (files->n < kind->min_files || files->n > kind->max_files)
		return cli_usage_error("import", "wrong number of files for %s, e.g. %s", kind->name, kind->example);
	if (cli_open_store(cli, dry_run ? STORE_READ_ONLY : STORE_READ_WRITE, &st, &err) < 0)
		return cli_fail(&err);
	progress_init(&bar, stderr);
	opt.progress.fn = progress_draw;
	opt.progress.ctx = &bar;
	rc = kind->run(st, files, &opt, &res, &err);
	progress_clear(&bar);
	store_close(st);
	if (rc < 0) {
		fprintf(stderr, "allied import: %s was not imported; the database is unchanged\n", files->v[0]);
		return cli_fail(&err);
	}
	if (dry_run)
		fprintf(cli->out, "%s: %zu %s, no problems (dry run: nothing written)\n", files->v[0], res.rows, kind->unit);
	else
		fprintf(cli->out, "%s: %zu %s read, %zu added or changed\n", files->v[0], res.rows, kind->unit, res.changed);
	return 0;
}

int cmd_import(struct cli *cli, int argc, char **argv)
{
	bool dry_run = false;
	struct cli_options opts = { has_value, set_option, &dry_run };
	struct strvec args, files;
	char names[256] = "";
	int rc;

	strvec_init(&args);
	rc = cli_parse(cli, "import", argc, argv, &opts, NULL, &args);
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		snprintf(names + strlen(names), sizeof(names) - strlen(names), "%s%s", i ? ", " : "", kinds[i].name);
	if (rc == 0 && args.n == 0)
		rc = cli_usage_error("import", "give a kind and its files (kinds: %s)", names);
	if (rc == 0 && !find_kind(args.v[0]))
		rc = cli_usage_error("import", "unknown kind '%s' (allied can import: %s)", args.v[0], names);
	if (rc == 0) {
		strvec_init(&files);
		for (size_t i = 1; i < args.n; i++)
			strvec_push(&files, args.v[i]);
		rc = cmd_import_run(cli, args.v[0], &files, dry_run);
		strvec_release(&files);
	}
	strvec_release(&args);
	return rc;
}
