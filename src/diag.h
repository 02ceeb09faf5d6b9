/*
 * diag: status codes and error messages.
 *
 * Base layer. Fallible functions return 0 or a negative ALLIED_E* status and, on failure,
 * fill the struct diag passed as their last argument with one complete, printable message
 * (lower case, no final period; importers and the data loader say "file:line: message").
 * On success the diag is left untouched, so calls can be chained. The core never prints:
 * front ends decide what to show and which exit code to use (diag_exit_code).
 */
#ifndef ALLIED_DIAG_H
#define ALLIED_DIAG_H

enum {
	ALLIED_OK = 0,
	ALLIED_EINVAL = -1,	/* the input was rejected (bad value, bad file contents) */
	ALLIED_ENOTFOUND = -2,	/* the thing asked for does not exist */
	ALLIED_EIO = -3,	/* a file or the operating system failed */
	ALLIED_EDB = -4,	/* the database failed or is corrupt */
	ALLIED_EUSAGE = -5,	/* a command line or request was malformed */
};

/* Exit codes, documented in docs/allied.1. */
enum {
	EXIT_OK = 0,
	EXIT_FAILURE_ = 1,
	EXIT_USAGE = 2,
	EXIT_REJECTED = 3,
};

#define DIAG_MSG_MAX 4096

struct diag {
	int code;			/* the ALLIED_E* status of the failure */
	char msg[DIAG_MSG_MAX];		/* the message; empty when nothing failed */
};

/* Empty err. */
void diag_init(struct diag *err);
/* Set err's code and message (printf format); returns code so callers can "return diag_set(...)". */
int diag_set(struct diag *err, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Append a line to err's message (for multi-error reports); keeps the first code. */
void diag_append(struct diag *err, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* The documented exit code for a status: 0, 1 (failure), 2 (usage), 3 (rejected/not found). */
int diag_exit_code(int status);

#endif
