package org.tandem.pbx.recording;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.tandem.settings.PropertyDefaults;

/**
 * Call recording ({@code tandem.recording.*}); rules, retention and quota are the admin's, in the database.
 *
 * @param minFreeDisk call recordings stop while the data directory's disk has less than this free; calls go on
 *                    unrecorded (logged, counted)
 */
@ConfigurationProperties("tandem.recording")
public record RecordingProperties(@DefaultValue("512MB") DataSize minFreeDisk) {

    public RecordingProperties {
        if (minFreeDisk == null) minFreeDisk = PropertyDefaults.of(RecordingProperties.class, "minFreeDisk");
    }
}
