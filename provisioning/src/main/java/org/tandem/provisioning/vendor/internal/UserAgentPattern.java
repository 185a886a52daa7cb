package org.tandem.provisioning.vendor.internal;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tandem.provisioning.Mac;
import org.tandem.provisioning.vendor.Confidence;
import org.tandem.provisioning.vendor.DeviceIdentity;

/**
 * How one vendor's phones name themselves in the HTTP User-Agent: a regular expression with the named
 * groups {@code model}, {@code firmware} and, when the phone sends it, {@code mac}. This is the only Java
 * per vendor; everything else about a vendor is data.
 */
public record UserAgentPattern(String vendor, Pattern pattern, String modelPrefix) {

    public static UserAgentPattern of(String vendor, String regex) {
        return new UserAgentPattern(vendor, Pattern.compile(regex), "");
    }

    public static UserAgentPattern of(String vendor, String regex, String modelPrefix) {
        return new UserAgentPattern(vendor, Pattern.compile(regex), modelPrefix);
    }

    public Optional<DeviceIdentity> identify(String userAgent) {
        Matcher m = pattern.matcher(userAgent);
        if (!m.find()) return Optional.empty();
        String model = modelPrefix + m.group("model").strip();
        String firmware = group(m, "firmware");
        Optional<String> mac = Mac.normalize(group(m, "mac"));
        return Optional.of(new DeviceIdentity(
                vendor, model, firmware, mac.orElse(null), mac.isPresent() ? Confidence.EXACT : Confidence.COMPLETE));
    }

    private static String group(Matcher m, String name) {
        try {
            return m.group(name);
        } catch (IllegalArgumentException noSuchGroup) {
            return null;
        }
    }
}
