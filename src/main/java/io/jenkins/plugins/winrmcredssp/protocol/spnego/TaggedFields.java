package io.jenkins.plugins.winrmcredssp.protocol.spnego;

import io.jenkins.plugins.winrmcredssp.protocol.codec.Der;
import io.jenkins.plugins.winrmcredssp.protocol.codec.DerValue;
import io.jenkins.plugins.winrmcredssp.protocol.codec.MalformedTokenException;
import java.util.ArrayList;
import java.util.List;

/**
 * The fields of an RFC 4178 SEQUENCE whose components are all {@code [n] EXPLICIT ... OPTIONAL}: each must be a
 * constructed context tag, in ascending order, at most once (X.690 §10.1 canonical order). Tags above the highest known
 * one are skipped: the structures end with the extension marker "...".
 */
final class TaggedFields {
    record Field(int tag, DerValue value) {
    }

    private TaggedFields() {
    }

    static List<Field> of(DerValue sequence, String structure, int highestKnownTag) throws MalformedTokenException {
        sequence.expect(Der.SEQUENCE, structure);
        List<Field> fields = new ArrayList<>();
        int previous = -1;
        for (DerValue element : sequence.children()) {
            int tag = element.tag();
            if ((tag & 0xE0) != 0xA0) {
                throw new MalformedTokenException("SPNEGO " + structure + ": element with DER tag 0x"
                        + Integer.toHexString(tag) + " where only [n] EXPLICIT fields are allowed");
            }
            int number = tag & 0x1F;
            if (number <= previous) {
                throw new MalformedTokenException("SPNEGO " + structure + ": field [" + number + "] "
                        + (number == previous ? "appears twice" : "out of order"));
            }
            previous = number;
            if (number <= highestKnownTag) {
                fields.add(new Field(number, element.explicitInner(structure + " [" + number + "]")));
            }
        }
        return fields;
    }
}
