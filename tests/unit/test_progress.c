/*
 * Unit tests for progress: the bar is drawn on a terminal (a real pseudo-terminal here) only
 * after a second, and never on a pipe.
 */
#include "testutil.h"
#include "progress.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* What the terminal side received so far (non-blocking read of the pty master). */
static size_t drain(int master, char *out, size_t cap)
{
	size_t n = 0;
	ssize_t k;
	while (n + 1 < cap && (k = read(master, out + n, cap - 1 - n)) > 0)
		n += (size_t)k;
	out[n] = '\0';
	return n;
}

static void back_date(struct progress_bar *p, double seconds)
{
	p->start.tv_sec -= (time_t)seconds;
	p->start.tv_nsec -= (long)((seconds - (double)(time_t)seconds) * 1e9);
	if (p->start.tv_nsec < 0) {
		p->start.tv_sec--;
		p->start.tv_nsec += 1000000000L;
	}
}

static void test_terminal(void **state)
{
	(void)state;
	char got[512];
	int master = posix_openpt(O_RDWR | O_NOCTTY);
	if (master < 0 || grantpt(master) != 0 || unlockpt(master) != 0)
		skip();	/* no pseudo-terminals here */
	fcntl(master, F_SETFL, O_NONBLOCK);
	FILE *tty = fopen(ptsname(master), "w");
	assert_non_null(tty);

	struct progress_bar p;
	progress_init(&p, tty);
	assert_true(p.tty);
	progress_draw(&p, "reading Task Statements.txt", 10, 100);
	assert_int_equal(drain(master, got, sizeof(got)), 0);	/* under a second: nothing */

	back_date(&p, 1.5);
	progress_draw(&p, "reading Task Statements.txt", 50, 100);
	drain(master, got, sizeof(got));
	assert_non_null(strstr(got, "reading Task Statements.txt [###############...............]  50%"));

	progress_draw(&p, "reading Task Statements.txt", 60, 100);	/* within 0.1 s of the last: skipped */
	assert_int_equal(drain(master, got, sizeof(got)), 0);

	p.last.tv_sec -= 1;
	progress_draw(&p, "writing", 7, 0);	/* total unknown: the count alone */
	drain(master, got, sizeof(got));
	assert_non_null(strstr(got, "writing 7"));

	progress_clear(&p);
	drain(master, got, sizeof(got));
	assert_non_null(strstr(got, "\r\033[K"));
	fclose(tty);
	close(master);
}

static void test_pipe(void **state)
{
	(void)state;
	int fds[2];
	char got[64];
	assert_int_equal(pipe(fds), 0);
	fcntl(fds[0], F_SETFL, O_NONBLOCK);
	FILE *out = fdopen(fds[1], "w");
	struct progress_bar p;
	progress_init(&p, out);
	assert_false(p.tty);
	back_date(&p, 5);
	progress_draw(&p, "reading", 50, 100);
	progress_clear(&p);
	fclose(out);
	assert_int_equal(drain(fds[0], got, sizeof(got)), 0);	/* quiet when not a terminal */
	close(fds[0]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_terminal),
		cmocka_unit_test(test_pipe),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
