/*
 * cli: what the command-line front end shares: the database location, opening it (installing
 * the embedded default on first use), resolving career names with suggestions, printing JSON,
 * tables and wrapped text, and turning failures into one line on stderr and an exit code.
 *
 * Front-end layer: the only code besides main.c and cmd-*.c that prints.
 */
#ifndef ALLIED_CLI_H
#define ALLIED_CLI_H

#include "diag.h"
#include "filter.h"
#include "store.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>

struct cli {
	const char *db_path;	/* --db, $ALLIED_DB, or the XDG default */
	bool json;		/* --json: print a JSON document instead of text */
	FILE *out;
};

struct cli_command {
	const char *name;
	int (*run)(struct cli *cli, int argc, char **argv);	/* argv[0] is the command name */
	const char *synopsis;	/* one line for `allied help` */
	const char *usage;	/* the full help text for `allied help NAME` */
};

/* The command table, ending with a NULL name (main.c). */
extern const struct cli_command cli_commands[];
const struct cli_command *cli_find_command(const char *name);

/* The default database path (malloc'ed): $XDG_DATA_HOME/allied/allied.db or ~/.local/share/allied/allied.db. */
char *cli_default_db_path(void);

/*
 * Open cli->db_path. When the file does not exist, or it was installed from an older embedded
 * knowledge base and holds no imports, the embedded database is written there first.
 */
int cli_open_store(struct cli *cli, int mode, struct store **st, struct diag *err);

/* Install the embedded database at path, replacing what is there. */
int cli_install_default(const char *path, struct diag *err);

/* Print "allied: MESSAGE" (each line) to stderr and return the exit code for err->code. */
int cli_fail(const struct diag *err);
/* Print "allied COMMAND: MESSAGE" and a hint to stderr; returns EXIT_USAGE (2). */
int cli_usage_error(const char *command, const char *fmt, ...) __attribute__((format(printf, 2, 3)));


/* Print doc (consumes the reference) as indented JSON followed by a newline. */
void cli_print_json(struct cli *cli, json_t *doc);

/* A command's own options: has_value(name) is 1, 0 (a flag) or -1 (unknown); set may fail. */
struct cli_options {
	int (*has_value)(const char *name);
	int (*set)(void *ctx, const char *name, const char *value, struct diag *err);
	void *ctx;
};

/*
 * Parse --json, --limit N (when limit is not NULL) and the options opts knows (may be NULL);
 * positional arguments are appended to args. Returns 0, or EXIT_USAGE/EXIT_REJECTED after
 * printing the problem (an ALLIED_EUSAGE from set is a usage error, others are rejections).
 */
int cli_parse(struct cli *cli, const char *command, int argc, char **argv, const struct cli_options *opts,
	      long *limit, struct strvec *args);

/*
 * Parse the options shared by every command that lists careers: every filter option (see
 * filter.h), --json and --limit N. Positional arguments are appended to args. Returns 0,
 * or EXIT_USAGE/EXIT_REJECTED after printing the problem.
 */
int cli_parse_options(struct cli *cli, const char *command, int argc, char **argv, const struct catalog *cat,
		      struct career_filter *filter, long *limit, struct strvec *args);

/* Formatting helpers writing into buf (size n); "unknown" for unknown values. */
const char *cli_money(int64_t usd, char *buf, size_t n);
const char *cli_months(int lo, int hi, char *buf, size_t n);
const char *cli_count(int64_t v, char *buf, size_t n);

/* Print text wrapped to width columns: the first line indented by indent, the rest by indent + hang. */
void cli_wrap(FILE *f, int indent, int hang, const char *text, int width);

/* A simple aligned table: add rows of cells, then print. */
struct cli_table {
	size_t n_cols;
	struct strvec cells;	/* row-major */
	unsigned right_align;	/* bit i: right-align column i */
};
void cli_table_init(struct cli_table *t, size_t n_cols, unsigned right_align);
void cli_table_add(struct cli_table *t, const char *const *row);
void cli_table_print(const struct cli_table *t, FILE *f, int indent);
void cli_table_release(struct cli_table *t);

#endif
