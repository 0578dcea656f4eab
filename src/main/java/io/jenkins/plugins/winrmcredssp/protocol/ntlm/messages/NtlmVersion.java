package io.jenkins.plugins.winrmcredssp.protocol.ntlm.messages;

import io.jenkins.plugins.winrmcredssp.protocol.codec.LittleEndianReader;
import io.jenkins.plugins.winrmcredssp.protocol.codec.LittleEndianWriter;
import io.jenkins.plugins.winrmcredssp.protocol.codec.MalformedTokenException;

/**
 * The VERSION structure, MS-NLMP §2.2.2.10: the sender's Windows version, for debugging only, plus the NTLM revision.
 *
 * @param major           ProductMajorVersion
 * @param minor           ProductMinorVersion
 * @param build           ProductBuild
 * @param ntlmRevision    NTLMRevisionCurrent ({@value #NTLMSSP_REVISION_W2K3})
 */
public record NtlmVersion(int major, int minor, int build, int ntlmRevision) {
    public static final int NTLMSSP_REVISION_W2K3 = 0x0F;
    public static final int LENGTH = 8;

    /** What we announce: Windows 10 / Server 2019 era, revision 15. */
    public static final NtlmVersion DEFAULT = new NtlmVersion(10, 0, 17763, NTLMSSP_REVISION_W2K3);

    public NtlmVersion {
        if (major < 0 || major > 0xFF || minor < 0 || minor > 0xFF || build < 0 || build > 0xFFFF
                || ntlmRevision < 0 || ntlmRevision > 0xFF) {
            throw new IllegalArgumentException("VERSION field out of range");
        }
    }

    static NtlmVersion read(LittleEndianReader in) throws MalformedTokenException {
        int major = in.readUInt8("Version.ProductMajorVersion");
        int minor = in.readUInt8("Version.ProductMinorVersion");
        int build = in.readUInt16("Version.ProductBuild");
        in.readBytes(3, "Version.Reserved");
        return new NtlmVersion(major, minor, build, in.readUInt8("Version.NTLMRevisionCurrent"));
    }

    void write(LittleEndianWriter out) {
        out.writeUInt8(major).writeUInt8(minor).writeUInt16(build).writeZeros(3).writeUInt8(ntlmRevision);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + build + " rev " + ntlmRevision;
    }
}
