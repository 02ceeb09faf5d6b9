/*
 * allied rules: what a state requires before someone may work in a career (licence,
 * certification, registration or none), and whether the usual exam needs an accredited program.
 */
#include "cmd.h"
#include "report.h"
#include "training.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

const char cmd_rules_usage[] =
	"usage: allied rules --career CAREER [--state ST] [--json]\n"
	"\n"
	"What it takes to work in a career in a state: a state licence, certification, registration,\n"
	"rules that vary by duty, or no state credential; who issues it, the exam or credential, the\n"
	"legal basis and the sources, each with its date. Then the usual national exam and whether it\n"
	"needs a programmatically accredited program. Without --state, every state allied knows.\n"
	"\n"
	"  --career CAREER   an id, title or alias (\"rad tech\", SPT)\n"
	"  --state ST        a two-letter state code: NJ, NY, PA ...\n"
	"  --json            print a JSON document (docs/json.md)\n"
	"\n"
	"allied's rules cover New Jersey for every career it lists, and some careers in NY, PA, CA, TX\n"
	"and FL. A rule allied does not have is shown as unknown: check with the state board.\n";

struct rules_opts {
	const char *career, *state;
};

static int has_value(const char *name)
{
	return strcmp(name, "career") == 0 || strcmp(name, "state") == 0 ? 1 : -1;
}

static int set_option(void *vctx, const char *name, const char *value, struct diag *err)
{
	struct rules_opts *o = vctx;
	(void)err;
	if (strcmp(name, "career") == 0)
		o->career = value;
	else
		o->state = value;
	return 0;
}

