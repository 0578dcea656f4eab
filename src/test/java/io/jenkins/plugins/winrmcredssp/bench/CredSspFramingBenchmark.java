package io.jenkins.plugins.winrmcredssp.bench;

import io.jenkins.plugins.winrmcredssp.protocol.credssp.CredSspAcceptorContext;
import io.jenkins.plugins.winrmcredssp.protocol.credssp.CredSspClientContext;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.CredSspSealing;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.EncryptedMessage;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * CredSSP message encryption of a WinRM body ([MS-WSMV] 2.2.9.1.3) through the TLS session of a completed CredSSP
 * exchange: {@link EncryptedMessage} framing over {@link CredSspSealing}, one TLS record (AES-GCM) per part of at most
 * {@code maxWrapLength()} bytes. Compare with the JDK {@code SSLEngine} reference line of the end-to-end table.
 * {@code size} is the SOAP plaintext in bytes; MB/s = ops/s × size / 10^6.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
public class CredSspFramingBenchmark {

    /** A client and a server context after the CredSSP exchange, with their framing. */
    @State(Scope.Thread)
    public static class Session {
        /** 2 KiB: a Command or Receive request; 16 KiB: one record; 1 MiB: 65 records. */
        @Param({"2048", "16384", "1048576"})
        public int size;

        CredSspClientContext client;
        CredSspAcceptorContext server;
        EncryptedMessage clientFraming;
        EncryptedMessage serverFraming;
        byte[] message;

        @Setup
        public void establish() throws Exception {
            BenchContexts.Pair<CredSspClientContext, CredSspAcceptorContext> pair = BenchContexts.credSsp();
            client = pair.client();
            server = pair.server();
            clientFraming = CredSspSealing.framing(client);
            serverFraming = CredSspSealing.framing(server);
            message = BenchContexts.text(size, size);
        }

        @TearDown
        public void close() {
            client.close();
            server.close();
        }
    }

    /**
     * A session whose server seals its next response body before each {@link #decode} call, outside the measurement
     * (the client must open the server's records in order); kept when JMH prepares an invocation it then does not run.
     */
    @State(Scope.Thread)
    public static class SealedResponse extends Session {
        EncryptedMessage.Encoded sealed;

        @Setup(Level.Invocation)
        public void sealNext() throws Exception {
            if (sealed == null) {
                sealed = serverFraming.encode(message);
            }
        }
    }

    /** The client sealing a request body: TLS wrap of each part plus the MIME framing. */
    @Benchmark
    public byte[] encode(Session session) throws Exception {
        return session.clientFraming.encode(session.message).body();
    }

    /** The client opening a response body (the Receive path): MIME parsing, TLS unwrap of each record, length checks. */
    @Benchmark
    public byte[] decode(SealedResponse session) throws Exception {
        EncryptedMessage.Encoded sealed = session.sealed;
        session.sealed = null;
        return session.clientFraming.decode(sealed.contentType(), sealed.body());
    }

    /** A response body sealed by the server and opened by the client. */
    @Benchmark
    public byte[] encodeThenDecode(Session session) throws Exception {
        EncryptedMessage.Encoded sealed = session.serverFraming.encode(session.message);
        return session.clientFraming.decode(sealed.contentType(), sealed.body());
    }
}
