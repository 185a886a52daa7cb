package org.tandem.pbx.trunk;

import java.util.List;

/**
 * A provider's trunk settings as data ({@code trunk/provider-templates.json}), each taken from the provider's own
 * documentation named in {@code sources}. A null field: those pages do not say; the trunk keeps Tandem's default.
 * The admin still types the account, password and, where {@code host} is null, the host ({@code hostHint}).
 *
 * @param separateAuthUser the provider gives a digest user name other than the account
 * @param callerIdHeader   the header the provider reads the caller's number from (From, P-Asserted-Identity, ...)
 * @param numberFormat     how the provider wants numbers in the Request-URI and To, in words
 * @param codecs           the codecs the provider names, in its order; empty: it names none
 * @param optionsKeepAlive whether the provider asks for OPTIONS pings (RFC 3261 §11), or null
 */
public record ProviderTemplate(
        String id,
        String name,
        List<String> sources,
        String host,
        String hostHint,
        Integer port,
        String transport,
        Boolean register,
        boolean separateAuthUser,
        String fromDomain,
        String callerIdHeader,
        String numberFormat,
        List<String> codecs,
        String dtmfMode,
        Boolean optionsKeepAlive,
        String notes) {

    public static final String P_ASSERTED_IDENTITY = "P-Asserted-Identity";

    public ProviderTemplate {
        sources = sources == null ? List.of() : List.copyOf(sources);
        codecs = codecs == null ? List.of() : List.copyOf(codecs);
    }

    /**
     * The trunk this template describes, named {@code id}, for the account the admin types: what the editor is filled
     * with. P-Asserted-Identity (RFC 3325) is sent when the provider reads the caller's number from it.
     */
    public TrunkDraft draft(String trunkId, String username, String password) {
        return new TrunkDraft(
                trunkId,
                host,
                port,
                transport,
                username,
                null,
                password,
                fromDomain,
                register,
                null,
                List.of(),
                null,
                null,
                P_ASSERTED_IDENTITY.equals(callerIdHeader),
                null,
                codecs.isEmpty() ? null : codecs,
                dtmfMode,
                id);
    }
}
