package org.tandem.appliance.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.tandem.operations.network.NetworkChangeRefused;
import org.tandem.operations.upload.UploadTooLargeException;
import org.tandem.pbx.validation.DuplicateException;
import org.tandem.pbx.validation.FieldError;
import org.tandem.pbx.validation.InUseException;
import org.tandem.pbx.validation.InvalidInputException;

/**
 * Turns every failure of an API call into an {@link ApiError} body with the right status. A person
 * reading the body learns what went wrong and what to do; nobody ever sees a stack trace (unexpected
 * failures are logged with one, and the body points to the log).
 */
@RestControllerAdvice
public class ApiErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiErrorHandler.class);

    /**
     * 400 with each bad field's sentence: English, unless the request's Accept-Language (RFC 9110 §12.5.4) names
     * German, French or Spanish first; the field names and the rest of the body stay the same in every language.
     */
    @ExceptionHandler(InvalidInputException.class)
    ResponseEntity<ApiError> invalid(InvalidInputException e, HttpServletRequest request) {
        return respond(
                HttpStatus.BAD_REQUEST,
                new ApiError(
                        "invalid input",
                        "Some fields are not valid; see 'fields' for what each needs",
                        e.fieldErrors(language(request.getHeader(HttpHeaders.ACCEPT_LANGUAGE)))));
    }

    /** The first of Tandem's languages {@code acceptLanguage} names; English when none or unreadable. */
    public static Locale language(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) return Locale.ENGLISH;
        try {
            String tag = Locale.lookupTag(Locale.LanguageRange.parse(acceptLanguage), FieldError.LANGUAGES);
            return tag == null ? Locale.ENGLISH : Locale.forLanguageTag(tag);
        } catch (IllegalArgumentException malformed) {
            return Locale.ENGLISH;
        }
    }

    /** RFC 9110 §15.5.14; issue 22, finding 8: every upload limit is enforced here, not in the browser. */
    @ExceptionHandler(UploadTooLargeException.class)
    ResponseEntity<ApiError> tooLarge(UploadTooLargeException e) {
        return respond(
                HttpStatus.PAYLOAD_TOO_LARGE,
                ApiError.of("too large", e.getMessage() + " (tandem.uploads.* in application.yml)"));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            if (c instanceof UploadTooLargeException tooLarge) return tooLarge(tooLarge);
        }
        return respond(
                HttpStatus.BAD_REQUEST,
                ApiError.of(
                        "malformed request",
                        "The request body is missing or is not the expected JSON object; send e.g. "
                                + "{\"extension\":\"101\",\"displayName\":\"Alice\",\"password\":\"...\"}"));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiError> typeMismatch(MethodArgumentTypeMismatchException e) {
        return respond(
                HttpStatus.BAD_REQUEST,
                ApiError.of("malformed request", "Parameter '" + e.getName() + "' has the wrong type"));
    }

    /** 409 saying what exists already, in the language Accept-Language asks for like a 400's field sentences. */
    @ExceptionHandler(DuplicateException.class)
    ResponseEntity<ApiError> duplicate(DuplicateException e, HttpServletRequest request) {
        Locale language = language(request.getHeader(HttpHeaders.ACCEPT_LANGUAGE));
        return respond(
                HttpStatus.CONFLICT,
                ApiError.of(
                        "duplicate",
                        e.text(language) + "; "
                                + FieldError.of("duplicate.api-hint").text(language)));
    }

    @ExceptionHandler(InUseException.class)
    ResponseEntity<ApiError> inUse(InUseException e) {
        return respond(HttpStatus.CONFLICT, ApiError.of("in use", e.getMessage() + "; change that first"));
    }

    @ExceptionHandler(NetworkChangeRefused.class)
    ResponseEntity<ApiError> networkRefused(NetworkChangeRefused e) {
        return respond(HttpStatus.CONFLICT, ApiError.of("refused", e.getMessage()));
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ApiError> notFound(NotFoundException e) {
        return respond(HttpStatus.NOT_FOUND, ApiError.of("not found", e.getMessage()));
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ApiError> noSuchPath(NoResourceFoundException e, HttpServletRequest request) {
        return respond(
                HttpStatus.NOT_FOUND,
                ApiError.of(
                        "not found",
                        request.getRequestURI()
                                + " is not part of the API; the resources are /api/v1/users, /api/v1/trunks, "
                                + "/api/v1/outbound-routes, /api/v1/inbound-routes, "
                                + "/api/v1/registrations, /api/v1/bans, /api/v1/cdrs and /api/v1/voicemail"));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ApiError> method(HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
        return respond(
                HttpStatus.METHOD_NOT_ALLOWED,
                ApiError.of(
                        "method not allowed",
                        request.getMethod() + " is not supported on " + request.getRequestURI() + "; use one of "
                                + e.getSupportedHttpMethods()));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ApiError> mediaType(HttpMediaTypeNotSupportedException e) {
        // RFC 9110 §15.5.16: say which types are accepted (also as Accept-Post/Accept-Patch would)
        String accepted = e.getSupportedMediaTypes().isEmpty()
                ? "application/json"
                : String.join(
                        ", ",
                        e.getSupportedMediaTypes().stream()
                                .map(Object::toString)
                                .toList());
        return respond(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                ApiError.of("unsupported media type", "Send the body with Content-Type: " + accepted));
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ApiError> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return respond(
                HttpStatus.NOT_ACCEPTABLE,
                ApiError.of("not acceptable", "The API answers in JSON only; accept application/json"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> unexpected(Exception e, HttpServletRequest request) {
        if (e instanceof ErrorResponse standard && !standard.getStatusCode().is5xxServerError()) {
            // other standard Spring MVC failures (missing parameter, ...) keep their status
            HttpStatusCode status = standard.getStatusCode();
            return respond(
                    status,
                    ApiError.of(
                            status.value() == 400 ? "malformed request" : reason(status),
                            "The request could not be served (" + reason(status)
                                    + "); check the method, path and parameters"));
        }
        log.error("{} {} failed", request.getMethod(), request.getRequestURI(), e);
        return respond(
                HttpStatus.INTERNAL_SERVER_ERROR,
                ApiError.of(
                        "internal error",
                        "The server failed to handle this request; the server log has the details. Retry, and "
                                + "report it if it persists"));
    }

    private static String reason(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return known == null
                ? "error " + status.value()
                : known.getReasonPhrase().toLowerCase();
    }

    private static ResponseEntity<ApiError> respond(HttpStatusCode status, ApiError body) {
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .body(body);
    }
}
