/*
 * text: normalising, tokenising and comparing words for name lookup and search.
 *
 * Base layer, pure functions. Normal form: ASCII letters lower-cased, every run of other
 * characters (spaces, punctuation, hyphens) replaced by one space, no leading or trailing space.
 * So "EKG Tech", "ekg-tech" and " ekg  tech " all normalise to "ekg tech". Bytes >= 0x80 are
 * kept as they are, so UTF-8 passes through unharmed.
 */
#ifndef ALLIED_TEXT_H
#define ALLIED_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Normalise s into out (capacity out_size, always terminated, cut if too long); returns strlen(out). */
size_t text_norm(const char *s, char *out, size_t out_size);

/* Split normalised text into words: calls fn(word, len, ctx) for each, returns the word count. */
size_t text_words(const char *norm, void (*fn)(const char *word, size_t len, void *ctx), void *ctx);

/*
 * Edit distance between a and b counting insertions, deletions, substitutions and swaps of
 * two neighbouring characters (optimal string alignment). Stops early and returns max + 1 once
 * the distance must exceed max. Strings longer than 63 bytes return max + 1.
 */
int text_distance(const char *a, size_t a_len, const char *b, size_t b_len, int max);

/*
 * Like text_distance, but against the closest prefix of b: how many edits turn a into some
 * prefix of b ("phlebotomist" is 0 from "phlebotomists"). Returns max + 1 when over max.
 */
int text_prefix_distance(const char *a, size_t a_len, const char *b, size_t b_len, int max);

/* The typo allowance for a word of this length: 0 below 4 letters, 1 up to 7, 2 from 8. */
int text_typo_allowance(size_t word_len);

/* Is s a valid id: 1-64 characters of a-z, 0-9 and '-', not starting or ending with '-'? */
int text_is_slug(const char *s);

/*
 * The length of the valid UTF-8 sequence at s (n > 0 bytes available), or 0 when it is not
 * valid: a stray continuation byte, an overlong form, a surrogate, above U+10FFFF, cut short.
 */
size_t text_utf8_len(const unsigned char *s, size_t n);

/* Is the string s valid UTF-8 throughout? */
bool text_is_utf8(const char *s);

/*
 * Make the string s valid UTF-8 in place: every byte that does not start a valid sequence
 * becomes '?'. For text that came from outside (a query string) or was cut at a byte count
 * (printf's "%.20s") before it goes into JSON. Returns whether anything was replaced.
 */
bool text_utf8_repair(char *s);

/* "$40,250" into buf (size n); "" when buf is too small. */
const char *text_usd(int64_t usd, char *buf, size_t n);
/* "9-18 months", "1 month"; "unknown" when lo is negative (unknown). */
const char *text_months(int lo, int hi, char *buf, size_t n);

#endif
