package io.supportaccess.keycloak.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportaccess.keycloak.InvalidInput;
import io.supportaccess.keycloak.permission.NotPermitted;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.lang.reflect.ParameterizedType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One error body for thrown refusals, refused input and missing permissions; nothing else becomes a 4xx. */
class ErrorMappingTest {

    @Test
    void invalidInputIsA400WithItsMessage() {
        Response response = new InvalidInputMapper().toResponse(new InvalidInput("'max' must be from 1 to 1000"));
        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getEntity()).isEqualTo(Map.of("error", "invalid_request", "error_description", "'max' must be from 1 to 1000"));
    }

    @Test
    void aMissingPermissionIsA403WithTheSameBodyAsAThrownRefusal() {
        Response mapped = new NotPermittedMapper().toResponse(new NotPermitted("This needs view-realm on realm management"));
        Response thrown = ApiException.forbidden("This needs view-realm on realm management").getResponse();
        assertThat(mapped.getStatus()).isEqualTo(403);
        assertThat(thrown.getStatus()).isEqualTo(403);
        assertThat(mapped.getEntity()).isEqualTo(thrown.getEntity())
                .isEqualTo(Map.of("error", "forbidden", "error_description", "This needs view-realm on realm management"));
    }

    @Test
    void aThrownRefusalCarriesItsBodySoThatNoExceptionMapperReplacesIt() {
        ApiException limited = ApiException.of(Response.Status.TOO_MANY_REQUESTS, "try again in 7 s").withHeader("Retry-After", "7");
        assertThat(limited.getResponse().hasEntity()).isTrue();
        assertThat(limited.getResponse().getStatus()).isEqualTo(429);
        assertThat(limited.getResponse().getHeaderString("Retry-After")).isEqualTo("7");
        assertThat(limited.getResponse().getEntity()).isEqualTo(Map.of("error", "too_many_requests", "error_description", "try again in 7 s"));
    }

    @Test
    void onlyInvalidInputIsMappedToA400NotAnyIllegalArgument() {
        assertThat(mappedType(InvalidInputMapper.class)).isEqualTo(InvalidInput.class);
        assertThat(mappedType(NotPermittedMapper.class)).isEqualTo(NotPermitted.class);
        // a programming error (a plain IllegalArgumentException) is no InvalidInput: Keycloak answers it with 500
        assertThat(InvalidInput.class.isInstance(new IllegalArgumentException("bug"))).isFalse();
    }

    private static Class<?> mappedType(Class<? extends ExceptionMapper<?>> mapper) {
        ParameterizedType type = (ParameterizedType) mapper.getGenericInterfaces()[0];
        return (Class<?>) type.getActualTypeArguments()[0];
    }
}
