package org.tandem.appliance.audit.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * Notes the one body field the audit wording needs: the {@code state} (OPEN, CLOSED, SCHEDULE) of a day/night
 * override, so the log can say "switched time condition office to closed". Nothing else of a body is kept, so no
 * password in a body can reach the log.
 */
@ControllerAdvice
class OverrideStateNote extends RequestBodyAdviceAdapter {

    @Override
    public boolean supports(
            MethodParameter parameter, Type targetType, Class<? extends HttpMessageConverter<?>> converterType) {
        return parameter.getParameterType().isRecord()
                && parameter.getParameterType().getSimpleName().equals("OverrideRequest");
    }

    @Override
    public Object afterBodyRead(
            Object body,
            HttpInputMessage inputMessage,
            MethodParameter parameter,
            Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            try {
                Method state = body.getClass().getMethod("state");
                Object value = state.invoke(body);
                if (value instanceof String s) request.setAttribute(ApiAuditInterceptor.STATE_ATTRIBUTE, s);
            } catch (ReflectiveOperationException | RuntimeException e) {
                // no state: the log says "switched time condition x" without where to
            }
        }
        return body;
    }
}
