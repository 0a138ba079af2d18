package io.supportaccess.keycloak.tenant.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.supportaccess.keycloak.InvalidInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TenantFormTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    @Test
    void aCompleteCreationIsTaken() throws Exception {
        TenantForm form = TenantForm.forCreation(json("{'id':'acme-1','company':' Acme Corp ','adminName':'boss','adminEmail':'b@acme.example',"
                + "'adminPassword':'secret','contactName':'Ann','contactPhone':'+49 (30) 123-45','externalReference':'crm-1'}"));
        assertThat(form.id()).isEqualTo("acme-1");
        assertThat(form.text(TenantForm.COMPANY)).isEqualTo("Acme Corp");
        assertThat(form.adminPassword()).isEqualTo("secret");
        assertThat(form.sendPasswordResetEmail()).isFalse();
        assertThat(form.text(TenantForm.CONTACT_PHONE)).isEqualTo("+49 (30) 123-45");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Acme", "-acme", "acme-", "a b", "acme/x", "acme$", "äcme",
            "a1234567890123456789012345678901234567890123456789012345678901234"})
    void tenantIdsOutsideTheRuleAreRefused(String id) {
        assertThatThrownBy(() -> TenantForm.forCreation(json("{'id':'" + id + "','company':'c','adminName':'a','adminPassword':'p'}")))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("'id'");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{'company':'c','adminName':'a','adminPassword':'p'}",
        "{'id':'acme','adminName':'a','adminPassword':'p'}",
        "{'id':'acme','company':'  ','adminName':'a','adminPassword':'p'}",
        "{'id':'acme','company':'c','adminPassword':'p'}",
        "{'id':'acme','company':'c','adminName':'a'}",
        "{'id':'acme','company':'c','adminName':'a','adminPassword':'p','sendPasswordResetEmail':true,'adminEmail':'a@b.example'}",
        "{'id':'acme','company':'c','adminName':'a','sendPasswordResetEmail':true}",
        "{'id':'acme','company':'c','adminName':'a','sendPasswordResetEmail':'yes','adminEmail':'a@b.example'}",
        "{'id':'acme','company':'c','adminName':'a','adminPassword':'p','contactPhone':'call me'}",
        "{'id':'acme','company':'c','adminName':'a','adminPassword':'p','company2':'x'}",
        "{'id':'acme','company':17,'adminName':'a','adminPassword':'p'}",
        "{'id':'acme','company':'a\\nb','adminName':'a','adminPassword':'p'}",
        "{'id':'acme','company':'c','adminName':'a','adminPassword':''}"})
    void incompleteOrContradictoryCreationsAreRefused(String body) {
        assertThatThrownBy(() -> TenantForm.forCreation(json(body))).isInstanceOf(InvalidInput.class);
    }

    @Test
    void longFieldsAreRefused() {
        String longText = "x".repeat(10_000);
        for (String field : new String[] {"company", "adminName", "adminEmail", "contactName", "externalReference", "adminPassword"}) {
            String body = "{'id':'acme','company':'c','adminName':'a','adminPassword':'p','" + field + "':'" + longText + "'}";
            assertThatThrownBy(() -> TenantForm.forCreation(json(body))).as(field).isInstanceOf(InvalidInput.class);
        }
    }

    @Test
    void anEditKeepsTheIdTheAdministratorAndTheStatus() throws Exception {
        TenantForm form = TenantForm.forUpdate(json("{'id':'acme','adminName':'boss','status':'ACTIVE','company':'New','contactName':''}"),
                "acme", "boss", "ACTIVE");
        assertThat(form.text(TenantForm.COMPANY)).isEqualTo("New");
        assertThat(form.has(TenantForm.CONTACT_NAME)).isTrue();
        assertThat(form.text(TenantForm.CONTACT_NAME)).isNull();
        assertThat(form.has(TenantForm.CONTACT_PHONE)).isFalse();

        assertThatThrownBy(() -> TenantForm.forUpdate(json("{'id':'other'}"), "acme", "boss", "ACTIVE"))
                .hasMessageContaining("tenant ID cannot be changed");
        assertThatThrownBy(() -> TenantForm.forUpdate(json("{'adminName':'mallory'}"), "acme", "boss", "ACTIVE"))
                .hasMessageContaining("username cannot be changed");
        assertThatThrownBy(() -> TenantForm.forUpdate(json("{'status':'SUSPENDED'}"), "acme", "boss", "ACTIVE"))
                .hasMessageContaining("suspending or activating");
        assertThatThrownBy(() -> TenantForm.forUpdate(json("{'company':''}"), "acme", "boss", "ACTIVE"))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> TenantForm.forUpdate(json("{'adminPassword':'take-over'}"), "acme", "boss", "ACTIVE"))
                .as("no password through an edit").hasMessageContaining("Unknown field");
        assertThatThrownBy(() -> TenantForm.forUpdate(json("{'sendPasswordResetEmail':true}"), "acme", "boss", "ACTIVE"))
                .hasMessageContaining("Unknown field");
    }
}
