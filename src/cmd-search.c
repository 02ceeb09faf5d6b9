/*
 * allied search: ranked full-text search over titles, aliases, summaries and duties.
 */
#include "cmd.h"
#include "render.h"

#include <string.h>

const char cmd_search_usage[] =
	"usage: allied search WORDS... [--limit N] [--json]\n"
	"\n"
	"Search careers by any words: titles, other names, summaries and duties. Words match as\n"
	"prefixes (\"sono\" finds sonographers), and a word that matches nothing is corrected to the\n"
	"closest known word (\"flebotomist\"). Careers matching every word come first. --limit N\n"
	"shows at most N results (default 10).\n";

int cmd_search(struct cli *cli, int argc, char **argv)
{
	struct store *st;
	struct strvec args;
	struct search_result r;
	struct diag err;
	struct buf query;
	long limit = 10;
	int rc;

	diag_init(&err);
	strvec_init(&args);
	rc = cli_parse_options(cli, "search", argc, argv, NULL, NULL, &limit, &args);
	if (rc == 0 && !args.n)
		rc = cli_usage_error("search", "what should I search for? give one or more words");
	if (rc) {
		strvec_release(&args);
		return rc;
	}
	buf_init(&query, 4096);
	for (size_t i = 0; i < args.n; i++)
		buf_addf(&query, "%s%s", i ? " " : "", args.v[i]);
	strvec_release(&args);
	if (cli_open_store(cli, STORE_READ_ONLY, &st, &err) < 0) {
		buf_release(&query);
		return cli_fail(&err);
	}
	search_result_init(&r);
	rc = search_run(st, query.data, (size_t)limit, &r, &err);
	store_close(st);
	if (rc == 0 && cli->json) {
		cli_print_json(cli, render_search(query.data, &r));
	} else if (rc == 0) {
		for (size_t i = 0; i < r.corrections.n; i++)
			fprintf(cli->out, "(searched for %s)\n", r.corrections.v[i]);
		if (!r.n) {
			fprintf(cli->out, "No career matches '%s'. Try fewer or other words, or 'allied careers'.\n",
				query.data);
		} else {
			struct cli_table t;
			char rank[24], score[32];
			cli_table_init(&t, 4, 1u << 0 | 1u << 3);
			const char *head[] = { "#", "ID", "CAREER", "SCORE" };
			cli_table_add(&t, head);
			for (size_t i = 0; i < r.n; i++) {
				snprintf(rank, sizeof(rank), "%zu", i + 1);
				snprintf(score, sizeof(score), "%.1f", r.v[i].score);
				const char *row[] = { rank, r.v[i].id, r.v[i].title, score };
				cli_table_add(&t, row);
			}
			cli_table_print(&t, cli->out, 0);
			cli_table_release(&t);
			if (r.total > r.n)
				fprintf(cli->out, "%zu more; use --limit to see them.\n", r.total - r.n);
		}
	}
	search_result_release(&r);
	buf_release(&query);
	return rc < 0 ? cli_fail(&err) : 0;
}
