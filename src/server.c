/*
 * server: libmicrohttpd glue, the database snapshot that SIGHUP swaps, rate limiting and the
 * access log (see server.h).
 *
 * libmicrohttpd runs in poll mode with an internal thread pool (MHD_USE_POLL_INTERNAL_THREAD):
 * its epoll mode in Debian 12's 0.9.75 stalls when exactly 128 connections are ready at once.
 * Responses are queued from the second call of the access handler (the first only sets up the
 * request), which keeps keep-alive connections alive.
 */
#include "server.h"
#include "api.h"
#include "assets.h"
#include "buf.h"
#include "xmalloc.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netdb.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_PATH_LOGGED 200
#define RATE_BUCKETS 4096
#define DRAIN_SECONDS 10

static const char csp[] = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
			  "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/*
 * Answers to GET requests of the API, kept per database snapshot: the data cannot change until
 * SIGHUP opens a new snapshot, so a repeated request is answered from memory, headers and all.
 * Only 200 answers to URLs of at most CACHE_MAX_KEY bytes are kept, at most CACHE_SLOTS / 2 of
 * them; nothing is ever written to disk, and POST bodies (preferences, quiz answers) never are.
 */
#define CACHE_SLOTS 4096	/* a power of two */
#define CACHE_MAX_KEY 1024

struct cached {
	uint64_t hash;
	char *key;		/* NULL: an empty slot */
	struct MHD_Response *resp;	/* the cache's own reference */
	size_t bytes;
};

/* An open database and the requests using it; SIGHUP replaces the current one. */
struct snapshot {
	struct api *api;
	unsigned refs;
	bool retired;
	pthread_mutex_t cache_lock;
	struct cached *cache;	/* CACHE_SLOTS slots, open addressing */
	size_t cached;
};

struct server {
	const struct server_options *o;
	FILE *log;
	pthread_mutex_t lock;		/* guards current and every snapshot's refs and retired */
	struct snapshot *current;
	atomic_bool stopping;
	atomic_uint in_flight;
	pthread_mutex_t rate_lock;
	struct rate_bucket {
		time_t second;
		unsigned count;
	} *rate;
};

/* One request, from the handler's first call to the completion callback. */
struct request {
	struct timespec start;
	char method[16];
	char path[MAX_PATH_LOGGED + 1];
	struct buf body;
	bool too_large;
	bool answered;
	bool late;			/* arrived after shutdown began */
	int status;
	size_t bytes;
	struct api_param params[API_MAX_PARAMS + 1];
	size_t n_params;
};

static struct snapshot *snapshot_new(struct api *api)
{
	struct snapshot *snap = xcalloc(1, sizeof(*snap));
	snap->api = api;
	snap->cache = xcalloc(CACHE_SLOTS, sizeof(*snap->cache));
	pthread_mutex_init(&snap->cache_lock, NULL);
	return snap;
}

static void snapshot_free(struct snapshot *snap)
{
	for (size_t i = 0; i < CACHE_SLOTS; i++)
		if (snap->cache[i].key) {
			free(snap->cache[i].key);
			MHD_destroy_response(snap->cache[i].resp);
		}
	free(snap->cache);
	pthread_mutex_destroy(&snap->cache_lock);
	api_close(snap->api);
	free(snap);
}

static uint64_t hash_key(const char *key)
{
	uint64_t h = 14695981039346656037ULL;
	for (; *key; key++)
		h = (h ^ (unsigned char)*key) * 1099511628211ULL;
	return h;
}

/* The cached answer to key with one more reference for the caller, or NULL. */
static struct MHD_Response *cache_find(struct snapshot *snap, const char *key, uint64_t h, size_t *bytes)
{
	struct MHD_Response *resp = NULL;
	pthread_mutex_lock(&snap->cache_lock);
	for (size_t i = h & (CACHE_SLOTS - 1); snap->cache[i].key; i = (i + 1) & (CACHE_SLOTS - 1))
		if (snap->cache[i].hash == h && strcmp(snap->cache[i].key, key) == 0) {
			resp = snap->cache[i].resp;
			*bytes = snap->cache[i].bytes;
			break;
		}
	pthread_mutex_unlock(&snap->cache_lock);
	return resp;
}

