package com.goodpackagerepo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The seed loader's protocol: health, login, publish every example package (201 or 409), set every tag
 * (200). Runs the shipped loader script, then checks what the issue promises: acme/hello-world resolves
 * latest to 2.0.0 and libs/utility to 1.0.0.
 */
class SeedLoaderIT {

    @Test
    void exampleDataLoadsAndResolves() throws Exception {
        Process loader = new ProcessBuilder("python3", "seed/load_examples.py", "--url", Http.BASE,
                "--password=" + Http.ADMIN_PASSWORD).redirectErrorStream(true).start();
        String output = new String(loader.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(loader.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, loader.exitValue(), output);
        // a second run finds everything present (409) and re-sets the tags (200): still no failure
        Process again = new ProcessBuilder("python3", "seed/load_examples.py", "--url", Http.BASE,
                "--password=" + Http.ADMIN_PASSWORD).redirectErrorStream(true).start();
        String secondOutput = new String(again.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(again.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, again.exitValue(), secondOutput);

        String admin = Http.admin();
        assertEquals("2.0.0", Http.get("/v1/acme/hello-world/latest", admin).json().path("version").asText());
        assertEquals("1.0.0", Http.get("/v1/libs/utility/latest", admin).json().path("version").asText());
        assertEquals("0.2.0", Http.get("/v1/example/webapp/latest", admin).json().path("version").asText());
        JsonNode seed = Http.MAPPER.readTree(Path.of("seed/example_packages.json").toFile());
        for (JsonNode p : seed.path("packages")) {
            Http.Reply blob = Http.get(Artifacts.blobPath(p.path("namespace").asText(), p.path("name").asText(),
                    p.path("version").asText(), p.path("variant").asText()), admin);
            assertEquals(p.path("content").asText(), blob.body());
        }
        assertEquals("1.1.0", Http.get("/v1/acme/hello-world/tags/stable", admin).json().path("target_version").asText());
    }
}
