package io.jenkins.plugins.winrmcredssp.protocol.credssp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NtStatusTest {

    // MS-ERREF §2.3.1 (NTSTATUS) and §2.1 (HRESULT)
    @ParameterizedTest
    @CsvSource({
        "C000006D, STATUS_LOGON_FAILURE", "C000006A, STATUS_WRONG_PASSWORD", "C0000234, STATUS_ACCOUNT_LOCKED_OUT",
        "C0000072, STATUS_ACCOUNT_DISABLED", "C0000193, STATUS_ACCOUNT_EXPIRED", "C0000071, STATUS_PASSWORD_EXPIRED",
        "C0000224, STATUS_PASSWORD_MUST_CHANGE", "C000006F, STATUS_INVALID_LOGON_HOURS",
        "C000005E, STATUS_NO_LOGON_SERVERS", "80090302, SEC_E_UNSUPPORTED_FUNCTION", "8009030C, SEC_E_LOGON_DENIED",
        "80090308, SEC_E_INVALID_TOKEN"})
    void namesTheCommonCodesInUnsignedHex(String hex, String name) {
        long code = Long.parseLong(hex, 16);
        assertThat(NtStatus.format(code)).isEqualTo("0x" + hex + " " + name);
        assertThat(NtStatus.hint(code)).isPresent();
        // the signed 32-bit form from an INTEGER reads the same
        assertThat(NtStatus.format((int) code)).isEqualTo("0x" + hex + " " + name);
    }

    @Test
    void unknownCodesStayReadable() {
        assertThat(NtStatus.format(0x12345678L)).isEqualTo("0x12345678");
        assertThat(NtStatus.describe(0x12345678L)).isEqualTo("0x12345678");
        assertThat(NtStatus.describe(0xC0000234L)).startsWith("0xC0000234 STATUS_ACCOUNT_LOCKED_OUT (").contains("unlock");
    }
}
