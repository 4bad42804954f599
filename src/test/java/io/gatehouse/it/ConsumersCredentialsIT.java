package io.gatehouse.it;

import static io.gatehouse.it.support.AdminClient.form;
import static io.gatehouse.it.support.KongAssertions.arrayContainsText;
import static io.gatehouse.it.support.KongAssertions.assertBody;
import static io.gatehouse.it.support.KongAssertions.assertKeys;
import static io.gatehouse.it.support.KongAssertions.assertRecentSeconds;
import static io.gatehouse.it.support.KongAssertions.assertStatus;
import static io.gatehouse.it.support.KongAssertions.assertUuid;
import static io.gatehouse.it.support.KongAssertions.ids;
import static io.gatehouse.it.support.KongAssertions.sortedIds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.it.support.AdminClient;
import io.gatehouse.it.support.Deployments;
import io.gatehouse.it.support.HttpResult;
import io.gatehouse.it.support.Json;
import io.gatehouse.it.support.Names;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Consumers and their key-auth / basic-auth credentials (spec §1.3, §1.8; DESIGN §8 for hashing). */
@ExtendWith(ArquillianExtension.class)
class ConsumersCredentialsIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.gatehouseRoot();
    }

    private final AdminClient admin = new AdminClient();

    private HttpResult newConsumer(String username) {
        return assertStatus(201, admin.post("/consumers", Json.obj("username", username)));
    }

    @Test
    void consumerCrud() {
        String username = Names.unique("user");
        HttpResult created = newConsumer(username);
        assertKeys(created.json(), "id", "created_at", "updated_at", "username", "custom_id", "tags");
        assertUuid(created.get("id"));
        assertRecentSeconds(created.get("created_at"));
        assertTrue(created.get("custom_id").isNull());
        assertEquals(created.json(), admin.get("/consumers/" + username).json());
        assertEquals(created.json(), admin.get("/consumers/" + created.id()).json());

        String customId = Names.unique("cid");
        HttpResult patched = assertStatus(200, admin.patch("/consumers/" + username, Json.obj("custom_id", customId)));
        assertEquals(customId, patched.text("custom_id"));
        assertEquals(username, patched.text("username"));

        HttpResult byCustomId = assertStatus(200, admin.get("/consumers?custom_id=" + customId));
        assertEquals(List.of(created.id()), ids(byCustomId));
        assertTrue(byCustomId.get("next").isNull());
        assertBody(200, "{\"data\":[],\"next\":null}", admin.get("/consumers?custom_id=" + Names.unique("none")));
        HttpResult emptyCustomId = assertStatus(400, admin.get("/consumers?custom_id="));
        assertEquals("custom_id must be an unempty string", emptyCustomId.text("message"), emptyCustomId.toString());

        String putName = Names.unique("put-user");
        HttpResult put = assertStatus(200, admin.put("/consumers/" + putName, Json.obj("custom_id", Names.unique("c"))));
        assertEquals(putName, put.text("username"), "URL key wins");

        assertStatus(204, admin.delete("/consumers/" + username));
        assertBody(404, "{\"message\":\"Not found\"}", admin.get("/consumers/" + username));
        assertStatus(204, admin.delete("/consumers/" + username));
    }

    @Test
    void consumerNeedsUsernameOrCustomId() {
        assertBody(400, """
                {"code":2,"name":"schema violation",
                 "message":"schema violation (at least one of these fields must be non-empty: 'custom_id', 'username')",
                 "fields":{"@entity":["at least one of these fields must be non-empty: 'custom_id', 'username'"]}}""",
                admin.post("/consumers", "{}"));
    }

    @Test
    void duplicateUsernameIs409() {
        String username = Names.unique("user");
        newConsumer(username);
        assertBody(409, """
                {"code":5,"name":"unique constraint violation",
                 "message":"UNIQUE violation detected on '{username=\\"%s\\"}'",
                 "fields":{"username":"%s"}}""".formatted(username, username),
                admin.post("/consumers", Json.obj("username", username)));
    }

    @Test
    void keyAuthGeneratesAKeyWhenNoneIsGiven() {
        String username = Names.unique("user");
        HttpResult consumer = newConsumer(username);

        HttpResult generated = assertStatus(201, admin.send("POST", "/consumers/" + username + "/key-auth", null, null));
        assertUuid(generated.get("id"));
        assertRecentSeconds(generated.get("created_at"));
        assertEquals(Json.parse("{\"id\":\"" + consumer.id() + "\"}"), generated.get("consumer"));
        assertTrue(generated.text("key").matches("[A-Za-z0-9]{32}"), "generated key: " + generated);
        assertTrue(generated.get("tags").isNull());

        String key = Names.unique("key");
        HttpResult given = assertStatus(201, admin.post("/consumers/" + username + "/key-auth", form("key", key)));
        assertEquals(key, given.text("key"));

        HttpResult nested = assertStatus(200, admin.get("/consumers/" + username + "/key-auth"));
        assertEquals(sortedIds(List.of(generated.id(), given.id())), ids(nested));
        assertEquals(given.json(), assertStatus(200, admin.get("/consumers/" + username + "/key-auth/" + key)).json());
        assertEquals(given.json(), assertStatus(200, admin.get("/key-auths/" + key)).json());
        assertEquals(given.json(), assertStatus(200, admin.get("/key-auths/" + given.id())).json());
        assertEquals(consumer.json(), assertStatus(200, admin.get("/key-auths/" + key + "/consumer")).json());

        List<JsonNode> all = admin.listAll("/key-auths?size=1000");
        assertTrue(all.stream().anyMatch(c -> c.path("id").asText().equals(generated.id())), "/key-auths lists it");

        assertBody(409, """
                {"code":5,"name":"unique constraint violation",
                 "message":"UNIQUE violation detected on '{key=\\"%s\\"}'",
                 "fields":{"key":"%s"}}""".formatted(key, key),
                admin.post("/consumers/" + username + "/key-auth", form("key", key)));

        assertStatus(204, admin.delete("/consumers/" + username + "/key-auth/" + generated.id()));
        assertStatus(404, admin.get("/key-auths/" + generated.id()));
        assertBody(404, "{\"message\":\"Not found\"}",
                admin.post("/consumers/" + Names.unique("nobody") + "/key-auth", form("key", Names.unique("k"))));
    }

    @Test
    void basicAuthStoresASaltedHashNeverTheClearPassword() {
        String username = Names.unique("user");
        HttpResult consumer = newConsumer(username);
        String login = Names.unique("login");

        HttpResult created = assertStatus(201, admin.post("/consumers/" + username + "/basic-auth",
                form("username", login, "password", "OpenSesame")));
        assertUuid(created.get("id"));
        assertEquals(login, created.text("username"));
        assertEquals(Json.parse("{\"id\":\"" + consumer.id() + "\"}"), created.get("consumer"));
        String hash = created.text("password");
        assertTrue(hash != null && !hash.isEmpty(), "a password hash is returned: " + created);
        assertNotEquals("OpenSesame", hash);
        assertFalse(hash.contains("OpenSesame"), "the clear password never comes back: " + hash);

        HttpResult fetched = assertStatus(200, admin.get("/basic-auths/" + login));
        assertEquals(hash, fetched.text("password"));
        assertEquals(created.json(), fetched.json());
        assertEquals(created.json(), assertStatus(200,
                admin.get("/consumers/" + username + "/basic-auth/" + login)).json());

        // Salted: the same password for another credential hashes differently.
        String otherLogin = Names.unique("login");
        HttpResult other = assertStatus(201, admin.post("/consumers/" + username + "/basic-auth",
                Json.obj("username", otherLogin, "password", "OpenSesame")));
        assertNotEquals(hash, other.text("password"), "hashes are salted");

        HttpResult list = assertStatus(200, admin.get("/consumers/" + username + "/basic-auth"));
        assertEquals(sortedIds(List.of(created.id(), other.id())), ids(list));
        for (JsonNode credential : list.get("data")) {
            assertFalse(credential.path("password").asText().contains("OpenSesame"));
        }
        assertTrue(admin.listAll("/basic-auths?size=1000").stream()
                .anyMatch(c -> c.path("id").asText().equals(created.id())), "/basic-auths lists it");

        HttpResult repatched = assertStatus(200, admin.patch("/basic-auths/" + login, form("password", "Sesame2")));
        assertNotEquals(hash, repatched.text("password"));
        assertFalse(repatched.text("password").contains("Sesame2"));
    }

    @Test
    void basicAuthDuplicateUsernameIs409AndPasswordIsRequired() {
        String first = Names.unique("user");
        String second = Names.unique("user");
        newConsumer(first);
        newConsumer(second);
        String login = Names.unique("login");
        assertStatus(201, admin.post("/consumers/" + first + "/basic-auth", form("username", login, "password", "a")));
        assertBody(409, """
                {"code":5,"name":"unique constraint violation",
                 "message":"UNIQUE violation detected on '{username=\\"%s\\"}'",
                 "fields":{"username":"%s"}}""".formatted(login, login),
                admin.post("/consumers/" + second + "/basic-auth", form("username", login, "password", "b")));
        assertBody(400, """
                {"code":2,"name":"schema violation",
                 "message":"schema violation (password: required field missing)",
                 "fields":{"password":"required field missing"}}""",
                admin.post("/consumers/" + first + "/basic-auth", form("username", Names.unique("login"))));
    }

    @Test
    void deletingAConsumerCascadesItsCredentials() {
        String username = Names.unique("user");
        newConsumer(username);
        String key = Names.unique("key");
        assertStatus(201, admin.post("/consumers/" + username + "/key-auth", form("key", key)));
        String login = Names.unique("login");
        assertStatus(201, admin.post("/consumers/" + username + "/basic-auth", form("username", login, "password", "p")));

        assertStatus(204, admin.delete("/consumers/" + username));
        assertStatus(404, admin.get("/key-auths/" + key));
        assertStatus(404, admin.get("/basic-auths/" + login));
    }

    @Test
    void consumerPluginsNestedCollectionRejectsNoConsumerPlugins() {
        String username = Names.unique("user");
        newConsumer(username);
        assertBody(200, "{\"data\":[],\"next\":null}", admin.get("/consumers/" + username + "/plugins"));
        assertBody(400, """
                {"code":2,"name":"schema violation",
                 "message":"schema violation (consumer: value must be null)",
                 "fields":{"consumer":"value must be null"}}""",
                admin.post("/consumers/" + username + "/plugins", Json.obj("name", "key-auth")));
    }

}
