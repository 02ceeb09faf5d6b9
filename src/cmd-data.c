/*
 * allied data: the official data, fetched. `allied data fetch` downloads the official releases
 * (fetch-releases.c), checks every file, dry-runs every import, and only then imports each
 * kind through allied import's kinds table (cmd_import_run), each in its own transaction.
 *
 * The progress bar (progress.h) is drawn on standard error, only on a terminal and only for a
 * download that takes more than a second.
 */
#include "cmd.h"
#include "fetch.h"
#include "files.h"
#include "progress.h"
#include "xmalloc.h"
#include "yload.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char cmd_data_usage[] =
	"usage: allied data fetch [--only KIND,...] [--from URL] [--cache DIR] [--manifest FILE]\n"
	"                         [--dry-run] [--download-only] [--keep]\n"
	"\n"
	"Download the official releases over HTTPS, check them, and import them (docs/importers.md).\n"
	"Every file is downloaded and checked (HTTP status, size, format, a pinned SHA-256), and\n"
	"every import is dry-run first; only when all of that passed is each kind imported, each in\n"
	"its own transaction. The size and SHA-256 of every file are printed so they can be pinned.\n"
	"\n"
	"  --only KIND,...   these kinds only (default: all): onet, oews, projections, ipeds-hd,\n"
	"                    cip-soc, zcta\n"
	"  --from URL        take every file from URL instead of its official host, keeping its path\n"
	"                    (a mirror; plain http:// only from 127.0.0.1, localhost or [::1])\n"
	"  --cache DIR       where files are downloaded and unpacked (default:\n"
	"                    $XDG_CACHE_HOME/allied, or ~/.cache/allied)\n"
	"  --manifest FILE   pin SHA-256 hashes: lines 'SHA256 URL' (the official URL); a file whose\n"
	"                    hash differs is refused\n"
	"  --dry-run         download, check and dry-run the imports; write nothing to the database\n"
	"  --download-only   download and check; do not import (the files are kept)\n"
	"  --keep            keep the downloaded files in the cache (by default they are removed)\n";

struct fetch_cli {
	struct strvec only;
	const char *from, *cache, *manifest;
	bool dry_run, download_only, keep;
};

static int has_value(const char *name)
{
	if (strcmp(name, "only") == 0 || strcmp(name, "from") == 0 || strcmp(name, "cache") == 0 ||
	    strcmp(name, "manifest") == 0)
		return 1;
	if (strcmp(name, "dry-run") == 0 || strcmp(name, "download-only") == 0 || strcmp(name, "keep") == 0)
		return 0;
	return -1;
}

static int set_option(void *vctx, const char *name, const char *value, struct diag *err)
{
	struct fetch_cli *fc = vctx;

	if (strcmp(name, "only") == 0) {
		for (const char *p = value; ; ) {
			size_t len = strcspn(p, ",");
			char *kind = xstrndup(p, len);
			if (!fetch_release_find(kind)) {
				diag_set(err, ALLIED_EUSAGE, "--only: unknown kind '%s' (kinds: onet, oews, projections, ipeds-hd, cip-soc, zcta)", kind);
				free(kind);
				return -1;
			}
			strvec_push_owned(&fc->only, kind);
			if (p[len] == '\0')
				break;
			p += len + 1;
		}
	} else if (strcmp(name, "from") == 0) {
		fc->from = value;
	} else if (strcmp(name, "cache") == 0) {
		fc->cache = value;
	} else if (strcmp(name, "manifest") == 0) {
		fc->manifest = value;
	} else if (strcmp(name, "dry-run") == 0) {
		fc->dry_run = true;
	} else if (strcmp(name, "download-only") == 0) {
		fc->download_only = true;
	} else {
		fc->keep = true;
	}
	return 0;
}

/* ---- the manifest: pinned hashes ---- */

struct pin {
	char sha256[65];
	char *url;
};

