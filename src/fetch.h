/*
 * fetch: downloading the official releases (docs/importers.md, "allied data fetch"), checking
 * what arrived and unpacking zip archives, for the importers to read.
 *
 * Core layer (libcurl, libzip, libcrypto): it never prints and never touches the database.
 * Downloads go over HTTPS only; plain HTTP is allowed only to this machine (127.0.0.1,
 * localhost, [::1]) so that tests can serve files locally. A download is written to a
 * temporary file beside its target and renamed only once it is complete, so an interrupted or
 * refused download never leaves a partial file under the target's name.
 *
 * fetch-releases.c holds the table of official releases: where each kind's files come from
 * and what each file must look like.
 */
#ifndef ALLIED_FETCH_H
#define ALLIED_FETCH_H

#include "diag.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Limits, in bytes unless named otherwise: no official file comes near them. */
#define FETCH_DOWNLOAD_BYTES_MAX (512u * 1024 * 1024)	/* one downloaded file */
#define FETCH_ENTRY_BYTES_MAX (1024u * 1024 * 1024)	/* one file unpacked from a zip */
#define FETCH_UNPACKED_BYTES_MAX (2048ull * 1024 * 1024)	/* everything unpacked from one zip */
#define FETCH_ENTRIES_MAX 10000				/* names in one zip */
#define FETCH_CONNECT_TIMEOUT_S 30
#define FETCH_LOW_SPEED_BYTES_PER_S 1024	/* slower than this ... */
#define FETCH_LOW_SPEED_TIME_S 60		/* ... for this long: give up */

/*
 * Progress of a download, for a front end's progress bar (the same shape as struct
 * import_progress): fn(ctx, stage, done, total) with bytes received and expected (total 0
 * while unknown). fn may be NULL.
 */
struct fetch_progress {
	void (*fn)(void *ctx, const char *stage, size_t done, size_t total);
	void *ctx;
};

struct fetch_options {
	uint64_t bytes_max;		/* refuse a larger file; 0: FETCH_DOWNLOAD_BYTES_MAX */
	struct fetch_progress progress;
};

struct fetch_result {
	uint64_t bytes;			/* size of the file written */
	char sha256[65];		/* its SHA-256, lower-case hex */
};

struct fetch_limits {
	uint64_t entry_bytes_max;	/* 0: FETCH_ENTRY_BYTES_MAX */
	uint64_t unpacked_bytes_max;	/* 0: FETCH_UNPACKED_BYTES_MAX */
	size_t entries_max;		/* 0: FETCH_ENTRIES_MAX */
};

/* Set up libcurl once per process, before any download; fetch_cleanup at the end. */
int fetch_init(struct diag *err);
void fetch_cleanup(void);

/*
 * Is url one allied may download from: https://, or http:// to 127.0.0.1, localhost or [::1]?
 * 0, or ALLIED_EINVAL with a message naming the URL.
 */
int fetch_check_url(const char *url, struct diag *err);

/*
 * url with its scheme and host (and port) replaced by base, keeping its path: with base
 * "http://127.0.0.1:8000", "https://www.bls.gov/emp/x.xlsx" is "http://127.0.0.1:8000/emp/x.xlsx".
 * A trailing '/' of base is ignored. Returns a malloc'ed string the caller frees; NULL when
 * base is not "SCHEME://HOST[:PORT][/]" or url has no path.
 */
char *fetch_rebase_url(const char *url, const char *base);

/*
 * Download url (fetch_check_url first) to the file path: written to "path.part-XXXXXX" and
 * renamed to path when complete, with the SHA-256 computed on the way. Redirects are followed
 * to https:// only. Fails with ALLIED_EIO naming the URL: no connection, a timeout, an HTTP
 * status other than 200, a transfer cut short, a file larger than opt->bytes_max, a disk
 * error; nothing is then left at path or beside it (a file already at path is left as it was).
 */
int fetch_download(const char *url, const char *path, const struct fetch_options *opt,
		   struct fetch_result *res, struct diag *err);

/* The file formats a release file can have (struct fetch_file.format). */
enum fetch_format {
	FETCH_TEXT,	/* tab- or comma-separated text starting with a known header */
	FETCH_XLSX,	/* an Excel workbook: a zip with [Content_Types].xml and xl/workbook.xml */
};

/*
 * Does the file at path look like format? FETCH_TEXT: its first line, after a UTF-8 byte
 * order mark and with double quotes removed, starts with header. FETCH_XLSX: it is a whole
 * zip (its central directory is there and consistent) with the members of a workbook.
 * ALLIED_EINVAL with "name: ..." (name is the file's name for messages) when not.
 */
int fetch_check_format(const char *path, const char *name, enum fetch_format format, const char *header,
		       struct diag *err);

/*
 * Unpack the zip at zip_path into the directory dir (created; one left by an earlier run is
 * removed first), checking the whole archive: the "PK\3\4" signature, a consistent central
 * directory, every name relative and without a ".." component or backslash, no name twice,
 * the sizes and count within lim (NULL: the defaults), every CRC. Then find member (matched
 * by the last component of each name, ignoring case): *member_path (malloc'ed, the caller
 * frees) is its path under dir. ALLIED_EINVAL with "name: ..." for a bad archive or a missing
 * member, ALLIED_EIO when the disk fails; on failure dir is removed again.
 */
int fetch_unzip(const char *zip_path, const char *name, const char *dir, const char *member,
		const struct fetch_limits *lim, char **member_path, struct diag *err);

/* Remove path: a file, or a directory and everything in it. A missing path is no error. */
int fetch_remove_tree(const char *path, struct diag *err);

/* ---- the official releases (fetch-releases.c) ---- */

struct fetch_file {
	const char *url;		/* the official address */
	const char *sha256;		/* pinned SHA-256 (lower-case hex), or NULL when not known */
	const char *member;		/* for a zip: the file inside it to import; NULL: not a zip */
	bool import_dir;		/* import the directory holding member, not member itself */
	enum fetch_format format;	/* of the file to import (member, or the download itself) */
	const char *header;		/* FETCH_TEXT: the start of its first line */
};

struct fetch_release {
	const char *kind;		/* the `allied import` kind that reads it */
	const char *title;		/* the release, as its publisher names it */
	const char *page;		/* the official page that lists it */
	size_t n_files;
	struct fetch_file files[2];	/* given to the importer in this order */
};

extern const struct fetch_release fetch_releases[];
extern const size_t fetch_n_releases;

/* The release for an import kind, or NULL. */
const struct fetch_release *fetch_release_find(const char *kind);

#endif
