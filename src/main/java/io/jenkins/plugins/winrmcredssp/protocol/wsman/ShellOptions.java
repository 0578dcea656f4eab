package io.jenkins.plugins.winrmcredssp.protocol.wsman;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How to create a cmd shell ([MS-WSMV] 3.1.4.5 Create, 2.2.4.37 Shell). Immutable; start from {@link #defaults()}.
 * The default code page is 65001 (UTF-8), so output decodes as UTF-8 whatever the host's OEM code page.
 */
public final class ShellOptions {
    /** UTF-8. */
    public static final int CODEPAGE_UTF8 = 65001;

    private final int codepage;
    private final boolean noProfile;
    private final String workingDirectory;
    private final Map<String, String> environment;

    private ShellOptions(int codepage, boolean noProfile, String workingDirectory, Map<String, String> environment) {
        if (codepage <= 0) {
            throw new IllegalArgumentException("code page must be positive, not " + codepage);
        }
        this.codepage = codepage;
        this.noProfile = noProfile;
        this.workingDirectory = workingDirectory;
        this.environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
    }

    /** Code page 65001, no user profile loaded, no working directory, no extra environment. */
    public static ShellOptions defaults() {
        return new ShellOptions(CODEPAGE_UTF8, true, null, Map.of());
    }

    public ShellOptions withCodepage(int value) {
        return new ShellOptions(value, noProfile, workingDirectory, environment);
    }

    /** WINRS_NOPROFILE: when true the user's profile is not loaded (faster, fewer side effects). */
    public ShellOptions withNoProfile(boolean value) {
        return new ShellOptions(codepage, value, workingDirectory, environment);
    }

    public ShellOptions withWorkingDirectory(String value) {
        return new ShellOptions(codepage, noProfile, value, environment);
    }

    /** Replaces the extra environment variables (insertion order kept). */
    public ShellOptions withEnvironment(Map<String, String> value) {
        Map<String, String> copy = new LinkedHashMap<>();
        value.forEach((name, v) -> {
            if (name == null || name.isEmpty() || name.indexOf('=') >= 0) {
                throw new IllegalArgumentException("invalid environment variable name: " + name);
            }
            copy.put(name, Objects.requireNonNull(v, name));
        });
        return new ShellOptions(codepage, noProfile, workingDirectory, copy);
    }

    public int codepage() {
        return codepage;
    }

    public boolean noProfile() {
        return noProfile;
    }

    /** {@code null} when the server's default applies. */
    public String workingDirectory() {
        return workingDirectory;
    }

    public Map<String, String> environment() {
        return environment;
    }

    @Override
    public String toString() {
        return "ShellOptions[codepage=" + codepage + ", noProfile=" + noProfile + ", workingDirectory="
                + workingDirectory + ", environment=" + environment.keySet() + "]";
    }
}
