package io.jenkins.plugins.winrmcredssp.protocol.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The agent's answer to the manifest is checked against what was asked, whatever the agent says. */
class UploadDecisionsTest {
    private static Upload upload(OverwritePolicy policy) {
        UploadRequest request = UploadRequest.builder(Path.of("/l"), List.of(), "/r").overwrite(policy).build();
        return new Upload(null, null, request, List.of(
                new Upload.Entry("f", Path.of("/l/f"), false, 1, "-", "/r/f"),
                new Upload.Entry("d", Path.of("/l/d"), true, 0, "-", "/r/d")));
    }

    private static TransferFrame needs(String text) {
        return TransferFrame.text(TransferFrame.NEEDS, text);
    }

    @Test
    void decisionsThatFitThePolicyAreAccepted() throws Exception {
        assertThat(upload(OverwritePolicy.IF_CHANGED).decisions(needs("SKIP_UNCHANGED\nDIR")))
                .containsExactly("SKIP_UNCHANGED", "DIR");
        assertThat(upload(OverwritePolicy.NEVER).decisions(needs("SKIP_EXISTING\nDIR")))
                .containsExactly("SKIP_EXISTING", "DIR");
        assertThat(upload(OverwritePolicy.ALWAYS).decisions(needs("SEND\nDIR"))).containsExactly("SEND", "DIR");
    }

    @Test
    void decisionsThatDoNotFitAreProtocolErrors() {
        for (String[] bad : new String[][] {{"ALWAYS", "SKIP_UNCHANGED\nDIR"}, {"ALWAYS", "SKIP_EXISTING\nDIR"},
            {"IF_CHANGED", "DIR\nDIR"}, {"NEVER", "SEND\nSEND"}, {"ALWAYS", "SEND"}, {"ALWAYS", "SEND\nDIR\nSEND"},
            {"ALWAYS", "send\nDIR"}}) {
            assertThatThrownBy(() -> upload(OverwritePolicy.valueOf(bad[0])).decisions(needs(bad[1])))
                    .as(bad[0] + " " + bad[1]).isInstanceOfSatisfying(FileTransferException.class,
                            e -> assertThat(e.reason()).isEqualTo(FileTransferException.Reason.PROTOCOL));
        }
    }

    @Test
    void resultsThatDoNotFitTheEntriesAreProtocolErrors() {
        List<String> decisions = List.of("SEND", "DIR");
        for (String bad : new String[] {"4294967296\tCOPIED\t1\tab", "4294967295\tCOPIED\t1\tab",
            "0\tDIRECTORY\t0\t\n1\tDIRECTORY\t0\t", "0\tCOPIED\t2\tab\n1\tDIRECTORY\t0\t",
            "0\tCOPIED\t1\tab\n1\tCOPIED\t0\t", "0\tFOO\t1\tab\n1\tDIRECTORY\t0\t",
            "0\tCOPIED\t1\tab\n0\tCOPIED\t1\tab\n1\tDIRECTORY\t0\t"}) {
            assertThatThrownBy(() -> upload(OverwritePolicy.ALWAYS)
                    .results(decisions, TransferFrame.text(TransferFrame.RESULT, bad)))
                    .as(bad).isInstanceOfSatisfying(FileTransferException.class,
                            e -> assertThat(e.reason()).isEqualTo(FileTransferException.Reason.PROTOCOL));
        }
    }

    @Test
    void resultsThatFitAreAccepted() throws Exception {
        assertThat(upload(OverwritePolicy.ALWAYS).results(List.of("SEND", "DIR"),
                TransferFrame.text(TransferFrame.RESULT, "0\tCOPIED\t1\tab\n1\tDIRECTORY\t0\t")))
                .extracting(FileResult::outcome).containsExactly(FileOutcome.COPIED, FileOutcome.DIRECTORY);
    }
}
