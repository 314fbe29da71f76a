package dev.switchboard.transport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The Last-Event-ID of a journal-fed stream (a cluster's) names a journal position; nothing else does. */
class JournalEventIdTest {

    @Test
    void journalPosition_ofAJournalStreamsEvent_isItsPosition() {
        assertThat(SessionStreams.journalPosition("J120/120")).isEqualTo(120); // the stream's opening mark (priming event)
        assertThat(SessionStreams.journalPosition("J120/4711")).isEqualTo(4711);
    }

    @Test
    void journalPosition_ofAPostStreamOrMalformedOrBeforeItsStart_isNone() {
        assertThat(SessionStreams.journalPosition("k3x9a-7/2")).isEqualTo(-1); // this process's base-36 stream ids never start with J
        assertThat(SessionStreams.journalPosition(null)).isEqualTo(-1);
        assertThat(SessionStreams.journalPosition("J12")).isEqualTo(-1);
        assertThat(SessionStreams.journalPosition("Jx/5")).isEqualTo(-1);
        assertThat(SessionStreams.journalPosition("J12/abc")).isEqualTo(-1);
        assertThat(SessionStreams.journalPosition("J120/119")).isEqualTo(-1);
        assertThat(SessionStreams.journalPosition("J-1/5")).isEqualTo(-1);
    }
}
