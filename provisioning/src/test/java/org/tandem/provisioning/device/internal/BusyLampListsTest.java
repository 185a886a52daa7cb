package org.tandem.provisioning.device.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tandem.pbx.presence.ResourceLists.ResourceList;
import org.tandem.provisioning.device.Device;
import org.tandem.provisioning.device.DeviceDirectory;
import org.tandem.provisioning.device.DeviceKey;
import org.tandem.provisioning.device.DeviceKey.Kind;

/** A user's busy lamp list (RFC 4662) is the BLF keys of the phones whose first line is the user, in key order. */
class BusyLampListsTest {

    static Device phone(String mac, List<String> lines, DeviceKey... keys) {
        Instant t = Instant.parse("2026-11-24T10:00:00Z");
        return new Device(mac, "yealink", "T46U", null, null, lines, List.of(keys), true, t, t, null, null);
    }

    @Test
    void theBlfKeysOfTheUsersPhonesInKeyOrderWithoutSpeedDials() {
        DeviceDirectory devices = mock(DeviceDirectory.class);
        when(devices.list())
                .thenReturn(List.of(
                        phone(
                                "001565000001",
                                List.of("201"),
                                new DeviceKey(3, Kind.BLF, "204", ""),
                                new DeviceKey(1, Kind.BLF, "202", "Reception"),
                                new DeviceKey(2, Kind.SPEED_DIAL, "0301234", "")),
                        phone(
                                "001565000002",
                                List.of("201"),
                                new DeviceKey(1, Kind.BLF, "202", ""),
                                new DeviceKey(2, Kind.BLF, "701", "Park 1")),
                        phone("001565000003", List.of("205", "201"), new DeviceKey(1, Kind.BLF, "299", ""))));
        BusyLampLists lists = new BusyLampLists(devices);

        assertThat(lists.find("201-blf", "dialog")).contains(new ResourceList("201", List.of("202", "701", "204")));
        assertThat(lists.find("201-blf", "presence"))
                .as("lamps are the dialog package's")
                .isEmpty();
        assertThat(lists.find("201", "dialog")).as("an extension is no list").isEmpty();
        assertThat(lists.find("206-blf", "dialog")).as("no phone of 206's").isEmpty();
    }
}
