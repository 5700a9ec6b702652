#!/usr/bin/env python3
"""Sample GoPlug plugin demo/hello-py, written with the Python standard library only.

It speaks the GoPlug wire protocol the way the original Go plugin does (HTTP/1.1 with keep-alive
on a Unix socket, announced by a .pconf in Go's exact format), so any GoPlug host can drive it:

  Hello             -> "Hello, <body>!" ("world" when the body is empty); also notifies the
                       callback "greeted" with the name
  Activate          -> ["Hello","","","",""] (one "" per built-in, as Go lists them)
  /.well-known/goplug/describe -> DESCRIBE below: what Hello does and an example, and the
                       callback "greeted" (the describe extension; see docs/PROTOCOL.md)
  Ping              -> the body, byte for byte
  RegisterCallback  -> body is a JSON string naming the callback; the answer is held until a
                       notification for that name (kept in order, at most 10,000 per name,
                       oldest dropped first); 503 when the plugin stops meanwhile. One that
                       waited in the queue says how long in Goplug-Queued-Ms. A Go host names
                       callbacks by Go function name: "main.greeted" is served as "greeted".
  Stop              -> answered 200, then the plugin removes its .pconf and socket and exits 0

Usage: python3 hello.py [--dir DIR]   (default: $GOPLUG_PLUGIN_DIR)
SIGTERM and SIGINT stop it the same way as Stop. stdout carries one line once it is ready:
"goplug: demo/hello-py ready on <sock>".
"""

import argparse
import collections
import contextlib
import json
import os
import signal
import socket
import socketserver
import stat
import sys
import tempfile
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler

NAMESPACE = "demo"
NAME = "hello-py"
PLUGIN_ID = NAMESPACE + "/" + NAME
METHODS = ("Hello",)
BUILT_INS = ("Activate", "Stop", "RegisterCallback", "Ping")
MAX_QUEUED_NOTIFICATIONS = 10_000
MAX_BODY_BYTES = 64 * 1024 * 1024
# sun_path is 108 bytes on Linux (104 on macOS/BSD), the terminating NUL included.
MAX_SOCKET_PATH_BYTES = 107 if sys.platform.startswith("linux") else 103
STOP_GRACE_SECONDS = 2.0
DESCRIBE_PATH = "/.well-known/goplug/describe"
CALLBACKS = ("greeted",)
DESCRIBE = {
    "version": 1,
    "methods": [{
        "name": "Hello",
        "description": "Answers \"Hello, <body>!\" (\"world\" when the body is empty) and notifies greeted with the name.",
        "example": {"body": "Ada", "contentType": "text/plain"},
    }],
    "callbacks": [{
        "name": "greeted",
        "description": "After each Hello: the name that was greeted, as text.",
        "example": {"body": "Ada", "contentType": "text/plain"},
    }],
}


class StartError(Exception):
    """A reason not to start, printed as one line on stderr."""


class Notifications:
    """Per callback name: a bounded FIFO of notifications and the long-polls waiting for them."""

    def __init__(self):
        self._lock = threading.Lock()
        self._arrived = {}  # name -> Condition on _lock, signalled when a notification is queued
        self._queues = {}
        self._polls_done = threading.Condition(self._lock)
        self._active_polls = 0
        self._stopping = False

    def push(self, name, body):
        with self._lock:
            queue = self._queues.setdefault(name, collections.deque())
            if len(queue) >= MAX_QUEUED_NOTIFICATIONS:
                queue.popleft()
                print(f"goplug: {PLUGIN_ID}: notification queue for {name!r} is full; dropped the oldest",
                      file=sys.stderr, flush=True)
            queue.append((body, time.monotonic()))
            # notify() wakes the longest-waiting poll for this name: polls are answered in arrival order.
            self._condition(name).notify()

    @contextlib.contextmanager
    def polling(self):
        """Counts a long-poll from its start until its answer is written, so stop can wait for it."""
        with self._lock:
            self._active_polls += 1
        try:
            yield
        finally:
            with self._lock:
                self._active_polls -= 1
                self._polls_done.notify_all()

    def wait(self, name):
        """(body, ms it waited queued or None when it came live), or None when the plugin stops first."""
        with self._lock:
            queue = self._queues.setdefault(name, collections.deque())
            waited_for_it = not queue
            self._condition(name).wait_for(lambda: queue or self._stopping)
            if self._stopping:
                return None
            body, queued_at = queue.popleft()
            return body, None if waited_for_it else int((time.monotonic() - queued_at) * 1000)

    def stop(self):
        """Ends every waiting poll and waits (bounded) until their answers are written."""
        with self._lock:
            self._stopping = True
            for condition in self._arrived.values():
                condition.notify_all()
            self._polls_done.wait_for(lambda: self._active_polls == 0, timeout=STOP_GRACE_SECONDS)

    def _condition(self, name):
        return self._arrived.setdefault(name, threading.Condition(self._lock))


