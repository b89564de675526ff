package cn.qinglong.dangjian.query.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The eight definitions (口径) are declared in {@link Difficulty}; the guide's table says the same, word for word. */
class DifficultyDefinitionsTest {

    @Test
    void the_guide_gives_each_difficulty_its_declared_definition() throws IOException {
        String guide = Files.readString(Path.of("../docs/queries.md"));
        for (Difficulty difficulty : Difficulty.values()) {
            assertThat(guide).as(difficulty.name())
                    .contains("| " + difficulty.label() + " ").contains(" | " + difficulty.definition() + " |");
        }
    }
}
