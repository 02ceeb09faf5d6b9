/*
 * progress: the progress bar of long commands (see progress.h).
 */
#include "progress.h"

#include <string.h>
#include <unistd.h>

static double seconds_between(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) + (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

void progress_init(struct progress_bar *p, FILE *out)
{
	memset(p, 0, sizeof(*p));
	p->out = out;
	p->tty = isatty(fileno(out));
	clock_gettime(CLOCK_MONOTONIC, &p->start);
}

void progress_draw(void *ctx, const char *stage, size_t done, size_t total)
{
	struct progress_bar *p = ctx;
	struct timespec now;
	char bar[31];

	if (!p->tty)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (seconds_between(&p->start, &now) < 1.0 || (p->drawn && seconds_between(&p->last, &now) < 0.1))
		return;
	p->last = now;
	p->drawn = true;
	if (total) {
		size_t fill = done >= total ? 30 : done * 30 / total;
		memset(bar, '#', fill);
		memset(bar + fill, '.', 30 - fill);
		bar[30] = '\0';
		fprintf(p->out, "\r\033[K%.40s [%s] %3zu%%", stage, bar, done >= total ? 100 : done * 100 / total);
	} else {
		fprintf(p->out, "\r\033[K%.40s %zu", stage, done);
	}
	fflush(p->out);
}

void progress_clear(struct progress_bar *p)
{
	if (p->drawn) {
		fputs("\r\033[K", p->out);
		fflush(p->out);
		p->drawn = false;
	}
}
