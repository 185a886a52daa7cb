package org.tandem.pbx.security;

import java.util.List;

/** Raised after the admin changed the allow-list; {@code entries} is the whole new list. */
public record AllowListChanged(List<String> entries) {}