class Plugin:
    def __init__(self, folder):
        self.folder = folder
        self.stem = NAMESPACE + NAME
        self.sock = os.path.join(folder, self.stem + ".sock")
        self.pconf = os.path.join(folder, self.stem + ".pconf")
        self.notifications = Notifications()
        self.server = None
        self._stop_once = threading.Lock()

    def start(self):
        size = len(os.fsencode(self.sock))
        if size > MAX_SOCKET_PATH_BYTES:
            raise StartError(f"the socket path is {size} bytes long; a Unix socket address allows at most "
                             f"{MAX_SOCKET_PATH_BYTES} bytes: {self.sock}")
        os.makedirs(self.folder, mode=0o700, exist_ok=True)
        clear_stale_socket(self.sock)
        previous = os.umask(0o177)  # the socket is 0600 from the moment it exists
        try:
            self.server = Server(self.sock, Handler)
        finally:
            os.umask(previous)
        self.server.plugin = self
        try:
            write_pconf_atomic(self.folder, self.pconf, self.sock)
        except BaseException:
            self.server.server_close()
            os.unlink(self.sock)
            raise

    def request_stop(self):
        """Safe from a handler thread or a signal handler: shutdown() must not run on the serving thread."""
        if self._stop_once.acquire(blocking=False):
            threading.Thread(target=self.server.shutdown, daemon=True).start()

    def finish(self):
        """After serve_forever returned: remove the files, stop accepting, end long-polls.

        The files go first, while our listening socket still refuses a second instance: once the
        socket path is free, a new instance may use it, and nothing here touches it any more.
        """
        for path in (self.pconf, self.sock):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(path)
        self.server.server_close()
        self.notifications.stop()


class Server(socketserver.ThreadingUnixStreamServer):
    daemon_threads = True  # idle keep-alive connections must not keep the process alive


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, like Go's server

    def log_message(self, format, *args):  # noqa: A002 - the base class names it so
        # Quiet: stdout carries only the readiness line (and client_address is '' on Unix sockets).
        pass

    def handle_request(self):
        # The request line's target as sent: self.path has leading "//" collapsed (Python 3.11+),
        # and Go answers "//Activate" with a redirect.
        target = self.requestline.split(" ")[1] if self.requestline.count(" ") >= 2 else self.path
        raw_path, _, query = target.partition("?")
        path = urllib.parse.unquote(raw_path)
        clean = clean_path(path)
        body = self.read_body()
        if body is None:
            return
        if clean != path:
            location = urllib.parse.quote(clean) + ("?" + query if query else "")
            return self.reply(301, headers={"Location": location})
        if clean == DESCRIBE_PATH:
            return self.reply(200, go_json(DESCRIBE).encode(), content_type="application/json")
        name = clean.split("/")[1]
        if name == "Activate":
            names = list(METHODS) + [""] * len(BUILT_INS)
            return self.reply(200, go_json(names).encode())
        if name == "Ping":
            return self.reply(200, body)
        if name == "RegisterCallback":
            return self.register_callback(body)
        if name == "Stop":
            # The Go plugin exits without answering; we answer first, then stop.
            self.reply(200, close=True)
            return self.server.plugin.request_stop()
        if name == "Hello":
            who = body.decode("utf-8", "replace") or "world"
            self.server.plugin.notifications.push("greeted", who.encode())
            return self.reply(200, f"Hello, {who}!".encode())
        return self.reply(400)  # unknown method or empty path, as Go answers

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = handle_request

    def register_callback(self, body):
        try:
            name = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            name = None
        if not isinstance(name, str):
            # The Go plugin exits(1) here; a bad request should not kill a plugin.
            got = json.dumps(body[:100].decode("utf-8", "replace"))
            return self.reply(400, f"RegisterCallback needs a JSON string naming the callback, "
                                   f"e.g. \"greeted\"; got {got}".encode())
        if name not in CALLBACKS and "." in name:
            name = name.rsplit(".", 1)[1]  # a Go host's function name: "main.greeted"
        notifications = self.server.plugin.notifications
        with notifications.polling():
            notification = notifications.wait(name)
            if notification is None:
                return self.reply(503, close=True)
            body, queued_ms = notification
            headers = {} if queued_ms is None else {"Goplug-Queued-Ms": str(queued_ms)}
            self.reply(200, body, headers=headers)

    def read_body(self):
        """The whole body, or None after answering a body this plugin will not read."""
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            self.reply(411, b"Send the body with a Content-Length; chunked bodies are not supported", close=True)
            return None
        try:
            length = int(self.headers.get("Content-Length", "0"))
        except ValueError:
            length = -1
        if length < 0:
            self.reply(400, b"Content-Length is not a number of bytes", close=True)
            return None
        if length > MAX_BODY_BYTES:
            self.reply(413, f"Request body is larger than {MAX_BODY_BYTES} bytes, the most this plugin accepts"
                       .encode(), close=True)
            return None
        return self.rfile.read(length)

    def reply(self, status, body=b"", headers=None, close=False, content_type="text/plain; charset=utf-8"):
        """Like Go's net/http: Content-Length always, Content-Type only with a body."""
        try:
            self.send_response(status)
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            if body:
                self.send_header("Content-Type", content_type)
            if close:
                self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the caller hung up; nothing left to answer


