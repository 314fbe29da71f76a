package dev.switchboard.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import javax.imageio.ImageIO;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;

/** The fixture's image and sound decode as what they claim to be, with the JDK's own decoders. */
class MediaTest {

    @Test
    void png_isAOneByOneImage() throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(Media.PNG)));
        assertThat(image.getWidth()).isEqualTo(1);
        assertThat(image.getHeight()).isEqualTo(1);
    }

    @Test
    void wav_isOneSilentSixteenBitMonoSample() throws Exception {
        byte[] bytes = Base64.getDecoder().decode(Media.WAV);
        try (AudioInputStream audio = AudioSystem.getAudioInputStream(new ByteArrayInputStream(bytes))) {
            AudioFormat format = audio.getFormat();
            assertThat(format.getEncoding()).isEqualTo(AudioFormat.Encoding.PCM_SIGNED);
            assertThat(format.getChannels()).isEqualTo(1);
            assertThat(format.getSampleSizeInBits()).isEqualTo(16);
            assertThat(format.getSampleRate()).isEqualTo(8_000f);
            assertThat(audio.getFrameLength()).isEqualTo(1);
            assertThat(audio.readAllBytes()).containsExactly(0, 0);
        }
    }

    @Test
    void silentWav_declaresExactlyTheBytesItCarries() {
        byte[] wav = Media.silentWav(44_100, 3);
        assertThat(wav).hasSize(44 + 6);
        int riffSize = (wav[4] & 0xff) | (wav[5] & 0xff) << 8 | (wav[6] & 0xff) << 16 | (wav[7] & 0xff) << 24;
        assertThat(riffSize).isEqualTo(wav.length - 8);
    }
}
