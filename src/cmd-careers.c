/*
 * allied careers: list careers, grouped by the three groups of allied health, with filters.
 */
#include "cmd.h"
#include "render.h"
#include "xmalloc.h"

#include <stdlib.h>
#include <string.h>

const char cmd_careers_usage[] =
	"usage: allied careers [FILTERS] [--sort KEY] [--json]\n"
	"\n"
	"List allied-health careers, grouped as primary care; health promotion, administrative and\n"
	"rehabilitative; and diagnostic. Filters are hard limits; a career whose value is unknown\n"
	"does not pass a limit on it.\n"
	"\n"
	"  --group GROUP              primary-care, health-promotion or diagnostic\n"
	"  --max-months N             usual training takes at most N months (see allied help show)\n"
	"  --education LEVEL          some route needs at most LEVEL: on-the-job, certificate,\n"
	"                             diploma, associate, bachelor, master, doctorate\n"
	"  --patient-contact LEVEL    at most this much patient contact: none, low, some, high, constant\n"
	"  --min-patient-contact LEVEL  at least this much patient contact\n"
	"  --no-blood                 no exposure to blood and needles\n"
	"  --max-blood LEVEL          at most: none, occasional, frequent\n"
	"  --physical LEVEL           physical demands at most: sedentary, light, moderate, heavy\n"
	"  --remote                   remote work is possible\n"
	"  --settings LIST            works in at least one of these settings (comma-separated ids)\n"
	"  --interests LIST           touches at least one of these interest areas\n"
	"  --avoid-shifts LIST        usual shifts include none of: days, evenings, nights, weekends, on-call\n"
	"  --min-pay USD              national median wage at least USD (40000, 40k, $40,000)\n"
	"  --min-growth PCT           projected employment growth 2024-34 at least PCT percent\n"
	"  --sort KEY                 order within each group: title (default), pay, months, growth, openings\n"
	"  --json                     print a JSON document (docs/json.md)\n";

static void print_group(struct cli *cli, const struct catalog *cat, const size_t *idx, size_t n, int group)
{
	struct cli_table t;
	size_t count = 0;
	char months[32], pay[32];

	for (size_t i = 0; i < n; i++)
		count += cat->v[idx[i]].group == group;
	if (!count)
		return;
	if (group == CAREER_UNKNOWN)
		fprintf(cli->out, "Other occupations, imported from O*NET: no allied-health group (%zu)\n", count);
	else
		fprintf(cli->out, "%s (%zu)\n", career_scale_label(SCALE_GROUP, group), count);
	cli_table_init(&t, 6, 1u << 3);
	const char *head[] = { "ID", "CAREER", "TRAINING", "MEDIAN PAY", "PATIENT CONTACT", "BLOOD" };
	cli_table_add(&t, head);
	for (size_t i = 0; i < n; i++) {
		const struct career_brief *b = &cat->v[idx[i]];
		char title[64];
		if (b->group != group)
			continue;
		snprintf(title, sizeof(title), "%s", b->title);
		if (strlen(b->title) >= 46)
			memcpy(title + 42, "...", 4);
		const char *row[] = {
			b->id, title, cli_months(b->months_min, b->months_max, months, sizeof(months)),
			cli_money(b->wage_median_usd, pay, sizeof(pay)),
			career_scale_label(SCALE_CONTACT, b->patient_contact),
			career_scale_label(SCALE_BLOOD, b->blood),
		};
		cli_table_add(&t, row);
	}
	cli_table_print(&t, cli->out, 2);
	cli_table_release(&t);
	fputc('\n', cli->out);
}

int cmd_careers(struct cli *cli, int argc, char **argv)
{
	struct store *st;
	struct catalog cat;
	struct career_filter filter;
	struct strvec args;
	struct diag err;
	int rc;

	diag_init(&err);
	catalog_init(&cat);
	strvec_init(&args);
	filter_init(&filter);
	if (cli_open_store(cli, STORE_READ_ONLY, &st, &err) < 0)
		return cli_fail(&err);
	rc = store_load_catalog(st, &cat, &err);
	store_close(st);
	if (rc < 0) {
		catalog_release(&cat);
		return cli_fail(&err);
	}
	rc = cli_parse_options(cli, "careers", argc, argv, &cat, &filter, NULL, &args);
	if (rc == 0 && args.n)
		rc = cli_usage_error("careers", "unexpected argument '%s'", args.v[0]);
	if (rc) {
		catalog_release(&cat);
		strvec_release(&args);
		return rc;
	}

	size_t *idx = xmalloc((cat.n ? cat.n : 1) * sizeof(*idx));
	size_t n = filter_apply(&filter, &cat, idx);
	if (cli->json) {
		cli_print_json(cli, json_pack("{s:I, s:o}", "count", (json_int_t)n, "careers", render_briefs(&cat, idx, n)));
	} else if (n == 0) {
		fprintf(cli->out, "No careers pass these limits. Remove a limit or widen one (see 'allied help careers').\n");
	} else {
		for (int g = 0; g < CAREER_GROUP_COUNT; g++)
			print_group(cli, &cat, idx, n, g);
		print_group(cli, &cat, idx, n, CAREER_UNKNOWN);
		fprintf(cli->out,
			"%zu of %zu careers. Training: the usual route, in months from a high-school diploma. Pay: BLS OEWS\n"
			"national median annual wage, May 2024. Details: allied show ID\n", n, cat.n);
	}
	free(idx);
	catalog_release(&cat);
	strvec_release(&args);
	return 0;
}
