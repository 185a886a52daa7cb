package org.tandem.provisioning.device.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import org.tandem.pbx.presence.ResourceLists;
import org.tandem.provisioning.device.Device;
import org.tandem.provisioning.device.DeviceDirectory;
import org.tandem.provisioning.device.DeviceKey;

/**
 * Each user's busy lamp list (RFC 4662, dialog event package): {@code sip:<extension>-blf@<domain>} stands for the
 * BLF keys of the phones whose first line is that extension, in key order — so a phone that subscribes once to a list
 * URI (Yealink's and Fanvil's "BLF list", Grandstream's "eventlist BLF") lights all its lamps from one subscription.
 */
@Component
class BusyLampLists implements ResourceLists {

    private static final Pattern LIST = Pattern.compile("(.+)-blf");

    private final DeviceDirectory devices;

    BusyLampLists(DeviceDirectory devices) {
        this.devices = devices;
    }

    @Override
    public Optional<ResourceList> find(String list, String event) {
        Matcher m = LIST.matcher(list);
        if (!"dialog".equals(event) || !m.matches()) return Optional.empty();
        String owner = m.group(1);
        List<Device> phones = devices.list().stream()
                .filter(d -> !d.lines().isEmpty() && d.lines().get(0).equals(owner))
                .toList();
        if (phones.isEmpty()) return Optional.empty();
        List<String> lamps = phones.stream()
                .flatMap(d -> d.keys().stream())
                .filter(k -> k.kind() == DeviceKey.Kind.BLF)
                .sorted(Comparator.comparingInt(DeviceKey::index))
                .map(DeviceKey::target)
                .distinct()
                .toList();
        return Optional.of(new ResourceList(owner, lamps));
    }
}
