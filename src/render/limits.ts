// GitHub's limits, named once. Renderers degrade detail to stay under them rather than fail.

/** Check run `output.summary` and `output.text`: 65,535 bytes each (GitHub counts bytes, not characters). */
export const CHECK_RUN_TEXT_MAX_BYTES = 65_535;
/** Issue/PR comment body: 65,536 characters. */
export const COMMENT_MAX_CHARS = 65_536;
/** Annotations accepted per check-run create/update request. */
export const ANNOTATIONS_PER_REQUEST = 50;
/** Check run `output.title`. */
export const CHECK_RUN_TITLE_MAX_CHARS = 255;
/** Annotation `message`: 64 KB; `title`: 255 characters; `raw_details`: 64 KB. We keep them far shorter. */
export const ANNOTATION_MESSAGE_MAX_CHARS = 4_000;
export const ANNOTATION_TITLE_MAX_CHARS = 255;
