package io.supportaccess.keycloak.hierarchy;

/** A user-hierarchy change against its rules (a cycle, a role the owner does not hold): answered with 409. */
public class HierarchyRefusal extends RuntimeException {

    public HierarchyRefusal(String message) {
        super(message);
    }
}
