/*
 * The web application and the OpenAPI document, compiled into the binary (see assets.c).
 * Paths are relative to the repository root, where make runs.
 */
	.macro asset name, file
	.global asset_\name
	.global asset_\name\()_end
	.balign 16
asset_\name:
	.incbin "\file"
asset_\name\()_end:
	.byte 0
	.endm

	.section .rodata
	asset index_html, "web/index.html"
	asset app_js, "web/app.js"
	asset app_css, "web/app.css"
	asset favicon_svg, "web/favicon.svg"
	asset openapi_json, "docs/openapi.json"
	.section .note.GNU-stack,"",@progbits
