package com.goodpackagerepo.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The opt-in class-data archive (src/main/liberty/config/class-data-sharing.sh, sourced by Liberty's server script
 * from server.env): the first start asks the JVM to write the archive at exit, a written one is checked once by a JVM
 * that must map it and then used, one cut short is written again, a changed JVM configuration starts over, and
 * commands other than a start are left alone. The script runs under /bin/sh as the server script runs it (IFS a
 * newline while server.env is read); the archives are real ones written by this test's own JDK.
 */
class ClassDataSharingScriptTest {
    private static final Path SCRIPT = Path.of("src/main/liberty/config/class-data-sharing.sh").toAbsolutePath();
    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

    @TempDir
    Path root;
    private Path install;
    private Path config;
    private Path classData;

    @BeforeEach
    void layout() throws Exception {
        assumeTrue(Files.isRegularFile(Path.of(System.getProperty("java.home"), "lib", "server", "classes.jsa")),
                "a HotSpot JDK with its default archive");
        install = root.resolve("wlp");
        Files.createDirectories(install.resolve("bin/tools"));
        Files.createDirectories(install.resolve("lib/versions"));
        Files.writeString(install.resolve("lib/versions/openliberty.properties"), "com.ibm.websphere.productVersion=26.0.0.3\n");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (OutputStream out = Files.newOutputStream(install.resolve("bin/tools/ws-server.jar"));
             JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.flush();
        }
        config = root.resolve("usr/servers/gpr");
        Files.createDirectories(config);
        Files.writeString(config.resolve("jvm.options"), "-Xmx256m\n");
        classData = config.resolve("class-data");
    }

    @Test
    void theFirstStartWritesTheArchiveAndTheNextUsesItOnceAJvmHasMappedIt() throws Exception {
        List<String> first = jvmArgs("run", Map.of());
        Path archive = classData.resolve("classes.jsa");
        assertTrue(first.contains("-XX:ArchiveClassesAtExit=" + archive), first.toString());
        assertTrue(first.contains("-XX:+AllowArchivingWithJavaAgent"), "one JVM option per word: " + first);
        assertTrue(Files.exists(classData.resolve("stamp.pending")));

        writeArchiveAsTheJvmDoesAtExit(first);
        List<String> second = jvmArgs("start", Map.of());
        assertTrue(second.contains("-XX:SharedArchiveFile=" + archive), second.toString());
        assertTrue(Files.exists(classData.resolve("stamp")), "checked once");
        assertFalse(Files.exists(classData.resolve("stamp.pending")));
        assertEquals(second, jvmArgs("debug", Map.of()), "later starts use it without checking again");
    }

    @Test
    void anArchiveCutShortByAKillIsRemovedAndWrittenAgain() throws Exception {
        List<String> first = jvmArgs("run", Map.of());
        writeArchiveAsTheJvmDoesAtExit(first);
        Path archive = classData.resolve("classes.jsa");
        byte[] whole = Files.readAllBytes(archive);
        archive.toFile().setWritable(true);
        Files.write(archive, java.util.Arrays.copyOf(whole, whole.length / 3));

        List<String> next = jvmArgs("run", Map.of());
        assertTrue(next.contains("-XX:ArchiveClassesAtExit=" + archive), next.toString());
        assertFalse(next.stream().anyMatch(a -> a.startsWith("-XX:SharedArchiveFile")), next.toString());
        assertFalse(Files.exists(archive), "the broken archive is gone");
    }

    @Test
    void aChangedJvmConfigurationStartsOver() throws Exception {
        writeArchiveAsTheJvmDoesAtExit(jvmArgs("run", Map.of()));
        assertTrue(jvmArgs("run", Map.of()).stream().anyMatch(a -> a.startsWith("-XX:SharedArchiveFile=")));

        Files.writeString(config.resolve("jvm.options"), "-Xmx512m\n");
        List<String> after = jvmArgs("run", Map.of());
        assertTrue(after.contains("-XX:ArchiveClassesAtExit=" + classData.resolve("classes.jsa")), after.toString());
        assertFalse(Files.exists(classData.resolve("stamp")));
    }

    @Test
    void otherCommandsAndTheSwitchLeaveTheJvmAlone() throws Exception {
        assertEquals(List.of("-Dkept"), jvmArgs("stop", Map.of()));
        assertEquals(List.of("-Dkept"), jvmArgs("status", Map.of()));
        assertEquals(List.of("-Dkept"), jvmArgs("run", Map.of("GPR_CLASS_DATA_SHARING", "off")));
        assertFalse(Files.exists(classData), "nothing written");
    }

    /** JVM_ARGS after the script, split as the server script's eval splits it. */
    private List<String> jvmArgs(String action, Map<String, String> extra) throws Exception {
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "JAVA_HOME", System.getProperty("java.home"), "WLP_INSTALL_DIR", install.toString(),
                "WLP_USER_DIR", root.resolve("usr").toString(), "WLP_OUTPUT_DIR", root.resolve("usr/servers").toString(),
                "SERVER_NAME", "gpr", "SERVER_CONFIG_DIR", config.toString()));
        env.putAll(extra);
        String out = ServerEnvScript.source(SCRIPT, action, "JVM_ARGS=-Dkept",
                "IFS=' '\nfor a in $JVM_ARGS; do printf '%s\\n' \"$a\"; done", env);
        return out.lines().filter(l -> !l.isBlank()).toList();
    }

    /** What the server's JVM does when it stops cleanly with the options the script gave it. */
    private void writeArchiveAsTheJvmDoesAtExit(List<String> jvmArgs) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(JAVA.toString());
        jvmArgs.stream().filter(a -> a.startsWith("-X")).forEach(cmd::add);
        cmd.addAll(List.of("-cp", install.resolve("bin/tools/ws-server.jar").toString(), "-version"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertTrue(Files.size(classData.resolve("classes.jsa")) > 0, out);
    }
}
