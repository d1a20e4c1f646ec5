package com.goodpackagerepo.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The shipped alert rules (deploy/prometheus/alerts.yml) pass {@code promtool check rules}, and
 * {@code promtool test rules} makes each fire on broken series and stay silent on healthy ones
 * (deploy/prometheus/alerts.test.yml). Every alert is tested and has a runbook section in docs/operations.md.
 */
class AlertRulesTest {
    private static final Path DIR = Path.of("deploy/prometheus");

    @Test
    void rulesAreValid() throws Exception {
        Promtool.assumeInstalled();
        Promtool.Result check = Promtool.run(null, 60, "check", "rules", DIR.resolve("alerts.yml").toString());
        assertEquals(0, check.exitCode(), check.output());
    }

    @Test
    void everyAlertFiresAndStaysSilentInTheRuleTests() throws Exception {
        Promtool.assumeInstalled();
        Promtool.Result test = Promtool.run(null, 120, "test", "rules", DIR.resolve("alerts.test.yml").toString());
        assertEquals(0, test.exitCode(), test.output());
        assertTrue(test.output().contains("SUCCESS"), test.output());
    }

    @Test
    void everyAlertIsTestedAndHasARunbook() throws Exception {
        Set<String> alerts = names(Files.readString(DIR.resolve("alerts.yml")), "(?m)^\\s*- alert: (\\w+)");
        Set<String> tested = names(Files.readString(DIR.resolve("alerts.test.yml")), "(?m)^\\s*alertname: (\\w+)");
        assertEquals(alerts, tested, "alerts without a rule test, or tests of unknown alerts");
        String runbook = Files.readString(Path.of("docs/operations.md"));
        for (String anchor : names(Files.readString(DIR.resolve("alerts.yml")), "runbook: \"docs/operations.md#(\\w+)\"")) {
            assertTrue(runbook.toLowerCase().contains("### " + anchor), "docs/operations.md has no section for #" + anchor);
        }
    }

    private static Set<String> names(String text, String regex) {
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile(regex).matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
