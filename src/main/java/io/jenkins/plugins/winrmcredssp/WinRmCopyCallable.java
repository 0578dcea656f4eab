package io.jenkins.plugins.winrmcredssp;

import hudson.AbortException;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import hudson.util.Secret;
import io.jenkins.plugins.winrmcredssp.protocol.transfer.FileOutcome;
import io.jenkins.plugins.winrmcredssp.protocol.transfer.FileResult;
import io.jenkins.plugins.winrmcredssp.protocol.transfer.FileTransferException;
import io.jenkins.plugins.winrmcredssp.protocol.transfer.OverwritePolicy;
import io.jenkins.plugins.winrmcredssp.protocol.transfer.RemotePlatform;
import io.jenkins.plugins.winrmcredssp.protocol.transfer.TransferResult;
import io.jenkins.plugins.winrmcredssp.runner.SecretMaskingOutputStream;
import io.jenkins.plugins.winrmcredssp.runner.WinRmCopyRunner;
import io.jenkins.plugins.winrmcredssp.runner.WinRmSessionOpener;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import jenkins.MasterToSlaveFileCallable;

/**
 * Copies workspace files where the workspace is (on the agent, or in the controller's process for built-in builds):
 * selects them with the Ant patterns below the directory it is invoked on, opens the CredSSP session from there and
 * uploads them. The listener is remoted: progress and the summary reach the build log live, with the password masked.
 * Interrupting the call (an aborted build) stops the transfer, terminates the remote process and deletes its shell.
 */
public final class WinRmCopyCallable extends MasterToSlaveFileCallable<List<DeployedFile>> {
    private static final long serialVersionUID = 1L;

    /**
     * Which files go where.
     *
     * @param includes    comma-separated Ant patterns, relative to the directory the callable is invoked on
     * @param excludes    comma-separated Ant patterns, or null
     * @param destination the remote directory (drive or UNC path), created if missing
     * @param allowEmpty  whether selecting no file is a success (nothing is copied) rather than a failure
     */
    public record Request(String includes, String excludes, String destination, OverwritePolicy overwrite,
            boolean allowEmpty, RemotePlatform platform) implements Serializable {
        public Request {
            Objects.requireNonNull(includes, "includes");
            Objects.requireNonNull(destination, "destination");
            Objects.requireNonNull(overwrite, "overwrite");
            Objects.requireNonNull(platform, "platform");
        }

        /**
         * @param variables applied to the patterns and the destination
         * @throws IllegalArgumentException an invalid overwrite value or remote platform
         */
        static Request of(WinRmCopySettings settings, UnaryOperator<String> variables) {
            String excludes = settings.getExcludes() == null ? null : variables.apply(settings.getExcludes());
            return new Request(variables.apply(settings.getIncludes()), excludes,
                    variables.apply(settings.getDestination()), settings.overwritePolicy(), settings.isAllowEmpty(),
                    WinRmCopySettings.remotePlatform());
        }
    }

    private final WinRmConnectionOptions options;
    private final Request request;
    private final String username;
    private final Secret password;
    private final TaskListener listener;
    private final WinRmSessionOpener opener;

    public WinRmCopyCallable(WinRmConnectionOptions options, Request request, String username, Secret password,
            TaskListener listener, WinRmSessionOpener opener) {
        this.options = Objects.requireNonNull(options, "options");
        this.request = Objects.requireNonNull(request, "request");
        this.username = Objects.requireNonNull(username, "username");
        this.password = Objects.requireNonNull(password, "password");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.opener = Objects.requireNonNull(opener, "opener");
    }

    /**
     * @param directory the source directory (the workspace or a directory in it)
     * @return every selected file with what happened to it, in path order
     * @throws AbortException no such directory, an invalid pattern, no matching file (unless allowed), or the
     *                        transfer failed (its stage, reason, remote path and the remote error text)
     */
    @Override
    public List<DeployedFile> invoke(File directory, VirtualChannel channel) throws IOException, InterruptedException {
        List<String> files = WorkspaceSelection.select(directory, request.includes(), request.excludes());
        PrintStream log = listener.getLogger();
        if (files.isEmpty()) {
            String excludes = request.excludes() == null ? "" : request.excludes();
            if (!request.allowEmpty()) {
                throw new AbortException(Messages.WinRmCopy_NoMatch(directory, request.includes(), excludes));
            }
            log.println(Messages.WinRmCopy_NothingToCopy(directory, request.includes(), excludes));
            return new ArrayList<>();
        }
        char[] secret = password.getPlainText().toCharArray();
        try (SecretMaskingOutputStream maskedLog = new SecretMaskingOutputStream(log, secret, StandardCharsets.UTF_8);
                PrintStream progress = new PrintStream(maskedLog, true, StandardCharsets.UTF_8)) {
            TransferResult result = new WinRmCopyRunner(opener).upload(options, username, secret,
                    new WinRmCopyRunner.Upload(directory.toPath(), files, request.destination(), request.overwrite(),
                            request.platform()), progress);
            List<DeployedFile> deployed = new ArrayList<>(result.files().size());
            for (FileResult file : result.files()) {
                if (file.outcome() != FileOutcome.DIRECTORY) {
                    deployed.add(new DeployedFile(file.relativePath(), file.remotePath(), file.outcome().name(),
                            file.size(), file.sha256()));
                }
            }
            return deployed;
        } catch (FileTransferException e) {
            throw new AbortException(Messages.WinRmCopy_Failed(request.destination(), options.host(), e.getMessage()));
        } finally {
            Arrays.fill(secret, '\0');
        }
    }

    /** Names target, account and destination only. */
    @Override
    public String toString() {
        return "WinRmCopyCallable[" + options.endpoint() + " as " + username + ", " + request.includes() + " to "
                + request.destination() + "]";
    }
}
