/**
 * The WinRM/CredSSP protocol stack. Nothing below this package may import Jenkins types (an ArchUnit test checks it):
 * the stack is usable from the command line, from tests and from any Java program.
 *
 * <ul>
 *   <li>{@code codec}: little-endian and DER readers/writers shared by every wire format;</li>
 *   <li>{@code auth}: what every security mechanism offers (tokens, wrap/unwrap, MIC) and the user's credentials;</li>
 *   <li>{@code ntlm}, {@code spnego}, {@code kerberos}: the inner mechanisms;</li>
 *   <li>{@code credssp}: MS-CSSP;</li>
 *   <li>{@code wsman}: MS-WSMV shell over HTTP(S);</li>
 *   <li>{@code transfer}: file upload and download through one remote agent process in a shell.</li>
 * </ul>
 */
package io.jenkins.plugins.winrmcredssp.protocol;
