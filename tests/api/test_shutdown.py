"""SIGTERM shuts the server down gracefully: requests in flight get whole answers, the process
exits 0 promptly, and the data written before is intact after a restart."""
import http.client
import signal
import threading
import time

from conftest import running_server


def hammer(srv, stop, results):
    """Keep-alive GETs until the server goes away; records what each answer looked like."""
    conn = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=10)
    headers = {"Authorization": f"Bearer {srv.admin_token}"}
    while not stop.is_set():
        try:
            conn.request("GET", "/taiga/api/folder/public", headers=headers)
            r = conn.getresponse()
            body = r.read()
            results.append((r.status, len(body) == int(r.getheader("Content-Length", "-1"))))
            if r.getheader("Connection", "").lower() == "close":
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=10)
        except (ConnectionError, http.client.HTTPException, OSError):
            results.append(("closed", True))
            return


def test_sigterm_finishes_in_flight_requests_and_exits_zero():
    with running_server() as srv:
        stop = threading.Event()
        results = []
        threads = [threading.Thread(target=hammer, args=(srv, stop, results)) for _ in range(8)]
        for t in threads:
            t.start()
        time.sleep(0.5)
        srv.proc.send_signal(signal.SIGTERM)
        start = time.monotonic()
        code = srv.proc.wait(timeout=15)
        elapsed = time.monotonic() - start
        stop.set()
        for t in threads:
            t.join(timeout=15)
        srv.running = False
        assert code == 0, srv.log()[-2000:]
        assert elapsed < 5, f"shutdown took {elapsed:.1f}s"
        answered = [r for r in results if r[0] != "closed"]
        assert len(answered) > 50
        assert all(status == 200 and whole for status, whole in answered), \
            [r for r in answered if r != (200, True)][:5]
        assert "stopped" in srv.log()
        srv.start()  # the same data dir comes back
        assert srv.client(srv.admin_token).get("/folder/public").status_code == 200
