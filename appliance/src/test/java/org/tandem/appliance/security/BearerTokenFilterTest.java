package org.tandem.appliance.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.vaadin.flow.spring.security.VaadinAwareSecurityContextHolderStrategy;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.tandem.appliance.admin.AdminAccount;
import org.tandem.appliance.admin.AdminRole;
import org.tandem.appliance.apitoken.ApiToken;
import org.tandem.appliance.apitoken.ApiTokens;
import org.tandem.pbx.security.BanRegistry;

/**
 * A valid API token logs its owner in for the rest of the chain, in the security context strategy of the
 * appliance the filter belongs to. SecurityContextHolder's static strategy is whichever one the last Spring
 * context of the JVM set (Vaadin sets its own per context), so a filter writing there while the chain's
 * authorization reads its own bean answered 401 to a valid token as soon as a second appliance had started.
 */
class BearerTokenFilterTest {

    @Test
    void theOwnerIsLoggedInInTheChainsOwnStrategyNotInTheStaticOne() throws Exception {
        ApiTokens tokens = mock(ApiTokens.class);
        ApiToken token = new ApiToken("id-1", "nightly", AdminRole.OPERATOR, "admin", Instant.EPOCH, null);
        AdminAccount admin = new AdminAccount("admin", AdminRole.ADMIN, false, Instant.EPOCH);
        when(tokens.authenticate("tdm_secret")).thenReturn(Optional.of(new ApiTokens.Bearer(token, admin)));
        @SuppressWarnings("unchecked")
        ObjectProvider<BanRegistry> bans = mock(ObjectProvider.class);
        SecurityContextHolderStrategy own = new VaadinAwareSecurityContextHolderStrategy(); // what the appliance uses
        BearerTokenFilter filter = new BearerTokenFilter(tokens, bans, mock(JsonErrorWriter.class), own);

        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/users");
        request.addHeader("Authorization", "Bearer tdm_secret");
        AtomicReference<Authentication> seenByChain = new AtomicReference<>();
        AtomicReference<Authentication> seenStatically = new AtomicReference<>();
        filter.doFilter(request, new MockHttpServletResponse(), (req, res) -> {
            seenByChain.set(own.getContext().getAuthentication());
            seenStatically.set(SecurityContextHolder.getContext().getAuthentication());
        });

        assertThat(seenByChain.get()).isNotNull();
        assertThat(seenByChain.get().getName()).isEqualTo("admin");
        assertThat(seenByChain.get().getAuthorities())
                .extracting(a -> a.getAuthority())
                .contains("ROLE_OPERATOR");
        assertThat(seenStatically.get())
                .as("the static holder is another appliance's")
                .isNull();
        assertThat(own.getContext().getAuthentication())
                .as("cleared after the request")
                .isNull();
    }
}
