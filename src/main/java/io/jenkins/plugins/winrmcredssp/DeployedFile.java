package io.jenkins.plugins.winrmcredssp;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One selected workspace file after a copy, as it comes back from the agent.
 *
 * @param path       relative to the source directory, with {@code /} separators
 * @param remotePath where it is on the Windows host (or share)
 * @param outcome    what happened to it, e.g. {@code COPIED} or {@code SKIPPED_UNCHANGED}
 * @param size       its size in bytes (for {@code SKIPPED_EXISTING}: the workspace file's, which was not sent)
 * @param sha256     lower-case hex SHA-256 of the content now at the destination; empty for {@code SKIPPED_EXISTING}
 *                   (the existing remote file is not read)
 */
public record DeployedFile(String path, String remotePath, String outcome, long size, String sha256)
        implements Serializable {

    /**
     * What the pipeline step returns for this file: a map of plain values that CPS can hold and the script security
     * sandbox lets scripts read ({@code path}, {@code remotePath}, {@code outcome} in lower case, {@code size},
     * {@code sha256}).
     */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("path", path);
        map.put("remotePath", remotePath);
        map.put("outcome", outcome.toLowerCase(Locale.ROOT));
        map.put("size", size);
        map.put("sha256", sha256);
        return map;
    }
}
