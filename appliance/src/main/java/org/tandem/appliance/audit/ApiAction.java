package org.tandem.appliance.audit;

/**
 * A change made over the REST API, in plain words.
 *
 * @param words  {@code changed user 201}
 * @param target {@code 201}, or null when the change has no single target
 */
public record ApiAction(String words, String target) {}
