package dev.switchboard.load;

import java.nio.file.Files;
import java.nio.file.Path;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on the terminal (me.tongfei:progressbar), drawn only when standard output is a
 * terminal, so piped and CI output stays clean. The bar starts at the first update: setup is not
 * progress.
 */
public final class TerminalProgress implements Progress {
    private final String task;
    private ProgressBar bar;

    private TerminalProgress(String task) {
        this.task = task;
    }

    /** A bar named {@code task} when stdout is a terminal, else {@link Progress#NONE}. */
    public static Progress forTask(String task) {
        return stdoutIsTerminal() ? new TerminalProgress(task) : NONE;
    }

    static boolean stdoutIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/1")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public synchronized void update(long done, long total) {
        if (bar == null) bar = ProgressBar.builder().setTaskName(task).setInitialMax(total).setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).build();
        bar.maxHint(total);
        bar.stepTo(Math.min(done, total));
    }

    @Override
    public synchronized void close() {
        if (bar != null) bar.close();
        bar = null;
    }
}
