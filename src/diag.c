/*
 * diag: status codes and error messages (see diag.h).
 */
#include "diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void diag_init(struct diag *err)
{
	err->code = ALLIED_OK;
	err->msg[0] = '\0';
}

int diag_set(struct diag *err, int code, const char *fmt, ...)
{
	if (!err)
		return code;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	err->code = code;
	return code;
}

void diag_append(struct diag *err, int code, const char *fmt, ...)
{
	if (!err)
		return;
	size_t len = strlen(err->msg);
	if (len && len + 1 < sizeof(err->msg))
		err->msg[len++] = '\n';
	if (len + 1 >= sizeof(err->msg))
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err->msg + len, sizeof(err->msg) - len, fmt, ap);
	va_end(ap);
	if (err->code == ALLIED_OK)
		err->code = code;
}

int diag_exit_code(int status)
{
	switch (status) {
	case ALLIED_OK:
		return EXIT_OK;
	case ALLIED_EUSAGE:
		return EXIT_USAGE;
	case ALLIED_EINVAL:
	case ALLIED_ENOTFOUND:
		return EXIT_REJECTED;
	default:
		return EXIT_FAILURE_;
	}
}
