/**
 * The three ways a change to the configuration is refused, shared by every feature and mapped once onto HTTP by
 * the API (400 with field errors, 409) and onto form fields by the web UI: {@link
 * org.tandem.pbx.validation.InvalidInputException}, {@link org.tandem.pbx.validation.DuplicateException} and
 * {@link org.tandem.pbx.validation.InUseException}. A bad field's sentence is a {@link
 * org.tandem.pbx.validation.FieldError}: a key of {@code messages/validation*.properties} and its arguments, read in
 * English by the API and the logs and in the admin's language by the web UI (issue 18). This package depends on
 * nothing, so any feature may use it without tying itself to another.
 */
package org.tandem.pbx.validation;
