package io.jenkins.plugins.winrmcredssp.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DerTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void oidRoundTrip() throws Exception {
        // RFC 4178 §4.1: SPNEGO 1.3.6.1.5.5.2 is 06 06 2b 06 01 05 05 02
        assertThat(HEX.formatHex(Der.oid("1.3.6.1.5.5.2"))).isEqualTo("06062b0601050502");
        for (String oid : List.of("1.3.6.1.4.1.311.2.2.10", "1.2.840.113554.1.2.2", "1.2.840.48018.1.2.2", "2.999.3")) {
            assertThat(DerValue.parse(Der.oid(oid), "test").oid("oid")).isEqualTo(oid);
        }
    }

    @Test
    void nestedStructure() throws Exception {
        byte[] encoded = Der.sequence(Der.explicit(0, Der.integer(6)), null, Der.explicit(2, Der.octetString(new byte[300])));
        List<DerValue> fields = DerValue.parse(encoded, "test").expect(Der.SEQUENCE, "seq").children();
        assertThat(fields).hasSize(2);
        assertThat(fields.get(0).isContext(0)).isTrue();
        assertThat(fields.get(0).explicitInner("version").intValue("version")).isEqualTo(6);
        assertThat(fields.get(1).explicitInner("data").octetString("data")).hasSize(300);
    }

    @Test
    void integerEncodingIsMinimalTwosComplement() throws Exception {
        assertThat(HEX.formatHex(Der.integer(0))).isEqualTo("020100");
        assertThat(HEX.formatHex(Der.integer(128))).isEqualTo("02020080");
        assertThat(HEX.formatHex(Der.integer(0xC000006DL))).isEqualTo("020500c000006d");
        assertThat(DerValue.parse(Der.integer(-1073741715), "t").longValue("n")).isEqualTo(-1073741715L);
    }

    @Test
    void rejectsMalformed() {
        assertThatThrownBy(() -> DerValue.parse(HEX.parseHex("3005020101"), "TSRequest"))
                .isInstanceOf(MalformedTokenException.class).hasMessageContaining("TSRequest").hasMessageContaining("exceeds");
        assertThatThrownBy(() -> DerValue.parse(HEX.parseHex("30800201010000"), "x"))
                .isInstanceOf(MalformedTokenException.class).hasMessageContaining("indefinite");
        assertThatThrownBy(() -> DerValue.parse(HEX.parseHex("3084ffffffff"), "x"))
                .isInstanceOf(MalformedTokenException.class);
        assertThatThrownBy(() -> DerValue.parse(HEX.parseHex("020101020101"), "x"))
                .isInstanceOf(MalformedTokenException.class).hasMessageContaining("expected one");
        assertThatThrownBy(() -> DerValue.parse(new byte[0], "x")).isInstanceOf(MalformedTokenException.class);
    }

    @Test
    void deepNestingIsBounded() {
        byte[] value = Der.integer(1);
        for (int i = 0; i < 100; i++) {
            value = Der.sequence(value);
        }
        byte[] deep = value;
        assertThatThrownBy(() -> walk(DerValue.parse(deep, "x"))).isInstanceOf(MalformedTokenException.class)
                .hasMessageContaining("nesting");
    }

    @Test
    void randomMutationsOnlyGiveTypedErrors() {
        byte[] valid = Der.sequence(Der.explicit(0, Der.integer(6)), Der.explicit(1, Der.sequence(Der.sequence(
                Der.explicit(0, Der.octetString(new byte[40]))))), Der.explicit(2, Der.oid("1.3.6.1.5.5.2")));
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            byte[] mutated = valid.clone();
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits; e++) {
                mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
            }
            if (random.nextInt(4) == 0) {
                mutated = java.util.Arrays.copyOf(mutated, random.nextInt(mutated.length));
            }
            try {
                walk(DerValue.parse(mutated, "fuzz"));
            } catch (MalformedTokenException expected) {
                // typed error: fine
            }
        }
    }

    private static void walk(DerValue value) throws MalformedTokenException {
        if ((value.tag() & 0x20) != 0) {
            for (DerValue child : value.children()) {
                walk(child);
            }
        } else if (value.tag() == Der.OBJECT_IDENTIFIER) {
            value.oid("oid");
        } else if (value.tag() == Der.INTEGER) {
            value.bigInteger("int");
        }
    }
}
