/*
 * The default database and its knowledge-base hash, compiled into the binary.
 * DB_IMAGE and KB_HASH are file names given by the Makefile (an empty file for the bootstrap
 * binary that builds the database in the first place).
 */
	.section .rodata
	.global allied_db_image
	.global allied_db_image_end
	.global allied_kb_hash
	.balign 16
allied_db_image:
	.incbin DB_IMAGE
allied_db_image_end:
	.byte 0
allied_kb_hash:
	.incbin KB_HASH
	.byte 0
	.section .note.GNU-stack,"",@progbits