static const char *str(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

/* Append " [1,2]", the numbers of sources in the list printed at the end (which grows). */
static void cite(struct buf *b, json_t *sources, json_t *all)
{
	size_t i, k;
	json_t *s, *t;
	if (!json_array_size(sources))
		return;
	buf_adds(b, " [");
	json_array_foreach(sources, i, s) {
		json_array_foreach(all, k, t)
			if (strcmp(str(s, "id"), str(t, "id")) == 0)
				break;
		if (k == json_array_size(all))
			json_array_append(all, s);
		buf_addf(b, "%s%zu", i ? "," : "", k + 1);
	}
	buf_addc(b, ']');
}

static void line(struct cli *cli, const char *label, const char *value)
{
	struct buf b;
	if (!value)
		return;
	buf_init(&b, 0);
	buf_addf(&b, "%s %s", label, value);
	cli_wrap(cli->out, 2, 4, b.data, 92);
	buf_release(&b);
}

/* "needs a program accredited by CAAHEP or ABHES" */
static void route_phrase(struct buf *b, json_t *route)
{
	const char *req = str(route, "requires");
	json_t *acc = json_object_get(route, "accreditors"), *a;
	size_t k;

	if (strcmp(req, "approved-program") == 0) {
		buf_adds(b, "needs a program approved by the exam body or the state");
		return;
	}
	if (strcmp(req, "none") == 0) {
		buf_adds(b, "needs no particular program");
		return;
	}
	if (!json_array_size(acc)) {
		buf_adds(b, strcmp(req, "programmatic") == 0 ? "needs an accredited program (the sources name no accreditor)"
			 : "can be reached more than one way (the sources name no accreditor)");
		return;
	}
	buf_adds(b, strcmp(req, "programmatic") == 0 ? "needs a program accredited by"
		 : "can be reached through a program accredited by");
	json_array_foreach(acc, k, a)
		buf_addf(b, "%s%s", k ? " or " : " ", str(a, "acronym") ? str(a, "acronym") : str(a, "name"));
	if (strcmp(req, "one-of-routes") == 0)
		buf_adds(b, ", among other routes");
}

static void print_rules(struct cli *cli, json_t *doc, const char *state)
{
	json_t *all = json_array(), *r, *known = json_object_get(doc, "states_known");
	json_t *career = json_object_get(doc, "career");
	struct buf b;
	size_t i;

	fprintf(cli->out, "%s (%s)%s%s\n\n", str(career, "title"), str(career, "id"), state ? " in " : "",
		state ? training_state_name(state) : "");
	buf_init(&b, 0);
	if (!json_array_size(json_object_get(doc, "rules"))) {
		buf_addf(&b, "allied has no rule for this career in %s: unknown. Check with the state's licensing board.",
			 state ? training_state_name(state) : "any state");
		if (json_array_size(known)) {
			buf_adds(&b, " allied has rules for it in:");
			json_array_foreach(known, i, r)
				buf_addf(&b, " %s", json_string_value(r));
			buf_addc(&b, '.');
		}
		cli_wrap(cli->out, 0, 0, b.data, 92);
		fputc('\n', cli->out);
	}
	json_array_foreach(json_object_get(doc, "rules"), i, r) {
		buf_reset(&b);
		buf_addf(&b, "%s: %s", str(r, "state_name"), str(r, "requirement_label"));
		cite(&b, json_object_get(r, "sources"), all);
		fprintf(cli->out, "%s\n", b.data);
		line(cli, "Authority:", str(r, "authority"));
		line(cli, "Credential:", str(r, "credential"));
		line(cli, "Legal basis:", str(r, "legal_basis"));
		line(cli, "Note:", str(r, "note"));
		line(cli, "As of:", str(r, "as_of"));
		fputc('\n', cli->out);
	}
	json_array_foreach(json_object_get(doc, "exam_routes"), i, r) {
		buf_reset(&b);
		buf_addf(&b, "Exam%s%s: %s. ", json_is_string(json_object_get(r, "state")) ? " for the licence in " : "",
			 json_is_string(json_object_get(r, "state")) ? str(r, "state") : "", str(r, "exam"));
		size_t first = b.len;
		route_phrase(&b, r);
		b.data[first] = (char)toupper((unsigned char)b.data[first]);
		if (str(r, "effective"))
			buf_addf(&b, " (from %s)", str(r, "effective"));
		buf_addc(&b, '.');
		cite(&b, json_object_get(r, "sources"), all);
		cli_wrap(cli->out, 0, 2, b.data, 92);
		if (str(r, "note"))
			cli_wrap(cli->out, 2, 0, str(r, "note"), 92);
		fputc('\n', cli->out);
	}
	if (json_array_size(all))
		fputs("Sources:\n", cli->out);
	json_array_foreach(all, i, r) {
		buf_reset(&b);
		buf_addf(&b, "[%zu] %s. %s. %s (%s %s)", i + 1, str(r, "title"), str(r, "publisher"), str(r, "url"),
			 str(r, "as_of") ? "as of" : "checked", str(r, "as_of") ? str(r, "as_of") : str(r, "checked"));
		cli_wrap(cli->out, 2, 4, b.data, 92);
	}
	buf_release(&b);
	json_decref(all);
}

int cmd_rules(struct cli *cli, int argc, char **argv)
{
	struct rules_opts o = { NULL, NULL };
	struct cli_options opts = { has_value, set_option, &o };
	struct strvec args;
	struct store *st;
	struct diag err;
	char state[3], *id = NULL, *title = NULL;
	json_t *doc = NULL;
	int rc;

	diag_init(&err);
	strvec_init(&args);
	rc = cli_parse(cli, "rules", argc, argv, &opts, NULL, &args);
	if (rc == 0 && args.n)
		rc = cli_usage_error("rules", "unexpected argument '%s'; give the career with --career", args.v[0]);
	if (rc == 0 && !o.career)
		rc = cli_usage_error("rules", "which career? give --career CAREER");
	if (rc == 0 && o.state && !training_state_parse(o.state, state))
		rc = cli_usage_error("rules", "--state: '%s' is not a two-letter US state code (NJ, NY, PA, CA, TX, FL ...)",
				     o.state);
	strvec_release(&args);
	if (rc)
		return rc;
	if (cli_open_store(cli, STORE_READ_ONLY, &st, &err) < 0)
		return cli_fail(&err);
	rc = report_resolve(st, o.career, &id, &err);
	if (rc == 0)
		rc = store_career_title(st, id, &title, &err);
	if (rc == 0)
		rc = report_rules(st, id, title, o.state ? state : NULL, &doc, &err);
	store_close(st);
	if (rc == 0 && cli->json)
		cli_print_json(cli, doc);
	else if (rc == 0) {
		print_rules(cli, doc, o.state ? state : NULL);
		json_decref(doc);
	}
	free(id);
	free(title);
	return rc < 0 ? cli_fail(&err) : 0;
}