/* Keep resp (the caller's reference passes to the cache) unless it is full or has key; true if kept. */
static bool cache_add(struct snapshot *snap, const char *key, uint64_t h, struct MHD_Response *resp, size_t bytes)
{
	bool kept = false;
	pthread_mutex_lock(&snap->cache_lock);
	if (snap->cached < CACHE_SLOTS / 2) {
		size_t i = h & (CACHE_SLOTS - 1);
		while (snap->cache[i].key && !(snap->cache[i].hash == h && strcmp(snap->cache[i].key, key) == 0))
			i = (i + 1) & (CACHE_SLOTS - 1);
		if (!snap->cache[i].key) {
			snap->cache[i] = (struct cached){ h, xstrdup(key), resp, bytes };
			snap->cached++;
			kept = true;
		}
	}
	pthread_mutex_unlock(&snap->cache_lock);
	return kept;
}

static struct snapshot *snapshot_get(struct server *s)
{
	pthread_mutex_lock(&s->lock);
	struct snapshot *snap = s->current;
	snap->refs++;
	pthread_mutex_unlock(&s->lock);
	return snap;
}

static void snapshot_put(struct server *s, struct snapshot *snap)
{
	bool close = false;
	pthread_mutex_lock(&s->lock);
	close = --snap->refs == 0 && snap->retired;
	pthread_mutex_unlock(&s->lock);
	if (close)
		snapshot_free(snap);
}

/* SIGHUP: open the database again; swap it in only once it is loaded. */
static void reload(struct server *s)
{
	struct api *api;
	struct diag err;
	diag_init(&err);
	if (api_open(s->o->db_path, &api, &err) < 0) {
		fprintf(s->log, "allied serve: SIGHUP: keeping the database already open: %s\n", err.msg);
		return;
	}
	struct snapshot *snap = snapshot_new(api), *old;
	pthread_mutex_lock(&s->lock);
	old = s->current;
	s->current = snap;
	old->retired = true;
	bool close = old->refs == 0;
	pthread_mutex_unlock(&s->lock);
	if (close)
		snapshot_free(old);
	fprintf(s->log, "allied serve: SIGHUP: reopened the database (%zu careers)\n", api_career_count(api));
}

/* Has this client address sent more than the limit this second? */
static bool rate_limited(struct server *s, struct MHD_Connection *c)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const unsigned char *p;
	size_t len;
	uint32_t h = 2166136261u;	/* FNV-1a over the address bytes; the address is never kept */

	if (!s->o->rate_limit || !ci || !ci->client_addr)
		return false;
	if (ci->client_addr->sa_family == AF_INET6) {
		p = (const unsigned char *)&((const struct sockaddr_in6 *)ci->client_addr)->sin6_addr;
		len = 16;
	} else {
		p = (const unsigned char *)&((const struct sockaddr_in *)ci->client_addr)->sin_addr;
		len = 4;
	}
	for (size_t i = 0; i < len; i++)
		h = (h ^ p[i]) * 16777619u;
	time_t now = time(NULL);
	pthread_mutex_lock(&s->rate_lock);
	struct rate_bucket *b = &s->rate[h % RATE_BUCKETS];
	if (b->second != now) {
		b->second = now;
		b->count = 0;
	}
	bool over = ++b->count > s->o->rate_limit;
	pthread_mutex_unlock(&s->rate_lock);
	return over;
}

/* The cache key of a request: its path and parameters, as received. false when too long. */
static bool cache_key(const char *url, const struct request *r, char *key, size_t size)
{
	/* each part with its length, so that no name or value can make two requests look alike */
	size_t len = (size_t)snprintf(key, size, "%zu:%s", strlen(url), url);
	for (size_t i = 0; i < r->n_params && len < size; i++) {
		const struct api_param *p = &r->params[i];
		len += (size_t)snprintf(key + len, size - len, "|%zu:%s", strlen(p->name), p->name);
		if (len < size)
			len += p->value ? (size_t)snprintf(key + len, size - len, "=%zu:%s", strlen(p->value), p->value) : 0;
	}
	return len < size - 1;
}

static enum MHD_Result collect_param(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	struct request *r = cls;
	(void)kind;
	if (r->n_params < API_MAX_PARAMS + 1)	/* one more than allowed, so that api can refuse */
		r->params[r->n_params++] = (struct api_param){ key, value };
	return MHD_YES;
}

/* A web file read from --assets DIR (development), or NULL to use the embedded one. */
static char *read_dev_asset(const struct server *s, const struct asset *a, size_t *len)
{
	const char *base = strrchr(a->file, '/');
	if (!s->o->assets_dir || strncmp(a->file, "web/", 4) != 0)
		return NULL;
	char *path = xasprintf("%s/%s", s->o->assets_dir, base + 1);
	FILE *f = fopen(path, "rb");
	free(path);
	if (!f)
		return NULL;
	struct buf b;
	char chunk[8192];
	size_t n;
	buf_init(&b, 0);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	char *data = buf_detach(&b, len);
	buf_release(&b);	/* buf_detach leaves b usable, with a fresh allocation */
	return data;
}

