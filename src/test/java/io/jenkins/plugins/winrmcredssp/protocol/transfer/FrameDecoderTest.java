package io.jenkins.plugins.winrmcredssp.protocol.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.winrmcredssp.protocol.transfer.FileTransferException.Reason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The client's parser of agent output, fed like a hostile or broken agent would. */
class FrameDecoderTest {
    private static byte[] frames(TransferFrame... frames) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (TransferFrame f : frames) {
            f.writeTo(out);
        }
        return out.toByteArray();
    }

    private static TransferFrame hello() {
        return TransferFrame.text(TransferFrame.HELLO, TransferFrame.GREETING);
    }

    @Test
    void framesSplitAcrossReceivesAtEveryByteBoundaryDecode() throws Exception {
        byte[] all = frames(hello(), TransferFrame.text(TransferFrame.NEEDS, "SEND\nDIR"),
                new TransferFrame(TransferFrame.CHUNK, new byte[0]), TransferFrame.text(TransferFrame.DONE, ""));
        for (int split = 0; split <= all.length; split++) {
            FrameDecoder decoder = new FrameDecoder(1024);
            decoder.feed(Arrays.copyOfRange(all, 0, split));
            decoder.feed(Arrays.copyOfRange(all, split, all.length));
            decoder.finish();
            assertThat(decoder.poll().text()).isEqualTo("SEND\nDIR");
            assertThat(decoder.poll().payload()).isEmpty();
            assertThat(decoder.poll().typeChar()).isEqualTo('Z');
            assertThat(decoder.poll()).isNull();
        }
    }

    @Test
    void outputThatDoesNotStartWithTheGreetingIsRefused() {
        FrameDecoder decoder = new FrameDecoder(1024);
        assertThatThrownBy(() -> decoder.feed("Windows PowerShell\r\nCopyright".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(FileTransferException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.PROTOCOL))
                .hasMessageContaining("does not start with the transfer greeting but with 'Windo'");
    }

    @Test
    void aWrongGreetingIsRefused() {
        FrameDecoder decoder = new FrameDecoder(1024);
        assertThatThrownBy(() -> decoder.feed(frames(TransferFrame.text(TransferFrame.HELLO, "winrm-credssp-transfer 9"))))
                .isInstanceOf(FileTransferException.class).hasMessageContaining("expected 'winrm-credssp-transfer 1'");
    }

    @Test
    void unknownFrameTypesAreRefused() throws Exception {
        FrameDecoder decoder = new FrameDecoder(1024);
        decoder.feed(frames(hello()));
        assertThatThrownBy(() -> decoder.feed(new byte[] {'U', 0, 0, 0, 0}))
                .isInstanceOf(FileTransferException.class).hasMessageContaining("unknown frame type 0x55");
    }

    @Test
    void aHugeAnnouncedLengthIsRefusedBeforeAllocating() throws Exception {
        FrameDecoder decoder = new FrameDecoder(1024);
        decoder.feed(frames(hello()));
        assertThatThrownBy(() -> decoder.feed(new byte[] {'C', (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff}))
                .isInstanceOf(FileTransferException.class)
                .hasMessageContaining("announces 4294967295 bytes, more than the limit of 1024");
    }

    @Test
    void outputEndingInsideAFrameIsAnErrorNotAHang() throws Exception {
        FrameDecoder inHeader = new FrameDecoder(1024);
        inHeader.feed(frames(hello()));
        inHeader.feed(new byte[] {'C', 0, 0});
        assertThatThrownBy(inHeader::finish).isInstanceOf(FileTransferException.class)
                .hasMessageContaining("3 of 5 header bytes");

        FrameDecoder inPayload = new FrameDecoder(1024);
        inPayload.feed(frames(hello()));
        inPayload.feed(new byte[] {'C', 0, 0, 0, 10, 1, 2});
        assertThatThrownBy(inPayload::finish).isInstanceOf(FileTransferException.class)
                .hasMessageContaining("2 of 10 payload bytes of frame 'C'");
    }

    @Test
    void errorFramesMapToTypedReasons() {
        assertThat(Reason.fromAgent("DISK_FULL")).isEqualTo(Reason.DISK_FULL);
        assertThat(Reason.fromAgent("SOMETHING_NEW")).isEqualTo(Reason.IO_ERROR);
    }
}
