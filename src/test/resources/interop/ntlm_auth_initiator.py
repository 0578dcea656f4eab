"""A python3-ntlm-auth NTLMv2 initiator (MIC, extended session security, 128-bit seal) speaking lineproto.

  ntlm_auth_initiator.py --user NAME [--domain DOMAIN] [--workstation NAME]

The password comes from the PEER_PASSWORD environment variable. wrap/unwrap use ntlm-auth's layout: the 16-byte
signature followed by the sealed message (MS-NLMP 3.4.3).
"""
import argparse
import os
import sys

# Debian 12: OpenSSL 3 has no MD4 in its default provider; loading cryptography's bindings enables the legacy one.
import cryptography.hazmat.bindings.openssl.binding  # noqa: F401
from ntlm_auth.ntlm import NtlmContext

import lineproto


class NtlmAuthPeer:
    def __init__(self, ctx):
        self.ctx = ctx

    def step(self, token):
        out = self.ctx.step(token)
        return out, self.ctx.complete

    def wrap(self, data):
        return self.ctx.wrap(data)

    def unwrap(self, token):
        return self.ctx.unwrap(token)

    def mic(self, data):
        raise lineproto.Unsupported('ntlm-auth has no GetMIC')

    def verify(self, data, mic):
        raise lineproto.Unsupported('ntlm-auth has no VerifyMIC')

    def peer(self):
        raise lineproto.Unsupported('an initiator does not know its peer')

    def reset(self):
        raise lineproto.Unsupported('ntlm-auth cannot reset its seal state')


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--user', required=True)
    p.add_argument('--domain', default='')
    p.add_argument('--workstation', default='INTEROP')
    a = p.parse_args()
    ctx = NtlmContext(a.user, os.environ.pop('PEER_PASSWORD'), a.domain, a.workstation, ntlm_compatibility=3)
    lineproto.serve(NtlmAuthPeer(ctx))


if __name__ == '__main__':
    sys.exit(main())
