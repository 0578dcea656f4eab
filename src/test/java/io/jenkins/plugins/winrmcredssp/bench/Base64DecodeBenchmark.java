package io.jenkins.plugins.winrmcredssp.bench;

import io.jenkins.plugins.winrmcredssp.protocol.wsman.ReceiveResponse;
import java.io.ByteArrayInputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamReader;
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
 * package-private {@code ReceiveResponse.base64Content(XMLStreamReader, String)}, reached through a method handle so
 * the real code is measured, fed by a StAX reader over a document holding just that element, as the parser delivers
 * it in a Receive response) next to the JDK decoders on the bare text. MB/s = ops/s × size / 10^6.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
public class Base64DecodeBenchmark {
    private static final MethodHandle RECEIVE_RESPONSE_DECODE = decodeHandle();
    private static final XMLInputFactory INPUT = XMLInputFactory.newFactory();

    @Param({"16384"})
    public int size;

    private String text;
    private byte[] ascii;
    private byte[] streamElement;

    @Setup
    public void prepare() {
        text = Base64.getEncoder().encodeToString(BenchContexts.text(size, 9));
        ascii = text.getBytes(StandardCharsets.US_ASCII);
        streamElement = ("<Stream>" + text + "</Stream>").getBytes(StandardCharsets.US_ASCII);
    }

    /** As {@link ReceiveResponse} decodes a stream: the parser's characters in one pass, then the JDK decoder. */
    @Benchmark
    public byte[] receiveResponseDecode() throws Throwable {
        XMLStreamReader reader = INPUT.createXMLStreamReader(new ByteArrayInputStream(streamElement));
        reader.nextTag();
        return (byte[]) RECEIVE_RESPONSE_DECODE.invokeExact(reader, "benchmark");
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
                    ReceiveResponse.class, "base64Content",
                    MethodType.methodType(byte[].class, XMLStreamReader.class, String.class));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("ReceiveResponse.base64Content(XMLStreamReader, String) is gone: update"
                    + " this benchmark to the client's current base64 step", e);
        }
    }
}
