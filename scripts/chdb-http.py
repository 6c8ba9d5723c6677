"""ClickHouse's HTTP interface over chdb's in-process engine, for tests only (see scripts/chdb-http).

Answers the subset Perch's ClickHouse client uses: GET /ping; GET or POST / with the statement in
the `query` URL parameter, the request body, or both (an INSERT's data follows the statement, as
ClickHouse reads it; binary data, as RowBinary, goes through a file: `INSERT ... FROM INFILE`, since
a statement is text); `database` and any other URL parameter taken as a setting for that one
request; gzip request bodies; output in the format the statement names (TabSeparated otherwise);
errors as HTTP 500 carrying the engine's exception text and its code in X-ClickHouse-Exception-Code.
Statements run one at a time on one chdb session.
"""

import gzip
import os
import re
import sys
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

from chdb import session

# URL parameters ClickHouse's HTTP handler reads itself rather than as settings.
NOT_SETTINGS = {
    "query", "database", "user", "password", "query_id", "session_id", "session_timeout",
    "session_check", "compress", "decompress", "default_format", "wait_end_of_query",
}
SETTING_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
# An INSERT whose data is binary: chdb takes statements as text, so the data is read from a file.
BINARY_INSERT = re.compile(r"^\s*(INSERT\b.*?)\s+FORMAT\s+(RowBinary\w*|Native)\s*$", re.IGNORECASE | re.DOTALL)


class Engine:
    def __init__(self, path):
        self.session = session.Session(path)
        self.lock = threading.Lock()

    def run(self, sql, database, settings):
        with self.lock:
            self.session.query(f"USE `{database}`")
            assignments = ", ".join(f"{name} = {quote(value)}" for name, value in settings)
            if assignments:
                self.session.query(f"SET {assignments}")
            try:
                return self.session.query(sql, "TabSeparated").bytes()
            finally:
                if settings:
                    self.session.query("SET " + ", ".join(f"{name} = DEFAULT" for name, _ in settings))


def quote(value):
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    engine = None

    def do_GET(self):
        self.handle_query(b"")

    def do_POST(self):
        body = self.read_body()
        if self.headers.get("Content-Encoding", "").lower() == "gzip":
            body = gzip.decompress(body)
        self.handle_query(body)

    def read_body(self):
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b";")[0], 16)
                if size == 0:
                    self.rfile.readline()
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        return self.rfile.read(int(self.headers.get("Content-Length", "0")))

    def handle_query(self, body):
        url = urlsplit(self.path)
        if url.path == "/ping":
            return self.answer(200, b"Ok.\n")
        params = parse_qsl(url.query, keep_blank_values=True)
        query = next((value for name, value in params if name == "query"), "")
        database = next((value for name, value in params if name == "database"), "default")
        settings = [(name, value) for name, value in params if name not in NOT_SETTINGS]
        if any(not SETTING_NAME.match(name) for name, _ in settings):
            return self.answer(500, b"Code: 115. DB::Exception: Unknown setting name\n", code="115")
        binary = BINARY_INSERT.match(query) if body else None
        data_file = None
        if binary:
            with tempfile.NamedTemporaryFile(prefix="chdb-http-", suffix=".bin", delete=False) as data:
                data.write(body)
                data_file = data.name
            sql = f"{binary.group(1)} FROM INFILE '{data_file}' FORMAT {binary.group(2)}"
        else:
            text = body.decode("utf-8")
            sql = f"{query}\n{text}" if query and text else (query or text)
        try:
            output = self.engine.run(sql, database, settings)
        except Exception as error:  # chdb raises its own ChdbError (and RuntimeError in older wheels)
            message = str(error).strip()
            code = re.match(r"Code: (\d+)", message)
            return self.answer(500, (message + "\n").encode(), code=code.group(1) if code else "1000")
        finally:
            if data_file:
                os.unlink(data_file)
        self.answer(200, output)

    def answer(self, status, payload, code=None):
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=UTF-8")
        self.send_header("Content-Length", str(len(payload)))
        if code:
            self.send_header("X-ClickHouse-Exception-Code", code)
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, format, *args):
        pass


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: chdb-http.py DATA_DIR PORT")
    Handler.engine = Engine(sys.argv[1])
    server = ThreadingHTTPServer(("127.0.0.1", int(sys.argv[2])), Handler)
    server.daemon_threads = True
    server.serve_forever()


if __name__ == "__main__":
    main()
