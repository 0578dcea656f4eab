package io.jenkins.plugins.winrmcredssp.protocol.codec;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One decoded DER element (ITU-T X.690): identifier octet, contents. Decoding is strict and bounded: definite lengths
 * only, single-octet tags only (all that SPNEGO and CredSSP use), no length beyond the buffer, nesting depth limited,
 * no trailing bytes after a top-level element. Every violation is a {@link MalformedTokenException} naming the
 * structure. Long-form lengths with leading zero octets are tolerated, as some peers emit them.
 */
public final class DerValue {
    private static final int MAX_DEPTH = 32;

    private final int tag;
    private final byte[] source;
    private final int offset;
    private final int length;
    private final String what;
    private final int depth;

    private DerValue(int tag, byte[] source, int offset, int length, String what, int depth) {
        this.tag = tag;
        this.source = source;
        this.offset = offset;
        this.length = length;
        this.what = what;
        this.depth = depth;
    }

    /** Decodes exactly one element spanning the whole of {@code data}. */
    public static DerValue parse(byte[] data, String what) throws MalformedTokenException {
        if (data == null) {
            throw new MalformedTokenException(what + ": no data");
        }
        List<DerValue> values = parseAll(data, 0, data.length, what, 0);
        if (values.size() != 1) {
            throw new MalformedTokenException(what + ": expected one DER element, found " + values.size());
        }
        return values.get(0);
    }

    /**
     * Decodes one element at the start of {@code data} and returns it; bytes after it are allowed (for framing that
     * carries several elements or a trailer). Use {@link #encodedLength()} to step over it.
     */
    public static DerValue parsePrefix(byte[] data, String what) throws MalformedTokenException {
        int[] header = readHeader(data, 0, data.length, what);
        return new DerValue(header[0], data, header[1], header[2], what, 0);
    }

    private static List<DerValue> parseAll(byte[] data, int from, int to, String what, int depth)
            throws MalformedTokenException {
        if (depth > MAX_DEPTH) {
            throw new MalformedTokenException(what + ": DER nesting deeper than " + MAX_DEPTH);
        }
        List<DerValue> out = new ArrayList<>();
        int position = from;
        while (position < to) {
            int[] header = readHeader(data, position, to, what);
            out.add(new DerValue(header[0], data, header[1], header[2], what, depth));
            position = header[1] + header[2];
        }
        return out;
    }

    /** @return {tag, contentsOffset, contentsLength} */
    private static int[] readHeader(byte[] data, int position, int limit, String what) throws MalformedTokenException {
        if (position >= limit) {
            throw new MalformedTokenException(what + ": truncated DER (no identifier octet)");
        }
        int tag = data[position++] & 0xFF;
        if ((tag & 0x1F) == 0x1F) {
            throw new MalformedTokenException(what + ": multi-octet DER tag 0x" + Integer.toHexString(tag) + " not supported");
        }
        if (position >= limit) {
            throw new MalformedTokenException(what + ": truncated DER (no length octet)");
        }
        int first = data[position++] & 0xFF;
        long length;
        if (first < 0x80) {
            length = first;
        } else if (first == 0x80) {
            throw new MalformedTokenException(what + ": indefinite DER length is not allowed");
        } else {
            int count = first & 0x7F;
            if (count > limit - position) {
                throw new MalformedTokenException(what + ": truncated DER length");
            }
            length = 0;
            for (int i = 0; i < count; i++) {
                length = length << 8 | (data[position++] & 0xFF);
                if (length > Integer.MAX_VALUE) {
                    throw new MalformedTokenException(what + ": absurd DER length");
                }
            }
        }
        if (length > limit - position) {
            throw new MalformedTokenException(what + ": DER length " + length + " exceeds the " + (limit - position)
                    + " bytes available");
        }
        return new int[] {tag, position, (int) length};
    }

    public int tag() {
        return tag;
    }

    public boolean isContext(int n) {
        return tag == Der.context(n);
    }

    /** Total encoded size (header and contents) when this value came from {@link #parsePrefix}. */
    public int encodedLength() {
        return offset + length;
    }

