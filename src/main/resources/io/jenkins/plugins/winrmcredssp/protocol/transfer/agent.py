# POSIX agent of the winrm-credssp file transfer protocol (see FileTransfer's Javadoc for the frames and the
# conversation). Behaves exactly like agent.ps1; runs on the local test WinRM service. Started by a bootstrap that
# read this script from stdin and exec'd it with sys, IN (stdin) and OUT (stdout) defined.
import errno
import hashlib
import os
import struct

MAX_PAYLOAD = 16 << 20
GREETING = b"winrm-credssp-transfer 1"
READ_SIZE = 64 * 1024


class ProtocolError(Exception):
    pass


class AgentError(Exception):
    def __init__(self, reason, index, path, message):
        super().__init__(message)
        self.reason, self.index, self.path, self.message = reason, index, path, message


def read_exact(n):
    data = IN.read(n)
    if data is None or len(data) != n:
        raise ProtocolError("stdin ended inside a frame")
    return data


def read_frame():
    header = IN.read(5)
    if not header:
        return None, None
    if len(header) != 5:
        raise ProtocolError("stdin ended inside a frame header")
    length = struct.unpack(">I", header[1:])[0]
    if length > MAX_PAYLOAD:
        raise ProtocolError("frame of %d bytes is over the limit" % length)
    return header[0:1], read_exact(length)


def write_frame(kind, payload):
    OUT.write(kind + struct.pack(">I", len(payload)) + payload)
    OUT.flush()


def write_text(kind, text):
    write_frame(kind, text.encode("utf-8"))


def reason_of(error):
    code = getattr(error, "errno", None)
    if code in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "PERMISSION_DENIED"
    if code == errno.ENAMETOOLONG:
        return "PATH_TOO_LONG"
    if code in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return "DISK_FULL"
    if code in (errno.ENOTDIR, errno.EISDIR, errno.EEXIST):
        return "NOT_A_DIRECTORY"
    if code == errno.ENOENT:
        return "NOT_FOUND"
    if code in (errno.ETXTBSY, errno.EBUSY):
        return "FILE_IN_USE"
    return "IO_ERROR"


def check_relative(rel):
    parts = rel.split("/")
    if (not rel or rel.startswith("/") or "\0" in rel or "\\" in rel or ":" in rel
            or any(p in ("", ".", "..") for p in parts)):
        raise AgentError("INVALID_PATH", -1, rel, "relative path refused: %r" % rel)


def join(root, rel):
    return root.rstrip("/") + "/" + rel if root not in ("", "/") else "/" + rel


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(READ_SIZE), b""):
            digest.update(block)
    return digest.hexdigest()


def decide(policy, kind, size, sha, path):
    if kind == "D":
        return "DIR"
    if policy == "ALWAYS" or not os.path.lexists(path):
        return "SEND"
    if policy == "NEVER":
        return "SKIP_EXISTING"
    try:
        if os.path.isfile(path) and os.path.getsize(path) == size and sha256_of(path) == sha:
            return "SKIP_UNCHANGED"
    except OSError:
        pass
    return "SEND"


def temp_name(directory):
    return os.path.join(directory, ".wct-" + os.urandom(8).hex() + ".tmp")


