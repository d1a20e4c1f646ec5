package com.goodpackagerepo.ops;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * One setting, gpr.log.format (env GPR_LOG_FORMAT), switches the console between plain lines (the default, for
 * `mvn liberty:run` in a terminal) and JSON (set by the container image, Compose and Kubernetes); messages.log is
 * JSON whatever it says.
 */
class LogFormatSettingTest {

    @Test
    void theConsoleIsPlainByDefaultAndMessagesLogAlwaysJson() throws Exception {
        String server = Files.readString(Path.of("src/main/liberty/config/server.xml"));
        assertTrue(server.contains("<variable name=\"gpr.log.format\" defaultValue=\"DEV\"/>"), "plain console by default");
        assertTrue(Pattern.compile("<logging consoleFormat=\"\\$\\{gpr.log.format}\" messageFormat=\"JSON\"").matcher(server).find(),
                "the console follows the setting, messages.log is always JSON");
    }

    @Test
    void whereMachinesReadTheConsoleItIsJson() throws Exception {
        assertTrue(Pattern.compile("GPR_LOG_FORMAT=JSON").matcher(Files.readString(Path.of("Dockerfile"))).find(), "image");
        assertTrue(Files.readString(Path.of("docker-compose.yml")).contains("GPR_LOG_FORMAT: JSON"), "compose");
        assertTrue(Pattern.compile("- name: GPR_LOG_FORMAT\\s+value: JSON")
                .matcher(Files.readString(Path.of("deploy/kubernetes/deployment.yaml"))).find(), "kubernetes");
    }
}
