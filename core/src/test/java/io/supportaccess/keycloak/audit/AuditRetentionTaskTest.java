package io.supportaccess.keycloak.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;
import org.keycloak.models.KeycloakSession;

/** The task only hands the work to its own thread: Keycloak's one timer thread goes on to the other tasks at once. */
class AuditRetentionTaskTest {

    private static final KeycloakSession SESSION = (KeycloakSession) Proxy.newProxyInstance(KeycloakSession.class.getClassLoader(),
            new Class<?>[] {KeycloakSession.class}, (proxy, method, args) -> null);

    @Test
    void theTimerThreadOnlyHandsTheWorkOverAndARunStillGoingIsNotStartedTwice() {
        List<Runnable> handedOver = new ArrayList<>();
        AuditRetentionTask task = new AuditRetentionTask(60, new RetentionPacing(10), handedOver::add);

        task.run(SESSION);
        task.run(SESSION);

        assertThat(handedOver).hasSize(1);
    }

    @Test
    void aWorkerThatRefusesTheWorkDoesNotBlockTheNextRun() {
        List<Runnable> handedOver = new ArrayList<>();
        boolean[] refuse = {true};
        AuditRetentionTask task = new AuditRetentionTask(60, new RetentionPacing(10), job -> {
            if (refuse[0]) {
                throw new RejectedExecutionException("stopping");
            }
            handedOver.add(job);
        });

        task.run(SESSION);
        refuse[0] = false;
        task.run(SESSION);

        assertThat(handedOver).hasSize(1);
    }
}