class Upload:
    def __init__(self, manifest):
        lines = manifest.decode("utf-8").split("\n")
        version, self.policy, self.root = lines[0].split("\t", 2)
        if version != "1" or self.policy not in ("ALWAYS", "IF_CHANGED", "NEVER"):
            raise ProtocolError("unsupported manifest header %r" % lines[0])
        self.entries = []
        for line in lines[1:]:
            if line:
                kind, size, sha, rel = line.split("\t", 3)
                check_relative(rel)
                self.entries.append((kind, int(size), sha, rel))
        self.results = []
        self.temp = None
        self.handle = None

    def path(self, index):
        return join(self.root, self.entries[index][3])

    def fail(self, error, index):
        path = self.path(index) if index >= 0 else self.root
        return AgentError(reason_of(error), index, path, str(error.strerror or error))

    def run(self):
        decisions = [decide(self.policy, k, s, h, join(self.root, r)) for k, s, h, r in self.entries]
        write_text(b"N", "\n".join(decisions))
        for index, decision in enumerate(decisions):
            if decision == "DIR":
                try:
                    os.makedirs(self.path(index), exist_ok=True)
                except OSError as e:
                    raise self.fail(e, index)
                self.results.append("%d\tDIRECTORY\t0\t" % index)
        current = -1
        while True:
            kind, payload = read_frame()
            if kind is None:
                self.discard()
                raise ProtocolError("stdin ended before the quit frame")
            if kind == b"P":
                write_frame(b"K", payload)
            elif kind == b"B":
                current = int(payload)
                if decisions[current] != "SEND":
                    raise ProtocolError("file %d was not asked for" % current)
                self.begin(current)
            elif kind == b"C":
                self.write(current, payload)
            elif kind == b"E":
                self.end(current, payload.decode("ascii"))
            elif kind == b"A":
                self.discard()
            elif kind == b"Q":
                write_text(b"R", "\n".join(self.results))
                return
            else:
                raise ProtocolError("unexpected frame %r during upload" % kind)

    def begin(self, index):
        path = self.path(index)
        try:
            directory = os.path.dirname(path) or "."
            os.makedirs(directory, exist_ok=True)
            self.temp = temp_name(directory)
            self.handle = open(os.open(self.temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), "wb", buffering=0)
        except OSError as e:
            self.discard()
            raise self.fail(e, index)
        self.digest = hashlib.sha256()
        self.count = 0

    def write(self, index, data):
        if self.handle is None:
            raise ProtocolError("chunk outside a file")
        try:
            self.handle.write(data)
        except OSError as e:
            self.discard()
            raise self.fail(e, index)
        self.digest.update(data)
        self.count += len(data)

    def end(self, index, trailer):
        size, sha = trailer.split("\t")
        path = self.path(index)
        try:
            self.handle.close()
        except OSError as e:
            self.discard()
            raise self.fail(e, index)
        actual = self.digest.hexdigest()
        if self.count != int(size) or actual != sha:
            self.discard()
            raise AgentError("VERIFICATION_FAILED", index, path,
                             "received %d bytes with SHA-256 %s, expected %s bytes with %s"
                             % (self.count, actual, size, sha))
        try:
            os.replace(self.temp, path)
        except OSError as e:
            self.discard()
            raise self.fail(e, index)
        self.temp = self.handle = None
        self.results.append("%d\tCOPIED\t%d\t%s" % (index, self.count, actual))

    def discard(self):
        if self.handle is not None:
            try:
                self.handle.close()
            except OSError:
                pass
        if self.temp is not None:
            try:
                os.unlink(self.temp)
            except OSError:
                pass
        self.temp = self.handle = None


def download(payload):
    path = payload.decode("utf-8")
    try:
        with open(path, "rb") as f:
            size = os.fstat(f.fileno()).st_size
            write_text(b"S", str(size))
            digest = hashlib.sha256()
            for block in iter(lambda: f.read(READ_SIZE), b""):
                digest.update(block)
                write_frame(b"C", block)
    except OSError as e:
        raise AgentError(reason_of(e), 0, path, str(e.strerror or e))
    write_text(b"E", digest.hexdigest())


def drain():
    while IN.read(READ_SIZE):
        pass


def main():
    write_frame(b"V", GREETING)
    upload = None
    try:
        kind, payload = read_frame()
        if kind == b"U":
            upload = Upload(payload)
            upload.run()
        elif kind == b"G":
            download(payload)
        else:
            raise ProtocolError("expected an upload or get frame, got %r" % kind)
        write_frame(b"Z", b"")
        return 0
    except AgentError as e:
        if upload is not None:
            upload.discard()
        write_text(b"X", "%s\t%d\t%s\t%s" % (e.reason, e.index, e.path, e.message.replace("\n", " ")))
        drain()
        return 1
    except ProtocolError as e:
        if upload is not None:
            upload.discard()
        write_text(b"X", "PROTOCOL\t-1\t\t%s" % e)
        drain()
        return 2


sys.exit(main())