/* Read "SHA256 URL" lines ('#' comments, blank lines); every URL must be a release file's. */
static int read_manifest(const char *path, struct pin **pins, size_t *n_pins, struct diag *err)
{
	char *data = NULL, *line, *next;
	size_t len = 0, cap = 0, lineno = 0;
	int rc = yload_read_file(path, &data, &len, err);

	*pins = NULL;
	*n_pins = 0;
	if (rc < 0)
		return rc;
	for (line = data; rc == 0 && line && *line; line = next) {
		char hash[80] = "", url[1024] = "", extra[2];
		lineno++;
		if ((next = strchr(line, '\n')))
			*next++ = '\0';
		line[strcspn(line, "\r")] = '\0';
		size_t skip = strspn(line, " \t");
		if (line[skip] == '\0' || line[skip] == '#')
			continue;
		int k = sscanf(line, "%79s %1023s %1s", hash, url, extra);
		bool hex = strlen(hash) == 64 && strspn(hash, "0123456789abcdefABCDEF") == 64;
		if (k != 2 || !hex) {
			rc = diag_set(err, ALLIED_EINVAL, "%s:%zu: expected 'SHA256 URL' (64 hex digits, a space, the official URL)",
				      path, lineno);
			break;
		}
		bool known = false;
		for (size_t r = 0; r < fetch_n_releases && !known; r++)
			for (size_t f = 0; f < fetch_releases[r].n_files; f++)
				known = known || strcmp(fetch_releases[r].files[f].url, url) == 0;
		if (!known) {
			rc = diag_set(err, ALLIED_EINVAL, "%s:%zu: '%s' is not the official URL of any release file", path,
				      lineno, url);
			break;
		}
		xgrow((void **)pins, &cap, *n_pins + 1, sizeof(**pins));
		for (int i = 0; i < 65; i++)
			(*pins)[*n_pins].sha256[i] = (char)(hash[i] >= 'A' && hash[i] <= 'F' ? hash[i] - 'A' + 'a' : hash[i]);
		(*pins)[*n_pins].url = xstrdup(url);
		(*n_pins)++;
	}
	free(data);
	return rc;
}

static const char *pinned_hash(const struct fetch_file *f, const struct pin *pins, size_t n_pins)
{
	for (size_t i = 0; i < n_pins; i++)
		if (strcmp(pins[i].url, f->url) == 0)
			return pins[i].sha256;
	return f->sha256;
}

/* ---- one run ---- */

/* What one kind's files became in the cache. */
struct fetched {
	const struct fetch_release *rel;
	struct strvec files;		/* the paths to give the importer */
	struct strvec made;		/* what to remove afterwards (downloads, unpacked directories) */
	char *dir;			/* CACHE/KIND */
};

static char *default_cache_dir(void)
{
	const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
	if (xdg && *xdg == '/')
		return xasprintf("%s/allied", xdg);
	return xasprintf("%s/.cache/allied", home && *home ? home : ".");
}

/* The download's name with its extension dropped: where a zip is unpacked. */
static char *unpack_dir(const char *download)
{
	const char *dot = strrchr(download, '.'), *slash = strrchr(download, '/');
	size_t len = dot && (!slash || dot > slash) ? (size_t)(dot - download) : strlen(download);
	return xasprintf("%.*s", (int)len, download);
}

/* Download, check and unpack one file of a release into fx. */
static int fetch_one(struct cli *cli, const struct fetch_cli *fc, const struct fetch_file *f, const char *pin,
		     struct fetched *fx, struct diag *err)
{
	const char *name = strrchr(f->url, '/') + 1;
	char *url = fc->from ? fetch_rebase_url(f->url, fc->from) : xstrdup(f->url);
	char *target = xasprintf("%s/%s", fx->dir, name), *member = NULL;
	struct progress_bar bar;
	struct fetch_options opt = { .progress = { progress_draw, &bar } };
	struct fetch_result res;
	int rc;

