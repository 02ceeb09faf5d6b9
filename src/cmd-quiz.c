/*
 * allied quiz: the interest inventory and the practical questions, asked in the terminal,
 * then the matches. With --answers it asks nothing and is `allied match --answers`.
 */
#include "cmd.h"
#include "xmalloc.h"

#include <stdlib.h>
#include <string.h>

const char cmd_quiz_usage[] =
	"usage: allied quiz [--answers DIGITS] [MATCH OPTIONS] [--limit N] [--json]\n"
	"\n"
	"Without --answers, asks about 30 short activities (rate each 1 strongly dislike to 5\n"
	"strongly like) and then the practical questions: patient contact, blood and needles,\n"
	"physical demands, shifts, settings, remote work, training time, education, pay, interest\n"
	"areas and part-time study. For each practical answer you say whether it is a must (a hard\n"
	"limit) or a wish with a weight from 1 to 5. At the end it prints your interest profile, your\n"
	"matches with their reasons, and the command that shows them again without questions.\n"
	"\n"
	"With --answers DIGITS (one digit 1-5 per activity, in the order of the quiz) nothing is\n"
	"asked; add any option of 'allied match' for the practical side. Nothing is stored.\n"
	"\n"
	"This is allied's own short inventory, scored as described in docs/matching.md. It is not\n"
	"the O*NET Interest Profiler.\n";

struct session {
	FILE *in, *out;
	struct match_cli *mc;
	struct strvec replay;	/* the options that repeat the answers, for the closing hint */
};

/* Print prompt, read a line (trimmed; malloc'ed). NULL at end of input. */
static char *ask(struct session *s, const char *prompt)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;

	fputs(prompt, s->out);
	fflush(s->out);
	if ((len = getline(&line, &cap, s->in)) < 0) {
		free(line);
		return NULL;
	}
	while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r' || line[len - 1] == ' '))
		line[--len] = '\0';
	char *start = line;
	while (*start == ' ')
		start++;
	memmove(line, start, strlen(start) + 1);
	return line;
}

static int ask_items(struct session *s, char *answers)
{
	struct match_cli *mc = s->mc;
	fprintf(s->out, "Part 1 of 2: %zu activities. How much would you like doing each one?\n"
		"Answer 1 strongly dislike, 2 dislike, 3 not sure, 4 like, 5 strongly like (b goes back).\n"
		"Do not worry about training or pay here: only whether the activity appeals to you.\n\n", mc->n_quiz);
	for (size_t i = 0; i < mc->n_quiz;) {
		char prompt[320];
		snprintf(prompt, sizeof(prompt), "%2zu/%zu  %s\n       1-5: ", i + 1, mc->n_quiz, mc->quiz[i].text);
		char *line = ask(s, prompt);
		if (!line)
			return -1;
		if (strcmp(line, "b") == 0 && i > 0) {
			i--;
		} else if (strlen(line) == 1 && line[0] >= '1' && line[0] <= '5') {
			answers[i++] = line[0];
		} else {
			fprintf(s->out, "       Please type one digit from 1 to 5.\n");
		}
		free(line);
	}
	answers[mc->n_quiz] = '\0';
	return 0;
}

struct choice {
	const char *label;
	const char *option;	/* NULL: no preference */
	const char *value;	/* NULL for flags */
};

struct question {
	const char *text;
	struct choice choices[8];
	const char *free_option;	/* answered with free text for this option, when set */
	const char *hint;
};

