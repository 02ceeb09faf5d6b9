/*
 * cmd: the subcommands, one file each (cmd-<name>.c), listed in main.c's command table.
 * Each takes the shared front-end context and its own argv (argv[0] is the command name) and
 * returns the process exit code (0 ok, 1 failure, 2 usage, 3 rejected or not found).
 */
#ifndef ALLIED_CMD_H
#define ALLIED_CMD_H

#include "cli.h"
#include "match.h"

int cmd_careers(struct cli *cli, int argc, char **argv);
int cmd_show(struct cli *cli, int argc, char **argv);
int cmd_search(struct cli *cli, int argc, char **argv);
int cmd_compare(struct cli *cli, int argc, char **argv);
int cmd_db(struct cli *cli, int argc, char **argv);
int cmd_help(struct cli *cli, int argc, char **argv);
int cmd_match(struct cli *cli, int argc, char **argv);
int cmd_quiz(struct cli *cli, int argc, char **argv);
int cmd_path(struct cli *cli, int argc, char **argv);
int cmd_serve(struct cli *cli, int argc, char **argv);
int cmd_rules(struct cli *cli, int argc, char **argv);
int cmd_programs(struct cli *cli, int argc, char **argv);
int cmd_verify(struct cli *cli, int argc, char **argv);
int cmd_import(struct cli *cli, int argc, char **argv);
int cmd_data(struct cli *cli, int argc, char **argv);
/*
 * Import files (their paths) as kind_name (a row of cmd-import.c's kinds table), printing the
 * outcome like allied import does. Returns an exit code. For allied data fetch.
 */
int cmd_import_run(struct cli *cli, const char *kind_name, const struct strvec *files, bool dry_run);
/* Is kind_name a row of allied import's kinds table? */
bool cmd_import_has_kind(const char *kind_name);

extern const char cmd_careers_usage[], cmd_show_usage[], cmd_search_usage[], cmd_compare_usage[],
	cmd_db_usage[], cmd_help_usage[], cmd_match_usage[], cmd_quiz_usage[], cmd_path_usage[], cmd_serve_usage[], cmd_rules_usage[], cmd_programs_usage[], cmd_verify_usage[], cmd_import_usage[],
	cmd_data_usage[];

/*
 * What match, quiz and compare share (cmd-match.c): the catalog and quiz from the store, the
 * preferences being built, and the --answers string until it is scored.
 */
struct match_cli {
	struct catalog catalog;
	const struct catalog *cat;	/* &catalog */
	struct profile_item *quiz;
	size_t n_quiz;
	struct match_prefs prefs;
	const char *answers;		/* --answers, or NULL */
};

void cmd_match_init(struct match_cli *mc);
void cmd_match_release(struct match_cli *mc);
/* Open the database and load the catalog and the quiz. */
int cmd_match_load(struct cli *cli, struct match_cli *mc, struct diag *err);
/* Parse match options (and --json, --limit when limit is given) into mc. Returns an exit code. */
int cmd_match_parse(struct cli *cli, const char *command, int argc, char **argv, struct match_cli *mc,
		    long *limit, struct strvec *args);
/*
 * cmd_match_init, cmd_match_load and cmd_match_parse (rejecting positional arguments) in one;
 * returns an exit code. Call cmd_match_release afterwards in every case.
 */
int cmd_match_start(struct cli *cli, const char *command, int argc, char **argv, struct match_cli *mc,
		    long *limit);
/* Score mc->answers, if any, into mc->prefs. Returns an exit code (after printing the problem). */
int cmd_match_score_answers(const char *command, struct match_cli *mc);
/* Print the ranking (text or JSON) for mc->prefs, at most limit results. Returns an exit code. */
int cmd_match_print(struct cli *cli, const struct match_cli *mc, long limit);
/* Print an interest profile as bars, with the flat-profile explanation when it is flat. */
void cmd_match_print_profile(struct cli *cli, const struct profile *p);

#endif
