/*
 * progress: the progress bar of long commands (allied import, allied data fetch).
 *
 * Front-end layer. It draws on its stream only when that is a terminal, and only once the
 * work has run for more than a second, at most ten times a second; elsewhere it is silent.
 */
#ifndef ALLIED_PROGRESS_H
#define ALLIED_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <time.h>

struct progress_bar {
	FILE *out;
	bool tty;
	struct timespec start, last;
	bool drawn;
};

/* Start a bar on out (it draws only when out is a terminal); the one-second wait starts now. */
void progress_init(struct progress_bar *p, FILE *out);

/*
 * The callback of struct import_progress and struct fetch_progress (ctx is the bar): stage
 * names the work, done of total (total 0: unknown, the count alone is shown).
 */
void progress_draw(void *ctx, const char *stage, size_t done, size_t total);

/* Erase the bar, if one was drawn, so that what is printed next starts on a clean line. */
void progress_clear(struct progress_bar *p);

#endif
