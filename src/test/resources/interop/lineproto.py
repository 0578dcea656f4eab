"""Line protocol shared by the interop peer scripts (driven by testsupport.PythonPeer on the Java side).

One request per line on stdin, one reply per line on stdout; binary values travel as base64, '-' means none
and '.' an empty value.

  STEP <token|->          -> CONTINUE <token|->  |  COMPLETE <token|->
  WRAP <data>             -> OK <token>          (confidentiality requested)
  UNWRAP <token>          -> OK <data>
  MIC <data>              -> OK <mic>
  VERIFY <data> <mic>     -> OK -
  PEER                    -> OK <utf-8 name of the authenticated peer>
  RESET                   -> OK -                (restart the sealing key streams, MS-SPNG 3.3.5.1)
  QUIT                    -> (exit 0)

Any failure answers  ERROR <one-line description>  and the peer keeps running.
"""
import base64
import sys


def decode(arg):
    if arg in (None, '-'):
        return None
    return b'' if arg == '.' else base64.b64decode(arg, validate=True)


def encode(data):
    if data is None:
        return '-'
    return '.' if len(data) == 0 else base64.b64encode(data).decode('ascii')


class Unsupported(Exception):
    pass


def serve(peer):
    """Reads commands until QUIT or end of input; peer has step/wrap/unwrap/mic/verify/peer/reset methods."""
    for line in sys.stdin:
        parts = line.split()
        if not parts:
            continue
        verb, args = parts[0].upper(), parts[1:]
        if verb == 'QUIT':
            return
        try:
            reply = dispatch(peer, verb, args)
        except Exception as e:  # every failure is a reply, never a dead peer
            reply = 'ERROR ' + ' '.join(('%s: %s' % (type(e).__name__, e)).split())
        sys.stdout.write(reply + '\n')
        sys.stdout.flush()


def dispatch(peer, verb, args):
    if verb == 'STEP':
        token, complete = peer.step(decode(args[0] if args else None))
        return ('COMPLETE ' if complete else 'CONTINUE ') + encode(token)
    if verb == 'WRAP':
        return 'OK ' + encode(peer.wrap(decode(args[0])))
    if verb == 'UNWRAP':
        return 'OK ' + encode(peer.unwrap(decode(args[0])))
    if verb == 'MIC':
        return 'OK ' + encode(peer.mic(decode(args[0])))
    if verb == 'VERIFY':
        peer.verify(decode(args[0]), decode(args[1]))
        return 'OK -'
    if verb == 'PEER':
        return 'OK ' + encode(peer.peer().encode('utf-8'))
    if verb == 'RESET':
        peer.reset()
        return 'OK -'
    raise Unsupported('unknown command ' + verb)
