/**
 * SPNEGO, the Simple and Protected GSS-API Negotiation Mechanism (RFC 4178), with the Windows behaviour of MS-SPNG.
 *
 * <ul>
 *   <li>Wire formats: {@link io.jenkins.plugins.winrmcredssp.protocol.spnego.NegotiationToken} and its two choices
 *       {@link io.jenkins.plugins.winrmcredssp.protocol.spnego.NegTokenInit} (also MS-SPNG's NegTokenInit2) and
 *       {@link io.jenkins.plugins.winrmcredssp.protocol.spnego.NegTokenResp};</li>
 *   <li>contexts: {@link io.jenkins.plugins.winrmcredssp.protocol.spnego.SpnegoInitiatorContext} (Kerberos first, NTLM
 *       fallback, mechListMIC) and {@link io.jenkins.plugins.winrmcredssp.protocol.spnego.SpnegoAcceptorContext}.</li>
 * </ul>
 */
package io.jenkins.plugins.winrmcredssp.protocol.spnego;
