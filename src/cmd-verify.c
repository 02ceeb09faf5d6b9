/*
 * allied verify: is this school's program accredited the way the usual exam or licence asks?
 */
#include "cmd.h"
#include "programs.h"
#include "report.h"

#include <stdlib.h>
#include <string.h>

const char cmd_verify_usage[] =
	"usage: allied verify SCHOOL [--career CAREER] [--json]\n"
	"\n"
	"Check a school or program: its institutional accreditor and whether that body is recognized\n"
	"by the U.S. Secretary of Education or CHEA; then, for each of its programs (for CAREER only,\n"
	"when given), whether the career's usual exam or licence needs a programmatically accredited\n"
	"program (paramedic: CAAHEP for NREMT; dental hygiene: CODA ...) and whether this program has\n"
	"that accreditation, with a warning when it does not and \"unknown\" when allied does not know.\n"
	"SCHOOL is a name or part of one (\"Bergen\"), or a program id from allied programs --json.\n"
	"\n"
	"Accreditation is what allied's sources said at their dates: confirm it in the accreditor's\n"
	"own directory before you enrol.\n";

static int has_value(const char *name)
{
	return strcmp(name, "career") == 0 ? 1 : -1;
}

static int set_option(void *vctx, const char *name, const char *value, struct diag *err)
{
	(void)name;
	(void)err;
	*(const char **)vctx = value;
	return 0;
}

static const char *str(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static void print_verify(struct cli *cli, json_t *doc)
{
	json_t *in = json_object_get(doc, "institution"), *acc = json_object_get(in, "accreditor"), *p, *c;
	size_t i, k;
	struct buf b;

	buf_init(&b, 0);
	fprintf(cli->out, "%s%s%s%s, %s\n", str(in, "name"), str(in, "city") ? " (" : "", str(in, "city") ? str(in, "city") : "",
		str(in, "city") ? ")" : "", str(in, "state"));
	if (json_is_object(acc)) {
		json_t *rec = json_object_get(acc, "recognized_by");
		bool usde = false, chea = false;
		json_array_foreach(rec, k, c) {
			usde |= strcmp(json_string_value(c), "usde") == 0;
			chea |= strcmp(json_string_value(c), "chea") == 0;
		}
		buf_addf(&b, "Institutional accreditor: %s (%s), %s.", str(acc, "name"), str(acc, "acronym") ? str(acc, "acronym") : "",
			 usde && chea ? "recognized by the U.S. Secretary of Education and by CHEA"
			 : usde ? "recognized by the U.S. Secretary of Education" : chea ? "recognized by CHEA"
			 : "allied found no recognition by the U.S. Secretary of Education or CHEA");
	} else {
		buf_adds(&b, "Institutional accreditor: unknown (allied's sources do not name one; the U.S. Department of "
			 "Education's DAPIP database lists it).");
	}
	cli_wrap(cli->out, 0, 2, b.data, 92);
	fputc('\n', cli->out);
	if (!json_array_size(json_object_get(doc, "programs")))
		fprintf(cli->out, "allied knows no program of this school%s.\n", json_is_string(json_object_get(doc, "career"))
			? " for this career" : "");
	json_array_foreach(json_object_get(doc, "programs"), i, p) {
		json_t *pa = json_object_get(p, "accreditor");
		fprintf(cli->out, "%s (%s)\n", str(p, "name"), str(p, "id"));
		buf_reset(&b);
		buf_addf(&b, "Programmatic accreditation: %s%s%s", str(p, "accreditation_status"),
			 json_is_object(pa) ? ", " : "", json_is_object(pa) ? (str(pa, "acronym") ? str(pa, "acronym") : str(pa, "name")) : "");
		if (str(p, "as_of"))
			buf_addf(&b, " (as of %s)", str(p, "as_of"));
		cli_wrap(cli->out, 2, 2, b.data, 92);
		json_array_foreach(json_object_get(p, "checks"), k, c)
			cli_wrap(cli->out, 2, 2, str(c, "text"), 92);
		if (strcmp(str(p, "accreditation_status"), "not-accredited") == 0 && strcmp(str(p, "verdict"), "does-not-meet") != 0)
			cli_wrap(cli->out, 2, 2, "WARNING: the program's own pages say it is not (or not yet) programmatically "
				 "accredited. Ask the exam body whether its graduates can sit the usual exam.", 92);
		if (strcmp(str(p, "verdict"), "no-rule") == 0)
			cli_wrap(cli->out, 2, 2, "allied has no sourced rule on whether this career's usual exam needs an "
				 "accredited program: unknown.", 92);
		fputc('\n', cli->out);
	}
	cli_wrap(cli->out, 0, 0, "Accreditation is what allied's sources said at their dates: confirm it in the "
		 "accreditor's own directory before you enrol. Sources: --json, data/SOURCES.md.", 92);
	buf_release(&b);
}

int cmd_verify(struct cli *cli, int argc, char **argv)
{
	const char *career = NULL;
	struct cli_options opts = { has_value, set_option, &career };
	struct program_list list;
	struct strvec args;
	struct store *st;
	struct diag err;
	char *id = NULL;
	json_t *doc = NULL;
	int rc;

	diag_init(&err);
	strvec_init(&args);
	rc = cli_parse(cli, "verify", argc, argv, &opts, NULL, &args);
	if (rc == 0 && args.n != 1)
		rc = cli_usage_error("verify", args.n ? "give one school, in quotes if it has spaces" : "which school? give its name");
	if (rc) {
		strvec_release(&args);
		return rc;
	}
	if (cli_open_store(cli, STORE_READ_ONLY, &st, &err) < 0) {
		strvec_release(&args);
		return cli_fail(&err);
	}
	program_list_init(&list);
	if (career)
		rc = report_resolve(st, career, &id, &err);
	if (rc == 0)
		rc = store_load_programs(st, &list, &err);
	if (rc == 0)
		rc = report_verify(st, &list, args.v[0], id, &doc, &err);
	store_close(st);
	if (rc == 0 && cli->json)
		cli_print_json(cli, doc);
	else if (rc == 0) {
		print_verify(cli, doc);
		json_decref(doc);
	}
	program_list_release(&list);
	strvec_release(&args);
	free(id);
	return rc < 0 ? cli_fail(&err) : 0;
}
