package io.jenkins.plugins.winrmcredssp.protocol.wsman;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ClixmlDecodingOutputStreamTest {
    /** The shape powershell.exe 5.1 writes to a redirected stderr: progress records, then error lines. */
    private static final String POWERSHELL_STDERR = "#< CLIXML\r\n"
            + "<Objs Version=\"1.1.0.1\" xmlns=\"http://schemas.microsoft.com/powershell/2004/04\">"
            + "<Obj S=\"progress\" RefId=\"0\"><TN RefId=\"0\"><T>System.Management.Automation.PSCustomObject</T>"
            + "<T>System.Object</T></TN><MS><I64 N=\"SourceId\">1</I64><PR N=\"Record\"><AV>Preparing modules for "
            + "first use.</AV><AI>0</AI><Nil /><PI>-1</PI><PC>-1</PC><T>Completed</T><SR>-1</SR><SD> </SD></PR>"
            + "</MS></Obj>"
            + "<S S=\"Error\">Get-Item : Cannot find path 'C:\\nope' because it does not exist._x000D__x000A_</S>"
            + "<S S=\"Error\">At line:1 char:1_x000D__x000A_</S>"
            + "<S S=\"Error\">+ Get-Item C:\\nope &amp; &lt;more&gt;_x000D__x000A_</S>"
            + "<S S=\"warning\">careful: Grüße_x000D__x000A_</S>"
            + "</Objs>";
    private static final String DECODED = "Get-Item : Cannot find path 'C:\\nope' because it does not exist.\r\n"
            + "At line:1 char:1\r\n+ Get-Item C:\\nope & <more>\r\nWARNING: careful: Grüße\r\n";

    private static String decode(byte[] input, Charset charset, int maxPiece, long seed) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ClixmlDecodingOutputStream decoder = new ClixmlDecodingOutputStream(out, charset);
        Random random = new Random(seed);
        int position = 0;
        while (position < input.length) {
            int piece = Math.min(input.length - position, 1 + random.nextInt(maxPiece));
            decoder.write(input, position, piece);
            position += piece;
        }
        decoder.finish();
        return out.toString(charset);
    }

    @Test
    void decodesErrorsAndDropsProgressWhateverTheChunking() throws IOException {
        byte[] input = POWERSHELL_STDERR.getBytes(StandardCharsets.UTF_8);
        assertThat(decode(input, StandardCharsets.UTF_8, input.length, 0)).isEqualTo(DECODED);
        for (long seed = 0; seed < 50; seed++) {
            assertThat(decode(input, StandardCharsets.UTF_8, 1 + (int) seed % 17, seed)).isEqualTo(DECODED);
        }
    }

    @Test
    void emitsEachErrorAsSoonAsItsElementIsComplete() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ClixmlDecodingOutputStream decoder = new ClixmlDecodingOutputStream(out, StandardCharsets.UTF_8);
        decoder.write("#< CLIXML\r\n<Objs Version=\"1.1.0.1\"><S S=\"Error\">first_x000D__x000A_</S><S S=\"Err"
                .getBytes(StandardCharsets.UTF_8));
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("first\r\n");
        decoder.write("or\">second</S></Objs>".getBytes(StandardCharsets.UTF_8));
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("first\r\nsecond");
    }

    @Test
    void plainStderrPassesThroughUntouched() throws IOException {
        String plain = "'foo' is not recognized as an internal or external command,\r\noperable program.\r\n#<\r\n#\r\n";
        assertThat(decode(plain.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8, 3, 1)).isEqualTo(plain);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ClixmlDecodingOutputStream decoder = new ClixmlDecodingOutputStream(out, StandardCharsets.UTF_8);
        decoder.write("error: something long enough\r\nand more".getBytes(StandardCharsets.UTF_8));
        assertThat(out.toString(StandardCharsets.UTF_8)).as("not held back").isEqualTo(
                "error: something long enough\r\nand more");
    }

    @Test
    void clixmlAfterPlainLinesAndTwoDocumentsInARow() throws IOException {
        String input = "cmd says hi\r\n" + POWERSHELL_STDERR + "\r\n#< CLIXML\r\n<Objs Version=\"1.1.0.1\">"
                + "<S S=\"Error\">again</S></Objs>";
        assertThat(decode(input.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8, 7, 3))
                .isEqualTo("cmd says hi\r\n" + DECODED + "again");
    }

    @Test
    void escapesAreDecoded() {
        assertThat(Clixml.decodeEscapes("a_x0009_b_x005F_x0041_c_xD83D__xDE00_"))
                .isEqualTo("a\tb_x0041_c\uD83D\uDE00");
        assertThat(Clixml.decodeEscapes("_xGGGG_ _x041_ _x12345_"))
                .isEqualTo("_xGGGG_ _x041_ _x12345_");
    }

    @Test
    void singleByteCodePageRoundTrips() throws IOException {
        Charset cp850 = Charset.forName("IBM850");
        String input = "#< CLIXML\r\n<Objs Version=\"1.1.0.1\"><S S=\"Error\">Fehler: Größe_x000D__x000A_</S></Objs>";
        assertThat(decode(input.getBytes(cp850), cp850, 5, 9)).isEqualTo("Fehler: Größe\r\n");
    }

    @Test
    void brokenOrEndlessClixmlFallsBackToRawBytes() throws IOException {
        String notObjs = "#< CLIXML\r\nsomething else\r\n";
        assertThat(decode(notObjs.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8, 4, 2))
                .isEqualTo(notObjs);
        assertThat(decode("#< CLIXML".getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8, 2, 2))
                .as("a lone marker at the end is kept").isEqualTo("#< CLIXML");
        String unfinished = "#< CLIXML\r\n<Objs Version=\"1.1.0.1\"><S S=\"Error\">cut off";
        assertThat(decode(unfinished.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8, 4, 2))
                .isEqualTo("<S S=\"Error\">cut off");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ClixmlDecodingOutputStream decoder = new ClixmlDecodingOutputStream(out, StandardCharsets.UTF_8);
        decoder.write("#< CLIXML\r\n<Objs><S S=\"Error\">".getBytes(StandardCharsets.UTF_8));
        byte[] block = new byte[64 * 1024];
        java.util.Arrays.fill(block, (byte) 'a');
        for (int i = 0; i < 20; i++) {
            decoder.write(block);
        }
        assertThat(out.size()).as("an oversized element is given up on, not buffered forever")
                .isGreaterThan(ClixmlDecodingOutputStream.MAX_ELEMENT);
    }
}
