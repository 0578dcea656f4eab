package io.jenkins.plugins.winrmcredssp.runner;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.util.Arrays;

/**
 * Replaces every occurrence of a secret in a byte stream with {@code ****}, however the writes split it. Bytes that
 * may be the start of the secret are held back until they are known not to be (so output is delayed by at most the
 * secret's length); {@link #flush()} passes on everything else, {@link #close()} releases what is held and flushes,
 * but leaves the underlying stream open (it is usually a build log).
 */
public final class SecretMaskingOutputStream extends FilterOutputStream {
    static final byte[] MASK = {'*', '*', '*', '*'};

    private final byte[] secret;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private boolean closed;

    /** @param secret masked as encoded in {@code charset}; an empty secret masks nothing */
    public SecretMaskingOutputStream(OutputStream out, char[] secret, Charset charset) {
        super(out);
        ByteBuffer encoded = charset.encode(CharBuffer.wrap(secret));
        this.secret = new byte[encoded.remaining()];
        encoded.get(this.secret);
        Arrays.fill(encoded.array(), (byte) 0);
    }

    @Override
    public void write(int b) throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
        if (secret.length == 0) {
            out.write(b);
            return;
        }
        pending.write(b);
        drain();
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        for (int i = 0; i < len; i++) {
            write(b[off + i]);
        }
    }

    /** Emits the bytes that cannot start the secret, replaces a complete secret by the mask. */
    private void drain() throws IOException {
        byte[] held = pending.toByteArray();
        int start = 0;
        while (start < held.length && !isPrefixOfSecret(held, start)) {
            out.write(held[start]);
            start++;
        }
        if (held.length - start == secret.length) {
            out.write(MASK);
            start = held.length;
        }
        pending.reset();
        pending.write(held, start, held.length - start);
        Arrays.fill(held, (byte) 0);
    }

    private boolean isPrefixOfSecret(byte[] held, int start) {
        int length = held.length - start;
        return length <= secret.length && Arrays.equals(held, start, held.length, secret, 0, length);
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            pending.writeTo(out);
            pending.reset();
            out.flush();
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }
}
