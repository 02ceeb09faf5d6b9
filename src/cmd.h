/*
 * cmd: the subcommands, one file each (cmd-<name>.c), listed in main.c's command table.
 * Each takes the shared front-end context and its own argv (argv[0] is the command name) and
 * returns the process exit code (0 ok, 1 failure, 2 usage, 3 rejected or not found).
 */
#ifndef ALLIED_CMD_H
#define ALLIED_CMD_H

#include "cli.h"

int cmd_careers(struct cli *cli, int argc, char **argv);
int cmd_show(struct cli *cli, int argc, char **argv);
int cmd_search(struct cli *cli, int argc, char **argv);
int cmd_compare(struct cli *cli, int argc, char **argv);
int cmd_db(struct cli *cli, int argc, char **argv);
int cmd_help(struct cli *cli, int argc, char **argv);

extern const char cmd_careers_usage[], cmd_show_usage[], cmd_search_usage[], cmd_compare_usage[],
	cmd_db_usage[], cmd_help_usage[];

#endif