/*
 * Queue res on c. With a snapshot and key (a cacheable GET), a 200 answer is also kept in the
 * snapshot's cache.
 */
static enum MHD_Result respond(struct server *s, struct MHD_Connection *c, struct request *r,
			       struct api_response *res, bool close, struct snapshot *snap, const char *key, uint64_t h)
{
	struct MHD_Response *resp;
	char *dev = NULL;
	size_t dev_len = 0;

	if (res->status == 200 && res->body_static) {
		const struct asset *a = assets_find(r->path);
		if (a && (dev = read_dev_asset(s, a, &dev_len)))
			resp = MHD_create_response_from_buffer(dev_len, dev, MHD_RESPMEM_MUST_FREE);
		else
			resp = MHD_create_response_from_buffer(res->len, res->body, MHD_RESPMEM_PERSISTENT);
	} else {
		resp = MHD_create_response_from_buffer(res->len, res->body,
						       res->body_static ? MHD_RESPMEM_PERSISTENT : MHD_RESPMEM_MUST_FREE);
		if (resp && !res->body_static)
			res->body = NULL;	/* libmicrohttpd frees it */
	}
	if (!resp) {
		free(dev);
		api_response_release(res);
		return MHD_NO;
	}
	r->bytes = dev ? dev_len : res->len;
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, res->content_type);
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, res->cache_control ? res->cache_control : "no-store");
	MHD_add_response_header(resp, "Content-Security-Policy", csp);
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	if (res->allow)
		MHD_add_response_header(resp, MHD_HTTP_HEADER_ALLOW, res->allow);
	if (res->status == 429)
		MHD_add_response_header(resp, MHD_HTTP_HEADER_RETRY_AFTER, "1");
	if (close)
		MHD_add_response_header(resp, MHD_HTTP_HEADER_CONNECTION, "close");
	r->status = res->status;
	r->answered = true;
	enum MHD_Result ok = MHD_queue_response(c, (unsigned)res->status, resp);
	if (!(snap && key && res->status == 200 && !dev && cache_add(snap, key, h, resp, r->bytes)))
		MHD_destroy_response(resp);
	api_response_release(res);
	return ok;
}

/* Copy a path for the log, with anything but printable ASCII replaced, so lines cannot be forged. */
static void copy_path(char *dst, const char *src)
{
	size_t i = 0;
	for (; src[i] && i < MAX_PATH_LOGGED; i++)
		dst[i] = src[i] > ' ' && src[i] < 127 ? src[i] : '?';
	dst[i] = '\0';
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
				  const char *version, const char *upload_data, size_t *upload_data_size,
				  void **con_cls)
{
	struct server *s = cls;
	struct request *r = *con_cls;
	struct api_response res;
	(void)version;

	if (!r) {	/* first call: headers only; answer on the next call, not this one */
		r = xcalloc(1, sizeof(*r));
		clock_gettime(CLOCK_MONOTONIC, &r->start);
		snprintf(r->method, sizeof(r->method), "%s", method);
		copy_path(r->path, url);
		buf_init(&r->body, 0);
		r->late = atomic_load(&s->stopping);
		*con_cls = r;
		atomic_fetch_add(&s->in_flight, 1);
		/* A body announced as too large is refused before it is read; the connection then closes. */
		const char *length = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
		if (length && strtoull(length, NULL, 10) > API_MAX_BODY_BYTES) {
			memset(&res, 0, sizeof(res));
			api_error(&res, 413, "the body is larger than 65536 bytes");
			return respond(s, c, r, &res, true, NULL, NULL, 0);
		}
		return MHD_YES;
	}
	if (*upload_data_size) {	/* a chunked body that grows too large is read and dropped */
		if (!r->too_large && r->body.len + *upload_data_size <= API_MAX_BODY_BYTES)
			buf_add(&r->body, upload_data, *upload_data_size);
		else
			r->too_large = true;
		*upload_data_size = 0;
		return MHD_YES;
	}
	if (r->answered)
		return MHD_YES;
	memset(&res, 0, sizeof(res));
	if (r->too_large) {
		api_error(&res, 413, "the body is larger than 65536 bytes");
		return respond(s, c, r, &res, true, NULL, NULL, 0);
	}
	if (r->late) {
		api_error(&res, 503, "the server is shutting down; try again in a moment");
		return respond(s, c, r, &res, true, NULL, NULL, 0);
	}
	if (rate_limited(s, c)) {
		api_error(&res, 429, "too many requests from your address; wait a second and try again");
		return respond(s, c, r, &res, false, NULL, NULL, 0);
	}
	MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, collect_param, r);
	struct api_request req = {
		.method = method,
		.path = url,
		.params = r->params,
		.n_params = r->n_params,
		.content_type = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE),
		.body = r->body.data,
		.body_len = r->body.len,
	};
	struct snapshot *snap = snapshot_get(s);
	char key[CACHE_MAX_KEY + 1];
	uint64_t h = 0;
	bool cacheable = (strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0) && strncmp(url, "/api/", 5) == 0 &&
			 cache_key(url, r, key, sizeof(key));
	if (cacheable) {
		size_t bytes = 0;
		struct MHD_Response *hit = cache_find(snap, key, h = hash_key(key), &bytes);
		if (hit) {
			enum MHD_Result ok = MHD_queue_response(c, MHD_HTTP_OK, hit);
			r->status = 200;
			r->bytes = bytes;
			r->answered = true;
			snapshot_put(s, snap);	/* the queued response holds its own reference */
			return ok;
		}
	}
	api_handle(snap->api, &req, &res);
	if (res.log[0])
		fprintf(s->log, "allied serve: %s %s: %s\n", r->method, r->path, res.log);
	enum MHD_Result ok = respond(s, c, r, &res, false, cacheable ? snap : NULL, cacheable ? key : NULL, h);
	snapshot_put(s, snap);
	return ok;
}

