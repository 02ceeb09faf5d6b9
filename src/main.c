/*
 * main: the command table, global options, and the mapping from a command's result to the
 * process exit code (0 ok, 1 failure, 2 usage, 3 rejected or not found; docs/allied.1).
 */
#include "cmd.h"
#include "xmalloc.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#ifndef ALLIED_VERSION
#define ALLIED_VERSION "0.1.0"
#endif

const struct cli_command cli_commands[] = {
	{ "careers", cmd_careers, "list careers by group, with filters", cmd_careers_usage },
	{ "show", cmd_show, "everything about one career, with sources", cmd_show_usage },
	{ "search", cmd_search, "ranked full-text search over careers", cmd_search_usage },
	{ "compare", cmd_compare, "two or three careers side by side", cmd_compare_usage },
	{ "match", cmd_match, "rank careers by your limits, preferences and interests", cmd_match_usage },
	{ "quiz", cmd_quiz, "the interest quiz and practical questions, then your matches", cmd_quiz_usage },
	{ "path", cmd_path, "the fastest (or cheapest) route to a career, step by step", cmd_path_usage },
	{ "programs", cmd_programs, "training programs near a ZIP code, by schedule, length and accreditation", cmd_programs_usage },
	{ "verify", cmd_verify, "is a school's program accredited the way the exam or licence asks?", cmd_verify_usage },
	{ "rules", cmd_rules, "what a state requires to work in a career: licence, exam, accreditation", cmd_rules_usage },
	{ "import", cmd_import, "import an official data file (ZIP code centroids ...) in one transaction", cmd_import_usage },
	{ "data", cmd_data, "download the official releases over HTTPS, check them and import them", cmd_data_usage },
	{ "serve", cmd_serve, "the web application and the JSON API over HTTP", cmd_serve_usage },
	{ "db", cmd_db, "build, reset or describe the database", cmd_db_usage },
	{ "help", cmd_help, "list commands or show one command's help", cmd_help_usage },
	{ NULL, NULL, NULL, NULL },
};

int main(int argc, char **argv)
{
	struct cli cli = { .db_path = NULL, .json = false, .out = stdout };
	char *default_path = NULL;
	int i = 1;

	/* jansson's allocations abort on failure too, rather than look like a malformed document */
	json_set_alloc_funcs(xmalloc, free);

	for (; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) {
			cli.db_path = argv[++i];
		} else if (strncmp(argv[i], "--db=", 5) == 0) {
			cli.db_path = argv[i] + 5;
		} else if (strcmp(argv[i], "--version") == 0) {
			printf("allied %s\n", ALLIED_VERSION);
			return 0;
		} else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			char *help_argv[] = { "help", NULL };
			return cmd_help(&cli, 1, help_argv);
		} else {
			fprintf(stderr, "allied: unknown option '%s' (see 'allied help')\n", argv[i]);
			return EXIT_USAGE;
		}
	}
	if (i == argc) {
		char *help_argv[] = { "help", NULL };
		cmd_help(&cli, 1, help_argv);
		return EXIT_USAGE;
	}
	const struct cli_command *cmd = cli_find_command(argv[i]);
	if (!cmd) {
		fprintf(stderr, "allied: unknown command '%s' (see 'allied help')\n", argv[i]);
		return EXIT_USAGE;
	}
	/* `allied COMMAND --help` is `allied help COMMAND` */
	for (int k = i + 1; k < argc; k++)
		if (strcmp(argv[k], "--help") == 0 || strcmp(argv[k], "-h") == 0) {
			fputs(cmd->usage, stdout);
			return 0;
		}
	if (!cli.db_path) {
		const char *env = getenv("ALLIED_DB");
		cli.db_path = env && *env ? env : (default_path = cli_default_db_path());
	}
	int rc = cmd->run(&cli, argc - i, argv + i);
	if (fflush(stdout) != 0 && rc == 0) {
		fprintf(stderr, "allied: cannot write output\n");
		rc = 1;
	}
	free(default_path);
	return rc;
}
