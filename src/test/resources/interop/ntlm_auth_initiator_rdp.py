"""ntlm_auth_initiator.py whose NEGOTIATE sets UNICODE, REQUEST_TARGET and NTLM (MS-NLMP 2.2.2.5 flags A, R, H).

FreeRDP's CredSSP acceptor answers a NEGOTIATE without UNICODE | REQUEST_TARGET | NTLM (0x205) with errorCode
0xC00700EA; python3-ntlm-auth 1.4 sets none of them (it even clears UNICODE when building the message). The flags are
set on the message object itself, so the AUTHENTICATE's MIC covers the NEGOTIATE as sent. Same arguments and line
protocol as ntlm_auth_initiator.py.
"""
import struct
import sys

import ntlm_auth_initiator
from ntlm_auth.constants import NegotiateFlags

RDP_FLAGS = (NegotiateFlags.NTLMSSP_NEGOTIATE_UNICODE | NegotiateFlags.NTLMSSP_REQUEST_TARGET
             | NegotiateFlags.NTLMSSP_NEGOTIATE_NTLM)


class RdpNtlmContext(ntlm_auth_initiator.NtlmContext):
    def step(self, input_token=None):
        out = super().step(input_token)
        if input_token is not None:
            return out
        message = self._negotiate_message
        flags = struct.unpack('<I', message.negotiate_flags)[0] | RDP_FLAGS
        message.negotiate_flags = struct.pack('<I', flags)
        return message.get_data()


ntlm_auth_initiator.NtlmContext = RdpNtlmContext

if __name__ == '__main__':
    sys.exit(ntlm_auth_initiator.main())