/*
 * The time for the log, formatted again only when the second changes: gmtime_r takes glibc's
 * time zone lock, which the server threads would otherwise contend for on every request.
 */
static const char *log_time(void)
{
	static _Thread_local time_t shown = -1;
	static _Thread_local char when[32];
	time_t now = time(NULL);
	struct tm tm;
	if (now != shown) {
		strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&now, &tm));
		shown = now;
	}
	return when;
}

/*
 * One access log line, written with one write(2) and no stdio lock (which a thread would hold
 * while the other waits for its write); lines of a few hundred bytes are not interleaved.
 */
static void log_line(FILE *log, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void log_line(FILE *log, const char *fmt, ...)
{
	char line[512];
	va_list ap;
	int fd = fileno(log);
	va_start(ap, fmt);
	int n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof(line)) {	/* cut (a path is at most MAX_PATH_LOGGED bytes): keep the line end */
		n = sizeof(line) - 1;
		line[n - 1] = '\n';
	}
	if (fd < 0 || write(fd, line, (size_t)n) != n)
		fputs(line, log);	/* not a file descriptor, or a short write: stdio then */
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls, enum MHD_RequestTerminationCode toe)
{
	struct server *s = cls;
	struct request *r = *con_cls;
	struct timespec end;
	(void)c;

	if (!r)
		return;
	clock_gettime(CLOCK_MONOTONIC, &end);
	long us = (end.tv_sec - r->start.tv_sec) * 1000000L + (end.tv_nsec - r->start.tv_nsec) / 1000;
	if (r->answered)
		log_line(s->log, "%s %s %s %d %zu %ldus\n", log_time(), r->method, r->path, r->status,
			 toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? r->bytes : 0, us);
	else
		log_line(s->log, "%s %s %s - 0 %ldus (connection closed before an answer)\n", log_time(), r->method, r->path,
			 us);
	buf_release(&r->body);
	free(r);
	*con_cls = NULL;
	atomic_fetch_sub(&s->in_flight, 1);
}

static void on_mhd_error(void *cls, const char *fmt, va_list ap)
{
	struct server *s = cls;
	fputs("allied serve: ", s->log);
	vfprintf(s->log, fmt, ap);
}

/* Parse "ADDR:PORT" or "[ADDR]:PORT" into addr (numeric addresses only). */
static int parse_listen(const char *listen, struct sockaddr_storage *addr, socklen_t *len, struct diag *err)
{
	char host[128];
	const char *port;
	struct addrinfo hints = { 0 }, *ai = NULL;

	if (listen[0] == '[') {
		const char *close = strchr(listen, ']');
		if (!close || close[1] != ':' || (size_t)(close - listen - 1) >= sizeof(host))
			return diag_set(err, ALLIED_EUSAGE, "--listen: '%s' is not [ADDRESS]:PORT", listen);
		memcpy(host, listen + 1, (size_t)(close - listen - 1));
		host[close - listen - 1] = '\0';
		port = close + 2;
	} else {
		const char *colon = strrchr(listen, ':');
		if (!colon || (size_t)(colon - listen) >= sizeof(host))
			return diag_set(err, ALLIED_EUSAGE, "--listen: '%s' is not ADDRESS:PORT (e.g. 127.0.0.1:8080)", listen);
		memcpy(host, listen, (size_t)(colon - listen));
		host[colon - listen] = '\0';
		port = colon + 1;
	}
	char *end;
	long p = strtol(port, &end, 10);
	if (!*port || *end || p < 0 || p > 65535)
		return diag_set(err, ALLIED_EUSAGE, "--listen: port '%s' is not a number from 0 to 65535", port);
	hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV | AI_PASSIVE;
	hints.ai_socktype = SOCK_STREAM;
	if (getaddrinfo(host[0] ? host : NULL, port, &hints, &ai) != 0 || !ai)
		return diag_set(err, ALLIED_EUSAGE, "--listen: '%s' is not a numeric IPv4 or IPv6 address", host);
	memcpy(addr, ai->ai_addr, ai->ai_addrlen);
	*len = ai->ai_addrlen;
	freeaddrinfo(ai);
	return 0;
}

