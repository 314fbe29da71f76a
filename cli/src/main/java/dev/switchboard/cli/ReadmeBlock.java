package dev.switchboard.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Rewrites the part of the README between two marker comments, so a figure there is always what a
 * command printed: {@code sb compare --readme} puts its table and goals between
 * {@code <!-- sb compare: begin -->} and {@code <!-- sb compare: end -->}.
 */
final class ReadmeBlock {
    private ReadmeBlock() {}

    /** {@code text} with the lines between the markers named {@code name} replaced by {@code block}. */
    static String splice(String text, String name, String block) {
        String begin = "<!-- " + name + ": begin -->";
        String end = "<!-- " + name + ": end -->";
        int b = text.indexOf(begin);
        int e = text.indexOf(end);
        if (b < 0 || e < 0 || e < b)
            throw new IllegalArgumentException("the README has no block '" + begin + "' … '" + end + "' to write into");
        return text.substring(0, b + begin.length()) + "\n" + block.strip() + "\n" + text.substring(e);
    }

    static void write(Path readme, String name, String block) throws IOException {
        Files.writeString(readme, splice(Files.readString(readme, StandardCharsets.UTF_8), name, block), StandardCharsets.UTF_8);
    }
}
