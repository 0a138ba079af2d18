package io.supportaccess.keycloak.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.supportaccess.keycloak.InvalidInput;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class PagingTest {

    @Test
    void offsetPagesTakeFirstAndMaxWithinTheLimit() {
        assertThat(OffsetPage.of(null, null)).isEqualTo(new OffsetPage(0, OffsetPage.DEFAULT_MAX));
        assertThat(OffsetPage.of("2", "3").of(Stream.of(1, 2, 3, 4, 5, 6)).toList()).containsExactly(3, 4, 5);
        for (String[] bad : List.of(new String[] {"-1", "1"}, new String[] {"x", "1"})) {
            assertThatThrownBy(() -> OffsetPage.of(bad[0], bad[1])).as(String.join(",", bad)).isInstanceOf(InvalidInput.class)
                    .hasMessage("'first' must be a whole number, 0 or more");
        }
        for (String[] bad : List.of(new String[] {"0", "0"}, new String[] {"0", "1001"}, new String[] {"0", "x"}, new String[] {"0", ""})) {
            assertThatThrownBy(() -> OffsetPage.of(bad[0], bad[1])).as(String.join(",", bad)).isInstanceOf(InvalidInput.class)
                    .hasMessage("'max' must be a whole number from 1 to 1000");
        }
    }

    @Test
    void cursorPagesNameTheNextCursorOnlyWhenMoreFollow() {
        Function<Integer, Object> json = i -> Map.of("n", i);
        Function<Integer, String> cursor = i -> "after-" + i;
        Map<String, Object> first = CursorPage.of(List.of(1, 2, 3), 2, json, cursor);
        assertThat(first.get("records")).isEqualTo(List.of(Map.of("n", 1), Map.of("n", 2)));
        assertThat(first.get("next")).isEqualTo("after-2");
        Map<String, Object> last = CursorPage.of(List.of(3), 2, json, cursor);
        assertThat(last).containsOnlyKeys("records");
    }

    @Test
    void pageSizesOutsideTheLimitAreRefused() {
        assertThat(CursorPage.pageSize(null, 20, 1000)).isEqualTo(20);
        assertThat(CursorPage.pageSize(" 5 ", 20, 1000)).isEqualTo(5);
        for (String bad : List.of("0", "1001", "x", "")) {
            assertThatThrownBy(() -> CursorPage.pageSize(bad, 20, 1000)).as(bad).isInstanceOf(InvalidInput.class)
                    .hasMessage("pageSize must be from 1 to 1000");
        }
    }
}
