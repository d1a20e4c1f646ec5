package com.goodpackagerepo.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Settings meant for the integration-test server must not reach a user's {@code mvn liberty:run} /
 * {@code liberty:create}: those goals use the project properties and the plugin-level configuration, so the
 * IT settings live only in the configuration of the {@code start-server-for-it} execution.
 */
class PomIsolationTest {
    private static final List<String> SERVER_CONFIG_PREFIXES = List.of(
            "liberty.var.", "liberty.defaultVar.", "liberty.env.", "liberty.bootstrap.", "liberty.jvm.");
    private static Element project;

    @BeforeAll
    static void parse() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document pom = factory.newDocumentBuilder().parse(Path.of("pom.xml").toFile());
        project = pom.getDocumentElement();
    }

    @Test
    void projectPropertiesConfigureNoLibertyServer() {
        List<String> leaking = new ArrayList<>();
        for (Element property : children(child(project, "properties"))) {
            String name = property.getTagName();
            if (SERVER_CONFIG_PREFIXES.stream().anyMatch(name::startsWith)) {
                leaking.add(name);
            }
        }
        assertEquals(List.of(), leaking, "these would configure `mvn liberty:run` too; put them in start-server-for-it");
    }

    @Test
    void thePluginLevelConfigurationHasNoServerSettingsAndTheItExecutionHasTheProxySettings() {
        Element plugin = libertyPlugin();
        Element configuration = child(plugin, "configuration");
        for (String shared : List.of("jvmOptions", "jvmOptionsFile", "serverEnvFile", "bootstrapPropertiesFile")) {
            assertEquals(null, child(configuration, shared), shared + " at plugin level reaches liberty:run");
        }
        Element bootstrap = child(configuration, "bootstrapProperties");
        assertTrue(bootstrap == null || children(bootstrap).isEmpty(), "plugin-level bootstrapProperties reach liberty:run");

        Element itExecution = null;
        for (Element execution : children(child(plugin, "executions"))) {
            if ("start-server-for-it".equals(text(child(execution, "id")))) {
                itExecution = execution;
            }
        }
        assertNotNull(itExecution, "the start-server-for-it execution");
        Element itBootstrap = child(child(itExecution, "configuration"), "bootstrapProperties");
        assertNotNull(itBootstrap);
        assertTrue(text(child(itBootstrap, "gpr.upstream.originA.base-url")).contains("${it.upstream.port}"),
                "the IT server's originA points at the fake upstream");
        assertNotNull(child(itBootstrap, "gpr.blob-cache.max-bytes"));
    }

    private static Element libertyPlugin() {
        for (Element plugin : children(child(child(project, "build"), "plugins"))) {
            if ("liberty-maven-plugin".equals(text(child(plugin, "artifactId")))) {
                return plugin;
            }
        }
        throw new AssertionError("no liberty-maven-plugin in pom.xml");
    }

    private static Element child(Element parent, String name) {
        if (parent == null) {
            return null;
        }
        for (Element e : children(parent)) {
            if (e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static List<Element> children(Element parent) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                out.add(e);
            }
        }
        return out;
    }

    private static String text(Element e) {
        return e == null ? null : e.getTextContent().trim();
    }
}
