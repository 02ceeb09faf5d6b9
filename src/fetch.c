/*
 * fetch: downloads over HTTPS, format checks and zip unpacking (see fetch.h).
 *
 * Core layer: returns ALLIED_E* statuses with a message, never prints. libcurl does the
 * transfer, libcrypto's EVP interface the SHA-256 as the bytes arrive, libzip the archives.
 */
#include "fetch.h"
#include "files.h"
#include "xmalloc.h"

#include <curl/curl.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <ftw.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#ifndef ALLIED_VERSION
#define ALLIED_VERSION "0.1.0"
#endif

/* Some publishers (BLS) refuse libcurl's default agent; say who is asking. */
#define FETCH_USER_AGENT "allied/" ALLIED_VERSION " (open-source allied-health career navigator; libcurl)"

/*
 * libcurl is opened when a download is about to happen, not linked: its dependencies (LDAP,
 * Kerberos, RTMP, SSH ...) cost every allied command ~2 ms of start-up (docs/performance.md),
 * and only allied data fetch needs it. The headers, and so the types and constants, are
 * libcurl's own (pkg-config libcurl); these are the functions allied calls.
 */
static struct {
	void *lib;
	CURLcode (*global_init)(long flags);
	void (*global_cleanup)(void);
	CURL *(*easy_init)(void);
	CURLcode (*easy_setopt)(CURL *c, CURLoption option, ...);
	CURLcode (*easy_perform)(CURL *c);
	CURLcode (*easy_getinfo)(CURL *c, CURLINFO info, ...);
	const char *(*easy_strerror)(CURLcode code);
	void (*easy_cleanup)(CURL *c);
	CURLU *(*url)(void);
	CURLUcode (*url_set)(CURLU *u, CURLUPart part, const char *content, unsigned int flags);
	CURLUcode (*url_get)(const CURLU *u, CURLUPart part, char **content, unsigned int flags);
	void (*url_cleanup)(CURLU *u);
	void (*free)(void *p);
} lc;

#define FETCH_LIBCURL "libcurl.so.4"

static int load_libcurl(struct diag *err)
{
	static const struct {
		const char *name;
		size_t offset;
	} fns[] = {
#define FN(field, symbol) { symbol, offsetof(__typeof__(lc), field) }
		FN(global_init, "curl_global_init"), FN(global_cleanup, "curl_global_cleanup"),
		FN(easy_init, "curl_easy_init"), FN(easy_setopt, "curl_easy_setopt"),
		FN(easy_perform, "curl_easy_perform"), FN(easy_getinfo, "curl_easy_getinfo"),
		FN(easy_strerror, "curl_easy_strerror"), FN(easy_cleanup, "curl_easy_cleanup"),
		FN(url, "curl_url"), FN(url_set, "curl_url_set"), FN(url_get, "curl_url_get"),
		FN(url_cleanup, "curl_url_cleanup"), FN(free, "curl_free"),
#undef FN
	};
	void *lib;

	if (lc.lib)
		return 0;
	if (!(lib = dlopen(FETCH_LIBCURL, RTLD_NOW | RTLD_LOCAL)))
		return diag_set(err, ALLIED_EIO, "cannot load %s, which allied data fetch downloads with (%s); install it: "
				"apt-get install libcurl4", FETCH_LIBCURL, dlerror());
	for (size_t i = 0; i < sizeof(fns) / sizeof(fns[0]); i++) {
		void *fn = dlsym(lib, fns[i].name);
		if (!fn) {
			dlclose(lib);
			return diag_set(err, ALLIED_EIO, "%s has no %s: it is too old for allied (7.80 or later is needed)",
					FETCH_LIBCURL, fns[i].name);
		}
		memcpy((char *)&lc + fns[i].offset, &fn, sizeof(fn));
	}
	lc.lib = lib;
	return 0;
}

