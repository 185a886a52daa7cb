package org.tandem.appliance.api;

import java.util.Map;

/**
 * The one JSON shape of every API error: {@code error} is a short stable code a program can switch on,
 * {@code message} tells a person what happened and what to do, {@code fields} names each bad input field.
 */
public record ApiError(String error, String message, Map<String, String> fields) {

    public static ApiError of(String error, String message) {
        return new ApiError(error, message, null);
    }
}
