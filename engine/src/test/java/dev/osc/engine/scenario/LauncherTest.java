package dev.osc.engine.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher {@code ./osc} moves a password from {@code --url} into the environment before it
 * execs java, so the JVM's command line (readable by every local user) never holds it. Runs a copy
 * of the launcher with an empty jar beside it (so it never builds) and a {@code java} on the PATH
 * that prints the arguments and the variable it was handed.
 */
class LauncherTest {
    @TempDir
    Path dir;

    /** The repository's launcher (tests run in engine/). */
    static Path script() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("osc")) && Files.isDirectory(p.resolve("engine"))) {
                return p.resolve("osc");
            }
        }
        throw new IllegalStateException("no launcher osc above " + Path.of("").toAbsolutePath());
    }

    static void executable(Path file, String content) throws IOException {
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** The arguments java got after {@code -jar JAR}, then {@code env=<OSC_URL_PASSWORD or unset>}. */
    private List<String> launch(String... args) throws Exception {
        Path root = dir.resolve("repo");
        if (!Files.exists(root)) {
            Files.createDirectories(root.resolve("engine/target"));
            Files.createFile(root.resolve("engine/target/osc.jar"));
            Files.copy(script(), root.resolve("osc"));
            Files.createDirectories(dir.resolve("bin"));
            executable(dir.resolve("bin/java"), "#!/usr/bin/env bash\nwhile [ \"$1\" != -jar ]; do shift; done\nshift 2\n"
                    + "printf '%s\\n' \"$@\"\necho \"env=${OSC_URL_PASSWORD-unset}\"\n");
            executable(dir.resolve("bin/mvn"), "#!/bin/sh\necho 'the test must not build' >&2\nexit 1\n");
        }
        List<String> cmd = new ArrayList<>(List.of("bash", root.resolve("osc").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("PATH", dir.resolve("bin") + ":" + System.getenv("PATH"));
        pb.environment().remove("OSC_URL_PASSWORD");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out.lines().toList();
    }

    /** Two launches at once with stale jars: one builds, the other waits for it and finds the jar built. */
    @Test
    void twoLaunchesAtOnceBuildOnce() throws Exception {
        Path root = dir.resolve("stale");
        Files.createDirectories(root.resolve("engine/target"));
        Files.createFile(root.resolve("engine/target/osc.jar"));
        Files.copy(script(), root.resolve("osc"));
        Path bin = Files.createDirectories(dir.resolve("stale-bin"));
        executable(bin.resolve("java"), "#!/bin/sh\nexit 0\n");
        executable(bin.resolve("mvn"), "#!/bin/sh\nsleep 1\necho build >> " + dir.resolve("builds") + "\ntouch engine/target/osc.jar\n");
        Thread.sleep(20); // the sources must be newer than the jar: stale
        Files.writeString(root.resolve("pom.xml"), "<project/>");
        List<Process> launches = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            ProcessBuilder pb = new ProcessBuilder("bash", root.resolve("osc").toString(), "status").redirectErrorStream(true);
            pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
            launches.add(pb.start());
        }
        for (Process p : launches) {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(out).isZero();
        }
        assertThat(Files.readAllLines(dir.resolve("builds"))).as("built once").hasSize(1);
    }

    @Test
    void passwordInThePostgresUrlMovesToTheEnvironmentDecoded() throws Exception {
        assertThat(launch("alter", "--url", "jdbc:postgresql://db:5432/app?user=u&password=p%40ss+w%26rd%5C*&sslmode=require",
                "--table", "t")).containsExactly("alter", "--url", "jdbc:postgresql://db:5432/app?user=u&sslmode=require",
                "--password-env", "OSC_URL_PASSWORD", "--table", "t", "env=p@ss w&rd\\*");
    }

    @Test
    void passwordInTheMariaUrlWithEqualsSignMovesToo() throws Exception {
        assertThat(launch("plan", "--url=jdbc:mariadb://127.0.0.1:3306/osc?password=s3cr%C3%A9t", "--table", "t"))
                .containsExactly("plan", "--url=jdbc:mariadb://127.0.0.1:3306/osc", "--password-env", "OSC_URL_PASSWORD",
                        "--table", "t", "env=s3crét");
    }

    @Test
    void ownPasswordVariableWinsAndTheUrlPasswordIsOnlyDropped() throws Exception {
        assertThat(launch("check", "--password-env", "MINE", "--url", "jdbc:mysql://h/db?password=x&user=u", "f.sql"))
                .containsExactly("check", "--password-env", "MINE", "--url", "jdbc:mysql://h/db?user=u", "f.sql", "env=unset");
    }

    @Test
    void argumentsWithoutAPasswordPassAsTheyAre() throws Exception {
        assertThat(launch("alter", "--url", "jdbc:postgresql://h/db?user=u", "--alter", "ADD COLUMN password text", "--json"))
                .containsExactly("alter", "--url", "jdbc:postgresql://h/db?user=u", "--alter", "ADD COLUMN password text", "--json",
                        "env=unset");
        assertThat(launch("--help")).containsExactly("--help", "env=unset");
    }

    /** The JVM's options: the JIT's first tier only by default, {@code OSC_JAVA_OPTS} in their place when set. */
    @Test
    void theJvmRunsTheFirstJitTierOnlyUnlessOscJavaOptsSaysOtherwise() throws Exception {
        Path root = dir.resolve("opts");
        Files.createDirectories(root.resolve("engine/target"));
        Files.createFile(root.resolve("engine/target/osc.jar"));
        Files.copy(script(), root.resolve("osc"));
        Path bin = Files.createDirectories(dir.resolve("opts-bin"));
        executable(bin.resolve("java"), "#!/usr/bin/env bash\nwhile [ \"$1\" != -jar ]; do echo \"$1\"; shift; done\n");
        for (String opts : new String[] {null, "-Xmx2g -Xss4m"}) {
            ProcessBuilder pb = new ProcessBuilder("bash", root.resolve("osc").toString(), "status").redirectErrorStream(true);
            pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
            if (opts == null) {
                pb.environment().remove("OSC_JAVA_OPTS");
            } else {
                pb.environment().put("OSC_JAVA_OPTS", opts);
            }
            Process p = pb.start();
            List<String> jvm = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            if (opts == null) {
                assertThat(jvm).containsExactly("-Xmx1g", "-XX:TieredStopAtLevel=1");
            } else {
                assertThat(jvm).as("replaced, word by word").containsExactly("-Xmx2g", "-Xss4m");
            }
        }
    }
}