int server_run(const struct server_options *o, FILE *out, FILE *log, struct diag *err)
{
	struct server s = { .o = o, .log = log };
	struct sockaddr_storage addr;
	socklen_t addr_len;
	struct MHD_Daemon *d;
	struct api *api;
	sigset_t sigs;
	int sig, rc;

	if ((rc = parse_listen(o->listen, &addr, &addr_len, err)) < 0)
		return rc;
	if ((rc = api_open(o->db_path, &api, err)) < 0)
		return rc;
	s.current = snapshot_new(api);
	s.rate = xcalloc(RATE_BUCKETS, sizeof(*s.rate));
	pthread_mutex_init(&s.lock, NULL);
	pthread_mutex_init(&s.rate_lock, NULL);
	atomic_init(&s.stopping, false);
	atomic_init(&s.in_flight, 0);

	/* Block the signals before libmicrohttpd starts its threads, so that only sigwait sees them. */
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGTERM);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);
	signal(SIGPIPE, SIG_IGN);

	unsigned flags = MHD_USE_POLL_INTERNAL_THREAD | MHD_USE_ITC | MHD_USE_ERROR_LOG;
	if (addr.ss_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	d = MHD_start_daemon(flags, 0, NULL, NULL, on_request, &s,
			     MHD_OPTION_EXTERNAL_LOGGER, on_mhd_error, &s,
			     MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
			     MHD_OPTION_THREAD_POOL_SIZE, o->threads > 1 ? o->threads : 0,
			     MHD_OPTION_CONNECTION_LIMIT, o->max_connections,
			     MHD_OPTION_CONNECTION_TIMEOUT, o->timeout_seconds,
			     MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)32 * 1024,
			     MHD_OPTION_LISTEN_BACKLOG_SIZE, 1024,
			     MHD_OPTION_NOTIFY_COMPLETED, on_completed, &s,
			     MHD_OPTION_END);
	if (!d) {
		snapshot_free(s.current);
		free(s.rate);
		pthread_sigmask(SIG_UNBLOCK, &sigs, NULL);
		return diag_set(err, ALLIED_EIO, "cannot listen on %s (is the port in use, or the address not this machine's?)",
				o->listen);
	}
	const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	char host[INET6_ADDRSTRLEN] = "?";
	if (addr.ss_family == AF_INET6)
		inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&addr)->sin6_addr, host, sizeof(host));
	else
		inet_ntop(AF_INET, &((struct sockaddr_in *)&addr)->sin_addr, host, sizeof(host));
	fprintf(out, "allied: serving http://%s%s%s:%u/ (%zu careers; Ctrl-C stops)\n", addr.ss_family == AF_INET6 ? "[" : "",
		host, addr.ss_family == AF_INET6 ? "]" : "", info ? (unsigned)info->port : 0, api_career_count(api));
	fflush(out);

	for (;;) {
		if (sigwait(&sigs, &sig) != 0)
			continue;
		if (sig == SIGHUP) {
			reload(&s);
			continue;
		}
		break;
	}
	/* Stop accepting, let the requests in progress finish, then close every connection. */
	atomic_store(&s.stopping, true);
	MHD_socket listen_fd = MHD_quiesce_daemon(d);
	if (listen_fd != MHD_INVALID_SOCKET)
		close(listen_fd);
	for (int i = 0; i < DRAIN_SECONDS * 100 && atomic_load(&s.in_flight) > 0; i++)
		usleep(10000);
	MHD_stop_daemon(d);
	fprintf(log, "allied serve: stopped (signal %d)\n", sig);
	snapshot_free(s.current);
	free(s.rate);
	pthread_mutex_destroy(&s.lock);
	pthread_mutex_destroy(&s.rate_lock);
	return 0;	/* the signals stay blocked: a second SIGTERM while draining must not kill the exit */
}
