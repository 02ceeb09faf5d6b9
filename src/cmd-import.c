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
#include "xmalloc.h"
#include "yload.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char cmd_import_usage[] =
	"usage: allied import KIND FILE|DIR... [--dry-run]\n"
	"\n"
	"Import an official data file into the database. The whole file is checked first; only a\n"
	"file without a single problem is written, in one transaction, so a failed import leaves the\n"
	"database exactly as it was. Problems are listed as FILE:LINE:COLUMN: message (in a JSON\n"
	"program file FILE:[INDEX].KEY: message). Importing the same file again changes nothing.\n"
	"--dry-run checks the file and writes nothing.\n"
	"\n"
	"Kinds:\n"
	"  zcta         the Census Bureau's ZCTA gazetteer (Gaz_zcta_national.txt): ZIP code\n"
	"               centroids for 'allied programs --near'\n"
	"  oews         BLS Occupational Employment and Wage Statistics, the national file\n"
	"               (national_M2024_dl.xlsx): wages by occupation, applied to the careers\n"
	"  projections  BLS Employment Projections (occupation.xlsx, sheet Table 1.2): employment,\n"
	"               growth, openings and entry education, applied to the careers\n"
	"  onet         O*NET text releases, given as directories (e.g. onet-29.3 onet-29.0):\n"
	"               every occupation becomes a career that search and match know; curated\n"
	"               careers keep their own facts and gain O*NET's alternate titles and tasks\n"
	"               for search. Each file is taken from the first directory that has it;\n"
	"               Occupation Data.txt is required, and each directory used needs its\n"
	"               Read Me.txt (the release)\n"
	"  ipeds-hd     the NCES IPEDS directory (hd2024.csv): every active U.S. institution with its\n"
	"               address, coordinates and website\n"
	"  cip-soc      the NCES CIP 2020 - SOC 2018 crosswalk, the workbook NCES publishes\n"
	"               (CIP2020_SOC2018_Crosswalk.xlsx) or a CSV of its sheet, and optionally the\n"
	"               CIP code list (CIPCode2020.csv) as a second file\n"
	"  programs     a school's own program file, CSV or JSON (format: docs/program-format.md);\n"
	"               importing it again replaces the programs it added before. A cip without\n"
	"               careers needs cip-soc imported first; a unitid allied does not have,\n"
	"               ipeds-hd (or the school's name, city and state)\n"
	"\n"
	"Formats and sources: docs/importers.md.\n";

/* ---- the kinds ---- */

/* An importer of one file's bytes (import.h). */
typedef int (*bytes_importer)(struct store *st, const char *name, const char *data, size_t len,
			      const struct import_options *opt, struct import_result *res, struct diag *err);

/* O*NET: each file from the first directory that has it, and the Read Me of each directory used. */
static int run_onet(struct store *st, const struct strvec *dirs, const struct import_options *opt,
		    struct import_result *res, struct buf *note, struct diag *err)
{
	struct onet_input in[ONET_FILE_COUNT];
	struct import_readme *readmes = xcalloc(dirs->n, sizeof(*readmes));
	char *data[ONET_FILE_COUNT] = { NULL };
	struct strvec paths;
	int rc = 0;

