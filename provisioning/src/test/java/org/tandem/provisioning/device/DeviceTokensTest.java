package org.tandem.provisioning.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.context.ApplicationEventPublisher;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.security.SecretCipher;
import org.tandem.provisioning.device.internal.DeviceRepository;
import org.tandem.provisioning.device.internal.DeviceRow;
import org.tandem.provisioning.vendor.VendorCatalog;

/**
 * Per-device URL tokens are stored as SHA-256 hashes (issue 22, Low: "device tokens are stored in plain text"):
 * what the database holds does not open a phone's URL, a token stored in clear by an older version is hashed at
 * start, and a phone's secrets carry the token in clear only while it is known in memory.
 */
class DeviceTokensTest {

    private final DeviceRepository repository = mock(DeviceRepository.class);
    private final SecretCipher cipher = mock(SecretCipher.class);
    private final List<DeviceRow> rows = new ArrayList<>();

    DeviceTokensTest() {
        when(cipher.decrypt(anyString())).thenAnswer(a -> "plain-" + a.getArgument(0));
        when(cipher.encrypt(anyString())).thenAnswer(a -> "enc-" + a.getArgument(0));
        when(repository.findAll()).thenReturn(rows);
        when(repository.allLines()).thenReturn(Map.of());
        when(repository.allKeys()).thenReturn(Map.of());
    }

    private DeviceDirectory directory() {
        return new DeviceDirectory(
                repository,
                cipher,
                mock(UserDirectory.class),
                new VendorCatalog(),
                mock(ApplicationEventPublisher.class));
    }

    private static DeviceRow row(String mac, String token) {
        return new DeviceRow(mac, "yealink", "SIP-T46S", null, null, token, true, "p", "a", 1, 1, null, null);
    }

    @Test
    void aNewPhonesTokenIsStoredHashedAndItsUrlOpensWithTheTokenOnly() {
        DeviceDirectory devices = directory();
        devices.addUnassigned("001565000001", "yealink", "SIP-T46S", null);
        ArgumentCaptor<DeviceRow> inserted = ArgumentCaptor.forClass(DeviceRow.class);
        verify(repository).insert(inserted.capture());
        String token = devices.secrets("001565000001").orElseThrow().token();

        assertThat(inserted.getValue().token())
                .matches("[0-9a-f]{64}")
                .isNotEqualTo(token)
                .isEqualTo(DeviceDirectory.hashToken(token));
        assertThat(devices.findByToken(token)).map(Device::mac).contains("001565000001");
        assertThat(devices.findByToken(inserted.getValue().token()))
                .as("the stored value is no token")
                .isEmpty();
    }

    @Test
    void aTokenStoredInClearIsHashedAtStartAndStillOpensThePhonesUrl() {
        rows.add(row("001565000002", "legacy-token-in-clear-0123456789a"));
        DeviceDirectory devices = directory();

        ArgumentCaptor<DeviceRow> updated = ArgumentCaptor.forClass(DeviceRow.class);
        verify(repository).update(updated.capture());
        assertThat(updated.getValue().token())
                .isEqualTo(DeviceDirectory.hashToken("legacy-token-in-clear-0123456789a"));
        assertThat(devices.findByToken("legacy-token-in-clear-0123456789a"))
                .map(Device::mac)
                .contains("001565000002");
    }

    @Test
    void afterARestartOnlyTheHashIsKnownAndHandingTheUrlOutMakesAFreshToken() {
        rows.add(row("001565000003", DeviceDirectory.hashToken("old-token")));
        DeviceDirectory devices = directory();
        assertThat(devices.secrets("001565000003").orElseThrow().token()).isNull();
        assertThat(devices.findByToken("old-token")).isPresent();

        String fresh = devices.secretsWithToken("001565000003").token();
        assertThat(fresh).isNotNull().isNotEqualTo("old-token");
        assertThat(devices.findByToken(fresh)).isPresent();
        assertThat(devices.findByToken("old-token")).as("the old URL stops").isEmpty();
        assertThat(devices.secretsWithToken("001565000003").token())
                .as("known now: the same one")
                .isEqualTo(fresh);
        verify(repository, org.mockito.Mockito.atLeastOnce()).update(any());
    }
}
