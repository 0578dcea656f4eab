package io.jenkins.plugins.winrmcredssp.protocol.codec;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;

/**
 * DER encoding (ITU-T X.690 §10) of the handful of ASN.1 types that SPNEGO (RFC 4178) and CredSSP (MS-CSSP §2.2.1)
 * use: SEQUENCE, explicit context tags, INTEGER, ENUMERATED, OCTET STRING, BIT STRING, OBJECT IDENTIFIER, GeneralString.
 * Decoding is in {@link DerValue}.
 */
public final class Der {
    public static final int INTEGER = 0x02;
    public static final int BIT_STRING = 0x03;
    public static final int OCTET_STRING = 0x04;
    public static final int OBJECT_IDENTIFIER = 0x06;
    public static final int ENUMERATED = 0x0A;
    public static final int GENERAL_STRING = 0x1B;
    public static final int SEQUENCE = 0x30;
    /** [APPLICATION 0] constructed: the GSS-API InitialContextToken framing of RFC 2743 §3.1. */
    public static final int APPLICATION_0 = 0x60;

    private Der() {
    }

    /** Identifier octet of a constructed context-specific tag {@code [n]} (explicit tagging), n below 31. */
    public static int context(int n) {
        if (n < 0 || n > 30) {
            throw new IllegalArgumentException("context tag " + n);
        }
        return 0xA0 | n;
    }

    public static byte[] tlv(int tag, byte[] contents) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(contents.length + 6);
        out.write(tag);
        writeLength(out, contents.length);
        out.write(contents, 0, contents.length);
        return out.toByteArray();
    }

    /**
     * Identifier and length octets of an element whose contents are written separately, for encoders that assemble
     * secrets in one exactly-sized buffer they can wipe.
     */
    public static byte[] header(int tag, int contentsLength) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(6);
        out.write(tag);
        writeLength(out, contentsLength);
        return out.toByteArray();
    }

    private static void writeLength(ByteArrayOutputStream out, int length) {
        if (length < 0x80) {
            out.write(length);
            return;
        }
        int bytes = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
        out.write(0x80 | bytes);
        for (int i = bytes - 1; i >= 0; i--) {
            out.write(length >>> (8 * i));
        }
    }

    /** Concatenates already-encoded elements (nulls are skipped, so optional fields can be passed as null). */
    public static byte[] concat(byte[]... elements) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] element : elements) {
            if (element != null) {
                out.write(element, 0, element.length);
            }
        }
        return out.toByteArray();
    }

    /** SEQUENCE of the given encoded elements; null elements (absent OPTIONAL fields) are skipped. */
    public static byte[] sequence(byte[]... elements) {
        return tlv(SEQUENCE, concat(elements));
    }

    /** {@code [n] EXPLICIT inner}, or null when inner is null (absent OPTIONAL field). */
    public static byte[] explicit(int n, byte[] inner) {
        return inner == null ? null : tlv(context(n), inner);
    }

    public static byte[] integer(long value) {
        return tlv(INTEGER, BigInteger.valueOf(value).toByteArray());
    }

    public static byte[] enumerated(int value) {
        return tlv(ENUMERATED, BigInteger.valueOf(value).toByteArray());
    }

    public static byte[] octetString(byte[] value) {
        return value == null ? null : tlv(OCTET_STRING, value);
    }

    public static byte[] generalString(String ascii) {
        return tlv(GENERAL_STRING, ascii.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    /** BIT STRING with the given number of unused bits in the last octet. */
    public static byte[] bitString(byte[] bits, int unusedBits) {
        byte[] contents = new byte[bits.length + 1];
        contents[0] = (byte) unusedBits;
        System.arraycopy(bits, 0, contents, 1, bits.length);
        return tlv(BIT_STRING, contents);
    }

    /** OBJECT IDENTIFIER from dotted-decimal text, e.g. {@code 1.3.6.1.5.5.2}. */
    public static byte[] oid(String dotted) {
        String[] arcs = dotted.split("\\.");
        if (arcs.length < 2) {
            throw new IllegalArgumentException("OID " + dotted);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeBase128(out, new BigInteger(arcs[0]).multiply(BigInteger.valueOf(40)).add(new BigInteger(arcs[1])));
        for (int i = 2; i < arcs.length; i++) {
            writeBase128(out, new BigInteger(arcs[i]));
        }
        return tlv(OBJECT_IDENTIFIER, out.toByteArray());
    }

    private static void writeBase128(ByteArrayOutputStream out, BigInteger value) {
        int groups = Math.max(1, (value.bitLength() + 6) / 7);
        for (int i = groups - 1; i >= 0; i--) {
            int group = value.shiftRight(7 * i).intValue() & 0x7F;
            out.write(i == 0 ? group : group | 0x80);
        }
    }
}
