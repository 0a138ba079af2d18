package io.supportaccess.keycloak.configcode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.supportaccess.keycloak.InvalidInput;
import org.junit.jupiter.api.Test;

class ConfigurationDocumentTest {

    private static JsonNode json(String text) throws Exception {
        return ConfigurationDocument.JSON.readTree(text.replace('\'', '"'));
    }

    @Test
    void aWrittenDocumentReadsBackTheSame() throws Exception {
        RealmConfiguration read = ConfigurationDocument.read(json("{'schema':'support-access/1','realm':'acme','inventory':{'objects':["
                + "{'name':'region','type':'c8y_DeviceGroup','children':['pump']},{'name':'pump','type':'c8y_Device','properties':{'serial':'P7'}}]},"
                + "'inventoryRoles':[{'name':'Reader','permissions':[{'scope':'INVENTORY','type':'*','level':'READ'}]}],"
                + "'assignments':[{'user':'smith','group':'region','roles':['Reader']}],"
                + "'userHierarchy':[{'user':'smith','owner':'boss'}]}"));
        assertThat(read.objects().get("region").group()).as("a group by its type").isTrue();
        assertThat(ConfigurationDocument.read(ConfigurationDocument.write(read))).isEqualTo(read);
    }

    @Test
    void theSchemaAndTheTopLevelAreChecked() {
        assertThatThrownBy(() -> ConfigurationDocument.checkTopLevel(json("{'schema':'support-access/9','realm':'acme'}")))
                .isInstanceOf(InvalidInput.class).hasMessageStartingWith("schema: unknown version");
        assertThatThrownBy(() -> ConfigurationDocument.checkTopLevel(json("{'realm':'acme'}"))).hasMessageStartingWith("schema: missing");
        assertThatThrownBy(() -> ConfigurationDocument.checkTopLevel(json("{'schema':'support-access/1','realm':'acme','grants':[]}")))
                .hasMessageContaining("never imported");
        assertThatThrownBy(() -> ConfigurationDocument.checkTopLevel(json("{'schema':'support-access/1'}"))).hasMessageStartingWith("realm: missing");
        assertThatThrownBy(() -> ConfigurationDocument.checkTopLevel(json("[]"))).hasMessageContaining("JSON object");
    }

    @Test
    void eachRefusalNamesItsField() {
        assertThatThrownBy(() -> ConfigurationDocument.read(json("{'realm':'a','inventory':{'objects':[{'name':'x','type':'t'},{'name':'x','type':'u'}]}}")))
                .hasMessageStartingWith("inventory.objects[1].key: \"x\" is given twice");
        assertThatThrownBy(() -> ConfigurationDocument.read(json("{'realm':'a','inventory':{'objects':[{'name':'x','type':'t','children':['y']}]}}")))
                .hasMessageStartingWith("inventory.objects[0].children: only a group");
        assertThatThrownBy(() -> ConfigurationDocument.read(json("{'realm':'a','assignments':[{'user':'','group':'g','roles':[]}]}")))
                .hasMessageStartingWith("assignments[0].user: must be a non-empty string");
        assertThatThrownBy(() -> ConfigurationDocument.read(json("{'realm':'a','userHierarchy':[{'user':'u','owner':'u'}]}")))
                .hasMessageStartingWith("userHierarchy[0].owner: a user cannot be their own owner");
        assertThatThrownBy(() -> ConfigurationDocument.read(json("{'realm':'a','inventoryRoles':[{'name':'r','permissions':[{'scope':'NOPE','level':'READ'}]}]}")))
                .hasMessageStartingWith("inventoryRoles[0].permissions[0]: not a permission");
        assertThatThrownBy(() -> ConfigurationDocument.read(json("{'realm':'a','assignments':[{'user':'u','group':'g','roles':['r'],'extra':1}]}")))
                .hasMessageStartingWith("assignments[0].extra: unknown field");
    }
}
