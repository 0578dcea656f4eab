"""Drives pywinrm's own MS-WSMV 2.2.9.1 framing (winrm.encryption.Encryption) with the fake sealer that
FakeSealer.java implements, so the Java framing can be checked against an independent implementation.

usage: pywinrm_framing.py encode credssp|ntlm <plaintext-file> <content-type-out> <body-out>
       pywinrm_framing.py decode credssp|ntlm <content-type-file> <body-file> <plaintext-out>
"""
import hashlib
import sys
import types

import requests
from winrm.encryption import Encryption


def xor(data):
    return bytes(b ^ 0x5A for b in data)


def tag(plaintext):
    return hashlib.sha256(plaintext).digest()[:16]


class FakeCredSspAuth:
    cipher_negotiated = 'ECDHE-RSA-AES256-GCM-SHA384'

    def wrap(self, plaintext):
        length = 8 + len(plaintext) + 16
        return bytes([0x17, 3, 3, length >> 8, length & 0xFF]) + bytes(8) + xor(plaintext) + tag(plaintext)

    def unwrap(self, record):
        assert record[0] == 0x17 and (record[3] << 8 | record[4]) == len(record) - 5, "bad fake record"
        plaintext = xor(record[13:-16])
        assert record[-16:] == tag(plaintext), "bad fake tag"
        return plaintext


class FakeNtlmSecurity:
    def wrap(self, plaintext):
        return xor(plaintext), tag(plaintext)

    def unwrap(self, sealed, signature):
        plaintext = xor(sealed)
        assert signature == tag(plaintext), "bad fake signature"
        return plaintext


def session(flavour):
    auth = FakeCredSspAuth() if flavour == 'credssp' else types.SimpleNamespace(session_security=FakeNtlmSecurity())
    return types.SimpleNamespace(auth=auth)


def main():
    mode, flavour = sys.argv[1], sys.argv[2]
    encryption = Encryption(session(flavour), flavour)
    if mode == 'encode':
        plaintext = open(sys.argv[3], 'rb').read()
        prepared = encryption.prepare_encrypted_request(requests.Session(), 'http://127.0.0.1:5985/wsman', plaintext)
        open(sys.argv[4], 'w').write(prepared.headers['Content-Type'])
        open(sys.argv[5], 'wb').write(prepared.body)
    else:
        content_type = open(sys.argv[3]).read()
        body = open(sys.argv[4], 'rb').read()
        response = types.SimpleNamespace(headers={'Content-Type': content_type}, content=body,
                                         request=types.SimpleNamespace(url='http://127.0.0.1:5985/wsman'))
        plaintext = encryption.parse_encrypted_response(response)
        open(sys.argv[5], 'wb').write(plaintext)


main()
