/*
 * allied help: the list of commands, or one command's full help.
 */
#include "cmd.h"

#include <string.h>

const char cmd_help_usage[] =
	"usage: allied help [COMMAND]\n"
	"\n"
	"Without COMMAND, list the commands. With one, show its full help.\n";

int cmd_help(struct cli *cli, int argc, char **argv)
{
	if (argc > 2)
		return cli_usage_error("help", "give at most one command");
	if (argc == 2) {
		const struct cli_command *c = cli_find_command(argv[1]);
		if (!c) {
			fprintf(stderr, "allied help: unknown command '%s' (see 'allied help')\n", argv[1]);
			return EXIT_USAGE;
		}
		fputs(c->usage, cli->out);
		return 0;
	}
	fputs("usage: allied [--db FILE] COMMAND [ARGS]\n\n"
	      "allied helps you explore allied-health careers: what the work is like, how long the\n"
	      "training takes, what it pays, and how to get there. Commands:\n\n", cli->out);
	for (const struct cli_command *c = cli_commands; c->name; c++)
		fprintf(cli->out, "  %-10s %s\n", c->name, c->synopsis);
	fputs("\nEvery command that shows data takes --json. 'allied help COMMAND' for details;\n"
	      "'man allied' (docs/allied.1) for everything.\n\n"
	      "  --db FILE   use this database (default: $ALLIED_DB, or $XDG_DATA_HOME/allied/allied.db)\n"
	      "  --version   print the version\n", cli->out);
	return 0;
}
