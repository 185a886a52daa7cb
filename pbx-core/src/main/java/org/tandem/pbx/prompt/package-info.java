/**
 * The prompt set the media services speak from: the default English prompts shipped in the jar
 * ({@code prompts/en/<id>.wav}, made by {@code scripts/make-prompts.sh}), overridden per id by an admin's
 * file in {@code <data-dir>/prompts/en/<id>.wav}. Public API: {@link org.tandem.pbx.prompt.Prompts}.
 */
package org.tandem.pbx.prompt;
