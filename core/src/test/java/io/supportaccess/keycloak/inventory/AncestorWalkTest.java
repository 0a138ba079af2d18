package io.supportaccess.keycloak.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AncestorWalkTest {

    /** child -> its parents */
    private final Map<String, List<String>> parents = new HashMap<>();
    private final AtomicInteger queries = new AtomicInteger();

    private void link(String parent, String child) {
        parents.computeIfAbsent(child, c -> new ArrayList<>()).add(parent);
    }

    private Collection<String> parentsOf(Set<String> ids) {
        queries.incrementAndGet();
        return ids.stream().flatMap(id -> parents.getOrDefault(id, List.of()).stream()).toList();
    }

    private Set<String> ancestors(String id) {
        return AncestorWalk.ancestors(List.of(id), this::parentsOf);
    }

    @Test
    void reachesTheTopOfAChainFarDeeperThanAnyFormerLimit() {
        for (int i = 1; i <= 1000; i++) {
            link("g" + (i - 1), "g" + i);
        }
        assertThat(ancestors("g1000")).hasSize(1000).contains("g0", "g999");
        assertThat(queries.get()).isEqualTo(1001);
    }

    @Test
    void endsOnACycleAndFindsEveryGroupOfIt() {
        for (int i = 1; i < 50; i++) {
            link("c" + (i - 1), "c" + i);
        }
        link("c49", "c0");
        link("c49", "device");
        Set<String> above = ancestors("device");
        assertThat(above).hasSize(50).contains("c0", "c25", "c49");
        assertThat(ancestors("c10")).as("a group in a cycle is its own ancestor").contains("c10").hasSize(50);
    }

    @Test
    void followsEveryParentOfAnObjectInSeveralGroups() {
        link("north", "device");
        link("customer-a", "device");
        link("region", "north");
        link("region", "customer-a");
        link("root", "region");
        assertThat(ancestors("device")).containsExactlyInAnyOrder("north", "customer-a", "region", "root");
        assertThat(ancestors("root")).isEmpty();
    }
}
