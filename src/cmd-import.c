/*
 * allied import: official data files into the database, in one transaction each.
 */
#include "cmd.h"
#include "import.h"
#include "yload.h"

#include <stdlib.h>
#include <string.h>

const char cmd_import_usage[] =
	"usage: allied import KIND FILE [--dry-run]\n"
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

int cmd_import(struct cli *cli, int argc, char **argv)
{
	bool dry_run = false;
	struct cli_options opts = { has_value, set_option, &dry_run };
	struct import_result res;
	struct strvec args;
	struct store *st;
	struct diag err;
	char *data = NULL;
	size_t len = 0;
	int rc;

	diag_init(&err);
	strvec_init(&args);
	rc = cli_parse(cli, "import", argc, argv, &opts, NULL, &args);
	if (rc == 0 && args.n != 2)
		rc = cli_usage_error("import", "give a kind and a file, e.g. allied import zcta Gaz_zcta_national.txt");
	if (rc == 0 && strcmp(args.v[0], "zcta") != 0)
		rc = cli_usage_error("import", "unknown kind '%s' (allied can import: zcta)", args.v[0]);
	if (rc) {
		strvec_release(&args);
		return rc;
	}
	if (yload_read_file(args.v[1], &data, &len, &err) < 0) {
		strvec_release(&args);
		return cli_fail(&err);
	}
	if (cli_open_store(cli, dry_run ? STORE_READ_ONLY : STORE_READ_WRITE, &st, &err) < 0) {
		free(data);
		strvec_release(&args);
		return cli_fail(&err);
	}
	rc = import_zcta(st, args.v[1], data, len, dry_run, &res, &err);
	store_close(st);
	free(data);
	if (rc < 0) {
		fprintf(stderr, "allied import: %s was not imported; the database is unchanged\n", args.v[1]);
		strvec_release(&args);
		return cli_fail(&err);
	}
	if (dry_run)
		fprintf(cli->out, "%s: %zu ZIP code centroids, no problems (dry run: nothing written)\n", args.v[1], res.rows);
	else
		fprintf(cli->out, "%s: %zu ZIP code centroids read, %zu added or changed\n", args.v[1], res.rows, res.changed);
	strvec_release(&args);
	return 0;
}
