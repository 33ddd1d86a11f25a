package dev.cryptotracker.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The README's configuration table is {@link TestkitSetting}, row for row: one source for every setting. */
class ConfigurationTableTest {

    @Test
    void readmeConfigurationTableListsEverySettingWithItsVariableDefaultAndMeaning() throws IOException {
        List<String> readme = Files.readAllLines(Path.of("..", "README.md"));
        List<String> documented = readme.stream().filter(line -> line.startsWith("| `testkit.")).toList();

        List<String> expected = Arrays.stream(TestkitSetting.values())
                .map(setting -> "| `" + setting.key() + "` | `" + setting.environmentVariable() + "` | "
                        + setting.defaultDescription() + " | " + setting.description() + " |")
                .toList();

        assertThat(documented).as("README.md rows starting with | `testkit.; expected exactly:%n%s",
                expected.stream().collect(Collectors.joining("\n"))).containsExactlyElementsOf(expected);
    }
}