	strvec_init(&paths);
	memset(in, 0, sizeof(in));
	for (size_t i = 0; rc == 0 && i < dirs->n; i++) {
		struct stat sb;
		if (stat(dirs->v[i], &sb) != 0 || !S_ISDIR(sb.st_mode))
			rc = diag_set(err, ALLIED_EINVAL, "'%s' is not a directory: give the directories of O*NET text releases",
				      dirs->v[i]);
	}
	for (int f = 0; rc == 0 && f < ONET_FILE_COUNT; f++) {
		in[f].release = -1;
		for (size_t i = 0; rc == 0 && i < dirs->n && !in[f].data; i++) {
			char *path = xasprintf("%s/%s", dirs->v[i], onet_file_names[f]);
			strvec_push_owned(&paths, path);
			if (access(path, F_OK) != 0)
				continue;
			rc = yload_read_file(path, &data[f], &in[f].len, err);
			in[f] = (struct onet_input){ path, data[f], in[f].len, (int)i };
			if (rc == 0 && !readmes[i].path) {
				readmes[i].path = xasprintf("%s/%s", dirs->v[i], ONET_README);
				if (access(readmes[i].path, F_OK) != 0)
					rc = diag_set(err, ALLIED_EINVAL, "%s: not found; allied takes the release's name and date from it",
						      readmes[i].path);
				else
					rc = yload_read_file(readmes[i].path, (char **)&readmes[i].data, &readmes[i].len, err);
			}
		}
	}
	if (rc == 0 && !in[ONET_OCCUPATIONS].data)
		rc = diag_set(err, ALLIED_EINVAL, "no %s in %s%s: it is required", onet_file_names[ONET_OCCUPATIONS],
			      dirs->v[0], dirs->n > 1 ? " or the other directories" : "");
	if (rc == 0)
		rc = import_onet(st, readmes, dirs->n, in, opt, res, err);
	for (int f = 0; rc == 0 && f < ONET_FILE_COUNT; f++) {
		const struct import_readme *r = in[f].data ? &readmes[in[f].release] : NULL;
		if (r)
			buf_addf(note, "  %s (%.*s)\n", in[f].path, (int)strcspn(r->data, "\r\n"), r->data);
		else
			buf_addf(note, "  %s: in none of the directories, skipped\n", onet_file_names[f]);
	}
	for (size_t i = 0; i < dirs->n; i++) {
		free((char *)readmes[i].path);
		free((char *)readmes[i].data);
	}
	free(readmes);
	for (int f = 0; f < ONET_FILE_COUNT; f++)
		free(data[f]);
	strvec_release(&paths);
	return rc;
}

static int run_cip_soc(struct store *st, const struct strvec *files, const struct import_options *opt,
		       struct import_result *res, struct buf *note, struct diag *err)
{
	(void)note;
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
	/* a kind of one file: its bytes go to bytes */
	bytes_importer bytes;
	/* any other kind reads its files itself; note: lines to print after the result */
	int (*run)(struct store *st, const struct strvec *files, const struct import_options *opt,
		   struct import_result *res, struct buf *note, struct diag *err);
} kinds[] = {
	{ "zcta", 1, 1, "allied import zcta Gaz_zcta_national.txt", "ZIP code centroids", import_zcta, NULL },
	{ "oews", 1, 1, "allied import oews national_M2024_dl.xlsx", "occupations", import_oews, NULL },
	{ "projections", 1, 1, "allied import projections occupation.xlsx", "occupations", import_projections, NULL },
	{ "onet", 1, 8, "allied import onet onet-29.3 onet-29.0", "O*NET occupations", NULL, run_onet },
	{ "ipeds-hd", 1, 1, "allied import ipeds-hd hd2024.csv", "institutions", import_ipeds_hd, NULL },
	{ "cip-soc", 1, 2, "allied import cip-soc CIP2020_SOC2018_Crosswalk.xlsx [CIPCode2020.csv]", "rows", NULL,
	  run_cip_soc },
	{ "programs", 1, 1, "allied import programs my-school.csv", "programs", import_programs, NULL },
};

/* Run kind on files: a one-file kind's file is read here. */
static int run_kind(const struct import_kind *kind, struct store *st, const struct strvec *files,
		    const struct import_options *opt, struct import_result *res, struct buf *note, struct diag *err)
{
	char *data = NULL;
	size_t len = 0;
	int rc;

	if (kind->run)
		return kind->run(st, files, opt, res, note, err);
	rc = yload_read_file(files->v[0], &data, &len, err);
	if (rc == 0)
		rc = kind->bytes(st, files->v[0], data, len, opt, res, err);
	free(data);
	return rc;
}

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
	struct buf note;
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
	buf_init(&note, 0);
	rc = run_kind(kind, st, files, &opt, &res, &note, &err);
	progress_clear(&bar);
	store_close(st);
	if (rc < 0) {
		buf_release(&note);
		fprintf(stderr, "allied import: %s was not imported; the database is unchanged\n", files->v[0]);
		return cli_fail(&err);
	}
	if (dry_run)
		fprintf(cli->out, "%s: %zu %s, no problems (dry run: nothing written)\n", files->v[0], res.rows, kind->unit);
	else
		fprintf(cli->out, "%s: %zu %s read, %zu added or changed\n", files->v[0], res.rows, kind->unit, res.changed);
	fputs(note.data, cli->out);
	buf_release(&note);
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
