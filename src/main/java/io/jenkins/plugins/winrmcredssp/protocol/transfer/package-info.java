/**
 * File upload and download over a {@link io.jenkins.plugins.winrmcredssp.protocol.wsman.WinRmShell}: one agent
 * process per transfer (PowerShell on Windows, python3 on POSIX hosts) speaking a framed protocol over its stdin and
 * stdout, with a manifest phase that skips unchanged files in one round trip, SHA-256 verification and atomic
 * replacement of every file. Entry point: {@link io.jenkins.plugins.winrmcredssp.protocol.transfer.FileTransfer};
 * protocol and agents are described there and in {@code docs/file-transfer.md}.
 */
package io.jenkins.plugins.winrmcredssp.protocol.transfer;
