package io.jenkins.plugins.winrmcredssp.bench;

import io.jenkins.plugins.winrmcredssp.protocol.wsman.ReceiveResponse;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.WsmanNamespaces;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.WsmanRequest;
import java.util.Arrays;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@link ReceiveResponse#parse} of a Receive response ([MS-WSMV] 3.1.4.14) carrying {@code size} bytes of command
 * output as base64 in {@code rsp:Stream} elements of 16 KiB each, then the Running state: StAX over the envelope, the
 * header check, base64 of each stream into the sink. MB/s = ops/s × size / 10^6 (of decoded output).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
public class ReceiveResponseBenchmark {
    private static final int STREAM_CHUNK = 16 * 1024;

    @Param({"65536"})
    public int size;

    private WsmanRequest request;
    private byte[] response;

    @Setup
    public void prepare() {
        request = new WsmanRequest(WsmanNamespaces.ACTION_RECEIVE, SoapBenchmark.REQUEST_ID, new byte[0]);
        response = receiveResponse(BenchContexts.text(size, 8));
    }

    @Benchmark
    public ReceiveResponse.CommandState parse(Blackhole sink) throws Exception {
        return ReceiveResponse.parse(response, request, SoapBenchmark.COMMAND_ID, (stream, data) -> sink.consume(data));
    }

    private static byte[] receiveResponse(byte[] output) {
        StringBuilder body = new StringBuilder("<rsp:ReceiveResponse>");
        for (int offset = 0; offset < output.length; offset += STREAM_CHUNK) {
            int length = Math.min(STREAM_CHUNK, output.length - offset);
            body.append("<rsp:Stream Name=\"stdout\" CommandId=\"").append(SoapBenchmark.COMMAND_ID).append("\">")
                    .append(Base64.getEncoder().encodeToString(Arrays.copyOfRange(output, offset, offset + length)))
                    .append("</rsp:Stream>");
        }
        body.append("<rsp:CommandState CommandId=\"").append(SoapBenchmark.COMMAND_ID).append("\" State=\"")
                .append(WsmanNamespaces.SHELL).append("/CommandState/Running\"/></rsp:ReceiveResponse>");
        return SoapBenchmark.envelope(WsmanNamespaces.ACTION_RECEIVE + "Response", body.toString());
    }
}
