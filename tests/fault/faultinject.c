/*
 * faultinject: an LD_PRELOAD shim that makes the system fail the way a bad day does, for
 * tests/fault/run. Not part of allied: it is built beside the binary and preloaded into it.
 *
 * Driven by environment variables, each optional (faults of every kind may be combined):
 *
 *   FAULT_DISK_FULL_AFTER=N   the disk is full after N more bytes: a write to a regular file
 *                             (any descriptor but 0-2) that would make the file longer fails with
 *                             ENOSPC once N bytes of growth have been written. Writes inside a
 *                             file's present size still succeed, as on a real full disk.
 *   FAULT_FSYNC=1             fsync and fdatasync fail with EIO.
 *   FAULT_READONLY=DIR        a read-only file system at DIR: opening a file under DIR for writing
 *                             or creating it, and rename, unlink and mkdir there, fail with EROFS
 *                             (works for root too, who ignores file permissions).
 *   FAULT_READ_PATH=FILE      a data file that goes away while it is read: after
 *   FAULT_READ_AFTER=N        N bytes read from FILE with fread, it fails with EIO
 *   FAULT_READ_ERROR=eio|eof  (eio, the default: a device that vanished) or ends early (eof:
 *                             the file was cut short while allied was reading it).
 *   FAULT_MALLOC_FAIL=N       the Nth call of malloc, calloc or realloc and every later one
 *                             return NULL with ENOMEM (memory is exhausted).
 *   FAULT_MALLOC_COUNT=1      at exit, print "faultinject: N allocations" on stderr, so that a
 *                             test can choose failure points inside a command's run.
 *
 * Allocation goes to glibc's __libc_malloc and friends rather than dlsym (dlsym itself may
 * allocate). Under AddressSanitizer, preload libasan first: its malloc then wins (so
 * FAULT_MALLOC_* do nothing) and its interceptors pass the other calls on to this shim.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

void *__libc_malloc(size_t size);
void *__libc_calloc(size_t count, size_t size);
void *__libc_realloc(void *ptr, size_t size);

static long long disk_left = -1;	/* bytes of growth before the disk is full; -1: no limit */
static int fsync_fails;
static const char *readonly_dir;
static const char *read_path;
static long long read_after = -1;
static int read_eof;
static FILE *read_stream;		/* the open stream of read_path, if any */
static long long read_done;
static long long malloc_fail_at;	/* 0: never */
static atomic_llong malloc_calls;

