package org.tandem.provisioning.firstcontact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.tandem.pbx.validation.InvalidInputException;
import org.tandem.provisioning.ProvisioningProperties;
import org.tandem.provisioning.device.DeviceDirectory;
import org.tandem.provisioning.firstcontact.internal.FirstContactRepository;

/** Who an admin's acceptance admits, for how long, and what stays shown (issue 22 finding 2, issue 19). */
class FirstContactsTest {

    static final String MAC = "001565000001";
    static final String PHONE = "10.0.0.55";
    static final String STRANGER = "10.0.0.66";

    private final Map<String, FirstContact> rows = new TreeMap<>();
    private final FirstContactRepository repository = mock(FirstContactRepository.class);
    private final DeviceDirectory devices = mock(DeviceDirectory.class);
    private Instant now = Instant.parse("2026-11-23T10:00:00Z");
    private final FirstContacts contacts;

    @SuppressWarnings("unchecked")
    FirstContactsTest() {
        when(repository.find(anyString()))
                .thenAnswer(a -> Optional.ofNullable(rows.get(a.getArgument(0, String.class))));
        when(repository.findAll()).thenAnswer(a -> rows.values().stream().toList());
        doAnswer(a -> rows.put(a.getArgument(0, FirstContact.class).mac(), a.getArgument(0)))
                .when(repository)
                .save(any());
        when(repository.delete(anyString())).thenAnswer(a -> rows.remove(a.getArgument(0, String.class)) != null);
        ObjectProvider<Clock> clock = mock(ObjectProvider.class);
        when(clock.getIfAvailable(any())).thenAnswer(a -> new Clock() {
            public Instant instant() {
                return now;
            }

            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }
        });
        ProvisioningProperties props = ProvisioningProperties.defaults();
        contacts = new FirstContacts(repository, devices, props, clock);
    }

    @Test
    void aRequestThatProvesNothingWaitsAndIsAdmittedOnlyFromTheAcceptedAddressWithinTheWindow() {
        assertThat(contacts.admit(MAC, PHONE, "Yealink SIP-T46S")).isFalse();
        assertThat(contacts.waiting()).singleElement().satisfies(c -> {
            assertThat(c.waitingSource()).isEqualTo(PHONE);
            assertThat(c.waitingUserAgent()).isEqualTo("Yealink SIP-T46S");
        });

        FirstContact accepted = contacts.accept(MAC, PHONE);
        assertThat(accepted.acceptedUntil()).isEqualTo(now.plus(Duration.ofMinutes(15)));
        verify(devices).reprovision(MAC);
        assertThat(contacts.waiting()).as("accepted: no longer waiting").isEmpty();
        assertThat(contacts.admit(MAC, STRANGER, "curl")).isFalse();
        assertThat(contacts.admit(MAC, PHONE, "Yealink SIP-T46S")).isTrue();
        // Polycom: the updater and then the application ask in the same boot
        assertThat(contacts.admit(MAC, PHONE, "Yealink SIP-T46S")).isTrue();

        now = now.plus(Duration.ofMinutes(16));
        assertThat(contacts.admit(MAC, PHONE, "Yealink SIP-T46S"))
                .as("window over")
                .isFalse();
    }

    @Test
    void theAcceptanceEndsWhenThePhoneUsesItsUrlAndAStrangersRequestStaysShown() {
        contacts.admit(MAC, PHONE, "Yealink");
        contacts.accept(MAC, PHONE);
        contacts.proven(MAC, PHONE);
        assertThat(contacts.find(MAC)).isEmpty();
        assertThat(contacts.admit(MAC, PHONE, "Yealink"))
                .as("used: a plain request waits again")
                .isFalse();

        contacts.admit(MAC, STRANGER, "curl");
        contacts.proven(MAC, PHONE);
        assertThat(contacts.waiting())
                .singleElement()
                .satisfies(c -> assertThat(c.waitingSource()).isEqualTo(STRANGER));
        assertThat(contacts.dismiss(MAC)).isTrue();
        assertThat(contacts.waiting()).isEmpty();
    }

    @Test
    void anAdminAcceptingWhatIsNoLongerWaitingIsToldSoAndNothingIsAccepted() {
        contacts.admit(MAC, STRANGER, "curl");
        contacts.admit(MAC, PHONE, "Yealink");
        assertThatThrownBy(() -> contacts.accept(MAC, STRANGER))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(
                                ((InvalidInputException) e).fieldErrors().get("source"))
                        .contains("waiting from " + PHONE));
        assertThat(contacts.admit(MAC, STRANGER, "curl")).isFalse();
    }

    @Test
    void acceptingBeforeThePhoneIsPluggedInAdmitsItsFirstRequestFromAnyAddress() {
        FirstContact accepted = contacts.accept(MAC, null);
        assertThat(accepted.acceptedSource()).isNull();
        assertThat(contacts.admit(MAC, PHONE, "Polycom")).isTrue();
    }

    @Test
    void aPhoneRetryingFromTheSameAddressIsWrittenOncePerTenSeconds() {
        contacts.admit(MAC, PHONE, "Yealink");
        now = now.plusSeconds(3);
        contacts.admit(MAC, PHONE, "Yealink");
        assertThat(contacts.find(MAC).orElseThrow().waitingLast()).isEqualTo(now.minusSeconds(3));
        now = now.plusSeconds(10);
        contacts.admit(MAC, PHONE, "Yealink");
        assertThat(contacts.find(MAC).orElseThrow().waitingLast()).isEqualTo(now);
        assertThat(contacts.find(MAC).orElseThrow().waitingSince()).isEqualTo(now.minusSeconds(13));
    }
}