int fetch_init(struct diag *err)
{
	if (load_libcurl(err) < 0)
		return err->code;
	if (lc.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
		return diag_set(err, ALLIED_EIO, "cannot initialise libcurl");
	return 0;
}

void fetch_cleanup(void)
{
	if (lc.lib)
		lc.global_cleanup();
}

/* ---- addresses ---- */

static bool is_loopback_host(const char *host)
{
	return strcmp(host, "127.0.0.1") == 0 || strcasecmp(host, "localhost") == 0 || strcmp(host, "[::1]") == 0;
}

int fetch_check_url(const char *url, struct diag *err)
{
	CURLU *u;
	char *scheme = NULL, *host = NULL;
	int rc = load_libcurl(err);

	if (rc < 0)
		return rc;
	if (!(u = lc.url()))
		abort();
	if (lc.url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
	    lc.url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
	    lc.url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK)
		rc = diag_set(err, ALLIED_EINVAL, "'%s' is not a URL", url);
	else if (strcmp(scheme, "https") != 0 && !(strcmp(scheme, "http") == 0 && is_loopback_host(host)))
		rc = diag_set(err, ALLIED_EINVAL,
			      "'%s': allied downloads over https:// only (plain http:// only from 127.0.0.1, localhost or [::1])",
			      url);
	lc.free(scheme);
	lc.free(host);
	lc.url_cleanup(u);
	return rc;
}

char *fetch_rebase_url(const char *url, const char *base)
{
	const char *sep = strstr(base, "://"), *path;
	size_t base_len = strlen(base);

	if (!sep || sep == base || sep[3] == '\0')
		return NULL;
	for (const char *p = base; p < sep; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
			return NULL;
	/* base is SCHEME://HOST[:PORT] with at most one '/' after it */
	const char *slash = strchr(sep + 3, '/');
	if (slash && slash[1] != '\0')
		return NULL;
	if (slash)
		base_len = (size_t)(slash - base);
	if (base_len == (size_t)(sep + 3 - base))
		return NULL;
	if (!(path = strstr(url, "://")) || !(path = strchr(path + 3, '/')))
		return NULL;
	return xasprintf("%.*s%s", (int)base_len, base, path);
}

/* ---- downloads ---- */

struct sink {
	FILE *f;
	EVP_MD_CTX *md;
	uint64_t bytes, max;
	bool too_big;
	int write_errno;		/* set when writing the file failed */
	const struct fetch_progress *progress;
	const char *stage;
};

static size_t on_data(char *data, size_t size, size_t n, void *ctx)
{
	struct sink *s = ctx;
	size_t len = size * n;

	if (s->bytes + len > s->max) {
		s->too_big = true;
		return 0;
	}
	if (fwrite(data, 1, len, s->f) != len) {
		s->write_errno = errno ? errno : EIO;
		return 0;
	}
	EVP_DigestUpdate(s->md, data, len);
	s->bytes += len;
	return len;
}

static int on_progress(void *ctx, curl_off_t total, curl_off_t now, curl_off_t up_total, curl_off_t up_now)
{
	struct sink *s = ctx;
	(void)up_total;
	(void)up_now;
	if (s->progress->fn)
		s->progress->fn(s->progress->ctx, s->stage, (size_t)now, total > 0 ? (size_t)total : 0);
	return 0;
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

/* Run the transfer into s; on failure err names the URL. */
static int transfer(const char *url, struct sink *s, struct diag *err)
{
	char errbuf[CURL_ERROR_SIZE] = "";
	long status = 0;
	int rc = 0;
	CURL *c = load_libcurl(err) < 0 ? NULL : lc.easy_init();

	if (!c)
		return err->code ? err->code : diag_set(err, ALLIED_EIO, "cannot download '%s': cannot start libcurl", url);
	CURLU *u = lc.url();
	char *scheme = NULL;
	if (u && lc.url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK)
		lc.url_get(u, CURLUPART_SCHEME, &scheme, 0);
	lc.easy_setopt(c, CURLOPT_URL, url);
	/* fetch_check_url has limited http:// to this machine; redirects may only lead to https:// */
	lc.easy_setopt(c, CURLOPT_PROTOCOLS_STR, scheme && strcmp(scheme, "http") == 0 ? "http,https" : "https");
	lc.easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "https");
	lc.free(scheme);
	lc.url_cleanup(u);
	lc.easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
	lc.easy_setopt(c, CURLOPT_MAXREDIRS, 10L);
	lc.easy_setopt(c, CURLOPT_USERAGENT, FETCH_USER_AGENT);
	lc.easy_setopt(c, CURLOPT_CONNECTTIMEOUT, (long)FETCH_CONNECT_TIMEOUT_S);
	lc.easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, (long)FETCH_LOW_SPEED_BYTES_PER_S);
	lc.easy_setopt(c, CURLOPT_LOW_SPEED_TIME, (long)FETCH_LOW_SPEED_TIME_S);
	lc.easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)s->max);
	lc.easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	lc.easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
	lc.easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
	lc.easy_setopt(c, CURLOPT_WRITEDATA, s);
	lc.easy_setopt(c, CURLOPT_XFERINFOFUNCTION, on_progress);
	lc.easy_setopt(c, CURLOPT_XFERINFODATA, s);
	lc.easy_setopt(c, CURLOPT_NOPROGRESS, 0L);

	CURLcode cc = lc.easy_perform(c);
	lc.easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	const char *why = errbuf[0] ? errbuf : lc.easy_strerror(cc);
	if (s->too_big || cc == CURLE_FILESIZE_EXCEEDED)
		rc = diag_set(err, ALLIED_EIO, "cannot download '%s': it is larger than the limit of %llu bytes", url,
			      (unsigned long long)s->max);
	else if (s->write_errno)
		rc = diag_set(err, ALLIED_EIO, "cannot download '%s': cannot write the file: %s", url,
			      strerror(s->write_errno));
	else if (cc == CURLE_UNSUPPORTED_PROTOCOL && status >= 300 && status < 400)
		rc = diag_set(err, ALLIED_EIO, "cannot download '%s': it redirects to an address that is not https:// (%s)",
			      url, why);
	else if (cc == CURLE_PARTIAL_FILE)
		rc = diag_set(err, ALLIED_EIO, "cannot download '%s': the transfer was cut short (%s)", url, why);
	else if (cc != CURLE_OK)
		rc = diag_set(err, ALLIED_EIO, "cannot download '%s': %s", url, why);
	else if (status != 200)
		rc = diag_set(err, ALLIED_EIO, "cannot download '%s': the server answered HTTP status %ld, not 200", url,
			      status);
	lc.easy_cleanup(c);
	return rc;
}

