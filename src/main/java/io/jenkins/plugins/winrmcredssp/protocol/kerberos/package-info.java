/**
 * Kerberos V5 (RFC 4120) as a GSS-API mechanism (RFC 4121), through the JDK's JGSS, with <em>explicit</em>
 * credentials: the initiator logs in with a user name and password held in memory, never with a ticket cache, a keytab
 * or a prompt.
 *
 * <ul>
 *   <li>{@link io.jenkins.plugins.winrmcredssp.protocol.kerberos.KerberosInitiatorContext}: the client side, used
 *       directly, as SPNEGO's preferred mechanism or as CredSSP's inner mechanism;</li>
 *   <li>{@link io.jenkins.plugins.winrmcredssp.protocol.kerberos.KerberosAcceptorContext}: the service side with a
 *       keytab (the local WinRM test service);</li>
 *   <li>{@link io.jenkins.plugins.winrmcredssp.protocol.kerberos.KerberosSettings}: service principal and realm
 *       choices;</li>
 *   <li>{@link io.jenkins.plugins.winrmcredssp.protocol.kerberos.Krb5Config}: the JVM-wide krb5.conf selection (the
 *       JDK reads one Kerberos configuration per JVM);</li>
 *   <li>{@link io.jenkins.plugins.winrmcredssp.protocol.kerberos.KerberosException} with a
 *       {@link io.jenkins.plugins.winrmcredssp.protocol.kerberos.KerberosFailure} telling "Kerberos is impossible
 *       here" (fall back to NTLM) apart from "the credentials are wrong" (do not).</li>
 * </ul>
 */
package io.jenkins.plugins.winrmcredssp.protocol.kerberos;
