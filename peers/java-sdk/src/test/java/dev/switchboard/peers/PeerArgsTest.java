package dev.switchboard.peers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PeerArgsTest {

    @Test
    void port_flagOrEqualsForm_isRead() {
        assertThat(PeerArgs.port(new String[] {"--port", "0"})).isZero();
        assertThat(PeerArgs.port(new String[] {"--port=8123"})).isEqualTo(8123);
    }

    @Test
    void port_outOfRangeOrMissing_namesTheProblem() {
        assertThatThrownBy(() -> PeerArgs.port(new String[] {"--port", "70000"}))
                .hasMessage("--port must be a port number 0-65535, got '70000'");
        assertThatThrownBy(() -> PeerArgs.port(new String[] {"--port"})).hasMessage("--port needs a value");
    }

    @Test
    void number_wholeSum_hasNoFraction() {
        assertThat(PeerArgs.number(5.0)).isEqualTo("5");
        assertThat(PeerArgs.number(5.5)).isEqualTo("5.5");
        assertThat(PeerArgs.number(-38)).isEqualTo("-38");
    }
}
