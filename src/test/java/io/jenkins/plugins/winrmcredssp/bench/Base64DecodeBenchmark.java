package io.jenkins.plugins.winrmcredssp.bench;

import io.jenkins.plugins.winrmcredssp.protocol.wsman.ReceiveResponse;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Base64 decoding of one {@code rsp:Stream} text of {@code size} decoded bytes: the client's own step (the
 * package-private {@code ReceiveResponse.decode(String, String)}, reached through a method handle so the real code is
 * measured) next to the JDK decoders it could use directly. MB/s = ops/s × size / 10^6.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
public class Base64DecodeBenchmark {
    private static final MethodHandle RECEIVE_RESPONSE_DECODE = decodeHandle();

    @Param({"16384"})
    public int size;

    private String text;
    private byte[] ascii;

    @Setup
    public void prepare() {
        text = Base64.getEncoder().encodeToString(BenchContexts.text(size, 9));
        ascii = text.getBytes(StandardCharsets.US_ASCII);
    }

    /** As {@link ReceiveResponse} decodes a stream: whitespace dropped, then {@link Base64#getDecoder()}. */
    @Benchmark
    public byte[] receiveResponseDecode() throws Throwable {
        return (byte[]) RECEIVE_RESPONSE_DECODE.invokeExact(text, "benchmark");
    }

    @Benchmark
    public byte[] jdkDecodeString() {
        return Base64.getDecoder().decode(text);
    }

    @Benchmark
    public byte[] jdkDecodeBytes() {
        return Base64.getDecoder().decode(ascii);
    }

    /** The MIME decoder skips line breaks and other non-alphabet characters itself. */
    @Benchmark
    public byte[] jdkMimeDecodeString() {
        return Base64.getMimeDecoder().decode(text);
    }

    private static MethodHandle decodeHandle() {
        try {
            return MethodHandles.privateLookupIn(ReceiveResponse.class, MethodHandles.lookup()).findStatic(
                    ReceiveResponse.class, "decode", MethodType.methodType(byte[].class, String.class, String.class));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("ReceiveResponse.decode(String, String) is gone: update this benchmark to"
                    + " the client's current base64 step", e);
        }
    }
}