int fetch_download(const char *url, const char *path, const struct fetch_options *opt,
		   struct fetch_result *res, struct diag *err)
{
	static const struct fetch_progress no_progress = { NULL, NULL };
	struct sink s = { .max = opt && opt->bytes_max ? opt->bytes_max : FETCH_DOWNLOAD_BYTES_MAX,
			  .progress = opt ? &opt->progress : &no_progress };
	unsigned char digest[EVP_MAX_MD_SIZE];
	unsigned int digest_len = 0;
	char *tmp, *stage;
	int rc, fd;

	if ((rc = fetch_check_url(url, err)) < 0)
		return rc;
	tmp = xasprintf("%s.part-XXXXXX", path);
	if ((fd = mkstemp(tmp)) < 0 || !(s.f = fdopen(fd, "wb"))) {
		rc = diag_set(err, ALLIED_EIO, "cannot create '%s': %s", tmp, strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(tmp);
		}
		free(tmp);
		return rc;
	}
	if (!(s.md = EVP_MD_CTX_new()) || EVP_DigestInit_ex(s.md, EVP_sha256(), NULL) != 1)
		abort();
	stage = xasprintf("downloading %s", base_name(path));
	s.stage = stage;
	rc = transfer(url, &s, err);
	if (fclose(s.f) != 0 && rc == 0)
		rc = diag_set(err, ALLIED_EIO, "cannot write '%s': %s", tmp, strerror(errno));
	if (rc == 0 && EVP_DigestFinal_ex(s.md, digest, &digest_len) != 1)
		abort();
	if (rc == 0 && rename(tmp, path) != 0)
		rc = diag_set(err, ALLIED_EIO, "cannot rename '%s' to '%s': %s", tmp, path, strerror(errno));
	if (rc < 0) {
		unlink(tmp);
	} else {
		res->bytes = s.bytes;
		for (unsigned i = 0; i < digest_len && i < 32; i++)
			snprintf(res->sha256 + 2 * i, 3, "%02x", digest[i]);
		res->sha256[64] = '\0';
	}
	EVP_MD_CTX_free(s.md);
	free(stage);
	free(tmp);
	return rc;
}

/* ---- formats ---- */

static bool has_zip_signature(const char *path, int *errno_out)
{
	unsigned char sig[4] = { 0 };
	FILE *f = fopen(path, "rb");
	size_t n;

	*errno_out = 0;
	if (!f) {
		*errno_out = errno;
		return false;
	}
	n = fread(sig, 1, 4, f);
	fclose(f);
	return n == 4 && memcmp(sig, "PK\3\4", 4) == 0;
}

/* Open a whole zip, or say why not ("name: ..."). */
static int open_zip(const char *path, const char *name, const char *what, zip_t **za, struct diag *err)
{
	int zerr = 0, e;

	if (!has_zip_signature(path, &e)) {
		if (e)
			return diag_set(err, ALLIED_EIO, "cannot read '%s': %s", path, strerror(e));
		return diag_set(err, ALLIED_EINVAL, "%s: is not %s: it does not start with the zip signature PK\\3\\4",
				name, what);
	}
	if (!(*za = zip_open(path, ZIP_RDONLY | ZIP_CHECKCONS, &zerr))) {
		zip_error_t ze;
		zip_error_init_with_code(&ze, zerr);
		int rc = diag_set(err, ALLIED_EINVAL, "%s: is not a whole zip archive (cut short?): %s", name,
				  zip_error_strerror(&ze));
		zip_error_fini(&ze);
		return rc;
	}
	return 0;
}

