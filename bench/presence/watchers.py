#!/usr/bin/env python3
"""Busy-lamp load for bench/presence.sh: many watching phones and the watched phones, in one process.

- registers the watched extensions (digest) with a Contact on the UAS socket, and answers their calls
  (INVITE -> 180 then 200 with SDP, BYE -> 200), noting when it sent each 180 and 200 and got each BYE;
- subscribes every watcher to K watched extensions (Event: dialog, digest on the 407), answers every NOTIFY
  with 200 and, for a NOTIFY about a call the UAS knows, notes how long after the UAS's own 180 (early),
  200 (confirmed) or received BYE (terminated) the watcher got it: the NOTIFY latency, measured on one clock;
- writes READY to stdout once every subscription has had its first NOTIFY, and on SIGTERM a JSON summary.

Everything on 127.0.0.1; bounded by the numbers it is given (no retries beyond one digest answer).
"""
import argparse, asyncio, hashlib, json, os, random, re, signal, socket, sys, time

SDP = ("v=0\r\no=bench 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
       "m=audio 9 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n")


def md5(s):
    return hashlib.md5(s.encode()).hexdigest()


def header(msg, name):
    m = re.search(r"^" + name + r"\s*:\s*(.*?)\r$", msg, re.M | re.I)
    return m.group(1) if m else None


def headers(msg, name):
    return re.findall(r"^" + name + r"\s*:\s*(.*?)\r$", msg, re.M | re.I)


def digest(challenge_values, method, uri, user, password):
    for c in challenge_values:
        if "MD5" in c.upper() or "algorithm" not in c:
            p = dict(re.findall(r'(\w+)="?([^",]*)"?', c))
            cnonce = "%08x" % random.getrandbits(32)
            ha1 = md5(f"{user}:{p['realm']}:{password}")
            ha2 = md5(f"{method}:{uri}")
            if "qop" in p:
                resp = md5(f"{ha1}:{p['nonce']}:00000001:{cnonce}:auth:{ha2}")
                return (f'Digest username="{user}", realm="{p["realm"]}", nonce="{p["nonce"]}", uri="{uri}", '
                        f'response="{resp}", algorithm=MD5, qop=auth, nc=00000001, cnonce="{cnonce}"')
            resp = md5(f"{ha1}:{p['nonce']}:{ha2}")
            return (f'Digest username="{user}", realm="{p["realm"]}", nonce="{p["nonce"]}", uri="{uri}", '
                    f'response="{resp}", algorithm=MD5')
    raise RuntimeError("no MD5 challenge in %r" % challenge_values)


class Endpoint(asyncio.DatagramProtocol):
    def __init__(self, load, role):
        self.load, self.role, self.transport = load, role, None

    def connection_made(self, transport):
        self.transport = transport

    def datagram_received(self, data, addr):
        self.load.received(self, data.decode("utf-8", "replace"), addr)