    public byte[] contents() {
        return Arrays.copyOfRange(source, offset, offset + length);
    }

    /** The whole element, header included (as it appeared on the wire). */
    public byte[] encoded() {
        return Der.tlv(tag, contents());
    }

    public DerValue expect(int expectedTag, String field) throws MalformedTokenException {
        if (tag != expectedTag) {
            throw new MalformedTokenException(what + ": " + field + " has DER tag 0x" + Integer.toHexString(tag)
                    + ", expected 0x" + Integer.toHexString(expectedTag));
        }
        return this;
    }

    /** Children of a constructed element (SEQUENCE, explicit tag...). */
    public List<DerValue> children() throws MalformedTokenException {
        if ((tag & 0x20) == 0) {
            throw new MalformedTokenException(what + ": DER tag 0x" + Integer.toHexString(tag) + " is not constructed");
        }
        return parseAll(source, offset, offset + length, what, depth + 1);
    }

    /** The single element inside an explicit tag {@code [n] EXPLICIT}. */
    public DerValue explicitInner(String field) throws MalformedTokenException {
        List<DerValue> inner = children();
        if (inner.size() != 1) {
            throw new MalformedTokenException(what + ": " + field + " must hold exactly one element, found " + inner.size());
        }
        return inner.get(0);
    }

    public BigInteger bigInteger(String field) throws MalformedTokenException {
        if (tag != Der.INTEGER && tag != Der.ENUMERATED) {
            expect(Der.INTEGER, field);
        }
        if (length == 0 || length > 64) {
            throw new MalformedTokenException(what + ": " + field + " INTEGER of " + length + " bytes");
        }
        return new BigInteger(contents());
    }

    /** INTEGER or ENUMERATED that must fit in a signed 64-bit value. */
    public long longValue(String field) throws MalformedTokenException {
        BigInteger value = bigInteger(field);
        if (value.bitLength() > 63) {
            throw new MalformedTokenException(what + ": " + field + " out of range");
        }
        return value.longValue();
    }

    public int intValue(String field) throws MalformedTokenException {
        long value = longValue(field);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new MalformedTokenException(what + ": " + field + " out of range");
        }
        return (int) value;
    }

    public byte[] octetString(String field) throws MalformedTokenException {
        expect(Der.OCTET_STRING, field);
        return contents();
    }

    /** BIT STRING contents without the unused-bits octet. */
    public byte[] bitString(String field) throws MalformedTokenException {
        expect(Der.BIT_STRING, field);
        if (length < 1) {
            throw new MalformedTokenException(what + ": " + field + " BIT STRING without unused-bits octet");
        }
        return Arrays.copyOfRange(source, offset + 1, offset + length);
    }

    public String generalString(String field) throws MalformedTokenException {
        expect(Der.GENERAL_STRING, field);
        return new String(contents(), StandardCharsets.US_ASCII);
    }

    /** OBJECT IDENTIFIER as dotted-decimal text. */
    public String oid(String field) throws MalformedTokenException {
        expect(Der.OBJECT_IDENTIFIER, field);
        if (length == 0 || length > 128 || (source[offset + length - 1] & 0x80) != 0) {
            throw new MalformedTokenException(what + ": " + field + " is not a valid OBJECT IDENTIFIER");
        }
        StringBuilder text = new StringBuilder();
        BigInteger arc = BigInteger.ZERO;
        boolean first = true;
        for (int i = offset; i < offset + length; i++) {
            int b = source[i] & 0xFF;
            arc = arc.shiftLeft(7).or(BigInteger.valueOf(b & 0x7F));
            if ((b & 0x80) == 0) {
                if (first) {
                    int top = arc.compareTo(BigInteger.valueOf(80)) >= 0 ? 2 : arc.intValue() / 40;
                    text.append(top).append('.').append(arc.subtract(BigInteger.valueOf(40L * top)));
                    first = false;
                } else {
                    text.append('.').append(arc);
                }
                arc = BigInteger.ZERO;
            }
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return "DerValue[tag=0x" + Integer.toHexString(tag) + ", length=" + length + "]";
    }
}
