/*
 * allied import: official data files into the database, in one transaction each.
 *
 * One row of the kinds table per importer: how to read its files and what to say after.
 * The progress bar is drawn here, on standard error, only when that is a terminal and the
 * import has run for more than a second.
 */
#include "cmd.h"
#include "import.h"
#include "yload.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

const char cmd_import_usage[] =
	"usage: allied import KIND FILE... [--dry-run]\n"
	"\n"
	"Import an official data file into the database. The whole file is checked first; only a\n"
	"file without a single problem is written, in one transaction, so a failed import leaves the\n"
	"database exactly as it was. Problems are listed as FILE:LINE:COLUMN: message. Importing the\n"
	"same file again changes nothing. --dry-run checks the file and writes nothing.\n"
	"\n"
	"Kinds:\n"
	"  zcta      the Census Bureau's ZCTA gazetteer (Gaz_zcta_national.txt): ZIP code centroids\n"
	"            for 'allied programs --near'\n"
	"  ipeds-hd  the NCES IPEDS directory (hd2024.csv): every active U.S. institution with its\n"
	"            address, coordinates and website\n"
	"  cip-soc   the NCES CIP 2020 - SOC 2018 crosswalk (CIP2020_SOC2018_Crosswalk.csv), and\n"
	"            optionally the CIP code list (CIPCode2020.csv) as a second file\n"
	"  programs  a school's own program file, CSV or JSON (format: docs/program-format.md);\n"
	"            importing it again replaces the programs it added before\n"
	"\n"
	"Formats and sources: docs/importers.md.\n";

/* ---- progress bar ---- */

struct progress_bar {
	FILE *out;
	bool tty;
	struct timespec start, last;
	bool drawn;
};

static double seconds_between(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) + (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

static void progress_draw(void *ctx, const char *stage, size_t done, size_t total)
{
	struct progress_bar *p = ctx;
	struct timespec now;
	char bar[31];

	if (!p->tty)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (seconds_between(&p->start, &now) < 1.0 || (p->drawn && seconds_between(&p->last, &now) < 0.1))
		return;
	p->last = now;
	p->drawn = true;
	if (total) {
		size_t fill = done >= total ? 30 : done * 30 / total;
		memset(bar, '#', fill);
		memset(bar + fill, '.', 30 - fill);
		bar[30] = '\0';
		fprintf(p->out, "\r\033[K%.40s [%s] %3zu%%", stage, bar, done >= total ? 100 : done * 100 / total);
	} else {
		fprintf(p->out, "\r\033[K%.40s %zu", stage, done);
	}
	fflush(p->out);
}

static void progress_clear(struct progress_bar *p)
{
	if (p->drawn) {
		fputs("\r\033[K", p->out);
		fflush(p->out);
	}
}

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

static int run_ipeds_hd(struct store *st, const struct strvec *files, const struct import_options *opt,
			struct import_result *res, struct diag *err)
{
	return import_one_file(import_ipeds_hd, st, files, opt, res, err);
}

static int run_programs(struct store *st, const struct strvec *files, const struct import_options *opt,
			struct import_result *res, struct diag *err)
{
	return import_one_file(import_programs, st, files, opt, res, err);
}

static int run_cip_soc(struct store *st, const struct strvec *files, const struct import_options *opt,
		       struct import_result *res, struct diag *err)
{
	char *walk = NULL, *codes = NULL;
	size_t walk_len = 0, codes_len = 0;
	int rc = yload_read_file(files->v[0], &walk, &walk_len, err);
	if (rc == 0 && files->n > 1)
		rc = yload_read_file(files->v[1], &codes, &codes_len, err);
	if (rc == 0)
		rc = import_cip_soc(st, files->v[0], walk, walk_len, files->n > 1 ? files->v[1] : NULL, codes, codes_len,
				    opt, res, err);
	free(walk);
	free(codes);
	return rc;
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
	{ "ipeds-hd", 1, 1, "allied import ipeds-hd hd2024.csv", "institutions", run_ipeds_hd },
	{ "cip-soc", 1, 2, "allied import cip-soc CIP2020_SOC2018_Crosswalk.csv [CIPCode2020.csv]", "rows", run_cip_soc },
	{ "programs", 1, 1, "allied import programs my-school.csv", "programs", run_programs },
};

static const struct import_kind *find_kind(const char *name)
{
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcmp(kinds[i].name, name) == 0)
			return &kinds[i];
	return NULL;
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
	struct progress_bar bar = { .out = stderr, .tty = isatty(STDERR_FILENO) };
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
	clock_gettime(CLOCK_MONOTONIC, &bar.start);
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