class Load:
    def __init__(self, a):
        self.a = a
        self.server = (a.host, a.port)
        self.pending = {}          # Call-ID -> future for the final response of our request
        self.t180, self.t200, self.tbye = {}, {}, {}
        self.lat = {"early": [], "confirmed": [], "terminated": []}
        self.seen = set()          # (watcher call-id, dialog call-id, state): one latency per NOTIFY kind
        self.notifies = 0
        self.first_notify = set()
        self.window_start = None
        self.window_notifies = 0

    def send(self, ep, text):
        ep.transport.sendto(text.encode(), self.server)

    def received(self, ep, msg, addr):
        if msg.startswith("SIP/2.0"):
            cid = header(msg, "Call-ID")
            code = int(msg.split(" ", 2)[1])
            f = self.pending.get(cid)
            if f is not None and not f.done() and code >= 200:
                f.set_result(msg)
            return
        method = msg.split(" ", 1)[0]
        if method == "NOTIFY":
            self.on_notify(ep, msg, addr)
        elif method == "INVITE":
            self.on_invite(ep, msg, addr)
        elif method == "BYE":
            self.tbye[header(msg, "Call-ID")] = time.monotonic()
            self.reply(ep, msg, addr, "200 OK", to_tag=None)
        elif method in ("ACK",):
            pass
        elif method in ("CANCEL", "OPTIONS"):
            self.reply(ep, msg, addr, "200 OK", to_tag=None)
        else:
            self.reply(ep, msg, addr, "405 Method Not Allowed", to_tag=None)

    def reply(self, ep, msg, addr, status, to_tag, extra="", body=""):
        lines = ["SIP/2.0 " + status]
        lines += ["Via: " + v for v in headers(msg, "Via")]
        lines += ["Record-Route: " + v for v in headers(msg, "Record-Route")]
        to = header(msg, "To")
        if to_tag and ";tag=" not in to:
            to += ";tag=" + to_tag
        lines += ["From: " + header(msg, "From"), "To: " + to, "Call-ID: " + header(msg, "Call-ID"),
                  "CSeq: " + header(msg, "CSeq")]
        if extra:
            lines.append(extra)
        lines.append("Content-Length: %d" % len(body.encode()))
        ep.transport.sendto(("\r\n".join(lines) + "\r\n\r\n" + body).encode(), addr)

    def on_invite(self, ep, msg, addr):
        cid = header(msg, "Call-ID")
        user = re.match(r"INVITE sip:([^@;]+)", msg).group(1)
        tag = "uas%x" % (hash(cid) & 0xffffff)
        contact = "Contact: <sip:%s@127.0.0.1:%d>" % (user, ep.transport.get_extra_info("sockname")[1])
        self.reply(ep, msg, addr, "180 Ringing", tag, contact)
        self.t180.setdefault(cid, time.monotonic())
        self.reply(ep, msg, addr, "200 OK", tag, contact + "\r\nContent-Type: application/sdp", SDP)
        self.t200.setdefault(cid, time.monotonic())

    def on_notify(self, ep, msg, addr):
        now = time.monotonic()
        self.reply(ep, msg, addr, "200 OK", to_tag=None)
        wcid = header(msg, "Call-ID")
        self.notifies += 1
        if self.window_start is not None:
            self.window_notifies += 1
        self.first_notify.add(wcid)
        body = msg.split("\r\n\r\n", 1)[1] if "\r\n\r\n" in msg else ""
        for d in re.finditer(r"<dialog\s([^>]*)>(.*?)</dialog>", body, re.S):
            m = re.search(r'call-id="([^"]+)"', d.group(1))
            s = re.search(r"<state[^>]*>\s*(\w+)\s*</state>", d.group(2))
            direction = re.search(r'direction="(\w+)"', d.group(1))
            if not m or not s or (direction and direction.group(1) != "recipient"):
                continue
            dcid, state = m.group(1), s.group(1)
            base = {"early": self.t180, "confirmed": self.t200, "terminated": self.tbye}.get(state, {}).get(dcid)
            key = (wcid, dcid, state)
            if base is not None and key not in self.seen:
                self.seen.add(key)
                self.lat[state].append((now - base) * 1000.0)

    async def request(self, ep, method, uri, user, extra, body_type=None, body=""):
        cid = "%s-%x@bench" % (method.lower(), random.getrandbits(48))
        port = ep.transport.get_extra_info("sockname")[1]
        auth = None
        for attempt, cseq in ((0, 1), (1, 2)):
            f = asyncio.get_running_loop().create_future()
            self.pending[cid] = f
            lines = ["%s %s SIP/2.0" % (method, uri),
                     "Via: SIP/2.0/UDP 127.0.0.1:%d;branch=z9hG4bK%x;rport" % (port, random.getrandbits(48)),
                     "Max-Forwards: 70",
                     "From: <sip:%s@%s>;tag=%x" % (user, self.a.domain, hash(cid) & 0xffffffff),
                     "To: <%s>" % (uri if method != "REGISTER" else "sip:%s@%s" % (user, self.a.domain)),
                     "Call-ID: " + cid, "CSeq: %d %s" % (cseq, method),
                     "Contact: <sip:%s@127.0.0.1:%d>" % (user, port)] + extra
            if auth:
                lines.append(auth)
            lines.append("Content-Length: 0")
            self.send(ep, "\r\n".join(lines) + "\r\n\r\n")
            try:
                resp = await asyncio.wait_for(f, 10)
            except asyncio.TimeoutError:
                return None
            code = int(resp.split(" ", 2)[1])
            if code in (401, 407) and attempt == 0:
                name = "WWW-Authenticate" if code == 401 else "Proxy-Authenticate"
                hdr = "Authorization" if code == 401 else "Proxy-Authorization"
                auth = hdr + ": " + digest(headers(resp, name), method, uri, user, self.a.password % user)
                continue
            return code
        return None

    async def run(self):
        loop = asyncio.get_running_loop()
        _, uas = await loop.create_datagram_endpoint(lambda: Endpoint(self, "uas"), local_addr=("127.0.0.1", 0))
        _, wat = await loop.create_datagram_endpoint(lambda: Endpoint(self, "watch"), local_addr=("127.0.0.1", 0))
        for ep in (uas, wat):
            ep.transport.get_extra_info("socket").setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8 << 20)
        watched = [str(self.a.first_watched + i) for i in range(self.a.watched)]
        sem = asyncio.Semaphore(self.a.parallel)

        async def limited(coro):
            async with sem:
                return await coro

        regs = await asyncio.gather(*[limited(self.request(uas, "REGISTER", "sip:" + self.a.domain, u,
                                                          ["Expires: 3600"])) for u in watched])
        if regs.count(200) != len(watched):
            print("REGISTER failed: %s" % {c: regs.count(c) for c in set(regs)}, file=sys.stderr, flush=True)
        subs = []
        for w in range(self.a.watchers):
            user = str(self.a.first_watcher + w)
            for j in range(self.a.per_watcher):
                target = watched[(w + j) % len(watched)]
                subs.append(limited(self.request(wat, "SUBSCRIBE", "sip:%s@%s" % (target, self.a.domain), user,
                                                 ["Event: dialog", "Accept: application/dialog-info+xml",
                                                  "Expires: 3600"])))
        codes = await asyncio.gather(*subs)
        ok = sum(1 for c in codes if c is not None and 200 <= c < 300)
        deadline = time.monotonic() + 60
        while len(self.first_notify) < ok and time.monotonic() < deadline:
            await asyncio.sleep(0.2)
        self.subscribed = ok
        self.failed_subscriptions = len(codes) - ok
        self.window_start = time.monotonic()
        print("READY subscriptions=%d failed=%d first_notifies=%d" % (ok, len(codes) - ok, len(self.first_notify)),
              flush=True)
        stop = asyncio.Event()
        loop.add_signal_handler(signal.SIGTERM, stop.set)
        await asyncio.wait_for(stop.wait(), self.a.max_seconds)

    def summary(self):
        def pct(xs, p):
            if not xs:
                return None
            xs = sorted(xs)
            return round(xs[min(len(xs) - 1, int(len(xs) * p / 100.0))], 2)
        elapsed = time.monotonic() - self.window_start if self.window_start else 0
        out = {"subscriptions": getattr(self, "subscribed", 0),
               "failed_subscriptions": getattr(self, "failed_subscriptions", 0),
               "notifies_total": self.notifies, "notifies_in_window": self.window_notifies,
               "window_seconds": round(elapsed, 2), "calls_answered": len(self.t200)}
        for state, xs in self.lat.items():
            out["latency_" + state] = {"n": len(xs), "p50": pct(xs, 50), "p95": pct(xs, 95), "p99": pct(xs, 99),
                                       "max": round(max(xs), 2) if xs else None}
        return out


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--domain", required=True)
    p.add_argument("--password", default="secret-%s", help="printf pattern of each user's SIP password")
    p.add_argument("--first-watched", type=int, default=4000)
    p.add_argument("--watched", type=int, default=200)
    p.add_argument("--first-watcher", type=int, default=5000)
    p.add_argument("--watchers", type=int, default=200)
    p.add_argument("--per-watcher", type=int, default=20)
    p.add_argument("--parallel", type=int, default=50)
    p.add_argument("--max-seconds", type=int, default=600)
    p.add_argument("--out", required=True)
    a = p.parse_args()
    load = Load(a)
    try:
        asyncio.run(load.run())
    except asyncio.TimeoutError:
        pass
    with open(a.out, "w") as f:
        json.dump(load.summary(), f, indent=1)


if __name__ == "__main__":
    main()
