package dev.switchboard.load;

/** Told how far a run is, a few times a second; the command line draws a bar from it on a terminal. */
public interface Progress extends AutoCloseable {
    Progress NONE = new Progress() {
        @Override
        public void update(long done, long total) {}

        @Override
        public void close() {}
    };

    void update(long done, long total);

    @Override
    void close();
}
