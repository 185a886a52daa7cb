/**
 * The three ways a change to the configuration is refused, shared by every feature and mapped once onto HTTP by
 * the API (400 with field errors, 409) and onto form fields by the web UI: {@link
 * org.tandem.pbx.validation.InvalidInputException}, {@link org.tandem.pbx.validation.DuplicateException} and
 * {@link org.tandem.pbx.validation.InUseException}. This package depends on nothing, so any feature may use it
 * without tying itself to another.
 */
package org.tandem.pbx.validation;
