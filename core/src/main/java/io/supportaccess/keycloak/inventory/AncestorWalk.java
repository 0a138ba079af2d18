package io.supportaccess.keycloak.inventory;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * All groups above some objects, level by level, to the top of every chain. No depth limit: a
 * limit would hide ancestors beyond it (and with them cycles and inherited permissions). The walk
 * ends because every level must bring a group not seen before, so it also ends on data that
 * already holds a cycle, after at most as many levels as there are groups.
 */
public final class AncestorWalk {

    private AncestorWalk() {
    }

    /**
     * @param start     the objects to start from (not part of the result unless they are their own ancestor, i.e. in a cycle)
     * @param parentsOf the groups directly above a set of objects
     */
    public static Set<String> ancestors(Collection<String> start, Function<Set<String>, Collection<String>> parentsOf) {
        Set<String> seen = new LinkedHashSet<>();
        Set<String> level = new LinkedHashSet<>(start);
        while (!level.isEmpty()) {
            level = parentsOf.apply(level).stream().filter(seen::add).collect(Collectors.toCollection(LinkedHashSet::new));
        }
        return seen;
    }
}