static int check_text(const char *path, const char *name, const char *header, struct diag *err)
{
	char buf[4096], line[4096], shown[61];
	FILE *f = fopen(path, "rb");
	size_t n, i = 0, k = 0;

	if (!f)
		return diag_set(err, ALLIED_EIO, "cannot read '%s': %s", path, strerror(errno));
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	if (n >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	for (; i < n && buf[i] != '\n' && buf[i] != '\r'; i++)
		if (buf[i] != '"')
			line[k++] = buf[i];
	line[k] = '\0';
	if (strncmp(line, header, strlen(header)) == 0)
		return 0;
	for (i = 0; i < k && i < sizeof(shown) - 1; i++)
		shown[i] = (line[i] >= 0x20 && line[i] < 0x7f) || line[i] == '\t' ? line[i] : '?';
	shown[i] = '\0';
	if (n == 0)
		return diag_set(err, ALLIED_EINVAL, "%s: is empty", name);
	return diag_set(err, ALLIED_EINVAL, "%s:1:1: does not start with the header '%s' (it starts '%s')", name, header,
			shown);
}

int fetch_check_format(const char *path, const char *name, enum fetch_format format, const char *header,
		       struct diag *err)
{
	zip_t *za = NULL;
	int rc;

	if (format == FETCH_TEXT)
		return check_text(path, name, header, err);
	if ((rc = open_zip(path, name, "an Excel workbook (.xlsx)", &za, err)) < 0)
		return rc;
	if (zip_name_locate(za, "[Content_Types].xml", 0) < 0 || zip_name_locate(za, "xl/workbook.xml", 0) < 0)
		rc = diag_set(err, ALLIED_EINVAL, "%s: is a zip but not an Excel workbook (no xl/workbook.xml)", name);
	zip_discard(za);
	return rc;
}

/* ---- unpacking ---- */

static int remove_one(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st;
	(void)type;
	(void)ftw;
	return remove(path) == 0 ? 0 : errno;
}

int fetch_remove_tree(const char *path, struct diag *err)
{
	struct stat st;
	int e;

	if (lstat(path, &st) != 0)
		return errno == ENOENT ? 0 : diag_set(err, ALLIED_EIO, "cannot remove '%s': %s", path, strerror(errno));
	if ((e = nftw(path, remove_one, 16, FTW_DEPTH | FTW_PHYS)) != 0)
		return diag_set(err, ALLIED_EIO, "cannot remove '%s': %s", path, strerror(e > 0 ? e : errno));
	return 0;
}

/* A name from an archive may only point inside the directory it is unpacked into. */
static bool is_safe_name(const char *name)
{
	if (name[0] == '\0' || name[0] == '/' || strchr(name, '\\'))
		return false;
	for (const char *p = name; *p; ) {
		size_t len = strcspn(p, "/");
		if (len == 2 && p[0] == '.' && p[1] == '.')
			return false;
		p += len;
		if (*p == '/')
			p++;
	}
	return true;
}

/* Write entry i of za to path, counting its bytes against the limits. */
static int unpack_entry(zip_t *za, zip_uint64_t i, const char *zname, const char *ename, const char *path,
			uint64_t entry_max, uint64_t *total, uint64_t total_max, struct diag *err)
{
	char buf[65536];
	uint64_t bytes = 0;
	zip_int64_t n;
	int rc = 0, fd;
	zip_file_t *zf = zip_fopen_index(za, i, 0);

	if (!zf)
		return diag_set(err, ALLIED_EINVAL, "%s: cannot read '%s': %s", zname, ename, zip_strerror(za));
	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644)) < 0) {
		rc = errno == EEXIST ? diag_set(err, ALLIED_EINVAL, "%s: the name '%s' appears twice", zname, ename)
				     : diag_set(err, ALLIED_EIO, "cannot create '%s': %s", path, strerror(errno));
		zip_fclose(zf);
		return rc;
	}
	while (rc == 0 && (n = zip_fread(zf, buf, sizeof(buf))) > 0) {
		bytes += (uint64_t)n;
		*total += (uint64_t)n;
		if (bytes > entry_max)
			rc = diag_set(err, ALLIED_EINVAL, "%s: '%s' unpacks to more than %llu bytes", zname, ename,
				      (unsigned long long)entry_max);
		else if (*total > total_max)
			rc = diag_set(err, ALLIED_EINVAL, "%s: unpacks to more than %llu bytes", zname,
				      (unsigned long long)total_max);
		else if (write(fd, buf, (size_t)n) != n)
			rc = diag_set(err, ALLIED_EIO, "cannot write '%s': %s", path, strerror(errno ? errno : EIO));
	}
	if (rc == 0 && n < 0)
		rc = diag_set(err, ALLIED_EINVAL, "%s: '%s' is damaged: %s", zname, ename, zip_file_strerror(zf));
	if (close(fd) != 0 && rc == 0)
		rc = diag_set(err, ALLIED_EIO, "cannot write '%s': %s", path, strerror(errno));
	zip_fclose(zf);
	return rc;
}

