package io.jenkins.plugins.winrmcredssp.protocol.ntlm.av;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.winrmcredssp.protocol.codec.MalformedTokenException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** AV_PAIR lists, MS-NLMP §2.2.2.1. */
class TargetInfoTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void decodesTheSpecExampleAndIgnoresPaddingAfterEol() throws Exception {
        // §4.2.4: MsvAvNbDomainName "Domain", MsvAvNbComputerName "Server", MsvAvEOL, then the Z(4) of temp
        TargetInfo info = TargetInfo.decode(HEX.parseHex("02000c0044006f006d00610069006e00"
                + "01000c0053006500720076006500720000000000" + "00000000"), "test");
        assertThat(info.text(AvId.MSV_AV_NB_DOMAIN_NAME)).hasValue("Domain");
        assertThat(info.text(AvId.MSV_AV_NB_COMPUTER_NAME)).hasValue("Server");
        assertThat(info.pairs()).hasSize(2);
    }

    @Test
    void unknownIdsArePreservedInOrder() throws Exception {
        TargetInfo info = TargetInfo.decode(HEX.parseHex("3412020061620100020041000000" + "0000"), "test");
        assertThat(info.pairs()).extracting(AvPair::id).containsExactly(0x1234, 1);
        assertThat(info.pairs().get(0).knownId()).isEmpty();
        assertThat(HEX.formatHex(info.encode())).isEqualTo("34120200616201000200410000000000");
    }

    @Test
    void flagsTimestampAndReplacement() throws Exception {
        TargetInfo info = TargetInfo.empty().withFlags(TargetInfo.FLAG_MIC_PRESENT).withTimestamp(0x0102030405060708L)
                .with(AvPair.text(AvId.MSV_AV_TARGET_NAME, "HTTP/host"));
        TargetInfo decoded = TargetInfo.decode(info.encode(), "test");
        assertThat(decoded.flags()).isEqualTo(2);
        assertThat(decoded.timestamp()).hasValue(0x0102030405060708L);
        assertThat(decoded.text(AvId.MSV_AV_TARGET_NAME)).hasValue("HTTP/host");
        assertThat(decoded.withFlags(6).flags()).isEqualTo(6);
        assertThat(decoded.withFlags(6).pairs()).hasSize(3);
        assertThat(decoded.toString()).contains("MSV_AV_TARGET_NAME='HTTP/host'");
    }

    @Test
    void malformedLists() {
        assertThatThrownBy(() -> TargetInfo.decode(HEX.parseHex("01000200410000"), "test"))
                .isInstanceOf(MalformedTokenException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> TargetInfo.decode(HEX.parseHex("010002004100"), "test"))
                .isInstanceOf(MalformedTokenException.class).hasMessageContaining("MsvAvEOL");
        assertThatThrownBy(() -> TargetInfo.decode(HEX.parseHex("0700040000000000" + "00000000"), "test"))
                .isInstanceOf(MalformedTokenException.class).hasMessageContaining("MSV_AV_TIMESTAMP has length 4");
        assertThatThrownBy(() -> TargetInfo.decode(HEX.parseHex("0100030041000000000000"), "test"))
                .isInstanceOf(MalformedTokenException.class).hasMessageContaining("odd");
        assertThatThrownBy(() -> TargetInfo.of(List.of(new AvPair(AvId.MSV_AV_EOL, new byte[0]))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