	progress_init(&bar, stderr);
	rc = fetch_download(url, target, &opt, &res, err);
	progress_clear(&bar);
	if (rc == 0) {
		strvec_push(&fx->made, target);
		fprintf(cli->out, "  %s\n    %llu bytes, sha256 %s%s\n", url, (unsigned long long)res.bytes, res.sha256,
			pin && strcmp(pin, res.sha256) == 0 ? " (matches the pinned SHA-256)" : "");
		if (pin && strcmp(pin, res.sha256) != 0)
			rc = diag_set(err, ALLIED_EINVAL, "%s: its SHA-256 is %s, but %s pins %s", url, res.sha256,
				      fc->manifest && pin != f->sha256 ? fc->manifest : "allied", pin);
	}
	if (rc == 0 && f->member) {
		char *dir = unpack_dir(target);
		strvec_push(&fx->made, dir);
		rc = fetch_unzip(target, name, dir, f->member, NULL, &member, err);
		free(dir);
	}
	if (rc == 0)
		rc = fetch_check_format(member ? member : target, member ? f->member : name, f->format, f->header, err);
	if (rc == 0 && member && f->import_dir)
		*strrchr(member, '/') = '\0';
	if (rc == 0)
		strvec_push(&fx->files, member ? member : target);
	free(member);
	free(target);
	free(url);
	return rc;
}

/* Remove what this run put in the cache (never anything else). */
static void clean_up(struct fetched *fx)
{
	struct diag ignore;
	diag_init(&ignore);
	for (size_t i = fx->made.n; i-- > 0; )
		fetch_remove_tree(fx->made.v[i], &ignore);
	rmdir(fx->dir);
}

