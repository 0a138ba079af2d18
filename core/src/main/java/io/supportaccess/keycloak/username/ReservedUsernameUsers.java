package io.supportaccess.keycloak.username;

import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the local users of a realm whose names break {@link ReservedUsernames} (created before the
 * rule existed). The rule is NFKC-based, which no database can evaluate, so the realm's usernames
 * are read in id order, a batch at a time, and checked here.
 */
public final class ReservedUsernameUsers {

    private static final int BATCH = 1000;

    /** One such user; {@code reason} names the characters that make the name look like a support login. */
    public record Found(String id, String username, String reason, Long createdTimestamp, boolean enabled, boolean serviceAccount) {
    }

    /** Up to {@code limit} users, with whether the scan stopped early and how many names it read. */
    public record Result(List<Found> users, boolean truncated, long scanned) {
    }

    private final EntityManager em;

    public ReservedUsernameUsers(EntityManager em) {
        this.em = em;
    }

    public Result find(String realmId, int limit) {
        List<Found> found = new ArrayList<>();
        long scanned = 0;
        String after = "";
        while (true) {
            List<Object[]> rows = em.createQuery("select u.id, u.username, u.createdTimestamp, u.enabled, u.serviceAccountClientLink"
                            + " from UserEntity u where u.realmId = :realmId and u.id > :after order by u.id", Object[].class)
                    .setParameter("realmId", realmId).setParameter("after", after)
                    .setMaxResults(BATCH).getResultList();
            for (Object[] row : rows) {
                scanned++;
                String username = (String) row[1];
                if (ReservedUsernames.isReserved(username)) {
                    if (found.size() == limit) {
                        return new Result(found, true, scanned);
                    }
                    found.add(new Found((String) row[0], username, ReservedUsernames.reason(username), (Long) row[2],
                            Boolean.TRUE.equals(row[3]), row[4] != null));
                }
            }
            if (rows.size() < BATCH) {
                return new Result(found, false, scanned);
            }
            after = (String) rows.get(rows.size() - 1)[0];
        }
    }
}
