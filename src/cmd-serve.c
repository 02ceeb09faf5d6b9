/*
 * allied serve: the web application and the JSON API (docs/api.md) over HTTP.
 */
#include "cmd.h"
#include "server.h"

#include <stdlib.h>
#include <string.h>

const char cmd_serve_usage[] =
	"usage: allied serve [--listen ADDR:PORT] [--threads N] [--max-connections N]\n"
	"                    [--timeout SECONDS] [--rate-limit N] [--assets DIR]\n"
	"\n"
	"Serve the web application at http://ADDR:PORT/ and the JSON API under /api/v1/ (docs/api.md)\n"
	"from the database. Nothing a visitor sends is stored or logged; the log on standard error has\n"
	"one line per request: time, method, path without the query, status, bytes and microseconds.\n"
	"\n"
	"  --listen ADDR:PORT     where to listen (default 127.0.0.1:8080; port 0 picks a free port;\n"
	"                         0.0.0.0:8080 or [::]:8080 serves other machines too)\n"
	"  --threads N            worker threads (default 2)\n"
	"  --max-connections N    open connections at most (default 512)\n"
	"  --timeout SECONDS      close a connection idle this long (default 10)\n"
	"  --rate-limit N         answer 429 to a client address sending more than N requests a\n"
	"                         second (default 0: no limit)\n"
	"  --assets DIR           serve the web files from DIR instead of the embedded copies\n"
	"                         (for working on web/)\n"
	"\n"
	"SIGTERM or Ctrl-C stops it after the requests in progress; SIGHUP reopens the database.\n";

struct serve_opts {
	struct server_options o;
};

static int has_value(const char *name)
{
	static const char *const names[] = { "listen", "threads", "max-connections", "timeout", "rate-limit", "assets" };
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(name, names[i]) == 0)
			return 1;
	return -1;
}

static int number(const char *name, const char *value, unsigned lo, unsigned hi, unsigned *out, struct diag *err)
{
	char *end;
	long n = strtol(value, &end, 10);
	if (end == value || *end || n < (long)lo || n > (long)hi)
		return diag_set(err, ALLIED_EUSAGE, "--%s: '%s' is not a number from %u to %u", name, value, lo, hi);
	*out = (unsigned)n;
	return 0;
}

static int set_option(void *vctx, const char *name, const char *value, struct diag *err)
{
	struct server_options *o = vctx;
	if (strcmp(name, "listen") == 0) {
		o->listen = value;
		return 0;
	}
	if (strcmp(name, "assets") == 0) {
		o->assets_dir = value;
		return 0;
	}
	if (strcmp(name, "threads") == 0)
		return number(name, value, 1, 64, &o->threads, err);
	if (strcmp(name, "max-connections") == 0)
		return number(name, value, 1, 100000, &o->max_connections, err);
	if (strcmp(name, "timeout") == 0)
		return number(name, value, 1, 3600, &o->timeout_seconds, err);
	return number(name, value, 0, 1000000, &o->rate_limit, err);
}

int cmd_serve(struct cli *cli, int argc, char **argv)
{
	struct server_options o = { "127.0.0.1:8080", NULL, NULL, 2, 512, 10, 0 };
	struct cli_options opts = { has_value, set_option, &o };
	struct strvec args;
	struct store *st;
	struct diag err;
	int rc;

	diag_init(&err);
	strvec_init(&args);
	rc = cli_parse(cli, "serve", argc, argv, &opts, NULL, &args);
	if (rc == 0 && args.n)
		rc = cli_usage_error("serve", "unexpected argument '%s'", args.v[0]);
	strvec_release(&args);
	if (rc)
		return rc;
	/* Opening it once installs the embedded database on first use, as every command does. */
	if (cli_open_store(cli, STORE_READ_ONLY, &st, &err) < 0)
		return cli_fail(&err);
	store_close(st);
	o.db_path = cli->db_path;
	if (server_run(&o, cli->out, stderr, &err) < 0) {
		if (err.code == ALLIED_EUSAGE)
			return cli_usage_error("serve", "%s", err.msg);
		return cli_fail(&err);
	}
	return 0;
}
