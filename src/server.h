/*
 * server: `allied serve`'s HTTP front end, on libmicrohttpd in poll mode.
 *
 * Front-end layer: owns the sockets, threads and signals, writes the access log, and hands
 * every request to api_handle. Runs until SIGTERM or SIGINT.
 */
#ifndef ALLIED_SERVER_H
#define ALLIED_SERVER_H

#include "diag.h"

#include <stdio.h>

struct server_options {
	const char *listen;		/* "ADDR:PORT", "[ADDR]:PORT"; port 0 picks a free one */
	const char *db_path;
	const char *assets_dir;		/* serve web/ files from this directory instead (development); or NULL */
	unsigned threads;		/* worker threads, 1 or more */
	unsigned max_connections;
	unsigned timeout_seconds;	/* an idle connection is closed after this long */
	unsigned rate_limit;		/* requests per second per client address; 0 = no limit */
};

/*
 * Serve until SIGTERM or SIGINT, then finish the requests in progress and return 0. SIGHUP
 * reopens the database. The first line on out is "allied: serving http://ADDR:PORT/"; the
 * access log goes to log. Fails (without serving) when the address or the database is unusable.
 */
int server_run(const struct server_options *o, FILE *out, FILE *log, struct diag *err);

#endif
