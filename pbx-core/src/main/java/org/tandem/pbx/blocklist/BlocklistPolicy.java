package org.tandem.pbx.blocklist;

/**
 * How the blocklist treats callers, for the whole PBX.
 *
 * @param blockAnonymous callers who withhold their number (RFC 3323 anonymous From, "restricted", "unknown") are
 *                       blocked too
 * @param treatment      what every blocked caller gets
 * @param prompt         the prompt id played by {@link BlockTreatment#PROMPT} (a shipped one or the admin's own)
 */
public record BlocklistPolicy(boolean blockAnonymous, BlockTreatment treatment, String prompt) {

    public static final String DEFAULT_PROMPT = "err-not-available";
}
