package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReadmeBlockTest {

    @Test
    void splice_markedBlock_isReplacedAndTheRestKept() {
        String readme = "intro\n<!-- sb compare: begin -->\nold table\n<!-- sb compare: end -->\noutro\n";
        assertThat(ReadmeBlock.splice(readme, "sb compare", "new table\n"))
                .isEqualTo("intro\n<!-- sb compare: begin -->\nnew table\n<!-- sb compare: end -->\noutro\n");
    }

    @Test
    void splice_noMarkers_isRefusedNamingThem() {
        assertThatThrownBy(() -> ReadmeBlock.splice("no markers", "sb compare", "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("<!-- sb compare: begin -->");
    }

    @Test
    void readme_hasTheCompareBlock() throws Exception {
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of("..", "README.md"));
        assertThat(ReadmeBlock.splice(readme, "sb compare", "x")).contains("<!-- sb compare: begin -->\nx\n<!-- sb compare: end -->");
    }
}