static const struct question questions[] = {
	{ "How much do you want to work with patients?",
	  { { "little or none: behind the scenes", "patient-contact", "low" },
	    { "some", "patient-contact", "some" },
	    { "most of the day: I am a people person", "min-patient-contact", "high" } }, NULL, NULL },
	{ "How do you feel about blood and needles?",
	  { { "I would rather not see them", "no-blood", NULL },
	    { "now and then is fine", "max-blood", "occasional" },
	    { "they do not bother me", NULL, NULL } }, NULL, NULL },
	{ "How physical may the work be?",
	  { { "mostly sitting", "physical", "sedentary" }, { "light: on my feet, little lifting", "physical", "light" },
	    { "moderate: lifting and moving patients at times", "physical", "moderate" },
	    { "heavy work is fine", NULL, NULL } }, NULL, NULL },
	{ "Which shifts would you rather avoid? (comma-separated: evenings, nights, weekends, on-call)",
	  { { NULL, NULL, NULL } }, "avoid-shifts", NULL },
	{ "Where would you like to work? (comma-separated setting ids)", { { NULL, NULL, NULL } }, "settings",
	  "settings" },
	{ "Do you want to be able to work from home?",
	  { { "yes", "remote", NULL }, { "it does not matter", NULL, NULL } }, NULL, NULL },
	{ "What is the longest training you would accept, in months? (e.g. 12)", { { NULL, NULL, NULL } },
	  "max-months", NULL },
	{ "What is the most education you are willing to complete?",
	  { { "on-the-job training", "education", "on-the-job" }, { "a certificate", "education", "certificate" },
	    { "an associate degree", "education", "associate" }, { "a bachelor's degree", "education", "bachelor" },
	    { "a master's degree", "education", "master" }, { "a doctorate", "education", "doctorate" } }, NULL, NULL },
	{ "What is the lowest yearly pay you would accept, as a national median? (e.g. 40000)",
	  { { NULL, NULL, NULL } }, "min-pay", NULL },
	{ "Which areas fascinate you? (comma-separated interest ids)", { { NULL, NULL, NULL } }, "interests",
	  "interests" },
};

static void print_vocab(struct session *s, const char *which)
{
	const struct catalog *cat = s->mc->cat;
	const struct vocab_item *v = strcmp(which, "settings") == 0 ? cat->settings : cat->interests;
	size_t n = strcmp(which, "settings") == 0 ? cat->n_settings : cat->n_interests;
	struct buf b;
	buf_init(&b, 0);
	for (size_t i = 0; i < n; i++)
		buf_addf(&b, "%s%s (%s)", i ? ", " : "", v[i].id, v[i].label);
	cli_wrap(s->out, 5, 0, b.data, 90);
	buf_release(&b);
}

/* Apply option=value as a must (hard) or a wish of a weight; record it for the replay hint. */
static int apply(struct session *s, const char *option, const char *value, const char *kind, struct diag *err)
{
	char spec[512];
	bool must = strcmp(kind, "m") == 0;
	int rc;

	if (must && strcmp(option, "interests") != 0) {
		rc = match_set(&s->mc->prefs, s->mc->cat, option, value, err);
		if (rc == 0) {
			strvec_push_owned(&s->replay, xasprintf("--%s", option));
			if (value)
				strvec_push(&s->replay, value);
		}
		return rc;
	}
	snprintf(spec, sizeof(spec), "%s%s%s%s%s", option, value ? "=" : "", value ? value : "", must ? "" : ":",
		 must ? "" : kind);
	rc = match_set(&s->mc->prefs, s->mc->cat, must ? "require" : "prefer", spec, err);
	if (rc == 0) {
		strvec_push(&s->replay, must ? "--require" : "--prefer");
		strvec_push(&s->replay, spec);
	}
	return rc;
}

