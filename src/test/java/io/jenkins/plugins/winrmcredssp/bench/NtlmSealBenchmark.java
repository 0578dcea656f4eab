package io.jenkins.plugins.winrmcredssp.bench;

import io.jenkins.plugins.winrmcredssp.protocol.ntlm.NtlmAcceptorContext;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.NtlmInitiatorContext;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.NtlmSessionSecurity;
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
import org.openjdk.jmh.annotations.TearDown;

/**
 * NTLM session security (MS-NLMP §3.4) on a WinRM-sized message with the keys of a real NTLMv2 exchange: what
 * SPNEGO/NTLM message encryption (pywinrm's mode, [MS-WSMV] 2.2.9.1.1) and the inner NTLM of CredSSP cost per byte.
 * {@code size} is the message in bytes; MB/s = ops/s × size / 10^6.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
public class NtlmSealBenchmark {
    @Param({"16384", "1048576"})
    public int size;

    private NtlmInitiatorContext client;
    private NtlmAcceptorContext server;
    private NtlmSessionSecurity clientSecurity;
    private byte[] message;

    @Setup
    public void establish() throws Exception {
        BenchContexts.Pair<NtlmInitiatorContext, NtlmAcceptorContext> pair = BenchContexts.ntlm();
        client = pair.client();
        server = pair.server();
        clientSecurity = client.sessionSecurity();
        message = BenchContexts.text(size, size);
    }

    @TearDown
    public void close() {
        client.close();
        server.close();
    }

    /** SEAL (§3.4.3): RC4 of the message and its HMAC-MD5 signature, with the next sequence number. */
    @Benchmark
    public byte[][] seal() throws Exception {
        return clientSecurity.seal(message);
    }

    /** GSS_GetMIC (§3.4.4): the signature alone. */
    @Benchmark
    public byte[] sign() throws Exception {
        return clientSecurity.sign(message);
    }

    /** The client's wrap (signature || sealed message, the WinRM layout) opened by the server's unwrap. */
    @Benchmark
    public byte[] wrapThenUnwrap() throws Exception {
        return server.unwrap(client.wrap(message));
    }
}