static int run_fetch(struct cli *cli, struct fetch_cli *fc)
{
	struct fetched *fxs = xcalloc(fetch_n_releases, sizeof(*fxs));
	struct pin *pins = NULL;
	size_t n = 0, n_pins = 0;
	char *cache = fc->cache ? xstrdup(fc->cache) : default_cache_dir();
	struct diag err;
	int rc = 0, exit_rc = 0;
	const char *stage = "downloaded";

	diag_init(&err);
	for (size_t i = 0; i < fetch_n_releases; i++) {
		const struct fetch_release *rel = &fetch_releases[i];
		if (fc->only.n && !strvec_contains(&fc->only, rel->kind))
			continue;
		if (!fc->download_only && !cmd_import_has_kind(rel->kind)) {
			exit_rc = cli_usage_error("data fetch",
						  "this allied cannot import '%s' yet (see 'allied help import'); use --download-only",
						  rel->kind);
			goto out;
		}
		for (size_t f = 0; f < rel->n_files; f++) {
			char *url = fc->from ? fetch_rebase_url(rel->files[f].url, fc->from) : xstrdup(rel->files[f].url);
			if (!url)
				exit_rc = cli_usage_error("data fetch", "--from: '%s' is not SCHEME://HOST[:PORT]", fc->from);
			else if (fetch_check_url(url, &err) < 0)
				exit_rc = cli_usage_error("data fetch", "--from: %s", err.msg);
			free(url);
			if (exit_rc)
				goto out;
		}
		fxs[n].rel = rel;
		strvec_init(&fxs[n].files);
		strvec_init(&fxs[n].made);
		fxs[n].dir = xasprintf("%s/%s", cache, rel->kind);
		n++;
	}
	if (fc->manifest && (rc = read_manifest(fc->manifest, &pins, &n_pins, &err)) < 0)
		goto fail;
	if ((rc = fetch_init(&err)) < 0)
		goto fail;

	/* 1: download and check everything before anything is imported */
	for (size_t i = 0; i < n && rc == 0; i++) {
		const struct fetch_release *rel = fxs[i].rel;
		fprintf(cli->out, "%s: %s\n", rel->kind, rel->title);
		if ((rc = files_make_dirs(fxs[i].dir, &err)) < 0)
			break;
		for (size_t f = 0; f < rel->n_files && rc == 0; f++)
			rc = fetch_one(cli, fc, &rel->files[f], pinned_hash(&rel->files[f], pins, n_pins), &fxs[i], &err);
		if (rc == 0)
			fprintf(cli->out, "    checked: %s\n", fxs[i].files.v[fxs[i].files.n - 1]);
	}
	fetch_cleanup();
	if (rc < 0)
		goto fail;
	if (fc->download_only) {
		for (size_t i = 0; i < n; i++) {
			fprintf(cli->out, "%s: downloaded and checked; to import: allied import %s", fxs[i].rel->kind,
				fxs[i].rel->kind);
			for (size_t k = 0; k < fxs[i].files.n; k++)
				fprintf(cli->out, " '%s'", fxs[i].files.v[k]);
			fputc('\n', cli->out);
		}
		goto out;
	}

	/* 2: every import dry-run, 3: the imports, each kind in its own transaction */
	stage = "checked";
	for (size_t i = 0; i < n; i++) {
		if ((exit_rc = cmd_import_run(cli, fxs[i].rel->kind, &fxs[i].files, true)) != 0) {
			fprintf(stderr, "allied data fetch: the dry run of %s failed; nothing was imported, the database is unchanged\n",
				fxs[i].rel->kind);
			goto out;
		}
	}
	for (size_t i = 0; i < n && !fc->dry_run; i++) {
		if ((exit_rc = cmd_import_run(cli, fxs[i].rel->kind, &fxs[i].files, false)) != 0) {
			fprintf(stderr, "allied data fetch: %s was not imported%s%s\n", fxs[i].rel->kind,
				i ? "; these kinds were imported before it, each in its own transaction, and stay:" : "",
				i ? "" : "; the database is unchanged");
			for (size_t k = 0; k < i; k++)
				fprintf(stderr, "  %s\n", fxs[k].rel->kind);
			goto out;
		}
	}
	if (fc->dry_run)
		fprintf(cli->out, "dry run: everything downloaded and checked; nothing written to the database\n");
	goto out;
fail:
	fprintf(stderr, "allied data fetch: %s\n", err.msg);
	fprintf(stderr, "allied data fetch: not every file was %s; nothing was imported, the database is unchanged\n", stage);
	exit_rc = diag_exit_code(rc);
out:
	for (size_t i = 0; i < n; i++) {
		if (!fc->keep && !fc->download_only)
			clean_up(&fxs[i]);
		strvec_release(&fxs[i].files);
		strvec_release(&fxs[i].made);
		free(fxs[i].dir);
	}
	for (size_t i = 0; i < n_pins; i++)
		free(pins[i].url);
	free(pins);
	free(fxs);
	free(cache);
	return exit_rc;
}

int cmd_data(struct cli *cli, int argc, char **argv)
{
	struct fetch_cli fc = { .from = NULL };
	struct cli_options opts = { has_value, set_option, &fc };
	struct strvec args;
	int rc;

	if (argc < 2) {
		fputs("usage: allied data SUBCOMMAND\n\n"
		      "  fetch   download the official releases over HTTPS, check them, and import them\n"
		      "\n'allied help data' for the options.\n", cli->out);
		return 0;
	}
	if (strcmp(argv[1], "fetch") != 0)
		return cli_usage_error("data", "unknown subcommand '%s' (allied data has: fetch)", argv[1]);
	strvec_init(&fc.only);
	strvec_init(&args);
	rc = cli_parse(cli, "data fetch", argc - 1, argv + 1, &opts, NULL, &args);
	if (rc == 0 && args.n)
		rc = cli_usage_error("data fetch", "unexpected argument '%s'", args.v[0]);
	if (rc == 0 && fc.dry_run && fc.download_only)
		rc = cli_usage_error("data fetch", "give --dry-run or --download-only, not both");
	if (rc == 0)
		rc = run_fetch(cli, &fc);
	strvec_release(&args);
	strvec_release(&fc.only);
	return rc;
}
