package org.tandem.pbx.hold;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Music on hold ({@code tandem.hold.*}).
 *
 * @param music play music to a phone whose call is put on hold; off when every phone plays its own (then both would
 *              reach the held phone)
 */
@ConfigurationProperties("tandem.hold")
public record HoldProperties(@DefaultValue("true") boolean music) {}
