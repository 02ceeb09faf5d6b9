/*
 * embed: data compiled into the binary (the default database; see embed.S).
 */
#ifndef ALLIED_EMBED_H
#define ALLIED_EMBED_H

extern const unsigned char allied_db_image[];
extern const unsigned char allied_db_image_end[];
extern const char allied_kb_hash[];	/* the image's kb_hash, NUL-terminated; empty if none */

#endif
