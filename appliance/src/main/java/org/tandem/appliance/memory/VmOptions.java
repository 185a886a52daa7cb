package org.tandem.appliance.memory;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;

/** The running JVM's flags, by name (the manageable ones can be set). */
interface VmOptions {

    String get(String name);

    /** @throws IllegalArgumentException when the JVM refuses the value */
    void set(String name, String value);

    static VmOptions ofThisJvm() {
        HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        return new VmOptions() {
            @Override
            public String get(String name) {
                return hotspot.getVMOption(name).getValue();
            }

            @Override
            public void set(String name, String value) {
                hotspot.setVMOption(name, value);
            }
        };
    }
}