int fetch_unzip(const char *zip_path, const char *name, const char *dir, const char *member,
		const struct fetch_limits *lim, char **member_path, struct diag *err)
{
	uint64_t entry_max = lim && lim->entry_bytes_max ? lim->entry_bytes_max : FETCH_ENTRY_BYTES_MAX;
	uint64_t total_max = lim && lim->unpacked_bytes_max ? lim->unpacked_bytes_max : FETCH_UNPACKED_BYTES_MAX;
	size_t entries_max = lim && lim->entries_max ? lim->entries_max : FETCH_ENTRIES_MAX;
	uint64_t declared = 0, total = 0;
	zip_t *za = NULL;
	zip_int64_t n;
	int rc;

	*member_path = NULL;
	if ((rc = open_zip(zip_path, name, "a zip archive", &za, err)) < 0)
		return rc;
	n = zip_get_num_entries(za, 0);
	if (n < 0 || (uint64_t)n > entries_max) {
		zip_discard(za);
		return diag_set(err, ALLIED_EINVAL, "%s: has more than %zu names", name, entries_max);
	}
	/* the whole directory first: no name, and no size, is trusted before it is checked */
	for (zip_int64_t i = 0; i < n && rc == 0; i++) {
		zip_stat_t st;
		if (zip_stat_index(za, (zip_uint64_t)i, 0, &st) != 0 || !(st.valid & ZIP_STAT_NAME) ||
		    !(st.valid & ZIP_STAT_SIZE))
			rc = diag_set(err, ALLIED_EINVAL, "%s: entry %lld is unreadable: %s", name, (long long)i,
				      zip_strerror(za));
		else if (!is_safe_name(st.name))
			rc = diag_set(err, ALLIED_EINVAL,
				      "%s: refused the name '%s' (an absolute path or one with '..' would land outside the cache)",
				      name, st.name);
		else if (st.size > entry_max)
			rc = diag_set(err, ALLIED_EINVAL, "%s: '%s' unpacks to more than %llu bytes", name, st.name,
				      (unsigned long long)entry_max);
		else if ((declared += st.size) > total_max)
			rc = diag_set(err, ALLIED_EINVAL, "%s: unpacks to more than %llu bytes", name,
				      (unsigned long long)total_max);
	}
	if (rc == 0 && (rc = fetch_remove_tree(dir, err)) == 0)
		rc = files_make_dirs(dir, err);
	for (zip_int64_t i = 0; i < n && rc == 0; i++) {
		const char *ename = zip_get_name(za, (zip_uint64_t)i, 0);
		size_t len = strlen(ename);
		char *path = xasprintf("%s/%s", dir, ename), *slash;
		if (ename[len - 1] == '/') {
			rc = files_make_dirs(path, err);
		} else {
			slash = strrchr(path, '/');
			*slash = '\0';
			rc = files_make_dirs(path, err);
			*slash = '/';
			if (rc == 0)
				rc = unpack_entry(za, (zip_uint64_t)i, name, ename, path, entry_max, &total, total_max, err);
			if (rc == 0 && !*member_path && strcasecmp(base_name(ename), member) == 0) {
				*member_path = path;
				path = NULL;
			}
		}
		free(path);
	}
	if (rc == 0 && !*member_path)
		rc = diag_set(err, ALLIED_EINVAL, "%s: has no file '%s'", name, member);
	zip_discard(za);
	if (rc < 0) {
		struct diag ignore;
		diag_init(&ignore);
		free(*member_path);
		*member_path = NULL;
		fetch_remove_tree(dir, &ignore);
	}
	return rc;
}
