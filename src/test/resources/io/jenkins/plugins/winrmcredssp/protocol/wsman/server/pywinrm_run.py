"""Runs commands through pywinrm (an independent WinRM client) against a WinRM endpoint.

argv: endpoint transport user [operation_timeout_sec]; the password comes from $WINRM_PASSWORD, the commands as a
JSON list of {"command": str, "args": [str]} on stdin; $PYWINRM_SEND_CBT=0 turns NTLM channel binding off. Prints one JSON object: the results, and
whether the session used message encryption.
"""
import base64
import json
import os
import sys

# Debian 12's OpenSSL 3 lacks MD4 in its default provider; loading this binding first makes ntlm-auth work.
import cryptography.hazmat.bindings.openssl.binding  # noqa: F401
import winrm

endpoint, transport, user = sys.argv[1:4]
operation_timeout = int(sys.argv[4]) if len(sys.argv) > 4 else 20
protocol = winrm.Protocol(endpoint, transport=transport, username=user, password=os.environ["WINRM_PASSWORD"],
                          server_cert_validation="ignore", operation_timeout_sec=operation_timeout,
                          read_timeout_sec=operation_timeout + 10,
                          send_cbt=os.environ.get("PYWINRM_SEND_CBT", "1") == "1")
results = []
shell = protocol.open_shell()
for case in json.load(sys.stdin):
    command_id = protocol.run_command(shell, case["command"], case.get("args", []))
    stdout, stderr, code = protocol.get_command_output(shell, command_id)
    protocol.cleanup_command(shell, command_id)
    results.append({"stdout": base64.b64encode(stdout).decode(), "stderr": base64.b64encode(stderr).decode(),
                    "exit": code})
protocol.close_shell(shell)
print(json.dumps({"shell": shell, "encrypted": protocol.transport.encryption is not None, "results": results}))
