/**
 * The Jenkins-free core that the pipeline step and the freestyle builder share: opens a WinRM CredSSP session, runs
 * one cmd.exe command or PowerShell script in a fresh shell, streams its output with the password masked, and
 * reports the exit code. Jenkins glue (credentials, agents, logs) lives in the parent package.
 */
package io.jenkins.plugins.winrmcredssp.runner;