#define REAL(name) real_##name
#define LOOKUP(name) \
	do { if (!REAL(name)) REAL(name) = (__typeof__(REAL(name)))dlsym(RTLD_NEXT, #name); } while (0)

static ssize_t (*real_write)(int, const void *, size_t);
static ssize_t (*real_pwrite)(int, const void *, size_t, off_t);
static ssize_t (*real_pwrite64)(int, const void *, size_t, off_t);
static int (*real_fsync)(int);
static int (*real_fdatasync)(int);
static int (*real_open)(const char *, int, ...);
static int (*real_open64)(const char *, int, ...);
static int (*real_openat)(int, const char *, int, ...);
static int (*real_rename)(const char *, const char *);
static int (*real_unlink)(const char *);
static int (*real_mkdir)(const char *, mode_t);
static FILE *(*real_fopen)(const char *, const char *);
static size_t (*real_fread)(void *, size_t, size_t, FILE *);
static int (*real_ferror)(FILE *);
static int (*real_fclose)(FILE *);

static void report_count(void)
{
	fprintf(stderr, "faultinject: %lld allocations\n", (long long)atomic_load(&malloc_calls));
}

__attribute__((constructor)) static void faultinject_init(void)
{
	const char *v;
	if ((v = getenv("FAULT_DISK_FULL_AFTER")) && *v)
		disk_left = atoll(v);
	fsync_fails = (v = getenv("FAULT_FSYNC")) && *v == '1';
	if ((v = getenv("FAULT_READONLY")) && *v)
		readonly_dir = v;
	if ((v = getenv("FAULT_READ_PATH")) && *v)
		read_path = v;
	if ((v = getenv("FAULT_READ_AFTER")) && *v)
		read_after = atoll(v);
	read_eof = (v = getenv("FAULT_READ_ERROR")) && strcmp(v, "eof") == 0;
	if ((v = getenv("FAULT_MALLOC_FAIL")) && *v)
		malloc_fail_at = atoll(v);
	if ((v = getenv("FAULT_MALLOC_COUNT")) && *v == '1')
		atexit(report_count);
}

/* ---- memory ---- */

static int malloc_fails(void)
{
	long long n = atomic_fetch_add(&malloc_calls, 1) + 1;
	if (malloc_fail_at > 0 && n >= malloc_fail_at) {
		errno = ENOMEM;
		return 1;
	}
	return 0;
}

void *malloc(size_t size)
{
	return malloc_fails() ? NULL : __libc_malloc(size);
}

void *calloc(size_t count, size_t size)
{
	return malloc_fails() ? NULL : __libc_calloc(count, size);
}

void *realloc(void *ptr, size_t size)
{
	return malloc_fails() ? NULL : __libc_realloc(ptr, size);
}

/* ---- a full disk ---- */

/* May a write of len bytes at offset (-1: the descriptor's position) go ahead? */
static int disk_has_room(int fd, size_t len, off_t offset)
{
	struct stat sb;
	if (disk_left < 0 || fd <= 2 || len == 0 || fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode))
		return 1;
	if (offset < 0) {
		int flags = fcntl(fd, F_GETFL);
		offset = flags >= 0 && (flags & O_APPEND) ? sb.st_size : lseek(fd, 0, SEEK_CUR);
	}
	long long growth = (long long)offset + (long long)len - (long long)sb.st_size;
	if (growth <= 0)
		return 1;
	if (growth > disk_left) {
		disk_left = 0;
		errno = ENOSPC;
		return 0;
	}
	disk_left -= growth;
	return 1;
}

ssize_t write(int fd, const void *buf, size_t len)
{
	LOOKUP(write);
	return disk_has_room(fd, len, -1) ? REAL(write)(fd, buf, len) : -1;
}

ssize_t pwrite(int fd, const void *buf, size_t len, off_t offset)
{
	LOOKUP(pwrite);
	return disk_has_room(fd, len, offset) ? REAL(pwrite)(fd, buf, len, offset) : -1;
}

ssize_t pwrite64(int fd, const void *buf, size_t len, off_t offset)
{
	LOOKUP(pwrite64);
	return disk_has_room(fd, len, offset) ? REAL(pwrite64)(fd, buf, len, offset) : -1;
}

int fsync(int fd)
{
	LOOKUP(fsync);
	if (fsync_fails && fd > 2) {
		errno = EIO;
		return -1;
	}
	return REAL(fsync)(fd);
}

int fdatasync(int fd)
{
	LOOKUP(fdatasync);
	if (fsync_fails && fd > 2) {
		errno = EIO;
		return -1;
	}
	return REAL(fdatasync)(fd);
}

/* ---- a read-only file system ---- */

static int is_readonly(const char *path)
{
	char abs[2 * PATH_MAX + 2], cwd[PATH_MAX];
	size_t n;
	if (!readonly_dir || !path)
		return 0;
	if (path[0] != '/' && getcwd(cwd, sizeof(cwd)))
		snprintf(abs, sizeof(abs), "%s/%s", cwd, path);
	else
		snprintf(abs, sizeof(abs), "%s", path);
	n = strlen(readonly_dir);
	while (n > 1 && readonly_dir[n - 1] == '/')
		n--;
	if (strncmp(abs, readonly_dir, n) == 0 && (abs[n] == '/' || abs[n] == '\0')) {
		errno = EROFS;
		return 1;
	}
	return 0;
}

static int writes(int flags)
{
	return (flags & (O_WRONLY | O_RDWR | O_CREAT | O_TRUNC)) != 0;
}

int open(const char *path, int flags, ...)
{
	va_list ap;
	va_start(ap, flags);
	mode_t mode = (flags & (O_CREAT | O_TMPFILE)) ? va_arg(ap, mode_t) : 0;
	va_end(ap);
	LOOKUP(open);
	return writes(flags) && is_readonly(path) ? -1 : REAL(open)(path, flags, mode);
}

int open64(const char *path, int flags, ...)
{
	va_list ap;
	va_start(ap, flags);
	mode_t mode = (flags & (O_CREAT | O_TMPFILE)) ? va_arg(ap, mode_t) : 0;
	va_end(ap);
	LOOKUP(open64);
	return writes(flags) && is_readonly(path) ? -1 : REAL(open64)(path, flags, mode);
}

int openat(int dirfd, const char *path, int flags, ...)
{
	va_list ap;
	va_start(ap, flags);
	mode_t mode = (flags & (O_CREAT | O_TMPFILE)) ? va_arg(ap, mode_t) : 0;
	va_end(ap);
	LOOKUP(openat);
	/* only paths that do not depend on dirfd are judged */
	if ((dirfd == AT_FDCWD || path[0] == '/') && writes(flags) && is_readonly(path))
		return -1;
	return REAL(openat)(dirfd, path, flags, mode);
}

int rename(const char *from, const char *to)
{
	LOOKUP(rename);
	return is_readonly(from) || is_readonly(to) ? -1 : REAL(rename)(from, to);
}

int unlink(const char *path)
{
	LOOKUP(unlink);
	return is_readonly(path) ? -1 : REAL(unlink)(path);
}

int mkdir(const char *path, mode_t mode)
{
	struct stat sb;
	LOOKUP(mkdir);
	/* as Linux does, an existing directory is EEXIST even on a read-only file system */
	return stat(path, &sb) != 0 && is_readonly(path) ? -1 : REAL(mkdir)(path, mode);
}

/* ---- a data file that goes away while it is read ---- */

FILE *fopen(const char *path, const char *mode)
{
	LOOKUP(fopen);
	if (strpbrk(mode, "wa+") && is_readonly(path))
		return NULL;
	FILE *f = REAL(fopen)(path, mode);
	if (f && read_path && strcmp(path, read_path) == 0) {
		read_stream = f;
		read_done = 0;
	}
	return f;
}

size_t fread(void *buf, size_t size, size_t count, FILE *f)
{
	LOOKUP(fread);
	if (f != read_stream || read_after < 0 || size == 0)
		return REAL(fread)(buf, size, count, f);
	long long left = read_after - read_done;
	size_t n = 0;
	if (left > 0) {
		size_t want = count < (size_t)left / size ? count : (size_t)left / size;
		n = want ? REAL(fread)(buf, size, want, f) : 0;
		read_done += (long long)(n * size);
	}
	if (n < count && read_done >= read_after && !read_eof)
		errno = EIO;
	return n;
}

int ferror(FILE *f)
{
	LOOKUP(ferror);
	if (f == read_stream && read_after >= 0 && read_done >= read_after && !read_eof)
		return 1;
	return REAL(ferror)(f);
}

int fclose(FILE *f)
{
	LOOKUP(fclose);
	if (f == read_stream)
		read_stream = NULL;
	return REAL(fclose)(f);
}