static int ask_question(struct session *s, const struct question *q)
{
	const char *option = q->free_option, *value = NULL;
	char *line = NULL;
	size_t n_choices = 0;

	fprintf(s->out, "\n%s\n", q->text);
	if (q->hint)
		print_vocab(s, q->hint);
	while (n_choices < 8 && q->choices[n_choices].label)
		n_choices++;
	for (size_t i = 0; i < n_choices; i++)
		fprintf(s->out, "  %zu  %s\n", i + 1, q->choices[i].label);
	for (;;) {
		free(line);
		if (!(line = ask(s, n_choices ? "  choose a number, or press Enter for no preference: "
					       : "  your answer, or press Enter for no preference: ")))
			return -1;
		if (!*line) {
			free(line);
			return 0;
		}
		if (n_choices) {
			char *end;
			long k = strtol(line, &end, 10);
			if (*end || k < 1 || k > (long)n_choices) {
				fprintf(s->out, "  Please type a number from 1 to %zu.\n", n_choices);
				continue;
			}
			option = q->choices[k - 1].option;
			value = q->choices[k - 1].value;
			if (!option) {
				free(line);
				return 0;
			}
		} else {
			value = line;
		}
		/* check the value before asking how much it matters */
		struct match_prefs probe = s->mc->prefs;
		struct diag err;
		diag_init(&err);
		if (match_set(&probe, s->mc->cat, option, value, &err) < 0) {
			fprintf(s->out, "  %s\n", err.msg);
			continue;
		}
		break;
	}
	for (;;) {
		char *kind = ask(s, "  Is that a must (m), or a wish that matters 1 (a little) to 5 (a lot)? [3]: ");
		struct diag err;
		if (!kind) {
			free(line);
			return -1;
		}
		if (!*kind) {
			free(kind);
			kind = xstrdup("3");
		}
		diag_init(&err);
		if ((strcmp(kind, "m") == 0 || (strlen(kind) == 1 && kind[0] >= '1' && kind[0] <= '5')) &&
		    apply(s, option, value, kind, &err) == 0) {
			free(kind);
			break;
		}
		fprintf(s->out, "  %s\n", err.msg[0] ? err.msg : "Please type m or a digit from 1 to 5.");
		free(kind);
	}
	free(line);
	return 0;
}

static int ask_practical(struct session *s)
{
	fprintf(s->out, "\nPart 2 of 2: practical questions. Press Enter to skip any of them.\n");
	for (size_t i = 0; i < sizeof(questions) / sizeof(questions[0]); i++)
		if (ask_question(s, &questions[i]) < 0)
			return -1;
	fprintf(s->out, "\nWill you study part time (evenings or weekends)?\n  1  yes\n  2  no\n");
	for (;;) {
		char *line = ask(s, "  choose a number, or press Enter for no: ");
		if (!line)
			return -1;
		int ok = !*line || strcmp(line, "1") == 0 || strcmp(line, "2") == 0;
		if (strcmp(line, "1") == 0) {
			s->mc->prefs.part_time = true;
			strvec_push(&s->replay, "--part-time");
		}
		free(line);
		if (ok)
			return 0;
		fprintf(s->out, "  Please type 1 or 2.\n");
	}
}

int cmd_quiz(struct cli *cli, int argc, char **argv)
{
	struct match_cli mc;
	long limit = 10;
	int rc = cmd_match_start(cli, "quiz", argc, argv, &mc, &limit);

	if (rc == 0 && !mc.answers && mc.n_quiz == 0) {
		fprintf(stderr, "allied quiz: this database has no quiz questions (data/quiz.yaml)\n");
		rc = EXIT_FAILURE;
	}
	char answers[PROFILE_MAX_ITEMS + 1];
	struct session s = { stdin, cli->json ? stderr : cli->out, &mc, { 0 } };
	strvec_init(&s.replay);
	if (rc == 0 && !mc.answers) {
		if (ask_items(&s, answers) < 0 || ask_practical(&s) < 0) {
			fprintf(stderr, "\nallied quiz: the quiz ended before the last question; nothing was kept\n");
			rc = EXIT_USAGE;
		} else {
			mc.answers = answers;
			fputc('\n', s.out);
		}
	}
	if (rc == 0)
		rc = cmd_match_score_answers("quiz", &mc);
	if (rc == 0)
		rc = cmd_match_print(cli, &mc, limit);
	if (rc == 0 && mc.answers == answers) {
		fprintf(s.out, "\nTo see these results again without the questions:\n  allied quiz --answers %s", answers);
		for (size_t i = 0; i < s.replay.n; i++)
			fprintf(s.out, strchr(s.replay.v[i], ' ') ? " '%s'" : " %s", s.replay.v[i]);
		fputc('\n', s.out);
	}
	strvec_release(&s.replay);
	cmd_match_release(&mc);
	return rc;
}
