/**
 * NTLMv2 (MS-NLMP) as a {@link io.jenkins.plugins.winrmcredssp.protocol.auth.SecurityContext}: wire formats in
 * {@code messages} and {@code av}, the spec's functions in {@link io.jenkins.plugins.winrmcredssp.protocol.ntlm.NtlmCrypto},
 * signing and sealing in {@link io.jenkins.plugins.winrmcredssp.protocol.ntlm.NtlmSessionSecurity}, and the stateful
 * {@link io.jenkins.plugins.winrmcredssp.protocol.ntlm.NtlmInitiatorContext} and
 * {@link io.jenkins.plugins.winrmcredssp.protocol.ntlm.NtlmAcceptorContext}. NTLMv1 and LM are deliberately absent.
 */
package io.jenkins.plugins.winrmcredssp.protocol.ntlm;
