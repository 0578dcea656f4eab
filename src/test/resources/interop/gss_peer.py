"""An MIT GSSAPI initiator or acceptor (python3-gssapi) speaking lineproto on stdin/stdout.

  gss_peer.py accept   --mech ntlm|kerberos|spnego
  gss_peer.py initiate --mech ntlm|kerberos|spnego --user NAME --target SERVICE@HOST [--inner ntlm|kerberos]

--inner names the mechanism whose password credentials a SPNEGO initiator gets (so SPNEGO offers only that one).

NTLM is gss-ntlmssp (acceptor users from the file named by NTLM_USER_FILE, lines DOMAIN:user:password). Kerberos uses
KRB5_CONFIG, and KRB5_KTNAME for the acceptor's keytab. The initiator's password comes from the PEER_PASSWORD
environment variable, never from the command line.
"""
import argparse
import os
import sys

import gssapi
import gssapi.raw

import lineproto

MECHS = {
    'ntlm': '1.3.6.1.4.1.311.2.2.10',
    'kerberos': '1.2.840.113554.1.2.2',
    'spnego': '1.3.6.1.5.5.2',
}
# gss-ntlmssp's GSS_NTLMSSP_RESET_CRYPTO_OID: restarts an RC4 handle of an established context
NTLMSSP_RESET_CRYPTO = gssapi.OID.from_int_seq('1.3.6.1.4.1.7165.655.1.3')


class GssPeer:
    def __init__(self, new_context):
        self.new_context = new_context
        self.ctx = None

    def step(self, token):
        if self.ctx is None:
            self.ctx = self.new_context()  # here, so that a failure (e.g. no TGT for a wrong password) is a reply
        out = self.ctx.step(token)
        return out, self.ctx.complete

    def established(self):
        if self.ctx is None or not self.ctx.complete:
            raise ValueError('the context is not established')
        return self.ctx

    def wrap(self, data):
        return self.established().wrap(data, True).message

    def unwrap(self, token):
        res = self.established().unwrap(token)
        if not res.encrypted:
            raise ValueError('message was not encrypted')
        return res.message

    def mic(self, data):
        return self.established().get_signature(data)

    def verify(self, data, mic):
        self.established().verify_signature(data, mic)

    def peer(self):
        return str(self.established().initiator_name)

    def reset(self):
        # gss-ntlmssp resets the sending handle for value 0 and the verifying (receiving) handle for value 1
        for direction in (b'\x00\x00\x00\x00', b'\x01\x00\x00\x00'):
            gssapi.raw.set_sec_context_option(NTLMSSP_RESET_CRYPTO, self.established(), direction)


def main():
    p = argparse.ArgumentParser()
    p.add_argument('role', choices=['accept', 'initiate'])
    p.add_argument('--mech', choices=sorted(MECHS), required=True)
    p.add_argument('--user')
    p.add_argument('--target', default='HTTP@localhost')
    p.add_argument('--inner', choices=['ntlm', 'kerberos'])
    a = p.parse_args()
    mech = gssapi.OID.from_int_seq(MECHS[a.mech])
    password = os.environb.pop(b'PEER_PASSWORD', None)

    def acceptor():
        creds = gssapi.Credentials(usage='accept', mechs=[mech])
        return gssapi.SecurityContext(creds=creds, usage='accept')

    def initiator():
        user = gssapi.Name(a.user, gssapi.NameType.user)
        cred_mech = gssapi.OID.from_int_seq(MECHS[a.inner]) if a.inner else mech
        creds = gssapi.raw.acquire_cred_with_password(user, password, usage='initiate', mechs=[cred_mech]).creds
        target = gssapi.Name(a.target, gssapi.NameType.hostbased_service)
        flags = [gssapi.RequirementFlag.integrity, gssapi.RequirementFlag.confidentiality,
                 gssapi.RequirementFlag.mutual_authentication]
        return gssapi.SecurityContext(name=target, creds=creds, mech=mech, flags=flags, usage='initiate')

    lineproto.serve(GssPeer(acceptor if a.role == 'accept' else initiator))


if __name__ == '__main__':
    sys.exit(main())