def clean_path(path):
    """Go's cleanPath: rooted, '.', '..' and '//' resolved, a trailing slash kept."""
    parts = []
    for segment in path.split("/"):
        if segment == "..":
            if parts:
                parts.pop()
        elif segment not in ("", "."):
            parts.append(segment)
    clean = "/" + "/".join(parts)
    if path.endswith("/") and clean != "/":
        clean += "/"
    return clean


def go_json(value):
    """Compact JSON as Go's encoding/json writes it (UTF-8, with <, >, &, U+2028, U+2029 escaped)."""
    text = json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    for char in "<>&\u2028\u2029":
        text = text.replace(char, "\\u%04x" % ord(char))
    return text


def clear_stale_socket(sock):
    """Removes a socket left by a killed plugin; refuses one a live process answers on."""
    try:
        mode = os.lstat(sock).st_mode
    except FileNotFoundError:
        return
    if not stat.S_ISSOCK(mode):
        raise StartError(f"{sock} exists and is not a socket; refusing to replace it")
    probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    probe.settimeout(2.0)
    try:
        probe.connect(sock)
    except (ConnectionRefusedError, FileNotFoundError):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(sock)
        return
    except OSError as err:
        raise StartError(f"could not tell whether {sock} is in use: {err}") from err
    finally:
        probe.close()
    raise StartError(f"another process is already serving {sock}; refusing to replace it")


def write_pconf_atomic(folder, path, sock):
    """The .pconf exactly as the Go plugin writes it, via a temp file and a rename."""
    conf = {"Name": NAME, "NameSpace": NAMESPACE, "Url": "unix://" + NAMESPACE + NAME, "Sock": sock,
            "LazyLoad": False}
    fd, tmp = tempfile.mkstemp(dir=folder, prefix="." + NAMESPACE + NAME + ".", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(go_json(conf).encode())
            file.flush()
            os.fsync(file.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def main():
    parser = argparse.ArgumentParser(description="GoPlug sample plugin demo/hello-py")
    parser.add_argument("--dir", help="plugin folder (default: $GOPLUG_PLUGIN_DIR)")
    args = parser.parse_args()
    folder = args.dir or os.environ.get("GOPLUG_PLUGIN_DIR")
    if not folder:
        print(f"goplug: {PLUGIN_ID} could not start: no plugin folder; pass --dir DIR or set GOPLUG_PLUGIN_DIR",
              file=sys.stderr)
        return 1
    plugin = Plugin(os.path.abspath(folder))
    try:
        plugin.start()
    except (StartError, OSError) as err:
        print(f"goplug: {PLUGIN_ID} could not start: {err}", file=sys.stderr)
        return 1
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: plugin.request_stop())
    print(f"goplug: {PLUGIN_ID} ready on {plugin.sock}", flush=True)
    plugin.server.serve_forever()
    plugin.finish()
    return 0


if __name__ == "__main__":
    sys.exit(main())
