package io.jenkins.plugins.winrmcredssp;

import io.jenkins.plugins.winrmcredssp.protocol.transfer.OverwritePolicy;
import io.jenkins.plugins.winrmcredssp.protocol.transfer.RemotePlatform;
import java.util.Arrays;
import java.util.List;

/**
 * What the copy step and the copy builder are configured with besides the connection: which workspace files (Ant
 * patterns below a source directory), where they go on the Windows host, and when an existing remote file is replaced.
 */
public final class WinRmCopySettings extends WinRmConnectionSettings {
    private static final long serialVersionUID = 1L;

    /** The form fields of these settings besides the connection's, named as the step and the builder bind them. */
    static final List<String> COPY_FIELDS = List.of("includes", "destination", "excludes", "sourceDirectory",
            "overwrite", "allowEmpty");

    static final String PLATFORM_PROPERTY = WinRmCopySettings.class.getName() + ".remotePlatform";

    /** The values of {@code overwrite}, the default first. */
    static final List<String> OVERWRITE_VALUES = List.of("ifChanged", "always", "never");

    private final String includes;
    private final String destination;
    private String excludes;
    private String sourceDirectory;
    private String overwrite = OVERWRITE_VALUES.get(0);
    private boolean allowEmpty;

    public WinRmCopySettings(String host, String credentialsId, String includes, String destination) {
        super(host, credentialsId);
        this.includes = trimToNull(includes);
        this.destination = trimToNull(destination);
    }

    /**
     * Which agent the transfer starts on the remote host: Windows PowerShell, unless the system property
     * {@value #PLATFORM_PROPERTY} (read on the controller) names another {@link RemotePlatform}, such as {@code POSIX}
     * for the plugin's local test service.
     */
    static RemotePlatform remotePlatform() {
        return RemotePlatform.valueOf(System.getProperty(PLATFORM_PROPERTY, RemotePlatform.WINDOWS.name()));
    }

    /** @throws IllegalArgumentException when {@code overwrite} is not one of {@link #OVERWRITE_VALUES} */
    OverwritePolicy overwritePolicy() {
        return switch (overwrite) {
            case "ifChanged" -> OverwritePolicy.IF_CHANGED;
            case "always" -> OverwritePolicy.ALWAYS;
            case "never" -> OverwritePolicy.NEVER;
            default -> throw new IllegalArgumentException(Messages.WinRmCopySettings_BadOverwrite(overwrite));
        };
    }

    /**
     * Checks what the connection options do not.
     *
     * @throws IllegalArgumentException naming the missing or invalid setting
     */
    void validate() {
        if (includes == null) {
            throw new IllegalArgumentException(Messages.WinRmCopySettings_NoIncludes());
        }
        if (destination == null) {
            throw new IllegalArgumentException(Messages.WinRmCopySettings_NoDestination());
        }
        overwritePolicy();
    }

    /**
     * @return {@code directory}, which must be relative and stay inside the workspace
     * @throws IllegalArgumentException an absolute path or a {@code ..} segment
     */
    static String requireInsideWorkspace(String directory) {
        String path = directory.replace('\\', '/');
        boolean absolute = path.startsWith("/") || path.matches("[A-Za-z]:.*");
        if (absolute || Arrays.asList(path.split("/")).contains("..")) {
            throw new IllegalArgumentException(Messages.WinRmCopySettings_SourceOutsideWorkspace(directory));
        }
        return directory;
    }

    public String getIncludes() {
        return includes;
    }

    public String getDestination() {
        return destination;
    }

    public String getExcludes() {
        return excludes;
    }

    public void setExcludes(String excludes) {
        this.excludes = trimToNull(excludes);
    }

    /** Relative to the workspace; null for the workspace itself. */
    public String getSourceDirectory() {
        return sourceDirectory;
    }

    public void setSourceDirectory(String sourceDirectory) {
        this.sourceDirectory = trimToNull(sourceDirectory);
    }

    public String getOverwrite() {
        return overwrite;
    }

    public void setOverwrite(String overwrite) {
        String value = trimToNull(overwrite);
        this.overwrite = value == null ? OVERWRITE_VALUES.get(0) : value;
    }

    public boolean isAllowEmpty() {
        return allowEmpty;
    }

    public void setAllowEmpty(boolean allowEmpty) {
        this.allowEmpty = allowEmpty;
    }
}
